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

#ifndef LB_KERNELS_EMBEDDED
_Static_assert(LB_BIN_ADD == 0 && LB_BIN_SUB == 1 && LB_BIN_MUL == 2 && LB_BIN_DIV == 3 && LB_BIN_MIN == 4 &&
                   LB_BIN_MAX == 5,
               "op codes of binary.h");
LB_DESCRIBE_PARAMS(lb_binary_params, LB_BINARY_PARAMS)
LB_REGISTER_KERNEL(binary, binary_f32, lb_binary_params, 2)
#endif
