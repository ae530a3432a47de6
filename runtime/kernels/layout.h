/* Data-movement kernels: transpose and copy (any element type). */
#ifndef LB_KERNELS_LAYOUT_H
#define LB_KERNELS_LAYOUT_H

#include "runtime/kernels/params.h"

/* Permutation of a dense tensor of elem_size-byte elements:
 * out dim i = in dim perm[i]. */
#define LB_TRANSPOSE_PARAMS(S, A, T) \
  S(T, I32, rank) S(T, I32, elem_size) A(T, I64, in_dims, LB_MAX_RANK) A(T, I32, perm, LB_MAX_RANK)
LB_DEFINE_PARAMS(lb_transpose_params, LB_TRANSPOSE_PARAMS)

/* Byte copy (a graph output that is an input, a constant or another output). */
#define LB_COPY_PARAMS(S, A, T) S(T, I64, nbytes)
LB_DEFINE_PARAMS(lb_copy_params, LB_COPY_PARAMS)

LB_KAPI void lb_k_transpose(const lb_transpose_params_t *p, const void *x, void *y);
LB_KAPI void lb_k_copy(const lb_copy_params_t *p, const void *x, void *y);

#endif
