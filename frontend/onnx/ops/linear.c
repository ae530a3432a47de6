/* MatMul and Gemm. */
#include "frontend/onnx/import.h"

/* numpy matmul: a rank-1 a is a row [1, K], a rank-1 b a column [K, 1],
 * and the added dim is removed from the result. */
static lb_status_t import_matmul(lb_onnx_node_t *n) {
  MlirValue a, b, y;
  LB_RETURN_IF_ERROR(lb_onnx_outputs(n, 1));
  LB_RETURN_IF_ERROR(lb_onnx_input(n, 0, &a));
  LB_RETURN_IF_ERROR(lb_onnx_input(n, 1, &b));
  lb_builder_t *bl = lb_onnx_builder(n);
  int32_t ra, rb;
  int64_t da[LB_MAX_RANK], db[LB_MAX_RANK];
  if (!lb_type_get_shape(mlirValueGetType(a), &ra, da) || !lb_type_get_shape(mlirValueGetType(b), &rb, db))
    return lb_onnx_fail(n, LB_STATUS_INTERNAL, "unranked operand");
  if (ra == 0 || rb == 0) return lb_onnx_fail(n, LB_STATUS_INVALID_ARGUMENT, "MatMul operands must not be scalars");
  if (ra == 1) {
    int64_t s[2] = {1, -1};
    LB_RETURN_IF_ERROR(lb_onnx_build(n, lb_build_reshape(bl, a, s, 2, &a)));
  }
  if (rb == 1) {
    int64_t s[2] = {-1, 1};
    LB_RETURN_IF_ERROR(lb_onnx_build(n, lb_build_reshape(bl, b, s, 2, &b)));
  }
  LB_RETURN_IF_ERROR(lb_onnx_build(n, lb_build_matmul(bl, a, b, &y)));
  if (ra == 1 || rb == 1) {
    int32_t ry;
    int64_t dy[LB_MAX_RANK], s[LB_MAX_RANK];
    lb_type_get_shape(mlirValueGetType(y), &ry, dy);
    int32_t k = 0;
    for (int32_t i = 0; i < ry; ++i) {
      if ((ra == 1 && i == ry - 2) || (rb == 1 && i == ry - 1)) continue;
      s[k++] = dy[i] == LB_DYN ? 0 : dy[i];
    }
    /* vector . vector: a scalar (rank 0), as numpy gives */
    LB_RETURN_IF_ERROR(lb_onnx_build(n, lb_build_reshape(bl, y, s, k, &y)));
  }
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
    {"", "MatMul", 1, LB_ONNX_MAX_OPSET, import_matmul},
    {"", "Gemm", 7, LB_ONNX_MAX_OPSET, import_gemm},
};
LB_ONNX_REGISTER(linear, importers)
