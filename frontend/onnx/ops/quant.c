/* QDQ: QuantizeLinear, DequantizeLinear (opsets 10-21) and
 * DynamicQuantizeLinear. Per-tensor,
 * per-axis and blocked parameters; 4-, 8- and 16-bit integers (and int32
 * for DequantizeLinear). Scales and zero points may be graph inputs. */
#include <math.h>

#include "frontend/onnx/import.h"
#include "frontend/onnx/onnx_load.h"

/* Checks a constant scale: positive and finite (division by it, or the
 * integer kernels' requantization, must mean something). */
static lb_status_t check_scale(lb_onnx_node_t *n, size_t i) {
  const lb_tensor_t *t;
  lb_status_t st = lb_onnx_const_input(n, i, &t);
  if (st) { /* a graph input: checked by nobody but the data */
    lb_status_free(st);
    return LB_OK;
  }
  if (t->dtype != LB_DT_F32) return lb_onnx_fail(n, LB_STATUS_UNIMPLEMENTED, "scale must be float32");
  for (int64_t k = 0; k < lb_tensor_count(t); ++k) {
    float s = ((const float *)t->data)[k];
    if (!(s > 0.0f) || isinf(s))
      return lb_onnx_fail(n, LB_STATUS_INVALID_ARGUMENT, "scale must be positive and finite, got %g at index %lld",
                          (double)s, (long long)k);
  }
  return LB_OK;
}

/* The lb axis and block size of a node's parameters: -1 / 0 for per-tensor. */
static lb_status_t param_layout(lb_onnx_node_t *n, MlirValue x, MlirValue scale, int64_t *axis, int64_t *block) {
  int32_t r, rs;
  int64_t d[LB_MAX_RANK], ds[LB_MAX_RANK];
  if (!lb_type_get_shape(mlirValueGetType(x), &r, d) || !lb_type_get_shape(mlirValueGetType(scale), &rs, ds))
    return lb_onnx_fail(n, LB_STATUS_INTERNAL, "unranked operand");
  *block = lb_onnx_attr_int(n, "block_size", 0);
  if (*block < 0) return lb_onnx_fail(n, LB_STATUS_INVALID_ARGUMENT, "block_size must be positive, got %lld",
                                      (long long)*block);
  int64_t a = lb_onnx_attr_int(n, "axis", 1);
  int64_t count = 1;
  for (int32_t i = 0; i < rs; ++i) count = ds[i] == LB_DYN ? -1 : count * ds[i];
  if (*block == 0 && (rs == 0 || count == 1)) {
    *axis = -1;
    return LB_OK;
  }
  if (lb_onnx_opset(n) < 13 && *block == 0)
    return lb_onnx_fail(n, LB_STATUS_INVALID_ARGUMENT, "opset %lld allows only a scalar scale",
                        (long long)lb_onnx_opset(n));
  if (a < -r || a >= r)
    return lb_onnx_fail(n, LB_STATUS_INVALID_ARGUMENT, "axis %lld out of range for rank %d", (long long)a, r);
  *axis = a < 0 ? a + r : a;
  if (*block == 0 && rs != 1)
    return lb_onnx_fail(n, LB_STATUS_INVALID_ARGUMENT, "per-axis scale must be 1-D, got rank %d", rs);
  return LB_OK;
}

/* A zero-valued zero point of dtype dt shaped like the scale. */
static lb_status_t zero_point_like(lb_onnx_node_t *n, MlirValue scale, lb_dtype_t dt, MlirValue *out) {
  int32_t r;
  int64_t d[LB_MAX_RANK];
  if (!lb_type_get_shape(mlirValueGetType(scale), &r, d)) return lb_onnx_fail(n, LB_STATUS_INTERNAL, "unranked scale");
  lb_tensor_t t;
  if (lb_tensor_alloc(&t, dt, r, d)) return lb_onnx_fail(n, LB_STATUS_UNIMPLEMENTED, "scale must have a static shape");
  lb_builder_t *b = lb_onnx_builder(n);
  lb_status_t st = lb_onnx_build(n, lb_build_constant_tensor(b, &t, out));
  lb_tensor_free(&t);
  return st;
}

static bool quant_result_ok(lb_dtype_t dt) { return lb_dtype_is_int(dt) && lb_dtype_bits(dt) <= 16; }

static lb_status_t import_quantize(lb_onnx_node_t *n) {
  static const char *const known[] = {"axis", "saturate", "block_size", "output_dtype", NULL};
  MlirValue x, scale, zp, y;
  LB_RETURN_IF_ERROR(lb_onnx_check_attrs(n, known));
  LB_RETURN_IF_ERROR(lb_onnx_outputs(n, 1));
  LB_RETURN_IF_ERROR(lb_onnx_input(n, 0, &x));
  LB_RETURN_IF_ERROR(lb_onnx_input(n, 1, &scale));
  LB_RETURN_IF_ERROR(lb_onnx_optional_input(n, 2, &zp));
  if (lb_value_dtype(x) != LB_DT_F32) return lb_onnx_fail(n, LB_STATUS_UNIMPLEMENTED, "input must be float32");
  if (lb_value_dtype(scale) != LB_DT_F32) return lb_onnx_fail(n, LB_STATUS_UNIMPLEMENTED, "scale must be float32");
  LB_RETURN_IF_ERROR(check_scale(n, 1));
  lb_dtype_t qdt = LB_DT_U8;
  int64_t odt = lb_onnx_attr_int(n, "output_dtype", 0);
  if (!mlirValueIsNull(zp)) qdt = lb_value_dtype(zp);
  else if (odt && (odt < INT32_MIN || odt > INT32_MAX || !lb_onnx_dtype((int32_t)odt, &qdt)))
    return lb_onnx_fail(n, LB_STATUS_UNIMPLEMENTED, "output_dtype %lld is not supported", (long long)odt);
  if (!quant_result_ok(qdt))
    return lb_onnx_fail(n, LB_STATUS_UNIMPLEMENTED, "quantizing to %s is not supported (integers of 4 to 16 bits)",
                        lb_dtype_name(qdt));
  int64_t axis, block;
  LB_RETURN_IF_ERROR(param_layout(n, x, scale, &axis, &block));
  if (mlirValueIsNull(zp)) LB_RETURN_IF_ERROR(zero_point_like(n, scale, qdt, &zp));
  lb_builder_t *b = lb_onnx_builder(n);
  LB_RETURN_IF_ERROR(
      lb_onnx_build(n, lb_build_quantize(b, x, scale, zp, axis, block, lb_dtype_to_type(b->ctx, qdt), &y)));
  return lb_onnx_define(n, 0, y);
}

static lb_status_t import_dequantize(lb_onnx_node_t *n) {
  static const char *const known[] = {"axis", "block_size", NULL};
  MlirValue x, scale, zp, y;
  LB_RETURN_IF_ERROR(lb_onnx_check_attrs(n, known));
  LB_RETURN_IF_ERROR(lb_onnx_outputs(n, 1));
  LB_RETURN_IF_ERROR(lb_onnx_input(n, 0, &x));
  LB_RETURN_IF_ERROR(lb_onnx_input(n, 1, &scale));
  LB_RETURN_IF_ERROR(lb_onnx_optional_input(n, 2, &zp));
  lb_dtype_t xdt = lb_value_dtype(x);
  if (!quant_result_ok(xdt) && xdt != LB_DT_I32)
    return lb_onnx_fail(n, LB_STATUS_UNIMPLEMENTED, "dequantizing %s is not supported (integers of 4 to 16 bits, int32)",
                        lb_dtype_name(xdt));
  if (lb_value_dtype(scale) != LB_DT_F32) return lb_onnx_fail(n, LB_STATUS_UNIMPLEMENTED, "scale must be float32");
  LB_RETURN_IF_ERROR(check_scale(n, 1));
  if (!mlirValueIsNull(zp) && lb_value_dtype(zp) != xdt)
    return lb_onnx_fail(n, LB_STATUS_INVALID_ARGUMENT, "zero point type %s differs from the input type %s",
                        lb_dtype_name(lb_value_dtype(zp)), lb_dtype_name(xdt));
  int64_t axis, block;
  LB_RETURN_IF_ERROR(param_layout(n, x, scale, &axis, &block));
  if (mlirValueIsNull(zp)) LB_RETURN_IF_ERROR(zero_point_like(n, scale, xdt, &zp));
  LB_RETURN_IF_ERROR(lb_onnx_build(n, lb_build_dequantize(lb_onnx_builder(n), x, scale, zp, axis, block, &y)));
  return lb_onnx_define(n, 0, y);
}

/* y, y_scale, y_zero_point: uint8 with the scale and zero point of x's
 * range (always containing 0), computed at run time. */
static lb_status_t import_dynamic_quantize(lb_onnx_node_t *n) {
  MlirValue x, s, z, y;
  LB_RETURN_IF_ERROR(lb_onnx_outputs(n, 3));
  LB_RETURN_IF_ERROR(lb_onnx_input(n, 0, &x));
  if (lb_value_dtype(x) != LB_DT_F32) return lb_onnx_fail(n, LB_STATUS_UNIMPLEMENTED, "input must be float32");
  lb_builder_t *b = lb_onnx_builder(n);
  LB_RETURN_IF_ERROR(lb_onnx_build(n, lb_build_op(b, LB_OP_DYNAMIC_SCALE, &x, 1, NULL, 0, mlirF32TypeGet(b->ctx), &s)));
  LB_RETURN_IF_ERROR(lb_onnx_build(
      n, lb_build_op(b, LB_OP_DYNAMIC_ZERO_POINT, &x, 1, NULL, 0, lb_dtype_to_type(b->ctx, LB_DT_U8), &z)));
  LB_RETURN_IF_ERROR(lb_onnx_build(n, lb_build_quantize(b, x, s, z, -1, 0, lb_dtype_to_type(b->ctx, LB_DT_U8), &y)));
  LB_RETURN_IF_ERROR(lb_onnx_define(n, 0, y));
  LB_RETURN_IF_ERROR(lb_onnx_define(n, 1, s));
  return lb_onnx_define(n, 2, z);
}

static const lb_onnx_importer_t importers[] = {
    {"", "QuantizeLinear", 10, LB_ONNX_MAX_OPSET, import_quantize},
    {"", "DequantizeLinear", 10, LB_ONNX_MAX_OPSET, import_dequantize},
    {"", "DynamicQuantizeLinear", 11, LB_ONNX_MAX_OPSET, import_dynamic_quantize},
};
LB_ONNX_REGISTER(quant, importers)
