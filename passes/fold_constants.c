/* lb-fold-constants: an op whose operands are all lb.constant is evaluated
 * by the reference interpreter and replaced by an lb.constant of its
 * result (named after the op), so chains of constant arithmetic (shape
 * computations, a quantizer applied to a float weight) disappear before
 * the rewrites that look for constants.
 *
 * lb.dequantize is never folded: dequantize(integer constant) is how a
 * quantized weight is represented, and the integer rewrites need it. Results
 * above max_elements (default 2^26) stay unfolded. The folded values are the
 * interpreter's, i.e. exactly what running the op would compute. */
#include <stdlib.h>

#include "interp/interp.h"
#include "ir/lb_build.h"
#include "ir/lb_op.h"
#include "ir/lb_rewrite.h"
#include "passes/passes.h"

static int64_t lb_fold_limit = (int64_t)1 << 26;

static lb_status_t lb_fold_one(lb_rewriter_t *rw, MlirOperation op, bool *changed) {
  lb_op_kind_t k = lb_op_get_kind(op);
  intptr_t n = mlirOperationGetNumOperands(op);
  if (k == LB_OP_CONSTANT || k == LB_OP_DEQUANTIZE || n == 0 || mlirOperationGetNumResults(op) != 1) return LB_OK;
  for (intptr_t i = 0; i < n; ++i)
    if (!lb_value_is_constant(mlirOperationGetOperand(op, i))) return LB_OK;
  int64_t count = lb_value_count(mlirOperationGetResult(op, 0));
  if (count < 0 || count > lb_fold_limit) return LB_OK;
  lb_tensor_t in, out;
  LB_RETURN_IF_ERROR(lb_value_read_constant(mlirOperationGetOperand(op, 0), &in));
  lb_status_t st = lb_interp_eval_chain(&op, 1, &in, &out);
  lb_tensor_free(&in);
  LB_RETURN_IF_ERROR(st);
  lb_builder_t b = lb_rewriter_builder(rw, op);
  lb_builder_t nb = b;
  nb.loc = mlirOperationGetLocation(op); /* the constant keeps the op's name */
  MlirValue c;
  st = lb_build_constant_tensor(&nb, &out, &c);
  lb_tensor_free(&out);
  LB_RETURN_IF_ERROR(st);
  lb_rewriter_replace(rw, mlirOperationGetResult(op, 0), c);
  *changed = true;
  return LB_OK;
}

static const lb_pattern_t lb_fold_patterns[] = {{"fold-constant-op", LB_OP_UNKNOWN, lb_fold_one}};

lb_status_t lb_pass_fold_constants(MlirModule module, const lb_pass_options_t *options) {
  int64_t limit = lb_pass_option_int(options, "max_elements", (int64_t)1 << 26);
  if (limit < 0) return LB_ERROR(LB_STATUS_INVALID_ARGUMENT, "max_elements must be >= 0");
  lb_fold_limit = limit;
  MlirOperation func = lb_module_get_func(module);
  if (mlirOperationIsNull(func)) return LB_OK;
  return lb_rewrite_greedy(func, lb_fold_patterns, 1);
}
