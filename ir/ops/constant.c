/* lb.constant: a tensor value held in a dense or dense_resource attribute. */
#include "ir/ops/op_util.h"

static lb_status_t infer_constant(MlirOperation op, lb_shape_t *out) {
  MlirType t = mlirValueGetType(mlirOperationGetResult(op, 0));
  if (!lb_type_get_shape(t, &out->rank, out->d)) return LB_FAIL("result must be a ranked tensor");
  for (int32_t i = 0; i < out->rank; ++i)
    if (out->d[i] == LB_DYN) return LB_FAIL("a constant must have a static shape");
  return LB_OK;
}

static void verify_constant(lb_verifier_t *v, MlirOperation op) {
  MlirAttribute val = mlirOperationGetAttributeByName(op, mlirStringRefCreateFromCString(LB_ATTR_VALUE));
  MlirType rt = mlirValueGetType(mlirOperationGetResult(op, 0));
  if (!mlirAttributeIsADenseElements(val) && !mlirAttributeIsADenseResourceElements(val))
    lb_verify_error(v, op, "value must be a dense or dense_resource elements attribute");
  else if (!mlirTypeEqual(mlirAttributeGetType(val), rt))
    lb_verify_error(v, op, "value type does not match the result type");
}

const lb_op_desc_t lb_op_desc_constant = {
    .summary = "a constant tensor",
    .infer = infer_constant,
    .verify = verify_constant,
    .lower = lb_lower_constant,
};
