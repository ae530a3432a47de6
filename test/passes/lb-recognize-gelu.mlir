// RUN: lowbit-opt %s --split-input-file --lb-recognize-gelu | FileCheck %s

// CHECK-LABEL: func.func @erf_gelu
// CHECK-NEXT: "lb.gelu"(%arg0) {approximate = 0 : i64}
// CHECK-NEXT: return
func.func @erf_gelu(%x: tensor<4xf32>) -> tensor<4xf32> {
  %s = "lb.constant"() {value = dense<1.41421354> : tensor<f32>} : () -> tensor<f32>
  %one = "lb.constant"() {value = dense<1.0> : tensor<f32>} : () -> tensor<f32>
  %h = "lb.constant"() {value = dense<0.5> : tensor<f32>} : () -> tensor<f32>
  %a = "lb.div"(%x, %s) : (tensor<4xf32>, tensor<f32>) -> tensor<4xf32>
  %e = "lb.erf"(%a) : (tensor<4xf32>) -> tensor<4xf32>
  %p = "lb.add"(%e, %one) : (tensor<4xf32>, tensor<f32>) -> tensor<4xf32>
  %m = "lb.mul"(%x, %p) : (tensor<4xf32>, tensor<4xf32>) -> tensor<4xf32>
  %y = "lb.mul"(%m, %h) : (tensor<4xf32>, tensor<f32>) -> tensor<4xf32>
  return %y : tensor<4xf32>
}

// -----

// The other association, with x * (1 / sqrt 2).
// CHECK-LABEL: func.func @half_first
// CHECK: "lb.gelu"
// CHECK-NOT: lb.erf
func.func @half_first(%x: tensor<4xf32>) -> tensor<4xf32> {
  %s = "lb.constant"() {value = dense<0.707106769> : tensor<f32>} : () -> tensor<f32>
  %one = "lb.constant"() {value = dense<1.0> : tensor<f32>} : () -> tensor<f32>
  %h = "lb.constant"() {value = dense<0.5> : tensor<f32>} : () -> tensor<f32>
  %a = "lb.mul"(%x, %s) : (tensor<4xf32>, tensor<f32>) -> tensor<4xf32>
  %e = "lb.erf"(%a) : (tensor<4xf32>) -> tensor<4xf32>
  %p = "lb.add"(%one, %e) : (tensor<f32>, tensor<4xf32>) -> tensor<4xf32>
  %hx = "lb.mul"(%h, %x) : (tensor<f32>, tensor<4xf32>) -> tensor<4xf32>
  %y = "lb.mul"(%hx, %p) : (tensor<4xf32>, tensor<4xf32>) -> tensor<4xf32>
  return %y : tensor<4xf32>
}

// -----

// 1 + erf used elsewhere: not rewritten.
// CHECK-LABEL: func.func @shared
// CHECK-NOT: lb.gelu
func.func @shared(%x: tensor<4xf32>) -> (tensor<4xf32>, tensor<4xf32>) {
  %s = "lb.constant"() {value = dense<1.41421354> : tensor<f32>} : () -> tensor<f32>
  %one = "lb.constant"() {value = dense<1.0> : tensor<f32>} : () -> tensor<f32>
  %h = "lb.constant"() {value = dense<0.5> : tensor<f32>} : () -> tensor<f32>
  %a = "lb.div"(%x, %s) : (tensor<4xf32>, tensor<f32>) -> tensor<4xf32>
  %e = "lb.erf"(%a) : (tensor<4xf32>) -> tensor<4xf32>
  %p = "lb.add"(%e, %one) : (tensor<4xf32>, tensor<f32>) -> tensor<4xf32>
  %m = "lb.mul"(%x, %p) : (tensor<4xf32>, tensor<4xf32>) -> tensor<4xf32>
  %y = "lb.mul"(%m, %h) : (tensor<4xf32>, tensor<f32>) -> tensor<4xf32>
  return %y, %p : tensor<4xf32>, tensor<4xf32>
}
