/* MatMul and Gemm. */
#include "frontend/onnx/import.h"

static lb_status_t import_matmul(lb_onnx_node_t *n) {
  MlirValue a, b, y;
  LB_RETURN_IF_ERROR(lb_onnx_outputs(n, 1));
  LB_RETURN_IF_ERROR(lb_onnx_input(n, 0, &a));
  LB_RETURN_IF_ERROR(lb_onnx_input(n, 1, &b));
  LB_RETURN_IF_ERROR(lb_onnx_build(n, lb_build_matmul(lb_onnx_builder(n), a, b, &y)));
  return lb_onnx_define(n, 0, y);
}

static lb_status_t import_gemm(lb_onnx_node_t *n) {
  static const char *const known[] = {"alpha", "beta", "transA", "transB", NULL};
  MlirValue a, b, c, y;
  LB_RETURN_IF_ERROR(lb_onnx_outputs(n, 1));
  LB_RETURN_IF_ERROR(lb_onnx_check_attrs(n, known));
  LB_RETURN_IF_ERROR(lb_onnx_input(n, 0, &a));
  LB_RETURN_IF_ERROR(lb_onnx_input(n, 1, &b));
  LB_RETURN_IF_ERROR(lb_onnx_optional_input(n, 2, &c));
  int64_t ta = lb_onnx_attr_int(n, "transA", 0), tb = lb_onnx_attr_int(n, "transB", 0);
  if ((ta != 0 && ta != 1) || (tb != 0 && tb != 1))
    return lb_onnx_fail(n, LB_STATUS_INVALID_ARGUMENT, "transA and transB must be 0 or 1");
  LB_RETURN_IF_ERROR(lb_onnx_build(n, lb_build_gemm(lb_onnx_builder(n), a, b, c, lb_onnx_attr_float(n, "alpha", 1.0f),
                                                    lb_onnx_attr_float(n, "beta", 1.0f), (int)ta, (int)tb, &y)));
  return lb_onnx_define(n, 0, y);
}

static const lb_onnx_importer_t importers[] = {
    {"", "MatMul", 9, LB_ONNX_MAX_OPSET, import_matmul},
    {"", "Gemm", 11, LB_ONNX_MAX_OPSET, import_gemm},
};
LB_ONNX_REGISTER(linear, importers)
