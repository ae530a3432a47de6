func.func @cast(%x: tensor<8xf32>, %i: tensor<6xi32>) -> (tensor<8xi8>, tensor<8xui8>, tensor<6xi8>, tensor<6xui16>, tensor<6xf32>) attributes {lb.input_names = ["x", "i"], lb.output_names = ["a", "b", "c", "d", "e"]} {
  %a = "lb.cast"(%x) : (tensor<8xf32>) -> tensor<8xi8>
  %b = "lb.cast"(%x) : (tensor<8xf32>) -> tensor<8xui8>
  %c = "lb.cast"(%i) : (tensor<6xi32>) -> tensor<6xi8>
  %d = "lb.cast"(%i) : (tensor<6xi32>) -> tensor<6xui16>
  %e = "lb.cast"(%i) : (tensor<6xi32>) -> tensor<6xf32>
  return %a, %b, %c, %d, %e : tensor<8xi8>, tensor<8xui8>, tensor<6xi8>, tensor<6xui16>, tensor<6xf32>
}
