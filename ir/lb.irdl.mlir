// The lb dialect: lowbit's quantization IR, loaded at start-up with
// mlirLoadIRDLDialects. This file is the single source of truth for which
// ops exist (the op list of ir/lb_ir.h is generated from it) and for each
// op's operands, results and required attributes. docs/IR.md gives the
// exact semantics; each op's descriptor under ir/ops/ has the checks IRDL
// cannot express (shapes, element types, attribute values) and its
// lowering to kernels.
//
// IRDL in MLIR 19: every operand needs its own constraint variable, and
// attributes are checked as discardable attributes.
irdl.dialect @lb {
  // A constant tensor; `value` is a dense or dense_resource elements attribute.
  irdl.operation @constant {
    %result = irdl.base "!builtin.tensor"
    %attr_value = irdl.any
    irdl.operands()
    irdl.results(%result)
    irdl.attributes {"value" = %attr_value}
  }
  // Batched matrix product with numpy broadcasting of batch dims (float).
  irdl.operation @matmul {
    %a = irdl.base "!builtin.tensor"
    %b = irdl.base "!builtin.tensor"
    %result = irdl.base "!builtin.tensor"
    irdl.operands(%a, %b)
    irdl.results(%result)
  }
  // Y = alpha * op(A) op(B) + beta * C.
  irdl.operation @gemm {
    %a = irdl.base "!builtin.tensor"
    %b = irdl.base "!builtin.tensor"
    %c = irdl.base "!builtin.tensor"
    %result = irdl.base "!builtin.tensor"
    %attr_alpha = irdl.base "#builtin.float"
    %attr_beta = irdl.base "#builtin.float"
    %attr_trans_a = irdl.base "#builtin.integer"
    %attr_trans_b = irdl.base "#builtin.integer"
    irdl.operands(%a, %b, optional %c)
    irdl.results(%result)
    irdl.attributes {"alpha" = %attr_alpha, "beta" = %attr_beta, "trans_a" = %attr_trans_a, "trans_b" = %attr_trans_b}
  }
  // 2-D convolution, NCHW / OIHW.
  irdl.operation @conv2d {
    %x = irdl.base "!builtin.tensor"
    %w = irdl.base "!builtin.tensor"
    %bias = irdl.base "!builtin.tensor"
    %result = irdl.base "!builtin.tensor"
    %attr_strides = irdl.base "#builtin.dense_array"
    %attr_pads = irdl.base "#builtin.dense_array"
    %attr_dilations = irdl.base "#builtin.dense_array"
    %attr_group = irdl.base "#builtin.integer"
    irdl.operands(%x, %w, optional %bias)
    irdl.results(%result)
    irdl.attributes {"strides" = %attr_strides, "pads" = %attr_pads, "dilations" = %attr_dilations, "group" = %attr_group}
  }
  // Transposed 2-D convolution (ONNX ConvTranspose): x NCHW, w [C, OC/group,
  // KH, KW], optional bias [OC]; every input pixel (h, w) adds x * w to
  // output (h * stride - pad_t + kh * dil, w * stride - pad_l + kw * dil).
  // The output size is stride (H - 1) + output_padding + (KH - 1) dil + 1 -
  // pad_t - pad_b (and the same for W). f32.
  irdl.operation @conv_transpose {
    %x = irdl.base "!builtin.tensor"
    %w = irdl.base "!builtin.tensor"
    %bias = irdl.base "!builtin.tensor"
    %result = irdl.base "!builtin.tensor"
    %attr_strides = irdl.base "#builtin.dense_array"
    %attr_pads = irdl.base "#builtin.dense_array"
    %attr_dilations = irdl.base "#builtin.dense_array"
    %attr_group = irdl.base "#builtin.integer"
    %attr_output_padding = irdl.base "#builtin.dense_array"
    irdl.operands(%x, %w, optional %bias)
    irdl.results(%result)
    irdl.attributes {"strides" = %attr_strides, "pads" = %attr_pads, "dilations" = %attr_dilations, "group" = %attr_group, "output_padding" = %attr_output_padding}
  }
  // Elementwise addition with numpy broadcasting.
  irdl.operation @add {
    %lhs = irdl.base "!builtin.tensor"
    %rhs = irdl.base "!builtin.tensor"
    %result = irdl.base "!builtin.tensor"
    irdl.operands(%lhs, %rhs)
    irdl.results(%result)
  }
  // Elementwise subtraction with numpy broadcasting.
  irdl.operation @sub {
    %lhs = irdl.base "!builtin.tensor"
    %rhs = irdl.base "!builtin.tensor"
    %result = irdl.base "!builtin.tensor"
    irdl.operands(%lhs, %rhs)
    irdl.results(%result)
  }
  // Elementwise multiplication with numpy broadcasting.
  irdl.operation @mul {
    %lhs = irdl.base "!builtin.tensor"
    %rhs = irdl.base "!builtin.tensor"
    %result = irdl.base "!builtin.tensor"
    irdl.operands(%lhs, %rhs)
    irdl.results(%result)
  }
  // Elementwise division with numpy broadcasting.
  irdl.operation @div {
    %lhs = irdl.base "!builtin.tensor"
    %rhs = irdl.base "!builtin.tensor"
    %result = irdl.base "!builtin.tensor"
    irdl.operands(%lhs, %rhs)
    irdl.results(%result)
  }
  // Elementwise minimum with numpy broadcasting (NaN propagates).
  irdl.operation @min {
    %lhs = irdl.base "!builtin.tensor"
    %rhs = irdl.base "!builtin.tensor"
    %result = irdl.base "!builtin.tensor"
    irdl.operands(%lhs, %rhs)
    irdl.results(%result)
  }
  // Elementwise maximum with numpy broadcasting (NaN propagates).
  irdl.operation @max {
    %lhs = irdl.base "!builtin.tensor"
    %rhs = irdl.base "!builtin.tensor"
    %result = irdl.base "!builtin.tensor"
    irdl.operands(%lhs, %rhs)
    irdl.results(%result)
  }
  // Round half to even, in float.
  irdl.operation @round {
    %x = irdl.base "!builtin.tensor"
    %result = irdl.base "!builtin.tensor"
    irdl.operands(%x)
    irdl.results(%result)
  }
  // Sum over `axes` (in row-major input order, float32).
  irdl.operation @reduce_sum {
    %x = irdl.base "!builtin.tensor"
    %result = irdl.base "!builtin.tensor"
    %attr_axes = irdl.base "#builtin.dense_array"
    %attr_keepdims = irdl.base "#builtin.integer"
    irdl.operands(%x)
    irdl.results(%result)
    irdl.attributes {"axes" = %attr_axes, "keepdims" = %attr_keepdims}
  }
  // Mean over `axes`: the sum, then one division by the count.
  irdl.operation @reduce_mean {
    %x = irdl.base "!builtin.tensor"
    %result = irdl.base "!builtin.tensor"
    %attr_axes = irdl.base "#builtin.dense_array"
    %attr_keepdims = irdl.base "#builtin.integer"
    irdl.operands(%x)
    irdl.results(%result)
    irdl.attributes {"axes" = %attr_axes, "keepdims" = %attr_keepdims}
  }
  // Maximum over `axes` (NaN propagates).
  irdl.operation @reduce_max {
    %x = irdl.base "!builtin.tensor"
    %result = irdl.base "!builtin.tensor"
    %attr_axes = irdl.base "#builtin.dense_array"
    %attr_keepdims = irdl.base "#builtin.integer"
    irdl.operands(%x)
    irdl.results(%result)
    irdl.attributes {"axes" = %attr_axes, "keepdims" = %attr_keepdims}
  }
  // Minimum over `axes` (NaN propagates).
  irdl.operation @reduce_min {
    %x = irdl.base "!builtin.tensor"
    %result = irdl.base "!builtin.tensor"
    %attr_axes = irdl.base "#builtin.dense_array"
    %attr_keepdims = irdl.base "#builtin.integer"
    irdl.operands(%x)
    irdl.results(%result)
    irdl.attributes {"axes" = %attr_axes, "keepdims" = %attr_keepdims}
  }
  // The error function.
  irdl.operation @erf {
    %x = irdl.base "!builtin.tensor"
    %result = irdl.base "!builtin.tensor"
    irdl.operands(%x)
    irdl.results(%result)
  }
  // Hyperbolic tangent.
  irdl.operation @tanh {
    %x = irdl.base "!builtin.tensor"
    %result = irdl.base "!builtin.tensor"
    irdl.operands(%x)
    irdl.results(%result)
  }
  // Square root.
  irdl.operation @sqrt {
    %x = irdl.base "!builtin.tensor"
    %result = irdl.base "!builtin.tensor"
    irdl.operands(%x)
    irdl.results(%result)
  }
  // GELU: 0.5 x (1 + erf(x / sqrt 2)); approximate = 1 is the tanh form.
  irdl.operation @gelu {
    %x = irdl.base "!builtin.tensor"
    %result = irdl.base "!builtin.tensor"
    %attr_approximate = irdl.base "#builtin.integer"
    irdl.operands(%x)
    irdl.results(%result)
    irdl.attributes {"approximate" = %attr_approximate}
  }
  // max(0, min(1, alpha * x + beta)) (ONNX HardSigmoid).
  irdl.operation @hard_sigmoid {
    %x = irdl.base "!builtin.tensor"
    %result = irdl.base "!builtin.tensor"
    %attr_alpha = irdl.base "#builtin.float"
    %attr_beta = irdl.base "#builtin.float"
    irdl.operands(%x)
    irdl.results(%result)
    irdl.attributes {"alpha" = %attr_alpha, "beta" = %attr_beta}
  }
  // x * hard_sigmoid(x) (ONNX HardSwish: alpha = 1/6, beta = 0.5).
  irdl.operation @hard_swish {
    %x = irdl.base "!builtin.tensor"
    %result = irdl.base "!builtin.tensor"
    %attr_alpha = irdl.base "#builtin.float"
    %attr_beta = irdl.base "#builtin.float"
    irdl.operands(%x)
    irdl.results(%result)
    irdl.attributes {"alpha" = %attr_alpha, "beta" = %attr_beta}
  }
  // x < 0 ? alpha * (exp(x) - 1) : x.
  irdl.operation @elu {
    %x = irdl.base "!builtin.tensor"
    %result = irdl.base "!builtin.tensor"
    %attr_alpha = irdl.base "#builtin.float"
    irdl.operands(%x)
    irdl.results(%result)
    irdl.attributes {"alpha" = %attr_alpha}
  }
  // gamma * (x > 0 ? x : alpha * exp(x) - alpha).
  irdl.operation @selu {
    %x = irdl.base "!builtin.tensor"
    %result = irdl.base "!builtin.tensor"
    %attr_alpha = irdl.base "#builtin.float"
    %attr_gamma = irdl.base "#builtin.float"
    irdl.operands(%x)
    irdl.results(%result)
    irdl.attributes {"alpha" = %attr_alpha, "gamma" = %attr_gamma}
  }
  // max(0, x) + min(0, alpha * (exp(x / alpha) - 1)).
  irdl.operation @celu {
    %x = irdl.base "!builtin.tensor"
    %result = irdl.base "!builtin.tensor"
    %attr_alpha = irdl.base "#builtin.float"
    irdl.operands(%x)
    irdl.results(%result)
    irdl.attributes {"alpha" = %attr_alpha}
  }
  // x > alpha ? x : 0.
  irdl.operation @thresholded_relu {
    %x = irdl.base "!builtin.tensor"
    %result = irdl.base "!builtin.tensor"
    %attr_alpha = irdl.base "#builtin.float"
    irdl.operands(%x)
    irdl.results(%result)
    irdl.attributes {"alpha" = %attr_alpha}
  }
  // x / (1 + |x|).
  irdl.operation @softsign {
    %x = irdl.base "!builtin.tensor"
    %result = irdl.base "!builtin.tensor"
    irdl.operands(%x)
    irdl.results(%result)
  }
  // x >= 0 ? x : alpha * x.
  irdl.operation @leaky_relu {
    %x = irdl.base "!builtin.tensor"
    %result = irdl.base "!builtin.tensor"
    %attr_alpha = irdl.base "#builtin.float"
    irdl.operands(%x)
    irdl.results(%result)
    irdl.attributes {"alpha" = %attr_alpha}
  }
  // max(x, 0).
  irdl.operation @relu {
    %x = irdl.base "!builtin.tensor"
    %result = irdl.base "!builtin.tensor"
    irdl.operands(%x)
    irdl.results(%result)
  }
  // 1 / (1 + exp(-x)).
  irdl.operation @sigmoid {
    %x = irdl.base "!builtin.tensor"
    %result = irdl.base "!builtin.tensor"
    irdl.operands(%x)
    irdl.results(%result)
  }
  // min(max(x, min), max).
  irdl.operation @clip {
    %x = irdl.base "!builtin.tensor"
    %result = irdl.base "!builtin.tensor"
    %attr_min = irdl.base "#builtin.float"
    %attr_max = irdl.base "#builtin.float"
    irdl.operands(%x)
    irdl.results(%result)
    irdl.attributes {"min" = %attr_min, "max" = %attr_max}
  }
  // 2-D max pooling.
  irdl.operation @max_pool {
    %x = irdl.base "!builtin.tensor"
    %result = irdl.base "!builtin.tensor"
    %attr_kernel = irdl.base "#builtin.dense_array"
    %attr_strides = irdl.base "#builtin.dense_array"
    %attr_pads = irdl.base "#builtin.dense_array"
    %attr_dilations = irdl.base "#builtin.dense_array"
    %attr_ceil_mode = irdl.base "#builtin.integer"
    irdl.operands(%x)
    irdl.results(%result)
    irdl.attributes {"kernel" = %attr_kernel, "strides" = %attr_strides, "pads" = %attr_pads, "dilations" = %attr_dilations, "ceil_mode" = %attr_ceil_mode}
  }
  // 2-D average pooling.
  irdl.operation @avg_pool {
    %x = irdl.base "!builtin.tensor"
    %result = irdl.base "!builtin.tensor"
    %attr_kernel = irdl.base "#builtin.dense_array"
    %attr_strides = irdl.base "#builtin.dense_array"
    %attr_pads = irdl.base "#builtin.dense_array"
    %attr_ceil_mode = irdl.base "#builtin.integer"
    %attr_count_include_pad = irdl.base "#builtin.integer"
    irdl.operands(%x)
    irdl.results(%result)
    irdl.attributes {"kernel" = %attr_kernel, "strides" = %attr_strides, "pads" = %attr_pads, "ceil_mode" = %attr_ceil_mode, "count_include_pad" = %attr_count_include_pad}
  }
  // 2-D average pooling of 8-bit integers (QLinearAveragePool, QDQ AveragePool and
  // GlobalAveragePool): per window acc = sum(x - x_zero_point) over the taps inside
  // the input (int32), n its count (with count_include_pad, the taps inside the padded
  // input), y = sat(rne(f32(acc) * f32(x_scale / f32(y_scale * n))) + y_zero_point).
  irdl.operation @qavg_pool {
    %x = irdl.base "!builtin.tensor"
    %result = irdl.base "!builtin.tensor"
    %attr_kernel = irdl.base "#builtin.dense_array"
    %attr_strides = irdl.base "#builtin.dense_array"
    %attr_pads = irdl.base "#builtin.dense_array"
    %attr_ceil_mode = irdl.base "#builtin.integer"
    %attr_count_include_pad = irdl.base "#builtin.integer"
    %attr_x_zero_point = irdl.base "#builtin.integer"
    %attr_y_zero_point = irdl.base "#builtin.integer"
    %attr_x_scale = irdl.base "#builtin.float"
    %attr_y_scale = irdl.base "#builtin.float"
    irdl.operands(%x)
    irdl.results(%result)
    irdl.attributes {"kernel" = %attr_kernel, "strides" = %attr_strides, "pads" = %attr_pads, "ceil_mode" = %attr_ceil_mode, "count_include_pad" = %attr_count_include_pad, "x_zero_point" = %attr_x_zero_point, "y_zero_point" = %attr_y_zero_point, "x_scale" = %attr_x_scale, "y_scale" = %attr_y_scale}
  }
  // Resize of the two spatial dims of NCHW (ONNX Resize, Upsample), nearest
  // neighbour: output (oh, ow) reads input row round(src(oh)) and column
  // round(src(ow)), where src maps an output coordinate to an input one by
  // `coordinate_mode` (half_pixel (default), asymmetric, align_corners,
  // pytorch_half_pixel, tf_half_pixel_for_nn) with the scales scale_h and
  // scale_w, and round is `nearest_mode` (round_prefer_floor (default),
  // round_prefer_ceil, floor, ceil), clamped to the image. The output size is
  // the result type's. f32, i8, ui8.
  irdl.operation @resize_nearest {
    %x = irdl.base "!builtin.tensor"
    %result = irdl.base "!builtin.tensor"
    %attr_scale_h = irdl.base "#builtin.float"
    %attr_scale_w = irdl.base "#builtin.float"
    irdl.operands(%x)
    irdl.results(%result)
    irdl.attributes {"scale_h" = %attr_scale_h, "scale_w" = %attr_scale_w}
  }
  // The same with bilinear interpolation between the two nearest rows and
  // columns (the source coordinate clamped to the image). f32.
  irdl.operation @resize_linear {
    %x = irdl.base "!builtin.tensor"
    %result = irdl.base "!builtin.tensor"
    %attr_scale_h = irdl.base "#builtin.float"
    %attr_scale_w = irdl.base "#builtin.float"
    irdl.operands(%x)
    irdl.results(%result)
    irdl.attributes {"scale_h" = %attr_scale_h, "scale_w" = %attr_scale_w}
  }
  // Mean over all spatial dims.
  irdl.operation @global_avg_pool {
    %x = irdl.base "!builtin.tensor"
    %result = irdl.base "!builtin.tensor"
    irdl.operands(%x)
    irdl.results(%result)
  }
  // Layer normalization over dims [axis, rank): (x - mean) / sqrt(var +
  // epsilon) * scale + bias (bias optional).
  irdl.operation @layer_norm {
    %x = irdl.base "!builtin.tensor"
    %scale = irdl.base "!builtin.tensor"
    %bias = irdl.base "!builtin.tensor"
    %result = irdl.base "!builtin.tensor"
    %attr_axis = irdl.base "#builtin.integer"
    %attr_epsilon = irdl.base "#builtin.float"
    irdl.operands(%x, %scale, optional %bias)
    irdl.results(%result)
    irdl.attributes {"axis" = %attr_axis, "epsilon" = %attr_epsilon}
  }
  // RMS normalization over dims [axis, rank): x / sqrt(mean(x^2) + epsilon) * scale.
  irdl.operation @rms_norm {
    %x = irdl.base "!builtin.tensor"
    %scale = irdl.base "!builtin.tensor"
    %result = irdl.base "!builtin.tensor"
    %attr_axis = irdl.base "#builtin.integer"
    %attr_epsilon = irdl.base "#builtin.float"
    irdl.operands(%x, %scale)
    irdl.results(%result)
    irdl.attributes {"axis" = %attr_axis, "epsilon" = %attr_epsilon}
  }
  // Reshape with ONNX rules: 0 copies the input dim, -1 is inferred.
  irdl.operation @reshape {
    %x = irdl.base "!builtin.tensor"
    %result = irdl.base "!builtin.tensor"
    %attr_shape = irdl.base "#builtin.dense_array"
    irdl.operands(%x)
    irdl.results(%result)
    irdl.attributes {"shape" = %attr_shape}
  }
  // Flatten to 2-D at `axis`.
  irdl.operation @flatten {
    %x = irdl.base "!builtin.tensor"
    %result = irdl.base "!builtin.tensor"
    %attr_axis = irdl.base "#builtin.integer"
    irdl.operands(%x)
    irdl.results(%result)
    irdl.attributes {"axis" = %attr_axis}
  }
  // Strided slice: per dim start, end (exclusive) and step, normalized (ends of -1 with a negative step mean "through 0"; an end of 2^62 means the whole dim).
  irdl.operation @slice {
    %x = irdl.base "!builtin.tensor"
    %result = irdl.base "!builtin.tensor"
    %attr_starts = irdl.base "#builtin.dense_array"
    %attr_ends = irdl.base "#builtin.dense_array"
    %attr_steps = irdl.base "#builtin.dense_array"
    irdl.operands(%x)
    irdl.results(%result)
    irdl.attributes {"starts" = %attr_starts, "ends" = %attr_ends, "steps" = %attr_steps}
  }
  // Padding (ONNX Pad): `pads` = [begin_0, ..., begin_r-1, end_0, ..., end_r-1]
  // (negative values crop); `mode` constant (the f32 `value`), reflect, edge
  // or wrap. f32 or integers (a constant value other than 0 needs f32).
  irdl.operation @pad {
    %x = irdl.base "!builtin.tensor"
    %result = irdl.base "!builtin.tensor"
    %attr_pads = irdl.base "#builtin.dense_array"
    irdl.operands(%x)
    irdl.results(%result)
    irdl.attributes {"pads" = %attr_pads}
  }
  // Broadcast to `shape` (numpy rules, as ONNX Expand).
  irdl.operation @expand {
    %x = irdl.base "!builtin.tensor"
    %result = irdl.base "!builtin.tensor"
    %attr_shape = irdl.base "#builtin.dense_array"
    irdl.operands(%x)
    irdl.results(%result)
    irdl.attributes {"shape" = %attr_shape}
  }
  // Concatenation of two tensors along `axis`.
  irdl.operation @concat {
    %lhs = irdl.base "!builtin.tensor"
    %rhs = irdl.base "!builtin.tensor"
    %result = irdl.base "!builtin.tensor"
    %attr_axis = irdl.base "#builtin.integer"
    irdl.operands(%lhs, %rhs)
    irdl.results(%result)
    irdl.attributes {"axis" = %attr_axis}
  }
  // data[..., indices, ...] along `axis` (int32 or int64 indices; negative ones count from the end).
  irdl.operation @gather {
    %data = irdl.base "!builtin.tensor"
    %indices = irdl.base "!builtin.tensor"
    %result = irdl.base "!builtin.tensor"
    %attr_axis = irdl.base "#builtin.integer"
    irdl.operands(%data, %indices)
    irdl.results(%result)
    irdl.attributes {"axis" = %attr_axis}
  }
  // c ? a : b with broadcasting (c ui8, nonzero = true).
  irdl.operation @where {
    %c = irdl.base "!builtin.tensor"
    %a = irdl.base "!builtin.tensor"
    %b = irdl.base "!builtin.tensor"
    %result = irdl.base "!builtin.tensor"
    irdl.operands(%c, %a, %b)
    irdl.results(%result)
  }
  // a == b with broadcasting, as ui8 0 / 1.
  irdl.operation @equal {
    %lhs = irdl.base "!builtin.tensor"
    %rhs = irdl.base "!builtin.tensor"
    %result = irdl.base "!builtin.tensor"
    irdl.operands(%lhs, %rhs)
    irdl.results(%result)
  }
  // a < b with broadcasting, as ui8 0 / 1.
  irdl.operation @less {
    %lhs = irdl.base "!builtin.tensor"
    %rhs = irdl.base "!builtin.tensor"
    %result = irdl.base "!builtin.tensor"
    irdl.operands(%lhs, %rhs)
    irdl.results(%result)
  }
  // a > b with broadcasting, as ui8 0 / 1.
  irdl.operation @greater {
    %lhs = irdl.base "!builtin.tensor"
    %rhs = irdl.base "!builtin.tensor"
    %result = irdl.base "!builtin.tensor"
    irdl.operands(%lhs, %rhs)
    irdl.results(%result)
  }
  // Permute dims.
  irdl.operation @transpose {
    %x = irdl.base "!builtin.tensor"
    %result = irdl.base "!builtin.tensor"
    %attr_perm = irdl.base "#builtin.dense_array"
    irdl.operands(%x)
    irdl.results(%result)
    irdl.attributes {"perm" = %attr_perm}
  }
  // Normalized Walsh-Hadamard transform of each block of block_size (a power of 2 dividing the last dim) consecutive elements of the last axis: y = x H / sqrt(block_size), Sylvester order (the online rotation of passes/rotate.c).
  irdl.operation @hadamard {
    %x = irdl.base "!builtin.tensor"
    %result = irdl.base "!builtin.tensor"
    %attr_block_size = irdl.base "#builtin.integer"
    irdl.operands(%x)
    irdl.results(%result)
    irdl.attributes {"block_size" = %attr_block_size}
  }
  // Softmax along one axis.
  irdl.operation @softmax {
    %x = irdl.base "!builtin.tensor"
    %result = irdl.base "!builtin.tensor"
    %attr_axis = irdl.base "#builtin.integer"
    irdl.operands(%x)
    irdl.results(%result)
    irdl.attributes {"axis" = %attr_axis}
  }
  // Inference batch normalisation over channel dim 1.
  irdl.operation @batchnorm {
    %x = irdl.base "!builtin.tensor"
    %scale = irdl.base "!builtin.tensor"
    %bias = irdl.base "!builtin.tensor"
    %mean = irdl.base "!builtin.tensor"
    %var = irdl.base "!builtin.tensor"
    %result = irdl.base "!builtin.tensor"
    %attr_epsilon = irdl.base "#builtin.float"
    irdl.operands(%x, %scale, %bias, %mean, %var)
    irdl.results(%result)
    irdl.attributes {"epsilon" = %attr_epsilon}
  }
  // Float to integer: sat(rne(x/scale)+zp).
  irdl.operation @quantize {
    %x = irdl.base "!builtin.tensor"
    %scale = irdl.base "!builtin.tensor"
    %zero_point = irdl.base "!builtin.tensor"
    %result = irdl.base "!builtin.tensor"
    %attr_axis = irdl.base "#builtin.integer"
    irdl.operands(%x, %scale, %zero_point)
    irdl.results(%result)
    irdl.attributes {"axis" = %attr_axis}
  }
  // Integer to float: (x-zp)*scale.
  irdl.operation @dequantize {
    %x = irdl.base "!builtin.tensor"
    %scale = irdl.base "!builtin.tensor"
    %zero_point = irdl.base "!builtin.tensor"
    %result = irdl.base "!builtin.tensor"
    %attr_axis = irdl.base "#builtin.integer"
    irdl.operands(%x, %scale, %zero_point)
    irdl.results(%result)
    irdl.attributes {"axis" = %attr_axis}
  }
  // Integer batched matmul, int32 accumulation.
  irdl.operation @qmatmul {
    %a = irdl.base "!builtin.tensor"
    %b = irdl.base "!builtin.tensor"
    %a_zero_point = irdl.base "!builtin.tensor"
    %b_zero_point = irdl.base "!builtin.tensor"
    %bias = irdl.base "!builtin.tensor"
    %result = irdl.base "!builtin.tensor"
    irdl.operands(%a, %b, %a_zero_point, %b_zero_point, optional %bias)
    irdl.results(%result)
  }
  // a[..., K] times the transpose of a block-quantized [N, K] weight packed
  // `bits` per code (ONNX Runtime's MatMulNBits): w = (code - zp) * scale
  // per block of `block_size` along K, accumulated in float32.
  irdl.operation @matmul_nbits {
    %a = irdl.base "!builtin.tensor"
    %b = irdl.base "!builtin.tensor"
    %scales = irdl.base "!builtin.tensor"
    %zero_points = irdl.base "!builtin.tensor"
    %bias = irdl.base "!builtin.tensor"
    %result = irdl.base "!builtin.tensor"
    %attr_n = irdl.base "#builtin.integer"
    %attr_bits = irdl.base "#builtin.integer"
    %attr_block_size = irdl.base "#builtin.integer"
    irdl.operands(%a, %b, %scales, %zero_points, optional %bias)
    irdl.results(%result)
    irdl.attributes {"n" = %attr_n, "bits" = %attr_bits, "block_size" = %attr_block_size}
  }
  // Integer 2-D convolution, int32 accumulation.
  irdl.operation @qconv2d {
    %x = irdl.base "!builtin.tensor"
    %w = irdl.base "!builtin.tensor"
    %x_zero_point = irdl.base "!builtin.tensor"
    %w_zero_point = irdl.base "!builtin.tensor"
    %bias = irdl.base "!builtin.tensor"
    %result = irdl.base "!builtin.tensor"
    %attr_strides = irdl.base "#builtin.dense_array"
    %attr_pads = irdl.base "#builtin.dense_array"
    %attr_dilations = irdl.base "#builtin.dense_array"
    %attr_group = irdl.base "#builtin.integer"
    irdl.operands(%x, %w, %x_zero_point, %w_zero_point, optional %bias)
    irdl.results(%result)
    irdl.attributes {"strides" = %attr_strides, "pads" = %attr_pads, "dilations" = %attr_dilations, "group" = %attr_group}
  }
  // Accumulator to narrow integer: with a shift operand, fixed-point
  // (multiplier i32 + rounding shift); without, float (scale f32, the
  // product rounded in binary64 as ONNX QLinear* ops do).
  irdl.operation @requantize {
    %acc = irdl.base "!builtin.tensor"
    %multiplier = irdl.base "!builtin.tensor"
    %shift = irdl.base "!builtin.tensor"
    %zero_point = irdl.base "!builtin.tensor"
    %result = irdl.base "!builtin.tensor"
    %attr_axis = irdl.base "#builtin.integer"
    irdl.operands(%acc, %multiplier, optional %shift, %zero_point)
    irdl.results(%result)
    irdl.attributes {"axis" = %attr_axis}
  }
  // Element type conversion (the result type says to what).
  irdl.operation @cast {
    %x = irdl.base "!builtin.tensor"
    %result = irdl.base "!builtin.tensor"
    irdl.operands(%x)
    irdl.results(%result)
  }
  // Per-token (dynamic) quantization simulated in float: each row of the last axis quantized to bits-bit asymmetric codes from its own range [min(0, min), max(0, max)] and dequantized (lowbit's per-token activations).
  irdl.operation @quantize_rows {
    %x = irdl.base "!builtin.tensor"
    %result = irdl.base "!builtin.tensor"
    %attr_bits = irdl.base "#builtin.integer"
    irdl.operands(%x)
    irdl.results(%result)
    irdl.attributes {"bits" = %attr_bits}
  }
  // DynamicQuantizeLinear's uint8 scale of a float tensor (a scalar).
  irdl.operation @dynamic_scale {
    %x = irdl.base "!builtin.tensor"
    %result = irdl.base "!builtin.tensor"
    irdl.operands(%x)
    irdl.results(%result)
  }
  // DynamicQuantizeLinear's uint8 zero point of a float tensor (a scalar).
  irdl.operation @dynamic_zero_point {
    %x = irdl.base "!builtin.tensor"
    %result = irdl.base "!builtin.tensor"
    irdl.operands(%x)
    irdl.results(%result)
  }
  // Quantized add of 8-bit tensors: sat(rne((a - a_zp) a_scale + (b - b_zp) b_scale) + y_zp), scales relative to the output scale.
  irdl.operation @qadd {
    %lhs = irdl.base "!builtin.tensor"
    %rhs = irdl.base "!builtin.tensor"
    %result = irdl.base "!builtin.tensor"
    %attr_a_zero_point = irdl.base "#builtin.integer"
    %attr_b_zero_point = irdl.base "#builtin.integer"
    %attr_y_zero_point = irdl.base "#builtin.integer"
    %attr_a_scale = irdl.base "#builtin.float"
    %attr_b_scale = irdl.base "#builtin.float"
    irdl.operands(%lhs, %rhs)
    irdl.results(%result)
    irdl.attributes {"a_zero_point" = %attr_a_zero_point, "b_zero_point" = %attr_b_zero_point, "y_zero_point" = %attr_y_zero_point, "a_scale" = %attr_a_scale, "b_scale" = %attr_b_scale}
  }
  // Quantized mul of 8-bit tensors: sat(rne((a - a_zp)(b - b_zp) a_scale) + y_zp), a_scale = s_a s_b / s_y (b_scale unused).
  irdl.operation @qmul {
    %lhs = irdl.base "!builtin.tensor"
    %rhs = irdl.base "!builtin.tensor"
    %result = irdl.base "!builtin.tensor"
    %attr_a_zero_point = irdl.base "#builtin.integer"
    %attr_b_zero_point = irdl.base "#builtin.integer"
    %attr_y_zero_point = irdl.base "#builtin.integer"
    %attr_a_scale = irdl.base "#builtin.float"
    %attr_b_scale = irdl.base "#builtin.float"
    irdl.operands(%lhs, %rhs)
    irdl.results(%result)
    irdl.attributes {"a_zero_point" = %attr_a_zero_point, "b_zero_point" = %attr_b_zero_point, "y_zero_point" = %attr_y_zero_point, "a_scale" = %attr_a_scale, "b_scale" = %attr_b_scale}
  }
  // Saturating clamp of an integer tensor.
  irdl.operation @clamp {
    %x = irdl.base "!builtin.tensor"
    %result = irdl.base "!builtin.tensor"
    %attr_min = irdl.base "#builtin.integer"
    %attr_max = irdl.base "#builtin.integer"
    irdl.operands(%x)
    irdl.results(%result)
    irdl.attributes {"min" = %attr_min, "max" = %attr_max}
  }
  // 8-bit table lookup: y = table[x] (table: 256 constants of the result type).
  irdl.operation @lut {
    %x = irdl.base "!builtin.tensor"
    %table = irdl.base "!builtin.tensor"
    %result = irdl.base "!builtin.tensor"
    irdl.operands(%x, %table)
    irdl.results(%result)
  }
}
