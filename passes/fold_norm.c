/* lb-fold-norm: the gain and bias of a LayerNorm / RMSNorm folded into the
 * linear layers that consume it (QuaRot, SpinQuant and SmoothQuant fold
 * them the same way before rotating or smoothing):
 *
 *   y = (n * g + b) W + c  =  n (diag(g) W) + (b W + c)
 *
 * with n the normalized value (over the last axis, of size K). Applies
 * when g (and b) are constants of shape [K] and every user of the norm is a
 * matmul taking it as operand 0 with a constant [K, N] weight, or a gemm
 * (trans_a 0, alpha 1, beta 1) with a constant weight and a constant or
 * absent bias of shape [N]. The norm then has gain 1 and no bias (an
 * RMSNorm keeps its form); the users get the scaled weights, and b W joins
 * the gemm's bias or an add after the matmul. Float semantics are kept up
 * to float rounding (the weights are scaled in double). Why: a gain that
 * differs per channel widens the weights' per-tensor ranges no more, and
 * the norm output's range (which activation quantization sees) no longer
 * carries the gain's outliers. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "ir/lb_build.h"
#include "ir/lb_rewrite.h"
#include "passes/passes.h"

#define LB_FOLD_MAX_USERS 16

/* A float constant, viewed (not copied). */
static lb_status_t lb_view_f32(MlirValue v, lb_tensor_t *t) {
  LB_RETURN_IF_ERROR(lb_value_view_constant(v, t));
  if (t->dtype == LB_DT_F32) return LB_OK;
  lb_tensor_free(t);
  return LB_ERROR(LB_STATUS_INVALID_ARGUMENT, "not a float constant");
}

static bool lb_const_vec(MlirValue v, int64_t k, lb_tensor_t *t) {
  if (!lb_value_is_constant(v) || lb_value_count(v) != k) return false;
  lb_status_t st = lb_view_f32(v, t);
  if (st) {
    lb_status_free(st);
    return false;
  }
  return true;
}

/* The user's weight operand as [K, N] (transposed for gemm trans_b), its
 * N, and whether the user can take the fold. */
static bool lb_fold_user_ok(MlirOperation u, MlirValue normed, int64_t K, int64_t *N) {
  lb_op_kind_t kind = lb_op_get_kind(u);
  if ((kind != LB_OP_MATMUL && kind != LB_OP_GEMM) || !mlirValueEqual(mlirOperationGetOperand(u, 0), normed))
    return false;
  MlirValue w = mlirOperationGetOperand(u, 1);
  int32_t r;
  int64_t d[LB_MAX_RANK];
  if (!lb_value_is_constant(w) || !lb_type_get_shape(mlirValueGetType(w), &r, d) || r != 2) return false;
  if (kind == LB_OP_MATMUL) {
    *N = d[1];
    return d[0] == K;
  }
  bool tb = lb_op_get_int(u, LB_ATTR_TRANS_B, 0) != 0;
  if (lb_op_get_int(u, LB_ATTR_TRANS_A, 0) || lb_op_get_float(u, LB_ATTR_ALPHA, 1.0) != 1.0 ||
      lb_op_get_float(u, LB_ATTR_BETA, 1.0) != 1.0 || (tb ? d[1] : d[0]) != K)
    return false;
  *N = tb ? d[0] : d[1];
  if (mlirOperationGetNumOperands(u) > 2) {
    /* a bias per output column: N values along its last dim (not a [N, 1] column) */
    MlirValue c = mlirOperationGetOperand(u, 2);
    int32_t cr;
    int64_t cd[LB_MAX_RANK];
    if (!lb_value_is_constant(c) || lb_value_count(c) != *N || !lb_type_get_shape(mlirValueGetType(c), &cr, cd) ||
        cr < 1 || cd[cr - 1] != *N)
      return false;
  }
  return true;
}

static lb_status_t lb_fold_norm_one(lb_rewriter_t *rw, MlirOperation ln, bool *changed) {
  lb_op_kind_t kind = lb_op_get_kind(ln);
  MlirValue x = mlirOperationGetOperand(ln, 0), normed = mlirOperationGetResult(ln, 0);
  int32_t rank;
  int64_t dims[LB_MAX_RANK];
  if (!lb_type_get_shape(mlirValueGetType(x), &rank, dims) || rank < 1 || dims[rank - 1] == LB_DYN) return LB_OK;
  int64_t axis = lb_op_get_int(ln, LB_ATTR_AXIS, -1), K = dims[rank - 1];
  if (axis < 0) axis += rank;
  if (axis != rank - 1) return LB_OK;
  lb_tensor_t g = {0}, bt = {0};
  if (!lb_const_vec(mlirOperationGetOperand(ln, 1), K, &g)) return LB_OK;
  bool has_b = kind == LB_OP_LAYER_NORM && mlirOperationGetNumOperands(ln) > 2;
  if (has_b && !lb_const_vec(mlirOperationGetOperand(ln, 2), K, &bt)) {
    lb_tensor_free(&g);
    return LB_OK;
  }
  const float *gd = g.data, *bd = has_b ? bt.data : NULL;
  bool trivial = true;
  for (int64_t k = 0; k < K; ++k) trivial = trivial && gd[k] == 1.0f && (!bd || bd[k] == 0.0f);
  MlirOperation users[LB_FOLD_MAX_USERS];
  int64_t Ns[LB_FOLD_MAX_USERS];
  int nu = 0;
  bool ok = !trivial;
  for (MlirOpOperand use = mlirValueGetFirstUse(normed); ok && !mlirOpOperandIsNull(use);
       use = mlirOpOperandGetNextUse(use)) {
    MlirOperation u = mlirOpOperandGetOwner(use);
    /* a user already replaced (dead, erased by the driver later) is not one */
    if (mlirOperationGetNumResults(u) == 1 && mlirOpOperandIsNull(mlirValueGetFirstUse(mlirOperationGetResult(u, 0))))
      continue;
    bool seen = false;
    for (int i = 0; i < nu; ++i) seen = seen || mlirOperationEqual(users[i], u);
    if (seen) continue;
    ok = nu < LB_FOLD_MAX_USERS && lb_fold_user_ok(u, normed, K, &Ns[nu]);
    if (ok) users[nu++] = u;
  }
  lb_status_t st = LB_OK;
  if (!ok || nu == 0) goto done;
  lb_builder_t b = lb_rewriter_builder(rw, ln);
  /* the norm without gain and bias */
  lb_tensor_t ones;
  int64_t kd[1] = {K};
  MlirValue onev, n2;
  if (lb_tensor_alloc(&ones, LB_DT_F32, 1, kd)) {
    st = LB_ERROR(LB_STATUS_RESOURCE_EXHAUSTED, "out of memory");
    goto done;
  }
  for (int64_t k = 0; k < K; ++k) ((float *)ones.data)[k] = 1.0f;
  st = lb_build_constant_tensor(&b, &ones, &onev);
  lb_tensor_free(&ones);
  if (!st)
    st = lb_build_layer_norm(&b, kind, x, onev, (MlirValue){NULL}, axis,
                             (float)lb_op_get_float(ln, LB_ATTR_EPSILON, 1e-5), &n2);
  for (int i = 0; i < nu && !st; ++i) {
    MlirOperation u = users[i];
    bool gemm = lb_op_get_kind(u) == LB_OP_GEMM, tb = gemm && lb_op_get_int(u, LB_ATTR_TRANS_B, 0);
    int64_t N = Ns[i];
    lb_tensor_t w = {0}, w2 = {0}, cv = {0}, c2 = {0};
    st = lb_view_f32(mlirOperationGetOperand(u, 1), &w);
    if (!st && lb_tensor_alloc(&w2, LB_DT_F32, w.rank, w.dims)) st = LB_ERROR(LB_STATUS_RESOURCE_EXHAUSTED, "out of memory");
    int64_t cd[1] = {N};
    if (!st && lb_tensor_alloc(&c2, LB_DT_F32, 1, cd)) st = LB_ERROR(LB_STATUS_RESOURCE_EXHAUSTED, "out of memory");
    bool has_c = gemm && mlirOperationGetNumOperands(u) > 2;
    if (!st && has_c) st = lb_view_f32(mlirOperationGetOperand(u, 2), &cv);
    if (!st) {
      const float *wd = w.data;
      float *wo = w2.data, *co = c2.data;
      for (int64_t n = 0; n < N; ++n) {
        double acc = has_c ? ((const float *)cv.data)[n] : 0.0;
        for (int64_t k = 0; k < K; ++k) {
          int64_t at = tb ? n * K + k : k * N + n;
          wo[at] = (float)((double)wd[at] * gd[k]);
          if (bd) acc += (double)bd[k] * wd[at];
        }
        co[n] = (float)acc;
      }
    }
    /* the folded weight keeps the weight's name */
    lb_builder_t ub = lb_rewriter_builder(rw, u), wb = ub;
    MlirOperation wdef = lb_value_def(mlirOperationGetOperand(u, 1));
    if (!mlirOperationIsNull(wdef)) wb.loc = mlirOperationGetLocation(wdef);
    MlirValue wv, cvv, out;
    if (!st) st = lb_build_constant_tensor(&wb, &w2, &wv);
    if (!st && (bd || has_c)) st = lb_build_constant_tensor(&ub, &c2, &cvv);
    if (!st && gemm)
      st = lb_build_gemm(&ub, n2, wv, bd || has_c ? cvv : (MlirValue){NULL}, 1.0f, 1.0f, 0, tb ? 1 : 0, &out);
    if (!st && !gemm) {
      st = lb_build_matmul(&ub, n2, wv, &out);
      if (!st && bd) st = lb_build_binary(&ub, LB_OP_ADD, out, cvv, &out);
    }
    if (!st) lb_rewriter_replace(rw, mlirOperationGetResult(u, 0), out);
    lb_tensor_free(&w);
    lb_tensor_free(&w2);
    lb_tensor_free(&cv);
    lb_tensor_free(&c2);
  }
  if (!st) *changed = true;
done:
  lb_tensor_free(&g);
  lb_tensor_free(&bt);
  return st;
}

static const lb_pattern_t lb_fold_norm_patterns[] = {{"fold-layer-norm", LB_OP_LAYER_NORM, lb_fold_norm_one},
                                                     {"fold-rms-norm", LB_OP_RMS_NORM, lb_fold_norm_one}};

lb_status_t lb_pass_fold_norm(MlirModule module, const lb_pass_options_t *options) {
  (void)options;
  MlirOperation func = lb_module_get_func(module);
  if (mlirOperationIsNull(func)) return LB_OK;
  return lb_rewrite_greedy(func, lb_fold_norm_patterns, 2);
}
