/* Online orthogonal transforms (see transform.h). */
#ifndef LB_KERNELS_EMBEDDED
#include "runtime/kernels/transform.h"


#include "runtime/kernels/common.h"
#include "runtime/kernels/registry.h"
#endif

#if defined(LB_USE_ALL_KERNELS) || defined(LB_USE_lb_k_hadamard_f32)
LB_KAPI void lb_k_hadamard_f32(const lb_hadamard_params_t *p, const float *x, float *y) {
  int64_t o, i, j, h, n = p->n;
  float norm = (float)(1.0 / sqrt((double)n));
  for (o = 0; o < p->outer; ++o) {
    float *r = y + o * n;
    for (i = 0; i < n; ++i) r[i] = x[o * n + i];
    for (h = 1; h < n; h *= 2)
      for (i = 0; i < n; i += 2 * h)
        for (j = i; j < i + h; ++j) {
          float a = r[j], b = r[j + h];
          r[j] = a + b;
          r[j + h] = a - b;
        }
    for (i = 0; i < n; ++i) r[i] *= norm;
  }
}
#endif

#ifndef LB_KERNELS_EMBEDDED
LB_DESCRIBE_PARAMS(lb_hadamard_params, LB_HADAMARD_PARAMS)
LB_REGISTER_KERNEL(transform, hadamard_f32, lb_hadamard_params, 1)
#endif
