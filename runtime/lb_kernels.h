/* lowbit reference kernels: the semantics every backend must reproduce.
 *
 * Each kernel takes a params struct (all shapes static), input pointers,
 * output pointers, and never allocates. Integer kernels are exact; float
 * kernels evaluate in a fixed order with no contraction, so any C99 compiler
 * that honours IEEE-754 binary32 (and -ffp-contract=off) gives the same bits.
 *
 * This header and lb_kernels.c are also embedded verbatim into the C that
 * `lowbit compile --emit c` generates. Each kernel is compiled only when
 * LB_USE_<KERNEL> (or LB_USE_ALL_KERNELS) is defined, so generated code
 * contains exactly the kernels it calls; LB_KAPI sets their linkage
 * (`static` in generated code, external in the runtime library), and
 * LB_KERNELS_EMBEDDED drops the prototypes so unused kernels leave no trace.
 *
 * Semantics of the operations are documented in docs/IR.md; comments here
 * only restate the parts that matter for exactness.
 */
#ifndef LB_KERNELS_H
#define LB_KERNELS_H

#include <stddef.h>
#include <stdint.h>

#ifndef LB_KAPI
#define LB_KAPI
#endif

#define LB_MAX_RANK 6
#define LB_MAX_BATCH_RANK 4

/* Element types of runtime tensors. */
typedef enum lb_dtype_e { LB_DT_F32 = 0, LB_DT_I8 = 1, LB_DT_U8 = 2, LB_DT_I32 = 3, LB_DT_I64 = 4 } lb_dtype_t;

/* Y[M,N] = alpha * op(A) * op(B) + beta * C, op = optional transpose.
 * c_mode says how C broadcasts: 0 none, 1 scalar, 2 row [N], 3 column [M],
 * 4 full [M,N]. Accumulation: k ascending in float32. */
typedef struct lb_gemm_params_s {
  int64_t M, N, K;
  int32_t trans_a, trans_b;
  float alpha, beta;
  int32_t c_mode;
} lb_gemm_params_t;

/* Batched matmul with numpy broadcasting over up to 4 batch dims.
 * A is [batch..., M, K], B is [batch..., K, N], Y is [batch..., M, N]
 * contiguous. a_bstride/b_bstride give the element stride of each batch dim
 * in A/B (0 where that operand broadcasts). For the integer variant:
 * Y = bias[n] + sum_k (A - a_zp) * (B - b_zp) in int32 (bias optional). */
typedef struct lb_matmul_params_s {
  int64_t M, N, K;
  int32_t batch_rank;
  int64_t batch_dims[LB_MAX_BATCH_RANK];
  int64_t a_bstride[LB_MAX_BATCH_RANK];
  int64_t b_bstride[LB_MAX_BATCH_RANK];
  int32_t a_zp, b_zp;
  int32_t has_bias;
} lb_matmul_params_t;

/* 2-D convolution, NCHW input, OIHW weight ([OC, C/group, KH, KW]).
 * Padding positions contribute nothing (in the integer variant they stand
 * for x_zp, i.e. real zero). Integer variant accumulates
 * bias[oc] + sum (x - x_zp) * (w - w_zp) in int32. */
typedef struct lb_conv2d_params_s {
  int64_t N, C, H, W, OC, OH, OW, KH, KW;
  int64_t stride_h, stride_w, pad_t, pad_l, dil_h, dil_w, group;
  int32_t has_bias;
  int32_t x_zp, w_zp;
} lb_conv2d_params_t;

typedef enum lb_binary_op_e { LB_BIN_ADD = 0, LB_BIN_SUB = 1, LB_BIN_MUL = 2, LB_BIN_DIV = 3 } lb_binary_op_t;

/* Elementwise binary op over `rank` output dims with per-operand element
 * strides (0 on broadcast dims). */
typedef struct lb_binary_params_s {
  int32_t op;
  int32_t rank;
  int64_t dims[LB_MAX_RANK];
  int64_t a_strides[LB_MAX_RANK];
  int64_t b_strides[LB_MAX_RANK];
} lb_binary_params_t;

/* Unary elementwise ops: relu/clip on float, clamp on integers. */
typedef struct lb_unary_params_s {
  int64_t count;
  float fmin, fmax;   /* clip */
  int32_t imin, imax; /* clamp */
} lb_unary_params_t;

/* 2-D max/average pooling over NCHW. Window positions outside the input
 * are skipped by max pooling. Average pooling divides by the number of
 * window positions inside the input, or, with count_include_pad, inside
 * the padded input [-pad_t, H + pad_b) x [-pad_l, W + pad_r). */
typedef struct lb_pool2d_params_s {
  int64_t N, C, H, W, OH, OW, KH, KW;
  int64_t stride_h, stride_w, pad_t, pad_l, pad_b, pad_r, dil_h, dil_w;
  int32_t count_include_pad;
} lb_pool2d_params_t;

/* Global average pooling: Y[nc] = sum(X[nc, 0..hw)) / hw, summed in float32
 * in ascending order. */
typedef struct lb_gap_params_s {
  int64_t NC, HW;
} lb_gap_params_t;

/* Permutation of a dense tensor of elem_size-byte elements:
 * out dim i = in dim perm[i]. */
typedef struct lb_transpose_params_s {
  int32_t rank;
  int32_t elem_size;
  int64_t in_dims[LB_MAX_RANK];
  int32_t perm[LB_MAX_RANK];
} lb_transpose_params_t;

/* Softmax along the middle dim of [outer, n, inner]: subtract max, exp
 * (lb_expf, exact to float32 across platforms), divide by the sum. */
typedef struct lb_softmax_params_s {
  int64_t outer, n, inner;
} lb_softmax_params_t;

/* Inference batch normalisation over [N, C, HW]:
 * y = (x - mean[c]) / sqrt(var[c] + eps) * scale[c] + bias[c]. */
typedef struct lb_batchnorm_params_s {
  int64_t N, C, HW;
  float eps;
} lb_batchnorm_params_t;

/* Per-tensor or per-axis (de)quantization over [outer, n, inner]: channel
 * index is the middle coordinate; per-tensor uses n = 1.
 *   quantize:   q = sat(rne(x / scale[c]) + zp[c], qmin, qmax)
 *   dequantize: x = (float)(q - zp[c]) * scale[c]
 *   requantize: q = sat(rshift_round(acc * mult[c], shift[c]) + zp, qmin, qmax)
 * rne = round half to even; rshift_round(v, s) = floor((v + 2^(s-1)) / 2^s),
 * i.e. round half up, computed exactly in int64. */
typedef struct lb_quant_params_s {
  int64_t outer, n, inner;
  int32_t qmin, qmax;
  int32_t out_zp; /* requantize only (per-tensor output zero point) */
} lb_quant_params_t;

#ifndef LB_KERNELS_EMBEDDED
/* Round half to even of a float, saturated to [-2^30, 2^30]; NaN gives 0. */
LB_KAPI int32_t lb_round_half_even(float v);
/* exp(x) evaluated in double, rounded once to float: identical everywhere. */
LB_KAPI float lb_expf(float x);

LB_KAPI void lb_k_gemm_f32(const lb_gemm_params_t *p, const float *a, const float *b, const float *c, float *y);
LB_KAPI void lb_k_matmul_f32(const lb_matmul_params_t *p, const float *a, const float *b, float *y);
LB_KAPI void lb_k_qmatmul_i8(const lb_matmul_params_t *p, const int8_t *a, const int8_t *b, const int32_t *bias, int32_t *y);
LB_KAPI void lb_k_conv2d_f32(const lb_conv2d_params_t *p, const float *x, const float *w, const float *b, float *y);
LB_KAPI void lb_k_qconv2d_i8(const lb_conv2d_params_t *p, const int8_t *x, const int8_t *w, const int32_t *b, int32_t *y);
LB_KAPI void lb_k_binary_f32(const lb_binary_params_t *p, const float *a, const float *b, float *y);
LB_KAPI void lb_k_relu_f32(const lb_unary_params_t *p, const float *x, float *y);
LB_KAPI void lb_k_clip_f32(const lb_unary_params_t *p, const float *x, float *y);
LB_KAPI void lb_k_clamp_i8(const lb_unary_params_t *p, const int8_t *x, int8_t *y);
LB_KAPI void lb_k_clamp_u8(const lb_unary_params_t *p, const uint8_t *x, uint8_t *y);
LB_KAPI void lb_k_maxpool_f32(const lb_pool2d_params_t *p, const float *x, float *y);
LB_KAPI void lb_k_maxpool_i8(const lb_pool2d_params_t *p, const int8_t *x, int8_t *y);
LB_KAPI void lb_k_maxpool_u8(const lb_pool2d_params_t *p, const uint8_t *x, uint8_t *y);
LB_KAPI void lb_k_avgpool_f32(const lb_pool2d_params_t *p, const float *x, float *y);
LB_KAPI void lb_k_gap_f32(const lb_gap_params_t *p, const float *x, float *y);
LB_KAPI void lb_k_transpose(const lb_transpose_params_t *p, const void *x, void *y);
LB_KAPI void lb_k_softmax_f32(const lb_softmax_params_t *p, const float *x, float *y);
LB_KAPI void lb_k_batchnorm_f32(const lb_batchnorm_params_t *p, const float *x, const float *scale,
                                const float *bias, const float *mean, const float *var, float *y);
LB_KAPI void lb_k_quantize_f32_i8(const lb_quant_params_t *p, const float *x, const float *scale,
                                  const int32_t *zp, int8_t *y);
LB_KAPI void lb_k_quantize_f32_u8(const lb_quant_params_t *p, const float *x, const float *scale,
                                  const int32_t *zp, uint8_t *y);
LB_KAPI void lb_k_dequantize_i8_f32(const lb_quant_params_t *p, const int8_t *x, const float *scale,
                                    const int32_t *zp, float *y);
LB_KAPI void lb_k_dequantize_u8_f32(const lb_quant_params_t *p, const uint8_t *x, const float *scale,
                                    const int32_t *zp, float *y);
LB_KAPI void lb_k_dequantize_i32_f32(const lb_quant_params_t *p, const int32_t *x, const float *scale,
                                     const int32_t *zp, float *y);
LB_KAPI void lb_k_requantize_i32_i8(const lb_quant_params_t *p, const int32_t *acc, const int32_t *mult,
                                    const int32_t *shift, int8_t *y);
LB_KAPI void lb_k_requantize_i32_u8(const lb_quant_params_t *p, const int32_t *acc, const int32_t *mult,
                                    const int32_t *shift, uint8_t *y);
LB_KAPI void lb_k_copy(int64_t nbytes, const void *x, void *y);
#endif /* LB_KERNELS_EMBEDDED */

#endif
