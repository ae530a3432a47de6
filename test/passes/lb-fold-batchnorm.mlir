// RUN: lowbit-opt %s --lb-fold-batchnorm | FileCheck %s
// conv2d -> batchnorm with constant parameters folds into one conv2d.

// CHECK-LABEL: func.func @fold
func.func @fold(%x: tensor<1x1x3x3xf32>) -> tensor<1x2x3x3xf32> {
  %w = "lb.constant"() {value = dense<[[[[1.0]]], [[[2.0]]]]> : tensor<2x1x1x1xf32>} : () -> tensor<2x1x1x1xf32>
  %b = "lb.constant"() {value = dense<[1.0, 0.0]> : tensor<2xf32>} : () -> tensor<2xf32>
  %c = "lb.conv2d"(%x, %w, %b) {strides = array<i64: 1, 1>, pads = array<i64: 0, 0, 0, 0>, dilations = array<i64: 1, 1>, group = 1 : i64} : (tensor<1x1x3x3xf32>, tensor<2x1x1x1xf32>, tensor<2xf32>) -> tensor<1x2x3x3xf32>
  // scale = [2, 1], bias = [0.5, 0], mean = [1, 0], var = [3, 0] (eps 1): k = [1, 1]
  %s = "lb.constant"() {value = dense<[2.0, 1.0]> : tensor<2xf32>} : () -> tensor<2xf32>
  %bb = "lb.constant"() {value = dense<[0.5, 0.0]> : tensor<2xf32>} : () -> tensor<2xf32>
  %m = "lb.constant"() {value = dense<[1.0, 0.0]> : tensor<2xf32>} : () -> tensor<2xf32>
  %v = "lb.constant"() {value = dense<[3.0, 0.0]> : tensor<2xf32>} : () -> tensor<2xf32>
  %y = "lb.batchnorm"(%c, %s, %bb, %m, %v) {epsilon = 1.0 : f32} : (tensor<1x2x3x3xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>) -> tensor<1x2x3x3xf32>
  // k = scale / sqrt(var + eps) = [1, 1]; W' = W * k; b' = (b - mean) * k + bias = [0.5, 0]
  // CHECK-DAG: %[[W:.*]] = "lb.constant"() {value = dense<{{\[\[\[\[}}1.000000e+00]]], {{\[\[\[}}2.000000e+00]]]]> : tensor<2x1x1x1xf32>}
  // CHECK-DAG: %[[B:.*]] = "lb.constant"() {value = dense<[5.000000e-01, 0.000000e+00]> : tensor<2xf32>}
  // CHECK: %[[C:.*]] = "lb.conv2d"(%{{.*}}, %[[W]], %[[B]])
  // CHECK-NOT: lb.batchnorm
  // CHECK: return %[[C]]
  return %y : tensor<1x2x3x3xf32>
}

// -----
// A conv result with a second user cannot be folded.
// RUN: lowbit-opt %s --split-input-file --lb-fold-batchnorm | FileCheck --check-prefix=KEEP %s
// KEEP-LABEL: func.func @keep
// KEEP: "lb.batchnorm"
func.func @keep(%x: tensor<1x1x3x3xf32>) -> (tensor<1x1x3x3xf32>, tensor<1x1x3x3xf32>) {
  %w = "lb.constant"() {value = dense<1.0> : tensor<1x1x1x1xf32>} : () -> tensor<1x1x1x1xf32>
  %c = "lb.conv2d"(%x, %w) {strides = array<i64: 1, 1>, pads = array<i64: 0, 0, 0, 0>, dilations = array<i64: 1, 1>, group = 1 : i64} : (tensor<1x1x3x3xf32>, tensor<1x1x1x1xf32>) -> tensor<1x1x3x3xf32>
  %s = "lb.constant"() {value = dense<1.0> : tensor<1xf32>} : () -> tensor<1xf32>
  %y = "lb.batchnorm"(%c, %s, %s, %s, %s) {epsilon = 1.0e-5 : f32} : (tensor<1x1x3x3xf32>, tensor<1xf32>, tensor<1xf32>, tensor<1xf32>, tensor<1xf32>) -> tensor<1x1x3x3xf32>
  return %y, %c : tensor<1x1x3x3xf32>, tensor<1x1x3x3xf32>
}
