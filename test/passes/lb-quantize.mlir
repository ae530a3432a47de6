// RUN: lowbit-opt %s --lb-quantize=mode=w8a8 | FileCheck %s
// W8A8: activations get per-tensor asymmetric int8 q/dq from lb.range, weights per-channel symmetric int8.

// CHECK-LABEL: func.func @gemm_relu
func.func @gemm_relu(%x: tensor<?x2xf32>) -> tensor<?x2xf32> attributes {lb.arg_ranges = array<f32: -1.0, 1.0>} {
  %w = "lb.constant"() {value = dense<[[0.5, -1.0], [0.25, 0.125]]> : tensor<2x2xf32>} : () -> tensor<2x2xf32>
  %b = "lb.constant"() {value = dense<[0.1, 0.2]> : tensor<2xf32>} : () -> tensor<2xf32>
  %y = "lb.gemm"(%x, %w, %b) {alpha = 1.0 : f32, beta = 1.0 : f32, trans_a = 0 : i64, trans_b = 1 : i64, lb.range = array<f32: -2.0, 2.0>} : (tensor<?x2xf32>, tensor<2x2xf32>, tensor<2xf32>) -> tensor<?x2xf32>
  %r = "lb.relu"(%y) {lb.range = array<f32: 0.0, 2.55>} : (tensor<?x2xf32>) -> tensor<?x2xf32>
  // input [-1, 1]: scale 2/255 (f32), zero point rne(-128 - (-1)/scale): -1/scale is just
  // past -127.5 in f32, so the zero point is -1
  // CHECK-DAG: %[[XS:.*]] = "lb.constant"() {value = dense<0.00784313772> : tensor<1xf32>}
  // CHECK-DAG: %[[XZ:.*]] = "lb.constant"() {value = dense<-1> : tensor<1xi8>}
  // CHECK: %[[XQ:.*]] = "lb.quantize"(%arg0, %[[XS]], %[[XZ]])
  // CHECK: %[[XD:.*]] = "lb.dequantize"(%[[XQ]], %[[XS]], %[[XZ]])
  // weights transB: channel axis 0, scales max|row|/127 = [1/127, 0.25/127]
  // CHECK-DAG: %[[WQ:.*]] = "lb.constant"() {value = dense<{{\[\[}}64, -127], [127, 64]]> : tensor<2x2xi8>}
  // CHECK-DAG: %[[WS:.*]] = "lb.constant"() {value = dense<[0.00787401571, 0.00196850393]> : tensor<2xf32>}
  // CHECK: %[[WD:.*]] = "lb.dequantize"(%[[WQ]], %[[WS]], %{{.*}}) {axis = 0 : i64}
  // CHECK: %[[Y:.*]] = "lb.gemm"(%[[XD]], %[[WD]], %{{.*}})
  // CHECK: %[[R:.*]] = "lb.relu"(%[[Y]])
  // output after relu [0, 2.55]: scale 0.01, zero point -128
  // (quantized because a quantized layer reads it)
  // CHECK: %[[YQ:.*]] = "lb.quantize"(%[[R]], %{{.*}}, %{{.*}})
  // CHECK: %[[YD:.*]] = "lb.dequantize"(%[[YQ]]
  // the second layer reads it with the same parameters; its own result, read only by the return, stays float
  // CHECK: %[[Z:.*]] = "lb.gemm"
  // CHECK-NOT: "lb.quantize"
  // CHECK: return %[[Z]]
  %w2 = "lb.constant"() {value = dense<[[1.0, 0.5], [0.0, 1.0]]> : tensor<2x2xf32>} : () -> tensor<2x2xf32>
  %z = "lb.gemm"(%r, %w2) {alpha = 1.0 : f32, beta = 1.0 : f32, trans_a = 0 : i64, trans_b = 1 : i64, lb.range = array<f32: 0.0, 4.0>} : (tensor<?x2xf32>, tensor<2x2xf32>) -> tensor<?x2xf32>
  return %z : tensor<?x2xf32>
}

// -----
// Missing calibration is an error naming the op.
// RUN: not lowbit-opt %s --split-input-file --lb-quantize 2>&1 | FileCheck --check-prefix=ERR %s
// ERR: error: {{.*}}'lb.matmul': input has no calibrated range; run lb-calibrate first
func.func @uncalibrated(%x: tensor<1x2xf32>) -> tensor<1x2xf32> {
  %w = "lb.constant"() {value = dense<1.0> : tensor<2x2xf32>} : () -> tensor<2x2xf32>
  %y = "lb.matmul"(%x, %w) : (tensor<1x2xf32>, tensor<2x2xf32>) -> tensor<1x2xf32>
  return %y : tensor<1x2xf32>
}

// -----
// Lower weight widths: W4A8 per channel gives i4 codes in [-7, 7] with scales max|row| / 7; per tensor one scale;
// Y-bit activations take the Y-bit range (a4: scale (hi - lo) / 15).
// (the uncalibrated case above fails in every run: hence `not`)
// RUN: not lowbit-opt %s --split-input-file --lb-quantize=mode=w4a8 2>&1 | FileCheck --check-prefix=W4 %s
// RUN: not lowbit-opt %s --split-input-file --lb-quantize="mode=w3a4 weight_granularity=tensor" 2>&1 | FileCheck --check-prefix=W3 %s
// RUN: not lowbit-opt %s --split-input-file --lb-quantize="mode=w2a8 weight_calib=mse" 2>&1 | FileCheck --check-prefix=W2 %s
// W4-LABEL: func.func @narrow
// (0.5 / f32(1/7) is just below 3.5: code 3)
// W4: "lb.constant"() {value = dense<{{\[\[}}3, -7, 7, 0], [7, 3, 2, 1]]> : tensor<2x4xi4>}
// W4: "lb.constant"() {value = dense<[0.142857149, 0.0357142873]> : tensor<2xf32>}
// W4: "lb.dequantize"(%{{.*}}) {axis = 0 : i64} : (tensor<2x4xi4>, tensor<2xf32>, tensor<2xi4>) -> tensor<2x4xf32>
// W3-LABEL: func.func @narrow
// W3: "lb.constant"() {value = dense<0.13333334> : tensor<1xf32>}
// W3: "lb.quantize"(%arg0, %{{.*}}, %{{.*}}) {axis = -1 : i64} : (tensor<?x4xf32>, tensor<1xf32>, tensor<1xi4>) -> tensor<?x4xi4>
// scale max|w| / 3 over the whole tensor: 1 / 3
// W3: "lb.constant"() {value = dense<{{\[\[}}2, -3, 3, 0], [1, 0, 0, 0]]> : tensor<2x4xi3>}
// W3: "lb.constant"() {value = dense<0.333333343> : tensor<1xf32>}
// the outlier 1.0 of row 0 is clipped where that lowers the squared rounding error of the row
// W2-LABEL: func.func @narrow
// W2: : tensor<2x4xi2>
// Weight-only (w4af): the weight as W4 above, the activations stay float (no quantize at all).
// RUN: lowbit-opt %s --split-input-file --lb-quantize=mode=w4af 2>&1 | FileCheck --check-prefix=WO %s
// WO-LABEL: func.func @narrow
// WO-NOT: "lb.quantize"
// WO: "lb.dequantize"(%{{.*}}) {axis = 0 : i64} : (tensor<2x4xi4>, tensor<2xf32>, tensor<2xi4>) -> tensor<2x4xf32>
// WO-NOT: "lb.quantize"
// WO: return
// Per-token activations (act_granularity=token): the input quantized per row at run time (lb.quantize_rows, no
// calibrated range needed), the weight as above, the output float.
// RUN: lowbit-opt %s --split-input-file --lb-quantize="mode=w4a4 act_granularity=token" 2>&1 | FileCheck --check-prefix=TOK %s
// TOK-LABEL: func.func @narrow
// TOK: %[[XQ:.*]] = "lb.quantize_rows"(%arg0) {bits = 4 : i64}
// TOK: "lb.gemm"(%[[XQ]],
// TOK-NOT: "lb.quantize"(
// TOK: return
// Two-level group scales (scale_bits=2, VS-Quant): groups of 2 along K; row 1's group scales 0.25/7 and 0.0625/7
// become 2-bit multiples (3 and rne(0.75) = 1) of its channel scale (0.25/7)/3: 0.0357 and 0.0119; the codes follow
// (0.0625 / 0.0119 = 5.25 -> 5, 0.03 / 0.0119 = 2.52 -> 3).
// RUN: not lowbit-opt %s --split-input-file --lb-quantize="mode=w4a8 weight_granularity=group:2 scale_bits=2" 2>&1 | FileCheck --check-prefix=VSQ %s
// VSQ-LABEL: func.func @narrow
// VSQ: "lb.constant"() {value = dense<{{\[\[}}3, -7, 7, 0], [7, 3, 5, 3]]> : tensor<2x4xi4>}
// VSQ: "lb.constant"() {value = dense<{{\[\[}}0.142857149, 0.142857149], [0.0357142873, 0.0119047621]]> : tensor<2x2xf32>}
// RUN: not lowbit-opt %s --split-input-file --lb-quantize="mode=w4a8 scale_bits=4" 2>&1 | FileCheck --check-prefix=VSQERR %s
// VSQERR: scale_bits must be 2..8 and needs weight_granularity=group:G, got 4 without groups
// RUN: not lowbit-opt %s --split-input-file --lb-quantize="mode=w4a4 act_granularity=row" 2>&1 | FileCheck --check-prefix=TOKERR %s
// TOKERR: act_granularity must be tensor or token, got 'row'

func.func @narrow(%x: tensor<?x4xf32>) -> tensor<?x2xf32> attributes {lb.arg_ranges = array<f32: -1.0, 1.0>} {
  %w = "lb.constant"() {value = dense<[[0.5, -1.0, 1.0, 0.0], [0.25, 0.125, 0.0625, 0.03]]> : tensor<2x4xf32>} : () -> tensor<2x4xf32>
  %b = "lb.constant"() {value = dense<[0.1, 0.2]> : tensor<2xf32>} : () -> tensor<2xf32>
  %y = "lb.gemm"(%x, %w, %b) {alpha = 1.0 : f32, beta = 1.0 : f32, trans_a = 0 : i64, trans_b = 1 : i64, lb.range = array<f32: -2.0, 2.0>} : (tensor<?x4xf32>, tensor<2x4xf32>, tensor<2xf32>) -> tensor<?x2xf32>
  return %y : tensor<?x2xf32>
}

// -----
// Bad schemes are one-line errors.
// RUN: not lowbit-opt %s --split-input-file --lb-quantize=mode=w9a8 2>&1 | FileCheck --check-prefix=BAD %s
// BAD: quantization mode 'w9a8' is not supported (wXaY: X-bit weights, 2..8; Y-bit activations, 4..16, or f for float activations)
func.func @bad(%x: tensor<1x2xf32>) -> tensor<1x2xf32> {
  return %x : tensor<1x2xf32>
}

// -----
// The calibrated input statistics (lb-calibrate's lb.input_mean, lb.input_sqmean). Bias correction: w = [0.3, 1.0]
// at 4 bits (scale 1/7) rounds 0.3 to 2/7, so with E[x] = [2, 0] the mean output drops by 2 * (0.3 - 2/7) = 0.2/7;
// the bias 0.5 becomes 0.5 + 0.2/7, a gemm without one gets 0.2/7, and a matmul the row its add adds; bias_correct=0
// keeps 0.5. Weighted clipping: with weight_calib=mse the weight 4.0 on an input whose E[x^2] is 0 no longer sets the
// scale (0.571 = 4/7 with minmax, every other weight rounding to 0); the others get codes.
// RUN: sed -n '/^func.func @stats_bias/,$p' %s > %t.stats.mlir
// RUN: lowbit-opt %t.stats.mlir --split-input-file --lb-quantize="mode=w4af weight_calib=minmax" | FileCheck --check-prefix=BC %s
// RUN: lowbit-opt %t.stats.mlir --split-input-file --lb-quantize="mode=w4af weight_calib=minmax bias_correct=0" | FileCheck --check-prefix=NOBC %s
// RUN: lowbit-opt %t.stats.mlir --split-input-file --lb-quantize="mode=w4af weight_calib=mse" | FileCheck --check-prefix=WMSE %s
// RUN: lowbit-opt %t.stats.mlir --split-input-file --lb-quantize="mode=w4af weight_calib=auto" | FileCheck --check-prefix=WMSE %s
// RUN: lowbit-opt %t.stats.mlir --split-input-file --lb-quantize="mode=w8af weight_calib=auto" | FileCheck --check-prefix=AUTO8 %s
// BC-LABEL: func.func @stats_bias
// BC: %[[B:.*]] = "lb.constant"() {value = dense<0.528571427> : tensor<1xf32>}
// BC: "lb.gemm"(%arg0, %{{.*}}, %[[B]])
// NOBC-LABEL: func.func @stats_bias
// NOBC: %[[B:.*]] = "lb.constant"() {value = dense<5.000000e-01> : tensor<1xf32>}
// NOBC: "lb.gemm"(%arg0, %{{.*}}, %[[B]])
// BC-LABEL: func.func @stats_gemm_no_c
// BC: %[[C:.*]] = "lb.constant"() {value = dense<0.0285714269> : tensor<1xf32>}
// BC: "lb.gemm"(%arg0, %{{.*}}, %[[C]])
// BC-LABEL: func.func @stats_matmul_add
// BC: %[[M:.*]] = "lb.matmul"
// BC: %[[R:.*]] = "lb.constant"() {value = dense<0.528571427> : tensor<1xf32>}
// BC: "lb.add"(%[[M]], %[[R]])
// BC-LABEL: func.func @stats_clip
// BC: "lb.constant"() {value = dense<{{\[\[}}0], [0], [0], [7]]> : tensor<4x1xi4>}
// BC: "lb.constant"() {value = dense<0.571428597> : tensor<1xf32>}
// WMSE-LABEL: func.func @stats_clip
// WMSE: "lb.constant"() {value = dense<{{\[\[}}1], [3], [-2], [7]]> : tensor<4x1xi4>}
// WMSE: "lb.constant"() {value = dense<0.0742857084> : tensor<1xf32>}
// AUTO8-LABEL: func.func @stats_clip
// AUTO8: "lb.constant"() {value = dense<0.0314960629> : tensor<1xf32>}
func.func @stats_bias(%x: tensor<?x2xf32>) -> tensor<?x1xf32> {
  %w = "lb.constant"() {value = dense<[[0.3, 1.0]]> : tensor<1x2xf32>} : () -> tensor<1x2xf32>
  %b = "lb.constant"() {value = dense<[0.5]> : tensor<1xf32>} : () -> tensor<1xf32>
  %y = "lb.gemm"(%x, %w, %b) {alpha = 1.0 : f32, beta = 1.0 : f32, trans_a = 0 : i64, trans_b = 1 : i64, lb.input_mean = array<f32: 2.0, 0.0>} : (tensor<?x2xf32>, tensor<1x2xf32>, tensor<1xf32>) -> tensor<?x1xf32>
  return %y : tensor<?x1xf32>
}

// -----

func.func @stats_gemm_no_c(%x: tensor<?x2xf32>) -> tensor<?x1xf32> {
  %w = "lb.constant"() {value = dense<[[0.3], [1.0]]> : tensor<2x1xf32>} : () -> tensor<2x1xf32>
  %y = "lb.gemm"(%x, %w) {alpha = 1.0 : f32, beta = 1.0 : f32, trans_a = 0 : i64, trans_b = 0 : i64, lb.input_mean = array<f32: 2.0, 0.0>} : (tensor<?x2xf32>, tensor<2x1xf32>) -> tensor<?x1xf32>
  return %y : tensor<?x1xf32>
}

// -----

func.func @stats_matmul_add(%x: tensor<2x3x2xf32>) -> tensor<2x3x1xf32> {
  %w = "lb.constant"() {value = dense<[[0.3], [1.0]]> : tensor<2x1xf32>} : () -> tensor<2x1xf32>
  %b = "lb.constant"() {value = dense<[0.5]> : tensor<1xf32>} : () -> tensor<1xf32>
  %y = "lb.matmul"(%x, %w) {lb.input_mean = array<f32: 2.0, 0.0>} : (tensor<2x3x2xf32>, tensor<2x1xf32>) -> tensor<2x3x1xf32>
  %z = "lb.add"(%y, %b) : (tensor<2x3x1xf32>, tensor<1xf32>) -> tensor<2x3x1xf32>
  return %z : tensor<2x3x1xf32>
}

// -----

func.func @stats_clip(%x: tensor<?x4xf32>) -> tensor<?x1xf32> {
  %w = "lb.constant"() {value = dense<[[0.1], [0.2], [-0.15], [4.0]]> : tensor<4x1xf32>} : () -> tensor<4x1xf32>
  %b = "lb.constant"() {value = dense<[0.0]> : tensor<1xf32>} : () -> tensor<1xf32>
  %y = "lb.gemm"(%x, %w, %b) {alpha = 1.0 : f32, beta = 1.0 : f32, trans_a = 0 : i64, trans_b = 0 : i64, lb.input_sqmean = array<f32: 1.0, 1.0, 1.0, 0.0>} : (tensor<?x4xf32>, tensor<4x1xf32>, tensor<1xf32>) -> tensor<?x1xf32>
  return %y : tensor<?x1xf32>
}
