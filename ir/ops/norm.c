/* Normalization: lb.softmax, lb.batchnorm (inference), lb.layer_norm and
 * lb.rms_norm, float. */
#include "ir/ops/op_util.h"
#include "runtime/kernels/norm.h"

static lb_status_t infer_softmax(MlirOperation op, lb_shape_t *out) {
  LB_RETURN_IF_ERROR(lb_operand_shape(op, 0, out));
  int64_t axis = lb_op_get_int(op, LB_ATTR_AXIS, -1);
  if (axis < -out->rank || axis >= out->rank)
    return LB_FAIL("axis %lld is out of range for rank %d", (long long)axis, out->rank);
  return LB_OK;
}

/* x [N, C, ...]; scale, bias, mean, var [C] each. */
static lb_status_t infer_batchnorm(MlirOperation op, lb_shape_t *out) {
  LB_RETURN_IF_ERROR(lb_operand_shape(op, 0, out));
  if (out->rank < 2) return LB_FAIL("input must have rank >= 2 ([N, C, ...]), got %d", out->rank);
  static const char *const names[4] = {"scale", "bias", "mean", "var"};
  for (intptr_t i = 1; i <= 4; ++i) {
    lb_shape_t p;
    LB_RETURN_IF_ERROR(lb_operand_shape(op, i, &p));
    if (p.rank != 1 || (p.d[0] != out->d[1] && p.d[0] != LB_DYN && out->d[1] != LB_DYN))
      return LB_FAIL("%s must have shape [%lld] (one value per channel)", names[i - 1], (long long)out->d[1]);
  }
  return LB_OK;
}

static void verify_f32(lb_verifier_t *v, MlirOperation op) { lb_verify_all_f32(v, op); }

static lb_status_t lower_softmax(lb_lower_t *lw, MlirOperation op) {
  lb_vshape_t x = lb_vshape(lb_op_operand(op, 0));
  int64_t axis = lb_op_get_int(op, LB_ATTR_AXIS, -1);
  if (axis < 0) axis += x.rank;
  lb_softmax_params_t p = {.outer = lb_prod(x.d, 0, (int32_t)axis), .n = x.d[axis],
                           .inner = lb_prod(x.d, (int32_t)axis + 1, x.rank)};
  return lb_lower_step_operands(lw, op, "softmax_f32", &p, &lb_softmax_params_desc);
}

static lb_status_t lower_batchnorm(lb_lower_t *lw, MlirOperation op) {
  lb_vshape_t x = lb_vshape(lb_op_operand(op, 0));
  lb_batchnorm_params_t p = {.N = x.d[0], .C = x.d[1], .HW = lb_prod(x.d, 2, x.rank),
                             .eps = (float)lb_op_get_float(op, LB_ATTR_EPSILON, 1e-5)};
  return lb_lower_step_operands(lw, op, "batchnorm_f32", &p, &lb_batchnorm_params_desc);
}

/* x [..., d_axis, ..., d_last]; scale (and bias) with the normalized dims'
 * element count. */
static lb_status_t infer_layer_norm(MlirOperation op, lb_shape_t *out) {
  LB_RETURN_IF_ERROR(lb_operand_shape(op, 0, out));
  int64_t axis = lb_op_get_int(op, LB_ATTR_AXIS, -1);
  if (axis < 0 || axis >= out->rank)
    return LB_FAIL("axis %lld is out of range for rank %d", (long long)axis, out->rank);
  int64_t n = 1;
  for (int32_t d = (int32_t)axis; d < out->rank; ++d) {
    if (out->d[d] == LB_DYN) return LB_FAIL("the normalized dims must be static");
    n *= out->d[d];
  }
  for (intptr_t i = 1; i < mlirOperationGetNumOperands(op); ++i)
    if (lb_value_count(mlirOperationGetOperand(op, i)) != n)
      return LB_FAIL("%s must have %lld elements (the normalized dims)", i == 1 ? "scale" : "bias", (long long)n);
  return LB_OK;
}

static void norm_rows(MlirOperation op, lb_layernorm_params_t *p) {
  lb_vshape_t x = lb_vshape(lb_op_operand(op, 0));
  int64_t axis = lb_op_get_int(op, LB_ATTR_AXIS, -1);
  p->outer = lb_prod(x.d, 0, (int32_t)axis);
  p->n = lb_prod(x.d, (int32_t)axis, x.rank);
  p->eps = (float)lb_op_get_float(op, LB_ATTR_EPSILON, 1e-5);
}

static lb_status_t lower_layer_norm(lb_lower_t *lw, MlirOperation op) {
  lb_layernorm_params_t p;
  memset(&p, 0, sizeof p);
  norm_rows(op, &p);
  p.has_bias = mlirOperationGetNumOperands(op) > 2;
  int32_t in[3] = {-1, -1, -1};
  for (intptr_t i = 0; i < mlirOperationGetNumOperands(op); ++i) LB_RETURN_IF_ERROR(lb_lower_operand(lw, op, i, &in[i]));
  return lb_lower_step(lw, op, "layer_norm_f32", &p, &lb_layernorm_params_desc, in, 3);
}

static lb_status_t lower_rms_norm(lb_lower_t *lw, MlirOperation op) {
  lb_layernorm_params_t p;
  memset(&p, 0, sizeof p);
  norm_rows(op, &p);
  return lb_lower_step_operands(lw, op, "rms_norm_f32", &p, &lb_layernorm_params_desc);
}

lb_status_t lb_build_layer_norm(lb_builder_t *b, lb_op_kind_t kind, MlirValue x, MlirValue scale, MlirValue bias,
                                int64_t axis, float eps, MlirValue *out) {
  MlirValue ops[3] = {x, scale, bias};
  MlirNamedAttribute at[2] = {lb_named_attr(b->ctx, LB_ATTR_AXIS, lb_i64_attr(b->ctx, axis)),
                              lb_named_attr(b->ctx, LB_ATTR_EPSILON, lb_f32_attr(b->ctx, eps))};
  intptr_t n = kind == LB_OP_RMS_NORM || mlirValueIsNull(bias) ? 2 : 3;
  return lb_build_op(b, kind, ops, n, at, 2, mlirShapedTypeGetElementType(mlirValueGetType(x)), out);
}

static int64_t channel_axis_1(MlirOperation op) {
  (void)op;
  return 1;
}

lb_status_t lb_build_softmax(lb_builder_t *b, MlirValue x, int64_t axis, MlirValue *out) {
  MlirNamedAttribute at = lb_named_attr(b->ctx, LB_ATTR_AXIS, lb_i64_attr(b->ctx, axis));
  return lb_build_op(b, LB_OP_SOFTMAX, &x, 1, &at, 1, mlirShapedTypeGetElementType(mlirValueGetType(x)), out);
}

lb_status_t lb_build_batchnorm(lb_builder_t *b, MlirValue x, MlirValue scale, MlirValue bias, MlirValue mean,
                               MlirValue var, float eps, MlirValue *out) {
  MlirValue ops[5] = {x, scale, bias, mean, var};
  MlirNamedAttribute at = lb_named_attr(b->ctx, LB_ATTR_EPSILON, lb_f32_attr(b->ctx, eps));
  return lb_build_op(b, LB_OP_BATCHNORM, ops, 5, &at, 1, mlirShapedTypeGetElementType(mlirValueGetType(x)), out);
}

const lb_op_desc_t lb_op_desc_softmax = {
    .summary = "softmax along one axis",
    .infer = infer_softmax,
    .verify = verify_f32,
    .lower = lower_softmax,
};

const lb_op_desc_t lb_op_desc_batchnorm = {
    .summary = "inference batch normalization over channel dim 1",
    .infer = infer_batchnorm,
    .verify = verify_f32,
    .lower = lower_batchnorm,
    .channel_axis = channel_axis_1,
};

const lb_op_desc_t lb_op_desc_layer_norm = {
    .summary = "layer normalization over dims [axis, rank)",
    .infer = infer_layer_norm,
    .verify = verify_f32,
    .lower = lower_layer_norm,
};

const lb_op_desc_t lb_op_desc_rms_norm = {
    .summary = "RMS normalization over dims [axis, rank)",
    .infer = infer_layer_norm,
    .verify = verify_f32,
    .lower = lower_rms_norm,
};
