/* HLS backend (see emit_hls.h). Walks the function body once: every value
 * a layer produces becomes an hls::stream; each supported op (or op plus
 * the requantize/dequantize it feeds) becomes one call of a template of
 * runtime/hls/lbh_layers.h with a generated config struct. Reuse factors
 * are chosen once all layers are known (estimate.h), then the files are
 * written. Names from the model reach the output only through
 * lb_name_to_identifier. */
#include "codegen/hls/emit_hls.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "ir/lb_op.h"
#include "ir/lb_target.h"
#include "support/file.h"
#include "support/dtype.h"
#include "support/embedded.h"
#include "support/names.h"
#include "support/strbuf.h"
#include "support/tensor.h"

extern const char lb_abi_h_source[];
extern const char lb_kernels_common_source[];
/* the headers of runtime/hls, embedded at build time */
extern const lb_embedded_file_t lb_hls_sources[];

#define MAX_VALS 1024

enum { ORDER_FLAT = 0, ORDER_HWC = 1, ORDER_HWC_FLAT = 2 };

/* A value of the graph as a stream of the design. */
typedef struct {
  MlirValue v;
  char stream[64];
  char type[32];
  bool is_float;
  int32_t bits;
  bool sgn;
  int64_t lo, hi; /* integer range of the elements */
  int order;
  int64_t c, h, w; /* ORDER_HWC, ORDER_HWC_FLAT: the image */
  int64_t n;       /* elements per sample */
  int64_t depth;   /* FIFO depth of the stream (0: 2) */
  int32_t ncopies, nclaimed; /* fan-out: the split copies, one per reader */
  char copies[4][64];
} hval_t;

typedef struct {
  const char *name;
  lb_hls_report_t *rep;
  hval_t vals[MAX_VALS];
  int32_t nvals;
  hval_t scratch[4]; /* the operands handed to the op being emitted */
  int32_t nscratch;
  MlirValue ret; /* the returned value: its stream is the `out` port */
  lb_strbuf_t top, wts;
  lb_strbuf_t cfg[LB_HLS_MAX_LAYERS]; /* config structs; @REUSE@ and @NMULT@ filled in last */
  MlirOperation skip[LB_HLS_MAX_LAYERS * 2];
  int32_t nskip;
  int32_t nstreams;
} hctx_t;

/* ---- small helpers ---------------------------------------------------- */

static int32_t bits_signed(int64_t lo, int64_t hi) {
  int32_t b = 1;
  while (b < 64 && (lo < -((int64_t)1 << (b - 1)) || hi > ((int64_t)1 << (b - 1)) - 1)) ++b;
  return b;
}

static int32_t bits_unsigned(int64_t hi) {
  int32_t b = 1;
  while (b < 63 && hi > ((int64_t)1 << b) - 1) ++b;
  return b;
}

static void int_type(char *buf, size_t n, int32_t bits, bool sgn) {
  snprintf(buf, n, "%s<%d>", sgn ? "ap_int" : "ap_uint", (int)bits);
}

/* A float as a C++ literal that reads back to the same binary32. */
static void put_float(lb_strbuf_t *sb, double v) {
  float f = (float)v;
  if (f != f) {
    lb_strbuf_puts(sb, "(0.0f / 0.0f)");
    return;
  }
  if (isinf(f)) {
    lb_strbuf_puts(sb, f > 0 ? "(1.0f / 0.0f)" : "(-1.0f / 0.0f)");
    return;
  }
  char b[40];
  snprintf(b, sizeof b, "%.9g", (double)f);
  lb_strbuf_puts(sb, b);
  if (!strpbrk(b, ".e")) lb_strbuf_puts(sb, ".0");
  lb_strbuf_puts(sb, "f");
}

static void put_int(lb_strbuf_t *sb, int64_t v) {
  if (v == INT64_MIN) lb_strbuf_puts(sb, "(-9223372036854775807LL - 1)");
  else if (v > 2147483647 || v < -2147483647) lb_strbuf_printf(sb, "%lldLL", (long long)v);
  else lb_strbuf_printf(sb, "%lld", (long long)v);
}

static bool should_skip(hctx_t *c, MlirOperation op) {
  for (int32_t i = 0; i < c->nskip; ++i)
    if (mlirOperationEqual(c->skip[i], op)) return true;
  return false;
}

static hval_t *find_val(hctx_t *c, MlirValue v) {
  for (int32_t i = 0; i < c->nvals; ++i)
    if (mlirValueEqual(c->vals[i].v, v)) return &c->vals[i];
  return NULL;
}

static int64_t use_count(MlirValue v) {
  int64_t n = 0;
  for (MlirOpOperand u = mlirValueGetFirstUse(v); !mlirOpOperandIsNull(u); u = mlirOpOperandGetNextUse(u)) ++n;
  return n;
}

/* The op that alone uses v, as its operand 0; null otherwise. */
static MlirOperation sole_user(MlirValue v) {
  MlirOpOperand u = mlirValueGetFirstUse(v);
  MlirOperation none = {NULL};
  if (mlirOpOperandIsNull(u) || !mlirOpOperandIsNull(mlirOpOperandGetNextUse(u))) return none;
  if (mlirOpOperandGetOperandNumber(u) != 0) return none;
  return mlirOpOperandGetOwner(u);
}

static lb_status_t unsupported(MlirOperation op, const char *why) {
  lb_op_kind_t k = lb_op_get_kind(op);
  bool float_layer = k == LB_OP_GEMM || k == LB_OP_MATMUL || k == LB_OP_CONV2D;
  return lb_op_error(op, LB_STATUS_UNIMPLEMENTED, "the HLS backend does not support this %s%s", why,
                     float_layer ? ": it runs integer graphs; quantize the model (--calib NAME=FILE.npy --quant wXaY)"
                                 : "");
}

/* A new stream value for v (the `out` port when v is returned). */
static lb_status_t new_val(hctx_t *c, MlirOperation op, MlirValue v, hval_t **out) {
  if (c->nvals >= MAX_VALS) return lb_op_error(op, LB_STATUS_RESOURCE_EXHAUSTED, "too many values for the HLS backend");
  hval_t *h = &c->vals[c->nvals++];
  memset(h, 0, sizeof *h);
  h->v = v;
  if (mlirValueEqual(v, c->ret)) snprintf(h->stream, sizeof h->stream, "out");
  else snprintf(h->stream, sizeof h->stream, "s%d", (int)++c->nstreams);
  lb_dtype_t dt = lb_value_dtype(v);
  h->n = lb_value_count(v);
  if (lb_dtype_is_float(dt)) {
    h->is_float = true;
    snprintf(h->type, sizeof h->type, "float");
  } else {
    h->bits = (int32_t)lb_dtype_bits(dt);
    h->sgn = lb_dtype_is_signed(dt);
    h->lo = lb_dtype_min(dt);
    h->hi = lb_dtype_max(dt);
    int_type(h->type, sizeof h->type, h->bits, h->sgn);
  }
  *out = h;
  return LB_OK;
}

static void declare_named(hctx_t *c, const char *type, const char *name, int64_t depth) {
  lb_strbuf_printf(&c->top, "  hls::stream<%s > %s(\"%s\");\n#pragma HLS STREAM variable = %s depth = %lld\n", type, name,
                   name, name, (long long)(depth > 2 ? depth : 2));
}

/* Declares h's stream in the top function (the ports need none). */
static void declare_stream(hctx_t *c, const hval_t *h) {
  if (!strcmp(h->stream, "out") || !strcmp(h->stream, "in")) return;
  declare_named(c, h->type, h->stream, h->depth);
}

static lb_status_t new_layer(hctx_t *c, MlirOperation op, const char *what, int32_t *index);

/* The stream operand i of op reads (NULL if it is not a stream: a
 * constant). A value read by k > 1 ops is split, at its first reader, into
 * k copies through k - 1 split layers, each copy a FIFO as deep as the
 * tensor; every reader takes the next copy. */
static lb_status_t take(hctx_t *c, MlirOperation op, intptr_t i, hval_t **out) {
  *out = NULL;
  if (i >= mlirOperationGetNumOperands(op)) return LB_OK;
  MlirValue v = lb_op_operand(op, i);
  hval_t *h = find_val(c, v);
  if (!h) return LB_OK;
  int64_t k = use_count(v);
  if (k <= 1) {
    *out = h;
    return LB_OK;
  }
  if (k > 4) return unsupported(op, "value read by more than four ops");
  if (!strcmp(h->stream, "out")) return unsupported(op, "graph output that is also read by another op");
  if (!h->ncopies) {
    char src[64], nxt[64];
    snprintf(src, sizeof src, "%s", h->stream);
    for (int32_t j = 0; j < k; ++j) snprintf(h->copies[j], sizeof h->copies[j], "%s_%d", h->stream, (int)j);
    for (int32_t j = 0; j + 1 < k; ++j) {
      if (j + 2 < k) snprintf(nxt, sizeof nxt, "%s_t%d", h->stream, (int)j);
      else snprintf(nxt, sizeof nxt, "%s", h->copies[k - 1]);
      int32_t L;
      LB_RETURN_IF_ERROR(new_layer(c, op, "split", &L));
      declare_named(c, h->type, h->copies[j], h->n);
      declare_named(c, h->type, nxt, h->n);
      lb_strbuf_printf(&c->top, "  lbh::split<%s, %lld>(%s, %s, %s);\n", h->type, (long long)h->n, src, h->copies[j], nxt);
      int32_t bits = h->is_float ? 32 : h->bits;
      lb_hls_layer_t *l = &c->rep->layers[L];
      l->kind = LB_HLS_SPLIT;
      l->in_elems = h->n;
      l->out_elems = 2 * h->n;
      l->abits = bits;
      l->buffer_bits = 2 * h->n * bits;
      snprintf(src, sizeof src, "%s", nxt);
    }
    h->ncopies = (int32_t)k;
  }
  if (h->nclaimed >= h->ncopies) return lb_op_error(op, LB_STATUS_INTERNAL, "HLS: more readers than copies of a value");
  hval_t *t = &c->scratch[c->nscratch++ % 4];
  *t = *h;
  memcpy(t->stream, h->copies[h->nclaimed++], sizeof t->stream); /* same size, NUL-terminated */
  t->ncopies = t->nclaimed = 0;
  t->depth = 0;
  *out = t;
  return LB_OK;
}

/* The ONNX node an op (or, for a layer with weights, its weight) comes
 * from: the first name in its location ("m.onnx:1:1 (conv1) (w1)" ->
 * "conv1"), or "" if none. */
static void node_name(MlirOperation op, char *buf, size_t n) {
  if (mlirOperationGetNumOperands(op) > 1 && lb_value_is_constant(lb_op_operand(op, 1)) &&
      (lb_op_get_kind(op) == LB_OP_QMATMUL || lb_op_get_kind(op) == LB_OP_QCONV2D))
    op = lb_value_def(lb_op_operand(op, 1)); /* integer ops carry their consumer's location; weights their node's */
  char loc[512];
  lb_location_format(mlirOperationGetLocation(op), loc, sizeof loc);
  const char *a = strchr(loc, '('), *b = a ? strchr(a, ')') : NULL;
  buf[0] = 0;
  if (a && b && b > a + 1) snprintf(buf, n, "%.*s", (int)(b - a - 1), a + 1);
}

/* The layer's identifier: l<index>_<node name>. */
static lb_status_t new_layer(hctx_t *c, MlirOperation op, const char *what, int32_t *index) {
  if (c->rep->nlayers >= LB_HLS_MAX_LAYERS) return lb_op_error(op, LB_STATUS_RESOURCE_EXHAUSTED, "too many layers");
  int32_t i = c->rep->nlayers++;
  char node[256] = "", id[72];
  node_name(op, node, sizeof node);
  if (!node[0]) snprintf(node, sizeof node, "%s", what);
  lb_name_to_identifier(node, id, sizeof id);
  snprintf(c->rep->names[i], sizeof c->rep->names[i], "l%d_%s", (int)i, id);
  memset(&c->rep->layers[i], 0, sizeof c->rep->layers[i]);
  lb_strbuf_init(&c->cfg[i]);
  *index = i;
  return LB_OK;
}

/* Writes `static const TYPE NAME[n] = {...};` of a constant tensor's
 * elements (as integers or floats), or of `vals` when given. */
static void put_array_ints_2d(lb_strbuf_t *sb, const char *type, const char *name, const int64_t *v, int64_t n,
                              int64_t row) {
  if (row > 0 && n % row == 0 && n > 0)
    lb_strbuf_printf(sb, "static const %s %s[%lld][%lld] = {", type, name, (long long)(n / row), (long long)row);
  else
    lb_strbuf_printf(sb, "static const %s %s[%lld] = {", type, name, (long long)(n > 0 ? n : 1));
  for (int64_t i = 0; i < n; ++i) {
    if (i % 16 == 0) lb_strbuf_puts(sb, "\n  ");
    put_int(sb, v[i]);
    if (i + 1 < n) lb_strbuf_puts(sb, ", ");
  }
  if (n == 0) lb_strbuf_puts(sb, "0");
  lb_strbuf_puts(sb, "};\n");
}

static void put_array_ints(lb_strbuf_t *sb, const char *type, const char *name, const int64_t *v, int64_t n) {
  put_array_ints_2d(sb, type, name, v, n, 0);
}

static void put_array_floats(lb_strbuf_t *sb, const char *name, const lb_tensor_t *t) {
  int64_t n = lb_tensor_count(t);
  lb_strbuf_printf(sb, "static const float %s[%lld] = {", name, (long long)(n > 0 ? n : 1));
  for (int64_t i = 0; i < n; ++i) {
    if (i % 8 == 0) lb_strbuf_puts(sb, "\n  ");
    put_float(sb, lb_tensor_get(t, i));
    if (i + 1 < n) lb_strbuf_puts(sb, ", ");
  }
  if (n == 0) lb_strbuf_puts(sb, "0.0f");
  lb_strbuf_puts(sb, "};\n");
}

/* A constant integer operand as int64 values (malloc'ed). */
static lb_status_t read_ints(MlirOperation op, intptr_t i, int64_t **out, int64_t *n) {
  if (i >= mlirOperationGetNumOperands(op) || !lb_value_is_constant(lb_op_operand(op, i)))
    return unsupported(op, "op with a non-constant weight or parameter");
  lb_tensor_t t;
  LB_RETURN_IF_ERROR(lb_op_annotate(op, lb_value_read_constant(lb_op_operand(op, i), &t)));
  *n = lb_tensor_count(&t);
  *out = malloc((size_t)(*n > 0 ? *n : 1) * sizeof(int64_t));
  if (!*out) {
    lb_tensor_free(&t);
    return lb_op_error(op, LB_STATUS_RESOURCE_EXHAUSTED, "out of memory");
  }
  for (int64_t k = 0; k < *n; ++k) (*out)[k] = (int64_t)llround(lb_tensor_get(&t, k));
  lb_tensor_free(&t);
  return LB_OK;
}

static lb_status_t read_floats(MlirOperation op, intptr_t i, lb_tensor_t *t) {
  if (i >= mlirOperationGetNumOperands(op) || !lb_value_is_constant(lb_op_operand(op, i)))
    return unsupported(op, "op with a non-constant parameter");
  return lb_op_annotate(op, lb_value_read_constant(lb_op_operand(op, i), t));
}

/* The parameter index of element i of a stream, for parameters along
 * `axis` of a value with `np` parameters: a C++ expression in i. */
static lb_status_t channel_expr(MlirOperation op, const hval_t *h, int64_t axis, int64_t np, char *buf, size_t n) {
  if (np == 1) return snprintf(buf, n, "0"), LB_OK;
  int32_t rank;
  int64_t dims[LB_MAX_RANK];
  lb_type_get_shape(mlirValueGetType(h->v), &rank, dims);
  if (axis != 1) return unsupported(op, "per-axis parameter axis (only the channel axis 1)");
  if (h->order == ORDER_FLAT && rank == 2 && np == dims[1]) return snprintf(buf, n, "i"), LB_OK;
  if (h->order == ORDER_HWC && np == h->c) return snprintf(buf, n, "i %% %lld", (long long)h->c), LB_OK;
  if (h->order == ORDER_HWC_FLAT && np == h->n) /* element i of the (h, w, c) stream is flat index c H W + h W + w */
    return snprintf(buf, n, "i %% %lld * %lld + i / %lld", (long long)h->c, (long long)(h->h * h->w), (long long)h->c),
           LB_OK;
  return unsupported(op, "per-axis parameter layout");
}

/* ---- epilogues -------------------------------------------------------- */

typedef struct {
  lb_hls_epilogue_t kind;
  MlirValue result; /* the value the layer produces */
  int64_t param_bits;
} epi_t;

/* The requantize (and clamp) or dequantize that alone consumes the
 * accumulator `acc` of layer L becomes its epilogue: writes the parameter
 * arrays, the out_t typedef and `epilogue(acc, n)` into the config. */
static lb_status_t fuse_epilogue(hctx_t *c, MlirOperation op, int32_t L, MlirValue acc, int64_t nchan, epi_t *e) {
  const char *ln = c->rep->names[L];
  lb_strbuf_t *cfg = &c->cfg[L];
  MlirOperation u = sole_user(acc);
  lb_op_kind_t k = mlirOperationIsNull(u) ? LB_OP_UNKNOWN : lb_op_get_kind(u);
  if (k != LB_OP_REQUANTIZE && k != LB_OP_DEQUANTIZE)
    return unsupported(op, "accumulator use (it must feed one requantize or dequantize)");
  c->skip[c->nskip++] = u;
  char an[128];
  int64_t np = lb_value_count(lb_op_operand(u, 1));
  if (np != 1 && np != nchan) return unsupported(u, "parameter count");
  int64_t axis = lb_op_get_int(u, LB_ATTR_AXIS, -1);
  if (np != 1 && axis != 1) return unsupported(u, "parameter axis");
  const char *idx = np == 1 ? "0" : "n";
  if (k == LB_OP_DEQUANTIZE) {
    lb_tensor_t s;
    int64_t *zp, nz;
    LB_RETURN_IF_ERROR(read_floats(u, 1, &s));
    lb_status_t st = read_ints(u, 2, &zp, &nz);
    if (st) {
      lb_tensor_free(&s);
      return st;
    }
    snprintf(an, sizeof an, "%s_scale", ln);
    put_array_floats(&c->wts, an, &s);
    snprintf(an, sizeof an, "%s_zp", ln);
    put_array_ints(&c->wts, "int32_t", an, zp, nz);
    lb_tensor_free(&s);
    free(zp);
    lb_strbuf_printf(cfg,
                     "  typedef float out_t;\n"
                     "  static out_t epilogue(acc_t acc, int n) {\n"
                     "    (void)n;\n"
                     "    return lbh::dequantize_value((long long)acc, %s_zp[%s], %s_scale[%s]);\n"
                     "  }\n",
                     ln, idx, ln, idx);
    e->kind = LB_HLS_EPI_DEQUANT;
    e->result = lb_op_result(u);
    e->param_bits = np * 64;
    return LB_OK;
  }
  /* requantize: fixed point (mult i32, shift i32, zp) or float (scale[, offset], zp) */
  MlirValue res = lb_op_result(u);
  lb_dtype_t odt = lb_value_dtype(res);
  if (!lb_dtype_is_int(odt) || lb_dtype_bits(odt) > 16) return unsupported(u, "requantize result type");
  int64_t qmin = lb_dtype_min(odt), qmax = lb_dtype_max(odt);
  MlirOperation cl = sole_user(res);
  if (!mlirOperationIsNull(cl) && lb_op_get_kind(cl) == LB_OP_CLAMP) { /* a clamp after it narrows the saturation */
    int64_t lo = lb_op_get_int(cl, LB_ATTR_MIN, qmin), hi = lb_op_get_int(cl, LB_ATTR_MAX, qmax);
    if (lo > qmin) qmin = lo;
    if (hi < qmax) qmax = hi;
    if (qmin > qmax) return unsupported(cl, "clamp (empty range)");
    c->skip[c->nskip++] = cl;
    res = lb_op_result(cl);
  }
  char ot[32];
  int_type(ot, sizeof ot, (int32_t)lb_dtype_bits(odt), lb_dtype_is_signed(odt));
  bool fixed = lb_value_dtype(lb_op_operand(u, 1)) == LB_DT_I32;
  intptr_t nops = mlirOperationGetNumOperands(u);
  int64_t *zp, nz;
  if (fixed) {
    int64_t *mult = NULL, *shift = NULL, nm, ns;
    zp = NULL;
    lb_status_t st = read_ints(u, 1, &mult, &nm);
    if (!st) st = read_ints(u, 2, &shift, &ns);
    if (!st) st = read_ints(u, 3, &zp, &nz);
    if (st) {
      free(mult), free(shift), free(zp);
      return st;
    }
    snprintf(an, sizeof an, "%s_mult", ln);
    put_array_ints(&c->wts, "int32_t", an, mult, nm);
    snprintf(an, sizeof an, "%s_shift", ln);
    put_array_ints(&c->wts, "int32_t", an, shift, ns);
    free(mult);
    free(shift);
    lb_strbuf_printf(cfg,
                     "  typedef %s out_t;\n"
                     "  static out_t epilogue(acc_t acc, int n) {\n"
                     "    (void)n;\n"
                     "    return (out_t)lbh::requantize_fixed((long long)acc, %s_mult[%s], %s_shift[%s], %lld, %lld, %lld);\n"
                     "  }\n",
                     ot, ln, idx, ln, idx, (long long)zp[0], (long long)qmin, (long long)qmax);
    e->kind = LB_HLS_EPI_RQ_FIXED;
    e->param_bits = np * (31 + 6);
  } else {
    lb_tensor_t s, off = {0};
    bool has_off = nops == 4;
    LB_RETURN_IF_ERROR(read_floats(u, 1, &s));
    lb_status_t st = has_off ? read_floats(u, 2, &off) : LB_OK;
    if (!st) st = read_ints(u, has_off ? 3 : 2, &zp, &nz);
    if (st) {
      lb_tensor_free(&s);
      if (has_off) lb_tensor_free(&off);
      return st;
    }
    if (has_off && lb_tensor_count(&off) != np) {
      lb_tensor_free(&s);
      lb_tensor_free(&off);
      free(zp);
      return unsupported(u, "offset count");
    }
    snprintf(an, sizeof an, "%s_scale", ln);
    put_array_floats(&c->wts, an, &s);
    if (has_off) {
      snprintf(an, sizeof an, "%s_offset", ln);
      put_array_floats(&c->wts, an, &off);
    }
    lb_tensor_free(&s);
    if (has_off) lb_tensor_free(&off);
    char offx[128];
    if (has_off) snprintf(offx, sizeof offx, "%s_offset[%s]", ln, idx);
    else snprintf(offx, sizeof offx, "0.0f");
    lb_strbuf_printf(cfg,
                     "  typedef %s out_t;\n"
                     "  static out_t epilogue(acc_t acc, int n) {\n"
                     "    (void)n;\n"
                     "    return (out_t)lbh::requantize_float((long long)acc, %s_scale[%s], %s, %lld, %lld, %lld);\n"
                     "  }\n",
                     ot, ln, idx, offx, (long long)zp[0], (long long)qmin, (long long)qmax);
    e->kind = LB_HLS_EPI_RQ_FLOAT;
    e->param_bits = np * (has_off ? 64 : 32);
  }
  if (nz != 1) {
    free(zp);
    return unsupported(u, "per-channel output zero point");
  }
  free(zp);
  e->result = res;
  return LB_OK;
}

/* Sets the output value of a compute layer from its epilogue, with the
 * clamp's narrower range. */
static lb_status_t epilogue_output(hctx_t *c, MlirOperation op, const epi_t *e, hval_t **out) {
  LB_RETURN_IF_ERROR(new_val(c, op, e->result, out));
  MlirOperation d = lb_value_def(e->result);
  if (lb_op_get_kind(d) == LB_OP_CLAMP) {
    int64_t lo = lb_op_get_int(d, LB_ATTR_MIN, (*out)->lo), hi = lb_op_get_int(d, LB_ATTR_MAX, (*out)->hi);
    if (lo > (*out)->lo) (*out)->lo = lo;
    if (hi < (*out)->hi) (*out)->hi = hi;
  }
  return LB_OK;
}

/* Largest |(a - a_zp)| over the stream's range. */
static int64_t act_abs_max(const hval_t *a, int64_t azp) {
  int64_t x = a->lo - azp, y = a->hi - azp;
  x = x < 0 ? -x : x;
  y = y < 0 ? -y : y;
  return x > y ? x : y;
}

/* Writes the weight ROM and bias arrays and their typedefs: w holds the
 * weights in the order the template reads them ([N][K] / OIHW flattened),
 * per-channel rows of `per` weights. Fills the layer's widths and the
 * accumulator type (sized so that no partial sum can overflow). */
static lb_status_t put_weights(hctx_t *c, MlirOperation op, int32_t L, const int64_t *w, int64_t nw, bool wsigned,
                               const int64_t *bias, int64_t nchan, int64_t per, const int64_t *wzp, int64_t nwzp,
                               const hval_t *a, int64_t azp) {
  const char *ln = c->rep->names[L];
  lb_hls_layer_t *lay = &c->rep->layers[L];
  int64_t wlo = 0, whi = 0, blo = 0, bhi = 0, bound = 0, amax = act_abs_max(a, azp);
  for (int64_t i = 0; i < nw; ++i) {
    if (w[i] < wlo) wlo = w[i];
    if (w[i] > whi) whi = w[i];
  }
  for (int64_t n = 0; n < nchan; ++n) {
    int64_t b = bias ? bias[n] : 0, s = b < 0 ? -b : b, z = wzp[nwzp == 1 ? 0 : n];
    if (b < blo) blo = b;
    if (b > bhi) bhi = b;
    for (int64_t k = 0; k < per; ++k) {
      int64_t d = w[n * per + k] - z;
      s += (d < 0 ? -d : d) * amax;
    }
    if (s > bound) bound = s;
  }
  if (bound > INT32_MAX) return unsupported(op, "accumulator (over 32 bits)");
  int32_t wb = wsigned ? bits_signed(wlo, whi) : bits_unsigned(whi);
  int32_t bb = bits_signed(blo, bhi), accb = bits_signed(-bound, bound);
  char wt[32], bt[32], at[32], an[128];
  int_type(wt, sizeof wt, wb, wsigned);
  int_type(bt, sizeof bt, bb, true);
  int_type(at, sizeof at, accb, true);
  snprintf(an, sizeof an, "%s_w", ln);
  lb_strbuf_printf(&c->wts, "/* %s: %lld weights of %d bits */\n", ln, (long long)nw, (int)wb);
  put_array_ints_2d(&c->wts, wt, an, w, nw, per);
  snprintf(an, sizeof an, "%s_b", ln);
  int64_t *zeros = NULL;
  if (!bias) {
    zeros = calloc((size_t)nchan + 1, sizeof *zeros);
    if (!zeros) return lb_op_error(op, LB_STATUS_RESOURCE_EXHAUSTED, "out of memory");
  }
  put_array_ints(&c->wts, bt, an, bias ? bias : zeros, nchan);
  free(zeros);
  bool wz = false;
  for (int64_t i = 0; i < nwzp; ++i) wz = wz || wzp[i] != 0;
  if (wz) {
    snprintf(an, sizeof an, "%s_wzp", ln);
    put_array_ints(&c->wts, "int32_t", an, wzp, nwzp);
  }
  lb_strbuf_printf(&c->cfg[L],
                   "  typedef %s in_t;\n  typedef %s w_t;\n  typedef %s bias_t;\n  typedef %s acc_t; /* |acc| <= %lld */\n"
                   "  static const int in_zp = %lld;\n",
                   a->type, wt, bt, at, (long long)bound, (long long)azp);
  if (wz) lb_strbuf_printf(&c->cfg[L], "  static int w_zp(int n) { return %s_wzp[%s]; }\n", ln, nwzp == 1 ? "0" : "n");
  else lb_strbuf_puts(&c->cfg[L], "  static int w_zp(int) { return 0; }\n");
  lay->wbits = wb;
  lay->abits = a->bits;
  lay->acc_bits = accb;
  lay->weights = nw;
  lay->param_bits = nchan * bb;
  return LB_OK;
}

/* ---- layers ----------------------------------------------------------- */

/* The shared part of quantize and dequantize layers (x -> y, one scale
 * and zero point per element's parameter index): the layer, the output
 * stream, the scale and zero-point ROMs and the config's opening with
 * `n`, `channel(i)`, `scale(c)`, `zp(c)`. `io` is the config's typedef
 * ("out_t" or "in_t") of `io_type`; *np gets the parameter count. */
static lb_status_t qparam_layer(hctx_t *c, MlirOperation op, const hval_t *x, const char *what, const char *io,
                                bool io_is_result, int32_t *L, hval_t **y, int64_t *np) {
  if (lb_op_get_int(op, LB_ATTR_BLOCK_SIZE, 0) > 0) return unsupported(op, "blocked (de)quantization");
  lb_tensor_t s;
  int64_t *zp = NULL, nz = 0;
  LB_RETURN_IF_ERROR(read_floats(op, 1, &s));
  lb_status_t st = read_ints(op, 2, &zp, &nz);
  char ch[128], an[128];
  if (!st) st = channel_expr(op, x, lb_op_get_int(op, LB_ATTR_AXIS, -1), nz, ch, sizeof ch);
  if (!st) st = new_layer(c, op, what, L);
  if (!st) st = new_val(c, op, lb_op_result(op), y);
  if (!st) {
    const char *ln = c->rep->names[*L];
    (*y)->order = x->order, (*y)->c = x->c, (*y)->h = x->h, (*y)->w = x->w;
    snprintf(an, sizeof an, "%s_scale", ln);
    put_array_floats(&c->wts, an, &s);
    snprintf(an, sizeof an, "%s_zp", ln);
    put_array_ints(&c->wts, "int32_t", an, zp, nz);
    lb_strbuf_printf(&c->cfg[*L],
                     "struct %s_config {\n  typedef %s %s;\n  static const int n = %lld;\n"
                     "  static int channel(int i) { (void)i; return %s; }\n"
                     "  static float scale(int c) { return %s_scale[c]; }\n"
                     "  static int zp(int c) { return %s_zp[c]; }\n",
                     ln, io_is_result ? (*y)->type : x->type, io, (long long)x->n, ch, ln, ln);
    declare_stream(c, *y);
    lb_hls_layer_t *l = &c->rep->layers[*L];
    l->in_elems = l->out_elems = x->n;
    *np = nz;
  }
  free(zp);
  lb_tensor_free(&s);
  return st;
}

static lb_status_t do_quantize(hctx_t *c, MlirOperation op) {
  hval_t *x, *y;
  LB_RETURN_IF_ERROR(take(c, op, 0, &x));
  if (!x || !x->is_float) return unsupported(op, "quantize input (it must be a float stream)");
  char rbuf[16];
  const char *rnd = lb_op_get_str(op, LB_ATTR_ROUNDING, rbuf, sizeof rbuf, "half_even");
  static const char *const modes[] = {"half_even", "ceil", "floor", "down", "up", "half_up", "half_down"};
  int mode = -1;
  for (int i = 0; i < 7; ++i)
    if (!strcmp(rnd, modes[i])) mode = i;
  if (mode < 0) return unsupported(op, "rounding mode");
  int32_t L;
  int64_t np;
  LB_RETURN_IF_ERROR(qparam_layer(c, op, x, "quantize", "out_t", true, &L, &y, &np));
  const char *ln = c->rep->names[L];
  lb_strbuf_printf(&c->cfg[L], "  static const int qmin = %lld, qmax = %lld, rounding = %d; /* %s */\n};\n",
                   (long long)y->lo, (long long)y->hi, mode, rnd);
  lb_strbuf_printf(&c->top, "  lbh::quantize<%s_config>(%s, %s);\n", ln, x->stream, y->stream);
  lb_hls_layer_t *l = &c->rep->layers[L];
  l->kind = LB_HLS_QUANTIZE;
  l->abits = y->bits;
  l->param_bits = np * (32 + y->bits);
  return LB_OK;
}

static lb_status_t do_dequantize(hctx_t *c, MlirOperation op) {
  hval_t *x, *y;
  LB_RETURN_IF_ERROR(take(c, op, 0, &x));
  if (!x && lb_value_is_constant(lb_op_operand(op, 0)))
    return unsupported(op, "dequantized constant (float weights: group-scale layers run in float; use "
                           "--weight-granularity channel or tensor)");
  if (!x || x->is_float) return unsupported(op, "dequantize input");
  int32_t L;
  int64_t np;
  LB_RETURN_IF_ERROR(qparam_layer(c, op, x, "dequantize", "in_t", false, &L, &y, &np));
  lb_strbuf_puts(&c->cfg[L], "};\n");
  lb_strbuf_printf(&c->top, "  lbh::dequantize<%s_config>(%s, %s);\n", c->rep->names[L], x->stream, y->stream);
  lb_hls_layer_t *l = &c->rep->layers[L];
  l->kind = LB_HLS_DEQUANTIZE;
  l->epilogue = LB_HLS_EPI_DEQUANT;
  l->abits = x->bits;
  l->param_bits = np * 64;
  return LB_OK;
}

static lb_status_t do_dense(hctx_t *c, MlirOperation op) {
  hval_t *a, *y;
  LB_RETURN_IF_ERROR(take(c, op, 0, &a));
  if (!a || a->is_float) return unsupported(op, "qmatmul input");
  int32_t ra, rb;
  int64_t da[LB_MAX_RANK], db[LB_MAX_RANK];
  lb_type_get_shape(mlirValueGetType(lb_op_operand(op, 0)), &ra, da);
  lb_type_get_shape(mlirValueGetType(lb_op_operand(op, 1)), &rb, db);
  if (ra != 2 || da[0] != 1 || rb != 2) return unsupported(op, "qmatmul shape (one row of activations, a rank-2 weight)");
  if (lb_value_dtype(lb_op_result(op)) != LB_DT_I32) return unsupported(op, "qmatmul accumulator type (i32 only)");
  char layout[8];
  bool nk = !strcmp(lb_op_get_str(op, LB_ATTR_B_LAYOUT, layout, sizeof layout, "kn"), "nk");
  int64_t K = da[1], N = nk ? db[0] : db[1];
  if ((nk ? db[1] : db[0]) != K || a->n != K) return unsupported(op, "qmatmul shape");
  int64_t *b = NULL, *azp = NULL, *bzp = NULL, *bias = NULL, *w = NULL, nb, naz, nbz, nbias = 0;
  lb_status_t st = read_ints(op, 1, &b, &nb);
  if (!st) st = read_ints(op, 2, &azp, &naz);
  if (!st) st = read_ints(op, 3, &bzp, &nbz);
  if (!st && mlirOperationGetNumOperands(op) > 4) st = read_ints(op, 4, &bias, &nbias);
  if (!st && (naz != 1 || (nbz != 1 && nbz != N) || (bias && nbias != N)))
    st = unsupported(op, "qmatmul zero point or bias shape");
  if (!st && !(w = malloc((size_t)(N * K) * sizeof *w))) st = lb_op_error(op, LB_STATUS_RESOURCE_EXHAUSTED, "out of memory");
  int32_t L = -1;
  if (!st) st = new_layer(c, op, "dense", &L);
  if (!st) {
    /* weights in the order the stream delivers the inputs */
    for (int64_t n = 0; n < N; ++n)
      for (int64_t j = 0; j < K; ++j) {
        int64_t k = j;
        if (a->order == ORDER_HWC_FLAT) k = (j % a->c) * a->h * a->w + j / a->c;
        w[n * K + j] = nk ? b[n * K + k] : b[k * N + n];
      }
    const char *ln = c->rep->names[L];
    lb_strbuf_printf(&c->cfg[L], "struct %s_config {\n", ln);
    st = put_weights(c, op, L, w, N * K, lb_dtype_is_signed(lb_value_dtype(lb_op_operand(op, 1))), bias, N, K, bzp, nbz,
                     a, azp[0]);
  }
  epi_t e = {0};
  if (!st) st = fuse_epilogue(c, op, L, lb_op_result(op), N, &e);
  if (!st) st = epilogue_output(c, op, &e, &y);
  if (!st) {
    const char *ln = c->rep->names[L];
    lb_strbuf_printf(&c->cfg[L],
                     "  static const int n_in = %lld, n_out = %lld;\n"
                     "  static const int reuse_factor = @REUSE@, n_mult = @NMULT@, lanes = @LANES@, groups = @GROUPS@;\n};\n",
                     (long long)K, (long long)N);
    declare_stream(c, y);
    lb_strbuf_printf(&c->top, "  lbh::dense<%s_config>(%s, %s, %s_w, %s_b);\n", ln, a->stream, y->stream, ln, ln);
    lb_hls_layer_t *l = &c->rep->layers[L];
    l->kind = LB_HLS_DENSE;
    l->epilogue = e.kind;
    l->products = N * K;
    l->reduce = K;
    l->blocks = 1;
    l->out_channels = N;
    l->in_elems = K;
    l->out_elems = N;
    l->param_bits += e.param_bits;
    l->buffer_bits = K * a->bits;
  }
  free(b), free(azp), free(bzp), free(bias), free(w);
  return st;
}

static lb_status_t do_conv(hctx_t *c, MlirOperation op) {
  hval_t *x, *y;
  LB_RETURN_IF_ERROR(take(c, op, 0, &x));
  if (!x || x->is_float || x->order != ORDER_HWC) return unsupported(op, "qconv2d input");
  if (lb_value_dtype(lb_op_result(op)) != LB_DT_I32) return unsupported(op, "qconv2d accumulator type (i32 only)");
  int32_t rw, rr;
  int64_t dw[LB_MAX_RANK], dr[LB_MAX_RANK];
  lb_type_get_shape(mlirValueGetType(lb_op_operand(op, 1)), &rw, dw);
  lb_type_get_shape(mlirValueGetType(lb_op_result(op)), &rr, dr);
  lb_window_attrs_t wa;
  LB_RETURN_IF_ERROR(lb_op_annotate(op, lb_window_attrs_get(op, &wa)));
  int64_t OC = dw[0], CG = dw[1], KH = dw[2], KW = dw[3], G = wa.group;
  if (rw != 4 || rr != 4 || dr[0] != 1 || G < 1 || x->c != CG * G || OC % G || dr[1] != OC)
    return unsupported(op, "qconv2d shape");
  int64_t *w = NULL, *xzp = NULL, *wzp = NULL, *bias = NULL, nw, nxz, nwz, nbias = 0;
  lb_status_t st = read_ints(op, 1, &w, &nw);
  if (!st) st = read_ints(op, 2, &xzp, &nxz);
  if (!st) st = read_ints(op, 3, &wzp, &nwz);
  if (!st && mlirOperationGetNumOperands(op) > 4) st = read_ints(op, 4, &bias, &nbias);
  if (!st && (nxz != 1 || (nwz != 1 && nwz != OC) || (bias && nbias != OC)))
    st = unsupported(op, "qconv2d zero point or bias shape");
  int32_t L = -1;
  if (!st) st = new_layer(c, op, "conv", &L);
  if (!st) {
    lb_strbuf_printf(&c->cfg[L], "struct %s_config {\n", c->rep->names[L]);
    st = put_weights(c, op, L, w, nw, lb_dtype_is_signed(lb_value_dtype(lb_op_operand(op, 1))), bias, OC, CG * KH * KW,
                     wzp, nwz, x, xzp[0]);
  }
  epi_t e = {0};
  if (!st) st = fuse_epilogue(c, op, L, lb_op_result(op), OC, &e);
  if (!st) st = epilogue_output(c, op, &e, &y);
  if (!st) {
    const char *ln = c->rep->names[L];
    int64_t OH = dr[2], OW = dr[3], lines = (KH - 1) * wa.dilations[0] + 1;
    y->order = ORDER_HWC, y->c = OC, y->h = OH, y->w = OW;
    lb_strbuf_printf(&c->cfg[L],
                     "  static const int in_c = %lld, in_h = %lld, in_w = %lld;\n"
                     "  static const int out_c = %lld, out_h = %lld, out_w = %lld;\n"
                     "  static const int k_h = %lld, k_w = %lld, stride_h = %lld, stride_w = %lld;\n"
                     "  static const int pad_t = %lld, pad_l = %lld, dil_h = %lld, dil_w = %lld, groups = %lld;\n"
                     "  static const int lines = %lld; /* line buffer rows */\n"
                     "  static const int reuse_factor = @REUSE@, n_mult = @NMULT@, lanes = @LANES@, oc_groups = @GROUPS@;\n};\n",
                     (long long)x->c, (long long)x->h, (long long)x->w, (long long)OC, (long long)OH, (long long)OW,
                     (long long)KH, (long long)KW, (long long)wa.strides[0], (long long)wa.strides[1],
                     (long long)wa.pads[0], (long long)wa.pads[1], (long long)wa.dilations[0],
                     (long long)wa.dilations[1], (long long)G, (long long)lines);
    declare_stream(c, y);
    lb_strbuf_printf(&c->top, "  lbh::conv2d<%s_config>(%s, %s, %s_w, %s_b);\n", ln, x->stream, y->stream, ln, ln);
    lb_hls_layer_t *l = &c->rep->layers[L];
    l->kind = LB_HLS_CONV2D;
    l->epilogue = e.kind;
    l->products = OC * CG * KH * KW;
    l->reduce = CG * KH * KW;
    l->blocks = OH * OW;
    l->out_channels = OC;
    l->in_elems = x->n;
    l->out_elems = OC * OH * OW;
    l->param_bits += e.param_bits;
    l->buffer_bits = lines * x->w * x->c * x->bits;
  }
  free(w), free(xzp), free(wzp), free(bias);
  return st;
}

static lb_status_t do_max_pool(hctx_t *c, MlirOperation op) {
  hval_t *x, *y;
  LB_RETURN_IF_ERROR(take(c, op, 0, &x));
  if (!x || x->order != ORDER_HWC) return unsupported(op, "max_pool input (it must be an image stream)");
  int32_t rr;
  int64_t dr[LB_MAX_RANK];
  lb_type_get_shape(mlirValueGetType(lb_op_result(op)), &rr, dr);
  lb_window_attrs_t wa;
  LB_RETURN_IF_ERROR(lb_op_annotate(op, lb_window_attrs_get(op, &wa)));
  if (rr != 4 || dr[1] != x->c) return unsupported(op, "max_pool shape");
  int32_t L;
  LB_RETURN_IF_ERROR(new_layer(c, op, "max_pool", &L));
  LB_RETURN_IF_ERROR(new_val(c, op, lb_op_result(op), &y));
  /* the same elements: the type and range of the input */
  snprintf(y->type, sizeof y->type, "%s", x->type);
  y->bits = x->bits, y->sgn = x->sgn, y->lo = x->lo, y->hi = x->hi;
  y->order = ORDER_HWC, y->c = x->c, y->h = dr[2], y->w = dr[3];
  const char *ln = c->rep->names[L];
  int64_t lines = (wa.kernel[0] - 1) * wa.dilations[0] + 1;
  lb_strbuf_printf(&c->cfg[L],
                   "struct %s_config {\n  typedef %s t;\n"
                   "  static const int c = %lld, in_h = %lld, in_w = %lld, out_h = %lld, out_w = %lld;\n"
                   "  static const int k_h = %lld, k_w = %lld, stride_h = %lld, stride_w = %lld;\n"
                   "  static const int pad_t = %lld, pad_l = %lld, dil_h = %lld, dil_w = %lld;\n"
                   "  static const int lines = %lld; /* line buffer rows */\n};\n",
                   ln, x->type, (long long)x->c, (long long)x->h, (long long)x->w, (long long)y->h, (long long)y->w,
                   (long long)wa.kernel[0], (long long)wa.kernel[1], (long long)wa.strides[0],
                   (long long)wa.strides[1], (long long)wa.pads[0], (long long)wa.pads[1],
                   (long long)wa.dilations[0], (long long)wa.dilations[1], (long long)lines);
  declare_stream(c, y);
  lb_strbuf_printf(&c->top, "  lbh::max_pool2d<%s_config>(%s, %s);\n", ln, x->stream, y->stream);
  lb_hls_layer_t *l = &c->rep->layers[L];
  l->kind = LB_HLS_MAX_POOL;
  l->in_elems = x->n;
  l->out_elems = y->n;
  l->out_channels = x->c;
  l->abits = x->is_float ? 32 : x->bits;
  l->buffer_bits = lines * x->w * x->c * l->abits;
  return LB_OK;
}

/* lb.lut: the table as a ROM of the result type. */
static lb_status_t do_lut(hctx_t *c, MlirOperation op) {
  hval_t *x, *y;
  LB_RETURN_IF_ERROR(take(c, op, 0, &x));
  if (!x || x->is_float || x->bits > 8) return unsupported(op, "lut input (an integer stream of at most 8 bits)");
  int64_t *t, nt;
  LB_RETURN_IF_ERROR(read_ints(op, 1, &t, &nt));
  int32_t L;
  lb_status_t st = nt == 256 ? new_layer(c, op, "lut", &L) : unsupported(op, "lut table size");
  if (!st) st = new_val(c, op, lb_op_result(op), &y);
  if (!st && (y->is_float || y->bits > 8)) st = unsupported(op, "lut result type");
  if (!st) {
    const char *ln = c->rep->names[L];
    char an[128];
    y->order = x->order, y->c = x->c, y->h = x->h, y->w = x->w;
    snprintf(an, sizeof an, "%s_table", ln);
    put_array_ints(&c->wts, y->type, an, t, nt);
    lb_strbuf_printf(&c->cfg[L], "struct %s_config {\n  typedef %s in_t;\n  typedef %s out_t;\n"
                     "  static const int n = %lld, offset = %d;\n};\n",
                     ln, x->type, y->type, (long long)x->n, x->sgn ? 128 : 0);
    declare_stream(c, y);
    lb_strbuf_printf(&c->top, "  lbh::lut<%s_config>(%s, %s, %s_table);\n", ln, x->stream, y->stream, ln);
    lb_hls_layer_t *l = &c->rep->layers[L];
    l->kind = LB_HLS_LUT;
    l->in_elems = l->out_elems = x->n;
    l->abits = x->bits;
    l->param_bits = 256 * y->bits;
  }
  free(t);
  return st;
}

/* Float stages: residual add (two streams of one shape and order), relu,
 * global average pooling of an image. */
static lb_status_t do_float(hctx_t *c, MlirOperation op) {
  lb_op_kind_t k = lb_op_get_kind(op);
  hval_t *x, *b = NULL, *y;
  LB_RETURN_IF_ERROR(take(c, op, 0, &x));
  if (!x) return unsupported(op, "op's input (it must be the output of a supported layer)");
  if (!x->is_float) return unsupported(op, "op on integer codes (only on float values)");
  if (k == LB_OP_ADD) {
    LB_RETURN_IF_ERROR(take(c, op, 1, &b));
    if (!b || !b->is_float || b->n != x->n || b->order != x->order || b->c != x->c || b->h != x->h ||
        lb_value_count(lb_op_result(op)) != x->n)
      return unsupported(op, "add (two float streams of the same shape, no broadcasting)");
  }
  if (k == LB_OP_GLOBAL_AVG_POOL && x->order != ORDER_HWC) return unsupported(op, "global_avg_pool input");
  int32_t L;
  LB_RETURN_IF_ERROR(new_layer(c, op, k == LB_OP_ADD ? "add" : k == LB_OP_GLOBAL_AVG_POOL ? "global_avg_pool" : "act", &L));
  LB_RETURN_IF_ERROR(new_val(c, op, lb_op_result(op), &y));
  y->order = x->order, y->c = x->c, y->h = x->h, y->w = x->w;
  lb_hls_layer_t *l = &c->rep->layers[L];
  l->in_elems = x->n;
  l->out_elems = y->n;
  l->abits = 32;
  declare_stream(c, y);
  if (k == LB_OP_ADD) {
    lb_strbuf_printf(&c->top, "  lbh::add_float<%lld>(%s, %s, %s);\n", (long long)x->n, x->stream, b->stream, y->stream);
    l->kind = LB_HLS_ADD_FLOAT;
    l->in_elems = 2 * x->n;
  } else if (k == LB_OP_HARD_SIGMOID || k == LB_OP_HARD_SWISH || k == LB_OP_ELU || k == LB_OP_SELU || k == LB_OP_CELU ||
             k == LB_OP_THRESHOLDED_RELU || k == LB_OP_SOFTSIGN || k == LB_OP_LEAKY_RELU) {
    /* the kernels' scalar helper (lb_common.h) with this layer's constants */
    const char *ln = c->rep->names[L];
    lb_strbuf_t *cfg = &c->cfg[L];
    float a = (float)lb_op_get_float(op, "alpha", 0), b2 = (float)lb_op_get_float(op, k == LB_OP_SELU ? "gamma" : "beta", 0);
    lb_strbuf_printf(cfg, "struct %s_op {\n  static float apply(float x) { return lb__%s(x", ln,
                     lb_op_kind_name(k) + 3 /* past "lb." */);
    if (k != LB_OP_SOFTSIGN) {
      lb_strbuf_puts(cfg, ", ");
      put_float(cfg, a);
    }
    if (k == LB_OP_HARD_SIGMOID || k == LB_OP_HARD_SWISH || k == LB_OP_SELU) {
      lb_strbuf_puts(cfg, ", ");
      put_float(cfg, b2);
    }
    lb_strbuf_puts(cfg, "); }\n};\n");
    lb_strbuf_printf(&c->top, "  lbh::unary_float<%s_op, %lld>(%s, %s);\n", ln, (long long)x->n, x->stream, y->stream);
    l->kind = k == LB_OP_ELU || k == LB_OP_SELU || k == LB_OP_CELU ? LB_HLS_EXP_FLOAT : LB_HLS_ADD_FLOAT;
  } else if (k == LB_OP_RELU || k == LB_OP_SIGMOID || k == LB_OP_TANH) {
    lb_strbuf_printf(&c->top, "  lbh::unary_float<lbh::op_%s, %lld>(%s, %s);\n",
                     k == LB_OP_RELU ? "relu" : k == LB_OP_SIGMOID ? "sigmoid" : "tanh", (long long)x->n, x->stream,
                     y->stream);
    l->kind = k == LB_OP_RELU ? LB_HLS_RELU_FLOAT : LB_HLS_EXP_FLOAT;
  } else {
    y->h = y->w = 1;
    lb_strbuf_printf(&c->top, "  lbh::global_avg_pool_float<%lld, %lld>(%s, %s);\n", (long long)x->c,
                     (long long)(x->h * x->w), x->stream, y->stream);
    l->kind = LB_HLS_GAP_FLOAT;
    l->buffer_bits = 32 * x->c;
  }
  return LB_OK;
}

/* flatten, reshape to [1, n] and value-keeping casts: the same stream. */
static lb_status_t do_alias(hctx_t *c, MlirOperation op) {
  hval_t *x, *y;
  LB_RETURN_IF_ERROR(take(c, op, 0, &x));
  if (!x) return unsupported(op, "op input");
  MlirValue r = lb_op_result(op);
  lb_op_kind_t k = lb_op_get_kind(op);
  int32_t rank;
  int64_t d[LB_MAX_RANK];
  lb_type_get_shape(mlirValueGetType(r), &rank, d);
  if (k == LB_OP_CAST) {
    lb_dtype_t dt = lb_value_dtype(r);
    if (x->is_float || !lb_dtype_is_int(dt) || x->lo < lb_dtype_min(dt) || x->hi > lb_dtype_max(dt))
      return unsupported(op, "cast (only integer casts that keep every value)");
  } else if (!(rank == 2 && d[0] == 1) && !(k == LB_OP_FLATTEN && lb_op_get_int(op, LB_ATTR_AXIS, 1) == 1)) {
    return unsupported(op, "reshape (only to one row [1, n])");
  }
  if (mlirValueEqual(r, c->ret)) return unsupported(op, "graph output (a flatten, reshape or cast as the last op)");
  if (c->nvals >= MAX_VALS) return lb_op_error(op, LB_STATUS_RESOURCE_EXHAUSTED, "too many values");
  y = &c->vals[c->nvals++];
  *y = *x;
  y->v = r;
  if (k != LB_OP_CAST && x->order == ORDER_HWC) y->order = ORDER_HWC_FLAT;
  return LB_OK;
}

static lb_status_t do_op(hctx_t *c, MlirOperation op) {
  lb_op_kind_t k = lb_op_get_kind(op);
  if (k == LB_OP_CONSTANT) return LB_OK;
  switch (k) {
    case LB_OP_QUANTIZE: return do_quantize(c, op);
    case LB_OP_DEQUANTIZE: return do_dequantize(c, op);
    case LB_OP_QMATMUL: return do_dense(c, op);
    case LB_OP_QCONV2D: return do_conv(c, op);
    case LB_OP_MAX_POOL: return do_max_pool(c, op);
    case LB_OP_LUT: return do_lut(c, op);
    case LB_OP_ADD:
    case LB_OP_RELU:
    case LB_OP_SIGMOID:
    case LB_OP_TANH:
    case LB_OP_HARD_SIGMOID:
    case LB_OP_HARD_SWISH:
    case LB_OP_ELU:
    case LB_OP_SELU:
    case LB_OP_CELU:
    case LB_OP_THRESHOLDED_RELU:
    case LB_OP_SOFTSIGN:
    case LB_OP_LEAKY_RELU:
    case LB_OP_GLOBAL_AVG_POOL: return do_float(c, op);
    case LB_OP_FLATTEN:
    case LB_OP_RESHAPE:
    case LB_OP_CAST: return do_alias(c, op);
    default: break;
  }
  char what[96];
  snprintf(what, sizeof what, "op (%s)", mlirOperationIsNull(op) ? "?" : lb_op_kind_name(k));
  if (k == LB_OP_UNKNOWN) {
    MlirIdentifier id = mlirOperationGetName(op);
    MlirStringRef s = mlirIdentifierStr(id);
    snprintf(what, sizeof what, "op (%.*s)", (int)s.length, s.data);
  }
  return unsupported(op, what);
}

/* ---- the project files ------------------------------------------------ */

static const char csim_template[] =
    "// C simulation testbench of @N@_top, generated by lowbit.\n"
    "//   ./csim --input X.npy --output Y.npy\n"
    "// X: float32 [B, ...] (the model's input with any batch B); runs the design once per\n"
    "// sample and writes float32 [B, ...]. Exits 1 on a bad file or shape, 2 on bad\n"
    "// arguments, 3 when the design reads past its input.\n"
    "#include <cstdio>\n#include <cstring>\n#include <string>\n#include <vector>\n\n"
    "#include \"@N@.h\"\n#include \"lowbit_hls/lbh_npy.h\"\n\n"
    "int main(int argc, char **argv) {\n"
    "  const char *in_path = 0, *out_path = 0;\n"
    "  for (int i = 1; i < argc; ++i) {\n"
    "    if (!std::strcmp(argv[i], \"--input\") && i + 1 < argc) in_path = argv[++i];\n"
    "    else if (!std::strcmp(argv[i], \"--output\") && i + 1 < argc) out_path = argv[++i];\n"
    "    else {\n"
    "      std::fprintf(stderr, \"usage: %s --input X.npy --output Y.npy\\n\", argv[0]);\n"
    "      return 2;\n"
    "    }\n"
    "  }\n"
    "  if (!in_path || !out_path) {\n"
    "    std::fprintf(stderr, \"usage: %s --input X.npy --output Y.npy\\n\", argv[0]);\n"
    "    return 2;\n"
    "  }\n"
    "  std::vector<float> x;\n  std::vector<long> shape;\n  std::string err;\n"
    "  if (!lbh::npy_read(in_path, x, shape, err)) {\n"
    "    std::fprintf(stderr, \"error: %s\\n\", err.c_str());\n    return 1;\n  }\n"
    "  const long in_dims[] = @N_UP@_IN_DIMS, out_dims[] = @N_UP@_OUT_DIMS;\n"
    "  bool ok = (int)shape.size() == @N_UP@_IN_RANK;\n"
    "  for (int d = 1; ok && d < @N_UP@_IN_RANK; ++d) ok = shape[d] == in_dims[d];\n"
    "  if (!ok) {\n"
    "    std::fprintf(stderr, \"error: %s: expected shape [B\", in_path);\n"
    "    for (int d = 1; d < @N_UP@_IN_RANK; ++d) std::fprintf(stderr, \", %ld\", in_dims[d]);\n"
    "    std::fprintf(stderr, \"]\\n\");\n    return 1;\n  }\n"
    "  const long batch = shape[0];\n"
    "  std::vector<float> y((size_t)(batch * @N_UP@_OUT_SIZE));\n"
    "  for (long b = 0; b < batch; ++b) {\n"
    "    hls::stream<float> in(\"in\"), out(\"out\");\n"
    "    const float *xs = &x[(size_t)(b * @N_UP@_IN_SIZE)];\n"
    "    if (@N_UP@_IN_HWC) { // NCHW sample -> the (h, w, c) pixel stream\n"
    "      for (long i = 0; i < @N_UP@_IN_H * @N_UP@_IN_W; ++i)\n"
    "        for (long c = 0; c < @N_UP@_IN_C; ++c) in.write(xs[c * @N_UP@_IN_H * @N_UP@_IN_W + i]);\n"
    "    } else {\n"
    "      for (long i = 0; i < @N_UP@_IN_SIZE; ++i) in.write(xs[i]);\n"
    "    }\n"
    "    @N@_top(in, out);\n"
    "    if (out.size() != (size_t)@N_UP@_OUT_SIZE || !in.empty()) {\n"
    "      std::fprintf(stderr, \"error: sample %ld: the design wrote %ld of %ld outputs and left %ld inputs unread\\n\",\n"
    "                   b, (long)out.size(), (long)@N_UP@_OUT_SIZE, (long)in.size());\n"
    "      return 1;\n    }\n"
    "    float *ys = &y[(size_t)(b * @N_UP@_OUT_SIZE)];\n"
    "    if (@N_UP@_OUT_HWC) { // the (h, w, c) stream -> NCHW order\n"
    "      for (long i = 0; i < @N_UP@_OUT_H * @N_UP@_OUT_W; ++i)\n"
    "        for (long c = 0; c < @N_UP@_OUT_C; ++c) ys[c * @N_UP@_OUT_H * @N_UP@_OUT_W + i] = out.read();\n"
    "    } else {\n"
    "      for (long i = 0; i < @N_UP@_OUT_SIZE; ++i) ys[i] = out.read();\n"
    "    }\n"
    "  }\n"
    "  std::vector<long> oshape(out_dims, out_dims + @N_UP@_OUT_RANK);\n"
    "  oshape[0] = batch;\n"
    "  if (!lbh::npy_write(out_path, y, oshape, err)) {\n"
    "    std::fprintf(stderr, \"error: %s\\n\", err.c_str());\n    return 1;\n  }\n"
    "  return 0;\n}\n";

/* s with @N@ -> name and @N_UP@ -> NAME appended to sb. */
static void put_template(lb_strbuf_t *sb, const char *s, const char *name, const char *upper) {
  while (*s) {
    if (!strncmp(s, "@N@", 3)) {
      lb_strbuf_puts(sb, name);
      s += 3;
    } else if (!strncmp(s, "@N_UP@", 6)) {
      lb_strbuf_puts(sb, upper);
      s += 6;
    } else {
      lb_strbuf_append(sb, s, 1);
      ++s;
    }
  }
}

/* A config with its reuse factor and schedule filled in. */
static void put_config(lb_strbuf_t *sb, const char *cfg, const lb_hls_layer_t *l, int64_t reuse, int64_t mults) {
  int64_t t = l->reduce > 0 ? l->reduce : 1;
  int64_t lanes = reuse < 1 ? 1 : reuse <= t ? t / reuse : 1, groups = reuse <= t ? 1 : reuse / t;
  for (const char *s = cfg; *s;) {
    if (!strncmp(s, "@LANES@", 7)) {
      lb_strbuf_printf(sb, "%lld", (long long)lanes);
      s += 7;
      continue;
    }
    if (!strncmp(s, "@GROUPS@", 8)) {
      lb_strbuf_printf(sb, "%lld", (long long)groups);
      s += 8;
      continue;
    }
    if (!strncmp(s, "@REUSE@", 7)) {
      lb_strbuf_printf(sb, "%lld", (long long)reuse);
      s += 7;
    } else if (!strncmp(s, "@NMULT@", 7)) {
      lb_strbuf_printf(sb, "%lld", (long long)mults);
      s += 7;
    } else {
      lb_strbuf_append(sb, s, 1);
      ++s;
    }
  }
}

static const char *kind_name(lb_hls_kind_t k) {
  switch (k) {
    case LB_HLS_QUANTIZE: return "quantize";
    case LB_HLS_DEQUANTIZE: return "dequantize";
    case LB_HLS_DENSE: return "dense";
    case LB_HLS_CONV2D: return "conv2d";
    case LB_HLS_MAX_POOL: return "max_pool2d";
    case LB_HLS_LUT: return "lut";
    case LB_HLS_SPLIT: return "split";
    case LB_HLS_ADD_FLOAT: return "add_float";
    case LB_HLS_RELU_FLOAT: return "relu_float";
    case LB_HLS_EXP_FLOAT: return "exp_float";
    case LB_HLS_GAP_FLOAT: return "gap_float";
  }
  return "?";
}

/* Target strings in Tcl and JSON: only [A-Za-z0-9._-] pass. */
static lb_status_t check_plain(const char *what, const char *s) {
  for (const char *p = s; *p; ++p)
    if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') || *p == '.' || *p == '-' ||
          *p == '_'))
      return LB_ERROR(LB_STATUS_INVALID_ARGUMENT, "target %s '%s' may only contain letters, digits, '.', '-' and '_'",
                      what, s);
  return s[0] ? LB_OK : LB_ERROR(LB_STATUS_INVALID_ARGUMENT, "target %s is empty", what);
}

static void put_report_json(lb_strbuf_t *j, const lb_hls_report_t *r) {
  const lb_hls_device_t *d = &r->device;
  lb_strbuf_printf(j, "{\n  \"target\": \"%s\",\n  \"part\": \"%s\",\n  \"clock_mhz\": %g,\n", r->target, r->part,
                   r->clock_mhz);
  lb_strbuf_printf(j, "  \"budget\": {\"dsp\": %lld, \"lut\": %lld, \"bram_bits\": %lld},\n  \"layers\": [\n",
                   (long long)d->dsp, (long long)d->lut, (long long)d->bram_bits);
  for (int32_t i = 0; i < r->nlayers; ++i) {
    const lb_hls_layer_t *l = &r->layers[i];
    const lb_hls_estimate_t *e = &r->est[i];
    lb_strbuf_printf(j,
                     "    {\"name\": \"%s\", \"kind\": \"%s\", \"macs\": %lld, \"reuse_factor\": %lld, "
                     "\"multipliers\": %lld, \"weight_bits\": %d, \"act_bits\": %d, \"acc_bits\": %d, \"dsp\": %lld, "
                     "\"lut\": %lld, \"bram_bits\": %lld, \"ii\": %lld, \"latency_cycles\": %lld}%s\n",
                     r->names[i], kind_name(l->kind), (long long)(l->products * l->blocks), (long long)e->reuse,
                     (long long)e->mults, (int)l->wbits, (int)l->abits, (int)l->acc_bits, (long long)e->dsp,
                     (long long)e->lut, (long long)e->bram_bits, (long long)e->ii, (long long)e->latency,
                     i + 1 < r->nlayers ? "," : "");
  }
  const lb_hls_estimate_t *t = &r->total;
  lb_strbuf_printf(j,
                   "  ],\n  \"total\": {\"dsp\": %lld, \"lut\": %lld, \"bram_bits\": %lld, \"latency_cycles\": %lld, "
                   "\"ii\": %lld, \"latency_us\": %.3f}\n}\n",
                   (long long)t->dsp, (long long)t->lut, (long long)t->bram_bits, (long long)t->latency,
                   (long long)t->ii, (double)t->latency / r->clock_mhz);
}

void lb_hls_report_print(const lb_hls_report_t *r, FILE *f) {
  fprintf(f, "HLS estimate for %s (%s at %g MHz)\n", r->target, r->part, r->clock_mhz);
  fprintf(f, "  %-28s %-10s %10s %7s %6s %6s %8s %10s %9s %9s\n", "layer", "kind", "MACs", "reuse", "mults", "DSP",
          "LUT", "BRAM bits", "II", "latency");
  for (int32_t i = 0; i < r->nlayers; ++i) {
    const lb_hls_layer_t *l = &r->layers[i];
    const lb_hls_estimate_t *e = &r->est[i];
    fprintf(f, "  %-28.28s %-10s %10lld %7lld %6lld %6lld %8lld %10lld %9lld %9lld\n", r->names[i], kind_name(l->kind),
            (long long)(l->products * l->blocks), (long long)e->reuse, (long long)e->mults, (long long)e->dsp,
            (long long)e->lut, (long long)e->bram_bits, (long long)e->ii, (long long)e->latency);
  }
  const lb_hls_estimate_t *t = &r->total;
  const lb_hls_device_t *d = &r->device;
  fprintf(f, "  %-28s %-10s %10s %7s %6lld %6lld %8lld %10lld %9lld %9lld\n", "total", "", "", "", (long long)t->mults,
          (long long)t->dsp, (long long)t->lut, (long long)t->bram_bits, (long long)t->ii, (long long)t->latency);
  fprintf(f, "  budget: %lld DSP (%.0f%% used), %lld LUT (%.0f%%), %lld BRAM bits (%.0f%%); latency %.2f us per sample\n",
          (long long)d->dsp, 100.0 * (double)t->dsp / (double)(d->dsp ? d->dsp : 1), (long long)d->lut,
          100.0 * (double)t->lut / (double)(d->lut ? d->lut : 1), (long long)d->bram_bits,
          100.0 * (double)t->bram_bits / (double)(d->bram_bits ? d->bram_bits : 1), (double)t->latency / r->clock_mhz);
}

static lb_status_t write_file(const char *dir, const char *file, const lb_strbuf_t *sb) {
  char path[4096];
  if (snprintf(path, sizeof path, "%s/%s", dir, file) >= (int)sizeof path)
    return LB_ERROR(LB_STATUS_INVALID_ARGUMENT, "%s: path too long", dir);
  return lb_strbuf_write_file(sb, path);
}

/* Writes sb (built by the caller) to dir/file and frees it. */
static lb_status_t finish_file(const char *dir, const char *file, lb_strbuf_t *sb) {
  lb_status_t st = lb_strbuf_status(sb);
  if (!st) st = write_file(dir, file, sb);
  lb_strbuf_free(sb);
  return st;
}

static lb_status_t write_text(const char *dir, const char *file, const char *text) {
  lb_strbuf_t sb;
  lb_strbuf_init(&sb);
  lb_strbuf_puts(&sb, text);
  lb_status_t st = lb_strbuf_status(&sb);
  if (!st) st = write_file(dir, file, &sb);
  lb_strbuf_free(&sb);
  return st;
}

/* The io macros of NAME.h for the value v (IN or OUT). */
static void put_io_macros(lb_strbuf_t *h, const char *up, const char *io, MlirValue v, const hval_t *hv) {
  int32_t rank;
  int64_t d[LB_MAX_RANK];
  lb_type_get_shape(mlirValueGetType(v), &rank, d);
  lb_strbuf_printf(h, "#define %s_%s_SIZE %lld\n#define %s_%s_RANK %d\n#define %s_%s_DIMS {", up, io,
                   (long long)lb_dims_count(rank, d), up, io, (int)rank, up, io);
  for (int32_t i = 0; i < rank; ++i) lb_strbuf_printf(h, "%s%lld", i ? ", " : "", (long long)d[i]);
  bool hwc = hv && (hv->order == ORDER_HWC || hv->order == ORDER_HWC_FLAT);
  lb_strbuf_printf(h, "}\n/* 1: the stream carries the NCHW tensor pixel by pixel, channels innermost */\n");
  lb_strbuf_printf(h, "#define %s_%s_HWC %d\n#define %s_%s_C %lld\n#define %s_%s_H %lld\n#define %s_%s_W %lld\n", up, io,
                   hwc ? 1 : 0, up, io, (long long)(hwc ? hv->c : 1), up, io, (long long)(hwc ? hv->h : 1), up, io,
                   (long long)(hwc ? hv->w : 1));
}

static lb_status_t emit_impl(hctx_t *c, MlirModule m, const char *name, const char *outdir) {
  lb_target_t t;
  LB_RETURN_IF_ERROR(lb_target_of(m, &t));
  if (strcmp(t.kind, "fpga"))
    return LB_ERROR(LB_STATUS_INVALID_ARGUMENT, "--emit hls needs an FPGA target (target '%s' is a %s target)", t.name,
                    t.kind);
  if (t.dsp <= 0 || t.lut <= 0 || t.bram_18k <= 0)
    return LB_ERROR(LB_STATUS_INVALID_ARGUMENT, "FPGA target '%s' needs dsp, lut and bram_18k budgets", t.name);
  LB_RETURN_IF_ERROR(check_plain("name", t.name));
  LB_RETURN_IF_ERROR(check_plain("part", t.part));
  lb_hls_report_t *r = c->rep;
  snprintf(r->target, sizeof r->target, "%s", t.name);
  snprintf(r->part, sizeof r->part, "%s", t.part);
  r->clock_mhz = t.clock_mhz;
  r->device = (lb_hls_device_t){r->target, t.clock_mhz, t.dsp, t.lut, t.bram_18k * 18432,
                                {t.dsp_width[0], t.dsp_width[1]}, t.dsp_packing};

  MlirOperation func = lb_module_get_func(m);
  if (mlirOperationIsNull(func)) return LB_ERROR(LB_STATUS_INVALID_ARGUMENT, "module has no function with a body");
  MlirBlock body = lb_func_get_body(func);
  MlirOperation ret = lb_func_get_return(func);
  if (mlirBlockGetNumArguments(body) != 1 || mlirOperationGetNumOperands(ret) != 1)
    return LB_ERROR(LB_STATUS_UNIMPLEMENTED, "the HLS backend supports models with one input and one output (this one "
                    "has %d and %d)", (int)mlirBlockGetNumArguments(body), (int)mlirOperationGetNumOperands(ret));
  MlirValue arg = mlirBlockGetArgument(body, 0);
  c->ret = mlirOperationGetOperand(ret, 0);
  if (lb_value_dtype(arg) != LB_DT_F32 || lb_value_dtype(c->ret) != LB_DT_F32)
    return LB_ERROR(LB_STATUS_UNIMPLEMENTED, "the HLS backend needs a float input and a float output");
  /* the input port */
  hval_t *in = &c->vals[c->nvals++];
  memset(in, 0, sizeof *in);
  in->v = arg;
  snprintf(in->stream, sizeof in->stream, "in");
  snprintf(in->type, sizeof in->type, "float");
  in->is_float = true;
  in->n = lb_value_count(arg);
  int32_t rank;
  int64_t d[LB_MAX_RANK];
  lb_type_get_shape(mlirValueGetType(arg), &rank, d);
  if (rank == 4 && d[0] == 1) in->order = ORDER_HWC, in->c = d[1], in->h = d[2], in->w = d[3];
  else if (!(rank == 2 && d[0] == 1))
    return LB_ERROR(LB_STATUS_UNIMPLEMENTED, "the HLS backend needs an input of shape [1, N] or [1, C, H, W]");

  for (MlirOperation op = mlirBlockGetFirstOperation(body); !mlirOperationIsNull(op); op = mlirOperationGetNextInBlock(op)) {
    if (mlirOperationEqual(op, ret) || should_skip(c, op)) continue;
    LB_RETURN_IF_ERROR(do_op(c, op));
  }
  const hval_t *outv = find_val(c, c->ret);
  if (!outv || strcmp(outv->stream, "out"))
    return LB_ERROR(LB_STATUS_UNIMPLEMENTED, "the HLS backend needs the output computed by a layer");

  LB_RETURN_IF_ERROR(lb_hls_choose_reuse(&r->device, r->layers, r->nlayers, r->est, &r->total));

  char upper[80];
  snprintf(upper, sizeof upper, "%s", name);
  for (char *p = upper; *p; ++p)
    if (*p >= 'a' && *p <= 'z') *p = (char)(*p - 'a' + 'A');
  LB_RETURN_IF_ERROR(lb_file_mkdirs(outdir));
  char sub[4096];
  if (snprintf(sub, sizeof sub, "%s/lowbit_hls", outdir) >= (int)sizeof sub)
    return LB_ERROR(LB_STATUS_INVALID_ARGUMENT, "%s: path too long", outdir);
  if (mkdir(sub, 0777) != 0 && errno != EEXIST)
    return LB_ERROR(LB_STATUS_IO, "%s: cannot create directory: %s", sub, strerror(errno));
  for (const lb_embedded_file_t *f = lb_hls_sources; f->name; ++f) {
    char fn[128];
    snprintf(fn, sizeof fn, "%s.h", f->name);
    LB_RETURN_IF_ERROR(write_text(sub, fn, f->data));
  }
  lb_strbuf_t sb;
  lb_strbuf_init(&sb);
  lb_strbuf_puts(&sb,
                 "/* lowbit's scalar arithmetic (runtime/lb_abi.h and runtime/kernels/common.h), shared with the C\n"
                 " * kernels: the HLS layers compute exactly what `lowbit run` computes. */\n");
  lb_strbuf_puts(&sb, lb_abi_h_source);
  lb_strbuf_puts(&sb, "#define LB_KERNELS_EMBEDDED\n");
  lb_strbuf_puts(&sb, lb_kernels_common_source);
  lb_status_t st = lb_strbuf_status(&sb);
  if (!st) st = write_file(sub, "lb_common.h", &sb);
  lb_strbuf_free(&sb);
  LB_RETURN_IF_ERROR(st);

  /* NAME.h */
  lb_strbuf_init(&sb);
  lb_strbuf_printf(&sb,
                   "/* %s: HLS design generated by lowbit for target %s (%s, %g MHz).\n"
                   " * One sample per call of %s_top; float in and out, one element per stream beat. */\n"
                   "#ifndef %s_HLS_H\n#define %s_HLS_H\n\n#include \"lowbit_hls/lbh_layers.h\"\n\n",
                   name, r->target, r->part, r->clock_mhz, name, upper, upper);
  put_io_macros(&sb, upper, "IN", arg, &c->vals[0]);
  put_io_macros(&sb, upper, "OUT", c->ret, outv);
  lb_strbuf_printf(&sb, "\nvoid %s_top(hls::stream<float> &in, hls::stream<float> &out);\n\n#endif\n", name);
  char fn[160];
  snprintf(fn, sizeof fn, "%s.h", name);
  LB_RETURN_IF_ERROR(finish_file(outdir, fn, &sb));

  /* NAME_weights.h */
  lb_strbuf_init(&sb);
  lb_strbuf_printf(&sb,
                   "/* %s: weights and per-channel parameters (ROM), generated by lowbit.\n"
                   " * Every weight array has the exact width of its codes. */\n"
                   "#ifndef %s_WEIGHTS_H\n#define %s_WEIGHTS_H\n\n#include \"lowbit_hls/lbh_layers.h\"\n\n",
                   name, upper, upper);
  lb_strbuf_append(&sb, c->wts.data ? c->wts.data : "", c->wts.data ? strlen(c->wts.data) : 0);
  lb_strbuf_puts(&sb, "\n#endif\n");
  snprintf(fn, sizeof fn, "%s_weights.h", name);
  LB_RETURN_IF_ERROR(finish_file(outdir, fn, &sb));

  /* NAME_config.h */
  lb_strbuf_init(&sb);
  lb_strbuf_printf(&sb,
                   "/* %s: one config struct per layer (types, shapes, reuse factors, epilogues), generated by\n"
                   " * lowbit. Reuse factors fit target %s: %lld of %lld DSPs, %lld of %lld LUTs. */\n"
                   "#ifndef %s_CONFIG_H\n#define %s_CONFIG_H\n\n#include \"%s_weights.h\"\n\n",
                   name, r->target, (long long)r->total.dsp, (long long)r->device.dsp, (long long)r->total.lut,
                   (long long)r->device.lut, upper, upper, name);
  for (int32_t i = 0; i < r->nlayers; ++i) {
    lb_strbuf_printf(&sb, "/* %s: %s", r->names[i], kind_name(r->layers[i].kind));
    if (lb_hls_has_reuse(&r->layers[i]))
      lb_strbuf_printf(&sb, ", %lld MACs, %lld multipliers, %lld DSPs", (long long)(r->layers[i].products * r->layers[i].blocks),
                       (long long)r->est[i].mults, (long long)r->est[i].dsp);
    lb_strbuf_puts(&sb, " */\n");
    put_config(&sb, c->cfg[i].data ? c->cfg[i].data : "", &r->layers[i], r->est[i].reuse, r->est[i].mults);
    lb_strbuf_puts(&sb, "\n");
  }
  lb_strbuf_puts(&sb, "#endif\n");
  snprintf(fn, sizeof fn, "%s_config.h", name);
  LB_RETURN_IF_ERROR(finish_file(outdir, fn, &sb));

  /* NAME.cpp */
  lb_strbuf_init(&sb);
  lb_strbuf_printf(&sb,
                   "/* %s: the top function, generated by lowbit. */\n#include \"%s.h\"\n#include \"%s_config.h\"\n\n"
                   "void %s_top(hls::stream<float> &in, hls::stream<float> &out) {\n"
                   "#pragma HLS INTERFACE axis port = in\n#pragma HLS INTERFACE axis port = out\n"
                   "#pragma HLS DATAFLOW\n",
                   name, name, name, name);
  lb_strbuf_append(&sb, c->top.data ? c->top.data : "", c->top.data ? strlen(c->top.data) : 0);
  lb_strbuf_puts(&sb, "}\n");
  snprintf(fn, sizeof fn, "%s.cpp", name);
  LB_RETURN_IF_ERROR(finish_file(outdir, fn, &sb));

  /* csim.cpp, Makefile, build.tcl, report.json */
  lb_strbuf_init(&sb);
  put_template(&sb, csim_template, name, upper);
  LB_RETURN_IF_ERROR(finish_file(outdir, "csim.cpp", &sb));

  lb_strbuf_init(&sb);
  lb_strbuf_printf(&sb,
                   "# C simulation of %s_top, generated by lowbit: make csim; ./csim --input X.npy --output Y.npy\n"
                   "# With XILINX_HLS set (a Vitis HLS install), the vendor's ap_int and hls::stream are used.\n"
                   "CXX ?= g++\nCXXFLAGS ?= -O2\n"
                   "HLS_FLAGS = -std=c++14 -ffp-contract=off -Wall -Wno-unknown-pragmas -Wno-unused-label -I.\n"
                   "ifdef XILINX_HLS\nHLS_FLAGS += -I$(XILINX_HLS)/include -DLBH_VENDOR_HEADERS\nendif\n\n"
                   "csim: csim.cpp %s.cpp %s.h %s_config.h %s_weights.h $(wildcard lowbit_hls/*.h)\n"
                   "\t$(CXX) $(CXXFLAGS) $(HLS_FLAGS) -o $@ csim.cpp %s.cpp\n\n"
                   ".PHONY: clean\nclean:\n\trm -f csim\n",
                   name, name, name, name, name, name);
  LB_RETURN_IF_ERROR(finish_file(outdir, "Makefile", &sb));

  lb_strbuf_init(&sb);
  lb_strbuf_printf(&sb,
                   "# C synthesis of %s_top for %s (%s at %g MHz), generated by lowbit: vitis_hls -f build.tcl\n"
                   "open_project -reset %s_prj\nset_top %s_top\n"
                   "add_files %s.cpp -cflags \"-std=c++14 -I.\"\nadd_files -tb csim.cpp -cflags \"-std=c++14 -I.\"\n"
                   "open_solution -reset solution1 -flow_target vivado\nset_part {%s}\n"
                   "create_clock -period %.3f -name default\ncsynth_design\nexport_design -format ip_catalog\nexit\n",
                   name, r->target, r->part, r->clock_mhz, name, name, name, r->part, 1000.0 / r->clock_mhz);
  LB_RETURN_IF_ERROR(finish_file(outdir, "build.tcl", &sb));

  lb_strbuf_init(&sb);
  put_report_json(&sb, r);
  return finish_file(outdir, "report.json", &sb);
}

/* --name beyond the C rules: the testbench's file stem, the HLS types and
 * namespaces, and C++ keywords. */
static lb_status_t check_hls_name(const char *name) {
  static const char *const taken[] = {"csim", "ap_int", "ap_uint", "ap_fixed", "hls", "lbh", "std", "alignas", "alignof",
                                      "and", "asm", "bool", "catch", "char16_t", "char32_t", "class", "constexpr",
                                      "const_cast", "decltype", "delete", "dynamic_cast", "explicit", "export", "false",
                                      "friend", "mutable", "namespace", "new", "noexcept", "not", "nullptr",
                                      "operator", "or", "private", "protected", "public", "reinterpret_cast",
                                      "static_assert", "static_cast", "template", "this", "thread_local", "throw",
                                      "true", "try", "typeid", "typename", "using", "virtual", "wchar_t", "xor", NULL};
  for (const char *const *t = taken; *t; ++t)
    if (!strcmp(name, *t))
      return LB_ERROR(LB_STATUS_INVALID_ARGUMENT, "--name '%s' is reserved in an HLS project (C++, HLS types, csim)",
                      name);
  return LB_OK;
}

lb_status_t lb_emit_hls_project(MlirModule m, const char *name, const char *outdir, lb_hls_report_t *report) {
  LB_RETURN_IF_ERROR(lb_name_check_model(name));
  LB_RETURN_IF_ERROR(check_hls_name(name));
  hctx_t *c = calloc(1, sizeof *c);
  lb_hls_report_t *own = report ? NULL : calloc(1, sizeof *own);
  if (!c || (!report && !own)) {
    free(c);
    free(own);
    return LB_ERROR(LB_STATUS_RESOURCE_EXHAUSTED, "out of memory");
  }
  c->name = name;
  c->rep = report ? report : own;
  memset(c->rep, 0, sizeof *c->rep);
  lb_strbuf_init(&c->top);
  lb_strbuf_init(&c->wts);
  lb_status_t st = emit_impl(c, m, name, outdir);
  for (int32_t i = 0; i < c->rep->nlayers; ++i) lb_strbuf_free(&c->cfg[i]);
  lb_strbuf_free(&c->top);
  lb_strbuf_free(&c->wts);
  free(c);
  free(own);
  return st;
}
