/* Elementwise binary float kernels with numpy broadcasting. */
#ifndef LB_KERNELS_BINARY_H
#define LB_KERNELS_BINARY_H

#include "runtime/kernels/params.h"

/* op: 0 add, 1 sub, 2 mul, 3 div, 4 min, 5 max (min/max: a NaN operand
 * gives NaN, the first one's if both are). */
#define LB_BIN_ADD 0
#define LB_BIN_SUB 1
#define LB_BIN_MUL 2
#define LB_BIN_DIV 3
#define LB_BIN_MIN 4
#define LB_BIN_MAX 5

/* Elementwise binary op over `rank` output dims with per-operand element
 * strides (0 on broadcast dims); output is dense row-major. */
#define LB_BINARY_PARAMS(S, A, T)                                                      \
  S(T, I32, op) S(T, I32, rank) A(T, I64, dims, LB_MAX_RANK) A(T, I64, a_strides, LB_MAX_RANK) \
  A(T, I64, b_strides, LB_MAX_RANK)
LB_DEFINE_PARAMS(lb_binary_params, LB_BINARY_PARAMS)

LB_KAPI void lb_k_binary_f32(const lb_binary_params_t *p, const float *a, const float *b, float *y);

#endif
