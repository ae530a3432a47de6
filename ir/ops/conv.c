/* lb.conv2d (float) and lb.qconv2d (8-bit integers): 2-D convolution, NCHW / OIHW. */
#include "ir/ops/op_util.h"
#include "support/checked.h"
#include "runtime/kernels/conv.h"
#include "runtime/kernels/qgemm.h"

static lb_status_t infer_conv(MlirOperation op, lb_shape_t *out) {
  lb_shape_t x, w;
  lb_window_attrs_t wa;
  LB_RETURN_IF_ERROR(lb_operand_shape(op, 0, &x));
  LB_RETURN_IF_ERROR(lb_operand_shape(op, 1, &w));
  LB_RETURN_IF_ERROR(lb_window_attrs_get(op, &wa));
  if (x.rank != 4) return LB_FAIL("input must have rank 4 (NCHW), got %d", x.rank);
  if (w.rank != 4) return LB_FAIL("weight must have rank 4 (OIHW), got %d", w.rank);
  for (int i = 0; i < 4; ++i)
    if (w.d[i] == LB_DYN) return LB_FAIL("weight shape must be static");
  if (wa.group <= 0) return LB_FAIL("group must be positive, got %lld", (long long)wa.group);
  if (w.d[0] % wa.group != 0)
    return LB_FAIL("output channels %lld not divisible by group %lld", (long long)w.d[0], (long long)wa.group);
  int64_t in_ch;
  if (!lb_mul_i64(w.d[1], wa.group, &in_ch)) return LB_ERROR(LB_STATUS_OUT_OF_RANGE, "group * channels overflows");
  if (x.d[1] != LB_DYN && x.d[1] != in_ch)
    return LB_FAIL("input has %lld channels but weight expects %lld (group %lld)", (long long)x.d[1],
                   (long long)in_ch, (long long)wa.group);
  intptr_t bias_idx = lb_op_get_kind(op) == LB_OP_QCONV2D ? 4 : 2;
  if (mlirOperationGetNumOperands(op) > bias_idx) {
    lb_shape_t bs;
    LB_RETURN_IF_ERROR(lb_operand_shape(op, bias_idx, &bs));
    if (bs.rank != 1 || bs.d[0] != w.d[0]) return LB_FAIL("bias must have shape [%lld]", (long long)w.d[0]);
  }
  out->rank = 4;
  out->d[0] = x.d[0];
  out->d[1] = w.d[0];
  LB_RETURN_IF_ERROR(
      lb_window_out(x.d[2], w.d[2], wa.strides[0], wa.pads[0], wa.pads[2], wa.dilations[0], 0, 0, &out->d[2]));
  LB_RETURN_IF_ERROR(
      lb_window_out(x.d[3], w.d[3], wa.strides[1], wa.pads[1], wa.pads[3], wa.dilations[1], 0, 0, &out->d[3]));
  return LB_OK;
}

static void verify_conv2d(lb_verifier_t *v, MlirOperation op) { lb_verify_all_f32(v, op); }

/* x and w are i8 or u8, each zero point of its operand's type: x's a
 * single element, w's one or one per output channel. */
static void verify_qconv2d(lb_verifier_t *v, MlirOperation op) {
  static const lb_dtype_t x8[] = {LB_DT_I8, LB_DT_U8, LB_DT_INVALID}, i32[] = {LB_DT_I32, LB_DT_INVALID};
  for (intptr_t i = 0; i < 2; ++i)
    if (!lb_verify_dtype_in(v, op, i, x8, "i8 or ui8")) return;
  for (intptr_t i = 2; i < 4; ++i)
    if (lb_value_dtype(lb_op_operand(op, i)) != lb_value_dtype(lb_op_operand(op, i - 2))) {
      lb_verify_error(v, op, "zero point #%d must have the element type of its operand", (int)(i - 2));
      return;
    }
  lb_vshape_t w = lb_vshape(lb_op_operand(op, 1)), wz = lb_vshape(lb_op_operand(op, 3));
  int64_t nwz = lb_value_count(lb_op_operand(op, 3));
  if (lb_value_count(lb_op_operand(op, 2)) != 1 || wz.rank > 1 || (nwz != 1 && nwz != w.d[0])) {
    lb_verify_error(v, op, "zero points must be single elements (w's may have one per output channel)");
    return;
  }
  if (mlirOperationGetNumOperands(op) > 4 && !lb_verify_dtype_in(v, op, 4, i32, "i32")) return;
  static const lb_dtype_t acc[] = {LB_DT_I32, LB_DT_I64, LB_DT_INVALID};
  if (!lb_verify_dtype_in(v, op, -1, acc, "i32 or i64 (the accumulator)")) return;
  char buf[64];
  const char *algo = lb_op_get_str(op, LB_ATTR_ALGORITHM, buf, sizeof buf, "direct");
  if (strcmp(algo, "direct") && strcmp(algo, "gemm")) {
    lb_verify_error(v, op, "algorithm must be \"direct\" or \"gemm\", got \"%s\"", algo);
    return;
  }
  if (!strcmp(algo, "gemm") && (lb_value_dtype(lb_op_result(op)) != LB_DT_I32 || w.d[1] * w.d[2] * w.d[3] > 33025)) {
    lb_verify_error(v, op, "algorithm gemm needs an i32 result and C/group * KH * KW <= 33025 (raw int32 dot products)");
    return;
  }
}

/* Per output channel: |bias| + xmax * sum over the C/group*KH*KW taps of
 * |w - w_zp| (padding taps contribute 0, so the bound holds). */
static lb_status_t acc_bound_qconv2d(MlirOperation op, int64_t *bound) {
  lb_vshape_t ws = lb_vshape(lb_op_operand(op, 1));
  int64_t oc = ws.d[0], per = ws.d[1] * ws.d[2] * ws.d[3];
  lb_tensor_t w = {0}, bias = {0}, xz = {0}, wz = {0};
  bool has_w = lb_read_constant_if_any(lb_op_operand(op, 1), &w);
  bool has_xz = lb_read_constant_if_any(lb_op_operand(op, 2), &xz);
  bool has_wz = lb_read_constant_if_any(lb_op_operand(op, 3), &wz);
  bool has_bias = mlirOperationGetNumOperands(op) > 4;
  bool const_bias = has_bias && lb_read_constant_if_any(lb_op_operand(op, 4), &bias);
  int64_t xmax = lb_zp_max_offset(lb_value_dtype(lb_op_operand(op, 0)), has_xz ? &xz : NULL);
  *bound = lb_acc_bound(has_w ? &w : NULL, oc, per, 1, per, 1, 0, lb_value_dtype(lb_op_operand(op, 1)),
                        has_wz ? &wz : NULL, xmax, const_bias ? &bias : NULL, has_bias);
  lb_tensor_free(&w);
  lb_tensor_free(&bias);
  lb_tensor_free(&xz);
  lb_tensor_free(&wz);
  return LB_OK;
}

static lb_status_t conv_params(MlirOperation op, lb_conv2d_params_t *c) {
  lb_window_attrs_t wa;
  lb_status_t st = lb_window_attrs_get(op, &wa);
  if (st) return lb_op_annotate(op, st);
  lb_vshape_t x = lb_vshape(lb_op_operand(op, 0)), w = lb_vshape(lb_op_operand(op, 1)),
              y = lb_vshape(lb_op_result(op));
  *c = (lb_conv2d_params_t){
      .N = x.d[0], .C = x.d[1], .H = x.d[2], .W = x.d[3], .OC = w.d[0], .OH = y.d[2], .OW = y.d[3],
      .KH = w.d[2], .KW = w.d[3], .stride_h = wa.strides[0], .stride_w = wa.strides[1], .pad_t = wa.pads[0],
      .pad_l = wa.pads[1], .dil_h = wa.dilations[0], .dil_w = wa.dilations[1], .group = wa.group,
  };
  return LB_OK;
}

static lb_status_t lower_conv2d(lb_lower_t *lw, MlirOperation op) {
  lb_conv2d_params_t p;
  LB_RETURN_IF_ERROR(conv_params(op, &p));
  p.has_bias = mlirOperationGetNumOperands(op) > 2;
  int32_t in[3] = {-1, -1, -1};
  for (intptr_t i = 0; i < mlirOperationGetNumOperands(op); ++i) LB_RETURN_IF_ERROR(lb_lower_operand(lw, op, i, &in[i]));
  return lb_lower_step(lw, op, "conv2d_f32", &p, &lb_conv2d_params_desc, in, 3);
}

/* The weight [OC, C/g, KH, KW] as the gemm kernels' [OC, Kp] rows in
 * (kh, kw, c) order, zero past K: a derived constant "<weight>.ohwi". */
static lb_status_t lower_ohwi_weight(lb_lower_t *lw, MlirOperation op, int64_t Kp, int32_t *id, bool *four) {
  lb_vshape_t ws = lb_vshape(lb_op_operand(op, 1));
  int64_t OC = ws.d[0], cpg = ws.d[1], KH = ws.d[2], KW = ws.d[3];
  lb_tensor_t w, t;
  lb_status_t st = lb_value_view_constant(lb_op_operand(op, 1), &w);
  if (st) return lb_op_annotate(op, st);
  int64_t dims[2] = {OC, Kp};
  size_t es = lb_dtype_size(w.dtype);
  if (es != 1) {
    lb_tensor_free(&w);
    return lb_op_error(op, LB_STATUS_INTERNAL, "algorithm gemm needs an 8-bit weight");
  }
  if (lb_tensor_alloc(&t, w.dtype, 2, dims)) {
    lb_tensor_free(&w);
    return lb_op_error(op, LB_STATUS_RESOURCE_EXHAUSTED, "out of memory reordering the weight");
  }
  memset(t.data, 0, (size_t)(OC * Kp));
  const uint8_t *src = w.data;
  uint8_t *dst = t.data;
  for (int64_t oc = 0; oc < OC; ++oc)
    for (int64_t ic = 0; ic < cpg; ++ic)
      for (int64_t kh = 0; kh < KH; ++kh)
        for (int64_t kw = 0; kw < KW; ++kw)
          dst[oc * Kp + (kh * KW + kw) * cpg + ic] = src[((oc * cpg + ic) * KH + kh) * KW + kw];
  /* int8 codes that fit 4 bits: the rows packed two per byte, qmatmul_nk4's
   * form (per chunk of 64, byte j holds codes j and j + 32) */
  bool fits = w.dtype == LB_DT_I8;
  for (int64_t i = 0; fits && i < OC * Kp; ++i) fits = (int8_t)dst[i] >= -8 && (int8_t)dst[i] <= 7;
  lb_tensor_free(&w);
  *four = false;
  if (fits) {
    lb_tensor_t pk;
    int64_t pd[2] = {OC, Kp / 2};
    if (lb_tensor_alloc(&pk, LB_DT_U8, 2, pd)) {
      lb_tensor_free(&t);
      return lb_op_error(op, LB_STATUS_RESOURCE_EXHAUSTED, "out of memory packing the weight");
    }
    uint8_t *out = pk.data;
    memset(out, 0, (size_t)(OC * Kp / 2));
    for (int64_t oc = 0; oc < OC; ++oc)
      for (int64_t k = 0; k < Kp; ++k) {
        int64_t chunk = k / 64 * 64, j = k - chunk;
        uint8_t code = (uint8_t)(dst[oc * Kp + k] & 15);
        out[(oc * Kp + chunk) / 2 + (j & 31)] |= (uint8_t)(j < 32 ? code : code << 4);
      }
    lb_tensor_free(&t);
    *four = true;
    return lb_lower_const_tensor(lw, lb_value_def(lb_op_operand(op, 1)), &pk, "ohwi_packed4", id);
  }
  return lb_lower_const_tensor(lw, lb_value_def(lb_op_operand(op, 1)), &t, "ohwi", id);
}

/* algorithm "gemm": the implicit GEMM of runtime/kernels/qgemm.h, with
 * the zero-point compensation computed here and a fixed-point requantize
 * that alone consumes the result fused into the store. */
static lb_status_t lower_qconv2d_gemm(lb_lower_t *lw, MlirOperation op) {
  lb_conv2d_params_t c;
  LB_RETURN_IF_ERROR(conv_params(op, &c));
  if (lb_value_dtype(lb_op_result(op)) != LB_DT_I32)
    return lb_op_error(op, LB_STATUS_UNIMPLEMENTED, "algorithm gemm accumulates in i32 only");
  LB_RETURN_IF_ERROR(lb_check_acc32(op, acc_bound_qconv2d));
  if (!lb_value_is_constant(lb_op_operand(op, 1)) || !lb_value_is_constant(lb_op_operand(op, 2)))
    return lb_op_error(op, LB_STATUS_INVALID_ARGUMENT,
                       "algorithm \"gemm\" needs a constant weight and input zero point (lb-pack-layout sets it only then)");
  lb_dtype_t xdt = lb_value_dtype(lb_op_operand(op, 0)), wdt = lb_value_dtype(lb_op_operand(op, 1));
  bool flip = xdt == LB_DT_I8 && wdt == LB_DT_I8;
  int64_t K = c.C / c.group * c.KH * c.KW, xz;
  LB_RETURN_IF_ERROR(lb_operand_read_scalar_int(op, 2, &xz));
  lb_qconv_gemm_params_t p;
  memset(&p, 0, sizeof p);
  p.N = c.N, p.C = c.C, p.H = c.H, p.W = c.W, p.OC = c.OC, p.OH = c.OH, p.OW = c.OW, p.KH = c.KH, p.KW = c.KW;
  p.stride_h = c.stride_h, p.stride_w = c.stride_w, p.pad_t = c.pad_t, p.pad_l = c.pad_l;
  p.dil_h = c.dil_h, p.dil_w = c.dil_w, p.group = c.group;
  p.w_zp_per_channel = lb_value_count(lb_op_operand(op, 3)) > 1;
  p.x_zp = (int32_t)xz;
  p.Kp = (K + LB_QG_KALIGN - 1) / LB_QG_KALIGN * LB_QG_KALIGN;
  int32_t in[7] = {-1, -1, -1, -1, -1, -1, -1}, ws;
  LB_RETURN_IF_ERROR(lb_lower_operand(lw, op, 0, &in[0]));
  bool four = false;
  LB_RETURN_IF_ERROR(lower_ohwi_weight(lw, op, p.Kp, &in[1], &four));
  LB_RETURN_IF_ERROR(lb_lower_param_operand(lw, op, 3, LB_DT_I32, &in[2], NULL));
  lb_tensor_t comp = {0}; /* owned until lb_lower_const_tensor takes it */
  LB_RETURN_IF_ERROR(lb_zero_point_compensation(op, 1, 2, 3, mlirOperationGetNumOperands(op) > 4 ? 4 : -1, c.OC, K,
                                                flip ? 128 : 0, &comp));
  LB_RETURN_IF_ERROR(
      lb_lower_const_tensor(lw, lb_value_def(lb_op_operand(op, 1)), &comp, "zero_point_compensation", &in[3]));
  lb_epilogue_t e;
  LB_RETURN_IF_ERROR(lb_lower_requant_epilogue(lw, op, 1, c.OC, false, &e));
  int64_t img = c.C * c.H * c.W;
  if (LB_QG_CONV_DIRECT(c.C, c.OC, c.group, K, c.KH * c.KW)) { /* the direct path's padded planes */
    int64_t plane = LB_QG_DIRECT_PLANES(c.C / c.group, (c.OH - 1) * c.stride_h + (c.KH - 1) * c.dil_h + 1,
                                        (c.OW - 1) * c.stride_w + (c.KW - 1) * c.dil_w + 1);
    if (plane > img) img = plane;
  }
  LB_RETURN_IF_ERROR(
      lb_lower_workspace(lw, op, four ? LB_QG_CONV_WORKSPACE4(p.Kp, img) : LB_QG_CONV_WORKSPACE(p.Kp, img), &ws));
  char types[8];
  snprintf(types, sizeof types, "%s%s", lb_int8_suffix(xdt), four ? "" : lb_int8_suffix(wdt));
  return lb_lower_qgemm_step(lw, op, &e, four ? "qconv2d_gemm4" : "qconv2d_gemm", types, &p, &lb_qconv_gemm_params_desc, &p.mult_per_channel,
                             &p.out_zp, &p.qmin, &p.qmax, in, ws);
}

static lb_status_t lower_qconv2d(lb_lower_t *lw, MlirOperation op) {
  char algo[8];
  if (!strcmp(lb_op_get_str(op, LB_ATTR_ALGORITHM, algo, sizeof algo, "direct"), "gemm")) return lower_qconv2d_gemm(lw, op);
  lb_conv2d_params_t p;
  LB_RETURN_IF_ERROR(conv_params(op, &p));
  p.w_zp_per_channel = lb_value_count(lb_op_operand(op, 3)) > 1;
  p.has_bias = mlirOperationGetNumOperands(op) > 4;
  bool wide = lb_value_dtype(lb_op_result(op)) == LB_DT_I64;
  if (!wide) LB_RETURN_IF_ERROR(lb_check_acc32(op, acc_bound_qconv2d));
  int32_t in[5] = {-1, -1, -1, -1, -1};
  LB_RETURN_IF_ERROR(lb_lower_operand(lw, op, 0, &in[0]));
  LB_RETURN_IF_ERROR(lb_lower_operand(lw, op, 1, &in[1]));
  LB_RETURN_IF_ERROR(lb_lower_param_operand(lw, op, 2, LB_DT_I32, &in[2], NULL));
  LB_RETURN_IF_ERROR(lb_lower_param_operand(lw, op, 3, LB_DT_I32, &in[3], NULL));
  if (p.has_bias) LB_RETURN_IF_ERROR(lb_lower_operand(lw, op, 4, &in[4]));
  char kernel[32];
  snprintf(kernel, sizeof kernel, "qconv2d_%s%s%s", lb_int8_suffix(lb_value_dtype(lb_op_operand(op, 0))),
           lb_int8_suffix(lb_value_dtype(lb_op_operand(op, 1))), wide ? "_i64" : "");
  return lb_lower_step(lw, op, kernel, &p, &lb_conv2d_params_desc, in, 5);
}

static int64_t channel_axis_nchw(MlirOperation op) {
  (void)op;
  return 1;
}

/* conv2d: the weight's per-output-channel axis is 0. */
static bool quant_conv2d(MlirOperation op, lb_quant_operands_t *q) {
  MlirValue w = lb_op_operand(op, 1);
  int32_t r;
  int64_t d[LB_MAX_RANK];
  if (!lb_type_get_shape(mlirValueGetType(w), &r, d) || r != 4) return false;
  *q = (lb_quant_operands_t){.input = 0, .weight = 1, .weight_axis = 0,
                             .bias = mlirOperationGetNumOperands(op) > 2 ? 2 : -1, .nout = d[0]};
  return true;
}

static lb_status_t build_qconv2d(lb_builder_t *b, MlirOperation op, const lb_int_operands_t *in, MlirValue *acc) {
  lb_window_attrs_t wa;
  LB_RETURN_IF_ERROR(lb_window_attrs_get(op, &wa));
  return lb_build_qconv2d(b, in->x, in->w_value, in->x_zp, in->w_zp, in->bias, &wa, acc);
}

static intptr_t conv_attrs(MlirContext ctx, const lb_window_attrs_t *w, MlirNamedAttribute *at) {
  at[0] = lb_named_attr(ctx, LB_ATTR_STRIDES, lb_i64s_attr(ctx, w->strides, 2));
  at[1] = lb_named_attr(ctx, LB_ATTR_PADS, lb_i64s_attr(ctx, w->pads, 4));
  at[2] = lb_named_attr(ctx, LB_ATTR_DILATIONS, lb_i64s_attr(ctx, w->dilations, 2));
  at[3] = lb_named_attr(ctx, LB_ATTR_GROUP, lb_i64_attr(ctx, w->group));
  return 4;
}

/* ---- conv_transpose ---- */

static lb_status_t infer_conv_transpose(MlirOperation op, lb_shape_t *out) {
  lb_shape_t x, w;
  lb_window_attrs_t wa;
  LB_RETURN_IF_ERROR(lb_operand_shape(op, 0, &x));
  LB_RETURN_IF_ERROR(lb_operand_shape(op, 1, &w));
  LB_RETURN_IF_ERROR(lb_window_attrs_get(op, &wa));
  if (x.rank != 4) return LB_FAIL("input must have rank 4 (NCHW), got %d", x.rank);
  if (w.rank != 4) return LB_FAIL("weight must have rank 4 ([C, OC/group, KH, KW]), got %d", w.rank);
  for (int i = 0; i < 4; ++i)
    if (w.d[i] == LB_DYN || w.d[i] < 1) return LB_FAIL("weight shape must be static and non-empty");
  if (wa.group <= 0 || w.d[0] % wa.group) return LB_FAIL("group %lld must divide the %lld input channels",
                                                          (long long)wa.group, (long long)w.d[0]);
  if (x.d[1] != LB_DYN && x.d[1] != w.d[0])
    return LB_FAIL("input has %lld channels but the weight expects %lld", (long long)x.d[1], (long long)w.d[0]);
  int64_t op_pad[2] = {0, 0};
  if (lb_op_get_ints(op, "output_padding", op_pad, 2) != 2) return LB_FAIL("output_padding must have 2 values");
  int64_t oc;
  if (!lb_mul_i64(w.d[1], wa.group, &oc)) return LB_ERROR(LB_STATUS_OUT_OF_RANGE, "group * channels overflows");
  if (mlirOperationGetNumOperands(op) > 2) {
    lb_shape_t bs;
    LB_RETURN_IF_ERROR(lb_operand_shape(op, 2, &bs));
    if (bs.rank != 1 || bs.d[0] != oc) return LB_FAIL("bias must have shape [%lld]", (long long)oc);
  }
  *out = x;
  out->d[1] = oc;
  for (int i = 0; i < 2; ++i) {
    int64_t in = x.d[2 + i], k = w.d[2 + i], s = wa.strides[i], d = wa.dilations[i];
    if (s < 1 || d < 1 || s > ((int64_t)1 << 20) || d > ((int64_t)1 << 20)) return LB_FAIL("strides and dilations must be in [1, 2^20]");
    if (op_pad[i] < 0 || (op_pad[i] >= s && op_pad[i] >= d)) return LB_FAIL("output_padding must be below the stride or the dilation");
    if (in == LB_DYN) {
      out->d[2 + i] = LB_DYN;
      continue;
    }
    int64_t o = s * (in - 1) + op_pad[i] + (k - 1) * d + 1 - wa.pads[i] - wa.pads[i + 2];
    if (o < 1 || o > ((int64_t)1 << 31)) return LB_FAIL("the output size %lld is out of range", (long long)o);
    out->d[2 + i] = o;
  }
  return LB_OK;
}

static lb_status_t lower_conv_transpose(lb_lower_t *lw, MlirOperation op) {
  lb_window_attrs_t wa;
  lb_status_t st = lb_window_attrs_get(op, &wa);
  if (st) return lb_op_annotate(op, st);
  lb_vshape_t x = lb_vshape(lb_op_operand(op, 0)), w = lb_vshape(lb_op_operand(op, 1)), y = lb_vshape(lb_op_result(op));
  lb_conv2d_params_t p = {
      .N = x.d[0], .C = x.d[1], .H = x.d[2], .W = x.d[3], .OC = y.d[1], .OH = y.d[2], .OW = y.d[3],
      .KH = w.d[2], .KW = w.d[3], .stride_h = wa.strides[0], .stride_w = wa.strides[1], .pad_t = wa.pads[0],
      .pad_l = wa.pads[1], .dil_h = wa.dilations[0], .dil_w = wa.dilations[1], .group = wa.group,
      .has_bias = mlirOperationGetNumOperands(op) > 2,
  };
  int32_t in[3] = {-1, -1, -1};
  for (intptr_t i = 0; i < mlirOperationGetNumOperands(op); ++i) LB_RETURN_IF_ERROR(lb_lower_operand(lw, op, i, &in[i]));
  return lb_lower_step(lw, op, "conv_transpose_f32", &p, &lb_conv2d_params_desc, in, 3);
}

lb_status_t lb_build_conv_transpose(lb_builder_t *b, MlirValue x, MlirValue w, MlirValue bias,
                                    const lb_window_attrs_t *wa, const int64_t output_padding[2], MlirValue *out) {
  MlirValue ops[3] = {x, w, bias};
  MlirNamedAttribute at[5];
  intptr_t na = conv_attrs(b->ctx, wa, at);
  at[na++] = lb_named_attr(b->ctx, "output_padding", lb_i64s_attr(b->ctx, output_padding, 2));
  return lb_build_op(b, LB_OP_CONV_TRANSPOSE, ops, mlirValueIsNull(bias) ? 2 : 3, at, na,
                     mlirShapedTypeGetElementType(mlirValueGetType(x)), out);
}

lb_status_t lb_build_conv2d(lb_builder_t *b, MlirValue x, MlirValue w, MlirValue bias, const lb_window_attrs_t *wa,
                            MlirValue *out) {
  MlirValue ops[3] = {x, w, bias};
  MlirNamedAttribute at[4];
  intptr_t na = conv_attrs(b->ctx, wa, at);
  return lb_build_op(b, LB_OP_CONV2D, ops, mlirValueIsNull(bias) ? 2 : 3, at, na,
                     mlirShapedTypeGetElementType(mlirValueGetType(x)), out);
}

lb_status_t lb_build_qconv2d(lb_builder_t *b, MlirValue x, MlirValue w, MlirValue x_zp, MlirValue w_zp,
                             MlirValue bias, const lb_window_attrs_t *wa, MlirValue *out) {
  MlirValue ops[5] = {x, w, x_zp, w_zp, bias};
  MlirNamedAttribute at[4];
  intptr_t na = conv_attrs(b->ctx, wa, at);
  return lb_build_op(b, LB_OP_QCONV2D, ops, mlirValueIsNull(bias) ? 4 : 5, at, na, mlirIntegerTypeGet(b->ctx, 32),
                     out);
}

const lb_op_desc_t lb_op_desc_conv2d = {
    .summary = "2-D float convolution (NCHW input, OIHW weight, groups, dilations)",
    .traits = LB_TRAIT_QUANTIZABLE,
    .infer = infer_conv,
    .verify = verify_conv2d,
    .lower = lower_conv2d,
    .channel_axis = channel_axis_nchw,
    .quant_operands = quant_conv2d,
    .build_integer = build_qconv2d,
};

const lb_op_desc_t lb_op_desc_conv_transpose = {
    .summary = "2-D transposed convolution",
    .infer = infer_conv_transpose,
    .verify = verify_conv2d,
    .lower = lower_conv_transpose,
    .channel_axis = channel_axis_nchw,
};

const lb_op_desc_t lb_op_desc_qconv2d = {
    .summary = "2-D int8 convolution, int32 accumulation",
    .traits = LB_TRAIT_INTEGER,
    .infer = infer_conv,
    .verify = verify_qconv2d,
    .lower = lower_qconv2d,
    .channel_axis = channel_axis_nchw,
    .acc_bound = acc_bound_qconv2d,
};
