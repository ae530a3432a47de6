/* Module and function helpers: the graph function, its names, type refresh
 * and dead-code removal. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ir/lb_ir.h"
#include "ir/lb_op.h"

MlirOperation lb_module_get_func(MlirModule module) {
  MlirBlock body = mlirModuleGetBody(module);
  for (MlirOperation op = mlirBlockGetFirstOperation(body); !mlirOperationIsNull(op);
       op = mlirOperationGetNextInBlock(op)) {
    MlirStringRef n = mlirIdentifierStr(mlirOperationGetName(op));
    if (n.length == 9 && memcmp(n.data, "func.func", 9) == 0 && mlirOperationGetNumRegions(op) == 1 &&
        !mlirBlockIsNull(mlirRegionGetFirstBlock(mlirOperationGetRegion(op, 0))))
      return op;
  }
  MlirOperation none = {NULL};
  return none;
}

MlirBlock lb_func_get_body(MlirOperation func) { return mlirRegionGetFirstBlock(mlirOperationGetRegion(func, 0)); }

MlirOperation lb_func_get_return(MlirOperation func) { return mlirBlockGetTerminator(lb_func_get_body(func)); }

static void lb_func_name_at(MlirOperation func, const char *attr, intptr_t i, const char *prefix, char *buf,
                            size_t n) {
  MlirAttribute a = mlirOperationGetAttributeByName(func, mlirStringRefCreateFromCString(attr));
  if (!mlirAttributeIsNull(a) && mlirAttributeIsAArray(a) && i < mlirArrayAttrGetNumElements(a)) {
    MlirAttribute s = mlirArrayAttrGetElement(a, i);
    if (mlirAttributeIsAString(s)) {
      MlirStringRef r = mlirStringAttrGetValue(s);
      snprintf(buf, n, "%.*s", (int)r.length, r.data);
      return;
    }
  }
  snprintf(buf, n, "%s%d", prefix, (int)i);
}

void lb_func_input_name(MlirOperation func, intptr_t i, char *buf, size_t n) {
  lb_func_name_at(func, LB_ATTR_INPUT_NAMES, i, "input", buf, n);
}

void lb_func_output_name(MlirOperation func, intptr_t i, char *buf, size_t n) {
  lb_func_name_at(func, LB_ATTR_OUTPUT_NAMES, i, "output", buf, n);
}

lb_status_t lb_func_refresh_types(MlirOperation func) {
  MlirBlock body = lb_func_get_body(func);
  MlirContext ctx = mlirOperationGetContext(func);
  for (MlirOperation op = mlirBlockGetFirstOperation(body); !mlirOperationIsNull(op);
       op = mlirOperationGetNextInBlock(op)) {
    lb_op_kind_t k = lb_op_get_kind(op);
    if (k == LB_OP_UNKNOWN || k == LB_OP_CONSTANT) continue;
    lb_shape_t s;
    lb_status_t st = lb_op_infer_shape(op, &s);
    if (st) return lb_op_annotate(op, st);
    MlirValue r = mlirOperationGetResult(op, 0);
    MlirType elem = mlirShapedTypeGetElementType(mlirValueGetType(r));
    mlirValueSetType(r, lb_tensor_type(ctx, s.rank, s.d, elem));
  }
  /* function type = block argument types -> return operand types */
  intptr_t nin = mlirBlockGetNumArguments(body);
  MlirOperation ret = lb_func_get_return(func);
  intptr_t nout = mlirOperationGetNumOperands(ret);
  MlirType *types = malloc(sizeof(MlirType) * (size_t)(nin + nout + 1));
  if (!types) return LB_ERROR(LB_STATUS_RESOURCE_EXHAUSTED, "out of memory");
  for (intptr_t i = 0; i < nin; ++i) types[i] = mlirValueGetType(mlirBlockGetArgument(body, i));
  for (intptr_t i = 0; i < nout; ++i) types[nin + i] = mlirValueGetType(mlirOperationGetOperand(ret, i));
  MlirType ft = mlirFunctionTypeGet(ctx, nin, types, nout, types + nin);
  free(types);
  mlirOperationSetAttributeByName(func, mlirStringRefCreateFromCString("function_type"), mlirTypeAttrGet(ft));
  return LB_OK;
}

bool lb_value_has_single_use(MlirValue v) {
  MlirOpOperand u = mlirValueGetFirstUse(v);
  return !mlirOpOperandIsNull(u) && mlirOpOperandIsNull(mlirOpOperandGetNextUse(u));
}

bool lb_value_is_unused(MlirValue v) { return mlirOpOperandIsNull(mlirValueGetFirstUse(v)); }

void lb_func_erase_dead(MlirOperation func) {
  /* one backward sweep: users come after their producers, so a whole
   * chain of dead ops goes in a single pass */
  MlirBlock body = lb_func_get_body(func);
  size_t n = 0, cap = 256;
  MlirOperation *ops = malloc(cap * sizeof *ops);
  if (!ops) return;
  for (MlirOperation op = mlirBlockGetFirstOperation(body); !mlirOperationIsNull(op);
       op = mlirOperationGetNextInBlock(op)) {
    if (n == cap) {
      MlirOperation *g = realloc(ops, (cap *= 2) * sizeof *ops);
      if (!g) break;
      ops = g;
    }
    ops[n++] = op;
  }
  for (size_t i = n; i-- > 0;)
    if (lb_op_get_kind(ops[i]) != LB_OP_UNKNOWN && lb_value_is_unused(mlirOperationGetResult(ops[i], 0)))
      mlirOperationDestroy(ops[i]);
  free(ops);
}

static MlirWalkResult lb_find_quant(MlirOperation op, void *user) {
  lb_op_kind_t k = lb_op_get_kind(op);
  if (k == LB_OP_QUANTIZE || k == LB_OP_DEQUANTIZE || k == LB_OP_MATMUL_NBITS || lb_op_has_traits(op, LB_TRAIT_INTEGER)) {
    *(bool *)user = true;
    return MlirWalkResultInterrupt;
  }
  return MlirWalkResultAdvance;
}

bool lb_module_is_quantized(MlirModule module) {
  bool found = false;
  mlirOperationWalk(mlirModuleGetOperation(module), lb_find_quant, &found, MlirWalkPreOrder);
  return found;
}
