/* Graph plumbing: Constant, Identity, Dropout (inference). */
#include <string.h>

#include "frontend/onnx/import.h"

static lb_status_t import_constant(lb_onnx_node_t *n) {
  LB_RETURN_IF_ERROR(lb_onnx_outputs(n, 1));
  const Onnx__AttributeProto *a;
  lb_tensor_t t;
  memset(&t, 0, sizeof t);
  if ((a = lb_onnx_attr(n, "value")) && a->t) {
    if (lb_onnx_tensor_is_empty_1d(a->t)) return lb_onnx_define_empty(n, 0);
    LB_RETURN_IF_ERROR(lb_onnx_build(n, lb_onnx_tensor_decode(lb_onnx_model(n), a->t, &t)));
  } else if ((a = lb_onnx_attr(n, "value_float")) && a->has_f) {
    if (lb_tensor_alloc(&t, LB_DT_F32, 0, NULL)) return LB_ERROR(LB_STATUS_RESOURCE_EXHAUSTED, "out of memory");
    *(float *)t.data = a->f;
  } else if ((a = lb_onnx_attr(n, "value_int")) && a->has_i) {
    if (lb_tensor_alloc(&t, LB_DT_I64, 0, NULL)) return LB_ERROR(LB_STATUS_RESOURCE_EXHAUSTED, "out of memory");
    *(int64_t *)t.data = a->i;
  } else if ((a = lb_onnx_attr(n, "value_ints"))) {
    int64_t d[1] = {(int64_t)a->n_ints};
    if (!a->n_ints) return lb_onnx_fail(n, LB_STATUS_INVALID_ARGUMENT, "empty value_ints");
    if (lb_tensor_alloc(&t, LB_DT_I64, 1, d)) return LB_ERROR(LB_STATUS_RESOURCE_EXHAUSTED, "out of memory");
    memcpy(t.data, a->ints, sizeof(int64_t) * a->n_ints);
  } else if ((a = lb_onnx_attr(n, "value_floats"))) {
    int64_t d[1] = {(int64_t)a->n_floats};
    if (!a->n_floats) return lb_onnx_fail(n, LB_STATUS_INVALID_ARGUMENT, "empty value_floats");
    if (lb_tensor_alloc(&t, LB_DT_F32, 1, d)) return LB_ERROR(LB_STATUS_RESOURCE_EXHAUSTED, "out of memory");
    memcpy(t.data, a->floats, sizeof(float) * a->n_floats);
  } else {
    return lb_onnx_fail(n, LB_STATUS_UNIMPLEMENTED, "Constant needs a tensor, float(s) or int(s) value");
  }
  return lb_onnx_define_const(n, 0, &t);
}

/* ConstantOfShape (9-21): a constant of the given static shape filled with
 * `value` (one element; float 0 by default). An empty shape is a scalar. */
static lb_status_t import_constant_of_shape(lb_onnx_node_t *n) {
  LB_RETURN_IF_ERROR(lb_onnx_outputs(n, 1));
  int64_t dims[LB_MAX_RANK];
  int32_t rank = 0;
  if (lb_onnx_has_input(n, 0)) {
    const lb_tensor_t *st;
    LB_RETURN_IF_ERROR(lb_onnx_const_input(n, 0, &st));
    if (st->rank != 1 || st->dtype != LB_DT_I64)
      return lb_onnx_fail(n, LB_STATUS_INVALID_ARGUMENT, "the shape must be a 1-D int64 tensor");
    if (st->dims[0] > LB_MAX_RANK) return lb_onnx_fail(n, LB_STATUS_UNIMPLEMENTED, "rank above %d", LB_MAX_RANK);
    rank = (int32_t)st->dims[0];
    for (int32_t i = 0; i < rank; ++i) {
      dims[i] = ((const int64_t *)st->data)[i];
      if (dims[i] < 0) return lb_onnx_fail(n, LB_STATUS_INVALID_ARGUMENT, "negative dim %lld", (long long)dims[i]);
    }
  } else if (lb_onnx_proto(n)->n_input < 1) {
    return lb_onnx_fail(n, LB_STATUS_INVALID_ARGUMENT, "needs the shape input");
  }
  lb_tensor_t v, t;
  memset(&v, 0, sizeof v);
  const Onnx__AttributeProto *a = lb_onnx_attr(n, "value");
  if (a && a->t) {
    LB_RETURN_IF_ERROR(lb_onnx_build(n, lb_onnx_tensor_decode(lb_onnx_model(n), a->t, &v)));
    if (lb_tensor_count(&v) != 1 || v.rank != 1) {
      lb_tensor_free(&v);
      return lb_onnx_fail(n, LB_STATUS_INVALID_ARGUMENT, "value must be a 1-D tensor of one element");
    }
  } else if (lb_tensor_alloc(&v, LB_DT_F32, 0, NULL)) {
    return lb_onnx_fail(n, LB_STATUS_RESOURCE_EXHAUSTED, "out of memory");
  }
  int64_t cnt0 = lb_dims_count(rank, dims);
  if (cnt0 < 0 || cnt0 > ((int64_t)1 << 28)) { /* a constant in the IR: at most 2^28 elements (1 GiB of f32) */
    lb_tensor_free(&v);
    if (cnt0 < 0) return lb_onnx_fail(n, LB_STATUS_INVALID_ARGUMENT, "the output would have more than 2^63 elements");
    return lb_onnx_fail(n, LB_STATUS_INVALID_ARGUMENT, "the output would have %lld elements (at most 2^28)",
                        (long long)cnt0);
  }
  int rc = lb_tensor_alloc(&t, v.dtype, rank, dims);
  if (rc) {
    lb_tensor_free(&v);
    return lb_onnx_fail(n, rc == -2 ? LB_STATUS_RESOURCE_EXHAUSTED : LB_STATUS_INVALID_ARGUMENT,
                        rc == -2 ? "out of memory" : "the shape is too large");
  }
  size_t es = lb_dtype_size(v.dtype);
  int64_t cnt = lb_tensor_count(&t);
  for (int64_t i = 0; i < cnt; ++i) memcpy((char *)t.data + (size_t)i * es, v.data, es);
  lb_tensor_free(&v);
  return lb_onnx_define_const(n, 0, &t);
}

static lb_status_t import_identity(lb_onnx_node_t *n) {
  LB_RETURN_IF_ERROR(lb_onnx_outputs(n, 1));
  return lb_onnx_forward(n, 0, 0);
}

/* Inference: Dropout is the identity (the optional mask output is not
 * supported). */
static lb_status_t import_dropout(lb_onnx_node_t *n) {
  if (lb_onnx_opset(n) >= 12 && lb_onnx_has_input(n, 2)) {
    const lb_tensor_t *tm;
    LB_RETURN_IF_ERROR(lb_onnx_const_input(n, 2, &tm));
    if (lb_tensor_count(tm) != 1 || lb_tensor_get(tm, 0) != 0)
      return lb_onnx_fail(n, LB_STATUS_UNIMPLEMENTED, "training_mode=true is not supported");
  }
  LB_RETURN_IF_ERROR(lb_onnx_outputs(n, 1));
  return lb_onnx_forward(n, 0, 0);
}

static const lb_onnx_importer_t importers[] = {
    {"", "Constant", 1, LB_ONNX_MAX_OPSET, import_constant},
    {"", "ConstantOfShape", 9, LB_ONNX_MAX_OPSET, import_constant_of_shape},
    {"", "Identity", 1, LB_ONNX_MAX_OPSET, import_identity},
    {"", "Dropout", 1, LB_ONNX_MAX_OPSET, import_dropout},
};
LB_ONNX_REGISTER(graph, importers)
