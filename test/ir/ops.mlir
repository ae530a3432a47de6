// RUN: lowbit-opt %s | lowbit-opt | FileCheck %s
// Every lb op parses, verifies and round-trips through lowbit-opt.

// CHECK-LABEL: func.func @float_ops
func.func @float_ops(%x: tensor<?x3x8x8xf32>, %m: tensor<2x4x5xf32>) -> tensor<?x4x4x4xf32> {
  %w = "lb.constant"() {value = dense<0.5> : tensor<4x3x3x3xf32>} : () -> tensor<4x3x3x3xf32>
  %b = "lb.constant"() {value = dense<0.1> : tensor<4xf32>} : () -> tensor<4xf32>
  // CHECK: "lb.conv2d"(%{{.*}}, %{{.*}}, %{{.*}}) {dilations = array<i64: 1, 1>, group = 1 : i64, pads = array<i64: 1, 1, 1, 1>, strides = array<i64: 1, 1>}
  %c = "lb.conv2d"(%x, %w, %b) {strides = array<i64: 1, 1>, pads = array<i64: 1, 1, 1, 1>, dilations = array<i64: 1, 1>, group = 1 : i64} : (tensor<?x3x8x8xf32>, tensor<4x3x3x3xf32>, tensor<4xf32>) -> tensor<?x4x8x8xf32>
  %s = "lb.constant"() {value = dense<1.0> : tensor<4xf32>} : () -> tensor<4xf32>
  // CHECK: "lb.batchnorm"
  %n = "lb.batchnorm"(%c, %s, %b, %b, %s) {epsilon = 1.0e-05 : f32} : (tensor<?x4x8x8xf32>, tensor<4xf32>, tensor<4xf32>, tensor<4xf32>, tensor<4xf32>) -> tensor<?x4x8x8xf32>
  // CHECK: "lb.relu"
  %r = "lb.relu"(%n) : (tensor<?x4x8x8xf32>) -> tensor<?x4x8x8xf32>
  // CHECK: "lb.clip"{{.*}}max = 6.000000e+00 : f32, min = 0.000000e+00 : f32
  %cl = "lb.clip"(%r) {min = 0.0 : f32, max = 6.0 : f32} : (tensor<?x4x8x8xf32>) -> tensor<?x4x8x8xf32>
  // CHECK: "lb.sigmoid"
  %sg = "lb.sigmoid"(%cl) : (tensor<?x4x8x8xf32>) -> tensor<?x4x8x8xf32>
  // CHECK: "lb.max_pool"
  %p = "lb.max_pool"(%sg) {kernel = array<i64: 2, 2>, strides = array<i64: 2, 2>, pads = array<i64: 0, 0, 0, 0>, dilations = array<i64: 1, 1>, ceil_mode = 0 : i64} : (tensor<?x4x8x8xf32>) -> tensor<?x4x4x4xf32>
  // CHECK: "lb.avg_pool"
  %a = "lb.avg_pool"(%p) {kernel = array<i64: 3, 3>, strides = array<i64: 1, 1>, pads = array<i64: 1, 1, 1, 1>, ceil_mode = 0 : i64, count_include_pad = 0 : i64} : (tensor<?x4x4x4xf32>) -> tensor<?x4x4x4xf32>
  // CHECK: "lb.global_avg_pool"
  %g = "lb.global_avg_pool"(%a) : (tensor<?x4x4x4xf32>) -> tensor<?x4x1x1xf32>
  // CHECK: "lb.add"
  %e1 = "lb.add"(%a, %g) : (tensor<?x4x4x4xf32>, tensor<?x4x1x1xf32>) -> tensor<?x4x4x4xf32>
  // CHECK: "lb.sub"
  %e2 = "lb.sub"(%e1, %a) : (tensor<?x4x4x4xf32>, tensor<?x4x4x4xf32>) -> tensor<?x4x4x4xf32>
  // CHECK: "lb.mul"
  %e3 = "lb.mul"(%e2, %e1) : (tensor<?x4x4x4xf32>, tensor<?x4x4x4xf32>) -> tensor<?x4x4x4xf32>
  // CHECK: "lb.div"
  %e4 = "lb.div"(%e3, %e1) : (tensor<?x4x4x4xf32>, tensor<?x4x4x4xf32>) -> tensor<?x4x4x4xf32>
  // CHECK: "lb.flatten"{{.*}}-> tensor<?x64xf32>
  %f = "lb.flatten"(%e4) {axis = 1 : i64} : (tensor<?x4x4x4xf32>) -> tensor<?x64xf32>
  // CHECK: "lb.reshape"{{.*}}shape = array<i64: -1, 4, 16>
  %rs = "lb.reshape"(%f) {shape = array<i64: -1, 4, 16>} : (tensor<?x64xf32>) -> tensor<?x4x16xf32>
  // CHECK: "lb.transpose"{{.*}}perm = array<i64: 0, 2, 1>
  %t = "lb.transpose"(%rs) {perm = array<i64: 0, 2, 1>} : (tensor<?x4x16xf32>) -> tensor<?x16x4xf32>
  // CHECK: "lb.softmax"
  %sm = "lb.softmax"(%t) {axis = -1 : i64} : (tensor<?x16x4xf32>) -> tensor<?x16x4xf32>
  %wm = "lb.constant"() {value = dense<1.0> : tensor<5x3xf32>} : () -> tensor<5x3xf32>
  // CHECK: "lb.matmul"{{.*}}-> tensor<2x4x3xf32>
  %mm = "lb.matmul"(%m, %wm) : (tensor<2x4x5xf32>, tensor<5x3xf32>) -> tensor<2x4x3xf32>
  %m2 = "lb.constant"() {value = dense<1.0> : tensor<4x5xf32>} : () -> tensor<4x5xf32>
  // CHECK: "lb.gemm"{{.*}}trans_b = 1
  %gm = "lb.gemm"(%m2, %m2, %b) {alpha = 1.0 : f32, beta = 1.0 : f32, trans_a = 0 : i64, trans_b = 1 : i64} : (tensor<4x5xf32>, tensor<4x5xf32>, tensor<4xf32>) -> tensor<4x4xf32>
  return %a : tensor<?x4x4x4xf32>
}

// CHECK-LABEL: func.func @integer_ops
func.func @integer_ops(%x: tensor<2x16xf32>) -> tensor<2x8xf32> {
  %s = "lb.constant"() {value = dense<0.05> : tensor<1xf32>} : () -> tensor<1xf32>
  %z = "lb.constant"() {value = dense<-3> : tensor<1xi8>} : () -> tensor<1xi8>
  // CHECK: %[[Q:.*]] = "lb.quantize"({{.*}}) {axis = -1 : i64} : (tensor<2x16xf32>, tensor<1xf32>, tensor<1xi8>) -> tensor<2x16xi8>
  %q = "lb.quantize"(%x, %s, %z) {axis = -1 : i64} : (tensor<2x16xf32>, tensor<1xf32>, tensor<1xi8>) -> tensor<2x16xi8>
  %w = "lb.constant"() {value = dense<3> : tensor<16x8xi8>} : () -> tensor<16x8xi8>
  %wz = "lb.constant"() {value = dense<0> : tensor<1xi8>} : () -> tensor<1xi8>
  %bias = "lb.constant"() {value = dense<100> : tensor<8xi32>} : () -> tensor<8xi32>
  // CHECK: %[[ACC:.*]] = "lb.qmatmul"(%[[Q]], {{.*}}) : (tensor<2x16xi8>, tensor<16x8xi8>, tensor<1xi8>, tensor<1xi8>, tensor<8xi32>) -> tensor<2x8xi32>
  %acc = "lb.qmatmul"(%q, %w, %z, %wz, %bias) : (tensor<2x16xi8>, tensor<16x8xi8>, tensor<1xi8>, tensor<1xi8>, tensor<8xi32>) -> tensor<2x8xi32>
  %mult = "lb.constant"() {value = dense<1073741824> : tensor<8xi32>} : () -> tensor<8xi32>
  %shift = "lb.constant"() {value = dense<35> : tensor<8xi32>} : () -> tensor<8xi32>
  // CHECK: %[[RQ:.*]] = "lb.requantize"(%[[ACC]], {{.*}}) {axis = 1 : i64}
  %rq = "lb.requantize"(%acc, %mult, %shift, %z) {axis = 1 : i64} : (tensor<2x8xi32>, tensor<8xi32>, tensor<8xi32>, tensor<1xi8>) -> tensor<2x8xi8>
  // CHECK: "lb.clamp"(%[[RQ]]) {max = 127 : i64, min = -3 : i64}
  %c = "lb.clamp"(%rq) {min = -3 : i64, max = 127 : i64} : (tensor<2x8xi8>) -> tensor<2x8xi8>
  // CHECK: "lb.dequantize"
  %d = "lb.dequantize"(%c, %s, %z) {axis = -1 : i64} : (tensor<2x8xi8>, tensor<1xf32>, tensor<1xi8>) -> tensor<2x8xf32>
  return %d : tensor<2x8xf32>
}

// CHECK-LABEL: func.func @qconv
func.func @qconv(%x: tensor<1x2x4x4xi8>) -> tensor<1x3x4x4xi32> {
  %w = "lb.constant"() {value = dense<1> : tensor<3x2x3x3xi8>} : () -> tensor<3x2x3x3xi8>
  %z = "lb.constant"() {value = dense<0> : tensor<1xi8>} : () -> tensor<1xi8>
  // CHECK: "lb.qconv2d"{{.*}} -> tensor<1x3x4x4xi32>
  %y = "lb.qconv2d"(%x, %w, %z, %z) {strides = array<i64: 1, 1>, pads = array<i64: 1, 1, 1, 1>, dilations = array<i64: 1, 1>, group = 1 : i64} : (tensor<1x2x4x4xi8>, tensor<3x2x3x3xi8>, tensor<1xi8>, tensor<1xi8>) -> tensor<1x3x4x4xi32>
  return %y : tensor<1x3x4x4xi32>
}

// Sub-byte integers are ordinary element types: an i4 weight constant and
// its per-channel dequantize, a ui4 quantize (range [0, 15]), and a table
// lookup.
// CHECK-LABEL: func.func @subbyte_and_lut
func.func @subbyte_and_lut(%x: tensor<2x4xf32>, %c: tensor<6xi8>) -> (tensor<2x4xf32>, tensor<2x4xui4>, tensor<6xi8>) {
  // CHECK: "lb.constant"() {value = dense<{{\[\[}}-8, 7, -1, 0], [1, 2, 3, -3]]> : tensor<2x4xi4>}
  %w = "lb.constant"() {value = dense<[[-8, 7, -1, 0], [1, 2, 3, -3]]> : tensor<2x4xi4>} : () -> tensor<2x4xi4>
  %s = "lb.constant"() {value = dense<[0.5, 0.25]> : tensor<2xf32>} : () -> tensor<2xf32>
  %z = "lb.constant"() {value = dense<0> : tensor<2xi4>} : () -> tensor<2xi4>
  // CHECK: "lb.dequantize"{{.*}} : (tensor<2x4xi4>, tensor<2xf32>, tensor<2xi4>) -> tensor<2x4xf32>
  %d = "lb.dequantize"(%w, %s, %z) {axis = 0 : i64} : (tensor<2x4xi4>, tensor<2xf32>, tensor<2xi4>) -> tensor<2x4xf32>
  %s1 = "lb.constant"() {value = dense<0.1> : tensor<1xf32>} : () -> tensor<1xf32>
  %z1 = "lb.constant"() {value = dense<8> : tensor<1xui4>} : () -> tensor<1xui4>
  // CHECK: "lb.quantize"{{.*}} -> tensor<2x4xui4>
  %q = "lb.quantize"(%x, %s1, %z1) {axis = -1 : i64} : (tensor<2x4xf32>, tensor<1xf32>, tensor<1xui4>) -> tensor<2x4xui4>
  %t = "lb.constant"() {value = dense<1> : tensor<256xi8>} : () -> tensor<256xi8>
  // CHECK: "lb.lut"(%{{.*}}, %{{.*}}) : (tensor<6xi8>, tensor<256xi8>) -> tensor<6xi8>
  %l = "lb.lut"(%c, %t) : (tensor<6xi8>, tensor<256xi8>) -> tensor<6xi8>
  return %d, %q, %l : tensor<2x4xf32>, tensor<2x4xui4>, tensor<6xi8>
}

// CHECK-LABEL: func.func @conversions
func.func @conversions(%x: tensor<2x3xf32>, %i: tensor<4xi64>) -> (tensor<2x3xui8>, tensor<4xf32>) {
  // CHECK: "lb.cast"(%{{.*}}) : (tensor<2x3xf32>) -> tensor<2x3xui8>
  %a = "lb.cast"(%x) : (tensor<2x3xf32>) -> tensor<2x3xui8>
  // CHECK: "lb.cast"(%{{.*}}) : (tensor<4xi64>) -> tensor<4xf32>
  %b = "lb.cast"(%i) : (tensor<4xi64>) -> tensor<4xf32>
  return %a, %b : tensor<2x3xui8>, tensor<4xf32>
}

// CHECK-LABEL: func.func @reductions
func.func @reductions(%x: tensor<2x3xf32>) -> (tensor<2xf32>, tensor<1x3xf32>, tensor<2x3xf32>) {
  // CHECK: "lb.reduce_sum"(%{{.*}}) {axes = array<i64: 1>, keepdims = 0 : i64}
  %a = "lb.reduce_sum"(%x) {axes = array<i64: 1>, keepdims = 0 : i64} : (tensor<2x3xf32>) -> tensor<2xf32>
  // CHECK: "lb.reduce_max"
  %b = "lb.reduce_max"(%x) {axes = array<i64: 0>, keepdims = 1 : i64} : (tensor<2x3xf32>) -> tensor<1x3xf32>
  // CHECK: "lb.max"
  %c = "lb.max"(%x, %x) : (tensor<2x3xf32>, tensor<2x3xf32>) -> tensor<2x3xf32>
  return %a, %b, %c : tensor<2xf32>, tensor<1x3xf32>, tensor<2x3xf32>
}

// CHECK-LABEL: func.func @transformer_ops
func.func @transformer_ops(%x: tensor<2x8xf32>, %s: tensor<8xf32>) -> (tensor<2x8xf32>, tensor<2x8xf32>, tensor<2x8xf32>) {
  // CHECK: "lb.gelu"(%{{.*}}) {approximate = 1 : i64}
  %a = "lb.gelu"(%x) {approximate = 1 : i64} : (tensor<2x8xf32>) -> tensor<2x8xf32>
  // CHECK: "lb.layer_norm"(%{{.*}}, %{{.*}}, %{{.*}}) {axis = 1 : i64, epsilon = 9.99999974E-6 : f32}
  %b = "lb.layer_norm"(%a, %s, %s) {axis = 1 : i64, epsilon = 1.0e-5 : f32} : (tensor<2x8xf32>, tensor<8xf32>, tensor<8xf32>) -> tensor<2x8xf32>
  // CHECK: "lb.rms_norm"
  %c = "lb.rms_norm"(%b, %s) {axis = 1 : i64, epsilon = 1.0e-5 : f32} : (tensor<2x8xf32>, tensor<8xf32>) -> tensor<2x8xf32>
  return %a, %b, %c : tensor<2x8xf32>, tensor<2x8xf32>, tensor<2x8xf32>
}

// CHECK-LABEL: func.func @integer_pool
func.func @integer_pool(%x: tensor<?x4x6x6xui8>) -> tensor<?x4x3x3xui8> {
  // CHECK: "lb.qavg_pool"(%{{.*}}) {ceil_mode = 0 : i64, count_include_pad = 0 : i64, kernel = array<i64: 2, 2>, pads = array<i64: 0, 0, 0, 0>, strides = array<i64: 2, 2>, x_scale = 4.100000e-03 : f32, x_zero_point = 0 : i64, y_scale = 3.770000e-03 : f32, y_zero_point = 3 : i64} : (tensor<?x4x6x6xui8>) -> tensor<?x4x3x3xui8>
  %p = "lb.qavg_pool"(%x) {kernel = array<i64: 2, 2>, strides = array<i64: 2, 2>, pads = array<i64: 0, 0, 0, 0>, ceil_mode = 0 : i64, count_include_pad = 0 : i64, x_zero_point = 0 : i64, y_zero_point = 3 : i64, x_scale = 0.0041 : f32, y_scale = 0.00377 : f32} : (tensor<?x4x6x6xui8>) -> tensor<?x4x3x3xui8>
  return %p : tensor<?x4x3x3xui8>
}

// The ONNX activations with float attributes.
// CHECK-LABEL: func.func @onnx_activations
func.func @onnx_activations(%x: tensor<2x8xf32>) -> (tensor<2x8xf32>, tensor<2x8xf32>, tensor<2x8xf32>, tensor<2x8xf32>, tensor<2x8xf32>, tensor<2x8xf32>, tensor<2x8xf32>) {
  // CHECK: "lb.hard_sigmoid"(%{{.*}}) {alpha = 2.000000e-01 : f32, beta = 5.000000e-01 : f32}
  %a = "lb.hard_sigmoid"(%x) {alpha = 0.2 : f32, beta = 0.5 : f32} : (tensor<2x8xf32>) -> tensor<2x8xf32>
  // CHECK: "lb.hard_swish"
  %b = "lb.hard_swish"(%x) {alpha = 0.1666666716 : f32, beta = 0.5 : f32} : (tensor<2x8xf32>) -> tensor<2x8xf32>
  // CHECK: "lb.elu"(%{{.*}}) {alpha = 1.000000e+00 : f32}
  %c = "lb.elu"(%x) {alpha = 1.0 : f32} : (tensor<2x8xf32>) -> tensor<2x8xf32>
  // CHECK: "lb.selu"(%{{.*}}) {alpha = 1.67326319 : f32, gamma = 1.05070102 : f32}
  %d = "lb.selu"(%x) {alpha = 1.67326319217681884765625 : f32, gamma = 1.05070102214813232421875 : f32} : (tensor<2x8xf32>) -> tensor<2x8xf32>
  // CHECK: "lb.celu"(%{{.*}}) {alpha = 2.000000e+00 : f32}
  %e = "lb.celu"(%x) {alpha = 2.0 : f32} : (tensor<2x8xf32>) -> tensor<2x8xf32>
  // CHECK: "lb.thresholded_relu"(%{{.*}}) {alpha = 1.000000e+00 : f32}
  %f = "lb.thresholded_relu"(%x) {alpha = 1.0 : f32} : (tensor<2x8xf32>) -> tensor<2x8xf32>
  // CHECK: "lb.softsign"
  %g = "lb.softsign"(%x) : (tensor<2x8xf32>) -> tensor<2x8xf32>
  return %a, %b, %c, %d, %e, %f, %g : tensor<2x8xf32>, tensor<2x8xf32>, tensor<2x8xf32>, tensor<2x8xf32>, tensor<2x8xf32>, tensor<2x8xf32>, tensor<2x8xf32>
}

// CHECK-LABEL: func.func @resize
func.func @resize(%x: tensor<?x3x5x7xf32>) -> (tensor<?x3x8x10xf32>, tensor<?x3x10x14xf32>) {
  // CHECK: "lb.resize_linear"(%{{.*}}) {coordinate_mode = "half_pixel", scale_h = 1.600000e+00 : f32, scale_w = 1.500000e+00 : f32}
  %a = "lb.resize_linear"(%x) {scale_h = 1.6 : f32, scale_w = 1.5 : f32, coordinate_mode = "half_pixel"} : (tensor<?x3x5x7xf32>) -> tensor<?x3x8x10xf32>
  // CHECK: "lb.resize_nearest"
  %b = "lb.resize_nearest"(%x) {scale_h = 2.0 : f32, scale_w = 2.0 : f32} : (tensor<?x3x5x7xf32>) -> tensor<?x3x10x14xf32>
  return %a, %b : tensor<?x3x8x10xf32>, tensor<?x3x10x14xf32>
}
