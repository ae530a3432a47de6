/* Generic op construction: every typed builder goes through lb_build_op. */
#include <stdio.h>
#include <string.h>

#include "ir/lb_ir.h"

lb_builder_t lb_builder_at_end(MlirContext ctx, MlirBlock block, MlirLocation loc) {
  lb_builder_t b = {ctx, block, {NULL}, loc, NULL, NULL};
  return b;
}

lb_builder_t lb_builder_before(MlirOperation op) {
  lb_builder_t b = {mlirOperationGetContext(op), mlirOperationGetBlock(op), op, mlirOperationGetLocation(op), NULL,
                    NULL};
  return b;
}

lb_builder_t lb_builder_named(const lb_builder_t *b, MlirOperation op, const char *suffix) {
  lb_builder_t nb = *b;
  char base[256], name[320];
  MlirLocation loc = mlirOperationGetLocation(op);
  if (!lb_location_name(loc, base, sizeof base)) snprintf(base, sizeof base, "%s", lb_op_kind_name(lb_op_get_kind(op)) + 3);
  snprintf(name, sizeof name, "%s.%s", base, suffix);
  nb.loc = mlirLocationNameGet(b->ctx, mlirStringRefCreateFromCString(name), loc);
  return nb;
}

static void lb_builder_insert(lb_builder_t *b, MlirOperation op) {
  if (!mlirOperationIsNull(b->before))
    mlirBlockInsertOwnedOperationBefore(b->block, b->before, op);
  else
    mlirBlockAppendOwnedOperation(b->block, op);
  if (b->on_create) b->on_create(b->user, op);
}

/* Creates the op with an unranked placeholder result, infers the shape,
 * then inserts it. */
lb_status_t lb_build_op(lb_builder_t *b, lb_op_kind_t kind, const MlirValue *operands, intptr_t nops,
                        const MlirNamedAttribute *attrs, intptr_t nattrs, MlirType elem, MlirValue *out) {
  for (intptr_t i = 0; i < nops; ++i)
    if (mlirValueIsNull(operands[i]))
      return LB_ERROR(LB_STATUS_INTERNAL, "%s: operand %d is null", lb_op_kind_name(kind), (int)i);
  MlirOperationState st = mlirOperationStateGet(mlirStringRefCreateFromCString(lb_op_kind_name(kind)), b->loc);
  mlirOperationStateAddOperands(&st, nops, operands);
  MlirType placeholder = mlirUnrankedTensorTypeGet(elem);
  mlirOperationStateAddResults(&st, 1, &placeholder);
  if (nattrs) mlirOperationStateAddAttributes(&st, nattrs, attrs);
  MlirOperation op = mlirOperationCreate(&st);
  lb_shape_t s;
  lb_status_t err = lb_op_infer_shape(op, &s);
  if (err) {
    mlirOperationDestroy(op);
    return lb_status_annotate(err, "%s", lb_op_kind_name(kind));
  }
  mlirValueSetType(mlirOperationGetResult(op, 0), lb_tensor_type(b->ctx, s.rank, s.d, elem));
  lb_builder_insert(b, op);
  *out = mlirOperationGetResult(op, 0);
  return LB_OK;
}

lb_status_t lb_build_unary(lb_builder_t *b, lb_op_kind_t kind, MlirValue x, MlirValue *out) {
  return lb_build_op(b, kind, &x, 1, NULL, 0, mlirShapedTypeGetElementType(mlirValueGetType(x)), out);
}

lb_status_t lb_build_constant(lb_builder_t *b, MlirType type, const void *data, size_t nbytes, MlirValue *out) {
  MlirAttribute v = lb_elements_attr_create(type, data, nbytes);
  if (mlirAttributeIsNull(v)) return LB_ERROR(LB_STATUS_RESOURCE_EXHAUSTED, "cannot create constant");
  MlirNamedAttribute a = lb_named_attr(b->ctx, LB_ATTR_VALUE, v);
  MlirOperationState st = mlirOperationStateGet(mlirStringRefCreateFromCString(lb_op_kind_name(LB_OP_CONSTANT)), b->loc);
  mlirOperationStateAddResults(&st, 1, &type);
  mlirOperationStateAddAttributes(&st, 1, &a);
  MlirOperation op = mlirOperationCreate(&st);
  lb_builder_insert(b, op);
  *out = mlirOperationGetResult(op, 0);
  return LB_OK;
}

lb_status_t lb_build_constant_tensor(lb_builder_t *b, const lb_tensor_t *t, MlirValue *out) {
  MlirType type = lb_tensor_type(b->ctx, t->rank, t->dims, lb_dtype_to_type(b->ctx, t->dtype));
  return lb_build_constant(b, type, t->data, (size_t)lb_tensor_count(t) * lb_dtype_size(t->dtype), out);
}
