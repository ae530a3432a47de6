/* Quantization and integer kernel IR: lb.quantize, lb.dequantize,
 * lb.requantize, lb.clamp, lb.lut. Integers of any width up to 8 bits run
 * through the 8-bit kernels with the dtype's own [qmin, qmax]. */
#include <math.h>

#include "ir/ops/op_util.h"
#include "runtime/kernels/quant.h"

/* ---- verification ---- */

/* The kernel code of a rounding attribute (lb__round_mode); -1 if unknown. */
static int lb_rounding_code(const char *r) {
  static const char *const names[] = {"half_even", "ceil", "floor", "down", "up", "half_up", "half_down"};
  for (int i = 0; i < 7; ++i)
    if (!strcmp(r, names[i])) return i;
  return -1;
}


/* Quantization parameter operands i0 and i1 (may be equal): the same shape;
 * per-tensor (1 element), per-axis (the size of dim `axis` of `data`), or,
 * with a block_size attribute, blocked: the data's shape with dim `axis`
 * divided into ceil(size / block_size) blocks. */
static void check_qparams(lb_verifier_t *v, MlirOperation op, MlirValue data, intptr_t i0, intptr_t i1,
                          const char *n0, const char *n1) {
  int32_t r, r0, r1;
  int64_t d[LB_MAX_RANK], d0[LB_MAX_RANK], d1[LB_MAX_RANK];
  if (!lb_type_get_shape(mlirValueGetType(data), &r, d) ||
      !lb_type_get_shape(mlirValueGetType(mlirOperationGetOperand(op, i0)), &r0, d0) ||
      !lb_type_get_shape(mlirValueGetType(mlirOperationGetOperand(op, i1)), &r1, d1))
    return;
  int64_t axis = lb_op_get_int(op, LB_ATTR_AXIS, -1), block = lb_op_get_int(op, LB_ATTR_BLOCK_SIZE, 0);
  int64_t c0 = lb_value_count(mlirOperationGetOperand(op, i0)), c1 = lb_value_count(mlirOperationGetOperand(op, i1));
  if (c0 != c1 || r0 != r1) {
    lb_verify_error(v, op, "%s and %s must have the same shape", n0, n1);
    return;
  }
  if (block < 0) {
    lb_verify_error(v, op, "block_size must be positive, got %lld", (long long)block);
    return;
  }
  if (block == 0 && c0 == 1) return;
  if (axis < 0 || axis >= r) {
    lb_verify_error(v, op, "per-axis parameters need an axis in [0, %d), got %lld", r, (long long)axis);
    return;
  }
  if (block > 0) {
    if (r0 != r) {
      lb_verify_error(v, op, "blocked %s must have the rank of the data (%d), got %d", n0, r, r0);
      return;
    }
    for (int32_t j = 0; j < r; ++j) {
      int64_t want = j == axis && d[j] != LB_DYN ? (d[j] + block - 1) / block : d[j];
      if (d0[j] != LB_DYN && want != LB_DYN && d0[j] != want) {
        lb_verify_error(v, op, "blocked %s has size %lld in dim %d, expected %lld (block_size %lld)", n0,
                        (long long)d0[j], j, (long long)want, (long long)block);
        return;
      }
    }
    return;
  }
  if (r0 != 1) {
    lb_verify_error(v, op, "per-axis %s must be 1-D, got rank %d", n0, r0);
    return;
  }
  if (d[axis] != LB_DYN && d[axis] != c0)
    lb_verify_error(v, op, "%s has %lld elements but axis %lld has size %lld", n0, (long long)c0, (long long)axis,
                    (long long)d[axis]);
}

static void check_positive_scale(lb_verifier_t *v, MlirOperation op, intptr_t idx) {
  lb_tensor_t t;
  lb_status_t st = lb_value_read_constant(mlirOperationGetOperand(op, idx), &t);
  if (st) { /* not a constant: checked when it becomes one */
    lb_status_free(st);
    return;
  }
  if (t.dtype == LB_DT_F32) {
    const float *s = t.data;
    for (int64_t i = 0; i < lb_tensor_count(&t); ++i)
      if (!(s[i] > 0.0f) || isinf(s[i])) {
        lb_verify_error(v, op, "scale must be positive and finite, got %g at index %lld", (double)s[i], (long long)i);
        break;
      }
  }
  lb_tensor_free(&t);
}

/* Zero points must lie in the quantized type's range. */
static void check_zero_point(lb_verifier_t *v, MlirOperation op, intptr_t idx, lb_dtype_t qdt) {
  lb_tensor_t t;
  lb_status_t st = lb_value_read_constant(mlirOperationGetOperand(op, idx), &t);
  if (st) {
    lb_status_free(st);
    return;
  }
  for (int64_t i = 0; i < lb_tensor_count(&t); ++i) {
    int64_t z = lb_dtype_load_int(t.dtype, t.data, i);
    if (z < lb_dtype_min(qdt) || z > lb_dtype_max(qdt)) {
      lb_verify_error(v, op, "zero point %lld at index %lld is outside the range of %s", (long long)z, (long long)i,
                      lb_dtype_name(qdt));
      break;
    }
  }
  lb_tensor_free(&t);
}

/* What dequantize reads: integers of up to 16 bits, and i32 (biases). */
static bool is_quant_int(lb_dtype_t dt) { return lb_dtype_is_int(dt) && (lb_dtype_bits(dt) <= 16 || dt == LB_DT_I32); }

static void verify_quantize(lb_verifier_t *v, MlirOperation op) {
  static const lb_dtype_t f32[] = {LB_DT_F32, LB_DT_INVALID};
  if (!lb_verify_dtype_in(v, op, 0, f32, "f32") || !lb_verify_dtype_in(v, op, 1, f32, "f32")) return;
  lb_dtype_t rdt = lb_value_dtype(lb_op_result(op));
  /* i32 is a dequantize input (ONNX int32 bias) but never a quantize
   * result: biases are quantized by passes, at compile time. */
  if (!lb_dtype_is_int(rdt) || lb_dtype_bits(rdt) > 16) {
    lb_verify_error(v, op, "result must be a tensor of integers of at most 16 bits, got %s", lb_dtype_name(rdt));
    return;
  }
  if (lb_value_dtype(lb_op_operand(op, 2)) != rdt) {
    lb_verify_error(v, op, "zero_point element type must equal the result element type");
    return;
  }
  check_qparams(v, op, lb_op_operand(op, 0), 1, 2, "scale", "zero_point");
  check_positive_scale(v, op, 1);
  check_zero_point(v, op, 2, rdt);
  char r[32];
  if (lb_rounding_code(lb_op_get_str(op, LB_ATTR_ROUNDING, r, sizeof r, "half_even")) < 0)
    lb_verify_error(v, op, "rounding must be one of half_even, half_up, half_down, up, down, ceil, floor, got '%s'", r);
}

static void verify_dequantize(lb_verifier_t *v, MlirOperation op) {
  static const lb_dtype_t f32[] = {LB_DT_F32, LB_DT_INVALID};
  lb_dtype_t xdt = lb_value_dtype(lb_op_operand(op, 0));
  if (!is_quant_int(xdt)) {
    lb_verify_error(v, op, "input must be a tensor of integers of at most 16 bits or i32, got %s", lb_dtype_name(xdt));
    return;
  }
  if (!lb_verify_dtype_in(v, op, 1, f32, "f32")) return;
  if (lb_value_dtype(lb_op_operand(op, 2)) != xdt) {
    lb_verify_error(v, op, "zero_point element type must equal the input element type");
    return;
  }
  if (!lb_verify_dtype_in(v, op, -1, f32, "f32")) return;
  check_qparams(v, op, lb_op_operand(op, 0), 1, 2, "scale", "zero_point");
  check_positive_scale(v, op, 1);
}

/* Two modes, told apart by operand 1's type: fixed point (acc, multiplier
 * i32, shift i32, zero_point) and float (acc, scale f32, [offset f32,]
 * zero_point). */
static bool requant_is_fixed(MlirOperation op) { return lb_value_dtype(lb_op_operand(op, 1)) != LB_DT_F32; }

static void verify_requantize(lb_verifier_t *v, MlirOperation op) {
  static const lb_dtype_t i32[] = {LB_DT_I32, LB_DT_INVALID}, f32[] = {LB_DT_F32, LB_DT_INVALID},
                          acc[] = {LB_DT_I32, LB_DT_I64, LB_DT_INVALID};
  bool fixed = requant_is_fixed(op);
  intptr_t nops = mlirOperationGetNumOperands(op), zi = nops - 1;
  if (!lb_verify_dtype_in(v, op, 0, acc, "i32 or i64")) return;
  if (fixed) {
    if (nops != 4) {
      lb_verify_error(v, op, "the fixed-point mode takes acc, multiplier, shift and zero_point");
      return;
    }
    for (intptr_t i = 1; i < 3; ++i)
      if (!lb_verify_dtype_in(v, op, i, i32, "i32")) return;
  } else if (nops == 4) {
    if (!lb_verify_dtype_in(v, op, 2, f32, "f32 (the float mode's offset)")) return;
    check_qparams(v, op, lb_op_operand(op, 0), 1, 2, "scale", "offset");
  }
  if (!lb_verify_int_upto(v, op, -1, 8)) return;
  lb_dtype_t rdt = lb_value_dtype(lb_op_result(op));
  if (lb_value_dtype(lb_op_operand(op, zi)) != rdt || lb_value_count(lb_op_operand(op, zi)) != 1) {
    lb_verify_error(v, op, "zero_point must be a single element of the result element type");
    return;
  }
  check_zero_point(v, op, zi, rdt);
  if (!fixed) {
    check_qparams(v, op, lb_op_operand(op, 0), 1, 1, "scale", "scale");
    lb_tensor_t t;
    if (lb_read_constant_if_any(lb_op_operand(op, 1), &t)) {
      for (int64_t i = 0; i < lb_tensor_count(&t); ++i) {
        float s = ((const float *)t.data)[i];
        if (!(s >= 0.0f) || isinf(s)) {
          lb_verify_error(v, op, "scale must be finite and non-negative, got %g at index %lld", (double)s, (long long)i);
          break;
        }
      }
      lb_tensor_free(&t);
    }
    return;
  }
  check_qparams(v, op, lb_op_operand(op, 0), 1, 2, "multiplier", "shift");
  lb_tensor_t t;
  if (lb_read_constant_if_any(lb_op_operand(op, 2), &t)) {
    for (int64_t i = 0; i < lb_tensor_count(&t); ++i) {
      int32_t sh = ((const int32_t *)t.data)[i];
      if (sh < 1 || sh > 62) {
        lb_verify_error(v, op, "shift must be in [1, 62], got %d at index %lld", sh, (long long)i);
        break;
      }
    }
    lb_tensor_free(&t);
  }
  if (lb_read_constant_if_any(lb_op_operand(op, 1), &t)) {
    for (int64_t i = 0; i < lb_tensor_count(&t); ++i) {
      int32_t m = ((const int32_t *)t.data)[i];
      if (m < 0) {
        lb_verify_error(v, op, "multiplier must be non-negative, got %d at index %lld", m, (long long)i);
        break;
      }
    }
    lb_tensor_free(&t);
  }
}

static void verify_clamp(lb_verifier_t *v, MlirOperation op) {
  if (!lb_verify_int_upto(v, op, 0, 8) || !lb_verify_same_elem(v, op)) return;
  lb_dtype_t dt = lb_value_dtype(lb_op_result(op));
  int64_t lo = lb_op_get_int(op, LB_ATTR_MIN, 0), hi = lb_op_get_int(op, LB_ATTR_MAX, 0);
  if (lo > hi || lo < lb_dtype_min(dt) || hi > lb_dtype_max(dt))
    lb_verify_error(v, op, "bounds [%lld, %lld] must be ordered and within [%lld, %lld]", (long long)lo, (long long)hi,
                    (long long)lb_dtype_min(dt), (long long)lb_dtype_max(dt));
}

static void verify_lut(lb_verifier_t *v, MlirOperation op) {
  if (!lb_verify_int_upto(v, op, 0, 8) || !lb_verify_int_upto(v, op, -1, 8)) return;
  MlirValue table = lb_op_operand(op, 1);
  if (lb_value_dtype(table) != lb_value_dtype(lb_op_result(op)) || lb_value_count(table) != 256)
    lb_verify_error(v, op, "table must have 256 elements of the result element type");
}

static lb_status_t infer_lut(MlirOperation op, lb_shape_t *out) { return lb_operand_shape(op, 0, out); }

/* ---- lowering ---- */

/* outer/n/inner of per-tensor or per-axis parameters over value v. */
static void quant_split(MlirValue v, int64_t count, int64_t axis, lb_quant_params_t *q) {
  lb_vshape_t s = lb_vshape(v);
  if (count == 1 || axis < 0) {
    q->outer = 1;
    q->n = 1;
    q->inner = lb_prod(s.d, 0, s.rank);
  } else {
    q->outer = lb_prod(s.d, 0, (int32_t)axis);
    q->n = s.d[axis];
    q->inner = lb_prod(s.d, (int32_t)axis + 1, s.rank);
  }
}

/* The kernel suffix of an integer's host container: i8, u8, i16, u16, i32. */
static const char *container_suffix(lb_dtype_t dt) {
  unsigned b = lb_dtype_bits(dt);
  bool s = lb_dtype_is_signed(dt);
  return b <= 8 ? (s ? "i8" : "u8") : b <= 16 ? (s ? "i16" : "u16") : "i32";
}

static lb_status_t lower_q_or_dq(lb_lower_t *lw, MlirOperation op, bool quantize) {
  lb_quant_params_t p;
  memset(&p, 0, sizeof p);
  int32_t in[3];
  int64_t count;
  LB_RETURN_IF_ERROR(lb_lower_operand(lw, op, 0, &in[0]));
  LB_RETURN_IF_ERROR(lb_lower_param_operand(lw, op, 1, LB_DT_F32, &in[1], &count));
  LB_RETURN_IF_ERROR(lb_lower_param_operand(lw, op, 2, LB_DT_I32, &in[2], NULL));
  int64_t axis = lb_op_get_int(op, LB_ATTR_AXIS, -1), block = lb_op_get_int(op, LB_ATTR_BLOCK_SIZE, 0);
  if (block > 0) {
    lb_vshape_t s = lb_vshape(lb_op_operand(op, 0));
    p.outer = lb_prod(s.d, 0, (int32_t)axis);
    p.n = s.d[axis];
    p.inner = lb_prod(s.d, (int32_t)axis + 1, s.rank);
    p.block = block;
  } else {
    quant_split(lb_op_operand(op, 0), count, axis, &p);
  }
  lb_dtype_t qdt = lb_value_dtype(quantize ? lb_op_result(op) : lb_op_operand(op, 0));
  char kernel[32], r[32];
  if (quantize) p.rounding = lb_rounding_code(lb_op_get_str(op, LB_ATTR_ROUNDING, r, sizeof r, "half_even"));
  snprintf(kernel, sizeof kernel, quantize ? "quantize_f32_%s" : "dequantize_%s_f32", container_suffix(qdt));
  p.qmin = (int32_t)lb_dtype_min(qdt);
  p.qmax = (int32_t)lb_dtype_max(qdt);
  return lb_lower_step(lw, op, kernel, &p, &lb_quant_params_desc, in, 3);
}

static lb_status_t lower_quantize(lb_lower_t *lw, MlirOperation op) { return lower_q_or_dq(lw, op, true); }
static lb_status_t lower_dequantize(lb_lower_t *lw, MlirOperation op) { return lower_q_or_dq(lw, op, false); }

static lb_status_t lower_requantize(lb_lower_t *lw, MlirOperation op) {
  lb_quant_params_t p;
  memset(&p, 0, sizeof p);
  bool fixed = requant_is_fixed(op);
  intptr_t nops = mlirOperationGetNumOperands(op);
  int32_t in[4] = {-1, -1, -1, -1};
  int64_t count, zp = 0;
  LB_RETURN_IF_ERROR(lb_lower_operand(lw, op, 0, &in[0]));
  LB_RETURN_IF_ERROR(lb_lower_param_operand(lw, op, 1, fixed ? LB_DT_I32 : LB_DT_F32, &in[1], &count));
  if (fixed) { /* the shift, and a constant zero point */
    LB_RETURN_IF_ERROR(lb_lower_param_operand(lw, op, 2, LB_DT_I32, &in[2], NULL));
    LB_RETURN_IF_ERROR(lb_operand_read_scalar_int(op, 3, &zp));
  } else { /* the zero point, and the optional offset */
    LB_RETURN_IF_ERROR(lb_lower_param_operand(lw, op, nops - 1, LB_DT_I32, &in[2], NULL));
    if (nops == 4) LB_RETURN_IF_ERROR(lb_lower_param_operand(lw, op, 2, LB_DT_F32, &in[3], NULL));
  }
  quant_split(lb_op_operand(op, 0), count, lb_op_get_int(op, LB_ATTR_AXIS, -1), &p);
  lb_dtype_t dt = lb_value_dtype(lb_op_result(op));
  p.qmin = (int32_t)lb_dtype_min(dt);
  p.qmax = (int32_t)lb_dtype_max(dt);
  p.out_zp = (int32_t)zp;
  char kernel[32];
  snprintf(kernel, sizeof kernel, "requantize_%s%s_%s", fixed ? "" : "fp_",
           lb_value_dtype(lb_op_operand(op, 0)) == LB_DT_I64 ? "i64" : "i32", lb_int8_suffix(dt));
  return lb_lower_step(lw, op, kernel, &p, &lb_quant_params_desc, in, fixed ? 3 : 4);
}

static lb_status_t lower_clamp(lb_lower_t *lw, MlirOperation op) {
  lb_dtype_t dt = lb_value_dtype(lb_op_result(op));
  lb_clamp_params_t p = {.count = lb_value_count(lb_op_result(op)),
                         .lo = (int32_t)lb_op_get_int(op, LB_ATTR_MIN, lb_dtype_min(dt)),
                         .hi = (int32_t)lb_op_get_int(op, LB_ATTR_MAX, lb_dtype_max(dt))};
  return lb_lower_step_operands(lw, op, lb_dtype_is_signed(dt) ? "clamp_i8" : "clamp_u8", &p, &lb_clamp_params_desc);
}

static lb_status_t lower_lut(lb_lower_t *lw, MlirOperation op) {
  lb_dtype_t xdt = lb_value_dtype(lb_op_operand(op, 0));
  lb_lut_params_t p = {.count = lb_value_count(lb_op_result(op)), .index_xor = lb_dtype_is_signed(xdt) ? 0x80 : 0};
  return lb_lower_step_operands(lw, op, "lut_x8", &p, &lb_lut_params_desc);
}

static int64_t axis_attr(MlirOperation op) { return lb_op_get_int(op, LB_ATTR_AXIS, -1); }

/* ---- builders ---- */

static lb_status_t build_q_or_dq(lb_builder_t *b, lb_op_kind_t kind, MlirValue x, MlirValue scale, MlirValue zp,
                                 int64_t axis, int64_t block, MlirType elem, MlirValue *out) {
  MlirValue ops[3] = {x, scale, zp};
  MlirNamedAttribute at[2] = {lb_named_attr(b->ctx, LB_ATTR_AXIS, lb_i64_attr(b->ctx, axis)),
                              lb_named_attr(b->ctx, LB_ATTR_BLOCK_SIZE, lb_i64_attr(b->ctx, block))};
  return lb_build_op(b, kind, ops, 3, at, block > 0 ? 2 : 1, elem, out);
}

lb_status_t lb_build_quantize(lb_builder_t *b, MlirValue x, MlirValue scale, MlirValue zp, int64_t axis,
                              int64_t block, MlirType elem, MlirValue *out) {
  return build_q_or_dq(b, LB_OP_QUANTIZE, x, scale, zp, axis, block, elem, out);
}

lb_status_t lb_build_dequantize(lb_builder_t *b, MlirValue x, MlirValue scale, MlirValue zp, int64_t axis,
                                int64_t block, MlirValue *out) {
  return build_q_or_dq(b, LB_OP_DEQUANTIZE, x, scale, zp, axis, block, mlirF32TypeGet(b->ctx), out);
}

lb_status_t lb_build_requantize(lb_builder_t *b, MlirValue acc, MlirValue mult, MlirValue shift, MlirValue zp,
                                int64_t axis, MlirType elem, MlirValue *out) {
  MlirValue ops[4] = {acc, mult, shift, zp};
  MlirNamedAttribute at = lb_named_attr(b->ctx, LB_ATTR_AXIS, lb_i64_attr(b->ctx, axis));
  return lb_build_op(b, LB_OP_REQUANTIZE, ops, 4, &at, 1, elem, out);
}

lb_status_t lb_build_requantize_fp(lb_builder_t *b, MlirValue acc, MlirValue scale, MlirValue offset, MlirValue zp,
                                   int64_t axis, MlirType elem, MlirValue *out) {
  MlirValue ops[4] = {acc, scale, offset, zp};
  MlirNamedAttribute at = lb_named_attr(b->ctx, LB_ATTR_AXIS, lb_i64_attr(b->ctx, axis));
  if (mlirValueIsNull(offset)) ops[2] = zp;
  return lb_build_op(b, LB_OP_REQUANTIZE, ops, mlirValueIsNull(offset) ? 3 : 4, &at, 1, elem, out);
}

lb_status_t lb_build_clamp(lb_builder_t *b, MlirValue x, int64_t lo, int64_t hi, MlirValue *out) {
  MlirNamedAttribute at[2] = {lb_named_attr(b->ctx, LB_ATTR_MIN, lb_i64_attr(b->ctx, lo)),
                              lb_named_attr(b->ctx, LB_ATTR_MAX, lb_i64_attr(b->ctx, hi))};
  return lb_build_op(b, LB_OP_CLAMP, &x, 1, at, 2, mlirShapedTypeGetElementType(mlirValueGetType(x)), out);
}

lb_status_t lb_build_lut(lb_builder_t *b, MlirValue x, MlirValue table, MlirValue *out) {
  MlirValue ops[2] = {x, table};
  return lb_build_op(b, LB_OP_LUT, ops, 2, NULL, 0, mlirShapedTypeGetElementType(mlirValueGetType(table)), out);
}

const lb_op_desc_t lb_op_desc_quantize = {
    .summary = "float to integer: sat(rne(x / scale) + zp)",
    .infer = lb_infer_same_as_input,
    .verify = verify_quantize,
    .lower = lower_quantize,
    .channel_axis = axis_attr,
};

const lb_op_desc_t lb_op_desc_dequantize = {
    .summary = "integer to float: (q - zp) * scale",
    .infer = lb_infer_same_as_input,
    .verify = verify_dequantize,
    .lower = lower_dequantize,
    .channel_axis = axis_attr,
};

const lb_op_desc_t lb_op_desc_requantize = {
    .summary = "int32 to narrow integer with a fixed-point multiplier and rounding shift",
    .traits = LB_TRAIT_INTEGER,
    .infer = lb_infer_same_as_input,
    .verify = verify_requantize,
    .lower = lower_requantize,
    .channel_axis = axis_attr,
};

/* ---- per-token quantization (simulated) ---- */

#define LB_ATTR_BITS "bits"

static lb_status_t infer_quantize_rows(MlirOperation op, lb_shape_t *out) {
  LB_RETURN_IF_ERROR(lb_operand_shape(op, 0, out));
  int64_t bits = lb_op_get_int(op, LB_ATTR_BITS, 0);
  if (out->rank < 1 || out->d[out->rank - 1] == LB_DYN) return LB_FAIL("x must have a static last dim");
  if (bits < 2 || bits > 16) return LB_FAIL("bits must be in 2..16, got %lld", (long long)bits);
  return LB_OK;
}

static void verify_quantize_rows(lb_verifier_t *v, MlirOperation op) { lb_verify_all_f32(v, op); }

static lb_status_t lower_quantize_rows(lb_lower_t *lw, MlirOperation op) {
  lb_vshape_t x = lb_vshape(lb_op_operand(op, 0));
  lb_qrows_params_t p = {.outer = lb_prod(x.d, 0, x.rank - 1), .n = x.d[x.rank - 1],
                         .qmax = (int32_t)((1 << lb_op_get_int(op, LB_ATTR_BITS, 8)) - 1)};
  return lb_lower_step_operands(lw, op, "quantize_rows_f32", &p, &lb_qrows_params_desc);
}

lb_status_t lb_build_quantize_rows(lb_builder_t *b, MlirValue x, int64_t bits, MlirValue *out) {
  MlirNamedAttribute at = lb_named_attr(b->ctx, LB_ATTR_BITS, lb_i64_attr(b->ctx, bits));
  return lb_build_op(b, LB_OP_QUANTIZE_ROWS, &x, 1, &at, 1, mlirShapedTypeGetElementType(mlirValueGetType(x)), out);
}

const lb_op_desc_t lb_op_desc_quantize_rows = {
    .summary = "per-token (per-row) asymmetric quantize-dequantize of float data",
    .infer = infer_quantize_rows,
    .verify = verify_quantize_rows,
    .lower = lower_quantize_rows,
};

/* ---- DynamicQuantizeLinear's parameters ---- */

static lb_status_t infer_scalar(MlirOperation op, lb_shape_t *out) {
  (void)op;
  out->rank = 0;
  return LB_OK;
}

static void verify_dynamic_scale(lb_verifier_t *v, MlirOperation op) { lb_verify_all_f32(v, op); }

static void verify_dynamic_zero_point(lb_verifier_t *v, MlirOperation op) {
  static const lb_dtype_t f32[] = {LB_DT_F32, LB_DT_INVALID}, u8[] = {LB_DT_U8, LB_DT_INVALID};
  if (lb_verify_dtype_in(v, op, 0, f32, "f32")) lb_verify_dtype_in(v, op, -1, u8, "ui8");
}

static lb_status_t lower_dynamic_scale(lb_lower_t *lw, MlirOperation op) {
  lb_dynq_params_t p = {.count = lb_value_count(lb_op_operand(op, 0))};
  return lb_lower_step_operands(lw, op, "dynamic_scale_f32", &p, &lb_dynq_params_desc);
}

static lb_status_t lower_dynamic_zero_point(lb_lower_t *lw, MlirOperation op) {
  lb_dynq_params_t p = {.count = lb_value_count(lb_op_operand(op, 0))};
  return lb_lower_step_operands(lw, op, "dynamic_zero_point_u8", &p, &lb_dynq_params_desc);
}

const lb_op_desc_t lb_op_desc_dynamic_scale = {
    .summary = "uint8 scale of a tensor's range (DynamicQuantizeLinear)",
    .infer = infer_scalar,
    .verify = verify_dynamic_scale,
    .lower = lower_dynamic_scale,
};

const lb_op_desc_t lb_op_desc_dynamic_zero_point = {
    .summary = "uint8 zero point of a tensor's range (DynamicQuantizeLinear)",
    .infer = infer_scalar,
    .verify = verify_dynamic_zero_point,
    .lower = lower_dynamic_zero_point,
};

const lb_op_desc_t lb_op_desc_clamp = {
    .summary = "saturating clamp of an integer tensor",
    .traits = LB_TRAIT_ELEMENTWISE | LB_TRAIT_UNARY | LB_TRAIT_INTEGER,
    .infer = lb_infer_same_as_input,
    .verify = verify_clamp,
    .lower = lower_clamp,
};

const lb_op_desc_t lb_op_desc_lut = {
    .summary = "256-entry table lookup of an 8-bit integer tensor",
    .traits = LB_TRAIT_INTEGER,
    .infer = infer_lut,
    .verify = verify_lut,
    .lower = lower_lut,
};
