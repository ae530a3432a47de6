/* lb-quantize{mode=w8a8}: make quantization explicit in the float graph.
 *
 * For every conv2d, gemm (no transposed A, alpha = 1) and matmul with a
 * constant 2-D weight:
 *   - the activation input becomes dequantize(quantize(x)) with per-tensor
 *     asymmetric int8 parameters from its calibrated range (or, when x
 *     already comes from a dequantize through layout ops / max pooling, that
 *     dequantize's parameters, so later cancellation is exact);
 *   - the weight becomes dequantize(W_q) with per-output-channel symmetric
 *     int8 (W_q in [-127, 127], zero point 0);
 *   - the output (after a directly following relu/clip, which the integer
 *     kernel will absorb) becomes dequantize(quantize(y)) from its range.
 * Bias stays float here; lb-lower-quantized turns it into int32. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "passes/passes.h"
#include "passes/quant_util.h"

static lb_status_t lb_q_fail(MlirOperation op, const char *msg) {
  char loc[512];
  lb_location_format(mlirOperationGetLocation(op), loc, sizeof loc);
  return LB_ERROR(LB_STATUS_INVALID_ARGUMENT, "%s: '%s': %s", loc, lb_op_kind_name(lb_op_get_kind(op)), msg);
}

/* Range of value v: from its defining op's lb.range, or the function's
 * lb.arg_ranges for block arguments. */
static bool lb_value_range(MlirOperation func, MlirValue v, float *lo, float *hi) {
  if (mlirValueIsAOpResult(v)) return lb_op_get_range(mlirOpResultGetOwner(v), lo, hi);
  MlirAttribute a = mlirOperationGetAttributeByName(func, mlirStringRefCreateFromCString(LB_ATTR_ARG_RANGES));
  intptr_t i = mlirBlockArgumentGetArgNumber(v);
  if (mlirAttributeIsNull(a) || !mlirAttributeIsADenseF32Array(a) || mlirDenseArrayGetNumElements(a) < 2 * i + 2)
    return false;
  *lo = mlirDenseF32ArrayGetElement(a, 2 * i);
  *hi = mlirDenseF32ArrayGetElement(a, 2 * i + 1);
  return true;
}

/* Activation parameters for x: reuse an upstream dequantize reached through
 * passthrough ops, else derive from the calibrated range. */
static bool lb_activation_qparams(MlirOperation func, MlirValue x, float *scale, int32_t *zp) {
  MlirValue v = x, q;
  for (;;) {
    if (lb_match_dequantize(v, &q, scale, zp)) return true;
    if (!mlirValueIsAOpResult(v)) break;
    MlirOperation def = mlirOpResultGetOwner(v);
    if (!lb_is_passthrough(lb_op_get_kind(def))) break;
    v = mlirOperationGetOperand(def, 0);
  }
  float lo, hi;
  if (!lb_value_range(func, x, &lo, &hi)) return false;
  lb_qparams_asym_i8(lo, hi, scale, zp);
  return true;
}

/* Inserts dequantize(quantize(v)) after v's definition and makes every
 * other use of v read the dequantized value. */
static lb_status_t lb_insert_qdq(MlirContext ctx, MlirOperation at, MlirValue v, float scale, int32_t zp,
                                 bool replace_all, MlirOperation user, intptr_t operand) {
  lb_builder_t b = lb_builder_before(at);
  MlirValue s, z, q, d;
  MlirType i8 = mlirIntegerTypeGet(ctx, 8);
  LB_RETURN_IF_ERROR(lb_build_qparam_consts(&b, &scale, &zp, 1, i8, &s, &z));
  LB_RETURN_IF_ERROR(lb_build_quantize(&b, v, s, z, -1, i8, &q));
  LB_RETURN_IF_ERROR(lb_build_dequantize(&b, q, s, z, -1, &d));
  if (replace_all) {
    mlirValueReplaceAllUsesOfWith(v, d);
    mlirOperationSetOperand(mlirOpResultGetOwner(q), 0, v); /* undo for the quantize itself */
  } else {
    mlirOperationSetOperand(user, operand, d);
  }
  return LB_OK;
}

/* Quantizes the constant weight operand per channel `axis`. */
static lb_status_t lb_quantize_weight(MlirOperation op, intptr_t idx, int64_t axis) {
  lb_tensor_t w;
  lb_status_t st = lb_value_read_constant(mlirOperationGetOperand(op, idx), &w);
  if (st) {
    lb_status_free(st);
    return lb_q_fail(op, "weight must be a constant to quantize it");
  }
  if (w.dtype != LB_DT_F32) {
    lb_tensor_free(&w);
    return lb_q_fail(op, "weight must be f32");
  }
  int64_t nch = w.dims[axis], outer = 1, inner = 1;
  for (int32_t i = 0; i < axis; ++i) outer *= w.dims[i];
  for (int32_t i = (int32_t)axis + 1; i < w.rank; ++i) inner *= w.dims[i];
  float *scale = calloc((size_t)nch, sizeof(float));
  int32_t *zp = calloc((size_t)nch, sizeof(int32_t));
  lb_tensor_t q;
  if (!scale || !zp || lb_tensor_alloc(&q, LB_DT_I8, w.rank, w.dims)) {
    free(scale);
    free(zp);
    lb_tensor_free(&w);
    return LB_ERROR(LB_STATUS_RESOURCE_EXHAUSTED, "out of memory");
  }
  const float *wd = w.data;
  int8_t *qd = q.data;
  for (int64_t c = 0; c < nch; ++c) {
    float mx = 0;
    for (int64_t o = 0; o < outer; ++o)
      for (int64_t i = 0; i < inner; ++i) mx = fmaxf(mx, fabsf(wd[(o * nch + c) * inner + i]));
    scale[c] = mx > 0 ? mx / 127.0f : 1.0f;
  }
  for (int64_t o = 0; o < outer; ++o)
    for (int64_t c = 0; c < nch; ++c)
      for (int64_t i = 0; i < inner; ++i) {
        int64_t k = (o * nch + c) * inner + i;
        double r = nearbyint((double)(wd[k] / scale[c]));
        qd[k] = (int8_t)(r < -127 ? -127 : r > 127 ? 127 : r);
      }
  lb_builder_t b = lb_builder_before(op);
  MlirValue qv, s, z, d;
  MlirType i8 = mlirIntegerTypeGet(mlirOperationGetContext(op), 8);
  st = lb_build_constant_tensor(&b, &q, &qv);
  if (!st) st = lb_build_qparam_consts(&b, scale, zp, nch, i8, &s, &z);
  if (!st) st = lb_build_dequantize(&b, qv, s, z, nch == 1 ? -1 : axis, &d);
  if (!st) mlirOperationSetOperand(op, idx, d);
  free(scale);
  free(zp);
  lb_tensor_free(&q);
  lb_tensor_free(&w);
  return st;
}

static int32_t lb_value_rank(MlirValue v) {
  int32_t r;
  int64_t d[LB_MAX_RANK];
  return lb_type_get_shape(mlirValueGetType(v), &r, d) ? r : -1;
}

static lb_status_t lb_quantize_op(MlirOperation func, MlirOperation op) {
  lb_op_kind_t k = lb_op_get_kind(op);
  MlirContext ctx = mlirOperationGetContext(op);
  int64_t waxis;
  if (k == LB_OP_CONV2D) {
    waxis = 0;
  } else if (k == LB_OP_GEMM) {
    if (lb_op_get_int(op, LB_ATTR_TRANS_A, 0) || lb_op_get_float(op, LB_ATTR_ALPHA, 1.0) != 1.0 ||
        (mlirOperationGetNumOperands(op) > 2 && lb_op_get_float(op, LB_ATTR_BETA, 1.0) != 1.0))
      return LB_OK; /* stays float */
    waxis = lb_op_get_int(op, LB_ATTR_TRANS_B, 0) ? 0 : 1;
  } else if (k == LB_OP_MATMUL) {
    if (lb_value_rank(mlirOperationGetOperand(op, 1)) != 2) return LB_OK;
    waxis = 1;
  } else {
    return LB_OK;
  }
  lb_tensor_t probe;
  lb_status_t st = lb_value_read_constant(mlirOperationGetOperand(op, 1), &probe);
  if (st) { /* activation x activation products stay float */
    lb_status_free(st);
    return LB_OK;
  }
  lb_tensor_free(&probe);
  /* input activation */
  MlirValue x = mlirOperationGetOperand(op, 0);
  float s;
  int32_t zp;
  if (!lb_activation_qparams(func, x, &s, &zp)) return lb_q_fail(op, "input has no calibrated range; run lb-calibrate first");
  LB_RETURN_IF_ERROR(lb_insert_qdq(ctx, op, x, s, zp, false, op, 0));
  LB_RETURN_IF_ERROR(lb_quantize_weight(op, 1, waxis));
  /* output activation, after a fusable relu/clip */
  MlirValue y = mlirOperationGetResult(op, 0);
  MlirOpOperand use = mlirValueGetFirstUse(y);
  if (!mlirOpOperandIsNull(use) && mlirOpOperandIsNull(mlirOpOperandGetNextUse(use))) {
    MlirOperation u = mlirOpOperandGetOwner(use);
    lb_op_kind_t uk = lb_op_get_kind(u);
    if (uk == LB_OP_RELU || uk == LB_OP_CLIP) y = mlirOperationGetResult(u, 0);
  }
  float lo, hi;
  MlirOperation anchor = mlirOpResultGetOwner(y);
  if (!lb_op_get_range(anchor, &lo, &hi)) return lb_q_fail(anchor, "output has no calibrated range; run lb-calibrate first");
  lb_qparams_asym_i8(lo, hi, &s, &zp);
  MlirOperation after = mlirOperationGetNextInBlock(anchor);
  return lb_insert_qdq(ctx, after, y, s, zp, true, anchor, 0);
}

lb_status_t lb_pass_quantize(MlirModule module, const lb_pass_options_t *options) {
  const char *mode = lb_pass_option(options, "mode");
  if (!mode) mode = "w8a8";
  if (strcmp(mode, "w8a8") != 0)
    return LB_ERROR(LB_STATUS_UNIMPLEMENTED, "quantization mode '%s' is not supported (supported: w8a8)", mode);
  MlirOperation func = lb_module_get_func(module);
  if (mlirOperationIsNull(func)) return LB_OK;
  /* collect first: the pass inserts ops while walking */
  size_t n = 0, cap = 64;
  MlirOperation *ops = malloc(cap * sizeof *ops);
  if (!ops) return LB_ERROR(LB_STATUS_RESOURCE_EXHAUSTED, "out of memory");
  for (MlirOperation op = mlirBlockGetFirstOperation(lb_func_get_body(func)); !mlirOperationIsNull(op);
       op = mlirOperationGetNextInBlock(op)) {
    lb_op_kind_t k = lb_op_get_kind(op);
    if (k != LB_OP_CONV2D && k != LB_OP_GEMM && k != LB_OP_MATMUL) continue;
    if (n == cap) {
      MlirOperation *g = realloc(ops, (cap *= 2) * sizeof *ops);
      if (!g) {
        free(ops);
        return LB_ERROR(LB_STATUS_RESOURCE_EXHAUSTED, "out of memory");
      }
      ops = g;
    }
    ops[n++] = op;
  }
  lb_status_t st = LB_OK;
  for (size_t i = 0; i < n && !st; ++i) st = lb_quantize_op(func, ops[i]);
  free(ops);
  if (!st) lb_func_erase_dead(func);
  return st;
}
