/* Resize kernels over NCHW: the two spatial dims (ONNX Resize, Upsample). */
#ifndef LB_KERNELS_RESIZE_H
#define LB_KERNELS_RESIZE_H

#include "runtime/kernels/params.h"

/* coord: 0 half_pixel, 1 asymmetric, 2 align_corners, 3 pytorch_half_pixel,
 * 4 tf_half_pixel_for_nn. nearest: 0 round_prefer_floor, 1 round_prefer_ceil,
 * 2 floor, 3 ceil. The source coordinate of output index o along a dim of
 * input length n, output length m and scale s is computed in float32:
 *   half_pixel (o + 0.5) / s - 0.5; asymmetric o / s;
 *   align_corners m == 1 ? 0 : o * (n - 1) / (m - 1);
 *   pytorch_half_pixel m > 1 ? (o + 0.5) / s - 0.5 : 0;
 *   tf_half_pixel_for_nn (o + 0.5) / s.
 * Nearest rounds it by `nearest` and clamps it to [0, n - 1]; linear clamps
 * it to [0, n - 1] and interpolates between floor and floor + 1 (clamped):
 * per dim the weights (1 - f, f), rows first, then columns. */
#define LB_RESIZE_PARAMS(S, A, T)                                                                     \
  S(T, I64, NC) S(T, I64, H) S(T, I64, W) S(T, I64, OH) S(T, I64, OW) S(T, F32, scale_h) S(T, F32, scale_w) \
  S(T, I32, coord) S(T, I32, nearest)
LB_DEFINE_PARAMS(lb_resize_params, LB_RESIZE_PARAMS)

LB_KAPI void lb_k_resize_nearest_f32(const lb_resize_params_t *p, const float *x, float *y);
/* 8-bit codes of either signedness (nearest only moves them) */
LB_KAPI void lb_k_resize_nearest_x8(const lb_resize_params_t *p, const void *x, void *y);
LB_KAPI void lb_k_resize_linear_f32(const lb_resize_params_t *p, const float *x, float *y);

#endif
