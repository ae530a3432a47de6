/* Exact scalar helpers shared by the reference kernels. Embedded into
 * generated code right after runtime/lb_abi.h; all static inline, so unused
 * helpers leave no code and no warnings.
 *
 * Integer helpers are exact; float helpers evaluate in a fixed order with no
 * contraction, so any C99 compiler that honours IEEE-754 binary32 (and
 * -ffp-contract=off) gives the same bits.
 */
#ifndef LB_KERNELS_COMMON_H
#define LB_KERNELS_COMMON_H

#ifndef LB_KERNELS_EMBEDDED
#include "runtime/lb_abi.h"
#endif

#include <float.h>
#include <math.h>
#include <string.h>

/* Helpers are static inline and marked unused: a model calls only some of
 * them, and clang warns about unused static functions in the main file. */
#if defined(__GNUC__)
#define LB__HELPER static inline __attribute__((unused))
#else
#define LB__HELPER static inline
#endif
/* An out-of-line helper (a store epilogue that a kernel reaches from two
 * places, called once per block of up to 64 outputs): one vectorized copy
 * instead of one per call site. An attribute, so optional. */
#if defined(__GNUC__)
#define LB__HELPER_OUTLINE static __attribute__((unused, noinline))
#else
#define LB__HELPER_OUTLINE static
#endif

/* 16 (ISO/IEC TS 18661-3: _Float16 evaluated in float, float and double in
 * their own types) is what gcc reports in GNU modes on CPUs with FP16
 * arithmetic (-march=native on Sapphire Rapids): float math is unchanged. */
#if defined(FLT_EVAL_METHOD) && FLT_EVAL_METHOD != 0 && FLT_EVAL_METHOD != -1 && FLT_EVAL_METHOD != 16
#error "lowbit's kernels need float arithmetic evaluated in float (FLT_EVAL_METHOD 0; on 32-bit x86 use -msse2 -mfpmath=sse)"
#endif

/* Round half to even of a float, saturated to [-2^30, 2^30]; NaN gives 0. */
LB__HELPER int32_t lb__rne(float v) {
  double d = (double)v;
  int64_t t;
  double frac;
  if (d != d) return 0;
  if (d > 1073741824.0) d = 1073741824.0;
  if (d < -1073741824.0) d = -1073741824.0;
  t = (int64_t)d; /* truncates toward zero */
  frac = d - (double)t;
  if (frac > 0.5 || (frac == 0.5 && (t & 1))) t += 1;
  else if (frac < -0.5 || (frac == -0.5 && (t & 1))) t -= 1;
  return (int32_t)t;
}

/* Round half to even of a double, saturated to [-2^40, 2^40]; NaN gives 0.
 * (The float requantization's rounding: exact for every product of an
 * int32/int64 accumulator and a float scale that lands in range.) */
LB__HELPER int64_t lb__rne_d(double d) {
  int64_t t;
  double frac;
  if (d != d) return 0;
  if (d > 1099511627776.0) d = 1099511627776.0;
  if (d < -1099511627776.0) d = -1099511627776.0;
  t = (int64_t)d; /* truncates toward zero */
  frac = d - (double)t;
  if (frac > 0.5 || (frac == 0.5 && (t & 1))) t += 1;
  else if (frac < -0.5 || (frac == -0.5 && (t & 1))) t -= 1;
  return t;
}

/* Round half to even of a float, as a float (NaN, infinities and values
 * of magnitude 2^23 or more are returned unchanged). */
LB__HELPER float lb__roundevenf(float v) {
  float t, frac;
  if (!(v > -8388608.0f && v < 8388608.0f)) return v;
  t = (float)(int32_t)v; /* exact: |v| < 2^23 */
  frac = v - t;
  if (frac > 0.5f || (frac == 0.5f && ((int32_t)t & 1))) t += 1.0f;
  else if (frac < -0.5f || (frac == -0.5f && ((int32_t)t & 1))) t -= 1.0f;
  if (t == 0.0f && v < 0.0f) t = -0.0f;
  return t;
}

/* v rounded to an integer by `mode`, saturated to [-2^30, 2^30]; NaN gives
 * 0. Modes: 0 half to even, 1 ceil, 2 floor, 3 toward zero ("down"),
 * 4 away from zero ("up"), 5 half away from zero ("half_up"),
 * 6 half toward zero ("half_down"). */
LB__HELPER int32_t lb__round_mode(float v, int32_t mode) {
  double d = (double)v, frac;
  int64_t t;
  if (mode == 0) return lb__rne(v);
  if (d != d) return 0;
  if (d > 1073741824.0) d = 1073741824.0;
  if (d < -1073741824.0) d = -1073741824.0;
  t = (int64_t)d; /* toward zero */
  frac = d - (double)t;
  if (frac == 0.0) return (int32_t)t;
  switch (mode) {
    case 1: return (int32_t)(frac > 0.0 ? t + 1 : t);
    case 2: return (int32_t)(frac < 0.0 ? t - 1 : t);
    case 3: return (int32_t)t;
    case 4: return (int32_t)(frac > 0.0 ? t + 1 : t - 1);
    case 5: return (int32_t)(frac >= 0.5 ? t + 1 : frac <= -0.5 ? t - 1 : t);
    default: return (int32_t)(frac > 0.5 ? t + 1 : frac < -0.5 ? t - 1 : t);
  }
}

LB__HELPER int32_t lb__sat(int64_t v, int32_t lo, int32_t hi) {
  return v < lo ? lo : (v > hi ? hi : (int32_t)v);
}

/* sat(rne(v) + zp, lo, hi) without branches (quantization's inner loop):
 * NaN gives zp; |v| is first limited to 2^22, beyond which every 8- and
 * 16-bit result saturates anyway; then adding and subtracting 1.5 * 2^23
 * rounds to the nearest integer, ties to even, in float32 arithmetic. The
 * same value as lb__sat(lb__rne(v) + zp, lo, hi) for every v (it needs
 * float arithmetic evaluated in float: FLT_EVAL_METHOD 0, and no
 * -ffast-math). */
/* The NaN and range limits are bit masks on the float's bits (|v| above
 * the bits of 2^22, 0x4a800000; a NaN above those of infinity), not float
 * comparisons or selects: gcc 12 if-converts those only with AVX-512 masks,
 * so on AVX2 the clamp kept the whole loop scalar ("control flow in loop"). */
LB__HELPER int32_t lb__quant_rne(float v, int32_t zp, int32_t lo, int32_t hi) {
  int32_t t;
  uint32_t u, a, big, nan;
  memcpy(&u, &v, sizeof u);
  a = u & 0x7fffffffu;
  big = 0u - (uint32_t)(a > 0x4a800000u); /* all ones where |v| > 2^22 (or NaN) */
  nan = 0u - (uint32_t)(a > 0x7f800000u);
  u = ((u & ~big) | (((u & 0x80000000u) | 0x4a800000u) & big)) & ~nan; /* +-2^22; NaN: +0 */
  memcpy(&v, &u, sizeof v);
  t = (int32_t)((v + 12582912.0f) - 12582912.0f) + zp;
  t = t < lo ? lo : t;
  return t > hi ? hi : t;
}

/* sat(rne_d(v) + zp, lo, hi) without branches (the float requantization's
 * inner loop): the same value as lb__sat(lb__rne_d(v) + zp, lo, hi) for
 * every v. |v| is limited to 2^40 and NaN made +0 as lb__rne_d does, by bit
 * masks on the double's bits (0x4270000000000000 is 2^40); then adding and
 * subtracting 1.5 * 2^52 rounds to the nearest integer, ties to even, in
 * double arithmetic (exact for |v| <= 2^51; needs doubles evaluated as
 * doubles, FLT_EVAL_METHOD 0, and no -ffast-math, as lb__quant_rne). The
 * branchy lb__rne_d vectorized into mask juggling: a per-channel float
 * requantize of a conv output took 4 cycles an element on a Zen 4. */
LB__HELPER int32_t lb__quant_rne_d(double v, int32_t zp, int32_t lo, int32_t hi) {
  int64_t t;
  uint64_t u, a, big, nan;
  memcpy(&u, &v, sizeof u);
  a = u & 0x7fffffffffffffffull;
  big = 0u - (uint64_t)(a > 0x4270000000000000ull); /* all ones where |v| > 2^40 (or NaN) */
  nan = 0u - (uint64_t)(a > 0x7ff0000000000000ull);
  u = ((u & ~big) | (((u & 0x8000000000000000ull) | 0x4270000000000000ull) & big)) & ~nan; /* +-2^40; NaN: +0 */
  memcpy(&v, &u, sizeof v);
  t = (int64_t)((v + 6755399441055744.0) - 6755399441055744.0) + zp;
  t = t < lo ? lo : t;
  return (int32_t)(t > hi ? hi : t);
}

/* Arithmetic right shift of a signed value without relying on
 * implementation-defined behaviour: floor(v / 2^s). Branch-free, so loops
 * of it vectorize: for negative v, ~v = -(v + 1) >= 0 is shifted and
 * complemented back (int64_t is two's complement by definition); an
 * implementation whose >> is already arithmetic takes it directly. */
LB__HELPER int64_t lb__sra64(int64_t v, int64_t s) {
  int64_t neg = -(int64_t)(v < 0);
  /* where >> of a negative value is the arithmetic shift (a constant the
   * compiler folds: gcc, clang), use it: it vectorizes to one instruction */
  return ((int64_t)-3 >> 1) == -2 ? v >> s : ((v ^ neg) >> s) ^ neg;
}

/* floor((acc * mult + 2^(shift-1)) / 2^shift); |acc*mult| < 2^62.
 * Computed as floor((floor(p / 2^(shift-1)) + 1) / 2), the same value
 * (with q = floor(p / 2^(shift-1)) and p / 2^(shift-1) = q + f, 0 <= f < 1,
 * floor((q + 1 + f) / 2) = floor((q + 1) / 2) for either parity of q + 1),
 * in int64 with int64 shift amounts: gcc 12 vectorizes this form, not
 * `(int64_t)1 << (shift - 1)` with a per-lane shift. */
LB__HELPER int64_t lb__requant(int32_t acc, int32_t mult, int32_t shift) {
  int64_t prod = (int64_t)acc * (int64_t)mult, s = shift;
  return lb__sra64(lb__sra64(prod, s - 1) + 1, 1);
}

/* The same for a 64-bit accumulator: floor((acc * mult + 2^(shift-1)) /
 * 2^shift) computed exactly with a 96-bit product held in two 64-bit
 * halves (C99 has no 128-bit integers), saturated to the int64 range.
 * 0 <= mult < 2^31, shift in [1, 62]. */
LB__HELPER int64_t lb__requant64(int64_t acc, int32_t mult, int32_t shift) {
  uint64_t mag = acc < 0 ? (uint64_t)0 - (uint64_t)acc : (uint64_t)acc;
  uint64_t m = (uint64_t)(uint32_t)mult, h = (uint64_t)1 << (shift - 1), one = (uint64_t)1 << shift;
  uint64_t p0 = (mag & 0xFFFFFFFFu) * m, p1 = (mag >> 32) * m;
  uint64_t lo = p0 + (p1 << 32), hi = (p1 >> 32) + (lo < p0);
  uint64_t qlo, qhi, t;
  if (acc >= 0) { /* (P + h) >> shift */
    t = lo + h;
    hi += t < lo;
    lo = t;
  } else { /* -ceil((P - h) / 2^shift) = -((P - h + 2^shift - 1) >> shift), 0 when P < h */
    if (hi == 0 && lo < h) return 0;
    t = lo - h;
    hi -= t > lo;
    lo = t;
    t = lo + (one - 1);
    hi += t < lo;
    lo = t;
  }
  qhi = hi >> shift;
  qlo = (hi << (64 - shift)) | (lo >> shift);
  if (qhi || qlo > (uint64_t)INT64_MAX) return acc >= 0 ? INT64_MAX : INT64_MIN;
  return acc >= 0 ? (int64_t)qlo : -(int64_t)qlo;
}

/* exp in double: x = k*ln2 + r, |r| <= ln2/2, Taylor to degree 13
 * (error < 1e-16), scaled by 2^k built from its bit pattern, rounded once
 * to float: identical on every platform. */
LB__HELPER float lb__expf(float xf) {
  double x = (double)xf, r, p, scale;
  int64_t k;
  union { double d; uint64_t u; } two_k;
  int i;
  if (xf != xf) return xf;
  if (x > 88.8) return (float)(3.4028234663852886e38 * 2.0); /* +inf */
  if (x < -104.0) return 0.0f;
  k = (int64_t)(x * 1.4426950408889634 + (x >= 0 ? 0.5 : -0.5));
  r = x - (double)k * 0.6931471805599453;
  p = 1.0;
  for (i = 13; i >= 1; --i) p = 1.0 + p * r / (double)i;
  two_k.u = (uint64_t)(k + 1023) << 52;
  scale = two_k.d;
  return (float)(p * scale);
}

/* e^x in binary64 for |x| <= 700 (the core of lb__expf, without its float
 * range limits): range reduction by ln 2 and a degree-13 Taylor series. */
LB__HELPER double lb__exp_d(double x) {
  double r, p;
  int64_t k;
  union { double d; uint64_t u; } two_k;
  int i;
  if (x > 700.0) x = 700.0;
  if (x < -700.0) return 0.0;
  k = (int64_t)(x * 1.4426950408889634 + (x >= 0 ? 0.5 : -0.5));
  r = x - (double)k * 0.6931471805599453;
  p = 1.0;
  for (i = 13; i >= 1; --i) p = 1.0 + p * r / (double)i;
  two_k.u = (uint64_t)(k + 1023) << 52;
  return p * two_k.d;
}

/* tanh in binary64 from lb__exp_d; the same bits on every platform. */
LB__HELPER double lb__tanh_d(double x) {
  double e;
  if (x != x) return x;
  if (x > 20.0) return 1.0;
  if (x < -20.0) return -1.0;
  if (x > -1e-4 && x < 1e-4) return x - x * x * x / 3.0; /* no cancellation near 0 */
  e = lb__exp_d(2.0 * x);
  return (e - 1.0) / (e + 1.0);
}

/* erf in binary64: its Maclaurin series below |x| = 4 (at most 6 of 16
 * digits lost to cancellation), +-1 beyond (erfc(4) < 2^-25, below half a
 * float ulp of 1). The same bits on every platform. */
LB__HELPER double lb__erf_d(double x) {
  double ax = x < 0 ? -x : x, x2, term, sum;
  int n;
  if (x != x) return x;
  if (ax >= 4.0) return x < 0 ? -1.0 : 1.0;
  x2 = ax * ax;
  term = ax;
  sum = ax;
  for (n = 1; n < 80; ++n) {
    term *= -x2 / (double)n;
    sum += term / (double)(2 * n + 1);
    if ((term < 0 ? -term : term) < 1e-17 * sum) break;
  }
  sum *= 1.1283791670955126; /* 2 / sqrt(pi) */
  return x < 0 ? -sum : sum;
}

/* ---- activations (runtime/kernels/activation.c and the HLS templates) ---- */

/* alpha x + beta clamped to [0, 1] (NaN stays NaN) */
LB__HELPER float lb__hard_sigmoid(float x, float alpha, float beta) {
  float t = alpha * x + beta;
  return t < 0.0f ? 0.0f : (t > 1.0f ? 1.0f : t);
}
LB__HELPER float lb__hard_swish(float x, float alpha, float beta) { return x * lb__hard_sigmoid(x, alpha, beta); }
/* elu, selu and celu through exp in binary64, rounded once to float */
LB__HELPER float lb__elu(float x, float alpha) {
  return x < 0.0f ? (float)((double)alpha * (lb__exp_d((double)x) - 1.0)) : x;
}
LB__HELPER float lb__selu(float x, float alpha, float gamma) {
  double a = alpha, g = gamma;
  return x > 0.0f ? (float)(g * (double)x) : (float)(g * (a * lb__exp_d((double)x) - a));
}
LB__HELPER float lb__celu(float x, float alpha) {
  double a = alpha, v = (double)x, neg = a * (lb__exp_d(v / a) - 1.0);
  return (float)((v > 0.0 ? v : 0.0) + (neg < 0.0 ? neg : 0.0));
}
LB__HELPER float lb__thresholded_relu(float x, float alpha) { return x > alpha ? x : 0.0f; }
LB__HELPER float lb__softsign(float x) { return x / (1.0f + (x < 0.0f ? -x : x)); }
LB__HELPER float lb__leaky_relu(float x, float alpha) { return x < 0.0f ? alpha * x : x; }

#endif
