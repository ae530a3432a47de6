/* Elementwise activations: Relu, Clip, Sigmoid, Round. */
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

static const lb_onnx_importer_t importers[] = {
    {"", "Relu", 6, LB_ONNX_MAX_OPSET, import_relu},
    {"", "Clip", 11, LB_ONNX_MAX_OPSET, import_clip},
    {"", "Sigmoid", 6, LB_ONNX_MAX_OPSET, import_sigmoid},
    {"", "Round", 11, LB_ONNX_MAX_OPSET, import_round},
};
LB_ONNX_REGISTER(activation, importers)
