// RUN: lowbit-opt %s --split-input-file --lb-recognize-fake-quant | FileCheck %s

// The expanded 3-bit signed narrow quantizer of a weight: [-3, 3] fits i3.
// CHECK-LABEL: func.func @expanded
// CHECK: "lb.quantize"(%{{.*}}, %{{.*}}, %{{.*}}) {axis = -1 : i64} : (tensor<4xf32>, tensor<1xf32>, tensor<1xi3>) -> tensor<4xi3>
// CHECK: "lb.clamp"(%{{.*}}) {max = 3 : i64, min = -3 : i64}
// CHECK: "lb.dequantize"
// CHECK-NOT: lb.round
func.func @expanded(%x: tensor<4xf32>) -> tensor<4xf32> {
  %s = "lb.constant"() {value = dense<0.25> : tensor<f32>} : () -> tensor<f32>
  %z = "lb.constant"() {value = dense<0.0> : tensor<f32>} : () -> tensor<f32>
  %a = "lb.div"(%x, %s) : (tensor<4xf32>, tensor<f32>) -> tensor<4xf32>
  %b = "lb.add"(%a, %z) : (tensor<4xf32>, tensor<f32>) -> tensor<4xf32>
  %r = "lb.round"(%b) : (tensor<4xf32>) -> tensor<4xf32>
  %c = "lb.clip"(%r) {min = -3.0 : f32, max = 3.0 : f32} : (tensor<4xf32>) -> tensor<4xf32>
  %d = "lb.sub"(%c, %z) : (tensor<4xf32>, tensor<f32>) -> tensor<4xf32>
  %y = "lb.mul"(%d, %s) : (tensor<4xf32>, tensor<f32>) -> tensor<4xf32>
  return %y : tensor<4xf32>
}

// -----

// Without zero point, unsigned 8 bits: ui8 and no clamp.
// CHECK-LABEL: func.func @unsigned
// CHECK: "lb.quantize"{{.*}} -> tensor<4xui8>
// CHECK-NOT: lb.clamp
// CHECK: "lb.dequantize"
func.func @unsigned(%x: tensor<4xf32>) -> tensor<4xf32> {
  %s = "lb.constant"() {value = dense<0.5> : tensor<1xf32>} : () -> tensor<1xf32>
  %a = "lb.div"(%x, %s) : (tensor<4xf32>, tensor<1xf32>) -> tensor<4xf32>
  %r = "lb.round"(%a) : (tensor<4xf32>) -> tensor<4xf32>
  %c = "lb.clip"(%r) {min = 0.0 : f32, max = 255.0 : f32} : (tensor<4xf32>) -> tensor<4xf32>
  %y = "lb.mul"(%s, %c) : (tensor<1xf32>, tensor<4xf32>) -> tensor<4xf32>
  return %y : tensor<4xf32>
}

// -----

// Different scales for the division and the multiplication: not a quantizer.
// CHECK-LABEL: func.func @not_a_quantizer
// CHECK-NOT: lb.quantize
func.func @not_a_quantizer(%x: tensor<4xf32>) -> tensor<4xf32> {
  %s = "lb.constant"() {value = dense<0.5> : tensor<1xf32>} : () -> tensor<1xf32>
  %t = "lb.constant"() {value = dense<0.25> : tensor<1xf32>} : () -> tensor<1xf32>
  %a = "lb.div"(%x, %s) : (tensor<4xf32>, tensor<1xf32>) -> tensor<4xf32>
  %r = "lb.round"(%a) : (tensor<4xf32>) -> tensor<4xf32>
  %c = "lb.clip"(%r) {min = 0.0 : f32, max = 15.0 : f32} : (tensor<4xf32>) -> tensor<4xf32>
  %y = "lb.mul"(%c, %t) : (tensor<4xf32>, tensor<1xf32>) -> tensor<4xf32>
  return %y : tensor<4xf32>
}
