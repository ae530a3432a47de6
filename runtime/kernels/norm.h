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

LB_KAPI void lb_k_softmax_f32(const lb_softmax_params_t *p, const float *x, float *y);
LB_KAPI void lb_k_batchnorm_f32(const lb_batchnorm_params_t *p, const float *x, const float *scale,
                                const float *bias, const float *mean, const float *var, float *y);

#endif
