/* 2-D convolution kernels (float, and 8-bit integers signed or unsigned). */
#ifndef LB_KERNELS_CONV_H
#define LB_KERNELS_CONV_H

#include "runtime/kernels/params.h"

/* 2-D convolution, NCHW input, OIHW weight ([OC, C/group, KH, KW]).
 * Padding positions contribute nothing (in the integer variants they stand
 * for x_zp, i.e. real zero). The integer variants qconv2d_XW (X, W = i8 or
 * u8: the input and weight types) accumulate
 * bias[oc] + sum (x - x_zp[0]) * (w - w_zp[w_zp_per_channel ? oc : 0])
 * in int32, or in int64 for the _i64 variants (used when int32 is not
 * provably safe). The zero points are int32 tensors. */
#define LB_CONV2D_PARAMS(S, A, T)                                                                  \
  S(T, I64, N) S(T, I64, C) S(T, I64, H) S(T, I64, W) S(T, I64, OC) S(T, I64, OH) S(T, I64, OW)    \
  S(T, I64, KH) S(T, I64, KW) S(T, I64, stride_h) S(T, I64, stride_w) S(T, I64, pad_t)             \
  S(T, I64, pad_l) S(T, I64, dil_h) S(T, I64, dil_w) S(T, I64, group) S(T, I32, has_bias)          \
  S(T, I32, w_zp_per_channel)
LB_DEFINE_PARAMS(lb_conv2d_params, LB_CONV2D_PARAMS)

LB_KAPI void lb_k_conv2d_f32(const lb_conv2d_params_t *p, const float *x, const float *w, const float *b, float *y);
/* Transposed convolution: C input channels, w [C, OC / group, KH, KW]; y
 * starts at the bias (or 0) and every input pixel adds its products, in the
 * order n, input channel, h, w, output channel, kh, kw. */
LB_KAPI void lb_k_conv_transpose_f32(const lb_conv2d_params_t *p, const float *x, const float *w, const float *b,
                                     float *y);
LB_KAPI void lb_k_qconv2d_i8i8(const lb_conv2d_params_t *p, const int8_t *x, const int8_t *w, const int32_t *x_zp,
                          const int32_t *w_zp, const int32_t *b, int32_t *y);
LB_KAPI void lb_k_qconv2d_i8i8_i64(const lb_conv2d_params_t *p, const int8_t *x, const int8_t *w, const int32_t *x_zp,
                          const int32_t *w_zp, const int32_t *b, int64_t *y);
LB_KAPI void lb_k_qconv2d_i8u8(const lb_conv2d_params_t *p, const int8_t *x, const uint8_t *w, const int32_t *x_zp,
                          const int32_t *w_zp, const int32_t *b, int32_t *y);
LB_KAPI void lb_k_qconv2d_i8u8_i64(const lb_conv2d_params_t *p, const int8_t *x, const uint8_t *w, const int32_t *x_zp,
                          const int32_t *w_zp, const int32_t *b, int64_t *y);
LB_KAPI void lb_k_qconv2d_u8i8(const lb_conv2d_params_t *p, const uint8_t *x, const int8_t *w, const int32_t *x_zp,
                          const int32_t *w_zp, const int32_t *b, int32_t *y);
LB_KAPI void lb_k_qconv2d_u8i8_i64(const lb_conv2d_params_t *p, const uint8_t *x, const int8_t *w, const int32_t *x_zp,
                          const int32_t *w_zp, const int32_t *b, int64_t *y);
LB_KAPI void lb_k_qconv2d_u8u8(const lb_conv2d_params_t *p, const uint8_t *x, const uint8_t *w, const int32_t *x_zp,
                          const int32_t *w_zp, const int32_t *b, int32_t *y);
LB_KAPI void lb_k_qconv2d_u8u8_i64(const lb_conv2d_params_t *p, const uint8_t *x, const uint8_t *w, const int32_t *x_zp,
                          const int32_t *w_zp, const int32_t *b, int64_t *y);

#endif
