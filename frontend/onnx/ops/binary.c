/* Add, Sub, Mul, Div, Min, Max (float, numpy broadcasting). On int32 or
 * int64 constants (the shape arithmetic exporters write) they are evaluated
 * here, exactly, into a constant. */
#include <string.h>

#include "frontend/onnx/import.h"

static int64_t int_op(lb_op_kind_t k, int64_t a, int64_t b) {
  switch (k) {
  case LB_OP_ADD: return (int64_t)((uint64_t)a + (uint64_t)b);
  case LB_OP_SUB: return (int64_t)((uint64_t)a - (uint64_t)b);
  case LB_OP_MUL: return (int64_t)((uint64_t)a * (uint64_t)b);
  case LB_OP_DIV: return a == INT64_MIN && b == -1 ? INT64_MIN : a / b; /* truncates, like onnxruntime */
  case LB_OP_MIN: return a < b ? a : b;
  default: return a > b ? a : b;
  }
}

static int64_t int_at(const lb_tensor_t *t, int64_t i) {
  return t->dtype == LB_DT_I64 ? ((const int64_t *)t->data)[i] : ((const int32_t *)t->data)[i];
}

/* y = a OP b with numpy broadcasting, both int32 or both int64. */
static lb_status_t fold_int_binary(lb_onnx_node_t *n, lb_op_kind_t k, const lb_tensor_t *a, const lb_tensor_t *b,
                                   lb_tensor_t *y) {
  if (a->dtype != b->dtype) return lb_onnx_fail(n, LB_STATUS_INVALID_ARGUMENT, "the inputs' element types differ");
  int32_t r = a->rank > b->rank ? a->rank : b->rank;
  int64_t d[LB_MAX_RANK], sa[LB_MAX_RANK], sb[LB_MAX_RANK];
  int64_t ma = 1, mb = 1;
  for (int32_t i = r - 1; i >= 0; --i) {
    int32_t ia = i - (r - a->rank), ib = i - (r - b->rank);
    int64_t da = ia >= 0 ? a->dims[ia] : 1, db = ib >= 0 ? b->dims[ib] : 1;
    if (da != db && da != 1 && db != 1)
      return lb_onnx_fail(n, LB_STATUS_INVALID_ARGUMENT, "shapes do not broadcast (dim %d: %lld vs %lld)", (int)i,
                          (long long)da, (long long)db);
    d[i] = da > db ? da : db;
    sa[i] = da == 1 ? 0 : ma;
    sb[i] = db == 1 ? 0 : mb;
    ma *= da;
    mb *= db;
  }
  int rc = lb_tensor_alloc(y, a->dtype, r, d);
  if (rc) return lb_onnx_fail(n, rc == -2 ? LB_STATUS_RESOURCE_EXHAUSTED : LB_STATUS_INVALID_ARGUMENT, "bad result shape");
  int64_t cnt = lb_tensor_count(y), idx[LB_MAX_RANK] = {0}, pa = 0, pb = 0;
  for (int64_t e = 0; e < cnt; ++e) {
    int64_t x = int_at(a, pa), z = int_at(b, pb);
    if (k == LB_OP_DIV && z == 0) {
      lb_tensor_free(y);
      return lb_onnx_fail(n, LB_STATUS_INVALID_ARGUMENT, "integer division by zero");
    }
    int64_t v = int_op(k, x, z);
    if (y->dtype == LB_DT_I64) ((int64_t *)y->data)[e] = v;
    else ((int32_t *)y->data)[e] = (int32_t)(uint32_t)(uint64_t)v; /* wraps like int32 arithmetic */
    for (int32_t i = r - 1; i >= 0; --i) { /* odometer over the output index */
      pa += sa[i], pb += sb[i];
      if (++idx[i] < d[i]) break;
      pa -= sa[i] * d[i], pb -= sb[i] * d[i];
      idx[i] = 0;
    }
  }
  return LB_OK;
}

static bool is_int_const(lb_onnx_node_t *n, size_t i, const lb_tensor_t **t) {
  if (!lb_onnx_input_is_const(n, i)) return false;
  lb_status_t st = lb_onnx_const_input(n, i, t);
  if (st) {
    lb_status_free(st);
    return false;
  }
  return (*t)->dtype == LB_DT_I64 || (*t)->dtype == LB_DT_I32;
}

/* Integer constants folded on the host; true if it applied. */
static bool try_int_fold(lb_onnx_node_t *n, lb_op_kind_t k, size_t i, size_t j, const lb_tensor_t *acc,
                         lb_tensor_t *out, lb_status_t *st) {
  const lb_tensor_t *a = acc, *b;
  if (!a && !is_int_const(n, i, &a)) return false;
  if (!is_int_const(n, j, &b)) return false;
  *st = fold_int_binary(n, k, a, b, out);
  return true;
}

/* Run-time tensors: float only (integer arithmetic is folded above). */
static lb_status_t require_float(lb_onnx_node_t *n, MlirValue v) {
  if (lb_value_dtype(v) == LB_DT_F32) return LB_OK;
  if (lb_value_is_constant(v))
    return lb_onnx_fail(n, LB_STATUS_UNIMPLEMENTED,
                        "arithmetic on %s constants (integer constants are computed in int32 and int64 only)",
                        lb_dtype_name(lb_value_dtype(v)));
  return lb_onnx_fail(n, LB_STATUS_UNIMPLEMENTED,
                      "arithmetic on a run-time %s tensor (only float32 is computed at run time; integer inputs must "
                      "be constants or shapes)", lb_dtype_name(lb_value_dtype(v)));
}

static lb_status_t import_binary(lb_onnx_node_t *n) {
  const char *op = lb_onnx_proto(n)->op_type;
  lb_op_kind_t k = !strcmp(op, "Add") ? LB_OP_ADD : !strcmp(op, "Sub") ? LB_OP_SUB : !strcmp(op, "Mul") ? LB_OP_MUL : LB_OP_DIV;
  MlirValue a, b, y;
  LB_RETURN_IF_ERROR(lb_onnx_outputs(n, 1));
  lb_tensor_t t;
  lb_status_t st = LB_OK;
  if (try_int_fold(n, k, 0, 1, NULL, &t, &st)) {
    LB_RETURN_IF_ERROR(st);
    return lb_onnx_define_const(n, 0, &t);
  }
  LB_RETURN_IF_ERROR(lb_onnx_input(n, 0, &a));
  LB_RETURN_IF_ERROR(lb_onnx_input(n, 1, &b));
  LB_RETURN_IF_ERROR(require_float(n, a));
  LB_RETURN_IF_ERROR(require_float(n, b));
  LB_RETURN_IF_ERROR(lb_onnx_build(n, lb_build_binary(lb_onnx_builder(n), k, a, b, &y)));
  return lb_onnx_define(n, 0, y);
}

/* Min and Max take one or more inputs: folded left to right. */
static lb_status_t import_minmax(lb_onnx_node_t *n) {
  lb_op_kind_t k = !strcmp(lb_onnx_proto(n)->op_type, "Min") ? LB_OP_MIN : LB_OP_MAX;
  size_t nin = lb_onnx_proto(n)->n_input;
  MlirValue acc, x;
  LB_RETURN_IF_ERROR(lb_onnx_outputs(n, 1));
  if (nin == 0) return lb_onnx_fail(n, LB_STATUS_INVALID_ARGUMENT, "needs at least one input");
  if (nin == 1) return lb_onnx_forward(n, 0, 0);
  lb_tensor_t t, next;
  lb_status_t st = LB_OK;
  if (try_int_fold(n, k, 0, 1, NULL, &t, &st)) {
    LB_RETURN_IF_ERROR(st);
    for (size_t i = 2; i < nin; ++i) {
      if (!try_int_fold(n, k, 0, i, &t, &next, &st)) {
        lb_tensor_free(&t);
        return lb_onnx_fail(n, LB_STATUS_UNIMPLEMENTED, "integer inputs must all be constants");
      }
      lb_tensor_free(&t);
      LB_RETURN_IF_ERROR(st);
      t = next;
    }
    return lb_onnx_define_const(n, 0, &t);
  }
  LB_RETURN_IF_ERROR(lb_onnx_input(n, 0, &acc));
  LB_RETURN_IF_ERROR(require_float(n, acc));
  for (size_t i = 1; i < nin; ++i) {
    LB_RETURN_IF_ERROR(lb_onnx_input(n, i, &x));
    LB_RETURN_IF_ERROR(require_float(n, x));
    LB_RETURN_IF_ERROR(lb_onnx_build(n, lb_build_binary(lb_onnx_builder(n), k, acc, x, &acc)));
  }
  return lb_onnx_define(n, 0, acc);
}

static const lb_onnx_importer_t importers[] = {
    {"", "Add", 7, LB_ONNX_MAX_OPSET, import_binary},
    {"", "Sub", 7, LB_ONNX_MAX_OPSET, import_binary},
    {"", "Mul", 7, LB_ONNX_MAX_OPSET, import_binary},
    {"", "Div", 7, LB_ONNX_MAX_OPSET, import_binary},
    {"", "Min", 8, LB_ONNX_MAX_OPSET, import_minmax},
    {"", "Max", 8, LB_ONNX_MAX_OPSET, import_minmax},
};
LB_ONNX_REGISTER(binary, importers)
