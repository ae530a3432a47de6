/* BatchNormalization (inference) and Softmax. */
#include "frontend/onnx/import.h"

static lb_status_t import_batchnorm(lb_onnx_node_t *n) {
  if (lb_onnx_attr_int(n, "training_mode", 0)) return lb_onnx_fail(n, LB_STATUS_UNIMPLEMENTED, "training_mode=1");
  LB_RETURN_IF_ERROR(lb_onnx_outputs(n, 1));
  MlirValue p[5], y;
  for (size_t i = 0; i < 5; ++i) LB_RETURN_IF_ERROR(lb_onnx_input(n, i, &p[i]));
  LB_RETURN_IF_ERROR(lb_onnx_build(n, lb_build_batchnorm(lb_onnx_builder(n), p[0], p[1], p[2], p[3], p[4],
                                                         lb_onnx_attr_float(n, "epsilon", 1e-5f), &y)));
  return lb_onnx_define(n, 0, y);
}

/* Opset 13+: softmax along `axis` (default -1). Before 13: over the input
 * coerced to 2-D at `axis` (default 1), i.e. over all trailing dims. */
static lb_status_t import_softmax(lb_onnx_node_t *n, bool old) {
  MlirValue x, y;
  LB_RETURN_IF_ERROR(lb_onnx_outputs(n, 1));
  LB_RETURN_IF_ERROR(lb_onnx_input(n, 0, &x));
  lb_builder_t *b = lb_onnx_builder(n);
  int32_t r;
  int64_t d[LB_MAX_RANK];
  if (!lb_type_get_shape(mlirValueGetType(x), &r, d)) return lb_onnx_fail(n, LB_STATUS_INTERNAL, "unranked input");
  int64_t axis = lb_onnx_attr_int(n, "axis", old ? 1 : -1);
  if (axis < -r || axis >= r) return lb_onnx_fail(n, LB_STATUS_INVALID_ARGUMENT, "axis %lld out of range", (long long)axis);
  if (axis < 0) axis += r;
  if (!old || axis == r - 1) {
    LB_RETURN_IF_ERROR(lb_onnx_build(n, lb_build_softmax(b, x, axis, &y)));
    return lb_onnx_define(n, 0, y);
  }
  int64_t back[LB_MAX_RANK];
  int ndyn = 0;
  for (int i = 0; i < r; ++i) {
    back[i] = d[i] == LB_DYN ? -1 : d[i];
    ndyn += d[i] == LB_DYN;
  }
  if (ndyn > 1) return lb_onnx_fail(n, LB_STATUS_UNIMPLEMENTED, "softmax (opset < 13) with more than one dynamic dim");
  MlirValue f, s;
  LB_RETURN_IF_ERROR(lb_onnx_build(n, lb_build_flatten(b, x, axis, &f)));
  LB_RETURN_IF_ERROR(lb_onnx_build(n, lb_build_softmax(b, f, 1, &s)));
  LB_RETURN_IF_ERROR(lb_onnx_build(n, lb_build_reshape(b, s, back, r, &y)));
  return lb_onnx_define(n, 0, y);
}

static lb_status_t import_softmax_1(lb_onnx_node_t *n) { return import_softmax(n, true); }
static lb_status_t import_softmax_13(lb_onnx_node_t *n) { return import_softmax(n, false); }

static const lb_onnx_importer_t importers[] = {
    {"", "BatchNormalization", 9, LB_ONNX_MAX_OPSET, import_batchnorm},
    {"", "Softmax", 1, 12, import_softmax_1},
    {"", "Softmax", 13, LB_ONNX_MAX_OPSET, import_softmax_13},
};
LB_ONNX_REGISTER(norm, importers)
