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
