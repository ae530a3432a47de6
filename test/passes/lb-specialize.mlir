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
