/* Quantization arithmetic and IR matchers shared by lb-quantize and
 * lb-lower-quantized. */
#ifndef LOWBIT_PASSES_QUANT_UTIL_H
#define LOWBIT_PASSES_QUANT_UTIL_H

#include "ir/lb_ir.h"

/* Per-tensor asymmetric 8-bit parameters (dt i8 or ui8) covering [lo, hi]
 * (widened to include 0 so that real zero is exact): scale = (hi - lo) /
 * 255, zp = clamp(rne(qmin - lo / scale), qmin, qmax). `op` names the value
 * in messages. A non-finite range is INVALID_ARGUMENT; a range without
 * extent (every calibrated value 0) gets the documented scale 1 and zero
 * point qmin, with a warning. */
lb_status_t lb_qparams_asym(MlirOperation op, const char *what, float lo, float hi, lb_dtype_t dt, float *scale,
                            int32_t *zp);

/* Fixed-point form of a positive real multiplier m < 2^30:
 * m ~= mult * 2^-shift with mult in [2^30, 2^31) and shift in [1, 62].
 * Multipliers below 2^-31 flush to mult = 0, shift = 1. Returns false if
 * m is not finite or too large. */
bool lb_quantize_multiplier(double m, int32_t *mult, int32_t *shift);

/* Builds scale (f32) and zero point (elem) constants of n elements, named
 * "<op>.<what>_scale" and "<op>.<what>_zero_point". */
lb_status_t lb_build_qparam_consts(lb_builder_t *b, MlirOperation op, const char *what, const float *scale,
                                   const int32_t *zp, int64_t n, MlirType elem, MlirValue *scale_v, MlirValue *zp_v);

/* Inserts dequantize(quantize(v)) (per tensor, dt codes) before `at`. With
 * replace_all every other use of v reads the dequantized value, else only
 * operand `operand` of `user`; `user` also names the parameter constants. */
lb_status_t lb_insert_qdq(MlirOperation at, MlirValue v, lb_dtype_t dt, float scale, int32_t zp, bool replace_all,
                          MlirOperation user, intptr_t operand);

/* Per-tensor quantization parameters of a lb.quantize / lb.dequantize op
 * with constant operands. */
typedef struct lb_qparams_s {
  MlirValue data; /* the op's operand 0 */
  float scale;
  int32_t zp;
  lb_dtype_t qdt; /* integer side's dtype */
} lb_qparams_t;

/* If `v` is produced by a per-tensor lb.dequantize with constant params,
 * fills *q and returns true. (lb_match_quantize also requires the default
 * half-to-even rounding.) */
bool lb_match_dequantize(MlirValue v, lb_qparams_t *q);
/* Like above for an lb.quantize op. */
bool lb_match_quantize(MlirOperation op, lb_qparams_t *q);

#endif
