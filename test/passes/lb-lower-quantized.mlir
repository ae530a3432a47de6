// RUN: lowbit-opt %s --split-input-file --lb-lower-quantized | FileCheck %s
// dq -> op -> [relu] -> q chains become integer kernels with fixed-point requantization.

// CHECK-LABEL: func.func @gemm_relu
func.func @gemm_relu(%x: tensor<?x2xf32>) -> tensor<?x2xf32> {
  %xs = "lb.constant"() {value = dense<0.5> : tensor<1xf32>} : () -> tensor<1xf32>
  %xz = "lb.constant"() {value = dense<3> : tensor<1xi8>} : () -> tensor<1xi8>
  %xq = "lb.quantize"(%x, %xs, %xz) {axis = -1 : i64} : (tensor<?x2xf32>, tensor<1xf32>, tensor<1xi8>) -> tensor<?x2xi8>
  %xd = "lb.dequantize"(%xq, %xs, %xz) {axis = -1 : i64} : (tensor<?x2xi8>, tensor<1xf32>, tensor<1xi8>) -> tensor<?x2xf32>
  %wq = "lb.constant"() {value = dense<[[1, 2], [3, 4]]> : tensor<2x2xi8>} : () -> tensor<2x2xi8>
  %ws = "lb.constant"() {value = dense<[0.25, 0.125]> : tensor<2xf32>} : () -> tensor<2xf32>
  %wz = "lb.constant"() {value = dense<0> : tensor<2xi8>} : () -> tensor<2xi8>
  %wd = "lb.dequantize"(%wq, %ws, %wz) {axis = 0 : i64} : (tensor<2x2xi8>, tensor<2xf32>, tensor<2xi8>) -> tensor<2x2xf32>
  %b = "lb.constant"() {value = dense<[1.0, -1.0]> : tensor<2xf32>} : () -> tensor<2xf32>
  %y = "lb.gemm"(%xd, %wd, %b) {alpha = 1.0 : f32, beta = 1.0 : f32, trans_a = 0 : i64, trans_b = 1 : i64} : (tensor<?x2xf32>, tensor<2x2xf32>, tensor<2xf32>) -> tensor<?x2xf32>
  %r = "lb.relu"(%y) : (tensor<?x2xf32>) -> tensor<?x2xf32>
  %ys = "lb.constant"() {value = dense<0.25> : tensor<1xf32>} : () -> tensor<1xf32>
  %yz = "lb.constant"() {value = dense<-5> : tensor<1xi8>} : () -> tensor<1xi8>
  %yq = "lb.quantize"(%r, %ys, %yz) {axis = -1 : i64} : (tensor<?x2xf32>, tensor<1xf32>, tensor<1xi8>) -> tensor<?x2xi8>
  %yd = "lb.dequantize"(%yq, %ys, %yz) {axis = -1 : i64} : (tensor<?x2xi8>, tensor<1xf32>, tensor<1xi8>) -> tensor<?x2xf32>
  // CHECK: %[[XQ:.*]] = "lb.quantize"
  // transB weights are stored transposed to [K, N]
  // CHECK-DAG: %[[W:.*]] = "lb.constant"() {value = dense<{{\[\[}}1, 3], [2, 4]]> : tensor<2x2xi8>}
  // bias / (s_x * s_w) = [1 / 0.125, -1 / 0.0625]
  // CHECK-DAG: %[[B:.*]] = "lb.constant"() {value = dense<[8, -16]> : tensor<2xi32>}
  // CHECK: %[[ACC:.*]] = "lb.qmatmul"(%[[XQ]], %[[W]], %{{.*}}, %{{.*}}, %[[B]]) : {{.*}} -> tensor<?x2xi32>
  // s_x * s_w / s_y = [0.5, 0.25] = 2^30 * 2^-31, 2^30 * 2^-32
  // CHECK-DAG: %[[M:.*]] = "lb.constant"() {value = dense<1073741824> : tensor<2xi32>}
  // CHECK-DAG: %[[S:.*]] = "lb.constant"() {value = dense<[31, 32]> : tensor<2xi32>}
  // CHECK: %[[RQ:.*]] = "lb.requantize"(%[[ACC]], %[[M]], %[[S]], %{{.*}}) {axis = 1 : i64} : {{.*}} -> tensor<?x2xi8>
  // relu becomes a clamp at the output zero point
  // CHECK: %[[C:.*]] = "lb.clamp"(%[[RQ]]) {max = 127 : i64, min = -5 : i64}
  // CHECK: %[[OUT:.*]] = "lb.dequantize"(%[[C]],
  // CHECK-NOT: lb.gemm
  // CHECK: return %[[OUT]]
  return %yd : tensor<?x2xf32>
}

// -----

// Dequantize moves past max_pool and flatten; equal q(dq) pairs cancel.
// CHECK-LABEL: func.func @push_through
func.func @push_through(%a: tensor<1x1x2x2xi8>) -> tensor<1x1xi8> {
  %s = "lb.constant"() {value = dense<0.5> : tensor<1xf32>} : () -> tensor<1xf32>
  %z = "lb.constant"() {value = dense<1> : tensor<1xi8>} : () -> tensor<1xi8>
  %d = "lb.dequantize"(%a, %s, %z) {axis = -1 : i64} : (tensor<1x1x2x2xi8>, tensor<1xf32>, tensor<1xi8>) -> tensor<1x1x2x2xf32>
  %p = "lb.max_pool"(%d) {kernel = array<i64: 2, 2>, strides = array<i64: 2, 2>, pads = array<i64: 0, 0, 0, 0>, dilations = array<i64: 1, 1>, ceil_mode = 0 : i64} : (tensor<1x1x2x2xf32>) -> tensor<1x1x1x1xf32>
  %f = "lb.flatten"(%p) {axis = 1 : i64} : (tensor<1x1x1x1xf32>) -> tensor<1x1xf32>
  %q = "lb.quantize"(%f, %s, %z) {axis = -1 : i64} : (tensor<1x1xf32>, tensor<1xf32>, tensor<1xi8>) -> tensor<1x1xi8>
  // CHECK: %[[P:.*]] = "lb.max_pool"(%arg0) {{.*}} -> tensor<1x1x1x1xi8>
  // CHECK: %[[F:.*]] = "lb.flatten"(%[[P]]) {{.*}} -> tensor<1x1xi8>
  // CHECK-NOT: lb.quantize
  // CHECK: return %[[F]]
  return %q : tensor<1x1xi8>
}

// -----

// A relu whose output zero point is -128 clamps nothing: no lb.clamp.
// CHECK-LABEL: func.func @relu_full_range
func.func @relu_full_range(%x: tensor<1x2xf32>) -> tensor<1x2xf32> {
  %xs = "lb.constant"() {value = dense<0.5> : tensor<1xf32>} : () -> tensor<1xf32>
  %xz = "lb.constant"() {value = dense<0> : tensor<1xi8>} : () -> tensor<1xi8>
  %xq = "lb.quantize"(%x, %xs, %xz) {axis = -1 : i64} : (tensor<1x2xf32>, tensor<1xf32>, tensor<1xi8>) -> tensor<1x2xi8>
  %xd = "lb.dequantize"(%xq, %xs, %xz) {axis = -1 : i64} : (tensor<1x2xi8>, tensor<1xf32>, tensor<1xi8>) -> tensor<1x2xf32>
  %wq = "lb.constant"() {value = dense<[[1, 2], [3, 4]]> : tensor<2x2xi8>} : () -> tensor<2x2xi8>
  %ws = "lb.constant"() {value = dense<0.25> : tensor<1xf32>} : () -> tensor<1xf32>
  %wz = "lb.constant"() {value = dense<0> : tensor<1xi8>} : () -> tensor<1xi8>
  %wd = "lb.dequantize"(%wq, %ws, %wz) {axis = -1 : i64} : (tensor<2x2xi8>, tensor<1xf32>, tensor<1xi8>) -> tensor<2x2xf32>
  %y = "lb.matmul"(%xd, %wd) : (tensor<1x2xf32>, tensor<2x2xf32>) -> tensor<1x2xf32>
  %r = "lb.relu"(%y) : (tensor<1x2xf32>) -> tensor<1x2xf32>
  %ys = "lb.constant"() {value = dense<0.125> : tensor<1xf32>} : () -> tensor<1xf32>
  %yz = "lb.constant"() {value = dense<-128> : tensor<1xi8>} : () -> tensor<1xi8>
  %yq = "lb.quantize"(%r, %ys, %yz) {axis = -1 : i64} : (tensor<1x2xf32>, tensor<1xf32>, tensor<1xi8>) -> tensor<1x2xi8>
  %yd = "lb.dequantize"(%yq, %ys, %yz) {axis = -1 : i64} : (tensor<1x2xi8>, tensor<1xf32>, tensor<1xi8>) -> tensor<1x2xf32>
  // CHECK: %[[RQ:.*]] = "lb.requantize"
  // CHECK-NOT: lb.clamp
  // CHECK: "lb.dequantize"(%[[RQ]],
  return %yd : tensor<1x2xf32>
}

// -----

// A standalone 8-bit clip (not after an integer kernel) becomes a 256-entry
// table, evaluated by the interpreter on every input code: codes
// -128..-1 clip to 0 (-> zero point 0), codes 0..127 pass through.
// CHECK-LABEL: func.func @clip_lut
func.func @clip_lut(%x: tensor<4xi8>) -> tensor<4xi8> {
  %s = "lb.constant"() {value = dense<0.5> : tensor<1xf32>} : () -> tensor<1xf32>
  %z = "lb.constant"() {value = dense<0> : tensor<1xi8>} : () -> tensor<1xi8>
  %d = "lb.dequantize"(%x, %s, %z) {axis = -1 : i64} : (tensor<4xi8>, tensor<1xf32>, tensor<1xi8>) -> tensor<4xf32>
  %y = "lb.clip"(%d) {min = 0.0 : f32, max = 100.0 : f32} : (tensor<4xf32>) -> tensor<4xf32>
  %q = "lb.quantize"(%y, %s, %z) {axis = -1 : i64} : (tensor<4xf32>, tensor<1xf32>, tensor<1xi8>) -> tensor<4xi8>
  // CHECK: %[[T:.*]] = "lb.constant"() {value = dense<"0x{{(00)+}}000102{{[0-9A-F]*}}7D7E7F"> : tensor<256xi8>}
  // CHECK: %[[L:.*]] = "lb.lut"(%arg0, %[[T]])
  // CHECK-NOT: lb.clip
  // CHECK: return %[[L]]
  return %q : tensor<4xi8>
}

// -----

// An 8-bit elementwise unary op between dequantize and quantize becomes a
// 256-entry table, evaluated by the interpreter on every input code:
// code -128 (x = -8) gives sigmoid ~ 0.0003 -> -128; code 0 gives 0.5 -> 0
// (table index 128); code 127 saturates at 127.
// CHECK-LABEL: func.func @sigmoid_lut
func.func @sigmoid_lut(%x: tensor<4xi8>) -> tensor<4xi8> {
  %s = "lb.constant"() {value = dense<0.0625> : tensor<1xf32>} : () -> tensor<1xf32>
  %z = "lb.constant"() {value = dense<0> : tensor<1xi8>} : () -> tensor<1xi8>
  %d = "lb.dequantize"(%x, %s, %z) {axis = -1 : i64} : (tensor<4xi8>, tensor<1xf32>, tensor<1xi8>) -> tensor<4xf32>
  %y = "lb.sigmoid"(%d) : (tensor<4xf32>) -> tensor<4xf32>
  %ys = "lb.constant"() {value = dense<0.00390625> : tensor<1xf32>} : () -> tensor<1xf32>
  %yz = "lb.constant"() {value = dense<-128> : tensor<1xi8>} : () -> tensor<1xi8>
  %q = "lb.quantize"(%y, %ys, %yz) {axis = -1 : i64} : (tensor<4xf32>, tensor<1xf32>, tensor<1xi8>) -> tensor<4xi8>
  // (MLIR prints the 256 bytes as hex: 0x80 = -128 first, 0x00 at index 128, 0x7F = 127 last)
  // CHECK: %[[T:.*]] = "lb.constant"() {value = dense<"0x80808080{{[0-9A-F]*}}F8FC0004080C{{[0-9A-F]*}}7F7F7F"> : tensor<256xi8>}
  // CHECK: %[[L:.*]] = "lb.lut"(%arg0, %[[T]])
  // CHECK-NOT: lb.sigmoid
  // CHECK: return %[[L]]
  return %q : tensor<4xi8>
}

// -----

// Accumulator safety: with x's zero point at -128 (|x - zp| up to 255) and
// 70000 weights of 127, sum |w| * 255 = 2.27e9 exceeds int32, so the
// integer matmul accumulates in int64 and requantize reads int64.
// CHECK-LABEL: func.func @wide_accumulator
func.func @wide_accumulator(%x: tensor<1x70000xf32>) -> tensor<1x1xf32> {
  %xs = "lb.constant"() {value = dense<0.00392156886> : tensor<1xf32>} : () -> tensor<1xf32>
  %xz = "lb.constant"() {value = dense<-128> : tensor<1xi8>} : () -> tensor<1xi8>
  %xq = "lb.quantize"(%x, %xs, %xz) {axis = -1 : i64} : (tensor<1x70000xf32>, tensor<1xf32>, tensor<1xi8>) -> tensor<1x70000xi8>
  %xd = "lb.dequantize"(%xq, %xs, %xz) {axis = -1 : i64} : (tensor<1x70000xi8>, tensor<1xf32>, tensor<1xi8>) -> tensor<1x70000xf32>
  %wq = "lb.constant"() {value = dense<127> : tensor<70000x1xi8>} : () -> tensor<70000x1xi8>
  %ws = "lb.constant"() {value = dense<0.00787401571> : tensor<1xf32>} : () -> tensor<1xf32>
  %wz = "lb.constant"() {value = dense<0> : tensor<1xi8>} : () -> tensor<1xi8>
  %wd = "lb.dequantize"(%wq, %ws, %wz) {axis = -1 : i64} : (tensor<70000x1xi8>, tensor<1xf32>, tensor<1xi8>) -> tensor<70000x1xf32>
  %y = "lb.matmul"(%xd, %wd) : (tensor<1x70000xf32>, tensor<70000x1xf32>) -> tensor<1x1xf32>
  %ys = "lb.constant"() {value = dense<274.5> : tensor<1xf32>} : () -> tensor<1xf32>
  %yz = "lb.constant"() {value = dense<-128> : tensor<1xi8>} : () -> tensor<1xi8>
  %yq = "lb.quantize"(%y, %ys, %yz) {axis = -1 : i64} : (tensor<1x1xf32>, tensor<1xf32>, tensor<1xi8>) -> tensor<1x1xi8>
  %yd = "lb.dequantize"(%yq, %ys, %yz) {axis = -1 : i64} : (tensor<1x1xi8>, tensor<1xf32>, tensor<1xi8>) -> tensor<1x1xf32>
  // CHECK: %[[ACC:.*]] = "lb.qmatmul"({{.*}}) : (tensor<1x70000xi8>, tensor<70000x1xi8>, tensor<1xi8>, tensor<1xi8>) -> tensor<1x1xi64>
  // CHECK: "lb.requantize"(%[[ACC]], {{.*}} : (tensor<1x1xi64>, tensor<1xi32>, tensor<1xi32>, tensor<1xi8>) -> tensor<1x1xi8>
  return %yd : tensor<1x1xf32>
}

// -----

// The same matmul with 16000 weights stays within int32 (2^31 > 255*127*16000).
// CHECK-LABEL: func.func @int32_accumulator
func.func @int32_accumulator(%x: tensor<1x16000xf32>) -> tensor<1x1xf32> {
  %xs = "lb.constant"() {value = dense<0.00392156886> : tensor<1xf32>} : () -> tensor<1xf32>
  %xz = "lb.constant"() {value = dense<-128> : tensor<1xi8>} : () -> tensor<1xi8>
  %xq = "lb.quantize"(%x, %xs, %xz) {axis = -1 : i64} : (tensor<1x16000xf32>, tensor<1xf32>, tensor<1xi8>) -> tensor<1x16000xi8>
  %xd = "lb.dequantize"(%xq, %xs, %xz) {axis = -1 : i64} : (tensor<1x16000xi8>, tensor<1xf32>, tensor<1xi8>) -> tensor<1x16000xf32>
  %wq = "lb.constant"() {value = dense<127> : tensor<16000x1xi8>} : () -> tensor<16000x1xi8>
  %ws = "lb.constant"() {value = dense<0.00787401571> : tensor<1xf32>} : () -> tensor<1xf32>
  %wz = "lb.constant"() {value = dense<0> : tensor<1xi8>} : () -> tensor<1xi8>
  %wd = "lb.dequantize"(%wq, %ws, %wz) {axis = -1 : i64} : (tensor<16000x1xi8>, tensor<1xf32>, tensor<1xi8>) -> tensor<16000x1xf32>
  %y = "lb.matmul"(%xd, %wd) : (tensor<1x16000xf32>, tensor<16000x1xf32>) -> tensor<1x1xf32>
  %ys = "lb.constant"() {value = dense<62.75> : tensor<1xf32>} : () -> tensor<1xf32>
  %yz = "lb.constant"() {value = dense<-128> : tensor<1xi8>} : () -> tensor<1xi8>
  %yq = "lb.quantize"(%y, %ys, %yz) {axis = -1 : i64} : (tensor<1x1xf32>, tensor<1xf32>, tensor<1xi8>) -> tensor<1x1xi8>
  %yd = "lb.dequantize"(%yq, %ys, %yz) {axis = -1 : i64} : (tensor<1x1xi8>, tensor<1xf32>, tensor<1xi8>) -> tensor<1x1xf32>
  // CHECK: "lb.qmatmul"({{.*}}) : (tensor<1x16000xi8>, tensor<16000x1xi8>, tensor<1xi8>, tensor<1xi8>) -> tensor<1x1xi32>
  return %yd : tensor<1x1xf32>
}

// -----

// Per-channel weight scales along the wrong axis (here axis 0 of a [K, N]
// matmul weight, whose output channels run along axis 1) cannot become a
// per-output-channel requantization: the chain stays float.
// CHECK-LABEL: func.func @weight_scale_axis
func.func @weight_scale_axis(%x: tensor<1x4xf32>) -> tensor<1x4xf32> {
  %xs = "lb.constant"() {value = dense<0.5> : tensor<1xf32>} : () -> tensor<1xf32>
  %xz = "lb.constant"() {value = dense<0> : tensor<1xi8>} : () -> tensor<1xi8>
  %xq = "lb.quantize"(%x, %xs, %xz) {axis = -1 : i64} : (tensor<1x4xf32>, tensor<1xf32>, tensor<1xi8>) -> tensor<1x4xi8>
  %xd = "lb.dequantize"(%xq, %xs, %xz) {axis = -1 : i64} : (tensor<1x4xi8>, tensor<1xf32>, tensor<1xi8>) -> tensor<1x4xf32>
  %wq = "lb.constant"() {value = dense<[[1, 2, 3, 4], [5, 6, 7, 8], [9, 10, 11, 12], [13, 14, 15, 16]]> : tensor<4x4xi8>} : () -> tensor<4x4xi8>
  %ws = "lb.constant"() {value = dense<[1.0, 0.5, 0.25, 0.125]> : tensor<4xf32>} : () -> tensor<4xf32>
  %wz = "lb.constant"() {value = dense<0> : tensor<4xi8>} : () -> tensor<4xi8>
  %wd = "lb.dequantize"(%wq, %ws, %wz) {axis = 0 : i64} : (tensor<4x4xi8>, tensor<4xf32>, tensor<4xi8>) -> tensor<4x4xf32>
  %y = "lb.matmul"(%xd, %wd) : (tensor<1x4xf32>, tensor<4x4xf32>) -> tensor<1x4xf32>
  %ys = "lb.constant"() {value = dense<0.5> : tensor<1xf32>} : () -> tensor<1xf32>
  %yq = "lb.quantize"(%y, %ys, %xz) {axis = -1 : i64} : (tensor<1x4xf32>, tensor<1xf32>, tensor<1xi8>) -> tensor<1x4xi8>
  %yd = "lb.dequantize"(%yq, %ys, %xz) {axis = -1 : i64} : (tensor<1x4xi8>, tensor<1xf32>, tensor<1xi8>) -> tensor<1x4xf32>
  // CHECK-NOT: lb.qmatmul
  // CHECK: "lb.matmul"
  return %yd : tensor<1x4xf32>
}

// -----

// Rule 5: a quantized add of two quantized tensors is the integer add with two input scales.
// CHECK-LABEL: func.func @integer_add
// CHECK: "lb.qadd"(%arg0, %arg1) {a_scale = 5.000000e-01 : f32, a_zero_point = 0 : i64, b_scale = 2.500000e-01 : f32, b_zero_point = 10 : i64, y_zero_point = -5 : i64} : (tensor<4xi8>, tensor<4xui8>) -> tensor<4xi8>
// CHECK-NOT: lb.add
func.func @integer_add(%a: tensor<4xi8>, %b: tensor<4xui8>) -> tensor<4xi8> {
  %sa = "lb.constant"() {value = dense<0.1> : tensor<1xf32>} : () -> tensor<1xf32>
  %za = "lb.constant"() {value = dense<0> : tensor<1xi8>} : () -> tensor<1xi8>
  %sb = "lb.constant"() {value = dense<0.05> : tensor<1xf32>} : () -> tensor<1xf32>
  %zb = "lb.constant"() {value = dense<10> : tensor<1xui8>} : () -> tensor<1xui8>
  %sy = "lb.constant"() {value = dense<0.2> : tensor<1xf32>} : () -> tensor<1xf32>
  %zy = "lb.constant"() {value = dense<-5> : tensor<1xi8>} : () -> tensor<1xi8>
  %da = "lb.dequantize"(%a, %sa, %za) {axis = -1 : i64} : (tensor<4xi8>, tensor<1xf32>, tensor<1xi8>) -> tensor<4xf32>
  %db = "lb.dequantize"(%b, %sb, %zb) {axis = -1 : i64} : (tensor<4xui8>, tensor<1xf32>, tensor<1xui8>) -> tensor<4xf32>
  %s = "lb.add"(%da, %db) : (tensor<4xf32>, tensor<4xf32>) -> tensor<4xf32>
  %y = "lb.quantize"(%s, %sy, %zy) {axis = -1 : i64} : (tensor<4xf32>, tensor<1xf32>, tensor<1xi8>) -> tensor<4xi8>
  return %y : tensor<4xi8>
}

// -----

// QDQ Concat of three 8-bit inputs with their own parameters (what
// QLinearConcat imports to) runs on integers: the quantize moves through both
// concats, the input already at the output's parameters needs nothing, and
// the others are requantized by 256-entry tables computed through the float
// ops (i8 s=0.5 -> s=1: code -128 -> -64 = 0xC0, 127 -> rne(63.5) = 64 = 0x40;
// u8 s=0.25 zp=128 -> code 0 -> -32 = 0xE0, 254 -> rne(31.5) = 32 = 0x20).
// CHECK-LABEL: func.func @concat_requantized
func.func @concat_requantized(%a: tensor<1x2xi8>, %b: tensor<1x3xui8>, %c: tensor<1x4xi8>) -> tensor<1x9xi8> {
  %sa = "lb.constant"() {value = dense<0.5> : tensor<1xf32>} : () -> tensor<1xf32>
  %za = "lb.constant"() {value = dense<0> : tensor<1xi8>} : () -> tensor<1xi8>
  %sb = "lb.constant"() {value = dense<0.25> : tensor<1xf32>} : () -> tensor<1xf32>
  %zb = "lb.constant"() {value = dense<128> : tensor<1xui8>} : () -> tensor<1xui8>
  %sy = "lb.constant"() {value = dense<1.0> : tensor<1xf32>} : () -> tensor<1xf32>
  %zy = "lb.constant"() {value = dense<0> : tensor<1xi8>} : () -> tensor<1xi8>
  %da = "lb.dequantize"(%a, %sa, %za) {axis = -1 : i64} : (tensor<1x2xi8>, tensor<1xf32>, tensor<1xi8>) -> tensor<1x2xf32>
  %db = "lb.dequantize"(%b, %sb, %zb) {axis = -1 : i64} : (tensor<1x3xui8>, tensor<1xf32>, tensor<1xui8>) -> tensor<1x3xf32>
  %dc = "lb.dequantize"(%c, %sy, %zy) {axis = -1 : i64} : (tensor<1x4xi8>, tensor<1xf32>, tensor<1xi8>) -> tensor<1x4xf32>
  %ab = "lb.concat"(%da, %db) {axis = 1 : i64} : (tensor<1x2xf32>, tensor<1x3xf32>) -> tensor<1x5xf32>
  %abc = "lb.concat"(%ab, %dc) {axis = 1 : i64} : (tensor<1x5xf32>, tensor<1x4xf32>) -> tensor<1x9xf32>
  %q = "lb.quantize"(%abc, %sy, %zy) {axis = -1 : i64} : (tensor<1x9xf32>, tensor<1xf32>, tensor<1xi8>) -> tensor<1x9xi8>
  // CHECK-DAG: %[[TA:.*]] = "lb.constant"() {value = dense<"0xC0C0C1{{[0-9A-F]*}}3E3F40"> : tensor<256xi8>}
  // CHECK-DAG: %[[TB:.*]] = "lb.constant"() {value = dense<"0xE0E0E0E1{{[0-9A-F]*}}1F2020"> : tensor<256xi8>}
  // CHECK-DAG: %[[LA:.*]] = "lb.lut"(%arg0, %[[TA]]) : (tensor<1x2xi8>, tensor<256xi8>) -> tensor<1x2xi8>
  // CHECK-DAG: %[[LB:.*]] = "lb.lut"(%arg1, %[[TB]]) : (tensor<1x3xui8>, tensor<256xi8>) -> tensor<1x3xi8>
  // CHECK: %[[AB:.*]] = "lb.concat"(%[[LA]], %[[LB]]) {axis = 1 : i64} : (tensor<1x2xi8>, tensor<1x3xi8>) -> tensor<1x5xi8>
  // CHECK: %[[ABC:.*]] = "lb.concat"(%[[AB]], %arg2) {axis = 1 : i64} : (tensor<1x5xi8>, tensor<1x4xi8>) -> tensor<1x9xi8>
  // CHECK-NOT: lb.dequantize
  // CHECK-NOT: lb.quantize
  // CHECK: return %[[ABC]]
  return %q : tensor<1x9xi8>
}

// -----

// 8-bit average pooling between dequantize and quantize runs on integers:
// window sums of x - x_zp, requantized per window by x_scale / (y_scale * n);
// global pooling over a static 4x4 image becomes a 4x4 window.
// CHECK-LABEL: func.func @integer_average_pool
func.func @integer_average_pool(%x: tensor<1x2x4x4xui8>) -> (tensor<1x2x2x2xui8>, tensor<1x2x1x1xui8>) {
  %sx = "lb.constant"() {value = dense<0.02> : tensor<1xf32>} : () -> tensor<1xf32>
  %zx = "lb.constant"() {value = dense<128> : tensor<1xui8>} : () -> tensor<1xui8>
  %sy = "lb.constant"() {value = dense<0.01> : tensor<1xf32>} : () -> tensor<1xf32>
  %zy = "lb.constant"() {value = dense<100> : tensor<1xui8>} : () -> tensor<1xui8>
  %d = "lb.dequantize"(%x, %sx, %zx) {axis = -1 : i64} : (tensor<1x2x4x4xui8>, tensor<1xf32>, tensor<1xui8>) -> tensor<1x2x4x4xf32>
  %a = "lb.avg_pool"(%d) {kernel = array<i64: 3, 3>, strides = array<i64: 2, 2>, pads = array<i64: 1, 1, 1, 1>, ceil_mode = 0 : i64, count_include_pad = 1 : i64} : (tensor<1x2x4x4xf32>) -> tensor<1x2x2x2xf32>
  %qa = "lb.quantize"(%a, %sy, %zy) {axis = -1 : i64} : (tensor<1x2x2x2xf32>, tensor<1xf32>, tensor<1xui8>) -> tensor<1x2x2x2xui8>
  %g = "lb.global_avg_pool"(%d) : (tensor<1x2x4x4xf32>) -> tensor<1x2x1x1xf32>
  %qg = "lb.quantize"(%g, %sy, %zy) {axis = -1 : i64} : (tensor<1x2x1x1xf32>, tensor<1xf32>, tensor<1xui8>) -> tensor<1x2x1x1xui8>
  // CHECK: %[[A:.*]] = "lb.qavg_pool"(%arg0) {ceil_mode = 0 : i64, count_include_pad = 1 : i64, kernel = array<i64: 3, 3>, pads = array<i64: 1, 1, 1, 1>, strides = array<i64: 2, 2>, x_scale = 2.000000e-02 : f32, x_zero_point = 128 : i64, y_scale = 0.00999999977 : f32, y_zero_point = 100 : i64} : (tensor<1x2x4x4xui8>) -> tensor<1x2x2x2xui8>
  // CHECK: %[[G:.*]] = "lb.qavg_pool"(%arg0) {ceil_mode = 0 : i64, count_include_pad = 0 : i64, kernel = array<i64: 4, 4>, pads = array<i64: 0, 0, 0, 0>, strides = array<i64: 1, 1>, {{.*}}} : (tensor<1x2x4x4xui8>) -> tensor<1x2x1x1xui8>
  // CHECK-NOT: lb.avg_pool
  // CHECK-NOT: lb.global_avg_pool
  // CHECK: return %[[A]], %[[G]]
  return %qa, %qg : tensor<1x2x2x2xui8>, tensor<1x2x1x1xui8>
}

// -----
// Rule 10, weight-only (w4af): a float input and a dequantized 4-bit weight become lb.matmul_nbits, the codes packed two
// per byte (code + 8, low nibble first), one scale per output channel, the zero point 8 (here trans_b [N, K] = [2, 4]:
// row 0 codes [3, -7, 7, 0] -> [11, 1, 15, 8] -> bytes 11 | 1 << 4 = 27, 15 | 8 << 4 = 143).
// CHECK-LABEL: func.func @weight_only
// CHECK-DAG: %[[P:.*]] = "lb.constant"() {value = dense<{{\[\[\[}}27, 143]], {{\[\[}}191, 154]]]> : tensor<2x1x2xui8>}
// CHECK-DAG: %[[S:.*]] = "lb.constant"() {value = dense<[0.142857149, 0.0357142873]> : tensor<2xf32>}
// CHECK-DAG: %[[Z:.*]] = "lb.constant"() {value = dense<8.000000e+00> : tensor<2xf32>}
// CHECK: "lb.matmul_nbits"(%arg0, %[[P]], %[[S]], %[[Z]], %{{.*}}) {bits = 4 : i64, block_size = 4 : i64, n = 2 : i64}
func.func @weight_only(%x: tensor<?x4xf32>) -> tensor<?x2xf32> {
  %q = "lb.constant"() {value = dense<[[3, -7, 7, 0], [7, 3, 2, 1]]> : tensor<2x4xi4>} : () -> tensor<2x4xi4>
  %s = "lb.constant"() {value = dense<[0.142857149, 0.0357142873]> : tensor<2xf32>} : () -> tensor<2xf32>
  %z = "lb.constant"() {value = dense<0> : tensor<2xi4>} : () -> tensor<2xi4>
  %w = "lb.dequantize"(%q, %s, %z) {axis = 0 : i64} : (tensor<2x4xi4>, tensor<2xf32>, tensor<2xi4>) -> tensor<2x4xf32>
  %b = "lb.constant"() {value = dense<[0.1, 0.2]> : tensor<2xf32>} : () -> tensor<2xf32>
  %y = "lb.gemm"(%x, %w, %b) {alpha = 1.0 : f32, beta = 1.0 : f32, trans_a = 0 : i64, trans_b = 1 : i64} : (tensor<?x4xf32>, tensor<2x4xf32>, tensor<2xf32>) -> tensor<?x2xf32>
  return %y : tensor<?x2xf32>
}

// -----
// Rule 12: a quantize after a flatten moves in front of it (exact: the flatten only moves
// elements), so the global pooling before it meets its quantize and runs on codes.
// CHECK-LABEL: func.func @pool_flatten_quantize
// CHECK: %[[P:.*]] = "lb.qavg_pool"(%arg0)
// CHECK: %[[F:.*]] = "lb.flatten"(%[[P]]) {axis = 1 : i64} : (tensor<1x2x1x1xi8>) -> tensor<1x2xi8>
// CHECK-NOT: "lb.global_avg_pool"
// CHECK-NOT: "lb.quantize"
// CHECK: return %[[F]]
func.func @pool_flatten_quantize(%x: tensor<1x2x4x4xi8>) -> tensor<1x2xi8> {
  %s = "lb.constant"() {value = dense<0.05> : tensor<1xf32>} : () -> tensor<1xf32>
  %z = "lb.constant"() {value = dense<3> : tensor<1xi8>} : () -> tensor<1xi8>
  %xd = "lb.dequantize"(%x, %s, %z) {axis = -1 : i64} : (tensor<1x2x4x4xi8>, tensor<1xf32>, tensor<1xi8>) -> tensor<1x2x4x4xf32>
  %p = "lb.global_avg_pool"(%xd) : (tensor<1x2x4x4xf32>) -> tensor<1x2x1x1xf32>
  %f = "lb.flatten"(%p) {axis = 1 : i64} : (tensor<1x2x1x1xf32>) -> tensor<1x2xf32>
  %ys = "lb.constant"() {value = dense<0.02> : tensor<1xf32>} : () -> tensor<1xf32>
  %q = "lb.quantize"(%f, %ys, %z) {axis = -1 : i64} : (tensor<1x2xf32>, tensor<1xf32>, tensor<1xi8>) -> tensor<1x2xi8>
  return %q : tensor<1x2xi8>
}
