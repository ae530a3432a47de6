/* Quantization reference kernels (see quant.h). */
#ifndef LB_KERNELS_EMBEDDED
#include "runtime/kernels/quant.h"

#include "runtime/kernels/common.h"
#include "runtime/kernels/registry.h"
#endif

#if defined(LB_USE_ALL_KERNELS) || defined(LB_USE_lb_k_quantize_f32_i8) || defined(LB_USE_lb_k_quantize_f32_u8) || defined(LB_USE_lb_k_quantize_f32_i16) || defined(LB_USE_lb_k_quantize_f32_u16) || defined(LB_USE_lb_k_dequantize_i8_f32) || defined(LB_USE_lb_k_dequantize_u8_f32) || defined(LB_USE_lb_k_dequantize_i16_f32) || defined(LB_USE_lb_k_dequantize_u16_f32) || defined(LB_USE_lb_k_dequantize_i32_f32) || defined(LB_USE_lb_k_requantize_i32_i8) || defined(LB_USE_lb_k_requantize_i32_u8) || defined(LB_USE_lb_k_requantize_i64_i8) || defined(LB_USE_lb_k_requantize_i64_u8) || defined(LB_USE_lb_k_requantize_fp_i32_i8) || defined(LB_USE_lb_k_requantize_fp_i32_u8) || defined(LB_USE_lb_k_requantize_fp_i64_i8) || defined(LB_USE_lb_k_requantize_fp_i64_u8)
/* Loops over [outer, n, inner]; k indexes the parameters of element
 * (o, c, i): c per axis, c / block per block of the axis (then the
 * parameters have the data's shape with the axis divided into blocks).
 * With the axis last (inner == 1, no blocks) the loop runs along rows, so
 * that compilers vectorize it: per-channel parameters on a matmul's
 * output had run one element per inner loop, 13 ns each for a float
 * requantize on a Zen 4.
 * The params are read into locals first: a store through a char-typed y
 * may alias anything, and reloading them in the inner loop would keep
 * compilers from vectorizing it. */
#define LB__QUANT_LOOP(BODY)                                                         \
  int64_t o, c, i, k, outer = p->outer, nc = p->n, inner = p->inner, block = p->block; \
  int64_t nblk = block > 0 ? (nc + block - 1) / block : 0;                           \
  int32_t qmin = p->qmin, qmax = p->qmax, out_zp = p->out_zp;                        \
  (void)qmin, (void)qmax, (void)out_zp;                                              \
  if (inner == 1 && block <= 0) /* channels last: rows of nc, parameter k = i */     \
    for (o = 0; o < outer; ++o) {                                                    \
      int64_t base = o * nc;                                                         \
      for (i = 0; i < nc; ++i) {                                                     \
        k = i;                                                                       \
        BODY;                                                                        \
      }                                                                              \
    }                                                                                \
  else {                                                                             \
    for (o = 0; o < outer; ++o)                                                      \
      for (c = 0; c < nc; ++c) {                                                     \
        int64_t base = (o * nc + c) * inner;                                         \
        if (block > 0)                                                               \
          for (i = 0; i < inner; ++i) {                                              \
            k = (o * nblk + c / block) * inner + i;                                  \
            BODY;                                                                    \
          }                                                                          \
        else {                                                                       \
          k = c;                                                                     \
          for (i = 0; i < inner; ++i) BODY;                                          \
        }                                                                            \
      }                                                                              \
  }
#endif

#if defined(LB_USE_ALL_KERNELS) || defined(LB_USE_lb_k_quantize_f32_i8) || defined(LB_USE_lb_k_quantize_f32_u8) || defined(LB_USE_lb_k_quantize_f32_i16) || defined(LB_USE_lb_k_quantize_f32_u16)
/* Half to even (the default) takes the branch-free rounding, which
 * vectorizes; the other modes the general one. Same values either way. */
#define LB__QUANTIZE_BODY(T)                                                                                  \
  if (p->rounding == 0) {                                                                                     \
    LB__QUANT_LOOP(y[base + i] = (T)lb__quant_rne(x[base + i] / scale[k], zp[k], qmin, qmax))           \
  } else {                                                                                                    \
    LB__QUANT_LOOP(y[base + i] = (T)lb__sat((int64_t)lb__round_mode(x[base + i] / scale[k], p->rounding) + zp[k], \
                                            qmin, qmax))                                                \
  }
#endif

#if defined(LB_USE_ALL_KERNELS) || defined(LB_USE_lb_k_quantize_f32_i8)
LB_KAPI void lb_k_quantize_f32_i8(const lb_quant_params_t *p, const float *x, const float *scale, const int32_t *zp, int8_t *y) {
  LB__QUANTIZE_BODY(int8_t)
}
#endif

#if defined(LB_USE_ALL_KERNELS) || defined(LB_USE_lb_k_quantize_f32_u8)
LB_KAPI void lb_k_quantize_f32_u8(const lb_quant_params_t *p, const float *x, const float *scale, const int32_t *zp, uint8_t *y) {
  LB__QUANTIZE_BODY(uint8_t)
}
#endif

#if defined(LB_USE_ALL_KERNELS) || defined(LB_USE_lb_k_quantize_f32_i16)
LB_KAPI void lb_k_quantize_f32_i16(const lb_quant_params_t *p, const float *x, const float *scale, const int32_t *zp, int16_t *y) {
  LB__QUANTIZE_BODY(int16_t)
}
#endif

#if defined(LB_USE_ALL_KERNELS) || defined(LB_USE_lb_k_quantize_f32_u16)
LB_KAPI void lb_k_quantize_f32_u16(const lb_quant_params_t *p, const float *x, const float *scale, const int32_t *zp, uint16_t *y) {
  LB__QUANTIZE_BODY(uint16_t)
}
#endif

#if defined(LB_USE_ALL_KERNELS) || defined(LB_USE_lb_k_dequantize_i8_f32)
LB_KAPI void lb_k_dequantize_i8_f32(const lb_quant_params_t *p, const int8_t *x, const float *scale, const int32_t *zp, float *y) {
  LB__QUANT_LOOP(y[base + i] = (float)((int64_t)x[base + i] - zp[k]) * scale[k])
}
#endif

#if defined(LB_USE_ALL_KERNELS) || defined(LB_USE_lb_k_dequantize_u8_f32)
LB_KAPI void lb_k_dequantize_u8_f32(const lb_quant_params_t *p, const uint8_t *x, const float *scale, const int32_t *zp, float *y) {
  LB__QUANT_LOOP(y[base + i] = (float)((int64_t)x[base + i] - zp[k]) * scale[k])
}
#endif

#if defined(LB_USE_ALL_KERNELS) || defined(LB_USE_lb_k_dequantize_i16_f32)
LB_KAPI void lb_k_dequantize_i16_f32(const lb_quant_params_t *p, const int16_t *x, const float *scale, const int32_t *zp, float *y) {
  LB__QUANT_LOOP(y[base + i] = (float)((int64_t)x[base + i] - zp[k]) * scale[k])
}
#endif

#if defined(LB_USE_ALL_KERNELS) || defined(LB_USE_lb_k_dequantize_u16_f32)
LB_KAPI void lb_k_dequantize_u16_f32(const lb_quant_params_t *p, const uint16_t *x, const float *scale, const int32_t *zp, float *y) {
  LB__QUANT_LOOP(y[base + i] = (float)((int64_t)x[base + i] - zp[k]) * scale[k])
}
#endif

#if defined(LB_USE_ALL_KERNELS) || defined(LB_USE_lb_k_dequantize_i32_f32)
LB_KAPI void lb_k_dequantize_i32_f32(const lb_quant_params_t *p, const int32_t *x, const float *scale, const int32_t *zp, float *y) {
  LB__QUANT_LOOP(y[base + i] = (float)((int64_t)x[base + i] - zp[k]) * scale[k])
}
#endif

#if defined(LB_USE_ALL_KERNELS) || defined(LB_USE_lb_k_requantize_i32_i8)
LB_KAPI void lb_k_requantize_i32_i8(const lb_quant_params_t *p, const int32_t *acc, const int32_t *mult,
                                    const int32_t *shift, int8_t *y) {
  LB__QUANT_LOOP(y[base + i] = (int8_t)lb__sat(lb__requant(acc[base + i], mult[k], shift[k]) + out_zp,
                                               qmin, qmax))
}
#endif

#if defined(LB_USE_ALL_KERNELS) || defined(LB_USE_lb_k_requantize_i32_u8)
LB_KAPI void lb_k_requantize_i32_u8(const lb_quant_params_t *p, const int32_t *acc, const int32_t *mult,
                                    const int32_t *shift, uint8_t *y) {
  LB__QUANT_LOOP(y[base + i] = (uint8_t)lb__sat(lb__requant(acc[base + i], mult[k], shift[k]) + out_zp,
                                                qmin, qmax))
}
#endif

#if defined(LB_USE_ALL_KERNELS) || defined(LB_USE_lb_k_requantize_i64_i8) || defined(LB_USE_lb_k_requantize_i64_u8)
/* requantized value + zero point, saturated; the value is first clamped to
 * +-2^40 (far outside any 8-bit range) so that adding zp cannot overflow */
static inline int32_t lb__requant64_sat(int64_t acc, int32_t mult, int32_t shift, int32_t zp, int32_t lo, int32_t hi) {
  int64_t v = lb__requant64(acc, mult, shift);
  const int64_t big = (int64_t)1 << 40;
  v = v > big ? big : v < -big ? -big : v;
  return lb__sat(v + zp, lo, hi);
}
#endif

#if defined(LB_USE_ALL_KERNELS) || defined(LB_USE_lb_k_requantize_i64_i8)
LB_KAPI void lb_k_requantize_i64_i8(const lb_quant_params_t *p, const int64_t *acc, const int32_t *mult,
                                    const int32_t *shift, int8_t *y) {
  LB__QUANT_LOOP(y[base + i] = (int8_t)lb__requant64_sat(acc[base + i], mult[k], shift[k], out_zp, qmin, qmax))
}
#endif

#if defined(LB_USE_ALL_KERNELS) || defined(LB_USE_lb_k_requantize_i64_u8)
LB_KAPI void lb_k_requantize_i64_u8(const lb_quant_params_t *p, const int64_t *acc, const int32_t *mult,
                                    const int32_t *shift, uint8_t *y) {
  LB__QUANT_LOOP(y[base + i] = (uint8_t)lb__requant64_sat(acc[base + i], mult[k], shift[k], out_zp, qmin, qmax))
}
#endif

#if defined(LB_USE_ALL_KERNELS) || defined(LB_USE_lb_k_requantize_fp_i32_i8)
LB_KAPI void lb_k_requantize_fp_i32_i8(const lb_quant_params_t *p, const int32_t *acc, const float *scale, const int32_t *zp,
                                       const float *offset, int8_t *y) {
  int32_t z = zp[0];
  LB__QUANT_LOOP(y[base + i] = (int8_t)lb__quant_rne_d((double)acc[base + i] * (double)scale[k] +
                                                   (offset ? (double)offset[k] : 0.0),
                                         z, qmin, qmax))
}
#endif

#if defined(LB_USE_ALL_KERNELS) || defined(LB_USE_lb_k_requantize_fp_i32_u8)
LB_KAPI void lb_k_requantize_fp_i32_u8(const lb_quant_params_t *p, const int32_t *acc, const float *scale, const int32_t *zp,
                                       const float *offset, uint8_t *y) {
  int32_t z = zp[0];
  LB__QUANT_LOOP(y[base + i] = (uint8_t)lb__quant_rne_d((double)acc[base + i] * (double)scale[k] +
                                                   (offset ? (double)offset[k] : 0.0),
                                         z, qmin, qmax))
}
#endif

#if defined(LB_USE_ALL_KERNELS) || defined(LB_USE_lb_k_requantize_fp_i64_i8)
LB_KAPI void lb_k_requantize_fp_i64_i8(const lb_quant_params_t *p, const int64_t *acc, const float *scale, const int32_t *zp,
                                       const float *offset, int8_t *y) {
  int32_t z = zp[0];
  LB__QUANT_LOOP(y[base + i] = (int8_t)lb__quant_rne_d((double)acc[base + i] * (double)scale[k] +
                                                   (offset ? (double)offset[k] : 0.0),
                                         z, qmin, qmax))
}
#endif

#if defined(LB_USE_ALL_KERNELS) || defined(LB_USE_lb_k_requantize_fp_i64_u8)
LB_KAPI void lb_k_requantize_fp_i64_u8(const lb_quant_params_t *p, const int64_t *acc, const float *scale, const int32_t *zp,
                                       const float *offset, uint8_t *y) {
  int32_t z = zp[0];
  LB__QUANT_LOOP(y[base + i] = (uint8_t)lb__quant_rne_d((double)acc[base + i] * (double)scale[k] +
                                                   (offset ? (double)offset[k] : 0.0),
                                         z, qmin, qmax))
}
#endif

#if defined(LB_USE_ALL_KERNELS) || defined(LB_USE_lb_k_quantize_rows_f32)
LB_KAPI void lb_k_quantize_rows_f32(const lb_qrows_params_t *p, const float *x, float *y) {
  int64_t o, j, n = p->n;
  int32_t qmax = p->qmax;
  for (o = 0; o < p->outer; ++o) {
    const float *r = x + o * n;
    float *w = y + o * n;
    float lo = 0.0f, hi = 0.0f, scale;
    int32_t zp;
    for (j = 0; j < n; ++j) {
      lo = r[j] < lo ? r[j] : lo;
      hi = r[j] > hi ? r[j] : hi;
    }
    scale = (hi - lo) / (float)qmax;
    if (!(scale >= FLT_MIN && scale <= FLT_MAX)) {
      for (j = 0; j < n; ++j) w[j] = 0.0f;
      continue;
    }
    zp = lb__quant_rne(-lo / scale, 0, 0, qmax);
    for (j = 0; j < n; ++j) w[j] = (float)(lb__quant_rne(r[j] / scale, zp, 0, qmax) - zp) * scale;
  }
}
#endif

#if defined(LB_USE_ALL_KERNELS) || defined(LB_USE_lb_k_dynamic_scale_f32) || defined(LB_USE_lb_k_dynamic_zero_point_u8)
/* The uint8 range [lo, hi] of x (always containing 0) and its scale. */
static inline float lb__dynq_scale(const lb_dynq_params_t *p, const float *x, float *lo_out) {
  float lo = 0.0f, hi = 0.0f;
  int64_t i;
  for (i = 0; i < p->count; ++i) {
    if (x[i] < lo) lo = x[i];
    if (x[i] > hi) hi = x[i];
  }
  *lo_out = lo;
  return hi == lo ? 1.0f : (hi - lo) / 255.0f;
}
#endif

#if defined(LB_USE_ALL_KERNELS) || defined(LB_USE_lb_k_dynamic_scale_f32)
LB_KAPI void lb_k_dynamic_scale_f32(const lb_dynq_params_t *p, const float *x, float *y) {
  float lo;
  y[0] = lb__dynq_scale(p, x, &lo);
}
#endif

#if defined(LB_USE_ALL_KERNELS) || defined(LB_USE_lb_k_dynamic_zero_point_u8)
LB_KAPI void lb_k_dynamic_zero_point_u8(const lb_dynq_params_t *p, const float *x, uint8_t *y) {
  float lo, s = lb__dynq_scale(p, x, &lo), z = 0.0f - lo / s;
  z = z < 0.0f ? 0.0f : z > 255.0f ? 255.0f : z;
  y[0] = (uint8_t)lb__rne(z);
}
#endif

#if defined(LB_USE_ALL_KERNELS) || defined(LB_USE_lb_k_clamp_i8)
LB_KAPI void lb_k_clamp_i8(const lb_clamp_params_t *p, const int8_t *x, int8_t *y) {
  int64_t i;
  for (i = 0; i < p->count; ++i) y[i] = (int8_t)lb__sat(x[i], p->lo, p->hi);
}
#endif

#if defined(LB_USE_ALL_KERNELS) || defined(LB_USE_lb_k_clamp_u8)
LB_KAPI void lb_k_clamp_u8(const lb_clamp_params_t *p, const uint8_t *x, uint8_t *y) {
  int64_t i;
  for (i = 0; i < p->count; ++i) y[i] = (uint8_t)lb__sat(x[i], p->lo, p->hi);
}
#endif

#if defined(LB_USE_ALL_KERNELS) || defined(LB_USE_lb_k_lut_x8)
LB_KAPI void lb_k_lut_x8(const lb_lut_params_t *p, const void *x, const void *table, void *y) {
  const unsigned char *xs = (const unsigned char *)x, *t = (const unsigned char *)table;
  unsigned char *ys = (unsigned char *)y;
  unsigned flip = (unsigned)p->index_xor & 0xFFu;
  int64_t i;
  for (i = 0; i < p->count; ++i) ys[i] = t[xs[i] ^ flip];
}
#endif

#ifndef LB_KERNELS_EMBEDDED
LB_DESCRIBE_PARAMS(lb_quant_params, LB_QUANT_PARAMS)
LB_DESCRIBE_PARAMS(lb_clamp_params, LB_CLAMP_PARAMS)
LB_DESCRIBE_PARAMS(lb_lut_params, LB_LUT_PARAMS)
LB_DESCRIBE_PARAMS(lb_dynq_params, LB_DYNQ_PARAMS)
LB_REGISTER_KERNEL(quant, dynamic_scale_f32, lb_dynq_params, 1)
LB_DESCRIBE_PARAMS(lb_qrows_params, LB_QROWS_PARAMS)
LB_REGISTER_KERNEL(quant, quantize_rows_f32, lb_qrows_params, 1)
LB_REGISTER_KERNEL(quant, dynamic_zero_point_u8, lb_dynq_params, 1)
LB_REGISTER_KERNEL(quant, quantize_f32_i8, lb_quant_params, 3)
LB_REGISTER_KERNEL(quant, quantize_f32_u8, lb_quant_params, 3)
LB_REGISTER_KERNEL(quant, quantize_f32_i16, lb_quant_params, 3)
LB_REGISTER_KERNEL(quant, quantize_f32_u16, lb_quant_params, 3)
LB_REGISTER_KERNEL(quant, dequantize_i8_f32, lb_quant_params, 3)
LB_REGISTER_KERNEL(quant, dequantize_u8_f32, lb_quant_params, 3)
LB_REGISTER_KERNEL(quant, dequantize_i16_f32, lb_quant_params, 3)
LB_REGISTER_KERNEL(quant, dequantize_u16_f32, lb_quant_params, 3)
LB_REGISTER_KERNEL(quant, dequantize_i32_f32, lb_quant_params, 3)
LB_REGISTER_KERNEL(quant, requantize_i32_i8, lb_quant_params, 3)
LB_REGISTER_KERNEL(quant, requantize_i32_u8, lb_quant_params, 3)
LB_REGISTER_KERNEL(quant, requantize_i64_i8, lb_quant_params, 3)
LB_REGISTER_KERNEL(quant, requantize_i64_u8, lb_quant_params, 3)
LB_REGISTER_KERNEL(quant, requantize_fp_i32_i8, lb_quant_params, 4)
LB_REGISTER_KERNEL(quant, requantize_fp_i32_u8, lb_quant_params, 4)
LB_REGISTER_KERNEL(quant, requantize_fp_i64_i8, lb_quant_params, 4)
LB_REGISTER_KERNEL(quant, requantize_fp_i64_u8, lb_quant_params, 4)
LB_REGISTER_KERNEL(quant, clamp_i8, lb_clamp_params, 1)
LB_REGISTER_KERNEL(quant, clamp_u8, lb_clamp_params, 1)
LB_REGISTER_KERNEL(quant, lut_x8, lb_lut_params, 2)
#endif
