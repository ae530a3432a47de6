/* Matrix product with a block-quantized, bit-packed weight (MatMulNBits). */
#ifndef LB_KERNELS_NBITS_H
#define LB_KERNELS_NBITS_H

#include "runtime/kernels/params.h"

/* y[m, n] = sum_k a[m, k] * w[n, k] (+ bias[n]), k ascending in float32,
 * where w[n, k] = ((float)code(n, k) - zp[n * nblocks + k / block]) *
 * scale[n * nblocks + k / block]. Codes are `bits` (2, 4 or 8) wide, packed
 * low bits first: code(n, k) is bits [j*bits, (j+1)*bits) of the bytes
 * b[(n * nblocks + k / block) * blob ...], j = k % block, blob = block *
 * bits / 8 bytes per block (the last block of a row is zero-padded). */
#define LB_NBITS_PARAMS(S, A, T) \
  S(T, I64, M) S(T, I64, N) S(T, I64, K) S(T, I32, bits) S(T, I64, block) S(T, I64, nblocks) S(T, I64, blob) \
  S(T, I32, has_bias)
LB_DEFINE_PARAMS(lb_nbits_params, LB_NBITS_PARAMS)

LB_KAPI void lb_k_matmul_nbits_f32(const lb_nbits_params_t *p, const float *a, const uint8_t *b, const float *scale,
                                   const float *zp, const float *bias, float *y);

#endif
