/* lb-lower-quantized: from explicit quantize/dequantize to integer kernels.
 *
 * Rewrites, repeated until nothing changes:
 *  1. P(dequantize(q)) -> dequantize(P(q)) for P in {reshape, flatten,
 *     transpose, max_pool}: these commute with per-tensor affine
 *     quantization (max pooling because the map is monotonic).
 *  2. quantize(dequantize(a)) -> a when both use the same per-tensor scale,
 *     zero point and element type.
 *  3. quantize([relu|clip](op(dequantize(xq), dequantize(Wq), bias))) with
 *     op in {conv2d, gemm, matmul} ->
 *       [clamp](requantize(qop(xq, Wq, zp_x, 0, bias_i32)))
 *     where bias_i32[c] = rne(bias[c] / (s_x * s_w[c])) and the requantize
 *     multiplier/shift encode s_x * s_w[c] / s_y (see quant_util.h). relu
 *     becomes clamp(zp_y, 127); clip(lo, hi) clamps to the quantized bounds.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "passes/passes.h"
#include "passes/quant_util.h"

static lb_dtype_t lb_value_dtype(MlirValue v) {
  lb_dtype_t dt = LB_DT_F32;
  lb_type_to_dtype(mlirShapedTypeGetElementType(mlirValueGetType(v)), &dt);
  return dt;
}

/* Rule 1. */
static lb_status_t lb_push_dequantize(MlirOperation op, bool *changed) {
  MlirValue q;
  float s;
  int32_t zp;
  if (!lb_match_dequantize(mlirOperationGetOperand(op, 0), &q, &s, &zp)) return LB_OK;
  lb_dtype_t qdt = lb_value_dtype(q);
  if (qdt != LB_DT_I8 && qdt != LB_DT_U8) return LB_OK;
  MlirOperation dq = mlirOpResultGetOwner(mlirOperationGetOperand(op, 0));
  lb_builder_t b = lb_builder_before(op);
  MlirValue y, d;
  int64_t ints[LB_MAX_RANK + 1];
  int n;
  switch (lb_op_get_kind(op)) {
    case LB_OP_RESHAPE:
      n = lb_op_get_ints(op, LB_ATTR_SHAPE, ints, LB_MAX_RANK + 1);
      LB_RETURN_IF_ERROR(lb_build_reshape(&b, q, ints, n, &y));
      break;
    case LB_OP_FLATTEN: LB_RETURN_IF_ERROR(lb_build_flatten(&b, q, lb_op_get_int(op, LB_ATTR_AXIS, 1), &y)); break;
    case LB_OP_TRANSPOSE:
      n = lb_op_get_ints(op, LB_ATTR_PERM, ints, LB_MAX_RANK + 1);
      LB_RETURN_IF_ERROR(lb_build_transpose(&b, q, ints, n, &y));
      break;
    case LB_OP_MAX_POOL: {
      lb_window_attrs_t wa;
      LB_RETURN_IF_ERROR(lb_window_attrs_get(op, &wa));
      LB_RETURN_IF_ERROR(lb_build_pool(&b, LB_OP_MAX_POOL, q, &wa, &y));
      break;
    }
    default: return LB_OK;
  }
  LB_RETURN_IF_ERROR(lb_build_dequantize(&b, y, mlirOperationGetOperand(dq, 1), mlirOperationGetOperand(dq, 2), -1, &d));
  mlirValueReplaceAllUsesOfWith(mlirOperationGetResult(op, 0), d);
  *changed = true;
  return LB_OK;
}

/* Rule 2. */
static void lb_cancel_qdq(MlirOperation qop, bool *changed) {
  MlirValue x, a;
  float s1, s2;
  int32_t z1, z2;
  if (!lb_match_quantize(qop, &x, &s1, &z1) || !lb_match_dequantize(x, &a, &s2, &z2)) return;
  MlirValue r = mlirOperationGetResult(qop, 0);
  if (s1 != s2 || z1 != z2 || lb_value_dtype(a) != lb_value_dtype(r)) return;
  mlirValueReplaceAllUsesOfWith(r, a);
  *changed = true;
}

static lb_status_t lb_i8_scalar(lb_builder_t *b, int32_t v, MlirValue *out) {
  int8_t c = (int8_t)v;
  int64_t d[1] = {1};
  return lb_build_constant(b, lb_tensor_type(b->ctx, 1, d, mlirIntegerTypeGet(b->ctx, 8)), &c, 1, out);
}

static lb_status_t lb_i32_vec(lb_builder_t *b, const int32_t *v, int64_t n, MlirValue *out) {
  int64_t d[1] = {n};
  return lb_build_constant(b, lb_tensor_type(b->ctx, 1, d, mlirIntegerTypeGet(b->ctx, 32)), v, sizeof(int32_t) * (size_t)n,
                           out);
}

/* Rule 3. */
static lb_status_t lb_fuse_integer(MlirOperation qop, bool *changed) {
  MlirValue anchor_v;
  float s_y;
  int32_t zp_y;
  if (!lb_match_quantize(qop, &anchor_v, &s_y, &zp_y)) return LB_OK;
  if (lb_value_dtype(mlirOperationGetResult(qop, 0)) != LB_DT_I8 || !mlirValueIsAOpResult(anchor_v)) return LB_OK;
  MlirOperation act = mlirOpResultGetOwner(anchor_v), core = act;
  lb_op_kind_t ak = lb_op_get_kind(act);
  if (ak == LB_OP_RELU || ak == LB_OP_CLIP) {
    MlirValue cv = mlirOperationGetOperand(act, 0);
    if (!mlirValueIsAOpResult(cv) || !lb_value_has_single_use(cv)) return LB_OK;
    core = mlirOpResultGetOwner(cv);
  } else {
    act = (MlirOperation){NULL};
  }
  lb_op_kind_t ck = lb_op_get_kind(core);
  if (ck != LB_OP_CONV2D && ck != LB_OP_GEMM && ck != LB_OP_MATMUL) return LB_OK;
  if (!lb_value_has_single_use(mlirOperationGetResult(core, 0)) && mlirOperationIsNull(act)) {
    /* the float result has other users: keep it */
    return LB_OK;
  }
  MlirValue xq;
  float s_x;
  int32_t zp_x;
  if (!lb_match_dequantize(mlirOperationGetOperand(core, 0), &xq, &s_x, &zp_x) || lb_value_dtype(xq) != LB_DT_I8)
    return LB_OK;
  MlirValue wdq = mlirOperationGetOperand(core, 1);
  if (!mlirValueIsAOpResult(wdq) || lb_op_get_kind(mlirOpResultGetOwner(wdq)) != LB_OP_DEQUANTIZE) return LB_OK;
  MlirOperation wop = mlirOpResultGetOwner(wdq);
  lb_tensor_t w, bias = {0};
  float *s_w = NULL;
  int32_t *z_w = NULL;
  int64_t nw = 0;
  lb_status_t st = lb_value_read_constant(mlirOperationGetOperand(wop, 0), &w);
  if (st) {
    lb_status_free(st);
    return LB_OK;
  }
  if (w.dtype != LB_DT_I8 || lb_read_qparams(wop, 1, &s_w, &z_w, &nw)) goto skip;
  for (int64_t i = 0; i < nw; ++i)
    if (z_w[i] != 0) goto skip;
  int trans_b = ck == LB_OP_GEMM && lb_op_get_int(core, LB_ATTR_TRANS_B, 0);
  if (ck == LB_OP_GEMM && (lb_op_get_int(core, LB_ATTR_TRANS_A, 0) || lb_op_get_float(core, LB_ATTR_ALPHA, 1.0) != 1.0))
    goto skip;
  int64_t nout = ck == LB_OP_CONV2D ? w.dims[0] : trans_b ? w.dims[0] : w.dims[1];
  if (nw != 1 && nw != nout) goto skip;
  intptr_t bias_idx = 2;
  bool has_bias = mlirOperationGetNumOperands(core) > bias_idx;
  if (has_bias) {
    lb_status_t bs = lb_value_read_constant(mlirOperationGetOperand(core, bias_idx), &bias);
    if (bs) {
      lb_status_free(bs);
      goto skip;
    }
    if (bias.dtype != LB_DT_F32 || (lb_tensor_count(&bias) != nout && lb_tensor_count(&bias) != 1)) goto skip;
    if (ck == LB_OP_GEMM && lb_op_get_float(core, LB_ATTR_BETA, 1.0) != 1.0) goto skip;
  }
  /* everything matched: build the integer graph before the quantize */
  {
    lb_builder_t b = lb_builder_before(qop);
    int32_t *bias_i = calloc((size_t)nout, sizeof(int32_t));
    int32_t *mult = calloc((size_t)nout, sizeof(int32_t));
    int32_t *shift = calloc((size_t)nout, sizeof(int32_t));
    if (!bias_i || !mult || !shift) {
      st = LB_ERROR(LB_STATUS_RESOURCE_EXHAUSTED, "out of memory");
      goto built;
    }
    for (int64_t c = 0; c < nout; ++c) {
      double sw = s_w[nw == 1 ? 0 : c];
      double acc_scale = (double)s_x * sw;
      if (has_bias) {
        double bv = ((const float *)bias.data)[lb_tensor_count(&bias) == 1 ? 0 : c];
        double r = nearbyint(bv / acc_scale);
        bias_i[c] = (int32_t)(r > 2147483647.0 ? 2147483647.0 : r < -2147483648.0 ? -2147483648.0 : r);
      }
      if (!lb_quantize_multiplier(acc_scale / (double)s_y, &mult[c], &shift[c])) {
        char loc[512];
        lb_location_format(mlirOperationGetLocation(core), loc, sizeof loc);
        st = LB_ERROR(LB_STATUS_OUT_OF_RANGE, "%s: requantization multiplier %g is out of range", loc, acc_scale / s_y);
        goto built;
      }
    }
    MlirValue wv, xz, wz, bv = {NULL}, acc, mv, sv, yz, out;
    if (trans_b) { /* qmatmul takes B as [K, N] */
      lb_tensor_t wt;
      int64_t d[2] = {w.dims[1], w.dims[0]};
      if (lb_tensor_alloc(&wt, LB_DT_I8, 2, d)) {
        st = LB_ERROR(LB_STATUS_RESOURCE_EXHAUSTED, "out of memory");
        goto built;
      }
      for (int64_t i = 0; i < w.dims[0]; ++i)
        for (int64_t j = 0; j < w.dims[1]; ++j) ((int8_t *)wt.data)[j * w.dims[0] + i] = ((int8_t *)w.data)[i * w.dims[1] + j];
      st = lb_build_constant_tensor(&b, &wt, &wv);
      lb_tensor_free(&wt);
    } else {
      wv = mlirOperationGetOperand(wop, 0);
    }
    if (!st) st = lb_i8_scalar(&b, zp_x, &xz);
    if (!st) st = lb_i8_scalar(&b, 0, &wz);
    if (!st && has_bias) st = lb_i32_vec(&b, bias_i, nout, &bv);
    if (!st) {
      if (ck == LB_OP_CONV2D) {
        lb_window_attrs_t wa;
        st = lb_window_attrs_get(core, &wa);
        if (!st) st = lb_build_qconv2d(&b, xq, wv, xz, wz, bv, &wa, &acc);
      } else {
        st = lb_build_qmatmul(&b, xq, wv, xz, wz, bv, &acc);
      }
    }
    if (!st) st = lb_i32_vec(&b, mult, nout, &mv);
    if (!st) st = lb_i32_vec(&b, shift, nout, &sv);
    if (!st) st = lb_i8_scalar(&b, zp_y, &yz);
    int32_t rank;
    int64_t dims[LB_MAX_RANK];
    if (!st && !lb_type_get_shape(mlirValueGetType(acc), &rank, dims)) st = LB_ERROR(LB_STATUS_INTERNAL, "unranked acc");
    if (!st)
      st = lb_build_requantize(&b, acc, mv, sv, yz, ck == LB_OP_CONV2D ? 1 : rank - 1,
                               mlirIntegerTypeGet(b.ctx, 8), &out);
    if (!st && !mlirOperationIsNull(act)) {
      int64_t lo = zp_y, hi = 127;
      if (lb_op_get_kind(act) == LB_OP_CLIP) {
        double flo = lb_op_get_float(act, LB_ATTR_MIN, -3.4e38), fhi = lb_op_get_float(act, LB_ATTR_MAX, 3.4e38);
        double qlo = zp_y + nearbyint(flo / s_y), qhi = zp_y + nearbyint(fhi / s_y);
        lo = qlo < -128 ? -128 : qlo > 127 ? 127 : (int64_t)qlo;
        hi = qhi > 127 ? 127 : qhi < -128 ? -128 : (int64_t)qhi;
      }
      st = lb_build_clamp(&b, out, lo, hi, &out);
    }
    if (!st) {
      mlirValueReplaceAllUsesOfWith(mlirOperationGetResult(qop, 0), out);
      *changed = true;
    }
  built:
    free(bias_i);
    free(mult);
    free(shift);
  }
skip:
  free(s_w);
  free(z_w);
  lb_tensor_free(&w);
  lb_tensor_free(&bias);
  return st;
}

lb_status_t lb_pass_lower_quantized(MlirModule module, const lb_pass_options_t *options) {
  (void)options;
  MlirOperation func = lb_module_get_func(module);
  if (mlirOperationIsNull(func)) return LB_OK;
  MlirBlock body = lb_func_get_body(func);
  for (int round = 0; round < 1000; ++round) {
    bool changed = false;
    for (MlirOperation op = mlirBlockGetFirstOperation(body); !mlirOperationIsNull(op);
         op = mlirOperationGetNextInBlock(op)) {
      lb_op_kind_t k = lb_op_get_kind(op);
      if (lb_is_passthrough(k)) LB_RETURN_IF_ERROR(lb_push_dequantize(op, &changed));
      else if (k == LB_OP_QUANTIZE) {
        bool cancelled = false;
        lb_cancel_qdq(op, &cancelled);
        if (cancelled) changed = true;
        else LB_RETURN_IF_ERROR(lb_fuse_integer(op, &changed));
      }
    }
    lb_func_erase_dead(func);
    if (!changed) return LB_OK;
  }
  return LB_ERROR(LB_STATUS_INTERNAL, "lb-lower-quantized did not converge");
}
