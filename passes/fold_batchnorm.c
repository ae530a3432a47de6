/* lb-fold-batchnorm: conv2d followed by batchnorm becomes one conv2d.
 *
 *   y = (conv(x, W) + b - mean) * s / sqrt(var + eps) + beta
 *     = conv(x, W * k) + (b - mean) * k + beta,   k = s / sqrt(var + eps)
 *
 * applied per output channel. Requires constant weight, bias and batchnorm
 * parameters and a conv result used only by the batchnorm. Folding is done
 * in double and rounded once to f32. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "ir/lb_build.h"
#include "ir/lb_rewrite.h"
#include "passes/passes.h"

static lb_status_t lb_fold_one(lb_rewriter_t *rw, MlirOperation bn, bool *changed) {
  MlirValue x = mlirOperationGetOperand(bn, 0);
  MlirOperation conv = lb_value_def(x);
  if (lb_op_get_kind(conv) != LB_OP_CONV2D || !lb_value_has_single_use(x)) return LB_OK;
  lb_tensor_t w = {0}, b = {0}, p[4] = {{0}}, nb = {0};
  lb_status_t st = LB_OK;
  bool has_bias = mlirOperationGetNumOperands(conv) > 2;
  if ((st = lb_value_read_constant(mlirOperationGetOperand(conv, 1), &w))) goto skip;
  if (has_bias && (st = lb_operand_read_as(conv, 2, LB_DT_F32, &b))) goto skip;
  for (int i = 0; i < 4; ++i)
    if ((st = lb_operand_read_as(bn, i + 1, LB_DT_F32, &p[i]))) goto skip;
  int64_t oc = w.dims[0], per = lb_tensor_count(&w) / (oc ? oc : 1);
  /* the verifier guarantees [OC] parameters; stay defensive anyway */
  for (int i = 0; i < 4; ++i)
    if (lb_tensor_count(&p[i]) != oc) goto skip;
  if (w.dtype != LB_DT_F32 || (has_bias && lb_tensor_count(&b) != oc)) goto skip;
  double eps = lb_op_get_float(bn, LB_ATTR_EPSILON, 1e-5);
  const float *scale = p[0].data, *beta = p[1].data, *mean = p[2].data, *var = p[3].data;
  float *wd = w.data;
  int64_t bdims[1] = {oc};
  if (lb_tensor_alloc(&nb, LB_DT_F32, 1, bdims) != 0) {
    st = LB_ERROR(LB_STATUS_RESOURCE_EXHAUSTED, "out of memory");
    goto done;
  }
  float *nbd = nb.data;
  for (int64_t c = 0; c < oc; ++c) {
    double k = (double)scale[c] / sqrt((double)var[c] + eps);
    for (int64_t i = 0; i < per; ++i) wd[c * per + i] = (float)((double)wd[c * per + i] * k);
    double bias = has_bias ? (double)((float *)b.data)[c] : 0.0;
    nbd[c] = (float)((bias - (double)mean[c]) * k + (double)beta[c]);
  }
  {
    lb_builder_t bld = lb_rewriter_builder(rw, conv);
    lb_builder_t wb = bld;
    MlirOperation wdef = lb_value_def(mlirOperationGetOperand(conv, 1));
    wb.loc = mlirOperationGetLocation(wdef); /* the folded weight keeps its name */
    lb_window_attrs_t wa;
    MlirValue nw, nbias, out;
    if ((st = lb_window_attrs_get(conv, &wa))) goto done;
    if ((st = lb_build_constant_tensor(&wb, &w, &nw))) goto done;
    lb_builder_t bb = lb_builder_named(&bld, conv, "bias");
    if ((st = lb_build_constant_tensor(&bb, &nb, &nbias))) goto done;
    if ((st = lb_build_conv2d(&bld, mlirOperationGetOperand(conv, 0), nw, nbias, &wa, &out))) goto done;
    lb_rewriter_replace(rw, mlirOperationGetResult(bn, 0), out);
    *changed = true;
  }
  goto done;
skip:
  lb_status_free(st);
  st = LB_OK;
done:
  lb_tensor_free(&nb);
  lb_tensor_free(&w);
  lb_tensor_free(&b);
  for (int i = 0; i < 4; ++i) lb_tensor_free(&p[i]);
  return st;
}

static const lb_pattern_t lb_fold_patterns[] = {{"fold-batchnorm-into-conv", LB_OP_BATCHNORM, lb_fold_one}};

lb_status_t lb_pass_fold_batchnorm(MlirModule module, const lb_pass_options_t *options) {
  (void)options;
  MlirOperation func = lb_module_get_func(module);
  if (mlirOperationIsNull(func)) return LB_OK;
  return lb_rewrite_greedy(func, lb_fold_patterns, 1);
}
