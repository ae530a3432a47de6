#include "passes/quant_util.h"

#include "ir/lb_build.h"
#include "support/log.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

lb_status_t lb_qparams_asym(MlirOperation op, const char *what, float lo, float hi, lb_dtype_t dt, float *scale,
                            int32_t *zp) {
  if (!isfinite(lo) || !isfinite(hi))
    return lb_op_error(op, LB_STATUS_INVALID_ARGUMENT,
                       "calibrated range of the %s is [%g, %g], not finite: the calibration data drives it to inf or NaN",
                       what, (double)lo, (double)hi);
  double l = lo < 0 ? lo : 0, h = hi > 0 ? hi : 0;
  double s = (h - l) / (double)(lb_dtype_max(dt) - lb_dtype_min(dt));
  if (!((float)s > 0)) {
    /* every calibrated value is 0 (or within a denormal of it) */
    char loc[512];
    lb_location_format(mlirOperationGetLocation(op), loc, sizeof loc);
    lb_warn("%s: '%s': the %s is 0 on all calibration data; quantizing it with scale 1 and zero point %lld", loc,
            lb_op_kind_name(lb_op_get_kind(op)), what, (long long)lb_dtype_min(dt));
    s = 1.0;
  }
  *scale = (float)s;
  double qmin = (double)lb_dtype_min(dt), qmax = (double)lb_dtype_max(dt);
  double z = nearbyint(qmin - l / (double)*scale);
  *zp = (int32_t)(z < qmin ? qmin : z > qmax ? qmax : z);
  return LB_OK;
}

bool lb_quantize_multiplier(double m, int32_t *mult, int32_t *shift) {
  if (!isfinite(m) || m < 0 || m >= 1073741824.0) return false;
  if (m < 4.656612873077393e-10) { /* < 2^-31: the product never reaches 1/2 */
    *mult = 0;
    *shift = 1;
    return true;
  }
  int e;
  double f = frexp(m, &e); /* m = f * 2^e, f in [0.5, 1) */
  int64_t q = (int64_t)llround(f * 2147483648.0);
  if (q == 2147483648LL) {
    q = 1073741824LL;
    e += 1;
  }
  int s = 31 - e;
  while (s > 62) { /* keep the shift in range by dropping precision */
    q = (q + 1) >> 1;
    s -= 1;
  }
  if (s < 1) return false;
  *mult = (int32_t)q;
  *shift = s;
  return true;
}

lb_status_t lb_build_qparam_consts(lb_builder_t *b, MlirOperation op, const char *what, const float *scale,
                                   const int32_t *zp, int64_t n, MlirType elem, MlirValue *scale_v, MlirValue *zp_v) {
  lb_tensor_t s, z;
  int64_t d[1] = {n};
  lb_dtype_t zdt;
  if (!lb_type_to_dtype(elem, &zdt)) return LB_ERROR(LB_STATUS_INTERNAL, "bad zero point type");
  if (lb_tensor_alloc(&s, LB_DT_F32, 1, d)) return LB_ERROR(LB_STATUS_RESOURCE_EXHAUSTED, "out of memory");
  if (lb_tensor_alloc(&z, zdt, 1, d)) {
    lb_tensor_free(&s);
    return LB_ERROR(LB_STATUS_RESOURCE_EXHAUSTED, "out of memory");
  }
  memcpy(s.data, scale, sizeof(float) * (size_t)n);
  for (int64_t i = 0; i < n; ++i) lb_dtype_store_int(zdt, z.data, i, zp[i]);
  char sn[64], zn[64];
  snprintf(sn, sizeof sn, "%s_scale", what);
  snprintf(zn, sizeof zn, "%s_zero_point", what);
  lb_builder_t sb = lb_builder_named(b, op, sn), zb = lb_builder_named(b, op, zn);
  lb_status_t st = lb_build_constant_tensor(&sb, &s, scale_v);
  if (!st) st = lb_build_constant_tensor(&zb, &z, zp_v);
  lb_tensor_free(&s);
  lb_tensor_free(&z);
  return st;
}

static bool lb_match_q_or_dq(MlirOperation op, lb_op_kind_t kind, lb_qparams_t *q) {
  if (lb_op_get_kind(op) != kind) return false;
  /* the rewrites requantize with half-to-even rounding */
  char r[32];
  if (strcmp(lb_op_get_str(op, LB_ATTR_ROUNDING, r, sizeof r, "half_even"), "half_even")) return false;
  lb_tensor_t s, z;
  lb_status_t st = lb_operand_read_as(op, 1, LB_DT_F32, &s);
  if (st) {
    lb_status_free(st);
    return false;
  }
  st = lb_operand_read_as(op, 2, LB_DT_I32, &z);
  bool ok = !st && lb_tensor_count(&s) == 1 && lb_tensor_count(&z) == 1;
  if (ok) {
    q->data = mlirOperationGetOperand(op, 0);
    q->scale = ((float *)s.data)[0];
    q->zp = ((int32_t *)z.data)[0];
    q->qdt = lb_value_dtype(kind == LB_OP_QUANTIZE ? lb_op_result(op) : q->data);
  }
  lb_status_free(st);
  lb_tensor_free(&s);
  lb_tensor_free(&z);
  return ok;
}

bool lb_match_dequantize(MlirValue v, lb_qparams_t *q) {
  return lb_match_q_or_dq(lb_value_def(v), LB_OP_DEQUANTIZE, q);
}

bool lb_match_quantize(MlirOperation op, lb_qparams_t *q) { return lb_match_q_or_dq(op, LB_OP_QUANTIZE, q); }

lb_status_t lb_insert_qdq(MlirOperation at, MlirValue v, lb_dtype_t dt, float scale, int32_t zp,
                                 bool replace_all, MlirOperation user, intptr_t operand) {
  lb_builder_t b = lb_builder_before(at);
  MlirValue s, z, q, d;
  MlirType i8 = lb_dtype_to_type(b.ctx, dt);
  LB_RETURN_IF_ERROR(lb_build_qparam_consts(&b, user, replace_all ? "y" : "x", &scale, &zp, 1, i8, &s, &z));
  LB_RETURN_IF_ERROR(lb_build_quantize(&b, v, s, z, -1, 0, i8, &q));
  LB_RETURN_IF_ERROR(lb_build_dequantize(&b, q, s, z, -1, 0, &d));
  if (replace_all) {
    mlirValueReplaceAllUsesOfWith(v, d);
    mlirOperationSetOperand(lb_value_def(q), 0, v); /* undo for the quantize itself */
  } else {
    mlirOperationSetOperand(user, operand, d);
  }
  return LB_OK;
}
