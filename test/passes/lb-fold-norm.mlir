// RUN: lowbit-opt %s --split-input-file --lb-fold-norm | FileCheck %s
// The gain and bias of a LayerNorm over the last axis move into the linear layers that consume it:
// (n g + b) W + c = n (diag(g) W) + (b W + c).

// CHECK-LABEL: func.func @matmul_and_gemm
func.func @matmul_and_gemm(%x: tensor<2x3xf32>) -> (tensor<2x2xf32>, tensor<2x2xf32>) {
  %g = "lb.constant"() {value = dense<[2.0, 0.5, 1.0]> : tensor<3xf32>} : () -> tensor<3xf32>
  %b = "lb.constant"() {value = dense<[1.0, 0.0, -1.0]> : tensor<3xf32>} : () -> tensor<3xf32>
  %w = "lb.constant"() {value = dense<[[1.0, 2.0], [3.0, 4.0], [5.0, 6.0]]> : tensor<3x2xf32>} : () -> tensor<3x2xf32>
  %v = "lb.constant"() {value = dense<[[1.0, 1.0, 1.0], [0.0, 2.0, 0.0]]> : tensor<2x3xf32>} : () -> tensor<2x3xf32>
  %c = "lb.constant"() {value = dense<[10.0, 20.0]> : tensor<2xf32>} : () -> tensor<2xf32>
  // CHECK-DAG: %[[ONE:.*]] = "lb.constant"() {value = dense<1.000000e+00> : tensor<3xf32>}
  // CHECK-DAG: %[[N:.*]] = "lb.layer_norm"(%arg0, %[[ONE]]) {axis = 1 : i64, epsilon = 9.99999974E-6 : f32}
  // rows of W scaled by g; b W = [1 - 5, 2 - 6] = [-4, -4]
  // CHECK-DAG: %[[W:.*]] = "lb.constant"() {value = dense<{{\[\[}}2.000000e+00, 4.000000e+00], [1.500000e+00, 2.000000e+00], [5.000000e+00, 6.000000e+00]]> : tensor<3x2xf32>}
  // CHECK-DAG: %[[BW:.*]] = "lb.constant"() {value = dense<-4.000000e+00> : tensor<2xf32>}
  // CHECK-DAG: %[[M:.*]] = "lb.matmul"(%[[N]], %[[W]])
  // CHECK-DAG: %[[Y0:.*]] = "lb.add"(%[[M]], %[[BW]])
  // gemm trans_b: columns of [N, K] scaled; b V + c = [10 + 0, 20 + 0] (1 - 1 = 0, 0)
  // CHECK-DAG: %[[V:.*]] = "lb.constant"() {value = dense<{{\[\[}}2.000000e+00, 5.000000e-01, 1.000000e+00], [0.000000e+00, 1.000000e+00, 0.000000e+00]]> : tensor<2x3xf32>}
  // CHECK-DAG: %[[C:.*]] = "lb.constant"() {value = dense<[1.000000e+01, 2.000000e+01]> : tensor<2xf32>}
  // CHECK-DAG: %[[Y1:.*]] = "lb.gemm"(%[[N]], %[[V]], %[[C]]) {alpha = 1.000000e+00 : f32, beta = 1.000000e+00 : f32, trans_a = 0 : i64, trans_b = 1 : i64}
  // CHECK: return %[[Y0]], %[[Y1]]
  %n = "lb.layer_norm"(%x, %g, %b) {axis = 1 : i64, epsilon = 1.0e-5 : f32} : (tensor<2x3xf32>, tensor<3xf32>, tensor<3xf32>) -> tensor<2x3xf32>
  %y0 = "lb.matmul"(%n, %w) : (tensor<2x3xf32>, tensor<3x2xf32>) -> tensor<2x2xf32>
  %y1 = "lb.gemm"(%n, %v, %c) {alpha = 1.0 : f32, beta = 1.0 : f32, trans_a = 0 : i64, trans_b = 1 : i64} : (tensor<2x3xf32>, tensor<2x3xf32>, tensor<2xf32>) -> tensor<2x2xf32>
  return %y0, %y1 : tensor<2x2xf32>, tensor<2x2xf32>
}

// -----

// Not folded: a user that is not a linear layer (the residual add reads the normalized value).
// CHECK-LABEL: func.func @other_user
// CHECK: "lb.layer_norm"(%arg0, %{{.*}}, %{{.*}})
func.func @other_user(%x: tensor<2x3xf32>) -> (tensor<2x2xf32>, tensor<2x3xf32>) {
  %g = "lb.constant"() {value = dense<[2.0, 0.5, 1.0]> : tensor<3xf32>} : () -> tensor<3xf32>
  %b = "lb.constant"() {value = dense<[1.0, 0.0, -1.0]> : tensor<3xf32>} : () -> tensor<3xf32>
  %w = "lb.constant"() {value = dense<1.0> : tensor<3x2xf32>} : () -> tensor<3x2xf32>
  %n = "lb.layer_norm"(%x, %g, %b) {axis = 1 : i64, epsilon = 1.0e-5 : f32} : (tensor<2x3xf32>, tensor<3xf32>, tensor<3xf32>) -> tensor<2x3xf32>
  %y0 = "lb.matmul"(%n, %w) : (tensor<2x3xf32>, tensor<3x2xf32>) -> tensor<2x2xf32>
  %r = "lb.add"(%n, %x) : (tensor<2x3xf32>, tensor<2x3xf32>) -> tensor<2x3xf32>
  return %y0, %r : tensor<2x2xf32>, tensor<2x3xf32>
}
