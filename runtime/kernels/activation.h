/* Elementwise float activations. */
#ifndef LB_KERNELS_ACTIVATION_H
#define LB_KERNELS_ACTIVATION_H

#include "runtime/kernels/params.h"

/* `count` elements; alpha/beta are the op's scalar attributes where it has
 * any (clip: alpha = min, beta = max). */
#define LB_UNARY_PARAMS(S, A, T) S(T, I64, count) S(T, F32, alpha) S(T, F32, beta)
LB_DEFINE_PARAMS(lb_unary_params, LB_UNARY_PARAMS)

/* The ONNX activations, in float32 unless noted (alpha, beta from the
 * params): hard_sigmoid t = alpha x + beta clamped to [0, 1]; hard_swish
 * x * t; elu, selu (beta = gamma) and celu through exp in binary64
 * (lb__exp_d), rounded once to float; thresholded_relu x > alpha ? x : 0;
 * softsign x / (1 + |x|). */
LB_KAPI void lb_k_hard_sigmoid_f32(const lb_unary_params_t *p, const float *x, float *y);
LB_KAPI void lb_k_hard_swish_f32(const lb_unary_params_t *p, const float *x, float *y);
LB_KAPI void lb_k_elu_f32(const lb_unary_params_t *p, const float *x, float *y);
LB_KAPI void lb_k_selu_f32(const lb_unary_params_t *p, const float *x, float *y);
LB_KAPI void lb_k_celu_f32(const lb_unary_params_t *p, const float *x, float *y);
LB_KAPI void lb_k_thresholded_relu_f32(const lb_unary_params_t *p, const float *x, float *y);
LB_KAPI void lb_k_softsign_f32(const lb_unary_params_t *p, const float *x, float *y);
/* y = x > 0 ? x : 0 (so relu(-0) = 0 and relu(NaN) = 0). */
LB_KAPI void lb_k_relu_f32(const lb_unary_params_t *p, const float *x, float *y);
/* y = x < alpha ? alpha : (x > beta ? beta : x); with alpha > beta every
 * output is beta (ONNX: min(max(x, lo), hi)). */
LB_KAPI void lb_k_clip_f32(const lb_unary_params_t *p, const float *x, float *y);
/* Each in binary64, rounded once to float (lb__erf_d, lb__tanh_d of
 * common.h; sqrt is correctly rounded by IEEE 754):
 *   erf, tanh, sqrt;
 *   gelu: 0.5 x (1 + erf(x / sqrt 2)), or with alpha = 1 the tanh form
 *         0.5 x (1 + tanh(sqrt(2 / pi) (x + 0.044715 x^3))). */
LB_KAPI void lb_k_erf_f32(const lb_unary_params_t *p, const float *x, float *y);
LB_KAPI void lb_k_tanh_f32(const lb_unary_params_t *p, const float *x, float *y);
LB_KAPI void lb_k_sqrt_f32(const lb_unary_params_t *p, const float *x, float *y);
LB_KAPI void lb_k_gelu_f32(const lb_unary_params_t *p, const float *x, float *y);
/* y = x >= 0 ? x : alpha * x (LeakyRelu; NaN stays NaN). */
LB_KAPI void lb_k_leaky_relu_f32(const lb_unary_params_t *p, const float *x, float *y);
/* y = round half to even of x (Round). */
LB_KAPI void lb_k_round_f32(const lb_unary_params_t *p, const float *x, float *y);

#endif
