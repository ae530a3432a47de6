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

#if defined(LB_USE_ALL_KERNELS) || defined(LB_USE_lb_k_layer_norm_f32)
LB_KAPI void lb_k_layer_norm_f32(const lb_layernorm_params_t *p, const float *x, const float *scale, const float *bias,
                                 float *y) {
  int64_t o, j;
  for (o = 0; o < p->outer; ++o) {
    const float *r = x + o * p->n;
    double mean = 0.0, var = 0.0, inv;
    for (j = 0; j < p->n; ++j) mean += (double)r[j];
    mean /= (double)p->n;
    for (j = 0; j < p->n; ++j) var += ((double)r[j] - mean) * ((double)r[j] - mean);
    inv = 1.0 / sqrt(var / (double)p->n + (double)p->eps);
    for (j = 0; j < p->n; ++j) {
      double v = ((double)r[j] - mean) * inv * (double)scale[j];
      y[o * p->n + j] = (float)(p->has_bias ? v + (double)bias[j] : v);
    }
  }
}
#endif

#if defined(LB_USE_ALL_KERNELS) || defined(LB_USE_lb_k_rms_norm_f32)
LB_KAPI void lb_k_rms_norm_f32(const lb_layernorm_params_t *p, const float *x, const float *scale, float *y) {
  int64_t o, j;
  for (o = 0; o < p->outer; ++o) {
    const float *r = x + o * p->n;
    double ms = 0.0, inv;
    for (j = 0; j < p->n; ++j) ms += (double)r[j] * (double)r[j];
    inv = 1.0 / sqrt(ms / (double)p->n + (double)p->eps);
    for (j = 0; j < p->n; ++j) y[o * p->n + j] = (float)((double)r[j] * inv * (double)scale[j]);
  }
}
#endif

#ifndef LB_KERNELS_EMBEDDED
LB_DESCRIBE_PARAMS(lb_softmax_params, LB_SOFTMAX_PARAMS)
LB_DESCRIBE_PARAMS(lb_batchnorm_params, LB_BATCHNORM_PARAMS)
LB_REGISTER_KERNEL(norm, softmax_f32, lb_softmax_params, 1)
LB_REGISTER_KERNEL(norm, batchnorm_f32, lb_batchnorm_params, 5)
LB_DESCRIBE_PARAMS(lb_layernorm_params, LB_LAYERNORM_PARAMS)
LB_REGISTER_KERNEL(norm, layer_norm_f32, lb_layernorm_params, 3)
LB_REGISTER_KERNEL(norm, rms_norm_f32, lb_layernorm_params, 2)
#endif
