// RUN: lowbit-opt %s --split-input-file --lb-rotate | FileCheck %s
// RUN: lowbit-opt %s --split-input-file --lb-rotate=rotation=random-hadamard:3 | FileCheck --check-prefix=RAND %s
// RUN: lowbit-opt %s --split-input-file --lb-rotate=online=0 | FileCheck --check-prefix=OFF %s
// RUN: rm -rf %t && mkdir -p %t && %python %S/Inputs/rotate_checks.py %s %t | FileCheck --check-prefix=NUM %s
// The residual stream is carried rotated, x H: the graph input is rotated online, the writer's weight and bias get
// W H and b H, the plain LayerNorm reading the stream becomes an RMSNorm of the centered rotated value (H's centering
// direction is e0: x' - x'_0 e0), its reader gets H^T W, and the graph output is rotated back.
// Numbers: the function is kept (lowbit run, before and after, below).

// CHECK-LABEL: func.func @block
// CHECK: %[[XR:.*]] = "lb.hadamard"(%arg0) {block_size = 4 : i64}
// b H = [0.1, 0.2, 0.3, 0.4] H / 2 = [0.5, -0.1, -0.2, 0]
// CHECK-DAG: %[[B:.*]] = "lb.constant"() {value = dense<[5.000000e-01, -0.099999994, -2.000000e-01, {{.*}}]> : tensor<4xf32>}
// CHECK-DAG: %[[E0:.*]] = "lb.constant"() {value = dense<[1.000000e+00, 0.000000e+00, 0.000000e+00, 0.000000e+00]> : tensor<4xf32>}
// CHECK: %[[P:.*]] = "lb.mul"(%[[XR]], %[[E0]])
// CHECK: %[[D:.*]] = "lb.reduce_sum"(%[[P]]) {axes = array<i64: 1>, keepdims = 1 : i64}
// CHECK: %[[C:.*]] = "lb.mul"(%[[D]], %[[E0]])
// CHECK: %[[U:.*]] = "lb.sub"(%[[XR]], %[[C]])
// CHECK: %[[N:.*]] = "lb.rms_norm"(%[[U]], %{{.*}}) {axis = 1 : i64, epsilon = 9.99999974E-6 : f32}
// H^T W H (both sides: the layer reads and writes the stream)
// CHECK: %[[W:.*]] = "lb.constant"() {value = dense<{{\[\[}}1.375000e+00, 8.750000e-01, -1.250000e-01, -6.250000e-01], [1.250000e-01, 1.625000e+00, -3.750000e-01, -8.750000e-01], [6.250000e-01, 1.250000e-01, 1.250000e-01, -3.750000e-01], [8.750000e-01, 3.750000e-01, -6.250000e-01, 8.750000e-01]]> : tensor<4x4xf32>}
// CHECK: %[[M:.*]] = "lb.matmul"(%[[N]], %[[W]])
// CHECK: %[[MB:.*]] = "lb.add"(%[[M]], %[[B]])
// CHECK: %[[Y:.*]] = "lb.add"(%[[XR]], %[[MB]])
// CHECK: %[[BACK:.*]] = "lb.hadamard"(%[[Y]]) {block_size = 4 : i64}
// CHECK: return %[[BACK]]
// random signs s: Q = diag(s) H, x Q = (x s) H, and back x' Q^T = (x' H) s
// RAND-LABEL: func.func @block
// RAND: %[[S:.*]] = "lb.mul"(%arg0, %{{.*}})
// RAND: %[[XR:.*]] = "lb.hadamard"(%[[S]])
// RAND: "lb.rms_norm"
// RAND: %[[H:.*]] = "lb.hadamard"(%{{.*}})
// RAND: %[[BACK:.*]] = "lb.mul"(%[[H]], %{{.*}})
// RAND: return %[[BACK]]
func.func @block(%x: tensor<2x4xf32>) -> tensor<2x4xf32> {
  %one = "lb.constant"() {value = dense<1.0> : tensor<4xf32>} : () -> tensor<4xf32>
  %w = "lb.constant"() {value = dense<[[1.0, 0.0, 2.0, 0.0], [0.0, 1.0, 0.0, 0.0], [0.0, 0.0, 1.0, -1.0], [0.5, 0.0, 0.0, 1.0]]> : tensor<4x4xf32>} : () -> tensor<4x4xf32>
  %b = "lb.constant"() {value = dense<[0.1, 0.2, 0.3, 0.4]> : tensor<4xf32>} : () -> tensor<4xf32>
  %n = "lb.layer_norm"(%x, %one) {axis = 1 : i64, epsilon = 1.0e-5 : f32} : (tensor<2x4xf32>, tensor<4xf32>) -> tensor<2x4xf32>
  %m = "lb.matmul"(%n, %w) : (tensor<2x4xf32>, tensor<4x4xf32>) -> tensor<2x4xf32>
  %mb = "lb.add"(%m, %b) : (tensor<2x4xf32>, tensor<4xf32>) -> tensor<2x4xf32>
  %y = "lb.add"(%x, %mb) : (tensor<2x4xf32>, tensor<2x4xf32>) -> tensor<2x4xf32>
  return %y : tensor<2x4xf32>
}

// -----

// The stream need not start at a graph input: here an embedding lookup plus the input (a positional term) feeds the
// first LayerNorm. The table's rows are rotated offline (a new constant, gather unchanged), the input online.
// CHECK-LABEL: func.func @embedding
// (row 0: [2, 0, 0, 0] H / 2 = [1, 1, 1, 1]; row 1: [0, 2, 0, 0] -> [1, -1, 1, -1])
// CHECK-DAG: %[[T:.*]] = "lb.constant"() {value = dense<{{\[\[}}1.000000e+00, 1.000000e+00, 1.000000e+00, 1.000000e+00], [1.000000e+00, -1.000000e+00, 1.000000e+00, -1.000000e+00], {{.*}} : tensor<5x4xf32>}
// CHECK-DAG: %[[XR:.*]] = "lb.hadamard"(%arg0) {block_size = 4 : i64}
// CHECK: %[[E:.*]] = "lb.gather"(%[[T]], %{{.*}}) {axis = 0 : i64}
// CHECK: "lb.add"(%[[E]], %[[XR]])
// CHECK: "lb.rms_norm"
// RAND-LABEL: func.func @embedding
func.func @embedding(%x: tensor<2x3x4xf32>) -> tensor<2x3x4xf32> {
  %table = "lb.constant"() {value = dense<[[2.0, 0.0, 0.0, 0.0], [0.0, 2.0, 0.0, 0.0], [1.0, 1.0, 1.0, 1.0], [0.5, -0.5, 0.5, -0.5], [0.0, 0.0, 3.0, 1.0]]> : tensor<5x4xf32>} : () -> tensor<5x4xf32>
  %ids = "lb.constant"() {value = dense<[[0, 2, 4], [1, 3, 0]]> : tensor<2x3xi64>} : () -> tensor<2x3xi64>
  %one = "lb.constant"() {value = dense<1.0> : tensor<4xf32>} : () -> tensor<4xf32>
  %w = "lb.constant"() {value = dense<[[1.0, 0.0, 2.0, 0.0], [0.0, 1.0, 0.0, 0.0], [0.0, 0.0, 1.0, -1.0], [0.5, 0.0, 0.0, 1.0]]> : tensor<4x4xf32>} : () -> tensor<4x4xf32>
  %e = "lb.gather"(%table, %ids) {axis = 0 : i64} : (tensor<5x4xf32>, tensor<2x3xi64>) -> tensor<2x3x4xf32>
  %h = "lb.add"(%e, %x) : (tensor<2x3x4xf32>, tensor<2x3x4xf32>) -> tensor<2x3x4xf32>
  %n = "lb.layer_norm"(%h, %one) {axis = 2 : i64, epsilon = 1.0e-5 : f32} : (tensor<2x3x4xf32>, tensor<4xf32>) -> tensor<2x3x4xf32>
  %m = "lb.matmul"(%n, %w) : (tensor<2x3x4xf32>, tensor<4x4xf32>) -> tensor<2x3x4xf32>
  %y = "lb.add"(%h, %m) : (tensor<2x3x4xf32>, tensor<2x3x4xf32>) -> tensor<2x3x4xf32>
  return %y : tensor<2x3x4xf32>
}

// -----

// A symbolic last dim: the online transform is built (block from the weight's K), checked when the dim is bound.
// CHECK-LABEL: func.func @dynamic
// CHECK: %[[S:.*]] = "lb.mul"(%arg0, %{{.*}}) : (tensor<?x?xf32>, tensor<8xf32>) -> tensor<?x8xf32>
// CHECK: "lb.hadamard"(%[[S]]) {block_size = 8 : i64} : (tensor<?x8xf32>) -> tensor<?x8xf32>
// RAND-LABEL: func.func @dynamic
func.func @dynamic(%x: tensor<?x?xf32>) -> tensor<?x8xf32> {
  %w = "lb.constant"() {value = dense<0.125> : tensor<8x8xf32>} : () -> tensor<8x8xf32>
  %y = "lb.matmul"(%x, %w) : (tensor<?x?xf32>, tensor<8x8xf32>) -> tensor<?x8xf32>
  return %y : tensor<?x8xf32>
}

// -----

// A linear layer the stream does not reach (after a GELU) gets an online transform of its input, x S H with seeded
// random signs S (a plain H would gather the input's mean into one coefficient), and H S W; one whose width has no
// power-of-2 factor above 1 (K = 3) is left alone; online=0 turns this off.
// CHECK-LABEL: func.func @online
// CHECK: %[[SG:.*]] = "lb.constant"() {value = dense<[{{-?1.000000e\+00, -?1.000000e\+00, -?1.000000e\+00, -?1.000000e\+00, -?1.000000e\+00, -?1.000000e\+00}}]> : tensor<6xf32>}
// CHECK: %[[S:.*]] = "lb.mul"(%{{.*}}, %[[SG]]) : (tensor<2x6xf32>, tensor<6xf32>)
// CHECK: %[[H:.*]] = "lb.hadamard"(%[[S]]) {block_size = 2 : i64} : (tensor<2x6xf32>)
// CHECK: "lb.matmul"(%[[H]], %{{.*}})
// CHECK-NOT: "lb.hadamard"
// RAND-LABEL: func.func @online
// OFF-LABEL: func.func @online
// OFF-NOT: "lb.hadamard"
// OFF-LABEL: func.func @unfolded
func.func @online(%x: tensor<2x6xf32>, %z: tensor<2x3xf32>) -> (tensor<2x2xf32>, tensor<2x2xf32>) {
  %w = "lb.constant"() {value = dense<0.5> : tensor<6x2xf32>} : () -> tensor<6x2xf32>
  %v = "lb.constant"() {value = dense<0.5> : tensor<3x2xf32>} : () -> tensor<3x2xf32>
  %g = "lb.gelu"(%x) {approximate = 0 : i64} : (tensor<2x6xf32>) -> tensor<2x6xf32>
  %y = "lb.matmul"(%g, %w) : (tensor<2x6xf32>, tensor<6x2xf32>) -> tensor<2x2xf32>
  %y2 = "lb.matmul"(%z, %v) : (tensor<2x3xf32>, tensor<3x2xf32>) -> tensor<2x2xf32>
  return %y, %y2 : tensor<2x2xf32>, tensor<2x2xf32>
}

// -----

// A LayerNorm that still has its gain (no lb-fold-norm before) does not commute with a rotation: no stream is
// rotated (lowbit --rotate folds first), only the linear layer's input, online.
// CHECK-LABEL: func.func @unfolded
// CHECK: %[[N:.*]] = "lb.layer_norm"(%arg0,
// CHECK: %[[S:.*]] = "lb.mul"(%[[N]],
// CHECK: %[[H:.*]] = "lb.hadamard"(%[[S]])
// CHECK: %[[M:.*]] = "lb.matmul"(%[[H]],
// CHECK: "lb.add"(%arg0, %[[M]])
func.func @unfolded(%x: tensor<2x4xf32>) -> tensor<2x4xf32> {
  %g = "lb.constant"() {value = dense<[1.0, 2.0, 3.0, 4.0]> : tensor<4xf32>} : () -> tensor<4xf32>
  %w = "lb.constant"() {value = dense<0.25> : tensor<4x4xf32>} : () -> tensor<4x4xf32>
  %n = "lb.layer_norm"(%x, %g) {axis = 1 : i64, epsilon = 1.0e-5 : f32} : (tensor<2x4xf32>, tensor<4xf32>) -> tensor<2x4xf32>
  %m = "lb.matmul"(%n, %w) : (tensor<2x4xf32>, tensor<4x4xf32>) -> tensor<2x4xf32>
  %y = "lb.add"(%x, %m) : (tensor<2x4xf32>, tensor<2x4xf32>) -> tensor<2x4xf32>
  return %y : tensor<2x4xf32>
}

// NUM: block hadamard: {{[0-9.]+e[-+][0-9]+}}
// NUM: block random-hadamard:3: {{[0-9.]+e[-+][0-9]+}}
// NUM: block file: {{[0-9.]+e[-+][0-9]+}}
// NUM: embedding hadamard: {{[0-9.]+e[-+][0-9]+}}
// NUM: online hadamard: {{[0-9.]+e[-+][0-9]+}}
// NUM: unfolded hadamard: {{[0-9.]+e[-+][0-9]+}}
// NUM: error: {{.*}}not_orthogonal.npy: the rotation is not orthogonal: (Q Q^T)[{{[0-9]+}}][{{[0-9]+}}] is off by
// NUM: error: {{.*}}wrong_size.npy: the model has no residual stream of width 8 (values read by a LayerNorm or RMSNorm) to rotate
// NUM: error: {{.*}}rotation must be hadamard, random-hadamard[:SEED] or a .npy file, got 'walsh'
// NUM: error: {{.*}}bad seed in rotation 'random-hadamard:x'
