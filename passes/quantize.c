/* lb-quantize{mode=wXaY}: make quantization explicit in the float graph.
 *
 * For every op with the QUANTIZABLE trait whose descriptor accepts this
 * instance (quant_operands: conv2d, gemm without transposed A and with
 * alpha = beta = 1, matmul with a constant 2-D weight):
 *   - the activation input becomes dequantize(quantize(x)) with per-tensor
 *     asymmetric Y-bit parameters (signed, or unsigned with
 *     activations=u8) from its calibrated range (or, when x
 *     already comes from a dequantize through SELECTS ops such as layout
 *     ops and max pooling, that dequantize's parameters, so that later
 *     cancellation is exact);
 *   - the weight becomes dequantize(W_q) with symmetric X-bit codes
 *     (W_q in [-(2^(X-1) - 1), 2^(X-1) - 1], zero point 0, an iX constant),
 *     scales per output channel (weight_granularity=channel, the default)
 *     or one per tensor, scale = max |w| / (2^(X-1) - 1) (weight_calib=minmax)
 *     or the clipped scale of least squared rounding error
 *     (weight_calib=mse), or max = the P-th percentile of |w| of the
 *     channel (weight_calib=percentile:P);
 *   - the output (after a directly following single-use clamp-like op,
 *     relu or clip, which the integer kernel will absorb) becomes
 *     dequantize(quantize(y)) from its range: always for a convolution, for
 *     a matmul or gemm only when another quantized layer reads it (else it
 *     stays float, as transformers keep attention, residual adds and GELU).
 * only=NAME quantizes that op alone (the report's sensitivity);
 * layers=NAME=wXaY,NAME2=float,... gives ops (by ONNX node name) their own
 * scheme, or keeps them float; a name that matches no quantizable op is an
 * error. Bias stays float here; lb-lower-quantized turns it into int32 (and runs
 * codes of fewer than 8 bits in 8-bit containers). The module's target must
 * support the X-bit weights and Y-bit activations. */
#include <float.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ir/lb_build.h"
#include "ir/lb_op.h"
#include "ir/lb_target.h"
#include "passes/passes.h"
#include "passes/quant_util.h"
#include "support/mapping.h"

/* Activation parameters for x: reuse an upstream dequantize reached through
 * SELECTS ops, else derive from the calibrated range. */
static lb_status_t lb_activation_qparams(MlirOperation user, MlirValue x, lb_dtype_t dt, float *scale, int32_t *zp) {
  MlirValue v = x, ranged = x;
  lb_qparams_t q;
  for (;;) {
    if (lb_match_dequantize(v, &q)) {
      if (q.qdt == dt) {
        *scale = q.scale;
        *zp = q.zp;
        return LB_OK;
      }
      /* another width upstream (a layer with its own scheme): the range of
       * the float value it quantized */
      MlirOperation qop = lb_value_def(q.data);
      if (v.ptr == x.ptr && !mlirOperationIsNull(qop) && lb_op_get_kind(qop) == LB_OP_QUANTIZE)
        ranged = mlirOperationGetOperand(qop, 0);
      break;
    }
    MlirOperation def = lb_value_def(v);
    if (mlirOperationIsNull(def) || !lb_op_has_traits(def, LB_TRAIT_SELECTS)) break;
    v = mlirOperationGetOperand(def, 0);
  }
  float lo, hi;
  if (!lb_value_get_range(ranged, &lo, &hi))
    return lb_op_error(user, LB_STATUS_INVALID_ARGUMENT, "input has no calibrated range; run lb-calibrate first");
  return lb_qparams_asym(user, "input", lo, hi, dt, scale, zp);
}

/* The scheme: weight codes, activation type, weight granularity. */
typedef struct {
  lb_dtype_t wdt, act;
  bool per_tensor;
  bool mse;          /* weight clipping range by mean squared error */
  double percentile; /* > 0: clip |w| at this percentile of the channel */
  int64_t group;     /* > 0: one scale per group of this many weights along the reduction axis */
  bool per_token;    /* activations quantized per row, at run time (lb.quantize_rows) */
  int scale_bits;    /* > 0 (with group): two-level scales, VS-Quant */
  int attention_bits; /* > 0: matmuls of two activations (attention) get per-tensor activations of this width */
} lb_scheme_t;

/* MSE-optimal clipping of one channel's weights (n values, element i at
 * w[(o * nch) * inner...] through idx): the scale max|w| * r / qmax for the
 * ratio r in {1, 0.99, ..., 0.30} with the least squared rounding error
 * sum (w - scale * clamp(rne(w / scale)))^2 (ties: the larger r). */
/* A weight scale that is a normal positive float: max|w| / qmax, where a
 * range so small that the quotient underflows (subnormal weights) counts as
 * an all-zero channel (scale 1: every code 0). */
static float lb_weight_scale(float mx, int32_t qmax) {
  float s = mx / (float)qmax;
  return s >= FLT_MIN ? s : 1.0f;
}

/* rne(v) clamped to [-qmax, qmax]; NaN (cannot happen with a normal scale)
 * gives 0. */
static int8_t lb_weight_code(double v, int32_t qmax) {
  double r = nearbyint(v);
  return (int8_t)(r >= (double)qmax ? qmax : r <= (double)-qmax ? -qmax : r == r ? r : 0);
}

static int lb_cmp_float(const void *a, const void *b) {
  float x = *(const float *)a, y = *(const float *)b;
  return (x > y) - (x < y);
}

/* The P-th percentile of |w| over one channel (nearest rank). */
static float lb_percentile_abs(const float *wd, int64_t outer, int64_t nch, int64_t inner, int64_t c, double p,
                               float *tmp) {
  int64_t n = 0;
  for (int64_t o = 0; o < outer; ++o)
    for (int64_t i = 0; i < inner; ++i) tmp[n++] = fabsf(wd[(o * nch + c) * inner + i]);
  qsort(tmp, (size_t)n, sizeof *tmp, lb_cmp_float);
  int64_t k = (int64_t)ceil(p / 100.0 * (double)n) - 1;
  return tmp[k < 0 ? 0 : k >= n ? n - 1 : k];
}

static float lb_mse_scale(const float *wd, int64_t outer, int64_t nch, int64_t inner, int64_t c, float mx, int32_t qmax) {
  float best = lb_weight_scale(mx, qmax);
  double best_err = -1;
  for (int step = 0; step <= 70; ++step) {
    float s = lb_weight_scale(mx * (float)(1.0 - 0.01 * step), qmax);
    double err = 0;
    for (int64_t o = 0; o < outer; ++o)
      for (int64_t i = 0; i < inner; ++i) {
        float v = wd[(o * nch + c) * inner + i];
        double r = nearbyint((double)(v / s));
        r = r < -qmax ? -qmax : r > qmax ? qmax : r;
        double e = (double)v - r * (double)s;
        err += e * e;
      }
    if (best_err < 0 || err < best_err) {
      best_err = err;
      best = s;
    }
  }
  return best;
}

/* Group quantization: scales per block of sc->group weights along the
 * reduction axis ra (the input-channel axis: 1 for conv and a [N, K] gemm
 * weight, 0 for a [K, N] one), each max |w| / qmax of its block: the
 * dequantize is blocked (docs/IR.md), its parameters the weight's shape
 * with axis ra divided into blocks. lb-lower-quantized has no integer
 * kernel for blocked weights: such a layer runs in float between its
 * quantize/dequantize pairs (the same values). For a convolution a group
 * is G input channels over the whole kernel window: G x kh x kw weights
 * per scale (the blocked parameters repeat it for every tap). */
static lb_status_t lb_quantize_weight_grouped(MlirOperation op, intptr_t idx, int64_t ra, const lb_scheme_t *sc,
                                              lb_tensor_t *w) {
  int64_t G = sc->group, n = w->dims[ra], nblk = (n + G - 1) / G, outer = 1, inner = 1;
  for (int32_t i = 0; i < ra; ++i) outer *= w->dims[i];
  for (int32_t i = (int32_t)ra + 1; i < w->rank; ++i) inner *= w->dims[i];
  int64_t pd[LB_MAX_RANK];
  for (int32_t i = 0; i < w->rank; ++i) pd[i] = i == ra ? nblk : w->dims[i];
  const int32_t qmax = (int32_t)lb_dtype_max(sc->wdt);
  lb_tensor_t q, sc_t, zp_t;
  memset(&sc_t, 0, sizeof sc_t);
  memset(&zp_t, 0, sizeof zp_t);
  if (lb_tensor_alloc(&q, sc->wdt, w->rank, w->dims)) return LB_ERROR(LB_STATUS_RESOURCE_EXHAUSTED, "out of memory");
  if (lb_tensor_alloc(&sc_t, LB_DT_F32, w->rank, pd) || lb_tensor_alloc(&zp_t, sc->wdt, w->rank, pd)) {
    lb_tensor_free(&q);
    lb_tensor_free(&sc_t);
    return LB_ERROR(LB_STATUS_RESOURCE_EXHAUSTED, "out of memory");
  }
  const float *wd = w->data;
  float *sd = sc_t.data;
  int8_t *qd = q.data;
  memset(zp_t.data, 0, (size_t)lb_tensor_nbytes(&zp_t));
  lb_status_t st = LB_OK;
  /* a convolution's group spans its G input channels over the whole kernel
   * window (G x kh x kw weights share a scale, stored once per tap) */
  bool window = ra >= 1 && inner > 1;
  for (int64_t o = 0; o < outer && !st; ++o)
    for (int64_t b = 0; b < nblk; ++b)
      for (int64_t i = 0; i < inner; ++i) {
        float mx = 0;
        for (int64_t i2 = window ? 0 : i; i2 < (window ? inner : i + 1); ++i2)
          for (int64_t c = b * G; c < n && c < (b + 1) * G; ++c) {
            float v = wd[(o * n + c) * inner + i2];
            if (!isfinite(v)) {
              st = lb_op_error(op, LB_STATUS_INVALID_ARGUMENT, "weight has a non-finite value (%g)", (double)v);
              break;
            }
            mx = fmaxf(mx, fabsf(v));
          }
        sd[(o * nblk + b) * inner + i] = lb_weight_scale(mx, qmax);
      }
  if (!st && sc->scale_bits > 0) {
    /* VS-Quant (Dai et al. 2021): each group scale becomes an S-bit unsigned
     * multiple, rne(s / c) in [1, 2^S - 1], of its output channel's scale c =
     * max(s) / (2^S - 1); the group scales used are the products c * q. The
     * output channel is axis 1 of a [K, N] matmul weight (ra = 0, the inner
     * index), else axis 0 (the outer index). */
    int64_t nch = ra == 0 ? inner : outer, smax = ((int64_t)1 << sc->scale_bits) - 1;
    float *cs = calloc((size_t)nch, sizeof *cs);
    if (!cs) st = LB_ERROR(LB_STATUS_RESOURCE_EXHAUSTED, "out of memory");
    for (int64_t o = 0; o < outer && cs; ++o)
      for (int64_t b = 0; b < nblk; ++b)
        for (int64_t i = 0; i < inner; ++i) {
          int64_t ch = ra == 0 ? i : o;
          cs[ch] = fmaxf(cs[ch], sd[(o * nblk + b) * inner + i]);
        }
    for (int64_t ch = 0; ch < nch && cs; ++ch) cs[ch] = cs[ch] / (float)smax;
    for (int64_t o = 0; o < outer && cs; ++o)
      for (int64_t b = 0; b < nblk; ++b)
        for (int64_t i = 0; i < inner; ++i) {
          float c = cs[ra == 0 ? i : o], *s = &sd[(o * nblk + b) * inner + i];
          double q = c >= FLT_MIN ? nearbyint((double)*s / c) : 1;
          q = q < 1 ? 1 : q > (double)smax ? (double)smax : q;
          float v = c >= FLT_MIN ? (float)(q * c) : *s;
          *s = v >= FLT_MIN ? v : 1.0f;
        }
    free(cs);
  }
  for (int64_t o = 0; o < outer && !st; ++o)
    for (int64_t b = 0; b < nblk; ++b)
      for (int64_t i = 0; i < inner; ++i) {
        float s = sd[(o * nblk + b) * inner + i];
        for (int64_t c = b * G; c < n && c < (b + 1) * G; ++c)
          qd[(o * n + c) * inner + i] = lb_weight_code((double)(wd[(o * n + c) * inner + i] / s), qmax);
      }
  lb_builder_t b = lb_builder_before(op);
  lb_builder_t wb = b;
  MlirValue wv = mlirOperationGetOperand(op, idx), qv, sv, zv, d;
  if (!mlirOperationIsNull(lb_value_def(wv))) wb.loc = mlirOperationGetLocation(lb_value_def(wv));
  if (!st) st = lb_build_constant_tensor(&wb, &q, &qv);
  if (!st) st = lb_build_constant_tensor(&b, &sc_t, &sv);
  if (!st) st = lb_build_constant_tensor(&b, &zp_t, &zv);
  if (!st) st = lb_build_dequantize(&b, qv, sv, zv, ra, G, &d);
  if (!st) mlirOperationSetOperand(op, idx, d);
  lb_tensor_free(&q);
  lb_tensor_free(&sc_t);
  lb_tensor_free(&zp_t);
  return st;
}

/* Quantizes the constant weight operand per channel `axis` (or per tensor)
 * to the scheme's symmetric weight codes. */
static lb_status_t lb_quantize_weight(MlirOperation op, intptr_t idx, int64_t axis, const lb_scheme_t *sc) {
  MlirValue wv = mlirOperationGetOperand(op, idx);
  lb_tensor_t w;
  lb_status_t st = lb_value_view_constant(wv, &w);
  if (st) {
    lb_status_free(st);
    return lb_op_error(op, LB_STATUS_INVALID_ARGUMENT, "weight must be a constant to quantize it");
  }
  if (w.dtype != LB_DT_F32) {
    lb_tensor_free(&w);
    return lb_op_error(op, LB_STATUS_INVALID_ARGUMENT, "weight must be f32");
  }
  if (sc->group > 0 && w.rank >= 2) { /* the reduction axis: the other one of a matrix, input channels of a conv */
    st = lb_quantize_weight_grouped(op, idx, w.rank == 2 ? 1 - axis : 1, sc, &w);
    lb_mapping_evict(w.data, (size_t)lb_tensor_nbytes(&w));
    lb_tensor_free(&w);
    return st;
  }
  int64_t nch = w.dims[axis], outer = 1, inner = 1;
  for (int32_t i = 0; i < axis; ++i) outer *= w.dims[i];
  for (int32_t i = (int32_t)axis + 1; i < w.rank; ++i) inner *= w.dims[i];
  if (sc->per_tensor) { /* one channel spanning the whole tensor */
    inner *= outer * nch;
    outer = 1;
    nch = 1;
  }
  const int32_t qmax = (int32_t)lb_dtype_max(sc->wdt);
  float *scale = calloc((size_t)nch, sizeof(float));
  float *tmp = sc->percentile > 0 ? malloc(sizeof(float) * (size_t)(outer * inner) + 4) : NULL; /* one channel */
  int32_t *zp = calloc((size_t)nch, sizeof(int32_t));
  lb_tensor_t q;
  if (!scale || !zp || (sc->percentile > 0 && !tmp) || lb_tensor_alloc(&q, sc->wdt, w.rank, w.dims)) {
    free(tmp);
    free(scale);
    free(zp);
    lb_tensor_free(&w);
    return LB_ERROR(LB_STATUS_RESOURCE_EXHAUSTED, "out of memory");
  }
  const float *wd = w.data;
  int8_t *qd = q.data;
  for (int64_t c = 0; c < nch && !st; ++c) {
    float mx = 0;
    for (int64_t o = 0; o < outer; ++o)
      for (int64_t i = 0; i < inner; ++i) {
        float v = wd[(o * nch + c) * inner + i];
        if (!isfinite(v)) {
          st = lb_op_error(op, LB_STATUS_INVALID_ARGUMENT, "weight has a non-finite value (%g) in channel %lld",
                           (double)v, (long long)c);
          break;
        }
        mx = fmaxf(mx, fabsf(v));
      }
    if (sc->percentile > 0 && mx > 0) {
      float p = lb_percentile_abs(wd, outer, nch, inner, c, sc->percentile, tmp);
      mx = p > 0 ? p : mx;
    }
    scale[c] = sc->mse ? lb_mse_scale(wd, outer, nch, inner, c, mx, qmax) : lb_weight_scale(mx, qmax);
  }
  /* lb-gptq chose the scales (and rounded the weights onto them): keep both */
  MlirAttribute given = mlirOperationGetDiscardableAttributeByName(op, mlirStringRefCreateFromCString(LB_ATTR_WEIGHT_SCALES));
  if (!st && !mlirAttributeIsNull(given) && mlirAttributeIsADenseF32Array(given)) {
    intptr_t ng = mlirDenseArrayGetNumElements(given);
    for (int64_t c = 0; c < nch && (ng == nch || (nch == 1 && ng >= 1)); ++c) {
      float g = mlirDenseF32ArrayGetElement(given, (intptr_t)c);
      if (g >= FLT_MIN && isfinite(g)) scale[c] = g;
    }
  }
  for (int64_t o = 0; o < outer && !st; ++o)
    for (int64_t c = 0; c < nch; ++c)
      for (int64_t i = 0; i < inner; ++i) {
        int64_t k = (o * nch + c) * inner + i;
        qd[k] = lb_weight_code((double)(wd[k] / scale[c]), qmax);
      }
  /* a file-mapped float weight is done with: let its pages go */
  lb_mapping_evict(w.data, (size_t)lb_tensor_nbytes(&w));
  lb_builder_t b = lb_builder_before(op);
  /* the quantized weight keeps the name (location) of the float one */
  lb_builder_t wb = b;
  if (!mlirOperationIsNull(lb_value_def(wv))) wb.loc = mlirOperationGetLocation(lb_value_def(wv));
  MlirValue qv, s, z, d;
  MlirType wty = lb_dtype_to_type(b.ctx, sc->wdt);
  if (!st) st = lb_build_constant_tensor(&wb, &q, &qv);
  if (!st) st = lb_build_qparam_consts(&b, op, "w", scale, zp, nch, wty, &s, &z);
  if (!st) st = lb_build_dequantize(&b, qv, s, z, nch == 1 ? -1 : axis, 0, &d);
  if (!st) mlirOperationSetOperand(op, idx, d);
  free(tmp);
  free(scale);
  free(zp);
  lb_tensor_free(&q);
  lb_tensor_free(&w);
  return st;
}

/* Whether another quantized layer reads v as its input, directly or
 * through SELECTS ops (layout ops, max pooling). */
static bool lb_feeds_quantized_layer(MlirValue v, int depth) {
  if (depth > 16) return false;
  for (MlirOpOperand u = mlirValueGetFirstUse(v); !mlirOpOperandIsNull(u); u = mlirOpOperandGetNextUse(u)) {
    MlirOperation o = mlirOpOperandGetOwner(u);
    const lb_op_desc_t *d = lb_op_desc(o);
    lb_quant_operands_t q;
    if (lb_op_has_traits(o, LB_TRAIT_SELECTS) && mlirOperationGetNumResults(o) == 1 &&
        lb_feeds_quantized_layer(mlirOperationGetResult(o, 0), depth + 1))
      return true;
    if (lb_op_has_traits(o, LB_TRAIT_QUANTIZABLE) && d && d->quant_operands && d->quant_operands(o, &q) &&
        q.input == (intptr_t)mlirOpOperandGetOperandNumber(u) && lb_value_is_constant(mlirOperationGetOperand(o, q.weight)) &&
        !mlirOperationGetAttributeByName(o, mlirStringRefCreateFromCString(LB_ATTR_NO_QUANT)).ptr)
      return true;
  }
  return false;
}

/* The scheme a layer got, as the discardable attribute lb.quant = "w4a8
 * channel" (weight bits, activation bits or f, /token, weight
 * granularity): the bit plan stays visible in the IR after lowering. */
static void lb_record_scheme(MlirOperation op, const lb_scheme_t *sc) {
  char text[64], act[16];
  if (sc->act == LB_DT_INVALID) snprintf(act, sizeof act, "f");
  else snprintf(act, sizeof act, "%d%s", (int)lb_dtype_bits(sc->act), sc->per_token ? "/token" : "");
  if (sc->group > 0 && sc->scale_bits > 0)
    snprintf(text, sizeof text, "w%da%s group:%lld scales:%d", (int)lb_dtype_bits(sc->wdt), act, (long long)sc->group,
             sc->scale_bits);
  else if (sc->group > 0)
    snprintf(text, sizeof text, "w%da%s group:%lld", (int)lb_dtype_bits(sc->wdt), act, (long long)sc->group);
  else snprintf(text, sizeof text, "w%da%s %s", (int)lb_dtype_bits(sc->wdt), act, sc->per_tensor ? "tensor" : "channel");
  MlirContext ctx = mlirOperationGetContext(op);
  mlirOperationSetDiscardableAttributeByName(op, mlirStringRefCreateFromCString(LB_ATTR_QUANT),
                                             mlirStringAttrGet(ctx, mlirStringRefCreateFromCString(text)));
}

/* attention_bits: a matmul of two activations (QK^T, PV) gets both inputs
 * quantized per tensor from their calibrated ranges; its result stays
 * float (lb-lower-quantized, rule 11, makes it an integer matmul). */
static lb_status_t lb_quantize_act_matmul(MlirOperation op, const lb_scheme_t *sc) {
  lb_dtype_t dt = lb_dtype_is_signed(sc->act) || sc->act == LB_DT_INVALID ? LB_DTYPE_SINT(sc->attention_bits)
                                                                          : LB_DTYPE_UINT(sc->attention_bits);
  for (intptr_t i = 0; i < 2; ++i) {
    MlirValue x = mlirOperationGetOperand(op, i);
    float s;
    int32_t zp;
    LB_RETURN_IF_ERROR(lb_activation_qparams(op, x, dt, &s, &zp));
    LB_RETURN_IF_ERROR(lb_insert_qdq(op, x, dt, s, zp, false, op, i));
  }
  return LB_OK;
}

/* *done: whether op was quantized (an instance the descriptor declines, or
 * whose weight is not a constant, stays float). */
static lb_status_t lb_quantize_op(MlirOperation op, const lb_scheme_t *sc, bool *done) {
  *done = false;
  lb_dtype_t act = sc->act;
  const lb_op_desc_t *desc = lb_op_desc(op);
  lb_quant_operands_t qo;
  if (sc->attention_bits && lb_op_get_kind(op) == LB_OP_MATMUL && !lb_value_is_constant(mlirOperationGetOperand(op, 0)) &&
      !lb_value_is_constant(mlirOperationGetOperand(op, 1)))
  {
    lb_status_t st = lb_quantize_act_matmul(op, sc);
    *done = !st;
    if (!st) {
      char text[32];
      snprintf(text, sizeof text, "a%d attention", sc->attention_bits);
      mlirOperationSetDiscardableAttributeByName(op, mlirStringRefCreateFromCString(LB_ATTR_QUANT),
                                                 mlirStringAttrGet(mlirOperationGetContext(op),
                                                                   mlirStringRefCreateFromCString(text)));
    }
    return st;
  }
  if (!desc->quant_operands || !desc->quant_operands(op, &qo)) return LB_OK; /* this instance stays float */
  if (!lb_value_is_constant(mlirOperationGetOperand(op, qo.weight))) return LB_OK; /* activation x activation */
  if (act == LB_DT_INVALID) { /* weight-only */
    lb_status_t st = lb_quantize_weight(op, qo.weight, qo.weight_axis, sc);
    *done = !st;
    return st;
  }
  if (sc->per_token) {
    /* dynamic per-row ranges: no calibration, no output quantization */
    lb_builder_t b = lb_builder_before(op);
    MlirValue xq;
    LB_RETURN_IF_ERROR(lb_build_quantize_rows(&b, mlirOperationGetOperand(op, qo.input), lb_dtype_bits(act), &xq));
    mlirOperationSetOperand(op, qo.input, xq);
    lb_status_t st = lb_quantize_weight(op, qo.weight, qo.weight_axis, sc);
    *done = !st;
    return st;
  }
  /* input activation */
  MlirValue x = mlirOperationGetOperand(op, qo.input);
  float s;
  int32_t zp;
  LB_RETURN_IF_ERROR(lb_activation_qparams(op, x, act, &s, &zp));
  LB_RETURN_IF_ERROR(lb_insert_qdq(op, x, act, s, zp, false, op, qo.input));
  LB_RETURN_IF_ERROR(lb_quantize_weight(op, qo.weight, qo.weight_axis, sc));
  *done = true;
  /* output activation, after a fusable clamp-like op */
  MlirValue y = mlirOperationGetResult(op, 0);
  if (lb_value_has_single_use(y)) {
    MlirOperation u = mlirOpOperandGetOwner(mlirValueGetFirstUse(y));
    const lb_op_desc_t *ud = lb_op_desc(u);
    double lo, hi;
    if (ud && ud->clamp_bounds && ud->clamp_bounds(u, &lo, &hi)) y = mlirOperationGetResult(u, 0);
  }
  /* a linear layer read only by float ops (attention, residual adds, GELU,
   * graph outputs) keeps a float result: lb-lower-quantized gives it the
   * integer kernel and a dequantized accumulator (its rule 9); convolutions
   * keep their integer chains (pooling, adds, concats) */
  lb_op_kind_t kind = lb_op_get_kind(op);
  if ((kind == LB_OP_MATMUL || kind == LB_OP_GEMM) && !lb_feeds_quantized_layer(y, 0)) return LB_OK;
  float lo, hi;
  MlirOperation anchor = lb_value_def(y);
  if (!lb_op_get_range(anchor, &lo, &hi))
    return lb_op_error(anchor, LB_STATUS_INVALID_ARGUMENT, "output has no calibrated range; run lb-calibrate first");
  LB_RETURN_IF_ERROR(lb_qparams_asym(anchor, "output", lo, hi, act, &s, &zp));
  return lb_insert_qdq(mlirOperationGetNextInBlock(anchor), y, act, s, zp, true, anchor, 0);
}

/* "wXaY" with X in 2..8 and Y in 4..16, or "wXaf" (weight-only: *ab = 0). */
static bool lb_parse_scheme(const char *mode, int *wb, int *ab) {
  char tail, canon[16];
  if (sscanf(mode, "w%daf%c", wb, &tail) == 1 && *wb >= 2 && *wb <= 8) {
    snprintf(canon, sizeof canon, "w%daf", *wb);
    if (!strcmp(canon, mode)) {
      *ab = 0;
      return true;
    }
  }
  if (sscanf(mode, "w%da%d%c", wb, ab, &tail) != 2 || *wb < 2 || *wb > 8 || *ab < 4 || *ab > 16) return false;
  snprintf(canon, sizeof canon, "w%da%d", *wb, *ab); /* exactly that: no spaces, signs or leading zeros */
  return !strcmp(canon, mode);
}

/* Per-layer overrides "NAME=wXaY,NAME2=float,...": the scheme of the op
 * whose location (ONNX node) name is NAME; the scheme is after the last
 * '='. */
#define LB_MAX_LAYERS 256
typedef struct {
  char name[256];
  bool is_float, used;
  int wb, ab;
} lb_layer_override_t;

static lb_status_t lb_parse_layers(const char *text, lb_layer_override_t *o, int *n) {
  *n = 0;
  for (const char *p = text; p && *p;) {
    const char *end = strchr(p, ',');
    size_t len = end ? (size_t)(end - p) : strlen(p);
    const char *eq = NULL;
    for (size_t i = 0; i < len; ++i)
      if (p[i] == '=') eq = p + i;
    if (!eq || eq == p || *n == LB_MAX_LAYERS || (size_t)(eq - p) >= sizeof o[0].name)
      return LB_ERROR(LB_STATUS_INVALID_ARGUMENT, "layers: expected NAME=wXaY or NAME=float, got '%.*s'", (int)len, p);
    lb_layer_override_t *l = &o[(*n)++];
    memset(l, 0, sizeof *l);
    snprintf(l->name, sizeof l->name, "%.*s", (int)(eq - p), p);
    char scheme[32];
    snprintf(scheme, sizeof scheme, "%.*s", (int)(len - (size_t)(eq - p) - 1), eq + 1);
    if (!strcmp(scheme, "float")) l->is_float = true;
    else if (!lb_parse_scheme(scheme, &l->wb, &l->ab))
      return LB_ERROR(LB_STATUS_INVALID_ARGUMENT, "layers: '%s': scheme '%s' is not wXaY (X 2..8, Y 4..16 or f) or float",
                      l->name, scheme);
    p = end ? end + 1 : NULL;
  }
  return LB_OK;
}

lb_status_t lb_pass_quantize(MlirModule module, const lb_pass_options_t *options) {
  const char *mode = lb_pass_option(options, "mode"), *acts = lb_pass_option(options, "activations");
  const char *gran = lb_pass_option(options, "weight_granularity"), *wcal = lb_pass_option(options, "weight_calib");
  const char *layers = lb_pass_option(options, "layers"), *only = lb_pass_option(options, "only");
  const char *agran = lb_pass_option(options, "act_granularity");
  int64_t scale_bits = lb_pass_option_int(options, "scale_bits", 0);
  int64_t attention_bits = lb_pass_option_int(options, "attention_bits", 0);
  if (attention_bits && (attention_bits < 4 || attention_bits > 8))
    return LB_ERROR(LB_STATUS_INVALID_ARGUMENT, "attention_bits must be 4..8 (or 0: float), got %lld", (long long)attention_bits);
  if (strcmp(agran, "tensor") && strcmp(agran, "token"))
    return LB_ERROR(LB_STATUS_INVALID_ARGUMENT, "act_granularity must be tensor or token, got '%s'", agran);
  int wb, ab;
  if (!lb_parse_scheme(mode, &wb, &ab))
    return LB_ERROR(LB_STATUS_INVALID_ARGUMENT,
                    "quantization mode '%s' is not supported (wXaY: X-bit weights, 2..8; Y-bit activations, 4..16, or f "
                    "for float activations)",
                    mode);
  if (strcmp(acts, "i8") && strcmp(acts, "u8"))
    return LB_ERROR(LB_STATUS_INVALID_ARGUMENT, "activations must be i8 or u8, got '%s'", acts);
  long long group = 0;
  if (!strncmp(gran, "group:", 6)) {
    char *end;
    group = strtoll(gran + 6, &end, 10);
    if (end == gran + 6 || *end || group < 1 || group > 65536)
      return LB_ERROR(LB_STATUS_INVALID_ARGUMENT, "weight_granularity group:G needs 1 <= G <= 65536, got '%s'", gran);
  } else if (strcmp(gran, "channel") && strcmp(gran, "tensor"))
    return LB_ERROR(LB_STATUS_INVALID_ARGUMENT, "weight_granularity must be channel, tensor or group:G, got '%s'", gran);
  double pct = 0;
  if (!strncmp(wcal, "percentile:", 11)) {
    char *end;
    pct = strtod(wcal + 11, &end);
    if (end == wcal + 11 || *end || !(pct > 50 && pct <= 100))
      return LB_ERROR(LB_STATUS_INVALID_ARGUMENT, "weight_calib percentile:P needs 50 < P <= 100, got '%s'", wcal);
  } else if (strcmp(wcal, "minmax") && strcmp(wcal, "mse"))
    return LB_ERROR(LB_STATUS_INVALID_ARGUMENT, "weight_calib must be minmax, percentile:P or mse, got '%s'", wcal);
  bool lb_act_signed = strcmp(acts, "u8") != 0;
  lb_scheme_t sc = {.wdt = LB_DTYPE_SINT(wb),
                    .act = !ab ? LB_DT_INVALID : lb_act_signed ? LB_DTYPE_SINT(ab) : LB_DTYPE_UINT(ab),
                    .per_tensor = !strcmp(gran, "tensor"), .mse = !strcmp(wcal, "mse"), .percentile = pct,
                    .group = group, .per_token = !strcmp(agran, "token"), .scale_bits = (int)scale_bits,
                    .attention_bits = (int)attention_bits};
  if (scale_bits && (scale_bits < 2 || scale_bits > 8 || group == 0))
    return LB_ERROR(LB_STATUS_INVALID_ARGUMENT, "scale_bits must be 2..8 and needs weight_granularity=group:G, got %lld%s",
                    (long long)scale_bits, group ? "" : " without groups");
  static lb_layer_override_t ov[LB_MAX_LAYERS];
  int nov = 0;
  LB_RETURN_IF_ERROR(lb_parse_layers(layers, ov, &nov));
  lb_target_t t;
  LB_RETURN_IF_ERROR(lb_target_of(module, &t));
  if (!(t.weight_bits & (1ull << wb)) || (ab && !(t.act_bits & (1ull << ab))))
    return LB_ERROR(LB_STATUS_INVALID_ARGUMENT, "target '%s' does not support %d-bit weights and %d-bit activations",
                    t.name, wb, ab);
  for (int i = 0; i < nov; ++i)
    if (!ov[i].is_float && (!(t.weight_bits & (1ull << ov[i].wb)) || (ov[i].ab && !(t.act_bits & (1ull << ov[i].ab)))))
      return LB_ERROR(LB_STATUS_INVALID_ARGUMENT, "layers: '%s': target '%s' does not support w%da%d", ov[i].name, t.name,
                      ov[i].wb, ov[i].ab);
  MlirOperation func = lb_module_get_func(module);
  if (mlirOperationIsNull(func)) return LB_OK;
  /* collect first: the pass inserts ops while walking */
  size_t n = 0, cap = 64;
  MlirOperation *ops = malloc(cap * sizeof *ops);
  if (!ops) return LB_ERROR(LB_STATUS_RESOURCE_EXHAUSTED, "out of memory");
  for (MlirOperation op = mlirBlockGetFirstOperation(lb_func_get_body(func)); !mlirOperationIsNull(op);
       op = mlirOperationGetNextInBlock(op)) {
    if (!lb_op_has_traits(op, LB_TRAIT_QUANTIZABLE) ||
        mlirOperationGetAttributeByName(op, mlirStringRefCreateFromCString(LB_ATTR_NO_QUANT)).ptr)
      continue;
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
  for (size_t i = 0; i < n && !st; ++i) {
    lb_scheme_t osc = sc;
    char name[256];
    bool skip = false;
    bool named = lb_location_name(mlirOperationGetLocation(ops[i]), name, sizeof name);
    for (int k = 0; named && k < nov; ++k)
      if (!strcmp(ov[k].name, name)) ov[k].used = true; /* the name exists, whether or not this run quantizes it */
    if (*only && (!named || strcmp(name, only))) continue; /* only=NAME: every other op stays float */
    if (nov && named)
      for (int k = 0; k < nov; ++k)
        if (!strcmp(ov[k].name, name)) {
          skip = ov[k].is_float;
          osc.wdt = LB_DTYPE_SINT(ov[k].wb);
          osc.act = !ov[k].ab                     ? LB_DT_INVALID
                    : lb_act_signed                 ? LB_DTYPE_SINT(ov[k].ab)
                                                    : LB_DTYPE_UINT(ov[k].ab);
        }
    bool done = false;
    if (!skip) st = lb_quantize_op(ops[i], &osc, &done);
    if (done && !st && !mlirOperationGetDiscardableAttributeByName(ops[i], mlirStringRefCreateFromCString(LB_ATTR_QUANT)).ptr)
      lb_record_scheme(ops[i], &osc);
  }
  free(ops);
  for (int k = 0; k < nov && !st; ++k)
    if (!ov[k].used)
      st = LB_ERROR(LB_STATUS_INVALID_ARGUMENT,
                    "layers: no quantizable op (conv, gemm, matmul with a constant weight) is named '%s'", ov[k].name);
  if (!st) lb_func_erase_dead(func);
  return st;
}
