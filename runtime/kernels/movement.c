/* Data movement and selection reference kernels (see movement.h). */
#ifndef LB_KERNELS_EMBEDDED
#include "runtime/kernels/movement.h"

#include "runtime/kernels/common.h"
#include "runtime/kernels/registry.h"
#endif

#if defined(LB_USE_ALL_KERNELS) || defined(LB_USE_lb_k_strided_copy)
LB_KAPI void lb_k_strided_copy(const lb_strided_params_t *p, const void *x, void *y) {
  const unsigned char *xs = (const unsigned char *)x;
  unsigned char *ys = (unsigned char *)y;
  int64_t idx[LB_MAX_RANK] = {0, 0, 0, 0, 0, 0};
  int64_t total = 1, i, off = p->offset;
  size_t es = (size_t)p->elem_size;
  int32_t d;
  for (d = 0; d < p->rank; ++d) total *= p->dims[d];
  for (i = 0; i < total; ++i) {
    memcpy(ys + (size_t)i * es, xs + (size_t)off * es, es);
    for (d = p->rank - 1; d >= 0; --d) {
      if (++idx[d] < p->dims[d]) {
        off += p->strides[d];
        break;
      }
      off -= p->strides[d] * (p->dims[d] - 1);
      idx[d] = 0;
    }
  }
}
#endif

#if defined(LB_USE_ALL_KERNELS) || defined(LB_USE_lb_k_concat2)
LB_KAPI void lb_k_concat2(const lb_concat_params_t *p, const void *a, const void *b, void *y) {
  size_t es = (size_t)p->elem_size, ra = (size_t)p->a_inner * es, rb = (size_t)p->b_inner * es;
  int64_t o;
  for (o = 0; o < p->outer; ++o) {
    memcpy((unsigned char *)y + (size_t)o * (ra + rb), (const unsigned char *)a + (size_t)o * ra, ra);
    memcpy((unsigned char *)y + (size_t)o * (ra + rb) + ra, (const unsigned char *)b + (size_t)o * rb, rb);
  }
}
#endif

#if defined(LB_USE_ALL_KERNELS) || defined(LB_USE_lb_k_gather)
LB_KAPI void lb_k_gather(const lb_gather_params_t *p, const void *data, const void *idx, void *y) {
  size_t es = (size_t)p->elem_size, row = (size_t)p->inner * es;
  int64_t o, j;
  for (o = 0; o < p->outer; ++o)
    for (j = 0; j < p->nidx; ++j) {
      int64_t k = p->idx64 ? ((const int64_t *)idx)[j] : (int64_t)((const int32_t *)idx)[j];
      unsigned char *dst = (unsigned char *)y + (size_t)(o * p->nidx + j) * row;
      if (k < 0) k += p->n;
      if (k < 0 || k >= p->n) memset(dst, 0, row);
      else memcpy(dst, (const unsigned char *)data + (size_t)(o * p->n + k) * row, row);
    }
}
#endif

#if defined(LB_USE_ALL_KERNELS) || defined(LB_USE_lb_k_where) || defined(LB_USE_lb_k_compare)
/* Odometer step over the output index, moving three operand offsets. */
static inline void lb__select_step(const lb_select_params_t *p, int64_t *idx, int64_t *co, int64_t *ao, int64_t *bo) {
  int32_t d;
  for (d = p->rank - 1; d >= 0; --d) {
    if (++idx[d] < p->dims[d]) {
      *co += p->c_strides[d];
      *ao += p->a_strides[d];
      *bo += p->b_strides[d];
      return;
    }
    *co -= p->c_strides[d] * (p->dims[d] - 1);
    *ao -= p->a_strides[d] * (p->dims[d] - 1);
    *bo -= p->b_strides[d] * (p->dims[d] - 1);
    idx[d] = 0;
  }
}
#endif

#if defined(LB_USE_ALL_KERNELS) || defined(LB_USE_lb_k_where)
LB_KAPI void lb_k_where(const lb_select_params_t *p, const uint8_t *c, const void *a, const void *b, void *y) {
  int64_t idx[LB_MAX_RANK] = {0, 0, 0, 0, 0, 0};
  int64_t total = 1, i, co = 0, ao = 0, bo = 0;
  size_t es = (size_t)p->elem_size;
  int32_t d;
  for (d = 0; d < p->rank; ++d) total *= p->dims[d];
  for (i = 0; i < total; ++i) {
    const void *src = c[co] ? (const unsigned char *)a + (size_t)ao * es : (const unsigned char *)b + (size_t)bo * es;
    memcpy((unsigned char *)y + (size_t)i * es, src, es);
    lb__select_step(p, idx, &co, &ao, &bo);
  }
}
#endif

#if defined(LB_USE_ALL_KERNELS) || defined(LB_USE_lb_k_compare)
/* Element i of an integer tensor of dtype code dt as int64. */
static inline int64_t lb__cmp_load(int32_t dt, const void *x, int64_t i) {
  int32_t bits = dt & 0xFF, sgn = (dt >> 8) == 1;
  if (bits <= 8) return sgn ? (int64_t)((const int8_t *)x)[i] : (int64_t)((const uint8_t *)x)[i];
  if (bits <= 16) return sgn ? (int64_t)((const int16_t *)x)[i] : (int64_t)((const uint16_t *)x)[i];
  if (bits <= 32) return sgn ? (int64_t)((const int32_t *)x)[i] : (int64_t)((const uint32_t *)x)[i];
  return ((const int64_t *)x)[i];
}

LB_KAPI void lb_k_compare(const lb_select_params_t *p, const void *a, const void *b, uint8_t *y) {
  int64_t idx[LB_MAX_RANK] = {0, 0, 0, 0, 0, 0};
  int64_t total = 1, i, co = 0, ao = 0, bo = 0;
  int32_t d, is_float = (p->dtype >> 8) == 3;
  for (d = 0; d < p->rank; ++d) total *= p->dims[d];
  for (i = 0; i < total; ++i) {
    int r;
    if (is_float) {
      float av = ((const float *)a)[ao], bv = ((const float *)b)[bo];
      r = p->op == 0 ? av == bv : p->op == 1 ? av < bv : av > bv;
    } else {
      int64_t av = lb__cmp_load(p->dtype, a, ao), bv = lb__cmp_load(p->dtype, b, bo);
      r = p->op == 0 ? av == bv : p->op == 1 ? av < bv : av > bv;
    }
    y[i] = (uint8_t)r;
    lb__select_step(p, idx, &co, &ao, &bo);
  }
}
#endif

#if defined(LB_USE_ALL_KERNELS) || defined(LB_USE_lb_k_pad)
LB_KAPI void lb_k_pad(const lb_pad_params_t *p, const void *xv, void *yv) {
  const char *x = (const char *)xv;
  char *y = (char *)yv;
  int64_t idx[LB_MAX_RANK] = {0}, total = 1, o;
  int32_t d, r = p->rank;
  size_t es = (size_t)p->elem_size;
  for (d = 0; d < r; ++d) total *= p->out_dims[d];
  for (o = 0; o < total; ++o) {
    int64_t src = 0;
    int inside = 1;
    for (d = 0; d < r && inside; ++d) {
      int64_t n = p->dims[d], i = idx[d] - p->begin[d];
      if (i < 0 || i >= n) {
        if (p->mode == 0) {
          inside = 0;
        } else if (p->mode == 1) {
          i = i < 0 ? 0 : n - 1;
        } else if (p->mode == 2) {
          int64_t period = 2 * (n - 1);
          if (period == 0) i = 0;
          else {
            i %= period;
            if (i < 0) i += period;
            if (i >= n) i = period - i;
          }
        } else {
          i %= n;
          if (i < 0) i += n;
        }
      }
      src = src * n + i;
    }
    if (inside) memcpy(y + (size_t)o * es, x + (size_t)src * es, es);
    else if (p->is_float) memcpy(y + (size_t)o * es, &p->value, sizeof(float));
    else memset(y + (size_t)o * es, 0, es);
    for (d = r - 1; d >= 0; --d) { /* next output index, row-major */
      if (++idx[d] < p->out_dims[d]) break;
      idx[d] = 0;
    }
  }
}
#endif

#ifndef LB_KERNELS_EMBEDDED
LB_DESCRIBE_PARAMS(lb_pad_params, LB_PAD_PARAMS)
LB_REGISTER_KERNEL(movement, pad, lb_pad_params, 1)
LB_DESCRIBE_PARAMS(lb_strided_params, LB_STRIDED_PARAMS)
LB_DESCRIBE_PARAMS(lb_concat_params, LB_CONCAT_PARAMS)
LB_DESCRIBE_PARAMS(lb_gather_params, LB_GATHER_PARAMS)
LB_DESCRIBE_PARAMS(lb_select_params, LB_SELECT_PARAMS)
LB_REGISTER_KERNEL(movement, strided_copy, lb_strided_params, 1)
LB_REGISTER_KERNEL(movement, concat2, lb_concat_params, 2)
LB_REGISTER_KERNEL(movement, gather, lb_gather_params, 2)
LB_REGISTER_KERNEL(movement, where, lb_select_params, 3)
LB_REGISTER_KERNEL(movement, compare, lb_select_params, 2)
#endif
