/* Elementwise ops: Relu, Clip, Sigmoid, Round, Erf, Tanh, Sqrt, Gelu, Pow, LeakyRelu, HardSigmoid, HardSwish,
 * Elu, Selu, Celu, ThresholdedRelu, Softsign, PRelu. */
#include <string.h>

#include "frontend/onnx/import.h"

/* One input, one output, no attributes: the lb op of the same name. */
static lb_status_t import_unary(lb_onnx_node_t *n, lb_op_kind_t kind) {
  MlirValue x, y;
  LB_RETURN_IF_ERROR(lb_onnx_outputs(n, 1));
  LB_RETURN_IF_ERROR(lb_onnx_input(n, 0, &x));
  LB_RETURN_IF_ERROR(lb_onnx_build(n, lb_build_unary(lb_onnx_builder(n), kind, x, &y)));
  return lb_onnx_define(n, 0, y);
}

static lb_status_t import_relu(lb_onnx_node_t *n) { return import_unary(n, LB_OP_RELU); }
static lb_status_t import_sigmoid(lb_onnx_node_t *n) { return import_unary(n, LB_OP_SIGMOID); }
static lb_status_t import_round(lb_onnx_node_t *n) { return import_unary(n, LB_OP_ROUND); }
static lb_status_t import_erf(lb_onnx_node_t *n) { return import_unary(n, LB_OP_ERF); }
static lb_status_t import_tanh(lb_onnx_node_t *n) { return import_unary(n, LB_OP_TANH); }
static lb_status_t import_sqrt(lb_onnx_node_t *n) { return import_unary(n, LB_OP_SQRT); }

static lb_status_t import_leaky_relu(lb_onnx_node_t *n) {
  static const char *const known[] = {"alpha", NULL};
  MlirValue x, y;
  LB_RETURN_IF_ERROR(lb_onnx_check_attrs(n, known));
  LB_RETURN_IF_ERROR(lb_onnx_outputs(n, 1));
  LB_RETURN_IF_ERROR(lb_onnx_input(n, 0, &x));
  LB_RETURN_IF_ERROR(lb_onnx_build(n, lb_build_leaky_relu(lb_onnx_builder(n), x, lb_onnx_attr_float(n, "alpha", 0.01f), &y)));
  return lb_onnx_define(n, 0, y);
}

/* An activation with up to two float attributes, ONNX defaults da, db. */
static lb_status_t import_unary_ab(lb_onnx_node_t *n, lb_op_kind_t kind, const char *a, float da, const char *b,
                                   float db) {
  const char *known[3] = {a, b, NULL};
  if (!a) known[0] = b, known[1] = NULL;
  MlirValue x, y;
  LB_RETURN_IF_ERROR(lb_onnx_check_attrs(n, known));
  LB_RETURN_IF_ERROR(lb_onnx_outputs(n, 1));
  LB_RETURN_IF_ERROR(lb_onnx_input(n, 0, &x));
  LB_RETURN_IF_ERROR(lb_onnx_build(n, lb_build_unary_ab(lb_onnx_builder(n), kind, x, a, a ? lb_onnx_attr_float(n, a, da) : 0,
                                                        b, b ? lb_onnx_attr_float(n, b, db) : 0, &y)));
  return lb_onnx_define(n, 0, y);
}
static lb_status_t import_hard_sigmoid(lb_onnx_node_t *n) {
  return import_unary_ab(n, LB_OP_HARD_SIGMOID, "alpha", 0.2f, "beta", 0.5f);
}
/* HardSwish has no attributes: alpha = 1/6 and beta = 0.5 are fixed */
static lb_status_t import_hard_swish(lb_onnx_node_t *n) {
  MlirValue x, y;
  static const char *const known[] = {NULL};
  LB_RETURN_IF_ERROR(lb_onnx_check_attrs(n, known));
  LB_RETURN_IF_ERROR(lb_onnx_outputs(n, 1));
  LB_RETURN_IF_ERROR(lb_onnx_input(n, 0, &x));
  LB_RETURN_IF_ERROR(lb_onnx_build(
      n, lb_build_unary_ab(lb_onnx_builder(n), LB_OP_HARD_SWISH, x, "alpha", 1.0f / 6.0f, "beta", 0.5f, &y)));
  return lb_onnx_define(n, 0, y);
}
static lb_status_t import_elu(lb_onnx_node_t *n) { return import_unary_ab(n, LB_OP_ELU, "alpha", 1.0f, NULL, 0); }
static lb_status_t import_selu(lb_onnx_node_t *n) {
  return import_unary_ab(n, LB_OP_SELU, "alpha", 1.67326319217681884765625f, "gamma", 1.05070102214813232421875f);
}
static lb_status_t import_celu(lb_onnx_node_t *n) { return import_unary_ab(n, LB_OP_CELU, "alpha", 1.0f, NULL, 0); }
static lb_status_t import_thresholded_relu(lb_onnx_node_t *n) {
  return import_unary_ab(n, LB_OP_THRESHOLDED_RELU, "alpha", 1.0f, NULL, 0);
}
static lb_status_t import_softsign(lb_onnx_node_t *n) { return import_unary_ab(n, LB_OP_SOFTSIGN, NULL, 0, NULL, 0); }

/* Gelu (opset 20): approximate "none" (erf) or "tanh". */
static lb_status_t import_gelu(lb_onnx_node_t *n) {
  static const char *const known[] = {"approximate", NULL};
  MlirValue x, y;
  char buf[16];
  LB_RETURN_IF_ERROR(lb_onnx_check_attrs(n, known));
  LB_RETURN_IF_ERROR(lb_onnx_outputs(n, 1));
  LB_RETURN_IF_ERROR(lb_onnx_input(n, 0, &x));
  const char *ap = lb_onnx_attr_str(n, "approximate", buf, sizeof buf, "none");
  if (strcmp(ap, "none") && strcmp(ap, "tanh"))
    return lb_onnx_fail(n, LB_STATUS_INVALID_ARGUMENT, "approximate must be none or tanh");
  LB_RETURN_IF_ERROR(lb_onnx_build(n, lb_build_gelu(lb_onnx_builder(n), x, !strcmp(ap, "tanh"), &y)));
  return lb_onnx_define(n, 0, y);
}

/* Pow with a constant scalar exponent of 0.5, 1, 2 or 3 (what exporters
 * write: LayerNorm's square, sqrt); others are not supported. */
static lb_status_t import_pow(lb_onnx_node_t *n) {
  MlirValue x, y;
  const lb_tensor_t *e;
  LB_RETURN_IF_ERROR(lb_onnx_outputs(n, 1));
  LB_RETURN_IF_ERROR(lb_onnx_input(n, 0, &x));
  LB_RETURN_IF_ERROR(lb_onnx_const_input(n, 1, &e));
  double p = lb_tensor_count(e) == 1 ? lb_tensor_get(e, 0) : -1;
  lb_builder_t *b = lb_onnx_builder(n);
  if (p == 1) return lb_onnx_forward(n, 0, 0);
  if (p == 0.5) LB_RETURN_IF_ERROR(lb_onnx_build(n, lb_build_unary(b, LB_OP_SQRT, x, &y)));
  else if (p == 2 || p == 3) {
    LB_RETURN_IF_ERROR(lb_onnx_build(n, lb_build_binary(b, LB_OP_MUL, x, x, &y)));
    if (p == 3) LB_RETURN_IF_ERROR(lb_onnx_build(n, lb_build_binary(b, LB_OP_MUL, y, x, &y)));
  } else {
    return lb_onnx_fail(n, LB_STATUS_UNIMPLEMENTED, "Pow is supported with a constant exponent of 0.5, 1, 2 or 3");
  }
  return lb_onnx_define(n, 0, y);
}

/* Opset 11+: optional min/max inputs (f32 scalars known at import). */
static lb_status_t import_clip(lb_onnx_node_t *n) {
  MlirValue x, y;
  LB_RETURN_IF_ERROR(lb_onnx_outputs(n, 1));
  LB_RETURN_IF_ERROR(lb_onnx_input(n, 0, &x));
  float lo = -3.4028234663852886e38f, hi = 3.4028234663852886e38f;
  for (size_t i = 1; i <= 2; ++i) {
    if (!lb_onnx_has_input(n, i)) continue;
    const lb_tensor_t *t;
    LB_RETURN_IF_ERROR(lb_onnx_const_input(n, i, &t));
    if (t->dtype != LB_DT_F32 || lb_tensor_count(t) != 1)
      return lb_onnx_fail(n, LB_STATUS_UNIMPLEMENTED, "min/max must be f32 scalars");
    *(i == 1 ? &lo : &hi) = *(const float *)t->data;
  }
  if (lo != lo || hi != hi) return lb_onnx_fail(n, LB_STATUS_INVALID_ARGUMENT, "min/max must not be NaN");
  LB_RETURN_IF_ERROR(lb_onnx_build(n, lb_build_clip(lb_onnx_builder(n), x, lo, hi, &y)));
  return lb_onnx_define(n, 0, y);
}

/* PRelu (7+: slope broadcasts to x): x < 0 ? slope * x : x, built as
 * where(less(x, 0), mul(x, slope), x): the same float operations. */
static lb_status_t import_prelu(lb_onnx_node_t *n) {
  static const char *const known[] = {NULL};
  MlirValue x, slope, zero, neg, prod, y;
  LB_RETURN_IF_ERROR(lb_onnx_check_attrs(n, known));
  LB_RETURN_IF_ERROR(lb_onnx_outputs(n, 1));
  LB_RETURN_IF_ERROR(lb_onnx_input(n, 0, &x));
  LB_RETURN_IF_ERROR(lb_onnx_input(n, 1, &slope));
  lb_builder_t *b = lb_onnx_builder(n);
  if (lb_value_dtype(x) != LB_DT_F32 || lb_value_dtype(slope) != LB_DT_F32)
    return lb_onnx_fail(n, LB_STATUS_UNIMPLEMENTED, "only float32 PRelu is supported");
  int64_t one = 1;
  float z = 0.0f;
  MlirType zt = mlirRankedTensorTypeGet(1, &one, mlirF32TypeGet(b->ctx), mlirAttributeGetNull());
  LB_RETURN_IF_ERROR(lb_onnx_build(n, lb_build_constant(b, zt, &z, sizeof z, &zero)));
  LB_RETURN_IF_ERROR(lb_onnx_build(n, lb_build_compare(b, LB_OP_LESS, x, zero, &neg)));
  LB_RETURN_IF_ERROR(lb_onnx_build(n, lb_build_binary(b, LB_OP_MUL, x, slope, &prod)));
  LB_RETURN_IF_ERROR(lb_onnx_build(n, lb_build_where(b, neg, prod, x, &y)));
  return lb_onnx_define(n, 0, y);
}

/* Clip before opset 11: the bounds are attributes (defaults: the float
 * range). */
static lb_status_t import_clip_attrs(lb_onnx_node_t *n) {
  static const char *const known[] = {"min", "max", NULL};
  MlirValue x, y;
  LB_RETURN_IF_ERROR(lb_onnx_check_attrs(n, known));
  LB_RETURN_IF_ERROR(lb_onnx_outputs(n, 1));
  LB_RETURN_IF_ERROR(lb_onnx_input(n, 0, &x));
  float lo = lb_onnx_attr_float(n, "min", -3.4028234663852886e38f), hi = lb_onnx_attr_float(n, "max", 3.4028234663852886e38f);
  if (lo != lo || hi != hi) return lb_onnx_fail(n, LB_STATUS_INVALID_ARGUMENT, "min/max must not be NaN");
  if (lo > hi) return lb_onnx_fail(n, LB_STATUS_INVALID_ARGUMENT, "min %g is above max %g", (double)lo, (double)hi);
  LB_RETURN_IF_ERROR(lb_onnx_build(n, lb_build_clip(lb_onnx_builder(n), x, lo, hi, &y)));
  return lb_onnx_define(n, 0, y);
}

static const lb_onnx_importer_t importers[] = {
    {"", "Relu", 6, LB_ONNX_MAX_OPSET, import_relu},
    {"", "Clip", 6, 10, import_clip_attrs},
    {"", "Clip", 11, LB_ONNX_MAX_OPSET, import_clip},
    {"", "Sigmoid", 6, LB_ONNX_MAX_OPSET, import_sigmoid},
    {"", "Round", 11, LB_ONNX_MAX_OPSET, import_round},
    {"", "Erf", 9, LB_ONNX_MAX_OPSET, import_erf},
    {"", "Tanh", 6, LB_ONNX_MAX_OPSET, import_tanh},
    {"", "Sqrt", 6, LB_ONNX_MAX_OPSET, import_sqrt},
    {"", "Gelu", 20, LB_ONNX_MAX_OPSET, import_gelu},
    {"", "LeakyRelu", 6, LB_ONNX_MAX_OPSET, import_leaky_relu},
    {"", "HardSigmoid", 6, LB_ONNX_MAX_OPSET, import_hard_sigmoid},
    {"", "HardSwish", 14, LB_ONNX_MAX_OPSET, import_hard_swish},
    {"", "Elu", 6, LB_ONNX_MAX_OPSET, import_elu},
    {"", "Selu", 6, LB_ONNX_MAX_OPSET, import_selu},
    {"", "Celu", 12, LB_ONNX_MAX_OPSET, import_celu},
    {"", "ThresholdedRelu", 10, LB_ONNX_MAX_OPSET, import_thresholded_relu},
    {"", "Softsign", 1, LB_ONNX_MAX_OPSET, import_softsign},
    {"", "Pow", 7, LB_ONNX_MAX_OPSET, import_pow},
    {"", "PRelu", 7, LB_ONNX_MAX_OPSET, import_prelu},
};
LB_ONNX_REGISTER(activation, importers)
