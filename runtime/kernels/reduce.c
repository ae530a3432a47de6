/* Reduction reference kernel (see reduce.h). */
#ifndef LB_KERNELS_EMBEDDED
#include "runtime/kernels/reduce.h"

#include "runtime/kernels/common.h"
#include "runtime/kernels/registry.h"
#endif

#if defined(LB_USE_ALL_KERNELS) || defined(LB_USE_lb_k_reduce_f32)
LB_KAPI void lb_k_reduce_f32(const lb_reduce_params_t *p, const float *x, float *y) {
  int64_t idx[LB_MAX_RANK] = {0, 0, 0, 0, 0, 0};
  int64_t total = 1, i, o = 0;
  int32_t d;
  float init = p->op == 2 ? -INFINITY : p->op == 3 ? INFINITY : 0.0f;
  for (i = 0; i < p->out_count; ++i) y[i] = init;
  for (d = 0; d < p->rank; ++d) total *= p->dims[d];
  for (i = 0; i < total; ++i) {
    float v = x[i], a = y[o];
    if (p->op <= 1) a = a + v;
    else if (a == a && (v != v || (p->op == 2 ? v > a : v < a))) a = v; /* a NaN stays */
    y[o] = a;
    for (d = p->rank - 1; d >= 0; --d) {
      if (++idx[d] < p->dims[d]) {
        o += p->out_strides[d];
        break;
      }
      o -= p->out_strides[d] * (p->dims[d] - 1);
      idx[d] = 0;
    }
  }
  if (p->op == 1)
    for (i = 0; i < p->out_count; ++i) y[i] = y[i] / (float)p->count;
}
#endif

#ifndef LB_KERNELS_EMBEDDED
_Static_assert(LB_RED_SUM == 0 && LB_RED_MEAN == 1 && LB_RED_MAX == 2 && LB_RED_MIN == 3, "op codes of reduce.h");
LB_DESCRIBE_PARAMS(lb_reduce_params, LB_REDUCE_PARAMS)
LB_REGISTER_KERNEL(reduce, reduce_f32, lb_reduce_params, 1)
#endif
