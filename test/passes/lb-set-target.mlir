// RUN: lowbit-opt %s --lb-set-target | FileCheck %s
// lb-set-target attaches a verified target description to the module; passes read it from there.
// CHECK: module attributes {lb.target = {{{.*}}isa = "generic"{{.*}}name = "generic-c"{{.*}}weight_bits = array<i64: 2, 3, 4, 5, 6, 7, 8>}}

// A target without 8-bit support makes lb-quantize refuse W8A8.
// RUN: echo '{name = "tiny4", kind = "cpu", isa = "generic", weight_bits = array<i64: 4>, act_bits = array<i64: 4>}' > %t.tiny4.mlir
// RUN: not lowbit-opt %s --lb-set-target=target=%t.tiny4.mlir --lb-quantize 2>&1 | FileCheck --check-prefix=NARROW %s
// NARROW: error: lb-quantize: target 'tiny4' does not support 8-bit weights and 8-bit activations
// RUN: not lowbit-opt %s --lb-set-target=target=no-such-target 2>&1 | FileCheck --check-prefix=UNKNOWN %s
// UNKNOWN: error: lb-set-target: unknown target 'no-such-target' (built-in targets: aarch64-dotprod, alveo-u250, generic-c, native, riscv64-rvv, x86-64-avx2, x86-64-avx512-vnni, zynq-7020; or give a .mlir file)

func.func @f(%x: tensor<1x2xf32>) -> tensor<1x2xf32> attributes {lb.arg_ranges = array<f32: -1.0, 1.0>} {
  %w = "lb.constant"() {value = dense<1.0> : tensor<2x2xf32>} : () -> tensor<2x2xf32>
  %y = "lb.matmul"(%x, %w) {lb.range = array<f32: -2.0, 2.0>} : (tensor<1x2xf32>, tensor<2x2xf32>) -> tensor<1x2xf32>
  return %y : tensor<1x2xf32>
}
