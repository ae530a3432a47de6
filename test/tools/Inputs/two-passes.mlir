// Input for lowbit-opt.test: a conv2d with a 72-element weight (elided when printed with --elide-resources) followed by a batchnorm.
func.func @f(%x: tensor<?x1x3x3xf32>) -> tensor<?x8x3x3xf32> {
  %w = "lb.constant"() {value = dense<[[[[-1.0000, -0.9718, -0.9437], [-0.9155, -0.8873, -0.8592], [-0.8310, -0.8028, -0.7746]]], [[[-0.7465, -0.7183, -0.6901], [-0.6620, -0.6338, -0.6056], [-0.5775, -0.5493, -0.5211]]], [[[-0.4930, -0.4648, -0.4366], [-0.4085, -0.3803, -0.3521], [-0.3239, -0.2958, -0.2676]]], [[[-0.2394, -0.2113, -0.1831], [-0.1549, -0.1268, -0.0986], [-0.0704, -0.0423, -0.0141]]], [[[0.0141, 0.0423, 0.0704], [0.0986, 0.1268, 0.1549], [0.1831, 0.2113, 0.2394]]], [[[0.2676, 0.2958, 0.3239], [0.3521, 0.3803, 0.4085], [0.4366, 0.4648, 0.4930]]], [[[0.5211, 0.5493, 0.5775], [0.6056, 0.6338, 0.6620], [0.6901, 0.7183, 0.7465]]], [[[0.7746, 0.8028, 0.8310], [0.8592, 0.8873, 0.9155], [0.9437, 0.9718, 1.0000]]]]> : tensor<8x1x3x3xf32>} : () -> tensor<8x1x3x3xf32>
  %c = "lb.conv2d"(%x, %w) {strides = array<i64: 1, 1>, pads = array<i64: 1, 1, 1, 1>, dilations = array<i64: 1, 1>, group = 1 : i64} : (tensor<?x1x3x3xf32>, tensor<8x1x3x3xf32>) -> tensor<?x8x3x3xf32>
  %s = "lb.constant"() {value = dense<2.0> : tensor<8xf32>} : () -> tensor<8xf32>
  %y = "lb.batchnorm"(%c, %s, %s, %s, %s) {epsilon = 1.0e-5 : f32} : (tensor<?x8x3x3xf32>, tensor<8xf32>, tensor<8xf32>, tensor<8xf32>, tensor<8xf32>) -> tensor<?x8x3x3xf32>
  return %y : tensor<?x8x3x3xf32>
}
