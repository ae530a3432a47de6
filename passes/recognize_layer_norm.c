/* lb-recognize-layer-norm: the layer and RMS normalizations exporters
 * write out before LayerNormalization existed (opset < 17) become
 * lb.layer_norm / lb.rms_norm:
 *
 *   d = x - reduce_mean(x);  y = d / sqrt(reduce_mean(d * d) + eps)
 *   [* gamma] [+ beta]                                   -> layer_norm
 *   y = x / sqrt(reduce_mean(x * x) + eps) [* gamma]      -> rms_norm
 *
 * where the reductions keep their dims and run over the same trailing axes
 * [axis, rank), eps is a constant scalar, and gamma / beta are constants
 * with the normalized dims' element count (broadcast along the trailing
 * axes). Intermediate values must have no other users. The fused op
 * normalizes in binary64, so it is at least as accurate as the float
 * sequence it replaces. */
#include <math.h>

#include "ir/lb_build.h"
#include "ir/lb_rewrite.h"
#include "passes/passes.h"

static bool lb_single(MlirValue v) { return lb_value_has_single_use(v); }

/* v = reduce_mean over trailing axes [axis, rank) with keepdims: *x, *axis. */
static bool lb_match_trailing_mean(MlirValue v, MlirValue *x, int64_t *axis) {
  MlirOperation op = lb_value_def(v);
  if (lb_op_get_kind(op) != LB_OP_REDUCE_MEAN || lb_op_get_int(op, LB_ATTR_KEEPDIMS, 1) != 1) return false;
  *x = mlirOperationGetOperand(op, 0);
  int32_t r;
  int64_t d[LB_MAX_RANK], axes[LB_MAX_RANK + 1];
  if (!lb_type_get_shape(mlirValueGetType(*x), &r, d)) return false;
  int n = lb_op_get_ints(op, LB_ATTR_AXES, axes, LB_MAX_RANK + 1);
  if (n <= 0) return false;
  for (int i = 0; i < n; ++i)
    if (axes[i] != r - n + i) return false;
  *axis = r - n;
  return true;
}

/* v = op(a, c) or op(c, a) with c a single-element constant: a and c. */
static bool lb_match_scalar_operand(MlirValue v, lb_op_kind_t kind, MlirValue *a, float *c) {
  MlirOperation op = lb_value_def(v);
  if (lb_op_get_kind(op) != kind) return false;
  for (int side = 0; side < 2; ++side) {
    MlirValue cv = mlirOperationGetOperand(op, side);
    lb_tensor_t t;
    if (!lb_value_is_constant(cv) || lb_value_count(cv) != 1 || lb_operand_read_as(op, side, LB_DT_F32, &t)) continue;
    *c = ((float *)t.data)[0];
    lb_tensor_free(&t);
    *a = mlirOperationGetOperand(op, 1 - side);
    return true;
  }
  return false;
}

/* v = op(a, c) or op(c, a) with c a constant of n elements: a and c. */
static bool lb_match_vector_operand(MlirValue v, lb_op_kind_t kind, int64_t n, MlirValue *a, MlirValue *c) {
  MlirOperation op = lb_value_def(v);
  if (lb_op_get_kind(op) != kind) return false;
  for (int side = 0; side < 2; ++side) {
    MlirValue cv = mlirOperationGetOperand(op, side);
    if (!lb_value_is_constant(cv) || lb_value_count(cv) != n || lb_value_dtype(cv) != LB_DT_F32) continue;
    *c = cv;
    *a = mlirOperationGetOperand(op, 1 - side);
    return true;
  }
  return false;
}

/* The single user of v, if v has exactly one. */
static MlirOperation lb_only_user(MlirValue v) {
  MlirOpOperand u = mlirValueGetFirstUse(v);
  if (mlirOpOperandIsNull(u) || !mlirOpOperandIsNull(mlirOpOperandGetNextUse(u))) return (MlirOperation){NULL};
  return mlirOpOperandGetOwner(u);
}

/* A 1-D constant of n copies of v. */
static lb_status_t lb_fill(lb_builder_t *b, int64_t n, float v, MlirValue *out) {
  lb_tensor_t t;
  if (lb_tensor_alloc(&t, LB_DT_F32, 1, &n)) return LB_ERROR(LB_STATUS_RESOURCE_EXHAUSTED, "out of memory");
  for (int64_t i = 0; i < n; ++i) ((float *)t.data)[i] = v;
  lb_status_t st = lb_build_constant_tensor(b, &t, out);
  lb_tensor_free(&t);
  return st;
}

static lb_status_t lb_recognize(lb_rewriter_t *rw, MlirOperation div, bool *changed) {
  MlirValue num = mlirOperationGetOperand(div, 0), den = mlirOperationGetOperand(div, 1), v, sq, x, mx;
  float eps;
  int64_t axis, axis2;
  MlirOperation sqrt_op = lb_value_def(den);
  if (lb_op_get_kind(sqrt_op) != LB_OP_SQRT || !lb_single(den)) return LB_OK;
  MlirValue sum = mlirOperationGetOperand(sqrt_op, 0);
  if (!lb_single(sum) || !lb_match_scalar_operand(sum, LB_OP_ADD, &v, &eps) || !(eps >= 0)) return LB_OK;
  if (!lb_single(v) || !lb_match_trailing_mean(v, &sq, &axis)) return LB_OK;
  MlirOperation mul = lb_value_def(sq);
  if (lb_op_get_kind(mul) != LB_OP_MUL || !lb_single(sq) ||
      !mlirValueEqual(mlirOperationGetOperand(mul, 0), mlirOperationGetOperand(mul, 1)) ||
      !mlirValueEqual(mlirOperationGetOperand(mul, 0), num))
    return LB_OK;
  /* layer norm: num = x - mean(x); rms norm: num is x itself */
  bool layer = false;
  MlirOperation sub = lb_value_def(num);
  x = num;
  if (lb_op_get_kind(sub) == LB_OP_SUB && lb_match_trailing_mean(mlirOperationGetOperand(sub, 1), &mx, &axis2) &&
      mlirValueEqual(mx, mlirOperationGetOperand(sub, 0)) && axis2 == axis &&
      lb_single(mlirOperationGetOperand(sub, 1))) {
    layer = true;
    x = mx;
  }
  int32_t r;
  int64_t d[LB_MAX_RANK];
  if (!lb_type_get_shape(mlirValueGetType(x), &r, d)) return LB_OK;
  int64_t n = 1;
  for (int32_t i = (int32_t)axis; i < r; ++i) {
    if (d[i] == LB_DYN) return LB_OK;
    n *= d[i];
  }
  /* an optional affine tail: * gamma, + beta (constants over the normalized dims) */
  MlirValue out = mlirOperationGetResult(div, 0), gamma = {NULL}, beta = {NULL}, a;
  MlirOperation u = lb_only_user(out);
  if (!mlirOperationIsNull(u) && lb_match_vector_operand(mlirOperationGetResult(u, 0), LB_OP_MUL, n, &a, &gamma) &&
      mlirValueEqual(a, out)) {
    out = mlirOperationGetResult(u, 0);
    u = lb_only_user(out);
    if (layer && !mlirOperationIsNull(u) && lb_match_vector_operand(mlirOperationGetResult(u, 0), LB_OP_ADD, n, &a, &beta) &&
        mlirValueEqual(a, out))
      out = mlirOperationGetResult(u, 0);
  }
  /* already replaced (the chain is dead, waiting to be erased) */
  if (lb_value_is_unused(out)) return LB_OK;
  lb_builder_t b = lb_rewriter_builder(rw, lb_value_def(out));
  MlirValue s = gamma, y;
  if (mlirValueIsNull(s)) LB_RETURN_IF_ERROR(lb_fill(&b, n, 1.0f, &s));
  /* the constants may carry leading 1 dims: the op wants n elements in any shape */
  LB_RETURN_IF_ERROR(lb_build_layer_norm(&b, layer ? LB_OP_LAYER_NORM : LB_OP_RMS_NORM, x, s, beta, axis, eps, &y));
  lb_rewriter_replace(rw, out, y);
  *changed = true;
  return LB_OK;
}

static const lb_pattern_t lb_patterns[] = {{"layer-norm-decomposition", LB_OP_DIV, lb_recognize}};

lb_status_t lb_pass_recognize_layer_norm(MlirModule module, const lb_pass_options_t *options) {
  (void)options;
  MlirOperation func = lb_module_get_func(module);
  if (mlirOperationIsNull(func)) return LB_OK;
  return lb_rewrite_greedy(func, lb_patterns, 1);
}
