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
// case: qmatmul_packed_requantize_i8i8
// b_layout nk with the requantize fused into the store (to i8 per channel and to ui8 per tensor); 4 x 4 tiles and their edges.
func.func @f(%a: tensor<2x3x37xi8>) -> (tensor<2x3x7xi8>, tensor<2x3x7xui8>) {
  %w = "lb.constant"() {value = dense<[[-128, -128, -128, -128, -128, -128, -128, -128, -128, -128, -128, -128, -128, -128, -128, -128, -128, -128, -128, -128, -128, -128, -128, -128, -128, -128, -128, -128, -128, -128, -128, -128, -128, -128, -128, -128, -128], [ 127,  127,  127,  127,  127,  127,  127,  127,  127,  127,  127,  127,  127,  127,  127,  127,  127,  127,  127,  127,  127,  127,  127,  127,  127,  127,  127,  127,  127,  127,  127,  127,  127,  127,  127,  127,  127], [  24,  -18,  -21,  102, -127,  -47,  -24,   50,  -23,  -48, -108,  -62, -101,   51,  -19,  -70,   10,   -2,   -7,   20,   32,  -80,  -89,   59,  120,   12,  -13,   31, -120,  -33,  -37,  -21,   62,   -2,   91,   -8, -120], [  44,   76,   19,  112,  -22,   76, -128, -119,   75,   95,    4,   64,  -45,   58,   -1,  -51, -105,  -84,  103,  -15,  125,  -38, -113,  -63,  -37,   51,   58,   60,  -48,  -31,   17,   27,  -22,  -80,   70,    5,  117], [ 114,   99,  117,   30,  -52,  -87, -102,  114,  -59, -122, -119,  -52,  122,  -56, -102,   43, -113,   -4, -106, -105,  -36, -125,   89,   26,  110,   -3,   14,   25,   -9,   16,   18,   99,  -51,  107,  -84,  -80,  -63], [ 113,  -66,   73,   21,   35, -109,   40, -111,   11,   73,  106,  125,  -69,   68,   25,   59,   80,   -7,  -94,   73,   29,  -94,  -25,  -91,   68,  -43, -111,  -56,   27,   23,   91,  -36,   32,  113,  -46, -121,   39], [  25,  -42,   16,   43,   81,  -96,   -8,  -57,  -43, -120,  -20, -107,  109,   14,  -21,  -69,  112,    4,  124,   40,  126,   97,   62,  -38,   71,  -47,   92,  -48, -109,  -98,  -12,   41,  -54,   81,  -63,   -7,  -42]]> : tensor<7x37xi8>} : () -> tensor<7x37xi8>
  %az = "lb.constant"() {value = dense<[14]> : tensor<1xi8>} : () -> tensor<1xi8>
  %bz = "lb.constant"() {value = dense<[-80, 117, 108,  50,   7,  62,  -9]> : tensor<7xi8>} : () -> tensor<7xi8>
  %bias = "lb.constant"() {value = dense<[ 77899, -86742, -56842,  -8681,  30033,  41391,  43478]> : tensor<7xi32>} : () -> tensor<7xi32>
  %acc = "lb.qmatmul"(%a, %w, %az, %bz, %bias) {b_layout = "nk"} : (tensor<2x3x37xi8>, tensor<7x37xi8>, tensor<1xi8>, tensor<7xi8>, tensor<7xi32>) -> tensor<2x3x7xi32>
  %acc2 = "lb.qmatmul"(%a, %w, %az, %bz) {b_layout = "nk"} : (tensor<2x3x37xi8>, tensor<7x37xi8>, tensor<1xi8>, tensor<7xi8>) -> tensor<2x3x7xi32>
  %m = "lb.constant"() {value = dense<[         0, 2147483647, 1646252436, 1510326224, 1382600149,  757350935,  700647287]> : tensor<7xi32>} : () -> tensor<7xi32>
  %s = "lb.constant"() {value = dense<[ 1, 62, 38, 41, 37, 37, 36]> : tensor<7xi32>} : () -> tensor<7xi32>
  %z = "lb.constant"() {value = dense<[-3]> : tensor<1xi8>} : () -> tensor<1xi8>
  %q = "lb.requantize"(%acc, %m, %s, %z) {axis = 2 : i64} : (tensor<2x3x7xi32>, tensor<7xi32>, tensor<7xi32>, tensor<1xi8>) -> tensor<2x3x7xi8>
  %m1 = "lb.constant"() {value = dense<[719897711]> : tensor<1xi32>} : () -> tensor<1xi32>
  %s1 = "lb.constant"() {value = dense<[39]> : tensor<1xi32>} : () -> tensor<1xi32>
  %z1 = "lb.constant"() {value = dense<[131]> : tensor<1xui8>} : () -> tensor<1xui8>
  %r = "lb.requantize"(%acc2, %m1, %s1, %z1) {axis = -1 : i64} : (tensor<2x3x7xi32>, tensor<1xi32>, tensor<1xi32>, tensor<1xui8>) -> tensor<2x3x7xui8>
  return %q, %r : tensor<2x3x7xi8>, tensor<2x3x7xui8>
}
// -----
// case: qmatmul_packed_requantize_i8u8
// b_layout nk with the requantize fused into the store (to i8 per channel and to ui8 per tensor); 4 x 4 tiles and their edges.
func.func @f(%a: tensor<2x3x37xi8>) -> (tensor<2x3x7xi8>, tensor<2x3x7xui8>) {
  %w = "lb.constant"() {value = dense<[[  0,   0,   0,   0,   0,   0,   0,   0,   0,   0,   0,   0,   0,   0,   0,   0,   0,   0,   0,   0,   0,   0,   0,   0,   0,   0,   0,   0,   0,   0,   0,   0,   0,   0,   0,   0,   0], [255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255], [ 70, 206, 160, 121, 189, 176,  20,  58, 169, 103,  82, 139,  41, 251, 140,   1, 118, 190, 147, 130, 164,   6, 127, 103, 231, 149,  45, 218,  73, 254,  91, 217, 198, 184, 166,   5,  52], [223, 190, 118, 197, 168, 197, 136,  20, 104,  54, 220, 229,  51, 225,  84,  52,  69, 141,  61,  67, 179, 106, 178,   5,  24,  72,  92,  69, 101, 235, 117, 150, 202,  45,  36, 109, 159], [126,  30, 163, 236, 136, 230, 107, 102,  79, 133, 147,  27, 249,  39, 141,  79, 227, 164,   3,   6,  51, 210, 221, 141, 145, 165, 124, 130,  94, 125,  75, 191, 173, 183,  93, 101, 111], [154, 198,   2, 242, 220, 254,  71, 124, 139,  35,  91,   6,  30, 126,  80,  19, 213,  30,  59,  60, 132, 253,   7,  41,  85,  28,   1, 234,  57, 159, 226, 189,  10,  90,  12, 239, 118], [249, 102, 142,  16, 252, 219, 129,  59, 112, 111, 201,  76, 164, 207,  51, 198, 131,  52,   4, 226, 224,  16, 138,  23,  11,  14, 240, 129, 255, 197, 188,  27, 110, 144, 151,  35,   2]]> : tensor<7x37xui8>} : () -> tensor<7x37xui8>
  %az = "lb.constant"() {value = dense<[28]> : tensor<1xi8>} : () -> tensor<1xi8>
  %bz = "lb.constant"() {value = dense<[ 27, 239,  84, 237, 105, 108, 193]> : tensor<7xui8>} : () -> tensor<7xui8>
  %bias = "lb.constant"() {value = dense<[ 79987, -65855, -11471, -76780,  40026,  39492, -71689]> : tensor<7xi32>} : () -> tensor<7xi32>
  %acc = "lb.qmatmul"(%a, %w, %az, %bz, %bias) {b_layout = "nk"} : (tensor<2x3x37xi8>, tensor<7x37xui8>, tensor<1xi8>, tensor<7xui8>, tensor<7xi32>) -> tensor<2x3x7xi32>
  %acc2 = "lb.qmatmul"(%a, %w, %az, %bz) {b_layout = "nk"} : (tensor<2x3x37xi8>, tensor<7x37xui8>, tensor<1xi8>, tensor<7xui8>) -> tensor<2x3x7xi32>
  %m = "lb.constant"() {value = dense<[         0, 2147483647, 1731810593,  985715899, 1377759107, 1669022803, 1784240180]> : tensor<7xi32>} : () -> tensor<7xi32>
  %s = "lb.constant"() {value = dense<[ 1, 62, 38, 38, 37, 41, 37]> : tensor<7xi32>} : () -> tensor<7xi32>
  %z = "lb.constant"() {value = dense<[-3]> : tensor<1xi8>} : () -> tensor<1xi8>
  %q = "lb.requantize"(%acc, %m, %s, %z) {axis = 2 : i64} : (tensor<2x3x7xi32>, tensor<7xi32>, tensor<7xi32>, tensor<1xi8>) -> tensor<2x3x7xi8>
  %m1 = "lb.constant"() {value = dense<[776818613]> : tensor<1xi32>} : () -> tensor<1xi32>
  %s1 = "lb.constant"() {value = dense<[40]> : tensor<1xi32>} : () -> tensor<1xi32>
  %z1 = "lb.constant"() {value = dense<[131]> : tensor<1xui8>} : () -> tensor<1xui8>
  %r = "lb.requantize"(%acc2, %m1, %s1, %z1) {axis = -1 : i64} : (tensor<2x3x7xi32>, tensor<1xi32>, tensor<1xi32>, tensor<1xui8>) -> tensor<2x3x7xui8>
  return %q, %r : tensor<2x3x7xi8>, tensor<2x3x7xui8>
}
// -----
// case: qmatmul_packed_requantize_u8i8
// b_layout nk with the requantize fused into the store (to i8 per channel and to ui8 per tensor); 4 x 4 tiles and their edges.
func.func @f(%a: tensor<2x3x37xui8>) -> (tensor<2x3x7xi8>, tensor<2x3x7xui8>) {
  %w = "lb.constant"() {value = dense<[[-128, -128, -128, -128, -128, -128, -128, -128, -128, -128, -128, -128, -128, -128, -128, -128, -128, -128, -128, -128, -128, -128, -128, -128, -128, -128, -128, -128, -128, -128, -128, -128, -128, -128, -128, -128, -128], [ 127,  127,  127,  127,  127,  127,  127,  127,  127,  127,  127,  127,  127,  127,  127,  127,  127,  127,  127,  127,  127,  127,  127,  127,  127,  127,  127,  127,  127,  127,  127,  127,  127,  127,  127,  127,  127], [ -48,  -26,   13,   46,    0,   54,   83,  -26,   88,   83,  122,   -9,   88,  117,  112,  111,  -28,  102,  -17,  104,   79,  -91,  -96,   37,  -66,   61,   71,    7,   71,    7,   17,  -77,   22,  -87,   30,   72,   68], [ -90,   74,   58,  -90, -109,   38,  -23,   -1, -122,  -67,   41,   34,  -54,  -41,   -9,  -41,  -55,  -48,    4,   13,   40,  -65,  -86,  -48,   70,   86,   72,  -28,  113,   18,  -31,   21,   95,  -17, -105,  -50,  126], [ -10,  -74,   97,  -33,  -47, -105,  114,   85,  -29,   -4,  -63,  118,  107,  -91,  -66,  100,  -73,  -36,   79,  -68,   88,   40,  -81, -121,  -84,    6,  117,   -7,  -96, -116,  -80,  -17,  -15,  -50,   31,  -65,  -63], [ 110,    8,   25,   18,  -89,   21,   65, -118,  -34,  -57,   25,  103,  -31, -112,   35,  -49,   46,  -93,  -56,  -29,   84,   12,   30,   52,   26,   97,  -73,   35,  -63,   14,  -27,  106, -120,   12, -114,  -35,   41], [ -67,  -47,   44,   56,   37, -109,  -42,   61,   92,  -74,  -27,   94,  -97,  104,  -32,   48,  -16,  -28,  -32, -122,  105,   66,  108,   16,  117, -107,  -37,   18,   -6, -127, -102,  -13,   83,   28,  -55,   77,   99]]> : tensor<7x37xi8>} : () -> tensor<7x37xi8>
  %az = "lb.constant"() {value = dense<[74]> : tensor<1xui8>} : () -> tensor<1xui8>
  %bz = "lb.constant"() {value = dense<[ 107,  -69,   19,  -44,   56, -113, -115]> : tensor<7xi8>} : () -> tensor<7xi8>
  %bias = "lb.constant"() {value = dense<[ 86299, -64642,  76127,  33483,  20427,  45242, -85083]> : tensor<7xi32>} : () -> tensor<7xi32>
  %acc = "lb.qmatmul"(%a, %w, %az, %bz, %bias) {b_layout = "nk"} : (tensor<2x3x37xui8>, tensor<7x37xi8>, tensor<1xui8>, tensor<7xi8>, tensor<7xi32>) -> tensor<2x3x7xi32>
  %acc2 = "lb.qmatmul"(%a, %w, %az, %bz) {b_layout = "nk"} : (tensor<2x3x37xui8>, tensor<7x37xi8>, tensor<1xui8>, tensor<7xi8>) -> tensor<2x3x7xi32>
  %m = "lb.constant"() {value = dense<[         0, 2147483647,  569794420, 2038094709,  738196792, 1045338709,  771486842]> : tensor<7xi32>} : () -> tensor<7xi32>
  %s = "lb.constant"() {value = dense<[ 1, 62, 36, 37, 39, 38, 37]> : tensor<7xi32>} : () -> tensor<7xi32>
  %z = "lb.constant"() {value = dense<[-3]> : tensor<1xi8>} : () -> tensor<1xi8>
  %q = "lb.requantize"(%acc, %m, %s, %z) {axis = 2 : i64} : (tensor<2x3x7xi32>, tensor<7xi32>, tensor<7xi32>, tensor<1xi8>) -> tensor<2x3x7xi8>
  %m1 = "lb.constant"() {value = dense<[1197259871]> : tensor<1xi32>} : () -> tensor<1xi32>
  %s1 = "lb.constant"() {value = dense<[38]> : tensor<1xi32>} : () -> tensor<1xi32>
  %z1 = "lb.constant"() {value = dense<[131]> : tensor<1xui8>} : () -> tensor<1xui8>
  %r = "lb.requantize"(%acc2, %m1, %s1, %z1) {axis = -1 : i64} : (tensor<2x3x7xi32>, tensor<1xi32>, tensor<1xi32>, tensor<1xui8>) -> tensor<2x3x7xui8>
  return %q, %r : tensor<2x3x7xi8>, tensor<2x3x7xui8>
}
// -----
// case: qmatmul_packed_requantize_u8u8
// b_layout nk with the requantize fused into the store (to i8 per channel and to ui8 per tensor); 4 x 4 tiles and their edges.
func.func @f(%a: tensor<2x3x37xui8>) -> (tensor<2x3x7xi8>, tensor<2x3x7xui8>) {
  %w = "lb.constant"() {value = dense<[[  0,   0,   0,   0,   0,   0,   0,   0,   0,   0,   0,   0,   0,   0,   0,   0,   0,   0,   0,   0,   0,   0,   0,   0,   0,   0,   0,   0,   0,   0,   0,   0,   0,   0,   0,   0,   0], [255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255], [226, 223,  66, 127, 215,  22,  59,  53, 102,  29,  45, 252, 123, 208,  19,  12, 244, 246,   3,  62, 127, 164, 214,   2,  33,   5, 152, 138, 135,  51, 193, 233, 178, 252, 211,  21, 203], [158, 149,  51,  89,  91,  27,  85,  41, 116, 223, 190,  68, 149, 228, 243,  78,  78,  14, 196,  74,  91,  98,  25,  26, 149, 110,  84, 204,  55, 105,  80, 126,  33, 255,  75,  55, 179], [139, 190, 252, 178, 126,  82, 151, 233, 139, 141,  29, 112, 183, 210, 233, 166, 237,  15, 150,  66,  90, 242, 172, 113, 241, 101, 250,  74,  72, 164, 239,  20, 186, 105, 223, 199,  42], [171, 249,  37, 192,  27,  42,  66, 138, 200,  28,  10, 185,  82, 152, 108, 148,  84, 216,  29, 197, 109,  23, 230, 195,  39, 138,  39,  48,  75,  88, 252, 130, 107, 219,   9, 225,   9], [ 26,   8, 113, 250, 215,  18, 154, 240, 218,  72, 152,  90,  57, 225, 128, 121, 131,  54, 228, 152,  91, 153,  60, 124, 191, 212, 107, 183, 123,  19, 250, 222, 172,  13, 171,  60, 239]]> : tensor<7x37xui8>} : () -> tensor<7x37xui8>
  %az = "lb.constant"() {value = dense<[22]> : tensor<1xui8>} : () -> tensor<1xui8>
  %bz = "lb.constant"() {value = dense<[183, 100, 244, 200, 162, 133, 150]> : tensor<7xui8>} : () -> tensor<7xui8>
  %bias = "lb.constant"() {value = dense<[ 22431, -43155,   7088, -53841, -45004,   6300,  26780]> : tensor<7xi32>} : () -> tensor<7xi32>
  %acc = "lb.qmatmul"(%a, %w, %az, %bz, %bias) {b_layout = "nk"} : (tensor<2x3x37xui8>, tensor<7x37xui8>, tensor<1xui8>, tensor<7xui8>, tensor<7xi32>) -> tensor<2x3x7xi32>
  %acc2 = "lb.qmatmul"(%a, %w, %az, %bz) {b_layout = "nk"} : (tensor<2x3x37xui8>, tensor<7x37xui8>, tensor<1xui8>, tensor<7xui8>) -> tensor<2x3x7xi32>
  %m = "lb.constant"() {value = dense<[         0, 2147483647, 1677779402,  970500216, 1630495070, 1353540991,  582520732]> : tensor<7xi32>} : () -> tensor<7xi32>
  %s = "lb.constant"() {value = dense<[ 1, 62, 36, 39, 37, 38, 36]> : tensor<7xi32>} : () -> tensor<7xi32>
  %z = "lb.constant"() {value = dense<[-3]> : tensor<1xi8>} : () -> tensor<1xi8>
  %q = "lb.requantize"(%acc, %m, %s, %z) {axis = 2 : i64} : (tensor<2x3x7xi32>, tensor<7xi32>, tensor<7xi32>, tensor<1xi8>) -> tensor<2x3x7xi8>
  %m1 = "lb.constant"() {value = dense<[1485466871]> : tensor<1xi32>} : () -> tensor<1xi32>
  %s1 = "lb.constant"() {value = dense<[41]> : tensor<1xi32>} : () -> tensor<1xi32>
  %z1 = "lb.constant"() {value = dense<[131]> : tensor<1xui8>} : () -> tensor<1xui8>
  %r = "lb.requantize"(%acc2, %m1, %s1, %z1) {axis = -1 : i64} : (tensor<2x3x7xi32>, tensor<1xi32>, tensor<1xi32>, tensor<1xui8>) -> tensor<2x3x7xui8>
  return %q, %r : tensor<2x3x7xi8>, tensor<2x3x7xui8>
}
// -----
// case: qconv2d_gemm_i8i8
// algorithm gemm (implicit GEMM over im2col patches): 81 positions = two workspace blocks, groups, stride, dilation, asymmetric pads; fused requantize to i8 and ui8, and the plain accumulator.
func.func @f(%x: tensor<2x4x9x9xi8>) -> (tensor<2x6x9x9xi8>, tensor<2x6x4x4xui8>, tensor<2x6x9x9xi32>) {
  %w1 = "lb.constant"() {value = dense<[[[[-128, -128, -128],   [-128, -128, -128],   [-128, -128, -128]],  [[-128, -128, -128],   [-128, -128, -128],   [-128, -128, -128]],  [[-128, -128, -128],   [-128, -128, -128],   [-128, -128, -128]],  [[-128, -128, -128],   [-128, -128, -128],   [-128, -128, -128]]], [[[ 127,  127,  127],   [ 127,  127,  127],   [ 127,  127,  127]],  [[ 127,  127,  127],   [ 127,  127,  127],   [ 127,  127,  127]],  [[ 127,  127,  127],   [ 127,  127,  127],   [ 127,  127,  127]],  [[ 127,  127,  127],   [ 127,  127,  127],   [ 127,  127,  127]]], [[[  84,  -46,  -14],   [  27,   59,  -32],   [  54,  -82,  -55]],  [[  43,   67, -109],   [ 118,   74,  -38],   [  38,  -58, -100]],  [[  21,  101,   96],   [-108,   27, -110],   [ 120,  -23,  108]],  [[   2,   53, -124],   [  52,   25,  -83],   [ -14,  -41, -121]]], [[[  79,   45,  -26],   [ -50,  -70,   66],   [-112,    3,  -71]],  [[-109,   19,  -57],   [ 108,   53,  -28],   [ 124,   74,   -1]],  [[ -96, -109,   82],   [  -8,  109,   -5],   [   0,   83,  -12]],  [[   5,  104,  -67],   [ -70,  109,  107],   [ 123,  106, -124]]], [[[ 117,  -88,  100],   [  48,    6,  -12],   [  46,   39,    8]],  [[-108,  -51,  -83],   [ 125,   87, -122],   [  31,  -64,    1]],  [[ 109,   22,  115],   [ -46,  -57,   87],   [ 127,   39,   80]],  [[ -26,   70,  -83],   [  18,   62,  -28],   [ -58, -126,  -11]]], [[[ -35,   40,  -33],   [  54, -108,  125],   [-107,  -37,  -61]],  [[  76,   -2,   64],   [  70,   37,   22],   [   2,   10,   70]],  [[  75,  -12,   89],   [-123,  -16,   47],   [  27,  -24,  107]],  [[-112, -108,   -9],   [  27,  -24,   70],   [  36,  -19,  -55]]]]> : tensor<6x4x3x3xi8>} : () -> tensor<6x4x3x3xi8>
  %w2 = "lb.constant"() {value = dense<[[[[  63,   -3,   87],   [ -76,   67,   52],   [   9,  115,   57]],  [[ 109,   53,  -54],   [ -30,   98, -123],   [ 106,  115,   87]]], [[[  -9,   47,  -52],   [ -82,  -64,  101],   [ -26,   55,   19]],  [[ 125,    4,  -15],   [ -31,   44, -109],   [ 118,  123, -103]]], [[[-124,   97,  107],   [ -11, -120, -102],   [   1,  114,   73]],  [[-121,   41,   79],   [  52,  -17, -104],   [  59,   93,   11]]], [[[  38, -103,  113],   [ -37,  126,  -89],   [  65,   64,   78]],  [[ -59,  118,  -24],   [  56, -107,   28],   [ -63,    6,   60]]], [[[   5, -110,   35],   [ -36,   31,   47],   [-128,  -57,  -90]],  [[  49,  -22, -103],   [ -55,  116,   44],   [ -27,  125,   44]]], [[[ -60,  -88,   79],   [ -49,  -33,  -64],   [  57,  -91, -106]],  [[  21,   31,   35],   [   5,  -65,   84],   [ 122,  -98,  -50]]]]> : tensor<6x2x3x3xi8>} : () -> tensor<6x2x3x3xi8>
  %xz = "lb.constant"() {value = dense<[5]> : tensor<1xi8>} : () -> tensor<1xi8>
  %wz = "lb.constant"() {value = dense<[-22,  93, 119,  49, -27, -87]> : tensor<6xi8>} : () -> tensor<6xi8>
  %wz1 = "lb.constant"() {value = dense<[63]> : tensor<1xi8>} : () -> tensor<1xi8>
  %b = "lb.constant"() {value = dense<[ 70672,  92580, -53803,  24490, -85260,  90484]> : tensor<6xi32>} : () -> tensor<6xi32>
  %a0 = "lb.qconv2d"(%x, %w1, %xz, %wz, %b) {algorithm = "gemm", strides = array<i64: 1, 1>, pads = array<i64: 1, 1, 1, 1>, dilations = array<i64: 1, 1>, group = 1 : i64} : (tensor<2x4x9x9xi8>, tensor<6x4x3x3xi8>, tensor<1xi8>, tensor<6xi8>, tensor<6xi32>) -> tensor<2x6x9x9xi32>
  %a1 = "lb.qconv2d"(%x, %w2, %xz, %wz1) {algorithm = "gemm", strides = array<i64: 2, 2>, pads = array<i64: 0, 2, 1, 0>, dilations = array<i64: 1, 2>, group = 2 : i64} : (tensor<2x4x9x9xi8>, tensor<6x2x3x3xi8>, tensor<1xi8>, tensor<1xi8>) -> tensor<2x6x4x4xi32>
  %a2 = "lb.qconv2d"(%x, %w1, %xz, %wz) {algorithm = "gemm", strides = array<i64: 1, 1>, pads = array<i64: 1, 1, 1, 1>, dilations = array<i64: 1, 1>, group = 1 : i64} : (tensor<2x4x9x9xi8>, tensor<6x4x3x3xi8>, tensor<1xi8>, tensor<6xi8>) -> tensor<2x6x9x9xi32>
  %m = "lb.constant"() {value = dense<[         0, 2147483647, 1799996753, 1277116633, 1890368991,  635623471]> : tensor<6xi32>} : () -> tensor<6xi32>
  %s = "lb.constant"() {value = dense<[ 1, 62, 40, 36, 41, 36]> : tensor<6xi32>} : () -> tensor<6xi32>
  %z = "lb.constant"() {value = dense<[5]> : tensor<1xi8>} : () -> tensor<1xi8>
  %q = "lb.requantize"(%a0, %m, %s, %z) {axis = 1 : i64} : (tensor<2x6x9x9xi32>, tensor<6xi32>, tensor<6xi32>, tensor<1xi8>) -> tensor<2x6x9x9xi8>
  %m1 = "lb.constant"() {value = dense<[         0, 2147483647, 1555195347, 1434437945, 2072489800, 1507518266]> : tensor<6xi32>} : () -> tensor<6xi32>
  %s1 = "lb.constant"() {value = dense<[ 1, 62, 37, 38, 41, 39]> : tensor<6xi32>} : () -> tensor<6xi32>
  %z1 = "lb.constant"() {value = dense<[77]> : tensor<1xui8>} : () -> tensor<1xui8>
  %r = "lb.requantize"(%a1, %m1, %s1, %z1) {axis = 1 : i64} : (tensor<2x6x4x4xi32>, tensor<6xi32>, tensor<6xi32>, tensor<1xui8>) -> tensor<2x6x4x4xui8>
  return %q, %r, %a2 : tensor<2x6x9x9xi8>, tensor<2x6x4x4xui8>, tensor<2x6x9x9xi32>
}
// -----
// case: qconv2d_gemm_i8u8
// algorithm gemm (implicit GEMM over im2col patches): 81 positions = two workspace blocks, groups, stride, dilation, asymmetric pads; fused requantize to i8 and ui8, and the plain accumulator.
func.func @f(%x: tensor<2x4x9x9xi8>) -> (tensor<2x6x9x9xi8>, tensor<2x6x4x4xui8>, tensor<2x6x9x9xi32>) {
  %w1 = "lb.constant"() {value = dense<[[[[  0,   0,   0],   [  0,   0,   0],   [  0,   0,   0]],  [[  0,   0,   0],   [  0,   0,   0],   [  0,   0,   0]],  [[  0,   0,   0],   [  0,   0,   0],   [  0,   0,   0]],  [[  0,   0,   0],   [  0,   0,   0],   [  0,   0,   0]]], [[[255, 255, 255],   [255, 255, 255],   [255, 255, 255]],  [[255, 255, 255],   [255, 255, 255],   [255, 255, 255]],  [[255, 255, 255],   [255, 255, 255],   [255, 255, 255]],  [[255, 255, 255],   [255, 255, 255],   [255, 255, 255]]], [[[ 47, 184, 111],   [205, 189, 255],   [216, 234, 230]],  [[233, 254,  96],   [ 80, 152, 214],   [ 46, 255,  77]],  [[ 71, 101,   1],   [101,  36, 205],   [199, 161, 205]],  [[ 42,  66, 225],   [240,  69,  60],   [ 29, 186, 169]]], [[[ 47, 157, 193],   [ 76,  13,  56],   [151, 132,  89]],  [[142, 168, 243],   [227, 174,  82],   [102, 243,  84]],  [[115, 253, 102],   [201,  52, 102],   [ 14, 215,  15]],  [[211, 217,  41],   [  1, 246, 165],   [149, 156, 193]]], [[[150, 194, 117],   [  5,  16, 193],   [ 49,  26, 177]],  [[ 40, 228,  79],   [123, 110,  99],   [157, 213,  62]],  [[ 10, 186, 153],   [114, 248,  86],   [110, 220,  77]],  [[253,  95, 187],   [147, 199, 225],   [ 39, 186, 107]]], [[[ 87, 195,  97],   [ 42, 162, 242],   [160,  80,  29]],  [[ 67, 147,  68],   [191,  95,  32],   [165, 198, 227]],  [[ 38, 206,  22],   [238, 142,  41],   [199, 207, 157]],  [[114, 155, 195],   [ 23,   2, 148],   [214, 131,   4]]]]> : tensor<6x4x3x3xui8>} : () -> tensor<6x4x3x3xui8>
  %w2 = "lb.constant"() {value = dense<[[[[  3, 155, 196],   [136,  56,  66],   [118,  35, 116]],  [[ 40, 174, 186],   [220,  52, 199],   [210,  54, 227]]], [[[ 58,  73, 109],   [208,  93, 206],   [184, 149, 140]],  [[126, 115,  78],   [154,  14,  97],   [114, 219, 228]]], [[[191,  45, 203],   [201, 253, 155],   [175,  80, 166]],  [[128, 196,  15],   [161, 150, 244],   [253, 104, 134]]], [[[ 94,  12,  21],   [ 23, 241, 105],   [ 20,  70, 233]],  [[191,  90,  89],   [253, 107,  33],   [171,  61, 162]]], [[[202, 145,  99],   [156, 112, 154],   [ 51, 194,  40]],  [[ 73, 219, 135],   [151, 176, 201],   [ 20,  93, 188]]], [[[124, 117, 234],   [247, 231,  13],   [152,  34, 174]],  [[ 63,  19, 166],   [ 88, 237, 145],   [ 25, 113, 213]]]]> : tensor<6x2x3x3xui8>} : () -> tensor<6x2x3x3xui8>
  %xz = "lb.constant"() {value = dense<[-50]> : tensor<1xi8>} : () -> tensor<1xi8>
  %wz = "lb.constant"() {value = dense<[171, 179,  75,  60, 190, 232]> : tensor<6xui8>} : () -> tensor<6xui8>
  %wz1 = "lb.constant"() {value = dense<[102]> : tensor<1xui8>} : () -> tensor<1xui8>
  %b = "lb.constant"() {value = dense<[-58583,   4055,  43581,  19007,  -1135, -60538]> : tensor<6xi32>} : () -> tensor<6xi32>
  %a0 = "lb.qconv2d"(%x, %w1, %xz, %wz, %b) {algorithm = "gemm", strides = array<i64: 1, 1>, pads = array<i64: 1, 1, 1, 1>, dilations = array<i64: 1, 1>, group = 1 : i64} : (tensor<2x4x9x9xi8>, tensor<6x4x3x3xui8>, tensor<1xi8>, tensor<6xui8>, tensor<6xi32>) -> tensor<2x6x9x9xi32>
  %a1 = "lb.qconv2d"(%x, %w2, %xz, %wz1) {algorithm = "gemm", strides = array<i64: 2, 2>, pads = array<i64: 0, 2, 1, 0>, dilations = array<i64: 1, 2>, group = 2 : i64} : (tensor<2x4x9x9xi8>, tensor<6x2x3x3xui8>, tensor<1xi8>, tensor<1xui8>) -> tensor<2x6x4x4xi32>
  %a2 = "lb.qconv2d"(%x, %w1, %xz, %wz) {algorithm = "gemm", strides = array<i64: 1, 1>, pads = array<i64: 1, 1, 1, 1>, dilations = array<i64: 1, 1>, group = 1 : i64} : (tensor<2x4x9x9xi8>, tensor<6x4x3x3xui8>, tensor<1xi8>, tensor<6xui8>) -> tensor<2x6x9x9xi32>
  %m = "lb.constant"() {value = dense<[         0, 2147483647, 1604101956,  808772346, 1574711269,  972399289]> : tensor<6xi32>} : () -> tensor<6xi32>
  %s = "lb.constant"() {value = dense<[ 1, 62, 40, 37, 36, 41]> : tensor<6xi32>} : () -> tensor<6xi32>
  %z = "lb.constant"() {value = dense<[5]> : tensor<1xi8>} : () -> tensor<1xi8>
  %q = "lb.requantize"(%a0, %m, %s, %z) {axis = 1 : i64} : (tensor<2x6x9x9xi32>, tensor<6xi32>, tensor<6xi32>, tensor<1xi8>) -> tensor<2x6x9x9xi8>
  %m1 = "lb.constant"() {value = dense<[         0, 2147483647,  663378730, 1105832839, 1756829279,  793721896]> : tensor<6xi32>} : () -> tensor<6xi32>
  %s1 = "lb.constant"() {value = dense<[ 1, 62, 38, 37, 36, 38]> : tensor<6xi32>} : () -> tensor<6xi32>
  %z1 = "lb.constant"() {value = dense<[77]> : tensor<1xui8>} : () -> tensor<1xui8>
  %r = "lb.requantize"(%a1, %m1, %s1, %z1) {axis = 1 : i64} : (tensor<2x6x4x4xi32>, tensor<6xi32>, tensor<6xi32>, tensor<1xui8>) -> tensor<2x6x4x4xui8>
  return %q, %r, %a2 : tensor<2x6x9x9xi8>, tensor<2x6x4x4xui8>, tensor<2x6x9x9xi32>
}
// -----
// case: qconv2d_gemm_u8i8
// algorithm gemm (implicit GEMM over im2col patches): 81 positions = two workspace blocks, groups, stride, dilation, asymmetric pads; fused requantize to i8 and ui8, and the plain accumulator.
func.func @f(%x: tensor<2x4x9x9xui8>) -> (tensor<2x6x9x9xi8>, tensor<2x6x4x4xui8>, tensor<2x6x9x9xi32>) {
  %w1 = "lb.constant"() {value = dense<[[[[-128, -128, -128],   [-128, -128, -128],   [-128, -128, -128]],  [[-128, -128, -128],   [-128, -128, -128],   [-128, -128, -128]],  [[-128, -128, -128],   [-128, -128, -128],   [-128, -128, -128]],  [[-128, -128, -128],   [-128, -128, -128],   [-128, -128, -128]]], [[[ 127,  127,  127],   [ 127,  127,  127],   [ 127,  127,  127]],  [[ 127,  127,  127],   [ 127,  127,  127],   [ 127,  127,  127]],  [[ 127,  127,  127],   [ 127,  127,  127],   [ 127,  127,  127]],  [[ 127,  127,  127],   [ 127,  127,  127],   [ 127,  127,  127]]], [[[ 112,  112,  -32],   [ 114,  -65,   35],   [   1,  -51,  -76]],  [[ 108,   88,   76],   [ -38,   60,  115],   [ -92,   70,   28]],  [[  -6,   81,   25],   [ -69,   45,  -62],   [ -35,  -14,    1]],  [[  77,  -64, -104],   [  45,   51,  -93],   [  19,   -5,   53]]], [[[-108,  -89, -102],   [ 119,   47,  -89],   [-127,   83,   -5]],  [[-126,   40,   56],   [ -24,  -51,  -89],   [ -32,   68,   97]],  [[ -74,  -28,  -12],   [   8,  -27,   29],   [  38, -126, -125]],  [[  49,   78,  114],   [   7,  -26,  -80],   [  87,  -98,  -70]]], [[[  -7,   11,   17],   [ -66,  -66,  -75],   [ -50,   35,  -73]],  [[-121,   38,  125],   [  62,   51,  -26],   [ -60,   39,   26]],  [[  65, -114,  -68],   [  42,  105,   87],   [  63,   78,  111]],  [[ -95,   72,  -91],   [ -14,   40,  -41],   [ -56,  -68,  110]]], [[[-121,   18,  -98],   [  16,   60,   66],   [ -79,   97,  -44]],  [[ -10,  104,   15],   [  88, -109,   87],   [ 108,  -93,  100]],  [[  14, -114,   57],   [ -39,  -68,  100],   [ -55,   22,  -50]],  [[ -47,   14,  -38],   [   3,   42,    5],   [  48,   81,  -91]]]]> : tensor<6x4x3x3xi8>} : () -> tensor<6x4x3x3xi8>
  %w2 = "lb.constant"() {value = dense<[[[[ -99,  -14,   54],   [  85,  -13,   85],   [ -80,   50,   46]],  [[  78, -126,   47],   [   7,   86,   85],   [ -37,   16, -110]]], [[[-102, -104,   35],   [  23,  107, -125],   [  87,   87,  -89]],  [[ -80,   82,   81],   [  81,  -37,   78],   [-101,  127,  -34]]], [[[ -84, -126,   63],   [ -77, -127,  -91],   [ -16,  121,   22]],  [[ -18,   10,   12],   [ -86, -114,  -88],   [-113,   59,   25]]], [[[  60,  -42,    2],   [ -53,   31,  -87],   [-111,   66,  -75]],  [[ 113,  -56,  -34],   [  68,  -32,  -76],   [ -54,   70,  -84]]], [[[ -11,  -48,  -26],   [  82,   34, -107],   [  50,   81,   38]],  [[-114,    2,    9],   [-121,   68,  -91],   [ -42,  -47,   96]]], [[[ 113,   67,  -38],   [  36,   38,  -36],   [ -63,  -94,  -12]],  [[  24,   56,  -76],   [  36,   97,   69],   [  97,   75,   -2]]]]> : tensor<6x2x3x3xi8>} : () -> tensor<6x2x3x3xi8>
  %xz = "lb.constant"() {value = dense<[254]> : tensor<1xui8>} : () -> tensor<1xui8>
  %wz = "lb.constant"() {value = dense<[  48,  -11,   58,  112,  -41, -125]> : tensor<6xi8>} : () -> tensor<6xi8>
  %wz1 = "lb.constant"() {value = dense<[-89]> : tensor<1xi8>} : () -> tensor<1xi8>
  %b = "lb.constant"() {value = dense<[ 46004, -14251, -93582,    678,  80926,  38643]> : tensor<6xi32>} : () -> tensor<6xi32>
  %a0 = "lb.qconv2d"(%x, %w1, %xz, %wz, %b) {algorithm = "gemm", strides = array<i64: 1, 1>, pads = array<i64: 1, 1, 1, 1>, dilations = array<i64: 1, 1>, group = 1 : i64} : (tensor<2x4x9x9xui8>, tensor<6x4x3x3xi8>, tensor<1xui8>, tensor<6xi8>, tensor<6xi32>) -> tensor<2x6x9x9xi32>
  %a1 = "lb.qconv2d"(%x, %w2, %xz, %wz1) {algorithm = "gemm", strides = array<i64: 2, 2>, pads = array<i64: 0, 2, 1, 0>, dilations = array<i64: 1, 2>, group = 2 : i64} : (tensor<2x4x9x9xui8>, tensor<6x2x3x3xi8>, tensor<1xui8>, tensor<1xi8>) -> tensor<2x6x4x4xi32>
  %a2 = "lb.qconv2d"(%x, %w1, %xz, %wz) {algorithm = "gemm", strides = array<i64: 1, 1>, pads = array<i64: 1, 1, 1, 1>, dilations = array<i64: 1, 1>, group = 1 : i64} : (tensor<2x4x9x9xui8>, tensor<6x4x3x3xi8>, tensor<1xui8>, tensor<6xi8>) -> tensor<2x6x9x9xi32>
  %m = "lb.constant"() {value = dense<[         0, 2147483647,  640790833,  626148459, 1814418273, 1400493956]> : tensor<6xi32>} : () -> tensor<6xi32>
  %s = "lb.constant"() {value = dense<[ 1, 62, 37, 40, 36, 38]> : tensor<6xi32>} : () -> tensor<6xi32>
  %z = "lb.constant"() {value = dense<[5]> : tensor<1xi8>} : () -> tensor<1xi8>
  %q = "lb.requantize"(%a0, %m, %s, %z) {axis = 1 : i64} : (tensor<2x6x9x9xi32>, tensor<6xi32>, tensor<6xi32>, tensor<1xi8>) -> tensor<2x6x9x9xi8>
  %m1 = "lb.constant"() {value = dense<[         0, 2147483647, 2025659800, 1549528863, 1604149467, 1865568074]> : tensor<6xi32>} : () -> tensor<6xi32>
  %s1 = "lb.constant"() {value = dense<[ 1, 62, 41, 36, 41, 41]> : tensor<6xi32>} : () -> tensor<6xi32>
  %z1 = "lb.constant"() {value = dense<[77]> : tensor<1xui8>} : () -> tensor<1xui8>
  %r = "lb.requantize"(%a1, %m1, %s1, %z1) {axis = 1 : i64} : (tensor<2x6x4x4xi32>, tensor<6xi32>, tensor<6xi32>, tensor<1xui8>) -> tensor<2x6x4x4xui8>
  return %q, %r, %a2 : tensor<2x6x9x9xi8>, tensor<2x6x4x4xui8>, tensor<2x6x9x9xi32>
}
// -----
// case: qconv2d_gemm_u8u8
// algorithm gemm (implicit GEMM over im2col patches): 81 positions = two workspace blocks, groups, stride, dilation, asymmetric pads; fused requantize to i8 and ui8, and the plain accumulator.
func.func @f(%x: tensor<2x4x9x9xui8>) -> (tensor<2x6x9x9xi8>, tensor<2x6x4x4xui8>, tensor<2x6x9x9xi32>) {
  %w1 = "lb.constant"() {value = dense<[[[[  0,   0,   0],   [  0,   0,   0],   [  0,   0,   0]],  [[  0,   0,   0],   [  0,   0,   0],   [  0,   0,   0]],  [[  0,   0,   0],   [  0,   0,   0],   [  0,   0,   0]],  [[  0,   0,   0],   [  0,   0,   0],   [  0,   0,   0]]], [[[255, 255, 255],   [255, 255, 255],   [255, 255, 255]],  [[255, 255, 255],   [255, 255, 255],   [255, 255, 255]],  [[255, 255, 255],   [255, 255, 255],   [255, 255, 255]],  [[255, 255, 255],   [255, 255, 255],   [255, 255, 255]]], [[[ 25,  14, 154],   [156, 135, 149],   [162,  93, 216]],  [[186,  99, 185],   [170,  75,  54],   [ 75, 201,  39]],  [[136, 245,  20],   [140,  75, 213],   [ 34, 152, 190]],  [[ 33, 103,  36],   [133,   0, 156],   [ 76,  95, 201]]], [[[252, 125, 192],   [ 99, 166, 100],   [ 38, 222,  94]],  [[ 91,  97, 207],   [180,  44,  20],   [159,  35,  41]],  [[203, 185,  97],   [186,  76, 119],   [ 26, 210,  21]],  [[240, 107,  76],   [117, 159, 248],   [243, 170, 249]]], [[[ 56,   5, 174],   [242,   3, 226],   [190, 191,  80]],  [[210, 173, 210],   [244, 133, 253],   [ 85, 142, 235]],  [[ 17,  66,  15],   [180,  69,  41],   [ 24, 189,  73]],  [[240, 226,  86],   [ 78, 226,  84],   [148, 212, 219]]], [[[194, 156,  82],   [ 61, 128, 253],   [143, 102, 185]],  [[ 38,  34,  94],   [192, 216,  24],   [ 36, 150, 189]],  [[241, 105,  43],   [ 64, 198, 168],   [100, 143,  59]],  [[144, 131,  41],   [ 48, 206, 113],   [ 34, 150, 127]]]]> : tensor<6x4x3x3xui8>} : () -> tensor<6x4x3x3xui8>
  %w2 = "lb.constant"() {value = dense<[[[[197,  38, 208],   [232, 227,  39],   [124,  89, 234]],  [[229, 229, 221],   [125,   5,  28],   [ 56,  93, 133]]], [[[190,  59, 143],   [123,  47,  62],   [220, 123, 165]],  [[ 89,  32,  70],   [209, 224, 131],   [165,  91, 229]]], [[[134, 165, 138],   [140, 250, 134],   [175, 107,  70]],  [[ 37, 106, 148],   [ 28, 243,  90],   [242, 206,  28]]], [[[103,  34, 207],   [ 86,  80, 200],   [159,   2,  18]],  [[  6,  34, 110],   [104,  90, 234],   [144, 182,  44]]], [[[ 56,  64,  76],   [185,  11,  18],   [164,  34, 242]],  [[  6, 164, 102],   [193, 232,  97],   [157, 199, 119]]], [[[125,  96, 181],   [247,  66,  70],   [180,  95,  59]],  [[ 16,  85, 129],   [ 72, 182, 112],   [ 84,  55, 103]]]]> : tensor<6x2x3x3xui8>} : () -> tensor<6x2x3x3xui8>
  %xz = "lb.constant"() {value = dense<[154]> : tensor<1xui8>} : () -> tensor<1xui8>
  %wz = "lb.constant"() {value = dense<[152, 165,  97,  58, 253, 197]> : tensor<6xui8>} : () -> tensor<6xui8>
  %wz1 = "lb.constant"() {value = dense<[230]> : tensor<1xui8>} : () -> tensor<1xui8>
  %b = "lb.constant"() {value = dense<[ 32820,  61960,  91647, -37615,  73121,  15797]> : tensor<6xi32>} : () -> tensor<6xi32>
  %a0 = "lb.qconv2d"(%x, %w1, %xz, %wz, %b) {algorithm = "gemm", strides = array<i64: 1, 1>, pads = array<i64: 1, 1, 1, 1>, dilations = array<i64: 1, 1>, group = 1 : i64} : (tensor<2x4x9x9xui8>, tensor<6x4x3x3xui8>, tensor<1xui8>, tensor<6xui8>, tensor<6xi32>) -> tensor<2x6x9x9xi32>
  %a1 = "lb.qconv2d"(%x, %w2, %xz, %wz1) {algorithm = "gemm", strides = array<i64: 2, 2>, pads = array<i64: 0, 2, 1, 0>, dilations = array<i64: 1, 2>, group = 2 : i64} : (tensor<2x4x9x9xui8>, tensor<6x2x3x3xui8>, tensor<1xui8>, tensor<1xui8>) -> tensor<2x6x4x4xi32>
  %a2 = "lb.qconv2d"(%x, %w1, %xz, %wz) {algorithm = "gemm", strides = array<i64: 1, 1>, pads = array<i64: 1, 1, 1, 1>, dilations = array<i64: 1, 1>, group = 1 : i64} : (tensor<2x4x9x9xui8>, tensor<6x4x3x3xui8>, tensor<1xui8>, tensor<6xui8>) -> tensor<2x6x9x9xi32>
  %m = "lb.constant"() {value = dense<[         0, 2147483647, 2021703238, 2024644606, 1996273404, 2012585851]> : tensor<6xi32>} : () -> tensor<6xi32>
  %s = "lb.constant"() {value = dense<[ 1, 62, 38, 37, 36, 40]> : tensor<6xi32>} : () -> tensor<6xi32>
  %z = "lb.constant"() {value = dense<[5]> : tensor<1xi8>} : () -> tensor<1xi8>
  %q = "lb.requantize"(%a0, %m, %s, %z) {axis = 1 : i64} : (tensor<2x6x9x9xi32>, tensor<6xi32>, tensor<6xi32>, tensor<1xi8>) -> tensor<2x6x9x9xi8>
  %m1 = "lb.constant"() {value = dense<[         0, 2147483647, 1040572311,  838373999, 1930820662,  603100794]> : tensor<6xi32>} : () -> tensor<6xi32>
  %s1 = "lb.constant"() {value = dense<[ 1, 62, 39, 41, 37, 36]> : tensor<6xi32>} : () -> tensor<6xi32>
  %z1 = "lb.constant"() {value = dense<[77]> : tensor<1xui8>} : () -> tensor<1xui8>
  %r = "lb.requantize"(%a1, %m1, %s1, %z1) {axis = 1 : i64} : (tensor<2x6x4x4xi32>, tensor<6xi32>, tensor<6xi32>, tensor<1xui8>) -> tensor<2x6x4x4xui8>
  return %q, %r, %a2 : tensor<2x6x9x9xi8>, tensor<2x6x4x4xui8>, tensor<2x6x9x9xi32>
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
