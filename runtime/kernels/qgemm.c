/* Integer GEMM kernels over K-contiguous weights (see qgemm.h). */
#ifndef LB_KERNELS_EMBEDDED
#include "runtime/kernels/qgemm.h"

#include "runtime/kernels/common.h"
#include "runtime/kernels/registry.h"
#endif

#if defined(LB_USE_ALL_KERNELS) || defined(LB_USE_lb_k_qmatmul_nk_i8i8) || defined(LB_USE_lb_k_qmatmul_nk_i8u8) || defined(LB_USE_lb_k_qmatmul_nk_u8i8) || defined(LB_USE_lb_k_qmatmul_nk_u8u8) || defined(LB_USE_lb_k_qmatmul_nk_rq_i8i8_i8) || defined(LB_USE_lb_k_qmatmul_nk_rq_i8i8_u8) || defined(LB_USE_lb_k_qmatmul_nk_rq_i8u8_i8) || defined(LB_USE_lb_k_qmatmul_nk_rq_i8u8_u8) || defined(LB_USE_lb_k_qmatmul_nk_rq_u8i8_i8) || defined(LB_USE_lb_k_qmatmul_nk_rq_u8i8_u8) || defined(LB_USE_lb_k_qmatmul_nk_rq_u8u8_i8) || defined(LB_USE_lb_k_qmatmul_nk_rq_u8u8_u8) || defined(LB_USE_lb_k_qconv2d_gemm_i8i8) || defined(LB_USE_lb_k_qconv2d_gemm4_i8) || defined(LB_USE_lb_k_qconv2d_gemm_i8u8) || defined(LB_USE_lb_k_qconv2d_gemm_u8i8) || defined(LB_USE_lb_k_qconv2d_gemm4_u8) || defined(LB_USE_lb_k_qconv2d_gemm_u8u8) || defined(LB_USE_lb_k_qconv2d_gemm_rq_i8i8_i8) || defined(LB_USE_lb_k_qconv2d_gemm4_rq_i8_i8) || defined(LB_USE_lb_k_qconv2d_gemm_rq_i8i8_u8) || defined(LB_USE_lb_k_qconv2d_gemm4_rq_i8_u8) || defined(LB_USE_lb_k_qconv2d_gemm_rq_i8u8_i8) || defined(LB_USE_lb_k_qconv2d_gemm_rq_i8u8_u8) || defined(LB_USE_lb_k_qconv2d_gemm_rq_u8i8_i8) || defined(LB_USE_lb_k_qconv2d_gemm4_rq_u8_i8) || defined(LB_USE_lb_k_qconv2d_gemm_rq_u8i8_u8) || defined(LB_USE_lb_k_qconv2d_gemm4_rq_u8_u8) || defined(LB_USE_lb_k_qconv2d_gemm_rq_u8u8_i8) || defined(LB_USE_lb_k_qconv2d_gemm_rq_u8u8_u8) || defined(LB_USE_lb_k_qmatmul_nk4_i8) || defined(LB_USE_lb_k_qmatmul_nk2_i8) || defined(LB_USE_lb_k_qmatmul_nk3_i8) || defined(LB_USE_lb_k_qmatmul_nk4_u8) || defined(LB_USE_lb_k_qmatmul_nk2_u8) || defined(LB_USE_lb_k_qmatmul_nk3_u8) || defined(LB_USE_lb_k_qmatmul_nk4_rq_i8_i8) || defined(LB_USE_lb_k_qmatmul_nk2_rq_i8_i8) || defined(LB_USE_lb_k_qmatmul_nk3_rq_i8_i8) || defined(LB_USE_lb_k_qmatmul_nk4_rq_i8_u8) || defined(LB_USE_lb_k_qmatmul_nk2_rq_i8_u8) || defined(LB_USE_lb_k_qmatmul_nk3_rq_i8_u8) || defined(LB_USE_lb_k_qmatmul_nk4_rq_u8_i8) || defined(LB_USE_lb_k_qmatmul_nk2_rq_u8_i8) || defined(LB_USE_lb_k_qmatmul_nk3_rq_u8_i8) || defined(LB_USE_lb_k_qmatmul_nk4_rq_u8_u8) || defined(LB_USE_lb_k_qmatmul_nk2_rq_u8_u8) || defined(LB_USE_lb_k_qmatmul_nk3_rq_u8_u8) || defined(LB_USE_lb_k_qmatmul_nk_dq_i8i8) || defined(LB_USE_lb_k_qmatmul_nk_dq_i8u8) || defined(LB_USE_lb_k_qmatmul_nk_dq_u8i8) || defined(LB_USE_lb_k_qmatmul_nk_dq_u8u8) || defined(LB_USE_lb_k_qmatmul_nk4_dq_i8) || defined(LB_USE_lb_k_qmatmul_nk4_dq_u8) || defined(LB_USE_lb_k_qmatmul_nk2_dq_i8) || defined(LB_USE_lb_k_qmatmul_nk2_dq_u8) || defined(LB_USE_lb_k_qmatmul_nk3_dq_i8) || defined(LB_USE_lb_k_qmatmul_nk3_dq_u8) || defined(LB_USE_lb_k_qmatmul_nk_rqf_i8i8_i8) || defined(LB_USE_lb_k_qmatmul_nk_rqf_i8i8_u8) || defined(LB_USE_lb_k_qmatmul_nk_rqf_i8u8_i8) || defined(LB_USE_lb_k_qmatmul_nk_rqf_i8u8_u8) || defined(LB_USE_lb_k_qmatmul_nk_rqf_u8i8_i8) || defined(LB_USE_lb_k_qmatmul_nk_rqf_u8i8_u8) || defined(LB_USE_lb_k_qmatmul_nk_rqf_u8u8_i8) || defined(LB_USE_lb_k_qmatmul_nk_rqf_u8u8_u8) || defined(LB_USE_lb_k_qmatmul_nk4_rqf_i8_i8) || defined(LB_USE_lb_k_qmatmul_nk4_rqf_i8_u8) || defined(LB_USE_lb_k_qmatmul_nk4_rqf_u8_i8) || defined(LB_USE_lb_k_qmatmul_nk4_rqf_u8_u8) || defined(LB_USE_lb_k_qmatmul_nk2_rqf_i8_i8) || defined(LB_USE_lb_k_qmatmul_nk2_rqf_i8_u8) || defined(LB_USE_lb_k_qmatmul_nk2_rqf_u8_i8) || defined(LB_USE_lb_k_qmatmul_nk2_rqf_u8_u8) || defined(LB_USE_lb_k_qmatmul_nk3_rqf_i8_i8) || defined(LB_USE_lb_k_qmatmul_nk3_rqf_i8_u8) || defined(LB_USE_lb_k_qmatmul_nk3_rqf_u8_i8) || defined(LB_USE_lb_k_qmatmul_nk3_rqf_u8_u8)
#define LB__QG_ROWS 64 /* = LB_QG_ROWS of qgemm.h (checked below) */
#define LB__QG_NB 64 /* = LB_QG_NB: columns of b per block */
/* Wide activation codes. Where the C compiler has an 8-bit dot-product
 * instruction (x86 AVX-512 VNNI or AVX-VNNI: vpdpbusd; AArch64 dotprod:
 * udot/sdot), the matmul's dot products run on 8-bit codes. Elsewhere (AVX2,
 * SSE2, NEON without dotprod, any other compiler) a u8 x s8 product loop
 * compiles to 16-bit multiplies widened to 32 bits (gcc 12 on AVX2: vpmullw,
 * vpmovsxwd, vpaddd, 5 times slower), while an int16 x int8 one compiles to
 * the pair multiply-add (vpmaddwd, pmaddwd, smlal): there the rows of a are
 * copied as int16 codes (the same values), half as many rows per block in the
 * same workspace bytes. The sums are the same integers either way. Define
 * LB_QG_NARROW (or LB_QG_WIDE) to choose. */
#if !defined(LB_QG_NARROW) && !defined(LB_QG_WIDE) && !defined(__AVX512VNNI__) && !defined(__AVXVNNI__) && \
    !defined(__ARM_FEATURE_DOTPROD)
#define LB_QG_WIDE 1
#endif
#if defined(LB_QG_WIDE)
#define LB__QG_AT(TC) int16_t /* the type of the copied rows of a (matmul) or patches (conv) */
#define LB__QG_ACORE(SUF) lb__qg_core_w##SUF /* int16 a */
#define LB__QG_BCORE(SUF) lb__qg_core_v##SUF /* int16 b */
#else
#define LB__QG_AT(TC) TC
#define LB__QG_ACORE(SUF) lb__qg_core_##SUF
#define LB__QG_BCORE(SUF) lb__qg_core_##SUF
#endif

/* lb__qg_core_SUF: the raw dot products d[m * ldd + n] of rows [0, M) of
 * a [M, Kp] with rows [0, N) of b [N, Kp], Kp a multiple of 64. 4 x 4
 * tiles: each pass over K loads 4 rows of a and 4 of b and keeps 16
 * independent sums, which hides the multiply-add latency and reuses every
 * load 4 times; then the 4 x 1, 1 x 4 and 1 x 1 edges. */
#define LB__QG_DOT(R, C) d##R##C += x##R * w##C
/* The same products in 2 x 4 tiles, for the wide (int16) codes: 8 sums of
 * 16-bit pair products (vpmaddwd on AVX2) and their 6 operands fit the 16
 * vector registers of AVX2 and NEON; the 4 x 4 tiles would spill (gcc 12 on
 * znver3: 58 stack accesses per 32 vpmaddwd in the inner loop). */
#define LB__QG_CORE24(SUF, TA, TB)                                                                    \
  LB__HELPER void lb__qg_core_##SUF(int64_t M, int64_t N, int64_t Kp, const TA *a, const TB *b,         \
                                    int32_t *d, int64_t ldd) {                                         \
    int64_t m, n, k, m2 = M / 2 * 2, n4 = N / 4 * 4;                                                  \
    for (m = 0; m < M; m += 2) {                                                                      \
      const TA *a0 = a + m * Kp, *a1 = m + 1 < M ? a0 + Kp : a0;                                      \
      int32_t *r = d + m * ldd, two = m < m2;                                                         \
      for (n = 0; n < n4; n += 4) {                                                                   \
        const TB *b0 = b + n * Kp, *b1 = b0 + Kp, *b2 = b1 + Kp, *b3 = b2 + Kp;                       \
        int32_t d00 = 0, d01 = 0, d02 = 0, d03 = 0, d10 = 0, d11 = 0, d12 = 0, d13 = 0;               \
        for (k = 0; k < Kp; ++k) {                                                                    \
          int32_t x0 = a0[k], x1 = a1[k];                                                             \
          int32_t w0 = b0[k], w1 = b1[k], w2 = b2[k], w3 = b3[k];                                     \
          LB__QG_DOT(0, 0); LB__QG_DOT(0, 1); LB__QG_DOT(0, 2); LB__QG_DOT(0, 3);                     \
          LB__QG_DOT(1, 0); LB__QG_DOT(1, 1); LB__QG_DOT(1, 2); LB__QG_DOT(1, 3);                     \
        }                                                                                             \
        r[n] = d00, r[n + 1] = d01, r[n + 2] = d02, r[n + 3] = d03;                                   \
        if (two) r[ldd + n] = d10, r[ldd + n + 1] = d11, r[ldd + n + 2] = d12, r[ldd + n + 3] = d13;  \
      }                                                                                               \
      for (n = n4; n < N; ++n) {                                                                      \
        const TB *b0 = b + n * Kp;                                                                    \
        int32_t d00 = 0, d10 = 0;                                                                     \
        for (k = 0; k < Kp; ++k) {                                                                    \
          int32_t x0 = a0[k], x1 = a1[k], w0 = b0[k];                                                 \
          LB__QG_DOT(0, 0); LB__QG_DOT(1, 0);                                                         \
        }                                                                                             \
        r[n] = d00;                                                                                   \
        if (two) r[ldd + n] = d10;                                                                    \
      }                                                                                               \
    }                                                                                                 \
  }
#define LB__QG_CORE(SUF, TA, TB)                                                                      \
  LB__HELPER void lb__qg_core_##SUF(int64_t M, int64_t N, int64_t Kp, const TA *a, const TB *b,         \
                                    int32_t *d, int64_t ldd) {                                         \
    int64_t m, n, k, m4 = M / 4 * 4, n4 = N / 4 * 4;                                                  \
    for (m = 0; m < m4; m += 4) {                                                                     \
      const TA *a0 = a + m * Kp, *a1 = a0 + Kp, *a2 = a1 + Kp, *a3 = a2 + Kp;                         \
      int32_t *r = d + m * ldd;                                                                       \
      for (n = 0; n < n4; n += 4) {                                                                   \
        const TB *b0 = b + n * Kp, *b1 = b0 + Kp, *b2 = b1 + Kp, *b3 = b2 + Kp;                       \
        int32_t d00 = 0, d01 = 0, d02 = 0, d03 = 0, d10 = 0, d11 = 0, d12 = 0, d13 = 0;               \
        int32_t d20 = 0, d21 = 0, d22 = 0, d23 = 0, d30 = 0, d31 = 0, d32 = 0, d33 = 0;               \
        for (k = 0; k < Kp; ++k) {                                                                    \
          int32_t x0 = a0[k], x1 = a1[k], x2 = a2[k], x3 = a3[k];                                     \
          int32_t w0 = b0[k], w1 = b1[k], w2 = b2[k], w3 = b3[k];                                     \
          LB__QG_DOT(0, 0); LB__QG_DOT(0, 1); LB__QG_DOT(0, 2); LB__QG_DOT(0, 3);                     \
          LB__QG_DOT(1, 0); LB__QG_DOT(1, 1); LB__QG_DOT(1, 2); LB__QG_DOT(1, 3);                     \
          LB__QG_DOT(2, 0); LB__QG_DOT(2, 1); LB__QG_DOT(2, 2); LB__QG_DOT(2, 3);                     \
          LB__QG_DOT(3, 0); LB__QG_DOT(3, 1); LB__QG_DOT(3, 2); LB__QG_DOT(3, 3);                     \
        }                                                                                             \
        r[n] = d00, r[n + 1] = d01, r[n + 2] = d02, r[n + 3] = d03;                                   \
        r[ldd + n] = d10, r[ldd + n + 1] = d11, r[ldd + n + 2] = d12, r[ldd + n + 3] = d13;           \
        r[2 * ldd + n] = d20, r[2 * ldd + n + 1] = d21, r[2 * ldd + n + 2] = d22;                     \
        r[2 * ldd + n + 3] = d23;                                                                     \
        r[3 * ldd + n] = d30, r[3 * ldd + n + 1] = d31, r[3 * ldd + n + 2] = d32;                     \
        r[3 * ldd + n + 3] = d33;                                                                     \
      }                                                                                               \
      for (n = n4; n < N; ++n) {                                                                      \
        const TB *b0 = b + n * Kp;                                                                    \
        int32_t d00 = 0, d10 = 0, d20 = 0, d30 = 0;                                                   \
        for (k = 0; k < Kp; ++k) {                                                                    \
          int32_t x0 = a0[k], x1 = a1[k], x2 = a2[k], x3 = a3[k], w0 = b0[k];                         \
          LB__QG_DOT(0, 0); LB__QG_DOT(1, 0); LB__QG_DOT(2, 0); LB__QG_DOT(3, 0);                     \
        }                                                                                             \
        r[n] = d00, r[ldd + n] = d10, r[2 * ldd + n] = d20, r[3 * ldd + n] = d30;                     \
      }                                                                                               \
    }                                                                                                 \
    for (m = m4; m < M; ++m) {                                                                        \
      const TA *a0 = a + m * Kp;                                                                      \
      int32_t *r = d + m * ldd;                                                                       \
      for (n = 0; n < n4; n += 4) {                                                                   \
        const TB *b0 = b + n * Kp, *b1 = b0 + Kp, *b2 = b1 + Kp, *b3 = b2 + Kp;                       \
        int32_t d00 = 0, d01 = 0, d02 = 0, d03 = 0;                                                   \
        for (k = 0; k < Kp; ++k) {                                                                    \
          int32_t x0 = a0[k], w0 = b0[k], w1 = b1[k], w2 = b2[k], w3 = b3[k];                         \
          LB__QG_DOT(0, 0); LB__QG_DOT(0, 1); LB__QG_DOT(0, 2); LB__QG_DOT(0, 3);                     \
        }                                                                                             \
        r[n] = d00, r[n + 1] = d01, r[n + 2] = d02, r[n + 3] = d03;                                   \
      }                                                                                               \
      for (n = n4; n < N; ++n) {                                                                      \
        const TB *b0 = b + n * Kp;                                                                    \
        int32_t d00 = 0;                                                                              \
        for (k = 0; k < Kp; ++k) {                                                                    \
          int32_t x0 = a0[k], w0 = b0[k];                                                             \
          LB__QG_DOT(0, 0);                                                                           \
        }                                                                                             \
        r[n] = d00;                                                                                   \
      }                                                                                               \
    }                                                                                                 \
  }                                                                                                   \
  /* The same products for a short K (convolutions with few input channels,     \
   * where a dot product is too short to pay for its reduction): b is given     \
   * k-major, bt[k * 64 + n] for n < 64 (zero past N), and each output row is   \
   * 64 sums that a C compiler keeps in vector registers, updated by one       \
   * broadcast weight per k: no horizontal reductions. */                      \
  LB__HELPER void lb__qg_kmajor_##SUF(int64_t M, int64_t N, int64_t K, const TA *a, int64_t lda,        \
                                      const TB *bt, int32_t *d, int64_t ldd) {                         \
    int64_t m, n, k;                                                                                  \
    for (m = 0; m < M; ++m) {                                                                         \
      int32_t acc[64];                                                                                \
      for (n = 0; n < 64; ++n) acc[n] = 0;                                                            \
      for (k = 0; k < K; ++k) {                                                                       \
        int32_t wv = a[m * lda + k];                                                                  \
        const TB *br = bt + k * 64;                                                                   \
        for (n = 0; n < 64; ++n) acc[n] += wv * br[n];                                                \
      }                                                                                               \
      for (n = 0; n < N; ++n) d[m * ldd + n] = acc[n];                                                \
    }                                                                                                 \
  }

/* restrict (C99) where a char-typed store could otherwise alias the inputs
 * and make compilers check for overlap on every call */
#define LB__RESTRICT restrict

/* The epilogue: a row of L raw dot products d becomes accumulators in
 * place, then is stored (int32) or requantized (int8 / uint8) with
 * loops a C compiler vectorizes. The int32 values live in an L1-sized tile
 * of the workspace between the two, never in a full output tensor. */
/* The accumulators are computed modulo 2^32 in uint32 lanes (16 per
 * 512-bit vector instead of 8 int64): the true value fits int32 (the
 * compiler proved it), so its residue gives it back exactly. */
LB__HELPER int32_t lb__qg_u2i(uint32_t u) {
  int32_t low = (int32_t)(u & 0x7fffffffu), sign = -(int32_t)(u >> 31); /* sign: 0 or -1 */
  return low + (sign & INT32_MIN);
}
/* row of a matmul: per column comp, b_zp; rs the row's sum of a' */
LB__HELPER void lb__qg_acc_row(int64_t L, int32_t *LB__RESTRICT d, int32_t rs, const int64_t *LB__RESTRICT comp,
                               const int32_t *LB__RESTRICT bz, int32_t bz_per_col) {
  int64_t j;
  uint32_t r = (uint32_t)rs;
  if (bz_per_col)
    for (j = 0; j < L; ++j) d[j] = lb__qg_u2i((uint32_t)comp[j] + (uint32_t)d[j] - (uint32_t)bz[j] * r);
  else {
    uint32_t c = (uint32_t)bz[0] * r;
    for (j = 0; j < L; ++j) d[j] = lb__qg_u2i((uint32_t)comp[j] + (uint32_t)d[j] - c);
  }
}
LB__HELPER void lb__qg_store_i32(int64_t L, const int32_t *LB__RESTRICT acc, int32_t *LB__RESTRICT y) {
  int64_t j;
  for (j = 0; j < L; ++j) y[j] = acc[j];
}
/* lb__qg_requant_T: y = sat(rshift_round(acc * mult, shift) + zp, lo, hi),
 * per element (per = 1) or one multiplier (per = 0): lb.requantize. */
#define LB__QG_REQUANT(T, TY)                                                                            \
  LB__HELPER void lb__qg_requant_##T(int64_t L, const int32_t *LB__RESTRICT acc, const int32_t *LB__RESTRICT mult, \
                                     const int32_t *LB__RESTRICT shift, int32_t per, int32_t zp, int32_t lo, \
                                     int32_t hi, TY *LB__RESTRICT y) {                                   \
    int64_t j;                                                                                         \
    if (per)                                                                                           \
      for (j = 0; j < L; ++j) y[j] = (TY)lb__sat(lb__requant(acc[j], mult[j], shift[j]) + zp, lo, hi);  \
    else {                                                                                             \
      int32_t m = mult[0], s = shift[0];                                                               \
      for (j = 0; j < L; ++j) y[j] = (TY)lb__sat(lb__requant(acc[j], m, s) + zp, lo, hi);              \
    }                                                                                                  \
  }
#endif

#if defined(LB_USE_ALL_KERNELS) || defined(LB_USE_lb_k_qmatmul_nk_i8i8) || defined(LB_USE_lb_k_qmatmul_nk_i8u8) || defined(LB_USE_lb_k_qmatmul_nk_u8i8) || defined(LB_USE_lb_k_qmatmul_nk_u8u8) || defined(LB_USE_lb_k_qmatmul_nk_rq_i8i8_i8) || defined(LB_USE_lb_k_qmatmul_nk_rq_i8i8_u8) || defined(LB_USE_lb_k_qmatmul_nk_rq_i8u8_i8) || defined(LB_USE_lb_k_qmatmul_nk_rq_i8u8_u8) || defined(LB_USE_lb_k_qmatmul_nk_rq_u8i8_i8) || defined(LB_USE_lb_k_qmatmul_nk_rq_u8i8_u8) || defined(LB_USE_lb_k_qmatmul_nk_rq_u8u8_i8) || defined(LB_USE_lb_k_qmatmul_nk_rq_u8u8_u8) || defined(LB_USE_lb_k_qmatmul_nk4_i8) || defined(LB_USE_lb_k_qmatmul_nk2_i8) || defined(LB_USE_lb_k_qmatmul_nk3_i8) || defined(LB_USE_lb_k_qmatmul_nk4_u8) || defined(LB_USE_lb_k_qmatmul_nk2_u8) || defined(LB_USE_lb_k_qmatmul_nk3_u8) || defined(LB_USE_lb_k_qmatmul_nk4_rq_i8_i8) || defined(LB_USE_lb_k_qmatmul_nk2_rq_i8_i8) || defined(LB_USE_lb_k_qmatmul_nk3_rq_i8_i8) || defined(LB_USE_lb_k_qmatmul_nk4_rq_i8_u8) || defined(LB_USE_lb_k_qmatmul_nk2_rq_i8_u8) || defined(LB_USE_lb_k_qmatmul_nk3_rq_i8_u8) || defined(LB_USE_lb_k_qmatmul_nk4_rq_u8_i8) || defined(LB_USE_lb_k_qmatmul_nk2_rq_u8_i8) || defined(LB_USE_lb_k_qmatmul_nk3_rq_u8_i8) || defined(LB_USE_lb_k_qmatmul_nk4_rq_u8_u8) || defined(LB_USE_lb_k_qmatmul_nk2_rq_u8_u8) || defined(LB_USE_lb_k_qmatmul_nk3_rq_u8_u8) || defined(LB_USE_lb_k_qmatmul_nk_dq_i8i8) || defined(LB_USE_lb_k_qmatmul_nk_dq_i8u8) || defined(LB_USE_lb_k_qmatmul_nk_dq_u8i8) || defined(LB_USE_lb_k_qmatmul_nk_dq_u8u8) || defined(LB_USE_lb_k_qmatmul_nk4_dq_i8) || defined(LB_USE_lb_k_qmatmul_nk4_dq_u8) || defined(LB_USE_lb_k_qmatmul_nk2_dq_i8) || defined(LB_USE_lb_k_qmatmul_nk2_dq_u8) || defined(LB_USE_lb_k_qmatmul_nk3_dq_i8) || defined(LB_USE_lb_k_qmatmul_nk3_dq_u8) || defined(LB_USE_lb_k_qmatmul_nk_rqf_i8i8_i8) || defined(LB_USE_lb_k_qmatmul_nk_rqf_i8i8_u8) || defined(LB_USE_lb_k_qmatmul_nk_rqf_i8u8_i8) || defined(LB_USE_lb_k_qmatmul_nk_rqf_i8u8_u8) || defined(LB_USE_lb_k_qmatmul_nk_rqf_u8i8_i8) || defined(LB_USE_lb_k_qmatmul_nk_rqf_u8i8_u8) || defined(LB_USE_lb_k_qmatmul_nk_rqf_u8u8_i8) || defined(LB_USE_lb_k_qmatmul_nk_rqf_u8u8_u8) || defined(LB_USE_lb_k_qmatmul_nk4_rqf_i8_i8) || defined(LB_USE_lb_k_qmatmul_nk4_rqf_i8_u8) || defined(LB_USE_lb_k_qmatmul_nk4_rqf_u8_i8) || defined(LB_USE_lb_k_qmatmul_nk4_rqf_u8_u8) || defined(LB_USE_lb_k_qmatmul_nk2_rqf_i8_i8) || defined(LB_USE_lb_k_qmatmul_nk2_rqf_i8_u8) || defined(LB_USE_lb_k_qmatmul_nk2_rqf_u8_i8) || defined(LB_USE_lb_k_qmatmul_nk2_rqf_u8_u8) || defined(LB_USE_lb_k_qmatmul_nk3_rqf_i8_i8) || defined(LB_USE_lb_k_qmatmul_nk3_rqf_i8_u8) || defined(LB_USE_lb_k_qmatmul_nk3_rqf_u8_i8) || defined(LB_USE_lb_k_qmatmul_nk3_rqf_u8_u8)
/* Matmul: blocks of LB__QG_ROWS rows of a go to ws as rows of Kp codes of
 * the core's a type TC (XOR 0x80 flips signed codes to unsigned), zero past
 *  K, so every dot product runs over a multiple of 64 bytes (the SIMD width
 * the vectorized loops take without a scalar remainder) and the zero codes,
 * against the weights' zero padding, add nothing to a dot product or a row
 * sum. Then per block of LB__QG_NB rows of b (about L1-sized) and 4 rows of
 * a at a time: the raw dot products,
 * the accumulators, STORE (the int32 or requantized row r of the tile,
 * columns [n0, n0 + nb)). The workspace arrives through a const pointer
 * (kernel inputs are const); it is scratch memory the plan gives this step
 * alone. */
#define LB__QG_MATMUL(SUF, TC, TB, XOR, STORE) LB__QG_MATMUL_B(SUF, TC, TB, XOR, b + n0 * Kp, STORE)
/* The same with the rows [n0, n0 + nb) of b given by the expression BLOCK
 * (packed 4-bit weights unpack them into the workspace there). */
#define LB__QG_MATMUL_B(SUF, TC, TB, XOR, BLOCK, STORE)                                     \
  LB__QG_AT(TC) *t = (LB__QG_AT(TC) *)(uintptr_t)ws;                                        \
  int32_t *d = (int32_t *)(void *)((char *)(void *)t + LB__QG_ROWS * p->Kp), *rs = d + 4 * LB__QG_NB; \
  int64_t m0, m1, r, r0, r1, k, n0, nb, K = p->K, Kp = p->Kp;                               \
  int64_t RB = LB__QG_ROWS / (int64_t)sizeof *t; /* rows per block */                       \
  for (m0 = 0; m0 < p->M; m0 = m1) {                                                        \
    m1 = m0 + RB < p->M ? m0 + RB : p->M;                                                   \
    for (r = 0; r < m1 - m0; ++r) {                                                         \
      const TC *src = (const TC *)(const void *)(a + (m0 + r) * K);                         \
      LB__QG_AT(TC) *dst = t + r * Kp;                                                      \
      int32_t sum = 0;                                                                      \
      for (k = 0; k < K; ++k) {                                                             \
        TC v = (TC)(src[k] ^ (XOR));                                                        \
        dst[k] = v;                                                                         \
        sum += v;                                                                           \
      }                                                                                     \
      for (k = K; k < Kp; ++k) dst[k] = 0;                                                  \
      rs[r] = sum;                                                                          \
    }                                                                                       \
    for (n0 = 0; n0 < p->N; n0 += nb) {                                                   \
      nb = p->N - n0 < LB__QG_NB ? p->N - n0 : LB__QG_NB;                                   \
      const TB *bblk = (BLOCK);                                                             \
      for (r0 = 0; r0 < m1 - m0; r0 = r1) {                                                 \
        r1 = r0 + 4 < m1 - m0 ? r0 + 4 : m1 - m0;                                           \
        LB__QG_ACORE(SUF)(r1 - r0, nb, Kp, t + r0 * Kp, bblk, d, nb);                       \
        for (r = r0; r < r1; ++r) {                                                         \
          lb__qg_acc_row(nb, d + (r - r0) * nb, rs[r], comp + n0, b_zp + (p->b_zp_per_column ? n0 : 0), \
                         p->b_zp_per_column);                                               \
          STORE;                                                                            \
        }                                                                                   \
      }                                                                                     \
    }                                                                                       \
  }
#endif

#if defined(LB_USE_ALL_KERNELS) || defined(LB_USE_lb_k_qconv2d_gemm_i8i8) || defined(LB_USE_lb_k_qconv2d_gemm4_i8) || defined(LB_USE_lb_k_qconv2d_gemm_i8u8) || defined(LB_USE_lb_k_qconv2d_gemm_u8i8) || defined(LB_USE_lb_k_qconv2d_gemm4_u8) || defined(LB_USE_lb_k_qconv2d_gemm_u8u8) || defined(LB_USE_lb_k_qconv2d_gemm_rq_i8i8_i8) || defined(LB_USE_lb_k_qconv2d_gemm4_rq_i8_i8) || defined(LB_USE_lb_k_qconv2d_gemm_rq_i8i8_u8) || defined(LB_USE_lb_k_qconv2d_gemm4_rq_i8_u8) || defined(LB_USE_lb_k_qconv2d_gemm_rq_i8u8_i8) || defined(LB_USE_lb_k_qconv2d_gemm_rq_i8u8_u8) || defined(LB_USE_lb_k_qconv2d_gemm_rq_u8i8_i8) || defined(LB_USE_lb_k_qconv2d_gemm4_rq_u8_i8) || defined(LB_USE_lb_k_qconv2d_gemm_rq_u8i8_u8) || defined(LB_USE_lb_k_qconv2d_gemm4_rq_u8_u8) || defined(LB_USE_lb_k_qconv2d_gemm_rq_u8u8_i8) || defined(LB_USE_lb_k_qconv2d_gemm_rq_u8u8_u8)
/* Conv: per image, the input goes to ws channels last ([H, W, C], codes of
 * the patches' core type TC; XOR 0x80 flips signed codes to unsigned), so
 * that each tap of a patch is a contiguous run of C/group codes (and with
 * one group, unit horizontal dilation and no horizontal padding a whole
 * kernel row is one run of KW * C). Per group and block of LB__QG_ROWS
 * output positions the patches go to ws as rows of Kp codes in (kh, kw, c)
 * order (the weight rows are in the same order: [OC, KH, KW, C/group],
 * reordered when the plan is built), zero past K, padding taps x_zp. Then,
 * 4 output channels at a time, the raw dot products of the weight rows
 * with the patches ([4, positions], contiguous along the output row), the
 * accumulators and STORE (output channel c = oc0 + i, positions
 * [p0, p0 + np) at y + yrow). With K <= 32 (few input channels: a first
 * layer, a narrow 1x1) the patches are transposed to k-major and the
 * products run without horizontal reductions (lb__qg_kmajor); above that
 * the dot products of one 64-code chunk already beat it (measured with gcc
 * 12 on AVX-512: 29 against 17 GMAC/s at K = 64, even at K = 48). */
/* A conv output row (one channel, np positions) from its raw dot products
 * in one pass: the accumulators (modulo 2^32, see lb__qg_u2i) stored as
 * int32, or requantized with the channel's multiplier and shift. */
LB__HELPER_OUTLINE void lb__qg_col_i32(int64_t L, const int32_t *LB__RESTRICT d, const int32_t *LB__RESTRICT cs, int64_t comp,
                               int64_t wz, int32_t *LB__RESTRICT y) {
  int64_t j;
  uint32_t c = (uint32_t)comp, z = (uint32_t)wz;
  for (j = 0; j < L; ++j) y[j] = lb__qg_u2i(c + (uint32_t)d[j] - z * (uint32_t)cs[j]);
}
#define LB__QG_COL_RQ(T, TY)                                                                                  \
  LB__HELPER_OUTLINE void lb__qg_col_rq_##T(int64_t L, const int32_t *LB__RESTRICT d, const int32_t *LB__RESTRICT cs,     \
                                    int64_t comp, int64_t wz, int32_t m, int32_t s, int32_t zp, int32_t lo,      \
                                    int32_t hi, TY *LB__RESTRICT y) {                                          \
    int64_t j;                                                                                               \
    uint32_t c = (uint32_t)comp, z = (uint32_t)wz;                                                           \
    for (j = 0; j < L; ++j)                                                                                  \
      y[j] = (TY)lb__sat(lb__requant(lb__qg_u2i(c + (uint32_t)d[j] - z * (uint32_t)cs[j]), m, s) + zp, lo, hi); \
  }
LB__QG_COL_RQ(i8, int8_t)
LB__QG_COL_RQ(u8, uint8_t)

/* The weight codes' type of each core (lb__qg_core_SUF's TA). */
typedef int8_t lb__qg_w_i8u8;
typedef uint8_t lb__qg_w_u8i8;
typedef uint8_t lb__qg_w_u8u8;

/* The direct path, for depthwise convs (one input and one output channel
 * per group: the mobile CNNs' 3x3 and 5x5 layers) and short spatial
 * patches (K = C/group * KH * KW <= 32 with a window: a first layer on an
 * RGB image) where a patch would be a few codes padded to Kp = 64 and then
 * transposed (a 1x1 conv with few channels stays on the k-major path, 2x
 * faster there: its 4 output channels share every load): per group,
 * its input planes go to ws as int16 codes (XOR applied) with the padding
 * materialized (x_zp: rows and columns -pad .. the last one a tap reaches,
 * Hp x Wp each); per output channel and output row, the raw dot products of
 * up to LB__QG_ROWS positions are summed tap by tap (kh, kw, input
 * channel), each tap one multiply-add across the positions: a contiguous
 * (stride 1) or strided run of a plane row, no bounds checks, that a C
 * compiler vectorizes. The positions' code sums (for a weight zero point)
 * likewise, only when the zero point is not 0. The same sums of the same
 * codes as the patch path (integer arithmetic, so exactly), finished by the
 * same STORE. */
#define LB__QG_DIRECT(SUF, TC, XOR, WROWS, STORE)                                                      \
  {                                                                                                   \
    int32_t *wk = (int32_t *)(void *)t;                                                               \
    int16_t *pl = (int16_t *)(void *)xt;                                                              \
    int64_t sh = p->stride_h, sw = p->stride_w, dh = p->dil_h, dw = p->dil_w;                          \
    int64_t Hp = (p->OH - 1) * sh + (p->KH - 1) * dh + 1, Wp = (p->OW - 1) * sw + (p->KW - 1) * dw + 1;  \
    int64_t HWp = Hp * Wp;                                                                            \
    for (g = 0; g < p->group; ++g) {                                                                  \
      int64_t oc0 = g * opg, r;                                                                       \
      for (ic = 0; ic < cpg; ++ic) {                                                                  \
        const TC *xc = (const TC *)(const void *)(x + (n * p->C + g * cpg + ic) * HW);                \
        for (r = 0; r < Hp; ++r) {                                                                    \
          int64_t ih = r - p->pad_t;                                                                  \
          int16_t *dst = pl + ic * HWp + r * Wp;                                                      \
          if (ih < 0 || ih >= p->H) {                                                                 \
            for (j = 0; j < Wp; ++j) dst[j] = padv;                                                   \
          } else {                                                                                    \
            const TC *src = xc + ih * p->W;                                                           \
            int64_t j0 = p->pad_l < Wp ? p->pad_l : Wp, j1 = p->pad_l + p->W < Wp ? p->pad_l + p->W : Wp; \
            for (j = 0; j < j0; ++j) dst[j] = padv;                                                   \
            for (j = j0; j < j1; ++j) dst[j] = (TC)(src[j - p->pad_l] ^ (XOR));                       \
            for (j = j1; j < Wp; ++j) dst[j] = padv;                                                  \
          }                                                                                           \
        }                                                                                             \
      }                                                                                               \
      for (i = 0; i < opg; ++i) {                                                                     \
        const lb__qg_w_##SUF *wr;                                                                     \
        int64_t c = oc0 + i, cc = comp[c], wzc = w_zp[p->w_zp_per_channel ? c : 0], yrow;             \
        o0 = i;                                                                                       \
        o1 = i + 1;                                                                                   \
        wr = (WROWS);                                                                                 \
        for (k = 0; k < K; ++k) wk[k] = wr[k];                                                        \
        for (oh = 0; oh < p->OH; ++oh)                                                                \
          for (ow = 0; ow < p->OW; ow += np) {                                                        \
            np = p->OW - ow < LB__QG_ROWS ? p->OW - ow : LB__QG_ROWS;                                 \
            for (q = 0; q < np; ++q) d[q] = 0, cs[q] = 0;                                             \
            for (kh = 0; kh < p->KH; ++kh)                                                            \
              for (kw = 0; kw < p->KW; ++kw)                                                          \
                for (ic = 0; ic < cpg; ++ic) {                                                        \
                  const int16_t *xs = pl + ic * HWp + (oh * sh + kh * dh) * Wp + ow * sw + kw * dw;   \
                  int32_t wv = wk[(kh * p->KW + kw) * cpg + ic];                                      \
                  if (sw == 1)                                                                        \
                    for (q = 0; q < np; ++q) d[q] += wv * xs[q];                                      \
                  else                                                                                \
                    for (q = 0; q < np; ++q) d[q] += wv * xs[q * sw];                                 \
                  if (wzc)                                                                            \
                    for (q = 0; q < np; ++q) cs[q] += xs[q * sw];                                     \
                }                                                                                     \
            p0 = oh * p->OW + ow;                                                                     \
            yrow = (n * p->OC + c) * P + p0;                                                          \
            STORE;                                                                                    \
          }                                                                                           \
      }                                                                                               \
    }                                                                                                 \
    continue;                                                                                         \
  }

#define LB__QG_CONV(SUF, TC, XOR, WROWS, STORE)                                                              \
  int64_t cpg = p->C / p->group, opg = p->OC / p->group, P = p->OH * p->OW, HW = p->H * p->W;        \
  int64_t Kp = p->Kp, KWC = p->KW * cpg, n, g, p0, np, q, ic, kh, kw, k, j, o0, o1, i, oh, ow;        \
  LB__QG_AT(TC) *t = (LB__QG_AT(TC) *)(uintptr_t)ws;                                                 \
  TC padv = (TC)((TC)p->x_zp ^ (XOR));                                                                \
  int32_t *d = (int32_t *)(void *)((char *)(void *)t + LB__QG_ROWS * Kp), *cs = d + 4 * LB__QG_NB;    \
  int64_t RB = LB__QG_ROWS / (int64_t)sizeof *t; /* positions per block */                            \
  int64_t K = KWC * p->KH, kmajor = K <= 32;                                                           \
  /* = LB_QG_CONV_DIRECT of qgemm.h (the generated C has no headers) */                              \
  int64_t direct = (p->group == p->C && opg == 1) || (K <= 32 && p->KH * p->KW > 1);                  \
  int64_t planes = 2 * cpg * ((p->OH - 1) * p->stride_h + (p->KH - 1) * p->dil_h + 1) *               \
                   ((p->OW - 1) * p->stride_w + (p->KW - 1) * p->dil_w + 1);                           \
  /* the image (or the direct path's planes), then tk (k-major patches, unpacked 4-bit rows) */       \
  TC *xt = (TC *)(void *)(cs + LB__QG_NB), *tk = xt + (direct && planes > p->C * HW ? planes : p->C * HW); \
  for (n = 0; n < p->N; ++n) {                                                                        \
    if (direct) LB__QG_DIRECT(SUF, TC, XOR, WROWS, STORE)                                          \
    for (ic = 0; ic < p->C; ++ic) {                                                                   \
      const TC *src = (const TC *)(const void *)(x + (n * p->C + ic) * HW);                           \
      for (j = 0; j < HW; ++j) xt[j * p->C + ic] = (TC)(src[j] ^ (XOR));                              \
    }                                                                                                 \
    for (g = 0; g < p->group; ++g) {                                                                  \
      int64_t oc0 = g * opg;                                                                          \
      for (p0 = 0; p0 < P; p0 += np) {                                                                \
        np = P - p0 < RB ? P - p0 : RB;                                                               \
        for (q = 0, oh = p0 / p->OW, ow = p0 % p->OW; q < np; ++q, ow = ow + 1 < p->OW ? ow + 1 : 0,    \
            oh += ow == 0) {                                                                          \
          int64_t iw0 = ow * p->stride_w - p->pad_l;                                                  \
          LB__QG_AT(TC) *row = t + q * Kp, *at = row;                                                 \
          int32_t sum = 0;                                                                            \
          for (kh = 0; kh < p->KH; ++kh, at += KWC) {                                                 \
            int64_t ih = oh * p->stride_h - p->pad_t + kh * p->dil_h;                                 \
            const TC *xr = xt + (ih < 0 || ih >= p->H ? 0 : ih) * p->W * p->C + g * cpg;              \
            if (ih < 0 || ih >= p->H) {                                                               \
              for (k = 0; k < KWC; ++k) at[k] = padv;                                                 \
              sum += (int32_t)KWC * padv;                                                             \
            } else if (p->group == 1 && p->dil_w == 1 && iw0 >= 0 && iw0 + p->KW <= p->W) {           \
              const TC *src = xr + iw0 * p->C;                                                        \
              for (k = 0; k < KWC; ++k) {                                                             \
                at[k] = src[k];                                                                       \
                sum += src[k];                                                                        \
              }                                                                                       \
            } else {                                                                                  \
              for (kw = 0; kw < p->KW; ++kw) {                                                        \
                int64_t iw = iw0 + kw * p->dil_w;                                                     \
                LB__QG_AT(TC) *dst = at + kw * cpg;                                                   \
                if (iw < 0 || iw >= p->W) {                                                           \
                  for (k = 0; k < cpg; ++k) dst[k] = padv;                                            \
                  sum += (int32_t)cpg * padv;                                                         \
                } else {                                                                              \
                  const TC *src = xr + iw * p->C;                                                     \
                  for (k = 0; k < cpg; ++k) {                                                         \
                    dst[k] = src[k];                                                                  \
                    sum += src[k];                                                                    \
                  }                                                                                   \
                }                                                                                     \
              }                                                                                       \
            }                                                                                         \
          }                                                                                           \
          for (k = at - row; k < Kp; ++k) row[k] = 0;                                                 \
          cs[q] = sum; /* summed from the sources: re-reading the row just stored would stall */     \
        }                                                                                             \
        if (kmajor) { /* the patches transposed to [K][64], zero past np */                         \
          for (k = 0; k < K; ++k)                                                                     \
            for (q = 0; q < LB__QG_ROWS; ++q) tk[k * LB__QG_ROWS + q] = (TC)(q < np ? t[q * Kp + k] : 0); \
        }                                                                                             \
        for (o0 = 0; o0 < opg; o0 = o1) {                                                             \
          o1 = o0 + 4 < opg ? o0 + 4 : opg;                                                           \
          if (kmajor) lb__qg_kmajor_##SUF(o1 - o0, np, K, (WROWS), Kp, tk, d, np);                   \
          else LB__QG_BCORE(SUF)(o1 - o0, np, Kp, (WROWS), t, d, np);                                \
          for (i = o0; i < o1; ++i) {                                                                 \
            int64_t c = oc0 + i, yrow = (n * p->OC + c) * P + p0;                                     \
            int64_t cc = comp[c], wzc = w_zp[p->w_zp_per_channel ? c : 0];                            \
            STORE;                                                                                    \
          }                                                                                           \
        }                                                                                             \
      }                                                                                               \
    }                                                                                                 \
  }
#endif

#if defined(LB_USE_ALL_KERNELS) || defined(LB_USE_lb_k_qmatmul_nk_i8i8) || defined(LB_USE_lb_k_qmatmul_nk_u8i8) || defined(LB_USE_lb_k_qmatmul_nk_rq_i8i8_i8) || defined(LB_USE_lb_k_qmatmul_nk_rq_i8i8_u8) || defined(LB_USE_lb_k_qmatmul_nk_rq_u8i8_i8) || defined(LB_USE_lb_k_qmatmul_nk_rq_u8i8_u8) || defined(LB_USE_lb_k_qconv2d_gemm_i8u8) || defined(LB_USE_lb_k_qconv2d_gemm_rq_i8u8_i8) || defined(LB_USE_lb_k_qconv2d_gemm_rq_i8u8_u8) || defined(LB_USE_lb_k_qmatmul_nk4_i8) || defined(LB_USE_lb_k_qmatmul_nk2_i8) || defined(LB_USE_lb_k_qmatmul_nk3_i8) || defined(LB_USE_lb_k_qmatmul_nk4_u8) || defined(LB_USE_lb_k_qmatmul_nk2_u8) || defined(LB_USE_lb_k_qmatmul_nk3_u8) || defined(LB_USE_lb_k_qmatmul_nk4_rq_i8_i8) || defined(LB_USE_lb_k_qmatmul_nk2_rq_i8_i8) || defined(LB_USE_lb_k_qmatmul_nk3_rq_i8_i8) || defined(LB_USE_lb_k_qmatmul_nk4_rq_i8_u8) || defined(LB_USE_lb_k_qmatmul_nk2_rq_i8_u8) || defined(LB_USE_lb_k_qmatmul_nk3_rq_i8_u8) || defined(LB_USE_lb_k_qmatmul_nk4_rq_u8_i8) || defined(LB_USE_lb_k_qmatmul_nk2_rq_u8_i8) || defined(LB_USE_lb_k_qmatmul_nk3_rq_u8_i8) || defined(LB_USE_lb_k_qmatmul_nk4_rq_u8_u8) || defined(LB_USE_lb_k_qmatmul_nk2_rq_u8_u8) || defined(LB_USE_lb_k_qmatmul_nk3_rq_u8_u8) || defined(LB_USE_lb_k_qmatmul_nk_dq_i8i8) || defined(LB_USE_lb_k_qmatmul_nk_dq_u8i8) || defined(LB_USE_lb_k_qmatmul_nk4_dq_i8) || defined(LB_USE_lb_k_qmatmul_nk4_dq_u8) || defined(LB_USE_lb_k_qmatmul_nk2_dq_i8) || defined(LB_USE_lb_k_qmatmul_nk2_dq_u8) || defined(LB_USE_lb_k_qmatmul_nk3_dq_i8) || defined(LB_USE_lb_k_qmatmul_nk3_dq_u8) || defined(LB_USE_lb_k_qmatmul_nk_rqf_i8i8_i8) || defined(LB_USE_lb_k_qmatmul_nk_rqf_i8i8_u8) || defined(LB_USE_lb_k_qmatmul_nk_rqf_u8i8_i8) || defined(LB_USE_lb_k_qmatmul_nk_rqf_u8i8_u8) || defined(LB_USE_lb_k_qmatmul_nk4_rqf_i8_i8) || defined(LB_USE_lb_k_qmatmul_nk4_rqf_i8_u8) || defined(LB_USE_lb_k_qmatmul_nk4_rqf_u8_i8) || defined(LB_USE_lb_k_qmatmul_nk4_rqf_u8_u8) || defined(LB_USE_lb_k_qmatmul_nk2_rqf_i8_i8) || defined(LB_USE_lb_k_qmatmul_nk2_rqf_i8_u8) || defined(LB_USE_lb_k_qmatmul_nk2_rqf_u8_i8) || defined(LB_USE_lb_k_qmatmul_nk2_rqf_u8_u8) || defined(LB_USE_lb_k_qmatmul_nk3_rqf_i8_i8) || defined(LB_USE_lb_k_qmatmul_nk3_rqf_i8_u8) || defined(LB_USE_lb_k_qmatmul_nk3_rqf_u8_i8) || defined(LB_USE_lb_k_qmatmul_nk3_rqf_u8_u8)
LB__QG_CORE(u8i8, uint8_t, int8_t)
#if defined(LB_QG_WIDE)
LB__QG_CORE(wu8i8, int16_t, int8_t)
LB__QG_CORE24(vu8i8, uint8_t, int16_t)
#endif
#endif

#if defined(LB_USE_ALL_KERNELS) || defined(LB_USE_lb_k_qmatmul_nk_i8u8) || defined(LB_USE_lb_k_qmatmul_nk_rq_i8u8_i8) || defined(LB_USE_lb_k_qmatmul_nk_rq_i8u8_u8) || defined(LB_USE_lb_k_qconv2d_gemm_i8i8) || defined(LB_USE_lb_k_qconv2d_gemm4_i8) || defined(LB_USE_lb_k_qconv2d_gemm_u8i8) || defined(LB_USE_lb_k_qconv2d_gemm4_u8) || defined(LB_USE_lb_k_qconv2d_gemm_rq_i8i8_i8) || defined(LB_USE_lb_k_qconv2d_gemm4_rq_i8_i8) || defined(LB_USE_lb_k_qconv2d_gemm_rq_i8i8_u8) || defined(LB_USE_lb_k_qconv2d_gemm4_rq_i8_u8) || defined(LB_USE_lb_k_qconv2d_gemm_rq_u8i8_i8) || defined(LB_USE_lb_k_qconv2d_gemm4_rq_u8_i8) || defined(LB_USE_lb_k_qconv2d_gemm_rq_u8i8_u8) || defined(LB_USE_lb_k_qconv2d_gemm4_rq_u8_u8) || defined(LB_USE_lb_k_qmatmul_nk_dq_i8u8) || defined(LB_USE_lb_k_qmatmul_nk_rqf_i8u8_i8) || defined(LB_USE_lb_k_qmatmul_nk_rqf_i8u8_u8)
LB__QG_CORE(i8u8, int8_t, uint8_t)
#if defined(LB_QG_WIDE)
LB__QG_CORE(wi8u8, int16_t, uint8_t)
LB__QG_CORE24(vi8u8, int8_t, int16_t)
#endif
#endif

#if defined(LB_USE_ALL_KERNELS) || defined(LB_USE_lb_k_qmatmul_nk_u8u8) || defined(LB_USE_lb_k_qmatmul_nk_rq_u8u8_i8) || defined(LB_USE_lb_k_qmatmul_nk_rq_u8u8_u8) || defined(LB_USE_lb_k_qconv2d_gemm_u8u8) || defined(LB_USE_lb_k_qconv2d_gemm_rq_u8u8_i8) || defined(LB_USE_lb_k_qconv2d_gemm_rq_u8u8_u8) || defined(LB_USE_lb_k_qmatmul_nk_dq_u8u8) || defined(LB_USE_lb_k_qmatmul_nk_rqf_u8u8_i8) || defined(LB_USE_lb_k_qmatmul_nk_rqf_u8u8_u8)
LB__QG_CORE(u8u8, uint8_t, uint8_t)
#if defined(LB_QG_WIDE)
LB__QG_CORE(wu8u8, int16_t, uint8_t)
LB__QG_CORE24(vu8u8, uint8_t, int16_t)
#endif
#endif

#if defined(LB_USE_ALL_KERNELS) || defined(LB_USE_lb_k_qmatmul_nk_rq_i8i8_i8) || defined(LB_USE_lb_k_qmatmul_nk_rq_i8u8_i8) || defined(LB_USE_lb_k_qmatmul_nk_rq_u8i8_i8) || defined(LB_USE_lb_k_qmatmul_nk_rq_u8u8_i8) || defined(LB_USE_lb_k_qconv2d_gemm_rq_i8i8_i8) || defined(LB_USE_lb_k_qconv2d_gemm4_rq_i8_i8) || defined(LB_USE_lb_k_qconv2d_gemm_rq_i8u8_i8) || defined(LB_USE_lb_k_qconv2d_gemm_rq_u8i8_i8) || defined(LB_USE_lb_k_qconv2d_gemm4_rq_u8_i8) || defined(LB_USE_lb_k_qconv2d_gemm_rq_u8u8_i8) || defined(LB_USE_lb_k_qmatmul_nk4_rq_i8_i8) || defined(LB_USE_lb_k_qmatmul_nk2_rq_i8_i8) || defined(LB_USE_lb_k_qmatmul_nk3_rq_i8_i8) || defined(LB_USE_lb_k_qmatmul_nk4_rq_u8_i8) || defined(LB_USE_lb_k_qmatmul_nk2_rq_u8_i8) || defined(LB_USE_lb_k_qmatmul_nk3_rq_u8_i8)
LB__QG_REQUANT(i8, int8_t)
#endif

#if defined(LB_USE_ALL_KERNELS) || defined(LB_USE_lb_k_qmatmul_nk_rq_i8i8_u8) || defined(LB_USE_lb_k_qmatmul_nk_rq_i8u8_u8) || defined(LB_USE_lb_k_qmatmul_nk_rq_u8i8_u8) || defined(LB_USE_lb_k_qmatmul_nk_rq_u8u8_u8) || defined(LB_USE_lb_k_qconv2d_gemm_rq_i8i8_u8) || defined(LB_USE_lb_k_qconv2d_gemm4_rq_i8_u8) || defined(LB_USE_lb_k_qconv2d_gemm_rq_i8u8_u8) || defined(LB_USE_lb_k_qconv2d_gemm_rq_u8i8_u8) || defined(LB_USE_lb_k_qconv2d_gemm4_rq_u8_u8) || defined(LB_USE_lb_k_qconv2d_gemm_rq_u8u8_u8) || defined(LB_USE_lb_k_qmatmul_nk4_rq_i8_u8) || defined(LB_USE_lb_k_qmatmul_nk2_rq_i8_u8) || defined(LB_USE_lb_k_qmatmul_nk3_rq_i8_u8) || defined(LB_USE_lb_k_qmatmul_nk4_rq_u8_u8) || defined(LB_USE_lb_k_qmatmul_nk2_rq_u8_u8) || defined(LB_USE_lb_k_qmatmul_nk3_rq_u8_u8)
LB__QG_REQUANT(u8, uint8_t)
#endif

#if defined(LB_USE_ALL_KERNELS) || defined(LB_USE_lb_k_qmatmul_nk_dq_i8i8) || defined(LB_USE_lb_k_qmatmul_nk_dq_i8u8) || defined(LB_USE_lb_k_qmatmul_nk_dq_u8i8) || defined(LB_USE_lb_k_qmatmul_nk_dq_u8u8) || defined(LB_USE_lb_k_qmatmul_nk4_dq_i8) || defined(LB_USE_lb_k_qmatmul_nk4_dq_u8) || defined(LB_USE_lb_k_qmatmul_nk2_dq_i8) || defined(LB_USE_lb_k_qmatmul_nk2_dq_u8) || defined(LB_USE_lb_k_qmatmul_nk3_dq_i8) || defined(LB_USE_lb_k_qmatmul_nk3_dq_u8)
/* lb__qg_dequant_f32: y = f32(acc - zp) * scale, per element (per = 1) or
 * one scale (per = 0): lb.dequantize of the int32 accumulators, the same
 * expression as lb_k_dequantize_i32_f32, so fusing it changes no bit.
 * Defined through a macro as lb__qg_requant_T is, so that compilers report
 * its loops at one line (test/codegen/c-vectorize.test). */
#define LB__QG_DEQUANT(NAME)                                                                                   \
  LB__HELPER void NAME(int64_t L, const int32_t *LB__RESTRICT acc, const float *LB__RESTRICT scale, int32_t per, \
                       int32_t zp, float *LB__RESTRICT y) {                                                     \
    int64_t j;                                                                                                 \
    if (per)                                                                                                   \
      for (j = 0; j < L; ++j) y[j] = (float)((int64_t)acc[j] - zp) * scale[j];                                 \
    else {                                                                                                     \
      float sc = scale[0];                                                                                     \
      for (j = 0; j < L; ++j) y[j] = (float)((int64_t)acc[j] - zp) * sc;                                       \
    }                                                                                                          \
  }
LB__QG_DEQUANT(lb__qg_dequant_f32)
#endif

#if defined(LB_USE_ALL_KERNELS) || defined(LB_USE_lb_k_qmatmul_nk_rqf_i8i8_i8) || defined(LB_USE_lb_k_qmatmul_nk_rqf_i8u8_i8) || defined(LB_USE_lb_k_qmatmul_nk_rqf_u8i8_i8) || defined(LB_USE_lb_k_qmatmul_nk_rqf_u8u8_i8) || defined(LB_USE_lb_k_qmatmul_nk4_rqf_i8_i8) || defined(LB_USE_lb_k_qmatmul_nk4_rqf_u8_i8) || defined(LB_USE_lb_k_qmatmul_nk2_rqf_i8_i8) || defined(LB_USE_lb_k_qmatmul_nk2_rqf_u8_i8) || defined(LB_USE_lb_k_qmatmul_nk3_rqf_i8_i8) || defined(LB_USE_lb_k_qmatmul_nk3_rqf_u8_i8) || defined(LB_USE_lb_k_qmatmul_nk_rqf_i8i8_u8) || defined(LB_USE_lb_k_qmatmul_nk_rqf_i8u8_u8) || defined(LB_USE_lb_k_qmatmul_nk_rqf_u8i8_u8) || defined(LB_USE_lb_k_qmatmul_nk_rqf_u8u8_u8) || defined(LB_USE_lb_k_qmatmul_nk4_rqf_i8_u8) || defined(LB_USE_lb_k_qmatmul_nk4_rqf_u8_u8) || defined(LB_USE_lb_k_qmatmul_nk2_rqf_i8_u8) || defined(LB_USE_lb_k_qmatmul_nk2_rqf_u8_u8) || defined(LB_USE_lb_k_qmatmul_nk3_rqf_i8_u8) || defined(LB_USE_lb_k_qmatmul_nk3_rqf_u8_u8)
/* lb__qg_requant_fp_T: y = sat(rne((double)acc * (double)scale) + zp, lo,
 * hi), per element (per = 1) or one scale (per = 0): lb.requantize with a
 * float scale and no offset, the form pre-quantized models (QDQ,
 * QLinearMatMul) lower to. lb_k_requantize_fp_i32_T computes the same
 * expression plus 0.0 for the absent offset, which changes no result
 * (only -0.0 to +0.0, and both round to 0), so fusing it changes no bit. */
#define LB__QG_REQUANT_FP(T, TY)                                                                              \
  LB__HELPER void lb__qg_requant_fp_##T(int64_t L, const int32_t *LB__RESTRICT acc, const float *LB__RESTRICT scale, \
                                        int32_t per, int32_t zp, int32_t lo, int32_t hi, TY *LB__RESTRICT y) {  \
    int64_t j;                                                                                                \
    if (per)                                                                                                  \
      for (j = 0; j < L; ++j) y[j] = (TY)lb__quant_rne_d((double)acc[j] * (double)scale[j], zp, lo, hi);                \
    else {                                                                                                    \
      double sc = (double)scale[0];                                                                           \
      for (j = 0; j < L; ++j) y[j] = (TY)lb__quant_rne_d((double)acc[j] * sc, zp, lo, hi);                             \
    }                                                                                                         \
  }
#endif

#if defined(LB_USE_ALL_KERNELS) || defined(LB_USE_lb_k_qmatmul_nk_rqf_i8i8_i8) || defined(LB_USE_lb_k_qmatmul_nk_rqf_i8u8_i8) || defined(LB_USE_lb_k_qmatmul_nk_rqf_u8i8_i8) || defined(LB_USE_lb_k_qmatmul_nk_rqf_u8u8_i8) || defined(LB_USE_lb_k_qmatmul_nk4_rqf_i8_i8) || defined(LB_USE_lb_k_qmatmul_nk4_rqf_u8_i8) || defined(LB_USE_lb_k_qmatmul_nk2_rqf_i8_i8) || defined(LB_USE_lb_k_qmatmul_nk2_rqf_u8_i8) || defined(LB_USE_lb_k_qmatmul_nk3_rqf_i8_i8) || defined(LB_USE_lb_k_qmatmul_nk3_rqf_u8_i8)
LB__QG_REQUANT_FP(i8, int8_t)
#endif

#if defined(LB_USE_ALL_KERNELS) || defined(LB_USE_lb_k_qmatmul_nk_rqf_i8i8_u8) || defined(LB_USE_lb_k_qmatmul_nk_rqf_i8u8_u8) || defined(LB_USE_lb_k_qmatmul_nk_rqf_u8i8_u8) || defined(LB_USE_lb_k_qmatmul_nk_rqf_u8u8_u8) || defined(LB_USE_lb_k_qmatmul_nk4_rqf_i8_u8) || defined(LB_USE_lb_k_qmatmul_nk4_rqf_u8_u8) || defined(LB_USE_lb_k_qmatmul_nk2_rqf_i8_u8) || defined(LB_USE_lb_k_qmatmul_nk2_rqf_u8_u8) || defined(LB_USE_lb_k_qmatmul_nk3_rqf_i8_u8) || defined(LB_USE_lb_k_qmatmul_nk3_rqf_u8_u8)
LB__QG_REQUANT_FP(u8, uint8_t)
#endif

#if defined(LB_USE_ALL_KERNELS) || defined(LB_USE_lb_k_qmatmul_nk_i8i8)
LB_KAPI void lb_k_qmatmul_nk_i8i8(const lb_qgemm_params_t *p, const int8_t *a, const int8_t *b, const int32_t *b_zp,
                                 const int64_t *comp, const void *ws, int32_t *y) {
  LB__QG_MATMUL(u8i8, uint8_t, int8_t, 0x80, lb__qg_store_i32(nb, d + (r - r0) * nb, y + (m0 + r) * p->N + n0))
}
#endif

#if defined(LB_USE_ALL_KERNELS) || defined(LB_USE_lb_k_qmatmul_nk_rq_i8i8_i8)
LB_KAPI void lb_k_qmatmul_nk_rq_i8i8_i8(const lb_qgemm_params_t *p, const int8_t *a, const int8_t *b, const int32_t *b_zp,
                                    const int64_t *comp, const int32_t *mult, const int32_t *shift, const void *ws, int8_t *y) {
  LB__QG_MATMUL(u8i8, uint8_t, int8_t, 0x80,
                lb__qg_requant_i8(nb, d + (r - r0) * nb, mult + (p->mult_per_channel ? n0 : 0),
                                  shift + (p->mult_per_channel ? n0 : 0), p->mult_per_channel, p->out_zp, p->qmin,
                                  p->qmax, y + (m0 + r) * p->N + n0))
}
#endif

#if defined(LB_USE_ALL_KERNELS) || defined(LB_USE_lb_k_qmatmul_nk_rq_i8i8_u8)
LB_KAPI void lb_k_qmatmul_nk_rq_i8i8_u8(const lb_qgemm_params_t *p, const int8_t *a, const int8_t *b, const int32_t *b_zp,
                                    const int64_t *comp, const int32_t *mult, const int32_t *shift, const void *ws, uint8_t *y) {
  LB__QG_MATMUL(u8i8, uint8_t, int8_t, 0x80,
                lb__qg_requant_u8(nb, d + (r - r0) * nb, mult + (p->mult_per_channel ? n0 : 0),
                                  shift + (p->mult_per_channel ? n0 : 0), p->mult_per_channel, p->out_zp, p->qmin,
                                  p->qmax, y + (m0 + r) * p->N + n0))
}
#endif

#if defined(LB_USE_ALL_KERNELS) || defined(LB_USE_lb_k_qmatmul_nk_i8u8)
LB_KAPI void lb_k_qmatmul_nk_i8u8(const lb_qgemm_params_t *p, const int8_t *a, const uint8_t *b, const int32_t *b_zp,
                                 const int64_t *comp, const void *ws, int32_t *y) {
  LB__QG_MATMUL(i8u8, int8_t, uint8_t, 0, lb__qg_store_i32(nb, d + (r - r0) * nb, y + (m0 + r) * p->N + n0))
}
#endif

#if defined(LB_USE_ALL_KERNELS) || defined(LB_USE_lb_k_qmatmul_nk_rq_i8u8_i8)
LB_KAPI void lb_k_qmatmul_nk_rq_i8u8_i8(const lb_qgemm_params_t *p, const int8_t *a, const uint8_t *b, const int32_t *b_zp,
                                    const int64_t *comp, const int32_t *mult, const int32_t *shift, const void *ws, int8_t *y) {
  LB__QG_MATMUL(i8u8, int8_t, uint8_t, 0,
                lb__qg_requant_i8(nb, d + (r - r0) * nb, mult + (p->mult_per_channel ? n0 : 0),
                                  shift + (p->mult_per_channel ? n0 : 0), p->mult_per_channel, p->out_zp, p->qmin,
                                  p->qmax, y + (m0 + r) * p->N + n0))
}
#endif

#if defined(LB_USE_ALL_KERNELS) || defined(LB_USE_lb_k_qmatmul_nk_rq_i8u8_u8)
LB_KAPI void lb_k_qmatmul_nk_rq_i8u8_u8(const lb_qgemm_params_t *p, const int8_t *a, const uint8_t *b, const int32_t *b_zp,
                                    const int64_t *comp, const int32_t *mult, const int32_t *shift, const void *ws, uint8_t *y) {
  LB__QG_MATMUL(i8u8, int8_t, uint8_t, 0,
                lb__qg_requant_u8(nb, d + (r - r0) * nb, mult + (p->mult_per_channel ? n0 : 0),
                                  shift + (p->mult_per_channel ? n0 : 0), p->mult_per_channel, p->out_zp, p->qmin,
                                  p->qmax, y + (m0 + r) * p->N + n0))
}
#endif

#if defined(LB_USE_ALL_KERNELS) || defined(LB_USE_lb_k_qmatmul_nk_u8i8)
LB_KAPI void lb_k_qmatmul_nk_u8i8(const lb_qgemm_params_t *p, const uint8_t *a, const int8_t *b, const int32_t *b_zp,
                                 const int64_t *comp, const void *ws, int32_t *y) {
  LB__QG_MATMUL(u8i8, uint8_t, int8_t, 0, lb__qg_store_i32(nb, d + (r - r0) * nb, y + (m0 + r) * p->N + n0))
}
#endif

#if defined(LB_USE_ALL_KERNELS) || defined(LB_USE_lb_k_qmatmul_nk_rq_u8i8_i8)
LB_KAPI void lb_k_qmatmul_nk_rq_u8i8_i8(const lb_qgemm_params_t *p, const uint8_t *a, const int8_t *b, const int32_t *b_zp,
                                    const int64_t *comp, const int32_t *mult, const int32_t *shift, const void *ws, int8_t *y) {
  LB__QG_MATMUL(u8i8, uint8_t, int8_t, 0,
                lb__qg_requant_i8(nb, d + (r - r0) * nb, mult + (p->mult_per_channel ? n0 : 0),
                                  shift + (p->mult_per_channel ? n0 : 0), p->mult_per_channel, p->out_zp, p->qmin,
                                  p->qmax, y + (m0 + r) * p->N + n0))
}
#endif

#if defined(LB_USE_ALL_KERNELS) || defined(LB_USE_lb_k_qmatmul_nk_rq_u8i8_u8)
LB_KAPI void lb_k_qmatmul_nk_rq_u8i8_u8(const lb_qgemm_params_t *p, const uint8_t *a, const int8_t *b, const int32_t *b_zp,
                                    const int64_t *comp, const int32_t *mult, const int32_t *shift, const void *ws, uint8_t *y) {
  LB__QG_MATMUL(u8i8, uint8_t, int8_t, 0,
                lb__qg_requant_u8(nb, d + (r - r0) * nb, mult + (p->mult_per_channel ? n0 : 0),
                                  shift + (p->mult_per_channel ? n0 : 0), p->mult_per_channel, p->out_zp, p->qmin,
                                  p->qmax, y + (m0 + r) * p->N + n0))
}
#endif

#if defined(LB_USE_ALL_KERNELS) || defined(LB_USE_lb_k_qmatmul_nk_u8u8)
LB_KAPI void lb_k_qmatmul_nk_u8u8(const lb_qgemm_params_t *p, const uint8_t *a, const uint8_t *b, const int32_t *b_zp,
                                 const int64_t *comp, const void *ws, int32_t *y) {
  LB__QG_MATMUL(u8u8, uint8_t, uint8_t, 0, lb__qg_store_i32(nb, d + (r - r0) * nb, y + (m0 + r) * p->N + n0))
}
#endif

#if defined(LB_USE_ALL_KERNELS) || defined(LB_USE_lb_k_qmatmul_nk_rq_u8u8_i8)
LB_KAPI void lb_k_qmatmul_nk_rq_u8u8_i8(const lb_qgemm_params_t *p, const uint8_t *a, const uint8_t *b, const int32_t *b_zp,
                                    const int64_t *comp, const int32_t *mult, const int32_t *shift, const void *ws, int8_t *y) {
  LB__QG_MATMUL(u8u8, uint8_t, uint8_t, 0,
                lb__qg_requant_i8(nb, d + (r - r0) * nb, mult + (p->mult_per_channel ? n0 : 0),
                                  shift + (p->mult_per_channel ? n0 : 0), p->mult_per_channel, p->out_zp, p->qmin,
                                  p->qmax, y + (m0 + r) * p->N + n0))
}
#endif

#if defined(LB_USE_ALL_KERNELS) || defined(LB_USE_lb_k_qmatmul_nk_rq_u8u8_u8)
LB_KAPI void lb_k_qmatmul_nk_rq_u8u8_u8(const lb_qgemm_params_t *p, const uint8_t *a, const uint8_t *b, const int32_t *b_zp,
                                    const int64_t *comp, const int32_t *mult, const int32_t *shift, const void *ws, uint8_t *y) {
  LB__QG_MATMUL(u8u8, uint8_t, uint8_t, 0,
                lb__qg_requant_u8(nb, d + (r - r0) * nb, mult + (p->mult_per_channel ? n0 : 0),
                                  shift + (p->mult_per_channel ? n0 : 0), p->mult_per_channel, p->out_zp, p->qmin,
                                  p->qmax, y + (m0 + r) * p->N + n0))
}
#endif

#if defined(LB_USE_ALL_KERNELS) || defined(LB_USE_lb_k_qconv2d_gemm_i8i8)
LB_KAPI void lb_k_qconv2d_gemm_i8i8(const lb_qconv_gemm_params_t *p, const int8_t *x, const int8_t *w, const int32_t *w_zp,
                                   const int64_t *comp, const void *ws, int32_t *y) {
  LB__QG_CONV(i8u8, uint8_t, 0x80, w + (oc0 + o0) * Kp, lb__qg_col_i32(np, d + (i - o0) * np, cs, cc, wzc, y + yrow))
}
#endif

#if defined(LB_USE_ALL_KERNELS) || defined(LB_USE_lb_k_qconv2d_gemm_rq_i8i8_i8)
LB_KAPI void lb_k_qconv2d_gemm_rq_i8i8_i8(const lb_qconv_gemm_params_t *p, const int8_t *x, const int8_t *w, const int32_t *w_zp,
                                      const int64_t *comp, const int32_t *mult, const int32_t *shift, const void *ws, int8_t *y) {
  LB__QG_CONV(i8u8, uint8_t, 0x80, w + (oc0 + o0) * Kp,
              lb__qg_col_rq_i8(np, d + (i - o0) * np, cs, cc, wzc, mult[p->mult_per_channel ? c : 0],
                                shift[p->mult_per_channel ? c : 0], p->out_zp, p->qmin, p->qmax, y + yrow))
}
#endif

#if defined(LB_USE_ALL_KERNELS) || defined(LB_USE_lb_k_qconv2d_gemm_rq_i8i8_u8)
LB_KAPI void lb_k_qconv2d_gemm_rq_i8i8_u8(const lb_qconv_gemm_params_t *p, const int8_t *x, const int8_t *w, const int32_t *w_zp,
                                      const int64_t *comp, const int32_t *mult, const int32_t *shift, const void *ws, uint8_t *y) {
  LB__QG_CONV(i8u8, uint8_t, 0x80, w + (oc0 + o0) * Kp,
              lb__qg_col_rq_u8(np, d + (i - o0) * np, cs, cc, wzc, mult[p->mult_per_channel ? c : 0],
                                shift[p->mult_per_channel ? c : 0], p->out_zp, p->qmin, p->qmax, y + yrow))
}
#endif

#if defined(LB_USE_ALL_KERNELS) || defined(LB_USE_lb_k_qconv2d_gemm_i8u8)
LB_KAPI void lb_k_qconv2d_gemm_i8u8(const lb_qconv_gemm_params_t *p, const int8_t *x, const uint8_t *w, const int32_t *w_zp,
                                   const int64_t *comp, const void *ws, int32_t *y) {
  LB__QG_CONV(u8i8, int8_t, 0, w + (oc0 + o0) * Kp, lb__qg_col_i32(np, d + (i - o0) * np, cs, cc, wzc, y + yrow))
}
#endif

#if defined(LB_USE_ALL_KERNELS) || defined(LB_USE_lb_k_qconv2d_gemm_rq_i8u8_i8)
LB_KAPI void lb_k_qconv2d_gemm_rq_i8u8_i8(const lb_qconv_gemm_params_t *p, const int8_t *x, const uint8_t *w, const int32_t *w_zp,
                                      const int64_t *comp, const int32_t *mult, const int32_t *shift, const void *ws, int8_t *y) {
  LB__QG_CONV(u8i8, int8_t, 0, w + (oc0 + o0) * Kp,
              lb__qg_col_rq_i8(np, d + (i - o0) * np, cs, cc, wzc, mult[p->mult_per_channel ? c : 0],
                                shift[p->mult_per_channel ? c : 0], p->out_zp, p->qmin, p->qmax, y + yrow))
}
#endif

#if defined(LB_USE_ALL_KERNELS) || defined(LB_USE_lb_k_qconv2d_gemm_rq_i8u8_u8)
LB_KAPI void lb_k_qconv2d_gemm_rq_i8u8_u8(const lb_qconv_gemm_params_t *p, const int8_t *x, const uint8_t *w, const int32_t *w_zp,
                                      const int64_t *comp, const int32_t *mult, const int32_t *shift, const void *ws, uint8_t *y) {
  LB__QG_CONV(u8i8, int8_t, 0, w + (oc0 + o0) * Kp,
              lb__qg_col_rq_u8(np, d + (i - o0) * np, cs, cc, wzc, mult[p->mult_per_channel ? c : 0],
                                shift[p->mult_per_channel ? c : 0], p->out_zp, p->qmin, p->qmax, y + yrow))
}
#endif

#if defined(LB_USE_ALL_KERNELS) || defined(LB_USE_lb_k_qconv2d_gemm_u8i8)
LB_KAPI void lb_k_qconv2d_gemm_u8i8(const lb_qconv_gemm_params_t *p, const uint8_t *x, const int8_t *w, const int32_t *w_zp,
                                   const int64_t *comp, const void *ws, int32_t *y) {
  LB__QG_CONV(i8u8, uint8_t, 0, w + (oc0 + o0) * Kp, lb__qg_col_i32(np, d + (i - o0) * np, cs, cc, wzc, y + yrow))
}
#endif

#if defined(LB_USE_ALL_KERNELS) || defined(LB_USE_lb_k_qconv2d_gemm_rq_u8i8_i8)
LB_KAPI void lb_k_qconv2d_gemm_rq_u8i8_i8(const lb_qconv_gemm_params_t *p, const uint8_t *x, const int8_t *w, const int32_t *w_zp,
                                      const int64_t *comp, const int32_t *mult, const int32_t *shift, const void *ws, int8_t *y) {
  LB__QG_CONV(i8u8, uint8_t, 0, w + (oc0 + o0) * Kp,
              lb__qg_col_rq_i8(np, d + (i - o0) * np, cs, cc, wzc, mult[p->mult_per_channel ? c : 0],
                                shift[p->mult_per_channel ? c : 0], p->out_zp, p->qmin, p->qmax, y + yrow))
}
#endif

#if defined(LB_USE_ALL_KERNELS) || defined(LB_USE_lb_k_qconv2d_gemm_rq_u8i8_u8)
LB_KAPI void lb_k_qconv2d_gemm_rq_u8i8_u8(const lb_qconv_gemm_params_t *p, const uint8_t *x, const int8_t *w, const int32_t *w_zp,
                                      const int64_t *comp, const int32_t *mult, const int32_t *shift, const void *ws, uint8_t *y) {
  LB__QG_CONV(i8u8, uint8_t, 0, w + (oc0 + o0) * Kp,
              lb__qg_col_rq_u8(np, d + (i - o0) * np, cs, cc, wzc, mult[p->mult_per_channel ? c : 0],
                                shift[p->mult_per_channel ? c : 0], p->out_zp, p->qmin, p->qmax, y + yrow))
}
#endif

#if defined(LB_USE_ALL_KERNELS) || defined(LB_USE_lb_k_qconv2d_gemm_u8u8)
LB_KAPI void lb_k_qconv2d_gemm_u8u8(const lb_qconv_gemm_params_t *p, const uint8_t *x, const uint8_t *w, const int32_t *w_zp,
                                   const int64_t *comp, const void *ws, int32_t *y) {
  LB__QG_CONV(u8u8, uint8_t, 0, w + (oc0 + o0) * Kp, lb__qg_col_i32(np, d + (i - o0) * np, cs, cc, wzc, y + yrow))
}
#endif

#if defined(LB_USE_ALL_KERNELS) || defined(LB_USE_lb_k_qconv2d_gemm_rq_u8u8_i8)
LB_KAPI void lb_k_qconv2d_gemm_rq_u8u8_i8(const lb_qconv_gemm_params_t *p, const uint8_t *x, const uint8_t *w, const int32_t *w_zp,
                                      const int64_t *comp, const int32_t *mult, const int32_t *shift, const void *ws, int8_t *y) {
  LB__QG_CONV(u8u8, uint8_t, 0, w + (oc0 + o0) * Kp,
              lb__qg_col_rq_i8(np, d + (i - o0) * np, cs, cc, wzc, mult[p->mult_per_channel ? c : 0],
                                shift[p->mult_per_channel ? c : 0], p->out_zp, p->qmin, p->qmax, y + yrow))
}
#endif

#if defined(LB_USE_ALL_KERNELS) || defined(LB_USE_lb_k_qconv2d_gemm_rq_u8u8_u8)
LB_KAPI void lb_k_qconv2d_gemm_rq_u8u8_u8(const lb_qconv_gemm_params_t *p, const uint8_t *x, const uint8_t *w, const int32_t *w_zp,
                                      const int64_t *comp, const int32_t *mult, const int32_t *shift, const void *ws, uint8_t *y) {
  LB__QG_CONV(u8u8, uint8_t, 0, w + (oc0 + o0) * Kp,
              lb__qg_col_rq_u8(np, d + (i - o0) * np, cs, cc, wzc, mult[p->mult_per_channel ? c : 0],
                                shift[p->mult_per_channel ? c : 0], p->out_zp, p->qmin, p->qmax, y + yrow))
}
#endif


#if defined(LB_USE_ALL_KERNELS) || defined(LB_USE_lb_k_qmatmul_nk4_i8) || defined(LB_USE_lb_k_qmatmul_nk2_i8) || defined(LB_USE_lb_k_qmatmul_nk3_i8) || defined(LB_USE_lb_k_qmatmul_nk4_u8) || defined(LB_USE_lb_k_qmatmul_nk2_u8) || defined(LB_USE_lb_k_qmatmul_nk3_u8) || defined(LB_USE_lb_k_qmatmul_nk4_rq_i8_i8) || defined(LB_USE_lb_k_qmatmul_nk2_rq_i8_i8) || defined(LB_USE_lb_k_qmatmul_nk3_rq_i8_i8) || defined(LB_USE_lb_k_qmatmul_nk4_rq_i8_u8) || defined(LB_USE_lb_k_qmatmul_nk2_rq_i8_u8) || defined(LB_USE_lb_k_qmatmul_nk3_rq_i8_u8) || defined(LB_USE_lb_k_qmatmul_nk4_rq_u8_i8) || defined(LB_USE_lb_k_qmatmul_nk2_rq_u8_i8) || defined(LB_USE_lb_k_qmatmul_nk3_rq_u8_i8) || defined(LB_USE_lb_k_qmatmul_nk4_rq_u8_u8) || defined(LB_USE_lb_k_qmatmul_nk2_rq_u8_u8) || defined(LB_USE_lb_k_qmatmul_nk3_rq_u8_u8) || defined(LB_USE_lb_k_qconv2d_gemm4_i8) || defined(LB_USE_lb_k_qconv2d_gemm4_u8) || defined(LB_USE_lb_k_qconv2d_gemm4_rq_i8_i8) || defined(LB_USE_lb_k_qconv2d_gemm4_rq_i8_u8) || defined(LB_USE_lb_k_qconv2d_gemm4_rq_u8_i8) || defined(LB_USE_lb_k_qconv2d_gemm4_rq_u8_u8) || defined(LB_USE_lb_k_qmatmul_nk4_dq_i8) || defined(LB_USE_lb_k_qmatmul_nk4_dq_u8) || defined(LB_USE_lb_k_qmatmul_nk2_dq_i8) || defined(LB_USE_lb_k_qmatmul_nk2_dq_u8) || defined(LB_USE_lb_k_qmatmul_nk3_dq_i8) || defined(LB_USE_lb_k_qmatmul_nk3_dq_u8) || defined(LB_USE_lb_k_qmatmul_nk4_rqf_i8_i8) || defined(LB_USE_lb_k_qmatmul_nk4_rqf_i8_u8) || defined(LB_USE_lb_k_qmatmul_nk4_rqf_u8_i8) || defined(LB_USE_lb_k_qmatmul_nk4_rqf_u8_u8) || defined(LB_USE_lb_k_qmatmul_nk2_rqf_i8_i8) || defined(LB_USE_lb_k_qmatmul_nk2_rqf_i8_u8) || defined(LB_USE_lb_k_qmatmul_nk2_rqf_u8_i8) || defined(LB_USE_lb_k_qmatmul_nk2_rqf_u8_u8) || defined(LB_USE_lb_k_qmatmul_nk3_rqf_i8_i8) || defined(LB_USE_lb_k_qmatmul_nk3_rqf_i8_u8) || defined(LB_USE_lb_k_qmatmul_nk3_rqf_u8_i8) || defined(LB_USE_lb_k_qmatmul_nk3_rqf_u8_u8)
/* Packed signed 4-bit weights (qmatmul_nk4_*): each row of b is Kp / 2
 * bytes; in every chunk of 64 codes, byte j holds code j in its low nibble
 * and code j + 32 in its high nibble (two's complement). A block of rows is
 * unpacked into the workspace as int8 codes, a few vector operations per
 * 64 codes, and the 8-bit core runs on it: half the weight bytes to read,
 * the same dot products. */
LB__HELPER const int8_t *lb__qg_unpack4(const uint8_t *src, int64_t rows, int64_t Kp, int8_t *dst) {
  int64_t r, c, j;
  for (r = 0; r < rows; ++r)
    for (c = 0; c < Kp; c += 64) {
      const uint8_t *in = src + (r * Kp + c) / 2;
      int8_t *out = dst + r * Kp + c;
      for (j = 0; j < 32; ++j) {
        out[j] = (int8_t)(((in[j] & 15) ^ 8) - 8);
        out[j + 32] = (int8_t)(((in[j] >> 4) ^ 8) - 8);
      }
    }
  return dst;
}
#define LB__QG_UNPACKED (lb__qg_unpack4(b + n0 * (Kp / 2), nb, Kp, (int8_t *)(void *)(rs + LB__QG_NB)))
#endif

/* Packed signed 2-bit weights (qmatmul_nk2_*): each row of b is Kp / 4
 * bytes; in every chunk of 64 codes, byte j holds codes j, j + 16, j + 32
 * and j + 48 in its bit pairs from the low end (two's complement: -2..1).
 * Unpacked into the workspace as int8 codes like the 4-bit form: a quarter
 * of the weight bytes to read, the same dot products. */
#if defined(LB_USE_ALL_KERNELS) || defined(LB_USE_lb_k_qmatmul_nk2_i8) || defined(LB_USE_lb_k_qmatmul_nk2_u8) || defined(LB_USE_lb_k_qmatmul_nk2_rq_i8_i8) || defined(LB_USE_lb_k_qmatmul_nk2_rq_i8_u8) || defined(LB_USE_lb_k_qmatmul_nk2_rq_u8_i8) || defined(LB_USE_lb_k_qmatmul_nk2_rq_u8_u8) || defined(LB_USE_lb_k_qmatmul_nk2_dq_i8) || defined(LB_USE_lb_k_qmatmul_nk2_dq_u8) || defined(LB_USE_lb_k_qmatmul_nk2_rqf_i8_i8) || defined(LB_USE_lb_k_qmatmul_nk2_rqf_i8_u8) || defined(LB_USE_lb_k_qmatmul_nk2_rqf_u8_i8) || defined(LB_USE_lb_k_qmatmul_nk2_rqf_u8_u8)
LB__HELPER const int8_t *lb__qg_unpack2(const uint8_t *src, int64_t rows, int64_t Kp, int8_t *dst) {
  int64_t r, c, j;
  for (r = 0; r < rows; ++r)
    for (c = 0; c < Kp; c += 64) {
      const uint8_t *in = src + (r * Kp + c) / 4;
      int8_t *out = dst + r * Kp + c;
      for (j = 0; j < 16; ++j) {
        out[j] = (int8_t)(((in[j] & 3) ^ 2) - 2);
        out[j + 16] = (int8_t)((((in[j] >> 2) & 3) ^ 2) - 2);
        out[j + 32] = (int8_t)((((in[j] >> 4) & 3) ^ 2) - 2);
        out[j + 48] = (int8_t)((((in[j] >> 6) & 3) ^ 2) - 2);
      }
    }
  return dst;
}
#define LB__QG_UNPACKED2 (lb__qg_unpack2(b + n0 * (Kp / 4), nb, Kp, (int8_t *)(void *)(rs + LB__QG_NB)))
#endif

/* Packed signed 3-bit weights (qmatmul_nk3_*): each row of b is Kp * 3 / 8
 * bytes; in every chunk of 64 codes, each 3 bytes (little-endian 24 bits)
 * hold 8 codes, code t at bits 3t..3t+2 (two's complement: -4..3). */
#if defined(LB_USE_ALL_KERNELS) || defined(LB_USE_lb_k_qmatmul_nk3_i8) || defined(LB_USE_lb_k_qmatmul_nk3_u8) || defined(LB_USE_lb_k_qmatmul_nk3_rq_i8_i8) || defined(LB_USE_lb_k_qmatmul_nk3_rq_i8_u8) || defined(LB_USE_lb_k_qmatmul_nk3_rq_u8_i8) || defined(LB_USE_lb_k_qmatmul_nk3_rq_u8_u8) || defined(LB_USE_lb_k_qmatmul_nk3_dq_i8) || defined(LB_USE_lb_k_qmatmul_nk3_dq_u8) || defined(LB_USE_lb_k_qmatmul_nk3_rqf_i8_i8) || defined(LB_USE_lb_k_qmatmul_nk3_rqf_i8_u8) || defined(LB_USE_lb_k_qmatmul_nk3_rqf_u8_i8) || defined(LB_USE_lb_k_qmatmul_nk3_rqf_u8_u8)
LB__HELPER const int8_t *lb__qg_unpack3(const uint8_t *src, int64_t rows, int64_t Kp, int8_t *dst) {
  int64_t r, c, g, t;
  for (r = 0; r < rows; ++r)
    for (c = 0; c < Kp; c += 64) {
      const uint8_t *in = src + (r * Kp + c) / 8 * 3;
      int8_t *out = dst + r * Kp + c;
      for (g = 0; g < 8; ++g) {
        uint32_t u = (uint32_t)in[3 * g] | (uint32_t)in[3 * g + 1] << 8 | (uint32_t)in[3 * g + 2] << 16;
        for (t = 0; t < 8; ++t) out[8 * g + t] = (int8_t)((((u >> (3 * t)) & 7u) ^ 4u) - 4);
      }
    }
  return dst;
}
#define LB__QG_UNPACKED3 (lb__qg_unpack3(b + n0 * (Kp / 8 * 3), nb, Kp, (int8_t *)(void *)(rs + LB__QG_NB)))
#endif

#if defined(LB_USE_ALL_KERNELS) || defined(LB_USE_lb_k_qmatmul_nk4_i8)
LB_KAPI void lb_k_qmatmul_nk4_i8(const lb_qgemm_params_t *p, const int8_t *a, const uint8_t *b, const int32_t *b_zp,
                              const int64_t *comp, const void *ws, int32_t *y) {
  LB__QG_MATMUL_B(u8i8, uint8_t, int8_t, 0x80, LB__QG_UNPACKED,
                  lb__qg_store_i32(nb, d + (r - r0) * nb, y + (m0 + r) * p->N + n0))
}
#endif

#if defined(LB_USE_ALL_KERNELS) || defined(LB_USE_lb_k_qmatmul_nk4_rq_i8_i8)
LB_KAPI void lb_k_qmatmul_nk4_rq_i8_i8(const lb_qgemm_params_t *p, const int8_t *a, const uint8_t *b, const int32_t *b_zp,
                                   const int64_t *comp, const int32_t *mult, const int32_t *shift, const void *ws,
                                   int8_t *y) {
  LB__QG_MATMUL_B(u8i8, uint8_t, int8_t, 0x80, LB__QG_UNPACKED,
                  lb__qg_requant_i8(nb, d + (r - r0) * nb, mult + (p->mult_per_channel ? n0 : 0),
                                    shift + (p->mult_per_channel ? n0 : 0), p->mult_per_channel, p->out_zp, p->qmin,
                                    p->qmax, y + (m0 + r) * p->N + n0))
}
#endif

#if defined(LB_USE_ALL_KERNELS) || defined(LB_USE_lb_k_qmatmul_nk4_rq_i8_u8)
LB_KAPI void lb_k_qmatmul_nk4_rq_i8_u8(const lb_qgemm_params_t *p, const int8_t *a, const uint8_t *b, const int32_t *b_zp,
                                   const int64_t *comp, const int32_t *mult, const int32_t *shift, const void *ws,
                                   uint8_t *y) {
  LB__QG_MATMUL_B(u8i8, uint8_t, int8_t, 0x80, LB__QG_UNPACKED,
                  lb__qg_requant_u8(nb, d + (r - r0) * nb, mult + (p->mult_per_channel ? n0 : 0),
                                    shift + (p->mult_per_channel ? n0 : 0), p->mult_per_channel, p->out_zp, p->qmin,
                                    p->qmax, y + (m0 + r) * p->N + n0))
}
#endif

#if defined(LB_USE_ALL_KERNELS) || defined(LB_USE_lb_k_qmatmul_nk4_u8)
LB_KAPI void lb_k_qmatmul_nk4_u8(const lb_qgemm_params_t *p, const uint8_t *a, const uint8_t *b, const int32_t *b_zp,
                              const int64_t *comp, const void *ws, int32_t *y) {
  LB__QG_MATMUL_B(u8i8, uint8_t, int8_t, 0, LB__QG_UNPACKED,
                  lb__qg_store_i32(nb, d + (r - r0) * nb, y + (m0 + r) * p->N + n0))
}
#endif

#if defined(LB_USE_ALL_KERNELS) || defined(LB_USE_lb_k_qmatmul_nk4_rq_u8_i8)
LB_KAPI void lb_k_qmatmul_nk4_rq_u8_i8(const lb_qgemm_params_t *p, const uint8_t *a, const uint8_t *b, const int32_t *b_zp,
                                   const int64_t *comp, const int32_t *mult, const int32_t *shift, const void *ws,
                                   int8_t *y) {
  LB__QG_MATMUL_B(u8i8, uint8_t, int8_t, 0, LB__QG_UNPACKED,
                  lb__qg_requant_i8(nb, d + (r - r0) * nb, mult + (p->mult_per_channel ? n0 : 0),
                                    shift + (p->mult_per_channel ? n0 : 0), p->mult_per_channel, p->out_zp, p->qmin,
                                    p->qmax, y + (m0 + r) * p->N + n0))
}
#endif

#if defined(LB_USE_ALL_KERNELS) || defined(LB_USE_lb_k_qmatmul_nk4_rq_u8_u8)
LB_KAPI void lb_k_qmatmul_nk4_rq_u8_u8(const lb_qgemm_params_t *p, const uint8_t *a, const uint8_t *b, const int32_t *b_zp,
                                   const int64_t *comp, const int32_t *mult, const int32_t *shift, const void *ws,
                                   uint8_t *y) {
  LB__QG_MATMUL_B(u8i8, uint8_t, int8_t, 0, LB__QG_UNPACKED,
                  lb__qg_requant_u8(nb, d + (r - r0) * nb, mult + (p->mult_per_channel ? n0 : 0),
                                    shift + (p->mult_per_channel ? n0 : 0), p->mult_per_channel, p->out_zp, p->qmin,
                                    p->qmax, y + (m0 + r) * p->N + n0))
}
#endif

#if defined(LB_USE_ALL_KERNELS) || defined(LB_USE_lb_k_qmatmul_nk2_i8)
LB_KAPI void lb_k_qmatmul_nk2_i8(const lb_qgemm_params_t *p, const int8_t *a, const uint8_t *b, const int32_t *b_zp,
                              const int64_t *comp, const void *ws, int32_t *y) {
  LB__QG_MATMUL_B(u8i8, uint8_t, int8_t, 0x80, LB__QG_UNPACKED2,
                  lb__qg_store_i32(nb, d + (r - r0) * nb, y + (m0 + r) * p->N + n0))
}
#endif

#if defined(LB_USE_ALL_KERNELS) || defined(LB_USE_lb_k_qmatmul_nk2_rq_i8_i8)
LB_KAPI void lb_k_qmatmul_nk2_rq_i8_i8(const lb_qgemm_params_t *p, const int8_t *a, const uint8_t *b, const int32_t *b_zp,
                                   const int64_t *comp, const int32_t *mult, const int32_t *shift, const void *ws,
                                   int8_t *y) {
  LB__QG_MATMUL_B(u8i8, uint8_t, int8_t, 0x80, LB__QG_UNPACKED2,
                  lb__qg_requant_i8(nb, d + (r - r0) * nb, mult + (p->mult_per_channel ? n0 : 0),
                                    shift + (p->mult_per_channel ? n0 : 0), p->mult_per_channel, p->out_zp, p->qmin,
                                    p->qmax, y + (m0 + r) * p->N + n0))
}
#endif

#if defined(LB_USE_ALL_KERNELS) || defined(LB_USE_lb_k_qmatmul_nk2_rq_i8_u8)
LB_KAPI void lb_k_qmatmul_nk2_rq_i8_u8(const lb_qgemm_params_t *p, const int8_t *a, const uint8_t *b, const int32_t *b_zp,
                                   const int64_t *comp, const int32_t *mult, const int32_t *shift, const void *ws,
                                   uint8_t *y) {
  LB__QG_MATMUL_B(u8i8, uint8_t, int8_t, 0x80, LB__QG_UNPACKED2,
                  lb__qg_requant_u8(nb, d + (r - r0) * nb, mult + (p->mult_per_channel ? n0 : 0),
                                    shift + (p->mult_per_channel ? n0 : 0), p->mult_per_channel, p->out_zp, p->qmin,
                                    p->qmax, y + (m0 + r) * p->N + n0))
}
#endif

#if defined(LB_USE_ALL_KERNELS) || defined(LB_USE_lb_k_qmatmul_nk2_u8)
LB_KAPI void lb_k_qmatmul_nk2_u8(const lb_qgemm_params_t *p, const uint8_t *a, const uint8_t *b, const int32_t *b_zp,
                              const int64_t *comp, const void *ws, int32_t *y) {
  LB__QG_MATMUL_B(u8i8, uint8_t, int8_t, 0, LB__QG_UNPACKED2,
                  lb__qg_store_i32(nb, d + (r - r0) * nb, y + (m0 + r) * p->N + n0))
}
#endif

#if defined(LB_USE_ALL_KERNELS) || defined(LB_USE_lb_k_qmatmul_nk2_rq_u8_i8)
LB_KAPI void lb_k_qmatmul_nk2_rq_u8_i8(const lb_qgemm_params_t *p, const uint8_t *a, const uint8_t *b, const int32_t *b_zp,
                                   const int64_t *comp, const int32_t *mult, const int32_t *shift, const void *ws,
                                   int8_t *y) {
  LB__QG_MATMUL_B(u8i8, uint8_t, int8_t, 0, LB__QG_UNPACKED2,
                  lb__qg_requant_i8(nb, d + (r - r0) * nb, mult + (p->mult_per_channel ? n0 : 0),
                                    shift + (p->mult_per_channel ? n0 : 0), p->mult_per_channel, p->out_zp, p->qmin,
                                    p->qmax, y + (m0 + r) * p->N + n0))
}
#endif

#if defined(LB_USE_ALL_KERNELS) || defined(LB_USE_lb_k_qmatmul_nk2_rq_u8_u8)
LB_KAPI void lb_k_qmatmul_nk2_rq_u8_u8(const lb_qgemm_params_t *p, const uint8_t *a, const uint8_t *b, const int32_t *b_zp,
                                   const int64_t *comp, const int32_t *mult, const int32_t *shift, const void *ws,
                                   uint8_t *y) {
  LB__QG_MATMUL_B(u8i8, uint8_t, int8_t, 0, LB__QG_UNPACKED2,
                  lb__qg_requant_u8(nb, d + (r - r0) * nb, mult + (p->mult_per_channel ? n0 : 0),
                                    shift + (p->mult_per_channel ? n0 : 0), p->mult_per_channel, p->out_zp, p->qmin,
                                    p->qmax, y + (m0 + r) * p->N + n0))
}
#endif

#if defined(LB_USE_ALL_KERNELS) || defined(LB_USE_lb_k_qmatmul_nk3_i8)
LB_KAPI void lb_k_qmatmul_nk3_i8(const lb_qgemm_params_t *p, const int8_t *a, const uint8_t *b, const int32_t *b_zp,
                              const int64_t *comp, const void *ws, int32_t *y) {
  LB__QG_MATMUL_B(u8i8, uint8_t, int8_t, 0x80, LB__QG_UNPACKED3,
                  lb__qg_store_i32(nb, d + (r - r0) * nb, y + (m0 + r) * p->N + n0))
}
#endif

#if defined(LB_USE_ALL_KERNELS) || defined(LB_USE_lb_k_qmatmul_nk3_rq_i8_i8)
LB_KAPI void lb_k_qmatmul_nk3_rq_i8_i8(const lb_qgemm_params_t *p, const int8_t *a, const uint8_t *b, const int32_t *b_zp,
                                   const int64_t *comp, const int32_t *mult, const int32_t *shift, const void *ws,
                                   int8_t *y) {
  LB__QG_MATMUL_B(u8i8, uint8_t, int8_t, 0x80, LB__QG_UNPACKED3,
                  lb__qg_requant_i8(nb, d + (r - r0) * nb, mult + (p->mult_per_channel ? n0 : 0),
                                    shift + (p->mult_per_channel ? n0 : 0), p->mult_per_channel, p->out_zp, p->qmin,
                                    p->qmax, y + (m0 + r) * p->N + n0))
}
#endif

#if defined(LB_USE_ALL_KERNELS) || defined(LB_USE_lb_k_qmatmul_nk3_rq_i8_u8)
LB_KAPI void lb_k_qmatmul_nk3_rq_i8_u8(const lb_qgemm_params_t *p, const int8_t *a, const uint8_t *b, const int32_t *b_zp,
                                   const int64_t *comp, const int32_t *mult, const int32_t *shift, const void *ws,
                                   uint8_t *y) {
  LB__QG_MATMUL_B(u8i8, uint8_t, int8_t, 0x80, LB__QG_UNPACKED3,
                  lb__qg_requant_u8(nb, d + (r - r0) * nb, mult + (p->mult_per_channel ? n0 : 0),
                                    shift + (p->mult_per_channel ? n0 : 0), p->mult_per_channel, p->out_zp, p->qmin,
                                    p->qmax, y + (m0 + r) * p->N + n0))
}
#endif

#if defined(LB_USE_ALL_KERNELS) || defined(LB_USE_lb_k_qmatmul_nk3_u8)
LB_KAPI void lb_k_qmatmul_nk3_u8(const lb_qgemm_params_t *p, const uint8_t *a, const uint8_t *b, const int32_t *b_zp,
                              const int64_t *comp, const void *ws, int32_t *y) {
  LB__QG_MATMUL_B(u8i8, uint8_t, int8_t, 0, LB__QG_UNPACKED3,
                  lb__qg_store_i32(nb, d + (r - r0) * nb, y + (m0 + r) * p->N + n0))
}
#endif

#if defined(LB_USE_ALL_KERNELS) || defined(LB_USE_lb_k_qmatmul_nk3_rq_u8_i8)
LB_KAPI void lb_k_qmatmul_nk3_rq_u8_i8(const lb_qgemm_params_t *p, const uint8_t *a, const uint8_t *b, const int32_t *b_zp,
                                   const int64_t *comp, const int32_t *mult, const int32_t *shift, const void *ws,
                                   int8_t *y) {
  LB__QG_MATMUL_B(u8i8, uint8_t, int8_t, 0, LB__QG_UNPACKED3,
                  lb__qg_requant_i8(nb, d + (r - r0) * nb, mult + (p->mult_per_channel ? n0 : 0),
                                    shift + (p->mult_per_channel ? n0 : 0), p->mult_per_channel, p->out_zp, p->qmin,
                                    p->qmax, y + (m0 + r) * p->N + n0))
}
#endif

#if defined(LB_USE_ALL_KERNELS) || defined(LB_USE_lb_k_qmatmul_nk3_rq_u8_u8)
LB_KAPI void lb_k_qmatmul_nk3_rq_u8_u8(const lb_qgemm_params_t *p, const uint8_t *a, const uint8_t *b, const int32_t *b_zp,
                                   const int64_t *comp, const int32_t *mult, const int32_t *shift, const void *ws,
                                   uint8_t *y) {
  LB__QG_MATMUL_B(u8i8, uint8_t, int8_t, 0, LB__QG_UNPACKED3,
                  lb__qg_requant_u8(nb, d + (r - r0) * nb, mult + (p->mult_per_channel ? n0 : 0),
                                    shift + (p->mult_per_channel ? n0 : 0), p->mult_per_channel, p->out_zp, p->qmin,
                                    p->qmax, y + (m0 + r) * p->N + n0))
}
#endif

/* Packed signed 4-bit conv weights (qconv2d_gemm4_*): the [OC, Kp] rows in
 * qmatmul_nk4's 4-bit form, four rows unpacked into the workspace before
 * each pass of the core: half the weight bytes, the same dot products. */
#if defined(LB_USE_ALL_KERNELS) || defined(LB_USE_lb_k_qconv2d_gemm4_i8)
LB_KAPI void lb_k_qconv2d_gemm4_i8(const lb_qconv_gemm_params_t *p, const int8_t *x, const uint8_t *w, const int32_t *w_zp,
                                   const int64_t *comp, const void *ws, int32_t *y) {
  LB__QG_CONV(i8u8, uint8_t, 0x80, lb__qg_unpack4(w + (oc0 + o0) * (Kp / 2), o1 - o0, Kp, (int8_t *)(void *)(tk + 64 * 64)),
              lb__qg_col_i32(np, d + (i - o0) * np, cs, cc, wzc, y + yrow))
}
#endif

#if defined(LB_USE_ALL_KERNELS) || defined(LB_USE_lb_k_qconv2d_gemm4_rq_i8_i8)
LB_KAPI void lb_k_qconv2d_gemm4_rq_i8_i8(const lb_qconv_gemm_params_t *p, const int8_t *x, const uint8_t *w, const int32_t *w_zp,
                                   const int64_t *comp, const int32_t *mult, const int32_t *shift, const void *ws, int8_t *y) {
  LB__QG_CONV(i8u8, uint8_t, 0x80, lb__qg_unpack4(w + (oc0 + o0) * (Kp / 2), o1 - o0, Kp, (int8_t *)(void *)(tk + 64 * 64)),
              lb__qg_col_rq_i8(np, d + (i - o0) * np, cs, cc, wzc, mult[p->mult_per_channel ? c : 0],
                                shift[p->mult_per_channel ? c : 0], p->out_zp, p->qmin, p->qmax, y + yrow))
}
#endif

#if defined(LB_USE_ALL_KERNELS) || defined(LB_USE_lb_k_qconv2d_gemm4_rq_i8_u8)
LB_KAPI void lb_k_qconv2d_gemm4_rq_i8_u8(const lb_qconv_gemm_params_t *p, const int8_t *x, const uint8_t *w, const int32_t *w_zp,
                                   const int64_t *comp, const int32_t *mult, const int32_t *shift, const void *ws, uint8_t *y) {
  LB__QG_CONV(i8u8, uint8_t, 0x80, lb__qg_unpack4(w + (oc0 + o0) * (Kp / 2), o1 - o0, Kp, (int8_t *)(void *)(tk + 64 * 64)),
              lb__qg_col_rq_u8(np, d + (i - o0) * np, cs, cc, wzc, mult[p->mult_per_channel ? c : 0],
                                shift[p->mult_per_channel ? c : 0], p->out_zp, p->qmin, p->qmax, y + yrow))
}
#endif

#if defined(LB_USE_ALL_KERNELS) || defined(LB_USE_lb_k_qconv2d_gemm4_u8)
LB_KAPI void lb_k_qconv2d_gemm4_u8(const lb_qconv_gemm_params_t *p, const uint8_t *x, const uint8_t *w, const int32_t *w_zp,
                                   const int64_t *comp, const void *ws, int32_t *y) {
  LB__QG_CONV(i8u8, uint8_t, 0, lb__qg_unpack4(w + (oc0 + o0) * (Kp / 2), o1 - o0, Kp, (int8_t *)(void *)(tk + 64 * 64)),
              lb__qg_col_i32(np, d + (i - o0) * np, cs, cc, wzc, y + yrow))
}
#endif

#if defined(LB_USE_ALL_KERNELS) || defined(LB_USE_lb_k_qconv2d_gemm4_rq_u8_i8)
LB_KAPI void lb_k_qconv2d_gemm4_rq_u8_i8(const lb_qconv_gemm_params_t *p, const uint8_t *x, const uint8_t *w, const int32_t *w_zp,
                                   const int64_t *comp, const int32_t *mult, const int32_t *shift, const void *ws, int8_t *y) {
  LB__QG_CONV(i8u8, uint8_t, 0, lb__qg_unpack4(w + (oc0 + o0) * (Kp / 2), o1 - o0, Kp, (int8_t *)(void *)(tk + 64 * 64)),
              lb__qg_col_rq_i8(np, d + (i - o0) * np, cs, cc, wzc, mult[p->mult_per_channel ? c : 0],
                                shift[p->mult_per_channel ? c : 0], p->out_zp, p->qmin, p->qmax, y + yrow))
}
#endif

#if defined(LB_USE_ALL_KERNELS) || defined(LB_USE_lb_k_qmatmul_nk_dq_i8i8)
LB_KAPI void lb_k_qmatmul_nk_dq_i8i8(const lb_qgemm_params_t *p, const int8_t *a, const int8_t *b, const int32_t *b_zp, const int64_t *comp, const float *scale, const void *ws, float *y) {
  LB__QG_MATMUL(u8i8, uint8_t, int8_t, 0x80, lb__qg_dequant_f32(nb, d + (r - r0) * nb, scale + (p->mult_per_channel ? n0 : 0), p->mult_per_channel,
                                     p->out_zp, y + (m0 + r) * p->N + n0))
}
#endif

#if defined(LB_USE_ALL_KERNELS) || defined(LB_USE_lb_k_qmatmul_nk_dq_i8u8)
LB_KAPI void lb_k_qmatmul_nk_dq_i8u8(const lb_qgemm_params_t *p, const int8_t *a, const uint8_t *b, const int32_t *b_zp, const int64_t *comp, const float *scale, const void *ws, float *y) {
  LB__QG_MATMUL(i8u8, int8_t, uint8_t, 0, lb__qg_dequant_f32(nb, d + (r - r0) * nb, scale + (p->mult_per_channel ? n0 : 0), p->mult_per_channel,
                                     p->out_zp, y + (m0 + r) * p->N + n0))
}
#endif

#if defined(LB_USE_ALL_KERNELS) || defined(LB_USE_lb_k_qmatmul_nk_dq_u8i8)
LB_KAPI void lb_k_qmatmul_nk_dq_u8i8(const lb_qgemm_params_t *p, const uint8_t *a, const int8_t *b, const int32_t *b_zp, const int64_t *comp, const float *scale, const void *ws, float *y) {
  LB__QG_MATMUL(u8i8, uint8_t, int8_t, 0, lb__qg_dequant_f32(nb, d + (r - r0) * nb, scale + (p->mult_per_channel ? n0 : 0), p->mult_per_channel,
                                     p->out_zp, y + (m0 + r) * p->N + n0))
}
#endif

#if defined(LB_USE_ALL_KERNELS) || defined(LB_USE_lb_k_qmatmul_nk_dq_u8u8)
LB_KAPI void lb_k_qmatmul_nk_dq_u8u8(const lb_qgemm_params_t *p, const uint8_t *a, const uint8_t *b, const int32_t *b_zp, const int64_t *comp, const float *scale, const void *ws, float *y) {
  LB__QG_MATMUL(u8u8, uint8_t, uint8_t, 0, lb__qg_dequant_f32(nb, d + (r - r0) * nb, scale + (p->mult_per_channel ? n0 : 0), p->mult_per_channel,
                                     p->out_zp, y + (m0 + r) * p->N + n0))
}
#endif

#if defined(LB_USE_ALL_KERNELS) || defined(LB_USE_lb_k_qmatmul_nk4_dq_i8)
LB_KAPI void lb_k_qmatmul_nk4_dq_i8(const lb_qgemm_params_t *p, const int8_t *a, const uint8_t *b, const int32_t *b_zp, const int64_t *comp, const float *scale, const void *ws, float *y) {
  LB__QG_MATMUL_B(u8i8, uint8_t, int8_t, 0x80, LB__QG_UNPACKED,
                  lb__qg_dequant_f32(nb, d + (r - r0) * nb, scale + (p->mult_per_channel ? n0 : 0), p->mult_per_channel,
                                     p->out_zp, y + (m0 + r) * p->N + n0))
}
#endif

#if defined(LB_USE_ALL_KERNELS) || defined(LB_USE_lb_k_qmatmul_nk4_dq_u8)
LB_KAPI void lb_k_qmatmul_nk4_dq_u8(const lb_qgemm_params_t *p, const uint8_t *a, const uint8_t *b, const int32_t *b_zp, const int64_t *comp, const float *scale, const void *ws, float *y) {
  LB__QG_MATMUL_B(u8i8, uint8_t, int8_t, 0, LB__QG_UNPACKED,
                  lb__qg_dequant_f32(nb, d + (r - r0) * nb, scale + (p->mult_per_channel ? n0 : 0), p->mult_per_channel,
                                     p->out_zp, y + (m0 + r) * p->N + n0))
}
#endif

#if defined(LB_USE_ALL_KERNELS) || defined(LB_USE_lb_k_qmatmul_nk2_dq_i8)
LB_KAPI void lb_k_qmatmul_nk2_dq_i8(const lb_qgemm_params_t *p, const int8_t *a, const uint8_t *b, const int32_t *b_zp, const int64_t *comp, const float *scale, const void *ws, float *y) {
  LB__QG_MATMUL_B(u8i8, uint8_t, int8_t, 0x80, LB__QG_UNPACKED2,
                  lb__qg_dequant_f32(nb, d + (r - r0) * nb, scale + (p->mult_per_channel ? n0 : 0), p->mult_per_channel,
                                     p->out_zp, y + (m0 + r) * p->N + n0))
}
#endif

#if defined(LB_USE_ALL_KERNELS) || defined(LB_USE_lb_k_qmatmul_nk2_dq_u8)
LB_KAPI void lb_k_qmatmul_nk2_dq_u8(const lb_qgemm_params_t *p, const uint8_t *a, const uint8_t *b, const int32_t *b_zp, const int64_t *comp, const float *scale, const void *ws, float *y) {
  LB__QG_MATMUL_B(u8i8, uint8_t, int8_t, 0, LB__QG_UNPACKED2,
                  lb__qg_dequant_f32(nb, d + (r - r0) * nb, scale + (p->mult_per_channel ? n0 : 0), p->mult_per_channel,
                                     p->out_zp, y + (m0 + r) * p->N + n0))
}
#endif

#if defined(LB_USE_ALL_KERNELS) || defined(LB_USE_lb_k_qmatmul_nk3_dq_i8)
LB_KAPI void lb_k_qmatmul_nk3_dq_i8(const lb_qgemm_params_t *p, const int8_t *a, const uint8_t *b, const int32_t *b_zp, const int64_t *comp, const float *scale, const void *ws, float *y) {
  LB__QG_MATMUL_B(u8i8, uint8_t, int8_t, 0x80, LB__QG_UNPACKED3,
                  lb__qg_dequant_f32(nb, d + (r - r0) * nb, scale + (p->mult_per_channel ? n0 : 0), p->mult_per_channel,
                                     p->out_zp, y + (m0 + r) * p->N + n0))
}
#endif

#if defined(LB_USE_ALL_KERNELS) || defined(LB_USE_lb_k_qmatmul_nk3_dq_u8)
LB_KAPI void lb_k_qmatmul_nk3_dq_u8(const lb_qgemm_params_t *p, const uint8_t *a, const uint8_t *b, const int32_t *b_zp, const int64_t *comp, const float *scale, const void *ws, float *y) {
  LB__QG_MATMUL_B(u8i8, uint8_t, int8_t, 0, LB__QG_UNPACKED3,
                  lb__qg_dequant_f32(nb, d + (r - r0) * nb, scale + (p->mult_per_channel ? n0 : 0), p->mult_per_channel,
                                     p->out_zp, y + (m0 + r) * p->N + n0))
}
#endif

#if defined(LB_USE_ALL_KERNELS) || defined(LB_USE_lb_k_qmatmul_nk_rqf_i8i8_i8)
LB_KAPI void lb_k_qmatmul_nk_rqf_i8i8_i8(const lb_qgemm_params_t *p, const int8_t *a, const int8_t *b, const int32_t *b_zp, const int64_t *comp, const float *scale, const void *ws, int8_t *y) {
  LB__QG_MATMUL(u8i8, uint8_t, int8_t, 0x80, lb__qg_requant_fp_i8(nb, d + (r - r0) * nb, scale + (p->mult_per_channel ? n0 : 0), p->mult_per_channel,
                                     p->out_zp, p->qmin, p->qmax, y + (m0 + r) * p->N + n0))
}
#endif

#if defined(LB_USE_ALL_KERNELS) || defined(LB_USE_lb_k_qmatmul_nk_rqf_i8u8_i8)
LB_KAPI void lb_k_qmatmul_nk_rqf_i8u8_i8(const lb_qgemm_params_t *p, const int8_t *a, const uint8_t *b, const int32_t *b_zp, const int64_t *comp, const float *scale, const void *ws, int8_t *y) {
  LB__QG_MATMUL(i8u8, int8_t, uint8_t, 0, lb__qg_requant_fp_i8(nb, d + (r - r0) * nb, scale + (p->mult_per_channel ? n0 : 0), p->mult_per_channel,
                                     p->out_zp, p->qmin, p->qmax, y + (m0 + r) * p->N + n0))
}
#endif

#if defined(LB_USE_ALL_KERNELS) || defined(LB_USE_lb_k_qmatmul_nk_rqf_u8i8_i8)
LB_KAPI void lb_k_qmatmul_nk_rqf_u8i8_i8(const lb_qgemm_params_t *p, const uint8_t *a, const int8_t *b, const int32_t *b_zp, const int64_t *comp, const float *scale, const void *ws, int8_t *y) {
  LB__QG_MATMUL(u8i8, uint8_t, int8_t, 0, lb__qg_requant_fp_i8(nb, d + (r - r0) * nb, scale + (p->mult_per_channel ? n0 : 0), p->mult_per_channel,
                                     p->out_zp, p->qmin, p->qmax, y + (m0 + r) * p->N + n0))
}
#endif

#if defined(LB_USE_ALL_KERNELS) || defined(LB_USE_lb_k_qmatmul_nk_rqf_u8u8_i8)
LB_KAPI void lb_k_qmatmul_nk_rqf_u8u8_i8(const lb_qgemm_params_t *p, const uint8_t *a, const uint8_t *b, const int32_t *b_zp, const int64_t *comp, const float *scale, const void *ws, int8_t *y) {
  LB__QG_MATMUL(u8u8, uint8_t, uint8_t, 0, lb__qg_requant_fp_i8(nb, d + (r - r0) * nb, scale + (p->mult_per_channel ? n0 : 0), p->mult_per_channel,
                                     p->out_zp, p->qmin, p->qmax, y + (m0 + r) * p->N + n0))
}
#endif

#if defined(LB_USE_ALL_KERNELS) || defined(LB_USE_lb_k_qmatmul_nk4_rqf_i8_i8)
LB_KAPI void lb_k_qmatmul_nk4_rqf_i8_i8(const lb_qgemm_params_t *p, const int8_t *a, const uint8_t *b, const int32_t *b_zp, const int64_t *comp, const float *scale, const void *ws, int8_t *y) {
  LB__QG_MATMUL_B(u8i8, uint8_t, int8_t, 0x80, LB__QG_UNPACKED,
                  lb__qg_requant_fp_i8(nb, d + (r - r0) * nb, scale + (p->mult_per_channel ? n0 : 0), p->mult_per_channel,
                                        p->out_zp, p->qmin, p->qmax, y + (m0 + r) * p->N + n0))
}
#endif

#if defined(LB_USE_ALL_KERNELS) || defined(LB_USE_lb_k_qmatmul_nk4_rqf_u8_i8)
LB_KAPI void lb_k_qmatmul_nk4_rqf_u8_i8(const lb_qgemm_params_t *p, const uint8_t *a, const uint8_t *b, const int32_t *b_zp, const int64_t *comp, const float *scale, const void *ws, int8_t *y) {
  LB__QG_MATMUL_B(u8i8, uint8_t, int8_t, 0, LB__QG_UNPACKED,
                  lb__qg_requant_fp_i8(nb, d + (r - r0) * nb, scale + (p->mult_per_channel ? n0 : 0), p->mult_per_channel,
                                        p->out_zp, p->qmin, p->qmax, y + (m0 + r) * p->N + n0))
}
#endif

#if defined(LB_USE_ALL_KERNELS) || defined(LB_USE_lb_k_qmatmul_nk2_rqf_i8_i8)
LB_KAPI void lb_k_qmatmul_nk2_rqf_i8_i8(const lb_qgemm_params_t *p, const int8_t *a, const uint8_t *b, const int32_t *b_zp, const int64_t *comp, const float *scale, const void *ws, int8_t *y) {
  LB__QG_MATMUL_B(u8i8, uint8_t, int8_t, 0x80, LB__QG_UNPACKED2,
                  lb__qg_requant_fp_i8(nb, d + (r - r0) * nb, scale + (p->mult_per_channel ? n0 : 0), p->mult_per_channel,
                                        p->out_zp, p->qmin, p->qmax, y + (m0 + r) * p->N + n0))
}
#endif

#if defined(LB_USE_ALL_KERNELS) || defined(LB_USE_lb_k_qmatmul_nk2_rqf_u8_i8)
LB_KAPI void lb_k_qmatmul_nk2_rqf_u8_i8(const lb_qgemm_params_t *p, const uint8_t *a, const uint8_t *b, const int32_t *b_zp, const int64_t *comp, const float *scale, const void *ws, int8_t *y) {
  LB__QG_MATMUL_B(u8i8, uint8_t, int8_t, 0, LB__QG_UNPACKED2,
                  lb__qg_requant_fp_i8(nb, d + (r - r0) * nb, scale + (p->mult_per_channel ? n0 : 0), p->mult_per_channel,
                                        p->out_zp, p->qmin, p->qmax, y + (m0 + r) * p->N + n0))
}
#endif

#if defined(LB_USE_ALL_KERNELS) || defined(LB_USE_lb_k_qmatmul_nk3_rqf_i8_i8)
LB_KAPI void lb_k_qmatmul_nk3_rqf_i8_i8(const lb_qgemm_params_t *p, const int8_t *a, const uint8_t *b, const int32_t *b_zp, const int64_t *comp, const float *scale, const void *ws, int8_t *y) {
  LB__QG_MATMUL_B(u8i8, uint8_t, int8_t, 0x80, LB__QG_UNPACKED3,
                  lb__qg_requant_fp_i8(nb, d + (r - r0) * nb, scale + (p->mult_per_channel ? n0 : 0), p->mult_per_channel,
                                        p->out_zp, p->qmin, p->qmax, y + (m0 + r) * p->N + n0))
}
#endif

#if defined(LB_USE_ALL_KERNELS) || defined(LB_USE_lb_k_qmatmul_nk3_rqf_u8_i8)
LB_KAPI void lb_k_qmatmul_nk3_rqf_u8_i8(const lb_qgemm_params_t *p, const uint8_t *a, const uint8_t *b, const int32_t *b_zp, const int64_t *comp, const float *scale, const void *ws, int8_t *y) {
  LB__QG_MATMUL_B(u8i8, uint8_t, int8_t, 0, LB__QG_UNPACKED3,
                  lb__qg_requant_fp_i8(nb, d + (r - r0) * nb, scale + (p->mult_per_channel ? n0 : 0), p->mult_per_channel,
                                        p->out_zp, p->qmin, p->qmax, y + (m0 + r) * p->N + n0))
}
#endif

#if defined(LB_USE_ALL_KERNELS) || defined(LB_USE_lb_k_qmatmul_nk_rqf_i8i8_u8)
LB_KAPI void lb_k_qmatmul_nk_rqf_i8i8_u8(const lb_qgemm_params_t *p, const int8_t *a, const int8_t *b, const int32_t *b_zp, const int64_t *comp, const float *scale, const void *ws, uint8_t *y) {
  LB__QG_MATMUL(u8i8, uint8_t, int8_t, 0x80, lb__qg_requant_fp_u8(nb, d + (r - r0) * nb, scale + (p->mult_per_channel ? n0 : 0), p->mult_per_channel,
                                     p->out_zp, p->qmin, p->qmax, y + (m0 + r) * p->N + n0))
}
#endif

#if defined(LB_USE_ALL_KERNELS) || defined(LB_USE_lb_k_qmatmul_nk_rqf_i8u8_u8)
LB_KAPI void lb_k_qmatmul_nk_rqf_i8u8_u8(const lb_qgemm_params_t *p, const int8_t *a, const uint8_t *b, const int32_t *b_zp, const int64_t *comp, const float *scale, const void *ws, uint8_t *y) {
  LB__QG_MATMUL(i8u8, int8_t, uint8_t, 0, lb__qg_requant_fp_u8(nb, d + (r - r0) * nb, scale + (p->mult_per_channel ? n0 : 0), p->mult_per_channel,
                                     p->out_zp, p->qmin, p->qmax, y + (m0 + r) * p->N + n0))
}
#endif

#if defined(LB_USE_ALL_KERNELS) || defined(LB_USE_lb_k_qmatmul_nk_rqf_u8i8_u8)
LB_KAPI void lb_k_qmatmul_nk_rqf_u8i8_u8(const lb_qgemm_params_t *p, const uint8_t *a, const int8_t *b, const int32_t *b_zp, const int64_t *comp, const float *scale, const void *ws, uint8_t *y) {
  LB__QG_MATMUL(u8i8, uint8_t, int8_t, 0, lb__qg_requant_fp_u8(nb, d + (r - r0) * nb, scale + (p->mult_per_channel ? n0 : 0), p->mult_per_channel,
                                     p->out_zp, p->qmin, p->qmax, y + (m0 + r) * p->N + n0))
}
#endif

#if defined(LB_USE_ALL_KERNELS) || defined(LB_USE_lb_k_qmatmul_nk_rqf_u8u8_u8)
LB_KAPI void lb_k_qmatmul_nk_rqf_u8u8_u8(const lb_qgemm_params_t *p, const uint8_t *a, const uint8_t *b, const int32_t *b_zp, const int64_t *comp, const float *scale, const void *ws, uint8_t *y) {
  LB__QG_MATMUL(u8u8, uint8_t, uint8_t, 0, lb__qg_requant_fp_u8(nb, d + (r - r0) * nb, scale + (p->mult_per_channel ? n0 : 0), p->mult_per_channel,
                                     p->out_zp, p->qmin, p->qmax, y + (m0 + r) * p->N + n0))
}
#endif

#if defined(LB_USE_ALL_KERNELS) || defined(LB_USE_lb_k_qmatmul_nk4_rqf_i8_u8)
LB_KAPI void lb_k_qmatmul_nk4_rqf_i8_u8(const lb_qgemm_params_t *p, const int8_t *a, const uint8_t *b, const int32_t *b_zp, const int64_t *comp, const float *scale, const void *ws, uint8_t *y) {
  LB__QG_MATMUL_B(u8i8, uint8_t, int8_t, 0x80, LB__QG_UNPACKED,
                  lb__qg_requant_fp_u8(nb, d + (r - r0) * nb, scale + (p->mult_per_channel ? n0 : 0), p->mult_per_channel,
                                        p->out_zp, p->qmin, p->qmax, y + (m0 + r) * p->N + n0))
}
#endif

#if defined(LB_USE_ALL_KERNELS) || defined(LB_USE_lb_k_qmatmul_nk4_rqf_u8_u8)
LB_KAPI void lb_k_qmatmul_nk4_rqf_u8_u8(const lb_qgemm_params_t *p, const uint8_t *a, const uint8_t *b, const int32_t *b_zp, const int64_t *comp, const float *scale, const void *ws, uint8_t *y) {
  LB__QG_MATMUL_B(u8i8, uint8_t, int8_t, 0, LB__QG_UNPACKED,
                  lb__qg_requant_fp_u8(nb, d + (r - r0) * nb, scale + (p->mult_per_channel ? n0 : 0), p->mult_per_channel,
                                        p->out_zp, p->qmin, p->qmax, y + (m0 + r) * p->N + n0))
}
#endif

#if defined(LB_USE_ALL_KERNELS) || defined(LB_USE_lb_k_qmatmul_nk2_rqf_i8_u8)
LB_KAPI void lb_k_qmatmul_nk2_rqf_i8_u8(const lb_qgemm_params_t *p, const int8_t *a, const uint8_t *b, const int32_t *b_zp, const int64_t *comp, const float *scale, const void *ws, uint8_t *y) {
  LB__QG_MATMUL_B(u8i8, uint8_t, int8_t, 0x80, LB__QG_UNPACKED2,
                  lb__qg_requant_fp_u8(nb, d + (r - r0) * nb, scale + (p->mult_per_channel ? n0 : 0), p->mult_per_channel,
                                        p->out_zp, p->qmin, p->qmax, y + (m0 + r) * p->N + n0))
}
#endif

#if defined(LB_USE_ALL_KERNELS) || defined(LB_USE_lb_k_qmatmul_nk2_rqf_u8_u8)
LB_KAPI void lb_k_qmatmul_nk2_rqf_u8_u8(const lb_qgemm_params_t *p, const uint8_t *a, const uint8_t *b, const int32_t *b_zp, const int64_t *comp, const float *scale, const void *ws, uint8_t *y) {
  LB__QG_MATMUL_B(u8i8, uint8_t, int8_t, 0, LB__QG_UNPACKED2,
                  lb__qg_requant_fp_u8(nb, d + (r - r0) * nb, scale + (p->mult_per_channel ? n0 : 0), p->mult_per_channel,
                                        p->out_zp, p->qmin, p->qmax, y + (m0 + r) * p->N + n0))
}
#endif

#if defined(LB_USE_ALL_KERNELS) || defined(LB_USE_lb_k_qmatmul_nk3_rqf_i8_u8)
LB_KAPI void lb_k_qmatmul_nk3_rqf_i8_u8(const lb_qgemm_params_t *p, const int8_t *a, const uint8_t *b, const int32_t *b_zp, const int64_t *comp, const float *scale, const void *ws, uint8_t *y) {
  LB__QG_MATMUL_B(u8i8, uint8_t, int8_t, 0x80, LB__QG_UNPACKED3,
                  lb__qg_requant_fp_u8(nb, d + (r - r0) * nb, scale + (p->mult_per_channel ? n0 : 0), p->mult_per_channel,
                                        p->out_zp, p->qmin, p->qmax, y + (m0 + r) * p->N + n0))
}
#endif

#if defined(LB_USE_ALL_KERNELS) || defined(LB_USE_lb_k_qmatmul_nk3_rqf_u8_u8)
LB_KAPI void lb_k_qmatmul_nk3_rqf_u8_u8(const lb_qgemm_params_t *p, const uint8_t *a, const uint8_t *b, const int32_t *b_zp, const int64_t *comp, const float *scale, const void *ws, uint8_t *y) {
  LB__QG_MATMUL_B(u8i8, uint8_t, int8_t, 0, LB__QG_UNPACKED3,
                  lb__qg_requant_fp_u8(nb, d + (r - r0) * nb, scale + (p->mult_per_channel ? n0 : 0), p->mult_per_channel,
                                        p->out_zp, p->qmin, p->qmax, y + (m0 + r) * p->N + n0))
}
#endif

#if defined(LB_USE_ALL_KERNELS) || defined(LB_USE_lb_k_qconv2d_gemm4_rq_u8_u8)
LB_KAPI void lb_k_qconv2d_gemm4_rq_u8_u8(const lb_qconv_gemm_params_t *p, const uint8_t *x, const uint8_t *w, const int32_t *w_zp,
                                   const int64_t *comp, const int32_t *mult, const int32_t *shift, const void *ws, uint8_t *y) {
  LB__QG_CONV(i8u8, uint8_t, 0, lb__qg_unpack4(w + (oc0 + o0) * (Kp / 2), o1 - o0, Kp, (int8_t *)(void *)(tk + 64 * 64)),
              lb__qg_col_rq_u8(np, d + (i - o0) * np, cs, cc, wzc, mult[p->mult_per_channel ? c : 0],
                                shift[p->mult_per_channel ? c : 0], p->out_zp, p->qmin, p->qmax, y + yrow))
}
#endif

#ifndef LB_KERNELS_EMBEDDED
typedef char lb__qg_rows_match[LB__QG_ROWS == LB_QG_ROWS && LB__QG_NB == LB_QG_NB ? 1 : -1];
LB_DESCRIBE_PARAMS(lb_qgemm_params, LB_QGEMM_PARAMS)
LB_DESCRIBE_PARAMS(lb_qconv_gemm_params, LB_QCONV_GEMM_PARAMS)
LB_REGISTER_KERNEL(qgemm, qmatmul_nk4_i8, lb_qgemm_params, 5)
LB_REGISTER_KERNEL(qgemm, qconv2d_gemm4_i8, lb_qconv_gemm_params, 5)
LB_REGISTER_KERNEL(qgemm, qconv2d_gemm4_u8, lb_qconv_gemm_params, 5)
LB_REGISTER_KERNEL(qgemm, qconv2d_gemm4_rq_i8_i8, lb_qconv_gemm_params, 7)
LB_REGISTER_KERNEL(qgemm, qconv2d_gemm4_rq_i8_u8, lb_qconv_gemm_params, 7)
LB_REGISTER_KERNEL(qgemm, qconv2d_gemm4_rq_u8_i8, lb_qconv_gemm_params, 7)
LB_REGISTER_KERNEL(qgemm, qconv2d_gemm4_rq_u8_u8, lb_qconv_gemm_params, 7)
LB_REGISTER_KERNEL(qgemm, qmatmul_nk3_i8, lb_qgemm_params, 5)
LB_REGISTER_KERNEL(qgemm, qmatmul_nk3_u8, lb_qgemm_params, 5)
LB_REGISTER_KERNEL(qgemm, qmatmul_nk3_rq_i8_i8, lb_qgemm_params, 7)
LB_REGISTER_KERNEL(qgemm, qmatmul_nk3_rq_i8_u8, lb_qgemm_params, 7)
LB_REGISTER_KERNEL(qgemm, qmatmul_nk3_rq_u8_i8, lb_qgemm_params, 7)
LB_REGISTER_KERNEL(qgemm, qmatmul_nk3_rq_u8_u8, lb_qgemm_params, 7)
LB_REGISTER_KERNEL(qgemm, qmatmul_nk2_i8, lb_qgemm_params, 5)
LB_REGISTER_KERNEL(qgemm, qmatmul_nk2_u8, lb_qgemm_params, 5)
LB_REGISTER_KERNEL(qgemm, qmatmul_nk2_rq_i8_i8, lb_qgemm_params, 7)
LB_REGISTER_KERNEL(qgemm, qmatmul_nk2_rq_i8_u8, lb_qgemm_params, 7)
LB_REGISTER_KERNEL(qgemm, qmatmul_nk2_rq_u8_i8, lb_qgemm_params, 7)
LB_REGISTER_KERNEL(qgemm, qmatmul_nk2_rq_u8_u8, lb_qgemm_params, 7)
LB_REGISTER_KERNEL(qgemm, qmatmul_nk4_u8, lb_qgemm_params, 5)
LB_REGISTER_KERNEL(qgemm, qmatmul_nk4_rq_i8_i8, lb_qgemm_params, 7)
LB_REGISTER_KERNEL(qgemm, qmatmul_nk4_rq_i8_u8, lb_qgemm_params, 7)
LB_REGISTER_KERNEL(qgemm, qmatmul_nk4_rq_u8_i8, lb_qgemm_params, 7)
LB_REGISTER_KERNEL(qgemm, qmatmul_nk4_rq_u8_u8, lb_qgemm_params, 7)
LB_REGISTER_KERNEL(qgemm, qmatmul_nk_i8i8, lb_qgemm_params, 5)
LB_REGISTER_KERNEL(qgemm, qmatmul_nk_i8u8, lb_qgemm_params, 5)
LB_REGISTER_KERNEL(qgemm, qmatmul_nk_u8i8, lb_qgemm_params, 5)
LB_REGISTER_KERNEL(qgemm, qmatmul_nk_u8u8, lb_qgemm_params, 5)
LB_REGISTER_KERNEL(qgemm, qmatmul_nk_rq_i8i8_i8, lb_qgemm_params, 7)
LB_REGISTER_KERNEL(qgemm, qmatmul_nk_rq_i8i8_u8, lb_qgemm_params, 7)
LB_REGISTER_KERNEL(qgemm, qmatmul_nk_rq_i8u8_i8, lb_qgemm_params, 7)
LB_REGISTER_KERNEL(qgemm, qmatmul_nk_rq_i8u8_u8, lb_qgemm_params, 7)
LB_REGISTER_KERNEL(qgemm, qmatmul_nk_rq_u8i8_i8, lb_qgemm_params, 7)
LB_REGISTER_KERNEL(qgemm, qmatmul_nk_rq_u8i8_u8, lb_qgemm_params, 7)
LB_REGISTER_KERNEL(qgemm, qmatmul_nk_rq_u8u8_i8, lb_qgemm_params, 7)
LB_REGISTER_KERNEL(qgemm, qmatmul_nk_rq_u8u8_u8, lb_qgemm_params, 7)
LB_REGISTER_KERNEL(qgemm, qconv2d_gemm_i8i8, lb_qconv_gemm_params, 5)
LB_REGISTER_KERNEL(qgemm, qconv2d_gemm_i8u8, lb_qconv_gemm_params, 5)
LB_REGISTER_KERNEL(qgemm, qconv2d_gemm_u8i8, lb_qconv_gemm_params, 5)
LB_REGISTER_KERNEL(qgemm, qconv2d_gemm_u8u8, lb_qconv_gemm_params, 5)
LB_REGISTER_KERNEL(qgemm, qconv2d_gemm_rq_i8i8_i8, lb_qconv_gemm_params, 7)
LB_REGISTER_KERNEL(qgemm, qconv2d_gemm_rq_i8i8_u8, lb_qconv_gemm_params, 7)
LB_REGISTER_KERNEL(qgemm, qconv2d_gemm_rq_i8u8_i8, lb_qconv_gemm_params, 7)
LB_REGISTER_KERNEL(qgemm, qconv2d_gemm_rq_i8u8_u8, lb_qconv_gemm_params, 7)
LB_REGISTER_KERNEL(qgemm, qconv2d_gemm_rq_u8i8_i8, lb_qconv_gemm_params, 7)
LB_REGISTER_KERNEL(qgemm, qconv2d_gemm_rq_u8i8_u8, lb_qconv_gemm_params, 7)
LB_REGISTER_KERNEL(qgemm, qconv2d_gemm_rq_u8u8_i8, lb_qconv_gemm_params, 7)
LB_REGISTER_KERNEL(qgemm, qconv2d_gemm_rq_u8u8_u8, lb_qconv_gemm_params, 7)
LB_REGISTER_KERNEL(qgemm, qmatmul_nk_dq_i8i8, lb_qgemm_params, 6)
LB_REGISTER_KERNEL(qgemm, qmatmul_nk_dq_i8u8, lb_qgemm_params, 6)
LB_REGISTER_KERNEL(qgemm, qmatmul_nk_dq_u8i8, lb_qgemm_params, 6)
LB_REGISTER_KERNEL(qgemm, qmatmul_nk_dq_u8u8, lb_qgemm_params, 6)
LB_REGISTER_KERNEL(qgemm, qmatmul_nk4_dq_i8, lb_qgemm_params, 6)
LB_REGISTER_KERNEL(qgemm, qmatmul_nk4_dq_u8, lb_qgemm_params, 6)
LB_REGISTER_KERNEL(qgemm, qmatmul_nk2_dq_i8, lb_qgemm_params, 6)
LB_REGISTER_KERNEL(qgemm, qmatmul_nk2_dq_u8, lb_qgemm_params, 6)
LB_REGISTER_KERNEL(qgemm, qmatmul_nk3_dq_i8, lb_qgemm_params, 6)
LB_REGISTER_KERNEL(qgemm, qmatmul_nk3_dq_u8, lb_qgemm_params, 6)
LB_REGISTER_KERNEL(qgemm, qmatmul_nk_rqf_i8i8_i8, lb_qgemm_params, 6)
LB_REGISTER_KERNEL(qgemm, qmatmul_nk_rqf_i8u8_i8, lb_qgemm_params, 6)
LB_REGISTER_KERNEL(qgemm, qmatmul_nk_rqf_u8i8_i8, lb_qgemm_params, 6)
LB_REGISTER_KERNEL(qgemm, qmatmul_nk_rqf_u8u8_i8, lb_qgemm_params, 6)
LB_REGISTER_KERNEL(qgemm, qmatmul_nk4_rqf_i8_i8, lb_qgemm_params, 6)
LB_REGISTER_KERNEL(qgemm, qmatmul_nk4_rqf_u8_i8, lb_qgemm_params, 6)
LB_REGISTER_KERNEL(qgemm, qmatmul_nk2_rqf_i8_i8, lb_qgemm_params, 6)
LB_REGISTER_KERNEL(qgemm, qmatmul_nk2_rqf_u8_i8, lb_qgemm_params, 6)
LB_REGISTER_KERNEL(qgemm, qmatmul_nk3_rqf_i8_i8, lb_qgemm_params, 6)
LB_REGISTER_KERNEL(qgemm, qmatmul_nk3_rqf_u8_i8, lb_qgemm_params, 6)
LB_REGISTER_KERNEL(qgemm, qmatmul_nk_rqf_i8i8_u8, lb_qgemm_params, 6)
LB_REGISTER_KERNEL(qgemm, qmatmul_nk_rqf_i8u8_u8, lb_qgemm_params, 6)
LB_REGISTER_KERNEL(qgemm, qmatmul_nk_rqf_u8i8_u8, lb_qgemm_params, 6)
LB_REGISTER_KERNEL(qgemm, qmatmul_nk_rqf_u8u8_u8, lb_qgemm_params, 6)
LB_REGISTER_KERNEL(qgemm, qmatmul_nk4_rqf_i8_u8, lb_qgemm_params, 6)
LB_REGISTER_KERNEL(qgemm, qmatmul_nk4_rqf_u8_u8, lb_qgemm_params, 6)
LB_REGISTER_KERNEL(qgemm, qmatmul_nk2_rqf_i8_u8, lb_qgemm_params, 6)
LB_REGISTER_KERNEL(qgemm, qmatmul_nk2_rqf_u8_u8, lb_qgemm_params, 6)
LB_REGISTER_KERNEL(qgemm, qmatmul_nk3_rqf_i8_u8, lb_qgemm_params, 6)
LB_REGISTER_KERNEL(qgemm, qmatmul_nk3_rqf_u8_u8, lb_qgemm_params, 6)
#endif
