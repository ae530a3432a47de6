/* Add, Sub, Mul, Div, Min, Max (float, numpy broadcasting). */
#include <string.h>

#include "frontend/onnx/import.h"

static lb_status_t import_binary(lb_onnx_node_t *n) {
  const char *op = lb_onnx_proto(n)->op_type;
  lb_op_kind_t k = !strcmp(op, "Add") ? LB_OP_ADD : !strcmp(op, "Sub") ? LB_OP_SUB : !strcmp(op, "Mul") ? LB_OP_MUL : LB_OP_DIV;
  MlirValue a, b, y;
  LB_RETURN_IF_ERROR(lb_onnx_outputs(n, 1));
  LB_RETURN_IF_ERROR(lb_onnx_input(n, 0, &a));
  LB_RETURN_IF_ERROR(lb_onnx_input(n, 1, &b));
  LB_RETURN_IF_ERROR(lb_onnx_build(n, lb_build_binary(lb_onnx_builder(n), k, a, b, &y)));
  return lb_onnx_define(n, 0, y);
}

/* Min and Max take one or more inputs: folded left to right. */
static lb_status_t import_minmax(lb_onnx_node_t *n) {
  lb_op_kind_t k = !strcmp(lb_onnx_proto(n)->op_type, "Min") ? LB_OP_MIN : LB_OP_MAX;
  size_t nin = lb_onnx_proto(n)->n_input;
  MlirValue acc, x;
  LB_RETURN_IF_ERROR(lb_onnx_outputs(n, 1));
  if (nin == 0) return lb_onnx_fail(n, LB_STATUS_INVALID_ARGUMENT, "needs at least one input");
  if (nin == 1) return lb_onnx_forward(n, 0, 0);
  LB_RETURN_IF_ERROR(lb_onnx_input(n, 0, &acc));
  for (size_t i = 1; i < nin; ++i) {
    LB_RETURN_IF_ERROR(lb_onnx_input(n, i, &x));
    LB_RETURN_IF_ERROR(lb_onnx_build(n, lb_build_binary(lb_onnx_builder(n), k, acc, x, &acc)));
  }
  return lb_onnx_define(n, 0, acc);
}

static const lb_onnx_importer_t importers[] = {
    {"", "Add", 7, LB_ONNX_MAX_OPSET, import_binary},
    {"", "Sub", 7, LB_ONNX_MAX_OPSET, import_binary},
    {"", "Mul", 7, LB_ONNX_MAX_OPSET, import_binary},
    {"", "Div", 7, LB_ONNX_MAX_OPSET, import_binary},
    {"", "Min", 8, LB_ONNX_MAX_OPSET, import_minmax},
    {"", "Max", 8, LB_ONNX_MAX_OPSET, import_minmax},
};
LB_ONNX_REGISTER(binary, importers)
