/* Cast. */
#include "frontend/onnx/import.h"
#include "frontend/onnx/onnx_load.h"

static lb_status_t import_cast(lb_onnx_node_t *n) {
  static const char *const known[] = {"to", "saturate", NULL};
  MlirValue x, y;
  LB_RETURN_IF_ERROR(lb_onnx_check_attrs(n, known));
  LB_RETURN_IF_ERROR(lb_onnx_outputs(n, 1));
  LB_RETURN_IF_ERROR(lb_onnx_input(n, 0, &x));
  if (!lb_onnx_attr(n, "to")) return lb_onnx_fail(n, LB_STATUS_INVALID_ARGUMENT, "attribute 'to' is required");
  int64_t to = lb_onnx_attr_int(n, "to", 0);
  lb_dtype_t dt;
  if (to < INT32_MIN || to > INT32_MAX || !lb_onnx_dtype((int32_t)to, &dt) || lb_dtype_is_subbyte(dt))
    return lb_onnx_fail(n, LB_STATUS_UNIMPLEMENTED, "cast to ONNX element type %lld is not supported", (long long)to);
  if (lb_value_dtype(x) == dt) return lb_onnx_forward(n, 0, 0);
  LB_RETURN_IF_ERROR(lb_onnx_build(n, lb_build_cast(lb_onnx_builder(n), x, dt, &y)));
  return lb_onnx_define(n, 0, y);
}

static const lb_onnx_importer_t importers[] = {
    {"", "Cast", 6, LB_ONNX_MAX_OPSET, import_cast},
};
LB_ONNX_REGISTER(cast, importers)
