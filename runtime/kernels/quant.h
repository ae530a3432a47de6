/* Quantization kernels: quantize, dequantize, requantize, integer clamp and
 * 8-bit table lookup. Sub-byte integers use the 8-bit kernels with their
 * narrower [qmin, qmax] (values live sign-/zero-extended in bytes). */
#ifndef LB_KERNELS_QUANT_H
#define LB_KERNELS_QUANT_H

#include "runtime/kernels/params.h"

/* Per-tensor, per-axis or blocked (de)quantization over [outer, n, inner]:
 * the channel index c is the middle coordinate; per-tensor uses n = 1.
 * block > 0 makes parameters blocked along the axis: element (o, c, i)
 * uses parameter (o * ceil(n / block) + c / block) * inner + i.
 *   quantize:   q = sat(round(x / scale[c]) + zp[c], qmin, qmax), round by
 *               `rounding` (lb__round_mode of common.h; 0 = half to even)
 *   dequantize: x = (float)(q - zp[c]) * scale[c]
 *   requantize: q = sat(rshift_round(acc * mult[c], shift[c]) + out_zp, qmin, qmax)
 *               (acc int32 or int64; the product is exact in both)
 *   requantize_fp: q = sat(rne((double)acc * (double)scale[c] + offset[c]) + zp[0], qmin, qmax)
 *               (the ONNX QLinear* rounding: the product in binary64; the
 *               optional offset carries a float bias, in output units)
 * rne = round half to even; rshift_round(v, s) = floor((v + 2^(s-1)) / 2^s),
 * i.e. round half up, computed exactly in int64. */
#define LB_QUANT_PARAMS(S, A, T) \
  S(T, I64, outer) S(T, I64, n) S(T, I64, inner) S(T, I64, block) S(T, I32, qmin) S(T, I32, qmax) S(T, I32, out_zp) \
  S(T, I32, rounding)
LB_DEFINE_PARAMS(lb_quant_params, LB_QUANT_PARAMS)

/* y = sat(x, lo, hi) over `count` elements. */
#define LB_CLAMP_PARAMS(S, A, T) S(T, I64, count) S(T, I32, lo) S(T, I32, hi)
LB_DEFINE_PARAMS(lb_clamp_params, LB_CLAMP_PARAMS)

/* y[i] = table[(uint8_t)x[i] ^ index_xor] over `count` bytes: with
 * index_xor = 0x80 a signed byte -128..127 indexes 0..255 in order. */
#define LB_LUT_PARAMS(S, A, T) S(T, I64, count) S(T, I32, index_xor)
LB_DEFINE_PARAMS(lb_lut_params, LB_LUT_PARAMS)

/* DynamicQuantizeLinear's parameters over `count` floats (NaNs ignored):
 * lo = min(0, min x), hi = max(0, max x) in float32;
 * scale = hi == lo ? 1 : (hi - lo) / 255; zp = rne(clamp(0 - lo / scale, 0, 255)). */
#define LB_DYNQ_PARAMS(S, A, T) S(T, I64, count)
LB_DEFINE_PARAMS(lb_dynq_params, LB_DYNQ_PARAMS)

/* Per-token quantization, simulated: each of `outer` rows of n floats gets
 * lo = min(0, min x), hi = max(0, max x), scale = (hi - lo) / qmax (float32;
 * a row whose scale is not a normal float becomes zeros), zp =
 * sat(rne(-lo / scale), 0, qmax), and y = (sat(rne(x / scale) + zp, 0, qmax)
 * - zp) * scale. NaNs count as 0. */
#define LB_QROWS_PARAMS(S, A, T) S(T, I64, outer) S(T, I64, n) S(T, I32, qmax)
LB_DEFINE_PARAMS(lb_qrows_params, LB_QROWS_PARAMS)
LB_KAPI void lb_k_quantize_rows_f32(const lb_qrows_params_t *p, const float *x, float *y);

LB_KAPI void lb_k_quantize_f32_i8(const lb_quant_params_t *p, const float *x, const float *scale, const int32_t *zp, int8_t *y);
LB_KAPI void lb_k_quantize_f32_u8(const lb_quant_params_t *p, const float *x, const float *scale, const int32_t *zp, uint8_t *y);
LB_KAPI void lb_k_quantize_f32_i16(const lb_quant_params_t *p, const float *x, const float *scale, const int32_t *zp, int16_t *y);
LB_KAPI void lb_k_quantize_f32_u16(const lb_quant_params_t *p, const float *x, const float *scale, const int32_t *zp, uint16_t *y);
LB_KAPI void lb_k_dequantize_i8_f32(const lb_quant_params_t *p, const int8_t *x, const float *scale, const int32_t *zp, float *y);
LB_KAPI void lb_k_dequantize_u8_f32(const lb_quant_params_t *p, const uint8_t *x, const float *scale, const int32_t *zp, float *y);
LB_KAPI void lb_k_dequantize_i16_f32(const lb_quant_params_t *p, const int16_t *x, const float *scale, const int32_t *zp, float *y);
LB_KAPI void lb_k_dequantize_u16_f32(const lb_quant_params_t *p, const uint16_t *x, const float *scale, const int32_t *zp, float *y);
LB_KAPI void lb_k_dequantize_i32_f32(const lb_quant_params_t *p, const int32_t *x, const float *scale, const int32_t *zp, float *y);
LB_KAPI void lb_k_requantize_i32_i8(const lb_quant_params_t *p, const int32_t *acc, const int32_t *mult,
                                    const int32_t *shift, int8_t *y);
LB_KAPI void lb_k_requantize_i64_i8(const lb_quant_params_t *p, const int64_t *acc, const int32_t *mult,
                                    const int32_t *shift, int8_t *y);
LB_KAPI void lb_k_requantize_i64_u8(const lb_quant_params_t *p, const int64_t *acc, const int32_t *mult,
                                    const int32_t *shift, uint8_t *y);
LB_KAPI void lb_k_requantize_i32_u8(const lb_quant_params_t *p, const int32_t *acc, const int32_t *mult,
                                    const int32_t *shift, uint8_t *y);
LB_KAPI void lb_k_clamp_i8(const lb_clamp_params_t *p, const int8_t *x, int8_t *y);
LB_KAPI void lb_k_clamp_u8(const lb_clamp_params_t *p, const uint8_t *x, uint8_t *y);
LB_KAPI void lb_k_lut_x8(const lb_lut_params_t *p, const void *x, const void *table, void *y);
LB_KAPI void lb_k_requantize_fp_i32_i8(const lb_quant_params_t *p, const int32_t *acc, const float *scale, const int32_t *zp,
                                       const float *offset, int8_t *y);
LB_KAPI void lb_k_requantize_fp_i32_u8(const lb_quant_params_t *p, const int32_t *acc, const float *scale, const int32_t *zp,
                                       const float *offset, uint8_t *y);
LB_KAPI void lb_k_requantize_fp_i64_i8(const lb_quant_params_t *p, const int64_t *acc, const float *scale, const int32_t *zp,
                                       const float *offset, int8_t *y);
LB_KAPI void lb_k_requantize_fp_i64_u8(const lb_quant_params_t *p, const int64_t *acc, const float *scale, const int32_t *zp,
                                       const float *offset, uint8_t *y);
LB_KAPI void lb_k_dynamic_scale_f32(const lb_dynq_params_t *p, const float *x, float *y);
LB_KAPI void lb_k_dynamic_zero_point_u8(const lb_dynq_params_t *p, const float *x, uint8_t *y);

#endif
