// Consistency cases: every op x dtype the interpreter runs, through every
// backend, compared bit for bit (test/consistency/consistency.c). Inputs are
// random with edge values (range ends, zero, signed zero, large magnitudes),
// seeded per case; parameters that must be constants (scales, zero points,
// multipliers) take edge values here. i32 inputs stay small enough that
// kernels accumulating into them cannot overflow, except in cases marked
// "// i32-inputs: full", which get the whole range and its ends. Every registered kernel must appear in
// at least one case. Cases are separated by "// -----"; each starts with a
// "// case: NAME" line.

// case: gemm_full_bias_scaled
func.func @f(%a: tensor<3x5xf32>, %b: tensor<5x4xf32>, %c: tensor<3x4xf32>) -> tensor<3x4xf32> {
  %y = "lb.gemm"(%a, %b, %c) {alpha = 0.5 : f32, beta = 2.0 : f32, trans_a = 0 : i64, trans_b = 0 : i64} : (tensor<3x5xf32>, tensor<5x4xf32>, tensor<3x4xf32>) -> tensor<3x4xf32>
  return %y : tensor<3x4xf32>
}
// -----
// case: gemm_transposed_row_bias
func.func @f(%a: tensor<5x3xf32>, %b: tensor<4x5xf32>, %c: tensor<4xf32>) -> tensor<3x4xf32> {
  %y = "lb.gemm"(%a, %b, %c) {alpha = 1.0 : f32, beta = 1.0 : f32, trans_a = 1 : i64, trans_b = 1 : i64} : (tensor<5x3xf32>, tensor<4x5xf32>, tensor<4xf32>) -> tensor<3x4xf32>
  return %y : tensor<3x4xf32>
}
// -----
// case: gemm_scalar_and_column_bias
func.func @f(%a: tensor<3x5xf32>, %b: tensor<5x4xf32>, %c: tensor<1xf32>, %d: tensor<3x1xf32>) -> (tensor<3x4xf32>, tensor<3x4xf32>) {
  %y = "lb.gemm"(%a, %b, %c) {alpha = 1.0 : f32, beta = -1.0 : f32, trans_a = 0 : i64, trans_b = 0 : i64} : (tensor<3x5xf32>, tensor<5x4xf32>, tensor<1xf32>) -> tensor<3x4xf32>
  %z = "lb.gemm"(%a, %b, %d) {alpha = 1.0 : f32, beta = 1.0 : f32, trans_a = 0 : i64, trans_b = 0 : i64} : (tensor<3x5xf32>, tensor<5x4xf32>, tensor<3x1xf32>) -> tensor<3x4xf32>
  return %y, %z : tensor<3x4xf32>, tensor<3x4xf32>
}
// -----
// case: matmul_batch_broadcast
func.func @f(%a: tensor<2x3x4xf32>, %b: tensor<4x5xf32>, %c: tensor<3x1x2x4xf32>, %d: tensor<2x4x3xf32>) -> (tensor<2x3x5xf32>, tensor<3x2x2x3xf32>) {
  %y = "lb.matmul"(%a, %b) : (tensor<2x3x4xf32>, tensor<4x5xf32>) -> tensor<2x3x5xf32>
  %z = "lb.matmul"(%c, %d) : (tensor<3x1x2x4xf32>, tensor<2x4x3xf32>) -> tensor<3x2x2x3xf32>
  return %y, %z : tensor<2x3x5xf32>, tensor<3x2x2x3xf32>
}
// -----
// case: qmatmul_zero_points_at_range_ends
func.func @f(%a: tensor<4x33xi8>, %b: tensor<33x7xi8>) -> tensor<4x7xi32> {
  %bias = "lb.constant"() {value = dense<[-1000000, -1, 0, 1, 7, 123456, 1000000]> : tensor<7xi32>} : () -> tensor<7xi32>
  %az = "lb.constant"() {value = dense<-128> : tensor<1xi8>} : () -> tensor<1xi8>
  %bz = "lb.constant"() {value = dense<127> : tensor<1xi8>} : () -> tensor<1xi8>
  %y = "lb.qmatmul"(%a, %b, %az, %bz, %bias) : (tensor<4x33xi8>, tensor<33x7xi8>, tensor<1xi8>, tensor<1xi8>, tensor<7xi32>) -> tensor<4x7xi32>
  return %y : tensor<4x7xi32>
}
// -----
// case: qmatmul_batched_no_bias
func.func @f(%a: tensor<2x3x16xi8>, %b: tensor<2x16x5xi8>) -> tensor<2x3x5xi32> {
  %az = "lb.constant"() {value = dense<3> : tensor<1xi8>} : () -> tensor<1xi8>
  %bz = "lb.constant"() {value = dense<0> : tensor<1xi8>} : () -> tensor<1xi8>
  %y = "lb.qmatmul"(%a, %b, %az, %bz) : (tensor<2x3x16xi8>, tensor<2x16x5xi8>, tensor<1xi8>, tensor<1xi8>) -> tensor<2x3x5xi32>
  return %y : tensor<2x3x5xi32>
}
// -----
// case: qmatmul_per_row_a_zero_point
func.func @f(%a: tensor<2x4x9xui8>, %b: tensor<9x3xui8>) -> tensor<2x4x3xi32> {
  %az = "lb.constant"() {value = dense<[0, 17, 128, 255]> : tensor<4xui8>} : () -> tensor<4xui8>
  %bz = "lb.constant"() {value = dense<[1, 200, 64]> : tensor<3xui8>} : () -> tensor<3xui8>
  %y = "lb.qmatmul"(%a, %b, %az, %bz) : (tensor<2x4x9xui8>, tensor<9x3xui8>, tensor<4xui8>, tensor<3xui8>) -> tensor<2x4x3xi32>
  return %y : tensor<2x4x3xi32>
}
// -----
// case: qmatmul_packed_nk
// b_layout "nk" (lb-pack-layout): 4-row blocks plus a remainder row, per-column and single zero points, a bias.
func.func @f(%a: tensor<2x5x33xi8>, %u: tensor<3x20xui8>) -> (tensor<2x5x7xi32>, tensor<2x5x7xi32>, tensor<3x6xi32>, tensor<3x6xi32>) {
  %bi8 = "lb.constant"() {value = dense<[[1, -1, 2, -2, 3, -3, 4, -4, 5, -5, 6, -6, 7, -7, 8, -8, 9, -9, 10, -10, 11, -11, 12, -12, 13, -13, 14, -14, 15, -15, 16, -16, 17], [127, 126, 125, 124, 123, 122, 121, 120, 119, 118, 117, 116, 115, 114, 113, 112, 111, 110, 109, 108, 107, 106, 105, 104, 103, 102, 101, 100, 99, 98, 97, 96, 95], [-128, -127, -126, -125, -124, -123, -122, -121, -120, -119, -118, -117, -116, -115, -114, -113, -112, -111, -110, -109, -108, -107, -106, -105, -104, -103, -102, -101, -100, -99, -98, -97, -96], [0, 1, 0, 1, 0, 1, 0, 1, 0, 1, 0, 1, 0, 1, 0, 1, 0, 1, 0, 1, 0, 1, 0, 1, 0, 1, 0, 1, 0, 1, 0, 1, 0], [5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5], [-9, 8, -7, 6, -5, 4, -3, 2, -1, 0, 1, -2, 3, -4, 5, -6, 7, -8, 9, -10, 11, -12, 13, -14, 15, -16, 17, -18, 19, -20, 21, -22, 23], [60, -60, 61, -61, 62, -62, 63, -63, 64, -64, 65, -65, 66, -66, 67, -67, 68, -68, 69, -69, 70, -70, 71, -71, 72, -72, 73, -73, 74, -74, 75, -75, 76]]> : tensor<7x33xi8>} : () -> tensor<7x33xi8>
  %bu8 = "lb.constant"() {value = dense<[[0, 255, 128, 1, 254, 127, 2, 253, 126, 3, 252, 125, 4, 251, 124, 5, 250, 123, 6, 249, 122, 7, 248, 121, 8, 247, 120, 9, 246, 119, 10, 245, 118], [200, 201, 202, 203, 204, 205, 206, 207, 208, 209, 210, 211, 212, 213, 214, 215, 216, 217, 218, 219, 220, 221, 222, 223, 224, 225, 226, 227, 228, 229, 230, 231, 232], [9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9], [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 32, 33], [255, 0, 255, 0, 255, 0, 255, 0, 255, 0, 255, 0, 255, 0, 255, 0, 255, 0, 255, 0, 255, 0, 255, 0, 255, 0, 255, 0, 255, 0, 255, 0, 255], [77, 78, 79, 80, 81, 82, 83, 84, 85, 86, 87, 88, 89, 90, 91, 92, 93, 94, 95, 96, 97, 98, 99, 100, 101, 102, 103, 104, 105, 106, 107, 108, 109], [128, 128, 128, 128, 128, 128, 128, 128, 128, 128, 128, 128, 128, 128, 128, 128, 128, 128, 128, 128, 128, 128, 128, 128, 128, 128, 128, 128, 128, 128, 128, 128, 128]]> : tensor<7x33xui8>} : () -> tensor<7x33xui8>
  %az = "lb.constant"() {value = dense<-5> : tensor<1xi8>} : () -> tensor<1xi8>
  %bz = "lb.constant"() {value = dense<[0, 3, -128, 127, 1, -1, 7]> : tensor<7xi8>} : () -> tensor<7xi8>
  %bzu = "lb.constant"() {value = dense<128> : tensor<1xui8>} : () -> tensor<1xui8>
  %bias = "lb.constant"() {value = dense<[-1000000, -1, 0, 1, 7, 123456, 1000000]> : tensor<7xi32>} : () -> tensor<7xi32>
  %y0 = "lb.qmatmul"(%a, %bi8, %az, %bz, %bias) {b_layout = "nk"} : (tensor<2x5x33xi8>, tensor<7x33xi8>, tensor<1xi8>, tensor<7xi8>, tensor<7xi32>) -> tensor<2x5x7xi32>
  %y1 = "lb.qmatmul"(%a, %bu8, %az, %bzu) {b_layout = "nk"} : (tensor<2x5x33xi8>, tensor<7x33xui8>, tensor<1xi8>, tensor<1xui8>) -> tensor<2x5x7xi32>
  %cu = "lb.constant"() {value = dense<[[3, 250, 0, 17, 128, 90, 255, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13], [1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1], [255, 254, 253, 252, 251, 250, 249, 248, 247, 246, 245, 244, 243, 242, 241, 240, 239, 238, 237, 236], [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200], [9, 8, 7, 6, 5, 4, 3, 2, 1, 0, 9, 8, 7, 6, 5, 4, 3, 2, 1, 0], [100, 101, 102, 103, 104, 105, 106, 107, 108, 109, 110, 111, 112, 113, 114, 115, 116, 117, 118, 119]]> : tensor<6x20xui8>} : () -> tensor<6x20xui8>
  %ci = "lb.constant"() {value = dense<[[-3, 120, 0, 17, -128, 90, 127, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13], [-1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1], [127, 126, 125, 124, 123, 122, 121, 120, 119, 118, 117, 116, 115, 114, 113, 112, 111, 110, 109, 108], [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, -100, -100, -100, -100, -100, -100, -100, -100, -100, -100], [9, -8, 7, -6, 5, -4, 3, -2, 1, 0, 9, -8, 7, -6, 5, -4, 3, -2, 1, 0], [50, 51, 52, 53, 54, 55, 56, 57, 58, 59, 60, 61, 62, 63, 64, 65, 66, 67, 68, 69]]> : tensor<6x20xi8>} : () -> tensor<6x20xi8>
  %uz = "lb.constant"() {value = dense<200> : tensor<1xui8>} : () -> tensor<1xui8>
  %cuz = "lb.constant"() {value = dense<[0, 1, 255, 128, 9, 100]> : tensor<6xui8>} : () -> tensor<6xui8>
  %ciz = "lb.constant"() {value = dense<-3> : tensor<1xi8>} : () -> tensor<1xi8>
  %y2 = "lb.qmatmul"(%u, %cu, %uz, %cuz) {b_layout = "nk"} : (tensor<3x20xui8>, tensor<6x20xui8>, tensor<1xui8>, tensor<6xui8>) -> tensor<3x6xi32>
  %y3 = "lb.qmatmul"(%u, %ci, %uz, %ciz) {b_layout = "nk"} : (tensor<3x20xui8>, tensor<6x20xi8>, tensor<1xui8>, tensor<1xi8>) -> tensor<3x6xi32>
  return %y0, %y1, %y2, %y3 : tensor<2x5x7xi32>, tensor<2x5x7xi32>, tensor<3x6xi32>, tensor<3x6xi32>
}
// -----
// case: conv2d_stride_pad_dilation_groups
func.func @f(%x: tensor<2x4x9x8xf32>, %w: tensor<6x2x3x3xf32>, %b: tensor<6xf32>) -> tensor<2x6x4x3xf32> {
  %y = "lb.conv2d"(%x, %w, %b) {strides = array<i64: 2, 2>, pads = array<i64: 1, 0, 0, 1>, dilations = array<i64: 1, 2>, group = 2 : i64} : (tensor<2x4x9x8xf32>, tensor<6x2x3x3xf32>, tensor<6xf32>) -> tensor<2x6x4x3xf32>
  return %y : tensor<2x6x4x3xf32>
}
// -----
// case: qconv2d_padding_and_zero_points
func.func @f(%x: tensor<1x4x7x7xi8>, %w: tensor<4x1x3x3xi8>) -> tensor<1x4x7x7xi32> {
  %b = "lb.constant"() {value = dense<[-70000, 0, 5, 70000]> : tensor<4xi32>} : () -> tensor<4xi32>
  %xz = "lb.constant"() {value = dense<-128> : tensor<1xi8>} : () -> tensor<1xi8>
  %wz = "lb.constant"() {value = dense<-7> : tensor<1xi8>} : () -> tensor<1xi8>
  %y = "lb.qconv2d"(%x, %w, %xz, %wz, %b) {strides = array<i64: 1, 1>, pads = array<i64: 1, 1, 1, 1>, dilations = array<i64: 1, 1>, group = 4 : i64} : (tensor<1x4x7x7xi8>, tensor<4x1x3x3xi8>, tensor<1xi8>, tensor<1xi8>, tensor<4xi32>) -> tensor<1x4x7x7xi32>
  return %y : tensor<1x4x7x7xi32>
}
// -----
// case: binary_broadcasting
func.func @f(%a: tensor<2x3x4xf32>, %b: tensor<3x1xf32>, %c: tensor<4xf32>) -> (tensor<2x3x4xf32>, tensor<2x3x4xf32>, tensor<2x3x4xf32>, tensor<2x3x4xf32>) {
  %0 = "lb.add"(%a, %b) : (tensor<2x3x4xf32>, tensor<3x1xf32>) -> tensor<2x3x4xf32>
  %1 = "lb.sub"(%c, %a) : (tensor<4xf32>, tensor<2x3x4xf32>) -> tensor<2x3x4xf32>
  %2 = "lb.mul"(%a, %a) : (tensor<2x3x4xf32>, tensor<2x3x4xf32>) -> tensor<2x3x4xf32>
  %3 = "lb.div"(%a, %b) : (tensor<2x3x4xf32>, tensor<3x1xf32>) -> tensor<2x3x4xf32>
  return %0, %1, %2, %3 : tensor<2x3x4xf32>, tensor<2x3x4xf32>, tensor<2x3x4xf32>, tensor<2x3x4xf32>
}
// -----
// case: activations
func.func @f(%x: tensor<64xf32>) -> (tensor<64xf32>, tensor<64xf32>, tensor<64xf32>, tensor<64xf32>) {
  %0 = "lb.relu"(%x) : (tensor<64xf32>) -> tensor<64xf32>
  %1 = "lb.clip"(%x) {min = -1.0 : f32, max = 0.5 : f32} : (tensor<64xf32>) -> tensor<64xf32>
  %2 = "lb.clip"(%x) {min = 2.0 : f32, max = 1.0 : f32} : (tensor<64xf32>) -> tensor<64xf32>
  %3 = "lb.sigmoid"(%x) : (tensor<64xf32>) -> tensor<64xf32>
  return %0, %1, %2, %3 : tensor<64xf32>, tensor<64xf32>, tensor<64xf32>, tensor<64xf32>
}
// -----
// case: max_pool_f32_i8_ui8
func.func @f(%x: tensor<1x2x7x7xf32>, %y: tensor<1x2x7x7xi8>, %z: tensor<1x2x7x7xui8>) -> (tensor<1x2x4x4xf32>, tensor<1x2x4x4xi8>, tensor<1x2x3x3xui8>) {
  %0 = "lb.max_pool"(%x) {kernel = array<i64: 3, 3>, strides = array<i64: 2, 2>, pads = array<i64: 1, 1, 1, 1>, dilations = array<i64: 1, 1>, ceil_mode = 1 : i64} : (tensor<1x2x7x7xf32>) -> tensor<1x2x4x4xf32>
  %1 = "lb.max_pool"(%y) {kernel = array<i64: 3, 3>, strides = array<i64: 2, 2>, pads = array<i64: 1, 1, 1, 1>, dilations = array<i64: 1, 1>, ceil_mode = 1 : i64} : (tensor<1x2x7x7xi8>) -> tensor<1x2x4x4xi8>
  %2 = "lb.max_pool"(%z) {kernel = array<i64: 2, 2>, strides = array<i64: 2, 2>, pads = array<i64: 0, 0, 0, 0>, dilations = array<i64: 2, 2>, ceil_mode = 0 : i64} : (tensor<1x2x7x7xui8>) -> tensor<1x2x3x3xui8>
  return %0, %1, %2 : tensor<1x2x4x4xf32>, tensor<1x2x4x4xi8>, tensor<1x2x3x3xui8>
}
// -----
// case: avg_pool_and_global
func.func @f(%x: tensor<2x3x6x5xf32>) -> (tensor<2x3x3x3xf32>, tensor<2x3x3x3xf32>, tensor<2x3x1x1xf32>) {
  %0 = "lb.avg_pool"(%x) {kernel = array<i64: 3, 3>, strides = array<i64: 2, 2>, pads = array<i64: 1, 1, 1, 1>, ceil_mode = 0 : i64, count_include_pad = 0 : i64} : (tensor<2x3x6x5xf32>) -> tensor<2x3x3x3xf32>
  %1 = "lb.avg_pool"(%x) {kernel = array<i64: 3, 3>, strides = array<i64: 2, 2>, pads = array<i64: 1, 1, 1, 1>, ceil_mode = 0 : i64, count_include_pad = 1 : i64} : (tensor<2x3x6x5xf32>) -> tensor<2x3x3x3xf32>
  %2 = "lb.global_avg_pool"(%x) : (tensor<2x3x6x5xf32>) -> tensor<2x3x1x1xf32>
  return %0, %1, %2 : tensor<2x3x3x3xf32>, tensor<2x3x3x3xf32>, tensor<2x3x1x1xf32>
}
// -----
// case: qavg_pool_i8_ui8
func.func @f(%x: tensor<2x3x6x5xi8>, %y: tensor<1x2x7x7xui8>) -> (tensor<2x3x3x3xi8>, tensor<2x3x3x3xi8>, tensor<1x2x1x1xui8>) {
  %0 = "lb.qavg_pool"(%x) {kernel = array<i64: 3, 3>, strides = array<i64: 2, 2>, pads = array<i64: 1, 1, 1, 1>, ceil_mode = 0 : i64, count_include_pad = 0 : i64, x_zero_point = -3 : i64, y_zero_point = 5 : i64, x_scale = 0.0173 : f32, y_scale = 0.0061 : f32} : (tensor<2x3x6x5xi8>) -> tensor<2x3x3x3xi8>
  %1 = "lb.qavg_pool"(%x) {kernel = array<i64: 3, 3>, strides = array<i64: 2, 2>, pads = array<i64: 1, 1, 1, 1>, ceil_mode = 0 : i64, count_include_pad = 1 : i64, x_zero_point = 0 : i64, y_zero_point = -128 : i64, x_scale = 0.02 : f32, y_scale = 0.01 : f32} : (tensor<2x3x6x5xi8>) -> tensor<2x3x3x3xi8>
  %2 = "lb.qavg_pool"(%y) {kernel = array<i64: 7, 7>, strides = array<i64: 1, 1>, pads = array<i64: 0, 0, 0, 0>, ceil_mode = 0 : i64, count_include_pad = 0 : i64, x_zero_point = 128 : i64, y_zero_point = 100 : i64, x_scale = 0.0041 : f32, y_scale = 0.0009 : f32} : (tensor<1x2x7x7xui8>) -> tensor<1x2x1x1xui8>
  return %0, %1, %2 : tensor<2x3x3x3xi8>, tensor<2x3x3x3xi8>, tensor<1x2x1x1xui8>
}
// -----
// case: layout_ops_and_copies
func.func @f(%x: tensor<2x3x4xf32>, %q: tensor<2x3x4xi8>) -> (tensor<4x2x3xf32>, tensor<3x2x4xi8>, tensor<6x4xf32>, tensor<2x12xi8>, tensor<2x3x4xf32>) {
  %0 = "lb.transpose"(%x) {perm = array<i64: 2, 0, 1>} : (tensor<2x3x4xf32>) -> tensor<4x2x3xf32>
  %1 = "lb.transpose"(%q) {perm = array<i64: 1, 0, 2>} : (tensor<2x3x4xi8>) -> tensor<3x2x4xi8>
  %2 = "lb.reshape"(%x) {shape = array<i64: -1, 4>} : (tensor<2x3x4xf32>) -> tensor<6x4xf32>
  %3 = "lb.flatten"(%q) {axis = 1 : i64} : (tensor<2x3x4xi8>) -> tensor<2x12xi8>
  return %0, %1, %2, %3, %x : tensor<4x2x3xf32>, tensor<3x2x4xi8>, tensor<6x4xf32>, tensor<2x12xi8>, tensor<2x3x4xf32>
}
// -----
// case: softmax_and_batchnorm
func.func @f(%x: tensor<2x5x3xf32>, %y: tensor<2x4x3x3xf32>, %s: tensor<4xf32>, %b: tensor<4xf32>, %m: tensor<4xf32>) -> (tensor<2x5x3xf32>, tensor<2x4x3x3xf32>) {
  %0 = "lb.softmax"(%x) {axis = 1 : i64} : (tensor<2x5x3xf32>) -> tensor<2x5x3xf32>
  %v = "lb.constant"() {value = dense<[0.5, 1.0, 2.0, 1.0e-3]> : tensor<4xf32>} : () -> tensor<4xf32>
  %1 = "lb.batchnorm"(%y, %s, %b, %m, %v) {epsilon = 1.0e-5 : f32} : (tensor<2x4x3x3xf32>, tensor<4xf32>, tensor<4xf32>, tensor<4xf32>, tensor<4xf32>) -> tensor<2x4x3x3xf32>
  return %0, %1 : tensor<2x5x3xf32>, tensor<2x4x3x3xf32>
}
// -----
// case: quantize_tiny_scale_saturates
func.func @f(%x: tensor<32xf32>) -> (tensor<32xi8>, tensor<32xui8>) {
  %s = "lb.constant"() {value = dense<1.0e-27> : tensor<1xf32>} : () -> tensor<1xf32>
  %z = "lb.constant"() {value = dense<127> : tensor<1xi8>} : () -> tensor<1xi8>
  %zu = "lb.constant"() {value = dense<0> : tensor<1xui8>} : () -> tensor<1xui8>
  %0 = "lb.quantize"(%x, %s, %z) {axis = -1 : i64} : (tensor<32xf32>, tensor<1xf32>, tensor<1xi8>) -> tensor<32xi8>
  %1 = "lb.quantize"(%x, %s, %zu) {axis = -1 : i64} : (tensor<32xf32>, tensor<1xf32>, tensor<1xui8>) -> tensor<32xui8>
  return %0, %1 : tensor<32xi8>, tensor<32xui8>
}
// -----
// case: quantize_per_axis_and_i4
func.func @f(%x: tensor<3x8xf32>) -> (tensor<3x8xi8>, tensor<3x8xi4>, tensor<3x8xui8>) {
  %s = "lb.constant"() {value = dense<[0.01, 0.5, 3.0]> : tensor<3xf32>} : () -> tensor<3xf32>
  %z = "lb.constant"() {value = dense<[-128, 0, 127]> : tensor<3xi8>} : () -> tensor<3xi8>
  %0 = "lb.quantize"(%x, %s, %z) {axis = 0 : i64} : (tensor<3x8xf32>, tensor<3xf32>, tensor<3xi8>) -> tensor<3x8xi8>
  %s4 = "lb.constant"() {value = dense<0.25> : tensor<1xf32>} : () -> tensor<1xf32>
  %z4 = "lb.constant"() {value = dense<-1> : tensor<1xi4>} : () -> tensor<1xi4>
  %1 = "lb.quantize"(%x, %s4, %z4) {axis = -1 : i64} : (tensor<3x8xf32>, tensor<1xf32>, tensor<1xi4>) -> tensor<3x8xi4>
  %zu = "lb.constant"() {value = dense<255> : tensor<1xui8>} : () -> tensor<1xui8>
  %2 = "lb.quantize"(%x, %s4, %zu) {axis = -1 : i64} : (tensor<3x8xf32>, tensor<1xf32>, tensor<1xui8>) -> tensor<3x8xui8>
  return %0, %1, %2 : tensor<3x8xi8>, tensor<3x8xi4>, tensor<3x8xui8>
}
// -----
// case: dequantize_all_types
func.func @f(%a: tensor<4x8xi8>, %b: tensor<4x8xui8>, %c: tensor<4x8xi32>, %d: tensor<4x8xi4>) -> (tensor<4x8xf32>, tensor<4x8xf32>, tensor<4x8xf32>, tensor<4x8xf32>) {
  %s = "lb.constant"() {value = dense<[0.1, 1.0e-20, 3.5, 7.0e+10]> : tensor<4xf32>} : () -> tensor<4xf32>
  %z = "lb.constant"() {value = dense<[-128, -1, 0, 127]> : tensor<4xi8>} : () -> tensor<4xi8>
  %zu = "lb.constant"() {value = dense<[0, 1, 128, 255]> : tensor<4xui8>} : () -> tensor<4xui8>
  %s1 = "lb.constant"() {value = dense<1.0e-3> : tensor<1xf32>} : () -> tensor<1xf32>
  %zi = "lb.constant"() {value = dense<-7> : tensor<1xi32>} : () -> tensor<1xi32>
  %z4 = "lb.constant"() {value = dense<-8> : tensor<1xi4>} : () -> tensor<1xi4>
  %0 = "lb.dequantize"(%a, %s, %z) {axis = 0 : i64} : (tensor<4x8xi8>, tensor<4xf32>, tensor<4xi8>) -> tensor<4x8xf32>
  %1 = "lb.dequantize"(%b, %s, %zu) {axis = 0 : i64} : (tensor<4x8xui8>, tensor<4xf32>, tensor<4xui8>) -> tensor<4x8xf32>
  %2 = "lb.dequantize"(%c, %s1, %zi) {axis = -1 : i64} : (tensor<4x8xi32>, tensor<1xf32>, tensor<1xi32>) -> tensor<4x8xf32>
  %3 = "lb.dequantize"(%d, %s1, %z4) {axis = -1 : i64} : (tensor<4x8xi4>, tensor<1xf32>, tensor<1xi4>) -> tensor<4x8xf32>
  return %0, %1, %2, %3 : tensor<4x8xf32>, tensor<4x8xf32>, tensor<4x8xf32>, tensor<4x8xf32>
}
// -----
// case: requantize_multiplier_and_shift_extremes
// i32-inputs: full
func.func @f(%acc: tensor<2x4x5xi32>) -> (tensor<2x4x5xi8>, tensor<2x4x5xui8>, tensor<2x4x5xi4>) {
  %m = "lb.constant"() {value = dense<[2147483647, 1073741824, 0, 1]> : tensor<4xi32>} : () -> tensor<4xi32>
  %s = "lb.constant"() {value = dense<[62, 31, 1, 1]> : tensor<4xi32>} : () -> tensor<4xi32>
  %z = "lb.constant"() {value = dense<-128> : tensor<1xi8>} : () -> tensor<1xi8>
  %zu = "lb.constant"() {value = dense<255> : tensor<1xui8>} : () -> tensor<1xui8>
  %z4 = "lb.constant"() {value = dense<7> : tensor<1xi4>} : () -> tensor<1xi4>
  %m1 = "lb.constant"() {value = dense<1518500250> : tensor<1xi32>} : () -> tensor<1xi32>
  %s1 = "lb.constant"() {value = dense<40> : tensor<1xi32>} : () -> tensor<1xi32>
  %0 = "lb.requantize"(%acc, %m, %s, %z) {axis = 1 : i64} : (tensor<2x4x5xi32>, tensor<4xi32>, tensor<4xi32>, tensor<1xi8>) -> tensor<2x4x5xi8>
  %1 = "lb.requantize"(%acc, %m1, %s1, %zu) {axis = -1 : i64} : (tensor<2x4x5xi32>, tensor<1xi32>, tensor<1xi32>, tensor<1xui8>) -> tensor<2x4x5xui8>
  %2 = "lb.requantize"(%acc, %m1, %s1, %z4) {axis = -1 : i64} : (tensor<2x4x5xi32>, tensor<1xi32>, tensor<1xi32>, tensor<1xi4>) -> tensor<2x4x5xi4>
  return %0, %1, %2 : tensor<2x4x5xi8>, tensor<2x4x5xui8>, tensor<2x4x5xi4>
}
// -----
// case: clamp_and_lut
func.func @f(%a: tensor<48xi8>, %b: tensor<48xui8>, %t: tensor<256xi8>, %tu: tensor<256xui8>) -> (tensor<48xi8>, tensor<48xui8>, tensor<48xi8>, tensor<48xui8>) {
  %0 = "lb.clamp"(%a) {min = -5 : i64, max = 100 : i64} : (tensor<48xi8>) -> tensor<48xi8>
  %1 = "lb.clamp"(%b) {min = 3 : i64, max = 255 : i64} : (tensor<48xui8>) -> tensor<48xui8>
  %2 = "lb.lut"(%a, %t) : (tensor<48xi8>, tensor<256xi8>) -> tensor<48xi8>
  %3 = "lb.lut"(%a, %tu) : (tensor<48xi8>, tensor<256xui8>) -> tensor<48xui8>
  return %0, %1, %2, %3 : tensor<48xi8>, tensor<48xui8>, tensor<48xi8>, tensor<48xui8>
}
// -----
// case: quantized_conv_chain
func.func @f(%x: tensor<1x3x8x8xf32>) -> tensor<1x4x4x4xf32> {
  %xs = "lb.constant"() {value = dense<0.03> : tensor<1xf32>} : () -> tensor<1xf32>
  %xz = "lb.constant"() {value = dense<-2> : tensor<1xi8>} : () -> tensor<1xi8>
  %q = "lb.quantize"(%x, %xs, %xz) {axis = -1 : i64} : (tensor<1x3x8x8xf32>, tensor<1xf32>, tensor<1xi8>) -> tensor<1x3x8x8xi8>
  %w = "lb.constant"() {value = dense<[[[[1, -2, 3], [4, -5, 6], [-7, 8, -9]]]]> : tensor<1x1x3x3xi8>} : () -> tensor<1x1x3x3xi8>
  %wb = "lb.reshape"(%w) {shape = array<i64: 1, 1, 3, 3>} : (tensor<1x1x3x3xi8>) -> tensor<1x1x3x3xi8>
  %w4 = "lb.constant"() {value = dense<2> : tensor<4x3x3x3xi8>} : () -> tensor<4x3x3x3xi8>
  %wz = "lb.constant"() {value = dense<0> : tensor<1xi8>} : () -> tensor<1xi8>
  %b = "lb.constant"() {value = dense<[100, -100, 0, 1000000000]> : tensor<4xi32>} : () -> tensor<4xi32>
  %acc = "lb.qconv2d"(%q, %w4, %xz, %wz, %b) {strides = array<i64: 2, 2>, pads = array<i64: 1, 1, 1, 1>, dilations = array<i64: 1, 1>, group = 1 : i64} : (tensor<1x3x8x8xi8>, tensor<4x3x3x3xi8>, tensor<1xi8>, tensor<1xi8>, tensor<4xi32>) -> tensor<1x4x4x4xi32>
  %m = "lb.constant"() {value = dense<[1073741824, 1500000000, 2000000000, 1200000000]> : tensor<4xi32>} : () -> tensor<4xi32>
  %sh = "lb.constant"() {value = dense<[33, 34, 35, 36]> : tensor<4xi32>} : () -> tensor<4xi32>
  %yz = "lb.constant"() {value = dense<-20> : tensor<1xi8>} : () -> tensor<1xi8>
  %r = "lb.requantize"(%acc, %m, %sh, %yz) {axis = 1 : i64} : (tensor<1x4x4x4xi32>, tensor<4xi32>, tensor<4xi32>, tensor<1xi8>) -> tensor<1x4x4x4xi8>
  %c = "lb.clamp"(%r) {min = -20 : i64, max = 127 : i64} : (tensor<1x4x4x4xi8>) -> tensor<1x4x4x4xi8>
  %ys = "lb.constant"() {value = dense<0.1> : tensor<1xf32>} : () -> tensor<1xf32>
  %d = "lb.dequantize"(%c, %ys, %yz) {axis = -1 : i64} : (tensor<1x4x4x4xi8>, tensor<1xf32>, tensor<1xi8>) -> tensor<1x4x4x4xf32>
  return %d : tensor<1x4x4x4xf32>
}
// -----
// case: wide_accumulators
// A qmatmul / qconv2d whose int32 accumulator could overflow accumulates in
// int64, and requantize reads int64 (exact 96-bit product).
func.func @f(%a: tensor<2x40000xi8>, %b: tensor<40000x3xi8>, %x: tensor<1x300x4x4xi8>, %w: tensor<2x300x3x3xi8>, %acc: tensor<2x3x4xi64>) -> (tensor<2x3xi64>, tensor<1x2x4x4xi64>, tensor<2x3x4xi8>, tensor<2x3x4xui8>) {
  %az = "lb.constant"() {value = dense<-128> : tensor<1xi8>} : () -> tensor<1xi8>
  %bz = "lb.constant"() {value = dense<127> : tensor<1xi8>} : () -> tensor<1xi8>
  %0 = "lb.qmatmul"(%a, %b, %az, %bz) : (tensor<2x40000xi8>, tensor<40000x3xi8>, tensor<1xi8>, tensor<1xi8>) -> tensor<2x3xi64>
  %1 = "lb.qconv2d"(%x, %w, %az, %bz) {strides = array<i64: 1, 1>, pads = array<i64: 1, 1, 1, 1>, dilations = array<i64: 1, 1>, group = 1 : i64} : (tensor<1x300x4x4xi8>, tensor<2x300x3x3xi8>, tensor<1xi8>, tensor<1xi8>) -> tensor<1x2x4x4xi64>
  %m = "lb.constant"() {value = dense<[2147483647, 1073741824, 1]> : tensor<3xi32>} : () -> tensor<3xi32>
  %s = "lb.constant"() {value = dense<[62, 33, 1]> : tensor<3xi32>} : () -> tensor<3xi32>
  %z = "lb.constant"() {value = dense<-3> : tensor<1xi8>} : () -> tensor<1xi8>
  %zu = "lb.constant"() {value = dense<7> : tensor<1xui8>} : () -> tensor<1xui8>
  %2 = "lb.requantize"(%acc, %m, %s, %z) {axis = 1 : i64} : (tensor<2x3x4xi64>, tensor<3xi32>, tensor<3xi32>, tensor<1xi8>) -> tensor<2x3x4xi8>
  %3 = "lb.requantize"(%acc, %m, %s, %zu) {axis = 1 : i64} : (tensor<2x3x4xi64>, tensor<3xi32>, tensor<3xi32>, tensor<1xui8>) -> tensor<2x3x4xui8>
  return %0, %1, %2, %3 : tensor<2x3xi64>, tensor<1x2x4x4xi64>, tensor<2x3x4xi8>, tensor<2x3x4xui8>
}
// -----
// case: cast_every_direction
// i32-inputs: full
func.func @f(%x: tensor<40xf32>, %i: tensor<40xi32>, %u: tensor<40xui8>, %s: tensor<40xi16>, %l: tensor<40xi64>) -> (tensor<40xi8>, tensor<40xui8>, tensor<40xi32>, tensor<40xi64>, tensor<40xf32>, tensor<40xi8>, tensor<40xui16>, tensor<40xf32>, tensor<40xi32>, tensor<40xf32>) {
  %a = "lb.cast"(%x) : (tensor<40xf32>) -> tensor<40xi8>
  %b = "lb.cast"(%x) : (tensor<40xf32>) -> tensor<40xui8>
  %c = "lb.cast"(%x) : (tensor<40xf32>) -> tensor<40xi32>
  %d = "lb.cast"(%x) : (tensor<40xf32>) -> tensor<40xi64>
  %e = "lb.cast"(%i) : (tensor<40xi32>) -> tensor<40xf32>
  %f = "lb.cast"(%i) : (tensor<40xi32>) -> tensor<40xi8>
  %g = "lb.cast"(%s) : (tensor<40xi16>) -> tensor<40xui16>
  %h = "lb.cast"(%u) : (tensor<40xui8>) -> tensor<40xf32>
  %j = "lb.cast"(%l) : (tensor<40xi64>) -> tensor<40xi32>
  %k = "lb.cast"(%l) : (tensor<40xi64>) -> tensor<40xf32>
  return %a, %b, %c, %d, %e, %f, %g, %h, %j, %k : tensor<40xi8>, tensor<40xui8>, tensor<40xi32>, tensor<40xi64>, tensor<40xf32>, tensor<40xi8>, tensor<40xui16>, tensor<40xf32>, tensor<40xi32>, tensor<40xf32>
}
// -----
// case: quantize_16bit_blocked_and_runtime_params
func.func @f(%x: tensor<2x5x3xf32>, %a: tensor<2x5x3xi16>, %sc: tensor<2xf32>, %zr: tensor<2xui16>) -> (tensor<2x5x3xi16>, tensor<2x5x3xui16>, tensor<2x5x3xf32>, tensor<2x5x3xf32>, tensor<2x5x3xi4>, tensor<2x5x3xui16>) {
  %s = "lb.constant"() {value = dense<[0.001, 2.5]> : tensor<2xf32>} : () -> tensor<2xf32>
  %z = "lb.constant"() {value = dense<[-32768, 100]> : tensor<2xi16>} : () -> tensor<2xi16>
  %zu = "lb.constant"() {value = dense<[0, 65535]> : tensor<2xui16>} : () -> tensor<2xui16>
  %0 = "lb.quantize"(%x, %s, %z) {axis = 0 : i64} : (tensor<2x5x3xf32>, tensor<2xf32>, tensor<2xi16>) -> tensor<2x5x3xi16>
  %1 = "lb.quantize"(%x, %s, %zu) {axis = 0 : i64} : (tensor<2x5x3xf32>, tensor<2xf32>, tensor<2xui16>) -> tensor<2x5x3xui16>
  %2 = "lb.dequantize"(%a, %s, %z) {axis = 0 : i64} : (tensor<2x5x3xi16>, tensor<2xf32>, tensor<2xi16>) -> tensor<2x5x3xf32>
  %3 = "lb.dequantize"(%1, %s, %zu) {axis = 0 : i64} : (tensor<2x5x3xui16>, tensor<2xf32>, tensor<2xui16>) -> tensor<2x5x3xf32>
  %bs = "lb.constant"() {value = dense<[[[0.5, 1.0, 2.0], [0.25, 0.125, 4.0]], [[3.0, 0.01, 1.0], [1.5, 2.5, 0.75]]]> : tensor<2x2x3xf32>} : () -> tensor<2x2x3xf32>
  %bz = "lb.constant"() {value = dense<[[[0, 1, -1], [7, -8, 0]], [[2, 3, 4], [-2, -3, -4]]]> : tensor<2x2x3xi4>} : () -> tensor<2x2x3xi4>
  %4 = "lb.quantize"(%x, %bs, %bz) {axis = 1 : i64, block_size = 3 : i64} : (tensor<2x5x3xf32>, tensor<2x2x3xf32>, tensor<2x2x3xi4>) -> tensor<2x5x3xi4>
  %5 = "lb.quantize"(%x, %sc, %zr) {axis = 0 : i64} : (tensor<2x5x3xf32>, tensor<2xf32>, tensor<2xui16>) -> tensor<2x5x3xui16>
  return %0, %1, %2, %3, %4, %5 : tensor<2x5x3xi16>, tensor<2x5x3xui16>, tensor<2x5x3xf32>, tensor<2x5x3xf32>, tensor<2x5x3xi4>, tensor<2x5x3xui16>
}
// -----
// case: qmatmul_unsigned_and_per_column_zero_points
func.func @f(%a: tensor<3x17xui8>, %b: tensor<17x5xi8>, %c: tensor<3x17xi8>, %d: tensor<17x5xui8>, %za: tensor<1xui8>, %zd: tensor<5xui8>) -> (tensor<3x5xi32>, tensor<3x5xi32>, tensor<3x5xi32>, tensor<3x5xi32>) {
  %az = "lb.constant"() {value = dense<255> : tensor<1xui8>} : () -> tensor<1xui8>
  %bz = "lb.constant"() {value = dense<[-128, -1, 0, 1, 127]> : tensor<5xi8>} : () -> tensor<5xi8>
  %cz = "lb.constant"() {value = dense<-128> : tensor<1xi8>} : () -> tensor<1xi8>
  %dz = "lb.constant"() {value = dense<[0, 1, 128, 254, 255]> : tensor<5xui8>} : () -> tensor<5xui8>
  %bias = "lb.constant"() {value = dense<[-7, 0, 7, 100000, -100000]> : tensor<5xi32>} : () -> tensor<5xi32>
  %0 = "lb.qmatmul"(%a, %b, %az, %bz, %bias) : (tensor<3x17xui8>, tensor<17x5xi8>, tensor<1xui8>, tensor<5xi8>, tensor<5xi32>) -> tensor<3x5xi32>
  %1 = "lb.qmatmul"(%c, %d, %cz, %dz) : (tensor<3x17xi8>, tensor<17x5xui8>, tensor<1xi8>, tensor<5xui8>) -> tensor<3x5xi32>
  %2 = "lb.qmatmul"(%a, %d, %za, %zd) : (tensor<3x17xui8>, tensor<17x5xui8>, tensor<1xui8>, tensor<5xui8>) -> tensor<3x5xi32>
  %3 = "lb.qmatmul"(%a, %d, %az, %dz) : (tensor<3x17xui8>, tensor<17x5xui8>, tensor<1xui8>, tensor<5xui8>) -> tensor<3x5xi32>
  return %0, %1, %2, %3 : tensor<3x5xi32>, tensor<3x5xi32>, tensor<3x5xi32>, tensor<3x5xi32>
}
// -----
// case: qconv2d_unsigned_and_per_channel_zero_points
func.func @f(%x: tensor<1x4x6x6xui8>, %w: tensor<3x4x3x3xi8>, %y: tensor<1x4x6x6xi8>, %v: tensor<4x2x3x3xui8>) -> (tensor<1x3x6x6xi32>, tensor<1x4x3x3xi32>, tensor<1x4x6x6xi32>) {
  %xz = "lb.constant"() {value = dense<128> : tensor<1xui8>} : () -> tensor<1xui8>
  %wz = "lb.constant"() {value = dense<[-128, 0, 127]> : tensor<3xi8>} : () -> tensor<3xi8>
  %yz = "lb.constant"() {value = dense<3> : tensor<1xi8>} : () -> tensor<1xi8>
  %vz = "lb.constant"() {value = dense<[0, 128, 254, 255]> : tensor<4xui8>} : () -> tensor<4xui8>
  %b = "lb.constant"() {value = dense<[5, -5, 1000]> : tensor<3xi32>} : () -> tensor<3xi32>
  %0 = "lb.qconv2d"(%x, %w, %xz, %wz, %b) {strides = array<i64: 1, 1>, pads = array<i64: 1, 1, 1, 1>, dilations = array<i64: 1, 1>, group = 1 : i64} : (tensor<1x4x6x6xui8>, tensor<3x4x3x3xi8>, tensor<1xui8>, tensor<3xi8>, tensor<3xi32>) -> tensor<1x3x6x6xi32>
  %1 = "lb.qconv2d"(%y, %v, %yz, %vz) {strides = array<i64: 2, 2>, pads = array<i64: 1, 1, 1, 1>, dilations = array<i64: 1, 1>, group = 2 : i64} : (tensor<1x4x6x6xi8>, tensor<4x2x3x3xui8>, tensor<1xi8>, tensor<4xui8>) -> tensor<1x4x3x3xi32>
  %2 = "lb.qconv2d"(%x, %v, %xz, %vz) {strides = array<i64: 1, 1>, pads = array<i64: 1, 1, 1, 1>, dilations = array<i64: 1, 1>, group = 2 : i64} : (tensor<1x4x6x6xui8>, tensor<4x2x3x3xui8>, tensor<1xui8>, tensor<4xui8>) -> tensor<1x4x6x6xi32>
  return %0, %1, %2 : tensor<1x3x6x6xi32>, tensor<1x4x3x3xi32>, tensor<1x4x6x6xi32>
}
// -----
// case: wide_accumulators_unsigned
func.func @f(%a: tensor<2x40000xui8>, %b: tensor<40000x3xui8>, %c: tensor<2x40000xi8>, %x: tensor<1x300x4x4xui8>, %w: tensor<2x300x3x3xui8>, %v: tensor<2x300x3x3xi8>) -> (tensor<2x3xi64>, tensor<2x3xi64>, tensor<2x3xi64>, tensor<1x2x4x4xi64>, tensor<1x2x4x4xi64>, tensor<1x2x2x2xi64>) {
  %uz = "lb.constant"() {value = dense<0> : tensor<1xui8>} : () -> tensor<1xui8>
  %sz = "lb.constant"() {value = dense<-128> : tensor<1xi8>} : () -> tensor<1xi8>
  %0 = "lb.qmatmul"(%a, %b, %uz, %uz) : (tensor<2x40000xui8>, tensor<40000x3xui8>, tensor<1xui8>, tensor<1xui8>) -> tensor<2x3xi64>
  %1 = "lb.qmatmul"(%c, %b, %sz, %uz) : (tensor<2x40000xi8>, tensor<40000x3xui8>, tensor<1xi8>, tensor<1xui8>) -> tensor<2x3xi64>
  %b2 = "lb.constant"() {value = dense<1> : tensor<40000x3xi8>} : () -> tensor<40000x3xi8>
  %2 = "lb.qmatmul"(%a, %b2, %uz, %sz) : (tensor<2x40000xui8>, tensor<40000x3xi8>, tensor<1xui8>, tensor<1xi8>) -> tensor<2x3xi64>
  %3 = "lb.qconv2d"(%x, %w, %uz, %uz) {strides = array<i64: 1, 1>, pads = array<i64: 1, 1, 1, 1>, dilations = array<i64: 1, 1>, group = 1 : i64} : (tensor<1x300x4x4xui8>, tensor<2x300x3x3xui8>, tensor<1xui8>, tensor<1xui8>) -> tensor<1x2x4x4xi64>
  %4 = "lb.qconv2d"(%x, %v, %uz, %sz) {strides = array<i64: 1, 1>, pads = array<i64: 1, 1, 1, 1>, dilations = array<i64: 1, 1>, group = 1 : i64} : (tensor<1x300x4x4xui8>, tensor<2x300x3x3xi8>, tensor<1xui8>, tensor<1xi8>) -> tensor<1x2x4x4xi64>
  %xs = "lb.constant"() {value = dense<-128> : tensor<1x300x4x4xi8>} : () -> tensor<1x300x4x4xi8>
  %5 = "lb.qconv2d"(%xs, %w, %sz, %uz) {strides = array<i64: 1, 1>, pads = array<i64: 0, 0, 0, 0>, dilations = array<i64: 1, 1>, group = 1 : i64} : (tensor<1x300x4x4xi8>, tensor<2x300x3x3xui8>, tensor<1xi8>, tensor<1xui8>) -> tensor<1x2x2x2xi64>
  return %0, %1, %2, %3, %4, %5 : tensor<2x3xi64>, tensor<2x3xi64>, tensor<2x3xi64>, tensor<1x2x4x4xi64>, tensor<1x2x4x4xi64>, tensor<1x2x2x2xi64>
}
// -----
// case: requantize_float_mode
// i32-inputs: full
func.func @f(%acc: tensor<2x4x5xi32>, %wide: tensor<2x4x5xi64>, %rs: tensor<4xf32>, %rz: tensor<1xui8>) -> (tensor<2x4x5xi8>, tensor<2x4x5xui8>, tensor<2x4x5xi8>, tensor<2x4x5xui8>, tensor<2x4x5xui8>) {
  %s = "lb.constant"() {value = dense<[1.0e-27, 0.5, 3.0517578e-05, 1.0]> : tensor<4xf32>} : () -> tensor<4xf32>
  %s1 = "lb.constant"() {value = dense<2.5e-3> : tensor<1xf32>} : () -> tensor<1xf32>
  %z = "lb.constant"() {value = dense<-5> : tensor<1xi8>} : () -> tensor<1xi8>
  %zu = "lb.constant"() {value = dense<128> : tensor<1xui8>} : () -> tensor<1xui8>
  %0 = "lb.requantize"(%acc, %s, %z) {axis = 1 : i64} : (tensor<2x4x5xi32>, tensor<4xf32>, tensor<1xi8>) -> tensor<2x4x5xi8>
  %1 = "lb.requantize"(%acc, %s1, %zu) {axis = -1 : i64} : (tensor<2x4x5xi32>, tensor<1xf32>, tensor<1xui8>) -> tensor<2x4x5xui8>
  %2 = "lb.requantize"(%wide, %s, %z) {axis = 1 : i64} : (tensor<2x4x5xi64>, tensor<4xf32>, tensor<1xi8>) -> tensor<2x4x5xi8>
  %3 = "lb.requantize"(%wide, %s1, %zu) {axis = -1 : i64} : (tensor<2x4x5xi64>, tensor<1xf32>, tensor<1xui8>) -> tensor<2x4x5xui8>
  %4 = "lb.requantize"(%acc, %rs, %rz) {axis = 1 : i64} : (tensor<2x4x5xi32>, tensor<4xf32>, tensor<1xui8>) -> tensor<2x4x5xui8>
  return %0, %1, %2, %3, %4 : tensor<2x4x5xi8>, tensor<2x4x5xui8>, tensor<2x4x5xi8>, tensor<2x4x5xui8>, tensor<2x4x5xui8>
}
// -----
// case: dynamic_quantize_parameters
func.func @f(%x: tensor<3x7xf32>) -> (tensor<f32>, tensor<ui8>, tensor<3x7xui8>) {
  %s = "lb.dynamic_scale"(%x) : (tensor<3x7xf32>) -> tensor<f32>
  %z = "lb.dynamic_zero_point"(%x) : (tensor<3x7xf32>) -> tensor<ui8>
  %q = "lb.quantize"(%x, %s, %z) {axis = -1 : i64} : (tensor<3x7xf32>, tensor<f32>, tensor<ui8>) -> tensor<3x7xui8>
  return %s, %z, %q : tensor<f32>, tensor<ui8>, tensor<3x7xui8>
}
// -----
// case: reductions_min_max_round
func.func @f(%x: tensor<2x3x4xf32>, %y: tensor<3x1xf32>) -> (tensor<2x1x4xf32>, tensor<3xf32>, tensor<f32>, tensor<2x3x1xf32>, tensor<2x3x4xf32>, tensor<2x3x4xf32>, tensor<2x3x4xf32>) {
  %0 = "lb.reduce_sum"(%x) {axes = array<i64: 1>, keepdims = 1 : i64} : (tensor<2x3x4xf32>) -> tensor<2x1x4xf32>
  %1 = "lb.reduce_mean"(%x) {axes = array<i64: 0, 2>, keepdims = 0 : i64} : (tensor<2x3x4xf32>) -> tensor<3xf32>
  %2 = "lb.reduce_max"(%x) {axes = array<i64: 0, 1, 2>, keepdims = 0 : i64} : (tensor<2x3x4xf32>) -> tensor<f32>
  %3 = "lb.reduce_min"(%x) {axes = array<i64: 2>, keepdims = 1 : i64} : (tensor<2x3x4xf32>) -> tensor<2x3x1xf32>
  %4 = "lb.min"(%x, %y) : (tensor<2x3x4xf32>, tensor<3x1xf32>) -> tensor<2x3x4xf32>
  %5 = "lb.max"(%y, %x) : (tensor<3x1xf32>, tensor<2x3x4xf32>) -> tensor<2x3x4xf32>
  %6 = "lb.round"(%x) : (tensor<2x3x4xf32>) -> tensor<2x3x4xf32>
  return %0, %1, %2, %3, %4, %5, %6 : tensor<2x1x4xf32>, tensor<3xf32>, tensor<f32>, tensor<2x3x1xf32>, tensor<2x3x4xf32>, tensor<2x3x4xf32>, tensor<2x3x4xf32>
}
// -----
// case: quantize_rounding_modes
func.func @f(%x: tensor<24xf32>) -> (tensor<24xi8>, tensor<24xi8>, tensor<24xi8>, tensor<24xi8>, tensor<24xi8>, tensor<24xi8>, tensor<24xi4>) {
  %s = "lb.constant"() {value = dense<0.5> : tensor<1xf32>} : () -> tensor<1xf32>
  %z = "lb.constant"() {value = dense<0> : tensor<1xi8>} : () -> tensor<1xi8>
  %z4 = "lb.constant"() {value = dense<1> : tensor<1xi4>} : () -> tensor<1xi4>
  %0 = "lb.quantize"(%x, %s, %z) {axis = -1 : i64, rounding = "ceil"} : (tensor<24xf32>, tensor<1xf32>, tensor<1xi8>) -> tensor<24xi8>
  %1 = "lb.quantize"(%x, %s, %z) {axis = -1 : i64, rounding = "floor"} : (tensor<24xf32>, tensor<1xf32>, tensor<1xi8>) -> tensor<24xi8>
  %2 = "lb.quantize"(%x, %s, %z) {axis = -1 : i64, rounding = "down"} : (tensor<24xf32>, tensor<1xf32>, tensor<1xi8>) -> tensor<24xi8>
  %3 = "lb.quantize"(%x, %s, %z) {axis = -1 : i64, rounding = "up"} : (tensor<24xf32>, tensor<1xf32>, tensor<1xi8>) -> tensor<24xi8>
  %4 = "lb.quantize"(%x, %s, %z) {axis = -1 : i64, rounding = "half_up"} : (tensor<24xf32>, tensor<1xf32>, tensor<1xi8>) -> tensor<24xi8>
  %5 = "lb.quantize"(%x, %s, %z) {axis = -1 : i64, rounding = "half_down"} : (tensor<24xf32>, tensor<1xf32>, tensor<1xi8>) -> tensor<24xi8>
  %6 = "lb.quantize"(%x, %s, %z4) {axis = -1 : i64, rounding = "floor"} : (tensor<24xf32>, tensor<1xf32>, tensor<1xi4>) -> tensor<24xi4>
  return %0, %1, %2, %3, %4, %5, %6 : tensor<24xi8>, tensor<24xi8>, tensor<24xi8>, tensor<24xi8>, tensor<24xi8>, tensor<24xi8>, tensor<24xi4>
}
// -----
// case: requantize_float_mode_with_offset
// i32-inputs: full
func.func @f(%acc: tensor<3x4xi32>, %wide: tensor<3x4xi64>) -> (tensor<3x4xi8>, tensor<3x4xui8>) {
  %s = "lb.constant"() {value = dense<[1.0e-6, 0.5, 3.0e-5, 1.0]> : tensor<4xf32>} : () -> tensor<4xf32>
  %o = "lb.constant"() {value = dense<[0.5, -0.5, 100.25, -1.0e+9]> : tensor<4xf32>} : () -> tensor<4xf32>
  %z = "lb.constant"() {value = dense<3> : tensor<1xi8>} : () -> tensor<1xi8>
  %zu = "lb.constant"() {value = dense<7> : tensor<1xui8>} : () -> tensor<1xui8>
  %0 = "lb.requantize"(%acc, %s, %o, %z) {axis = 1 : i64} : (tensor<3x4xi32>, tensor<4xf32>, tensor<4xf32>, tensor<1xi8>) -> tensor<3x4xi8>
  %1 = "lb.requantize"(%wide, %s, %o, %zu) {axis = 1 : i64} : (tensor<3x4xi64>, tensor<4xf32>, tensor<4xf32>, tensor<1xui8>) -> tensor<3x4xui8>
  return %0, %1 : tensor<3x4xi8>, tensor<3x4xui8>
}
// -----
// case: matmul_nbits_2_4_8_bits
func.func @f(%a: tensor<3x40xf32>, %b4: tensor<5x3x8xui8>, %b2: tensor<5x3x4xui8>, %b8: tensor<5x3x16xui8>, %s: tensor<15xf32>, %z: tensor<15xf32>, %bias: tensor<5xf32>) -> (tensor<3x5xf32>, tensor<3x5xf32>, tensor<3x5xf32>) {
  %0 = "lb.matmul_nbits"(%a, %b4, %s, %z, %bias) {n = 5 : i64, bits = 4 : i64, block_size = 16 : i64} : (tensor<3x40xf32>, tensor<5x3x8xui8>, tensor<15xf32>, tensor<15xf32>, tensor<5xf32>) -> tensor<3x5xf32>
  %1 = "lb.matmul_nbits"(%a, %b2, %s, %z) {n = 5 : i64, bits = 2 : i64, block_size = 16 : i64} : (tensor<3x40xf32>, tensor<5x3x4xui8>, tensor<15xf32>, tensor<15xf32>) -> tensor<3x5xf32>
  %2 = "lb.matmul_nbits"(%a, %b8, %s, %z, %bias) {n = 5 : i64, bits = 8 : i64, block_size = 16 : i64} : (tensor<3x40xf32>, tensor<5x3x16xui8>, tensor<15xf32>, tensor<15xf32>, tensor<5xf32>) -> tensor<3x5xf32>
  return %0, %1, %2 : tensor<3x5xf32>, tensor<3x5xf32>, tensor<3x5xf32>
}
// -----
// case: transcendental_and_norms
func.func @f(%x: tensor<2x3x8xf32>, %s: tensor<8xf32>, %b: tensor<8xf32>, %s24: tensor<24xf32>) -> (tensor<2x3x8xf32>, tensor<2x3x8xf32>, tensor<2x3x8xf32>, tensor<2x3x8xf32>, tensor<2x3x8xf32>, tensor<2x3x8xf32>, tensor<2x3x8xf32>, tensor<2x3x8xf32>) {
  %0 = "lb.erf"(%x) : (tensor<2x3x8xf32>) -> tensor<2x3x8xf32>
  %1 = "lb.tanh"(%x) : (tensor<2x3x8xf32>) -> tensor<2x3x8xf32>
  %2 = "lb.sqrt"(%x) : (tensor<2x3x8xf32>) -> tensor<2x3x8xf32>
  %3 = "lb.gelu"(%x) {approximate = 0 : i64} : (tensor<2x3x8xf32>) -> tensor<2x3x8xf32>
  %4 = "lb.gelu"(%x) {approximate = 1 : i64} : (tensor<2x3x8xf32>) -> tensor<2x3x8xf32>
  %5 = "lb.layer_norm"(%x, %s, %b) {axis = 2 : i64, epsilon = 1.0e-5 : f32} : (tensor<2x3x8xf32>, tensor<8xf32>, tensor<8xf32>) -> tensor<2x3x8xf32>
  %6 = "lb.layer_norm"(%x, %s24) {axis = 1 : i64, epsilon = 1.0e-3 : f32} : (tensor<2x3x8xf32>, tensor<24xf32>) -> tensor<2x3x8xf32>
  %7 = "lb.rms_norm"(%x, %s) {axis = 2 : i64, epsilon = 1.0e-6 : f32} : (tensor<2x3x8xf32>, tensor<8xf32>) -> tensor<2x3x8xf32>
  return %0, %1, %2, %3, %4, %5, %6, %7 : tensor<2x3x8xf32>, tensor<2x3x8xf32>, tensor<2x3x8xf32>, tensor<2x3x8xf32>, tensor<2x3x8xf32>, tensor<2x3x8xf32>, tensor<2x3x8xf32>, tensor<2x3x8xf32>
}
// -----
// case: data_movement_any_type
func.func @f(%x: tensor<2x5x3xf32>, %q: tensor<2x5x3xi8>, %i: tensor<4xi64>, %j: tensor<2x2xi32>, %c: tensor<5x1xui8>, %w: tensor<4x3xi64>) -> (tensor<2x3x3xf32>, tensor<2x5x3xi8>, tensor<2x10x3xf32>, tensor<4x5x3xi8>, tensor<2x5x2x2xf32>, tensor<2x5x3xf32>, tensor<2x5x3xui8>, tensor<4x3xui8>) {
  %0 = "lb.slice"(%x) {starts = array<i64: 0, 4, 0>, ends = array<i64: 4611686018427387904, -1, 4611686018427387904>, steps = array<i64: 1, -2, 1>} : (tensor<2x5x3xf32>) -> tensor<2x3x3xf32>
  %e = "lb.slice"(%q) {starts = array<i64: 0, 0, 0>, ends = array<i64: 4611686018427387904, 4611686018427387904, 4611686018427387904>, steps = array<i64: 1, 1, 1>} : (tensor<2x5x3xi8>) -> tensor<2x5x3xi8>
  %1 = "lb.concat"(%x, %x) {axis = 1 : i64} : (tensor<2x5x3xf32>, tensor<2x5x3xf32>) -> tensor<2x10x3xf32>
  %2 = "lb.gather"(%q, %i) {axis = 0 : i64} : (tensor<2x5x3xi8>, tensor<4xi64>) -> tensor<4x5x3xi8>
  %3 = "lb.gather"(%x, %j) {axis = 2 : i64} : (tensor<2x5x3xf32>, tensor<2x2xi32>) -> tensor<2x5x2x2xf32>
  %y = "lb.expand"(%x) {shape = array<i64: 1, 5, 1>} : (tensor<2x5x3xf32>) -> tensor<2x5x3xf32>
  %4 = "lb.where"(%c, %y, %x) : (tensor<5x1xui8>, tensor<2x5x3xf32>, tensor<2x5x3xf32>) -> tensor<2x5x3xf32>
  %5 = "lb.less"(%x, %4) : (tensor<2x5x3xf32>, tensor<2x5x3xf32>) -> tensor<2x5x3xui8>
  %6 = "lb.equal"(%w, %w) : (tensor<4x3xi64>, tensor<4x3xi64>) -> tensor<4x3xui8>
  return %0, %e, %1, %2, %3, %4, %5, %6 : tensor<2x3x3xf32>, tensor<2x5x3xi8>, tensor<2x10x3xf32>, tensor<4x5x3xi8>, tensor<2x5x2x2xf32>, tensor<2x5x3xf32>, tensor<2x5x3xui8>, tensor<4x3xui8>
}
// -----
// case: leaky_relu
func.func @f(%x: tensor<33xf32>) -> tensor<33xf32> {
  %0 = "lb.leaky_relu"(%x) {alpha = 0.1 : f32} : (tensor<33xf32>) -> tensor<33xf32>
  return %0 : tensor<33xf32>
}
// -----
// case: quantized_add_mul_mixed_signedness
func.func @f(%a: tensor<2x3x4xi8>, %b: tensor<3x1xui8>, %c: tensor<2x3x4xui8>) -> (tensor<2x3x4xui8>, tensor<2x3x4xi8>, tensor<2x3x4xui8>) {
  %0 = "lb.qadd"(%a, %b) {a_zero_point = -128 : i64, b_zero_point = 255 : i64, y_zero_point = 3 : i64, a_scale = 0.75 : f32, b_scale = 1.5e-3 : f32} : (tensor<2x3x4xi8>, tensor<3x1xui8>) -> tensor<2x3x4xui8>
  %1 = "lb.qmul"(%a, %c) {a_zero_point = 5 : i64, b_zero_point = 128 : i64, y_zero_point = -7 : i64, a_scale = 2.5e-3 : f32, b_scale = 0.0 : f32} : (tensor<2x3x4xi8>, tensor<2x3x4xui8>) -> tensor<2x3x4xi8>
  %2 = "lb.qadd"(%c, %c) {a_zero_point = 0 : i64, b_zero_point = 0 : i64, y_zero_point = 0 : i64, a_scale = 0.5 : f32, b_scale = 0.5 : f32} : (tensor<2x3x4xui8>, tensor<2x3x4xui8>) -> tensor<2x3x4xui8>
  return %0, %1, %2 : tensor<2x3x4xui8>, tensor<2x3x4xi8>, tensor<2x3x4xui8>
}
