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

#include "passes/passes.h"

static lb_status_t lb_fold_one(MlirOperation bn, bool *folded) {
  *folded = false;
  MlirValue x = mlirOperationGetOperand(bn, 0);
  if (!mlirValueIsAOpResult(x)) return LB_OK;
  MlirOperation conv = mlirOpResultGetOwner(x);
  if (lb_op_get_kind(conv) != LB_OP_CONV2D || !lb_value_has_single_use(x)) return LB_OK;
  lb_tensor_t w = {0}, b = {0}, p[4] = {{0}};
  lb_status_t st = LB_OK;
  if (lb_value_read_constant(mlirOperationGetOperand(conv, 1), &w)) goto skip;
  bool has_bias = mlirOperationGetNumOperands(conv) > 2;
  if (has_bias && lb_value_read_constant(mlirOperationGetOperand(conv, 2), &b)) goto skip;
  for (int i = 0; i < 4; ++i)
    if (lb_value_read_constant(mlirOperationGetOperand(bn, i + 1), &p[i])) goto skip;
  int64_t oc = w.dims[0], per = lb_tensor_count(&w) / (oc ? oc : 1);
  for (int i = 0; i < 4; ++i)
    if (lb_tensor_count(&p[i]) != oc || p[i].dtype != LB_DT_F32) goto skip;
  double eps = lb_op_get_float(bn, LB_ATTR_EPSILON, 1e-5);
  const float *scale = p[0].data, *beta = p[1].data, *mean = p[2].data, *var = p[3].data;
  float *wd = w.data;
  lb_tensor_t nb;
  int64_t bdims[1] = {oc};
  if (lb_tensor_alloc(&nb, LB_DT_F32, 1, bdims) != 0) {
    st = LB_ERROR(LB_STATUS_RESOURCE_EXHAUSTED, "out of memory");
    goto skip;
  }
  float *nbd = nb.data;
  for (int64_t c = 0; c < oc; ++c) {
    double k = (double)scale[c] / sqrt((double)var[c] + eps);
    for (int64_t i = 0; i < per; ++i) wd[c * per + i] = (float)((double)wd[c * per + i] * k);
    double bias = has_bias ? (double)((float *)b.data)[c] : 0.0;
    nbd[c] = (float)((bias - (double)mean[c]) * k + (double)beta[c]);
  }
  lb_builder_t bld = lb_builder_before(conv);
  lb_window_attrs_t wa;
  MlirValue nw, nbias, out;
  if ((st = lb_window_attrs_get(conv, &wa))) goto done;
  if ((st = lb_build_constant_tensor(&bld, &w, &nw))) goto done;
  if ((st = lb_build_constant_tensor(&bld, &nb, &nbias))) goto done;
  if ((st = lb_build_conv2d(&bld, mlirOperationGetOperand(conv, 0), nw, nbias, &wa, &out))) goto done;
  mlirValueReplaceAllUsesOfWith(mlirOperationGetResult(bn, 0), out);
  mlirOperationDestroy(bn);
  mlirOperationDestroy(conv);
  *folded = true;
done:
  lb_tensor_free(&nb);
skip:
  lb_tensor_free(&w);
  lb_tensor_free(&b);
  for (int i = 0; i < 4; ++i) lb_tensor_free(&p[i]);
  return st;
}

lb_status_t lb_pass_fold_batchnorm(MlirModule module, const lb_pass_options_t *options) {
  (void)options;
  MlirOperation func = lb_module_get_func(module);
  if (mlirOperationIsNull(func)) return LB_OK;
  MlirBlock body = lb_func_get_body(func);
  MlirOperation op = mlirBlockGetFirstOperation(body);
  while (!mlirOperationIsNull(op)) {
    MlirOperation next = mlirOperationGetNextInBlock(op);
    if (lb_op_get_kind(op) == LB_OP_BATCHNORM) {
      bool folded;
      LB_RETURN_IF_ERROR(lb_fold_one(op, &folded));
    }
    op = next;
  }
  lb_func_erase_dead(func);
  return LB_OK;
}
