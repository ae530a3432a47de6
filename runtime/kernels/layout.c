/* Data-movement reference kernels (see layout.h). */
#ifndef LB_KERNELS_EMBEDDED
#include "runtime/kernels/layout.h"

#include "runtime/kernels/common.h"
#include "runtime/kernels/registry.h"
#endif

#if defined(LB_USE_ALL_KERNELS) || defined(LB_USE_lb_k_transpose)
LB_KAPI void lb_k_transpose(const lb_transpose_params_t *p, const void *x, void *y) {
  int64_t in_strides[LB_MAX_RANK], out_dims[LB_MAX_RANK], idx[LB_MAX_RANK];
  int64_t total = 1, i, src;
  int32_t d;
  const unsigned char *xs = (const unsigned char *)x;
  unsigned char *ys = (unsigned char *)y;
  for (d = p->rank - 1, src = 1; d >= 0; --d) {
    in_strides[d] = src;
    src *= p->in_dims[d];
  }
  for (d = 0; d < p->rank; ++d) {
    out_dims[d] = p->in_dims[p->perm[d]];
    idx[d] = 0;
    total *= out_dims[d];
  }
  for (i = 0; i < total; ++i) {
    src = 0;
    for (d = 0; d < p->rank; ++d) src += idx[d] * in_strides[p->perm[d]];
    memcpy(ys + i * p->elem_size, xs + src * p->elem_size, (size_t)p->elem_size);
    for (d = p->rank - 1; d >= 0; --d) {
      if (++idx[d] < out_dims[d]) break;
      idx[d] = 0;
    }
  }
}
#endif

#if defined(LB_USE_ALL_KERNELS) || defined(LB_USE_lb_k_copy)
LB_KAPI void lb_k_copy(const lb_copy_params_t *p, const void *x, void *y) {
  if (x != y) memmove(y, x, (size_t)p->nbytes);
}
#endif

#ifndef LB_KERNELS_EMBEDDED
LB_DESCRIBE_PARAMS(lb_transpose_params, LB_TRANSPOSE_PARAMS)
LB_DESCRIBE_PARAMS(lb_copy_params, LB_COPY_PARAMS)
LB_REGISTER_KERNEL(layout, transpose, lb_transpose_params, 1)
LB_REGISTER_KERNEL(layout, copy, lb_copy_params, 1)
#endif
