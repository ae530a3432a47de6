/* ONNX graph -> lb ops. */
#include "frontend/onnx/onnx_import.h"

#include <mlir-c/Dialect/Func.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define LB_ONNX_MIN_OPSET 11
#define LB_ONNX_MAX_OPSET 21

typedef struct {
  const char *name;
  MlirValue value;   /* null until materialized (initializers are lazy) */
  lb_tensor_t host;  /* known constant data (initializers, Constant nodes) */
  int has_host;
} lb_sym_t;

typedef struct {
  MlirContext ctx;
  const lb_onnx_model_t *model;
  const char *path;
  int64_t opset;
  MlirBlock body;
  lb_sym_t *syms;
  size_t nsyms, cap;
  /* current node, for messages */
  const Onnx__NodeProto *node;
  size_t node_index;
  MlirLocation loc;
} lb_imp_t;

static lb_status_t lb_node_fail(lb_imp_t *im, lb_status_code_t code, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 3, 4)))
#endif
    ;
static lb_status_t lb_node_fail(lb_imp_t *im, lb_status_code_t code, const char *fmt, ...) {
  char msg[1024];
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(msg, sizeof msg, fmt, ap);
  va_end(ap);
  const Onnx__NodeProto *n = im->node;
  return lb_status_make(code, __FILE__, __LINE__, "%s: node %zu '%s' (op %s, opset %lld): %s", im->path,
                        im->node_index, n && n->name && n->name[0] ? n->name : "<unnamed>",
                        n && n->op_type ? n->op_type : "?", (long long)im->opset, msg);
}

static lb_sym_t *lb_sym_find(lb_imp_t *im, const char *name) {
  for (size_t i = im->nsyms; i-- > 0;)
    if (!strcmp(im->syms[i].name, name)) return &im->syms[i];
  return NULL;
}

static lb_sym_t *lb_sym_add(lb_imp_t *im, const char *name) {
  if (im->nsyms == im->cap) {
    size_t cap = im->cap ? im->cap * 2 : 64;
    lb_sym_t *s = realloc(im->syms, sizeof *s * cap);
    if (!s) return NULL;
    im->syms = s;
    im->cap = cap;
  }
  lb_sym_t *s = &im->syms[im->nsyms++];
  memset(s, 0, sizeof *s);
  s->name = name;
  return s;
}

/* ---- attributes ------------------------------------------------------ */

static const Onnx__AttributeProto *lb_attr(const Onnx__NodeProto *n, const char *name) {
  for (size_t i = 0; i < n->n_attribute; ++i)
    if (n->attribute[i]->name && !strcmp(n->attribute[i]->name, name)) return n->attribute[i];
  return NULL;
}
static int64_t lb_attr_int(const Onnx__NodeProto *n, const char *name, int64_t dflt) {
  const Onnx__AttributeProto *a = lb_attr(n, name);
  return a && a->has_i ? a->i : dflt;
}
static float lb_attr_float(const Onnx__NodeProto *n, const char *name, float dflt) {
  const Onnx__AttributeProto *a = lb_attr(n, name);
  return a && a->has_f ? a->f : dflt;
}
/* Copies an ints attribute; returns its length or -1 if absent. */
static int lb_attr_ints(const Onnx__NodeProto *n, const char *name, int64_t *out, int max) {
  const Onnx__AttributeProto *a = lb_attr(n, name);
  if (!a) return -1;
  for (size_t i = 0; i < a->n_ints && (int)i < max; ++i) out[i] = a->ints[i];
  return (int)a->n_ints;
}
static const char *lb_attr_str(const Onnx__NodeProto *n, const char *name, char *buf, size_t cap, const char *dflt) {
  const Onnx__AttributeProto *a = lb_attr(n, name);
  if (!a || !a->has_s) return dflt;
  snprintf(buf, cap, "%.*s", (int)a->s.len, (const char *)a->s.data);
  return buf;
}

/* ---- operands --------------------------------------------------------- */

static bool lb_has_input(const Onnx__NodeProto *n, size_t i) { return i < n->n_input && n->input[i][0]; }

/* The MLIR value of node input i, materializing initializers as constants. */
static lb_status_t lb_input(lb_imp_t *im, size_t i, MlirValue *out) {
  if (!lb_has_input(im->node, i)) return lb_node_fail(im, LB_STATUS_INVALID_ARGUMENT, "missing input #%zu", i);
  lb_sym_t *s = lb_sym_find(im, im->node->input[i]);
  if (!s) return lb_node_fail(im, LB_STATUS_INVALID_ARGUMENT, "input '%s' is not defined", im->node->input[i]);
  if (mlirValueIsNull(s->value)) {
    if (!s->has_host) return lb_node_fail(im, LB_STATUS_INTERNAL, "input '%s' has no value", s->name);
    if (s->host.dtype != LB_DT_F32)
      return lb_node_fail(im, LB_STATUS_UNIMPLEMENTED, "constant input '%s' of type %s used as a tensor (only f32)",
                          s->name, lb_dtype_name(s->host.dtype));
    lb_builder_t b = lb_builder_at_end(im->ctx, im->body, mlirLocationNameGet(im->ctx, mlirStringRefCreateFromCString(s->name), im->loc));
    LB_RETURN_IF_ERROR(lb_build_constant_tensor(&b, &s->host, &s->value));
  }
  *out = s->value;
  return LB_OK;
}

static MlirValue lb_optional_input(lb_imp_t *im, size_t i, lb_status_t *st) {
  MlirValue v = {NULL};
  if (lb_has_input(im->node, i)) *st = lb_input(im, i, &v);
  return v;
}

/* Host data of a constant input (initializer or Constant output). */
static lb_status_t lb_const_input(lb_imp_t *im, size_t i, const lb_tensor_t **out) {
  if (!lb_has_input(im->node, i)) return lb_node_fail(im, LB_STATUS_INVALID_ARGUMENT, "missing input #%zu", i);
  lb_sym_t *s = lb_sym_find(im, im->node->input[i]);
  if (!s || !s->has_host)
    return lb_node_fail(im, LB_STATUS_UNIMPLEMENTED, "input '%s' must be a constant (initializer or Constant)",
                        im->node->input[i]);
  *out = &s->host;
  return LB_OK;
}

static lb_status_t lb_define(lb_imp_t *im, size_t out_index, MlirValue v) {
  if (out_index >= im->node->n_output) return lb_node_fail(im, LB_STATUS_INVALID_ARGUMENT, "node has no output #%zu", out_index);
  lb_sym_t *s = lb_sym_add(im, im->node->output[out_index]);
  if (!s) return LB_ERROR(LB_STATUS_RESOURCE_EXHAUSTED, "out of memory");
  s->value = v;
  return LB_OK;
}

/* Fails if any output beyond the first is requested. */
static lb_status_t lb_single_output(lb_imp_t *im) {
  for (size_t i = 1; i < im->node->n_output; ++i)
    if (im->node->output[i][0])
      return lb_node_fail(im, LB_STATUS_UNIMPLEMENTED, "output #%zu ('%s') is not supported", i, im->node->output[i]);
  return LB_OK;
}

static lb_status_t lb_wrap(lb_imp_t *im, lb_status_t st) {
  if (!st) return LB_OK;
  lb_status_t out = lb_node_fail(im, lb_status_code(st), "%s", lb_status_message(st));
  lb_status_free(st);
  return out;
}

/* ---- spatial attributes ------------------------------------------------ */

static lb_status_t lb_window(lb_imp_t *im, MlirValue x, const int64_t kernel[2], lb_window_attrs_t *w) {
  const Onnx__NodeProto *n = im->node;
  int64_t tmp[8];
  memset(w, 0, sizeof *w);
  w->strides[0] = w->strides[1] = w->dilations[0] = w->dilations[1] = 1;
  w->kernel[0] = kernel[0];
  w->kernel[1] = kernel[1];
  int c;
  if ((c = lb_attr_ints(n, "strides", tmp, 8)) >= 0) {
    if (c != 2) return lb_node_fail(im, LB_STATUS_UNIMPLEMENTED, "only 2-D windows are supported (strides has %d values)", c);
    w->strides[0] = tmp[0];
    w->strides[1] = tmp[1];
  }
  if ((c = lb_attr_ints(n, "dilations", tmp, 8)) >= 0) {
    if (c != 2) return lb_node_fail(im, LB_STATUS_UNIMPLEMENTED, "only 2-D windows are supported");
    w->dilations[0] = tmp[0];
    w->dilations[1] = tmp[1];
  }
  if ((c = lb_attr_ints(n, "pads", tmp, 8)) >= 0) {
    if (c != 4) return lb_node_fail(im, LB_STATUS_UNIMPLEMENTED, "only 2-D windows are supported (pads has %d values)", c);
    memcpy(w->pads, tmp, sizeof w->pads); /* ONNX order: h_begin, w_begin, h_end, w_end */
  }
  for (int i = 0; i < 2; ++i)
    if (w->strides[i] <= 0 || w->dilations[i] <= 0 || w->kernel[i] <= 0)
      return lb_node_fail(im, LB_STATUS_INVALID_ARGUMENT, "kernel, strides and dilations must be positive");
  for (int i = 0; i < 4; ++i)
    if (w->pads[i] < 0) return lb_node_fail(im, LB_STATUS_INVALID_ARGUMENT, "pads must be non-negative");
  char buf[32];
  const char *ap = lb_attr_str(n, "auto_pad", buf, sizeof buf, "NOTSET");
  if (!strcmp(ap, "VALID")) {
    memset(w->pads, 0, sizeof w->pads);
  } else if (!strcmp(ap, "SAME_UPPER") || !strcmp(ap, "SAME_LOWER")) {
    int32_t r;
    int64_t d[LB_MAX_RANK];
    if (!lb_type_get_shape(mlirValueGetType(x), &r, d) || r != 4 || d[2] == LB_DYN || d[3] == LB_DYN)
      return lb_node_fail(im, LB_STATUS_UNIMPLEMENTED, "auto_pad=%s needs static spatial dims", ap);
    for (int i = 0; i < 2; ++i) {
      int64_t in = d[2 + i], out = (in + w->strides[i] - 1) / w->strides[i];
      int64_t total = (out - 1) * w->strides[i] + (w->kernel[i] - 1) * w->dilations[i] + 1 - in;
      if (total < 0) total = 0;
      int64_t small = total / 2, big = total - small;
      w->pads[i] = !strcmp(ap, "SAME_UPPER") ? small : big;
      w->pads[i + 2] = !strcmp(ap, "SAME_UPPER") ? big : small;
    }
  } else if (strcmp(ap, "NOTSET") != 0) {
    return lb_node_fail(im, LB_STATUS_INVALID_ARGUMENT, "unknown auto_pad '%s'", ap);
  }
  return LB_OK;
}

/* ---- node translation -------------------------------------------------- */

static lb_status_t lb_import_node(lb_imp_t *im) {
  const Onnx__NodeProto *n = im->node;
  const char *op = n->op_type ? n->op_type : "";
  lb_builder_t b = lb_builder_at_end(im->ctx, im->body, im->loc);
  MlirValue x, y, w, c;
  lb_status_t st = LB_OK;
  if (n->domain && n->domain[0] && strcmp(n->domain, "ai.onnx") != 0)
    return lb_node_fail(im, LB_STATUS_UNIMPLEMENTED, "unsupported op domain '%s'", n->domain);

  if (!strcmp(op, "Constant")) {
    lb_sym_t *s = lb_sym_add(im, n->n_output ? n->output[0] : "");
    if (!s || !n->n_output) return lb_node_fail(im, LB_STATUS_INVALID_ARGUMENT, "Constant without output");
    const Onnx__AttributeProto *a;
    if ((a = lb_attr(n, "value")) && a->t) {
      LB_RETURN_IF_ERROR(lb_wrap(im, lb_onnx_tensor_decode(im->model, a->t, &s->host)));
    } else if ((a = lb_attr(n, "value_float")) && a->has_f) {
      if (lb_tensor_alloc(&s->host, LB_DT_F32, 0, NULL)) return LB_ERROR(LB_STATUS_RESOURCE_EXHAUSTED, "oom");
      *(float *)s->host.data = a->f;
    } else if ((a = lb_attr(n, "value_int")) && a->has_i) {
      if (lb_tensor_alloc(&s->host, LB_DT_I64, 0, NULL)) return LB_ERROR(LB_STATUS_RESOURCE_EXHAUSTED, "oom");
      *(int64_t *)s->host.data = a->i;
    } else if ((a = lb_attr(n, "value_ints"))) {
      int64_t d[1] = {(int64_t)a->n_ints};
      if (!a->n_ints || lb_tensor_alloc(&s->host, LB_DT_I64, 1, d)) return lb_node_fail(im, LB_STATUS_INVALID_ARGUMENT, "empty value_ints");
      memcpy(s->host.data, a->ints, sizeof(int64_t) * a->n_ints);
    } else if ((a = lb_attr(n, "value_floats"))) {
      int64_t d[1] = {(int64_t)a->n_floats};
      if (!a->n_floats || lb_tensor_alloc(&s->host, LB_DT_F32, 1, d)) return lb_node_fail(im, LB_STATUS_INVALID_ARGUMENT, "empty value_floats");
      memcpy(s->host.data, a->floats, sizeof(float) * a->n_floats);
    } else {
      return lb_node_fail(im, LB_STATUS_UNIMPLEMENTED, "Constant needs a tensor, float(s) or int(s) value");
    }
    s->has_host = 1;
    return LB_OK;
  }
  if (!strcmp(op, "Identity") || !strcmp(op, "Dropout")) {
    LB_RETURN_IF_ERROR(lb_single_output(im));
    lb_sym_t *src = lb_has_input(n, 0) ? lb_sym_find(im, n->input[0]) : NULL;
    if (!src) return lb_node_fail(im, LB_STATUS_INVALID_ARGUMENT, "input is not defined");
    lb_sym_t *s = lb_sym_add(im, n->output[0]);
    if (!s) return LB_ERROR(LB_STATUS_RESOURCE_EXHAUSTED, "out of memory");
    src = lb_sym_find(im, n->input[0]); /* syms may have moved */
    s->value = src->value;
    if (src->has_host) {
      /* share data by copying the tensor (small graphs; keeps ownership simple) */
      size_t bytes = (size_t)lb_tensor_count(&src->host) * lb_dtype_size(src->host.dtype);
      if (lb_tensor_alloc(&s->host, src->host.dtype, src->host.rank, src->host.dims)) return LB_ERROR(LB_STATUS_RESOURCE_EXHAUSTED, "oom");
      memcpy(s->host.data, src->host.data, bytes);
      s->has_host = 1;
    }
    return LB_OK;
  }
  LB_RETURN_IF_ERROR(lb_single_output(im));

  if (!strcmp(op, "Relu")) {
    LB_RETURN_IF_ERROR(lb_input(im, 0, &x));
    st = lb_build_relu(&b, x, &y);
  } else if (!strcmp(op, "Add") || !strcmp(op, "Sub") || !strcmp(op, "Mul") || !strcmp(op, "Div")) {
    lb_op_kind_t k = op[0] == 'A' ? LB_OP_ADD : op[0] == 'S' ? LB_OP_SUB : op[0] == 'M' ? LB_OP_MUL : LB_OP_DIV;
    LB_RETURN_IF_ERROR(lb_input(im, 0, &x));
    LB_RETURN_IF_ERROR(lb_input(im, 1, &w));
    st = lb_build_binary(&b, k, x, w, &y);
  } else if (!strcmp(op, "MatMul")) {
    LB_RETURN_IF_ERROR(lb_input(im, 0, &x));
    LB_RETURN_IF_ERROR(lb_input(im, 1, &w));
    st = lb_build_matmul(&b, x, w, &y);
  } else if (!strcmp(op, "Gemm")) {
    LB_RETURN_IF_ERROR(lb_input(im, 0, &x));
    LB_RETURN_IF_ERROR(lb_input(im, 1, &w));
    c = lb_optional_input(im, 2, &st);
    if (st) return st;
    st = lb_build_gemm(&b, x, w, c, lb_attr_float(n, "alpha", 1.0f), lb_attr_float(n, "beta", 1.0f),
                       (int)lb_attr_int(n, "transA", 0), (int)lb_attr_int(n, "transB", 0), &y);
  } else if (!strcmp(op, "Conv")) {
    LB_RETURN_IF_ERROR(lb_input(im, 0, &x));
    LB_RETURN_IF_ERROR(lb_input(im, 1, &w));
    c = lb_optional_input(im, 2, &st);
    if (st) return st;
    int32_t r;
    int64_t wd[LB_MAX_RANK];
    if (!lb_type_get_shape(mlirValueGetType(w), &r, wd) || r != 4)
      return lb_node_fail(im, LB_STATUS_UNIMPLEMENTED, "only 2-D convolution (4-D weight) is supported");
    int64_t k[2] = {wd[2], wd[3]};
    lb_window_attrs_t wa;
    LB_RETURN_IF_ERROR(lb_window(im, x, k, &wa));
    wa.group = lb_attr_int(n, "group", 1);
    st = lb_build_conv2d(&b, x, w, c, &wa, &y);
  } else if (!strcmp(op, "MaxPool") || !strcmp(op, "AveragePool")) {
    LB_RETURN_IF_ERROR(lb_input(im, 0, &x));
    int64_t k[8];
    if (lb_attr_ints(n, "kernel_shape", k, 8) != 2)
      return lb_node_fail(im, LB_STATUS_UNIMPLEMENTED, "only 2-D pooling with a kernel_shape of 2 values is supported");
    lb_window_attrs_t wa;
    LB_RETURN_IF_ERROR(lb_window(im, x, k, &wa));
    wa.ceil_mode = lb_attr_int(n, "ceil_mode", 0);
    wa.count_include_pad = lb_attr_int(n, "count_include_pad", 0);
    if (lb_attr_int(n, "storage_order", 0) != 0)
      return lb_node_fail(im, LB_STATUS_UNIMPLEMENTED, "storage_order=1 is not supported");
    st = lb_build_pool(&b, op[0] == 'M' ? LB_OP_MAX_POOL : LB_OP_AVG_POOL, x, &wa, &y);
  } else if (!strcmp(op, "GlobalAveragePool")) {
    LB_RETURN_IF_ERROR(lb_input(im, 0, &x));
    st = lb_build_global_avg_pool(&b, x, &y);
  } else if (!strcmp(op, "Clip")) {
    LB_RETURN_IF_ERROR(lb_input(im, 0, &x));
    float lo = -3.4028234663852886e38f, hi = 3.4028234663852886e38f;
    if (im->opset < 11) {
      lo = lb_attr_float(n, "min", lo);
      hi = lb_attr_float(n, "max", hi);
    } else {
      for (size_t i = 1; i <= 2; ++i) {
        if (!lb_has_input(n, i)) continue;
        const lb_tensor_t *t;
        LB_RETURN_IF_ERROR(lb_const_input(im, i, &t));
        if (t->dtype != LB_DT_F32 || lb_tensor_count(t) != 1)
          return lb_node_fail(im, LB_STATUS_UNIMPLEMENTED, "min/max must be f32 scalars");
        *(i == 1 ? &lo : &hi) = *(const float *)t->data;
      }
    }
    st = lb_build_clip(&b, x, lo, hi, &y);
  } else if (!strcmp(op, "Flatten")) {
    LB_RETURN_IF_ERROR(lb_input(im, 0, &x));
    st = lb_build_flatten(&b, x, lb_attr_int(n, "axis", 1), &y);
  } else if (!strcmp(op, "Reshape")) {
    LB_RETURN_IF_ERROR(lb_input(im, 0, &x));
    const lb_tensor_t *t;
    LB_RETURN_IF_ERROR(lb_const_input(im, 1, &t));
    if (t->dtype != LB_DT_I64 || t->rank != 1 || t->dims[0] > LB_MAX_RANK)
      return lb_node_fail(im, LB_STATUS_UNIMPLEMENTED, "shape must be a 1-D int64 constant of at most %d values", LB_MAX_RANK);
    const int64_t *shape = t->data;
    if (lb_attr_int(n, "allowzero", 0))
      for (int64_t i = 0; i < t->dims[0]; ++i)
        if (shape[i] == 0) return lb_node_fail(im, LB_STATUS_UNIMPLEMENTED, "allowzero=1 with a 0 in shape");
    st = lb_build_reshape(&b, x, shape, (int32_t)t->dims[0], &y);
  } else if (!strcmp(op, "Transpose")) {
    LB_RETURN_IF_ERROR(lb_input(im, 0, &x));
    int32_t r;
    int64_t d[LB_MAX_RANK], perm[LB_MAX_RANK + 1];
    if (!lb_type_get_shape(mlirValueGetType(x), &r, d)) return lb_node_fail(im, LB_STATUS_INTERNAL, "unranked input");
    int np = lb_attr_ints(n, "perm", perm, LB_MAX_RANK + 1);
    if (np < 0) {
      np = r;
      for (int i = 0; i < r; ++i) perm[i] = r - 1 - i;
    }
    if (np > LB_MAX_RANK) return lb_node_fail(im, LB_STATUS_UNIMPLEMENTED, "rank above %d", LB_MAX_RANK);
    st = lb_build_transpose(&b, x, perm, np, &y);
  } else if (!strcmp(op, "Softmax")) {
    LB_RETURN_IF_ERROR(lb_input(im, 0, &x));
    int32_t r;
    int64_t d[LB_MAX_RANK];
    if (!lb_type_get_shape(mlirValueGetType(x), &r, d)) return lb_node_fail(im, LB_STATUS_INTERNAL, "unranked input");
    int64_t axis = lb_attr_int(n, "axis", im->opset < 13 ? 1 : -1);
    if (axis < -r || axis >= r) return lb_node_fail(im, LB_STATUS_INVALID_ARGUMENT, "axis %lld out of range", (long long)axis);
    if (axis < 0) axis += r;
    if (im->opset >= 13 || axis == r - 1) {
      st = lb_build_softmax(&b, x, axis, &y);
    } else {
      /* opset < 13: softmax over the flattened trailing dims [axis, r) */
      int64_t back[LB_MAX_RANK];
      int ndyn = 0;
      for (int i = 0; i < r; ++i) {
        back[i] = d[i] == LB_DYN ? -1 : d[i];
        ndyn += d[i] == LB_DYN;
      }
      if (ndyn > 1) return lb_node_fail(im, LB_STATUS_UNIMPLEMENTED, "softmax (opset < 13) with more than one dynamic dim");
      MlirValue f, s;
      if (!(st = lb_build_flatten(&b, x, axis, &f)) && !(st = lb_build_softmax(&b, f, 1, &s)))
        st = lb_build_reshape(&b, s, back, r, &y);
    }
  } else if (!strcmp(op, "BatchNormalization")) {
    if (lb_attr_int(n, "training_mode", 0)) return lb_node_fail(im, LB_STATUS_UNIMPLEMENTED, "training_mode=1");
    MlirValue p[5];
    for (size_t i = 0; i < 5; ++i) LB_RETURN_IF_ERROR(lb_input(im, i, &p[i]));
    st = lb_build_batchnorm(&b, p[0], p[1], p[2], p[3], p[4], lb_attr_float(n, "epsilon", 1e-5f), &y);
  } else {
    return lb_node_fail(im, LB_STATUS_UNIMPLEMENTED, "unsupported op type '%s'", op);
  }
  if (st) return lb_wrap(im, st);
  return lb_define(im, 0, y);
}

/* ---- graph -------------------------------------------------------------- */

static lb_status_t lb_input_type(lb_imp_t *im, const Onnx__ValueInfoProto *vi, int64_t batch, MlirType *out) {
  const char *name = vi->name ? vi->name : "?";
  if (!vi->type || vi->type->value_case != ONNX__TYPE_PROTO__VALUE_TENSOR_TYPE || !vi->type->tensor_type)
    return LB_ERROR(LB_STATUS_UNIMPLEMENTED, "%s: graph input '%s' is not a tensor", im->path, name);
  const Onnx__TypeProto__Tensor *tt = vi->type->tensor_type;
  if (tt->elem_type != ONNX__TENSOR_PROTO__DATA_TYPE__FLOAT)
    return LB_ERROR(LB_STATUS_UNIMPLEMENTED, "%s: graph input '%s' has element type %d (only float32 inputs)", im->path,
                    name, (int)tt->elem_type);
  if (!tt->shape) return LB_ERROR(LB_STATUS_UNIMPLEMENTED, "%s: graph input '%s' has no shape", im->path, name);
  if (tt->shape->n_dim > LB_MAX_RANK)
    return LB_ERROR(LB_STATUS_UNIMPLEMENTED, "%s: graph input '%s' has rank %zu > %d", im->path, name, tt->shape->n_dim,
                    LB_MAX_RANK);
  int64_t dims[LB_MAX_RANK];
  for (size_t i = 0; i < tt->shape->n_dim; ++i) {
    const Onnx__TensorShapeProto__Dimension *d = tt->shape->dim[i];
    if (d->value_case == ONNX__TENSOR_SHAPE_PROTO__DIMENSION__VALUE_DIM_VALUE) {
      if (d->dim_value <= 0)
        return LB_ERROR(LB_STATUS_INVALID_ARGUMENT, "%s: graph input '%s' has dimension %zu = %lld (must be positive)",
                        im->path, name, i, (long long)d->dim_value);
      if (d->dim_value > ((int64_t)1 << 40))
        return LB_ERROR(LB_STATUS_INVALID_ARGUMENT, "%s: graph input '%s' has absurd dimension %lld", im->path, name,
                        (long long)d->dim_value);
      dims[i] = d->dim_value;
    } else {
      dims[i] = batch > 0 ? batch : LB_DYN;
    }
  }
  if (lb_dims_count((int32_t)tt->shape->n_dim, dims) < 0 && batch > 0)
    return LB_ERROR(LB_STATUS_INVALID_ARGUMENT, "%s: graph input '%s' is too large", im->path, name);
  *out = lb_tensor_type(im->ctx, (int32_t)tt->shape->n_dim, dims, mlirF32TypeGet(im->ctx));
  return LB_OK;
}

static MlirAttribute lb_names_attr(MlirContext ctx, char **names, size_t n) {
  MlirAttribute *a = malloc(sizeof *a * (n ? n : 1));
  if (!a) return mlirAttributeGetNull();
  for (size_t i = 0; i < n; ++i) a[i] = mlirStringAttrGet(ctx, mlirStringRefCreateFromCString(names[i]));
  MlirAttribute r = mlirArrayAttrGet(ctx, (intptr_t)n, a);
  free(a);
  return r;
}

lb_status_t lb_onnx_import(MlirContext ctx, const lb_onnx_model_t *model, const lb_import_options_t *opts,
                           MlirModule *out) {
  lb_imp_t im;
  memset(&im, 0, sizeof im);
  im.ctx = ctx;
  im.model = model;
  im.path = lb_onnx_model_path(model);
  im.opset = lb_onnx_model_opset(model);
  const Onnx__GraphProto *g = lb_onnx_model_proto(model)->graph;
  int64_t batch = opts ? opts->batch : 0;
  if (im.opset < LB_ONNX_MIN_OPSET || im.opset > LB_ONNX_MAX_OPSET)
    return LB_ERROR(LB_STATUS_UNIMPLEMENTED, "%s: default-domain opset %lld is not supported (supported: %d to %d)",
                    im.path, (long long)im.opset, LB_ONNX_MIN_OPSET, LB_ONNX_MAX_OPSET);
  if (g->n_output == 0) return LB_ERROR(LB_STATUS_INVALID_ARGUMENT, "%s: graph has no outputs", im.path);

  MlirLocation floc = mlirLocationFileLineColGet(ctx, mlirStringRefCreateFromCString(im.path), 0, 0);
  MlirModule module = mlirModuleCreateEmpty(floc);
  lb_status_t st = LB_OK;
  char **in_names = calloc(g->n_input + 1, sizeof(char *));
  char **out_names = calloc(g->n_output + 1, sizeof(char *));
  MlirType *in_types = calloc(g->n_input + 1, sizeof(MlirType));
  MlirLocation *in_locs = calloc(g->n_input + 1, sizeof(MlirLocation));
  if (!in_names || !out_names || !in_types || !in_locs) {
    st = LB_ERROR(LB_STATUS_RESOURCE_EXHAUSTED, "out of memory");
    goto done;
  }
  /* initializers first (they may shadow graph inputs, as ONNX allows) */
  for (size_t i = 0; i < g->n_initializer; ++i) {
    const Onnx__TensorProto *t = g->initializer[i];
    lb_sym_t *s = lb_sym_add(&im, t->name ? t->name : "");
    if (!s) {
      st = LB_ERROR(LB_STATUS_RESOURCE_EXHAUSTED, "out of memory");
      goto done;
    }
    if ((st = lb_onnx_tensor_decode(model, t, &s->host))) goto done;
    s->has_host = 1;
  }
  size_t nin = 0;
  for (size_t i = 0; i < g->n_input; ++i) {
    const Onnx__ValueInfoProto *vi = g->input[i];
    if (vi->name && lb_sym_find(&im, vi->name)) continue; /* initializer */
    if ((st = lb_input_type(&im, vi, batch, &in_types[nin]))) goto done;
    in_names[nin] = vi->name ? vi->name : "";
    in_locs[nin] = floc;
    nin++;
  }
  /* func.func @main */
  MlirRegion region = mlirRegionCreate();
  MlirBlock body = mlirBlockCreate((intptr_t)nin, in_types, in_locs);
  mlirRegionAppendOwnedBlock(region, body);
  im.body = body;
  for (size_t i = 0; i < nin; ++i) {
    lb_sym_t *s = lb_sym_add(&im, in_names[i]);
    if (!s) {
      st = LB_ERROR(LB_STATUS_RESOURCE_EXHAUSTED, "out of memory");
      mlirRegionDestroy(region);
      goto done;
    }
    s->value = mlirBlockGetArgument(body, (intptr_t)i);
  }
  for (size_t i = 0; i < g->n_node && !st; ++i) {
    im.node = g->node[i];
    im.node_index = i;
    const char *nn = im.node->name && im.node->name[0] ? im.node->name : im.node->op_type ? im.node->op_type : "node";
    im.loc = mlirLocationNameGet(ctx, mlirStringRefCreateFromCString(nn),
                                 mlirLocationFileLineColGet(ctx, mlirStringRefCreateFromCString(im.path), (unsigned)i + 1, 1));
    st = lb_import_node(&im);
  }
  im.node = NULL;
  MlirValue *rets = calloc(g->n_output + 1, sizeof(MlirValue));
  for (size_t i = 0; i < g->n_output && !st; ++i) {
    const char *on = g->output[i]->name ? g->output[i]->name : "";
    lb_sym_t *s = lb_sym_find(&im, on);
    if (!s) {
      st = LB_ERROR(LB_STATUS_INVALID_ARGUMENT, "%s: graph output '%s' is not produced by any node", im.path, on);
      break;
    }
    if (mlirValueIsNull(s->value)) {
      lb_builder_t b = lb_builder_at_end(ctx, body, floc);
      if (s->host.dtype != LB_DT_F32)
        st = LB_ERROR(LB_STATUS_UNIMPLEMENTED, "%s: graph output '%s' is a non-float constant", im.path, on);
      else
        st = lb_build_constant_tensor(&b, &s->host, &s->value);
    }
    rets[i] = s->value;
    out_names[i] = (char *)on;
  }
  if (st) {
    free(rets);
    mlirRegionDestroy(region);
    goto done;
  }
  MlirOperationState rs = mlirOperationStateGet(mlirStringRefCreateFromCString("func.return"), floc);
  mlirOperationStateAddOperands(&rs, (intptr_t)g->n_output, rets);
  mlirBlockAppendOwnedOperation(body, mlirOperationCreate(&rs));
  free(rets);

  {
    MlirOperationState fs = mlirOperationStateGet(mlirStringRefCreateFromCString("func.func"), floc);
    MlirNamedAttribute attrs[4];
    MlirType ft = mlirFunctionTypeGet(ctx, (intptr_t)nin, in_types, 0, NULL);
    attrs[0] = mlirNamedAttributeGet(mlirIdentifierGet(ctx, mlirStringRefCreateFromCString("sym_name")),
                                     mlirStringAttrGet(ctx, mlirStringRefCreateFromCString("main")));
    attrs[1] = mlirNamedAttributeGet(mlirIdentifierGet(ctx, mlirStringRefCreateFromCString("function_type")),
                                     mlirTypeAttrGet(ft));
    attrs[2] = mlirNamedAttributeGet(mlirIdentifierGet(ctx, mlirStringRefCreateFromCString(LB_ATTR_INPUT_NAMES)),
                                     lb_names_attr(ctx, in_names, nin));
    attrs[3] = mlirNamedAttributeGet(mlirIdentifierGet(ctx, mlirStringRefCreateFromCString(LB_ATTR_OUTPUT_NAMES)),
                                     lb_names_attr(ctx, out_names, g->n_output));
    mlirOperationStateAddAttributes(&fs, 4, attrs);
    mlirOperationStateAddOwnedRegions(&fs, 1, &region);
    MlirOperation func = mlirOperationCreate(&fs);
    mlirBlockAppendOwnedOperation(mlirModuleGetBody(module), func);
    /* sets the function type from the actual return values */
    st = lb_func_refresh_types(func);
  }
done:
  for (size_t i = 0; i < im.nsyms; ++i) lb_tensor_free(&im.syms[i].host);
  free(im.syms);
  free(in_names);
  free(out_names);
  free(in_types);
  free(in_locs);
  if (st) {
    mlirModuleDestroy(module);
    return st;
  }
  *out = module;
  return LB_OK;
}

lb_status_t lb_onnx_import_file(MlirContext ctx, const char *path, const lb_import_options_t *opts, MlirModule *out) {
  lb_onnx_model_t *m;
  LB_RETURN_IF_ERROR(lb_onnx_load(path, &m));
  lb_status_t st = lb_onnx_import(ctx, m, opts, out);
  lb_onnx_model_free(m);
  return st;
}
