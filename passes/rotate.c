/* lb-rotate{rotation=hadamard|random-hadamard[:SEED]|FILE.npy online=0|1}:
 * orthogonal rotations fused into the weights (QuaRot, Ashkboos et al.
 * 2024; SpinQuant, Liu et al. 2024), keeping the float function.
 *
 * For an orthogonal Q (Q Q^T = I), y = x W = (x Q)(Q^T W). A rotation
 * spreads a few large channels of x over all of them, so the rotated
 * activations and weights have flatter ranges and quantize with less error.
 *
 * The residual stream. Starting from each graph input whose last dim D
 * feeds a LayerNorm / RMSNorm, the stream is the set of values joined to it
 * by adds and subs over [..., D] (residual connections, biases). Every
 * stream value is carried rotated, v Q:
 *   - a linear layer writing into the stream (matmul / gemm with a constant
 *     weight, and the constant bias added to it) gets W Q and b Q;
 *   - a linear layer reading the stream gets Q^T W;
 *   - a LayerNorm with gain 1 and no bias (lb-fold-norm moved them into the
 *     next linear layers) reading the stream becomes an RMSNorm of the
 *     centered rotated value: with u = 1 / sqrt(D) and v = Q^T u,
 *     x - mean(x) = x (I - u u^T), so (x - mean(x)) Q = x' - (x' . v) v^T,
 *     whose RMS equals that of x - mean(x); the result is LN(x) Q and its
 *     linear users get Q^T W (an RMSNorm with gain 1 keeps its form:
 *     rms(x Q) = rms(x));
 *   - where the stream enters from something else (a graph input) x Q is
 *     computed online, and where a stream value is read by anything else (a
 *     graph output, an op this pass does not know) x' Q^T is.
 * With online=1 (the default) every other linear layer with a constant
 * weight (whose input the offline rotation cannot reach, such as the MLP
 * down-projection after GELU, or the attention output projection) gets an
 * online Walsh-Hadamard transform of its input, x H, and H W (H symmetric).
 *
 * Q is the normalized Walsh-Hadamard matrix H (Sylvester order; for a D
 * that is not a power of 2, block-diagonal with blocks of the largest power
 * of 2 dividing D; a stream of odd width is left unrotated), diag(s) H with
 * seeded random signs s (random-hadamard: the signs mix before H, so they
 * change the rotated values, not only their signs), or a D x D float32
 * matrix from a .npy file (for example SpinQuant's learned rotation),
 * checked orthogonal to 1e-4 (Q^T is used as its inverse). The
 * online transforms are lb.hadamard (O(D log D)) for the Hadamard kinds and
 * a float matmul marked lb.no_quant for a file. Weights are transformed in
 * double and rounded once. */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ir/lb_build.h"
#include "ir/lb_op.h"
#include "passes/linear.h"
#include "passes/passes.h"
#include "support/npy.h"

typedef enum { LB_ROT_HADAMARD, LB_ROT_FILE } lb_rot_kind_t;

#define LB_MAX_STREAMS 64

typedef struct lb_rotation_s {
  lb_rot_kind_t kind;
  int64_t D, block; /* block: of the Hadamard kinds */
  float *signs;     /* random-hadamard: Q = diag(signs) H; NULL for H */
  double *q;        /* file: Q, D x D row-major */
  char file[4096];
} lb_rotation_t;

static void lb_fwht(double *v, int64_t n, int64_t block) {
  double norm = 1.0 / sqrt((double)block);
  for (int64_t o = 0; o < n; o += block) {
    double *r = v + o;
    for (int64_t h = 1; h < block; h *= 2)
      for (int64_t i = 0; i < block; i += 2 * h)
        for (int64_t j = i; j < i + h; ++j) {
          double a = r[j], b = r[j + h];
          r[j] = a + b;
          r[j + h] = a - b;
        }
    for (int64_t i = 0; i < block; ++i) r[i] *= norm;
  }
}

static int64_t lb_pow2_block(int64_t d) { return d & -d; }

/* v <- v Q (transpose = 0) or v Q^T (1), v a row of D; tmp holds D. */
static void lb_rot_apply(const lb_rotation_t *r, double *v, double *tmp, int transpose) {
  int64_t D = r->D;
  if (r->kind == LB_ROT_HADAMARD) {
    /* Q = S H: v Q = (v S) H; v Q^T = (v H) S */
    if (!transpose && r->signs)
      for (int64_t j = 0; j < D; ++j) v[j] *= r->signs[j];
    lb_fwht(v, D, r->block);
    if (transpose && r->signs)
      for (int64_t j = 0; j < D; ++j) v[j] *= r->signs[j];
    return;
  }
  if (transpose) { /* (v Q^T)[j] = sum_i v[i] Q[j][i]: rows of Q */
    for (int64_t j = 0; j < D; ++j) {
      double acc = 0.0;
      const double *q = r->q + j * D;
      for (int64_t i = 0; i < D; ++i) acc += v[i] * q[i];
      tmp[j] = acc;
    }
  } else { /* (v Q)[j] = sum_i v[i] Q[i][j]: accumulated row by row, contiguous */
    for (int64_t j = 0; j < D; ++j) tmp[j] = 0.0;
    for (int64_t i = 0; i < D; ++i) {
      const double *q = r->q + i * D;
      double vi = v[i];
      for (int64_t j = 0; j < D; ++j) tmp[j] += vi * q[j];
    }
  }
  memcpy(v, tmp, sizeof *v * (size_t)D);
}

/* ---- the rotation ---- */

static uint64_t lb_splitmix(uint64_t *s) {
  uint64_t z = (*s += 0x9E3779B97F4A7C15ull);
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
  return z ^ (z >> 31);
}

static void lb_rotation_free(lb_rotation_t *r) {
  free(r->signs);
  free(r->q);
  r->signs = NULL;
  r->q = NULL;
}

/* Parses the option; a file is read (and its size checked) later, when D is
 * known. */
static lb_status_t lb_rotation_parse(const char *spec, lb_rotation_t *r, uint64_t *seed, bool *random) {
  memset(r, 0, sizeof *r);
  *random = false;
  *seed = 0;
  if (!strcmp(spec, "hadamard")) {
    r->kind = LB_ROT_HADAMARD;
    return LB_OK;
  }
  if (!strncmp(spec, "random-hadamard", 15) && (spec[15] == 0 || spec[15] == ':')) {
    r->kind = LB_ROT_HADAMARD;
    *random = true;
    if (spec[15] == ':') {
      /* a decimal uint64, written exactly: no sign, spaces or leading zeros */
      const char *s = spec + 16;
      char canon[32];
      bool digits = *s != 0 && strlen(s) <= 20;
      for (const char *c = s; digits && *c; ++c) digits = *c >= '0' && *c <= '9';
      if (digits) {
        errno = 0;
        *seed = strtoull(s, NULL, 10);
        snprintf(canon, sizeof canon, "%llu", (unsigned long long)*seed);
      }
      if (!digits || errno || strcmp(canon, s))
        return LB_ERROR(LB_STATUS_INVALID_ARGUMENT, "bad seed in rotation '%s' (a decimal number below 2^64)", spec);
    }
    return LB_OK;
  }
  size_t n = strlen(spec);
  if (n > 4 && n < sizeof r->file && !strcmp(spec + n - 4, ".npy")) {
    r->kind = LB_ROT_FILE;
    snprintf(r->file, sizeof r->file, "%s", spec);
    return LB_OK;
  }
  return LB_ERROR(LB_STATUS_INVALID_ARGUMENT,
                  "rotation must be hadamard, random-hadamard[:SEED] or a .npy file, got '%s'", spec);
}

/* Sets up a Hadamard Q for width D. */
static lb_status_t lb_rotation_init(lb_rotation_t *r, int64_t D, uint64_t seed, bool random) {
  r->D = D;
  r->block = lb_pow2_block(D); /* 1 for an odd D: the caller leaves that stream alone */
  if (random) {
    r->signs = malloc(sizeof *r->signs * (size_t)D);
    if (!r->signs) return LB_ERROR(LB_STATUS_RESOURCE_EXHAUSTED, "out of memory");
    uint64_t s = seed;
    for (int64_t j = 0; j < D; ++j) r->signs[j] = (lb_splitmix(&s) >> 63) ? -1.0f : 1.0f;
  }
  return LB_OK;
}

/* Reads Q from r->file (D from its shape) and checks it orthogonal. */
static lb_status_t lb_rotation_read_file(lb_rotation_t *r) {
  lb_tensor_t t;
  lb_status_t st = lb_npy_read(r->file, &t);
  if (st) {
    lb_status_t e = LB_ERROR(LB_STATUS_INVALID_ARGUMENT, "%s (a rotation is a float32 .npy: q.astype(numpy.float32))",
                             lb_status_message(st));
    lb_status_free(st);
    return e;
  }
  if (t.dtype != LB_DT_F32 || t.rank != 2 || t.dims[0] != t.dims[1] || t.dims[0] < 1) {
    st = LB_ERROR(LB_STATUS_INVALID_ARGUMENT, "%s: the rotation must be a square float32 matrix, got %s of rank %d",
                  r->file, lb_dtype_name(t.dtype), t.rank);
    goto out;
  }
  int64_t D = r->D = t.dims[0];
  r->q = malloc(sizeof *r->q * (size_t)(D * D));
  if (!r->q) {
    st = LB_ERROR(LB_STATUS_RESOURCE_EXHAUSTED, "out of memory");
    goto out;
  }
  const float *qd = t.data;
  for (int64_t i = 0; i < D * D; ++i) {
    r->q[i] = qd[i];
    if (!isfinite(r->q[i])) {
      st = LB_ERROR(LB_STATUS_INVALID_ARGUMENT, "%s: element %lld is not finite", r->file, (long long)i);
      goto out;
    }
  }
  double worst = 0.0;
  int64_t wi = 0, wj = 0;
  for (int64_t i = 0; i < D; ++i)
    for (int64_t j = 0; j <= i; ++j) {
      double acc = 0.0;
      for (int64_t k = 0; k < D; ++k) acc += r->q[i * D + k] * r->q[j * D + k];
      double dev = fabs(acc - (i == j ? 1.0 : 0.0));
      if (dev > worst) {
        worst = dev;
        wi = i;
        wj = j;
      }
    }
  if (worst > 1e-4)
    st = LB_ERROR(LB_STATUS_INVALID_ARGUMENT,
                  "%s: the rotation is not orthogonal: (Q Q^T)[%lld][%lld] is off by %.3g (tolerance 1e-4)", r->file,
                  (long long)wi, (long long)wj, worst);
out:
  lb_tensor_free(&t);
  return st;
}

/* ---- online transforms ---- */

static lb_builder_t lb_rotation_builder(lb_builder_t b) {
  b.loc = mlirLocationNameGet(b.ctx, mlirStringRefCreateFromCString("lb.rotation"), b.loc);
  return b;
}

static lb_status_t lb_rot_online(lb_builder_t *b0, const lb_rotation_t *r, MlirValue x, int transpose,
                                 MlirValue *out) {
  lb_builder_t bb = lb_rotation_builder(*b0), *b = &bb;
  int64_t D = r->D, d1[1] = {D};
  MlirValue v = x, s;
  if (r->kind == LB_ROT_HADAMARD) {
    double *sv = NULL;
    if (r->signs) {
      sv = malloc(sizeof *sv * (size_t)D);
      if (!sv) return LB_ERROR(LB_STATUS_RESOURCE_EXHAUSTED, "out of memory");
      for (int64_t j = 0; j < D; ++j) sv[j] = r->signs[j];
    }
    lb_status_t st = LB_OK;
    /* x Q = (x S) H; x Q^T = (x H) S */
    if (sv && !transpose) st = lb_build_f32_constant(b, 1, d1, sv, &s);
    if (!st && sv && !transpose) st = lb_build_binary(b, LB_OP_MUL, v, s, &v);
    if (!st) st = lb_build_hadamard(b, v, r->block, &v);
    if (!st && sv && transpose) st = lb_build_f32_constant(b, 1, d1, sv, &s);
    if (!st && sv && transpose) st = lb_build_binary(b, LB_OP_MUL, v, s, &v);
    free(sv);
    *out = v;
    return st;
  }
  double *m = malloc(sizeof *m * (size_t)(D * D));
  if (!m) return LB_ERROR(LB_STATUS_RESOURCE_EXHAUSTED, "out of memory");
  for (int64_t i = 0; i < D; ++i)
    for (int64_t j = 0; j < D; ++j) m[i * D + j] = transpose ? r->q[j * D + i] : r->q[i * D + j];
  int64_t d2[2] = {D, D};
  lb_status_t st = lb_build_f32_constant(b, 2, d2, m, &s);
  free(m);
  if (!st) st = lb_build_matmul(b, v, s, out);
  if (!st)
    mlirOperationSetDiscardableAttributeByName(lb_value_def(*out), mlirStringRefCreateFromCString(LB_ATTR_NO_QUANT),
                                               mlirUnitAttrGet(b->ctx));
  return st;
}

/* ---- the stream ---- */

typedef struct lb_vec_s {
  MlirValue *v;
  int64_t n, cap;
} lb_vec_t;

static bool lb_vec_has(const lb_vec_t *s, MlirValue v) {
  for (int64_t i = 0; i < s->n; ++i)
    if (mlirValueEqual(s->v[i], v)) return true;
  return false;
}

static lb_status_t lb_vec_add(lb_vec_t *s, MlirValue v) {
  if (lb_vec_has(s, v)) return LB_OK;
  if (s->n == s->cap) {
    int64_t cap = s->cap ? 2 * s->cap : 32;
    MlirValue *nv = realloc(s->v, sizeof *nv * (size_t)cap);
    if (!nv) return LB_ERROR(LB_STATUS_RESOURCE_EXHAUSTED, "out of memory");
    s->v = nv;
    s->cap = cap;
  }
  s->v[s->n++] = v;
  return LB_OK;
}

static int64_t lb_last_dim(MlirValue v) {
  int32_t r;
  int64_t d[LB_MAX_RANK];
  if (lb_value_dtype(v) != LB_DT_F32 || !lb_type_get_shape(mlirValueGetType(v), &r, d) || r < 1) return -1;
  return d[r - 1];
}

/* An add or sub over [..., D] on both sides: a stream op. */
static bool lb_is_stream_op(MlirOperation op, int64_t D) {
  lb_op_kind_t k = lb_op_get_kind(op);
  if (k != LB_OP_ADD && k != LB_OP_SUB) return false;
  return lb_last_dim(lb_op_operand(op, 0)) == D && lb_last_dim(lb_op_operand(op, 1)) == D &&
         lb_last_dim(lb_op_result(op)) == D;
}

static bool lb_is_linear(MlirOperation op) {
  lb_linear_t l;
  return lb_linear_match(op, &l);
}

/* A norm over the last axis only, with gain 1 and no bias. */
static bool lb_is_plain_norm(MlirOperation op, int64_t D) {
  lb_op_kind_t k = lb_op_get_kind(op);
  if (k != LB_OP_LAYER_NORM && k != LB_OP_RMS_NORM) return false;
  MlirValue x = lb_op_operand(op, 0);
  int32_t r;
  int64_t d[LB_MAX_RANK];
  if (!lb_type_get_shape(mlirValueGetType(x), &r, d) || lb_last_dim(x) != D) return false;
  int64_t axis = lb_op_get_int(op, LB_ATTR_AXIS, -1);
  if (axis < 0) axis += r;
  if (axis != r - 1) return false;
  if (k == LB_OP_LAYER_NORM && mlirOperationGetNumOperands(op) > 2) {
    lb_tensor_t b;
    lb_status_t bst = lb_value_view_constant(lb_op_operand(op, 2), &b);
    if (bst) {
      lb_status_free(bst);
      return false;
    }
    bool zero = b.dtype == LB_DT_F32;
    for (int64_t i = 0; zero && i < lb_tensor_count(&b); ++i) zero = ((const float *)b.data)[i] == 0.0f;
    lb_tensor_free(&b);
    if (!zero) return false;
  }
  lb_tensor_t g;
  lb_status_t st = lb_value_view_constant(lb_op_operand(op, 1), &g);
  if (st) {
    lb_status_free(st);
    return false;
  }
  bool one = g.dtype == LB_DT_F32;
  for (int64_t i = 0; one && i < lb_tensor_count(&g); ++i) one = ((const float *)g.data)[i] == 1.0f;
  lb_tensor_free(&g);
  return one;
}

/* ---- weights ---- */

typedef enum { LB_IN_NONE = 0, LB_IN_STREAM = 1, LB_IN_ONLINE = 2 } lb_in_rot_t;

typedef struct lb_weight_plan_s {
  MlirOperation op;
  lb_in_rot_t in;
  const lb_rotation_t *in_rot; /* LB_IN_STREAM: the stream's Q; LB_IN_ONLINE: the layer's own S H */
  const lb_rotation_t *out_rot; /* the result joins the stream, or NULL */
} lb_weight_plan_t;

typedef struct lb_rotate_s {
  MlirContext ctx;
  lb_weight_plan_t *plans;
  int64_t nplans, cap;
  lb_rotation_t *online; /* the online transforms' rotations, one per layer */
  int64_t nonline;
} lb_rotate_t;

static lb_weight_plan_t *lb_plan_of(lb_rotate_t *rs, MlirOperation op) {
  for (int64_t i = 0; i < rs->nplans; ++i)
    if (mlirOperationEqual(rs->plans[i].op, op)) return &rs->plans[i];
  if (rs->nplans == rs->cap) {
    int64_t cap = rs->cap ? 2 * rs->cap : 16;
    lb_weight_plan_t *np = realloc(rs->plans, sizeof *np * (size_t)cap);
    if (!np) return NULL;
    rs->plans = np;
    rs->cap = cap;
  }
  lb_weight_plan_t *p = &rs->plans[rs->nplans++];
  memset(p, 0, sizeof *p);
  p->op = op;
  return p;
}

/* Rows of D of a constant, each times Q: rotated into the stream. */
static lb_status_t lb_rotate_rows(const lb_rotation_t *r, MlirValue c, int transpose, double **out, lb_tensor_t *t) {
  LB_RETURN_IF_ERROR(lb_value_view_constant(c, t));
  int64_t n = lb_tensor_count(t), D = r->D;
  double *v = malloc(sizeof *v * (size_t)(n + D));
  if (!v) return LB_ERROR(LB_STATUS_RESOURCE_EXHAUSTED, "out of memory");
  for (int64_t i = 0; i < n; ++i) v[i] = ((const float *)t->data)[i];
  for (int64_t o = 0; o + D <= n; o += D) lb_rot_apply(r, v + o, v + n, transpose);
  *out = v;
  return LB_OK;
}

static lb_status_t lb_apply_plan(const lb_weight_plan_t *p) {
  MlirOperation op = p->op;
  lb_linear_t l;
  if (!lb_linear_match(op, &l)) return LB_ERROR(LB_STATUS_INTERNAL, "lb-rotate: a planned layer is no longer linear");
  int64_t K = l.K, N = l.N, big = K > N ? K : N;
  double *m = NULL, *col = malloc(sizeof *col * (size_t)(2 * big)), *bias = NULL;
  lb_status_t st = col ? lb_linear_read_weight(op, &l, &m) : LB_ERROR(LB_STATUS_RESOURCE_EXHAUSTED, "out of memory");
  if (st) goto out;
  /* input side, W <- A^T W: each column c becomes (c^T A)^T */
  if (p->in != LB_IN_NONE)
    for (int64_t n = 0; n < N; ++n) {
      for (int64_t k = 0; k < K; ++k) col[k] = m[k * N + n];
      lb_rot_apply(p->in_rot, col, col + big, 0);
      for (int64_t k = 0; k < K; ++k) m[k * N + n] = col[k];
    }
  /* output side, W <- W Q, and the bias b Q */
  if (p->out_rot)
    for (int64_t k = 0; k < K; ++k) lb_rot_apply(p->out_rot, m + k * N, col, 0);
  st = lb_linear_write_weight(op, &l, m);
  if (!st && p->out_rot && l.has_bias && !(st = lb_linear_read_bias(op, &l, &bias))) {
    lb_rot_apply(p->out_rot, bias, col, 0);
    int64_t nd[1] = {N};
    st = lb_replace_const_operand(op, 2, 1, nd, bias);
  }
out:
  free(m);
  free(col);
  free(bias);
  return st;
}

/* ---- one stream ---- */

/* The op after which a value is available: its definition, or (a block
 * argument) before the block's first op. */
static lb_builder_t lb_builder_after_def(MlirValue v, MlirBlock body) {
  MlirOperation def = lb_value_def(v);
  MlirOperation next = mlirOperationIsNull(def) ? mlirBlockGetFirstOperation(body) : mlirOperationGetNextInBlock(def);
  lb_builder_t b = lb_builder_before(next);
  if (!mlirOperationIsNull(def)) b.loc = mlirOperationGetLocation(def);
  return b;
}

typedef struct lb_use_s {
  MlirOperation owner;
  intptr_t operand;
} lb_use_t;

/* The uses of v, copied (the rewrite changes them). */
static lb_status_t lb_uses(MlirValue v, lb_use_t **out, int64_t *n) {
  int64_t c = 0;
  for (MlirOpOperand u = mlirValueGetFirstUse(v); !mlirOpOperandIsNull(u); u = mlirOpOperandGetNextUse(u)) ++c;
  *out = malloc(sizeof **out * (size_t)(c ? c : 1));
  if (!*out) return LB_ERROR(LB_STATUS_RESOURCE_EXHAUSTED, "out of memory");
  *n = 0;
  for (MlirOpOperand u = mlirValueGetFirstUse(v); !mlirOpOperandIsNull(u); u = mlirOpOperandGetNextUse(u))
    (*out)[(*n)++] = (lb_use_t){mlirOpOperandGetOwner(u), (intptr_t)mlirOpOperandGetOperandNumber(u)};
  return LB_OK;
}

/* The centered RMSNorm that replaces a plain LayerNorm reading the stream:
 * rms_norm(x' - (x' . v) v^T) with v = Q^T u, u = 1 / sqrt(D). */
static lb_status_t lb_rotated_layer_norm(lb_builder_t *b, const lb_rotation_t *r, MlirOperation ln, MlirValue *out) {
  int64_t D = r->D, d1[1] = {D};
  double *v = malloc(sizeof *v * (size_t)(2 * D));
  if (!v) return LB_ERROR(LB_STATUS_RESOURCE_EXHAUSTED, "out of memory");
  for (int64_t j = 0; j < D; ++j) v[j] = 1.0 / sqrt((double)D);
  lb_rot_apply(r, v, v + D, 0); /* v^T = u^T Q */
  MlirValue x = lb_op_operand(ln, 0), vc, dot, proj, u, ones;
  int32_t rank;
  int64_t dims[LB_MAX_RANK];
  if (!lb_type_get_shape(mlirValueGetType(x), &rank, dims)) {
    free(v);
    return lb_op_error(ln, LB_STATUS_INTERNAL, "lb-rotate: the norm's input is not a ranked tensor");
  }
  int64_t axis = rank - 1;
  lb_status_t st = lb_build_f32_constant(b, 1, d1, v, &vc);
  for (int64_t j = 0; j < D; ++j) v[j] = 1.0;
  if (!st) st = lb_build_f32_constant(b, 1, d1, v, &ones);
  free(v);
  if (!st) st = lb_build_binary(b, LB_OP_MUL, x, vc, &dot);
  if (!st) st = lb_build_reduce(b, LB_OP_REDUCE_SUM, dot, &axis, 1, true, &dot);
  if (!st) st = lb_build_binary(b, LB_OP_MUL, dot, vc, &proj);
  if (!st) st = lb_build_binary(b, LB_OP_SUB, x, proj, &u);
  if (!st)
    st = lb_build_layer_norm(b, LB_OP_RMS_NORM, u, ones, (MlirValue){NULL}, axis,
                             (float)lb_op_get_float(ln, LB_ATTR_EPSILON, 1e-5), out);
  return st;
}

/* Users of a rotated norm output: linear layers take Q^T W, the rest the
 * value rotated back. */
static lb_status_t lb_route_norm_output(lb_rotate_t *rs, const lb_rotation_t *r, MlirValue n, MlirValue n2,
                                        MlirBlock body) {
  lb_use_t *uses;
  int64_t nu;
  LB_RETURN_IF_ERROR(lb_uses(n, &uses, &nu));
  lb_status_t st = LB_OK;
  MlirValue back = {NULL};
  for (int64_t i = 0; i < nu && !st; ++i) {
    MlirOperation u = uses[i].owner;
    if (uses[i].operand == 0 && lb_is_linear(u)) {
      lb_weight_plan_t *p = lb_plan_of(rs, u);
      if (!p) st = LB_ERROR(LB_STATUS_RESOURCE_EXHAUSTED, "out of memory");
      else {
        p->in = LB_IN_STREAM;
        p->in_rot = r;
        mlirOperationSetOperand(u, uses[i].operand, n2);
      }
      continue;
    }
    if (mlirValueIsNull(back)) {
      lb_builder_t b = lb_builder_after_def(n2, body);
      st = lb_rot_online(&b, r, n2, 1, &back);
    }
    if (!st) mlirOperationSetOperand(u, uses[i].operand, back);
  }
  free(uses);
  return st;
}

/* An embedding lookup, gather(table, ids) on axis 0 of a constant [V, D]
 * table: rotating the table's rows rotates its result. */
static bool lb_is_embedding(MlirOperation op, int64_t D) {
  if (lb_op_get_kind(op) != LB_OP_GATHER || lb_op_get_int(op, LB_ATTR_AXIS, 0) != 0) return false;
  MlirValue t = lb_op_operand(op, 0);
  int32_t r;
  int64_t d[LB_MAX_RANK];
  return lb_value_is_constant(t) && lb_value_dtype(t) == LB_DT_F32 && lb_type_get_shape(mlirValueGetType(t), &r, d) &&
         r == 2 && d[1] == D;
}

/* Rotates the stream through `seed`; its members join `visited`. */
static lb_status_t lb_rotate_stream(lb_rotate_t *rs, const lb_rotation_t *r, MlirValue seed, MlirBlock body,
                                    lb_vec_t *visited) {
  int64_t D = r->D;
  lb_vec_t m = {0};
  lb_status_t st = lb_vec_add(&m, seed);
  /* the closure over adds and subs of [..., D] values, both ways */
  for (int64_t i = 0; i < m.n && !st; ++i) {
    MlirValue v = m.v[i];
    MlirOperation def = lb_value_def(v);
    if (!mlirOperationIsNull(def) && lb_is_stream_op(def, D))
      for (intptr_t k = 0; k < 2 && !st; ++k) st = lb_vec_add(&m, lb_op_operand(def, k));
    for (MlirOpOperand u = mlirValueGetFirstUse(v); !mlirOpOperandIsNull(u) && !st; u = mlirOpOperandGetNextUse(u)) {
      MlirOperation o = mlirOpOperandGetOwner(u);
      if (!lb_is_stream_op(o, D)) continue;
      for (intptr_t k = 0; k < 2 && !st; ++k) st = lb_vec_add(&m, lb_op_operand(o, k));
      if (!st) st = lb_vec_add(&m, lb_op_result(o));
    }
  }
  for (int64_t i = 0; i < m.n && !st; ++i) {
    MlirValue v = m.v[i], rv = v;
    MlirOperation def = lb_value_def(v);
    /* how v becomes v Q: in place (its producer's weights), or a new value
     * (computed online, or a rotated constant) that only the stream reads */
    bool in_place = false;
    if (!mlirOperationIsNull(def) && lb_is_stream_op(def, D)) {
      in_place = true;
    } else if (!mlirOperationIsNull(def) && lb_is_linear(def) && lb_last_dim(v) == D) {
      lb_weight_plan_t *p = lb_plan_of(rs, def);
      if (!p) st = LB_ERROR(LB_STATUS_RESOURCE_EXHAUSTED, "out of memory");
      else p->out_rot = r;
      in_place = true;
    } else if (!mlirOperationIsNull(def) && lb_is_embedding(def, D)) {
      /* the table's rows times Q, a new constant (a tied LM head keeps the old one) */
      lb_tensor_t t = {0};
      double *rot = NULL;
      st = lb_rotate_rows(r, lb_op_operand(def, 0), 0, &rot, &t);
      if (!st) st = lb_replace_const_operand(def, 0, t.rank, t.dims, rot);
      free(rot);
      lb_tensor_free(&t);
      in_place = true;
    } else if (!mlirOperationIsNull(def) && lb_op_get_kind(def) == LB_OP_CONSTANT) {
      lb_tensor_t t = {0};
      double *rot = NULL;
      st = lb_rotate_rows(r, v, 0, &rot, &t);
      if (!st) {
        lb_builder_t b = lb_builder_after_def(v, body);
        st = lb_build_f32_constant(&b, t.rank, t.dims, rot, &rv);
      }
      free(rot);
      lb_tensor_free(&t);
    } else {
      lb_builder_t b = lb_builder_after_def(v, body);
      st = lb_rot_online(&b, r, v, 0, &rv);
    }
    if (st) break;
    lb_use_t *uses;
    int64_t nu;
    st = lb_uses(v, &uses, &nu);
    if (st) break;
    MlirValue back = {NULL};
    for (int64_t j = 0; j < nu && !st; ++j) {
      MlirOperation u = uses[j].owner;
      intptr_t k = uses[j].operand;
      if (!mlirValueEqual(rv, v) && mlirOperationEqual(lb_value_def(rv), u)) continue; /* the rotation itself */
      bool domain = true;
      if (lb_is_stream_op(u, D) && lb_vec_has(&m, lb_op_result(u))) {
        mlirOperationSetOperand(u, k, rv);
      } else if (k == 0 && lb_is_plain_norm(u, D) && !lb_vec_has(&m, lb_op_result(u))) {
        MlirValue n = lb_op_result(u), n2 = n;
        mlirOperationSetOperand(u, k, rv);
        if (lb_op_get_kind(u) == LB_OP_LAYER_NORM) {
          lb_builder_t b = lb_builder_before(u);
          b.loc = mlirOperationGetLocation(u);
          st = lb_rotated_layer_norm(&b, r, u, &n2);
        }
        if (!st) st = lb_route_norm_output(rs, r, n, n2, body);
      } else if (k == 0 && lb_is_linear(u)) {
        lb_weight_plan_t *p = lb_plan_of(rs, u);
        if (!p) st = LB_ERROR(LB_STATUS_RESOURCE_EXHAUSTED, "out of memory");
        else {
          p->in = LB_IN_STREAM;
          p->in_rot = r;
          mlirOperationSetOperand(u, k, rv);
        }
      } else {
        domain = false;
      }
      if (domain || st || !in_place) continue; /* a new value: the others keep reading v */
      if (mlirValueIsNull(back)) {
        lb_builder_t b = lb_builder_after_def(v, body);
        st = lb_rot_online(&b, r, v, 1, &back);
      }
      if (!st) mlirOperationSetOperand(u, k, back);
    }
    free(uses);
  }
  for (int64_t i = 0; i < m.n && !st; ++i) st = lb_vec_add(visited, m.v[i]);
  free(m.v);
  return st;
}

/* ---- the pass ---- */

static bool lb_feeds_norm(MlirValue v, int64_t D) {
  for (MlirOpOperand u = mlirValueGetFirstUse(v); !mlirOpOperandIsNull(u); u = mlirOpOperandGetNextUse(u)) {
    MlirOperation o = mlirOpOperandGetOwner(u);
    if (mlirOpOperandGetOperandNumber(u) == 0 && lb_is_plain_norm(o, D)) return true;
  }
  return false;
}

/* Online transforms in front of the linear layers the streams did not
 * reach: x S H and H S W, with seeded random signs S whatever the stream's
 * kind. A plain H would move the mean of its input into one coefficient,
 * sqrt(K) times larger than the rest: an input such as the MLP's after GELU
 * (mean about 0.3 of its RMS) would get the very outlier the rotation is
 * there to remove; with the signs the mean spreads over all coefficients. */
static lb_status_t lb_rotate_online(lb_rotate_t *rs, MlirOperation func, uint64_t seed) {
  MlirBlock body = lb_func_get_body(func);
  int64_t n = 0;
  for (MlirOperation op = mlirBlockGetFirstOperation(body); !mlirOperationIsNull(op);
       op = mlirOperationGetNextInBlock(op))
    n++;
  rs->online = calloc((size_t)n + 1, sizeof *rs->online);
  if (!rs->online) return LB_ERROR(LB_STATUS_RESOURCE_EXHAUSTED, "out of memory");
  for (MlirOperation op = mlirBlockGetFirstOperation(body); !mlirOperationIsNull(op);
       op = mlirOperationGetNextInBlock(op)) {
    lb_linear_t l;
    if (!lb_linear_match(op, &l)) continue;
    lb_weight_plan_t *p = lb_plan_of(rs, op);
    if (!p) return LB_ERROR(LB_STATUS_RESOURCE_EXHAUSTED, "out of memory");
    if (p->in != LB_IN_NONE) continue;
    if (lb_pow2_block(l.K) < 2) continue;
    lb_rotation_t *r = &rs->online[rs->nonline];
    r->kind = LB_ROT_HADAMARD;
    LB_RETURN_IF_ERROR(lb_rotation_init(r, l.K, seed + 0x6f6e6c696e65ull + (uint64_t)rs->nonline, true));
    rs->nonline++;
    lb_builder_t b = lb_builder_before(op);
    MlirValue h;
    LB_RETURN_IF_ERROR(lb_rot_online(&b, r, lb_op_operand(op, 0), 0, &h));
    mlirOperationSetOperand(op, 0, h);
    p->in = LB_IN_ONLINE;
    p->in_rot = r;
  }
  return LB_OK;
}

lb_status_t lb_pass_rotate(MlirModule module, const lb_pass_options_t *options) {
  MlirOperation func = lb_module_get_func(module);
  if (mlirOperationIsNull(func)) return LB_OK;
  if (lb_module_is_quantized(module))
    return LB_ERROR(LB_STATUS_INVALID_ARGUMENT,
                    "lb-rotate rotates float models (before lb-quantize); this module is already quantized");
  lb_rotation_t spec;
  uint64_t seed;
  bool random;
  LB_RETURN_IF_ERROR(lb_rotation_parse(lb_pass_option(options, "rotation"), &spec, &seed, &random));
  int64_t online = lb_pass_option_int(options, "online", 1);
  if (online != 0 && online != 1) return LB_ERROR(LB_STATUS_INVALID_ARGUMENT, "online must be 0 or 1, got %lld", (long long)online);
  MlirBlock body = lb_func_get_body(func);
  lb_rotate_t rs = {mlirOperationGetContext(func), NULL, 0, 0, NULL, 0};
  lb_rotation_t rots[LB_MAX_STREAMS];
  int nrot = 0, nfile = 0;
  lb_status_t st = LB_OK;
  lb_rotation_t file = spec;
  if (spec.kind == LB_ROT_FILE) st = lb_rotation_read_file(&file);
  /* the candidate seeds, before anything is inserted: graph inputs and op
   * results read by a plain norm over the last axis */
  lb_vec_t seeds = {0}, visited = {0};
  for (intptr_t i = 0; i < mlirBlockGetNumArguments(body) && !st; ++i) st = lb_vec_add(&seeds, mlirBlockGetArgument(body, i));
  for (MlirOperation op = mlirBlockGetFirstOperation(body); !mlirOperationIsNull(op) && !st;
       op = mlirOperationGetNextInBlock(op))
    if (mlirOperationGetNumResults(op) == 1) st = lb_vec_add(&seeds, mlirOperationGetResult(op, 0));
  for (int64_t i = 0; i < seeds.n && !st; ++i) {
    MlirValue a = seeds.v[i];
    int64_t D = lb_last_dim(a);
    if (D < 1 || lb_vec_has(&visited, a) || !lb_feeds_norm(a, D)) continue;
    if (spec.kind == LB_ROT_HADAMARD && lb_pow2_block(D) < 2) continue; /* odd width: no Hadamard block */
    if (spec.kind == LB_ROT_FILE && D != file.D) continue;              /* another width than the file's */
    if (nrot == LB_MAX_STREAMS) break;                                 /* the rest stays as it is */
    lb_rotation_t *r = &rots[nrot];
    if (spec.kind == LB_ROT_FILE) {
      *r = file; /* shares file.q, freed once below */
      nfile++;
    } else {
      *r = spec;
      st = lb_rotation_init(r, D, seed + (uint64_t)nrot, random);
    }
    ++nrot;
    if (!st) st = lb_rotate_stream(&rs, r, a, body, &visited);
  }
  free(seeds.v);
  free(visited.v);
  if (!st && nfile == 0 && spec.kind == LB_ROT_FILE)
    st = LB_ERROR(LB_STATUS_INVALID_ARGUMENT,
                  "%s: the model has no residual stream of width %lld (values read by a LayerNorm or RMSNorm) to rotate",
                  spec.file, (long long)file.D);
  if (!st && online) st = lb_rotate_online(&rs, func, seed);
  for (int64_t i = 0; i < rs.nplans && !st; ++i)
    if (rs.plans[i].in != LB_IN_NONE || rs.plans[i].out_rot) st = lb_apply_plan(&rs.plans[i]);
  free(rs.plans);
  for (int64_t i = 0; i < rs.nonline; ++i) lb_rotation_free(&rs.online[i]);
  free(rs.online);
  for (int i = 0; i < nrot; ++i)
    if (rots[i].kind != LB_ROT_FILE) lb_rotation_free(&rots[i]);
  lb_rotation_free(&file);
  if (!st) lb_func_erase_dead(func);
  return st;
}
