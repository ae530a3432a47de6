/* Pooling: lb.max_pool (f32, i8, ui8), lb.avg_pool and lb.global_avg_pool
 * (f32), lb.qavg_pool (i8, ui8), over NCHW. */
#include <math.h>

#include "ir/ops/op_util.h"
#include "runtime/kernels/pool.h"

static lb_status_t infer_pool(MlirOperation op, lb_shape_t *out) {
  lb_shape_t x;
  lb_window_attrs_t wa;
  LB_RETURN_IF_ERROR(lb_operand_shape(op, 0, &x));
  LB_RETURN_IF_ERROR(lb_window_attrs_get(op, &wa));
  if (x.rank != 4) return LB_FAIL("input must have rank 4 (NCHW), got %d", x.rank);
  *out = x;
  LB_RETURN_IF_ERROR(lb_window_out(x.d[2], wa.kernel[0], wa.strides[0], wa.pads[0], wa.pads[2], wa.dilations[0],
                                   (int)wa.ceil_mode, 1, &out->d[2]));
  LB_RETURN_IF_ERROR(lb_window_out(x.d[3], wa.kernel[1], wa.strides[1], wa.pads[1], wa.pads[3], wa.dilations[1],
                                   (int)wa.ceil_mode, 1, &out->d[3]));
  return LB_OK;
}

static lb_status_t infer_gap(MlirOperation op, lb_shape_t *out) {
  LB_RETURN_IF_ERROR(lb_operand_shape(op, 0, out));
  if (out->rank < 3) return LB_FAIL("input must have rank >= 3, got %d", out->rank);
  for (int32_t i = 2; i < out->rank; ++i) out->d[i] = 1;
  return LB_OK;
}

static void verify_max_pool(lb_verifier_t *v, MlirOperation op) {
  static const lb_dtype_t ok[] = {LB_DT_F32, LB_DT_I8, LB_DT_U8, LB_DT_INVALID};
  if (lb_verify_dtype_in(v, op, 0, ok, "f32, i8 or ui8")) lb_verify_same_elem(v, op);
}

static void verify_f32(lb_verifier_t *v, MlirOperation op) { lb_verify_all_f32(v, op); }

static lb_status_t pool_params(MlirOperation op, lb_pool2d_params_t *p) {
  lb_window_attrs_t wa;
  lb_status_t st = lb_window_attrs_get(op, &wa);
  if (st) return lb_op_annotate(op, st);
  lb_vshape_t x = lb_vshape(lb_op_operand(op, 0)), y = lb_vshape(lb_op_result(op));
  *p = (lb_pool2d_params_t){
      .N = x.d[0], .C = x.d[1], .H = x.d[2], .W = x.d[3], .OH = y.d[2], .OW = y.d[3], .KH = wa.kernel[0],
      .KW = wa.kernel[1], .stride_h = wa.strides[0], .stride_w = wa.strides[1], .pad_t = wa.pads[0],
      .pad_l = wa.pads[1], .pad_b = wa.pads[2], .pad_r = wa.pads[3], .dil_h = wa.dilations[0],
      .dil_w = wa.dilations[1], .count_include_pad = (int32_t)wa.count_include_pad,
  };
  return LB_OK;
}

static lb_status_t lower_max_pool(lb_lower_t *lw, MlirOperation op) {
  lb_pool2d_params_t p;
  LB_RETURN_IF_ERROR(pool_params(op, &p));
  lb_dtype_t dt = lb_value_dtype(lb_op_result(op));
  const char *k = dt == LB_DT_F32 ? "maxpool_f32" : dt == LB_DT_I8 ? "maxpool_i8" : "maxpool_u8";
  return lb_lower_step_operands(lw, op, k, &p, &lb_pool2d_params_desc);
}

static lb_status_t lower_avg_pool(lb_lower_t *lw, MlirOperation op) {
  lb_pool2d_params_t p;
  LB_RETURN_IF_ERROR(pool_params(op, &p));
  return lb_lower_step_operands(lw, op, "avgpool_f32", &p, &lb_pool2d_params_desc);
}

#define LB_ATTR_X_ZP "x_zero_point"
#define LB_ATTR_Y_ZP "y_zero_point"
#define LB_ATTR_X_SCALE "x_scale"
#define LB_ATTR_Y_SCALE "y_scale"

static void verify_qavg_pool(lb_verifier_t *v, MlirOperation op) {
  static const lb_dtype_t x8[] = {LB_DT_I8, LB_DT_U8, LB_DT_INVALID};
  if (!lb_verify_dtype_in(v, op, 0, x8, "i8 or ui8")) return;
  lb_verify_same_elem(v, op);
  lb_dtype_t dt = lb_value_dtype(lb_op_operand(op, 0));
  const char *zps[2] = {LB_ATTR_X_ZP, LB_ATTR_Y_ZP};
  for (int i = 0; i < 2; ++i) {
    int64_t z = lb_op_get_int(op, zps[i], 0);
    if (z < lb_dtype_min(dt) || z > lb_dtype_max(dt)) {
      lb_verify_error(v, op, "%s %lld is outside the range of %s", zps[i], (long long)z, lb_dtype_name(dt));
      return;
    }
  }
  double sx = lb_op_get_float(op, LB_ATTR_X_SCALE, 0), sy = lb_op_get_float(op, LB_ATTR_Y_SCALE, 0);
  if (!(sx > 0) || isinf(sx) || !(sy > 0) || isinf(sy)) {
    lb_verify_error(v, op, "x_scale and y_scale must be finite and positive");
    return;
  }
  lb_window_attrs_t wa;
  lb_status_t st = lb_window_attrs_get(op, &wa);
  if (st) {
    lb_verify_error(v, op, "%s", lb_status_message(st));
    lb_status_free(st);
    return;
  }
  /* |acc| <= 255 * KH * KW must stay exact in int32 and in float32 */
  if (wa.kernel[0] < 1 || wa.kernel[1] < 1 || wa.kernel[0] > (1 << 16) || wa.kernel[1] > (1 << 16) ||
      wa.kernel[0] * wa.kernel[1] > (1 << 16))
    lb_verify_error(v, op, "a %lldx%lld window is outside 1 to 65536 taps", (long long)wa.kernel[0],
                    (long long)wa.kernel[1]);
  else if (wa.dilations[0] != 1 || wa.dilations[1] != 1)
    lb_verify_error(v, op, "dilations are not supported");
}

static lb_status_t lower_qavg_pool(lb_lower_t *lw, MlirOperation op) {
  lb_pool2d_params_t p;
  LB_RETURN_IF_ERROR(pool_params(op, &p));
  lb_qpool2d_params_t q = {
      .N = p.N, .C = p.C, .H = p.H, .W = p.W, .OH = p.OH, .OW = p.OW, .KH = p.KH, .KW = p.KW,
      .stride_h = p.stride_h, .stride_w = p.stride_w, .pad_t = p.pad_t, .pad_l = p.pad_l, .pad_b = p.pad_b,
      .pad_r = p.pad_r, .dil_h = p.dil_h, .dil_w = p.dil_w, .count_include_pad = p.count_include_pad,
      .x_zero_point = (int32_t)lb_op_get_int(op, LB_ATTR_X_ZP, 0),
      .y_zero_point = (int32_t)lb_op_get_int(op, LB_ATTR_Y_ZP, 0),
      .x_scale = (float)lb_op_get_float(op, LB_ATTR_X_SCALE, 1), .y_scale = (float)lb_op_get_float(op, LB_ATTR_Y_SCALE, 1),
  };
  const char *k = lb_value_dtype(lb_op_result(op)) == LB_DT_I8 ? "qavgpool_i8" : "qavgpool_u8";
  return lb_lower_step_operands(lw, op, k, &q, &lb_qpool2d_params_desc);
}

lb_status_t lb_build_qavg_pool(lb_builder_t *b, MlirValue x, const lb_window_attrs_t *w, int64_t x_zp, float x_scale,
                               int64_t y_zp, float y_scale, MlirValue *out) {
  MlirNamedAttribute at[9] = {
      lb_named_attr(b->ctx, LB_ATTR_KERNEL, lb_i64s_attr(b->ctx, w->kernel, 2)),
      lb_named_attr(b->ctx, LB_ATTR_STRIDES, lb_i64s_attr(b->ctx, w->strides, 2)),
      lb_named_attr(b->ctx, LB_ATTR_PADS, lb_i64s_attr(b->ctx, w->pads, 4)),
      lb_named_attr(b->ctx, LB_ATTR_CEIL_MODE, lb_i64_attr(b->ctx, w->ceil_mode)),
      lb_named_attr(b->ctx, LB_ATTR_COUNT_INCLUDE_PAD, lb_i64_attr(b->ctx, w->count_include_pad)),
      lb_named_attr(b->ctx, LB_ATTR_X_ZP, lb_i64_attr(b->ctx, x_zp)),
      lb_named_attr(b->ctx, LB_ATTR_Y_ZP, lb_i64_attr(b->ctx, y_zp)),
      lb_named_attr(b->ctx, LB_ATTR_X_SCALE, lb_f32_attr(b->ctx, x_scale)),
      lb_named_attr(b->ctx, LB_ATTR_Y_SCALE, lb_f32_attr(b->ctx, y_scale)),
  };
  return lb_build_op(b, LB_OP_QAVG_POOL, &x, 1, at, 9, mlirShapedTypeGetElementType(mlirValueGetType(x)), out);
}

static lb_status_t lower_gap(lb_lower_t *lw, MlirOperation op) {
  lb_vshape_t x = lb_vshape(lb_op_operand(op, 0));
  lb_gap_params_t p = {.NC = x.d[0] * x.d[1], .HW = lb_prod(x.d, 2, x.rank)};
  return lb_lower_step_operands(lw, op, "gap_f32", &p, &lb_gap_params_desc);
}

static int64_t channel_axis_nchw(MlirOperation op) {
  (void)op;
  return 1;
}

lb_status_t lb_build_pool(lb_builder_t *b, lb_op_kind_t kind, MlirValue x, const lb_window_attrs_t *w,
                          MlirValue *out) {
  MlirNamedAttribute at[6];
  intptr_t n = 0;
  at[n++] = lb_named_attr(b->ctx, LB_ATTR_KERNEL, lb_i64s_attr(b->ctx, w->kernel, 2));
  at[n++] = lb_named_attr(b->ctx, LB_ATTR_STRIDES, lb_i64s_attr(b->ctx, w->strides, 2));
  at[n++] = lb_named_attr(b->ctx, LB_ATTR_PADS, lb_i64s_attr(b->ctx, w->pads, 4));
  at[n++] = lb_named_attr(b->ctx, LB_ATTR_CEIL_MODE, lb_i64_attr(b->ctx, w->ceil_mode));
  if (kind == LB_OP_MAX_POOL)
    at[n++] = lb_named_attr(b->ctx, LB_ATTR_DILATIONS, lb_i64s_attr(b->ctx, w->dilations, 2));
  else if (kind == LB_OP_AVG_POOL)
    at[n++] = lb_named_attr(b->ctx, LB_ATTR_COUNT_INCLUDE_PAD, lb_i64_attr(b->ctx, w->count_include_pad));
  else
    return LB_ERROR(LB_STATUS_INTERNAL, "lb_build_pool: %s is not a pooling op", lb_op_kind_name(kind));
  return lb_build_op(b, kind, &x, 1, at, n, mlirShapedTypeGetElementType(mlirValueGetType(x)), out);
}

const lb_op_desc_t lb_op_desc_max_pool = {
    .summary = "2-D max pooling",
    .traits = LB_TRAIT_SELECTS | LB_TRAIT_CHANNEL_SCALE_COMMUTES,
    .infer = infer_pool,
    .verify = verify_max_pool,
    .lower = lower_max_pool,
    .channel_axis = channel_axis_nchw,
};

const lb_op_desc_t lb_op_desc_avg_pool = {
    .summary = "2-D average pooling",
    .traits = LB_TRAIT_CHANNEL_SCALE_COMMUTES,
    .infer = infer_pool,
    .verify = verify_f32,
    .lower = lower_avg_pool,
    .channel_axis = channel_axis_nchw,
};

const lb_op_desc_t lb_op_desc_qavg_pool = {
    .summary = "2-D average pooling of 8-bit integers, requantized (QLinearAveragePool)",
    .traits = LB_TRAIT_INTEGER,
    .infer = infer_pool,
    .verify = verify_qavg_pool,
    .lower = lower_qavg_pool,
    .channel_axis = channel_axis_nchw,
};

const lb_op_desc_t lb_op_desc_global_avg_pool = {
    .summary = "mean over all spatial dims",
    .traits = LB_TRAIT_CHANNEL_SCALE_COMMUTES,
    .infer = infer_gap,
    .verify = verify_f32,
    .lower = lower_gap,
    .channel_axis = channel_axis_nchw,
};
