/* QOperator: MatMulInteger, ConvInteger, QLinearMatMul, QLinearConv.
 *
 * Integer products become lb.qmatmul / lb.qconv2d (int64 accumulation when
 * the int32 bound cannot be proven from the constants); QLinear* then
 * requantize in lb.requantize's float mode with the scale product
 * a_scale * b_scale / y_scale computed in float32, which is exactly the
 * ONNX reference: rne((double)acc * scale) + y_zero_point, saturated. */
#include <math.h>

#include "frontend/onnx/import.h"

/* Input i as an 8-bit integer operand (i8 or u8). */
static lb_status_t int8_input(lb_onnx_node_t *n, size_t i, const char *what, MlirValue *out) {
  LB_RETURN_IF_ERROR(lb_onnx_input(n, i, out));
  lb_dtype_t dt = lb_value_dtype(*out);
  if (dt != LB_DT_I8 && dt != LB_DT_U8)
    return lb_onnx_fail(n, LB_STATUS_UNIMPLEMENTED, "%s must be int8 or uint8, got %s", what, lb_dtype_name(dt));
  return LB_OK;
}

/* Zero point input i of operand `of` (its element type): a single element,
 * or, when per_channel > 0, also a 1-D tensor of per_channel elements (one
 * per output channel, or with `per_row`, one per row of A). Absent: a
 * constant 0. */
static lb_status_t zero_point_of(lb_onnx_node_t *n, size_t i, MlirValue of, int64_t per_channel, bool per_row,
                                 const char *what, MlirValue *out) {
  lb_dtype_t dt = lb_value_dtype(of);
  if (!lb_onnx_has_input(n, i)) {
    lb_tensor_t t;
    int64_t one = 1;
    if (lb_tensor_alloc(&t, dt, 1, &one)) return lb_onnx_fail(n, LB_STATUS_RESOURCE_EXHAUSTED, "out of memory");
    lb_status_t st = lb_onnx_build(n, lb_build_constant_tensor(lb_onnx_builder(n), &t, out));
    lb_tensor_free(&t);
    return st;
  }
  LB_RETURN_IF_ERROR(lb_onnx_input(n, i, out));
  if (lb_value_dtype(*out) != dt)
    return lb_onnx_fail(n, LB_STATUS_INVALID_ARGUMENT, "%s has type %s, not its operand's %s", what,
                        lb_dtype_name(lb_value_dtype(*out)), lb_dtype_name(dt));
  int32_t r;
  int64_t d[LB_MAX_RANK];
  lb_type_get_shape(mlirValueGetType(*out), &r, d);
  int64_t c = lb_value_count(*out);
  if (c == 1 && r <= 1) return LB_OK;
  if (per_channel > 0 && r == 1 && c == per_channel) return LB_OK;
  return lb_onnx_fail(n, LB_STATUS_UNIMPLEMENTED, "%s must be a scalar%s", what,
                      per_channel > 0 ? (per_row ? " or one per row of A" : " or one per output channel")
                                      : " (per-row zero points are not supported here)");
}

static lb_status_t zero_point(lb_onnx_node_t *n, size_t i, MlirValue of, int64_t per_channel, const char *what,
                              MlirValue *out) {
  return zero_point_of(n, i, of, per_channel, false, what, out);
}

/* A float32 scale input: a single element, or (per_channel > 0) 1-D with
 * per_channel elements; constant scales must be positive and finite. */
static lb_status_t scale_input(lb_onnx_node_t *n, size_t i, int64_t per_channel, const char *what, MlirValue *out) {
  LB_RETURN_IF_ERROR(lb_onnx_input(n, i, out));
  if (lb_value_dtype(*out) != LB_DT_F32) return lb_onnx_fail(n, LB_STATUS_UNIMPLEMENTED, "%s must be float32", what);
  int32_t r;
  int64_t d[LB_MAX_RANK];
  lb_type_get_shape(mlirValueGetType(*out), &r, d);
  int64_t c = lb_value_count(*out);
  if (!((c == 1 && r <= 1) || (per_channel > 0 && r == 1 && c == per_channel)))
    return lb_onnx_fail(n, LB_STATUS_UNIMPLEMENTED, "%s must be a scalar%s", what,
                        per_channel > 0 ? " or one per output channel" : "");
  const lb_tensor_t *t;
  lb_status_t st = lb_onnx_const_input(n, i, &t);
  if (st) {
    lb_status_free(st);
    return LB_OK;
  }
  for (int64_t k = 0; k < lb_tensor_count(t); ++k) {
    float s = ((const float *)t->data)[k];
    if (!(s > 0.0f) || isinf(s))
      return lb_onnx_fail(n, LB_STATUS_INVALID_ARGUMENT, "%s must be positive and finite, got %g at index %lld", what,
                          (double)s, (long long)k);
  }
  return LB_OK;
}

/* a_scale * b_scale / y_scale in float32: folded when all three are
 * constants, else built as lb.mul / lb.div. */
static lb_status_t scale_product(lb_onnx_node_t *n, size_t ia, size_t ib, size_t iy, MlirValue sa, MlirValue sb,
                                 MlirValue sy, MlirValue *out) {
  lb_builder_t *b = lb_onnx_builder(n);
  const lb_tensor_t *ta, *tb, *ty;
  lb_status_t e1 = lb_onnx_const_input(n, ia, &ta), e2 = e1 ? LB_OK : lb_onnx_const_input(n, ib, &tb),
              e3 = (e1 || e2) ? LB_OK : lb_onnx_const_input(n, iy, &ty);
  if (!e1 && !e2 && !e3) {
    int64_t c = lb_tensor_count(tb);
    lb_tensor_t m;
    if (lb_tensor_alloc(&m, LB_DT_F32, 1, &c)) return lb_onnx_fail(n, LB_STATUS_RESOURCE_EXHAUSTED, "out of memory");
    float a = *(const float *)ta->data, y = *(const float *)ty->data;
    for (int64_t k = 0; k < c; ++k) {
      volatile float p = a * ((const float *)tb->data)[k]; /* rounded to binary32 before the division */
      ((float *)m.data)[k] = p / y;
    }
    lb_status_t st = lb_onnx_build(n, lb_build_constant_tensor(b, &m, out));
    lb_tensor_free(&m);
    return st;
  }
  lb_status_free(e1);
  lb_status_free(e2);
  lb_status_free(e3);
  MlirValue p;
  LB_RETURN_IF_ERROR(lb_onnx_build(n, lb_build_binary(b, LB_OP_MUL, sa, sb, &p)));
  return lb_onnx_build(n, lb_build_binary(b, LB_OP_DIV, p, sy, out));
}

static int64_t last_dim(MlirValue v) {
  int32_t r;
  int64_t d[LB_MAX_RANK];
  lb_type_get_shape(mlirValueGetType(v), &r, d);
  return r > 0 ? d[r - 1] : 1;
}

static int64_t first_dim(MlirValue v) {
  int32_t r;
  int64_t d[LB_MAX_RANK];
  lb_type_get_shape(mlirValueGetType(v), &r, d);
  return r > 0 ? d[0] : 1;
}

/* The accumulator of an integer product as int32 (ONNX *Integer outputs):
 * an int64 accumulation wraps to 32 bits, as int32 arithmetic would. */
static lb_status_t as_int32(lb_onnx_node_t *n, MlirValue acc, MlirValue *out) {
  bool wide;
  LB_RETURN_IF_ERROR(lb_onnx_build(n, lb_acc_widen_if_needed(acc, &wide)));
  if (!wide) {
    *out = acc;
    return LB_OK;
  }
  return lb_onnx_build(n, lb_build_cast(lb_onnx_builder(n), acc, LB_DT_I32, out));
}

/* ---- MatMul ---- */

/* per_row: a_zero_point may have one element per row of A (MatMulInteger;
 * QLinearMatMul's per-row form also scales per row, which lowbit does not
 * take). */
static lb_status_t matmul_integer(lb_onnx_node_t *n, size_t ia, size_t iaz, size_t ib, size_t ibz, bool per_row,
                                  MlirValue *acc) {
  MlirValue a, bm, az, bz;
  LB_RETURN_IF_ERROR(int8_input(n, ia, "A", &a));
  LB_RETURN_IF_ERROR(int8_input(n, ib, "B", &bm));
  int32_t ar;
  int64_t ad[LB_MAX_RANK];
  lb_type_get_shape(mlirValueGetType(a), &ar, ad);
  int64_t rows = per_row && ar >= 2 && ad[ar - 2] != LB_DYN ? ad[ar - 2] : 0;
  LB_RETURN_IF_ERROR(zero_point_of(n, iaz, a, rows, true, "a_zero_point", &az));
  LB_RETURN_IF_ERROR(zero_point(n, ibz, bm, last_dim(bm), "b_zero_point", &bz));
  MlirValue none = {NULL};
  return lb_onnx_build(n, lb_build_qmatmul(lb_onnx_builder(n), a, bm, az, bz, none, acc));
}

static lb_status_t import_matmul_integer(lb_onnx_node_t *n) {
  MlirValue acc, y;
  LB_RETURN_IF_ERROR(lb_onnx_outputs(n, 1));
  LB_RETURN_IF_ERROR(matmul_integer(n, 0, 2, 1, 3, true, &acc));
  LB_RETURN_IF_ERROR(as_int32(n, acc, &y));
  return lb_onnx_define(n, 0, y);
}

/* Inputs: a, a_scale, a_zp, b, b_scale, b_zp, y_scale, y_zp. */
static lb_status_t import_qlinear_matmul(lb_onnx_node_t *n) {
  MlirValue acc, sa, sb, sy, yz, m, y;
  LB_RETURN_IF_ERROR(lb_onnx_outputs(n, 1));
  LB_RETURN_IF_ERROR(matmul_integer(n, 0, 2, 3, 5, false, &acc));
  LB_RETURN_IF_ERROR(lb_onnx_build(n, lb_acc_widen_if_needed(acc, NULL)));
  int64_t N = last_dim(acc);
  LB_RETURN_IF_ERROR(scale_input(n, 1, 0, "a_scale", &sa));
  LB_RETURN_IF_ERROR(scale_input(n, 4, N, "b_scale", &sb));
  LB_RETURN_IF_ERROR(scale_input(n, 6, 0, "y_scale", &sy));
  if (!lb_onnx_has_input(n, 7)) return lb_onnx_fail(n, LB_STATUS_UNIMPLEMENTED, "y_zero_point is required");
  LB_RETURN_IF_ERROR(lb_onnx_input(n, 7, &yz));
  lb_dtype_t ydt = lb_value_dtype(yz);
  if ((ydt != LB_DT_I8 && ydt != LB_DT_U8) || lb_value_count(yz) != 1)
    return lb_onnx_fail(n, LB_STATUS_UNIMPLEMENTED, "y_zero_point must be an int8 or uint8 scalar");
  LB_RETURN_IF_ERROR(scale_product(n, 1, 4, 6, sa, sb, sy, &m));
  MlirValue none = {NULL};
  int32_t r;
  int64_t d[LB_MAX_RANK];
  lb_type_get_shape(mlirValueGetType(acc), &r, d);
  lb_builder_t *b = lb_onnx_builder(n);
  LB_RETURN_IF_ERROR(lb_onnx_build(
      n, lb_build_requantize_fp(b, acc, m, none, yz, lb_value_count(m) > 1 ? r - 1 : -1, lb_dtype_to_type(b->ctx, ydt), &y)));
  return lb_onnx_define(n, 0, y);
}

/* ---- Conv ---- */

static const char *const conv_attrs[] = {"auto_pad", "dilations", "group", "kernel_shape", "pads", "strides", NULL};

/* x, w, x_zp, w_zp at the given input indices; bias (int32) when ib >= 0. */
static lb_status_t conv_integer(lb_onnx_node_t *n, size_t ix, size_t ixz, size_t iw, size_t iwz, int ib,
                                MlirValue *acc) {
  MlirValue x, w, xz, wz, bias = {NULL};
  LB_RETURN_IF_ERROR(lb_onnx_check_attrs(n, conv_attrs));
  LB_RETURN_IF_ERROR(int8_input(n, ix, "x", &x));
  LB_RETURN_IF_ERROR(int8_input(n, iw, "w", &w));
  int32_t r;
  int64_t wd[LB_MAX_RANK];
  if (!lb_type_get_shape(mlirValueGetType(w), &r, wd) || r != 4)
    return lb_onnx_fail(n, LB_STATUS_UNIMPLEMENTED, "only 2-D convolution (4-D weight) is supported");
  LB_RETURN_IF_ERROR(zero_point(n, ixz, x, 0, "x_zero_point", &xz));
  LB_RETURN_IF_ERROR(zero_point(n, iwz, w, first_dim(w), "w_zero_point", &wz));
  if (ib >= 0 && lb_onnx_has_input(n, (size_t)ib)) {
    LB_RETURN_IF_ERROR(lb_onnx_input(n, (size_t)ib, &bias));
    if (lb_value_dtype(bias) != LB_DT_I32) return lb_onnx_fail(n, LB_STATUS_INVALID_ARGUMENT, "bias must be int32");
  }
  int64_t k[2] = {wd[2], wd[3]}, ks[8];
  int nk = lb_onnx_attr_ints(n, "kernel_shape", ks, 8);
  if (nk >= 0 && (nk != 2 || ks[0] != k[0] || ks[1] != k[1]))
    return lb_onnx_fail(n, LB_STATUS_INVALID_ARGUMENT, "kernel_shape does not match the weight's spatial dims");
  lb_window_attrs_t wa;
  LB_RETURN_IF_ERROR(lb_onnx_window(n, x, k, &wa));
  wa.group = lb_onnx_attr_int(n, "group", 1);
  return lb_onnx_build(n, lb_build_qconv2d(lb_onnx_builder(n), x, w, xz, wz, bias, &wa, acc));
}

static lb_status_t import_conv_integer(lb_onnx_node_t *n) {
  MlirValue acc, y;
  LB_RETURN_IF_ERROR(lb_onnx_outputs(n, 1));
  LB_RETURN_IF_ERROR(conv_integer(n, 0, 2, 1, 3, -1, &acc));
  LB_RETURN_IF_ERROR(as_int32(n, acc, &y));
  return lb_onnx_define(n, 0, y);
}

/* Inputs: x, x_scale, x_zp, w, w_scale, w_zp, y_scale, y_zp, B. */
static lb_status_t import_qlinear_conv(lb_onnx_node_t *n) {
  MlirValue acc, sx, sw, sy, yz, m, y;
  LB_RETURN_IF_ERROR(lb_onnx_outputs(n, 1));
  LB_RETURN_IF_ERROR(conv_integer(n, 0, 2, 3, 5, 8, &acc));
  LB_RETURN_IF_ERROR(lb_onnx_build(n, lb_acc_widen_if_needed(acc, NULL)));
  int32_t r;
  int64_t d[LB_MAX_RANK];
  lb_type_get_shape(mlirValueGetType(acc), &r, d);
  LB_RETURN_IF_ERROR(scale_input(n, 1, 0, "x_scale", &sx));
  LB_RETURN_IF_ERROR(scale_input(n, 4, d[1], "w_scale", &sw));
  LB_RETURN_IF_ERROR(scale_input(n, 6, 0, "y_scale", &sy));
  if (!lb_onnx_has_input(n, 7)) return lb_onnx_fail(n, LB_STATUS_UNIMPLEMENTED, "y_zero_point is required");
  LB_RETURN_IF_ERROR(lb_onnx_input(n, 7, &yz));
  lb_dtype_t ydt = lb_value_dtype(yz);
  if ((ydt != LB_DT_I8 && ydt != LB_DT_U8) || lb_value_count(yz) != 1)
    return lb_onnx_fail(n, LB_STATUS_UNIMPLEMENTED, "y_zero_point must be an int8 or uint8 scalar");
  LB_RETURN_IF_ERROR(scale_product(n, 1, 4, 6, sx, sw, sy, &m));
  MlirValue none = {NULL};
  lb_builder_t *b = lb_onnx_builder(n);
  LB_RETURN_IF_ERROR(lb_onnx_build(
      n, lb_build_requantize_fp(b, acc, m, none, yz, lb_value_count(m) > 1 ? 1 : -1, lb_dtype_to_type(b->ctx, ydt), &y)));
  return lb_onnx_define(n, 0, y);
}

static const lb_onnx_importer_t importers[] = {
    {"", "MatMulInteger", 10, LB_ONNX_MAX_OPSET, import_matmul_integer},
    {"", "QLinearMatMul", 10, LB_ONNX_MAX_OPSET, import_qlinear_matmul},
    {"", "ConvInteger", 10, LB_ONNX_MAX_OPSET, import_conv_integer},
    {"", "QLinearConv", 10, LB_ONNX_MAX_OPSET, import_qlinear_conv},
};
LB_ONNX_REGISTER(qlinear, importers)
