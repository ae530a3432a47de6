/* Typed builders for lb ops with attributes. Each is defined beside its
 * op's descriptor in ir/ops/; ops without attributes use lb_build_unary or
 * lb_build_op (ir/lb_ir.h). Every builder infers the result shape and
 * returns INVALID_ARGUMENT naming the op on inconsistent operands. */
#ifndef LOWBIT_IR_LB_BUILD_H
#define LOWBIT_IR_LB_BUILD_H

#include "ir/lb_ir.h"

#ifdef __cplusplus
extern "C" {
#endif

lb_status_t lb_build_matmul(lb_builder_t *b, MlirValue a, MlirValue bm, MlirValue *out);
/* c may be a null value (no bias). */
lb_status_t lb_build_gemm(lb_builder_t *b, MlirValue a, MlirValue bm, MlirValue c, float alpha, float beta,
                          int trans_a, int trans_b, MlirValue *out);
/* bias may be null. */
lb_status_t lb_build_conv2d(lb_builder_t *b, MlirValue x, MlirValue w, MlirValue bias,
                            const lb_window_attrs_t *wa, MlirValue *out);
/* kind is one of ADD, SUB, MUL, DIV, MIN, MAX. */
lb_status_t lb_build_binary(lb_builder_t *b, lb_op_kind_t kind, MlirValue lhs, MlirValue rhs, MlirValue *out);
/* kind is REDUCE_SUM, _MEAN, _MAX or _MIN; axes sorted, distinct, >= 0. */
lb_status_t lb_build_reduce(lb_builder_t *b, lb_op_kind_t kind, MlirValue x, const int64_t *axes, int32_t naxes,
                            bool keepdims, MlirValue *out);
/* lb.conv_transpose: w [C, OC / group, KH, KW]; bias may be null. */
lb_status_t lb_build_conv_transpose(lb_builder_t *b, MlirValue x, MlirValue w, MlirValue bias,
                                    const lb_window_attrs_t *wa, const int64_t output_padding[2], MlirValue *out);
lb_status_t lb_build_leaky_relu(lb_builder_t *b, MlirValue x, float alpha, MlirValue *out);
/* lb.resize_nearest or (linear) lb.resize_linear of NCHW x: scales of the
 * coordinate transform; out_h/out_w > 0 fix the output size (ONNX sizes),
 * else it is floor(dim * scale); coord and nearest are the mode names
 * (nearest ignored when linear). */
lb_status_t lb_build_resize(lb_builder_t *b, bool linear, MlirValue x, float scale_h, float scale_w, int64_t out_h,
                            int64_t out_w, const char *coord, const char *nearest, MlirValue *out);
/* The kernel codes of a coordinate_mode / nearest_mode name; -1 if unknown. */
int lb_resize_coord_code(const char *s);
int lb_resize_nearest_code(const char *s);
/* A unary activation with float attributes a = va and bn = vb (either name
 * NULL: absent): hard_sigmoid, hard_swish (alpha, beta), elu, celu,
 * thresholded_relu (alpha), selu (alpha, gamma), softsign. */
lb_status_t lb_build_unary_ab(lb_builder_t *b, lb_op_kind_t kind, MlirValue x, const char *a, float va, const char *bn,
                              float vb, MlirValue *out);
/* GELU, the erf form or (tanh_form) the tanh approximation. */
lb_status_t lb_build_gelu(lb_builder_t *b, MlirValue x, bool tanh_form, MlirValue *out);
/* kind LAYER_NORM (bias may be null) or RMS_NORM (bias ignored); axis >= 0. */
lb_status_t lb_build_layer_norm(lb_builder_t *b, lb_op_kind_t kind, MlirValue x, MlirValue scale, MlirValue bias,
                                int64_t axis, float eps, MlirValue *out);
/* Data movement (ir/ops/movement.c). Slices take normalized per-dim
 * starts, ends (exclusive; 2^62 = the whole dim) and steps. */
lb_status_t lb_build_slice(lb_builder_t *b, MlirValue x, const int64_t *starts, const int64_t *ends,
                           const int64_t *steps, int32_t rank, MlirValue *out);
/* lb.pad: pads = [begins..., ends...] (n = 2 rank), mode constant | edge |
 * reflect | wrap, value for constant. */
lb_status_t lb_build_pad(lb_builder_t *b, MlirValue x, const int64_t *pads, int32_t n, const char *mode, float value,
                         MlirValue *out);
lb_status_t lb_build_expand(lb_builder_t *b, MlirValue x, const int64_t *shape, int32_t n, MlirValue *out);
lb_status_t lb_build_concat(lb_builder_t *b, MlirValue x, MlirValue y, int64_t axis, MlirValue *out);
lb_status_t lb_build_gather(lb_builder_t *b, MlirValue data, MlirValue idx, int64_t axis, MlirValue *out);
lb_status_t lb_build_where(lb_builder_t *b, MlirValue c, MlirValue x, MlirValue y, MlirValue *out);
/* kind EQUAL, LESS or GREATER; the result is ui8 0 / 1. */
lb_status_t lb_build_compare(lb_builder_t *b, lb_op_kind_t kind, MlirValue x, MlirValue y, MlirValue *out);
/* kind QADD or QMUL of 8-bit tensors; a_scale / b_scale relative to the
 * output scale (for QMUL a_scale = s_a * s_b / s_y). */
lb_status_t lb_build_qbinary(lb_builder_t *b, lb_op_kind_t kind, MlirValue x, MlirValue y, int64_t a_zp, int64_t b_zp,
                             int64_t y_zp, float a_scale, float b_scale, lb_dtype_t result, MlirValue *out);
lb_status_t lb_build_clip(lb_builder_t *b, MlirValue x, float lo, float hi, MlirValue *out);
/* kind is MAX_POOL or AVG_POOL. */
/* lb.qavg_pool over 8-bit x (the result has x's element type). */
lb_status_t lb_build_qavg_pool(lb_builder_t *b, MlirValue x, const lb_window_attrs_t *w, int64_t x_zp, float x_scale,
                               int64_t y_zp, float y_scale, MlirValue *out);
lb_status_t lb_build_pool(lb_builder_t *b, lb_op_kind_t kind, MlirValue x, const lb_window_attrs_t *wa,
                          MlirValue *out);
lb_status_t lb_build_reshape(lb_builder_t *b, MlirValue x, const int64_t *shape, int32_t n, MlirValue *out);
lb_status_t lb_build_flatten(lb_builder_t *b, MlirValue x, int64_t axis, MlirValue *out);
lb_status_t lb_build_transpose(lb_builder_t *b, MlirValue x, const int64_t *perm, int32_t n, MlirValue *out);
/* lb.quantize_rows: per-token quantize-dequantize at `bits` (2..16) bits
 * (ir/ops/quant.c). */
lb_status_t lb_build_quantize_rows(lb_builder_t *b, MlirValue x, int64_t bits, MlirValue *out);
/* lb.hadamard: x H / sqrt(block_size) per block of the last axis
 * (ir/ops/transform.c); block_size a power of 2 dividing the last dim. */
lb_status_t lb_build_hadamard(lb_builder_t *b, MlirValue x, int64_t block_size, MlirValue *out);
lb_status_t lb_build_softmax(lb_builder_t *b, MlirValue x, int64_t axis, MlirValue *out);
lb_status_t lb_build_batchnorm(lb_builder_t *b, MlirValue x, MlirValue scale, MlirValue bias, MlirValue mean,
                               MlirValue var, float eps, MlirValue *out);
/* Result element type `elem` (an integer of up to 16 bits); axis -1 for
 * per-tensor; block > 0 for parameters blocked along axis (0 otherwise). */
lb_status_t lb_build_quantize(lb_builder_t *b, MlirValue x, MlirValue scale, MlirValue zp, int64_t axis,
                              int64_t block, MlirType elem, MlirValue *out);
lb_status_t lb_build_dequantize(lb_builder_t *b, MlirValue x, MlirValue scale, MlirValue zp, int64_t axis,
                                int64_t block, MlirValue *out);
/* bias may be null. */
lb_status_t lb_build_qmatmul(lb_builder_t *b, MlirValue a, MlirValue bm, MlirValue a_zp, MlirValue b_zp,
                             MlirValue bias, MlirValue *out);
lb_status_t lb_build_qconv2d(lb_builder_t *b, MlirValue x, MlirValue w, MlirValue x_zp, MlirValue w_zp,
                             MlirValue bias, const lb_window_attrs_t *wa, MlirValue *out);
lb_status_t lb_build_requantize(lb_builder_t *b, MlirValue acc, MlirValue mult, MlirValue shift, MlirValue zp,
                                int64_t axis, MlirType elem, MlirValue *out);
/* a[..., K] x dequant(packed)^T: packed ui8 [N, ceil(K/block), block*bits/8],
 * scales and zero points f32 with N * ceil(K/block) elements, bias f32 [N]
 * or null. */
lb_status_t lb_build_matmul_nbits(lb_builder_t *b, MlirValue a, MlirValue packed, MlirValue scales, MlirValue zp,
                                  MlirValue bias, int64_t n, int64_t bits, int64_t block, MlirValue *out);
/* Makes the result of a just-built lb.qmatmul / lb.qconv2d i64 when its
 * accumulator bound (from the actual constants) can exceed int32;
 * *widened (may be NULL) tells whether it did. */
lb_status_t lb_acc_widen_if_needed(MlirValue acc, bool *widened);
/* The float mode: sat(rne((double)acc * (double)scale[c] + offset[c]) + zp),
 * the ONNX QLinearConv / QLinearMatMul rounding; scale f32 [1] or per-axis,
 * offset (may be null) the same shape: a float bias in output units. */
lb_status_t lb_build_requantize_fp(lb_builder_t *b, MlirValue acc, MlirValue scale, MlirValue offset, MlirValue zp,
                                   int64_t axis, MlirType elem, MlirValue *out);
lb_status_t lb_build_clamp(lb_builder_t *b, MlirValue x, int64_t lo, int64_t hi, MlirValue *out);
/* Converts x to element type `to` (f32, or an 8/16/32/64-bit integer). */
lb_status_t lb_build_cast(lb_builder_t *b, MlirValue x, lb_dtype_t to, MlirValue *out);
/* y = table[x]: table is a constant of 256 elements of the result type. */
lb_status_t lb_build_lut(lb_builder_t *b, MlirValue x, MlirValue table, MlirValue *out);

#ifdef __cplusplus
}
#endif
#endif
