/* MatMulNBits reference kernel (see nbits.h). */
#ifndef LB_KERNELS_EMBEDDED
#include "runtime/kernels/nbits.h"

#include "runtime/kernels/common.h"
#include "runtime/kernels/registry.h"
#endif

#if defined(LB_USE_ALL_KERNELS) || defined(LB_USE_lb_k_matmul_nbits_f32)
/* Code j of a block (2, 4 or 8 bits, low bits first). */
#define LB__NBITS_CODE(src, j) \
  ((float)((((unsigned)(src)[(j) >> shift]) >> ((unsigned)((j) & per) * (unsigned)bits)) & mask))

LB_KAPI void lb_k_matmul_nbits_f32(const lb_nbits_params_t *p, const float *a, const uint8_t *b, const float *scale,
                                   const float *zp, const float *bias, float *y) {
  /* block by block, four output columns at a time (four independent sums):
   * no division per weight, and for every (m, n) the float operations and
   * their order along k are those of the definition (nbits.h) */
  int64_t m, n, blk, K = p->K, N = p->N, nb = p->nblocks, bs = p->block, blob = p->blob;
  int32_t bits = p->bits, shift = bits == 2 ? 2 : bits == 4 ? 1 : 0; /* codes per byte = 1 << shift */
  unsigned mask = (1u << bits) - 1u, per = (1u << shift) - 1u;
  for (m = 0; m < p->M; ++m) {
    const float *am = a + m * K;
    for (n = 0; n < N; n += 4) {
      int64_t t, nt = N - n < 4 ? N - n : 4;
      float acc[4] = {0.0f, 0.0f, 0.0f, 0.0f};
      for (blk = 0; blk < nb; ++blk) {
        int64_t k0 = blk * bs, len = K - k0 < bs ? K - k0 : bs, j;
        const float *x = am + k0;
        const uint8_t *src[4];
        float s[4], z[4];
        for (t = 0; t < 4; ++t) {
          int64_t c = (n + (t < nt ? t : 0)) * nb + blk; /* a missing column repeats the first (not stored) */
          src[t] = b + c * blob;
          s[t] = scale[c];
          z[t] = zp[c];
        }
        for (j = 0; j < len; ++j) {
          acc[0] += x[j] * ((LB__NBITS_CODE(src[0], j) - z[0]) * s[0]);
          acc[1] += x[j] * ((LB__NBITS_CODE(src[1], j) - z[1]) * s[1]);
          acc[2] += x[j] * ((LB__NBITS_CODE(src[2], j) - z[2]) * s[2]);
          acc[3] += x[j] * ((LB__NBITS_CODE(src[3], j) - z[3]) * s[3]);
        }
      }
      for (t = 0; t < nt; ++t) y[m * N + n + t] = p->has_bias ? acc[t] + bias[n + t] : acc[t];
    }
  }
}
#undef LB__NBITS_CODE
#endif

#ifndef LB_KERNELS_EMBEDDED
LB_DESCRIBE_PARAMS(lb_nbits_params, LB_NBITS_PARAMS)
LB_REGISTER_KERNEL(nbits, matmul_nbits_f32, lb_nbits_params, 5)
#endif
