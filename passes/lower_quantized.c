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
 *     QUANTIZABLE and c a clamp-like op (clamp_bounds: relu, clip) ->
 *       [clamp](requantize(build_integer(op)(xq, Wq, zp_x, 0, bias_i32)))
 *     where bias_i32[c] = rne(bias[c] / (s_x * s_w[c])) and the requantize
 *     multiplier/shift encode s_x * s_w[c] / s_y (quant_util.h); the clamp
 *     gets the quantized bounds and is dropped when it covers the whole
 *     int8 range. The integer kernel accumulates in int32 unless its
 *     acc_bound (from the actual weights) can exceed int32; then in int64.
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
static lb_status_t lb_i8_scalar(lb_builder_t *b, MlirOperation core, const char *what, int32_t v, MlirValue *out) {
  int8_t c = (int8_t)v;
  int64_t d[1] = {1};
  lb_builder_t nb = lb_builder_named(b, core, what);
  return lb_build_constant(&nb, lb_tensor_type(b->ctx, 1, d, mlirIntegerTypeGet(b->ctx, 8)), &c, 1, out);
}

static lb_status_t lb_i32_vec(lb_builder_t *b, MlirOperation core, const char *what, const int32_t *v, int64_t n,
                              MlirValue *out) {
  int64_t d[1] = {n};
  lb_builder_t nb = lb_builder_named(b, core, what);
  return lb_build_constant(&nb, lb_tensor_type(b->ctx, 1, d, mlirIntegerTypeGet(b->ctx, 32)), v,
                           sizeof(int32_t) * (size_t)n, out);
}

/* Rule 3. */
static lb_status_t lb_fuse_integer(lb_rewriter_t *rw, MlirOperation qop, bool *changed) {
  lb_qparams_t qy, qx;
  if (!lb_match_quantize(qop, &qy) || qy.qdt != LB_DT_I8) return LB_OK;
  MlirOperation act = lb_value_def(qy.data), core = act;
  if (mlirOperationIsNull(act)) return LB_OK;
  const lb_op_desc_t *ad = lb_op_desc(act);
  double clo = -INFINITY, chi = INFINITY;
  bool has_act = ad && ad->clamp_bounds && ad->clamp_bounds(act, &clo, &chi);
  if (has_act) {
    MlirValue cv = mlirOperationGetOperand(act, 0);
    if (!lb_value_has_single_use(cv)) return LB_OK;
    core = lb_value_def(cv);
  }
  const lb_op_desc_t *cd = lb_op_desc(core);
  lb_quant_operands_t qo;
  if (!cd || !cd->build_integer || !cd->quant_operands || !cd->quant_operands(core, &qo)) return LB_OK;
  if (!has_act && !lb_value_has_single_use(mlirOperationGetResult(core, 0))) return LB_OK; /* float result used elsewhere */
  if (!lb_match_dequantize(mlirOperationGetOperand(core, qo.input), &qx) || qx.qdt != LB_DT_I8) return LB_OK;
  MlirValue wdq = mlirOperationGetOperand(core, qo.weight);
  MlirOperation wop = lb_value_def(wdq);
  if (lb_op_get_kind(wop) != LB_OP_DEQUANTIZE) return LB_OK;
  lb_tensor_t w = {0}, sw = {0}, zw = {0}, bias = {0};
  lb_status_t st = lb_value_read_constant(mlirOperationGetOperand(wop, 0), &w);
  int64_t nout = qo.nout, nw;
  int32_t *bias_i = NULL, *mult = NULL, *shift = NULL;
  if (st) goto skip;
  if (w.dtype != LB_DT_I8 || (st = lb_operand_read_as(wop, 1, LB_DT_F32, &sw)) ||
      (st = lb_operand_read_as(wop, 2, LB_DT_I32, &zw)))
    goto skip;
  nw = lb_tensor_count(&sw);
  /* per-channel weight scales must run along the op's output channels */
  if (nw != 1 && (nw != nout || lb_op_get_int(wop, LB_ATTR_AXIS, -1) != qo.weight_axis)) goto skip;
  for (int64_t i = 0; i < lb_tensor_count(&zw); ++i)
    if (((int32_t *)zw.data)[i] != 0) goto skip;
  if (qo.bias >= 0) {
    if ((st = lb_operand_read_as(core, qo.bias, LB_DT_F32, &bias))) goto skip;
    if (lb_tensor_count(&bias) != nout && lb_tensor_count(&bias) != 1) goto skip;
  }
  /* everything matched: build the integer graph before the quantize */
  bias_i = calloc((size_t)nout, sizeof(int32_t));
  mult = calloc((size_t)nout, sizeof(int32_t));
  shift = calloc((size_t)nout, sizeof(int32_t));
  if (!bias_i || !mult || !shift) {
    st = LB_ERROR(LB_STATUS_RESOURCE_EXHAUSTED, "out of memory");
    goto done;
  }
  for (int64_t c = 0; c < nout; ++c) {
    double acc_scale = (double)qx.scale * ((float *)sw.data)[nw == 1 ? 0 : c];
    if (qo.bias >= 0) {
      double r = nearbyint(((float *)bias.data)[lb_tensor_count(&bias) == 1 ? 0 : c] / acc_scale);
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
    if (!lb_quantize_multiplier(acc_scale / (double)qy.scale, &mult[c], &shift[c])) {
      st = lb_op_error(core, LB_STATUS_OUT_OF_RANGE, "requantization multiplier %g is out of range",
                       acc_scale / qy.scale);
      goto done;
    }
  }
  {
    lb_builder_t b = lb_rewriter_builder(rw, qop);
    MlirValue xz, wz, bv = {NULL}, acc, mv, sv, yz, out;
    if ((st = lb_i8_scalar(&b, core, "x_zero_point", qx.zp, &xz)) ||
        (st = lb_i8_scalar(&b, core, "w_zero_point", 0, &wz)))
      goto done;
    if (qo.bias >= 0 && (st = lb_i32_vec(&b, core, "bias", bias_i, nout, &bv))) goto done;
    lb_int_operands_t in = {qx.data, xz, &w, mlirOperationGetOperand(wop, 0), wz, bv};
    if ((st = cd->build_integer(&b, core, &in, &acc))) goto done;
    /* accumulate in int64 when the weights and zero points allow int32 to
     * overflow (a proof from the actual values, per output channel) */
    if ((st = lb_acc_widen_if_needed(acc, NULL))) goto done;
    if ((st = lb_i32_vec(&b, core, "multiplier", mult, nout, &mv)) ||
        (st = lb_i32_vec(&b, core, "shift", shift, nout, &sv)) || (st = lb_i8_scalar(&b, core, "y_zero_point", qy.zp, &yz)))
      goto done;
    if ((st = lb_build_requantize(&b, acc, mv, sv, yz, nout == 1 && nw == 1 ? -1 : lb_op_channel_axis(core),
                                  mlirIntegerTypeGet(b.ctx, 8), &out)))
      goto done;
    if (has_act) {
      /* real bounds to quantized ones; an empty interval keeps hi */
      double qlo = isinf(clo) ? -128 : qy.zp + nearbyint(clo / qy.scale);
      double qhi = isinf(chi) ? 127 : qy.zp + nearbyint(chi / qy.scale);
      int64_t lo = qlo < -128 ? -128 : qlo > 127 ? 127 : (int64_t)qlo;
      int64_t hi = qhi > 127 ? 127 : qhi < -128 ? -128 : (int64_t)qhi;
      if (lo > hi) lo = hi;
      if ((lo > -128 || hi < 127) && (st = lb_build_clamp(&b, out, lo, hi, &out))) goto done;
    }
    lb_rewriter_replace(rw, mlirOperationGetResult(qop, 0), out);
    *changed = true;
  }
  goto done;
skip:
  lb_status_free(st);
  st = LB_OK;
done:
  free(bias_i);
  free(mult);
  free(shift);
  lb_tensor_free(&w);
  lb_tensor_free(&sw);
  lb_tensor_free(&zw);
  lb_tensor_free(&bias);
  return st;
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
    {"fuse-integer-kernel", LB_OP_QUANTIZE, lb_fuse_integer},
    {"table-lookup", LB_OP_QUANTIZE, lb_table_lookup},
};

lb_status_t lb_pass_lower_quantized(MlirModule module, const lb_pass_options_t *options) {
  (void)options;
  MlirOperation func = lb_module_get_func(module);
  if (mlirOperationIsNull(func)) return LB_OK;
  return lb_rewrite_greedy(func, lb_lower_patterns, (int)(sizeof lb_lower_patterns / sizeof lb_lower_patterns[0]));
}
