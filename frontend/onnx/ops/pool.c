/* MaxPool, AveragePool (2-D), GlobalAveragePool. */
#include "frontend/onnx/import.h"

static lb_status_t import_pool(lb_onnx_node_t *n) {
  bool is_max = lb_onnx_proto(n)->op_type[0] == 'M';
  MlirValue x, y;
  LB_RETURN_IF_ERROR(lb_onnx_outputs(n, 1));
  LB_RETURN_IF_ERROR(lb_onnx_input(n, 0, &x));
  int64_t k[8];
  if (lb_onnx_attr_ints(n, "kernel_shape", k, 8) != 2)
    return lb_onnx_fail(n, LB_STATUS_UNIMPLEMENTED, "only 2-D pooling with a kernel_shape of 2 values is supported");
  lb_window_attrs_t wa;
  LB_RETURN_IF_ERROR(lb_onnx_window(n, x, k, &wa));
  if (!is_max && (wa.dilations[0] != 1 || wa.dilations[1] != 1))
    return lb_onnx_fail(n, LB_STATUS_UNIMPLEMENTED, "dilated average pooling is not supported");
  wa.ceil_mode = lb_onnx_attr_int(n, "ceil_mode", 0);
  wa.count_include_pad = lb_onnx_attr_int(n, "count_include_pad", 0);
  if (lb_onnx_attr_int(n, "storage_order", 0) != 0)
    return lb_onnx_fail(n, LB_STATUS_UNIMPLEMENTED, "storage_order=1 is not supported");
  LB_RETURN_IF_ERROR(
      lb_onnx_build(n, lb_build_pool(lb_onnx_builder(n), is_max ? LB_OP_MAX_POOL : LB_OP_AVG_POOL, x, &wa, &y)));
  return lb_onnx_define(n, 0, y);
}

static lb_status_t import_gap(lb_onnx_node_t *n) {
  MlirValue x, y;
  LB_RETURN_IF_ERROR(lb_onnx_outputs(n, 1));
  LB_RETURN_IF_ERROR(lb_onnx_input(n, 0, &x));
  LB_RETURN_IF_ERROR(lb_onnx_build(n, lb_build_unary(lb_onnx_builder(n), LB_OP_GLOBAL_AVG_POOL, x, &y)));
  return lb_onnx_define(n, 0, y);
}

static const lb_onnx_importer_t importers[] = {
    {"", "MaxPool", 1, LB_ONNX_MAX_OPSET, import_pool},
    {"", "AveragePool", 7, LB_ONNX_MAX_OPSET, import_pool},
    {"", "GlobalAveragePool", 1, LB_ONNX_MAX_OPSET, import_gap},
};
LB_ONNX_REGISTER(pool, importers)
