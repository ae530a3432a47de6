// RUN: not lowbit-translate --lb-to-c %s 2>&1 | FileCheck %s
// An i32 integer kernel whose accumulator the weights and zero points let exceed int32 is refused, not emitted.
// CHECK: error: {{.*}}acc-bound.mlir:[[@LINE+5]]:{{[0-9]+}}{{.*}}'lb.qmatmul': the int32 accumulator can reach 2266950000 (from the weights, zero points and bias); the result must be i64
func.func @f(%a: tensor<1x70000xi8>) -> tensor<1x1xi32> {
  %w = "lb.constant"() {value = dense<127> : tensor<70000x1xi8>} : () -> tensor<70000x1xi8>
  %az = "lb.constant"() {value = dense<-128> : tensor<1xi8>} : () -> tensor<1xi8>
  %bz = "lb.constant"() {value = dense<0> : tensor<1xi8>} : () -> tensor<1xi8>
  %y = "lb.qmatmul"(%a, %w, %az, %bz) : (tensor<1x70000xi8>, tensor<70000x1xi8>, tensor<1xi8>, tensor<1xi8>) -> tensor<1x1xi32>
  return %y : tensor<1x1xi32>
}

// RUN: sed 's/xi32>/xi64>/g' %s > %t.wide.mlir
// RUN: lowbit-translate --lb-to-c %t.wide.mlir | FileCheck --check-prefix=WIDE %s
// WIDE: int64_t *out0
// WIDE: lb_k_qmatmul_i8i8_i64(&P,
