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
#include "passes/linear.h"
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
  bool weight_auto;  /* weight_calib=auto: mse below 8 bits, min/max at 8 */
  double percentile; /* > 0: clip |w| at this percentile of the channel */
  int64_t group;     /* > 0: one scale per group of this many weights along the reduction axis */
  bool per_token;    /* activations quantized per row, at run time (lb.quantize_rows) */
  int scale_bits;    /* > 0 (with group): two-level scales, VS-Quant */
  int attention_bits; /* > 0: matmuls of two activations (attention) get per-tensor activations of this width */
  bool bias_correct;  /* fold E[x] (W - W_q) into the bias (lb.input_mean) */
} lb_scheme_t;

/* ---- the input's statistics: bias correction, weighted clipping ----
 * Rounding the weights moves a layer's mean output by E[x] (W_q - W), a
 * systematic error that does not average out (Nagel et al. 2019, "Data-Free
 * Quantization Through Weight Equalization and Bias Correction"; Banner et
 * al. 2019). With the input's calibrated mean (lb.input_mean, lb-calibrate)
 * the shift is subtracted from the bias, so the quantized layer keeps the
 * float layer's mean output.
 *
 * A weight's rounding error reaches the output in proportion to its input:
 * the expected squared output error of one output channel is about
 * sum_k E[x_k^2] (w_k - q_k)^2 (the diagonal of the layer's Hessian, as
 * GPTQ and HAWQ use it). The MSE clipping search weighs each weight by
 * E[x_k^2] (lb.input_sqmean) when it is known: a large weight on an input
 * that is nearly always 0 (a classifier's weight on a rarely active
 * feature, divided by that feature's small standard deviation) no longer
 * sets the range of all the others.
 *
 * For a conv2d both are taken per tap over the output positions, zero
 * padding included. */
typedef struct {
  double *e, *e2; /* E[x], E[x^2] per reduction element (per group for a conv); NULL: unknown */
  double *corr;   /* bias correction per output channel (with e) */
  int64_t nout, d1, red, ocg; /* weight dim 1 (rank 2); conv: weights per output channel, output channels per group */
  int64_t axis;
  bool conv;
} lb_in_stats_t;

static void lb_in_stats_free(lb_in_stats_t *bc) {
  free(bc->e);
  free(bc->e2);
  free(bc->corr);
  bc->e = bc->e2 = bc->corr = NULL;
}

/* The reduction element (per group for a conv) weight element k reads. */
static inline int64_t lb_in_red(const lb_in_stats_t *bc, int64_t k, int64_t *out) {
  if (bc->conv) {
    *out = k / bc->red;
    return (*out / bc->ocg) * bc->red + k % bc->red;
  }
  if (bc->axis == 0) {
    *out = k / bc->d1;
    return k % bc->d1;
  }
  *out = k % bc->d1;
  return k / bc->d1;
}

/* One statistic of attribute `name` into *dst (NULL when the op lacks it or
 * its size does not fit), per reduction element. */
static lb_status_t lb_in_stat(MlirOperation op, const char *name, const lb_in_stats_t *bc, const lb_tensor_t *w,
                              double **dst) {
  *dst = NULL;
  MlirAttribute a = mlirOperationGetDiscardableAttributeByName(op, mlirStringRefCreateFromCString(name));
  if (mlirAttributeIsNull(a) || !mlirAttributeIsADenseF32Array(a)) return LB_OK;
  int64_t n = mlirDenseArrayGetNumElements(a);
  if (!bc->conv) {
    int64_t K = w->dims[1 - bc->axis];
    if (n != K) return LB_OK;
    double *e = *dst = malloc(sizeof *e * (size_t)K);
    if (!e) return LB_ERROR(LB_STATUS_RESOURCE_EXHAUSTED, "out of memory");
    for (int64_t k = 0; k < K; ++k) e[k] = mlirDenseF32ArrayGetElement(a, (intptr_t)k);
    return LB_OK;
  }
  lb_window_attrs_t wa;
  int32_t xr, yr;
  int64_t xd[LB_MAX_RANK], yd[LB_MAX_RANK];
  if (lb_window_attrs_get(op, &wa) || !lb_type_get_shape(mlirValueGetType(lb_op_operand(op, 0)), &xr, xd) || xr != 4 ||
      !lb_type_get_shape(mlirValueGetType(lb_op_result(op)), &yr, yd) || yr != 4)
    return LB_OK;
  int64_t OC = w->dims[0], Cg = w->dims[1], KH = w->dims[2], KW = w->dims[3], G = wa.group;
  int64_t C = xd[1], H = xd[2], W = xd[3], OH = yd[2], OW = yd[3];
  if (C == LB_DYN || H == LB_DYN || W == LB_DYN || OH == LB_DYN || OW == LB_DYN || G < 1 || Cg * G != C || OC % G ||
      n != C * H * W || OH * OW == 0)
    return LB_OK;
  double *e = *dst = calloc((size_t)(G * bc->red), sizeof *e);
  if (!e) return LB_ERROR(LB_STATUS_RESOURCE_EXHAUSTED, "out of memory");
  for (int64_t c = 0; c < C; ++c)
    for (int64_t kh = 0; kh < KH; ++kh)
      for (int64_t kw = 0; kw < KW; ++kw) {
        double s = 0;
        for (int64_t oh = 0; oh < OH; ++oh) {
          int64_t ih = oh * wa.strides[0] - wa.pads[0] + kh * wa.dilations[0];
          if (ih < 0 || ih >= H) continue;
          for (int64_t ow = 0; ow < OW; ++ow) {
            int64_t iw = ow * wa.strides[1] - wa.pads[1] + kw * wa.dilations[1];
            if (iw >= 0 && iw < W) s += mlirDenseF32ArrayGetElement(a, (intptr_t)((c * H + ih) * W + iw));
          }
        }
        /* group c / Cg, its channel c % Cg */
        e[(c / Cg) * bc->red + ((c % Cg) * KH + kh) * KW + kw] = s / (double)(OH * OW);
      }
  return LB_OK;
}

/* Sets up *bc for op's weight w (output-channel axis `axis`): E[x] when
 * `correct` (bias correction), E[x^2] when `weighted`; each stays NULL when
 * the op has no usable statistic. */
static lb_status_t lb_in_stats_init(MlirOperation op, const lb_tensor_t *w, int64_t axis, bool correct, bool weighted,
                                    lb_in_stats_t *bc) {
  memset(bc, 0, sizeof *bc);
  lb_op_kind_t kind = lb_op_get_kind(op);
  if (w->rank == 2 && (kind == LB_OP_MATMUL || kind == LB_OP_GEMM)) {
    bc->nout = w->dims[axis];
    bc->d1 = w->dims[1];
    bc->axis = axis;
  } else if (w->rank == 4 && kind == LB_OP_CONV2D && axis == 0) {
    lb_window_attrs_t wa;
    if (lb_window_attrs_get(op, &wa) || wa.group < 1 || w->dims[0] % wa.group) return LB_OK;
    bc->conv = true;
    bc->nout = w->dims[0];
    bc->red = w->dims[1] * w->dims[2] * w->dims[3];
    bc->ocg = w->dims[0] / wa.group;
  } else {
    return LB_OK;
  }
  lb_status_t st = correct ? lb_in_stat(op, LB_ATTR_INPUT_MEAN, bc, w, &bc->e) : LB_OK;
  if (!st && weighted) st = lb_in_stat(op, LB_ATTR_INPUT_SQMEAN, bc, w, &bc->e2);
  if (!st && bc->e && !(bc->corr = calloc((size_t)bc->nout, sizeof *bc->corr)))
    st = LB_ERROR(LB_STATUS_RESOURCE_EXHAUSTED, "out of memory");
  if (st) lb_in_stats_free(bc);
  return st;
}

/* Weight element k (row-major in w) rounds to a value d away from its own. */
static inline void lb_bc_add(lb_in_stats_t *bc, int64_t k, double d) {
  if (!bc->e) return;
  int64_t out, red = lb_in_red(bc, k, &out);
  bc->corr[out] -= bc->e[red] * d;
}

static int64_t lb_tensor_count_dims(const int64_t *d, int32_t r) {
  int64_t n = 1;
  for (int32_t i = 0; i < r; ++i) n *= d[i];
  return n;
}

/* The constant row an add right after op adds to its result, if op's
 * result has that add as its one use and the row is N values of f32 (a
 * matmul's bias, MatMul + Add of an exporter that lb-fuse-bias left alone:
 * batched inputs). */
static bool lb_bc_add_row(MlirOperation op, int64_t N, MlirOperation *add, intptr_t *pos) {
  MlirValue y = lb_op_result(op);
  if (!lb_value_has_single_use(y)) return false;
  MlirOpOperand u = mlirValueGetFirstUse(y);
  MlirOperation a = mlirOpOperandGetOwner(u);
  if (lb_op_get_kind(a) != LB_OP_ADD) return false;
  intptr_t other = 1 - mlirOpOperandGetOperandNumber(u);
  MlirValue c = lb_op_operand(a, other);
  int32_t r, ry;
  int64_t d[LB_MAX_RANK], dy[LB_MAX_RANK];
  if (!lb_value_is_constant(c) || lb_value_dtype(c) != LB_DT_F32 || !lb_type_get_shape(mlirValueGetType(c), &r, d) ||
      r < 1 || d[r - 1] != N || lb_tensor_count_dims(d, r) != N || !lb_type_get_shape(mlirValueGetType(lb_op_result(a)), &ry, dy) ||
      !lb_type_get_shape(mlirValueGetType(y), &r, d) || ry != r)
    return false;
  *add = a;
  *pos = other;
  return true;
}

/* Adds bc->corr to op's bias: its bias operand, a new one (gemm, conv2d),
 * or the row a following add adds (matmul); a layer with nowhere to put it
 * stays uncorrected. */
static lb_status_t lb_bc_apply(MlirOperation op, lb_in_stats_t *bc) {
  if (!bc->e) {
    lb_in_stats_free(bc);
    return LB_OK;
  }
  const lb_op_desc_t *desc = lb_op_desc(op);
  lb_quant_operands_t qo;
  lb_status_t st = LB_OK;
  int64_t N = bc->nout;
  double *v = malloc(sizeof *v * (size_t)N);
  if (!v || !desc || !desc->quant_operands || !desc->quant_operands(op, &qo)) goto out;
  MlirOperation host = op;
  intptr_t pos = qo.bias;
  if (pos < 0 && lb_op_get_kind(op) == LB_OP_MATMUL && !lb_bc_add_row(op, N, &host, &pos)) goto out;
  int32_t r = 1;
  int64_t d[LB_MAX_RANK] = {N};
  for (int64_t i = 0; i < N; ++i) v[i] = bc->corr[i];
  if (pos >= 0) {
    MlirValue bv = lb_op_operand(host, pos);
    lb_tensor_t b;
    if (!lb_value_is_constant(bv) || lb_value_dtype(bv) != LB_DT_F32) goto out; /* a computed bias: left alone */
    if ((st = lb_value_view_constant(bv, &b))) goto out;
    int64_t nb = lb_tensor_count(&b);
    for (int64_t i = 0; i < N; ++i) v[i] += ((const float *)b.data)[nb == N ? i : 0];
    if (nb == N) {
      r = b.rank;
      memcpy(d, b.dims, sizeof *d * (size_t)b.rank);
    }
    lb_tensor_free(&b);
    for (int64_t i = 0; i < N && !st; ++i)
      if (!isfinite((float)v[i])) goto out; /* a degenerate layer: keep its bias */
    st = lb_replace_const_operand(host, pos, r, d, v);
  } else {
    for (int64_t i = 0; i < N; ++i)
      if (!isfinite((float)v[i])) goto out;
    lb_builder_t b = lb_builder_before(op);
    MlirValue c;
    st = lb_build_f32_constant(&b, 1, d, v, &c);
    intptr_t no = mlirOperationGetNumOperands(op);
    MlirValue ops[8];
    if (!st && no == 2) {
      ops[0] = lb_op_operand(op, 0);
      ops[1] = lb_op_operand(op, 1);
      ops[2] = c;
      mlirOperationSetOperands(op, 3, ops);
    }
  }
out:
  free(v);
  lb_in_stats_free(bc);
  return st;
}

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

/* MSE-optimal clipping of a set of weights (elements base + a * astride + b,
 * a in [a0, a1), b in [b0, b1)): the scale max|w| * r / qmax for the ratio
 * r in {1, 0.99, ..., 0.10} with the least squared rounding error
 * sum (w - scale * clamp(rne(w / scale)))^2, each term weighted by its
 * input's E[x^2] when lb-calibrate recorded it (ties: the larger r),
 * searched coarse to fine: r = 1, 0.95, ..., 0.10, then the hundredths
 * within 0.04 of the best of those (28 of the 91 ratios). */
static double lb_clip_error(const float *wd, int64_t base, int64_t a0, int64_t a1, int64_t astride, int64_t b0,
                            int64_t b1, float s, int32_t qmax, const lb_in_stats_t *in) {
  double err = 0;
  for (int64_t a = a0; a < a1; ++a)
    for (int64_t b = b0; b < b1; ++b) {
      int64_t k = base + a * astride + b, out;
      float v = wd[k];
      double r = nearbyint((double)(v / s));
      r = r < -qmax ? -qmax : r > qmax ? qmax : r;
      double e = (double)v - r * (double)s;
      err += in->e2 ? in->e2[lb_in_red(in, k, &out)] * e * e : e * e;
    }
  return err;
}

static float lb_clip_scale(const float *wd, int64_t base, int64_t a0, int64_t a1, int64_t astride, int64_t b0, int64_t b1,
                           float mx, int32_t qmax, const lb_in_stats_t *in) {
  /* ratios 1 - 0.01 step: every fifth step first, then the steps within 4 of the best */
  double err[91];
  int best = 0;
  for (int step = 0; step <= 90; ++step) err[step] = -1;
  for (int pass = 0; pass < 2; ++pass)
    for (int step = 0; step <= 90; ++step) {
      if (pass == 0 ? step % 5 : (step < best - 4 || step > best + 4 || err[step] >= 0)) continue;
      err[step] = lb_clip_error(wd, base, a0, a1, astride, b0, b1, lb_weight_scale(mx * (float)(1.0 - 0.01 * step), qmax),
                                qmax, in);
      if (err[step] < err[best] || (err[step] == err[best] && step < best)) best = step;
    }
  return lb_weight_scale(mx * (float)(1.0 - 0.01 * best), qmax);
}

/* Over channel c of [outer, nch, inner]. */
static float lb_mse_scale(const float *wd, int64_t outer, int64_t nch, int64_t inner, int64_t c, float mx, int32_t qmax,
                          const lb_in_stats_t *in) {
  return lb_clip_scale(wd, c * inner, 0, outer, nch * inner, 0, inner, mx, qmax, in);
}

/* Over one block of a grouped weight [outer, n, inner]: elements (o, c, i)
 * with c in [c0, c1), i in [i0, i1). */
static float lb_block_mse_scale(const float *wd, int64_t n, int64_t inner, int64_t o, int64_t c0, int64_t c1, int64_t i0,
                                int64_t i1, float mx, int32_t qmax, const lb_in_stats_t *in) {
  return lb_clip_scale(wd, o * n * inner + i0, c0, c1, inner, 0, i1 - i0, mx, qmax, in);
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
  bool mse = sc->mse || (sc->weight_auto && lb_dtype_bits(sc->wdt) < 8);
  lb_in_stats_t bc;
  st = lb_in_stats_init(op, w, w->rank == 2 ? 1 - ra : 0, sc->bias_correct, mse, &bc);
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
        sd[(o * nblk + b) * inner + i] =
            mse && !st ? lb_block_mse_scale(wd, n, inner, o, b * G, b * G + G < n ? b * G + G : n, window ? 0 : i,
                                            window ? inner : i + 1, mx, qmax, &bc)
                       : lb_weight_scale(mx, qmax);
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
        for (int64_t c = b * G; c < n && c < (b + 1) * G; ++c) {
          int64_t k = (o * n + c) * inner + i;
          qd[k] = lb_weight_code((double)(wd[k] / s), qmax);
          lb_bc_add(&bc, k, (double)qd[k] * s - wd[k]);
        }
      }
  if (!st) st = lb_bc_apply(op, &bc);
  else lb_in_stats_free(&bc);
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
  bool mse = sc->mse || (sc->weight_auto && lb_dtype_bits(sc->wdt) < 8);
  lb_in_stats_t bc;
  st = lb_in_stats_init(op, &w, axis, sc->bias_correct, mse, &bc);
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
    scale[c] = mse ? lb_mse_scale(wd, outer, nch, inner, c, mx, qmax, &bc) : lb_weight_scale(mx, qmax);
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
        lb_bc_add(&bc, k, (double)qd[k] * scale[c] - wd[k]);
      }
  if (!st) st = lb_bc_apply(op, &bc);
  else lb_in_stats_free(&bc);
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
  } else if (strcmp(wcal, "minmax") && strcmp(wcal, "mse") && strcmp(wcal, "auto"))
    return LB_ERROR(LB_STATUS_INVALID_ARGUMENT, "weight_calib must be minmax, percentile:P, mse or auto, got '%s'", wcal);
  bool lb_act_signed = strcmp(acts, "u8") != 0;
  lb_scheme_t sc = {.wdt = LB_DTYPE_SINT(wb),
                    .act = !ab ? LB_DT_INVALID : lb_act_signed ? LB_DTYPE_SINT(ab) : LB_DTYPE_UINT(ab),
                    .per_tensor = !strcmp(gran, "tensor"), .mse = !strcmp(wcal, "mse"),
                    .weight_auto = !strcmp(wcal, "auto"), .percentile = pct,
                    .group = group, .per_token = !strcmp(agran, "token"), .scale_bits = (int)scale_bits,
                    .attention_bits = (int)attention_bits,
                    .bias_correct = lb_pass_option_int(options, "bias_correct", 1) != 0};
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
