// RUN: lowbit-opt %s --split-input-file --lb-pack-layout | FileCheck %s
// The packed kernels (also with the requantize fused into their store) compute the same values as the reference
// kernels (and numpy), for every 8-bit type pair, and with int8 weights whose codes fit 4, 3 and 2 bits (stored packed; convolutions 4-bit):
// RUN: %python %S/Inputs/pack_layout_oracle.py --lowbit lowbit --work %t | FileCheck --check-prefix=ORACLE %s
// ORACLE: pack-layout oracle: 32 matmuls, 48 convolutions, 78 requantized; packed == reference == numpy

// A constant [K, N] = [3, 2] weight becomes its [N, K] transpose; everything else is unchanged.
// CHECK-LABEL: func.func @packed
func.func @packed(%a: tensor<4x3xi8>) -> tensor<4x2xi32> {
  %w = "lb.constant"() {value = dense<[[1, 2], [3, 4], [5, 6]]> : tensor<3x2xi8>} : () -> tensor<3x2xi8>
  %az = "lb.constant"() {value = dense<-3> : tensor<1xi8>} : () -> tensor<1xi8>
  %bz = "lb.constant"() {value = dense<0> : tensor<2xi8>} : () -> tensor<2xi8>
  %bias = "lb.constant"() {value = dense<[10, -10]> : tensor<2xi32>} : () -> tensor<2xi32>
  // CHECK: %[[P:.*]] = "lb.constant"() {value = dense<{{\[\[}}1, 3, 5], [2, 4, 6]]> : tensor<2x3xi8>}
  // CHECK: %[[Y:.*]] = "lb.qmatmul"(%arg0, %[[P]], %{{.*}}, %{{.*}}, %{{.*}}) {b_layout = "nk"} : (tensor<4x3xi8>, tensor<2x3xi8>, tensor<1xi8>, tensor<2xi8>, tensor<2xi32>) -> tensor<4x2xi32>
  // CHECK: return %[[Y]]
  %y = "lb.qmatmul"(%a, %w, %az, %bz, %bias) : (tensor<4x3xi8>, tensor<3x2xi8>, tensor<1xi8>, tensor<2xi8>, tensor<2xi32>) -> tensor<4x2xi32>
  return %y : tensor<4x2xi32>
}

// -----

// Not packed: a weight that is not a constant, a zero point per row of a, an int64 accumulator.
// CHECK-LABEL: func.func @unpacked
func.func @unpacked(%a: tensor<4x3xui8>, %w: tensor<3x2xi8>) -> (tensor<4x2xi32>, tensor<4x2xi32>, tensor<4x2xi64>) {
  %c = "lb.constant"() {value = dense<[[1, 2], [3, 4], [5, 6]]> : tensor<3x2xi8>} : () -> tensor<3x2xi8>
  %az = "lb.constant"() {value = dense<7> : tensor<1xui8>} : () -> tensor<1xui8>
  %rows = "lb.constant"() {value = dense<[0, 1, 2, 3]> : tensor<4xui8>} : () -> tensor<4xui8>
  %bz = "lb.constant"() {value = dense<0> : tensor<1xi8>} : () -> tensor<1xi8>
  // CHECK-NOT: b_layout
  %y0 = "lb.qmatmul"(%a, %w, %az, %bz) : (tensor<4x3xui8>, tensor<3x2xi8>, tensor<1xui8>, tensor<1xi8>) -> tensor<4x2xi32>
  %y1 = "lb.qmatmul"(%a, %c, %rows, %bz) : (tensor<4x3xui8>, tensor<3x2xi8>, tensor<4xui8>, tensor<1xi8>) -> tensor<4x2xi32>
  %y2 = "lb.qmatmul"(%a, %c, %az, %bz) : (tensor<4x3xui8>, tensor<3x2xi8>, tensor<1xui8>, tensor<1xi8>) -> tensor<4x2xi64>
  return %y0, %y1, %y2 : tensor<4x2xi32>, tensor<4x2xi32>, tensor<4x2xi64>
}

// -----

// A conv with a constant weight and input zero point runs as an implicit GEMM; the weight is not moved (OIHW already
// has each output channel's taps contiguous).
// CHECK-LABEL: func.func @conv_gemm
func.func @conv_gemm(%x: tensor<1x2x5x5xi8>) -> tensor<1x3x5x5xi32> {
  %w = "lb.constant"() {value = dense<1> : tensor<3x2x3x3xi8>} : () -> tensor<3x2x3x3xi8>
  %xz = "lb.constant"() {value = dense<-4> : tensor<1xi8>} : () -> tensor<1xi8>
  %wz = "lb.constant"() {value = dense<0> : tensor<3xi8>} : () -> tensor<3xi8>
  // CHECK: %[[W:.*]] = "lb.constant"() {value = dense<1> : tensor<3x2x3x3xi8>}
  // CHECK: "lb.qconv2d"(%arg0, %[[W]], %{{.*}}, %{{.*}}) {algorithm = "gemm", dilations
  %y = "lb.qconv2d"(%x, %w, %xz, %wz) {strides = array<i64: 1, 1>, pads = array<i64: 1, 1, 1, 1>, dilations = array<i64: 1, 1>, group = 1 : i64} : (tensor<1x2x5x5xi8>, tensor<3x2x3x3xi8>, tensor<1xi8>, tensor<3xi8>) -> tensor<1x3x5x5xi32>
  return %y : tensor<1x3x5x5xi32>
}

// -----

// Direct: the weight is a graph input; the input zero point is computed; an int64 accumulator.
// CHECK-LABEL: func.func @conv_direct
func.func @conv_direct(%x: tensor<1x2x5x5xi8>, %v: tensor<3x2x3x3xi8>, %xzv: tensor<1xi8>) -> (tensor<1x3x5x5xi32>, tensor<1x3x5x5xi32>, tensor<1x3x5x5xi64>) {
  %w = "lb.constant"() {value = dense<1> : tensor<3x2x3x3xi8>} : () -> tensor<3x2x3x3xi8>
  %xz = "lb.constant"() {value = dense<-4> : tensor<1xi8>} : () -> tensor<1xi8>
  %wz = "lb.constant"() {value = dense<0> : tensor<3xi8>} : () -> tensor<3xi8>
  // CHECK-NOT: algorithm
  %y0 = "lb.qconv2d"(%x, %v, %xz, %wz) {strides = array<i64: 1, 1>, pads = array<i64: 1, 1, 1, 1>, dilations = array<i64: 1, 1>, group = 1 : i64} : (tensor<1x2x5x5xi8>, tensor<3x2x3x3xi8>, tensor<1xi8>, tensor<3xi8>) -> tensor<1x3x5x5xi32>
  %y1 = "lb.qconv2d"(%x, %w, %xzv, %wz) {strides = array<i64: 1, 1>, pads = array<i64: 1, 1, 1, 1>, dilations = array<i64: 1, 1>, group = 1 : i64} : (tensor<1x2x5x5xi8>, tensor<3x2x3x3xi8>, tensor<1xi8>, tensor<3xi8>) -> tensor<1x3x5x5xi32>
  %y2 = "lb.qconv2d"(%x, %w, %xz, %wz) {strides = array<i64: 1, 1>, pads = array<i64: 1, 1, 1, 1>, dilations = array<i64: 1, 1>, group = 1 : i64} : (tensor<1x2x5x5xi8>, tensor<3x2x3x3xi8>, tensor<1xi8>, tensor<3xi8>) -> tensor<1x3x5x5xi64>
  return %y0, %y1, %y2 : tensor<1x3x5x5xi32>, tensor<1x3x5x5xi32>, tensor<1x3x5x5xi64>
}
