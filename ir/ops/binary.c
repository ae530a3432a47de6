/* lb.add, lb.sub, lb.mul, lb.div, lb.min, lb.max: float elementwise
 * arithmetic with numpy broadcasting. */
#include "ir/ops/op_util.h"
#include "runtime/kernels/binary.h"

static lb_status_t infer_binary(MlirOperation op, lb_shape_t *out) {
  lb_shape_t a, b;
  LB_RETURN_IF_ERROR(lb_operand_shape(op, 0, &a));
  LB_RETURN_IF_ERROR(lb_operand_shape(op, 1, &b));
  return lb_broadcast(&a, &b, out, "operand");
}

static void verify_binary(lb_verifier_t *v, MlirOperation op) { lb_verify_all_f32(v, op); }

static lb_status_t lower_binary(lb_lower_t *lw, MlirOperation op) {
  lb_vshape_t a = lb_vshape(lb_op_operand(op, 0)), b = lb_vshape(lb_op_operand(op, 1)),
              y = lb_vshape(lb_op_result(op));
  lb_op_kind_t k = lb_op_get_kind(op);
  lb_binary_params_t p;
  memset(&p, 0, sizeof p);
  p.op = k == LB_OP_ADD ? LB_BIN_ADD : k == LB_OP_SUB ? LB_BIN_SUB : k == LB_OP_MUL ? LB_BIN_MUL
       : k == LB_OP_DIV ? LB_BIN_DIV : k == LB_OP_MIN ? LB_BIN_MIN : LB_BIN_MAX;
  p.rank = y.rank;
  memcpy(p.dims, y.d, sizeof(int64_t) * (size_t)y.rank);
  lb_bcast_strides(&a, y.rank, p.a_strides);
  lb_bcast_strides(&b, y.rank, p.b_strides);
  if (y.rank == 0) { /* scalar: one element */
    p.rank = 1;
    p.dims[0] = 1;
  }
  return lb_lower_step_operands(lw, op, "binary_f32", &p, &lb_binary_params_desc);
}

lb_status_t lb_build_binary(lb_builder_t *b, lb_op_kind_t kind, MlirValue lhs, MlirValue rhs, MlirValue *out) {
  if (kind != LB_OP_ADD && kind != LB_OP_SUB && kind != LB_OP_MUL && kind != LB_OP_DIV && kind != LB_OP_MIN &&
      kind != LB_OP_MAX)
    return LB_ERROR(LB_STATUS_INTERNAL, "lb_build_binary: %s is not a binary op", lb_op_kind_name(kind));
  MlirValue ops[2] = {lhs, rhs};
  return lb_build_op(b, kind, ops, 2, NULL, 0, mlirShapedTypeGetElementType(mlirValueGetType(lhs)), out);
}

#define LB_BINARY_DESC(NAME, SUMMARY) \
  const lb_op_desc_t lb_op_desc_##NAME = { \
      .summary = SUMMARY, .traits = LB_TRAIT_ELEMENTWISE, .infer = infer_binary, .verify = verify_binary, \
      .lower = lower_binary, \
  };
LB_BINARY_DESC(add, "elementwise a + b with broadcasting")
LB_BINARY_DESC(sub, "elementwise a - b with broadcasting")
LB_BINARY_DESC(mul, "elementwise a * b with broadcasting")
LB_BINARY_DESC(div, "elementwise a / b with broadcasting")
LB_BINARY_DESC(min, "elementwise min(a, b) with broadcasting; NaN propagates")
LB_BINARY_DESC(max, "elementwise max(a, b) with broadcasting; NaN propagates")
