// RUN: lowbit-opt %s --split-input-file --lb-quantize-elementwise | FileCheck %s
// RUN: lowbit-opt %s --split-input-file --lb-quantize-elementwise --lb-lower-quantized | FileCheck --check-prefix=LOWER %s

// An SE block's gate: hard_swish on 8-bit codes read by a pool and a mul gets an 8-bit output
// (scale from its range [-0.375, 3.0]: 3.375 / 255), so that it becomes a table, and the pool
// and the mul run on codes.
// CHECK-LABEL: func.func @se_gate
// CHECK: %[[H:.*]] = "lb.hard_swish"(%[[XD:[0-9]+]])
// CHECK-DAG: %[[S:.*]] = "lb.constant"() {value = dense<0.0132352943> : tensor<1xf32>}
// CHECK-DAG: %[[Z:.*]] = "lb.constant"() {value = dense<-100> : tensor<1xi8>}
// CHECK: %[[HQ:.*]] = "lb.quantize"(%[[H]], %[[S]], %[[Z]])
// CHECK: %[[HD:.*]] = "lb.dequantize"(%[[HQ]], %[[S]], %[[Z]])
// CHECK: "lb.global_avg_pool"(%[[HD]])
// CHECK: "lb.mul"(%[[HD]], %{{.*}})
// LOWER-LABEL: func.func @se_gate
// LOWER: "lb.lut"
// LOWER: "lb.qavg_pool"
// LOWER: "lb.qmul"
// LOWER-NOT: "lb.hard_swish"
// LOWER-NOT: "lb.global_avg_pool"
// LOWER-NOT: "lb.mul"
func.func @se_gate(%x: tensor<1x2x2x2xi8>) -> (tensor<1x2x2x2xi8>, tensor<1x2x1x1xi8>) {
  %s = "lb.constant"() {value = dense<0.05> : tensor<1xf32>} : () -> tensor<1xf32>
  %z = "lb.constant"() {value = dense<3> : tensor<1xi8>} : () -> tensor<1xi8>
  %xd = "lb.dequantize"(%x, %s, %z) {axis = -1 : i64} : (tensor<1x2x2x2xi8>, tensor<1xf32>, tensor<1xi8>) -> tensor<1x2x2x2xf32>
  %h = "lb.hard_swish"(%xd) {alpha = 0.166666672 : f32, beta = 5.000000e-01 : f32, lb.range = array<f32: -0.375, 3.0>} : (tensor<1x2x2x2xf32>) -> tensor<1x2x2x2xf32>
  %p = "lb.global_avg_pool"(%h) {lb.range = array<f32: -0.2, 2.0>} : (tensor<1x2x2x2xf32>) -> tensor<1x2x1x1xf32>
  %ps = "lb.constant"() {value = dense<0.01> : tensor<1xf32>} : () -> tensor<1xf32>
  %pz = "lb.constant"() {value = dense<-108> : tensor<1xi8>} : () -> tensor<1xi8>
  %pq = "lb.quantize"(%p, %ps, %pz) {axis = -1 : i64} : (tensor<1x2x1x1xf32>, tensor<1xf32>, tensor<1xi8>) -> tensor<1x2x1x1xi8>
  %g = "lb.dequantize"(%pq, %ps, %pz) {axis = -1 : i64} : (tensor<1x2x1x1xi8>, tensor<1xf32>, tensor<1xi8>) -> tensor<1x2x1x1xf32>
  %m = "lb.mul"(%h, %g) {lb.range = array<f32: -0.5, 5.0>} : (tensor<1x2x2x2xf32>, tensor<1x2x1x1xf32>) -> tensor<1x2x2x2xf32>
  %ms = "lb.constant"() {value = dense<0.02> : tensor<1xf32>} : () -> tensor<1xf32>
  %mq = "lb.quantize"(%m, %ms, %z) {axis = -1 : i64} : (tensor<1x2x2x2xf32>, tensor<1xf32>, tensor<1xi8>) -> tensor<1x2x2x2xi8>
  return %mq, %pq : tensor<1x2x2x2xi8>, tensor<1x2x1x1xi8>
}

// -----
// Residual adds in a chain: the first sum, quantized for the next layer, is read by the second add
// through that quantization, so both adds run on codes.
// CHECK-LABEL: func.func @residual_chain
// CHECK: %[[A1:.*]] = "lb.add"
// CHECK: %[[Q1:.*]] = "lb.quantize"(%[[A1]], %[[S1:[0-9]+]], %[[Z1:[0-9]+]])
// CHECK: %[[D1:.*]] = "lb.dequantize"(%[[Q1]], %[[S1]], %[[Z1]])
// CHECK: "lb.add"(%{{.*}}, %[[D1]])
// LOWER-LABEL: func.func @residual_chain
// LOWER-COUNT-2: "lb.qadd"
// LOWER-NOT: "lb.add"
func.func @residual_chain(%a: tensor<4xi8>, %b: tensor<4xi8>, %c: tensor<4xi8>) -> (tensor<4xi8>, tensor<4xi8>) {
  %s = "lb.constant"() {value = dense<0.05> : tensor<1xf32>} : () -> tensor<1xf32>
  %z = "lb.constant"() {value = dense<0> : tensor<1xi8>} : () -> tensor<1xi8>
  %ad = "lb.dequantize"(%a, %s, %z) {axis = -1 : i64} : (tensor<4xi8>, tensor<1xf32>, tensor<1xi8>) -> tensor<4xf32>
  %bd = "lb.dequantize"(%b, %s, %z) {axis = -1 : i64} : (tensor<4xi8>, tensor<1xf32>, tensor<1xi8>) -> tensor<4xf32>
  %cd = "lb.dequantize"(%c, %s, %z) {axis = -1 : i64} : (tensor<4xi8>, tensor<1xf32>, tensor<1xi8>) -> tensor<4xf32>
  %a1 = "lb.add"(%ad, %bd) {lb.range = array<f32: -12.0, 12.0>} : (tensor<4xf32>, tensor<4xf32>) -> tensor<4xf32>
  %s1 = "lb.constant"() {value = dense<0.1> : tensor<1xf32>} : () -> tensor<1xf32>
  %q1 = "lb.quantize"(%a1, %s1, %z) {axis = -1 : i64} : (tensor<4xf32>, tensor<1xf32>, tensor<1xi8>) -> tensor<4xi8>
  %a2 = "lb.add"(%cd, %a1) {lb.range = array<f32: -18.0, 18.0>} : (tensor<4xf32>, tensor<4xf32>) -> tensor<4xf32>
  %s2 = "lb.constant"() {value = dense<0.15> : tensor<1xf32>} : () -> tensor<1xf32>
  %q2 = "lb.quantize"(%a2, %s2, %z) {axis = -1 : i64} : (tensor<4xf32>, tensor<1xf32>, tensor<1xi8>) -> tensor<4xi8>
  return %q1, %q2 : tensor<4xi8>, tensor<4xi8>
}

// -----
// Left alone: an op already read only by a quantize (the table rule takes it as it is), an op
// whose input is float, and a graph output (it stays float).
// CHECK-LABEL: func.func @untouched
// LOWER-LABEL: func.func @untouched
// CHECK-COUNT-1: "lb.quantize"
// CHECK-NOT: "lb.quantize"
// CHECK: return
func.func @untouched(%x: tensor<4xi8>, %f: tensor<4xf32>) -> (tensor<4xi8>, tensor<4xf32>, tensor<4xf32>) {
  %s = "lb.constant"() {value = dense<0.05> : tensor<1xf32>} : () -> tensor<1xf32>
  %z = "lb.constant"() {value = dense<0> : tensor<1xi8>} : () -> tensor<1xi8>
  %xd = "lb.dequantize"(%x, %s, %z) {axis = -1 : i64} : (tensor<4xi8>, tensor<1xf32>, tensor<1xi8>) -> tensor<4xf32>
  %t = "lb.tanh"(%xd) {lb.range = array<f32: -1.0, 1.0>} : (tensor<4xf32>) -> tensor<4xf32>
  %tq = "lb.quantize"(%t, %s, %z) {axis = -1 : i64} : (tensor<4xf32>, tensor<1xf32>, tensor<1xi8>) -> tensor<4xi8>
  %g = "lb.sigmoid"(%f) {lb.range = array<f32: 0.0, 1.0>} : (tensor<4xf32>) -> tensor<4xf32>
  %o = "lb.sigmoid"(%xd) {lb.range = array<f32: 0.0, 1.0>} : (tensor<4xf32>) -> tensor<4xf32>
  return %tq, %g, %o : tensor<4xi8>, tensor<4xf32>, tensor<4xf32>
}

// -----
// A reader placed before the quantize keeps the float value (a dequantize after the quantize would not
// dominate it); only the add after it reads the codes.
// CHECK-LABEL: func.func @reader_before_quantize
// LOWER-LABEL: func.func @reader_before_quantize
// CHECK: %[[A1:.*]] = "lb.add"
// CHECK: "lb.add"(%{{.*}}, %[[A1]])
// CHECK: %[[Q1:.*]] = "lb.quantize"(%[[A1]],
// CHECK: %[[D1:.*]] = "lb.dequantize"(%[[Q1]],
// CHECK: "lb.add"(%{{.*}}, %[[D1]])
func.func @reader_before_quantize(%a: tensor<4xi8>, %b: tensor<4xi8>) -> (tensor<4xf32>, tensor<4xi8>, tensor<4xf32>) {
  %s = "lb.constant"() {value = dense<0.05> : tensor<1xf32>} : () -> tensor<1xf32>
  %z = "lb.constant"() {value = dense<0> : tensor<1xi8>} : () -> tensor<1xi8>
  %ad = "lb.dequantize"(%a, %s, %z) {axis = -1 : i64} : (tensor<4xi8>, tensor<1xf32>, tensor<1xi8>) -> tensor<4xf32>
  %bd = "lb.dequantize"(%b, %s, %z) {axis = -1 : i64} : (tensor<4xi8>, tensor<1xf32>, tensor<1xi8>) -> tensor<4xf32>
  %a1 = "lb.add"(%ad, %bd) {lb.range = array<f32: -12.0, 12.0>} : (tensor<4xf32>, tensor<4xf32>) -> tensor<4xf32>
  %early = "lb.add"(%bd, %a1) {lb.range = array<f32: -18.0, 18.0>} : (tensor<4xf32>, tensor<4xf32>) -> tensor<4xf32>
  %s1 = "lb.constant"() {value = dense<0.1> : tensor<1xf32>} : () -> tensor<1xf32>
  %q1 = "lb.quantize"(%a1, %s1, %z) {axis = -1 : i64} : (tensor<4xf32>, tensor<1xf32>, tensor<1xi8>) -> tensor<4xi8>
  %late = "lb.add"(%ad, %a1) {lb.range = array<f32: -18.0, 18.0>} : (tensor<4xf32>, tensor<4xf32>) -> tensor<4xf32>
  return %early, %q1, %late : tensor<4xf32>, tensor<4xi8>, tensor<4xf32>
}

// -----
// A unary op read by a layer kept in float (--layer NAME=float leaves a float conv2d) keeps its float
// output: that layer must not read codes.
// CHECK-LABEL: func.func @float_layer_reader
// CHECK: %[[H:.*]] = "lb.hard_swish"
// CHECK-NOT: "lb.quantize"
// CHECK: "lb.conv2d"(%[[H]],
func.func @float_layer_reader(%x: tensor<1x1x2x2xi8>) -> tensor<1x1x2x2xf32> {
  %s = "lb.constant"() {value = dense<0.05> : tensor<1xf32>} : () -> tensor<1xf32>
  %z = "lb.constant"() {value = dense<0> : tensor<1xi8>} : () -> tensor<1xi8>
  %xd = "lb.dequantize"(%x, %s, %z) {axis = -1 : i64} : (tensor<1x1x2x2xi8>, tensor<1xf32>, tensor<1xi8>) -> tensor<1x1x2x2xf32>
  %h = "lb.hard_swish"(%xd) {alpha = 0.166666672 : f32, beta = 5.000000e-01 : f32, lb.range = array<f32: -0.375, 3.0>} : (tensor<1x1x2x2xf32>) -> tensor<1x1x2x2xf32>
  %w = "lb.constant"() {value = dense<1.0> : tensor<1x1x1x1xf32>} : () -> tensor<1x1x1x1xf32>
  %y = "lb.conv2d"(%h, %w) {dilations = array<i64: 1, 1>, group = 1 : i64, pads = array<i64: 0, 0, 0, 0>, strides = array<i64: 1, 1>} : (tensor<1x1x2x2xf32>, tensor<1x1x1x1xf32>) -> tensor<1x1x2x2xf32>
  return %y : tensor<1x1x2x2xf32>
}
