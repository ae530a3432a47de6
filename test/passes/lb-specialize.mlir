// RUN: lowbit-opt %s --lb-specialize=batch=8 | FileCheck %s
// Dynamic dims take the given size and every result type is re-inferred.
// RUN: not lowbit-opt %s --lb-specialize=batch=0 2>&1 | FileCheck --check-prefix=ERR %s
// ERR: error: lb-specialize: batch must be positive, got 0

// CHECK-LABEL: func.func @f(%arg0: tensor<8x4xf32>) -> tensor<8x2x2xf32>
func.func @f(%x: tensor<?x4xf32>) -> tensor<?x2x2xf32> {
  // CHECK: "lb.relu"{{.*}} -> tensor<8x4xf32>
  %r = "lb.relu"(%x) : (tensor<?x4xf32>) -> tensor<?x4xf32>
  // CHECK: "lb.reshape"{{.*}} -> tensor<8x2x2xf32>
  %s = "lb.reshape"(%r) {shape = array<i64: 0, 2, -1>} : (tensor<?x4xf32>) -> tensor<?x2x2xf32>
  return %s : tensor<?x2x2xf32>
}

// -----
// shape= fixes every dim of the named input; dims shared by name (lb.dim_params) follow.
// RUN: sed -n '/^func.func @seq/,$p' %s > %t.seq.mlir
// RUN: lowbit-opt %t.seq.mlir --lb-specialize='shape=x=2,7,4' | FileCheck --check-prefix=SHAPE %s
// SHAPE-LABEL: func.func @seq(%arg0: tensor<2x7x4xf32>, %arg1: tensor<2x7xf32>) -> tensor<2x7x4xf32>
func.func @seq(%x: tensor<?x?x4xf32>, %m: tensor<?x?xf32>) -> tensor<?x?x4xf32> attributes {lb.input_names = ["x", "m"], lb.dim_params = [["N", "S", ""], ["N", "S"]]} {
  %r = "lb.relu"(%x) : (tensor<?x?x4xf32>) -> tensor<?x?x4xf32>
  return %r : tensor<?x?x4xf32>
}
