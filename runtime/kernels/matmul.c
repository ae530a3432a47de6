/* Matrix-product reference kernels (see matmul.h). */
#ifndef LB_KERNELS_EMBEDDED
#include "runtime/kernels/matmul.h"

#include "runtime/kernels/common.h"
#include "runtime/kernels/registry.h"
#endif

#if defined(LB_USE_ALL_KERNELS) || defined(LB_USE_lb_k_gemm_f32)
LB_KAPI void lb_k_gemm_f32(const lb_gemm_params_t *p, const float *a, const float *b, const float *c, float *y) {
  int64_t m0, m, n, k;
  if (!p->trans_b) {
    /* B is K x N: blocks of 8 rows with k outside n, so each row of B is
     * streamed once per block (the dot-product order below would read one
     * cache line of B per multiply). Each output still sums in k order from
     * 0.0f and gets the same epilogue: identical results. */
    for (m0 = 0; m0 < p->M; m0 += 8) {
      int64_t m1 = m0 + 8 < p->M ? m0 + 8 : p->M;
      for (m = m0; m < m1; ++m)
        for (n = 0; n < p->N; ++n) y[m * p->N + n] = 0.0f;
      for (k = 0; k < p->K; ++k) {
        const float *brow = b + k * p->N;
        for (m = m0; m < m1; ++m) {
          float av = p->trans_a ? a[k * p->M + m] : a[m * p->K + k];
          float *yrow = y + m * p->N;
          for (n = 0; n < p->N; ++n) yrow[n] += av * brow[n];
        }
      }
      for (m = m0; m < m1; ++m)
        for (n = 0; n < p->N; ++n) {
          float acc = y[m * p->N + n], cv = 0.0f;
          switch (p->c_mode) {
            case 1: cv = c[0]; break;
            case 2: cv = c[n]; break;
            case 3: cv = c[m]; break;
            case 4: cv = c[m * p->N + n]; break;
            default: break;
          }
          y[m * p->N + n] = p->c_mode ? p->alpha * acc + p->beta * cv : p->alpha * acc;
        }
    }
    return;
  }
  for (m = 0; m < p->M; ++m) {
    for (n = 0; n < p->N; ++n) {
      float acc = 0.0f, cv = 0.0f;
      for (k = 0; k < p->K; ++k) {
        float av = p->trans_a ? a[k * p->M + m] : a[m * p->K + k];
        float bv = p->trans_b ? b[n * p->K + k] : b[k * p->N + n];
        acc += av * bv;
      }
      switch (p->c_mode) {
        case 1: cv = c[0]; break;
        case 2: cv = c[n]; break;
        case 3: cv = c[m]; break;
        case 4: cv = c[m * p->N + n]; break;
        default: break;
      }
      y[m * p->N + n] = p->c_mode ? p->alpha * acc + p->beta * cv : p->alpha * acc;
    }
  }
}
#endif

#if defined(LB_USE_ALL_KERNELS) || defined(LB_USE_lb_k_matmul_f32) || defined(LB_USE_lb_k_qmatmul_i8i8) || defined(LB_USE_lb_k_qmatmul_i8i8_i64) || defined(LB_USE_lb_k_qmatmul_i8u8) || defined(LB_USE_lb_k_qmatmul_i8u8_i64) || defined(LB_USE_lb_k_qmatmul_u8i8) || defined(LB_USE_lb_k_qmatmul_u8i8_i64) || defined(LB_USE_lb_k_qmatmul_u8u8) || defined(LB_USE_lb_k_qmatmul_u8u8_i64)
/* Element offsets of batch `bi` in A and B. */
static inline void lb__batch_offsets(const lb_matmul_params_t *p, int64_t bi, int64_t *ao, int64_t *bo) {
  int32_t d;
  *ao = 0;
  *bo = 0;
  for (d = p->batch_rank - 1; d >= 0; --d) {
    int64_t idx = bi % p->batch_dims[d];
    bi /= p->batch_dims[d];
    *ao += idx * p->a_bstride[d];
    *bo += idx * p->b_bstride[d];
  }
}
static inline int64_t lb__batch_count(const lb_matmul_params_t *p) {
  int64_t n = 1;
  int32_t d;
  for (d = 0; d < p->batch_rank; ++d) n *= p->batch_dims[d];
  return n;
}
#endif

#if defined(LB_USE_ALL_KERNELS) || defined(LB_USE_lb_k_matmul_f32)
LB_KAPI void lb_k_matmul_f32(const lb_matmul_params_t *p, const float *a, const float *b, float *y) {
  int64_t nb = lb__batch_count(p), bi, m0, m, n, k;
  for (bi = 0; bi < nb; ++bi) {
    int64_t ao, bo;
    float *yb = y + bi * p->M * p->N;
    lb__batch_offsets(p, bi, &ao, &bo);
    /* Blocks of 8 rows, k outside n: each row of b is read once per block
     * and streamed contiguously. Every output still sums its products in k
     * order from 0.0f, so the result is the same as the plain dot product. */
    for (m0 = 0; m0 < p->M; m0 += 8) {
      int64_t m1 = m0 + 8 < p->M ? m0 + 8 : p->M;
      for (m = m0; m < m1; ++m)
        for (n = 0; n < p->N; ++n) yb[m * p->N + n] = 0.0f;
      for (k = 0; k < p->K; ++k) {
        const float *brow = b + bo + k * p->N;
        for (m = m0; m < m1; ++m) {
          float av = a[ao + m * p->K + k];
          float *yrow = yb + m * p->N;
          for (n = 0; n < p->N; ++n) yrow[n] += av * brow[n];
        }
      }
    }
  }
}
#endif

#if defined(LB_USE_ALL_KERNELS) || defined(LB_USE_lb_k_qmatmul_i8i8) || defined(LB_USE_lb_k_qmatmul_i8i8_i64) || defined(LB_USE_lb_k_qmatmul_i8u8) || defined(LB_USE_lb_k_qmatmul_i8u8_i64) || defined(LB_USE_lb_k_qmatmul_u8i8) || defined(LB_USE_lb_k_qmatmul_u8i8_i64) || defined(LB_USE_lb_k_qmatmul_u8u8) || defined(LB_USE_lb_k_qmatmul_u8u8_i64)
/* The integer product with accumulator type ACC. The compiler picks ACC so
 * that no partial sum can overflow it (ir/ops/linear.c, acc_bound: it bounds
 * |bias| plus the sum of every |product|, so any order of summation is
 * exact). Blocks of 16 rows x 512 columns with k outside n: the inner loop
 * streams a row of B and a row of Y contiguously, which C compilers
 * vectorize; B is read once per row block. */
#define LB__QMATMUL_BODY(ACC)                                                            \
  int64_t nb = lb__batch_count(p), bi, m0, m1, n0, n1, m, n, k, bk;                      \
  for (bi = 0; bi < nb; ++bi) {                                                          \
    int64_t ao, bo;                                                                      \
    ACC *yb = y + bi * p->M * p->N;                                                      \
    lb__batch_offsets(p, bi, &ao, &bo);                                                  \
    for (m0 = 0; m0 < p->M; m0 = m1) {                                                   \
      m1 = m0 + 16 < p->M ? m0 + 16 : p->M;                                              \
      for (n0 = 0; n0 < p->N; n0 = n1) {                                                 \
        n1 = n0 + 512 < p->N ? n0 + 512 : p->N;                                          \
        for (m = m0; m < m1; ++m)                                                        \
          for (n = n0; n < n1; ++n) yb[m * p->N + n] = p->has_bias ? (ACC)bias[n] : 0;   \
        for (k = 0; k < p->K; ++k) {                                                     \
          bk = bo + k * p->N;                                                            \
          for (m = m0; m < m1; ++m) {                                                    \
            ACC av = (ACC)((int32_t)a[ao + m * p->K + k] - a_zp[p->a_zp_per_row ? m : 0]); \
            ACC *yrow = yb + m * p->N;                                                   \
            if (p->b_zp_per_column)                                                      \
              for (n = n0; n < n1; ++n) yrow[n] += av * (ACC)((int32_t)b[bk + n] - b_zp[n]); \
            else {                                                                       \
              int32_t bz = b_zp[0];                                                      \
              for (n = n0; n < n1; ++n) yrow[n] += av * (ACC)((int32_t)b[bk + n] - bz);  \
            }                                                                            \
          }                                                                              \
        }                                                                                \
      }                                                                                  \
    }                                                                                    \
  }
#endif

#if defined(LB_USE_ALL_KERNELS) || defined(LB_USE_lb_k_qmatmul_i8i8)
LB_KAPI void lb_k_qmatmul_i8i8(const lb_matmul_params_t *p, const int8_t *a, const int8_t *b, const int32_t *a_zp,
                          const int32_t *b_zp, const int32_t *bias, int32_t *y) {
  LB__QMATMUL_BODY(int32_t)
}
#endif

#if defined(LB_USE_ALL_KERNELS) || defined(LB_USE_lb_k_qmatmul_i8i8_i64)
LB_KAPI void lb_k_qmatmul_i8i8_i64(const lb_matmul_params_t *p, const int8_t *a, const int8_t *b, const int32_t *a_zp,
                          const int32_t *b_zp, const int32_t *bias, int64_t *y) {
  LB__QMATMUL_BODY(int64_t)
}
#endif

#if defined(LB_USE_ALL_KERNELS) || defined(LB_USE_lb_k_qmatmul_i8u8)
LB_KAPI void lb_k_qmatmul_i8u8(const lb_matmul_params_t *p, const int8_t *a, const uint8_t *b, const int32_t *a_zp,
                          const int32_t *b_zp, const int32_t *bias, int32_t *y) {
  LB__QMATMUL_BODY(int32_t)
}
#endif

#if defined(LB_USE_ALL_KERNELS) || defined(LB_USE_lb_k_qmatmul_i8u8_i64)
LB_KAPI void lb_k_qmatmul_i8u8_i64(const lb_matmul_params_t *p, const int8_t *a, const uint8_t *b, const int32_t *a_zp,
                          const int32_t *b_zp, const int32_t *bias, int64_t *y) {
  LB__QMATMUL_BODY(int64_t)
}
#endif

#if defined(LB_USE_ALL_KERNELS) || defined(LB_USE_lb_k_qmatmul_u8i8)
LB_KAPI void lb_k_qmatmul_u8i8(const lb_matmul_params_t *p, const uint8_t *a, const int8_t *b, const int32_t *a_zp,
                          const int32_t *b_zp, const int32_t *bias, int32_t *y) {
  LB__QMATMUL_BODY(int32_t)
}
#endif

#if defined(LB_USE_ALL_KERNELS) || defined(LB_USE_lb_k_qmatmul_u8i8_i64)
LB_KAPI void lb_k_qmatmul_u8i8_i64(const lb_matmul_params_t *p, const uint8_t *a, const int8_t *b, const int32_t *a_zp,
                          const int32_t *b_zp, const int32_t *bias, int64_t *y) {
  LB__QMATMUL_BODY(int64_t)
}
#endif

#if defined(LB_USE_ALL_KERNELS) || defined(LB_USE_lb_k_qmatmul_u8u8)
LB_KAPI void lb_k_qmatmul_u8u8(const lb_matmul_params_t *p, const uint8_t *a, const uint8_t *b, const int32_t *a_zp,
                          const int32_t *b_zp, const int32_t *bias, int32_t *y) {
  LB__QMATMUL_BODY(int32_t)
}
#endif

#if defined(LB_USE_ALL_KERNELS) || defined(LB_USE_lb_k_qmatmul_u8u8_i64)
LB_KAPI void lb_k_qmatmul_u8u8_i64(const lb_matmul_params_t *p, const uint8_t *a, const uint8_t *b, const int32_t *a_zp,
                          const int32_t *b_zp, const int32_t *bias, int64_t *y) {
  LB__QMATMUL_BODY(int64_t)
}
#endif

#ifndef LB_KERNELS_EMBEDDED
LB_DESCRIBE_PARAMS(lb_gemm_params, LB_GEMM_PARAMS)
LB_DESCRIBE_PARAMS(lb_matmul_params, LB_MATMUL_PARAMS)
LB_REGISTER_KERNEL(matmul, gemm_f32, lb_gemm_params, 3)
LB_REGISTER_KERNEL(matmul, matmul_f32, lb_matmul_params, 2)
LB_REGISTER_KERNEL(matmul, qmatmul_i8i8, lb_matmul_params, 5)
LB_REGISTER_KERNEL(matmul, qmatmul_i8i8_i64, lb_matmul_params, 5)
LB_REGISTER_KERNEL(matmul, qmatmul_i8u8, lb_matmul_params, 5)
LB_REGISTER_KERNEL(matmul, qmatmul_i8u8_i64, lb_matmul_params, 5)
LB_REGISTER_KERNEL(matmul, qmatmul_u8i8, lb_matmul_params, 5)
LB_REGISTER_KERNEL(matmul, qmatmul_u8i8_i64, lb_matmul_params, 5)
LB_REGISTER_KERNEL(matmul, qmatmul_u8u8, lb_matmul_params, 5)
LB_REGISTER_KERNEL(matmul, qmatmul_u8u8_i64, lb_matmul_params, 5)
#endif
