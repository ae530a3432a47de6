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
