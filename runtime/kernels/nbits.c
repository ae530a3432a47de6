/* MatMulNBits reference kernel (see nbits.h). */
#ifndef LB_KERNELS_EMBEDDED
#include "runtime/kernels/nbits.h"

#include "runtime/kernels/common.h"
#include "runtime/kernels/registry.h"
#endif

#if defined(LB_USE_ALL_KERNELS) || defined(LB_USE_lb_k_matmul_nbits_f32)
LB_KAPI void lb_k_matmul_nbits_f32(const lb_nbits_params_t *p, const float *a, const uint8_t *b, const float *scale,
                                   const float *zp, const float *bias, float *y) {
  int64_t m, n, k;
  unsigned mask = (1u << p->bits) - 1u;
  for (m = 0; m < p->M; ++m)
    for (n = 0; n < p->N; ++n) {
      float acc = 0.0f;
      for (k = 0; k < p->K; ++k) {
        int64_t blk = n * p->nblocks + k / p->block, bit = (k % p->block) * p->bits;
        unsigned code = ((unsigned)b[blk * p->blob + bit / 8] >> (bit % 8)) & mask;
        float w = ((float)code - zp[blk]) * scale[blk];
        acc += a[m * p->K + k] * w;
      }
      y[m * p->N + n] = p->has_bias ? acc + bias[n] : acc;
    }
}
#endif

#ifndef LB_KERNELS_EMBEDDED
LB_DESCRIBE_PARAMS(lb_nbits_params, LB_NBITS_PARAMS)
LB_REGISTER_KERNEL(nbits, matmul_nbits_f32, lb_nbits_params, 5)
#endif
