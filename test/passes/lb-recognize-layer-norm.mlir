// RUN: lowbit-opt %s --split-input-file --lb-recognize-layer-norm | FileCheck %s

// CHECK-LABEL: func.func @layer_norm
// CHECK: "lb.layer_norm"(%arg0, %{{.*}}, %{{.*}}) {axis = 1 : i64, epsilon = 9.99999974E-6 : f32}
// CHECK-NOT: lb.reduce_mean
func.func @layer_norm(%x: tensor<2x4xf32>) -> tensor<2x4xf32> {
  %eps = "lb.constant"() {value = dense<1.0e-5> : tensor<f32>} : () -> tensor<f32>
  %g = "lb.constant"() {value = dense<[1.0, 2.0, 3.0, 4.0]> : tensor<4xf32>} : () -> tensor<4xf32>
  %b = "lb.constant"() {value = dense<[0.5, 0.5, 0.5, 0.5]> : tensor<4xf32>} : () -> tensor<4xf32>
  %m = "lb.reduce_mean"(%x) {axes = array<i64: 1>, keepdims = 1 : i64} : (tensor<2x4xf32>) -> tensor<2x1xf32>
  %d = "lb.sub"(%x, %m) : (tensor<2x4xf32>, tensor<2x1xf32>) -> tensor<2x4xf32>
  %sq = "lb.mul"(%d, %d) : (tensor<2x4xf32>, tensor<2x4xf32>) -> tensor<2x4xf32>
  %v = "lb.reduce_mean"(%sq) {axes = array<i64: 1>, keepdims = 1 : i64} : (tensor<2x4xf32>) -> tensor<2x1xf32>
  %ve = "lb.add"(%v, %eps) : (tensor<2x1xf32>, tensor<f32>) -> tensor<2x1xf32>
  %s = "lb.sqrt"(%ve) : (tensor<2x1xf32>) -> tensor<2x1xf32>
  %n = "lb.div"(%d, %s) : (tensor<2x4xf32>, tensor<2x1xf32>) -> tensor<2x4xf32>
  %y = "lb.mul"(%n, %g) : (tensor<2x4xf32>, tensor<4xf32>) -> tensor<2x4xf32>
  %z = "lb.add"(%y, %b) : (tensor<2x4xf32>, tensor<4xf32>) -> tensor<2x4xf32>
  return %z : tensor<2x4xf32>
}

// -----

// RMS norm: no mean subtracted, no bias.
// CHECK-LABEL: func.func @rms_norm
// CHECK: "lb.rms_norm"(%arg0, %{{.*}}) {axis = 1 : i64
// CHECK-NOT: lb.sqrt
func.func @rms_norm(%x: tensor<2x4xf32>) -> tensor<2x4xf32> {
  %eps = "lb.constant"() {value = dense<1.0e-6> : tensor<1xf32>} : () -> tensor<1xf32>
  %g = "lb.constant"() {value = dense<2.0> : tensor<4xf32>} : () -> tensor<4xf32>
  %sq = "lb.mul"(%x, %x) : (tensor<2x4xf32>, tensor<2x4xf32>) -> tensor<2x4xf32>
  %v = "lb.reduce_mean"(%sq) {axes = array<i64: 1>, keepdims = 1 : i64} : (tensor<2x4xf32>) -> tensor<2x1xf32>
  %ve = "lb.add"(%eps, %v) : (tensor<1xf32>, tensor<2x1xf32>) -> tensor<2x1xf32>
  %s = "lb.sqrt"(%ve) : (tensor<2x1xf32>) -> tensor<2x1xf32>
  %n = "lb.div"(%x, %s) : (tensor<2x4xf32>, tensor<2x1xf32>) -> tensor<2x4xf32>
  %y = "lb.mul"(%g, %n) : (tensor<4xf32>, tensor<2x4xf32>) -> tensor<2x4xf32>
  return %y : tensor<2x4xf32>
}

// -----

// Reduced over a non-trailing axis: not a layer norm over trailing dims.
// CHECK-LABEL: func.func @leading_axis
// CHECK-NOT: lb.layer_norm
func.func @leading_axis(%x: tensor<2x4xf32>) -> tensor<2x4xf32> {
  %eps = "lb.constant"() {value = dense<1.0e-5> : tensor<f32>} : () -> tensor<f32>
  %m = "lb.reduce_mean"(%x) {axes = array<i64: 0>, keepdims = 1 : i64} : (tensor<2x4xf32>) -> tensor<1x4xf32>
  %d = "lb.sub"(%x, %m) : (tensor<2x4xf32>, tensor<1x4xf32>) -> tensor<2x4xf32>
  %sq = "lb.mul"(%d, %d) : (tensor<2x4xf32>, tensor<2x4xf32>) -> tensor<2x4xf32>
  %v = "lb.reduce_mean"(%sq) {axes = array<i64: 0>, keepdims = 1 : i64} : (tensor<2x4xf32>) -> tensor<1x4xf32>
  %ve = "lb.add"(%v, %eps) : (tensor<1x4xf32>, tensor<f32>) -> tensor<1x4xf32>
  %s = "lb.sqrt"(%ve) : (tensor<1x4xf32>) -> tensor<1x4xf32>
  %n = "lb.div"(%d, %s) : (tensor<2x4xf32>, tensor<1x4xf32>) -> tensor<2x4xf32>
  return %n : tensor<2x4xf32>
}
