/* Evaluating a short chain of ops on host data through the interpreter. */
#include <mlir-c/Dialect/Func.h>
#include <string.h>

#include "interp/interp.h"

lb_status_t lb_interp_eval_chain(const MlirOperation *chain, int32_t n, const lb_tensor_t *in, lb_tensor_t *out) {
  if (n <= 0) return LB_ERROR(LB_STATUS_INTERNAL, "empty chain");
  MlirContext ctx = mlirOperationGetContext(chain[0]);
  MlirLocation loc = mlirLocationUnknownGet(ctx);
  MlirType in_type = lb_tensor_type(ctx, in->rank, in->dims, lb_dtype_to_type(ctx, in->dtype));
  MlirModule m = mlirModuleCreateEmpty(loc);
  MlirRegion region = mlirRegionCreate();
  MlirBlock body = mlirBlockCreate(1, &in_type, &loc);
  mlirRegionAppendOwnedBlock(region, body);
  lb_status_t st = LB_OK;
  MlirValue cur = mlirBlockGetArgument(body, 0);
  for (int32_t i = 0; i < n && !st; ++i) {
    MlirOperation c = mlirOperationClone(chain[i]);
    mlirBlockAppendOwnedOperation(body, c);
    mlirOperationSetOperand(c, 0, cur);
    for (intptr_t k = 1; k < mlirOperationGetNumOperands(c) && !st; ++k) {
      MlirOperation def = lb_value_def(mlirOperationGetOperand(chain[i], k));
      if (lb_op_get_kind(def) != LB_OP_CONSTANT) {
        st = lb_op_error(chain[i], LB_STATUS_INTERNAL, "operand #%d is not a constant", (int)k);
        break;
      }
      MlirOperation dc = mlirOperationClone(def);
      mlirBlockInsertOwnedOperationBefore(body, c, dc);
      mlirOperationSetOperand(c, k, mlirOperationGetResult(dc, 0));
    }
    cur = mlirOperationGetResult(c, 0);
  }
  MlirOperationState rs = mlirOperationStateGet(mlirStringRefCreateFromCString("func.return"), loc);
  mlirOperationStateAddOperands(&rs, 1, &cur);
  mlirBlockAppendOwnedOperation(body, mlirOperationCreate(&rs));
  MlirOperationState fs = mlirOperationStateGet(mlirStringRefCreateFromCString("func.func"), loc);
  MlirType ft = mlirFunctionTypeGet(ctx, 1, &in_type, 0, NULL);
  MlirNamedAttribute attrs[2] = {
      lb_named_attr(ctx, "sym_name", mlirStringAttrGet(ctx, mlirStringRefCreateFromCString("eval"))),
      lb_named_attr(ctx, "function_type", mlirTypeAttrGet(ft)),
  };
  mlirOperationStateAddAttributes(&fs, 2, attrs);
  mlirOperationStateAddOwnedRegions(&fs, 1, &region);
  MlirOperation func = mlirOperationCreate(&fs);
  mlirBlockAppendOwnedOperation(mlirModuleGetBody(m), func);
  if (!st) st = lb_func_refresh_types(func);
  lb_plan_t plan;
  memset(&plan, 0, sizeof plan);
  if (!st) st = lb_plan_build(m, &plan);
  if (!st) st = lb_interp_run(&plan, in, out, NULL, NULL);
  lb_plan_free(&plan);
  mlirModuleDestroy(m);
  return st;
}
