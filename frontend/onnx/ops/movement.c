/* Data movement: Shape, Squeeze, Unsqueeze, Concat, Slice, Split, Gather,
 * Expand, Where, Equal, Less, Greater. Shapes, axes, starts and ends must
 * be known at import time (initializers, Constant nodes, or shape
 * arithmetic on those: see lb_onnx_define). */
#include <string.h>

#include "frontend/onnx/import.h"

static lb_status_t shape_of(lb_onnx_node_t *n, MlirValue x, int32_t *r, int64_t *d) {
  if (!lb_type_get_shape(mlirValueGetType(x), r, d)) return lb_onnx_fail(n, LB_STATUS_INTERNAL, "unranked input");
  return LB_OK;
}

/* Axes from an ints attribute (older opsets) or a constant int64 input. */
static lb_status_t axes_of(lb_onnx_node_t *n, size_t input, int64_t *axes, int *na) {
  *na = lb_onnx_attr_ints(n, "axes", axes, LB_MAX_RANK + 1);
  if (*na >= 0 || !lb_onnx_has_input(n, input)) return LB_OK;
  const lb_tensor_t *t;
  LB_RETURN_IF_ERROR(lb_onnx_const_input(n, input, &t));
  if (lb_tensor_count(t) > LB_MAX_RANK + 1 || !lb_dtype_is_int(t->dtype))
    return lb_onnx_fail(n, LB_STATUS_INVALID_ARGUMENT, "axes must be at most %d integers", LB_MAX_RANK);
  *na = (int)lb_tensor_count(t);
  for (int i = 0; i < *na; ++i) axes[i] = (int64_t)lb_tensor_get(t, i);
  return LB_OK;
}

/* A reshape to dims where a dynamic input dim stays dynamic: 0 keeps a
 * dim in place, a single -1 takes the rest. */
static lb_status_t reshape_to(lb_onnx_node_t *n, MlirValue x, const int64_t *in, int32_t rin, const int64_t *outd,
                              const int32_t *src, int32_t rout) {
  MlirValue y;
  int64_t shape[LB_MAX_RANK];
  int ndyn = 0;
  for (int32_t i = 0; i < rout; ++i) {
    if (outd[i] != LB_DYN) shape[i] = outd[i];
    else if (src[i] == i && i < rin && in[i] == LB_DYN) shape[i] = 0;
    else shape[i] = -1, ndyn++;
  }
  if (ndyn > 1) return lb_onnx_fail(n, LB_STATUS_UNIMPLEMENTED, "more than one dynamic dim moves");
  LB_RETURN_IF_ERROR(lb_onnx_build(n, lb_build_reshape(lb_onnx_builder(n), x, shape, rout, &y)));
  return lb_onnx_define(n, 0, y);
}

static lb_status_t import_squeeze(lb_onnx_node_t *n) {
  MlirValue x;
  int32_t r;
  int64_t d[LB_MAX_RANK], axes[LB_MAX_RANK + 1], outd[LB_MAX_RANK];
  int32_t src[LB_MAX_RANK];
  int na;
  LB_RETURN_IF_ERROR(lb_onnx_outputs(n, 1));
  LB_RETURN_IF_ERROR(lb_onnx_input(n, 0, &x));
  LB_RETURN_IF_ERROR(shape_of(n, x, &r, d));
  LB_RETURN_IF_ERROR(axes_of(n, 1, axes, &na));
  bool drop[LB_MAX_RANK] = {false};
  if (na < 0) {
    for (int32_t i = 0; i < r; ++i) drop[i] = d[i] == 1;
  } else {
    for (int i = 0; i < na; ++i) {
      int64_t a = axes[i] < 0 ? axes[i] + r : axes[i];
      if (a < 0 || a >= r || (d[a] != 1 && d[a] != LB_DYN))
        return lb_onnx_fail(n, LB_STATUS_INVALID_ARGUMENT, "axis %lld is not a dim of size 1", (long long)axes[i]);
      drop[a] = true;
    }
  }
  int32_t ro = 0;
  for (int32_t i = 0; i < r; ++i)
    if (!drop[i]) src[ro] = i, outd[ro++] = d[i];
  return reshape_to(n, x, d, r, outd, src, ro);
}

static lb_status_t import_unsqueeze(lb_onnx_node_t *n) {
  MlirValue x;
  int32_t r;
  int64_t d[LB_MAX_RANK], axes[LB_MAX_RANK + 1], outd[LB_MAX_RANK];
  int32_t src[LB_MAX_RANK];
  int na;
  LB_RETURN_IF_ERROR(lb_onnx_outputs(n, 1));
  LB_RETURN_IF_ERROR(lb_onnx_input(n, 0, &x));
  LB_RETURN_IF_ERROR(shape_of(n, x, &r, d));
  LB_RETURN_IF_ERROR(axes_of(n, 1, axes, &na));
  if (na < 0) return lb_onnx_fail(n, LB_STATUS_INVALID_ARGUMENT, "axes are required");
  int32_t ro = r + na;
  if (ro > LB_MAX_RANK) return lb_onnx_fail(n, LB_STATUS_UNIMPLEMENTED, "rank above %d", LB_MAX_RANK);
  bool ins[LB_MAX_RANK] = {false};
  for (int i = 0; i < na; ++i) {
    int64_t a = axes[i] < 0 ? axes[i] + ro : axes[i];
    if (a < 0 || a >= ro || ins[a])
      return lb_onnx_fail(n, LB_STATUS_INVALID_ARGUMENT, "axis %lld is out of range or repeated", (long long)axes[i]);
    ins[a] = true;
  }
  for (int32_t i = 0, k = 0; i < ro; ++i) {
    if (ins[i]) src[i] = -1, outd[i] = 1;
    else src[i] = k, outd[i] = d[k++];
  }
  return reshape_to(n, x, d, r, outd, src, ro);
}

/* Shape of a static tensor: an int64 constant (start / end since opset 15). */
static lb_status_t import_shape(lb_onnx_node_t *n) {
  MlirValue x;
  int32_t r;
  int64_t d[LB_MAX_RANK];
  LB_RETURN_IF_ERROR(lb_onnx_outputs(n, 1));
  LB_RETURN_IF_ERROR(lb_onnx_input(n, 0, &x));
  LB_RETURN_IF_ERROR(shape_of(n, x, &r, d));
  int64_t start = lb_onnx_attr_int(n, "start", 0), end = lb_onnx_attr_int(n, "end", r);
  if (start < 0) start += r;
  if (end < 0) end += r;
  start = start < 0 ? 0 : start > r ? r : start;
  end = end < start ? start : end > r ? r : end;
  for (int64_t i = start; i < end; ++i)
    if (d[i] == LB_DYN)
      return lb_onnx_fail(n, LB_STATUS_UNIMPLEMENTED,
                          "the shape of a tensor with symbolic dims is not known at compile time; give sizes with "
                          "--shape (or --batch)");
  int64_t cnt = end - start;
  lb_tensor_t t;
  if (lb_tensor_alloc(&t, LB_DT_I64, 1, &cnt)) return lb_onnx_fail(n, LB_STATUS_RESOURCE_EXHAUSTED, "out of memory");
  for (int64_t i = 0; i < cnt; ++i) ((int64_t *)t.data)[i] = d[start + i];
  return lb_onnx_define_const(n, 0, &t);
}

static lb_status_t import_concat(lb_onnx_node_t *n) {
  MlirValue acc, x;
  size_t nin = lb_onnx_proto(n)->n_input;
  LB_RETURN_IF_ERROR(lb_onnx_outputs(n, 1));
  if (nin == 0) return lb_onnx_fail(n, LB_STATUS_INVALID_ARGUMENT, "needs inputs");
  LB_RETURN_IF_ERROR(lb_onnx_input(n, 0, &acc));
  int32_t r;
  int64_t d[LB_MAX_RANK];
  LB_RETURN_IF_ERROR(shape_of(n, acc, &r, d));
  int64_t axis = lb_onnx_attr_int(n, "axis", 0);
  if (axis < -r || axis >= r) return lb_onnx_fail(n, LB_STATUS_INVALID_ARGUMENT, "axis %lld out of range", (long long)axis);
  if (axis < 0) axis += r;
  if (nin == 1) return lb_onnx_forward(n, 0, 0);
  for (size_t i = 1; i < nin; ++i) {
    LB_RETURN_IF_ERROR(lb_onnx_input(n, i, &x));
    LB_RETURN_IF_ERROR(lb_onnx_build(n, lb_build_concat(lb_onnx_builder(n), acc, x, axis, &acc)));
  }
  return lb_onnx_define(n, 0, acc);
}

/* ONNX slice bounds to lowbit's normalized ones for a dim of size dim. */
static void normalize_slice(int64_t dim, int64_t start, int64_t end, int64_t step, int64_t *s, int64_t *e) {
  if (start < 0) start += dim;
  if (end < 0) end += dim;
  if (step > 0) {
    *s = start < 0 ? 0 : start > dim ? dim : start;
    *e = end < 0 ? 0 : end > dim ? dim : end;
    if (*e < *s) *e = *s;
  } else {
    *s = start < 0 ? -1 : start > dim - 1 ? dim - 1 : start;
    *e = end < -1 ? -1 : end > dim - 1 ? dim - 1 : end;
    if (*e > *s) *e = *s;
  }
}

static lb_status_t import_slice(lb_onnx_node_t *n) {
  MlirValue x, y;
  int32_t r;
  int64_t d[LB_MAX_RANK], st[LB_MAX_RANK], en[LB_MAX_RANK], sp[LB_MAX_RANK];
  LB_RETURN_IF_ERROR(lb_onnx_outputs(n, 1));
  LB_RETURN_IF_ERROR(lb_onnx_input(n, 0, &x));
  LB_RETURN_IF_ERROR(shape_of(n, x, &r, d));
  for (int32_t i = 0; i < r; ++i) st[i] = 0, en[i] = (int64_t)1 << 62, sp[i] = 1;
  const lb_tensor_t *ts, *te, *ta = NULL, *tp = NULL;
  LB_RETURN_IF_ERROR(lb_onnx_const_input(n, 1, &ts));
  LB_RETURN_IF_ERROR(lb_onnx_const_input(n, 2, &te));
  if (lb_onnx_has_input(n, 3)) LB_RETURN_IF_ERROR(lb_onnx_const_input(n, 3, &ta));
  if (lb_onnx_has_input(n, 4)) LB_RETURN_IF_ERROR(lb_onnx_const_input(n, 4, &tp));
  int64_t k = lb_tensor_count(ts);
  if (k != lb_tensor_count(te) || (ta && lb_tensor_count(ta) != k) || (tp && lb_tensor_count(tp) != k) || k > r)
    return lb_onnx_fail(n, LB_STATUS_INVALID_ARGUMENT, "starts, ends, axes and steps must have the same length");
  bool seen[LB_MAX_RANK] = {false};
  for (int64_t i = 0; i < k; ++i) {
    int64_t a = ta ? (int64_t)lb_tensor_get(ta, i) : i;
    if (a < 0) a += r;
    if (a < 0 || a >= r || seen[a])
      return lb_onnx_fail(n, LB_STATUS_INVALID_ARGUMENT, "axis %lld is out of range or repeated", (long long)a);
    seen[a] = true;
    int64_t step = tp ? (int64_t)lb_tensor_get(tp, i) : 1;
    if (step == 0) return lb_onnx_fail(n, LB_STATUS_INVALID_ARGUMENT, "steps must not be 0");
    if (d[a] == LB_DYN) return lb_onnx_fail(n, LB_STATUS_UNIMPLEMENTED, "slicing a symbolic dim (give it a size)");
    /* int64 bounds beyond the dim (INT64_MAX for "to the end") clamp */
    double sv = lb_tensor_get(ts, i), ev = lb_tensor_get(te, i);
    int64_t s0 = sv > 9e18 ? INT64_MAX : sv < -9e18 ? INT64_MIN / 2 : (int64_t)sv;
    int64_t e0 = ev > 9e18 ? INT64_MAX / 2 : ev < -9e18 ? INT64_MIN / 2 : (int64_t)ev;
    if (s0 > d[a]) s0 = d[a];
    if (e0 > d[a]) e0 = d[a];
    if (s0 < -2 * d[a]) s0 = -2 * d[a];
    if (e0 < -2 * d[a] - 1) e0 = -2 * d[a] - 1;
    normalize_slice(d[a], s0, e0, step, &st[a], &en[a]);
    sp[a] = step;
  }
  LB_RETURN_IF_ERROR(lb_onnx_build(n, lb_build_slice(lb_onnx_builder(n), x, st, en, sp, r, &y)));
  return lb_onnx_define(n, 0, y);
}

/* Split into the node's outputs: `split` sizes (attribute before opset 13,
 * input after) or equal parts (num_outputs since 18). */
static lb_status_t import_split(lb_onnx_node_t *n) {
  MlirValue x;
  int32_t r;
  int64_t d[LB_MAX_RANK], sizes[64];
  size_t nout = lb_onnx_proto(n)->n_output;
  LB_RETURN_IF_ERROR(lb_onnx_input(n, 0, &x));
  LB_RETURN_IF_ERROR(shape_of(n, x, &r, d));
  if (nout == 0 || nout > 64) return lb_onnx_fail(n, LB_STATUS_UNIMPLEMENTED, "needs 1 to 64 outputs");
  LB_RETURN_IF_ERROR(lb_onnx_outputs(n, nout));
  int64_t axis = lb_onnx_attr_int(n, "axis", 0);
  if (axis < -r || axis >= r) return lb_onnx_fail(n, LB_STATUS_INVALID_ARGUMENT, "axis %lld out of range", (long long)axis);
  if (axis < 0) axis += r;
  if (d[axis] == LB_DYN) return lb_onnx_fail(n, LB_STATUS_UNIMPLEMENTED, "splitting a symbolic dim");
  int ns = lb_onnx_attr_ints(n, "split", sizes, 64);
  if (ns < 0 && lb_onnx_has_input(n, 1)) {
    const lb_tensor_t *t;
    LB_RETURN_IF_ERROR(lb_onnx_const_input(n, 1, &t));
    ns = lb_tensor_count(t) > 64 ? 65 : (int)lb_tensor_count(t);
    for (int i = 0; i < ns && i < 64; ++i) sizes[i] = (int64_t)lb_tensor_get(t, i);
  }
  if (ns < 0) { /* equal parts; the last one smaller */
    int64_t part = (d[axis] + (int64_t)nout - 1) / (int64_t)nout;
    ns = (int)nout;
    for (size_t i = 0; i < nout; ++i) {
      int64_t left = d[axis] - part * (int64_t)i;
      sizes[i] = left < part ? left : part;
    }
  }
  int64_t total = 0;
  for (int i = 0; i < ns && i < 64; ++i) total += sizes[i] > 0 ? sizes[i] : -((int64_t)1 << 50);
  if ((size_t)ns != nout || total != d[axis])
    return lb_onnx_fail(n, LB_STATUS_INVALID_ARGUMENT, "split sizes must be positive, one per output, summing to %lld",
                        (long long)d[axis]);
  int64_t st[LB_MAX_RANK], en[LB_MAX_RANK], sp[LB_MAX_RANK], off = 0;
  for (size_t o = 0; o < nout; ++o) {
    for (int32_t i = 0; i < r; ++i) st[i] = 0, en[i] = (int64_t)1 << 62, sp[i] = 1;
    st[axis] = off;
    en[axis] = off + sizes[o];
    off += sizes[o];
    MlirValue y;
    LB_RETURN_IF_ERROR(lb_onnx_build(n, lb_build_slice(lb_onnx_builder(n), x, st, en, sp, r, &y)));
    LB_RETURN_IF_ERROR(lb_onnx_define(n, o, y));
  }
  return LB_OK;
}

static lb_status_t import_gather(lb_onnx_node_t *n) {
  MlirValue x, idx, y;
  int32_t r;
  int64_t d[LB_MAX_RANK];
  LB_RETURN_IF_ERROR(lb_onnx_outputs(n, 1));
  LB_RETURN_IF_ERROR(lb_onnx_input(n, 0, &x));
  LB_RETURN_IF_ERROR(lb_onnx_input(n, 1, &idx));
  LB_RETURN_IF_ERROR(shape_of(n, x, &r, d));
  int64_t axis = lb_onnx_attr_int(n, "axis", 0);
  if (axis < -r || axis >= r) return lb_onnx_fail(n, LB_STATUS_INVALID_ARGUMENT, "axis %lld out of range", (long long)axis);
  if (axis < 0) axis += r;
  lb_dtype_t it = lb_value_dtype(idx);
  if (it != LB_DT_I32 && it != LB_DT_I64) return lb_onnx_fail(n, LB_STATUS_INVALID_ARGUMENT, "indices must be int32 or int64");
  if (d[axis] == LB_DYN) return lb_onnx_fail(n, LB_STATUS_UNIMPLEMENTED, "gathering along a symbolic dim");
  LB_RETURN_IF_ERROR(lb_onnx_build(n, lb_build_gather(lb_onnx_builder(n), x, idx, axis, &y)));
  return lb_onnx_define(n, 0, y);
}

static lb_status_t import_expand(lb_onnx_node_t *n) {
  MlirValue x, y;
  const lb_tensor_t *t;
  LB_RETURN_IF_ERROR(lb_onnx_outputs(n, 1));
  LB_RETURN_IF_ERROR(lb_onnx_input(n, 0, &x));
  LB_RETURN_IF_ERROR(lb_onnx_const_input(n, 1, &t));
  int64_t shape[LB_MAX_RANK];
  int64_t k = lb_tensor_count(t);
  if (k > LB_MAX_RANK) return lb_onnx_fail(n, LB_STATUS_UNIMPLEMENTED, "rank above %d", LB_MAX_RANK);
  for (int64_t i = 0; i < k; ++i) shape[i] = (int64_t)lb_tensor_get(t, i);
  LB_RETURN_IF_ERROR(lb_onnx_build(n, lb_build_expand(lb_onnx_builder(n), x, shape, (int32_t)k, &y)));
  return lb_onnx_define(n, 0, y);
}

static lb_status_t import_where(lb_onnx_node_t *n) {
  MlirValue c, a, b, y;
  LB_RETURN_IF_ERROR(lb_onnx_outputs(n, 1));
  LB_RETURN_IF_ERROR(lb_onnx_input(n, 0, &c));
  LB_RETURN_IF_ERROR(lb_onnx_input(n, 1, &a));
  LB_RETURN_IF_ERROR(lb_onnx_input(n, 2, &b));
  LB_RETURN_IF_ERROR(lb_onnx_build(n, lb_build_where(lb_onnx_builder(n), c, a, b, &y)));
  return lb_onnx_define(n, 0, y);
}

static lb_status_t import_compare(lb_onnx_node_t *n) {
  const char *op = lb_onnx_proto(n)->op_type;
  lb_op_kind_t k = !strcmp(op, "Equal") ? LB_OP_EQUAL : !strcmp(op, "Less") ? LB_OP_LESS : LB_OP_GREATER;
  MlirValue a, b, y;
  LB_RETURN_IF_ERROR(lb_onnx_outputs(n, 1));
  LB_RETURN_IF_ERROR(lb_onnx_input(n, 0, &a));
  LB_RETURN_IF_ERROR(lb_onnx_input(n, 1, &b));
  LB_RETURN_IF_ERROR(lb_onnx_build(n, lb_build_compare(lb_onnx_builder(n), k, a, b, &y)));
  return lb_onnx_define(n, 0, y);
}

/* Pad-2..10: pads, mode, value attributes; Pad-11+: inputs data, pads
 * (constant int64 [2 rank]), constant_value (optional scalar), axes (18+,
 * optional constant); mode wrap from 19. */
static lb_status_t import_pad(lb_onnx_node_t *n) {
  static const char *const known[] = {"mode", "pads", "value", NULL};
  LB_RETURN_IF_ERROR(lb_onnx_check_attrs(n, known));
  LB_RETURN_IF_ERROR(lb_onnx_outputs(n, 1));
  MlirValue x, y;
  LB_RETURN_IF_ERROR(lb_onnx_input(n, 0, &x));
  int32_t rank;
  int64_t d[LB_MAX_RANK];
  if (!lb_type_get_shape(mlirValueGetType(x), &rank, d)) return lb_onnx_fail(n, LB_STATUS_UNIMPLEMENTED, "unranked input");
  char mb[16];
  const char *mode = lb_onnx_attr_str(n, "mode", mb, sizeof mb, "constant");
  if (strcmp(mode, "constant") && strcmp(mode, "edge") && strcmp(mode, "reflect") &&
      (strcmp(mode, "wrap") || lb_onnx_opset(n) < 19))
    return lb_onnx_fail(n, LB_STATUS_UNIMPLEMENTED, "mode '%s' is not supported (constant, edge, reflect%s)", mode,
                        lb_onnx_opset(n) >= 19 ? ", wrap" : "");
  int64_t pads[2 * LB_MAX_RANK] = {0};
  float value = 0.0f;
  if (lb_onnx_opset(n) < 11) {
    if (lb_onnx_attr_ints(n, "pads", pads, 2 * LB_MAX_RANK) != 2 * rank)
      return lb_onnx_fail(n, LB_STATUS_INVALID_ARGUMENT, "pads must have 2 values per dim (%d)", 2 * rank);
    value = lb_onnx_attr_float(n, "value", 0.0f);
  } else {
    const lb_tensor_t *t;
    LB_RETURN_IF_ERROR(lb_onnx_const_input(n, 1, &t));
    int64_t np = lb_tensor_count(t);
    int64_t axes[LB_MAX_RANK];
    int32_t na = rank;
    for (int32_t i = 0; i < rank; ++i) axes[i] = i;
    if (lb_onnx_has_input(n, 3)) {
      const lb_tensor_t *a;
      LB_RETURN_IF_ERROR(lb_onnx_const_input(n, 3, &a));
      na = (int32_t)lb_tensor_count(a);
      if (na > rank || (a->dtype != LB_DT_I64 && a->dtype != LB_DT_I32))
        return lb_onnx_fail(n, LB_STATUS_INVALID_ARGUMENT, "axes must be at most %d integers", rank);
      for (int32_t i = 0; i < na; ++i) {
        int64_t ax = (int64_t)lb_tensor_get(a, i);
        if (ax < -rank || ax >= rank) return lb_onnx_fail(n, LB_STATUS_INVALID_ARGUMENT, "axis %lld out of range", (long long)ax);
        axes[i] = ax < 0 ? ax + rank : ax;
        for (int32_t j = 0; j < i; ++j)
          if (axes[j] == axes[i]) return lb_onnx_fail(n, LB_STATUS_INVALID_ARGUMENT, "axis %lld is listed twice", (long long)ax);
      }
    }
    if (t->dtype != LB_DT_I64 || np != 2 * na)
      return lb_onnx_fail(n, LB_STATUS_INVALID_ARGUMENT, "pads must be %d int64 values", 2 * na);
    for (int32_t i = 0; i < na; ++i) {
      pads[axes[i]] = ((const int64_t *)t->data)[i];
      pads[rank + axes[i]] = ((const int64_t *)t->data)[na + i];
    }
    if (lb_onnx_has_input(n, 2)) {
      const lb_tensor_t *v;
      LB_RETURN_IF_ERROR(lb_onnx_const_input(n, 2, &v));
      if (v->dtype != LB_DT_F32 || lb_tensor_count(v) != 1)
        return lb_onnx_fail(n, LB_STATUS_UNIMPLEMENTED, "constant_value must be one float32");
      value = *(const float *)v->data;
    }
  }
  /* wrap reads the far side: cropping one side and padding the other depends on the order (onnxruntime crops
   * first, numpy's reading pads first); refused rather than guessed */
  if (!strcmp(mode, "wrap"))
    for (int32_t i = 0; i < rank; ++i)
      if ((pads[i] < 0 && pads[rank + i] > 0) || (pads[i] > 0 && pads[rank + i] < 0))
        return lb_onnx_fail(n, LB_STATUS_UNIMPLEMENTED, "wrap padding that crops one side of a dim and pads the other");
  LB_RETURN_IF_ERROR(lb_onnx_build(n, lb_build_pad(lb_onnx_builder(n), x, pads, 2 * rank, mode, value, &y)));
  return lb_onnx_define(n, 0, y);
}

static const lb_onnx_importer_t importers[] = {
    {"", "Pad", 2, LB_ONNX_MAX_OPSET, import_pad},
    {"", "Shape", 1, LB_ONNX_MAX_OPSET, import_shape},
    {"", "Squeeze", 1, LB_ONNX_MAX_OPSET, import_squeeze},
    {"", "Unsqueeze", 1, LB_ONNX_MAX_OPSET, import_unsqueeze},
    {"", "Concat", 4, LB_ONNX_MAX_OPSET, import_concat},
    {"", "Slice", 10, LB_ONNX_MAX_OPSET, import_slice},
    {"", "Split", 2, LB_ONNX_MAX_OPSET, import_split},
    {"", "Gather", 1, LB_ONNX_MAX_OPSET, import_gather},
    {"", "Expand", 8, LB_ONNX_MAX_OPSET, import_expand},
    {"", "Where", 9, LB_ONNX_MAX_OPSET, import_where},
    {"", "Equal", 7, LB_ONNX_MAX_OPSET, import_compare},
    {"", "Less", 7, LB_ONNX_MAX_OPSET, import_compare},
    {"", "Greater", 7, LB_ONNX_MAX_OPSET, import_compare},
};
LB_ONNX_REGISTER(movement, importers)
