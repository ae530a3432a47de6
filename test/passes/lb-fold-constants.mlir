// RUN: lowbit-opt %s --split-input-file --lb-fold-constants | FileCheck %s

// A quantizer applied to a float weight becomes an integer constant; the
// dequantize that gives the weight its scale stays.
// CHECK-LABEL: func.func @fake_quant_weight
// CHECK: "lb.constant"() {value = dense<[-2, -1, 0, 0, 7]> : tensor<5xi4>}
// CHECK-NOT: lb.quantize
// CHECK: "lb.dequantize"
func.func @fake_quant_weight() -> tensor<5xf32> {
  %w = "lb.constant"() {value = dense<[-0.9, -0.3, 0.1, 0.35, 9.0]> : tensor<5xf32>} : () -> tensor<5xf32>
  %s = "lb.constant"() {value = dense<0.5> : tensor<1xf32>} : () -> tensor<1xf32>
  %z = "lb.constant"() {value = dense<0> : tensor<1xi4>} : () -> tensor<1xi4>
  %q = "lb.quantize"(%w, %s, %z) {axis = -1 : i64, rounding = "floor"} : (tensor<5xf32>, tensor<1xf32>, tensor<1xi4>) -> tensor<5xi4>
  %d = "lb.dequantize"(%q, %s, %z) {axis = -1 : i64} : (tensor<5xi4>, tensor<1xf32>, tensor<1xi4>) -> tensor<5xf32>
  return %d : tensor<5xf32>
}

// -----

// Chains fold to one constant; anything reading a graph input stays.
// CHECK-LABEL: func.func @chain
// CHECK: "lb.constant"() {value = dense<[3.000000e+00, 8.000000e+00]> : tensor<2xf32>}
// CHECK-NEXT: "lb.add"(%arg0,
func.func @chain(%x: tensor<2xf32>) -> tensor<2xf32> {
  %a = "lb.constant"() {value = dense<[1.0, 2.0]> : tensor<2xf32>} : () -> tensor<2xf32>
  %b = "lb.mul"(%a, %a) : (tensor<2xf32>, tensor<2xf32>) -> tensor<2xf32>
  %c = "lb.add"(%b, %a) : (tensor<2xf32>, tensor<2xf32>) -> tensor<2xf32>
  %d = "lb.sub"(%c, %a) : (tensor<2xf32>, tensor<2xf32>) -> tensor<2xf32>
  %e = "lb.add"(%d, %a) : (tensor<2xf32>, tensor<2xf32>) -> tensor<2xf32>
  %f = "lb.add"(%e, %a) : (tensor<2xf32>, tensor<2xf32>) -> tensor<2xf32>
  %y = "lb.add"(%x, %f) : (tensor<2xf32>, tensor<2xf32>) -> tensor<2xf32>
  return %y : tensor<2xf32>
}
