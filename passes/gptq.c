/* lb-gptq{data=NAME:FILE.npy,... bits=X per_tensor=0|1 skip=NAME,...}: GPTQ
 * weight rounding (Frantar et al. 2023) for the linear layers, before
 * lb-quantize.
 *
 * Rounding each weight to its nearest code ignores that the layer's inputs
 * are correlated. GPTQ rounds the K input rows of W [K, N] one at a time and
 * moves each rounding error onto the rows not yet rounded, weighted by the
 * inverse Hessian of the layer's squared output error, H = sum x^T x over
 * the calibration inputs x of the layer (plus 1 % of its mean diagonal):
 * with U the upper Cholesky factor of H^-1, for k = 0..K-1 and every output
 * column n, q = clamp(rne(w_kn / s_n)), e = (w_kn - q s_n) / U_kk,
 * w_jn -= e U_kj for j > k. The scales s_n = max_k |w_kn| / (2^(X-1) - 1) per
 * output channel (or one per tensor) are fixed first.
 *
 * The layer's weight becomes the rounded values q s_n (floats on the grid)
 * and the scales are recorded as lb.weight_scales, which lb-quantize then
 * uses, so its codes are exactly the q. Matmuls and gemms with a constant
 * weight (passes/linear.h), and convolutions with one group and a static
 * image (x: every output position's patch, W: [OC, C x KH x KW]); layers
 * named in `skip` (their own scheme) are left alone. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ir/lb_op.h"
#include "passes/calibrate.h"
#include "passes/linear.h"
#include "passes/passes.h"
#include "support/npy.h"

typedef struct {
  MlirOperation op;
  lb_linear_t l; /* a conv: K = C x KH x KW inputs per output channel, N = OC */
  bool conv;
  int64_t C, IH, IW, KH, KW, OH, OW; /* conv: the input image and the kernel */
  lb_window_attrs_t wa;
  double *H; /* K x K */
  int src;   /* observed op index, or -1 - arg */
} lb_gptq_layer_t;

typedef struct {
  lb_gptq_layer_t *layers;
  int32_t nl;
} lb_gptq_ctx_t;

/* A conv's input images [B, C, H, W]: every output position's patch, in the
 * weight's (c, kh, kw) order with zeros for the padding, is one x. */
static void lb_gptq_accumulate_conv(lb_gptq_layer_t *L, const float *v, int64_t n) {
  int64_t K = L->l.K, img = L->C * L->IH * L->IW;
  double *p = malloc(sizeof *p * (size_t)K);
  if (!p) return;
  for (int64_t b = 0; b + img <= n; b += img)
    for (int64_t oh = 0; oh < L->OH; ++oh)
      for (int64_t ow = 0; ow < L->OW; ++ow) {
        for (int64_t c = 0; c < L->C; ++c)
          for (int64_t kh = 0; kh < L->KH; ++kh)
            for (int64_t kw = 0; kw < L->KW; ++kw) {
              int64_t ih = oh * L->wa.strides[0] - L->wa.pads[0] + kh * L->wa.dilations[0];
              int64_t iw = ow * L->wa.strides[1] - L->wa.pads[1] + kw * L->wa.dilations[1];
              p[(c * L->KH + kh) * L->KW + kw] =
                  ih < 0 || ih >= L->IH || iw < 0 || iw >= L->IW ? 0.0 : v[b + (c * L->IH + ih) * L->IW + iw];
            }
        for (int64_t i = 0; i < K; ++i) {
          if (p[i] == 0) continue;
          double *h = L->H + i * K;
          for (int64_t j = 0; j < K; ++j) h[j] += p[i] * p[j];
        }
      }
  free(p);
}

static void lb_gptq_accumulate(lb_gptq_layer_t *L, const float *v, int64_t n) {
  if (L->conv) {
    lb_gptq_accumulate_conv(L, v, n);
    return;
  }
  int64_t K = L->l.K;
  for (int64_t r = 0; r + K <= n; r += K)
    for (int64_t i = 0; i < K; ++i) {
      double xi = v[r + i];
      if (xi == 0) continue;
      double *h = L->H + i * K;
      for (int64_t j = 0; j < K; ++j) h[j] += xi * v[r + j];
    }
}

static void lb_gptq_observe(void *user, int32_t k, const float *v, int64_t n) {
  lb_gptq_ctx_t *c = user;
  for (int32_t i = 0; i < c->nl; ++i)
    if (c->layers[i].src == k) lb_gptq_accumulate(&c->layers[i], v, n);
}

/* In place: A (n x n, symmetric positive definite) = L L^T, L lower. */
static bool lb_cholesky(double *a, int64_t n) {
  for (int64_t j = 0; j < n; ++j) {
    double d = a[j * n + j];
    for (int64_t k = 0; k < j; ++k) d -= a[j * n + k] * a[j * n + k];
    if (!(d > 0)) return false;
    d = sqrt(d);
    a[j * n + j] = d;
    for (int64_t i = j + 1; i < n; ++i) {
      double s = a[i * n + j];
      for (int64_t k = 0; k < j; ++k) s -= a[i * n + k] * a[j * n + k];
      a[i * n + j] = s / d;
    }
    for (int64_t k = j + 1; k < n; ++k) a[j * n + k] = 0;
  }
  return true;
}

/* U, the upper Cholesky factor of H^-1 (H^-1 = U^T U), into u. */
static bool lb_inverse_chol_upper(const double *h, int64_t K, double *u, double *tmp) {
  memcpy(tmp, h, sizeof *tmp * (size_t)(K * K));
  if (!lb_cholesky(tmp, K)) return false; /* H = L L^T */
  /* H^-1 = L^-T L^-1: invert L (lower) into u, then form H^-1 */
  for (int64_t i = 0; i < K * K; ++i) u[i] = 0;
  for (int64_t c = 0; c < K; ++c)
    for (int64_t i = c; i < K; ++i) {
      double s = i == c ? 1.0 : 0.0;
      for (int64_t k = c; k < i; ++k) s -= tmp[i * K + k] * u[k * K + c];
      u[i * K + c] = s / tmp[i * K + i];
    }
  /* tmp <- H^-1 = Linv^T Linv */
  for (int64_t i = 0; i < K; ++i)
    for (int64_t j = 0; j <= i; ++j) {
      double s = 0;
      for (int64_t k = i; k < K; ++k) s += u[k * K + i] * u[k * K + j];
      tmp[i * K + j] = tmp[j * K + i] = s;
    }
  /* H^-1 = L L^T (L lower) = U^T U with U = L^T upper */
  if (!lb_cholesky(tmp, K)) return false;
  for (int64_t i = 0; i < K; ++i)
    for (int64_t j = 0; j < K; ++j) u[i * K + j] = tmp[j * K + i];
  return true;
}

/* qsort by descending H_kk, ties by index (a deterministic order) */
static const double *lb_gptq_sort_h;
static int64_t lb_gptq_sort_k;
static int lb_gptq_by_diag(const void *a, const void *b) {
  int64_t i = *(const int64_t *)a, j = *(const int64_t *)b;
  double di = lb_gptq_sort_h[i * lb_gptq_sort_k + i], dj = lb_gptq_sort_h[j * lb_gptq_sort_k + j];
  return di > dj ? -1 : di < dj ? 1 : (i > j) - (i < j);
}

static lb_status_t lb_gptq_layer(lb_gptq_layer_t *L, int bits, bool per_tensor) {
  int64_t K = L->l.K, N = L->l.N;
  double qmax = (double)((1 << (bits - 1)) - 1), mean = 0;
  double *w = NULL, *u = malloc(sizeof(double) * (size_t)(K * K)), *tmp = malloc(sizeof(double) * (size_t)(K * K));
  float *scales = malloc(sizeof(float) * (size_t)N);
  int64_t *perm = NULL;
  lb_status_t st = u && tmp && scales ? LB_OK : LB_ERROR(LB_STATUS_RESOURCE_EXHAUSTED, "out of memory");
  if (!st && !L->conv) st = lb_linear_read_weight(L->op, &L->l, &w);
  if (!st && L->conv) { /* [OC, C, KH, KW] as K x N */
    lb_tensor_t t;
    st = lb_value_view_constant(lb_op_operand(L->op, 1), &t);
    if (!st && !(w = malloc(sizeof *w * (size_t)(K * N)))) st = LB_ERROR(LB_STATUS_RESOURCE_EXHAUSTED, "out of memory");
    for (int64_t n = 0; !st && n < N; ++n)
      for (int64_t k = 0; k < K; ++k) w[k * N + n] = ((const float *)t.data)[n * K + k];
    if (!st) lb_tensor_free(&t);
  }
  if (st) goto out;
  for (int64_t k = 0; k < K; ++k) mean += L->H[k * K + k] / (double)K;
  for (int64_t k = 0; k < K; ++k) {
    if (L->H[k * K + k] == 0) { /* a dead input: its weights do not matter */
      L->H[k * K + k] = 1;
      for (int64_t n = 0; n < N; ++n) w[k * N + n] = 0;
    }
    L->H[k * K + k] += 0.01 * (mean > 0 ? mean : 1);
  }
  double tmax = 0;
  for (int64_t n = 0; n < N; ++n) {
    double mx = 0;
    for (int64_t k = 0; k < K; ++k) mx = fmax(mx, fabs(w[k * N + n]));
    scales[n] = (float)(mx / qmax);
    tmax = fmax(tmax, mx);
  }
  for (int64_t n = 0; n < N; ++n) {
    if (per_tensor) scales[n] = (float)(tmax / qmax);
    if (!(scales[n] >= 1e-30f)) scales[n] = 1.0f; /* an all-zero (or subnormal) channel: codes 0 */
  }
  /* act order: the inputs with the largest H_kk (the most energy) first, so
   * the rest absorb their rounding errors */
  perm = malloc(sizeof *perm * (size_t)K);
  double *hp = malloc(sizeof *hp * (size_t)(K * K)), *wp = malloc(sizeof *wp * (size_t)(K * N));
  if (!perm || !hp || !wp) {
    free(hp);
    free(wp);
    st = LB_ERROR(LB_STATUS_RESOURCE_EXHAUSTED, "out of memory");
    goto out;
  }
  for (int64_t k = 0; k < K; ++k) perm[k] = k;
  lb_gptq_sort_h = L->H;
  lb_gptq_sort_k = K;
  qsort(perm, (size_t)K, sizeof *perm, lb_gptq_by_diag);
  for (int64_t i = 0; i < K; ++i) {
    for (int64_t j = 0; j < K; ++j) hp[i * K + j] = L->H[perm[i] * K + perm[j]];
    for (int64_t n = 0; n < N; ++n) wp[i * N + n] = w[perm[i] * N + n];
  }
  bool ok = lb_inverse_chol_upper(hp, K, u, tmp);
  free(hp);
  if (!ok) {
    free(wp);
    st = lb_op_error(L->op, LB_STATUS_INVALID_ARGUMENT, "lb-gptq: the input Hessian is not positive definite");
    goto out;
  }
  for (int64_t n = 0; n < N; ++n) {
    double s = scales[n];
    for (int64_t k = 0; k < K; ++k) {
      double v = wp[k * N + n], q = nearbyint(v / s);
      q = q > qmax ? qmax : q < -qmax ? -qmax : q;
      double e = (v - q * s) / u[k * K + k];
      for (int64_t j = k + 1; j < K; ++j) wp[j * N + n] -= e * u[k * K + j];
      wp[k * N + n] = (double)(float)(q * (double)scales[n]);
    }
  }
  for (int64_t i = 0; i < K; ++i)
    for (int64_t n = 0; n < N; ++n) w[perm[i] * N + n] = wp[i * N + n];
  free(wp);
  if (L->conv) {
    double *o = malloc(sizeof *o * (size_t)(K * N));
    int64_t dims[4] = {N, L->C, L->KH, L->KW};
    if (!o) st = LB_ERROR(LB_STATUS_RESOURCE_EXHAUSTED, "out of memory");
    for (int64_t n = 0; !st && n < N; ++n)
      for (int64_t k = 0; k < K; ++k) o[n * K + k] = w[k * N + n];
    if (!st) st = lb_replace_const_operand(L->op, 1, 4, dims, o);
    free(o);
  } else {
    st = lb_linear_write_weight(L->op, &L->l, w);
  }
  if (!st) {
    MlirContext ctx = mlirOperationGetContext(L->op);
    mlirOperationSetDiscardableAttributeByName(L->op, mlirStringRefCreateFromCString(LB_ATTR_WEIGHT_SCALES),
                                               mlirDenseF32ArrayGet(ctx, N, scales));
  }
out:
  free(w);
  free(u);
  free(tmp);
  free(scales);
  free(perm);
  return st;
}

static bool lb_in_list(const char *list, const char *name) {
  size_t n = strlen(name);
  for (const char *p = list; p && *p;) {
    const char *e = strchr(p, ',');
    size_t len = e ? (size_t)(e - p) : strlen(p);
    if (len == n && !strncmp(p, name, n)) return true;
    p = e ? e + 1 : NULL;
  }
  return false;
}

lb_status_t lb_pass_gptq(MlirModule module, const lb_pass_options_t *options) {
  MlirOperation func = lb_module_get_func(module);
  if (mlirOperationIsNull(func)) return LB_OK;
  int bits = (int)lb_pass_option_int(options, "bits", 8);
  bool per_tensor = lb_pass_option_int(options, "per_tensor", 0) != 0;
  const char *skip = lb_pass_option(options, "skip"), *spec = lb_pass_option(options, "data");
  if (bits < 2 || bits > 8) return LB_ERROR(LB_STATUS_INVALID_ARGUMENT, "bits must be 2..8, got %d", bits);
  if (!spec || !*spec) return LB_ERROR(LB_STATUS_INVALID_ARGUMENT, "needs data=NAME:FILE.npy[,...] (calibration inputs)");
  int32_t cap = 16, nl = 0, nobs = 0;
  lb_gptq_ctx_t c = {calloc((size_t)cap, sizeof(lb_gptq_layer_t)), 0};
  MlirOperation *obs = calloc((size_t)cap, sizeof(MlirOperation));
  lb_status_t st = c.layers && obs ? LB_OK : LB_ERROR(LB_STATUS_RESOURCE_EXHAUSTED, "out of memory");
  MlirBlock body = lb_func_get_body(func);
  for (MlirOperation op = mlirBlockGetFirstOperation(body); !mlirOperationIsNull(op) && !st;
       op = mlirOperationGetNextInBlock(op)) {
    lb_linear_t l;
    char name[256];
    bool conv = false;
    lb_window_attrs_t wa;
    int32_t xr = 0, wr = 0;
    int64_t xd[LB_MAX_RANK], wd[LB_MAX_RANK], yd[LB_MAX_RANK];
    if (lb_op_get_kind(op) == LB_OP_CONV2D) {
      /* a conv with a constant f32 weight, one group, and a static image */
      int32_t yr;
      MlirValue wv = lb_op_operand(op, 1);
      if (!lb_value_is_constant(wv) || lb_value_dtype(wv) != LB_DT_F32 || lb_window_attrs_get(op, &wa) || wa.group != 1 ||
          !lb_type_get_shape(mlirValueGetType(lb_op_operand(op, 0)), &xr, xd) || xr != 4 ||
          !lb_type_get_shape(mlirValueGetType(wv), &wr, wd) || wr != 4 ||
          !lb_type_get_shape(mlirValueGetType(lb_op_result(op)), &yr, yd) || yr != 4 || xd[1] == LB_DYN ||
          xd[2] == LB_DYN || xd[3] == LB_DYN || yd[2] == LB_DYN || yd[3] == LB_DYN)
        continue;
      memset(&l, 0, sizeof l);
      l.K = wd[1] * wd[2] * wd[3];
      l.N = wd[0];
      conv = true;
    } else if (!lb_linear_match(op, &l)) {
      continue;
    }
    if (!lb_op_has_traits(op, LB_TRAIT_QUANTIZABLE)) continue;
    if (lb_location_name(mlirOperationGetLocation(op), name, sizeof name) && lb_in_list(skip, name)) continue;
    if (l.K > 8192) continue; /* the K x K Hessian and its inverse: too large to keep */
    if (nl == cap) {
      cap *= 2;
      lb_gptq_layer_t *g = realloc(c.layers, sizeof *g * (size_t)cap);
      MlirOperation *o = g ? realloc(obs, sizeof *o * (size_t)cap) : NULL;
      if (g) c.layers = g;
      if (o) obs = o;
      if (!g || !o) {
        st = LB_ERROR(LB_STATUS_RESOURCE_EXHAUSTED, "out of memory");
        break;
      }
    }
    lb_gptq_layer_t *L = &c.layers[nl++];
    memset(L, 0, sizeof *L);
    L->op = op;
    L->l = l;
    L->conv = conv;
    if (conv) {
      L->wa = wa;
      L->C = xd[1], L->IH = xd[2], L->IW = xd[3], L->KH = wd[2], L->KW = wd[3], L->OH = yd[2], L->OW = yd[3];
    }
    L->H = calloc((size_t)(l.K * l.K), sizeof(double));
    if (!L->H) {
      st = LB_ERROR(LB_STATUS_RESOURCE_EXHAUSTED, "out of memory");
      break;
    }
    MlirValue x = lb_op_operand(op, 0);
    MlirOperation def = lb_value_def(x);
    if (mlirOperationIsNull(def)) {
      L->src = -1 - (int)mlirBlockArgumentGetArgNumber(x);
      continue;
    }
    L->src = -1;
    for (int32_t k = 0; k < nobs && L->src < 0; ++k)
      if (mlirOperationEqual(obs[k], def)) L->src = k;
    if (L->src < 0) {
      obs[nobs] = def;
      L->src = nobs++;
    }
  }
  c.nl = nl;
  /* the calibration data */
  char *copy = st || !nl ? NULL : strdup(spec), *names[64];
  lb_tensor_t data[64];
  int32_t nd = 0;
  if (!st && nl && !copy) st = LB_ERROR(LB_STATUS_RESOURCE_EXHAUSTED, "out of memory");
  for (char *save = NULL, *tok = copy ? strtok_r(copy, ",", &save) : NULL; tok && !st; tok = strtok_r(NULL, ",", &save)) {
    char *colon = strrchr(tok, ':');
    if (!colon || colon == tok || !colon[1] || nd == 64) {
      st = LB_ERROR(LB_STATUS_INVALID_ARGUMENT, "bad data entry '%s' (want NAME:FILE.npy)", tok);
      break;
    }
    *colon = 0;
    names[nd] = tok;
    st = lb_npy_read(colon + 1, &data[nd]);
    if (!st) nd++;
  }
  for (int32_t l = 0; l < nl && !st; ++l) {
    lb_gptq_layer_t *L = &c.layers[l];
    if (L->src >= 0) continue;
    char n[1024];
    lb_func_input_name(func, -1 - L->src, n, sizeof n);
    for (int32_t j = 0; j < nd; ++j)
      if (!strcmp(names[j], n) && data[j].dtype == LB_DT_F32) lb_gptq_accumulate(L, data[j].data, lb_tensor_count(&data[j]));
  }
  if (!st && nobs) st = lb_calibrate_values(module, (const char *const *)names, data, nd, obs, nobs, lb_gptq_observe, &c);
  for (int32_t l = 0; l < nl && !st; ++l) st = lb_gptq_layer(&c.layers[l], bits, per_tensor);
  if (!st) lb_func_erase_dead(func);
  for (int32_t i = 0; i < nd; ++i) lb_tensor_free(&data[i]);
  for (int32_t l = 0; l < nl; ++l) free(c.layers[l].H);
  free(c.layers);
  free(obs);
  free(copy);
  return st;
}
