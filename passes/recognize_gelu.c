/* lb-recognize-gelu: the erf form of GELU as exporters write it before
 * opset 20,
 *
 *   0.5 * x * (1 + erf(x / sqrt(2)))       (any association of the products;
 *                                          x * 0.70710678 for the division)
 *
 * becomes lb.gelu (approximate = 0). Constants are compared to 1e-6
 * relative; the intermediate values must have no other users. */
#include <math.h>

#include "ir/lb_build.h"
#include "ir/lb_rewrite.h"
#include "passes/passes.h"

static bool lb_near(float v, double want) { return fabs((double)v - want) <= 1e-6 * fabs(want); }

/* v = kind(a, c) or kind(c, a), c a scalar constant (for DIV only a / c). */
static bool lb_scalar_op(MlirValue v, lb_op_kind_t kind, MlirValue *a, float *c) {
  MlirOperation op = lb_value_def(v);
  if (lb_op_get_kind(op) != kind) return false;
  for (int side = 1; side >= 0; --side) {
    if (kind == LB_OP_DIV && side == 0) break;
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

static MlirOperation lb_only_user(MlirValue v) {
  MlirOpOperand u = mlirValueGetFirstUse(v);
  if (mlirOpOperandIsNull(u) || !mlirOpOperandIsNull(mlirOpOperandGetNextUse(u))) return (MlirOperation){NULL};
  return mlirOpOperandGetOwner(u);
}

/* The other operand of a binary op, given one. */
static bool lb_other(MlirOperation op, MlirValue one, MlirValue *other) {
  if (mlirValueEqual(mlirOperationGetOperand(op, 0), one)) *other = mlirOperationGetOperand(op, 1);
  else if (mlirValueEqual(mlirOperationGetOperand(op, 1), one)) *other = mlirOperationGetOperand(op, 0);
  else return false;
  return true;
}

static lb_status_t lb_recognize(lb_rewriter_t *rw, MlirOperation erf, bool *changed) {
  MlirValue in = mlirOperationGetOperand(erf, 0), x, e = mlirOperationGetResult(erf, 0), one_plus, t;
  float c;
  if (!lb_value_has_single_use(in)) return LB_OK;
  if (!((lb_scalar_op(in, LB_OP_DIV, &x, &c) && lb_near(c, 1.4142135623730951)) ||
        (lb_scalar_op(in, LB_OP_MUL, &x, &c) && lb_near(c, 0.7071067811865476))))
    return LB_OK;
  MlirOperation add = lb_only_user(e);
  if (mlirOperationIsNull(add) || !lb_scalar_op(mlirOperationGetResult(add, 0), LB_OP_ADD, &t, &c) || c != 1.0f)
    return LB_OK;
  one_plus = mlirOperationGetResult(add, 0);
  MlirOperation m1 = lb_only_user(one_plus);
  if (mlirOperationIsNull(m1) || lb_op_get_kind(m1) != LB_OP_MUL || !lb_other(m1, one_plus, &t)) return LB_OK;
  MlirValue out;
  if (mlirValueEqual(t, x)) { /* (x * (1 + erf)) * 0.5 */
    MlirValue p = mlirOperationGetResult(m1, 0), a;
    MlirOperation m2 = lb_only_user(p);
    if (mlirOperationIsNull(m2) || !lb_scalar_op(mlirOperationGetResult(m2, 0), LB_OP_MUL, &a, &c) || c != 0.5f ||
        !mlirValueEqual(a, p))
      return LB_OK;
    out = mlirOperationGetResult(m2, 0);
  } else { /* (x * 0.5) * (1 + erf) */
    MlirValue a;
    if (!lb_value_has_single_use(t) || !lb_scalar_op(t, LB_OP_MUL, &a, &c) || c != 0.5f || !mlirValueEqual(a, x))
      return LB_OK;
    out = mlirOperationGetResult(m1, 0);
  }
  /* already replaced (the chain is dead, waiting to be erased) */
  if (lb_value_is_unused(out)) return LB_OK;
  lb_builder_t b = lb_rewriter_builder(rw, lb_value_def(out));
  MlirValue y;
  LB_RETURN_IF_ERROR(lb_build_gelu(&b, x, false, &y));
  lb_rewriter_replace(rw, out, y);
  *changed = true;
  return LB_OK;
}

static const lb_pattern_t lb_patterns[] = {{"erf-gelu", LB_OP_ERF, lb_recognize}};

lb_status_t lb_pass_recognize_gelu(MlirModule module, const lb_pass_options_t *options) {
  (void)options;
  MlirOperation func = lb_module_get_func(module);
  if (mlirOperationIsNull(func)) return LB_OK;
  return lb_rewrite_greedy(func, lb_patterns, 1);
}
