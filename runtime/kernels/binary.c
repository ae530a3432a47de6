/* Elementwise binary reference kernels (see binary.h). */
#ifndef LB_KERNELS_EMBEDDED
#include "runtime/kernels/binary.h"

#include "runtime/kernels/common.h"
#include "runtime/kernels/registry.h"
#endif

#if defined(LB_USE_ALL_KERNELS) || defined(LB_USE_lb_k_binary_f32)
LB_KAPI void lb_k_binary_f32(const lb_binary_params_t *p, const float *a, const float *b, float *y) {
  int64_t idx[LB_MAX_RANK] = {0, 0, 0, 0, 0, 0};
  int64_t total = 1, i, ao = 0, bo = 0;
  int32_t d;
  for (d = 0; d < p->rank; ++d) total *= p->dims[d];
  for (i = 0; i < total; ++i) {
    float av = a[ao], bv = b[bo], r;
    switch (p->op) { /* LB_BIN_* of binary.h */
      case 0: r = av + bv; break;
      case 1: r = av - bv; break;
      case 2: r = av * bv; break;
      case 3: r = av / bv; break;
      case 4: r = av != av ? av : bv != bv ? bv : (bv < av ? bv : av); break;
      default: r = av != av ? av : bv != bv ? bv : (bv > av ? bv : av); break;
    }
    y[i] = r;
    /* odometer increment of the output index, updating operand offsets */
    for (d = p->rank - 1; d >= 0; --d) {
      if (++idx[d] < p->dims[d]) {
        ao += p->a_strides[d];
        bo += p->b_strides[d];
        break;
      }
      ao -= p->a_strides[d] * (p->dims[d] - 1);
      bo -= p->b_strides[d] * (p->dims[d] - 1);
      idx[d] = 0;
    }
  }
}
#endif

#if defined(LB_USE_ALL_KERNELS) || defined(LB_USE_lb_k_qbinary_x8)
LB_KAPI void lb_k_qbinary_x8(const lb_qbinary_params_t *p, const void *a, const void *b, void *y) {
  const int8_t *as = (const int8_t *)a, *bs = (const int8_t *)b;
  const uint8_t *au = (const uint8_t *)a, *bu = (const uint8_t *)b;
  int64_t idx[LB_MAX_RANK] = {0, 0, 0, 0, 0, 0};
  int64_t total = 1, i, ao = 0, bo = 0;
  int32_t d;
  for (d = 0; d < p->rank; ++d) total *= p->dims[d];
  for (i = 0; i < total; ++i) {
    int32_t av = ((p->signs & 1) ? (int32_t)as[ao] : (int32_t)au[ao]) - p->a_zp;
    int32_t bv = ((p->signs & 2) ? (int32_t)bs[bo] : (int32_t)bu[bo]) - p->b_zp;
    double v = p->op == 0 ? (double)av * (double)p->a_scale + (double)bv * (double)p->b_scale
                          : (double)av * (double)bv * (double)p->a_scale;
    int32_t q = lb__sat(lb__rne_d(v) + p->y_zp, p->qmin, p->qmax);
    if (p->signs & 4) ((int8_t *)y)[i] = (int8_t)q;
    else ((uint8_t *)y)[i] = (uint8_t)q;
    for (d = p->rank - 1; d >= 0; --d) {
      if (++idx[d] < p->dims[d]) {
        ao += p->a_strides[d];
        bo += p->b_strides[d];
        break;
      }
      ao -= p->a_strides[d] * (p->dims[d] - 1);
      bo -= p->b_strides[d] * (p->dims[d] - 1);
      idx[d] = 0;
    }
  }
}
#endif

#ifndef LB_KERNELS_EMBEDDED
_Static_assert(LB_BIN_ADD == 0 && LB_BIN_SUB == 1 && LB_BIN_MUL == 2 && LB_BIN_DIV == 3 && LB_BIN_MIN == 4 &&
                   LB_BIN_MAX == 5,
               "op codes of binary.h");
LB_DESCRIBE_PARAMS(lb_binary_params, LB_BINARY_PARAMS)
LB_REGISTER_KERNEL(binary, binary_f32, lb_binary_params, 2)
LB_DESCRIBE_PARAMS(lb_qbinary_params, LB_QBINARY_PARAMS)
LB_REGISTER_KERNEL(binary, qbinary_x8, lb_qbinary_params, 2)
#endif
