/* The Hessian proxy of layer sensitivities (see sensitivity.h). */
#include "passes/sensitivity.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "ir/lb_op.h"
#include "passes/calibrate.h"

/* One layer: where its input channels are in the input, and its weight. */
typedef struct {
  MlirOperation op;
  intptr_t input, weight, axis; /* quant_operands */
  int64_t K;                    /* input channels */
  int64_t inner;                /* conv: elements per channel of the input (H x W); 1 for a matrix */
  double *m;                    /* K: sum of x_k^2, then the mean */
  double count;                 /* values summed per channel */
  int src;                      /* index of the observed op, or -1 - arg for a graph input */
} lb_sens_layer_t;

typedef struct {
  lb_sens_layer_t *layers;
  int32_t nl;
  MlirOperation *obs; /* the ops whose results are layer inputs */
} lb_sens_ctx_t;

static void lb_accumulate(lb_sens_layer_t *l, const float *v, int64_t n) {
  int64_t per = l->K * l->inner;
  for (int64_t i = 0; i < n; ++i) {
    int64_t k = per == l->K ? i % l->K : (i % per) / l->inner;
    l->m[k] += (double)v[i] * v[i];
  }
  l->count += (double)n / (double)l->K;
}

static void lb_sens_observe(void *user, int32_t k, const float *v, int64_t n) {
  lb_sens_ctx_t *c = user;
  for (int32_t i = 0; i < c->nl; ++i)
    if (c->layers[i].src == k) lb_accumulate(&c->layers[i], v, n);
}

static MlirOperation lb_find_layer(MlirOperation func, const char *name) {
  for (MlirOperation op = mlirBlockGetFirstOperation(lb_func_get_body(func)); !mlirOperationIsNull(op);
       op = mlirOperationGetNextInBlock(op)) {
    char n[256];
    if (lb_op_has_traits(op, LB_TRAIT_QUANTIZABLE) && lb_location_name(mlirOperationGetLocation(op), n, sizeof n) &&
        !strcmp(n, name))
      return op;
  }
  return (MlirOperation){NULL};
}

/* Layout of the layer: the input channel of weight element i and its
 * output channel; false for an unsupported weight. */
typedef struct {
  int32_t rank;
  int64_t d[LB_MAX_RANK];
  bool conv, trans; /* conv [O, Cg, kh, kw]; trans: [N, K] */
  int64_t groups;
} lb_wshape_t;

static void lb_elem(const lb_wshape_t *w, int64_t i, int64_t *k, int64_t *n) {
  if (w->conv) {
    int64_t O = w->d[0], Cg = w->d[1], taps = w->d[2] * w->d[3], o = i / (Cg * taps), ci = (i / taps) % Cg;
    *n = o;
    *k = (o / (O / w->groups)) * Cg + ci;
  } else if (w->trans) {
    *n = i / w->d[1];
    *k = i % w->d[1];
  } else {
    *k = i / w->d[1];
    *n = i % w->d[1];
  }
}

/* sum m_k (W_q - W)^2 / sum m_k W^2 at `bits`. */
static double lb_proxy(const lb_sens_layer_t *l, const lb_wshape_t *ws, const float *w, int64_t count, int bits,
                       bool per_tensor, int64_t group, double *scale) {
  int64_t N = ws->conv || ws->trans ? ws->d[0] : ws->d[1], qmax = ((int64_t)1 << (bits - 1)) - 1;
  int64_t nblk = group > 0 && !ws->conv ? (l->K + group - 1) / group : 1;
  for (int64_t s = 0; s < N * nblk; ++s) scale[s] = 0;
  for (int64_t i = 0; i < count; ++i) {
    int64_t k, n;
    lb_elem(ws, i, &k, &n);
    int64_t s = per_tensor ? 0 : n * nblk + (nblk > 1 ? k / group : 0);
    scale[s] = fmax(scale[s], fabs((double)w[i]));
  }
  if (per_tensor)
    for (int64_t s = 1; s < N * nblk; ++s) scale[s] = scale[0];
  double err = 0, energy = 0;
  for (int64_t i = 0; i < count; ++i) {
    int64_t k, n;
    lb_elem(ws, i, &k, &n);
    double mx = scale[per_tensor ? 0 : n * nblk + (nblk > 1 ? k / group : 0)], sc = mx > 0 ? mx / (double)qmax : 1;
    double q = nearbyint((double)w[i] / sc);
    q = q > (double)qmax ? (double)qmax : q < -(double)qmax ? -(double)qmax : q;
    double d = q * sc - (double)w[i];
    err += l->m[k] * d * d;
    energy += l->m[k] * (double)w[i] * w[i];
  }
  return energy > 0 ? err / energy : 0;
}

lb_status_t lb_hessian_sensitivity(MlirModule module, const char *const *names, const lb_tensor_t *data, int32_t ndata,
                                   const char *const *layers, int32_t nl, const int32_t *widths, int32_t nw,
                                   bool per_tensor, int64_t group, double *sens) {
  MlirOperation func = lb_module_get_func(module);
  if (mlirOperationIsNull(func)) return LB_ERROR(LB_STATUS_INVALID_ARGUMENT, "module has no function with a body");
  MlirBlock body = lb_func_get_body(func);
  lb_sens_ctx_t c = {calloc((size_t)nl + 1, sizeof(lb_sens_layer_t)), nl, calloc((size_t)nl + 1, sizeof(MlirOperation))};
  lb_status_t st = c.layers && c.obs ? LB_OK : LB_ERROR(LB_STATUS_RESOURCE_EXHAUSTED, "out of memory");
  int32_t nobs = 0;
  for (int32_t l = 0; l < nl && !st; ++l) {
    lb_sens_layer_t *L = &c.layers[l];
    L->op = lb_find_layer(func, layers[l]);
    const lb_op_desc_t *d = mlirOperationIsNull(L->op) ? NULL : lb_op_desc(L->op);
    lb_quant_operands_t q;
    if (!d || !d->quant_operands || !d->quant_operands(L->op, &q)) {
      st = LB_ERROR(LB_STATUS_INVALID_ARGUMENT, "hessian proxy: no quantizable layer named '%s'", layers[l]);
      break;
    }
    L->input = q.input;
    L->weight = q.weight;
    L->axis = q.weight_axis;
    MlirValue x = mlirOperationGetOperand(L->op, q.input);
    int32_t r;
    int64_t xd[LB_MAX_RANK];
    bool conv = lb_op_get_kind(L->op) == LB_OP_CONV2D;
    if (!lb_type_get_shape(mlirValueGetType(x), &r, xd) || r < 2) {
      st = lb_op_error(L->op, LB_STATUS_INVALID_ARGUMENT, "hessian proxy: the input has no static channel dim");
      break;
    }
    L->K = conv ? xd[1] : xd[r - 1];
    L->inner = 1;
    for (int32_t i = 2; conv && i < r; ++i) L->inner = xd[i] == LB_DYN ? -1 : L->inner * xd[i];
    if (L->K == LB_DYN || L->K <= 0 || L->inner <= 0) {
      st = lb_op_error(L->op, LB_STATUS_INVALID_ARGUMENT, "hessian proxy: the input's channel dims must be static");
      break;
    }
    L->m = calloc((size_t)L->K, sizeof *L->m);
    if (!L->m) st = LB_ERROR(LB_STATUS_RESOURCE_EXHAUSTED, "out of memory");
    MlirOperation def = lb_value_def(x);
    if (mlirOperationIsNull(def)) {
      L->src = -1 - (int)mlirBlockArgumentGetArgNumber(x);
      continue;
    }
    L->src = -1;
    for (int32_t k = 0; k < nobs && L->src < 0; ++k)
      if (mlirOperationEqual(c.obs[k], def)) L->src = k;
    if (L->src < 0) {
      c.obs[nobs] = def;
      L->src = nobs++;
    }
  }
  /* graph inputs straight from the data; the rest from one calibration run */
  for (int32_t l = 0; l < nl && !st; ++l) {
    lb_sens_layer_t *L = &c.layers[l];
    if (L->src >= 0) continue;
    char n[1024];
    lb_func_input_name(func, -1 - L->src, n, sizeof n);
    const lb_tensor_t *t = NULL;
    for (int32_t j = 0; j < ndata && !t; ++j)
      if (!strcmp(names[j], n) && data[j].dtype == LB_DT_F32) t = &data[j];
    if (!t) st = LB_ERROR(LB_STATUS_INVALID_ARGUMENT, "hessian proxy: no float calibration data for input '%s'", n);
    else lb_accumulate(L, t->data, lb_tensor_count(t));
  }
  if (!st && nobs) st = lb_calibrate_values(module, names, data, ndata, c.obs, nobs, lb_sens_observe, &c);
  (void)body;
  for (int32_t l = 0; l < nl && !st; ++l) {
    lb_sens_layer_t *L = &c.layers[l];
    for (int64_t k = 0; k < L->K && L->count > 0; ++k) L->m[k] /= L->count;
    lb_tensor_t w;
    st = lb_value_view_constant(mlirOperationGetOperand(L->op, L->weight), &w);
    if (st) break;
    lb_wshape_t ws = {.rank = w.rank, .conv = lb_op_get_kind(L->op) == LB_OP_CONV2D, .groups = 1};
    memcpy(ws.d, w.dims, sizeof ws.d);
    ws.trans = !ws.conv && L->axis == 0;
    if (ws.conv) ws.groups = lb_op_get_int(L->op, LB_ATTR_GROUP, 1);
    bool ok = w.dtype == LB_DT_F32 && ((ws.conv && w.rank == 4 && ws.groups > 0 && w.dims[0] % ws.groups == 0 &&
                                        w.dims[1] * ws.groups == L->K) ||
                                       (!ws.conv && w.rank == 2 && w.dims[ws.trans ? 1 : 0] == L->K));
    int64_t N = ws.conv || ws.trans ? w.dims[0] : (w.rank == 2 ? w.dims[1] : 1);
    double *scale = ok ? malloc(sizeof(double) * (size_t)(N * (L->K + 1))) : NULL;
    if (!ok) st = lb_op_error(L->op, LB_STATUS_INVALID_ARGUMENT, "hessian proxy: unsupported weight layout");
    else if (!scale) st = LB_ERROR(LB_STATUS_RESOURCE_EXHAUSTED, "out of memory");
    for (int32_t i = 0; i < nw && !st; ++i)
      sens[l * nw + i] = lb_proxy(L, &ws, w.data, lb_tensor_count(&w), widths[i], per_tensor, group, scale);
    free(scale);
    lb_tensor_free(&w);
  }
  for (int32_t l = 0; c.layers && l < nl; ++l) free(c.layers[l].m);
  free(c.layers);
  free(c.obs);
  return st;
}
