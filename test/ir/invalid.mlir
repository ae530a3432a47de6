// RUN: not lowbit-opt --split-input-file %s 2>&1 | FileCheck %s
// Each verifier error, reported at the offending op's line.

func.func @matmul_k(%a: tensor<2x4xf32>, %b: tensor<5x3xf32>) -> tensor<2x3xf32> {
  // CHECK: invalid.mlir:[[@LINE+1]]:8: error: 'lb.matmul' op contracting dimensions differ (4 vs 5)
  %0 = "lb.matmul"(%a, %b) : (tensor<2x4xf32>, tensor<5x3xf32>) -> tensor<2x3xf32>
  return %0 : tensor<2x3xf32>
}

// -----

func.func @operand_count(%a: tensor<2x4xf32>) -> tensor<2x4xf32> {
  // CHECK: invalid.mlir:[[@LINE+1]]:8: error: op expects exactly 1 operands, but got 2
  %0 = "lb.relu"(%a, %a) : (tensor<2x4xf32>, tensor<2x4xf32>) -> tensor<2x4xf32>
  return %0 : tensor<2x4xf32>
}

// -----

func.func @missing_attr(%x: tensor<1x1x4x4xf32>, %w: tensor<1x1x3x3xf32>) -> tensor<1x1x2x2xf32> {
  // CHECK: invalid.mlir:[[@LINE+1]]:8: error: 'lb.conv2d' op attribute "dilations" is expected but not provided
  %0 = "lb.conv2d"(%x, %w) {strides = array<i64: 1, 1>, pads = array<i64: 0, 0, 0, 0>, group = 1 : i64} : (tensor<1x1x4x4xf32>, tensor<1x1x3x3xf32>) -> tensor<1x1x2x2xf32>
  return %0 : tensor<1x1x2x2xf32>
}

// -----

func.func @wrong_result_shape(%x: tensor<1x1x4x4xf32>, %w: tensor<1x1x3x3xf32>) -> tensor<1x1x4x4xf32> {
  // CHECK: invalid.mlir:[[@LINE+1]]:8: error: 'lb.conv2d' op result type tensor<1x1x4x4xf32> does not match the inferred type tensor<1x1x2x2xf32>
  %0 = "lb.conv2d"(%x, %w) {strides = array<i64: 1, 1>, pads = array<i64: 0, 0, 0, 0>, dilations = array<i64: 1, 1>, group = 1 : i64} : (tensor<1x1x4x4xf32>, tensor<1x1x3x3xf32>) -> tensor<1x1x4x4xf32>
  return %0 : tensor<1x1x4x4xf32>
}

// -----

func.func @conv_channels(%x: tensor<1x2x4x4xf32>, %w: tensor<1x3x3x3xf32>) -> tensor<1x1x2x2xf32> {
  // CHECK: invalid.mlir:[[@LINE+1]]:8: error: 'lb.conv2d' op input has 2 channels but weight expects 3 (group 1)
  %0 = "lb.conv2d"(%x, %w) {strides = array<i64: 1, 1>, pads = array<i64: 0, 0, 0, 0>, dilations = array<i64: 1, 1>, group = 1 : i64} : (tensor<1x2x4x4xf32>, tensor<1x3x3x3xf32>) -> tensor<1x1x2x2xf32>
  return %0 : tensor<1x1x2x2xf32>
}

// -----

func.func @float_op_on_ints(%a: tensor<4xi8>) -> tensor<4xi8> {
  // CHECK: invalid.mlir:[[@LINE+1]]:8: error: 'lb.relu' op operand #0 must be a tensor of f32
  %0 = "lb.relu"(%a) : (tensor<4xi8>) -> tensor<4xi8>
  return %0 : tensor<4xi8>
}

// -----

func.func @nonpositive_scale(%x: tensor<4xf32>) -> tensor<4xi8> {
  %s = "lb.constant"() {value = dense<0.0> : tensor<1xf32>} : () -> tensor<1xf32>
  %z = "lb.constant"() {value = dense<0> : tensor<1xi8>} : () -> tensor<1xi8>
  // CHECK: invalid.mlir:[[@LINE+1]]:8: error: 'lb.quantize' op scale must be positive and finite, got 0 at index 0
  %0 = "lb.quantize"(%x, %s, %z) {axis = -1 : i64} : (tensor<4xf32>, tensor<1xf32>, tensor<1xi8>) -> tensor<4xi8>
  return %0 : tensor<4xi8>
}

// -----

func.func @quantize_to_float(%x: tensor<4xf32>) -> tensor<4xf32> {
  %s = "lb.constant"() {value = dense<1.0> : tensor<1xf32>} : () -> tensor<1xf32>
  %z = "lb.constant"() {value = dense<0.0> : tensor<1xf32>} : () -> tensor<1xf32>
  // CHECK: invalid.mlir:[[@LINE+1]]:8: error: 'lb.quantize' op result must be a tensor of integers of at most 16 bits, got f32
  %0 = "lb.quantize"(%x, %s, %z) {axis = -1 : i64} : (tensor<4xf32>, tensor<1xf32>, tensor<1xf32>) -> tensor<4xf32>
  return %0 : tensor<4xf32>
}

// -----

func.func @quantize_to_i32(%x: tensor<4xf32>) -> tensor<4xi32> {
  %s = "lb.constant"() {value = dense<1.0> : tensor<1xf32>} : () -> tensor<1xf32>
  %z = "lb.constant"() {value = dense<0> : tensor<1xi32>} : () -> tensor<1xi32>
  // CHECK: invalid.mlir:[[@LINE+1]]:8: error: 'lb.quantize' op result must be a tensor of integers of at most 16 bits, got i32
  %0 = "lb.quantize"(%x, %s, %z) {axis = -1 : i64} : (tensor<4xf32>, tensor<1xf32>, tensor<1xi32>) -> tensor<4xi32>
  return %0 : tensor<4xi32>
}

// -----

func.func @per_axis_size(%x: tensor<2x3xf32>) -> tensor<2x3xi8> {
  %s = "lb.constant"() {value = dense<1.0> : tensor<2xf32>} : () -> tensor<2xf32>
  %z = "lb.constant"() {value = dense<0> : tensor<2xi8>} : () -> tensor<2xi8>
  // CHECK: invalid.mlir:[[@LINE+1]]:8: error: 'lb.quantize' op scale has 2 elements but axis 1 has size 3
  %0 = "lb.quantize"(%x, %s, %z) {axis = 1 : i64} : (tensor<2x3xf32>, tensor<2xf32>, tensor<2xi8>) -> tensor<2x3xi8>
  return %0 : tensor<2x3xi8>
}

// -----

func.func @shift_range(%acc: tensor<4xi32>) -> tensor<4xi8> {
  %m = "lb.constant"() {value = dense<1073741824> : tensor<1xi32>} : () -> tensor<1xi32>
  %s = "lb.constant"() {value = dense<0> : tensor<1xi32>} : () -> tensor<1xi32>
  %z = "lb.constant"() {value = dense<0> : tensor<1xi8>} : () -> tensor<1xi8>
  // CHECK: invalid.mlir:[[@LINE+1]]:8: error: 'lb.requantize' op shift must be in [1, 62], got 0 at index 0
  %0 = "lb.requantize"(%acc, %m, %s, %z) {axis = -1 : i64} : (tensor<4xi32>, tensor<1xi32>, tensor<1xi32>, tensor<1xi8>) -> tensor<4xi8>
  return %0 : tensor<4xi8>
}

// -----

func.func @clamp_bounds(%x: tensor<4xi8>) -> tensor<4xi8> {
  // CHECK: invalid.mlir:[[@LINE+1]]:8: error: 'lb.clamp' op bounds [10, 300] must be ordered and within [-128, 127]
  %0 = "lb.clamp"(%x) {min = 10 : i64, max = 300 : i64} : (tensor<4xi8>) -> tensor<4xi8>
  return %0 : tensor<4xi8>
}

// -----

func.func @qmatmul_types(%a: tensor<2x4xf32>, %b: tensor<4x3xi8>) -> tensor<2x3xi32> {
  %z = "lb.constant"() {value = dense<0> : tensor<1xi8>} : () -> tensor<1xi8>
  // CHECK: invalid.mlir:[[@LINE+1]]:8: error: 'lb.qmatmul' op operand #0 must be a tensor of i8
  %0 = "lb.qmatmul"(%a, %b, %z, %z) : (tensor<2x4xf32>, tensor<4x3xi8>, tensor<1xi8>, tensor<1xi8>) -> tensor<2x3xi32>
  return %0 : tensor<2x3xi32>
}

// -----

func.func @reshape_count(%x: tensor<2x6xf32>) -> tensor<5x2xf32> {
  // CHECK: invalid.mlir:[[@LINE+1]]:8: error: 'lb.reshape' op reshape changes the element count (12 vs 10)
  %0 = "lb.reshape"(%x) {shape = array<i64: 5, 2>} : (tensor<2x6xf32>) -> tensor<5x2xf32>
  return %0 : tensor<5x2xf32>
}

// -----

func.func @transpose_perm(%x: tensor<2x6xf32>) -> tensor<6x2xf32> {
  // CHECK: invalid.mlir:[[@LINE+1]]:8: error: 'lb.transpose' op perm is not a permutation
  %0 = "lb.transpose"(%x) {perm = array<i64: 0, 0>} : (tensor<2x6xf32>) -> tensor<6x2xf32>
  return %0 : tensor<6x2xf32>
}

// -----

func.func @constant_type() -> tensor<4xf32> {
  // CHECK: invalid.mlir:[[@LINE+1]]:8: error: 'lb.constant' op value type does not match the result type
  %0 = "lb.constant"() {value = dense<1.0> : tensor<3xf32>} : () -> tensor<4xf32>
  return %0 : tensor<4xf32>
}

// -----

func.func @zero_point_out_of_range(%x: tensor<4xf32>) -> tensor<4xi4> {
  %s = "lb.constant"() {value = dense<1.0> : tensor<1xf32>} : () -> tensor<1xf32>
  %z = "lb.constant"() {value = dense<-9> : tensor<1xi8>} : () -> tensor<1xi8>
  %z4 = "lb.constant"() {value = dense<7> : tensor<1xi4>} : () -> tensor<1xi4>
  // CHECK: invalid.mlir:[[@LINE+1]]:8: error: 'lb.quantize' op zero_point element type must equal the result element type
  %0 = "lb.quantize"(%x, %s, %z) {axis = -1 : i64} : (tensor<4xf32>, tensor<1xf32>, tensor<1xi8>) -> tensor<4xi4>
  return %0 : tensor<4xi4>
}

// -----

func.func @lut_table_size(%x: tensor<4xi8>) -> tensor<4xi8> {
  %t = "lb.constant"() {value = dense<0> : tensor<255xi8>} : () -> tensor<255xi8>
  // CHECK: invalid.mlir:[[@LINE+1]]:8: error: 'lb.lut' op table must have 256 elements of the result element type
  %0 = "lb.lut"(%x, %t) : (tensor<4xi8>, tensor<255xi8>) -> tensor<4xi8>
  return %0 : tensor<4xi8>
}

// -----

func.func @batchnorm_short_params(%x: tensor<1x3x2x2xf32>) -> tensor<1x3x2x2xf32> {
  %p = "lb.constant"() {value = dense<1.0> : tensor<2xf32>} : () -> tensor<2xf32>
  // CHECK: invalid.mlir:[[@LINE+1]]:8: error: 'lb.batchnorm' op scale must have shape [3] (one value per channel)
  %0 = "lb.batchnorm"(%x, %p, %p, %p, %p) {epsilon = 1.0e-5 : f32} : (tensor<1x3x2x2xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>) -> tensor<1x3x2x2xf32>
  return %0 : tensor<1x3x2x2xf32>
}

// -----

func.func @reshape_overflow(%x: tensor<8xf32>) -> tensor<?x4x?xf32> {
  // CHECK: invalid.mlir:[[@LINE+1]]:8: error: 'lb.reshape' op shape [..., 4, ...] has more elements than any tensor
  %0 = "lb.reshape"(%x) {shape = array<i64: 4611686018427387904, 4, -1>} : (tensor<8xf32>) -> tensor<?x4x?xf32>
  return %0 : tensor<?x4x?xf32>
}

// -----

func.func @pool_pads_not_below_kernel(%x: tensor<1x1x4x4xf32>) -> tensor<1x1x6x6xf32> {
  // CHECK: invalid.mlir:[[@LINE+1]]:8: error: 'lb.max_pool' op pads (2, 2) must be smaller than the kernel extent 2
  %0 = "lb.max_pool"(%x) {kernel = array<i64: 2, 2>, strides = array<i64: 1, 1>, pads = array<i64: 2, 2, 2, 2>, dilations = array<i64: 1, 1>, ceil_mode = 0 : i64} : (tensor<1x1x4x4xf32>) -> tensor<1x1x6x6xf32>
  return %0 : tensor<1x1x6x6xf32>
}

// -----

func.func @clip_nan(%x: tensor<4xf32>) -> tensor<4xf32> {
  // CHECK: invalid.mlir:[[@LINE+1]]:8: error: 'lb.clip' op min and max must not be NaN
  %0 = "lb.clip"(%x) {min = 0x7FC00000 : f32, max = 1.0 : f32} : (tensor<4xf32>) -> tensor<4xf32>
  return %0 : tensor<4xf32>
}

// -----

func.func @qmatmul_acc_type(%a: tensor<2x4xi8>, %b: tensor<4x3xi8>) -> tensor<2x3xi16> {
  %z = "lb.constant"() {value = dense<0> : tensor<1xi8>} : () -> tensor<1xi8>
  // CHECK: invalid.mlir:[[@LINE+1]]:8: error: 'lb.qmatmul' op result must be a tensor of i32 or i64 (the accumulator), got i16
  %0 = "lb.qmatmul"(%a, %b, %z, %z) : (tensor<2x4xi8>, tensor<4x3xi8>, tensor<1xi8>, tensor<1xi8>) -> tensor<2x3xi16>
  return %0 : tensor<2x3xi16>
}

// -----

func.func @cast_to_subbyte(%x: tensor<4xf32>) -> tensor<4xi4> {
  // CHECK: invalid.mlir:[[@LINE+1]]:8: error: 'lb.cast' op result must be f32 or an integer of 8, 16, 32 or 64 bits, got i4
  %0 = "lb.cast"(%x) : (tensor<4xf32>) -> tensor<4xi4>
  return %0 : tensor<4xi4>
}

// -----

// CHECK: invalid.mlir:[[@LINE+1]]:1: error: 'func.func' op argument #0 has a zero-size dimension 0 (empty tensors are not supported)
func.func @empty_input(%x: tensor<0x4xf32>) -> tensor<0x4xf32> {
  return %x : tensor<0x4xf32>
}

// -----

func.func @reduce_axes_unsorted(%x: tensor<2x3xf32>) -> tensor<f32> {
  // CHECK: invalid.mlir:[[@LINE+1]]:8: error: 'lb.reduce_sum' op axes must be sorted, distinct and in [0, 2)
  %0 = "lb.reduce_sum"(%x) {axes = array<i64: 1, 0>, keepdims = 0 : i64} : (tensor<2x3xf32>) -> tensor<f32>
  return %0 : tensor<f32>
}

// -----

// A constant whose value disagrees with its type is not read by its users' checks.
func.func @mismatched_constant_user(%acc: tensor<2xi32>) -> tensor<2xi8> {
  %m = "lb.constant"() {value = dense<1073741824> : tensor<1xi32>} : () -> tensor<1xi32>
  // CHECK: invalid.mlir:[[@LINE+1]]:9: error: 'lb.constant' op value type does not match the result type
  %sh = "lb.constant"() {value = dense<33> : tensor<1xi16>} : () -> tensor<1xi32>
  %z = "lb.constant"() {value = dense<0> : tensor<1xi8>} : () -> tensor<1xi8>
  %r = "lb.requantize"(%acc, %m, %sh, %z) {axis = -1 : i64} : (tensor<2xi32>, tensor<1xi32>, tensor<1xi32>, tensor<1xi8>) -> tensor<2xi8>
  return %r : tensor<2xi8>
}

// -----

func.func @bad_rounding(%x: tensor<4xf32>) -> tensor<4xi8> {
  %s = "lb.constant"() {value = dense<1.0> : tensor<1xf32>} : () -> tensor<1xf32>
  %z = "lb.constant"() {value = dense<0> : tensor<1xi8>} : () -> tensor<1xi8>
  // CHECK: invalid.mlir:[[@LINE+1]]:8: error: 'lb.quantize' op rounding must be one of half_even, half_up, half_down, up, down, ceil, floor, got 'stochastic'
  %0 = "lb.quantize"(%x, %s, %z) {axis = -1 : i64, rounding = "stochastic"} : (tensor<4xf32>, tensor<1xf32>, tensor<1xi8>) -> tensor<4xi8>
  return %0 : tensor<4xi8>
}

// -----

func.func @nbits_shape(%a: tensor<2x40xf32>, %b: tensor<5x2x8xui8>, %s: tensor<15xf32>) -> tensor<2x5xf32> {
  // CHECK: invalid.mlir:[[@LINE+1]]:8: error: 'lb.matmul_nbits' op b must be [N, ceil(K / block_size), block_size * bits / 8] = [5, 3, 8]
  %0 = "lb.matmul_nbits"(%a, %b, %s, %s) {n = 5 : i64, bits = 4 : i64, block_size = 16 : i64} : (tensor<2x40xf32>, tensor<5x2x8xui8>, tensor<15xf32>, tensor<15xf32>) -> tensor<2x5xf32>
  return %0 : tensor<2x5xf32>
}

// -----

func.func @qavg_pool_zero_point(%x: tensor<1x1x4x4xi8>) -> tensor<1x1x2x2xi8> {
  // CHECK: invalid.mlir:[[@LINE+1]]:8: error: 'lb.qavg_pool' op y_zero_point 200 is outside the range of i8
  %0 = "lb.qavg_pool"(%x) {kernel = array<i64: 2, 2>, strides = array<i64: 2, 2>, pads = array<i64: 0, 0, 0, 0>, ceil_mode = 0 : i64, count_include_pad = 0 : i64, x_zero_point = 0 : i64, y_zero_point = 200 : i64, x_scale = 0.5 : f32, y_scale = 0.5 : f32} : (tensor<1x1x4x4xi8>) -> tensor<1x1x2x2xi8>
  return %0 : tensor<1x1x2x2xi8>
}

// -----

func.func @qavg_pool_scale(%x: tensor<1x1x4x4xui8>) -> tensor<1x1x2x2xui8> {
  // CHECK: invalid.mlir:[[@LINE+1]]:8: error: 'lb.qavg_pool' op x_scale and y_scale must be finite and positive
  %0 = "lb.qavg_pool"(%x) {kernel = array<i64: 2, 2>, strides = array<i64: 2, 2>, pads = array<i64: 0, 0, 0, 0>, ceil_mode = 0 : i64, count_include_pad = 0 : i64, x_zero_point = 0 : i64, y_zero_point = 0 : i64, x_scale = 0.0 : f32, y_scale = 0.5 : f32} : (tensor<1x1x4x4xui8>) -> tensor<1x1x2x2xui8>
  return %0 : tensor<1x1x2x2xui8>
}

// -----

func.func @qavg_pool_float(%x: tensor<1x1x4x4xf32>) -> tensor<1x1x2x2xf32> {
  // CHECK: invalid.mlir:[[@LINE+1]]:8: error: 'lb.qavg_pool' op operand #0 must be a tensor of i8 or ui8, got f32
  %0 = "lb.qavg_pool"(%x) {kernel = array<i64: 2, 2>, strides = array<i64: 2, 2>, pads = array<i64: 0, 0, 0, 0>, ceil_mode = 0 : i64, count_include_pad = 0 : i64, x_zero_point = 0 : i64, y_zero_point = 0 : i64, x_scale = 0.5 : f32, y_scale = 0.5 : f32} : (tensor<1x1x4x4xf32>) -> tensor<1x1x2x2xf32>
  return %0 : tensor<1x1x2x2xf32>
}

// -----

func.func @qavg_pool_dilations(%x: tensor<1x1x5x5xi8>) -> tensor<1x1x1x1xi8> {
  // CHECK: invalid.mlir:[[@LINE+1]]:8: error: 'lb.qavg_pool' op dilations are not supported
  %0 = "lb.qavg_pool"(%x) {kernel = array<i64: 3, 3>, strides = array<i64: 1, 1>, pads = array<i64: 0, 0, 0, 0>, dilations = array<i64: 2, 2>, ceil_mode = 0 : i64, count_include_pad = 0 : i64, x_zero_point = 0 : i64, y_zero_point = 0 : i64, x_scale = 0.5 : f32, y_scale = 0.5 : f32} : (tensor<1x1x5x5xi8>) -> tensor<1x1x1x1xi8>
  return %0 : tensor<1x1x1x1xi8>
}

// -----

func.func @conv_algorithm(%x: tensor<1x2x5x5xi8>, %w: tensor<3x2x3x3xi8>, %xz: tensor<1xi8>, %wz: tensor<1xi8>) -> tensor<1x3x5x5xi32> {
  // CHECK: invalid.mlir:[[@LINE+1]]:8: error: 'lb.qconv2d' op algorithm must be "direct" or "gemm", got "winograd"
  %y = "lb.qconv2d"(%x, %w, %xz, %wz) {algorithm = "winograd", strides = array<i64: 1, 1>, pads = array<i64: 1, 1, 1, 1>, dilations = array<i64: 1, 1>, group = 1 : i64} : (tensor<1x2x5x5xi8>, tensor<3x2x3x3xi8>, tensor<1xi8>, tensor<1xi8>) -> tensor<1x3x5x5xi32>
  return %y : tensor<1x3x5x5xi32>
}

// -----

func.func @conv_gemm_i64(%x: tensor<1x2x5x5xi8>, %w: tensor<3x2x3x3xi8>, %xz: tensor<1xi8>, %wz: tensor<1xi8>) -> tensor<1x3x5x5xi64> {
  // CHECK: invalid.mlir:[[@LINE+1]]:8: error: 'lb.qconv2d' op algorithm gemm needs an i32 result and C/group * KH * KW <= 33025 (raw int32 dot products)
  %y = "lb.qconv2d"(%x, %w, %xz, %wz) {algorithm = "gemm", strides = array<i64: 1, 1>, pads = array<i64: 1, 1, 1, 1>, dilations = array<i64: 1, 1>, group = 1 : i64} : (tensor<1x2x5x5xi8>, tensor<3x2x3x3xi8>, tensor<1xi8>, tensor<1xi8>) -> tensor<1x3x5x5xi64>
  return %y : tensor<1x3x5x5xi64>
}

// -----

func.func @celu_alpha_zero(%x: tensor<4xf32>) -> tensor<4xf32> {
  // CHECK: invalid.mlir:[[@LINE+1]]:8: error: 'lb.celu' op alpha must not be 0
  %y = "lb.celu"(%x) {alpha = 0.0 : f32} : (tensor<4xf32>) -> tensor<4xf32>
  return %y : tensor<4xf32>
}

// -----

func.func @hard_swish_i8(%x: tensor<4xi8>) -> tensor<4xi8> {
  // CHECK: invalid.mlir:[[@LINE+1]]:8: error: 'lb.hard_swish' op
  %y = "lb.hard_swish"(%x) {alpha = 0.1666666716 : f32, beta = 0.5 : f32} : (tensor<4xi8>) -> tensor<4xi8>
  return %y : tensor<4xi8>
}
