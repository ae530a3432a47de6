/* lb-calibrate: min/max activation calibration with the reference
 * interpreter.
 *
 * The module is cloned, the clone specialized to the calibration batch
 * (or run in chunks of its static batch), lowered to a plan and executed;
 * an observer records min/max of every f32 tensor a step produces. Ranges
 * land on the original ops as lb.range = array<f32: min, max>, and on the
 * function as lb.arg_ranges = array<f32: min0, max0, min1, max1, ...>. */
#include <float.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "codegen/plan.h"
#include "passes/calibrate.h"
#include "support/npy.h"

typedef struct {
  float *lo, *hi; /* per op index */
  int32_t nops;
} lb_calib_obs_t;

static void lb_calib_observe(void *user, const lb_plan_t *plan, const lb_step_t *step, const void *out) {
  lb_calib_obs_t *o = user;
  const lb_plan_tensor_t *t = &plan->tensors[step->out];
  if (t->dtype != LB_DT_F32 || step->op_index < 0 || step->op_index >= o->nops) return;
  const float *d = out;
  int64_t n = t->nbytes / 4;
  float lo = o->lo[step->op_index], hi = o->hi[step->op_index];
  for (int64_t i = 0; i < n; ++i) {
    if (d[i] < lo) lo = d[i];
    if (d[i] > hi) hi = d[i];
  }
  o->lo[step->op_index] = lo;
  o->hi[step->op_index] = hi;
}

lb_status_t lb_calibrate(MlirModule module, const char *const *names, const lb_tensor_t *data, int32_t ndata) {
  MlirOperation func = lb_module_get_func(module);
  if (mlirOperationIsNull(func)) return LB_ERROR(LB_STATUS_INVALID_ARGUMENT, "module has no func.func");
  MlirBlock body = lb_func_get_body(func);
  intptr_t nargs = mlirBlockGetNumArguments(body);
  if (ndata != nargs)
    return LB_ERROR(LB_STATUS_INVALID_ARGUMENT, "calibration needs data for all %d graph inputs, got %d", (int)nargs,
                    (int)ndata);
  /* order calibration tensors like the graph inputs */
  const lb_tensor_t **byarg = calloc((size_t)nargs + 1, sizeof *byarg);
  /* graph input names: lb.input_names, or input<i> as the plan builder uses */
  MlirAttribute an = mlirOperationGetAttributeByName(func, mlirStringRefCreateFromCString(LB_ATTR_INPUT_NAMES));
  bool named = !mlirAttributeIsNull(an) && mlirAttributeIsAArray(an) && mlirArrayAttrGetNumElements(an) == nargs;
  for (intptr_t i = 0; i < nargs; ++i) {
    char fallback[32];
    snprintf(fallback, sizeof fallback, "input%d", (int)i);
    MlirStringRef s = named ? mlirStringAttrGetValue(mlirArrayAttrGetElement(an, i))
                            : mlirStringRefCreateFromCString(fallback);
    for (int32_t j = 0; j < ndata && !byarg[i]; ++j)
      if (strlen(names[j]) == s.length && !memcmp(names[j], s.data, s.length)) byarg[i] = &data[j];
    if (!byarg[i]) {
      free(byarg);
      return LB_ERROR(LB_STATUS_INVALID_ARGUMENT, "no calibration data for graph input '%.*s'", (int)s.length, s.data);
    }
  }
  int64_t total = byarg[0]->rank ? byarg[0]->dims[0] : 1;
  int32_t frank;
  int64_t fdims[LB_MAX_RANK];
  lb_type_get_shape(mlirValueGetType(mlirBlockGetArgument(body, 0)), &frank, fdims);
  int64_t chunk = (frank > 0 && fdims[0] != LB_DYN) ? fdims[0] : total;
  lb_status_t st = LB_OK;
  if (total <= 0 || total % chunk != 0) {
    free(byarg);
    return LB_ERROR(LB_STATUS_INVALID_ARGUMENT, "calibration batch %lld is not a multiple of the model batch %lld",
                    (long long)total, (long long)chunk);
  }
  MlirOperation clone_op = mlirOperationClone(mlirModuleGetOperation(module));
  MlirModule clone = mlirModuleFromOperation(clone_op);
  lb_plan_t plan;
  memset(&plan, 0, sizeof plan);
  int32_t nops = 0;
  for (MlirOperation op = mlirBlockGetFirstOperation(body); !mlirOperationIsNull(op); op = mlirOperationGetNextInBlock(op))
    nops++;
  lb_calib_obs_t obs = {calloc((size_t)nops + 1, sizeof(float)), calloc((size_t)nops + 1, sizeof(float)), nops};
  float *alo = calloc((size_t)nargs + 1, sizeof(float)), *ahi = calloc((size_t)nargs + 1, sizeof(float));
  void *scratch = NULL;
  void **outs = NULL;
  const void **ins = NULL;
  if (!obs.lo || !obs.hi || !alo || !ahi) {
    st = LB_ERROR(LB_STATUS_RESOURCE_EXHAUSTED, "out of memory");
    goto done;
  }
  for (int32_t i = 0; i < nops; ++i) {
    obs.lo[i] = FLT_MAX;
    obs.hi[i] = -FLT_MAX;
  }
  if ((st = lb_module_specialize(clone, chunk))) goto done;
  if ((st = lb_plan_build(clone, &plan))) goto done;
  scratch = aligned_alloc(16, (size_t)((plan.scratch_size + 15) / 16 * 16 + 16));
  outs = calloc((size_t)plan.noutputs + 1, sizeof(void *));
  ins = calloc((size_t)plan.ninputs + 1, sizeof(void *));
  if (!scratch || !outs || !ins) {
    st = LB_ERROR(LB_STATUS_RESOURCE_EXHAUSTED, "out of memory");
    goto done;
  }
  for (int32_t i = 0; i < plan.noutputs; ++i) {
    outs[i] = malloc((size_t)plan.tensors[plan.output_ids[i]].nbytes + 16);
    if (!outs[i]) {
      st = LB_ERROR(LB_STATUS_RESOURCE_EXHAUSTED, "out of memory");
      goto done;
    }
  }
  for (int32_t i = 0; i < plan.ninputs; ++i) {
    const lb_tensor_t *t = byarg[i];
    int64_t want = plan.tensors[plan.input_ids[i]].nbytes * (total / chunk);
    if (t->dtype != LB_DT_F32 || (int64_t)(lb_tensor_count(t) * 4) != want) {
      st = LB_ERROR(LB_STATUS_INVALID_ARGUMENT, "calibration data for input %d has the wrong size or type (want float32 [%lld, ...])",
                    (int)i, (long long)total);
      goto done;
    }
    alo[i] = FLT_MAX;
    ahi[i] = -FLT_MAX;
    for (int64_t k = 0; k < lb_tensor_count(t); ++k) {
      float v = ((const float *)t->data)[k];
      if (v < alo[i]) alo[i] = v;
      if (v > ahi[i]) ahi[i] = v;
    }
  }
  for (int64_t c = 0; c < total / chunk; ++c) {
    for (int32_t i = 0; i < plan.ninputs; ++i)
      ins[i] = (const char *)byarg[i]->data + c * plan.tensors[plan.input_ids[i]].nbytes;
    lb_plan_run(&plan, ins, outs, scratch, lb_calib_observe, &obs);
  }
  {
    int32_t idx = 0;
    for (MlirOperation op = mlirBlockGetFirstOperation(body); !mlirOperationIsNull(op);
         op = mlirOperationGetNextInBlock(op), ++idx)
      if (obs.lo[idx] <= obs.hi[idx] && lb_op_get_kind(op) != LB_OP_UNKNOWN) lb_op_set_range(op, obs.lo[idx], obs.hi[idx]);
    float *ar = malloc(sizeof(float) * 2 * (size_t)(nargs ? nargs : 1));
    if (ar) {
      for (intptr_t i = 0; i < nargs; ++i) {
        ar[2 * i] = alo[i];
        ar[2 * i + 1] = ahi[i];
      }
      mlirOperationSetAttributeByName(func, mlirStringRefCreateFromCString(LB_ATTR_ARG_RANGES),
                                      mlirDenseF32ArrayGet(mlirOperationGetContext(func), 2 * nargs, ar));
      free(ar);
    }
  }
done:
  if (outs)
    for (int32_t i = 0; i < plan.noutputs; ++i) free(outs[i]);
  free(outs);
  free(ins);
  free(scratch);
  lb_plan_free(&plan);
  mlirModuleDestroy(clone);
  free(obs.lo);
  free(obs.hi);
  free(alo);
  free(ahi);
  free(byarg);
  return st;
}

lb_status_t lb_pass_calibrate(MlirModule module, const lb_pass_options_t *options) {
  const char *spec = lb_pass_option(options, "data");
  if (!spec || !*spec) return LB_ERROR(LB_STATUS_INVALID_ARGUMENT, "needs data=NAME:FILE.npy[,NAME:FILE.npy...]");
  char *copy = strdup(spec);
  char *names[16];
  lb_tensor_t data[16];
  int32_t n = 0;
  lb_status_t st = LB_OK;
  for (char *tok = strtok(copy, ","); tok && !st; tok = strtok(NULL, ",")) {
    char *colon = strchr(tok, ':');
    if (!colon || n == 16) {
      st = LB_ERROR(LB_STATUS_INVALID_ARGUMENT, "bad data entry '%s' (want NAME:FILE.npy)", tok);
      break;
    }
    *colon = 0;
    names[n] = tok;
    st = lb_npy_read(colon + 1, &data[n]);
    if (!st) n++;
  }
  if (!st) st = lb_calibrate(module, (const char *const *)names, data, n);
  for (int32_t i = 0; i < n; ++i) lb_tensor_free(&data[i]);
  free(copy);
  return st;
}
