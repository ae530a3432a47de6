/* QONNX (FINN / Brevitas) quantizers, domains qonnx.custom_op.general and
 * finn.custom_op.general: Quant (and its newer name IntQuant) and
 * BipolarQuant. Both are fake quantizers (float in, float out); they import
 * as lb.quantize to an integer of the quantizer's width followed by
 * lb.dequantize, so a constant float weight folds (lb-fold-constants) into
 * a true integer weight of that width.
 *
 * Quant(x, scale, zeropt, bitwidth), attributes signed (1), narrow (0),
 * rounding_mode ("ROUND"): y = (round(clamp(x / scale + zeropt)) - zeropt) *
 * scale over [min_int, max_int] of the width. Clamping before or after the
 * rounding is the same for integer bounds, and zeropt must be an integer
 * (lowbit's zero points are), so this is quantize(x / scale, zeropt) with
 * the rounding mode, a clamp for narrow ranges and 1-bit widths, and a
 * dequantize. scale, zeropt and bitwidth must be constants: they decide
 * types. */
#include <math.h>
#include <strings.h>
#include <string.h>

#include "frontend/onnx/import.h"

/* The per-channel axis of a QONNX parameter broadcast against x: -1 for a
 * single element; the one dim > 1 when the parameter has x's rank. */
static lb_status_t param_axis(lb_onnx_node_t *n, const lb_tensor_t *p, int32_t xrank, const char *what,
                              int64_t *axis) {
  *axis = -1;
  if (lb_tensor_count(p) == 1) return LB_OK;
  if (p->rank != xrank)
    return lb_onnx_fail(n, LB_STATUS_UNIMPLEMENTED, "%s must be a scalar or have the input's rank %d", what, xrank);
  for (int32_t d = 0; d < p->rank; ++d) {
    if (p->dims[d] == 1) continue;
    if (*axis >= 0)
      return lb_onnx_fail(n, LB_STATUS_UNIMPLEMENTED, "%s varies along more than one dimension", what);
    *axis = d;
  }
  return LB_OK;
}

static const char *rounding_name(const char *mode) {
  static const char *const onnx[] = {"ROUND", "HALF_EVEN", "CEIL", "FLOOR", "UP", "DOWN", "ROUND_TO_ZERO", "HALF_UP",
                                     "HALF_DOWN"};
  static const char *const lb[] = {"half_even", "half_even", "ceil", "floor", "up", "down", "down", "half_up",
                                   "half_down"};
  for (size_t i = 0; i < sizeof onnx / sizeof onnx[0]; ++i)
    if (!strcasecmp(mode, onnx[i])) return lb[i];
  return NULL;
}

/* A 1-D f32 / integer constant holding the parameter's values (per-channel
 * values along their axis, or the single value). */
static lb_status_t param_const(lb_onnx_node_t *n, const lb_tensor_t *p, lb_dtype_t dt, MlirValue *out) {
  int64_t c = lb_tensor_count(p);
  lb_tensor_t t;
  if (lb_tensor_alloc(&t, dt, 1, &c)) return lb_onnx_fail(n, LB_STATUS_RESOURCE_EXHAUSTED, "out of memory");
  for (int64_t i = 0; i < c; ++i) {
    double v = lb_tensor_get(p, i);
    if (dt == LB_DT_F32) ((float *)t.data)[i] = (float)v;
    else lb_dtype_store_int(dt, t.data, i, (int64_t)v);
  }
  lb_status_t st = lb_onnx_build(n, lb_build_constant_tensor(lb_onnx_builder(n), &t, out));
  lb_tensor_free(&t);
  return st;
}

static lb_status_t import_quant(lb_onnx_node_t *n) {
  static const char *const known[] = {"signed", "narrow", "rounding_mode", NULL};
  MlirValue x, s, z, q, y;
  LB_RETURN_IF_ERROR(lb_onnx_check_attrs(n, known));
  LB_RETURN_IF_ERROR(lb_onnx_outputs(n, 1));
  LB_RETURN_IF_ERROR(lb_onnx_input(n, 0, &x));
  if (lb_value_dtype(x) != LB_DT_F32) return lb_onnx_fail(n, LB_STATUS_UNIMPLEMENTED, "input must be float32");
  const lb_tensor_t *scale, *zeropt, *bw;
  LB_RETURN_IF_ERROR(lb_onnx_const_input(n, 1, &scale));
  LB_RETURN_IF_ERROR(lb_onnx_const_input(n, 2, &zeropt));
  LB_RETURN_IF_ERROR(lb_onnx_const_input(n, 3, &bw));
  if (lb_tensor_count(bw) != 1) return lb_onnx_fail(n, LB_STATUS_UNIMPLEMENTED, "bitwidth must be a scalar");
  double bits_f = lb_tensor_get(bw, 0);
  int64_t is_signed = lb_onnx_attr_int(n, "signed", 1), narrow = lb_onnx_attr_int(n, "narrow", 0);
  if (!(bits_f >= 1 && bits_f <= 16) || bits_f != floor(bits_f))
    return lb_onnx_fail(n, LB_STATUS_UNIMPLEMENTED, "bit width %g is not supported (integers of 1 to 16 bits)", bits_f);
  int bits = (int)bits_f;
  char rbuf[32];
  const char *rounding = rounding_name(lb_onnx_attr_str(n, "rounding_mode", rbuf, sizeof rbuf, "ROUND"));
  if (!rounding) return lb_onnx_fail(n, LB_STATUS_UNIMPLEMENTED, "rounding_mode '%s' is not supported", rbuf);
  int32_t xr;
  int64_t xd[LB_MAX_RANK];
  lb_type_get_shape(mlirValueGetType(x), &xr, xd);
  int64_t sax, zax;
  LB_RETURN_IF_ERROR(param_axis(n, scale, xr, "scale", &sax));
  LB_RETURN_IF_ERROR(param_axis(n, zeropt, xr, "zeropt", &zax));
  if (zax >= 0 && zax != sax) return lb_onnx_fail(n, LB_STATUS_UNIMPLEMENTED, "zeropt and scale vary along different axes");
  /* the integer type: the width (at least 2 bits, lb's narrowest), and its range */
  lb_dtype_t dt = is_signed ? LB_DTYPE_SINT(bits < 2 ? 2 : bits) : LB_DTYPE_UINT(bits < 2 ? 2 : bits);
  int64_t lo = is_signed ? -((int64_t)1 << (bits - 1)) + (narrow ? 1 : 0) : 0;
  int64_t hi = is_signed ? ((int64_t)1 << (bits - 1)) - 1 : ((int64_t)1 << bits) - 1 - (narrow ? 1 : 0);
  bool clamp = lo != lb_dtype_min(dt) || hi != lb_dtype_max(dt);
  if (clamp && lb_dtype_bits(dt) > 8)
    return lb_onnx_fail(n, LB_STATUS_UNIMPLEMENTED, "narrow ranges above 8 bits are not supported");
  int64_t nch = lb_tensor_count(scale);
  for (int64_t i = 0; i < nch; ++i) {
    double v = lb_tensor_get(scale, i);
    if (!(v > 0) || isinf(v))
      return lb_onnx_fail(n, LB_STATUS_INVALID_ARGUMENT, "scale must be positive and finite, got %g at index %lld", v,
                          (long long)i);
  }
  /* zero points: integers within the range, one per scale channel */
  lb_tensor_t zt;
  if (lb_tensor_alloc(&zt, LB_DT_F32, 1, &nch)) return lb_onnx_fail(n, LB_STATUS_RESOURCE_EXHAUSTED, "out of memory");
  for (int64_t i = 0; i < nch; ++i) {
    double v = lb_tensor_get(zeropt, lb_tensor_count(zeropt) == 1 ? 0 : i);
    if (v != floor(v) || v < (double)lb_dtype_min(dt) || v > (double)lb_dtype_max(dt)) {
      lb_tensor_free(&zt);
      return lb_onnx_fail(n, LB_STATUS_UNIMPLEMENTED, "zeropt %g is not an integer of the %d-bit range", v, bits);
    }
    ((float *)zt.data)[i] = (float)v;
  }
  lb_status_t st = param_const(n, scale, LB_DT_F32, &s);
  if (!st) st = param_const(n, &zt, dt, &z);
  lb_tensor_free(&zt);
  LB_RETURN_IF_ERROR(st);
  if (sax >= 0 && xd[sax] != nch)
    return lb_onnx_fail(n, LB_STATUS_INVALID_ARGUMENT, "scale has %lld channels but the input's dim %lld has %lld",
                        (long long)nch, (long long)sax, (long long)xd[sax]);
  lb_builder_t *b = lb_onnx_builder(n);
  LB_RETURN_IF_ERROR(lb_onnx_build(n, lb_build_quantize(b, x, s, z, sax, 0, lb_dtype_to_type(b->ctx, dt), &q)));
  mlirOperationSetAttributeByName(lb_value_def(q), mlirStringRefCreateFromCString(LB_ATTR_ROUNDING),
                                  mlirStringAttrGet(b->ctx, mlirStringRefCreateFromCString(rounding)));
  if (clamp) LB_RETURN_IF_ERROR(lb_onnx_build(n, lb_build_clamp(b, q, lo, hi, &q)));
  LB_RETURN_IF_ERROR(lb_onnx_build(n, lb_build_dequantize(b, q, s, z, sax, 0, &y)));
  return lb_onnx_define(n, 0, y);
}

/* BipolarQuant(x, scale): y = (x >= 0 ? 1 : -1) * scale. For a constant x
 * (binary weights) the codes become an i2 constant {-1, 1} with a
 * dequantize; a computed x is not supported. */
static lb_status_t import_bipolar(lb_onnx_node_t *n) {
  MlirValue s, z, q, y;
  LB_RETURN_IF_ERROR(lb_onnx_outputs(n, 1));
  const lb_tensor_t *x, *scale;
  lb_status_t st = lb_onnx_const_input(n, 0, &x);
  if (st) {
    lb_status_free(st);
    return lb_onnx_fail(n, LB_STATUS_UNIMPLEMENTED, "BipolarQuant of a computed tensor (not a constant) is not supported");
  }
  LB_RETURN_IF_ERROR(lb_onnx_const_input(n, 1, &scale));
  if (x->dtype != LB_DT_F32) return lb_onnx_fail(n, LB_STATUS_UNIMPLEMENTED, "input must be float32");
  int64_t axis;
  LB_RETURN_IF_ERROR(param_axis(n, scale, x->rank, "scale", &axis));
  int64_t nch = lb_tensor_count(scale);
  for (int64_t i = 0; i < nch; ++i)
    if (!(lb_tensor_get(scale, i) > 0) || isinf(lb_tensor_get(scale, i)))
      return lb_onnx_fail(n, LB_STATUS_INVALID_ARGUMENT, "scale must be positive and finite");
  lb_tensor_t codes, zt;
  if (lb_tensor_alloc(&codes, LB_DT_I2, x->rank, x->dims))
    return lb_onnx_fail(n, LB_STATUS_RESOURCE_EXHAUSTED, "out of memory");
  for (int64_t i = 0; i < lb_tensor_count(x); ++i)
    ((int8_t *)codes.data)[i] = ((const float *)x->data)[i] >= 0.0f ? 1 : -1; /* NaN: -1, as x >= 0 is false */
  lb_builder_t *b = lb_onnx_builder(n);
  st = lb_onnx_build(n, lb_build_constant_tensor(b, &codes, &q));
  lb_tensor_free(&codes);
  LB_RETURN_IF_ERROR(st);
  LB_RETURN_IF_ERROR(param_const(n, scale, LB_DT_F32, &s));
  if (lb_tensor_alloc(&zt, LB_DT_I2, 1, &nch)) return lb_onnx_fail(n, LB_STATUS_RESOURCE_EXHAUSTED, "out of memory");
  st = lb_onnx_build(n, lb_build_constant_tensor(b, &zt, &z));
  lb_tensor_free(&zt);
  LB_RETURN_IF_ERROR(st);
  LB_RETURN_IF_ERROR(lb_onnx_build(n, lb_build_dequantize(b, q, s, z, axis, 0, &y)));
  return lb_onnx_define(n, 0, y);
}

/* A scalar constant input as a double. */
static lb_status_t scalar_input(lb_onnx_node_t *n, size_t i, const char *what, double *v) {
  const lb_tensor_t *t;
  LB_RETURN_IF_ERROR(lb_onnx_const_input(n, i, &t));
  if (lb_tensor_count(t) != 1) return lb_onnx_fail(n, LB_STATUS_UNIMPLEMENTED, "%s must be a scalar", what);
  *v = lb_tensor_get(t, 0);
  return LB_OK;
}

/* A single-element constant of dtype dt holding v. */
static lb_status_t const_scalar(lb_onnx_node_t *n, lb_dtype_t dt, double v, MlirValue *out) {
  lb_tensor_t t;
  int64_t one = 1;
  if (lb_tensor_alloc(&t, dt, 1, &one)) return lb_onnx_fail(n, LB_STATUS_RESOURCE_EXHAUSTED, "out of memory");
  if (dt == LB_DT_F32) ((float *)t.data)[0] = (float)v;
  else lb_dtype_store_int(dt, t.data, 0, (int64_t)v);
  lb_status_t st = lb_onnx_build(n, lb_build_constant_tensor(lb_onnx_builder(n), &t, out));
  lb_tensor_free(&t);
  return st;
}

/* Trunc(X, scale, zeropt, in_bitwidth, out_scale, out_bitwidth) (version 2;
 * version 1 has no out_scale: out_scale = scale * 2^(in - out bits)),
 * attributes rounding_mode (FLOOR), signed (1), narrow (0):
 *   v = rne(x / scale + zeropt) on the input grid; ts = 2^rne(log2(out_scale / scale));
 *   y = (round_mode(clamp(v / ts)) - zeropt / ts) * out_scale.
 * As lb ops: quantize to the input grid, dequantize by 1 / ts (exact: a
 * power of two), quantize with the rounding mode into the output width,
 * dequantize by out_scale. Per-tensor parameters; zeropt / ts an integer. */
static lb_status_t import_trunc(lb_onnx_node_t *n) {
  static const char *const known[] = {"signed", "narrow", "rounding_mode", NULL};
  MlirValue x, s, z, q, f, y, one, z0;
  LB_RETURN_IF_ERROR(lb_onnx_check_attrs(n, known));
  LB_RETURN_IF_ERROR(lb_onnx_outputs(n, 1));
  LB_RETURN_IF_ERROR(lb_onnx_input(n, 0, &x));
  bool v2 = lb_onnx_proto(n)->n_input >= 6;
  double scale, zeropt, in_bits, out_scale, out_bits;
  LB_RETURN_IF_ERROR(scalar_input(n, 1, "scale", &scale));
  LB_RETURN_IF_ERROR(scalar_input(n, 2, "zeropt", &zeropt));
  LB_RETURN_IF_ERROR(scalar_input(n, 3, "in_bitwidth", &in_bits));
  if (v2) {
    LB_RETURN_IF_ERROR(scalar_input(n, 4, "out_scale", &out_scale));
    LB_RETURN_IF_ERROR(scalar_input(n, 5, "out_bitwidth", &out_bits));
  } else {
    LB_RETURN_IF_ERROR(scalar_input(n, 4, "out_bitwidth", &out_bits));
    out_scale = scale * ldexp(1.0, (int)(in_bits - out_bits));
  }
  if (!(scale > 0) || isinf(scale) || !(out_scale > 0) || isinf(out_scale))
    return lb_onnx_fail(n, LB_STATUS_INVALID_ARGUMENT, "scales must be positive and finite");
  if (in_bits != floor(in_bits) || in_bits < 2 || in_bits > 16 || out_bits != floor(out_bits) || out_bits < 1 ||
      out_bits > 8)
    return lb_onnx_fail(n, LB_STATUS_UNIMPLEMENTED, "bit widths in %g -> out %g are not supported (2-16 -> 1-8)",
                        in_bits, out_bits);
  int64_t sgn = lb_onnx_attr_int(n, "signed", 1), narrow = lb_onnx_attr_int(n, "narrow", 0);
  char rbuf[32];
  const char *rounding = rounding_name(lb_onnx_attr_str(n, "rounding_mode", rbuf, sizeof rbuf, "FLOOR"));
  if (!rounding) return lb_onnx_fail(n, LB_STATUS_UNIMPLEMENTED, "rounding_mode '%s' is not supported", rbuf);
  double ts = ldexp(1.0, (int)nearbyint(log2(out_scale / scale)));
  double zo = zeropt / ts;
  if (zeropt != floor(zeropt) || zo != floor(zo))
    return lb_onnx_fail(n, LB_STATUS_UNIMPLEMENTED, "zeropt and zeropt / trunc scale must be integers");
  int ib = (int)in_bits, ob = (int)out_bits;
  lb_dtype_t idt = LB_DTYPE_SINT(ib < 2 ? 2 : ib + 1 > 16 ? 16 : ib + 1); /* the input grid, signed and wide */
  lb_dtype_t odt = sgn ? LB_DTYPE_SINT(ob < 2 ? 2 : ob) : LB_DTYPE_UINT(ob < 2 ? 2 : ob);
  int64_t lo = sgn ? -((int64_t)1 << (ob - 1)) + (narrow ? 1 : 0) : 0;
  int64_t hi = sgn ? ((int64_t)1 << (ob - 1)) - 1 : ((int64_t)1 << ob) - 1 - (narrow ? 1 : 0);
  if (zo < lb_dtype_min(odt) || zo > lb_dtype_max(odt))
    return lb_onnx_fail(n, LB_STATUS_UNIMPLEMENTED, "the output zero point %g is outside the output range", zo);
  lb_builder_t *b = lb_onnx_builder(n);
  LB_RETURN_IF_ERROR(const_scalar(n, LB_DT_F32, scale, &s));
  LB_RETURN_IF_ERROR(const_scalar(n, idt, zeropt, &z));
  LB_RETURN_IF_ERROR(lb_onnx_build(n, lb_build_quantize(b, x, s, z, -1, 0, lb_dtype_to_type(b->ctx, idt), &q)));
  MlirValue inv, zi0;
  LB_RETURN_IF_ERROR(const_scalar(n, LB_DT_F32, 1.0 / ts, &inv));
  LB_RETURN_IF_ERROR(const_scalar(n, idt, 0, &zi0));
  LB_RETURN_IF_ERROR(lb_onnx_build(n, lb_build_dequantize(b, q, inv, zi0, -1, 0, &f))); /* v / ts, exact */
  LB_RETURN_IF_ERROR(const_scalar(n, LB_DT_F32, 1.0, &one));
  LB_RETURN_IF_ERROR(const_scalar(n, odt, 0, &z0));
  LB_RETURN_IF_ERROR(lb_onnx_build(n, lb_build_quantize(b, f, one, z0, -1, 0, lb_dtype_to_type(b->ctx, odt), &q)));
  mlirOperationSetAttributeByName(lb_value_def(q), mlirStringRefCreateFromCString(LB_ATTR_ROUNDING),
                                  mlirStringAttrGet(b->ctx, mlirStringRefCreateFromCString(rounding)));
  if (lo != lb_dtype_min(odt) || hi != lb_dtype_max(odt)) LB_RETURN_IF_ERROR(lb_onnx_build(n, lb_build_clamp(b, q, lo, hi, &q)));
  MlirValue so, zz;
  LB_RETURN_IF_ERROR(const_scalar(n, LB_DT_F32, out_scale, &so));
  LB_RETURN_IF_ERROR(const_scalar(n, odt, zo, &zz));
  LB_RETURN_IF_ERROR(lb_onnx_build(n, lb_build_dequantize(b, q, so, zz, -1, 0, &y)));
  return lb_onnx_define(n, 0, y);
}

#define QONNX_OPS(DOMAIN)                                   \
  {DOMAIN, "Quant", 1, 1000, import_quant},                 \
  {DOMAIN, "IntQuant", 1, 1000, import_quant},              \
  {DOMAIN, "BipolarQuant", 1, 1000, import_bipolar},         \
  {DOMAIN, "Trunc", 1, 1000, import_trunc}

static const lb_onnx_importer_t importers[] = {
    QONNX_OPS("qonnx.custom_op.general"),
    QONNX_OPS("finn.custom_op.general"),
};
LB_ONNX_REGISTER(qonnx, importers)
