/* Conv (2-D). */
#include "frontend/onnx/import.h"

static lb_status_t import_conv(lb_onnx_node_t *n) {
  static const char *const known[] = {"auto_pad", "dilations", "group", "kernel_shape", "pads", "strides", NULL};
  MlirValue x, w, b, y;
  LB_RETURN_IF_ERROR(lb_onnx_outputs(n, 1));
  LB_RETURN_IF_ERROR(lb_onnx_check_attrs(n, known));
  LB_RETURN_IF_ERROR(lb_onnx_input(n, 0, &x));
  LB_RETURN_IF_ERROR(lb_onnx_input(n, 1, &w));
  LB_RETURN_IF_ERROR(lb_onnx_optional_input(n, 2, &b));
  int32_t r;
  int64_t wd[LB_MAX_RANK];
  if (!lb_type_get_shape(mlirValueGetType(w), &r, wd) || r != 4)
    return lb_onnx_fail(n, LB_STATUS_UNIMPLEMENTED, "only 2-D convolution (4-D weight) is supported");
  int64_t k[2] = {wd[2], wd[3]}, ks[8];
  int nk = lb_onnx_attr_ints(n, "kernel_shape", ks, 8);
  if (nk >= 0 && (nk != 2 || ks[0] != k[0] || ks[1] != k[1]))
    return lb_onnx_fail(n, LB_STATUS_INVALID_ARGUMENT,
                        "kernel_shape does not match the weight's spatial dims [%lld, %lld]", (long long)k[0],
                        (long long)k[1]);
  lb_window_attrs_t wa;
  LB_RETURN_IF_ERROR(lb_onnx_window(n, x, k, &wa));
  wa.group = lb_onnx_attr_int(n, "group", 1);
  LB_RETURN_IF_ERROR(lb_onnx_build(n, lb_build_conv2d(lb_onnx_builder(n), x, w, b, &wa, &y)));
  return lb_onnx_define(n, 0, y);
}

static const lb_onnx_importer_t importers[] = {
    {"", "Conv", 1, LB_ONNX_MAX_OPSET, import_conv},
};
LB_ONNX_REGISTER(conv, importers)
