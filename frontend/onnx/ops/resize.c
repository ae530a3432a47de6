/* Resize (opsets 10-21) and Upsample (7-9): nearest and linear over the
 * spatial dims of a rank-4 NCHW tensor, scales or sizes constant. */
#include <math.h>
#include <string.h>

#include "frontend/onnx/import.h"
#include "ir/lb_build.h"

/* Scales of the four dims from a constant float tensor (input i), or sizes
 * from a constant int64 tensor; dims 0 and 1 must keep their size. */
static lb_status_t resize_build(lb_onnx_node_t *n, MlirValue x, bool linear, const float *sc, const int64_t *sz,
                                const char *coord, const char *nearest) {
  int32_t rank;
  int64_t d[LB_MAX_RANK];
  if (!lb_type_get_shape(mlirValueGetType(x), &rank, d) || rank != 4)
    return lb_onnx_fail(n, LB_STATUS_UNIMPLEMENTED, "only rank-4 (NCHW) inputs are supported");
  float sh, sw;
  int64_t oh = -1, ow = -1;
  if (sz) {
    if (sz[0] != d[0] || sz[1] != d[1] || d[2] == LB_DYN || d[3] == LB_DYN)
      return lb_onnx_fail(n, LB_STATUS_UNIMPLEMENTED,
                          "sizes must keep N and C and need static H and W (resize only the spatial dims)");
    if (sz[2] < 1 || sz[3] < 1 || sz[2] > ((int64_t)1 << 31) || sz[3] > ((int64_t)1 << 31))
      return lb_onnx_fail(n, LB_STATUS_INVALID_ARGUMENT, "sizes must be positive");
    oh = sz[2], ow = sz[3];
    sh = (float)oh / (float)d[2];
    sw = (float)ow / (float)d[3];
  } else {
    if (sc[0] != 1.0f || sc[1] != 1.0f)
      return lb_onnx_fail(n, LB_STATUS_UNIMPLEMENTED, "scales of N and C must be 1 (resize only the spatial dims)");
    if (!(sc[2] > 0) || !(sc[3] > 0) || !isfinite(sc[2]) || !isfinite(sc[3]))
      return lb_onnx_fail(n, LB_STATUS_INVALID_ARGUMENT, "scales must be positive and finite");
    sh = sc[2], sw = sc[3];
  }
  MlirValue y;
  LB_RETURN_IF_ERROR(lb_onnx_build(n, lb_build_resize(lb_onnx_builder(n), linear, x, sh, sw, oh, ow, coord, nearest, &y)));
  return lb_onnx_define(n, 0, y);
}

static lb_status_t read_scales(lb_onnx_node_t *n, size_t i, float sc[4], bool *present) {
  *present = false;
  if (!lb_onnx_has_input(n, i)) return LB_OK;
  const lb_tensor_t *t;
  LB_RETURN_IF_ERROR(lb_onnx_const_input(n, i, &t));
  if (lb_tensor_count(t) == 0) return LB_OK;
  if (t->dtype != LB_DT_F32 || lb_tensor_count(t) != 4)
    return lb_onnx_fail(n, LB_STATUS_UNIMPLEMENTED, "scales must be 4 float32 values (NCHW)");
  memcpy(sc, t->data, 4 * sizeof(float));
  *present = true;
  return LB_OK;
}

static lb_status_t mode_of(lb_onnx_node_t *n, bool *linear) {
  char buf[16];
  const char *m = lb_onnx_attr_str(n, "mode", buf, sizeof buf, "nearest");
  if (!strcmp(m, "linear")) *linear = true;
  else if (!strcmp(m, "nearest")) *linear = false;
  else return lb_onnx_fail(n, LB_STATUS_UNIMPLEMENTED, "mode '%s' is not supported (nearest, linear)", m);
  return LB_OK;
}

/* Resize-11+: X, roi, scales, sizes; Resize-10: X, scales (asymmetric
 * coordinates, as Upsample). */
static lb_status_t import_resize(lb_onnx_node_t *n) {
  static const char *const known[] = {"mode", "coordinate_transformation_mode", "nearest_mode", "cubic_coeff_a",
                                      "exclude_outside", "extrapolation_value", "antialias", "keep_aspect_ratio_policy",
                                      NULL};
  LB_RETURN_IF_ERROR(lb_onnx_check_attrs(n, known));
  LB_RETURN_IF_ERROR(lb_onnx_outputs(n, 1));
  MlirValue x;
  LB_RETURN_IF_ERROR(lb_onnx_input(n, 0, &x));
  bool linear;
  LB_RETURN_IF_ERROR(mode_of(n, &linear));
  if (lb_onnx_attr_int(n, "antialias", 0) != 0)
    return lb_onnx_fail(n, LB_STATUS_UNIMPLEMENTED, "antialias is not supported");
  char kb[24];
  if (strcmp(lb_onnx_attr_str(n, "keep_aspect_ratio_policy", kb, sizeof kb, "stretch"), "stretch"))
    return lb_onnx_fail(n, LB_STATUS_UNIMPLEMENTED, "keep_aspect_ratio_policy '%s' is not supported (stretch)", kb);
  float sc[4];
  bool have;
  if (lb_onnx_opset(n) < 11) {
    LB_RETURN_IF_ERROR(read_scales(n, 1, sc, &have));
    if (!have) return lb_onnx_fail(n, LB_STATUS_INVALID_ARGUMENT, "Resize-10 needs scales");
    /* Resize-10 nearest (as onnxruntime): the source coordinate rounds up when downsampling, down otherwise */
    bool down_h = sc[2] < 1.0f, down_w = sc[3] < 1.0f;
    if (!linear && down_h != down_w)
      return lb_onnx_fail(n, LB_STATUS_UNIMPLEMENTED,
                          "Resize-10 nearest that downsamples one spatial dim and upsamples the other is not supported");
    return resize_build(n, x, linear, sc, NULL, "asymmetric", down_h ? "ceil" : "floor");
  }
  char cb[32], nb[32];
  const char *coord = lb_onnx_attr_str(n, "coordinate_transformation_mode", cb, sizeof cb, "half_pixel");
  const char *nearest = lb_onnx_attr_str(n, "nearest_mode", nb, sizeof nb, "round_prefer_floor");
  if (lb_resize_coord_code(coord) < 0)
    return lb_onnx_fail(n, LB_STATUS_UNIMPLEMENTED, "coordinate_transformation_mode '%s' is not supported", coord);
  if (!linear && lb_resize_nearest_code(nearest) < 0)
    return lb_onnx_fail(n, LB_STATUS_UNIMPLEMENTED, "nearest_mode '%s' is not supported", nearest);
  LB_RETURN_IF_ERROR(read_scales(n, 2, sc, &have));
  if (have && lb_onnx_has_input(n, 3))
    return lb_onnx_fail(n, LB_STATUS_INVALID_ARGUMENT, "give scales or sizes, not both");
  if (have) return resize_build(n, x, linear, sc, NULL, coord, nearest);
  if (!lb_onnx_has_input(n, 3)) return lb_onnx_fail(n, LB_STATUS_INVALID_ARGUMENT, "Resize needs scales or sizes");
  const lb_tensor_t *t;
  LB_RETURN_IF_ERROR(lb_onnx_const_input(n, 3, &t));
  if (t->dtype != LB_DT_I64 || lb_tensor_count(t) != 4)
    return lb_onnx_fail(n, LB_STATUS_UNIMPLEMENTED, "sizes must be 4 int64 values (NCHW)");
  return resize_build(n, x, linear, NULL, (const int64_t *)t->data, coord, nearest);
}

/* Upsample-7 (scales attribute) and -9 (scales input): asymmetric
 * coordinates, nearest rounds down; only upsampling (scales >= 1). */
static lb_status_t import_upsample(lb_onnx_node_t *n) {
  static const char *const known[] = {"mode", "scales", NULL};
  LB_RETURN_IF_ERROR(lb_onnx_check_attrs(n, known));
  LB_RETURN_IF_ERROR(lb_onnx_outputs(n, 1));
  MlirValue x;
  LB_RETURN_IF_ERROR(lb_onnx_input(n, 0, &x));
  bool linear, have = false;
  LB_RETURN_IF_ERROR(mode_of(n, &linear));
  float sc[4];
  if (lb_onnx_opset(n) >= 9) {
    LB_RETURN_IF_ERROR(read_scales(n, 1, sc, &have));
  } else {
    const Onnx__AttributeProto *a = lb_onnx_attr(n, "scales");
    if (a && a->n_floats == 4) {
      for (int i = 0; i < 4; ++i) sc[i] = a->floats[i];
      have = true;
    }
  }
  if (!have) return lb_onnx_fail(n, LB_STATUS_INVALID_ARGUMENT, "Upsample needs 4 scales (NCHW)");
  if (sc[2] < 1.0f || sc[3] < 1.0f)
    return lb_onnx_fail(n, LB_STATUS_UNIMPLEMENTED, "Upsample with scales below 1 is not supported (use Resize)");
  return resize_build(n, x, linear, sc, NULL, "asymmetric", "floor");
}

static const lb_onnx_importer_t importers[] = {
    {"", "Resize", 10, LB_ONNX_MAX_OPSET, import_resize},
    {"", "Upsample", 7, 9, import_upsample},
};
LB_ONNX_REGISTER(resize, importers)
