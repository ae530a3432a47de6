func.func @f(%x: tensor<1x2x3x3xf32>) -> tensor<1x2x6x6xf32> {
  %y = "lb.resize_nearest"(%x) {scale_h = 2.0 : f32, scale_w = 2.0 : f32, nearest_mode = "nearest_even"} : (tensor<1x2x3x3xf32>) -> tensor<1x2x6x6xf32>
  return %y : tensor<1x2x6x6xf32>
}
