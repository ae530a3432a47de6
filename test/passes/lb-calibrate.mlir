// RUN: %python -c "import numpy as np; np.save('%t.npy', np.array([[-1.0, 2.0], [3.0, -4.0]], np.float32))"
// RUN: lowbit-opt %s --lb-calibrate=data=x:%t.npy | FileCheck %s
// Calibration runs the graph on the data and records each op's min/max.
// RUN: not lowbit-opt %s --lb-calibrate=data=y:%t.npy 2>&1 | FileCheck --check-prefix=ERR %s
// ERR: error: lb-calibrate: calibration data for 'y': the model has no such input

// CHECK-LABEL: func.func @f
// CHECK-SAME: lb.arg_ranges = array<f32: -4.000000e+00, 3.000000e+00>
func.func @f(%x: tensor<?x2xf32>) -> tensor<?x2xf32> attributes {lb.input_names = ["x"], lb.output_names = ["y"]} {
  // CHECK: "lb.relu"(%arg0) {lb.range = array<f32: 0.000000e+00, 3.000000e+00>}
  %r = "lb.relu"(%x) : (tensor<?x2xf32>) -> tensor<?x2xf32>
  %two = "lb.constant"() {value = dense<2.0> : tensor<1xf32>} : () -> tensor<1xf32>
  // CHECK: "lb.mul"{{.*}}{lb.range = array<f32: 0.000000e+00, 6.000000e+00>}
  %m = "lb.mul"(%r, %two) : (tensor<?x2xf32>, tensor<1xf32>) -> tensor<?x2xf32>
  return %m : tensor<?x2xf32>
}

// -----
// Without lb.input_names, inputs are named input<i> (as in the C emitter).
// RUN: sed -n '/^func.func @unnamed/,$p' %s > %t.unnamed.mlir
// RUN: lowbit-opt %t.unnamed.mlir --lb-calibrate=data=input0:%t.npy | FileCheck --check-prefix=UNNAMED %s
// UNNAMED-LABEL: func.func @unnamed
// UNNAMED: "lb.relu"(%arg0) {lb.range = array<f32: 0.000000e+00, 3.000000e+00>}
func.func @unnamed(%x: tensor<?x2xf32>) -> tensor<?x2xf32> {
  %r = "lb.relu"(%x) : (tensor<?x2xf32>) -> tensor<?x2xf32>
  return %r : tensor<?x2xf32>
}

// -----
// Clipped ranges from histograms (1024 bins over min/max) of a second run. 1000 values 0..999 with the last at
// 100000: percentile:99 keeps the central 99 %: the top is the end of the bin holding 999 (11 bins of 97.65625);
// mse keeps the whole range here (one far outlier dominates the squared error). 10000 |N(0, 1)| values (max
// 3.899): mse with 2-bit steps clips at half the maximum, with 8-bit steps at 0.99 of it.
// RUN: %python -c "import numpy as np; v = np.arange(1000, dtype=np.float32); v[-1] = 1e5; np.save('%t.wide.npy', v.reshape(1000, 1))"
// RUN: %python -c "import numpy as np; v = np.abs(np.random.default_rng(0).standard_normal(10000)).astype(np.float32); np.save('%t.hn.npy', v.reshape(10000, 1))"
// RUN: sed -n '/^func.func @wide/,$p' %s > %t.wide.mlir
// RUN: lowbit-opt %t.wide.mlir --lb-calibrate="data=input0:%t.wide.npy method=percentile:99" | FileCheck --check-prefix=PCT %s
// RUN: lowbit-opt %t.wide.mlir --lb-calibrate="data=input0:%t.wide.npy method=mse bits=8" | FileCheck --check-prefix=MINMAX %s
// RUN: lowbit-opt %t.wide.mlir --lb-calibrate="data=input0:%t.wide.npy" | FileCheck --check-prefix=MINMAX %s
// RUN: lowbit-opt %t.wide.mlir --lb-calibrate="data=input0:%t.hn.npy method=mse bits=2" | FileCheck --check-prefix=MSE2 %s
// RUN: lowbit-opt %t.wide.mlir --lb-calibrate="data=input0:%t.hn.npy method=mse bits=8" | FileCheck --check-prefix=MSE8 %s
// RUN: not lowbit-opt %t.wide.mlir --lb-calibrate="data=input0:%t.wide.npy method=percentile:40" 2>&1 | FileCheck --check-prefix=BADM %s
// PCT: "lb.relu"(%arg0) {lb.range = array<f32: 0.000000e+00, 1074.21875>}
// MINMAX: "lb.relu"(%arg0) {lb.range = array<f32: 0.000000e+00, 1.000000e+05>}
// MSE2: "lb.relu"(%arg0) {lb.range = array<f32: {{.*}}, 1.94971085>}
// MSE8: "lb.relu"(%arg0) {lb.range = array<f32: {{.*}}, 3.86042738>}
// BADM: error: lb-calibrate: method must be minmax, percentile:P (50 < P <= 100) or mse, got 'percentile:40'
func.func @wide(%x: tensor<?x1xf32>) -> tensor<?x1xf32> {
  %r = "lb.relu"(%x) : (tensor<?x1xf32>) -> tensor<?x1xf32>
  return %r : tensor<?x1xf32>
}

// -----
// The input means of layers with constant weights, for lb-quantize: per feature over the rows of a matmul's input
// (relu of x: [[0, 2], [3, 0]]: mean [1.5, 1], mean square [4.5, 2]); through a flatten, per feature of the view the
// gemm reads; for a conv2d per channel and position, over the batch.
// RUN: %python -c "import numpy as np; np.save('%t.c.npy', np.array([[[[1.0, 2.0], [3.0, 4.0]]], [[[3.0, 0.0], [1.0, 0.0]]]], np.float32))"
// RUN: sed -n '/^func.func @means/,$p' %s > %t.means.mlir
// RUN: lowbit-opt %t.means.mlir --lb-calibrate=data=input0:%t.npy | FileCheck --check-prefix=MEAN %s
// MEAN: "lb.matmul"(%{{.*}}) {lb.input_mean = array<f32: 1.500000e+00, 1.000000e+00>, lb.input_sqmean = array<f32: 4.500000e+00, 2.000000e+00>
// MEAN: "lb.gemm"(%{{.*}}) {{{.*}}lb.input_mean = array<f32: 1.500000e+00, 1.000000e+00>
// RUN: sed -n '/^func.func @conv_means/,$p' %s > %t.conv.mlir
// RUN: lowbit-opt %t.conv.mlir --lb-calibrate=data=input0:%t.c.npy | FileCheck --check-prefix=CMEAN %s
// CMEAN: "lb.conv2d"(%{{.*}}) {{{.*}}lb.input_mean = array<f32: 2.000000e+00, 1.000000e+00, 2.000000e+00, 2.000000e+00>, lb.input_sqmean = array<f32: 5.000000e+00, 2.000000e+00, 5.000000e+00, 8.000000e+00>
func.func @means(%x: tensor<?x2xf32>) -> (tensor<?x1xf32>, tensor<?x1xf32>) {
  %r = "lb.relu"(%x) : (tensor<?x2xf32>) -> tensor<?x2xf32>
  %w = "lb.constant"() {value = dense<[[1.0], [1.0]]> : tensor<2x1xf32>} : () -> tensor<2x1xf32>
  %m = "lb.matmul"(%r, %w) : (tensor<?x2xf32>, tensor<2x1xf32>) -> tensor<?x1xf32>
  %f = "lb.flatten"(%r) {axis = 1 : i64} : (tensor<?x2xf32>) -> tensor<?x2xf32>
  %g = "lb.gemm"(%f, %w) {alpha = 1.0 : f32, beta = 1.0 : f32, trans_a = 0 : i64, trans_b = 0 : i64} : (tensor<?x2xf32>, tensor<2x1xf32>) -> tensor<?x1xf32>
  return %m, %g : tensor<?x1xf32>, tensor<?x1xf32>
}
func.func @conv_means(%x: tensor<?x1x2x2xf32>) -> tensor<?x1x2x2xf32> {
  %w = "lb.constant"() {value = dense<1.0> : tensor<1x1x1x1xf32>} : () -> tensor<1x1x1x1xf32>
  %y = "lb.conv2d"(%x, %w) {dilations = array<i64: 1, 1>, group = 1 : i64, pads = array<i64: 0, 0, 0, 0>, strides = array<i64: 1, 1>} : (tensor<?x1x2x2xf32>, tensor<1x1x1x1xf32>) -> tensor<?x1x2x2xf32>
  return %y : tensor<?x1x2x2xf32>
}
