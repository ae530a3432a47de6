/* BatchNormalization (inference) and Softmax. */
#include <string.h>

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

/* LayerNormalization (17): axis (-1), epsilon (1e-5); Y only.
 * SimplifiedLayerNormalization (onnxruntime's RMSNorm in the default
 * domain): the same attributes, no bias. */
static lb_status_t import_layer_norm(lb_onnx_node_t *n) {
  static const char *const known[] = {"axis", "epsilon", "stash_type", NULL};
  bool rms = !strcmp(lb_onnx_proto(n)->op_type, "SimplifiedLayerNormalization");
  MlirValue x, s, bias = {NULL}, y;
  LB_RETURN_IF_ERROR(lb_onnx_check_attrs(n, known));
  size_t nout = lb_onnx_proto(n)->n_output;
  if (nout > (rms ? 2 : 3)) return lb_onnx_fail(n, LB_STATUS_INVALID_ARGUMENT, "has %zu outputs", nout);
  LB_RETURN_IF_ERROR(lb_onnx_outputs(n, nout ? nout : 1));
  LB_RETURN_IF_ERROR(lb_onnx_input(n, 0, &x));
  LB_RETURN_IF_ERROR(lb_onnx_input(n, 1, &s));
  if (!rms) LB_RETURN_IF_ERROR(lb_onnx_optional_input(n, 2, &bias));
  int32_t r;
  int64_t d[LB_MAX_RANK];
  lb_type_get_shape(mlirValueGetType(x), &r, d);
  int64_t axis = lb_onnx_attr_int(n, "axis", -1);
  if (axis < -r || axis >= r) return lb_onnx_fail(n, LB_STATUS_INVALID_ARGUMENT, "axis %lld out of range", (long long)axis);
  if (axis < 0) axis += r;
  float eps = lb_onnx_attr_float(n, "epsilon", 1e-5f);
  lb_builder_t *b = lb_onnx_builder(n);
  LB_RETURN_IF_ERROR(
      lb_onnx_build(n, lb_build_layer_norm(b, rms ? LB_OP_RMS_NORM : LB_OP_LAYER_NORM, x, s, bias, axis, eps, &y)));
  LB_RETURN_IF_ERROR(lb_onnx_define(n, 0, y));
  if (nout <= 1) return LB_OK;
  /* the optional Mean and InvStdDev (reduced dims kept as 1) from
   * elementary ops: mean = reduce_mean(x), invstd = 1 / sqrt(reduce_mean((x
   * - mean)^2) + eps) (for RMS, invstd of the mean square) */
  int64_t axes[LB_MAX_RANK];
  int32_t na = 0;
  for (int64_t a = axis; a < r; ++a) axes[na++] = a;
  MlirValue mean = {NULL}, c = x, sq, var, e, one, sd, inv;
  if (!rms) {
    LB_RETURN_IF_ERROR(lb_onnx_build(n, lb_build_reduce(b, LB_OP_REDUCE_MEAN, x, axes, na, true, &mean)));
    LB_RETURN_IF_ERROR(lb_onnx_build(n, lb_build_binary(b, LB_OP_SUB, x, mean, &c)));
  }
  LB_RETURN_IF_ERROR(lb_onnx_build(n, lb_build_binary(b, LB_OP_MUL, c, c, &sq)));
  LB_RETURN_IF_ERROR(lb_onnx_build(n, lb_build_reduce(b, LB_OP_REDUCE_MEAN, sq, axes, na, true, &var)));
  int64_t dims1[1] = {1};
  float one_f = 1.0f;
  MlirType t1 = lb_tensor_type(b->ctx, 1, dims1, mlirF32TypeGet(b->ctx));
  LB_RETURN_IF_ERROR(lb_onnx_build(n, lb_build_constant(b, t1, &eps, sizeof eps, &e)));
  LB_RETURN_IF_ERROR(lb_onnx_build(n, lb_build_constant(b, t1, &one_f, sizeof one_f, &one)));
  LB_RETURN_IF_ERROR(lb_onnx_build(n, lb_build_binary(b, LB_OP_ADD, var, e, &var)));
  LB_RETURN_IF_ERROR(lb_onnx_build(n, lb_build_unary(b, LB_OP_SQRT, var, &sd)));
  LB_RETURN_IF_ERROR(lb_onnx_build(n, lb_build_binary(b, LB_OP_DIV, one, sd, &inv)));
  if (rms) return lb_onnx_define(n, 1, inv);
  if (lb_onnx_proto(n)->output[1][0]) LB_RETURN_IF_ERROR(lb_onnx_define(n, 1, mean));
  if (nout > 2 && lb_onnx_proto(n)->output[2][0]) LB_RETURN_IF_ERROR(lb_onnx_define(n, 2, inv));
  return LB_OK;
}

static const lb_onnx_importer_t importers[] = {
    {"", "BatchNormalization", 9, LB_ONNX_MAX_OPSET, import_batchnorm},
    {"", "Softmax", 1, 12, import_softmax_1},
    {"", "Softmax", 13, LB_ONNX_MAX_OPSET, import_softmax_13},
    {"", "LayerNormalization", 17, LB_ONNX_MAX_OPSET, import_layer_norm},
    {"", "SimplifiedLayerNormalization", 1, LB_ONNX_MAX_OPSET, import_layer_norm},
};
LB_ONNX_REGISTER(norm, importers)
