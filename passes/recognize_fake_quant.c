/* lb-recognize-fake-quant: the expanded form of a quantizer that some
 * exporters write (QONNX "expanded", hand-written fake quantization),
 *
 *   mul(sub(clip(round(add(div(x, s), z)), lo, hi), z), s)
 *   mul(clip(round(div(x, s)), lo, hi), s)              (z = 0)
 *
 * with a constant s > 0 (per tensor, or per channel along one axis, the same
 * constant in the division and the multiplication), a scalar integer z and
 * integer bounds lo < hi,
 * becomes dequantize(clamp(quantize(x, s, z))) over the narrowest lb
 * integer type holding [lo, hi] (the clamp only when the bounds are
 * narrower than the type). lb-fold-constants then turns a quantized
 * constant weight into a true integer weight of that width.
 *
 * round(clip(v)) = clip(round(v)) for integer bounds, and rne(x / s) + z =
 * rne(x / s + z) for integer z whenever x / s + z is exact in binary32,
 * which holds for the magnitudes a quantizer's range allows. */
#include <math.h>
#include <string.h>

#include "ir/lb_build.h"
#include "ir/lb_rewrite.h"
#include "passes/passes.h"

/* v = kind(a, c) (or kind(c, a) unless const_rhs_only) with c an
 * lb.constant: the other side and c's values as f32 (caller frees). */
static bool lb_binop_const(MlirValue v, lb_op_kind_t kind, bool const_rhs_only, MlirValue *other, lb_tensor_t *c) {
  MlirOperation op = lb_value_def(v);
  if (lb_op_get_kind(op) != kind) return false;
  for (int side = 1; side >= 0; --side) {
    if (const_rhs_only && side == 0) break;
    MlirValue cv = mlirOperationGetOperand(op, side);
    lb_status_t st;
    if (!lb_value_is_constant(cv)) continue;
    if ((st = lb_value_read_constant(cv, c))) {
      lb_status_free(st);
      continue;
    }
    if (c->dtype != LB_DT_F32) {
      lb_tensor_free(c);
      continue;
    }
    *other = mlirOperationGetOperand(op, 1 - side);
    return true;
  }
  return false;
}

/* A scalar's value. */
static bool lb_scalar_of(const lb_tensor_t *t, double *v) {
  if (lb_tensor_count(t) != 1) return false;
  *v = ((const float *)t->data)[0];
  return true;
}

/* The per-channel axis of a scale broadcast against x (rank xr): -1 for a
 * single value; false if it varies along more than one dim or has another
 * rank. */
static bool lb_scale_axis(const lb_tensor_t *s, int32_t xr, int64_t *axis) {
  *axis = -1;
  if (lb_tensor_count(s) == 1) return true;
  if (s->rank != xr) return false;
  for (int32_t d = 0; d < s->rank; ++d) {
    if (s->dims[d] == 1) continue;
    if (*axis >= 0) return false;
    *axis = d;
  }
  return true;
}

/* The narrowest lb integer type (2 to 16 bits) holding [lo, hi]. */
static lb_dtype_t lb_type_for_range(double lo, double hi) {
  for (unsigned b = 2; b <= 16; ++b) {
    if (lo >= 0 && hi <= (double)(((int64_t)1 << b) - 1)) return LB_DTYPE_UINT(b);
    if (lo >= -(double)((int64_t)1 << (b - 1)) && hi <= (double)(((int64_t)1 << (b - 1)) - 1)) return LB_DTYPE_SINT(b);
  }
  return LB_DT_INVALID;
}

static lb_status_t lb_recognize(lb_rewriter_t *rw, MlirOperation mul, bool *changed) {
  MlirValue v, x, inner;
  lb_tensor_t s = {0}, s2 = {0}, zt = {0}, zt2 = {0}, ps = {0}, pz = {0};
  double z = 0, z2 = 0;
  lb_status_t st = LB_OK;
  if (!lb_binop_const(mlirOperationGetResult(mul, 0), LB_OP_MUL, false, &v, &s)) return LB_OK;
  if (lb_binop_const(v, LB_OP_SUB, true, &inner, &zt)) {
    if (!lb_scalar_of(&zt, &z)) goto done;
    v = inner;
  }
  MlirOperation clip = lb_value_def(v);
  if (lb_op_get_kind(clip) != LB_OP_CLIP) goto done;
  double lo = lb_op_get_float(clip, LB_ATTR_MIN, -INFINITY), hi = lb_op_get_float(clip, LB_ATTR_MAX, INFINITY);
  MlirOperation rnd = lb_value_def(mlirOperationGetOperand(clip, 0));
  if (lb_op_get_kind(rnd) != LB_OP_ROUND) goto done;
  v = mlirOperationGetOperand(rnd, 0);
  if (lb_binop_const(v, LB_OP_ADD, false, &inner, &zt2)) {
    if (!lb_scalar_of(&zt2, &z2)) goto done;
    v = inner;
  }
  if (!lb_binop_const(v, LB_OP_DIV, true, &x, &s2)) goto done;
  /* one scale, the same in the division and the multiplication */
  if (lb_tensor_count(&s) != lb_tensor_count(&s2) || s.rank != s2.rank ||
      memcmp(s.data, s2.data, sizeof(float) * (size_t)lb_tensor_count(&s)))
    goto done;
  for (int64_t i = 0; i < lb_tensor_count(&s); ++i) {
    float si = ((float *)s.data)[i];
    if (!(si > 0) || isinf(si)) goto done;
  }
  if (z != z2 || z != floor(z) || lo != floor(lo) || hi != floor(hi) || !(lo < hi)) goto done;
  int32_t xr;
  int64_t xd[LB_MAX_RANK], axis;
  if (!lb_type_get_shape(mlirValueGetType(x), &xr, xd) || !lb_scale_axis(&s, xr, &axis)) goto done;
  int64_t nch = lb_tensor_count(&s);
  if (axis >= 0 && xd[axis] != nch) goto done;
  lb_dtype_t dt = lb_type_for_range(fmin(lo, z), fmax(hi, z));
  if (!dt) goto done;
  bool clamp = lo != (double)lb_dtype_min(dt) || hi != (double)lb_dtype_max(dt);
  if (clamp && lb_dtype_bits(dt) > 8) goto done;
  {
    lb_builder_t b = lb_rewriter_builder(rw, mul);
    if (lb_tensor_alloc(&ps, LB_DT_F32, 1, &nch) || lb_tensor_alloc(&pz, dt, 1, &nch)) {
      st = LB_ERROR(LB_STATUS_RESOURCE_EXHAUSTED, "out of memory");
      goto done;
    }
    memcpy(ps.data, s.data, sizeof(float) * (size_t)nch);
    for (int64_t i = 0; i < nch; ++i) lb_dtype_store_int(dt, pz.data, i, (int64_t)z);
    MlirValue sv, zv, q, y;
    st = lb_build_constant_tensor(&b, &ps, &sv);
    if (!st) st = lb_build_constant_tensor(&b, &pz, &zv);
    if (!st) st = lb_build_quantize(&b, x, sv, zv, axis, 0, lb_dtype_to_type(b.ctx, dt), &q);
    if (!st && clamp) st = lb_build_clamp(&b, q, (int64_t)lo, (int64_t)hi, &q);
    if (!st) st = lb_build_dequantize(&b, q, sv, zv, axis, 0, &y);
    if (!st) {
      lb_rewriter_replace(rw, mlirOperationGetResult(mul, 0), y);
      *changed = true;
    }
  }
done:
  lb_tensor_free(&s);
  lb_tensor_free(&s2);
  lb_tensor_free(&zt);
  lb_tensor_free(&zt2);
  lb_tensor_free(&ps);
  lb_tensor_free(&pz);
  return st;
}

static const lb_pattern_t lb_patterns[] = {{"expanded-quantizer", LB_OP_MUL, lb_recognize}};

lb_status_t lb_pass_recognize_fake_quant(MlirModule module, const lb_pass_options_t *options) {
  (void)options;
  MlirOperation func = lb_module_get_func(module);
  if (mlirOperationIsNull(func)) return LB_OK;
  return lb_rewrite_greedy(func, lb_patterns, 1);
}
