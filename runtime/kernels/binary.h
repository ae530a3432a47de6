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

/* The quantized add / mul of two 8-bit tensors (QLinearAdd / QLinearMul
 * arithmetic, with broadcasting): with A = a - a_zp, B = b - b_zp,
 *   add: y = sat(rne((double)A * a_scale + (double)B * b_scale) + y_zp)
 *   mul: y = sat(rne((double)A * (double)B * a_scale) + y_zp)
 * where a_scale / b_scale are the input scales divided by the output scale
 * (mul: their product divided by it). signs: bit 0 a signed, bit 1 b
 * signed, bit 2 y signed; qmin / qmax the output range. */
#define LB_QBINARY_PARAMS(S, A, T)                                                                    \
  S(T, I32, op) S(T, I32, rank) A(T, I64, dims, LB_MAX_RANK) A(T, I64, a_strides, LB_MAX_RANK)       \
  A(T, I64, b_strides, LB_MAX_RANK) S(T, I32, signs) S(T, I32, a_zp) S(T, I32, b_zp) S(T, I32, y_zp) \
  S(T, F32, a_scale) S(T, F32, b_scale) S(T, I32, qmin) S(T, I32, qmax)
LB_DEFINE_PARAMS(lb_qbinary_params, LB_QBINARY_PARAMS)

LB_KAPI void lb_k_binary_f32(const lb_binary_params_t *p, const float *a, const float *b, float *y);
LB_KAPI void lb_k_qbinary_x8(const lb_qbinary_params_t *p, const void *a, const void *b, void *y);

#endif
