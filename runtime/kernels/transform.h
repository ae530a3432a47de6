/* Orthogonal transforms applied online: the normalized Walsh-Hadamard
 * transform (lb.hadamard), used where a rotation cannot be folded into a
 * weight (passes/rotate.c). */
#ifndef LB_KERNELS_TRANSFORM_H
#define LB_KERNELS_TRANSFORM_H

#include "runtime/kernels/params.h"

/* Each of `outer` contiguous blocks of n = 2^k floats becomes x H_n / sqrt(n),
 * H_n the Sylvester-ordered Hadamard matrix (H_1 = [1], H_2m = [[H_m, H_m],
 * [H_m, -H_m]]): k butterfly stages in float (a + b, a - b, no contraction),
 * then one multiply by the float nearest 1 / sqrt(n). O(n log n) per block;
 * y may not alias x. */
#define LB_HADAMARD_PARAMS(S, A, T) S(T, I64, outer) S(T, I64, n)
LB_DEFINE_PARAMS(lb_hadamard_params, LB_HADAMARD_PARAMS)

LB_KAPI void lb_k_hadamard_f32(const lb_hadamard_params_t *p, const float *x, float *y);

#endif
