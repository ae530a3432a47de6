/* Flatten, Reshape (constant shape), Transpose. */
#include "frontend/onnx/import.h"

static lb_status_t import_flatten(lb_onnx_node_t *n) {
  MlirValue x, y;
  LB_RETURN_IF_ERROR(lb_onnx_outputs(n, 1));
  LB_RETURN_IF_ERROR(lb_onnx_input(n, 0, &x));
  LB_RETURN_IF_ERROR(lb_onnx_build(n, lb_build_flatten(lb_onnx_builder(n), x, lb_onnx_attr_int(n, "axis", 1), &y)));
  return lb_onnx_define(n, 0, y);
}

static lb_status_t import_reshape(lb_onnx_node_t *n) {
  MlirValue x, y;
  LB_RETURN_IF_ERROR(lb_onnx_outputs(n, 1));
  LB_RETURN_IF_ERROR(lb_onnx_input(n, 0, &x));
  const lb_tensor_t *t;
  LB_RETURN_IF_ERROR(lb_onnx_const_input(n, 1, &t));
  if (t->dtype != LB_DT_I64 || t->rank != 1 || t->dims[0] > LB_MAX_RANK)
    return lb_onnx_fail(n, LB_STATUS_UNIMPLEMENTED, "shape must be a 1-D int64 constant of at most %d values",
                        LB_MAX_RANK);
  const int64_t *shape = t->data;
  if (lb_onnx_attr_int(n, "allowzero", 0))
    for (int64_t i = 0; i < t->dims[0]; ++i)
      if (shape[i] == 0) return lb_onnx_fail(n, LB_STATUS_UNIMPLEMENTED, "allowzero=1 with a 0 in shape");
  LB_RETURN_IF_ERROR(lb_onnx_build(n, lb_build_reshape(lb_onnx_builder(n), x, shape, (int32_t)t->dims[0], &y)));
  return lb_onnx_define(n, 0, y);
}

static lb_status_t import_transpose(lb_onnx_node_t *n) {
  MlirValue x, y;
  LB_RETURN_IF_ERROR(lb_onnx_outputs(n, 1));
  LB_RETURN_IF_ERROR(lb_onnx_input(n, 0, &x));
  int32_t r;
  int64_t d[LB_MAX_RANK], perm[LB_MAX_RANK + 1];
  if (!lb_type_get_shape(mlirValueGetType(x), &r, d)) return lb_onnx_fail(n, LB_STATUS_INTERNAL, "unranked input");
  int np = lb_onnx_attr_ints(n, "perm", perm, LB_MAX_RANK + 1);
  if (np < 0) {
    np = r;
    for (int i = 0; i < r; ++i) perm[i] = r - 1 - i;
  }
  if (np > LB_MAX_RANK) return lb_onnx_fail(n, LB_STATUS_UNIMPLEMENTED, "rank above %d", LB_MAX_RANK);
  LB_RETURN_IF_ERROR(lb_onnx_build(n, lb_build_transpose(lb_onnx_builder(n), x, perm, np, &y)));
  return lb_onnx_define(n, 0, y);
}

static const lb_onnx_importer_t importers[] = {
    {"", "Flatten", 1, LB_ONNX_MAX_OPSET, import_flatten},
    {"", "Reshape", 5, LB_ONNX_MAX_OPSET, import_reshape},
    {"", "Transpose", 1, LB_ONNX_MAX_OPSET, import_transpose},
};
LB_ONNX_REGISTER(layout, importers)
