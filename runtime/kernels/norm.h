/* Normalization kernels: softmax and inference batch normalization. */
#ifndef LB_KERNELS_NORM_H
#define LB_KERNELS_NORM_H

#include "runtime/kernels/params.h"

/* Softmax along the middle dim of [outer, n, inner]: subtract max, exp
 * (lb__expf, exact to float32 across platforms), divide by the sum. */
#define LB_SOFTMAX_PARAMS(S, A, T) S(T, I64, outer) S(T, I64, n) S(T, I64, inner)
LB_DEFINE_PARAMS(lb_softmax_params, LB_SOFTMAX_PARAMS)

/* Inference batch normalisation over [N, C, HW]:
 * y = (x - mean[c]) / sqrt(var[c] + eps) * scale[c] + bias[c]. */
#define LB_BATCHNORM_PARAMS(S, A, T) S(T, I64, N) S(T, I64, C) S(T, I64, HW) S(T, F32, eps)
LB_DEFINE_PARAMS(lb_batchnorm_params, LB_BATCHNORM_PARAMS)

/* Layer / RMS normalization of each of `outer` rows of n elements, in
 * binary64, rounded once: layer: y = (x - mean) / sqrt(var + eps) * scale[j]
 * (+ bias[j] when has_bias), var the biased variance; rms: y = x /
 * sqrt(mean(x^2) + eps) * scale[j]. */
#define LB_LAYERNORM_PARAMS(S, A, T) S(T, I64, outer) S(T, I64, n) S(T, F32, eps) S(T, I32, has_bias)
LB_DEFINE_PARAMS(lb_layernorm_params, LB_LAYERNORM_PARAMS)

LB_KAPI void lb_k_layer_norm_f32(const lb_layernorm_params_t *p, const float *x, const float *scale, const float *bias,
                                 float *y);
LB_KAPI void lb_k_rms_norm_f32(const lb_layernorm_params_t *p, const float *x, const float *scale, float *y);
LB_KAPI void lb_k_softmax_f32(const lb_softmax_params_t *p, const float *x, float *y);
LB_KAPI void lb_k_batchnorm_f32(const lb_batchnorm_params_t *p, const float *x, const float *scale,
                                const float *bias, const float *mean, const float *var, float *y);

#endif
