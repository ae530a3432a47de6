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

#if defined(LB_USE_ALL_KERNELS) || defined(LB_USE_lb_k_qmatmul_nk_i8i8) || defined(LB_USE_lb_k_qmatmul_nk_i8u8) || defined(LB_USE_lb_k_qmatmul_nk_u8i8) || defined(LB_USE_lb_k_qmatmul_nk_u8u8)
/* B packed as [N, K] (b_layout "nk", lb-pack-layout): every output is a
 * contiguous dot product of raw codes, which C compilers turn into SIMD
 * multiply-adds (gcc and clang: vpdpbusd for unsigned x signed bytes), and
 * the zero points are applied afterwards. With signed a and signed b, a is
 * read as the unsigned a + 128 (a ^ 0x80) so that the product is
 * unsigned x signed; then, with au = a + oa (oa = 128 there, else 0),
 *   y = comp[n] + sum_k au*b - b_zp[n] * sum_k au,
 *   comp[n] = bias[n] - (a_zp + oa) * sum_k b[n] + K * (a_zp + oa) * b_zp[n]
 * (comp is computed at compile time, int64). Rows go in blocks of 4 so each
 * load of B serves 4 dot products. The compiler uses this kernel only when
 * K <= 33025, so the raw dot products and row sums fit int32. */
#define LB__QMATMUL_NK_BODY(TA, TB, AV)                                                  \
  int64_t m, n, k, K = p->K, N = p->N;                                                   \
  int64_t m4 = p->M / 4 * 4;                                                             \
  for (m = 0; m < m4; m += 4) {                                                          \
    const TA *a0 = a + m * K, *a1 = a0 + K, *a2 = a1 + K, *a3 = a2 + K;                  \
    int32_t r0 = 0, r1 = 0, r2 = 0, r3 = 0;                                              \
    for (k = 0; k < K; ++k) {                                                            \
      r0 += AV(a0[k]);                                                                   \
      r1 += AV(a1[k]);                                                                   \
      r2 += AV(a2[k]);                                                                   \
      r3 += AV(a3[k]);                                                                   \
    }                                                                                    \
    for (n = 0; n < N; ++n) {                                                            \
      const TB *br = b + n * K;                                                          \
      int32_t d0 = 0, d1 = 0, d2 = 0, d3 = 0;                                            \
      int64_t bz = b_zp[p->b_zp_per_column ? n : 0];                                     \
      for (k = 0; k < K; ++k) {                                                          \
        int32_t bv = br[k];                                                              \
        d0 += AV(a0[k]) * bv;                                                            \
        d1 += AV(a1[k]) * bv;                                                            \
        d2 += AV(a2[k]) * bv;                                                            \
        d3 += AV(a3[k]) * bv;                                                            \
      }                                                                                  \
      y[(m + 0) * N + n] = (int32_t)(comp[n] + (int64_t)d0 - bz * r0);                   \
      y[(m + 1) * N + n] = (int32_t)(comp[n] + (int64_t)d1 - bz * r1);                   \
      y[(m + 2) * N + n] = (int32_t)(comp[n] + (int64_t)d2 - bz * r2);                   \
      y[(m + 3) * N + n] = (int32_t)(comp[n] + (int64_t)d3 - bz * r3);                   \
    }                                                                                    \
  }                                                                                      \
  for (m = m4; m < p->M; ++m) {                                                          \
    const TA *a0 = a + m * K;                                                            \
    int32_t r0 = 0;                                                                      \
    for (k = 0; k < K; ++k) r0 += AV(a0[k]);                                             \
    for (n = 0; n < N; ++n) {                                                            \
      const TB *br = b + n * K;                                                          \
      int32_t d0 = 0;                                                                    \
      for (k = 0; k < K; ++k) d0 += AV(a0[k]) * (int32_t)br[k];                          \
      y[m * N + n] = (int32_t)(comp[n] + (int64_t)d0 - (int64_t)b_zp[p->b_zp_per_column ? n : 0] * r0); \
    }                                                                                    \
  }
#define LB__NK_PLAIN(x) ((int32_t)(x))
#define LB__NK_FLIP(x) ((int32_t)(uint8_t)((uint8_t)(x) ^ 0x80u))
#endif

#if defined(LB_USE_ALL_KERNELS) || defined(LB_USE_lb_k_qmatmul_nk_i8i8)
LB_KAPI void lb_k_qmatmul_nk_i8i8(const lb_matmul_params_t *p, const int8_t *a, const int8_t *b, const int32_t *b_zp,
                              const int64_t *comp, int32_t *y) {
  LB__QMATMUL_NK_BODY(int8_t, int8_t, LB__NK_FLIP)
}
#endif

#if defined(LB_USE_ALL_KERNELS) || defined(LB_USE_lb_k_qmatmul_nk_i8u8)
LB_KAPI void lb_k_qmatmul_nk_i8u8(const lb_matmul_params_t *p, const int8_t *a, const uint8_t *b, const int32_t *b_zp,
                              const int64_t *comp, int32_t *y) {
  LB__QMATMUL_NK_BODY(int8_t, uint8_t, LB__NK_PLAIN)
}
#endif

#if defined(LB_USE_ALL_KERNELS) || defined(LB_USE_lb_k_qmatmul_nk_u8i8)
LB_KAPI void lb_k_qmatmul_nk_u8i8(const lb_matmul_params_t *p, const uint8_t *a, const int8_t *b, const int32_t *b_zp,
                              const int64_t *comp, int32_t *y) {
  LB__QMATMUL_NK_BODY(uint8_t, int8_t, LB__NK_PLAIN)
}
#endif

#if defined(LB_USE_ALL_KERNELS) || defined(LB_USE_lb_k_qmatmul_nk_u8u8)
LB_KAPI void lb_k_qmatmul_nk_u8u8(const lb_matmul_params_t *p, const uint8_t *a, const uint8_t *b, const int32_t *b_zp,
                              const int64_t *comp, int32_t *y) {
  LB__QMATMUL_NK_BODY(uint8_t, uint8_t, LB__NK_PLAIN)
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
LB_REGISTER_KERNEL(matmul, qmatmul_nk_i8i8, lb_matmul_params, 4)
LB_REGISTER_KERNEL(matmul, qmatmul_nk_i8u8, lb_matmul_params, 4)
LB_REGISTER_KERNEL(matmul, qmatmul_nk_u8i8, lb_matmul_params, 4)
LB_REGISTER_KERNEL(matmul, qmatmul_nk_u8u8, lb_matmul_params, 4)
LB_REGISTER_KERNEL(matmul, qmatmul_u8u8_i64, lb_matmul_params, 5)
#endif
