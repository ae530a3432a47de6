/* Add, Sub, Mul, Div (float, numpy broadcasting). */
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

static const lb_onnx_importer_t importers[] = {
    {"", "Add", 7, LB_ONNX_MAX_OPSET, import_binary},
    {"", "Sub", 7, LB_ONNX_MAX_OPSET, import_binary},
    {"", "Mul", 7, LB_ONNX_MAX_OPSET, import_binary},
    {"", "Div", 7, LB_ONNX_MAX_OPSET, import_binary},
};
LB_ONNX_REGISTER(binary, importers)
