/* Integer GEMM kernels over K-contiguous weights: the packed matmul
 * (lb.qmatmul b_layout "nk") and convolution as an implicit GEMM over
 * im2col patches (lb.qconv2d algorithm "gemm"), each with an optional
 * requantize epilogue fused into its store. Both are chosen by
 * lb-pack-layout (passes/pack_layout.c); docs/IR.md gives the layouts.
 *
 * Every output is a contiguous dot product of raw 8-bit codes, which C
 * compilers vectorize into SIMD multiply-adds (gcc -O3 -march=native:
 * vpdpbusd for unsigned x signed bytes); the zero points are applied
 * afterwards:
 *   acc[m][n] = comp[n] + sum_k a'[m][k] * b[n][k] - b_zp[n] * sum_k a'[m][k]
 * with a' = a, except for signed x signed, where a is read as the unsigned
 * a + 128 (a ^ 0x80) so that the product is unsigned x signed (in conv
 * the same holds with the patches as a and the weight rows as b: the
 * kernel computes [output channels, positions] tiles, so stores run along
 * an output row); comp holds
 *   comp[n] = bias[n] - z * sum_k b[n][k] + K * z * b_zp[n],
 *   z = a_zp (+ 128 for signed x signed),
 * computed in int64 when the plan is built. The compiler uses these kernels
 * only when K <= 33025 and the int32 accumulator is proven safe, so the raw
 * dot products, row sums and acc fit int32: acc is bit for bit the value of
 * the reference kernels qmatmul_* / qconv2d_*.
 *
 * The _rq_ kernels store, instead of acc, the requantized
 *   q = sat(rshift_round(acc * mult[c], shift[c]) + out_zp, qmin, qmax)
 * (exactly lb.requantize's fixed-point form; c = n if mult_per_channel,
 * else 0), so the int32 accumulators never go to memory. The _dq_
 * kernels (matmul only) store the dequantized
 *   y = f32(acc - out_zp) * scale[c]
 * (lb.dequantize's expression; c = n if mult_per_channel, else 0), f32.
 * The _rqf_ kernels (matmul only) store the float-requantized
 *   q = sat(rne((double)acc * (double)scale[c]) + out_zp, qmin, qmax)
 * (lb.requantize with an f32 scale and no offset, what pre-quantized QDQ
 * and QLinearMatMul models lower to), int8 or uint8.
 *
 * `ws` is a workspace in the scratch arena of LB_QG_WORKSPACE(Kp) bytes: the
 * rows of a (flipped for signed x signed) or the im2col patches of conv,
 * and a small tile of raw dot products that the epilogue turns into
 * accumulators and stores (an L1-sized tile: the accumulators never make a
 * round trip through a full int32 output tensor). Outputs are computed in 4 x 4
 * register tiles (4 rows of a against 4 rows of b: 16 independent dot
 * products per pass over K), then 4 x 1, 1 x 4 and 1 x 1 at the edges. */
#ifndef LB_KERNELS_QGEMM_H
#define LB_KERNELS_QGEMM_H

#include "runtime/kernels/params.h"

/* Rows of a (positions of a conv) per workspace block. */
#define LB_QG_ROWS 64
/* The packed row length Kp: K rounded up to a multiple of this. Weights
 * are [N, Kp] (zero past K) and the kernels copy rows of a (or gather
 * patches) into the workspace as rows of Kp codes, zero past K, so the
 * vectorized dot products have no scalar remainder. */
#define LB_QG_KALIGN 64
/* Columns (rows of b) per block of a matmul; >= LB_QG_ROWS (the conv's
 * tile of dot products and its patch sums use the same buffers). */
#define LB_QG_NB 64
/* Workspace bytes of a kernel with packed row length Kp: the rows of a (or
 * patches), a 4 x LB_QG_NB int32 tile of dot products, the row sums. */
#define LB_QG_WORKSPACE(Kp) (LB_QG_ROWS * (Kp) + 4 * LB_QG_NB * 4 + LB_QG_NB * 4)
/* Packed 4-bit weights: the same, then a block of LB_QG_NB unpacked rows. */
#define LB_QG_WORKSPACE4(Kp) (LB_QG_WORKSPACE(Kp) + LB_QG_NB * (Kp))
/* Conv: the same, then one input image channels last (C * H * W codes),
 * then the patches k-major for K <= 64 (64 * 64 codes). */
#define LB_QG_CONV_WORKSPACE(Kp, CHW) (LB_QG_WORKSPACE(Kp) + (CHW) + 64 * 64)
/* Convs on the direct path (depthwise: group = C = OC; or K = C/group * KH
 * * KW <= 32 with a window of more than one tap) use the image's space for
 * one group's padded input planes of int16 codes: pass
 * LB_QG_DIRECT_PLANES(...) as CHW when larger. Hp = (OH - 1) * stride_h +
 * (KH - 1) * dil_h + 1, Wp likewise. */
#define LB_QG_CONV_DIRECT(C, OC, group, K, taps) (((group) == (C) && (OC) == (C)) || ((K) <= 32 && (taps) > 1))
#define LB_QG_DIRECT_PLANES(cpg, Hp, Wp) (2 * (cpg) * (Hp) * (Wp))

/* Matmul: a [M, K] row-major (M = all rows of a's leading dims), b [N, Kp],
 * y [M, N]. b_zp has N elements if b_zp_per_column, else 1. */
#define LB_QGEMM_PARAMS(S, A, T)                                                                       \
  S(T, I64, M) S(T, I64, N) S(T, I64, K) S(T, I64, Kp) S(T, I32, b_zp_per_column) S(T, I32, mult_per_channel) \
  S(T, I32, out_zp) S(T, I32, qmin) S(T, I32, qmax)
LB_DEFINE_PARAMS(lb_qgemm_params, LB_QGEMM_PARAMS)

/* Conv: x NCHW, w [OC, Kp] (each row the output channel's taps in
 * (kh, kw, c) order, i.e. OHWI flattened: K = KH * KW * C/group, zero past
 * K), y NCHW. Each
 * group g is the GEMM of the patches [OH*OW, C/group*KH*KW] of its input
 * channels (padding taps read x_zp, the code of real zero) with its
 * OC/group weight rows; the channel c of the epilogue is the output
 * channel. */
#define LB_QCONV_GEMM_PARAMS(S, A, T)                                                           \
  S(T, I64, N) S(T, I64, C) S(T, I64, H) S(T, I64, W) S(T, I64, OC) S(T, I64, OH) S(T, I64, OW) \
  S(T, I64, KH) S(T, I64, KW) S(T, I64, stride_h) S(T, I64, stride_w) S(T, I64, pad_t)          \
  S(T, I64, pad_l) S(T, I64, dil_h) S(T, I64, dil_w) S(T, I64, group) S(T, I32, w_zp_per_channel) \
  S(T, I64, Kp) S(T, I32, x_zp) S(T, I32, mult_per_channel) S(T, I32, out_zp) S(T, I32, qmin) S(T, I32, qmax)
LB_DEFINE_PARAMS(lb_qconv_gemm_params, LB_QCONV_GEMM_PARAMS)

LB_KAPI void lb_k_qmatmul_nk_i8i8(const lb_qgemm_params_t *p, const int8_t *a, const int8_t *b, const int32_t *b_zp,
                                 const int64_t *comp, const void *ws, int32_t *y);
LB_KAPI void lb_k_qmatmul_nk_rq_i8i8_i8(const lb_qgemm_params_t *p, const int8_t *a, const int8_t *b, const int32_t *b_zp,
                                    const int64_t *comp, const int32_t *mult, const int32_t *shift, const void *ws, int8_t *y);
LB_KAPI void lb_k_qmatmul_nk_rq_i8i8_u8(const lb_qgemm_params_t *p, const int8_t *a, const int8_t *b, const int32_t *b_zp,
                                    const int64_t *comp, const int32_t *mult, const int32_t *shift, const void *ws, uint8_t *y);
LB_KAPI void lb_k_qmatmul_nk_i8u8(const lb_qgemm_params_t *p, const int8_t *a, const uint8_t *b, const int32_t *b_zp,
                                 const int64_t *comp, const void *ws, int32_t *y);
LB_KAPI void lb_k_qmatmul_nk_rq_i8u8_i8(const lb_qgemm_params_t *p, const int8_t *a, const uint8_t *b, const int32_t *b_zp,
                                    const int64_t *comp, const int32_t *mult, const int32_t *shift, const void *ws, int8_t *y);
LB_KAPI void lb_k_qmatmul_nk_rq_i8u8_u8(const lb_qgemm_params_t *p, const int8_t *a, const uint8_t *b, const int32_t *b_zp,
                                    const int64_t *comp, const int32_t *mult, const int32_t *shift, const void *ws, uint8_t *y);
LB_KAPI void lb_k_qmatmul_nk_u8i8(const lb_qgemm_params_t *p, const uint8_t *a, const int8_t *b, const int32_t *b_zp,
                                 const int64_t *comp, const void *ws, int32_t *y);
LB_KAPI void lb_k_qmatmul_nk_rq_u8i8_i8(const lb_qgemm_params_t *p, const uint8_t *a, const int8_t *b, const int32_t *b_zp,
                                    const int64_t *comp, const int32_t *mult, const int32_t *shift, const void *ws, int8_t *y);
LB_KAPI void lb_k_qmatmul_nk_rq_u8i8_u8(const lb_qgemm_params_t *p, const uint8_t *a, const int8_t *b, const int32_t *b_zp,
                                    const int64_t *comp, const int32_t *mult, const int32_t *shift, const void *ws, uint8_t *y);
LB_KAPI void lb_k_qmatmul_nk_u8u8(const lb_qgemm_params_t *p, const uint8_t *a, const uint8_t *b, const int32_t *b_zp,
                                 const int64_t *comp, const void *ws, int32_t *y);
LB_KAPI void lb_k_qmatmul_nk_rq_u8u8_i8(const lb_qgemm_params_t *p, const uint8_t *a, const uint8_t *b, const int32_t *b_zp,
                                    const int64_t *comp, const int32_t *mult, const int32_t *shift, const void *ws, int8_t *y);
LB_KAPI void lb_k_qmatmul_nk_rq_u8u8_u8(const lb_qgemm_params_t *p, const uint8_t *a, const uint8_t *b, const int32_t *b_zp,
                                    const int64_t *comp, const int32_t *mult, const int32_t *shift, const void *ws, uint8_t *y);
LB_KAPI void lb_k_qconv2d_gemm_i8i8(const lb_qconv_gemm_params_t *p, const int8_t *x, const int8_t *w, const int32_t *w_zp,
                                   const int64_t *comp, const void *ws, int32_t *y);
LB_KAPI void lb_k_qconv2d_gemm_rq_i8i8_i8(const lb_qconv_gemm_params_t *p, const int8_t *x, const int8_t *w, const int32_t *w_zp,
                                      const int64_t *comp, const int32_t *mult, const int32_t *shift, const void *ws, int8_t *y);
LB_KAPI void lb_k_qconv2d_gemm_rq_i8i8_u8(const lb_qconv_gemm_params_t *p, const int8_t *x, const int8_t *w, const int32_t *w_zp,
                                      const int64_t *comp, const int32_t *mult, const int32_t *shift, const void *ws, uint8_t *y);
LB_KAPI void lb_k_qconv2d_gemm_i8u8(const lb_qconv_gemm_params_t *p, const int8_t *x, const uint8_t *w, const int32_t *w_zp,
                                   const int64_t *comp, const void *ws, int32_t *y);
LB_KAPI void lb_k_qconv2d_gemm_rq_i8u8_i8(const lb_qconv_gemm_params_t *p, const int8_t *x, const uint8_t *w, const int32_t *w_zp,
                                      const int64_t *comp, const int32_t *mult, const int32_t *shift, const void *ws, int8_t *y);
LB_KAPI void lb_k_qconv2d_gemm_rq_i8u8_u8(const lb_qconv_gemm_params_t *p, const int8_t *x, const uint8_t *w, const int32_t *w_zp,
                                      const int64_t *comp, const int32_t *mult, const int32_t *shift, const void *ws, uint8_t *y);
LB_KAPI void lb_k_qconv2d_gemm_u8i8(const lb_qconv_gemm_params_t *p, const uint8_t *x, const int8_t *w, const int32_t *w_zp,
                                   const int64_t *comp, const void *ws, int32_t *y);
LB_KAPI void lb_k_qconv2d_gemm_rq_u8i8_i8(const lb_qconv_gemm_params_t *p, const uint8_t *x, const int8_t *w, const int32_t *w_zp,
                                      const int64_t *comp, const int32_t *mult, const int32_t *shift, const void *ws, int8_t *y);
LB_KAPI void lb_k_qconv2d_gemm_rq_u8i8_u8(const lb_qconv_gemm_params_t *p, const uint8_t *x, const int8_t *w, const int32_t *w_zp,
                                      const int64_t *comp, const int32_t *mult, const int32_t *shift, const void *ws, uint8_t *y);
LB_KAPI void lb_k_qconv2d_gemm_u8u8(const lb_qconv_gemm_params_t *p, const uint8_t *x, const uint8_t *w, const int32_t *w_zp,
                                   const int64_t *comp, const void *ws, int32_t *y);
LB_KAPI void lb_k_qconv2d_gemm_rq_u8u8_i8(const lb_qconv_gemm_params_t *p, const uint8_t *x, const uint8_t *w, const int32_t *w_zp,
                                      const int64_t *comp, const int32_t *mult, const int32_t *shift, const void *ws, int8_t *y);
LB_KAPI void lb_k_qconv2d_gemm_rq_u8u8_u8(const lb_qconv_gemm_params_t *p, const uint8_t *x, const uint8_t *w, const int32_t *w_zp,
                                      const int64_t *comp, const int32_t *mult, const int32_t *shift, const void *ws, uint8_t *y);

/* conv weights as packed signed 4-bit codes: the [OC, Kp] rows in the nk4
 * form (LB_QG_CONV_WORKSPACE4: four unpacked rows more); same results. */
#define LB_QG_CONV_WORKSPACE4(Kp, CHW) (LB_QG_CONV_WORKSPACE(Kp, CHW) + 4 * (Kp))
LB_KAPI void lb_k_qconv2d_gemm4_i8(const lb_qconv_gemm_params_t *p, const int8_t *x, const uint8_t *w, const int32_t *w_zp,
                                   const int64_t *comp, const void *ws, int32_t *y);
LB_KAPI void lb_k_qconv2d_gemm4_rq_i8_i8(const lb_qconv_gemm_params_t *p, const int8_t *x, const uint8_t *w, const int32_t *w_zp,
                                   const int64_t *comp, const int32_t *mult, const int32_t *shift, const void *ws, int8_t *y);
LB_KAPI void lb_k_qconv2d_gemm4_rq_i8_u8(const lb_qconv_gemm_params_t *p, const int8_t *x, const uint8_t *w, const int32_t *w_zp,
                                   const int64_t *comp, const int32_t *mult, const int32_t *shift, const void *ws, uint8_t *y);
LB_KAPI void lb_k_qconv2d_gemm4_u8(const lb_qconv_gemm_params_t *p, const uint8_t *x, const uint8_t *w, const int32_t *w_zp,
                                   const int64_t *comp, const void *ws, int32_t *y);
LB_KAPI void lb_k_qconv2d_gemm4_rq_u8_i8(const lb_qconv_gemm_params_t *p, const uint8_t *x, const uint8_t *w, const int32_t *w_zp,
                                   const int64_t *comp, const int32_t *mult, const int32_t *shift, const void *ws, int8_t *y);
LB_KAPI void lb_k_qconv2d_gemm4_rq_u8_u8(const lb_qconv_gemm_params_t *p, const uint8_t *x, const uint8_t *w, const int32_t *w_zp,
                                   const int64_t *comp, const int32_t *mult, const int32_t *shift, const void *ws, uint8_t *y);

/* b as packed signed 4-bit codes (lb-pack-layout's 4-bit form, see qgemm.c): same results. */
LB_KAPI void lb_k_qmatmul_nk4_i8(const lb_qgemm_params_t *p, const int8_t *a, const uint8_t *b, const int32_t *b_zp,
                              const int64_t *comp, const void *ws, int32_t *y);
LB_KAPI void lb_k_qmatmul_nk4_rq_i8_i8(const lb_qgemm_params_t *p, const int8_t *a, const uint8_t *b, const int32_t *b_zp,
                                   const int64_t *comp, const int32_t *mult, const int32_t *shift, const void *ws, int8_t *y);
LB_KAPI void lb_k_qmatmul_nk4_rq_i8_u8(const lb_qgemm_params_t *p, const int8_t *a, const uint8_t *b, const int32_t *b_zp,
                                   const int64_t *comp, const int32_t *mult, const int32_t *shift, const void *ws, uint8_t *y);
LB_KAPI void lb_k_qmatmul_nk4_u8(const lb_qgemm_params_t *p, const uint8_t *a, const uint8_t *b, const int32_t *b_zp,
                              const int64_t *comp, const void *ws, int32_t *y);
LB_KAPI void lb_k_qmatmul_nk4_rq_u8_i8(const lb_qgemm_params_t *p, const uint8_t *a, const uint8_t *b, const int32_t *b_zp,
                                   const int64_t *comp, const int32_t *mult, const int32_t *shift, const void *ws, int8_t *y);
LB_KAPI void lb_k_qmatmul_nk4_rq_u8_u8(const lb_qgemm_params_t *p, const uint8_t *a, const uint8_t *b, const int32_t *b_zp,
                                   const int64_t *comp, const int32_t *mult, const int32_t *shift, const void *ws, uint8_t *y);

/* b as packed signed 2-bit codes (lb-pack-layout's 2-bit form, see qgemm.c): same results. */
LB_KAPI void lb_k_qmatmul_nk2_i8(const lb_qgemm_params_t *p, const int8_t *a, const uint8_t *b, const int32_t *b_zp,
                              const int64_t *comp, const void *ws, int32_t *y);
LB_KAPI void lb_k_qmatmul_nk2_rq_i8_i8(const lb_qgemm_params_t *p, const int8_t *a, const uint8_t *b, const int32_t *b_zp,
                                   const int64_t *comp, const int32_t *mult, const int32_t *shift, const void *ws, int8_t *y);
LB_KAPI void lb_k_qmatmul_nk2_rq_i8_u8(const lb_qgemm_params_t *p, const int8_t *a, const uint8_t *b, const int32_t *b_zp,
                                   const int64_t *comp, const int32_t *mult, const int32_t *shift, const void *ws, uint8_t *y);
LB_KAPI void lb_k_qmatmul_nk2_u8(const lb_qgemm_params_t *p, const uint8_t *a, const uint8_t *b, const int32_t *b_zp,
                              const int64_t *comp, const void *ws, int32_t *y);
LB_KAPI void lb_k_qmatmul_nk2_rq_u8_i8(const lb_qgemm_params_t *p, const uint8_t *a, const uint8_t *b, const int32_t *b_zp,
                                   const int64_t *comp, const int32_t *mult, const int32_t *shift, const void *ws, int8_t *y);
LB_KAPI void lb_k_qmatmul_nk2_rq_u8_u8(const lb_qgemm_params_t *p, const uint8_t *a, const uint8_t *b, const int32_t *b_zp,
                                   const int64_t *comp, const int32_t *mult, const int32_t *shift, const void *ws, uint8_t *y);

/* b as packed signed 3-bit codes (lb-pack-layout's 3-bit form, see qgemm.c): same results. */
LB_KAPI void lb_k_qmatmul_nk3_i8(const lb_qgemm_params_t *p, const int8_t *a, const uint8_t *b, const int32_t *b_zp,
                              const int64_t *comp, const void *ws, int32_t *y);
LB_KAPI void lb_k_qmatmul_nk3_rq_i8_i8(const lb_qgemm_params_t *p, const int8_t *a, const uint8_t *b, const int32_t *b_zp,
                                   const int64_t *comp, const int32_t *mult, const int32_t *shift, const void *ws, int8_t *y);
LB_KAPI void lb_k_qmatmul_nk3_rq_i8_u8(const lb_qgemm_params_t *p, const int8_t *a, const uint8_t *b, const int32_t *b_zp,
                                   const int64_t *comp, const int32_t *mult, const int32_t *shift, const void *ws, uint8_t *y);
LB_KAPI void lb_k_qmatmul_nk3_u8(const lb_qgemm_params_t *p, const uint8_t *a, const uint8_t *b, const int32_t *b_zp,
                              const int64_t *comp, const void *ws, int32_t *y);
LB_KAPI void lb_k_qmatmul_nk3_rq_u8_i8(const lb_qgemm_params_t *p, const uint8_t *a, const uint8_t *b, const int32_t *b_zp,
                                   const int64_t *comp, const int32_t *mult, const int32_t *shift, const void *ws, int8_t *y);
LB_KAPI void lb_k_qmatmul_nk3_rq_u8_u8(const lb_qgemm_params_t *p, const uint8_t *a, const uint8_t *b, const int32_t *b_zp,
                                   const int64_t *comp, const int32_t *mult, const int32_t *shift, const void *ws, uint8_t *y);
/* The same with the dequantization of the result fused into the store (lb.dequantize, f32 out). */
LB_KAPI void lb_k_qmatmul_nk_dq_i8i8(const lb_qgemm_params_t *p, const int8_t *a, const int8_t *b, const int32_t *b_zp, const int64_t *comp, const float *scale, const void *ws, float *y);
LB_KAPI void lb_k_qmatmul_nk_dq_i8u8(const lb_qgemm_params_t *p, const int8_t *a, const uint8_t *b, const int32_t *b_zp, const int64_t *comp, const float *scale, const void *ws, float *y);
LB_KAPI void lb_k_qmatmul_nk_dq_u8i8(const lb_qgemm_params_t *p, const uint8_t *a, const int8_t *b, const int32_t *b_zp, const int64_t *comp, const float *scale, const void *ws, float *y);
LB_KAPI void lb_k_qmatmul_nk_dq_u8u8(const lb_qgemm_params_t *p, const uint8_t *a, const uint8_t *b, const int32_t *b_zp, const int64_t *comp, const float *scale, const void *ws, float *y);
LB_KAPI void lb_k_qmatmul_nk4_dq_i8(const lb_qgemm_params_t *p, const int8_t *a, const uint8_t *b, const int32_t *b_zp, const int64_t *comp, const float *scale, const void *ws, float *y);
LB_KAPI void lb_k_qmatmul_nk4_dq_u8(const lb_qgemm_params_t *p, const uint8_t *a, const uint8_t *b, const int32_t *b_zp, const int64_t *comp, const float *scale, const void *ws, float *y);
LB_KAPI void lb_k_qmatmul_nk2_dq_i8(const lb_qgemm_params_t *p, const int8_t *a, const uint8_t *b, const int32_t *b_zp, const int64_t *comp, const float *scale, const void *ws, float *y);
LB_KAPI void lb_k_qmatmul_nk2_dq_u8(const lb_qgemm_params_t *p, const uint8_t *a, const uint8_t *b, const int32_t *b_zp, const int64_t *comp, const float *scale, const void *ws, float *y);
LB_KAPI void lb_k_qmatmul_nk3_dq_i8(const lb_qgemm_params_t *p, const int8_t *a, const uint8_t *b, const int32_t *b_zp, const int64_t *comp, const float *scale, const void *ws, float *y);
LB_KAPI void lb_k_qmatmul_nk3_dq_u8(const lb_qgemm_params_t *p, const uint8_t *a, const uint8_t *b, const int32_t *b_zp, const int64_t *comp, const float *scale, const void *ws, float *y);
/* The same with a float requantization fused into the store (lb.requantize with an f32 scale and no offset). */
LB_KAPI void lb_k_qmatmul_nk_rqf_i8i8_i8(const lb_qgemm_params_t *p, const int8_t *a, const int8_t *b, const int32_t *b_zp, const int64_t *comp, const float *scale, const void *ws, int8_t *y);
LB_KAPI void lb_k_qmatmul_nk_rqf_i8u8_i8(const lb_qgemm_params_t *p, const int8_t *a, const uint8_t *b, const int32_t *b_zp, const int64_t *comp, const float *scale, const void *ws, int8_t *y);
LB_KAPI void lb_k_qmatmul_nk_rqf_u8i8_i8(const lb_qgemm_params_t *p, const uint8_t *a, const int8_t *b, const int32_t *b_zp, const int64_t *comp, const float *scale, const void *ws, int8_t *y);
LB_KAPI void lb_k_qmatmul_nk_rqf_u8u8_i8(const lb_qgemm_params_t *p, const uint8_t *a, const uint8_t *b, const int32_t *b_zp, const int64_t *comp, const float *scale, const void *ws, int8_t *y);
LB_KAPI void lb_k_qmatmul_nk4_rqf_i8_i8(const lb_qgemm_params_t *p, const int8_t *a, const uint8_t *b, const int32_t *b_zp, const int64_t *comp, const float *scale, const void *ws, int8_t *y);
LB_KAPI void lb_k_qmatmul_nk4_rqf_u8_i8(const lb_qgemm_params_t *p, const uint8_t *a, const uint8_t *b, const int32_t *b_zp, const int64_t *comp, const float *scale, const void *ws, int8_t *y);
LB_KAPI void lb_k_qmatmul_nk2_rqf_i8_i8(const lb_qgemm_params_t *p, const int8_t *a, const uint8_t *b, const int32_t *b_zp, const int64_t *comp, const float *scale, const void *ws, int8_t *y);
LB_KAPI void lb_k_qmatmul_nk2_rqf_u8_i8(const lb_qgemm_params_t *p, const uint8_t *a, const uint8_t *b, const int32_t *b_zp, const int64_t *comp, const float *scale, const void *ws, int8_t *y);
LB_KAPI void lb_k_qmatmul_nk3_rqf_i8_i8(const lb_qgemm_params_t *p, const int8_t *a, const uint8_t *b, const int32_t *b_zp, const int64_t *comp, const float *scale, const void *ws, int8_t *y);
LB_KAPI void lb_k_qmatmul_nk3_rqf_u8_i8(const lb_qgemm_params_t *p, const uint8_t *a, const uint8_t *b, const int32_t *b_zp, const int64_t *comp, const float *scale, const void *ws, int8_t *y);
LB_KAPI void lb_k_qmatmul_nk_rqf_i8i8_u8(const lb_qgemm_params_t *p, const int8_t *a, const int8_t *b, const int32_t *b_zp, const int64_t *comp, const float *scale, const void *ws, uint8_t *y);
LB_KAPI void lb_k_qmatmul_nk_rqf_i8u8_u8(const lb_qgemm_params_t *p, const int8_t *a, const uint8_t *b, const int32_t *b_zp, const int64_t *comp, const float *scale, const void *ws, uint8_t *y);
LB_KAPI void lb_k_qmatmul_nk_rqf_u8i8_u8(const lb_qgemm_params_t *p, const uint8_t *a, const int8_t *b, const int32_t *b_zp, const int64_t *comp, const float *scale, const void *ws, uint8_t *y);
LB_KAPI void lb_k_qmatmul_nk_rqf_u8u8_u8(const lb_qgemm_params_t *p, const uint8_t *a, const uint8_t *b, const int32_t *b_zp, const int64_t *comp, const float *scale, const void *ws, uint8_t *y);
LB_KAPI void lb_k_qmatmul_nk4_rqf_i8_u8(const lb_qgemm_params_t *p, const int8_t *a, const uint8_t *b, const int32_t *b_zp, const int64_t *comp, const float *scale, const void *ws, uint8_t *y);
LB_KAPI void lb_k_qmatmul_nk4_rqf_u8_u8(const lb_qgemm_params_t *p, const uint8_t *a, const uint8_t *b, const int32_t *b_zp, const int64_t *comp, const float *scale, const void *ws, uint8_t *y);
LB_KAPI void lb_k_qmatmul_nk2_rqf_i8_u8(const lb_qgemm_params_t *p, const int8_t *a, const uint8_t *b, const int32_t *b_zp, const int64_t *comp, const float *scale, const void *ws, uint8_t *y);
LB_KAPI void lb_k_qmatmul_nk2_rqf_u8_u8(const lb_qgemm_params_t *p, const uint8_t *a, const uint8_t *b, const int32_t *b_zp, const int64_t *comp, const float *scale, const void *ws, uint8_t *y);
LB_KAPI void lb_k_qmatmul_nk3_rqf_i8_u8(const lb_qgemm_params_t *p, const int8_t *a, const uint8_t *b, const int32_t *b_zp, const int64_t *comp, const float *scale, const void *ws, uint8_t *y);
LB_KAPI void lb_k_qmatmul_nk3_rqf_u8_u8(const lb_qgemm_params_t *p, const uint8_t *a, const uint8_t *b, const int32_t *b_zp, const int64_t *comp, const float *scale, const void *ws, uint8_t *y);

#endif
