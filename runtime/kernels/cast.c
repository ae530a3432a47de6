/* Element type conversion kernel (see cast.h). */
#ifndef LB_KERNELS_EMBEDDED
#include "runtime/kernels/cast.h"

#include "runtime/kernels/common.h"
#include "runtime/kernels/registry.h"
#endif

#if defined(LB_USE_ALL_KERNELS) || defined(LB_USE_lb_k_cast)
/* Integer element i of a tensor of dtype code dt (class 1 signed, 2
 * unsigned; container by bit width). */
static inline int64_t lb__cast_load_int(int32_t dt, const void *x, int64_t i) {
  int32_t bits = dt & 0xFF, sgn = (dt >> 8) == 1;
  if (bits <= 8) return sgn ? (int64_t)((const int8_t *)x)[i] : (int64_t)((const uint8_t *)x)[i];
  if (bits <= 16) return sgn ? (int64_t)((const int16_t *)x)[i] : (int64_t)((const uint16_t *)x)[i];
  if (bits <= 32) return sgn ? (int64_t)((const int32_t *)x)[i] : (int64_t)((const uint32_t *)x)[i];
  return ((const int64_t *)x)[i];
}

/* v wrapped to `bits` (8, 16, 32, 64) two's-complement bits, as the value
 * the destination type holds; no implementation-defined conversion. */
static inline int64_t lb__cast_wrap(int64_t v, int32_t bits, int32_t sgn) {
  uint64_t mask, u;
  if (bits >= 64) return v;
  mask = ((uint64_t)1 << bits) - 1;
  u = (uint64_t)v & mask;
  if (!sgn || !(u & ((uint64_t)1 << (bits - 1)))) return (int64_t)u;
  return -(int64_t)(~u & mask) - 1;
}

static inline void lb__cast_store_int(int32_t dt, void *y, int64_t i, int64_t v) {
  int32_t bits = dt & 0xFF;
  if (bits <= 8) {
    if ((dt >> 8) == 1) ((int8_t *)y)[i] = (int8_t)v;
    else ((uint8_t *)y)[i] = (uint8_t)v;
  } else if (bits <= 16) {
    if ((dt >> 8) == 1) ((int16_t *)y)[i] = (int16_t)v;
    else ((uint16_t *)y)[i] = (uint16_t)v;
  } else if (bits <= 32) {
    if ((dt >> 8) == 1) ((int32_t *)y)[i] = (int32_t)v;
    else ((uint32_t *)y)[i] = (uint32_t)v;
  } else {
    ((int64_t *)y)[i] = v;
  }
}

/* f32 -> integer of dtype code dt: truncation, saturation, NaN -> 0. */
static inline int64_t lb__cast_f2i(float f, int32_t dt) {
  int32_t bits = dt & 0xFF, sgn = (dt >> 8) == 1;
  double d = (double)f, lo, hi;
  if (bits >= 64) {
    lo = -9223372036854775808.0;
    hi = 9223372036854774784.0; /* largest double below 2^63 */
  } else {
    lo = sgn ? -(double)((int64_t)1 << (bits - 1)) : 0.0;
    hi = sgn ? (double)(((int64_t)1 << (bits - 1)) - 1) : (double)(((int64_t)1 << bits) - 1);
  }
  if (d != d) return 0;
  if (d <= lo) return (int64_t)lo;
  if (d >= hi) return (int64_t)hi;
  return (int64_t)d;
}

LB_KAPI void lb_k_cast(const lb_cast_params_t *p, const void *x, void *y) {
  int64_t i;
  int32_t src_float = (p->src >> 8) == 3, dst_float = (p->dst >> 8) == 3;
  int32_t dbits = p->dst & 0xFF;
  int32_t dbits_c = dbits <= 8 ? 8 : dbits <= 16 ? 16 : dbits <= 32 ? 32 : 64;
  for (i = 0; i < p->count; ++i) {
    if (src_float && dst_float) ((float *)y)[i] = ((const float *)x)[i];
    else if (src_float) lb__cast_store_int(p->dst, y, i, lb__cast_f2i(((const float *)x)[i], p->dst));
    else if (dst_float) ((float *)y)[i] = (float)lb__cast_load_int(p->src, x, i);
    else lb__cast_store_int(p->dst, y, i, lb__cast_wrap(lb__cast_load_int(p->src, x, i), dbits_c, (p->dst >> 8) == 1));
  }
}
#endif

#ifndef LB_KERNELS_EMBEDDED
LB_DESCRIBE_PARAMS(lb_cast_params, LB_CAST_PARAMS)
LB_REGISTER_KERNEL(cast, cast, lb_cast_params, 1)
#endif
