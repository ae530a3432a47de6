/* The quantization report (see report.h). */
#include "passes/report.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "interp/interp.h"
#include "ir/lb_op.h"
#include "ir/lb_specialize.h"
#include "support/names.h"

/* One run's view of the layers: op index -> layer, and the captured or
 * compared outputs. */
typedef struct {
  lb_report_t *r;
  int32_t *layer_of_op; /* per op index of this module: layer or -1 */
  float **ref;          /* float run: a copy of each layer's output */
  int64_t *ref_n;
  double *num, *den;    /* quantized run: sum (q - f)^2, sum f^2 */
  bool compare;
} lb_report_run_t;

static void lb_report_observe(void *user, const lb_plan_t *plan, const lb_plan_step_t *step, const void *out) {
  lb_report_run_t *u = user;
  if (step->op_index < 0 || step->op_index >= plan->nops) return;
  int32_t l = u->layer_of_op[step->op_index], res = plan->op_results[step->op_index];
  if (l < 0 || res < 0 || lb_plan_root(plan, step->out) != lb_plan_root(plan, res)) return;
  const lb_plan_tensor_t *t = &plan->tensors[lb_plan_root(plan, res)];
  if (t->dtype != LB_DT_F32) return;
  int64_t n = t->nbytes / 4;
  const float *y = out;
  if (!u->compare) {
    free(u->ref[l]);
    u->ref[l] = malloc(sizeof(float) * (size_t)(n ? n : 1));
    if (u->ref[l]) memcpy(u->ref[l], y, sizeof(float) * (size_t)n);
    u->ref_n[l] = u->ref[l] ? n : 0;
    return;
  }
  if (u->ref_n[l] != n) return;
  for (int64_t i = 0; i < n; ++i) {
    double d = (double)y[i] - u->ref[l][i];
    u->num[l] += d * d;
    u->den[l] += (double)u->ref[l][i] * u->ref[l][i];
  }
}

/* The layer named `name`, or -1. */
static int32_t lb_layer_index(const lb_report_t *r, const char *name) {
  for (int32_t i = 0; i < r->nlayers; ++i)
    if (!strcmp(r->layers[i].name, name)) return i;
  return -1;
}

/* The dequantized operand's code dtype and parameter count, if v is a
 * dequantize. */
static bool lb_dequantized(MlirValue v, lb_dtype_t *dt, int64_t *nscales) {
  MlirOperation d = lb_value_def(v);
  if (mlirOperationIsNull(d) || lb_op_get_kind(d) != LB_OP_DEQUANTIZE) return false;
  *dt = lb_value_dtype(mlirOperationGetOperand(d, 0));
  *nscales = lb_value_count(mlirOperationGetOperand(d, 1));
  return true;
}

/* The layers of the quantized module: every QUANTIZABLE op with a name. */
int32_t lb_storage_bits(const lb_report_layer_t *l, int32_t bits) {
  if (bits <= 0) return 32;
  bool conv = strcmp(l->op, "lb.conv2d") == 0;
  if (bits >= 8) return 8;
  if (conv && (l->act_bits == 0 || l->act_bits > 8 || l->act_token || l->weight_group > 0)) return 8; /* float */
  if (conv) return 4;                            /* the implicit-GEMM conv kernels: 4-bit packing */
  if (l->act_bits == 0 || l->act_token || l->weight_group > 0) return bits <= 2 ? 2 : bits <= 4 ? 4 : 8; /* nbits */
  if (l->act_bits > 8) return 8;                 /* simulated in float on int8 codes */
  return bits <= 4 ? bits : 8;                   /* the integer kernels: 2-, 3- and 4-bit packing */
}

/* "channel", "tensor" or "group:G" into buf. */
static const char *lb_granularity(const lb_report_layer_t *l, char *buf, size_t n) {
  if (l->weight_group > 0) snprintf(buf, n, "group:%lld", (long long)l->weight_group);
  else snprintf(buf, n, "%s", l->weight_scales > 1 ? "channel" : "tensor");
  return buf;
}

/* The activation width as text: "f" for float. */
static const char *lb_act_text(const lb_report_layer_t *l, char *buf, size_t n) {
  if (l->act_bits) snprintf(buf, n, "%d%s", l->act_bits, l->act_token ? "/tok" : "");
  else snprintf(buf, n, "f");
  return buf;
}

static lb_status_t lb_collect_layers(MlirModule qm, lb_report_t *r) {
  MlirOperation func = lb_module_get_func(qm);
  int32_t cap = 0;
  for (MlirOperation op = mlirBlockGetFirstOperation(lb_func_get_body(func)); !mlirOperationIsNull(op);
       op = mlirOperationGetNextInBlock(op)) {
    const lb_op_desc_t *d = lb_op_desc(op);
    lb_quant_operands_t qo;
    char name[128];
    if (!d || !lb_op_has_traits(op, LB_TRAIT_QUANTIZABLE) || !d->quant_operands || !d->quant_operands(op, &qo) ||
        mlirOperationGetAttributeByName(op, mlirStringRefCreateFromCString(LB_ATTR_NO_QUANT)).ptr ||
        !lb_location_name(mlirOperationGetLocation(op), name, sizeof name) || lb_layer_index(r, name) >= 0)
      continue;
    if (r->nlayers == cap) {
      cap = cap ? cap * 2 : 16;
      lb_report_layer_t *g = realloc(r->layers, sizeof *g * (size_t)cap);
      if (!g) return LB_ERROR(LB_STATUS_RESOURCE_EXHAUSTED, "out of memory");
      r->layers = g;
    }
    lb_report_layer_t *l = &r->layers[r->nlayers++];
    memset(l, 0, sizeof *l);
    snprintf(l->name, sizeof l->name, "%s", name);
    snprintf(l->op, sizeof l->op, "%s", lb_op_kind_name(lb_op_get_kind(op)));
    MlirValue w = mlirOperationGetOperand(op, qo.weight);
    lb_type_get_shape(mlirValueGetType(w), &l->weight_rank, l->weight_dims);
    int64_t count = lb_value_count(w);
    {
      /* per sample: every weight once per output position (the result's
       * elements past dim 0, over its channels) */
      int32_t yr;
      int64_t yd[LB_MAX_RANK], per = 1;
      l->macs = lb_type_get_shape(mlirValueGetType(mlirOperationGetResult(op, 0)), &yr, yd) && qo.nout > 0 && count > 0 ? 0 : -1;
      for (int32_t d = 1; l->macs == 0 && d < yr; ++d) per = yd[d] == LB_DYN ? -1 : per < 0 ? -1 : per * yd[d];
      if (l->macs == 0) l->macs = per > 0 && yr >= 2 ? count * (per / qo.nout) : yr < 2 ? count : -1;
    }
    lb_dtype_t wdt, adt;
    int64_t ns, nas;
    if (lb_dequantized(w, &wdt, &ns)) {
      l->weight_bits = (int32_t)lb_dtype_bits(wdt);
      /* 0: float activations (weight-only) */
      MlirValue in = mlirOperationGetOperand(op, qo.input);
      MlirOperation indef = lb_value_def(in);
      l->act_bits = lb_dequantized(in, &adt, &nas) ? (int32_t)lb_dtype_bits(adt) : 0;
      if (!mlirOperationIsNull(indef) && lb_op_get_kind(indef) == LB_OP_QUANTIZE_ROWS) {
        l->act_bits = (int32_t)lb_op_get_int(indef, "bits", 0);
        l->act_token = true;
      }
      l->weight_group = lb_op_get_int(lb_value_def(w), LB_ATTR_BLOCK_SIZE, 0);
      l->weight_scales = ns;
      /* as the generated code stores the codes: convolutions in 8-bit
       * containers, matmul and gemm packed in 2-, 4- or 8-bit ones */
      l->weight_bytes = (count * lb_storage_bits(l, l->weight_bits) + 7) / 8;
    } else {
      l->weight_bytes = count * 4;
    }
    r->float_bytes += count * 4;
    r->quant_bytes += l->weight_bytes;
  }
  return LB_OK;
}

/* Clones m, gives it the run batch (the calibration batch, or the model's
 * own static batch, which the data is then run through in chunks of) and
 * builds its plan; *ordered gets the inputs in graph order, *chunk the run
 * batch. */
static lb_status_t lb_report_plan(MlirModule m, const char *const *names, const lb_tensor_t *data, int32_t ndata,
                                  MlirModule *clone, lb_plan_t *plan, const lb_tensor_t **ordered, int64_t *chunk) {
  MlirOperation func = lb_module_get_func(m);
  MlirBlock body = lb_func_get_body(func);
  intptr_t nargs = mlirBlockGetNumArguments(body);
  for (intptr_t i = 0; i < nargs; ++i) {
    char n[1024];
    lb_func_input_name(func, i, n, sizeof n);
    ordered[i] = NULL;
    for (int32_t j = 0; j < ndata; ++j)
      if (!strcmp(names[j], n)) ordered[i] = &data[j];
    if (!ordered[i]) return LB_ERROR(LB_STATUS_INVALID_ARGUMENT, "no calibration data for graph input '%s'", n);
    if (ordered[i]->dtype != LB_DT_F32 || ordered[i]->rank == 0)
      return LB_ERROR(LB_STATUS_INVALID_ARGUMENT, "calibration data for '%s' must be float32 with a sample dim", n);
  }
  int64_t total = nargs ? ordered[0]->dims[0] : 1, d0[LB_MAX_RANK];
  int32_t r0;
  *chunk = total;
  if (nargs && lb_type_get_shape(mlirValueGetType(mlirBlockGetArgument(body, 0)), &r0, d0) && r0 > 0 && d0[0] != LB_DYN)
    *chunk = d0[0];
  if (*chunk <= 0 || total % *chunk != 0)
    return LB_ERROR(LB_STATUS_INVALID_ARGUMENT, "calibration batch %lld is not a multiple of the model batch %lld",
                    (long long)total, (long long)*chunk);
  for (intptr_t i = 1; i < nargs; ++i)
    if (ordered[i]->dims[0] != total)
      return LB_ERROR(LB_STATUS_INVALID_ARGUMENT, "calibration data: every input needs the same number of samples");
  *clone = mlirModuleFromOperation(mlirOperationClone(mlirModuleGetOperation(m)));
  lb_specialize_opts_t so = {.batch = *chunk, .require_static = true};
  LB_RETURN_IF_ERROR(lb_module_specialize(*clone, &so));
  return lb_plan_build(*clone, plan);
}

static void lb_map_layers(MlirModule m, const lb_report_t *r, int32_t *layer_of_op, int32_t nops) {
  int32_t idx = 0;
  for (MlirOperation op = mlirBlockGetFirstOperation(lb_func_get_body(lb_module_get_func(m)));
       !mlirOperationIsNull(op) && idx < nops; op = mlirOperationGetNextInBlock(op), ++idx) {
    char name[128];
    layer_of_op[idx] = -1;
    if (lb_op_has_traits(op, LB_TRAIT_QUANTIZABLE) && lb_location_name(mlirOperationGetLocation(op), name, sizeof name))
      layer_of_op[idx] = lb_layer_index(r, name);
  }
}

lb_status_t lb_quant_report(MlirModule float_module, MlirModule quant_module, const char *const *names,
                            const lb_tensor_t *data, int32_t ndata, lb_report_t *r) {
  memset(r, 0, sizeof *r);
  LB_RETURN_IF_ERROR(lb_collect_layers(quant_module, r));
  MlirModule fm = {NULL}, qm = {NULL};
  lb_plan_t fp, qp;
  memset(&fp, 0, sizeof fp);
  memset(&qp, 0, sizeof qp);
  const lb_tensor_t *fin[64], *qin[64];
  lb_tensor_t fi[64], qi[64], fo[64], qo[64];
  memset(fo, 0, sizeof fo);
  memset(qo, 0, sizeof qo);
  int32_t n = r->nlayers ? r->nlayers : 1;
  lb_report_run_t u = {r, NULL, calloc((size_t)n, sizeof(float *)), calloc((size_t)n, sizeof(int64_t)),
                       calloc((size_t)n, sizeof(double)), calloc((size_t)n, sizeof(double)), false};
  lb_status_t st = u.ref && u.ref_n && u.num && u.den ? LB_OK : LB_ERROR(LB_STATUS_RESOURCE_EXHAUSTED, "out of memory");
  if (!st && mlirBlockGetNumArguments(lb_func_get_body(lb_module_get_func(float_module))) > 64)
    st = LB_ERROR(LB_STATUS_UNIMPLEMENTED, "more than 64 graph inputs");
  int64_t fchunk = 0, qchunk = 0;
  if (!st) st = lb_report_plan(float_module, names, data, ndata, &fm, &fp, fin, &fchunk);
  if (!st) st = lb_report_plan(quant_module, names, data, ndata, &qm, &qp, qin, &qchunk);
  if (!st && fchunk != qchunk) st = LB_ERROR(LB_STATUS_INTERNAL, "the float and quantized models' batches differ");
  if (!st && fp.noutputs > 64) st = LB_ERROR(LB_STATUS_UNIMPLEMENTED, "more than 64 graph outputs");
  int32_t *flo = NULL, *qlo = NULL;
  if (!st) {
    flo = malloc(sizeof(int32_t) * (size_t)(fp.nops + 1));
    qlo = malloc(sizeof(int32_t) * (size_t)(qp.nops + 1));
    if (!flo || !qlo) st = LB_ERROR(LB_STATUS_RESOURCE_EXHAUSTED, "out of memory");
  }
  if (!st) {
    lb_map_layers(fm, r, flo, fp.nops);
    lb_map_layers(qm, r, qlo, qp.nops);
  }
  /* chunk by chunk of the model's batch: the float run captures each
   * layer's output, the quantized run compares with it */
  double num = 0, den = 0;
  int64_t nchunks = st || !fp.ninputs ? 1 : fin[0]->dims[0] / fchunk;
  for (int64_t c = 0; !st && c < nchunks; ++c) {
    for (int32_t i = 0; i < fp.ninputs; ++i) {
      fi[i] = *fin[i], qi[i] = *qin[i];
      fi[i].borrowed = qi[i].borrowed = 1;
      fi[i].dims[0] = qi[i].dims[0] = fchunk;
      int64_t per = lb_tensor_count(fin[i]) / fin[i]->dims[0] * fchunk * 4;
      fi[i].data = (char *)fin[i]->data + c * per;
      qi[i].data = (char *)qin[i]->data + c * per;
    }
    u.layer_of_op = flo;
    u.compare = false;
    st = lb_interp_run(&fp, fi, fo, lb_report_observe, &u);
    if (!st) {
      u.layer_of_op = qlo;
      u.compare = true;
      st = lb_interp_run(&qp, qi, qo, lb_report_observe, &u);
    }
    for (int32_t k = 0; !st && k < fp.noutputs && k < qp.noutputs; ++k) {
      int64_t cnt = lb_tensor_count(&fo[k]);
      if (fo[k].dtype != LB_DT_F32 || qo[k].dtype != LB_DT_F32 || lb_tensor_count(&qo[k]) != cnt) continue;
      const float *a = fo[k].data, *b = qo[k].data;
      for (int64_t i = 0; i < cnt; ++i) num += ((double)b[i] - a[i]) * ((double)b[i] - a[i]), den += (double)a[i] * a[i];
    }
    for (int32_t k = 0; k < 64; ++k) {
      lb_tensor_free(&fo[k]);
      lb_tensor_free(&qo[k]);
    }
  }
  u.layer_of_op = NULL;
  free(flo);
  free(qlo);
  if (!st) {
    r->output_error = den > 0 ? sqrt(num / den) : 0;
    for (int32_t l = 0; l < r->nlayers; ++l) r->layers[l].error = u.den[l] > 0 ? sqrt(u.num[l] / u.den[l]) : 0;
  }
  for (int32_t k = 0; k < 64; ++k) {
    lb_tensor_free(&fo[k]);
    lb_tensor_free(&qo[k]);
  }
  for (int32_t l = 0; u.ref && l < n; ++l) free(u.ref[l]);
  free(u.ref);
  free(u.ref_n);
  free(u.num);
  free(u.den);
  free(u.layer_of_op);
  lb_plan_free(&fp);
  lb_plan_free(&qp);
  if (!mlirModuleIsNull(fm)) mlirModuleDestroy(fm);
  if (!mlirModuleIsNull(qm)) mlirModuleDestroy(qm);
  if (st) lb_report_free(r);
  return st;
}

static void lb_shape_text(const lb_report_layer_t *l, char *buf, size_t n) {
  size_t at = 0;
  buf[0] = 0;
  for (int32_t i = 0; i < l->weight_rank && at + 24 < n; ++i)
    at += (size_t)snprintf(buf + at, n - at, "%s%lld", i ? "x" : "", (long long)l->weight_dims[i]);
}

void lb_report_print_table(const lb_report_t *r, FILE *f) {
  fprintf(f, "%-24s %-10s %-16s %6s %5s %-12s %12s %10s%s\n", "layer", "op", "weight", "w bits", "a bits",
          "granularity", "weight bytes", "error", r->has_sensitivity ? " sensitivity" : "");
  for (int32_t i = 0; i < r->nlayers; ++i) {
    const lb_report_layer_t *l = &r->layers[i];
    char shape[96], name[128];
    lb_shape_text(l, shape, sizeof shape);
    snprintf(name, sizeof name, "%s", l->name);
    for (char *c = name; *c; ++c)
      if ((unsigned char)*c < 0x20) *c = '?'; /* names come from the model: no control characters on the terminal */
    char g[32], ab[8];
    if (l->weight_bits)
      fprintf(f, "%-24s %-10s %-16s %6d %5s %-12s %12lld %10.4f", name, l->op, shape, l->weight_bits,
              lb_act_text(l, ab, sizeof ab), lb_granularity(l, g, sizeof g), (long long)l->weight_bytes, l->error);
    else
      fprintf(f, "%-24s %-10s %-16s %6s %5s %-12s %12lld %10.4f", name, l->op, shape, "float", "float", "-",
              (long long)l->weight_bytes, l->error);
    if (r->has_sensitivity) fprintf(f, " %11.4f", l->sensitivity);
    fputc('\n', f);
  }
  fprintf(f, "output error %.4f (||y_q - y|| / ||y|| over the calibration data); weight bytes %lld (float %lld, %.3fx)\n",
          r->output_error, (long long)r->quant_bytes, (long long)r->float_bytes,
          r->float_bytes ? (double)r->quant_bytes / (double)r->float_bytes : 0.0);
}

/* A JSON number, or null for NaN / infinity (not JSON). */
static void lb_json_num(lb_strbuf_t *out, double v) {
  if (isfinite(v)) lb_strbuf_printf(out, "%.6g", v);
  else lb_strbuf_puts(out, "null");
}

static void lb_pareto_json(const lb_report_t *r, lb_strbuf_t *out) {
  lb_strbuf_puts(out, ",\n \"pareto\": [");
  for (int32_t i = 0; i < r->npareto; ++i) {
    const lb_pareto_point_t *p = &r->pareto[i];
    lb_strbuf_printf(out, "%s{\"avg_bits\": %.4f, \"weight_bytes\": %lld, \"error\": ", i ? ", " : "", p->avg_bits,
                     (long long)p->weight_bytes);
    lb_json_num(out, p->error);
    if (p->uniform_bits) lb_strbuf_printf(out, ", \"uniform_bits\": %d", p->uniform_bits);
    else lb_strbuf_puts(out, ", \"uniform_bits\": null");
    lb_strbuf_printf(out, ", \"chosen\": %s}", p->chosen ? "true" : "false");
  }
  lb_strbuf_puts(out, "]");
}

lb_status_t lb_report_write_json(const lb_report_t *r, lb_strbuf_t *out) {
  lb_strbuf_puts(out, "{\"output_error\": ");
  lb_json_num(out, r->output_error);
  lb_strbuf_printf(out, ", \"float_weight_bytes\": %lld, \"weight_bytes\": %lld, \"layers\": [", (long long)r->float_bytes,
                   (long long)r->quant_bytes);
  for (int32_t i = 0; i < r->nlayers; ++i) {
    const lb_report_layer_t *l = &r->layers[i];
    lb_strbuf_puts(out, i ? ",\n  {\"name\": \"" : "\n  {\"name\": \"");
    for (const char *c = l->name; *c; ++c) {
      unsigned char ch = (unsigned char)*c;
      if (ch == '"' || ch == '\\') lb_strbuf_printf(out, "\\%c", ch);
      else if (ch < 0x20) lb_strbuf_printf(out, "\\u%04x", ch);
      else lb_strbuf_printf(out, "%c", ch);
    }
    lb_strbuf_printf(out, "\", \"op\": \"%s\", \"weight_shape\": [", l->op);
    for (int32_t d = 0; d < l->weight_rank; ++d) lb_strbuf_printf(out, "%s%lld", d ? ", " : "", (long long)l->weight_dims[d]);
    char g[32];
    if (l->weight_bits && l->act_bits)
      lb_strbuf_printf(out, "], \"weight_bits\": %d, \"act_bits\": %d, \"granularity\": \"%s\", \"act_granularity\": \"%s\"",
                       l->weight_bits, l->act_bits, lb_granularity(l, g, sizeof g), l->act_token ? "token" : "tensor");
    else if (l->weight_bits)
      lb_strbuf_printf(out, "], \"weight_bits\": %d, \"act_bits\": null, \"granularity\": \"%s\", \"act_granularity\": null",
                       l->weight_bits, lb_granularity(l, g, sizeof g));
    else lb_strbuf_puts(out, "], \"weight_bits\": null, \"act_bits\": null, \"granularity\": null, \"act_granularity\": null");
    lb_strbuf_printf(out, ", \"weight_bytes\": %lld, \"error\": ", (long long)l->weight_bytes);
    lb_json_num(out, l->error);
    lb_strbuf_puts(out, ", \"sensitivity\": ");
    lb_json_num(out, r->has_sensitivity ? l->sensitivity : NAN);
    lb_strbuf_puts(out, "}");
  }
  lb_strbuf_puts(out, "\n]");
  if (r->npareto > 0) lb_pareto_json(r, out);
  lb_strbuf_puts(out, "}\n");
  return lb_strbuf_status(out);
}

/* Text for SVG/XML: the five special characters escaped, control
 * characters dropped. */
static void lb_xml_text(lb_strbuf_t *out, const char *s) {
  for (; *s; ++s) {
    unsigned char c = (unsigned char)*s;
    if (c == '<') lb_strbuf_puts(out, "&lt;");
    else if (c == '>') lb_strbuf_puts(out, "&gt;");
    else if (c == '&') lb_strbuf_puts(out, "&amp;");
    else if (c == '"') lb_strbuf_puts(out, "&quot;");
    else if (c == '\'') lb_strbuf_puts(out, "&apos;");
    else if (c >= 0x20) lb_strbuf_printf(out, "%c", c);
  }
}

/* The Pareto panel, from y = top (PARETO_H high, `w` wide). */
#define LB_PARETO_H 340
static void lb_pareto_svg(const lb_report_t *r, int top, int w, lb_strbuf_t *out) {
  const int x0 = 90, y0 = top + 70, pw = w - 160, ph = LB_PARETO_H - 130;
  double bmin = 1e300, bmax = 0, emax = 0;
  for (int32_t i = 0; i < r->npareto; ++i) {
    const lb_pareto_point_t *p = &r->pareto[i];
    bmin = fmin(bmin, (double)p->weight_bytes);
    bmax = fmax(bmax, (double)p->weight_bytes);
    if (isfinite(p->error)) emax = fmax(emax, p->error);
  }
  if (!(bmax > bmin)) bmax = bmin + 1;
  if (!(emax > 0)) emax = 1;
#define LB_PX(b) (x0 + pw * (((double)(b)) - bmin) / (bmax - bmin))
#define LB_PY(e) (y0 + ph - ph * (isfinite(e) ? (e) : emax) / emax)
  lb_strbuf_printf(out,
                   "<text x=\"10\" y=\"%d\" font-size=\"14\">Bit allocation: the graph output's error against "
                   "weight bytes</text>\n<text x=\"10\" y=\"%d\" fill=\"#555\">blue line: the allocator's plans at "
                   "budgets from 2 bits up (by measured error); orange squares: every layer at one width</text>\n"
                   "<text x=\"10\" y=\"%d\" fill=\"#555\">ringed: the plan of --bits-budget</text>\n",
                   top + 14, top + 32, top + 48);
  lb_strbuf_printf(out,
                   "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#999\"/>\n<line x1=\"%d\" y1=\"%d\" "
                   "x2=\"%d\" y2=\"%d\" stroke=\"#999\"/>\n",
                   x0, y0 + ph, x0 + pw, y0 + ph, x0, y0, x0, y0 + ph);
  lb_strbuf_printf(out, "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\" fill=\"#555\">weight bytes (%lld to %lld)</text>\n",
                   x0 + pw / 2, y0 + ph + 34, (long long)bmin, (long long)bmax);
  lb_strbuf_printf(out, "<text x=\"%d\" y=\"%d\" text-anchor=\"end\" font-size=\"10\">%.4f</text>\n"
                        "<text x=\"%d\" y=\"%d\" text-anchor=\"end\" font-size=\"10\">0</text>\n",
                   x0 - 4, y0 + 4, emax, x0 - 4, y0 + ph);
  for (int32_t i = 0; i < r->npareto; ++i) {
    const lb_pareto_point_t *p = &r->pareto[i];
    if (p->uniform_bits) /* ticks at the uniform widths */
      lb_strbuf_printf(out, "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\" font-size=\"9\" fill=\"#555\">%lld</text>\n",
                       LB_PX(p->weight_bytes), y0 + ph + 14, (long long)p->weight_bytes);
  }
  /* the allocator's plans, by size */
  lb_strbuf_puts(out, "<polyline fill=\"none\" stroke=\"#3b6fb6\" stroke-width=\"2\" points=\"");
  for (int32_t i = 0; i < r->npareto; ++i)
    if (!r->pareto[i].uniform_bits)
      lb_strbuf_printf(out, "%.1f,%.1f ", LB_PX(r->pareto[i].weight_bytes), LB_PY(r->pareto[i].error));
  lb_strbuf_puts(out, "\"/>\n");
  for (int32_t i = 0; i < r->npareto; ++i) {
    const lb_pareto_point_t *p = &r->pareto[i];
    double x = LB_PX(p->weight_bytes), y = LB_PY(p->error);
    if (p->uniform_bits) {
      lb_strbuf_printf(out,
                       "<rect x=\"%.1f\" y=\"%.1f\" width=\"8\" height=\"8\" fill=\"#e08a2c\"/>\n<text x=\"%.1f\" "
                       "y=\"%.1f\" font-size=\"10\">W%d %.4f</text>\n",
                       x - 4, y - 4, x + 6, y - 6, p->uniform_bits, p->error);
    } else {
      lb_strbuf_printf(out, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"3\" fill=\"#3b6fb6\"/>\n", x, y);
    }
    if (p->chosen)
      lb_strbuf_printf(out,
                       "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"8\" fill=\"none\" stroke=\"#c0392b\" stroke-width=\"2\"/>\n"
                       "<text x=\"%.1f\" y=\"%.1f\" font-size=\"10\" fill=\"#c0392b\">%.2f bits, %.4f</text>\n",
                       x, y, x + 10, y + 14, p->avg_bits, p->error);
  }
#undef LB_PX
#undef LB_PY
}

lb_status_t lb_report_write_svg(const lb_report_t *r, const char *title, lb_strbuf_t *out) {
  const int row = 34, left = 200, width = 380, top = 76, right = 200;
  int h = top + row * (r->nlayers + 1) + 40;
  int total_h = h + (r->npareto > 0 ? LB_PARETO_H : 0);
  double mx = r->output_error;
  for (int32_t i = 0; i < r->nlayers; ++i) {
    if (r->layers[i].error > mx) mx = r->layers[i].error;
    if (r->has_sensitivity && r->layers[i].sensitivity > mx) mx = r->layers[i].sensitivity;
  }
  if (!(mx > 0)) mx = 1;
  lb_strbuf_printf(out,
                   "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" font-family=\"sans-serif\" "
                   "font-size=\"12\">\n<rect width=\"100%%\" height=\"100%%\" fill=\"white\"/>\n<text x=\"10\" y=\"22\" "
                   "font-size=\"15\">",
                   left + width + right, total_h);
  lb_xml_text(out, title);
  lb_strbuf_printf(out,
                   "</text>\n<text x=\"10\" y=\"42\" fill=\"#555\">blue: error of each layer's output vs float, "
                   "||y_q - y|| / ||y|| on the calibration data; right: weight and activation bits</text>\n%s",
                   r->has_sensitivity ? "<text x=\"10\" y=\"58\" fill=\"#555\">orange: sensitivity, the graph output's "
                                        "error with that layer alone quantized</text>\n"
                                      : "");
  for (int32_t i = 0; i <= r->nlayers; ++i) {
    const lb_report_layer_t *l = i < r->nlayers ? &r->layers[i] : NULL;
    int y = top + row * i;
    double e = l ? l->error : r->output_error;
    lb_strbuf_printf(out, "<text x=\"%d\" y=\"%d\" text-anchor=\"end\">", left - 8, y + 16);
    if (l) lb_xml_text(out, l->name);
    else lb_strbuf_puts(out, "graph output");
    lb_strbuf_printf(out, "</text>\n<rect x=\"%d\" y=\"%d\" width=\"%.1f\" height=\"12\" fill=\"#3b6fb6\"/>\n", left,
                     y + 4, width * e / mx);
    lb_strbuf_printf(out, "<text x=\"%.1f\" y=\"%d\" font-size=\"10\">%.4f</text>\n", left + width * e / mx + 4, y + 14, e);
    if (l && r->has_sensitivity)
      lb_strbuf_printf(out, "<rect x=\"%d\" y=\"%d\" width=\"%.1f\" height=\"10\" fill=\"#e08a2c\"/>\n", left, y + 18,
                       width * l->sensitivity / mx);
    if (l) {
      char g[32], ab[8];
      if (l->weight_bits)
        lb_strbuf_printf(out, "<text x=\"%d\" y=\"%d\">w%d a%s %s</text>\n", left + width + 70, y + 16, l->weight_bits,
                         lb_act_text(l, ab, sizeof ab), lb_granularity(l, g, sizeof g));
      else lb_strbuf_printf(out, "<text x=\"%d\" y=\"%d\">float</text>\n", left + width + 70, y + 16);
    }
  }
  lb_strbuf_printf(out, "<text x=\"10\" y=\"%d\" fill=\"#555\">weight bytes %lld (float %lld)</text>\n", h - 14,
                   (long long)r->quant_bytes, (long long)r->float_bytes);
  if (r->npareto > 0) lb_pareto_svg(r, h, left + width + right, out);
  lb_strbuf_puts(out, "</svg>\n");
  return lb_strbuf_status(out);
}

void lb_report_free(lb_report_t *r) {
  free(r->layers);
  memset(r, 0, sizeof *r);
}
