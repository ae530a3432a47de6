/* lb-pack-layout: weights reordered once, at compile time, into the layout
 * the kernel reads fastest.
 *
 *   qmatmul(a[..., M, K], b = constant [K, N], a_zp, b_zp, [bias])
 *     -> qmatmul(a, constant [N, K] = transpose(b), a_zp, b_zp, [bias]) {b_layout = "nk"}
 *
 * With b_layout "nk" every output is a contiguous dot product over K
 * (runtime/kernels/matmul.c, qmatmul_nk_*), which C compilers vectorize
 * into SIMD multiply-adds, and the zero-point compensation
 * (bias - a_zp * sum_k b + K * a_zp * b_zp) is computed once when the plan
 * is built. The op's value does not change (docs/IR.md). Applies when b is
 * a rank-2 constant, a has one constant zero point, a bias is a constant or
 * absent, the result is i32 and K <= 33025 (the packed kernel's int32 raw
 * dot products cannot overflow).
 *
 *   qconv2d(x, w = constant [OC, C/g, KH, KW], x_zp = constant, w_zp, [bias])
 *     -> the same op with {algorithm = "gemm"}
 *
 * The implicit GEMM (runtime/kernels/qgemm.c, qconv2d_gemm_*): the
 * weight's OIHW order already has each output channel's C/g * KH * KW taps
 * contiguous, so no weight moves; the kernel gathers the input patches of a
 * block of output positions into a workspace (im2col) and takes contiguous
 * dot products. Applies when the weight and x_zp are constants, a bias is a
 * constant or absent, the result is i32 and C/g * KH * KW <= 33025.
 *
 * The generic-c target is the only target today, so the layouts are not
 * yet chosen per target. */
#include <stdlib.h>
#include <string.h>

#include "ir/lb_build.h"
#include "ir/lb_rewrite.h"
#include "passes/passes.h"

static bool lb_const_or_absent(MlirOperation op, intptr_t i) {
  return i >= mlirOperationGetNumOperands(op) || lb_value_is_constant(mlirOperationGetOperand(op, i));
}

static lb_status_t lb_pack_qmatmul(lb_rewriter_t *rw, MlirOperation op, bool *changed) {
  char layout[8];
  if (strcmp(lb_op_get_str(op, LB_ATTR_B_LAYOUT, layout, sizeof layout, "kn"), "kn")) return LB_OK;
  MlirValue bv = mlirOperationGetOperand(op, 1), azv = mlirOperationGetOperand(op, 2);
  lb_dtype_t rdt;
  if (!lb_type_to_dtype(mlirShapedTypeGetElementType(mlirValueGetType(mlirOperationGetResult(op, 0))), &rdt) ||
      rdt != LB_DT_I32 || !lb_value_is_constant(bv) || !lb_value_is_constant(azv) || !lb_const_or_absent(op, 4))
    return LB_OK;
  int32_t ra, rb, rz;
  int64_t da[LB_MAX_RANK], db[LB_MAX_RANK], dz[LB_MAX_RANK];
  if (!lb_type_get_shape(mlirValueGetType(mlirOperationGetOperand(op, 0)), &ra, da) ||
      !lb_type_get_shape(mlirValueGetType(bv), &rb, db) || !lb_type_get_shape(mlirValueGetType(azv), &rz, dz))
    return LB_OK;
  if (rb != 2 || db[0] == LB_DYN || db[1] == LB_DYN || db[0] > 33025 || lb_dims_count(rz, dz) != 1) return LB_OK;
  lb_tensor_t w, t;
  lb_status_t st = lb_value_view_constant(bv, &w);
  if (st) {
    lb_status_free(st);
    return LB_OK;
  }
  int64_t K = db[0], N = db[1], td[2] = {N, K};
  if (lb_tensor_alloc(&t, w.dtype, 2, td)) {
    lb_tensor_free(&w);
    return LB_ERROR(LB_STATUS_RESOURCE_EXHAUSTED, "out of memory");
  }
  size_t es = lb_dtype_size(w.dtype);
  const char *src = w.data;
  char *dst = t.data;
  for (int64_t k = 0; k < K; ++k)
    for (int64_t n = 0; n < N; ++n) memcpy(dst + (size_t)(n * K + k) * es, src + (size_t)(k * N + n) * es, es);
  lb_tensor_free(&w);
  lb_builder_t b = lb_rewriter_builder(rw, op);
  lb_builder_t wb = b;
  wb.loc = mlirOperationGetLocation(lb_value_def(bv)); /* the packed weight keeps the weight's name */
  MlirValue packed, out;
  st = lb_build_constant_tensor(&wb, &t, &packed);
  lb_tensor_free(&t);
  LB_RETURN_IF_ERROR(st);
  MlirValue ops[5];
  intptr_t n = mlirOperationGetNumOperands(op);
  for (intptr_t i = 0; i < n; ++i) ops[i] = mlirOperationGetOperand(op, i);
  ops[1] = packed;
  MlirNamedAttribute at = lb_named_attr(b.ctx, LB_ATTR_B_LAYOUT, mlirStringAttrGet(b.ctx, mlirStringRefCreateFromCString("nk")));
  LB_RETURN_IF_ERROR(lb_build_op(&b, LB_OP_QMATMUL, ops, n, &at, 1, mlirIntegerTypeGet(b.ctx, 32), &out));
  MlirStringRef qn = mlirStringRefCreateFromCString(LB_ATTR_QUANT); /* the layer's scheme stays visible */
  MlirAttribute scheme = mlirOperationGetDiscardableAttributeByName(op, qn);
  if (!mlirAttributeIsNull(scheme)) mlirOperationSetDiscardableAttributeByName(lb_value_def(out), qn, scheme);
  lb_rewriter_replace(rw, mlirOperationGetResult(op, 0), out);
  *changed = true;
  return LB_OK;
}

static lb_status_t lb_pack_qconv2d(lb_rewriter_t *rw, MlirOperation op, bool *changed) {
  (void)rw;
  char algo[8];
  if (strcmp(lb_op_get_str(op, LB_ATTR_ALGORITHM, algo, sizeof algo, "direct"), "direct")) return LB_OK;
  lb_dtype_t rdt;
  MlirValue wv = mlirOperationGetOperand(op, 1);
  if (!lb_type_to_dtype(mlirShapedTypeGetElementType(mlirValueGetType(mlirOperationGetResult(op, 0))), &rdt) ||
      rdt != LB_DT_I32 || !lb_value_is_constant(wv) || !lb_value_is_constant(mlirOperationGetOperand(op, 2)) ||
      !lb_const_or_absent(op, 4))
    return LB_OK;
  int32_t rw_;
  int64_t d[LB_MAX_RANK];
  if (!lb_type_get_shape(mlirValueGetType(wv), &rw_, d) || rw_ != 4 || d[1] * d[2] * d[3] > 33025) return LB_OK;
  MlirContext ctx = mlirOperationGetContext(op);
  mlirOperationSetAttributeByName(op, mlirStringRefCreateFromCString(LB_ATTR_ALGORITHM),
                                  mlirStringAttrGet(ctx, mlirStringRefCreateFromCString("gemm")));
  *changed = true;
  return LB_OK;
}

static const lb_pattern_t lb_pack_patterns[] = {{"pack-qmatmul-nk", LB_OP_QMATMUL, lb_pack_qmatmul},
                                                {"pack-qconv2d-gemm", LB_OP_QCONV2D, lb_pack_qconv2d}};

lb_status_t lb_pass_pack_layout(MlirModule module, const lb_pass_options_t *options) {
  (void)options;
  MlirOperation func = lb_module_get_func(module);
  if (mlirOperationIsNull(func)) return LB_OK;
  return lb_rewrite_greedy(func, lb_pack_patterns, 2);
}
