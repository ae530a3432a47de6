/* Float elementwise unary ops: lb.relu, lb.clip, lb.sigmoid, lb.round. Elementwise and unary,
 * so their 8-bit quantized instances become lookup tables
 * (lb-lower-quantized). */
#include <math.h>

#include "ir/ops/op_util.h"
#include "runtime/kernels/activation.h"

static void verify_f32(lb_verifier_t *v, MlirOperation op) { lb_verify_all_f32(v, op); }

/* Clip bounds must be numbers; min > max is valid (every output is max). */
static void verify_clip(lb_verifier_t *v, MlirOperation op) {
  if (!lb_verify_all_f32(v, op)) return;
  double lo = lb_op_get_float(op, LB_ATTR_MIN, 0), hi = lb_op_get_float(op, LB_ATTR_MAX, 0);
  if (lo != lo || hi != hi) lb_verify_error(v, op, "min and max must not be NaN");
}

static lb_status_t lower_relu(lb_lower_t *lw, MlirOperation op) {
  lb_unary_params_t p = {.count = lb_value_count(lb_op_result(op))};
  return lb_lower_step_operands(lw, op, "relu_f32", &p, &lb_unary_params_desc);
}

static lb_status_t lower_clip(lb_lower_t *lw, MlirOperation op) {
  lb_unary_params_t p = {
      .count = lb_value_count(lb_op_result(op)),
      .alpha = (float)lb_op_get_float(op, LB_ATTR_MIN, -3.4028234663852886e38),
      .beta = (float)lb_op_get_float(op, LB_ATTR_MAX, 3.4028234663852886e38),
  };
  return lb_lower_step_operands(lw, op, "clip_f32", &p, &lb_unary_params_desc);
}

static lb_status_t lower_sigmoid(lb_lower_t *lw, MlirOperation op) {
  lb_unary_params_t p = {.count = lb_value_count(lb_op_result(op))};
  return lb_lower_step_operands(lw, op, "sigmoid_f32", &p, &lb_unary_params_desc);
}

static lb_status_t lower_round(lb_lower_t *lw, MlirOperation op) {
  lb_unary_params_t p = {.count = lb_value_count(lb_op_result(op))};
  return lb_lower_step_operands(lw, op, "round_f32", &p, &lb_unary_params_desc);
}

#define LB_UNARY_LOWER(NAME, KERNEL)                                              \
  static lb_status_t lower_##NAME(lb_lower_t *lw, MlirOperation op) {             \
    lb_unary_params_t p = {.count = lb_value_count(lb_op_result(op))};            \
    return lb_lower_step_operands(lw, op, KERNEL, &p, &lb_unary_params_desc);     \
  }
LB_UNARY_LOWER(erf, "erf_f32")
LB_UNARY_LOWER(tanh, "tanh_f32")
LB_UNARY_LOWER(sqrt, "sqrt_f32")

static lb_status_t lower_gelu(lb_lower_t *lw, MlirOperation op) {
  lb_unary_params_t p = {.count = lb_value_count(lb_op_result(op)),
                         .alpha = lb_op_get_int(op, LB_ATTR_APPROXIMATE, 0) ? 1.0f : 0.0f};
  return lb_lower_step_operands(lw, op, "gelu_f32", &p, &lb_unary_params_desc);
}

static lb_status_t lower_leaky_relu(lb_lower_t *lw, MlirOperation op) {
  lb_unary_params_t p = {.count = lb_value_count(lb_op_result(op)),
                         .alpha = (float)lb_op_get_float(op, LB_ATTR_ALPHA, 0.01)};
  return lb_lower_step_operands(lw, op, "leaky_relu_f32", &p, &lb_unary_params_desc);
}

lb_status_t lb_build_leaky_relu(lb_builder_t *b, MlirValue x, float alpha, MlirValue *out) {
  MlirNamedAttribute at = lb_named_attr(b->ctx, LB_ATTR_ALPHA, lb_f32_attr(b->ctx, alpha));
  return lb_build_op(b, LB_OP_LEAKY_RELU, &x, 1, &at, 1, mlirShapedTypeGetElementType(mlirValueGetType(x)), out);
}

static void verify_gelu(lb_verifier_t *v, MlirOperation op) {
  if (!lb_verify_all_f32(v, op)) return;
  int64_t a = lb_op_get_int(op, LB_ATTR_APPROXIMATE, 0);
  if (a != 0 && a != 1) lb_verify_error(v, op, "approximate must be 0 (erf) or 1 (tanh)");
}

lb_status_t lb_build_gelu(lb_builder_t *b, MlirValue x, bool tanh_form, MlirValue *out) {
  MlirNamedAttribute at = lb_named_attr(b->ctx, LB_ATTR_APPROXIMATE, lb_i64_attr(b->ctx, tanh_form ? 1 : 0));
  return lb_build_op(b, LB_OP_GELU, &x, 1, &at, 1, mlirShapedTypeGetElementType(mlirValueGetType(x)), out);
}

static bool relu_bounds(MlirOperation op, double *lo, double *hi) {
  (void)op;
  *lo = 0;
  *hi = INFINITY;
  return true;
}

static bool clip_bounds(MlirOperation op, double *lo, double *hi) {
  *lo = lb_op_get_float(op, LB_ATTR_MIN, -INFINITY);
  *hi = lb_op_get_float(op, LB_ATTR_MAX, INFINITY);
  /* min > max clamps everything to max (ONNX) */
  if (*lo > *hi) *lo = *hi;
  return true;
}

lb_status_t lb_build_clip(lb_builder_t *b, MlirValue x, float lo, float hi, MlirValue *out) {
  MlirNamedAttribute at[2] = {lb_named_attr(b->ctx, LB_ATTR_MIN, lb_f32_attr(b->ctx, lo)),
                              lb_named_attr(b->ctx, LB_ATTR_MAX, lb_f32_attr(b->ctx, hi))};
  return lb_build_op(b, LB_OP_CLIP, &x, 1, at, 2, mlirShapedTypeGetElementType(mlirValueGetType(x)), out);
}

const lb_op_desc_t lb_op_desc_relu = {
    .summary = "max(x, 0)",
    .traits = LB_TRAIT_ELEMENTWISE | LB_TRAIT_UNARY | LB_TRAIT_CHANNEL_SCALE_COMMUTES,
    .infer = lb_infer_same_as_input,
    .verify = verify_f32,
    .lower = lower_relu,
    .clamp_bounds = relu_bounds,
};

const lb_op_desc_t lb_op_desc_clip = {
    .summary = "min(max(x, min), max)",
    .traits = LB_TRAIT_ELEMENTWISE | LB_TRAIT_UNARY,
    .infer = lb_infer_same_as_input,
    .verify = verify_clip,
    .lower = lower_clip,
    .clamp_bounds = clip_bounds,
};

const lb_op_desc_t lb_op_desc_sigmoid = {
    .summary = "1 / (1 + exp(-x))",
    .traits = LB_TRAIT_ELEMENTWISE | LB_TRAIT_UNARY,
    .infer = lb_infer_same_as_input,
    .verify = verify_f32,
    .lower = lower_sigmoid,
};

const lb_op_desc_t lb_op_desc_round = {
    .summary = "round half to even",
    .traits = LB_TRAIT_ELEMENTWISE | LB_TRAIT_UNARY,
    .infer = lb_infer_same_as_input,
    .verify = verify_f32,
    .lower = lower_round,
};

/* The ONNX activations with up to two float attributes: the kernel
 * NAME_f32 with params.alpha and params.beta from attributes A and B. */
static lb_status_t lower_unary_ab(lb_lower_t *lw, MlirOperation op, const char *kernel, const char *a, double da,
                                  const char *b, double db) {
  lb_unary_params_t p = {.count = lb_value_count(lb_op_result(op)),
                         .alpha = a ? (float)lb_op_get_float(op, a, da) : 0.0f,
                         .beta = b ? (float)lb_op_get_float(op, b, db) : 0.0f};
  return lb_lower_step_operands(lw, op, kernel, &p, &lb_unary_params_desc);
}
#define LB_LOWER_AB(NAME, A, DA, B, DB) \
  static lb_status_t lower_##NAME(lb_lower_t *lw, MlirOperation op) { return lower_unary_ab(lw, op, #NAME "_f32", A, DA, B, DB); }
LB_LOWER_AB(hard_sigmoid, "alpha", 0.2, "beta", 0.5)
LB_LOWER_AB(hard_swish, "alpha", 1.0 / 6.0, "beta", 0.5)
LB_LOWER_AB(elu, "alpha", 1.0, NULL, 0)
LB_LOWER_AB(selu, "alpha", 1.67326319217681884765625, "gamma", 1.05070102214813232421875)
LB_LOWER_AB(celu, "alpha", 1.0, NULL, 0)
LB_LOWER_AB(thresholded_relu, "alpha", 1.0, NULL, 0)
LB_LOWER_AB(softsign, NULL, 0, NULL, 0)

lb_status_t lb_build_unary_ab(lb_builder_t *b, lb_op_kind_t kind, MlirValue x, const char *a, float va, const char *bn,
                              float vb, MlirValue *out) {
  MlirNamedAttribute at[2];
  int n = 0;
  if (a) at[n++] = lb_named_attr(b->ctx, a, lb_f32_attr(b->ctx, va));
  if (bn) at[n++] = lb_named_attr(b->ctx, bn, lb_f32_attr(b->ctx, vb));
  return lb_build_op(b, kind, &x, 1, at, n, mlirShapedTypeGetElementType(mlirValueGetType(x)), out);
}

static void verify_celu(lb_verifier_t *v, MlirOperation op) {
  if (!lb_verify_all_f32(v, op)) return;
  if (!(lb_op_get_float(op, "alpha", 1.0) != 0.0)) lb_verify_error(v, op, "alpha must not be 0");
}

#define LB_UNARY_DESC(NAME, SUMMARY, VERIFY) \
  const lb_op_desc_t lb_op_desc_##NAME = { \
      .summary = SUMMARY, .traits = LB_TRAIT_ELEMENTWISE | LB_TRAIT_UNARY, .infer = lb_infer_same_as_input, \
      .verify = VERIFY, .lower = lower_##NAME, \
  };
LB_UNARY_DESC(erf, "error function", verify_f32)
LB_UNARY_DESC(tanh, "hyperbolic tangent", verify_f32)
LB_UNARY_DESC(sqrt, "square root", verify_f32)
LB_UNARY_DESC(gelu, "GELU (erf form, or tanh form with approximate = 1)", verify_gelu)
LB_UNARY_DESC(leaky_relu, "x >= 0 ? x : alpha * x", verify_f32)
LB_UNARY_DESC(hard_sigmoid, "max(0, min(1, alpha * x + beta))", verify_f32)
LB_UNARY_DESC(hard_swish, "x * max(0, min(1, alpha * x + beta))", verify_f32)
LB_UNARY_DESC(elu, "x < 0 ? alpha * (exp(x) - 1) : x", verify_f32)
LB_UNARY_DESC(selu, "gamma * (x > 0 ? x : alpha * exp(x) - alpha)", verify_f32)
LB_UNARY_DESC(celu, "max(0, x) + min(0, alpha * (exp(x / alpha) - 1))", verify_celu)
LB_UNARY_DESC(thresholded_relu, "x > alpha ? x : 0", verify_f32)
LB_UNARY_DESC(softsign, "x / (1 + |x|)", verify_f32)
