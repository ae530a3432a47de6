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
    {"", "Identity", 1, LB_ONNX_MAX_OPSET, import_identity},
    {"", "Dropout", 1, LB_ONNX_MAX_OPSET, import_dropout},
};
LB_ONNX_REGISTER(graph, importers)
