/* Reductions over a set of axes. */
#ifndef LB_KERNELS_REDUCE_H
#define LB_KERNELS_REDUCE_H

#include "runtime/kernels/params.h"

/* op: 0 sum, 1 mean, 2 max, 3 min. */
#define LB_RED_SUM 0
#define LB_RED_MEAN 1
#define LB_RED_MAX 2
#define LB_RED_MIN 3

/* Reduces a dense [dims] input over the dims with out_strides[d] == 0; the
 * output (dense, keepdims or not) has element strides out_strides on the
 * kept dims. Elements are combined in row-major input order in float32
 * (max/min: a NaN gives NaN); mean divides the sum by `count` once. */
#define LB_REDUCE_PARAMS(S, A, T) \
  S(T, I32, op) S(T, I32, rank) A(T, I64, dims, LB_MAX_RANK) A(T, I64, out_strides, LB_MAX_RANK) S(T, I64, out_count) S(T, I64, count)
LB_DEFINE_PARAMS(lb_reduce_params, LB_REDUCE_PARAMS)

LB_KAPI void lb_k_reduce_f32(const lb_reduce_params_t *p, const float *x, float *y);

#endif
