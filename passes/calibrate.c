/* lb-calibrate: activation calibration with the reference interpreter:
 * min/max, and with method=percentile:P or mse ranges clipped from
 * histograms of a second run (calibrate.h).
 *
 * The module is cloned, the clone specialized to the calibration batch (or
 * run in chunks of its static batch), lowered to a plan and executed. An
 * observer records min/max of every float tensor a step produces, keyed by
 * the tensor that owns the storage; each op's range is then the range of
 * its result's storage, so ops the plan turns into aliases (reshape,
 * flatten) get the range of the data they view, and constants the range of
 * their values. Ranges land on the original ops as lb.range and on the
 * function as lb.arg_ranges.
 *
 * The first run also averages the input of every matmul, gemm and conv2d
 * with a constant weight over the calibration samples: over all leading
 * dims for a matmul or gemm (one mean per input feature), over the batch
 * for a conv2d (one per input channel and position, so that lb-quantize can
 * take the zero padding into account), and the mean of its square the same
 * way. They land on the layer as lb.input_mean and lb.input_sqmean, for
 * lb-quantize's bias correction and activation-weighted weight clipping. */
#include <float.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "interp/interp.h"
#include "ir/lb_op.h"
#include "ir/lb_specialize.h"
#include "passes/calibrate.h"
#include "support/mapping.h"
#include "support/npy.h"

#define LB_CALIB_BINS 1024

typedef struct {
  float *lo, *hi;  /* per plan tensor */
  uint32_t *hist;  /* second run: LB_CALIB_BINS per plan tensor over [lo, hi], or NULL */
  /* first run, per plan tensor: sums of a layer input's trailing `keep`
   * values over its leading dims (NULL where no layer needs a mean), the
   * number of rows summed, and the op index whose step writes the tensor
   * (-1 for a graph input) */
  double **sum, **sq;
  int64_t *keep, *rows;
  int32_t *writer;
} lb_calib_obs_t;

static void lb_mean_update(lb_calib_obs_t *o, int32_t r, const float *d, int64_t n) {
  double *s = o->sum[r], *q = o->sq[r];
  int64_t keep = o->keep[r];
  for (int64_t row = 0; row + keep <= n; row += keep)
    for (int64_t j = 0; j < keep; ++j) {
      double v = d[row + j];
      s[j] += v;
      q[j] += v * v;
    }
  o->rows[r] += n / keep;
}

static void lb_hist_update(uint32_t *h, float lo, float hi, const float *d, int64_t n) {
  if (!(hi > lo) || !isfinite((double)hi - (double)lo)) return;
  double scale = LB_CALIB_BINS / ((double)hi - (double)lo);
  for (int64_t i = 0; i < n; ++i) {
    double x = ((double)d[i] - lo) * scale; /* NaN (a non-finite intermediate value) is left out */
    if (!(x == x)) continue;
    int64_t b = x < 0 ? 0 : x >= LB_CALIB_BINS ? LB_CALIB_BINS - 1 : (int64_t)x;
    h[b]++;
  }
}

static void lb_range_update(float *lo, float *hi, const float *d, int64_t n) {
  float l = *lo, h = *hi;
  for (int64_t i = 0; i < n; ++i) {
    if (d[i] < l) l = d[i];
    if (d[i] > h) h = d[i];
  }
  *lo = l;
  *hi = h;
}

static void lb_calib_observe(void *user, const lb_plan_t *plan, const lb_plan_step_t *step, const void *out) {
  lb_calib_obs_t *o = user;
  int32_t r = lb_plan_root(plan, step->out);
  const lb_plan_tensor_t *t = &plan->tensors[r];
  if (t->dtype != LB_DT_F32) return;
  if (o->hist) lb_hist_update(o->hist + (size_t)r * LB_CALIB_BINS, o->lo[r], o->hi[r], out, t->nbytes / 4);
  else lb_range_update(&o->lo[r], &o->hi[r], out, t->nbytes / 4);
  if (!o->hist && o->sum && o->sum[r] && o->writer[r] == step->op_index) lb_mean_update(o, r, out, t->nbytes / 4);
}

/* The clipped range of one tensor from its histogram (see calibrate.h). */
static void lb_clip_range(const uint32_t *h, const lb_calib_method_t *m, float *lo, float *hi) {
  double l = *lo, w = ((double)*hi - l) / LB_CALIB_BINS, n = 0;
  for (int b = 0; b < LB_CALIB_BINS; ++b) n += h[b];
  if (!(n > 0) || !(w > 0)) return;
  if (m->kind == LB_CALIB_PERCENTILE) {
    double tail = n * (1.0 - m->percentile / 100.0), c = 0;
    int blo = 0, bhi = LB_CALIB_BINS - 1;
    for (c = 0; blo < LB_CALIB_BINS - 1 && c + h[blo] <= tail; ++blo) c += h[blo];
    for (c = 0; bhi > blo && c + h[bhi] <= tail; --bhi) c += h[bhi];
    *lo = (float)(l + blo * w);
    *hi = (float)(l + (bhi + 1) * w);
    return;
  }
  double best = -1, br = 1, qn = (double)((1u << m->bits) - 1);
  for (int step = 0; step <= 70; ++step) {
    double r = 1.0 - 0.01 * step, a = *lo * r, z = *hi * r;
    double q = ((z > 0 ? z : 0) - (a < 0 ? a : 0)) / qn, err = 0;
    for (int b = 0; b < LB_CALIB_BINS; ++b) {
      if (!h[b]) continue;
      double v = l + (b + 0.5) * w, e = v < a ? a - v : v > z ? v - z : 0;
      err += h[b] * (e > 0 ? e * e : q * q / 12);
    }
    if (best < 0 || err < best) {
      best = err;
      br = r;
    }
  }
  *lo = (float)(*lo * br);
  *hi = (float)(*hi * br);
}

lb_status_t lb_calib_method_parse(const char *text, int bits, lb_calib_method_t *m) {
  memset(m, 0, sizeof *m);
  m->bits = bits;
  if (!strcmp(text, "minmax")) return LB_OK;
  if (!strcmp(text, "mse")) {
    m->kind = LB_CALIB_MSE;
    return bits >= 2 && bits <= 16 ? LB_OK : LB_ERROR(LB_STATUS_INVALID_ARGUMENT, "mse needs bits in 2..16, got %d", bits);
  }
  char *end;
  if (!strncmp(text, "percentile:", 11)) {
    m->kind = LB_CALIB_PERCENTILE;
    m->percentile = strtod(text + 11, &end);
    if (end != text + 11 && !*end && m->percentile > 50 && m->percentile <= 100) return LB_OK;
  }
  return LB_ERROR(LB_STATUS_INVALID_ARGUMENT, "method must be minmax, percentile:P (50 < P <= 100) or mse, got '%s'", text);
}

lb_status_t lb_calibrate(MlirModule module, const char *const *names, const lb_tensor_t *data, int32_t ndata) {
  lb_calib_method_t m = {LB_CALIB_MINMAX, 0, 8};
  return lb_calibrate_with(module, names, data, ndata, &m);
}

/* One calibration run over a module: the inputs checked and ordered like
 * the graph's, a clone specialized to the chunk batch, its plan. */
typedef struct lb_calib_run_s {
  MlirOperation func;
  const lb_tensor_t **byarg;
  int64_t total, chunk;
  MlirModule clone;
  lb_plan_t plan;
  lb_tensor_t *chunk_in, *outs;
} lb_calib_run_t;

static void lb_calib_close(lb_calib_run_t *r) {
  free(r->outs);
  free(r->chunk_in);
  lb_plan_free(&r->plan);
  if (r->clone.ptr) mlirModuleDestroy(r->clone);
  free(r->byarg);
  memset(r, 0, sizeof *r);
}

static lb_status_t lb_calib_open(MlirModule module, const char *const *names, const lb_tensor_t *data, int32_t ndata,
                                 lb_calib_run_t *r) {
  memset(r, 0, sizeof *r);
  MlirOperation func = lb_module_get_func(module);
  if (mlirOperationIsNull(func)) return LB_ERROR(LB_STATUS_INVALID_ARGUMENT, "module has no function with a body");
  r->func = func;
  MlirBlock body = lb_func_get_body(func);
  intptr_t nargs = mlirBlockGetNumArguments(body);
  if (nargs == 0) return LB_ERROR(LB_STATUS_INVALID_ARGUMENT, "the model has no inputs to calibrate");
  /* order calibration tensors like the graph inputs */
  const lb_tensor_t **byarg = r->byarg = calloc((size_t)nargs + 1, sizeof *byarg);
  if (!byarg) return LB_ERROR(LB_STATUS_RESOURCE_EXHAUSTED, "out of memory");
  lb_status_t st = LB_OK;
  for (int32_t j = 0; j < ndata && !st; ++j) {
    intptr_t found = -1;
    for (intptr_t i = 0; i < nargs && found < 0; ++i) {
      char n[1024];
      lb_func_input_name(func, i, n, sizeof n);
      if (!strcmp(n, names[j])) found = i;
    }
    if (found < 0) st = LB_ERROR(LB_STATUS_INVALID_ARGUMENT, "calibration data for '%s': the model has no such input", names[j]);
    else if (byarg[found]) st = LB_ERROR(LB_STATUS_INVALID_ARGUMENT, "calibration data for '%s' is given twice", names[j]);
    else byarg[found] = &data[j];
  }
  for (intptr_t i = 0; i < nargs && !st; ++i) {
    char n[1024];
    lb_func_input_name(func, i, n, sizeof n);
    if (!byarg[i]) st = LB_ERROR(LB_STATUS_INVALID_ARGUMENT, "no calibration data for graph input '%s'", n);
    else if (byarg[i]->dtype != LB_DT_F32)
      st = LB_ERROR(LB_STATUS_INVALID_ARGUMENT, "calibration data for '%s' must be float32, got %s", n,
                    lb_dtype_name(byarg[i]->dtype));
    else if (byarg[i]->rank == 0)
      st = LB_ERROR(LB_STATUS_INVALID_ARGUMENT, "calibration data for '%s' must have a sample dim", n);
    for (int64_t k = 0; !st && k < lb_tensor_count(byarg[i]); ++k) {
      float v = ((const float *)byarg[i]->data)[k];
      if (!isfinite(v))
        st = LB_ERROR(LB_STATUS_INVALID_ARGUMENT, "calibration data for '%s' has a non-finite value (%g) at index %lld",
                      n, (double)v, (long long)k);
    }
  }
  if (st) {
    lb_calib_close(r);
    return st;
  }
  int64_t total = r->total = byarg[0]->dims[0];
  int32_t frank;
  int64_t fdims[LB_MAX_RANK];
  lb_type_get_shape(mlirValueGetType(mlirBlockGetArgument(body, 0)), &frank, fdims);
  int64_t chunk = r->chunk = (frank > 0 && fdims[0] != LB_DYN) ? fdims[0] : total;
  if (total <= 0 || chunk <= 0 || total % chunk != 0) {
    lb_calib_close(r);
    return LB_ERROR(LB_STATUS_INVALID_ARGUMENT, "calibration batch %lld is not a multiple of the model batch %lld",
                    (long long)total, (long long)chunk);
  }
  r->clone = mlirModuleFromOperation(mlirOperationClone(mlirModuleGetOperation(module)));
  r->chunk_in = calloc((size_t)nargs, sizeof *r->chunk_in);
  lb_specialize_opts_t so = {.batch = chunk, .require_static = true};
  if (!r->chunk_in) st = LB_ERROR(LB_STATUS_RESOURCE_EXHAUSTED, "out of memory");
  if (!st) st = lb_module_specialize(r->clone, &so);
  if (!st) st = lb_plan_build(r->clone, &r->plan);
  if (!st && !(r->outs = calloc((size_t)r->plan.noutputs + 1, sizeof *r->outs)))
    st = LB_ERROR(LB_STATUS_RESOURCE_EXHAUSTED, "out of memory");
  if (st) lb_calib_close(r);
  return st;
}

/* Runs every chunk of the calibration data through the plan; `on_input`
 * (may be NULL) sees each chunk of each graph input first. */
static lb_status_t lb_calib_pass(lb_calib_run_t *r, lb_plan_observer_t observe, void *obs,
                                 void (*on_input)(void *obs, int32_t id, const float *d, int64_t n)) {
  lb_status_t st = LB_OK;
  const lb_plan_t *plan = &r->plan;
  for (int64_t c = 0; c < r->total / r->chunk && !st; ++c) {
    for (int32_t i = 0; i < plan->ninputs; ++i) {
      const lb_plan_tensor_t *t = &plan->tensors[plan->input_ids[i]];
      const lb_tensor_t *src = r->byarg[i];
      r->chunk_in[i] = *src;
      r->chunk_in[i].borrowed = 1;
      r->chunk_in[i].dims[0] = r->chunk;
      r->chunk_in[i].data = (char *)src->data + c * t->nbytes;
      if (lb_tensor_count(src) * 4 != t->nbytes * (r->total / r->chunk)) {
        char n[1024];
        lb_func_input_name(r->func, i, n, sizeof n);
        st = LB_ERROR(LB_STATUS_INVALID_ARGUMENT,
                      "calibration data for '%s' has the wrong shape (every input needs the same number of samples)", n);
        break;
      }
      if (on_input) on_input(obs, plan->input_ids[i], r->chunk_in[i].data, t->nbytes / 4);
    }
    if (!st) st = lb_interp_run(plan, r->chunk_in, r->outs, observe, obs);
    for (int32_t i = 0; i < plan->noutputs; ++i) lb_tensor_free(&r->outs[i]);
  }
  return st;
}

static void lb_calib_input(void *user, int32_t id, const float *d, int64_t n) {
  lb_calib_obs_t *o = user;
  if (o->hist) lb_hist_update(o->hist + (size_t)id * LB_CALIB_BINS, o->lo[id], o->hi[id], d, n);
  else lb_range_update(&o->lo[id], &o->hi[id], d, n);
  if (!o->hist && o->sum && o->sum[id] && o->writer[id] == -1) lb_mean_update(o, id, d, n);
}

/* Whether op is a layer whose bias lb-quantize corrects (see the top). */
static bool lb_wants_input_mean(MlirOperation op) {
  lb_op_kind_t k = lb_op_get_kind(op);
  if (k != LB_OP_MATMUL && k != LB_OP_GEMM && k != LB_OP_CONV2D) return false;
  const lb_op_desc_t *desc = lb_op_desc(op);
  lb_quant_operands_t qo;
  return desc && desc->quant_operands && desc->quant_operands(op, &qo) && qo.input == 0 &&
         lb_value_is_constant(lb_op_operand(op, qo.weight));
}

/* Marks the plan tensors whose means the layers of `body` need; *layer
 * (per op index, -1 if none) gets the tensor of that op's input. */
static lb_status_t lb_mean_setup(MlirBlock body, const lb_plan_t *plan, lb_calib_obs_t *o, int32_t **layer) {
  int32_t nops = 0;
  for (MlirOperation op = mlirBlockGetFirstOperation(body); !mlirOperationIsNull(op); op = mlirOperationGetNextInBlock(op))
    nops++;
  MlirOperation *ops = malloc(sizeof *ops * (size_t)(nops + 1));
  int32_t *lt = *layer = malloc(sizeof *lt * (size_t)(nops + 1));
  o->sum = calloc((size_t)plan->ntensors + 1, sizeof *o->sum);
  o->sq = calloc((size_t)plan->ntensors + 1, sizeof *o->sq);
  o->keep = calloc((size_t)plan->ntensors + 1, sizeof *o->keep);
  o->rows = calloc((size_t)plan->ntensors + 1, sizeof *o->rows);
  o->writer = calloc((size_t)plan->ntensors + 1, sizeof *o->writer);
  if (!ops || !lt || !o->sum || !o->sq || !o->keep || !o->rows || !o->writer) {
    free(ops);
    return LB_ERROR(LB_STATUS_RESOURCE_EXHAUSTED, "out of memory");
  }
  int32_t idx = 0;
  for (MlirOperation op = mlirBlockGetFirstOperation(body); !mlirOperationIsNull(op); op = mlirOperationGetNextInBlock(op))
    ops[idx++] = op;
  lb_status_t st = LB_OK;
  for (int32_t i = 0; i < nops && !st; ++i) {
    lt[i] = -1;
    if (i >= plan->nops || !lb_wants_input_mean(ops[i])) continue;
    MlirValue x = lb_op_operand(ops[i], 0);
    MlirOperation def = lb_value_def(x);
    int32_t r = -1, writer = -1, tid = -1; /* tid: the input as the layer sees it (maybe a view of r) */
    if (mlirOperationIsNull(def)) {
      intptr_t a = mlirBlockArgumentGetArgNumber(x);
      if (a < plan->ninputs) r = tid = plan->input_ids[a];
    } else {
      int32_t d = -1;
      for (int32_t j = i - 1; j >= 0 && d < 0; --j)
        if (mlirOperationEqual(ops[j], def)) d = j;
      if (d >= 0 && d < plan->nops && plan->op_results[d] >= 0) r = lb_plan_root(plan, tid = plan->op_results[d]);
      /* the one step that writes that storage (a view, such as a flatten, is written by its source's step) */
      int nw = 0;
      for (int32_t k = 0; k < plan->nsteps && r >= 0; ++k)
        if (lb_plan_root(plan, plan->steps[k].out) == r) writer = plan->steps[k].op_index, nw++;
      if (nw != 1) r = -1;
    }
    if (r < 0) continue;
    const lb_plan_tensor_t *t = &plan->tensors[tid];
    if (t->dtype != LB_DT_F32 || plan->tensors[r].mem == LB_MEM_CONST || t->rank < 1 || t->nbytes != plan->tensors[r].nbytes)
      continue;
    int64_t keep = lb_op_get_kind(ops[i]) == LB_OP_CONV2D ? (t->rank == 4 ? t->nbytes / 4 / t->dims[0] : 0)
                                                          : t->dims[t->rank - 1];
    if (keep < 1 || (o->sum[r] && o->keep[r] != keep)) continue;
    if (!o->sum[r] && (!(o->sum[r] = calloc((size_t)keep, sizeof **o->sum)) ||
                       !(o->sq[r] = calloc((size_t)keep, sizeof **o->sq)))) {
      st = LB_ERROR(LB_STATUS_RESOURCE_EXHAUSTED, "out of memory");
      break;
    }
    o->keep[r] = keep;
    o->writer[r] = writer;
    lt[i] = r;
  }
  free(ops);
  return st;
}

static void lb_mean_free(lb_calib_obs_t *o, const lb_plan_t *plan) {
  for (int32_t i = 0; i < plan->ntensors; ++i) {
    if (o->sum) free(o->sum[i]);
    if (o->sq) free(o->sq[i]);
  }
  free(o->sum);
  free(o->sq);
  free(o->keep);
  free(o->rows);
  free(o->writer);
}

lb_status_t lb_calibrate_with(MlirModule module, const char *const *names, const lb_tensor_t *data, int32_t ndata,
                              const lb_calib_method_t *method) {
  lb_calib_run_t run;
  LB_RETURN_IF_ERROR(lb_calib_open(module, names, data, ndata, &run));
  MlirOperation func = run.func;
  MlirBlock body = lb_func_get_body(func);
  intptr_t nargs = mlirBlockGetNumArguments(body);
  const lb_plan_t *plan = &run.plan;
  lb_status_t st = LB_OK;
  lb_calib_obs_t obs = {NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL};
  int32_t *layer = NULL;
  obs.lo = malloc(sizeof(float) * (size_t)(plan->ntensors + 1));
  obs.hi = malloc(sizeof(float) * (size_t)(plan->ntensors + 1));
  if (!obs.lo || !obs.hi) {
    st = LB_ERROR(LB_STATUS_RESOURCE_EXHAUSTED, "out of memory");
    goto done;
  }
  for (int32_t i = 0; i < plan->ntensors; ++i) {
    obs.lo[i] = FLT_MAX;
    obs.hi[i] = -FLT_MAX;
    const lb_plan_tensor_t *t = &plan->tensors[i];
    if (t->mem == LB_MEM_CONST && t->alias_of < 0 && t->dtype == LB_DT_F32) {
      lb_range_update(&obs.lo[i], &obs.hi[i], t->data, t->nbytes / 4);
      lb_mapping_evict(t->data, (size_t)t->nbytes); /* a file-mapped weight: read once, let go */
    }
  }
  st = lb_mean_setup(body, plan, &obs, &layer);
  /* pass 0: min/max and means; pass 1 (percentile, mse): histograms over them */
  for (int p = 0; p < (method->kind == LB_CALIB_MINMAX ? 1 : 2) && !st; ++p) {
    if (p == 1 && !(obs.hist = calloc((size_t)plan->ntensors * LB_CALIB_BINS + 1, sizeof *obs.hist))) {
      st = LB_ERROR(LB_STATUS_RESOURCE_EXHAUSTED, "out of memory for the calibration histograms");
      break;
    }
    st = lb_calib_pass(&run, lb_calib_observe, &obs, lb_calib_input);
  }
  if (!st && obs.hist)
    for (int32_t i = 0; i < plan->ntensors; ++i)
      if (plan->tensors[i].mem != LB_MEM_CONST && obs.lo[i] < obs.hi[i])
        lb_clip_range(obs.hist + (size_t)i * LB_CALIB_BINS, method, &obs.lo[i], &obs.hi[i]);
  if (st) goto done;
  {
    int32_t idx = 0;
    for (MlirOperation op = mlirBlockGetFirstOperation(body); !mlirOperationIsNull(op);
         op = mlirOperationGetNextInBlock(op), ++idx) {
      if (idx >= plan->nops || plan->op_results[idx] < 0 || lb_op_get_kind(op) == LB_OP_UNKNOWN) continue;
      int32_t r = lb_plan_root(plan, plan->op_results[idx]);
      if (plan->tensors[r].dtype == LB_DT_F32 && obs.lo[r] <= obs.hi[r]) lb_op_set_range(op, obs.lo[r], obs.hi[r]);
    }
    idx = 0;
    for (MlirOperation op = mlirBlockGetFirstOperation(body); !mlirOperationIsNull(op) && !st;
         op = mlirOperationGetNextInBlock(op), ++idx) {
      int32_t r = idx < plan->nops ? layer[idx] : -1;
      if (r < 0 || obs.rows[r] <= 0) continue;
      float *m = malloc(sizeof *m * (size_t)obs.keep[r]);
      if (!m) {
        st = LB_ERROR(LB_STATUS_RESOURCE_EXHAUSTED, "out of memory");
        break;
      }
      for (int64_t j = 0; j < obs.keep[r]; ++j) m[j] = (float)(obs.sum[r][j] / (double)obs.rows[r]);
      mlirOperationSetDiscardableAttributeByName(op, mlirStringRefCreateFromCString(LB_ATTR_INPUT_MEAN),
                                                 mlirDenseF32ArrayGet(mlirOperationGetContext(op), (intptr_t)obs.keep[r], m));
      for (int64_t j = 0; j < obs.keep[r]; ++j) m[j] = (float)(obs.sq[r][j] / (double)obs.rows[r]);
      mlirOperationSetDiscardableAttributeByName(op, mlirStringRefCreateFromCString(LB_ATTR_INPUT_SQMEAN),
                                                 mlirDenseF32ArrayGet(mlirOperationGetContext(op), (intptr_t)obs.keep[r], m));
      free(m);
    }
    if (st) goto done;
    float *ar = malloc(sizeof(float) * 2 * (size_t)nargs);
    if (!ar) {
      st = LB_ERROR(LB_STATUS_RESOURCE_EXHAUSTED, "out of memory");
      goto done;
    }
    for (intptr_t i = 0; i < nargs; ++i) {
      ar[2 * i] = obs.lo[plan->input_ids[i]];
      ar[2 * i + 1] = obs.hi[plan->input_ids[i]];
    }
    mlirOperationSetAttributeByName(func, mlirStringRefCreateFromCString(LB_ATTR_ARG_RANGES),
                                    mlirDenseF32ArrayGet(mlirOperationGetContext(func), 2 * nargs, ar));
    free(ar);
  }
done:
  lb_mean_free(&obs, plan);
  free(layer);
  lb_calib_close(&run);
  free(obs.lo);
  free(obs.hi);
  free(obs.hist);
  return st;
}

typedef struct {
  int32_t *want; /* per plan tensor: index into the caller's ops, or -1 */
  lb_calib_value_fn_t fn;
  void *user;
} lb_values_obs_t;

static void lb_values_observe(void *user, const lb_plan_t *plan, const lb_plan_step_t *step, const void *out) {
  lb_values_obs_t *o = user;
  int32_t r = lb_plan_root(plan, step->out);
  if (o->want[r] >= 0 && plan->tensors[r].dtype == LB_DT_F32) o->fn(o->user, o->want[r], out, plan->tensors[r].nbytes / 4);
}

lb_status_t lb_calibrate_values(MlirModule module, const char *const *names, const lb_tensor_t *data, int32_t ndata,
                                const MlirOperation *ops, int32_t nops, lb_calib_value_fn_t fn, void *user) {
  lb_calib_run_t run;
  LB_RETURN_IF_ERROR(lb_calib_open(module, names, data, ndata, &run));
  lb_values_obs_t obs = {malloc(sizeof(int32_t) * (size_t)(run.plan.ntensors + 1)), fn, user};
  lb_status_t st = LB_OK;
  if (!obs.want) {
    lb_calib_close(&run);
    return LB_ERROR(LB_STATUS_RESOURCE_EXHAUSTED, "out of memory");
  }
  for (int32_t i = 0; i < run.plan.ntensors; ++i) obs.want[i] = -1;
  int32_t idx = 0;
  for (MlirOperation op = mlirBlockGetFirstOperation(lb_func_get_body(run.func)); !mlirOperationIsNull(op);
       op = mlirOperationGetNextInBlock(op), ++idx)
    for (int32_t k = 0; k < nops; ++k)
      if (mlirOperationEqual(op, ops[k]) && idx < run.plan.nops && run.plan.op_results[idx] >= 0) {
        int32_t r = lb_plan_root(&run.plan, run.plan.op_results[idx]);
        if (obs.want[r] >= 0 || run.plan.tensors[r].mem == LB_MEM_CONST)
          st = LB_ERROR(LB_STATUS_INTERNAL, "observed op %d shares its storage with another", k);
        obs.want[r] = k;
      }
  if (!st) st = lb_calib_pass(&run, lb_values_observe, &obs, NULL);
  free(obs.want);
  lb_calib_close(&run);
  return st;
}

lb_status_t lb_pass_calibrate(MlirModule module, const lb_pass_options_t *options) {
  const char *spec = lb_pass_option(options, "data");
  if (!spec || !*spec) return LB_ERROR(LB_STATUS_INVALID_ARGUMENT, "needs data=NAME:FILE.npy[,NAME:FILE.npy...]");
  lb_calib_method_t method;
  LB_RETURN_IF_ERROR(lb_calib_method_parse(lb_pass_option(options, "method"), (int)lb_pass_option_int(options, "bits", 8),
                                           &method));
  char *copy = strdup(spec);
  if (!copy) return LB_ERROR(LB_STATUS_RESOURCE_EXHAUSTED, "out of memory");
  char *names[64];
  lb_tensor_t data[64];
  int32_t n = 0;
  lb_status_t st = LB_OK;
  /* NAME:FILE, split at the last ':' (names such as "input:0" keep theirs) */
  for (char *save = NULL, *tok = strtok_r(copy, ",", &save); tok && !st; tok = strtok_r(NULL, ",", &save)) {
    char *colon = strrchr(tok, ':');
    if (!colon || colon == tok || !colon[1] || n == 64) {
      st = LB_ERROR(LB_STATUS_INVALID_ARGUMENT, "bad data entry '%s' (want NAME:FILE.npy)", tok);
      break;
    }
    *colon = 0;
    names[n] = tok;
    st = lb_npy_read(colon + 1, &data[n]);
    if (!st) n++;
  }
  if (!st) st = lb_calibrate_with(module, (const char *const *)names, data, n, &method);
  for (int32_t i = 0; i < n; ++i) lb_tensor_free(&data[i]);
  free(copy);
  return st;
}
