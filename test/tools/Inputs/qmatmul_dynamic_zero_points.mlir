func.func @f(%a: tensor<?x8xui8>, %b: tensor<8x3xui8>, %az: tensor<?xui8>) -> tensor<?x3xi32> {
  %bz = "lb.constant"() {value = dense<[1, 200, 64]> : tensor<3xui8>} : () -> tensor<3xui8>
  %y = "lb.qmatmul"(%a, %b, %az, %bz) : (tensor<?x8xui8>, tensor<8x3xui8>, tensor<?xui8>, tensor<3xui8>) -> tensor<?x3xi32>
  return %y : tensor<?x3xi32>
}
