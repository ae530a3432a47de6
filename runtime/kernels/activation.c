/* Elementwise activation reference kernels (see activation.h). */
#ifndef LB_KERNELS_EMBEDDED
#include "runtime/kernels/activation.h"

#include "runtime/kernels/common.h"
#include "runtime/kernels/registry.h"
#endif

#if defined(LB_USE_ALL_KERNELS) || defined(LB_USE_lb_k_relu_f32)
LB_KAPI void lb_k_relu_f32(const lb_unary_params_t *p, const float *x, float *y) {
  int64_t i;
  for (i = 0; i < p->count; ++i) y[i] = x[i] > 0.0f ? x[i] : 0.0f;
}
#endif

#if defined(LB_USE_ALL_KERNELS) || defined(LB_USE_lb_k_clip_f32)
LB_KAPI void lb_k_clip_f32(const lb_unary_params_t *p, const float *x, float *y) {
  int64_t i;
  for (i = 0; i < p->count; ++i) {
    float v = x[i] < p->alpha ? p->alpha : x[i];
    y[i] = v > p->beta ? p->beta : v;
  }
}
#endif

#if defined(LB_USE_ALL_KERNELS) || defined(LB_USE_lb_k_sigmoid_f32)
/* y = 1 / (1 + lb__expf(-x)), in that order: 0 below about -88, 1 above
 * about 17, NaN stays NaN. */
LB_KAPI void lb_k_sigmoid_f32(const lb_unary_params_t *p, const float *x, float *y) {
  int64_t i;
  for (i = 0; i < p->count; ++i) y[i] = 1.0f / (1.0f + lb__expf(-x[i]));
}
#endif

#if defined(LB_USE_ALL_KERNELS) || defined(LB_USE_lb_k_round_f32)
LB_KAPI void lb_k_round_f32(const lb_unary_params_t *p, const float *x, float *y) {
  int64_t i;
  for (i = 0; i < p->count; ++i) y[i] = lb__roundevenf(x[i]);
}
#endif

#if defined(LB_USE_ALL_KERNELS) || defined(LB_USE_lb_k_erf_f32)
LB_KAPI void lb_k_erf_f32(const lb_unary_params_t *p, const float *x, float *y) {
  int64_t i;
  for (i = 0; i < p->count; ++i) y[i] = (float)lb__erf_d((double)x[i]);
}
#endif

#if defined(LB_USE_ALL_KERNELS) || defined(LB_USE_lb_k_tanh_f32)
LB_KAPI void lb_k_tanh_f32(const lb_unary_params_t *p, const float *x, float *y) {
  int64_t i;
  for (i = 0; i < p->count; ++i) y[i] = (float)lb__tanh_d((double)x[i]);
}
#endif

#if defined(LB_USE_ALL_KERNELS) || defined(LB_USE_lb_k_sqrt_f32)
LB_KAPI void lb_k_sqrt_f32(const lb_unary_params_t *p, const float *x, float *y) {
  int64_t i;
  for (i = 0; i < p->count; ++i) y[i] = sqrtf(x[i]);
}
#endif

#if defined(LB_USE_ALL_KERNELS) || defined(LB_USE_lb_k_gelu_f32)
LB_KAPI void lb_k_gelu_f32(const lb_unary_params_t *p, const float *x, float *y) {
  int64_t i;
  for (i = 0; i < p->count; ++i) {
    double v = (double)x[i], g;
    if (p->alpha != 0.0f) g = 0.5 * v * (1.0 + lb__tanh_d(0.7978845608028654 * (v + 0.044715 * v * v * v)));
    else g = 0.5 * v * (1.0 + lb__erf_d(v * 0.7071067811865476));
    y[i] = (float)g;
  }
}
#endif

#if defined(LB_USE_ALL_KERNELS) || defined(LB_USE_lb_k_leaky_relu_f32)
LB_KAPI void lb_k_leaky_relu_f32(const lb_unary_params_t *p, const float *x, float *y) {
  int64_t i;
  for (i = 0; i < p->count; ++i) y[i] = x[i] < 0.0f ? p->alpha * x[i] : x[i];
}
#endif

#ifndef LB_KERNELS_EMBEDDED
LB_DESCRIBE_PARAMS(lb_unary_params, LB_UNARY_PARAMS)
LB_REGISTER_KERNEL(activation, relu_f32, lb_unary_params, 1)
LB_REGISTER_KERNEL(activation, clip_f32, lb_unary_params, 1)
LB_REGISTER_KERNEL(activation, sigmoid_f32, lb_unary_params, 1)
LB_REGISTER_KERNEL(activation, round_f32, lb_unary_params, 1)
LB_REGISTER_KERNEL(activation, erf_f32, lb_unary_params, 1)
LB_REGISTER_KERNEL(activation, tanh_f32, lb_unary_params, 1)
LB_REGISTER_KERNEL(activation, sqrt_f32, lb_unary_params, 1)
LB_REGISTER_KERNEL(activation, gelu_f32, lb_unary_params, 1)
LB_REGISTER_KERNEL(activation, leaky_relu_f32, lb_unary_params, 1)
#endif
