/* lb-smooth{data=NAME:FILE.npy,... alpha=A|auto bits=Y wbits=X}: SmoothQuant
 * scale migration (Xiao et al. 2023), with AWQ's per-layer search of the
 * exponent (Lin et al. 2024), keeping the float function.
 *
 * For the activation h [..., K] entering linear layers y_i = h W_i, and a
 * per-channel s > 0,
 *
 *   h W_i = (h diag(s)^-1) (diag(s) W_i),
 *
 * with s_j = max|h_j|^a / max_i max_n |W_i[j, n]|^(1 - a) (max|h_j| over the
 * calibration data): channels with large activations move part of their
 * range into the weights, which per-output-channel quantization absorbs.
 * 1 / s is folded into h's producer, so nothing runs online:
 *   - a LayerNorm / RMSNorm over the last axis with a constant gain (and
 *     bias): gain / s (and bias / s);
 *   - a linear layer (matmul / gemm with a constant weight), optionally
 *     followed by the add of a constant bias and a ReLU (positive
 *     homogeneous: relu(z) / s = relu(z / s)): its output columns / s.
 * Every user of h must be a linear layer with a constant weight reading it
 * as its input; each gets rows j times s_j. Channels where either maximum
 * is 0 (or s is not finite) keep s_j = 1.
 *
 * alpha=auto picks, per group, the a in {0, 0.05, ..., 1} (or no smoothing)
 * whose simulated quantization error sum_i ||Q(h / s) Q(diag(s) W_i) - h W_i||^2
 * is least, over up to 512 rows of h drawn uniformly (seeded reservoir
 * sampling) from the calibration data: Q(h / s) per-tensor asymmetric at `bits` bits from its min/max,
 * Q(diag(s) W_i) symmetric per output channel at `wbits` bits. Run after
 * lb-fold-norm and lb-rotate, before lb-calibrate. */
#include <float.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ir/lb_op.h"
#include "passes/calibrate.h"
#include "passes/linear.h"
#include "passes/passes.h"
#include "support/npy.h"

#define LB_SMOOTH_MAX_USERS 16
#define LB_SMOOTH_SAMPLE_ROWS 512

typedef enum { LB_SRC_NORM, LB_SRC_LINEAR } lb_src_kind_t;

typedef struct lb_smooth_group_s {
  lb_src_kind_t kind;
  MlirOperation src;  /* the norm, or the linear layer */
  MlirOperation bias; /* LB_SRC_LINEAR: the add of a constant bias after it, or null */
  MlirOperation tail; /* the op whose result h the users read */
  int64_t K;
  MlirOperation users[LB_SMOOTH_MAX_USERS];
  int nusers;
  /* calibration statistics */
  double *absmax; /* K */
  float *rows;    /* up to LB_SMOOTH_SAMPLE_ROWS rows of h, a uniform sample (reservoir) */
  int64_t nrows, seen;
  uint64_t rng;   /* the sample's seeded generator */
} lb_smooth_group_t;

static void lb_group_free(lb_smooth_group_t *g) {
  free(g->absmax);
  free(g->rows);
}

/* A constant of K elements broadcast along the last axis ([K], [1, .., K]). */
static bool lb_is_row_const(MlirValue v, int64_t K) {
  int32_t r;
  int64_t d[LB_MAX_RANK];
  if (!lb_value_is_constant(v) || lb_value_dtype(v) != LB_DT_F32 || lb_value_count(v) != K ||
      !lb_type_get_shape(mlirValueGetType(v), &r, d) || r < 1 || d[r - 1] != K)
    return false;
  return true;
}

static int64_t lb_last(MlirValue v) {
  int32_t r;
  int64_t d[LB_MAX_RANK];
  if (lb_value_dtype(v) != LB_DT_F32 || !lb_type_get_shape(mlirValueGetType(v), &r, d) || r < 1) return -1;
  return d[r - 1];
}

/* The users of h, if all are linear layers reading it as their input. */
static bool lb_linear_users(MlirValue h, int64_t K, lb_smooth_group_t *g) {
  g->nusers = 0;
  for (MlirOpOperand u = mlirValueGetFirstUse(h); !mlirOpOperandIsNull(u); u = mlirOpOperandGetNextUse(u)) {
    MlirOperation o = mlirOpOperandGetOwner(u);
    lb_linear_t l;
    if (mlirOpOperandGetOperandNumber(u) != 0 || !lb_linear_match(o, &l) || l.K != K ||
        g->nusers == LB_SMOOTH_MAX_USERS)
      return false;
    bool seen = false;
    for (int i = 0; i < g->nusers; ++i) seen = seen || mlirOperationEqual(g->users[i], o);
    if (!seen) g->users[g->nusers++] = o;
  }
  return g->nusers > 0;
}

/* Whether `tail` ends a producer the scales fold into (see the header). */
static bool lb_match_group(MlirOperation tail, lb_smooth_group_t *g) {
  memset(g, 0, sizeof *g);
  if (mlirOperationGetNumResults(tail) != 1) return false;
  MlirValue h = lb_op_result(tail);
  int64_t K = lb_last(h);
  if (K < 1 || !lb_linear_users(h, K, g)) return false;
  g->tail = tail;
  g->K = K;
  lb_op_kind_t k = lb_op_get_kind(tail);
  if (k == LB_OP_LAYER_NORM || k == LB_OP_RMS_NORM) {
    int32_t r;
    int64_t d[LB_MAX_RANK];
    lb_type_get_shape(mlirValueGetType(h), &r, d);
    int64_t axis = lb_op_get_int(tail, LB_ATTR_AXIS, -1);
    if (axis < 0) axis += r;
    if (axis != r - 1 || !lb_is_row_const(lb_op_operand(tail, 1), K)) return false;
    if (k == LB_OP_LAYER_NORM && mlirOperationGetNumOperands(tail) > 2 && !lb_is_row_const(lb_op_operand(tail, 2), K))
      return false;
    g->kind = LB_SRC_NORM;
    g->src = tail;
    return true;
  }
  MlirOperation op = tail;
  if (k == LB_OP_RELU) {
    MlirValue in = lb_op_operand(op, 0);
    op = lb_value_def(in);
    if (mlirOperationIsNull(op) || !lb_value_has_single_use(in)) return false;
  }
  if (lb_op_get_kind(op) == LB_OP_ADD) {
    MlirValue a = lb_op_operand(op, 0), c = lb_op_operand(op, 1);
    if (lb_value_is_constant(a)) {
      MlirValue t = a;
      a = c;
      c = t;
    }
    MlirOperation m = lb_value_def(a);
    if (!lb_is_row_const(c, K) || lb_last(lb_op_result(op)) != K || mlirOperationIsNull(m) ||
        !lb_value_has_single_use(a))
      return false;
    g->bias = op;
    op = m;
  }
  lb_linear_t l;
  if (!lb_linear_match(op, &l) || l.N != K || (!mlirOperationEqual(op, tail) && !lb_value_has_single_use(lb_op_result(op))))
    return false;
  g->kind = LB_SRC_LINEAR;
  g->src = op;
  return true;
}

/* ---- calibration statistics ---- */

typedef struct {
  lb_smooth_group_t *groups;
} lb_smooth_obs_t;

static void lb_smooth_observe(void *user, int32_t k, const float *v, int64_t n) {
  lb_smooth_group_t *g = &((lb_smooth_obs_t *)user)->groups[k];
  int64_t K = g->K, rows = n / K;
  for (int64_t r = 0; r < rows; ++r, ++g->seen) {
    const float *row = v + r * K;
    for (int64_t j = 0; j < K; ++j) {
      double a = fabs((double)row[j]);
      if (a > g->absmax[j]) g->absmax[j] = a;
    }
    if (g->nrows < LB_SMOOTH_SAMPLE_ROWS) {
      memcpy(g->rows + g->nrows++ * K, row, sizeof(float) * (size_t)K);
    } else {
      /* reservoir sampling: row `seen` replaces a kept one with probability CAP / (seen + 1) */
      uint64_t z = (g->rng += 0x9E3779B97F4A7C15ull);
      z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
      z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
      uint64_t j = (z ^ (z >> 31)) % (uint64_t)(g->seen + 1);
      if (j < LB_SMOOTH_SAMPLE_ROWS) memcpy(g->rows + (int64_t)j * K, row, sizeof(float) * (size_t)K);
    }
  }
}

/* ---- the scales ---- */

static void lb_scales(const lb_smooth_group_t *g, const double *wmax, double alpha, double *s) {
  for (int64_t j = 0; j < g->K; ++j) {
    double x = g->absmax[j], w = wmax[j], v = pow(x, alpha) / pow(w, 1.0 - alpha);
    s[j] = x > 0 && w > 0 && isfinite(v) && v > 1e-30 && v < 1e30 ? v : 1.0;
  }
}

/* sum_i ||Q(h / s) Q(diag(s) W_i) - h W_i||^2 over the sampled rows. */
static double lb_smooth_error(const lb_smooth_group_t *g, double *const *w, const lb_linear_t *ls, const double *s,
                              int bits, int wbits, double *xq, double *wq) {
  int64_t K = g->K, M = g->nrows;
  double lo = 0, hi = 0;
  for (int64_t i = 0; i < M * K; ++i) {
    double v = g->rows[i] / s[i % K];
    lo = v < lo ? v : lo;
    hi = v > hi ? v : hi;
  }
  double qn = (double)((1 << bits) - 1), step = (hi - lo) / qn;
  if (!(step > 0)) step = 1;
  double zp = nearbyint(-lo / step);
  for (int64_t i = 0; i < M * K; ++i) {
    double q = nearbyint(g->rows[i] / s[i % K] / step) + zp;
    q = q < 0 ? 0 : q > qn ? qn : q;
    xq[i] = (q - zp) * step * s[i % K]; /* h, as the quantized layer sees it (times s: W_i's basis) */
  }
  double err = 0, wqmax = (double)((1 << (wbits - 1)) - 1);
  for (int u = 0; u < g->nusers; ++u) {
    int64_t N = ls[u].N;
    for (int64_t n = 0; n < N; ++n) {
      double mx = 0;
      for (int64_t k = 0; k < K; ++k) mx = fmax(mx, fabs(w[u][k * N + n] * s[k]));
      double sc = mx > 0 ? mx / wqmax : 1;
      for (int64_t k = 0; k < K; ++k) {
        double q = nearbyint(w[u][k * N + n] * s[k] / sc);
        wq[k] = (q < -wqmax ? -wqmax : q > wqmax ? wqmax : q) * sc / s[k];
      }
      for (int64_t m = 0; m < M; ++m) {
        double a = 0, b = 0;
        for (int64_t k = 0; k < K; ++k) {
          a += xq[m * K + k] * wq[k];
          b += (double)g->rows[m * K + k] * w[u][k * N + n];
        }
        err += (a - b) * (a - b);
      }
    }
  }
  return err;
}

/* ---- folding ---- */

/* Operand i of op (a constant over the last axis) times f[j]. */
static lb_status_t lb_scale_row_const(MlirOperation op, intptr_t i, const double *f, int64_t K) {
  lb_tensor_t t;
  LB_RETURN_IF_ERROR(lb_value_view_constant(lb_op_operand(op, i), &t));
  int64_t n = lb_tensor_count(&t);
  double *v = malloc(sizeof *v * (size_t)n);
  lb_status_t st = v ? LB_OK : LB_ERROR(LB_STATUS_RESOURCE_EXHAUSTED, "out of memory");
  for (int64_t k = 0; k < n && v; ++k) v[k] = ((const float *)t.data)[k] * f[k % K];
  if (!st) st = lb_replace_const_operand(op, i, t.rank, t.dims, v);
  free(v);
  lb_tensor_free(&t);
  return st;
}

static lb_status_t lb_smooth_apply(lb_smooth_group_t *g, const double *s) {
  int64_t K = g->K;
  double *inv = malloc(sizeof *inv * (size_t)K);
  if (!inv) return LB_ERROR(LB_STATUS_RESOURCE_EXHAUSTED, "out of memory");
  for (int64_t j = 0; j < K; ++j) inv[j] = 1.0 / s[j];
  lb_status_t st = LB_OK;
  if (g->kind == LB_SRC_NORM) {
    st = lb_scale_row_const(g->src, 1, inv, K);
    if (!st && lb_op_get_kind(g->src) == LB_OP_LAYER_NORM && mlirOperationGetNumOperands(g->src) > 2)
      st = lb_scale_row_const(g->src, 2, inv, K);
  } else {
    lb_linear_t l;
    double *w = NULL, *b = NULL;
    lb_linear_match(g->src, &l);
    st = lb_linear_read_weight(g->src, &l, &w);
    for (int64_t k = 0; !st && k < l.K; ++k)
      for (int64_t n = 0; n < K; ++n) w[k * K + n] *= inv[n];
    if (!st) st = lb_linear_write_weight(g->src, &l, w);
    if (!st && l.has_bias && !(st = lb_linear_read_bias(g->src, &l, &b))) {
      for (int64_t n = 0; n < K; ++n) b[n] *= inv[n];
      int64_t nd[1] = {K};
      st = lb_replace_const_operand(g->src, 2, 1, nd, b);
    }
    if (!st && !mlirOperationIsNull(g->bias))
      st = lb_scale_row_const(g->bias, lb_value_is_constant(lb_op_operand(g->bias, 1)) ? 1 : 0, inv, K);
    free(w);
    free(b);
  }
  for (int u = 0; u < g->nusers && !st; ++u) {
    lb_linear_t l;
    double *w = NULL;
    lb_linear_match(g->users[u], &l);
    st = lb_linear_read_weight(g->users[u], &l, &w);
    for (int64_t k = 0; !st && k < K; ++k)
      for (int64_t n = 0; n < l.N; ++n) w[k * l.N + n] *= s[k];
    if (!st) st = lb_linear_write_weight(g->users[u], &l, w);
    free(w);
  }
  free(inv);
  return st;
}

/* ---- the pass ---- */

static lb_status_t lb_smooth_group(lb_smooth_group_t *g, bool automatic, double alpha, int bits, int wbits,
                                   double *chosen) {
  int64_t K = g->K;
  lb_linear_t ls[LB_SMOOTH_MAX_USERS];
  double *w[LB_SMOOTH_MAX_USERS] = {0}, *wmax = calloc((size_t)K, sizeof *wmax), *s = malloc(sizeof *s * (size_t)K);
  double *xq = NULL, *wq = NULL, *one = malloc(sizeof *one * (size_t)K);
  int64_t maxn = 0;
  lb_status_t st = wmax && s && one ? LB_OK : LB_ERROR(LB_STATUS_RESOURCE_EXHAUSTED, "out of memory");
  for (int u = 0; u < g->nusers && !st; ++u) {
    lb_linear_match(g->users[u], &ls[u]);
    st = lb_linear_read_weight(g->users[u], &ls[u], &w[u]);
    for (int64_t k = 0; !st && k < K; ++k)
      for (int64_t n = 0; n < ls[u].N; ++n) wmax[k] = fmax(wmax[k], fabs(w[u][k * ls[u].N + n]));
    if (ls[u].N > maxn) maxn = ls[u].N;
  }
  *chosen = alpha;
  if (!st && automatic) {
    xq = malloc(sizeof *xq * (size_t)(g->nrows * K + 1));
    wq = malloc(sizeof *wq * (size_t)(K + 1));
    if (!xq || !wq) st = LB_ERROR(LB_STATUS_RESOURCE_EXHAUSTED, "out of memory");
    for (int64_t j = 0; j < K && one; ++j) one[j] = 1.0;
    double best = st ? 0 : lb_smooth_error(g, w, ls, one, bits, wbits, xq, wq);
    *chosen = -1; /* no smoothing, unless an exponent does better */
    for (int a = 0; a <= 20 && !st; ++a) {
      lb_scales(g, wmax, a / 20.0, s);
      double e = lb_smooth_error(g, w, ls, s, bits, wbits, xq, wq);
      if (e < best) {
        best = e;
        *chosen = a / 20.0;
      }
    }
  }
  if (!st && *chosen >= 0) {
    lb_scales(g, wmax, *chosen, s);
    st = lb_smooth_apply(g, s);
  }
  for (int u = 0; u < g->nusers; ++u) free(w[u]);
  free(wmax);
  free(s);
  free(one);
  free(xq);
  free(wq);
  return st;
}

lb_status_t lb_pass_smooth(MlirModule module, const lb_pass_options_t *options) {
  MlirOperation func = lb_module_get_func(module);
  if (mlirOperationIsNull(func)) return LB_OK;
  if (lb_module_is_quantized(module))
    return LB_ERROR(LB_STATUS_INVALID_ARGUMENT, "lb-smooth smooths float models (before lb-quantize); this module is already quantized");
  const char *a = lb_pass_option(options, "alpha");
  bool automatic = !strcmp(a, "auto");
  double alpha = 0;
  if (!automatic) {
    /* plain decimals only: digits with at most one '.' (no sign, spaces, hex or exponent) */
    int dots = 0;
    bool plain = *a != 0;
    for (const char *c = a; *c && plain; ++c) plain = (*c >= '0' && *c <= '9') || (*c == '.' && ++dots == 1);
    char *end;
    alpha = plain ? strtod(a, &end) : -1;
    if (!plain || end == a || *end || !(alpha >= 0 && alpha <= 1))
      return LB_ERROR(LB_STATUS_INVALID_ARGUMENT, "alpha must be auto or a number in [0, 1], got '%s'", a);
  }
  int bits = (int)lb_pass_option_int(options, "bits", 8), wbits = (int)lb_pass_option_int(options, "wbits", 8);
  if (bits < 2 || bits > 16 || wbits < 2 || wbits > 8)
    return LB_ERROR(LB_STATUS_INVALID_ARGUMENT, "bits must be in 2..16 and wbits in 2..8, got %d and %d", bits, wbits);
  const char *spec = lb_pass_option(options, "data");
  if (!spec || !*spec) return LB_ERROR(LB_STATUS_INVALID_ARGUMENT, "needs data=NAME:FILE.npy[,...] (calibration inputs)");
  /* the groups */
  int32_t ng = 0, cap = 16;
  lb_smooth_group_t *groups = malloc(sizeof *groups * (size_t)cap);
  MlirOperation *tails = malloc(sizeof *tails * (size_t)cap);
  lb_status_t st = groups && tails ? LB_OK : LB_ERROR(LB_STATUS_RESOURCE_EXHAUSTED, "out of memory");
  for (MlirOperation op = mlirBlockGetFirstOperation(lb_func_get_body(func)); !mlirOperationIsNull(op) && !st;
       op = mlirOperationGetNextInBlock(op)) {
    if (ng == cap) {
      cap *= 2;
      lb_smooth_group_t *ngp = realloc(groups, sizeof *groups * (size_t)cap);
      if (ngp) groups = ngp;
      MlirOperation *nt = ngp ? realloc(tails, sizeof *tails * (size_t)cap) : NULL;
      if (nt) tails = nt;
      if (!ngp || !nt) {
        st = LB_ERROR(LB_STATUS_RESOURCE_EXHAUSTED, "out of memory");
        break;
      }
    }
    if (!lb_match_group(op, &groups[ng])) continue;
    lb_smooth_group_t *g = &groups[ng];
    g->absmax = calloc((size_t)g->K, sizeof *g->absmax);
    g->rows = malloc(sizeof *g->rows * (size_t)(LB_SMOOTH_SAMPLE_ROWS * g->K));
    if (!g->absmax || !g->rows) {
      lb_group_free(g);
      st = LB_ERROR(LB_STATUS_RESOURCE_EXHAUSTED, "out of memory");
      break;
    }
    tails[ng++] = op;
  }
  /* the calibration data, and the statistics of every group's h */
  char *copy = st || !ng ? NULL : strdup(spec), *names[64];
  lb_tensor_t data[64];
  int32_t nd = 0;
  if (!st && ng && !copy) st = LB_ERROR(LB_STATUS_RESOURCE_EXHAUSTED, "out of memory");
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
  if (!st && ng) {
    for (int32_t i = 0; i < ng; ++i) groups[i].rng = 0x5eed0000u + (uint64_t)i;
    lb_smooth_obs_t obs = {groups};
    st = lb_calibrate_values(module, (const char *const *)names, data, nd, tails, ng, lb_smooth_observe, &obs);
  }
  for (int32_t i = 0; i < ng && !st; ++i) {
    double chosen;
    st = lb_smooth_group(&groups[i], automatic, alpha, bits, wbits, &chosen);
  }
  if (!st) lb_func_erase_dead(func);
  for (int32_t i = 0; i < nd; ++i) lb_tensor_free(&data[i]);
  for (int32_t i = 0; i < ng; ++i) lb_group_free(&groups[i]);
  free(copy);
  free(groups);
  free(tails);
  return st;
}
