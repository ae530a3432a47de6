// RUN: lowbit-opt %s --split-input-file --lb-fuse-bias | FileCheck %s

// CHECK-LABEL: func.func @row_bias
// CHECK: "lb.gemm"(%arg0, %{{.*}}, %{{.*}}) {alpha = 1.000000e+00 : f32, beta = 1.000000e+00 : f32, trans_a = 0 : i64, trans_b = 0 : i64}
// CHECK-NOT: lb.add
func.func @row_bias(%x: tensor<2x3xf32>) -> tensor<2x4xf32> {
  %w = "lb.constant"() {value = dense<0.5> : tensor<3x4xf32>} : () -> tensor<3x4xf32>
  %b = "lb.constant"() {value = dense<[1.0, 2.0, 3.0, 4.0]> : tensor<4xf32>} : () -> tensor<4xf32>
  %m = "lb.matmul"(%x, %w) : (tensor<2x3xf32>, tensor<3x4xf32>) -> tensor<2x4xf32>
  %y = "lb.add"(%b, %m) : (tensor<4xf32>, tensor<2x4xf32>) -> tensor<2x4xf32>
  return %y : tensor<2x4xf32>
}

// -----

// A column vector or a full matrix is not a bias; a batched matmul stays.
// CHECK-LABEL: func.func @not_a_bias
// CHECK-NOT: lb.gemm
// CHECK: "lb.add"
// CHECK: "lb.add"
func.func @not_a_bias(%x: tensor<4x3xf32>, %z: tensor<2x4x3xf32>) -> (tensor<4x4xf32>, tensor<2x4x4xf32>) {
  %w = "lb.constant"() {value = dense<0.5> : tensor<3x4xf32>} : () -> tensor<3x4xf32>
  %c = "lb.constant"() {value = dense<1.0> : tensor<4x1xf32>} : () -> tensor<4x1xf32>
  %b = "lb.constant"() {value = dense<1.0> : tensor<4xf32>} : () -> tensor<4xf32>
  %m = "lb.matmul"(%x, %w) : (tensor<4x3xf32>, tensor<3x4xf32>) -> tensor<4x4xf32>
  %y = "lb.add"(%m, %c) : (tensor<4x4xf32>, tensor<4x1xf32>) -> tensor<4x4xf32>
  %n = "lb.matmul"(%z, %w) : (tensor<2x4x3xf32>, tensor<3x4xf32>) -> tensor<2x4x4xf32>
  %v = "lb.add"(%n, %b) : (tensor<2x4x4xf32>, tensor<4xf32>) -> tensor<2x4x4xf32>
  return %y, %v : tensor<4x4xf32>, tensor<2x4x4xf32>
}

// -----

// The matmul result is used twice: fusing would compute it twice.
// CHECK-LABEL: func.func @shared
// CHECK: "lb.matmul"
// CHECK: "lb.add"
func.func @shared(%x: tensor<2x3xf32>) -> (tensor<2x4xf32>, tensor<2x4xf32>) {
  %w = "lb.constant"() {value = dense<0.5> : tensor<3x4xf32>} : () -> tensor<3x4xf32>
  %b = "lb.constant"() {value = dense<1.0> : tensor<4xf32>} : () -> tensor<4xf32>
  %m = "lb.matmul"(%x, %w) : (tensor<2x3xf32>, tensor<3x4xf32>) -> tensor<2x4xf32>
  %y = "lb.add"(%m, %b) : (tensor<2x4xf32>, tensor<4xf32>) -> tensor<2x4xf32>
  return %y, %m : tensor<2x4xf32>, tensor<2x4xf32>
}
