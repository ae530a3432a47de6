// RUN: rm -rf %t && mkdir -p %t
// RUN: %python -c "import numpy as np; np.save('%t/c.npy', np.array([[4, 1], [2, 0.5], [-3, 0.25]], np.float32))"
// RUN: lowbit-opt %s --split-input-file --lb-smooth="data=input0:%t/c.npy alpha=0.5" | FileCheck %s
// RUN: lowbit-opt %s --split-input-file --lb-smooth="data=input0:%t/c.npy alpha=auto bits=4 wbits=4" | FileCheck --check-prefix=AUTO %s
// RUN: %python %S/Inputs/keeps_function.py %s %t "lb-smooth=data={calib} alpha=0.5" | FileCheck --check-prefix=FN %s
// RUN: %python %S/Inputs/keeps_function.py %s %t "lb-smooth=data={calib} alpha=auto bits=4 wbits=4" | FileCheck --check-prefix=FN %s
// SmoothQuant: s_j = max|h_j|^a / max|W_j|^(1-a), h / s folded into h's producer, rows of W times s.
// Here h = relu(x + [0.5, 0.25]) on the calibration rows: max|h| = [4.5, 1.25]; the rows of W2 have max [2, 1];
// a = 0.5: s = [sqrt(4.5 / 2), sqrt(1.25 / 1)] = [1.5, 1.1180]. W1's columns and the bias / s, W2's rows * s.

// CHECK-LABEL: func.func @mlp
// CHECK: %[[W1:.*]] = "lb.constant"() {value = dense<{{\[\[}}0.666666686, 0.000000e+00], [0.000000e+00, 0.89442718]]>
// CHECK: "lb.matmul"(%arg0, %[[W1]])
// CHECK: "lb.constant"() {value = dense<[0.333333343, 0.223606795]>
// CHECK: %[[H:.*]] = "lb.relu"
// CHECK: %[[W2:.*]] = "lb.constant"() {value = dense<{{\[\[}}1.500000e+00, 3.000000e+00], [0.279508501, 1.11803401]]>
// CHECK: "lb.matmul"(%[[H]], %[[W2]])
// AUTO-LABEL: func.func @mlp
// FN: mlp: {{[0-9.]+e[-+][0-9]+}}
func.func @mlp(%x: tensor<?x2xf32>) -> tensor<?x2xf32> {
  %w1 = "lb.constant"() {value = dense<[[1.0, 0.0], [0.0, 1.0]]> : tensor<2x2xf32>} : () -> tensor<2x2xf32>
  %b1 = "lb.constant"() {value = dense<[0.5, 0.25]> : tensor<2xf32>} : () -> tensor<2xf32>
  %w2 = "lb.constant"() {value = dense<[[1.0, 2.0], [0.25, 1.0]]> : tensor<2x2xf32>} : () -> tensor<2x2xf32>
  %m = "lb.matmul"(%x, %w1) : (tensor<?x2xf32>, tensor<2x2xf32>) -> tensor<?x2xf32>
  %a = "lb.add"(%m, %b1) : (tensor<?x2xf32>, tensor<2xf32>) -> tensor<?x2xf32>
  %h = "lb.relu"(%a) : (tensor<?x2xf32>) -> tensor<?x2xf32>
  %y = "lb.matmul"(%h, %w2) : (tensor<?x2xf32>, tensor<2x2xf32>) -> tensor<?x2xf32>
  return %y : tensor<?x2xf32>
}

// -----

// A LayerNorm feeding two linear layers (a gemm with trans_b and one matmul): its gain and bias / s, one s for
// both users (the max of their rows). The RMSNorm before it is read by a non-linear op (the LayerNorm) too: kept.
// CHECK-LABEL: func.func @norm
// CHECK: %[[N:.*]] = "lb.rms_norm"(%arg0, %{{.*}})
// CHECK-NOT: dense<1.000000e+00> : tensor<2xf32>
// CHECK: "lb.layer_norm"(%[[N]], %{{.*}}, %{{.*}})
// CHECK: "lb.gemm"
// CHECK: "lb.matmul"
// FN: norm: {{[0-9.]+e[-+][0-9]+}}
func.func @norm(%x: tensor<?x2xf32>) -> (tensor<?x3xf32>) {
  %g = "lb.constant"() {value = dense<1.0> : tensor<2xf32>} : () -> tensor<2xf32>
  %b = "lb.constant"() {value = dense<[0.1, -0.2]> : tensor<2xf32>} : () -> tensor<2xf32>
  %v = "lb.constant"() {value = dense<[[1.0, 0.5], [0.0, 1.0], [0.5, -0.5]]> : tensor<3x2xf32>} : () -> tensor<3x2xf32>
  %w = "lb.constant"() {value = dense<[[1.0, 2.0, 0.5], [0.25, -1.0, 1.0]]> : tensor<2x3xf32>} : () -> tensor<2x3xf32>
  %r = "lb.constant"() {value = dense<[3.0, 0.5]> : tensor<2xf32>} : () -> tensor<2xf32>
  %n = "lb.rms_norm"(%x, %r) {axis = 1 : i64, epsilon = 1.0e-5 : f32} : (tensor<?x2xf32>, tensor<2xf32>) -> tensor<?x2xf32>
  %n2 = "lb.layer_norm"(%n, %g, %b) {axis = 1 : i64, epsilon = 1.0e-5 : f32} : (tensor<?x2xf32>, tensor<2xf32>, tensor<2xf32>) -> tensor<?x2xf32>
  %y0 = "lb.gemm"(%n2, %v) {alpha = 1.0 : f32, beta = 1.0 : f32, trans_a = 0 : i64, trans_b = 1 : i64} : (tensor<?x2xf32>, tensor<3x2xf32>) -> tensor<?x3xf32>
  %y1 = "lb.matmul"(%n2, %w) : (tensor<?x2xf32>, tensor<2x3xf32>) -> tensor<?x3xf32>
  %y2 = "lb.matmul"(%n, %w) : (tensor<?x2xf32>, tensor<2x3xf32>) -> tensor<?x3xf32>
  %y = "lb.add"(%y0, %y1) : (tensor<?x3xf32>, tensor<?x3xf32>) -> tensor<?x3xf32>
  %z = "lb.add"(%y, %y2) : (tensor<?x3xf32>, tensor<?x3xf32>) -> tensor<?x3xf32>
  return %z : tensor<?x3xf32>
}

// -----

// Not smoothed: a producer that is not a norm or a linear layer (GELU), and a value a non-linear op also reads.
// CHECK-LABEL: func.func @unsmoothable
// CHECK: "lb.constant"() {value = dense<2.000000e+00> : tensor<2x2xf32>}
// CHECK-NOT: "lb.constant"() {value = dense<2.000000e+00> : tensor<2x2xf32>}
// FN: unsmoothable: {{[0-9.]+e[-+][0-9]+}}
func.func @unsmoothable(%x: tensor<?x2xf32>) -> tensor<?x2xf32> {
  %w = "lb.constant"() {value = dense<2.0> : tensor<2x2xf32>} : () -> tensor<2x2xf32>
  %g = "lb.gelu"(%x) {approximate = 0 : i64} : (tensor<?x2xf32>) -> tensor<?x2xf32>
  %y = "lb.matmul"(%g, %w) : (tensor<?x2xf32>, tensor<2x2xf32>) -> tensor<?x2xf32>
  %m = "lb.matmul"(%x, %w) : (tensor<?x2xf32>, tensor<2x2xf32>) -> tensor<?x2xf32>
  %r = "lb.relu"(%m) : (tensor<?x2xf32>) -> tensor<?x2xf32>
  %z = "lb.matmul"(%r, %w) : (tensor<?x2xf32>, tensor<2x2xf32>) -> tensor<?x2xf32>
  %s = "lb.add"(%z, %r) : (tensor<?x2xf32>, tensor<?x2xf32>) -> tensor<?x2xf32>
  %t = "lb.add"(%s, %y) : (tensor<?x2xf32>, tensor<?x2xf32>) -> tensor<?x2xf32>
  return %t : tensor<?x2xf32>
}

// -----

// Errors.
// RUN: not lowbit-opt %s --split-input-file --lb-smooth="data=input0:%t/c.npy alpha=2" 2>&1 | FileCheck --check-prefix=ERR %s
// ERR: error: {{.*}}alpha must be auto or a number in [0, 1], got '2'
// RUN: not lowbit-opt %s --split-input-file --lb-smooth 2>&1 | FileCheck --check-prefix=ERR2 %s
// ERR2: error: {{.*}}needs data=NAME:FILE.npy
func.func @errors(%x: tensor<?x2xf32>) -> tensor<?x2xf32> {
  return %x : tensor<?x2xf32>
}
