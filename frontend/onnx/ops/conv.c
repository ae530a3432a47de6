/* Conv (2-D). */
#include <string.h>

#include "frontend/onnx/import.h"

static lb_status_t import_conv(lb_onnx_node_t *n) {
  static const char *const known[] = {"auto_pad", "dilations", "group", "kernel_shape", "pads", "strides", NULL};
  MlirValue x, w, b, y;
  LB_RETURN_IF_ERROR(lb_onnx_outputs(n, 1));
  LB_RETURN_IF_ERROR(lb_onnx_check_attrs(n, known));
  LB_RETURN_IF_ERROR(lb_onnx_input(n, 0, &x));
  LB_RETURN_IF_ERROR(lb_onnx_input(n, 1, &w));
  LB_RETURN_IF_ERROR(lb_onnx_optional_input(n, 2, &b));
  int32_t r;
  int64_t wd[LB_MAX_RANK];
  if (!lb_type_get_shape(mlirValueGetType(w), &r, wd) || r != 4)
    return lb_onnx_fail(n, LB_STATUS_UNIMPLEMENTED, "only 2-D convolution (4-D weight) is supported");
  int64_t k[2] = {wd[2], wd[3]}, ks[8];
  int nk = lb_onnx_attr_ints(n, "kernel_shape", ks, 8);
  if (nk >= 0 && (nk != 2 || ks[0] != k[0] || ks[1] != k[1]))
    return lb_onnx_fail(n, LB_STATUS_INVALID_ARGUMENT,
                        "kernel_shape does not match the weight's spatial dims [%lld, %lld]", (long long)k[0],
                        (long long)k[1]);
  lb_window_attrs_t wa;
  LB_RETURN_IF_ERROR(lb_onnx_window(n, x, k, &wa));
  wa.group = lb_onnx_attr_int(n, "group", 1);
  LB_RETURN_IF_ERROR(lb_onnx_build(n, lb_build_conv2d(lb_onnx_builder(n), x, w, b, &wa, &y)));
  return lb_onnx_define(n, 0, y);
}

/* ConvTranspose (1-21), 2-D: explicit pads, or output_shape / auto_pad
 * SAME_UPPER|SAME_LOWER with the pads derived as the ONNX spec gives them:
 * total = stride (in - 1) + output_padding + (k - 1) dil + 1 - out, the
 * begin getting total / 2 for SAME_UPPER and total - total / 2 otherwise. */
static lb_status_t import_conv_transpose(lb_onnx_node_t *n) {
  static const char *const known[] = {"auto_pad", "dilations", "group", "kernel_shape", "output_padding",
                                      "output_shape", "pads", "strides", NULL};
  MlirValue x, w, b, y;
  LB_RETURN_IF_ERROR(lb_onnx_outputs(n, 1));
  LB_RETURN_IF_ERROR(lb_onnx_check_attrs(n, known));
  LB_RETURN_IF_ERROR(lb_onnx_input(n, 0, &x));
  LB_RETURN_IF_ERROR(lb_onnx_input(n, 1, &w));
  LB_RETURN_IF_ERROR(lb_onnx_optional_input(n, 2, &b));
  int32_t r, rx;
  int64_t wd[LB_MAX_RANK], xd[LB_MAX_RANK];
  if (!lb_type_get_shape(mlirValueGetType(w), &r, wd) || r != 4 || !lb_type_get_shape(mlirValueGetType(x), &rx, xd) ||
      rx != 4)
    return lb_onnx_fail(n, LB_STATUS_UNIMPLEMENTED, "only 2-D transposed convolution (4-D input and weight) is supported");
  int64_t ks[8];
  int nk = lb_onnx_attr_ints(n, "kernel_shape", ks, 8);
  if (nk >= 0 && (nk != 2 || ks[0] != wd[2] || ks[1] != wd[3]))
    return lb_onnx_fail(n, LB_STATUS_INVALID_ARGUMENT, "kernel_shape does not match the weight's spatial dims");
  lb_window_attrs_t wa;
  memset(&wa, 0, sizeof wa);
  wa.strides[0] = wa.strides[1] = wa.dilations[0] = wa.dilations[1] = 1;
  wa.group = lb_onnx_attr_int(n, "group", 1);
  int64_t v[8], opad[2] = {0, 0}, oshape[8];
  if (lb_onnx_attr_ints(n, "strides", v, 8) == 2) wa.strides[0] = v[0], wa.strides[1] = v[1];
  if (lb_onnx_attr_ints(n, "dilations", v, 8) == 2) wa.dilations[0] = v[0], wa.dilations[1] = v[1];
  if (lb_onnx_attr_ints(n, "output_padding", v, 8) == 2) opad[0] = v[0], opad[1] = v[1];
  int np = lb_onnx_attr_ints(n, "pads", v, 8);
  if (np == 4) memcpy(wa.pads, v, sizeof wa.pads);
  else if (np >= 0) return lb_onnx_fail(n, LB_STATUS_INVALID_ARGUMENT, "pads must have 4 values");
  char ab[16];
  const char *ap = lb_onnx_attr_str(n, "auto_pad", ab, sizeof ab, "NOTSET");
  int no = lb_onnx_attr_ints(n, "output_shape", oshape, 8);
  bool same = !strcmp(ap, "SAME_UPPER") || !strcmp(ap, "SAME_LOWER");
  if (strcmp(ap, "NOTSET") && !same && strcmp(ap, "VALID"))
    return lb_onnx_fail(n, LB_STATUS_INVALID_ARGUMENT, "auto_pad '%s' is not a valid value", ap);
  if (!strcmp(ap, "VALID")) memset(wa.pads, 0, sizeof wa.pads);
  if (no >= 0 || same) {
    for (int i = 0; i < 2; ++i) {
      if (xd[2 + i] == LB_DYN) return lb_onnx_fail(n, LB_STATUS_UNIMPLEMENTED, "output_shape and auto_pad need static H and W");
      int64_t out = no >= 2 ? oshape[no - 2 + i] : xd[2 + i] * wa.strides[i];
      int64_t total = wa.strides[i] * (xd[2 + i] - 1) + opad[i] + (wd[2 + i] - 1) * wa.dilations[i] + 1 - out;
      if (total < 0) { /* a larger output than the kernel covers: the extra goes to output_padding */
        opad[i] -= total;
        total = 0;
      }
      int64_t begin = !strcmp(ap, "SAME_UPPER") ? total / 2 : total - total / 2;
      wa.pads[i] = begin;
      wa.pads[i + 2] = total - begin;
    }
  }
  LB_RETURN_IF_ERROR(lb_onnx_build(n, lb_build_conv_transpose(lb_onnx_builder(n), x, w, b, &wa, opad, &y)));
  return lb_onnx_define(n, 0, y);
}

static const lb_onnx_importer_t importers[] = {
    {"", "Conv", 1, LB_ONNX_MAX_OPSET, import_conv},
    {"", "ConvTranspose", 1, LB_ONNX_MAX_OPSET, import_conv_transpose},
};
LB_ONNX_REGISTER(conv, importers)
