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
  for (i = 0; i < p->count; ++i) y[i] = lb__leaky_relu(x[i], p->alpha);
}
#endif

/* The ONNX activations: the scalar forms of common.h, alpha and beta from the params. */
#if defined(LB_USE_ALL_KERNELS) || defined(LB_USE_lb_k_hard_sigmoid_f32)
LB_KAPI void lb_k_hard_sigmoid_f32(const lb_unary_params_t *p, const float *x, float *y) {
  int64_t i;
  for (i = 0; i < p->count; ++i) y[i] = lb__hard_sigmoid(x[i], p->alpha, p->beta);
}
#endif

#if defined(LB_USE_ALL_KERNELS) || defined(LB_USE_lb_k_hard_swish_f32)
LB_KAPI void lb_k_hard_swish_f32(const lb_unary_params_t *p, const float *x, float *y) {
  int64_t i;
  for (i = 0; i < p->count; ++i) y[i] = lb__hard_swish(x[i], p->alpha, p->beta);
}
#endif

#if defined(LB_USE_ALL_KERNELS) || defined(LB_USE_lb_k_elu_f32)
LB_KAPI void lb_k_elu_f32(const lb_unary_params_t *p, const float *x, float *y) {
  int64_t i;
  for (i = 0; i < p->count; ++i) y[i] = lb__elu(x[i], p->alpha);
}
#endif

#if defined(LB_USE_ALL_KERNELS) || defined(LB_USE_lb_k_selu_f32)
LB_KAPI void lb_k_selu_f32(const lb_unary_params_t *p, const float *x, float *y) {
  int64_t i;
  for (i = 0; i < p->count; ++i) y[i] = lb__selu(x[i], p->alpha, p->beta);
}
#endif

#if defined(LB_USE_ALL_KERNELS) || defined(LB_USE_lb_k_celu_f32)
LB_KAPI void lb_k_celu_f32(const lb_unary_params_t *p, const float *x, float *y) {
  int64_t i;
  for (i = 0; i < p->count; ++i) y[i] = lb__celu(x[i], p->alpha);
}
#endif

#if defined(LB_USE_ALL_KERNELS) || defined(LB_USE_lb_k_thresholded_relu_f32)
LB_KAPI void lb_k_thresholded_relu_f32(const lb_unary_params_t *p, const float *x, float *y) {
  int64_t i;
  for (i = 0; i < p->count; ++i) y[i] = lb__thresholded_relu(x[i], p->alpha);
}
#endif

#if defined(LB_USE_ALL_KERNELS) || defined(LB_USE_lb_k_softsign_f32)
LB_KAPI void lb_k_softsign_f32(const lb_unary_params_t *p, const float *x, float *y) {
  int64_t i;
  for (i = 0; i < p->count; ++i) y[i] = lb__softsign(x[i]);
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
LB_REGISTER_KERNEL(activation, hard_sigmoid_f32, lb_unary_params, 1)
LB_REGISTER_KERNEL(activation, hard_swish_f32, lb_unary_params, 1)
LB_REGISTER_KERNEL(activation, elu_f32, lb_unary_params, 1)
LB_REGISTER_KERNEL(activation, selu_f32, lb_unary_params, 1)
LB_REGISTER_KERNEL(activation, celu_f32, lb_unary_params, 1)
LB_REGISTER_KERNEL(activation, thresholded_relu_f32, lb_unary_params, 1)
LB_REGISTER_KERNEL(activation, softsign_f32, lb_unary_params, 1)
LB_REGISTER_KERNEL(activation, sqrt_f32, lb_unary_params, 1)
LB_REGISTER_KERNEL(activation, gelu_f32, lb_unary_params, 1)
LB_REGISTER_KERNEL(activation, leaky_relu_f32, lb_unary_params, 1)
#endif
