/* Quantization arithmetic and IR helpers shared by lb-quantize and
 * lb-lower-quantized. */
#ifndef LOWBIT_PASSES_QUANT_UTIL_H
#define LOWBIT_PASSES_QUANT_UTIL_H

#include "ir/lb_ir.h"

/* Per-tensor asymmetric int8 parameters covering [lo, hi] (widened to
 * include 0 so that real zero is exact): scale = (hi - lo) / 255,
 * zp = clamp(rne(-128 - lo / scale), -128, 127). */
void lb_qparams_asym_i8(float lo, float hi, float *scale, int32_t *zp);

/* Fixed-point form of a positive real multiplier m < 2^30:
 * m ~= mult * 2^-shift with mult in [2^30, 2^31) and shift in [1, 62].
 * Multipliers below 2^-31 flush to mult = 0, shift = 1. Returns false if
 * m is not finite or too large. */
bool lb_quantize_multiplier(double m, int32_t *mult, int32_t *shift);

/* Builds scale (f32) and zero point (elem) constants of n elements. */
lb_status_t lb_build_qparam_consts(lb_builder_t *b, const float *scale, const int32_t *zp, int64_t n, MlirType elem,
                                   MlirValue *scale_v, MlirValue *zp_v);

/* If `v` is produced by a per-tensor lb.dequantize with constant params,
 * returns true and its input, scale and zero point. */
bool lb_match_dequantize(MlirValue v, MlirValue *q, float *scale, int32_t *zp);
/* Like above for lb.quantize: returns its float input. */
bool lb_match_quantize(MlirOperation op, MlirValue *x, float *scale, int32_t *zp);

/* Reads a constant scale/zero-point operand pair into malloc'd arrays. */
lb_status_t lb_read_qparams(MlirOperation op, intptr_t scale_idx, float **scale, int32_t **zp, int64_t *n);

/* Ops whose integer version is a pure data movement or monotonic max:
 * reshape, flatten, transpose, max_pool. Quantization commutes with them. */
bool lb_is_passthrough(lb_op_kind_t k);

#endif
