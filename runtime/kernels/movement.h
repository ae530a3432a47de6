/* Data movement and selection kernels of any element type: strided copy
 * (slice, expand), concatenation, gather, where, and comparisons. */
#ifndef LB_KERNELS_MOVEMENT_H
#define LB_KERNELS_MOVEMENT_H

#include "runtime/kernels/params.h"

/* y (dense, dims) from x: element (i0, ..., ir) is x[offset + sum_d i_d *
 * strides[d]] (strides in elements, 0 to broadcast, a step times the input
 * stride for a slice); elements are elem_size bytes. */
#define LB_STRIDED_PARAMS(S, A, T) \
  S(T, I32, rank) S(T, I32, elem_size) S(T, I64, offset) A(T, I64, dims, LB_MAX_RANK) A(T, I64, strides, LB_MAX_RANK)
LB_DEFINE_PARAMS(lb_strided_params, LB_STRIDED_PARAMS)

/* y = concat(a, b) along the middle dim of [outer, *, 1]: rows of a_inner
 * then b_inner elements. */
#define LB_CONCAT_PARAMS(S, A, T) S(T, I64, outer) S(T, I64, a_inner) S(T, I64, b_inner) S(T, I32, elem_size)
LB_DEFINE_PARAMS(lb_concat_params, LB_CONCAT_PARAMS)

/* y[o, j, i] = data[o, idx[j], i] over data [outer, n, inner] and nidx
 * indices (int32, or int64 when idx64); a negative index counts from the
 * end; an index outside [-n, n) gives zeros. */
#define LB_GATHER_PARAMS(S, A, T) \
  S(T, I64, outer) S(T, I64, n) S(T, I64, inner) S(T, I64, nidx) S(T, I32, elem_size) S(T, I32, idx64)
LB_DEFINE_PARAMS(lb_gather_params, LB_GATHER_PARAMS)

/* Elementwise over the broadcast output dims with per-operand strides:
 *   where:   y = c ? a : b (c one byte, nonzero = true)
 *   compare: y = a OP b as 0 / 1 bytes, OP 0 equal, 1 less, 2 greater;
 *            dtype is the operands' dtype code (support/dtype.h; f32
 *            compares as floats, NaN unequal and unordered). */
#define LB_SELECT_PARAMS(S, A, T)                                                                        \
  S(T, I32, rank) S(T, I32, elem_size) S(T, I32, op) S(T, I32, dtype) A(T, I64, dims, LB_MAX_RANK)      \
  A(T, I64, c_strides, LB_MAX_RANK) A(T, I64, a_strides, LB_MAX_RANK) A(T, I64, b_strides, LB_MAX_RANK)
LB_DEFINE_PARAMS(lb_select_params, LB_SELECT_PARAMS)

LB_KAPI void lb_k_strided_copy(const lb_strided_params_t *p, const void *x, void *y);

/* Padding of a rank-`rank` tensor of elem_size-byte elements dims ->
 * out_dims: output index o reads input o - begin per dim; outside the
 * input, mode 0 (constant) writes `value` (is_float) or zero bytes, 1 (edge)
 * clamps, 2 (reflect) mirrors without repeating the border (period
 * 2 (n - 1)), 3 (wrap) wraps around. */
#define LB_PAD_PARAMS(S, A, T)                                                                      \
  S(T, I32, rank) S(T, I32, mode) S(T, I32, elem_size) S(T, I32, is_float) S(T, F32, value)         \
  A(T, I64, dims, LB_MAX_RANK) A(T, I64, out_dims, LB_MAX_RANK) A(T, I64, begin, LB_MAX_RANK)
LB_DEFINE_PARAMS(lb_pad_params, LB_PAD_PARAMS)
LB_KAPI void lb_k_pad(const lb_pad_params_t *p, const void *x, void *y);
LB_KAPI void lb_k_concat2(const lb_concat_params_t *p, const void *a, const void *b, void *y);
LB_KAPI void lb_k_gather(const lb_gather_params_t *p, const void *data, const void *idx, void *y);
LB_KAPI void lb_k_where(const lb_select_params_t *p, const uint8_t *c, const void *a, const void *b, void *y);
LB_KAPI void lb_k_compare(const lb_select_params_t *p, const void *a, const void *b, uint8_t *y);

#endif
