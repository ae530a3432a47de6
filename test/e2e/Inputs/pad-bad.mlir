func.func @f(%x: tensor<2x3xi8>) -> tensor<2x5xi8> {
  %y = "lb.pad"(%x) {pads = array<i64: 0, 1, 0, 1>, mode = "constant", value = 3.0 : f32} : (tensor<2x3xi8>) -> tensor<2x5xi8>
  return %y : tensor<2x5xi8>
}
