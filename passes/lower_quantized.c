/* lb-lower-quantized: from explicit quantize/dequantize to integer kernels.
 *
 * Patterns, applied by the greedy rewriter (ir/lb_rewrite.h) until nothing
 * matches; every rule asks traits and descriptor hooks, none names a float
 * op:
 *  1. P(dequantize(q)) -> dequantize(P(q)) for P with the SELECTS trait
 *     (layout ops, max pooling): they commute with per-tensor affine
 *     quantization, which is increasing.
 *  2. quantize(dequantize(a)) -> a when both use the same per-tensor scale,
 *     zero point and element type.
 *  3. quantize([c](op(dequantize(xq), dequantize(Wq), bias))) with op
 *     QUANTIZABLE and c a clamp-like op (clamp_bounds: relu, clip), 8-bit
 *     signed or unsigned x, W and y ->
 *       [clamp](requantize(build_integer(op)(xq, Wq, zp_x, zp_w, bias_i32)))
 *     where bias_i32[c] = rne(bias[c] / (s_x * s_w[c])) (or the int32 of a
 *     dequantized bias already at that scale, as QDQ models store it). With
 *     rounding=fixed (lowbit's own quantization) the requantize
 *     multiplier/shift encode s_x * s_w[c] / s_y (quant_util.h); with
 *     rounding=onnx (imported QDQ models) it is the float mode with scale
 *     f32(f32(s_x * s_w[c]) / s_y), QLinearConv's arithmetic. The clamp
 *     gets the quantized bounds and is dropped when it covers the whole
 *     range of y's type. The integer kernel accumulates in int32 unless its
 *     acc_bound (from the actual weights) can exceed int32; then in int64.
 *  5. quantize([c](add|mul(dequantize(a), dequantize(b)))) on 8-bit
 *     per-tensor data -> [clamp](qadd|qmul(a, b)) (QLinearAdd's integer
 *     arithmetic: rne((a - za) sa/sy + (b - zb) sb/sy) + zy in binary64).
 *  6. quantize(concat(u, v)) -> concat(quantize(u), quantize(v)) when the
 *     concat has no other use and u, v are 8-bit per-tensor dequantizes
 *     (or such concats): quantization is elementwise, concat only moves
 *     elements, so this is exact. Each input then meets rule 2 (same
 *     parameters) or rule 7.
 *  7. quantize(dequantize(a)) between different 8-bit per-tensor parameters
 *     -> lut(a, table): the requantization of each of the 256 codes,
 *     computed by the interpreter through the float ops themselves (as rule
 *     4), so QLinearConcat and QDQ Concat run on integers and match the
 *     float path bit for bit.
 *  8. quantize(avg_pool|global_avg_pool(dequantize(x))) on 8-bit per-tensor
 *     data of one element type -> qavg_pool(x): one kernel, 8 bits in and
 *     out, bit for bit the float path (it dequantizes, sums and divides in
 *     float32 inside: an exact integer form of the float rounding does not
 *     exist). Global pooling needs a static NCHW input: it becomes a window
 *     over the whole image.
 *  9. op(dequantize(x), dequantize(W), bias) with op a QUANTIZABLE matmul or
 *     gemm whose result is not quantized (nor clamped) again, with
 *     rounding=fixed -> dequantize(build_integer(op)(x, W, zp_x, zp_w,
 *     bias_i32)) with scale s_x * s_w[c] and zero point 0 (f32(acc) times
 *     that scale, also for an int64 accumulator): the integer kernel with a float result, for layers
 *     whose users run in float (lb-quantize quantizes a linear layer's
 *     output only when another quantized layer reads it).
 * 10. matmul|gemm(x, dequantize(W)) with a float x (weight-only, wXaf; or a
 *     dequantized x when W has group scales, which rule 3 does not take) and
 *     symmetric 2..8-bit codes per output channel or per block along K ->
 *     lb.matmul_nbits with the codes packed in 2-, 4- or 8-bit containers
 *     (rounding=fixed only).
 * 11. matmul(dequantize(a), dequantize(b)) of two activations (per tensor,
 *     up to 8 bits) whose result is not quantized again ->
 *     dequantize(qmatmul(a, b)) at s_a s_b (rounding=fixed only).
 * 12. quantize(L(v)) with L LAYOUT_ONLY (reshape, flatten, transpose) and
 *     L's result read by the quantize alone -> L(quantize(v)) on the codes
 *     (quantization is elementwise, L only moves elements: exact), so that
 *     the quantize meets v's producer (a global pooling before a flatten:
 *     rule 8).
 *  4. quantize(f(dequantize(x))) with f ELEMENTWISE and UNARY on 8-bit
 *     per-tensor quantized data -> lut(x, table): the 256-entry table is the
 *     chain itself evaluated by the interpreter on every input code, so the
 *     integer result equals the float path bit for bit.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "interp/interp.h"
#include "ir/lb_build.h"
#include "ir/lb_op.h"
#include "ir/lb_rewrite.h"
#include "passes/passes.h"
#include "passes/quant_util.h"
#include "support/log.h"

static bool lb_is_8bit(lb_dtype_t dt) { return dt == LB_DT_I8 || dt == LB_DT_U8; }

/* The integer kernel keeps the float layer's lb.quant (its scheme). */
static void lb_keep_scheme(MlirOperation from, MlirValue to) {
  MlirStringRef name = mlirStringRefCreateFromCString(LB_ATTR_QUANT);
  MlirAttribute a = mlirOperationGetDiscardableAttributeByName(from, name);
  MlirOperation def = lb_value_def(to);
  if (!mlirAttributeIsNull(a) && !mlirOperationIsNull(def)) mlirOperationSetDiscardableAttributeByName(def, name, a);
}
/* Integers of 2 to 8 bits: sub-byte values live in 8-bit containers, so the
 * 8-bit integer kernels take them (widened by a cast or a retyped constant). */
static bool lb_upto8(lb_dtype_t dt) { return lb_dtype_is_int(dt) && lb_dtype_bits(dt) <= 8; }

/* Rule 1. */
static lb_status_t lb_push_dequantize(lb_rewriter_t *rw, MlirOperation op, bool *changed) {
  lb_qparams_t dq;
  if (!lb_op_has_traits(op, LB_TRAIT_SELECTS) || mlirOperationGetNumOperands(op) != 1 ||
      !lb_match_dequantize(mlirOperationGetOperand(op, 0), &dq) || !lb_is_8bit(dq.qdt))
    return LB_OK;
  MlirOperation dqop = lb_value_def(mlirOperationGetOperand(op, 0));
  lb_builder_t b = lb_rewriter_builder(rw, op);
  /* the same op on the integers: a clone with its element type changed */
  MlirOperation c = mlirOperationClone(op);
  mlirOperationSetOperand(c, 0, dq.data);
  MlirValue y = mlirOperationGetResult(c, 0);
  int32_t r;
  int64_t d[LB_MAX_RANK];
  lb_type_get_shape(mlirValueGetType(y), &r, d);
  mlirValueSetType(y, lb_tensor_type(b.ctx, r, d, mlirShapedTypeGetElementType(mlirValueGetType(dq.data))));
  mlirBlockInsertOwnedOperationBefore(b.block, op, c);
  lb_rewriter_push(rw, c);
  MlirValue out;
  LB_RETURN_IF_ERROR(lb_build_dequantize(&b, y, mlirOperationGetOperand(dqop, 1), mlirOperationGetOperand(dqop, 2),
                                         -1, 0, &out));
  lb_rewriter_replace(rw, mlirOperationGetResult(op, 0), out);
  *changed = true;
  return LB_OK;
}

/* Rule 2. */
static lb_status_t lb_cancel_qdq(lb_rewriter_t *rw, MlirOperation qop, bool *changed) {
  lb_qparams_t q, dq;
  if (!lb_match_quantize(qop, &q) || !lb_match_dequantize(q.data, &dq)) return LB_OK;
  if (q.scale != dq.scale || q.zp != dq.zp || q.qdt != dq.qdt) return LB_OK;
  lb_rewriter_replace(rw, mlirOperationGetResult(qop, 0), dq.data);
  *changed = true;
  return LB_OK;
}

/* Constants of the integer kernel, named "<core op>.<what>". */
static lb_status_t lb_int_vec(lb_builder_t *b, MlirOperation core, const char *what, lb_dtype_t dt,
                              const int32_t *v, int64_t n, MlirValue *out) {
  lb_tensor_t t;
  int64_t d[1] = {n};
  if (lb_tensor_alloc(&t, dt, 1, d)) return LB_ERROR(LB_STATUS_RESOURCE_EXHAUSTED, "out of memory");
  for (int64_t i = 0; i < n; ++i) lb_dtype_store_int(dt, t.data, i, v[i]);
  lb_builder_t nb = lb_builder_named(b, core, what);
  lb_status_t st = lb_build_constant_tensor(&nb, &t, out);
  lb_tensor_free(&t);
  return st;
}

static lb_status_t lb_f32_vec(lb_builder_t *b, MlirOperation core, const char *what, const float *v, int64_t n,
                              MlirValue *out) {
  int64_t d[1] = {n};
  lb_builder_t nb = lb_builder_named(b, core, what);
  return lb_build_constant(&nb, lb_tensor_type(b->ctx, 1, d, mlirF32TypeGet(b->ctx)), v, sizeof(float) * (size_t)n,
                           out);
}

/* The op's bias as floats, when it is a constant or the dequantization of
 * a constant (QDQ models: DequantizeLinear(int32 bias, s_x * s_w, 0)). In
 * the second case *q gets the integers and *qscale the scale (per-tensor or
 * per-channel, qn elements). */
static bool lb_read_bias(MlirOperation core, intptr_t i, lb_tensor_t *f, lb_tensor_t *q, lb_tensor_t *qscale) {
  lb_status_t st = lb_operand_read_as(core, i, LB_DT_F32, f);
  if (!st) return true;
  lb_status_free(st);
  MlirOperation dq = lb_value_def(mlirOperationGetOperand(core, i));
  if (lb_op_get_kind(dq) != LB_OP_DEQUANTIZE || lb_op_get_int(dq, LB_ATTR_BLOCK_SIZE, 0) > 0) return false;
  lb_tensor_t z = {0};
  if ((st = lb_operand_read_as(dq, 0, LB_DT_I32, q)) || (st = lb_operand_read_as(dq, 1, LB_DT_F32, qscale)) ||
      (st = lb_operand_read_as(dq, 2, LB_DT_I32, &z))) {
    lb_status_free(st);
    lb_tensor_free(q);
    lb_tensor_free(qscale);
    return false;
  }
  int64_t n = lb_tensor_count(q), ns = lb_tensor_count(qscale);
  bool ok = (ns == 1 || ns == n) && lb_tensor_alloc(f, LB_DT_F32, 1, &n) == 0;
  for (int64_t c = 0; ok && c < n; ++c) {
    int32_t zc = ((int32_t *)z.data)[lb_tensor_count(&z) == 1 ? 0 : c];
    ((float *)f->data)[c] = (float)((int64_t)((int32_t *)q->data)[c] - zc) * ((float *)qscale->data)[ns == 1 ? 0 : c];
    if (zc != 0) ok = false; /* then the integers are not the accumulator's */
  }
  lb_tensor_free(&z);
  if (!ok) {
    if (f->data) lb_tensor_free(f);
    lb_tensor_free(q);
    lb_tensor_free(qscale);
    return false;
  }
  return true;
}

/* Rule 3. */
/* With qop null, rule 9 at fcore: the float result of an integer kernel. */
static lb_status_t lb_fuse_integer(lb_rewriter_t *rw, MlirOperation qop, MlirOperation fcore, bool *changed,
                                   bool onnx) {
  lb_qparams_t qy = {.scale = 1.0f, .zp = 0, .qdt = LB_DT_I8}, qx;
  bool fout = mlirOperationIsNull(qop);
  MlirOperation core = fcore;
  double clo = -INFINITY, chi = INFINITY;
  bool has_act = false;
  if (fout) {
    lb_op_kind_t k = lb_op_get_kind(core);
    if (onnx || (k != LB_OP_MATMUL && k != LB_OP_GEMM)) return LB_OK;
    /* a quantized result (directly or after a clamp) is rule 3's */
    for (MlirOpOperand u = mlirValueGetFirstUse(mlirOperationGetResult(core, 0)); !mlirOpOperandIsNull(u);
         u = mlirOpOperandGetNextUse(u)) {
      MlirOperation o = mlirOpOperandGetOwner(u);
      const lb_op_desc_t *od = lb_op_desc(o);
      double a, b;
      if (lb_op_get_kind(o) == LB_OP_QUANTIZE) return LB_OK;
      if (od && od->clamp_bounds && od->clamp_bounds(o, &a, &b))
        for (MlirOpOperand cu = mlirValueGetFirstUse(mlirOperationGetResult(o, 0)); !mlirOpOperandIsNull(cu);
             cu = mlirOpOperandGetNextUse(cu))
          if (lb_op_get_kind(mlirOpOperandGetOwner(cu)) == LB_OP_QUANTIZE) return LB_OK;
    }
  } else {
    if (!lb_match_quantize(qop, &qy) || !lb_upto8(qy.qdt)) return LB_OK;
    MlirOperation act = lb_value_def(qy.data);
    core = act;
    if (mlirOperationIsNull(act)) return LB_OK;
    const lb_op_desc_t *ad = lb_op_desc(act);
    has_act = ad && ad->clamp_bounds && ad->clamp_bounds(act, &clo, &chi);
    if (has_act) {
      MlirValue cv = mlirOperationGetOperand(act, 0);
      if (!lb_value_has_single_use(cv)) return LB_OK;
      core = lb_value_def(cv);
    }
  }
  const lb_op_desc_t *cd = lb_op_desc(core);
  lb_quant_operands_t qo;
  if (!cd || !cd->build_integer || !cd->quant_operands || !cd->quant_operands(core, &qo)) return LB_OK;
  if (!fout && !has_act && !lb_value_has_single_use(mlirOperationGetResult(core, 0)))
    return LB_OK; /* float result used elsewhere */
  if (!lb_match_dequantize(mlirOperationGetOperand(core, qo.input), &qx) || !lb_upto8(qx.qdt)) return LB_OK;
  MlirValue wdq = mlirOperationGetOperand(core, qo.weight);
  MlirOperation wop = lb_value_def(wdq);
  if (lb_op_get_kind(wop) != LB_OP_DEQUANTIZE || lb_op_get_int(wop, LB_ATTR_BLOCK_SIZE, 0) > 0) return LB_OK;
  lb_tensor_t w = {0}, sw = {0}, zw = {0}, bias = {0}, bq = {0}, bqs = {0};
  lb_status_t st = lb_value_view_constant(mlirOperationGetOperand(wop, 0), &w);
  int64_t nout = qo.nout, nw, nz;
  int32_t *bias_i = NULL, *mult = NULL, *shift = NULL, *wz_i = NULL;
  float *fscale = NULL, *offset = NULL;
  bool has_bq = false, use_offset = false;
  if (st) goto skip;
  if (!lb_upto8(w.dtype) || (st = lb_operand_read_as(wop, 1, LB_DT_F32, &sw)) ||
      (st = lb_operand_read_as(wop, 2, LB_DT_I32, &zw)))
    goto skip;
  nw = lb_tensor_count(&sw);
  nz = lb_tensor_count(&zw);
  /* per-channel weight parameters must run along the op's output channels */
  if (nw != 1 && (nw != nout || lb_op_get_int(wop, LB_ATTR_AXIS, -1) != qo.weight_axis)) goto skip;
  if (nz != 1 && nz != nout) goto skip;
  if (qo.bias >= 0) {
    if (!lb_read_bias(core, qo.bias, &bias, &bq, &bqs)) goto done;
    has_bq = bq.data != NULL;
    if (lb_tensor_count(&bias) != nout && lb_tensor_count(&bias) != 1) goto done;
  }
  /* everything matched: build the integer graph before the quantize */
  bias_i = calloc((size_t)nout, sizeof(int32_t));
  mult = calloc((size_t)nout, sizeof(int32_t));
  shift = calloc((size_t)nout, sizeof(int32_t));
  fscale = calloc((size_t)nout, sizeof(float));
  offset = calloc((size_t)nout, sizeof(float));
  wz_i = calloc((size_t)nz, sizeof(int32_t));
  if (!bias_i || !mult || !shift || !fscale || !offset || !wz_i) {
    st = LB_ERROR(LB_STATUS_RESOURCE_EXHAUSTED, "out of memory");
    goto done;
  }
  memcpy(wz_i, zw.data, sizeof(int32_t) * (size_t)nz);
  for (int64_t c = 0; c < nout; ++c) {
    float swc = ((float *)sw.data)[nw == 1 ? 0 : c];
    /* ONNX rounding: the accumulator scale is the float32 product, as the
     * quantizers that wrote the int32 biases computed it */
    volatile float acc_f = qx.scale * swc;
    double acc_scale = onnx ? (double)acc_f : (double)qx.scale * swc;
    if (qo.bias >= 0) {
      int64_t bc = lb_tensor_count(&bias) == 1 ? 0 : c;
      if (has_bq && ((float *)bqs.data)[lb_tensor_count(&bqs) == 1 ? 0 : bc] == acc_f) {
        bias_i[c] = ((int32_t *)bq.data)[bc]; /* already in accumulator units */
      } else if (onnx) {
        /* a float bias (QONNX, or a dequantized bias at another scale): added
         * in float by the requantization, as the float graph adds it, rather
         * than rounded to accumulator units */
        offset[c] = (float)((double)((float *)bias.data)[bc] / (double)qy.scale);
        use_offset = true;
      } else {
        double r = nearbyint(((float *)bias.data)[bc] / acc_scale);
        if (!(r >= -2147483648.0 && r <= 2147483647.0)) {
          /* the bias does not fit int32 at this accumulator scale (tiny
           * weights): keep this op in float rather than saturate it */
          char loc[512];
          lb_location_format(mlirOperationGetLocation(core), loc, sizeof loc);
          lb_warn("%s: '%s': bias of output channel %lld is %g accumulator units, beyond int32; the op stays in float",
                  loc, lb_op_kind_name(lb_op_get_kind(core)), (long long)c, r);
          goto done;
        }
        bias_i[c] = (int32_t)r;
      }
    }
    if (fout) {
      fscale[c] = (float)acc_scale; /* the dequantization of the accumulator */
    } else if (onnx) {
      fscale[c] = acc_f / qy.scale;
      if (!isfinite(fscale[c])) {
        st = lb_op_error(core, LB_STATUS_OUT_OF_RANGE, "requantization scale %g is not finite", (double)fscale[c]);
        goto done;
      }
    } else if (!lb_quantize_multiplier(acc_scale / (double)qy.scale, &mult[c], &shift[c])) {
      st = lb_op_error(core, LB_STATUS_OUT_OF_RANGE, "requantization multiplier %g is out of range",
                       acc_scale / qy.scale);
      goto done;
    }
  }
  {
    lb_builder_t b = lb_rewriter_builder(rw, fout ? core : qop);
    MlirValue xz, wz, bv = {NULL}, acc, mv, sv, yz, out;
    int32_t xzp = qx.zp, yzp = qy.zp;
    MlirValue xv = qx.data, wv = mlirOperationGetOperand(wop, 0);
    lb_dtype_t xdt = lb_dtype_container(qx.qdt);
    if (xdt != qx.qdt && (st = lb_build_cast(&b, xv, xdt, &xv))) goto done; /* i4 -> i8: same values */
    if (lb_dtype_is_subbyte(w.dtype)) { /* a 3-bit weight runs as the int8 it is stored in */
      w.dtype = lb_dtype_container(w.dtype);
      lb_builder_t cb = b;
      cb.loc = mlirOperationGetLocation(lb_value_def(wv)); /* keep the weight's name */
      if ((st = lb_build_constant_tensor(&cb, &w, &wv))) goto done;
    }
    if ((st = lb_int_vec(&b, core, "x_zero_point", xdt, &xzp, 1, &xz)) ||
        (st = lb_int_vec(&b, core, "w_zero_point", w.dtype, wz_i, nz, &wz)))
      goto done;
    if (qo.bias >= 0 && !use_offset && (st = lb_int_vec(&b, core, "bias", LB_DT_I32, bias_i, nout, &bv))) goto done;
    lb_int_operands_t in = {xv, xz, &w, wv, wz, bv};
    if ((st = cd->build_integer(&b, core, &in, &acc))) goto done;
    lb_keep_scheme(core, acc);
    /* accumulate in int64 when the weights and zero points allow int32 to
     * overflow (a proof from the actual values, per output channel) */
    if ((st = lb_acc_widen_if_needed(acc, NULL))) goto done;
    if (fout) {
      /* y = f32(acc) * (s_x * s_w[c]): the channel axis of matmul and gemm is the last */
      MlirValue f, sc, az;
      int64_t ns = nw == 1 ? 1 : nout;
      int32_t rank;
      int64_t dims[LB_MAX_RANK];
      lb_type_get_shape(mlirValueGetType(acc), &rank, dims);
      if ((st = lb_f32_vec(&b, core, "scale", fscale, ns, &sc))) goto done;
      if (lb_value_dtype(acc) == LB_DT_I32) { /* a dequantize, zero point 0 */
        memset(bias_i, 0, sizeof(int32_t) * (size_t)ns);
        if ((st = lb_int_vec(&b, core, "acc_zero_point", LB_DT_I32, bias_i, ns, &az)) ||
            (st = lb_build_dequantize(&b, acc, sc, az, ns == 1 ? -1 : rank - 1, 0, &out)))
          goto done;
      } else if ((st = lb_build_cast(&b, acc, LB_DT_F32, &f)) || (st = lb_build_binary(&b, LB_OP_MUL, f, sc, &out))) {
        goto done; /* an int64 accumulator: the same product */
      }
      lb_rewriter_replace(rw, mlirOperationGetResult(core, 0), out);
      *changed = true;
      goto done;
    }
    if ((st = lb_int_vec(&b, core, "y_zero_point", qy.qdt, &yzp, 1, &yz))) goto done;
    int64_t axis = nout == 1 && nw == 1 ? -1 : lb_op_channel_axis(core);
    MlirType yt = lb_dtype_to_type(b.ctx, qy.qdt);
    if (onnx) {
      int64_t ns = nw == 1 && !use_offset ? 1 : nout;
      MlirValue ov = {NULL};
      if (use_offset) {
        for (int64_t c = 0; c < nout; ++c) fscale[c] = fscale[nw == 1 ? 0 : c];
        if ((st = lb_f32_vec(&b, core, "offset", offset, nout, &ov))) goto done;
      }
      if (ns > 1) axis = lb_op_channel_axis(core);
      if ((st = lb_f32_vec(&b, core, "scale", fscale, ns, &mv)) ||
          (st = lb_build_requantize_fp(&b, acc, mv, ov, yz, ns == 1 ? -1 : axis, yt, &out)))
        goto done;
    } else if ((st = lb_int_vec(&b, core, "multiplier", LB_DT_I32, mult, nout, &mv)) ||
               (st = lb_int_vec(&b, core, "shift", LB_DT_I32, shift, nout, &sv)) ||
               (st = lb_build_requantize(&b, acc, mv, sv, yz, axis, yt, &out))) {
      goto done;
    }
    if (has_act) {
      /* real bounds to quantized ones; an empty interval keeps hi */
      double qmin = (double)lb_dtype_min(qy.qdt), qmax = (double)lb_dtype_max(qy.qdt);
      double qlo = isinf(clo) ? qmin : qy.zp + nearbyint(clo / qy.scale);
      double qhi = isinf(chi) ? qmax : qy.zp + nearbyint(chi / qy.scale);
      int64_t lo = qlo < qmin ? (int64_t)qmin : qlo > qmax ? (int64_t)qmax : (int64_t)qlo;
      int64_t hi = qhi > qmax ? (int64_t)qmax : qhi < qmin ? (int64_t)qmin : (int64_t)qhi;
      if (lo > hi) lo = hi;
      if ((lo > qmin || hi < qmax) && (st = lb_build_clamp(&b, out, lo, hi, &out))) goto done;
    }
    lb_rewriter_replace(rw, mlirOperationGetResult(qop, 0), out);
    *changed = true;
  }
  goto done;
skip:
  lb_status_free(st);
  st = LB_OK;
done:
  lb_tensor_free(&w);
  lb_tensor_free(&sw);
  lb_tensor_free(&zw);
  lb_tensor_free(&bias);
  lb_tensor_free(&bq);
  lb_tensor_free(&bqs);
  free(bias_i);
  free(mult);
  free(shift);
  free(fscale);
  free(offset);
  free(wz_i);
  return st;
}

static lb_status_t lb_fuse_integer_fixed(lb_rewriter_t *rw, MlirOperation qop, bool *changed) {
  return lb_fuse_integer(rw, qop, (MlirOperation){NULL}, changed, false);
}

static lb_status_t lb_fuse_integer_onnx(lb_rewriter_t *rw, MlirOperation qop, bool *changed) {
  return lb_fuse_integer(rw, qop, (MlirOperation){NULL}, changed, true);
}

/* Rule 9 (lowbit's own quantization only): a matmul / gemm on dequantized
 * 8-bit input and weight whose result is not quantized again (its users
 * run in float: attention, residual adds, GELU, graph outputs) ->
 * f32(integer kernel) * (s_x * s_w[c]), the bias in accumulator units as
 * in rule 3. */
static lb_status_t lb_fuse_integer_float(lb_rewriter_t *rw, MlirOperation op, bool *changed) {
  if (!lb_op_has_traits(op, LB_TRAIT_QUANTIZABLE)) return LB_OK;
  return lb_fuse_integer(rw, (MlirOperation){NULL}, op, changed, false);
}

/* Rule 10 (lowbit's own quantization): a weight-only layer, matmul / gemm
 * (alpha = beta = 1) of a float input and dequantize(W) with symmetric
 * codes of 2..8 bits, one scale per output channel or per block along the
 * reduction axis -> lb.matmul_nbits: the codes packed in 2-, 4- or 8-bit
 * containers (offset by 2^(c-1), the zero point), so the weight bytes are
 * c / 8 of a byte per weight. */
static lb_status_t lb_weight_only(lb_rewriter_t *rw, MlirOperation op, bool *changed) {
  lb_op_kind_t kind = lb_op_get_kind(op);
  if (kind != LB_OP_MATMUL && kind != LB_OP_GEMM) return LB_OK;
  lb_qparams_t qx;
  if (lb_value_dtype(lb_op_operand(op, 0)) != LB_DT_F32) return LB_OK;
  bool tb = false;
  if (kind == LB_OP_GEMM) {
    if (lb_op_get_int(op, LB_ATTR_TRANS_A, 0) || lb_op_get_float(op, LB_ATTR_ALPHA, 1.0) != 1.0 ||
        lb_op_get_float(op, LB_ATTR_BETA, 1.0) != 1.0)
      return LB_OK;
    tb = lb_op_get_int(op, LB_ATTR_TRANS_B, 0) != 0;
  }
  MlirOperation wop = lb_value_def(lb_op_operand(op, 1));
  if (mlirOperationIsNull(wop) || lb_op_get_kind(wop) != LB_OP_DEQUANTIZE || !lb_value_is_constant(lb_op_operand(wop, 0)))
    return LB_OK;
  int32_t r;
  int64_t d[LB_MAX_RANK];
  if (!lb_type_get_shape(mlirValueGetType(lb_op_operand(op, 1)), &r, d) || r != 2) return LB_OK;
  int64_t K = tb ? d[1] : d[0], N = tb ? d[0] : d[1], kaxis = tb ? 1 : 0, naxis = 1 - kaxis;
  int64_t block = lb_op_get_int(wop, LB_ATTR_BLOCK_SIZE, 0), axis = lb_op_get_int(wop, LB_ATTR_AXIS, -1);
  /* quantized activations with per-channel weights are rules 3 and 9; with
   * group scales (no integer kernel for them) the dequantized activations
   * feed this float kernel on packed weights */
  if (block <= 0 && lb_match_dequantize(lb_op_operand(op, 0), &qx)) return LB_OK;
  if (block > 0 && axis != kaxis) return LB_OK;
  if (block <= 0 && axis >= 0 && axis != naxis) return LB_OK;
  lb_tensor_t w = {0}, sw = {0}, zw = {0}, bias = {0};
  lb_status_t st = lb_value_view_constant(lb_op_operand(wop, 0), &w);
  if (st) {
    lb_status_free(st);
    return LB_OK;
  }
  int bits = lb_dtype_is_int(w.dtype) && lb_dtype_is_signed(w.dtype) ? (int)lb_dtype_bits(w.dtype) : 0;
  int c = bits <= 2 ? 2 : bits <= 4 ? 4 : 8;
  if (!bits || bits > 8) goto done;
  if ((st = lb_operand_read_as(wop, 1, LB_DT_F32, &sw)) || (st = lb_operand_read_as(wop, 2, LB_DT_I32, &zw))) goto skip;
  for (int64_t i = 0; i < lb_tensor_count(&zw); ++i)
    if (((int32_t *)zw.data)[i]) goto done; /* symmetric codes only */
  /* a block must fill whole bytes: per channel, the row's one block is
   * padded (the kernel reads only K codes); a group of G codes that does not
   * fill bytes at c bits takes 8-bit containers */
  int64_t blk = block > 0 ? block : (K + 8 / c - 1) / (8 / c) * (8 / c), nblk = (K + blk - 1) / blk,
          ns = lb_tensor_count(&sw);
  if ((blk * c) % 8) c = 8;
  if (ns != 1 && ns != (block > 0 ? N * nblk : N)) goto done;
  if (kind == LB_OP_GEMM && mlirOperationGetNumOperands(op) > 2) {
    if ((st = lb_operand_read_as(op, 2, LB_DT_F32, &bias))) goto skip;
    if (lb_tensor_count(&bias) != N && lb_tensor_count(&bias) != 1) goto done;
  }
  {
    int64_t blob = blk * c / 8, dims3[3] = {N, nblk, blob}, dn[1] = {N * nblk};
    lb_tensor_t packed, scales, zps, bt;
    memset(&bt, 0, sizeof bt);
    if (lb_tensor_alloc(&packed, LB_DT_U8, 3, dims3)) {
      st = LB_ERROR(LB_STATUS_RESOURCE_EXHAUSTED, "out of memory");
      goto done;
    }
    if (lb_tensor_alloc(&scales, LB_DT_F32, 1, dn) || lb_tensor_alloc(&zps, LB_DT_F32, 1, dn)) {
      lb_tensor_free(&packed);
      lb_tensor_free(&scales);
      st = LB_ERROR(LB_STATUS_RESOURCE_EXHAUSTED, "out of memory");
      goto done;
    }
    memset(packed.data, 0, (size_t)lb_tensor_nbytes(&packed));
    uint8_t *pd = packed.data;
    const int8_t *wd = w.data;
    const float *sd = sw.data;
    int64_t off = (int64_t)1 << (c - 1);
    for (int64_t n = 0; n < N; ++n)
      for (int64_t b = 0; b < nblk; ++b) {
        /* the scale of (n, block b): per channel [N], or blocked [nblk, N] / [N, nblk] like the weight */
        int64_t si = ns == 1 ? 0 : block <= 0 ? n : tb ? n * nblk + b : b * N + n;
        ((float *)scales.data)[n * nblk + b] = sd[si];
        ((float *)zps.data)[n * nblk + b] = (float)off;
        for (int64_t j = 0; j < blk && b * blk + j < K; ++j) {
          int64_t k = b * blk + j;
          unsigned code = (unsigned)(wd[tb ? n * K + k : k * N + n] + off);
          int64_t bit = j * c;
          pd[(n * nblk + b) * blob + bit / 8] |= (uint8_t)(code << (bit % 8));
        }
      }
    lb_builder_t b = lb_rewriter_builder(rw, op), wb = b;
    wb.loc = mlirOperationGetLocation(lb_value_def(lb_op_operand(wop, 0))); /* the weight keeps its name */
    MlirValue pv, sv, zv, bv = {NULL}, out;
    st = lb_build_constant_tensor(&wb, &packed, &pv);
    lb_builder_t nb = lb_builder_named(&b, op, "w_scale");
    if (!st) st = lb_build_constant_tensor(&nb, &scales, &sv);
    nb = lb_builder_named(&b, op, "w_zero_point");
    if (!st) st = lb_build_constant_tensor(&nb, &zps, &zv);
    if (!st && bias.data) {
      int64_t bd[1] = {N};
      if (lb_tensor_alloc(&bt, LB_DT_F32, 1, bd)) st = LB_ERROR(LB_STATUS_RESOURCE_EXHAUSTED, "out of memory");
      for (int64_t n = 0; !st && n < N; ++n)
        ((float *)bt.data)[n] = ((float *)bias.data)[lb_tensor_count(&bias) == 1 ? 0 : n];
      nb = lb_builder_named(&b, op, "bias");
      if (!st) st = lb_build_constant_tensor(&nb, &bt, &bv);
    }
    if (!st) st = lb_build_matmul_nbits(&b, lb_op_operand(op, 0), pv, sv, zv, bv, N, c, blk, &out);
    if (!st) lb_keep_scheme(op, out);
    if (!st) {
      lb_rewriter_replace(rw, lb_op_result(op), out);
      *changed = true;
    }
    lb_tensor_free(&packed);
    lb_tensor_free(&scales);
    lb_tensor_free(&zps);
    lb_tensor_free(&bt);
  }
  goto done;
skip:
  lb_status_free(st);
  st = LB_OK;
done:
  lb_tensor_free(&w);
  lb_tensor_free(&sw);
  lb_tensor_free(&zw);
  lb_tensor_free(&bias);
  return st;
}

/* Rule 11 (lowbit's own quantization): a matmul of two dequantized
 * activations (attention's QK^T and PV with --quant-attention), per-tensor
 * codes of up to 8 bits, whose result is not quantized again ->
 * dequantize(qmatmul(a, b, zp_a, zp_b)) with scale s_a * s_b, zero point 0
 * (an int64 accumulator, if the worst case needs it: f32(acc) * scale). */
static lb_status_t lb_fuse_act_matmul(lb_rewriter_t *rw, MlirOperation op, bool *changed) {
  if (lb_op_get_kind(op) != LB_OP_MATMUL) return LB_OK;
  lb_qparams_t qa, qb;
  if (!lb_match_dequantize(lb_op_operand(op, 0), &qa) || !lb_match_dequantize(lb_op_operand(op, 1), &qb) ||
      !lb_upto8(qa.qdt) || !lb_upto8(qb.qdt) || lb_value_is_constant(qb.data))
    return LB_OK;
  for (MlirOpOperand u = mlirValueGetFirstUse(lb_op_result(op)); !mlirOpOperandIsNull(u); u = mlirOpOperandGetNextUse(u))
    if (lb_op_get_kind(mlirOpOperandGetOwner(u)) == LB_OP_QUANTIZE) return LB_OK;
  lb_builder_t b = lb_rewriter_builder(rw, op);
  MlirValue av = qa.data, bv = qb.data, az, bz, acc, sc, zero, out;
  lb_dtype_t adt = lb_dtype_container(qa.qdt), bdt = lb_dtype_container(qb.qdt);
  int32_t zpa = qa.zp, zpb = qb.zp, z0 = 0;
  float s = qa.scale * qb.scale;
  lb_status_t st = LB_OK;
  if (adt != qa.qdt) st = lb_build_cast(&b, av, adt, &av);
  if (!st && bdt != qb.qdt) st = lb_build_cast(&b, bv, bdt, &bv);
  if (!st) st = lb_int_vec(&b, op, "a_zero_point", adt, &zpa, 1, &az);
  if (!st) st = lb_int_vec(&b, op, "b_zero_point", bdt, &zpb, 1, &bz);
  if (!st) st = lb_build_qmatmul(&b, av, bv, az, bz, (MlirValue){NULL}, &acc);
  if (!st) lb_keep_scheme(op, acc);
  if (!st) st = lb_acc_widen_if_needed(acc, NULL);
  if (!st) st = lb_f32_vec(&b, op, "scale", &s, 1, &sc);
  if (!st && lb_value_dtype(acc) == LB_DT_I32) {
    st = lb_int_vec(&b, op, "acc_zero_point", LB_DT_I32, &z0, 1, &zero);
    if (!st) st = lb_build_dequantize(&b, acc, sc, zero, -1, 0, &out);
  } else if (!st) {
    st = lb_build_cast(&b, acc, LB_DT_F32, &out);
    if (!st) st = lb_build_binary(&b, LB_OP_MUL, out, sc, &out);
  }
  if (!st) {
    lb_rewriter_replace(rw, lb_op_result(op), out);
    *changed = true;
  }
  return st;
}

static lb_status_t lb_keep_float(lb_rewriter_t *rw, MlirOperation op, bool *changed) {
  (void)rw, (void)op, (void)changed;
  return LB_OK;
}

/* Rule 5: quantize([c](add|mul(dequantize(a), dequantize(b)))) on 8-bit
 * per-tensor data -> [clamp](qadd|qmul(a, b)): the integer add with two
 * input scales of QLinearAdd (and QLinearMul), rne in binary64. */
static lb_status_t lb_fuse_qbinary(lb_rewriter_t *rw, MlirOperation qop, bool *changed) {
  lb_qparams_t qy, qa, qb;
  if (!lb_match_quantize(qop, &qy) || !lb_is_8bit(qy.qdt)) return LB_OK;
  MlirOperation act = lb_value_def(qy.data), core = act;
  if (mlirOperationIsNull(act)) return LB_OK;
  const lb_op_desc_t *ad = lb_op_desc(act);
  double clo = -INFINITY, chi = INFINITY;
  bool has_act = ad && ad->clamp_bounds && ad->clamp_bounds(act, &clo, &chi);
  if (has_act) {
    if (!lb_value_has_single_use(mlirOperationGetOperand(act, 0))) return LB_OK;
    core = lb_value_def(mlirOperationGetOperand(act, 0));
  }
  lb_op_kind_t k = lb_op_get_kind(core);
  if (k != LB_OP_ADD && k != LB_OP_MUL) return LB_OK;
  if (!has_act && !lb_value_has_single_use(mlirOperationGetResult(core, 0))) return LB_OK;
  if (!lb_match_dequantize(mlirOperationGetOperand(core, 0), &qa) || !lb_is_8bit(qa.qdt) ||
      !lb_match_dequantize(mlirOperationGetOperand(core, 1), &qb) || !lb_is_8bit(qb.qdt))
    return LB_OK;
  float sa = k == LB_OP_ADD ? (float)((double)qa.scale / qy.scale) : (float)((double)qa.scale * qb.scale / qy.scale);
  float sb = k == LB_OP_ADD ? (float)((double)qb.scale / qy.scale) : 0.0f;
  if (!isfinite(sa) || !isfinite(sb)) return LB_OK;
  lb_builder_t b = lb_rewriter_builder(rw, qop);
  MlirValue out;
  LB_RETURN_IF_ERROR(lb_build_qbinary(&b, k == LB_OP_ADD ? LB_OP_QADD : LB_OP_QMUL, qa.data, qb.data, qa.zp, qb.zp, qy.zp,
                                      sa, sb, qy.qdt, &out));
  if (has_act) {
    double qmin = (double)lb_dtype_min(qy.qdt), qmax = (double)lb_dtype_max(qy.qdt);
    double qlo = isinf(clo) ? qmin : qy.zp + nearbyint(clo / qy.scale);
    double qhi = isinf(chi) ? qmax : qy.zp + nearbyint(chi / qy.scale);
    int64_t lo = qlo < qmin ? (int64_t)qmin : qlo > qmax ? (int64_t)qmax : (int64_t)qlo;
    int64_t hi = qhi > qmax ? (int64_t)qmax : qhi < qmin ? (int64_t)qmin : (int64_t)qhi;
    if (lo > hi) lo = hi;
    if (lo > qmin || hi < qmax) LB_RETURN_IF_ERROR(lb_build_clamp(&b, out, lo, hi, &out));
  }
  lb_rewriter_replace(rw, mlirOperationGetResult(qop, 0), out);
  *changed = true;
  return LB_OK;
}

/* Rule 6: does v come from 8-bit per-tensor dequantizes only, through
 * single-use concats? */
static bool lb_concat_of_dequantized(MlirValue v, int depth) {
  lb_qparams_t q;
  if (lb_match_dequantize(v, &q)) return lb_is_8bit(q.qdt);
  MlirOperation d = lb_value_def(v);
  if (depth > 64 || mlirOperationIsNull(d) || lb_op_get_kind(d) != LB_OP_CONCAT || !lb_value_has_single_use(v))
    return false;
  return lb_concat_of_dequantized(mlirOperationGetOperand(d, 0), depth + 1) &&
         lb_concat_of_dequantized(mlirOperationGetOperand(d, 1), depth + 1);
}

/* Rule 6. */
static lb_status_t lb_push_quantize_concat(lb_rewriter_t *rw, MlirOperation qop, bool *changed) {
  lb_qparams_t qy;
  if (!lb_match_quantize(qop, &qy) || !lb_is_8bit(qy.qdt)) return LB_OK;
  MlirOperation cat = lb_value_def(qy.data);
  if (mlirOperationIsNull(cat) || lb_op_get_kind(cat) != LB_OP_CONCAT || !lb_concat_of_dequantized(qy.data, 0))
    return LB_OK;
  lb_builder_t b = lb_rewriter_builder(rw, qop);
  MlirValue parts[2], out;
  MlirType elem = mlirShapedTypeGetElementType(mlirValueGetType(mlirOperationGetResult(qop, 0)));
  for (int i = 0; i < 2; ++i)
    LB_RETURN_IF_ERROR(lb_build_quantize(&b, mlirOperationGetOperand(cat, i), mlirOperationGetOperand(qop, 1),
                                         mlirOperationGetOperand(qop, 2), -1, 0, elem, &parts[i]));
  LB_RETURN_IF_ERROR(lb_build_concat(&b, parts[0], parts[1], lb_op_get_int(cat, LB_ATTR_AXIS, 0), &out));
  lb_rewriter_replace(rw, mlirOperationGetResult(qop, 0), out);
  *changed = true;
  return LB_OK;
}

/* Rule 12. */
static lb_status_t lb_push_quantize_layout(lb_rewriter_t *rw, MlirOperation qop, bool *changed) {
  lb_qparams_t qy;
  if (!lb_match_quantize(qop, &qy) || !lb_is_8bit(qy.qdt) || !lb_value_has_single_use(qy.data)) return LB_OK;
  MlirOperation l = lb_value_def(qy.data);
  if (mlirOperationIsNull(l) || !lb_op_has_traits(l, LB_TRAIT_LAYOUT_ONLY) || mlirOperationGetNumOperands(l) != 1)
    return LB_OK;
  lb_builder_t b = lb_rewriter_builder(rw, qop);
  MlirValue q;
  LB_RETURN_IF_ERROR(lb_build_quantize(&b, mlirOperationGetOperand(l, 0), mlirOperationGetOperand(qop, 1),
                                       mlirOperationGetOperand(qop, 2), -1, 0,
                                       mlirShapedTypeGetElementType(mlirValueGetType(mlirOperationGetResult(qop, 0))),
                                       &q));
  /* the layout op on the codes: a clone with its element type changed */
  MlirOperation c = mlirOperationClone(l);
  mlirOperationSetOperand(c, 0, q);
  MlirValue y = mlirOperationGetResult(c, 0);
  int32_t r;
  int64_t d[LB_MAX_RANK];
  lb_type_get_shape(mlirValueGetType(y), &r, d);
  mlirValueSetType(y, lb_tensor_type(b.ctx, r, d, lb_dtype_to_type(b.ctx, qy.qdt)));
  mlirBlockInsertOwnedOperationBefore(b.block, qop, c);
  lb_rewriter_push(rw, c);
  lb_rewriter_replace(rw, mlirOperationGetResult(qop, 0), y);
  *changed = true;
  return LB_OK;
}

/* Rule 7. */
static lb_status_t lb_requantize_table(lb_rewriter_t *rw, MlirOperation qop, bool *changed) {
  lb_qparams_t qy, qx;
  if (!lb_match_quantize(qop, &qy) || !lb_is_8bit(qy.qdt) || !lb_match_dequantize(qy.data, &qx) ||
      !lb_is_8bit(qx.qdt))
    return LB_OK;
  if (qx.scale == qy.scale && qx.zp == qy.zp && qx.qdt == qy.qdt) return LB_OK; /* rule 2 */
  MlirOperation dq = lb_value_def(qy.data);
  lb_tensor_t codes, table;
  int64_t d[1] = {256};
  if (lb_tensor_alloc(&codes, qx.qdt, 1, d)) return LB_ERROR(LB_STATUS_RESOURCE_EXHAUSTED, "out of memory");
  for (int i = 0; i < 256; ++i) ((uint8_t *)codes.data)[i] = (uint8_t)(qx.qdt == LB_DT_I8 ? i ^ 0x80 : i);
  MlirOperation chain[2] = {dq, qop};
  lb_status_t st = lb_interp_eval_chain(chain, 2, &codes, &table);
  lb_tensor_free(&codes);
  if (st) return lb_op_annotate(qop, st);
  lb_builder_t b = lb_rewriter_builder(rw, qop);
  lb_builder_t tb = lb_builder_named(&b, qop, "table");
  MlirValue tv, out;
  st = lb_build_constant_tensor(&tb, &table, &tv);
  lb_tensor_free(&table);
  LB_RETURN_IF_ERROR(st);
  LB_RETURN_IF_ERROR(lb_build_lut(&b, qx.data, tv, &out));
  lb_rewriter_replace(rw, mlirOperationGetResult(qop, 0), out);
  *changed = true;
  return LB_OK;
}

/* Rule 8. */
static lb_status_t lb_fuse_qavg_pool(lb_rewriter_t *rw, MlirOperation qop, bool *changed) {
  lb_qparams_t qy, qx;
  if (!lb_match_quantize(qop, &qy) || !lb_is_8bit(qy.qdt)) return LB_OK;
  MlirOperation pool = lb_value_def(qy.data);
  lb_op_kind_t k = mlirOperationIsNull(pool) ? LB_OP_UNKNOWN : lb_op_get_kind(pool);
  if ((k != LB_OP_AVG_POOL && k != LB_OP_GLOBAL_AVG_POOL) || !lb_value_has_single_use(qy.data)) return LB_OK;
  if (!lb_match_dequantize(mlirOperationGetOperand(pool, 0), &qx) || qx.qdt != qy.qdt) return LB_OK;
  lb_window_attrs_t wa;
  if (k == LB_OP_AVG_POOL) {
    lb_status_t st = lb_window_attrs_get(pool, &wa);
    if (st) {
      lb_status_free(st);
      return LB_OK;
    }
  } else {
    int32_t rank;
    int64_t d[LB_MAX_RANK];
    if (!lb_type_get_shape(mlirValueGetType(qx.data), &rank, d) || rank != 4 || d[2] == LB_DYN || d[3] == LB_DYN)
      return LB_OK;
    memset(&wa, 0, sizeof wa);
    wa.kernel[0] = d[2];
    wa.kernel[1] = d[3];
    wa.strides[0] = wa.strides[1] = wa.dilations[0] = wa.dilations[1] = 1;
  }
  if (wa.kernel[0] < 1 || wa.kernel[1] < 1 || wa.kernel[0] > (1 << 16) || wa.kernel[1] > (1 << 16) ||
      wa.kernel[0] * wa.kernel[1] > (1 << 16) || wa.dilations[0] != 1 || wa.dilations[1] != 1)
    return LB_OK;
  if (!(qx.scale > 0) || !(qy.scale > 0)) return LB_OK;
  lb_builder_t b = lb_rewriter_builder(rw, qop);
  MlirValue out;
  LB_RETURN_IF_ERROR(lb_build_qavg_pool(&b, qx.data, &wa, qx.zp, qx.scale, qy.zp, qy.scale, &out));
  lb_rewriter_replace(rw, mlirOperationGetResult(qop, 0), out);
  *changed = true;
  return LB_OK;
}

/* Rule 4. */
static lb_status_t lb_table_lookup(lb_rewriter_t *rw, MlirOperation qop, bool *changed) {
  lb_qparams_t qy, qx;
  if (!lb_match_quantize(qop, &qy) || !lb_is_8bit(qy.qdt)) return LB_OK;
  MlirOperation f = lb_value_def(qy.data);
  if (mlirOperationIsNull(f) || !lb_op_has_traits(f, LB_TRAIT_ELEMENTWISE | LB_TRAIT_UNARY) ||
      lb_op_has_traits(f, LB_TRAIT_INTEGER) || !lb_value_has_single_use(qy.data))
    return LB_OK;
  if (!lb_match_dequantize(mlirOperationGetOperand(f, 0), &qx) || !lb_is_8bit(qx.qdt)) return LB_OK;
  MlirOperation dq = lb_value_def(mlirOperationGetOperand(f, 0));
  /* every input code, in table order: index i holds the code with byte i ^ xor */
  lb_tensor_t codes, table;
  int64_t d[1] = {256};
  if (lb_tensor_alloc(&codes, qx.qdt, 1, d)) return LB_ERROR(LB_STATUS_RESOURCE_EXHAUSTED, "out of memory");
  for (int i = 0; i < 256; ++i) ((uint8_t *)codes.data)[i] = (uint8_t)(qx.qdt == LB_DT_I8 ? i ^ 0x80 : i);
  MlirOperation chain[3] = {dq, f, qop};
  lb_status_t st = lb_interp_eval_chain(chain, 3, &codes, &table);
  lb_tensor_free(&codes);
  if (st) return lb_op_annotate(f, st);
  lb_builder_t b = lb_rewriter_builder(rw, qop);
  lb_builder_t tb = lb_builder_named(&b, f, "table");
  MlirValue tv, out;
  st = lb_build_constant_tensor(&tb, &table, &tv);
  lb_tensor_free(&table);
  LB_RETURN_IF_ERROR(st);
  LB_RETURN_IF_ERROR(lb_build_lut(&b, qx.data, tv, &out));
  lb_rewriter_replace(rw, mlirOperationGetResult(qop, 0), out);
  *changed = true;
  return LB_OK;
}

static const lb_pattern_t lb_lower_patterns[] = {
    {"push-dequantize", LB_OP_UNKNOWN, lb_push_dequantize},
    {"cancel-quantize-dequantize", LB_OP_QUANTIZE, lb_cancel_qdq},
    {"fuse-integer-kernel", LB_OP_QUANTIZE, lb_fuse_integer_fixed},
    {"integer-add-mul", LB_OP_QUANTIZE, lb_fuse_qbinary},
    {"table-lookup", LB_OP_QUANTIZE, lb_table_lookup},
    {"push-quantize-concat", LB_OP_QUANTIZE, lb_push_quantize_concat},
    {"push-quantize-layout", LB_OP_QUANTIZE, lb_push_quantize_layout},
    {"requantize-table", LB_OP_QUANTIZE, lb_requantize_table},
    {"integer-average-pool", LB_OP_QUANTIZE, lb_fuse_qavg_pool},
    {"integer-kernel-float-result", LB_OP_UNKNOWN, lb_fuse_integer_float},
    {"weight-only-packed", LB_OP_UNKNOWN, lb_weight_only},
    {"integer-attention-matmul", LB_OP_MATMUL, lb_fuse_act_matmul},
};

/* the same rules; only the integer kernels' rounding differs */
static const lb_pattern_t lb_lower_patterns_onnx[] = {
    {"push-dequantize", LB_OP_UNKNOWN, lb_push_dequantize},
    {"cancel-quantize-dequantize", LB_OP_QUANTIZE, lb_cancel_qdq},
    {"fuse-integer-kernel", LB_OP_QUANTIZE, lb_fuse_integer_onnx},
    {"integer-add-mul", LB_OP_QUANTIZE, lb_fuse_qbinary},
    {"table-lookup", LB_OP_QUANTIZE, lb_table_lookup},
    {"push-quantize-concat", LB_OP_QUANTIZE, lb_push_quantize_concat},
    {"push-quantize-layout", LB_OP_QUANTIZE, lb_push_quantize_layout},
    {"requantize-table", LB_OP_QUANTIZE, lb_requantize_table},
    {"integer-average-pool", LB_OP_QUANTIZE, lb_fuse_qavg_pool},
    {"integer-kernel-float-result", LB_OP_UNKNOWN, lb_keep_float}, /* imported models keep their float ops */
    {"weight-only-packed", LB_OP_UNKNOWN, lb_keep_float},
    {"integer-attention-matmul", LB_OP_MATMUL, lb_keep_float},
};

lb_status_t lb_pass_lower_quantized(MlirModule module, const lb_pass_options_t *options) {
  const char *r = lb_pass_option(options, "rounding");
  bool onnx = r && !strcmp(r, "onnx");
  if (r && !onnx && strcmp(r, "fixed"))
    return LB_ERROR(LB_STATUS_INVALID_ARGUMENT, "rounding must be fixed or onnx, got '%s'", r);
  MlirOperation func = lb_module_get_func(module);
  if (mlirOperationIsNull(func)) return LB_OK;
  _Static_assert(sizeof lb_lower_patterns == sizeof lb_lower_patterns_onnx, "both rule lists have every rule");
  const lb_pattern_t *pats = onnx ? lb_lower_patterns_onnx : lb_lower_patterns;
  return lb_rewrite_greedy(func, pats, sizeof lb_lower_patterns / sizeof lb_lower_patterns[0]);
}
