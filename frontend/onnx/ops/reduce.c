/* ReduceSum, ReduceMean, ReduceMax, ReduceMin (float). The axes are an
 * attribute up to opset 17 (ReduceSum: 12) and an optional constant input
 * after; no axes means every axis unless noop_with_empty_axes. */
#include <string.h>

#include "frontend/onnx/import.h"

static lb_status_t import_reduce(lb_onnx_node_t *n) {
  static const char *const known[] = {"axes", "keepdims", "noop_with_empty_axes", NULL};
  const char *opt = lb_onnx_proto(n)->op_type;
  lb_op_kind_t k = !strcmp(opt, "ReduceSum")    ? LB_OP_REDUCE_SUM
                   : !strcmp(opt, "ReduceMean") ? LB_OP_REDUCE_MEAN
                   : !strcmp(opt, "ReduceMax")  ? LB_OP_REDUCE_MAX
                                                : LB_OP_REDUCE_MIN;
  bool axes_input = lb_onnx_opset(n) >= (k == LB_OP_REDUCE_SUM ? 13 : 18);
  MlirValue x, y;
  LB_RETURN_IF_ERROR(lb_onnx_check_attrs(n, known));
  LB_RETURN_IF_ERROR(lb_onnx_outputs(n, 1));
  LB_RETURN_IF_ERROR(lb_onnx_input(n, 0, &x));
  if (lb_value_dtype(x) != LB_DT_F32) return lb_onnx_fail(n, LB_STATUS_UNIMPLEMENTED, "only float32 is supported");
  int32_t r;
  int64_t d[LB_MAX_RANK], axes[LB_MAX_RANK + 1];
  lb_type_get_shape(mlirValueGetType(x), &r, d);
  int na = -1;
  if (axes_input) {
    if (lb_onnx_attr(n, "axes")) return lb_onnx_fail(n, LB_STATUS_INVALID_ARGUMENT, "axes is an input since this opset");
    if (lb_onnx_has_input(n, 1)) {
      const lb_tensor_t *t;
      LB_RETURN_IF_ERROR(lb_onnx_const_input(n, 1, &t));
      if (t->dtype != LB_DT_I64 || t->rank > 1 || lb_tensor_count(t) > LB_MAX_RANK)
        return lb_onnx_fail(n, LB_STATUS_INVALID_ARGUMENT, "axes must be a 1-D int64 tensor of at most %d axes",
                            LB_MAX_RANK);
      na = (int)lb_tensor_count(t);
      for (int i = 0; i < na; ++i) axes[i] = ((const int64_t *)t->data)[i];
    }
  } else {
    na = lb_onnx_attr_ints(n, "axes", axes, LB_MAX_RANK + 1);
    if (na > LB_MAX_RANK) return lb_onnx_fail(n, LB_STATUS_INVALID_ARGUMENT, "too many axes");
  }
  if (na <= 0) {
    if (na == 0 && lb_onnx_attr_int(n, "noop_with_empty_axes", 0)) return lb_onnx_forward(n, 0, 0);
    na = r;
    for (int i = 0; i < r; ++i) axes[i] = i;
  }
  bool seen[LB_MAX_RANK] = {false};
  for (int i = 0; i < na; ++i) {
    if (axes[i] < -r || axes[i] >= r)
      return lb_onnx_fail(n, LB_STATUS_INVALID_ARGUMENT, "axis %lld out of range for rank %d", (long long)axes[i], r);
    int64_t a = axes[i] < 0 ? axes[i] + r : axes[i];
    if (seen[a]) return lb_onnx_fail(n, LB_STATUS_INVALID_ARGUMENT, "axis %lld is repeated", (long long)a);
    seen[a] = true;
  }
  int m = 0;
  for (int a = 0; a < r; ++a)
    if (seen[a]) axes[m++] = a;
  int64_t keep = lb_onnx_attr_int(n, "keepdims", 1);
  LB_RETURN_IF_ERROR(lb_onnx_build(n, lb_build_reduce(lb_onnx_builder(n), k, x, axes, m, keep != 0, &y)));
  return lb_onnx_define(n, 0, y);
}

static const lb_onnx_importer_t importers[] = {
    {"", "ReduceSum", 1, LB_ONNX_MAX_OPSET, import_reduce},
    {"", "ReduceMean", 1, LB_ONNX_MAX_OPSET, import_reduce},
    {"", "ReduceMax", 1, LB_ONNX_MAX_OPSET, import_reduce},
    {"", "ReduceMin", 1, LB_ONNX_MAX_OPSET, import_reduce},
};
LB_ONNX_REGISTER(reduce, importers)
