/* Normalization reference kernels (see norm.h). */
#ifndef LB_KERNELS_EMBEDDED
#include "runtime/kernels/norm.h"

#include "runtime/kernels/common.h"
#include "runtime/kernels/registry.h"
#endif

#if defined(LB_USE_ALL_KERNELS) || defined(LB_USE_lb_k_softmax_f32)
LB_KAPI void lb_k_softmax_f32(const lb_softmax_params_t *p, const float *x, float *y) {
  int64_t o, i, j;
  for (o = 0; o < p->outer; ++o)
    for (i = 0; i < p->inner; ++i) {
      const float *xs = x + o * p->n * p->inner + i;
      float *ys = y + o * p->n * p->inner + i;
      float mx = xs[0], sum = 0.0f;
      for (j = 1; j < p->n; ++j)
        if (xs[j * p->inner] > mx) mx = xs[j * p->inner];
      for (j = 0; j < p->n; ++j) {
        float e = lb__expf(xs[j * p->inner] - mx);
        ys[j * p->inner] = e;
        sum += e;
      }
      for (j = 0; j < p->n; ++j) ys[j * p->inner] = ys[j * p->inner] / sum;
    }
}
#endif

#if defined(LB_USE_ALL_KERNELS) || defined(LB_USE_lb_k_batchnorm_f32)
LB_KAPI void lb_k_batchnorm_f32(const lb_batchnorm_params_t *p, const float *x, const float *scale,
                                const float *bias, const float *mean, const float *var, float *y) {
  int64_t n, c, i;
  for (n = 0; n < p->N; ++n)
    for (c = 0; c < p->C; ++c) {
      float inv = scale[c] / sqrtf(var[c] + p->eps);
      int64_t base = (n * p->C + c) * p->HW;
      for (i = 0; i < p->HW; ++i) y[base + i] = (x[base + i] - mean[c]) * inv + bias[c];
    }
}
#endif

#ifndef LB_KERNELS_EMBEDDED
LB_DESCRIBE_PARAMS(lb_softmax_params, LB_SOFTMAX_PARAMS)
LB_DESCRIBE_PARAMS(lb_batchnorm_params, LB_BATCHNORM_PARAMS)
LB_REGISTER_KERNEL(norm, softmax_f32, lb_softmax_params, 1)
LB_REGISTER_KERNEL(norm, batchnorm_f32, lb_batchnorm_params, 5)
#endif
