/* Matrix-product kernels: float GEMM, batched float matmul, 8-bit integer
 * matmul (signed or unsigned operands). */
#ifndef LB_KERNELS_MATMUL_H
#define LB_KERNELS_MATMUL_H

#include "runtime/kernels/params.h"

/* Y[M,N] = alpha * op(A) * op(B) + beta * C, op = optional transpose.
 * c_mode says how C broadcasts: 0 none, 1 scalar, 2 row [N], 3 column [M],
 * 4 full [M,N]. Accumulation: k ascending in float32. */
#define LB_GEMM_PARAMS(S, A, T) \
  S(T, I64, M) S(T, I64, N) S(T, I64, K) S(T, I32, trans_a) S(T, I32, trans_b) \
  S(T, F32, alpha) S(T, F32, beta) S(T, I32, c_mode)
LB_DEFINE_PARAMS(lb_gemm_params, LB_GEMM_PARAMS)

/* Batched matmul with numpy broadcasting over up to 4 batch dims.
 * A is [batch..., M, K], B is [batch..., K, N], Y is [batch..., M, N]
 * contiguous. a_bstride/b_bstride give the element stride of each batch dim
 * in A/B (0 where that operand broadcasts). For the integer variants
 * qmatmul_AB (A, B = i8 or u8: the operand types):
 * Y = bias[n] + sum_k (A - a_zp[a_zp_per_row ? m : 0]) * (B - b_zp[b_zp_per_column ? n : 0])
 * (bias optional; zero points are int32 tensors), accumulated in int32,
 * or in int64 for the _i64 variants (chosen when the compiler cannot prove
 * int32 safe). */
#define LB_MATMUL_PARAMS(S, A, T)                                                         \
  S(T, I64, M) S(T, I64, N) S(T, I64, K) S(T, I32, batch_rank)                             \
  A(T, I64, batch_dims, LB_MAX_BATCH_RANK) A(T, I64, a_bstride, LB_MAX_BATCH_RANK)         \
  A(T, I64, b_bstride, LB_MAX_BATCH_RANK) S(T, I32, b_zp_per_column) S(T, I32, has_bias)     \
  S(T, I32, a_zp_per_row)
LB_DEFINE_PARAMS(lb_matmul_params, LB_MATMUL_PARAMS)

LB_KAPI void lb_k_gemm_f32(const lb_gemm_params_t *p, const float *a, const float *b, const float *c, float *y);
LB_KAPI void lb_k_matmul_f32(const lb_matmul_params_t *p, const float *a, const float *b, float *y);
LB_KAPI void lb_k_qmatmul_i8i8(const lb_matmul_params_t *p, const int8_t *a, const int8_t *b, const int32_t *a_zp,
                          const int32_t *b_zp, const int32_t *bias, int32_t *y);
LB_KAPI void lb_k_qmatmul_i8i8_i64(const lb_matmul_params_t *p, const int8_t *a, const int8_t *b, const int32_t *a_zp,
                          const int32_t *b_zp, const int32_t *bias, int64_t *y);
LB_KAPI void lb_k_qmatmul_i8u8(const lb_matmul_params_t *p, const int8_t *a, const uint8_t *b, const int32_t *a_zp,
                          const int32_t *b_zp, const int32_t *bias, int32_t *y);
LB_KAPI void lb_k_qmatmul_i8u8_i64(const lb_matmul_params_t *p, const int8_t *a, const uint8_t *b, const int32_t *a_zp,
                          const int32_t *b_zp, const int32_t *bias, int64_t *y);
LB_KAPI void lb_k_qmatmul_u8i8(const lb_matmul_params_t *p, const uint8_t *a, const int8_t *b, const int32_t *a_zp,
                          const int32_t *b_zp, const int32_t *bias, int32_t *y);
LB_KAPI void lb_k_qmatmul_u8i8_i64(const lb_matmul_params_t *p, const uint8_t *a, const int8_t *b, const int32_t *a_zp,
                          const int32_t *b_zp, const int32_t *bias, int64_t *y);
LB_KAPI void lb_k_qmatmul_u8u8(const lb_matmul_params_t *p, const uint8_t *a, const uint8_t *b, const int32_t *a_zp,
                          const int32_t *b_zp, const int32_t *bias, int32_t *y);
LB_KAPI void lb_k_qmatmul_u8u8_i64(const lb_matmul_params_t *p, const uint8_t *a, const uint8_t *b, const int32_t *a_zp,
                          const int32_t *b_zp, const int32_t *bias, int64_t *y);


#endif
