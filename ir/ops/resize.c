/* Resize: lb.resize_nearest (f32, i8, ui8) and lb.resize_linear (f32) of
 * the spatial dims of NCHW (ONNX Resize, Upsample). */
#include <math.h>
#include <string.h>

#include "ir/ops/op_util.h"
#include "support/checked.h"
#include "runtime/kernels/resize.h"

#define LB_ATTR_SCALE_H "scale_h"
#define LB_ATTR_SCALE_W "scale_w"
#define LB_ATTR_OUT_H "out_h" /* optional: the output size when the model gave sizes, not scales */
#define LB_ATTR_OUT_W "out_w"
#define LB_ATTR_COORD "coordinate_mode"
#define LB_ATTR_NEAREST "nearest_mode"

static const char *const lb_coord_names[] = {"half_pixel", "asymmetric", "align_corners", "pytorch_half_pixel",
                                             "tf_half_pixel_for_nn", NULL};
static const char *const lb_nearest_names[] = {"round_prefer_floor", "round_prefer_ceil", "floor", "ceil", NULL};

static int lb_name_index(const char *const *names, const char *s) {
  for (int i = 0; names[i]; ++i)
    if (!strcmp(names[i], s)) return i;
  return -1;
}

int lb_resize_coord_code(const char *s) { return lb_name_index(lb_coord_names, s); }
int lb_resize_nearest_code(const char *s) { return lb_name_index(lb_nearest_names, s); }

/* floor(n * s) in float32, as the size ONNX gives a scaled dim */
static int64_t lb_scaled_dim(int64_t n, double s) {
  if (n == LB_DYN) return LB_DYN;
  return (int64_t)floorf((float)n * (float)s);
}

static lb_status_t infer_resize(MlirOperation op, lb_shape_t *out) {
  LB_RETURN_IF_ERROR(lb_operand_shape(op, 0, out));
  if (out->rank != 4) return LB_FAIL("input must have rank 4 (NCHW), got %d", out->rank);
  double sh = lb_op_get_float(op, LB_ATTR_SCALE_H, 0), sw = lb_op_get_float(op, LB_ATTR_SCALE_W, 0);
  if (!(sh > 0) || !(sw > 0) || !isfinite(sh) || !isfinite(sw)) return LB_FAIL("scales must be positive and finite");
  int64_t oh = lb_op_get_int(op, LB_ATTR_OUT_H, -1), ow = lb_op_get_int(op, LB_ATTR_OUT_W, -1);
  out->d[2] = oh > 0 ? oh : lb_scaled_dim(out->d[2], sh);
  out->d[3] = ow > 0 ? ow : lb_scaled_dim(out->d[3], sw);
  if ((out->d[2] != LB_DYN && out->d[2] < 1) || (out->d[3] != LB_DYN && out->d[3] < 1))
    return LB_FAIL("the output would be empty (scale too small)");
  if ((out->d[2] != LB_DYN && out->d[2] > ((int64_t)1 << 31)) || (out->d[3] != LB_DYN && out->d[3] > ((int64_t)1 << 31)))
    return LB_FAIL("the output is too large");
  int64_t total = 1; /* of the static dims */
  for (int32_t i = 0; i < out->rank; ++i)
    if (out->d[i] != LB_DYN && (!lb_mul_i64(total, out->d[i], &total) || total > ((int64_t)1 << 32)))
      return LB_FAIL("the output is too large (over 2^32 elements)");
  return LB_OK;
}

static void verify_modes(lb_verifier_t *v, MlirOperation op, bool nearest) {
  char buf[32];
  const char *c = lb_op_get_str(op, LB_ATTR_COORD, buf, sizeof buf, "half_pixel");
  if (lb_resize_coord_code(c) < 0)
    lb_verify_error(v, op, "coordinate_mode must be half_pixel, asymmetric, align_corners, pytorch_half_pixel or "
                           "tf_half_pixel_for_nn, got '%s'", c);
  if (nearest) {
    const char *m = lb_op_get_str(op, LB_ATTR_NEAREST, buf, sizeof buf, "round_prefer_floor");
    if (lb_resize_nearest_code(m) < 0)
      lb_verify_error(v, op, "nearest_mode must be round_prefer_floor, round_prefer_ceil, floor or ceil, got '%s'", m);
  }
}

static void verify_nearest(lb_verifier_t *v, MlirOperation op) {
  static const lb_dtype_t ok[] = {LB_DT_F32, LB_DT_I8, LB_DT_U8, LB_DT_INVALID};
  if (lb_verify_dtype_in(v, op, 0, ok, "f32, i8 or ui8") && lb_verify_same_elem(v, op)) verify_modes(v, op, true);
}

static void verify_linear(lb_verifier_t *v, MlirOperation op) {
  if (lb_verify_all_f32(v, op)) verify_modes(v, op, false);
}

static void resize_params(MlirOperation op, lb_resize_params_t *p) {
  lb_vshape_t x = lb_vshape(lb_op_operand(op, 0)), y = lb_vshape(lb_op_result(op));
  char buf[32];
  int c = lb_resize_coord_code(lb_op_get_str(op, LB_ATTR_COORD, buf, sizeof buf, "half_pixel"));
  int m = lb_resize_nearest_code(lb_op_get_str(op, LB_ATTR_NEAREST, buf, sizeof buf, "round_prefer_floor"));
  *p = (lb_resize_params_t){.NC = x.d[0] * x.d[1], .H = x.d[2], .W = x.d[3], .OH = y.d[2], .OW = y.d[3],
                            .scale_h = (float)lb_op_get_float(op, LB_ATTR_SCALE_H, 1),
                            .scale_w = (float)lb_op_get_float(op, LB_ATTR_SCALE_W, 1),
                            .coord = c < 0 ? 0 : c, .nearest = m < 0 ? 0 : m};
}

static lb_status_t lower_resize_nearest(lb_lower_t *lw, MlirOperation op) {
  lb_resize_params_t p;
  resize_params(op, &p);
  const char *k = lb_value_dtype(lb_op_result(op)) == LB_DT_F32 ? "resize_nearest_f32" : "resize_nearest_x8";
  return lb_lower_step_operands(lw, op, k, &p, &lb_resize_params_desc);
}

static lb_status_t lower_resize_linear(lb_lower_t *lw, MlirOperation op) {
  lb_resize_params_t p;
  resize_params(op, &p);
  return lb_lower_step_operands(lw, op, "resize_linear_f32", &p, &lb_resize_params_desc);
}

lb_status_t lb_build_resize(lb_builder_t *b, bool linear, MlirValue x, float scale_h, float scale_w, int64_t out_h,
                            int64_t out_w, const char *coord, const char *nearest, MlirValue *out) {
  MlirNamedAttribute at[6];
  intptr_t n = 0;
  at[n++] = lb_named_attr(b->ctx, LB_ATTR_SCALE_H, lb_f32_attr(b->ctx, scale_h));
  at[n++] = lb_named_attr(b->ctx, LB_ATTR_SCALE_W, lb_f32_attr(b->ctx, scale_w));
  if (out_h > 0) at[n++] = lb_named_attr(b->ctx, LB_ATTR_OUT_H, lb_i64_attr(b->ctx, out_h));
  if (out_w > 0) at[n++] = lb_named_attr(b->ctx, LB_ATTR_OUT_W, lb_i64_attr(b->ctx, out_w));
  at[n++] = lb_named_attr(b->ctx, LB_ATTR_COORD, mlirStringAttrGet(b->ctx, mlirStringRefCreateFromCString(coord)));
  if (!linear)
    at[n++] = lb_named_attr(b->ctx, LB_ATTR_NEAREST, mlirStringAttrGet(b->ctx, mlirStringRefCreateFromCString(nearest)));
  return lb_build_op(b, linear ? LB_OP_RESIZE_LINEAR : LB_OP_RESIZE_NEAREST, &x, 1, at, n,
                     mlirShapedTypeGetElementType(mlirValueGetType(x)), out);
}

const lb_op_desc_t lb_op_desc_resize_nearest = {
    .summary = "nearest-neighbour resize of the spatial dims of NCHW",
    .traits = LB_TRAIT_SELECTS | LB_TRAIT_CHANNEL_SCALE_COMMUTES,
    .infer = infer_resize,
    .verify = verify_nearest,
    .lower = lower_resize_nearest,
};

const lb_op_desc_t lb_op_desc_resize_linear = {
    .summary = "bilinear resize of the spatial dims of NCHW",
    .infer = infer_resize,
    .verify = verify_linear,
    .lower = lower_resize_linear,
};
