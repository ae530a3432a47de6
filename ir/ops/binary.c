/* lb.add, lb.sub, lb.mul, lb.div, lb.min, lb.max: float elementwise
 * arithmetic with numpy broadcasting. */
#include <math.h>

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

/* ---- the quantized add and mul (integer kernels) ---- */

#define LB_ATTR_A_ZP "a_zero_point"
#define LB_ATTR_B_ZP "b_zero_point"
#define LB_ATTR_Y_ZP "y_zero_point"
#define LB_ATTR_A_SCALE "a_scale"
#define LB_ATTR_B_SCALE "b_scale"

static void verify_qbinary(lb_verifier_t *v, MlirOperation op) {
  static const lb_dtype_t x8[] = {LB_DT_I8, LB_DT_U8, LB_DT_INVALID};
  for (intptr_t i = 0; i < 2; ++i)
    if (!lb_verify_dtype_in(v, op, i, x8, "i8 or ui8")) return;
  if (!lb_verify_dtype_in(v, op, -1, x8, "i8 or ui8")) return;
  const char *names[3] = {LB_ATTR_A_ZP, LB_ATTR_B_ZP, LB_ATTR_Y_ZP};
  for (int i = 0; i < 3; ++i) {
    lb_dtype_t dt = lb_value_dtype(i < 2 ? lb_op_operand(op, i) : lb_op_result(op));
    int64_t z = lb_op_get_int(op, names[i], 0);
    if (z < lb_dtype_min(dt) || z > lb_dtype_max(dt)) {
      lb_verify_error(v, op, "%s %lld is outside the range of %s", names[i], (long long)z, lb_dtype_name(dt));
      return;
    }
  }
  double sa = lb_op_get_float(op, LB_ATTR_A_SCALE, 0), sb = lb_op_get_float(op, LB_ATTR_B_SCALE, 0);
  if (!(sa >= 0) || isinf(sa) || !(sb >= 0) || isinf(sb)) lb_verify_error(v, op, "scales must be finite and non-negative");
}

static lb_status_t lower_qbinary(lb_lower_t *lw, MlirOperation op) {
  lb_vshape_t a = lb_vshape(lb_op_operand(op, 0)), b = lb_vshape(lb_op_operand(op, 1)),
              y = lb_vshape(lb_op_result(op));
  lb_qbinary_params_t p;
  memset(&p, 0, sizeof p);
  p.op = lb_op_get_kind(op) == LB_OP_QADD ? 0 : 1;
  p.rank = y.rank ? y.rank : 1;
  p.dims[0] = 1;
  memcpy(p.dims, y.d, sizeof(int64_t) * (size_t)y.rank);
  lb_bcast_strides(&a, y.rank, p.a_strides);
  lb_bcast_strides(&b, y.rank, p.b_strides);
  lb_dtype_t yt = lb_value_dtype(lb_op_result(op));
  p.signs = (lb_dtype_is_signed(lb_value_dtype(lb_op_operand(op, 0))) ? 1 : 0) |
            (lb_dtype_is_signed(lb_value_dtype(lb_op_operand(op, 1))) ? 2 : 0) | (lb_dtype_is_signed(yt) ? 4 : 0);
  p.a_zp = (int32_t)lb_op_get_int(op, LB_ATTR_A_ZP, 0);
  p.b_zp = (int32_t)lb_op_get_int(op, LB_ATTR_B_ZP, 0);
  p.y_zp = (int32_t)lb_op_get_int(op, LB_ATTR_Y_ZP, 0);
  p.a_scale = (float)lb_op_get_float(op, LB_ATTR_A_SCALE, 0);
  p.b_scale = (float)lb_op_get_float(op, LB_ATTR_B_SCALE, 0);
  p.qmin = (int32_t)lb_dtype_min(yt);
  p.qmax = (int32_t)lb_dtype_max(yt);
  return lb_lower_step_operands(lw, op, "qbinary_x8", &p, &lb_qbinary_params_desc);
}

lb_status_t lb_build_qbinary(lb_builder_t *b, lb_op_kind_t kind, MlirValue x, MlirValue y, int64_t a_zp, int64_t b_zp,
                             int64_t y_zp, float a_scale, float b_scale, lb_dtype_t result, MlirValue *out) {
  MlirValue ops[2] = {x, y};
  MlirNamedAttribute at[5] = {lb_named_attr(b->ctx, LB_ATTR_A_ZP, lb_i64_attr(b->ctx, a_zp)),
                              lb_named_attr(b->ctx, LB_ATTR_B_ZP, lb_i64_attr(b->ctx, b_zp)),
                              lb_named_attr(b->ctx, LB_ATTR_Y_ZP, lb_i64_attr(b->ctx, y_zp)),
                              lb_named_attr(b->ctx, LB_ATTR_A_SCALE, lb_f32_attr(b->ctx, a_scale)),
                              lb_named_attr(b->ctx, LB_ATTR_B_SCALE, lb_f32_attr(b->ctx, b_scale))};
  return lb_build_op(b, kind, ops, 2, at, 5, lb_dtype_to_type(b->ctx, result), out);
}

const lb_op_desc_t lb_op_desc_qadd = {
    .summary = "quantized 8-bit add with two input scales (QLinearAdd)",
    .traits = LB_TRAIT_INTEGER,
    .infer = infer_binary,
    .verify = verify_qbinary,
    .lower = lower_qbinary,
};

const lb_op_desc_t lb_op_desc_qmul = {
    .summary = "quantized 8-bit multiply (QLinearMul)",
    .traits = LB_TRAIT_INTEGER,
    .infer = infer_binary,
    .verify = verify_qbinary,
    .lower = lower_qbinary,
};
