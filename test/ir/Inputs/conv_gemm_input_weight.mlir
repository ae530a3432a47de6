func.func @main(%x: tensor<1x2x5x5xi8>, %w: tensor<3x2x3x3xi8>) -> tensor<1x3x5x5xi32> {
  %xz = "lb.constant"() {value = dense<-4> : tensor<1xi8>} : () -> tensor<1xi8>
  %wz = "lb.constant"() {value = dense<0> : tensor<3xi8>} : () -> tensor<3xi8>
  %y = "lb.qconv2d"(%x, %w, %xz, %wz) {algorithm = "gemm", strides = array<i64: 1, 1>, pads = array<i64: 1, 1, 1, 1>, dilations = array<i64: 1, 1>, group = 1 : i64} : (tensor<1x2x5x5xi8>, tensor<3x2x3x3xi8>, tensor<1xi8>, tensor<3xi8>) -> tensor<1x3x5x5xi32>
  return %y : tensor<1x3x5x5xi32>
}
