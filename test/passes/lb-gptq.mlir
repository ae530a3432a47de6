// RUN: rm -rf %t && mkdir -p %t
// RUN: %python -c "import numpy as np; r = np.random.default_rng(0); b = r.standard_normal((64, 1)); np.save('%t/c.npy', (b + 0.3 * r.standard_normal((64, 4))).astype(np.float32))"
// RUN: lowbit-opt %s --lb-gptq="data=input0:%t/c.npy bits=2" | FileCheck %s
// GPTQ at 2 bits (codes -1, 0, 1 times max|w| of the column), inputs strongly correlated (a shared component), in
// act order (the inputs of largest E[x^2] first): the rounding errors move onto the inputs not yet rounded, so the
// codes differ from round-to-nearest's ([1, 1, 0, 0] in column 0) and the output error is lower (below). The
// scales are recorded for lb-quantize.
// CHECK: %[[W:.*]] = "lb.constant"() {value = dense<{{\[\[}}0.899999976, -0.000000e+00], [0.000000e+00, 0.000000e+00], [-0.000000e+00, 0.829999983], [0.000000e+00, -0.829999983]]> : tensor<4x2xf32>}
// CHECK: "lb.matmul"(%arg0, %[[W]]) {lb.weight_scales = array<f32: 0.899999976, 0.829999983>}
// The layer's output error on the calibration data is lower than round-to-nearest's:
// RUN: lowbit-opt %s --lb-gptq="data=input0:%t/c.npy bits=2" -o %t/g.mlir
// RUN: lowbit run %s --input input0=%t/c.npy --output %t/y.npy
// RUN: lowbit run %t/g.mlir --input input0=%t/c.npy --output %t/yg.npy
// RUN: %python -c "import numpy as np; x = np.load('%t/c.npy').astype(np.float64); w = np.array([[0.9, -0.31], [0.52, 0.27], [-0.44, 0.83], [0.18, -0.66]]); s = np.abs(w).max(0); wr = np.clip(np.round(w / s), -1, 1) * s; y = np.load('%t/y.npy'); eg = np.linalg.norm(np.load('%t/yg.npy') - y); er = np.linalg.norm(x @ wr - y); assert eg < er, (eg, er); print('gptq %%.3f < round-to-nearest %%.3f' %% (eg / np.linalg.norm(y), er / np.linalg.norm(y)))" | FileCheck --check-prefix=ERR %s
// ERR: gptq {{[0-9.]+}} < round-to-nearest {{[0-9.]+}}
// RUN: not lowbit-opt %s --lb-gptq="bits=4" 2>&1 | FileCheck --check-prefix=BAD %s
// BAD: error: {{.*}}needs data=NAME:FILE.npy
func.func @layer(%x: tensor<?x4xf32>) -> tensor<?x2xf32> {
  %w = "lb.constant"() {value = dense<[[0.9, -0.31], [0.52, 0.27], [-0.44, 0.83], [0.18, -0.66]]> : tensor<4x2xf32>} : () -> tensor<4x2xf32>
  %y = "lb.matmul"(%x, %w) : (tensor<?x4xf32>, tensor<4x2xf32>) -> tensor<?x2xf32>
  return %y : tensor<?x2xf32>
}
