/* 2-D pooling kernels over NCHW. */
#ifndef LB_KERNELS_POOL_H
#define LB_KERNELS_POOL_H

#include "runtime/kernels/params.h"

/* Window positions outside the input are skipped by max pooling. Average
 * pooling divides by the number of window positions inside the input, or,
 * with count_include_pad, inside the padded input
 * [-pad_t, H + pad_b) x [-pad_l, W + pad_r). */
#define LB_POOL2D_PARAMS(S, A, T)                                                                \
  S(T, I64, N) S(T, I64, C) S(T, I64, H) S(T, I64, W) S(T, I64, OH) S(T, I64, OW) S(T, I64, KH)  \
  S(T, I64, KW) S(T, I64, stride_h) S(T, I64, stride_w) S(T, I64, pad_t) S(T, I64, pad_l)         \
  S(T, I64, pad_b) S(T, I64, pad_r) S(T, I64, dil_h) S(T, I64, dil_w) S(T, I32, count_include_pad)
LB_DEFINE_PARAMS(lb_pool2d_params, LB_POOL2D_PARAMS)

/* Global average pooling: Y[nc] = sum(X[nc, 0..hw)) / hw, summed in float32
 * in ascending order. */
#define LB_GAP_PARAMS(S, A, T) S(T, I64, NC) S(T, I64, HW)
LB_DEFINE_PARAMS(lb_gap_params, LB_GAP_PARAMS)

/* Average pooling of 8-bit integers: the windows of LB_POOL2D_PARAMS; the
 * value of dequantize -> avg_pool -> quantize computed in one pass, bit for
 * bit (float32 inside: see pool.c). */
#define LB_QPOOL2D_PARAMS(S, A, T)                                                                    \
  LB_POOL2D_PARAMS(S, A, T) S(T, I32, x_zero_point) S(T, I32, y_zero_point) S(T, F32, x_scale)        \
  S(T, F32, y_scale)
LB_DEFINE_PARAMS(lb_qpool2d_params, LB_QPOOL2D_PARAMS)

LB_KAPI void lb_k_maxpool_f32(const lb_pool2d_params_t *p, const float *x, float *y);
LB_KAPI void lb_k_maxpool_i8(const lb_pool2d_params_t *p, const int8_t *x, int8_t *y);
LB_KAPI void lb_k_maxpool_u8(const lb_pool2d_params_t *p, const uint8_t *x, uint8_t *y);
LB_KAPI void lb_k_avgpool_f32(const lb_pool2d_params_t *p, const float *x, float *y);
LB_KAPI void lb_k_gap_f32(const lb_gap_params_t *p, const float *x, float *y);
LB_KAPI void lb_k_qavgpool_i8(const lb_qpool2d_params_t *p, const int8_t *x, int8_t *y);
LB_KAPI void lb_k_qavgpool_u8(const lb_qpool2d_params_t *p, const uint8_t *x, uint8_t *y);

#endif
