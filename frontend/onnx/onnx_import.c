/* ONNX graph -> lb ops: the graph walk, the symbol table and the helpers
 * import functions use (import.h). Op-specific knowledge lives in
 * frontend/onnx/ops/. */
#include "frontend/onnx/onnx_import.h"

#include <mlir-c/Dialect/Func.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "frontend/onnx/import.h"
#include "interp/interp.h"
#include "support/hashmap.h"
#include "support/names.h"

/* ---- registry of import functions ---- */

static lb_onnx_family_t *lb_onnx_families;

void lb_onnx_register_family(lb_onnx_family_t *f) {
  f->next = lb_onnx_families;
  lb_onnx_families = f;
}

static const char *lb_onnx_norm_domain(const char *d) { return (!d || !strcmp(d, "ai.onnx")) ? "" : d; }

/* The importer for (domain, op, opset); *known tells whether any version of
 * the op exists, with its range. */
static const lb_onnx_importer_t *lb_onnx_find(const char *domain, const char *op, int64_t opset, int64_t *lo,
                                              int64_t *hi) {
  *lo = INT64_MAX;
  *hi = -1;
  for (const lb_onnx_family_t *f = lb_onnx_families; f; f = f->next)
    for (size_t i = 0; i < f->count; ++i) {
      const lb_onnx_importer_t *e = &f->importers[i];
      if (strcmp(e->domain, domain) || strcmp(e->op_type, op)) continue;
      if (opset >= e->since && opset <= e->until) return e;
      if (e->since < *lo) *lo = e->since;
      if (e->until > *hi) *hi = e->until;
    }
  return NULL;
}

/* True if some importer is registered under `domain`. */
static bool lb_onnx_domain_known(const char *domain) {
  for (const lb_onnx_family_t *f = lb_onnx_families; f; f = f->next)
    for (size_t i = 0; i < f->count; ++i)
      if (!strcmp(f->importers[i].domain, domain)) return true;
  return false;
}

static int lb_onnx_entry_cmp(const void *a, const void *b) {
  const lb_onnx_importer_t *x = *(const lb_onnx_importer_t *const *)a, *y = *(const lb_onnx_importer_t *const *)b;
  int c = strcmp(x->domain, y->domain);
  if (!c) c = strcmp(x->op_type, y->op_type);
  return c ? c : (x->since < y->since ? -1 : x->since > y->since);
}

void lb_onnx_list_ops(lb_strbuf_t *sb) {
  size_t n = 0;
  for (const lb_onnx_family_t *f = lb_onnx_families; f; f = f->next) n += f->count;
  const lb_onnx_importer_t **all = malloc(sizeof *all * (n ? n : 1));
  if (!all) return;
  n = 0;
  for (const lb_onnx_family_t *f = lb_onnx_families; f; f = f->next)
    for (size_t i = 0; i < f->count; ++i) all[n++] = &f->importers[i];
  qsort(all, n, sizeof *all, lb_onnx_entry_cmp);
  for (size_t i = 0; i < n; ++i) {
    /* Default-domain ranges are shown as the opsets a model may have. */
    int64_t lo = all[i]->since, hi = all[i]->until;
    if (!all[i]->domain[0]) {
      if (lo < LB_ONNX_MIN_OPSET) lo = LB_ONNX_MIN_OPSET;
      if (hi > LB_ONNX_MAX_OPSET) hi = LB_ONNX_MAX_OPSET;
      if (lo > hi) continue;
    }
    lb_strbuf_printf(sb, "%s%s%s %lld-%lld\n", all[i]->domain, all[i]->domain[0] ? "." : "", all[i]->op_type,
                     (long long)lo, (long long)hi);
  }
  free(all);
}

/* ---- symbols ---- */

typedef struct {
  const char *name;
  MlirValue value;  /* null until materialized (initializers are lazy) */
  lb_tensor_t host; /* known constant data (initializers, Constant nodes) */
  int has_host;
  int is_empty;       /* a 1-D tensor of no elements ([] roi/scales): read as an absent optional input */
  int64_t defined_by; /* node index, -1 for graph inputs and initializers */
} lb_sym_t;

#define LB_IMPORT_MAX_SYMS 64

struct lb_onnx_node_s {
  MlirContext ctx;
  const lb_onnx_model_t *model;
  const lb_onnx_import_opts_t *opts; /* may be NULL */
  /* --shape sizes resolved for the inputs (lb_resolve_shapes) */
  bool shapes_ok;
  int nshape_syms;
  const char *shape_syms[LB_IMPORT_MAX_SYMS];
  int64_t shape_vals[LB_IMPORT_MAX_SYMS];
  const char *path;
  int64_t default_opset; /* of the default domain */
  int64_t opset;         /* of the current node's domain */
  MlirBlock body;
  lb_sym_t *syms;
  size_t nsyms, cap;
  lb_hashmap_t by_name; /* name -> index into syms */
  /* the current node */
  const Onnx__NodeProto *node;
  size_t node_index;
  MlirLocation loc;
  lb_builder_t builder;
};

static lb_sym_t *lb_sym_find(lb_onnx_node_t *im, const char *name) {
  int64_t i;
  return lb_hashmap_get_str(&im->by_name, name, strlen(name), &i) ? &im->syms[i] : NULL;
}

/* Adds (or, for initializers shadowed by nothing, replaces) a symbol. */
static lb_sym_t *lb_sym_add(lb_onnx_node_t *im, const char *name) {
  if (im->nsyms == im->cap) {
    size_t cap = im->cap ? im->cap * 2 : 64;
    lb_sym_t *s = realloc(im->syms, sizeof *s * cap);
    if (!s) return NULL;
    im->syms = s;
    im->cap = cap;
  }
  if (!lb_hashmap_put_str(&im->by_name, name, strlen(name), (int64_t)im->nsyms)) return NULL;
  lb_sym_t *s = &im->syms[im->nsyms++];
  memset(s, 0, sizeof *s);
  s->name = name;
  s->defined_by = -1;
  return s;
}

/* ---- node API (import.h) ---- */

const Onnx__NodeProto *lb_onnx_proto(const lb_onnx_node_t *n) { return n->node; }
int64_t lb_onnx_opset(const lb_onnx_node_t *n) { return n->opset; }
const lb_onnx_model_t *lb_onnx_model(const lb_onnx_node_t *n) { return n->model; }
lb_builder_t *lb_onnx_builder(lb_onnx_node_t *n) { return &n->builder; }

static lb_status_t lb_onnx_failv(lb_onnx_node_t *im, lb_status_code_t code, const char *fmt, va_list ap) {
  char msg[1024], nm[200], op[100];
  vsnprintf(msg, sizeof msg, fmt, ap);
  const Onnx__NodeProto *n = im->node;
  lb_name_printable(n && n->name && n->name[0] ? n->name : "<unnamed>", nm, sizeof nm);
  lb_name_printable(n && n->op_type ? n->op_type : "?", op, sizeof op);
  return lb_status_make(code, __FILE__, __LINE__, "%s: node %zu '%s' (op %s, opset %lld): %s", im->path,
                        im->node_index, nm, op, (long long)im->opset, msg);
}

lb_status_t lb_onnx_fail(lb_onnx_node_t *im, lb_status_code_t code, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  lb_status_t st = lb_onnx_failv(im, code, fmt, ap);
  va_end(ap);
  return st;
}

lb_status_t lb_onnx_build(lb_onnx_node_t *im, lb_status_t st) {
  if (!st) return LB_OK;
  lb_status_t out = lb_onnx_fail(im, lb_status_code(st), "%s", lb_status_message(st));
  lb_status_free(st);
  return out;
}

bool lb_onnx_has_input(const lb_onnx_node_t *n, size_t i) {
  if (i >= n->node->n_input || !n->node->input[i][0]) return false;
  /* an empty constant ([], as exporters write an unused roi or scales) is no input */
  lb_sym_t *s = lb_sym_find((lb_onnx_node_t *)n, n->node->input[i]);
  return !(s && s->is_empty);
}

static lb_status_t lb_onnx_sym_input(lb_onnx_node_t *im, size_t i, lb_sym_t **out) {
  char nm[200];
  if (!lb_onnx_has_input(im, i)) return lb_onnx_fail(im, LB_STATUS_INVALID_ARGUMENT, "missing input #%zu", i);
  lb_sym_t *s = lb_sym_find(im, im->node->input[i]);
  if (!s) {
    lb_name_printable(im->node->input[i], nm, sizeof nm);
    return lb_onnx_fail(im, LB_STATUS_INVALID_ARGUMENT, "input '%s' is not defined by an earlier node", nm);
  }
  if (s->is_empty) {
    lb_name_printable(im->node->input[i], nm, sizeof nm);
    return lb_onnx_fail(im, LB_STATUS_UNIMPLEMENTED, "input '%s' is an empty tensor (only optional inputs may be empty)", nm);
  }
  *out = s;
  return LB_OK;
}

lb_status_t lb_onnx_input(lb_onnx_node_t *im, size_t i, MlirValue *out) {
  lb_sym_t *s;
  LB_RETURN_IF_ERROR(lb_onnx_sym_input(im, i, &s));
  if (mlirValueIsNull(s->value)) {
    if (!s->has_host) return lb_onnx_fail(im, LB_STATUS_INTERNAL, "input #%zu has no value", i);
    lb_builder_t b = lb_builder_at_end(im->ctx, im->body,
                                       mlirLocationNameGet(im->ctx, mlirStringRefCreateFromCString(s->name), im->loc));
    LB_RETURN_IF_ERROR(lb_onnx_build(im, lb_build_constant_tensor(&b, &s->host, &s->value)));
  }
  *out = s->value;
  return LB_OK;
}

lb_status_t lb_onnx_optional_input(lb_onnx_node_t *n, size_t i, MlirValue *out) {
  out->ptr = NULL;
  return lb_onnx_has_input(n, i) ? lb_onnx_input(n, i, out) : LB_OK;
}

bool lb_onnx_input_is_const(const lb_onnx_node_t *n, size_t i) {
  if (!lb_onnx_has_input(n, i)) return false;
  lb_sym_t *s = lb_sym_find((lb_onnx_node_t *)n, n->node->input[i]);
  return s && s->has_host;
}

lb_status_t lb_onnx_const_input(lb_onnx_node_t *im, size_t i, const lb_tensor_t **out) {
  lb_sym_t *s;
  LB_RETURN_IF_ERROR(lb_onnx_sym_input(im, i, &s));
  if (!s->has_host) {
    char nm[200];
    lb_name_printable(s->name, nm, sizeof nm);
    return lb_onnx_fail(im, LB_STATUS_UNIMPLEMENTED, "input '%s' must be a constant (initializer or Constant)", nm);
  }
  *out = &s->host;
  return LB_OK;
}

/* A fresh symbol for output i; a name defined twice is an error (SSA). */
static lb_status_t lb_onnx_new_output(lb_onnx_node_t *im, size_t i, lb_sym_t **out) {
  if (i >= im->node->n_output) return lb_onnx_fail(im, LB_STATUS_INVALID_ARGUMENT, "node has no output #%zu", i);
  const char *name = im->node->output[i];
  lb_sym_t *old = lb_sym_find(im, name);
  if (old) {
    char nm[200];
    lb_name_printable(name, nm, sizeof nm);
    if (old->defined_by >= 0)
      return lb_onnx_fail(im, LB_STATUS_INVALID_ARGUMENT, "output '%s' is already produced by node %lld", nm,
                          (long long)old->defined_by);
    return lb_onnx_fail(im, LB_STATUS_INVALID_ARGUMENT, "output '%s' redefines a graph input or initializer", nm);
  }
  lb_sym_t *s = lb_sym_add(im, name);
  if (!s) return LB_ERROR(LB_STATUS_RESOURCE_EXHAUSTED, "out of memory");
  s->defined_by = (int64_t)im->node_index;
  *out = s;
  return LB_OK;
}

/* Small values computed from constants only (the shape arithmetic
 * exporters write: Shape -> Gather -> Concat -> Reshape) are also known at
 * import time, so that importers needing a constant input (Reshape's shape,
 * Slice's starts) see them. The IR is unchanged; lb-fold-constants folds the
 * ops later. */
#define LB_IMPORT_FOLD_MAX 4096

static void lb_onnx_try_fold(lb_sym_t *s, MlirValue v) {
  MlirOperation op = lb_value_def(v);
  lb_op_kind_t k = lb_op_get_kind(op);
  intptr_t n = mlirOperationIsNull(op) ? 0 : mlirOperationGetNumOperands(op);
  if (k == LB_OP_UNKNOWN || k == LB_OP_CONSTANT || k == LB_OP_DEQUANTIZE || n == 0) return;
  int64_t count = lb_value_count(v);
  if (count < 0 || count > LB_IMPORT_FOLD_MAX) return;
  for (intptr_t i = 0; i < n; ++i)
    if (!lb_value_is_constant(mlirOperationGetOperand(op, i))) return;
  /* an op the verifier rejects (float arithmetic on integers) is left to
   * fail verification with its location, never evaluated here */
  if (!lb_op_verifies(op)) return;
  lb_tensor_t in, out;
  lb_status_t st = lb_value_read_constant(mlirOperationGetOperand(op, 0), &in);
  if (st) {
    lb_status_free(st);
    return;
  }
  st = lb_interp_eval_chain(&op, 1, &in, &out);
  lb_tensor_free(&in);
  if (st) {
    lb_status_free(st);
    return;
  }
  s->host = out;
  s->has_host = 1;
  /* An integer result (shape arithmetic) replaces its op: users get it as a
   * constant (materialized on first use), so that chains of shape
   * arithmetic fold node after node. Float ops on constants stay in the IR,
   * where passes look for patterns (fake quantization of weights). */
  if (lb_dtype_is_int(out.dtype) && mlirOperationGetNumResults(op) == 1 &&
      mlirOpOperandIsNull(mlirValueGetFirstUse(v))) {
    s->value.ptr = NULL;
    mlirOperationDestroy(op);
  }
}

lb_status_t lb_onnx_define(lb_onnx_node_t *im, size_t i, MlirValue v) {
  lb_sym_t *s;
  LB_RETURN_IF_ERROR(lb_onnx_new_output(im, i, &s));
  s->value = v;
  lb_onnx_try_fold(s, v);
  return LB_OK;
}

lb_status_t lb_onnx_define_empty(lb_onnx_node_t *im, size_t i) {
  lb_sym_t *s;
  LB_RETURN_IF_ERROR(lb_onnx_new_output(im, i, &s));
  s->is_empty = 1;
  return LB_OK;
}

lb_status_t lb_onnx_define_const(lb_onnx_node_t *im, size_t i, lb_tensor_t *t) {
  lb_sym_t *s;
  lb_status_t st = lb_onnx_new_output(im, i, &s);
  if (st) {
    lb_tensor_free(t);
    return st;
  }
  s->host = *t;
  s->has_host = 1;
  memset(t, 0, sizeof *t);
  return LB_OK;
}

lb_status_t lb_onnx_forward(lb_onnx_node_t *im, size_t out, size_t in) {
  lb_sym_t *src;
  LB_RETURN_IF_ERROR(lb_onnx_sym_input(im, in, &src));
  size_t si = (size_t)(src - im->syms);
  lb_sym_t *s;
  LB_RETURN_IF_ERROR(lb_onnx_new_output(im, out, &s));
  src = &im->syms[si]; /* syms may have moved */
  s->value = src->value;
  if (src->has_host) {
    /* a borrowed view of the source's data: the source outlives the import */
    s->host = src->host;
    s->host.borrowed = 1;
    s->has_host = 1;
  }
  if (mlirValueIsNull(s->value) && !s->has_host) return lb_onnx_fail(im, LB_STATUS_INTERNAL, "input has no value");
  return LB_OK;
}

lb_status_t lb_onnx_outputs(lb_onnx_node_t *im, size_t count) {
  if (im->node->n_output < count)
    return lb_onnx_fail(im, LB_STATUS_INVALID_ARGUMENT, "has %zu outputs, expected %zu", im->node->n_output, count);
  for (size_t i = count; i < im->node->n_output; ++i)
    if (im->node->output[i][0]) {
      char nm[200];
      lb_name_printable(im->node->output[i], nm, sizeof nm);
      return lb_onnx_fail(im, LB_STATUS_UNIMPLEMENTED, "output #%zu ('%s') is not supported", i, nm);
    }
  for (size_t i = 0; i < count; ++i)
    if (!im->node->output[i][0]) return lb_onnx_fail(im, LB_STATUS_INVALID_ARGUMENT, "output #%zu has no name", i);
  return LB_OK;
}

/* ---- attributes ---- */

const Onnx__AttributeProto *lb_onnx_attr(const lb_onnx_node_t *im, const char *name) {
  const Onnx__NodeProto *n = im->node;
  for (size_t i = 0; i < n->n_attribute; ++i)
    if (n->attribute[i]->name && !strcmp(n->attribute[i]->name, name)) return n->attribute[i];
  return NULL;
}

int64_t lb_onnx_attr_int(const lb_onnx_node_t *n, const char *name, int64_t dflt) {
  const Onnx__AttributeProto *a = lb_onnx_attr(n, name);
  return a && a->has_i ? a->i : dflt;
}

float lb_onnx_attr_float(const lb_onnx_node_t *n, const char *name, float dflt) {
  const Onnx__AttributeProto *a = lb_onnx_attr(n, name);
  return a && a->has_f ? a->f : dflt;
}

int lb_onnx_attr_ints(const lb_onnx_node_t *n, const char *name, int64_t *out, int max) {
  const Onnx__AttributeProto *a = lb_onnx_attr(n, name);
  if (!a) return -1;
  for (size_t i = 0; i < a->n_ints && (int)i < max; ++i) out[i] = a->ints[i];
  return a->n_ints > (size_t)1 << 20 ? 1 << 20 : (int)a->n_ints;
}

const char *lb_onnx_attr_str(const lb_onnx_node_t *n, const char *name, char *buf, size_t cap, const char *dflt) {
  const Onnx__AttributeProto *a = lb_onnx_attr(n, name);
  if (!a || !a->has_s) return dflt;
  snprintf(buf, cap, "%.*s", (int)(a->s.len < cap ? a->s.len : cap - 1), (const char *)a->s.data);
  return buf;
}

lb_status_t lb_onnx_check_attrs(lb_onnx_node_t *im, const char *const *known) {
  for (size_t i = 0; i < im->node->n_attribute; ++i) {
    const char *an = im->node->attribute[i]->name ? im->node->attribute[i]->name : "";
    bool ok = false;
    for (const char *const *k = known; *k && !ok; ++k) ok = !strcmp(*k, an);
    if (!ok) {
      char nm[200];
      lb_name_printable(an, nm, sizeof nm);
      return lb_onnx_fail(im, LB_STATUS_UNIMPLEMENTED, "attribute '%s' is not supported", nm);
    }
  }
  return LB_OK;
}

lb_status_t lb_onnx_window(lb_onnx_node_t *im, MlirValue x, const int64_t kernel[2], lb_window_attrs_t *w) {
  int64_t tmp[8];
  memset(w, 0, sizeof *w);
  w->strides[0] = w->strides[1] = w->dilations[0] = w->dilations[1] = 1;
  w->kernel[0] = kernel[0];
  w->kernel[1] = kernel[1];
  w->group = 1;
  int c;
  if ((c = lb_onnx_attr_ints(im, "strides", tmp, 8)) >= 0) {
    if (c != 2) return lb_onnx_fail(im, LB_STATUS_UNIMPLEMENTED, "only 2-D windows are supported (strides has %d values)", c);
    w->strides[0] = tmp[0];
    w->strides[1] = tmp[1];
  }
  if ((c = lb_onnx_attr_ints(im, "dilations", tmp, 8)) >= 0) {
    if (c != 2) return lb_onnx_fail(im, LB_STATUS_UNIMPLEMENTED, "only 2-D windows are supported (dilations has %d values)", c);
    w->dilations[0] = tmp[0];
    w->dilations[1] = tmp[1];
  }
  if ((c = lb_onnx_attr_ints(im, "pads", tmp, 8)) >= 0) {
    if (c != 4) return lb_onnx_fail(im, LB_STATUS_UNIMPLEMENTED, "only 2-D windows are supported (pads has %d values)", c);
    memcpy(w->pads, tmp, sizeof w->pads); /* ONNX order: h_begin, w_begin, h_end, w_end */
  }
  for (int i = 0; i < 2; ++i)
    if (w->strides[i] <= 0 || w->dilations[i] <= 0 || w->kernel[i] <= 0)
      return lb_onnx_fail(im, LB_STATUS_INVALID_ARGUMENT, "kernel, strides and dilations must be positive");
  for (int i = 0; i < 4; ++i)
    if (w->pads[i] < 0) return lb_onnx_fail(im, LB_STATUS_INVALID_ARGUMENT, "pads must be non-negative");
  char buf[32];
  const char *ap = lb_onnx_attr_str(im, "auto_pad", buf, sizeof buf, "NOTSET");
  if (!strcmp(ap, "VALID")) {
    memset(w->pads, 0, sizeof w->pads);
  } else if (!strcmp(ap, "SAME_UPPER") || !strcmp(ap, "SAME_LOWER")) {
    int32_t r;
    int64_t d[LB_MAX_RANK];
    if (!lb_type_get_shape(mlirValueGetType(x), &r, d) || r != 4 || d[2] == LB_DYN || d[3] == LB_DYN)
      return lb_onnx_fail(im, LB_STATUS_UNIMPLEMENTED, "auto_pad=%s needs static spatial dims", ap);
    for (int i = 0; i < 2; ++i) {
      const int64_t big = (int64_t)1 << 40;
      if (w->strides[i] > big || w->kernel[i] > big || w->dilations[i] > big || d[2 + i] > big)
        return lb_onnx_fail(im, LB_STATUS_OUT_OF_RANGE, "window attributes above 2^40");
      int64_t in = d[2 + i], out = (in + w->strides[i] - 1) / w->strides[i];
      int64_t total = (out - 1) * w->strides[i] + (w->kernel[i] - 1) * w->dilations[i] + 1 - in;
      if (total < 0) total = 0;
      int64_t small = total / 2, big_half = total - small;
      w->pads[i] = !strcmp(ap, "SAME_UPPER") ? small : big_half;
      w->pads[i + 2] = !strcmp(ap, "SAME_UPPER") ? big_half : small;
    }
  } else if (strcmp(ap, "NOTSET") != 0) {
    return lb_onnx_fail(im, LB_STATUS_INVALID_ARGUMENT, "unknown auto_pad '%s'", ap);
  }
  return LB_OK;
}

/* ---- graph ---- */

/* ---- --shape at import ---- */

static const Onnx__TensorShapeProto *lb_vi_shape(const Onnx__ValueInfoProto *vi) {
  if (!vi->type || vi->type->value_case != ONNX__TYPE_PROTO__VALUE_TENSOR_TYPE || !vi->type->tensor_type) return NULL;
  return vi->type->tensor_type->shape;
}

static const char *lb_dim_symbol(const Onnx__TensorShapeProto__Dimension *d) {
  return d->value_case == ONNX__TENSOR_SHAPE_PROTO__DIMENSION__VALUE_DIM_PARAM && d->dim_param && d->dim_param[0]
             ? d->dim_param
             : NULL;
}

static int64_t *lb_sym_size(lb_onnx_node_t *im, const char *sym) {
  for (int i = 0; i < im->nshape_syms; ++i)
    if (!strcmp(im->shape_syms[i], sym)) return &im->shape_vals[i];
  return NULL;
}

/* The --shape sizes as lb-specialize binds them (per input, and through
 * dim_param symbols shared by name), resolved before the inputs are typed,
 * with lb-specialize's checks and messages (ir/lb_specialize.c); --batch
 * stays with lb-specialize. */
static lb_status_t lb_resolve_shapes(lb_onnx_node_t *im, const Onnx__GraphProto *g) {
  im->shapes_ok = false;
  im->nshape_syms = 0;
  if (!im->opts || !im->opts->nshapes) return LB_OK;
  for (int k = 0; k < im->opts->nshapes; ++k) {
    const lb_onnx_input_shape_t *b = &im->opts->shapes[k];
    for (int t = 0; t < k; ++t)
      if (!strcmp(im->opts->shapes[t].name, b->name))
        return LB_ERROR(LB_STATUS_INVALID_ARGUMENT, "--shape %s is given twice", b->name);
    const Onnx__TensorShapeProto *sh = NULL;
    bool found = false;
    for (size_t i = 0; i < g->n_input && !found; ++i)
      if (g->input[i]->name && !strcmp(g->input[i]->name, b->name)) found = true, sh = lb_vi_shape(g->input[i]);
    if (!found) {
      char list[1024] = "";
      for (size_t i = 0; i < g->n_input; ++i) {
        const char *nm = g->input[i]->name ? g->input[i]->name : "";
        bool init = false;
        for (size_t j = 0; j < g->n_initializer && !init; ++j)
          init = g->initializer[j]->name && !strcmp(g->initializer[j]->name, nm);
        if (!init) snprintf(list + strlen(list), sizeof list - strlen(list), "%s%s", list[0] ? ", " : "", nm);
      }
      return LB_ERROR(LB_STATUS_INVALID_ARGUMENT, "--shape %s: the model has no input named '%s' (inputs: %s)", b->name,
                      b->name, list);
    }
    if (!sh) return LB_OK; /* not a tensor with a shape: the importer says so */
    if ((int32_t)sh->n_dim != b->rank)
      return LB_ERROR(LB_STATUS_INVALID_ARGUMENT, "--shape %s gives %d dims, the input has rank %d", b->name,
                      (int)b->rank, (int)sh->n_dim);
    for (int32_t i = 0; i < b->rank; ++i) {
      const Onnx__TensorShapeProto__Dimension *d = sh->dim[i];
      if (b->dims[i] == LB_DYN) continue;
      if (d->value_case == ONNX__TENSOR_SHAPE_PROTO__DIMENSION__VALUE_DIM_VALUE) {
        if (d->dim_value != b->dims[i])
          return LB_ERROR(LB_STATUS_INVALID_ARGUMENT,
                          "--shape %s contradicts the model: dimension %d of '%s' is %lld, not %lld", b->name, (int)i,
                          b->name, (long long)d->dim_value, (long long)b->dims[i]);
        continue;
      }
      const char *sym = lb_dim_symbol(d);
      if (!sym) continue;
      int64_t *v = lb_sym_size(im, sym);
      if (v && *v != b->dims[i])
        return LB_ERROR(LB_STATUS_INVALID_ARGUMENT,
                        "dimension %d of input '%s' is the symbol '%s', already given the size %lld (not %lld)", (int)i,
                        b->name, sym, (long long)*v, (long long)b->dims[i]);
      if (!v) {
        if (im->nshape_syms == LB_IMPORT_MAX_SYMS) return LB_OK; /* many symbols: leave them to lb-specialize */
        im->shape_syms[im->nshape_syms] = sym;
        im->shape_vals[im->nshape_syms++] = b->dims[i];
      }
    }
  }
  im->shapes_ok = true;
  return LB_OK;
}

static void lb_apply_shapes(lb_onnx_node_t *im, const Onnx__ValueInfoProto *vi, int64_t *dims, size_t rank) {
  if (!im->shapes_ok) return;
  const lb_onnx_input_shape_t *b = NULL;
  for (int k = 0; k < im->opts->nshapes && !b; ++k)
    if (vi->name && !strcmp(im->opts->shapes[k].name, vi->name)) b = &im->opts->shapes[k];
  const Onnx__TensorShapeProto *sh = lb_vi_shape(vi);
  for (size_t i = 0; i < rank; ++i) {
    if (dims[i] != LB_DYN) continue;
    if (b && b->dims[i] != LB_DYN) {
      dims[i] = b->dims[i];
      continue;
    }
    const char *sym = lb_dim_symbol(sh->dim[i]);
    int64_t *v = sym ? lb_sym_size(im, sym) : NULL;
    if (v) dims[i] = *v;
  }
}

static lb_status_t lb_input_type(lb_onnx_node_t *im, const Onnx__ValueInfoProto *vi, MlirType *out, MlirAttribute *syms) {
  char name[200];
  lb_name_printable(vi->name ? vi->name : "?", name, sizeof name);
  if (!vi->type || vi->type->value_case != ONNX__TYPE_PROTO__VALUE_TENSOR_TYPE || !vi->type->tensor_type)
    return LB_ERROR(LB_STATUS_UNIMPLEMENTED, "%s: graph input '%s' is not a tensor", im->path, name);
  const Onnx__TypeProto__Tensor *tt = vi->type->tensor_type;
  lb_dtype_t dt;
  if (!lb_onnx_dtype(tt->elem_type, &dt))
    return LB_ERROR(LB_STATUS_UNIMPLEMENTED,
                    "%s: graph input '%s' has ONNX element type %d (supported: float, (u)int8, (u)int16, int32, int64)",
                    im->path, name, (int)tt->elem_type);
  if (!tt->shape) return LB_ERROR(LB_STATUS_UNIMPLEMENTED, "%s: graph input '%s' has no shape", im->path, name);
  if (tt->shape->n_dim > LB_MAX_RANK)
    return LB_ERROR(LB_STATUS_UNIMPLEMENTED, "%s: graph input '%s' has rank %zu > %d", im->path, name, tt->shape->n_dim,
                    LB_MAX_RANK);
  int64_t dims[LB_MAX_RANK];
  MlirAttribute names[LB_MAX_RANK];
  for (size_t i = 0; i < tt->shape->n_dim; ++i) {
    const Onnx__TensorShapeProto__Dimension *d = tt->shape->dim[i];
    const char *sym = "";
    if (d->value_case == ONNX__TENSOR_SHAPE_PROTO__DIMENSION__VALUE_DIM_VALUE) {
      if (d->dim_value <= 0)
        return LB_ERROR(LB_STATUS_INVALID_ARGUMENT, "%s: graph input '%s' has dimension %zu = %lld (must be positive)",
                        im->path, name, i, (long long)d->dim_value);
      if (d->dim_value > ((int64_t)1 << 40))
        return LB_ERROR(LB_STATUS_INVALID_ARGUMENT, "%s: graph input '%s' has absurd dimension %lld", im->path, name,
                        (long long)d->dim_value);
      dims[i] = d->dim_value;
    } else {
      dims[i] = LB_DYN;
      if (d->value_case == ONNX__TENSOR_SHAPE_PROTO__DIMENSION__VALUE_DIM_PARAM && d->dim_param) sym = d->dim_param;
    }
    names[i] = mlirStringAttrGet(im->ctx, mlirStringRefCreateFromCString(sym));
  }
  lb_apply_shapes(im, vi, dims, tt->shape->n_dim);
  int64_t count = 1;
  for (size_t i = 0; i < tt->shape->n_dim; ++i)
    if (dims[i] != LB_DYN) {
      if (count > ((int64_t)1 << 40) / dims[i])
        return LB_ERROR(LB_STATUS_INVALID_ARGUMENT, "%s: graph input '%s' has more than 2^40 elements", im->path, name);
      count *= dims[i];
    }
  *out = lb_tensor_type(im->ctx, (int32_t)tt->shape->n_dim, dims, lb_dtype_to_type(im->ctx, dt));
  *syms = mlirArrayAttrGet(im->ctx, (intptr_t)tt->shape->n_dim, names);
  return LB_OK;
}

static MlirAttribute lb_names_attr(MlirContext ctx, const char **names, size_t n) {
  MlirAttribute *a = malloc(sizeof *a * (n ? n : 1));
  if (!a) return mlirAttributeGetNull();
  for (size_t i = 0; i < n; ++i) a[i] = mlirStringAttrGet(ctx, mlirStringRefCreateFromCString(names[i]));
  MlirAttribute r = mlirArrayAttrGet(ctx, (intptr_t)n, a);
  free(a);
  return r;
}

static lb_status_t lb_import_node(lb_onnx_node_t *im) {
  const Onnx__NodeProto *n = im->node;
  const char *domain = lb_onnx_norm_domain(n->domain), *op = n->op_type ? n->op_type : "";
  im->opset = domain[0] ? lb_onnx_model_opset(im->model, domain) : im->default_opset;
  if (domain[0]) {
    char d[200];
    lb_name_printable(domain, d, sizeof d);
    if (!lb_onnx_domain_known(domain)) return lb_onnx_fail(im, LB_STATUS_UNIMPLEMENTED, "unsupported op domain '%s'", d);
    if (im->opset <= 0)
      return lb_onnx_fail(im, LB_STATUS_INVALID_ARGUMENT, "domain '%s' has no version in the model's opset_import", d);
  }
  int64_t lo, hi;
  const lb_onnx_importer_t *e = lb_onnx_find(domain, op, im->opset, &lo, &hi);
  if (!e) {
    char o[200];
    lb_name_printable(op, o, sizeof o);
    if (hi < 0) return lb_onnx_fail(im, LB_STATUS_UNIMPLEMENTED, "unsupported op type '%s'", o);
    return lb_onnx_fail(im, LB_STATUS_UNIMPLEMENTED, "'%s' is supported for opsets %lld to %lld, not %lld", o,
                        (long long)lo, (long long)hi, (long long)im->opset);
  }
  im->builder = lb_builder_at_end(im->ctx, im->body, im->loc);
  return e->fn(im);
}

lb_status_t lb_onnx_import(MlirContext ctx, const lb_onnx_model_t *model, MlirModule *out) {
  return lb_onnx_import_known(ctx, model, NULL, 0, out);
}

lb_status_t lb_onnx_import_known(MlirContext ctx, const lb_onnx_model_t *model, const lb_onnx_known_input_t *known,
                                 int nknown, MlirModule *out) {
  lb_onnx_import_opts_t o = {.known = known, .nknown = nknown};
  return lb_onnx_import_opts(ctx, model, &o, out);
}

lb_status_t lb_onnx_import_opts(MlirContext ctx, const lb_onnx_model_t *model, const lb_onnx_import_opts_t *opts,
                                MlirModule *out) {
  const lb_onnx_known_input_t *known = opts ? opts->known : NULL;
  int nknown = opts ? opts->nknown : 0;
  lb_onnx_node_t im;
  memset(&im, 0, sizeof im);
  im.ctx = ctx;
  im.model = model;
  im.opts = opts;
  im.path = lb_onnx_model_path(model);
  im.opset = im.default_opset = lb_onnx_model_opset(model, "");
  lb_hashmap_init(&im.by_name);
  const Onnx__GraphProto *g = lb_onnx_model_proto(model)->graph;
  if (im.opset < LB_ONNX_MIN_OPSET || im.opset > LB_ONNX_MAX_OPSET)
    return LB_ERROR(LB_STATUS_UNIMPLEMENTED, "%s: default-domain opset %lld is not supported (supported: %d to %d)",
                    im.path, (long long)im.opset, LB_ONNX_MIN_OPSET, LB_ONNX_MAX_OPSET);
  if (g->n_output == 0) return LB_ERROR(LB_STATUS_INVALID_ARGUMENT, "%s: graph has no outputs", im.path);

  MlirLocation floc = mlirLocationFileLineColGet(ctx, mlirStringRefCreateFromCString(im.path), 0, 0);
  MlirModule module = mlirModuleCreateEmpty(floc);
  MlirRegion region = {NULL};
  lb_status_t st = LB_OK;
  const char **in_names = calloc(g->n_input + 1, sizeof(char *));
  const char **out_names = calloc(g->n_output + 1, sizeof(char *));
  MlirType *in_types = calloc(g->n_input + 1, sizeof(MlirType));
  MlirAttribute *in_syms = calloc(g->n_input + 1, sizeof(MlirAttribute));
  MlirLocation *in_locs = calloc(g->n_input + 1, sizeof(MlirLocation));
  MlirValue *rets = calloc(g->n_output + 1, sizeof(MlirValue));
  if (!in_names || !out_names || !in_types || !in_syms || !in_locs || !rets) {
    st = LB_ERROR(LB_STATUS_RESOURCE_EXHAUSTED, "out of memory");
    goto done;
  }
  /* initializers first (they may shadow graph inputs, as ONNX allows) */
  for (size_t i = 0; i < g->n_initializer; ++i) {
    const Onnx__TensorProto *t = g->initializer[i];
    const char *name = t->name ? t->name : "";
    if (lb_sym_find(&im, name)) {
      char nm[200];
      lb_name_printable(name, nm, sizeof nm);
      st = LB_ERROR(LB_STATUS_INVALID_ARGUMENT, "%s: initializer '%s' is defined twice", im.path, nm);
      goto done;
    }
    lb_sym_t *s = lb_sym_add(&im, name);
    if (!s) {
      st = LB_ERROR(LB_STATUS_RESOURCE_EXHAUSTED, "out of memory");
      goto done;
    }
    if (lb_onnx_tensor_is_empty_1d(t)) {
      s->is_empty = 1;
      continue;
    }
    if ((st = lb_onnx_tensor_decode(model, t, &s->host))) goto done;
    s->has_host = 1;
  }
  if ((st = lb_resolve_shapes(&im, g))) goto done;
  size_t nin = 0;
  for (size_t i = 0; i < g->n_input; ++i) {
    const Onnx__ValueInfoProto *vi = g->input[i];
    const char *name = vi->name ? vi->name : "";
    lb_sym_t *s = lb_sym_find(&im, name);
    if (s && s->has_host) continue; /* an initializer */
    if (s) {
      char nm[200];
      lb_name_printable(name, nm, sizeof nm);
      st = LB_ERROR(LB_STATUS_INVALID_ARGUMENT, "%s: graph input '%s' is listed twice", im.path, nm);
      goto done;
    }
    if ((st = lb_input_type(&im, vi, &in_types[nin], &in_syms[nin]))) goto done;
    in_names[nin] = name;
    in_locs[nin] = floc;
    if (!(s = lb_sym_add(&im, name))) {
      st = LB_ERROR(LB_STATUS_RESOURCE_EXHAUSTED, "out of memory");
      goto done;
    }
    for (int k = 0; k < nknown; ++k) {
      lb_dtype_t dt;
      const lb_tensor_t *kv = known[k].value;
      if (strcmp(known[k].name, name) || !lb_type_to_dtype(mlirShapedTypeGetElementType(in_types[nin]), &dt) ||
          kv->dtype != dt || lb_tensor_alloc(&s->host, kv->dtype, kv->rank, kv->dims))
        continue;
      memcpy(s->host.data, kv->data, lb_dtype_size(kv->dtype) * (size_t)lb_tensor_count(kv));
      s->has_host = 1;
    }
    nin++;
  }
  /* func.func @main */
  region = mlirRegionCreate();
  MlirBlock body = mlirBlockCreate((intptr_t)nin, in_types, in_locs);
  mlirRegionAppendOwnedBlock(region, body);
  im.body = body;
  for (size_t i = 0; i < nin; ++i) lb_sym_find(&im, in_names[i])->value = mlirBlockGetArgument(body, (intptr_t)i);
  /* an unnamed node is called by its first output (values are assigned
   * once), so that --layer and the report can tell the layers of an
   * exporter that names no node apart; where that output's name is also
   * some node's name, by "<op type>_<node index>" instead */
  lb_hashmap_t node_names;
  lb_hashmap_init(&node_names);
  for (size_t i = 0; i < g->n_node && !st; ++i)
    if (g->node[i]->name && g->node[i]->name[0] &&
        !lb_hashmap_put_str(&node_names, g->node[i]->name, strlen(g->node[i]->name), (int64_t)i))
      st = LB_ERROR(LB_STATUS_RESOURCE_EXHAUSTED, "out of memory");
  for (size_t i = 0; i < g->n_node && !st; ++i) {
    im.node = g->node[i];
    im.node_index = i;
    const char *out0 = im.node->n_output && im.node->output[0] && im.node->output[0][0] ? im.node->output[0] : NULL;
    int64_t other;
    char fallback[160];
    snprintf(fallback, sizeof fallback, "%.120s_%zu", im.node->op_type ? im.node->op_type : "node", i);
    const char *nn = im.node->name && im.node->name[0] ? im.node->name
                     : out0 && !lb_hashmap_get_str(&node_names, out0, strlen(out0), &other) ? out0
                                                                                              : fallback;
    im.loc = mlirLocationNameGet(ctx, mlirStringRefCreateFromCString(nn),
                                 mlirLocationFileLineColGet(ctx, mlirStringRefCreateFromCString(im.path),
                                                            (unsigned)(i + 1 > 0xFFFFFFFFu ? 0 : i + 1), 1));
    st = lb_import_node(&im);
  }
  lb_hashmap_free(&node_names);
  im.node = NULL;
  for (size_t i = 0; i < g->n_output && !st; ++i) {
    const char *on = g->output[i]->name ? g->output[i]->name : "";
    lb_sym_t *s = lb_sym_find(&im, on);
    char nm[200];
    lb_name_printable(on, nm, sizeof nm);
    if (!s) {
      st = LB_ERROR(LB_STATUS_INVALID_ARGUMENT, "%s: graph output '%s' is not produced by any node", im.path, nm);
      break;
    }
    if (s->is_empty) {
      st = LB_ERROR(LB_STATUS_UNIMPLEMENTED, "%s: graph output '%s' is an empty tensor", im.path, nm);
      break;
    }
    if (mlirValueIsNull(s->value)) {
      lb_builder_t b = lb_builder_at_end(ctx, body, mlirLocationNameGet(ctx, mlirStringRefCreateFromCString(on), floc));
      st = lb_build_constant_tensor(&b, &s->host, &s->value);
    }
    rets[i] = s->value;
    out_names[i] = on;
  }
  if (st) goto done;
  MlirOperationState rs = mlirOperationStateGet(mlirStringRefCreateFromCString("func.return"), floc);
  mlirOperationStateAddOperands(&rs, (intptr_t)g->n_output, rets);
  mlirBlockAppendOwnedOperation(body, mlirOperationCreate(&rs));
  {
    MlirOperationState fs = mlirOperationStateGet(mlirStringRefCreateFromCString("func.func"), floc);
    MlirType ft = mlirFunctionTypeGet(ctx, (intptr_t)nin, in_types, 0, NULL);
    MlirNamedAttribute attrs[5] = {
        lb_named_attr(ctx, "sym_name", mlirStringAttrGet(ctx, mlirStringRefCreateFromCString("main"))),
        lb_named_attr(ctx, "function_type", mlirTypeAttrGet(ft)),
        lb_named_attr(ctx, LB_ATTR_INPUT_NAMES, lb_names_attr(ctx, in_names, nin)),
        lb_named_attr(ctx, LB_ATTR_OUTPUT_NAMES, lb_names_attr(ctx, out_names, g->n_output)),
        lb_named_attr(ctx, LB_ATTR_DIM_PARAMS, mlirArrayAttrGet(ctx, (intptr_t)nin, in_syms)),
    };
    mlirOperationStateAddAttributes(&fs, 5, attrs);
    mlirOperationStateAddOwnedRegions(&fs, 1, &region);
    region.ptr = NULL; /* owned by the func now */
    MlirOperation func = mlirOperationCreate(&fs);
    mlirBlockAppendOwnedOperation(mlirModuleGetBody(module), func);
    /* sets the function type from the actual return values */
    st = lb_func_refresh_types(func);
  }
done:
  if (region.ptr) mlirRegionDestroy(region);
  for (size_t i = 0; i < im.nsyms; ++i) lb_tensor_free(&im.syms[i].host);
  free(im.syms);
  lb_hashmap_free(&im.by_name);
  free(in_names);
  free(out_names);
  free(in_types);
  free(in_syms);
  free(in_locs);
  free(rets);
  if (st) {
    mlirModuleDestroy(module);
    return st;
  }
  *out = module;
  return LB_OK;
}

lb_status_t lb_onnx_import_file_opts(MlirContext ctx, const char *path, const lb_onnx_import_opts_t *opts,
                                     MlirModule *out) {
  lb_onnx_model_t *m;
  LB_RETURN_IF_ERROR(lb_onnx_load(path, &m));
  lb_status_t st = lb_onnx_import_opts(ctx, m, opts, out);
  lb_onnx_model_free(m);
  return st;
}

lb_status_t lb_onnx_import_file_known(MlirContext ctx, const char *path, const lb_onnx_known_input_t *known,
                                      int nknown, MlirModule *out) {
  lb_onnx_import_opts_t o = {.known = known, .nknown = nknown};
  return lb_onnx_import_file_opts(ctx, path, &o, out);
}

lb_status_t lb_onnx_import_file(MlirContext ctx, const char *path, MlirModule *out) {
  return lb_onnx_import_file_known(ctx, path, NULL, 0, out);
}
