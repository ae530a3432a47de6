/* Resize reference kernels (see resize.h). */
#ifndef LB_KERNELS_EMBEDDED
#include "runtime/kernels/resize.h"

#include "runtime/kernels/common.h"
#include "runtime/kernels/registry.h"
#endif

#if defined(LB_USE_ALL_KERNELS) || defined(LB_USE_lb_k_resize_nearest_f32) || defined(LB_USE_lb_k_resize_nearest_x8) || defined(LB_USE_lb_k_resize_linear_f32)
/* The source coordinate of output index o (resize.h). */
static inline float lb__resize_src(int64_t o, int64_t n, int64_t m, float s, int32_t coord) {
  float of = (float)o;
  switch (coord) {
    case 1: return of / s;
    case 2: return m == 1 ? 0.0f : of * (float)(n - 1) / (float)(m - 1);
    case 3: return m > 1 ? (of + 0.5f) / s - 0.5f : 0.0f;
    case 4: return (of + 0.5f) / s;
    default: return (of + 0.5f) / s - 0.5f;
  }
}

/* The input index nearest to source coordinate v, clamped to [0, n - 1]. */
static inline int64_t lb__resize_nearest(float v, int64_t n, int32_t mode) {
  float fl, frac;
  int64_t i;
  if (v != v) return 0;
  if (v > (float)n) v = (float)n; /* far outside: clamped below anyway; keeps the casts in range */
  if (v < -1.0f) v = -1.0f;
  fl = floorf(v);
  frac = v - fl;
  switch (mode) {
    case 1: i = (int64_t)(frac >= 0.5f ? fl + 1.0f : fl); break;  /* round_prefer_ceil */
    case 2: i = (int64_t)fl; break;                               /* floor */
    case 3: i = (int64_t)ceilf(v); break;                         /* ceil */
    default: i = (int64_t)(frac > 0.5f ? fl + 1.0f : fl); break;  /* round_prefer_floor */
  }
  return i < 0 ? 0 : (i > n - 1 ? n - 1 : i);
}
#endif

#if defined(LB_USE_ALL_KERNELS) || defined(LB_USE_lb_k_resize_nearest_f32) || defined(LB_USE_lb_k_resize_nearest_x8)
#define LB__RESIZE_NEAREST(T, X, Y)                                                                    \
  const T *x = (const T *)(X);                                                                         \
  T *y = (T *)(Y);                                                                                     \
  int64_t nc, oh, ow;                                                                                  \
  for (oh = 0; oh < p->OH; ++oh) {                                                                     \
    int64_t ih = lb__resize_nearest(lb__resize_src(oh, p->H, p->OH, p->scale_h, p->coord), p->H, p->nearest); \
    for (ow = 0; ow < p->OW; ++ow) {                                                                   \
      int64_t iw = lb__resize_nearest(lb__resize_src(ow, p->W, p->OW, p->scale_w, p->coord), p->W, p->nearest); \
      for (nc = 0; nc < p->NC; ++nc) y[(nc * p->OH + oh) * p->OW + ow] = x[(nc * p->H + ih) * p->W + iw];  \
    }                                                                                                  \
  }
#endif

#if defined(LB_USE_ALL_KERNELS) || defined(LB_USE_lb_k_resize_nearest_f32)
LB_KAPI void lb_k_resize_nearest_f32(const lb_resize_params_t *p, const float *xf, float *yf) {
  LB__RESIZE_NEAREST(float, xf, yf)
}
#endif

#if defined(LB_USE_ALL_KERNELS) || defined(LB_USE_lb_k_resize_nearest_x8)
/* 8-bit codes of either signedness: nearest only moves them */
LB_KAPI void lb_k_resize_nearest_x8(const lb_resize_params_t *p, const void *xv, void *yv) {
  LB__RESIZE_NEAREST(uint8_t, xv, yv)
}
#endif

#if defined(LB_USE_ALL_KERNELS) || defined(LB_USE_lb_k_resize_linear_f32)
/* Clamped source coordinate v of a dim of length n: the two indices and the weight of the second. */
static inline void lb__resize_lin(float v, int64_t n, int64_t *i0, int64_t *i1, float *f) {
  float c = v != v ? 0.0f : v;
  c = c < 0.0f ? 0.0f : (c > (float)(n - 1) ? (float)(n - 1) : c);
  *i0 = (int64_t)c; /* c >= 0: truncation is floor */
  *i1 = *i0 + 1 < n ? *i0 + 1 : n - 1;
  *f = c - (float)*i0;
}

LB_KAPI void lb_k_resize_linear_f32(const lb_resize_params_t *p, const float *x, float *y) {
  int64_t nc, oh, ow;
  for (oh = 0; oh < p->OH; ++oh) {
    int64_t h0, h1;
    float fh;
    lb__resize_lin(lb__resize_src(oh, p->H, p->OH, p->scale_h, p->coord), p->H, &h0, &h1, &fh);
    for (ow = 0; ow < p->OW; ++ow) {
      int64_t w0, w1;
      float fw;
      lb__resize_lin(lb__resize_src(ow, p->W, p->OW, p->scale_w, p->coord), p->W, &w0, &w1, &fw);
      for (nc = 0; nc < p->NC; ++nc) {
        const float *b = x + nc * p->H * p->W;
        float top = b[h0 * p->W + w0] * (1.0f - fw) + b[h0 * p->W + w1] * fw;
        float bot = b[h1 * p->W + w0] * (1.0f - fw) + b[h1 * p->W + w1] * fw;
        y[(nc * p->OH + oh) * p->OW + ow] = top * (1.0f - fh) + bot * fh;
      }
    }
  }
}
#endif

#ifndef LB_KERNELS_EMBEDDED
LB_DESCRIBE_PARAMS(lb_resize_params, LB_RESIZE_PARAMS)
LB_REGISTER_KERNEL(resize, resize_nearest_f32, lb_resize_params, 1)
LB_REGISTER_KERNEL(resize, resize_nearest_x8, lb_resize_params, 1)
LB_REGISTER_KERNEL(resize, resize_linear_f32, lb_resize_params, 1)
#endif
