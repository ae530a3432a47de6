/* lb-fuse-bias: a 2-D matmul followed by the addition of a row vector
 * becomes one gemm with that vector as its C (beta 1):
 *
 *   add(matmul(a[M, K], b[K, N]), c[N] or c[1, N])  ->  gemm(a, b, c)
 *
 * (either operand order of the add). This is the form MatMul + Add
 * exporters write for a linear layer; as a gemm its bias joins the integer
 * kernel when the layer is quantized. The matmul result must have no other
 * use. Float semantics: gemm adds C after the K-sum, as the add did. */
#include "ir/lb_build.h"
#include "ir/lb_rewrite.h"
#include "passes/passes.h"

static bool lb_is_row_of(MlirValue c, int64_t n) {
  int32_t r;
  int64_t d[LB_MAX_RANK];
  if (!lb_type_get_shape(mlirValueGetType(c), &r, d)) return false;
  return (r == 1 && d[0] == n) || (r == 2 && d[0] == 1 && d[1] == n);
}

static lb_status_t lb_fuse_one(lb_rewriter_t *rw, MlirOperation add, bool *changed) {
  for (int side = 0; side < 2; ++side) {
    MlirValue mv = mlirOperationGetOperand(add, side), c = mlirOperationGetOperand(add, 1 - side);
    MlirOperation mm = lb_value_def(mv);
    if (lb_op_get_kind(mm) != LB_OP_MATMUL || !lb_value_has_single_use(mv)) continue;
    int32_t ra, rb, ry;
    int64_t da[LB_MAX_RANK], db[LB_MAX_RANK], dy[LB_MAX_RANK];
    if (!lb_type_get_shape(mlirValueGetType(mlirOperationGetOperand(mm, 0)), &ra, da) ||
        !lb_type_get_shape(mlirValueGetType(mlirOperationGetOperand(mm, 1)), &rb, db) ||
        !lb_type_get_shape(mlirValueGetType(mlirOperationGetResult(add, 0)), &ry, dy))
      continue;
    if (ra != 2 || rb != 2 || ry != 2 || db[1] == LB_DYN || !lb_is_row_of(c, db[1])) continue;
    lb_builder_t b = lb_rewriter_builder(rw, add);
    MlirValue out;
    LB_RETURN_IF_ERROR(lb_build_gemm(&b, mlirOperationGetOperand(mm, 0), mlirOperationGetOperand(mm, 1), c, 1.0f,
                                     1.0f, 0, 0, &out));
    lb_rewriter_replace(rw, mlirOperationGetResult(add, 0), out);
    *changed = true;
    return LB_OK;
  }
  return LB_OK;
}

static const lb_pattern_t lb_fuse_patterns[] = {{"matmul-add-to-gemm", LB_OP_ADD, lb_fuse_one}};

lb_status_t lb_pass_fuse_bias(MlirModule module, const lb_pass_options_t *options) {
  (void)options;
  MlirOperation func = lb_module_get_func(module);
  if (mlirOperationIsNull(func)) return LB_OK;
  return lb_rewrite_greedy(func, lb_fuse_patterns, 1);
}
