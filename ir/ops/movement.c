/* Data movement and selection of any element type: lb.slice, lb.expand,
 * lb.concat, lb.gather, lb.where, and the comparisons lb.equal, lb.less,
 * lb.greater (results ui8 0 / 1, ONNX's bool). */
#include "ir/ops/op_util.h"
#include "support/checked.h"
#include "runtime/kernels/movement.h"

#define LB_SLICE_WHOLE ((int64_t)1 << 62)

/* ---- slice ---- */

/* Output extent of one dim: [start, end) by step over a dim of size d
 * (LB_SLICE_WHOLE end = to the end; with d dynamic only a whole-dim slice). */
static lb_status_t slice_extent(int64_t d, int64_t start, int64_t end, int64_t step, int64_t *out) {
  if (step == 0) return LB_FAIL("slice steps must not be 0");
  if (end == LB_SLICE_WHOLE && start == 0 && step == 1) {
    *out = d;
    return LB_OK;
  }
  if (d == LB_DYN) return LB_FAIL("slicing a dynamic dim needs a static size first");
  if (step > 0 ? (start < 0 || start > d || end < start || end > d) : (start < 0 || start >= d || end < -1 || end > start))
    return LB_FAIL("slice [%lld, %lld) by %lld is outside a dim of %lld", (long long)start, (long long)end,
                   (long long)step, (long long)d);
  int64_t n = step > 0 ? (end - start + step - 1) / step : (start - end + (-step) - 1) / (-step);
  if (n <= 0) return LB_FAIL("slice [%lld, %lld) by %lld is empty", (long long)start, (long long)end, (long long)step);
  *out = n;
  return LB_OK;
}

static lb_status_t infer_slice(MlirOperation op, lb_shape_t *out) {
  LB_RETURN_IF_ERROR(lb_operand_shape(op, 0, out));
  int64_t st[LB_MAX_RANK + 1], en[LB_MAX_RANK + 1], sp[LB_MAX_RANK + 1];
  int a = lb_op_get_ints(op, LB_ATTR_STARTS, st, LB_MAX_RANK + 1), b = lb_op_get_ints(op, LB_ATTR_ENDS, en, LB_MAX_RANK + 1),
      c = lb_op_get_ints(op, LB_ATTR_STEPS, sp, LB_MAX_RANK + 1);
  if (a != out->rank || b != out->rank || c != out->rank)
    return LB_FAIL("starts, ends and steps must have one value per dim (%d)", out->rank);
  for (int32_t d = 0; d < out->rank; ++d) LB_RETURN_IF_ERROR(slice_extent(out->d[d], st[d], en[d], sp[d], &out->d[d]));
  return LB_OK;
}

static lb_status_t lower_slice(lb_lower_t *lw, MlirOperation op) {
  lb_vshape_t x = lb_vshape(lb_op_operand(op, 0)), y = lb_vshape(lb_op_result(op));
  int64_t st[LB_MAX_RANK], sp[LB_MAX_RANK];
  lb_op_get_ints(op, LB_ATTR_STARTS, st, LB_MAX_RANK);
  lb_op_get_ints(op, LB_ATTR_STEPS, sp, LB_MAX_RANK);
  lb_strided_params_t p;
  memset(&p, 0, sizeof p);
  p.elem_size = (int32_t)lb_dtype_size(lb_value_dtype(lb_op_result(op)));
  p.rank = y.rank ? y.rank : 1;
  p.dims[0] = 1;
  for (int32_t d = 0; d < x.rank; ++d) {
    int64_t s = lb_prod(x.d, d + 1, x.rank);
    p.dims[d] = y.d[d];
    p.strides[d] = sp[d] * s;
    p.offset += st[d] * s;
  }
  return lb_lower_step_operands(lw, op, "strided_copy", &p, &lb_strided_params_desc);
}

/* ---- pad ---- */

static const char *const lb_pad_modes[] = {"constant", "edge", "reflect", "wrap", NULL};

static int pad_mode(MlirOperation op) {
  char buf[16];
  const char *m = lb_op_get_str(op, "mode", buf, sizeof buf, "constant");
  for (int i = 0; lb_pad_modes[i]; ++i)
    if (!strcmp(m, lb_pad_modes[i])) return i;
  return -1;
}

static lb_status_t infer_pad(MlirOperation op, lb_shape_t *out) {
  LB_RETURN_IF_ERROR(lb_operand_shape(op, 0, out));
  int64_t pads[2 * LB_MAX_RANK + 1];
  int n = lb_op_get_ints(op, "pads", pads, 2 * LB_MAX_RANK + 1);
  if (n != 2 * out->rank) return LB_FAIL("pads must have 2 values per dim (%d), got %d", 2 * out->rank, n);
  for (int32_t d = 0; d < out->rank; ++d) {
    int64_t b = pads[d], e = pads[out->rank + d];
    if (b < -((int64_t)1 << 40) || b > ((int64_t)1 << 40) || e < -((int64_t)1 << 40) || e > ((int64_t)1 << 40))
      return LB_FAIL("pads out of range");
    if (out->d[d] == LB_DYN) {
      if (b || e) return LB_FAIL("dim %d is dynamic: it cannot be padded", (int)d);
      continue;
    }
    out->d[d] += b + e;
    if (out->d[d] < 1) return LB_FAIL("padding leaves dim %d empty", (int)d);
  }
  int64_t total = 1; /* of the static dims */
  for (int32_t i = 0; i < out->rank; ++i)
    if (out->d[i] != LB_DYN && (!lb_mul_i64(total, out->d[i], &total) || total > ((int64_t)1 << 32)))
      return LB_FAIL("the output is too large (over 2^32 elements)");
  return LB_OK;
}

static void verify_pad(lb_verifier_t *v, MlirOperation op) {
  if (!lb_verify_same_elem(v, op)) return;
  int m = pad_mode(op);
  if (m < 0) {
    lb_verify_error(v, op, "mode must be constant, edge, reflect or wrap");
    return;
  }
  lb_dtype_t dt = lb_value_dtype(lb_op_operand(op, 0));
  if (m == 0 && dt != LB_DT_F32 && lb_op_get_float(op, "value", 0.0) != 0.0)
    lb_verify_error(v, op, "a constant value other than 0 needs f32 data");
  if (m == 0) return;
  /* the other modes read input elements: every input dim that is padded must be non-empty, and reflect
   * needs a dim of at least 2 to mirror beyond one element */
  lb_vshape_t x = lb_vshape(lb_op_operand(op, 0));
  int64_t pads[2 * LB_MAX_RANK];
  if (lb_op_get_ints(op, "pads", pads, 2 * LB_MAX_RANK) != 2 * x.rank) return;
  for (int32_t d = 0; d < x.rank; ++d)
    if ((pads[d] > 0 || pads[x.rank + d] > 0) && m == 2 && x.d[d] < 2 && x.d[d] != LB_DYN)
      lb_verify_error(v, op, "reflect padding of a dim of size %lld", (long long)x.d[d]);
}

static lb_status_t lower_pad(lb_lower_t *lw, MlirOperation op) {
  lb_vshape_t x = lb_vshape(lb_op_operand(op, 0)), y = lb_vshape(lb_op_result(op));
  int64_t pads[2 * LB_MAX_RANK];
  lb_op_get_ints(op, "pads", pads, 2 * LB_MAX_RANK);
  lb_pad_params_t p;
  memset(&p, 0, sizeof p);
  p.rank = x.rank;
  p.mode = pad_mode(op);
  p.value = (float)lb_op_get_float(op, "value", 0.0);
  p.elem_size = (int32_t)lb_dtype_size(lb_value_dtype(lb_op_result(op)));
  p.is_float = lb_value_dtype(lb_op_result(op)) == LB_DT_F32;
  for (int32_t d = 0; d < x.rank; ++d) p.dims[d] = x.d[d], p.out_dims[d] = y.d[d], p.begin[d] = pads[d];
  if (x.rank == 0) p.rank = 0;
  return lb_lower_step_operands(lw, op, "pad", &p, &lb_pad_params_desc);
}

lb_status_t lb_build_pad(lb_builder_t *b, MlirValue x, const int64_t *pads, int32_t n, const char *mode, float value,
                         MlirValue *out) {
  MlirNamedAttribute at[3];
  at[0] = lb_named_attr(b->ctx, "pads", lb_i64s_attr(b->ctx, pads, n));
  at[1] = lb_named_attr(b->ctx, "mode", mlirStringAttrGet(b->ctx, mlirStringRefCreateFromCString(mode)));
  at[2] = lb_named_attr(b->ctx, "value", lb_f32_attr(b->ctx, value));
  return lb_build_op(b, LB_OP_PAD, &x, 1, at, 3, mlirShapedTypeGetElementType(mlirValueGetType(x)), out);
}

/* ---- expand ---- */

static lb_status_t infer_expand(MlirOperation op, lb_shape_t *out) {
  lb_shape_t x, s;
  LB_RETURN_IF_ERROR(lb_operand_shape(op, 0, &x));
  int n = lb_op_get_ints(op, LB_ATTR_SHAPE, s.d, LB_MAX_RANK + 1);
  if (n < 0 || n > LB_MAX_RANK) return LB_FAIL("shape must have at most %d dims", LB_MAX_RANK);
  s.rank = n;
  for (int i = 0; i < n; ++i)
    if (s.d[i] < 1 || s.d[i] > ((int64_t)1 << 40)) return LB_FAIL("shape dims must be positive");
  return lb_broadcast(&x, &s, out, "expand");
}

static lb_status_t lower_expand(lb_lower_t *lw, MlirOperation op) {
  lb_vshape_t x = lb_vshape(lb_op_operand(op, 0)), y = lb_vshape(lb_op_result(op));
  lb_strided_params_t p;
  memset(&p, 0, sizeof p);
  p.elem_size = (int32_t)lb_dtype_size(lb_value_dtype(lb_op_result(op)));
  p.rank = y.rank ? y.rank : 1;
  p.dims[0] = 1;
  for (int32_t d = 0; d < y.rank; ++d) p.dims[d] = y.d[d];
  lb_bcast_strides(&x, y.rank, p.strides);
  return lb_lower_step_operands(lw, op, "strided_copy", &p, &lb_strided_params_desc);
}

/* ---- concat ---- */

static lb_status_t infer_concat(MlirOperation op, lb_shape_t *out) {
  lb_shape_t a, b;
  LB_RETURN_IF_ERROR(lb_operand_shape(op, 0, &a));
  LB_RETURN_IF_ERROR(lb_operand_shape(op, 1, &b));
  int64_t axis = lb_op_get_int(op, LB_ATTR_AXIS, 0);
  if (a.rank != b.rank || axis < 0 || axis >= a.rank) return LB_FAIL("concat needs equal ranks and an axis in range");
  *out = a;
  for (int32_t d = 0; d < a.rank; ++d) {
    if (d == axis) continue;
    if (a.d[d] != b.d[d] && a.d[d] != LB_DYN && b.d[d] != LB_DYN)
      return LB_FAIL("dim %d differs (%lld vs %lld)", d, (long long)a.d[d], (long long)b.d[d]);
    if (a.d[d] == LB_DYN) out->d[d] = b.d[d];
  }
  out->d[axis] = a.d[axis] == LB_DYN || b.d[axis] == LB_DYN ? LB_DYN : a.d[axis] + b.d[axis];
  return LB_OK;
}

static void verify_same_operand_types(lb_verifier_t *v, MlirOperation op) {
  intptr_t first = lb_op_get_kind(op) == LB_OP_WHERE ? 1 : 0;
  lb_dtype_t dt = lb_value_dtype(lb_op_operand(op, first));
  for (intptr_t i = first + 1; i < mlirOperationGetNumOperands(op); ++i)
    if (lb_value_dtype(lb_op_operand(op, i)) != dt) {
      lb_verify_error(v, op, "operands must have the same element type");
      return;
    }
  if (first && lb_value_dtype(lb_op_operand(op, 0)) != LB_DT_U8) lb_verify_error(v, op, "the condition must be ui8");
}

static lb_status_t lower_concat(lb_lower_t *lw, MlirOperation op) {
  lb_vshape_t a = lb_vshape(lb_op_operand(op, 0)), b = lb_vshape(lb_op_operand(op, 1));
  int32_t axis = (int32_t)lb_op_get_int(op, LB_ATTR_AXIS, 0);
  lb_concat_params_t p = {.outer = lb_prod(a.d, 0, axis), .a_inner = lb_prod(a.d, axis, a.rank),
                          .b_inner = lb_prod(b.d, axis, b.rank),
                          .elem_size = (int32_t)lb_dtype_size(lb_value_dtype(lb_op_result(op)))};
  return lb_lower_step_operands(lw, op, "concat2", &p, &lb_concat_params_desc);
}

/* ---- gather ---- */

static lb_status_t infer_gather(MlirOperation op, lb_shape_t *out) {
  lb_shape_t x, idx;
  LB_RETURN_IF_ERROR(lb_operand_shape(op, 0, &x));
  LB_RETURN_IF_ERROR(lb_operand_shape(op, 1, &idx));
  int64_t axis = lb_op_get_int(op, LB_ATTR_AXIS, 0);
  if (axis < 0 || axis >= x.rank) return LB_FAIL("axis %lld out of range for rank %d", (long long)axis, x.rank);
  if (x.rank - 1 + idx.rank > LB_MAX_RANK) return LB_FAIL("result rank above %d", LB_MAX_RANK);
  out->rank = 0;
  for (int32_t d = 0; d < axis; ++d) out->d[out->rank++] = x.d[d];
  for (int32_t d = 0; d < idx.rank; ++d) out->d[out->rank++] = idx.d[d];
  for (int32_t d = (int32_t)axis + 1; d < x.rank; ++d) out->d[out->rank++] = x.d[d];
  return LB_OK;
}

static void verify_gather(lb_verifier_t *v, MlirOperation op) {
  static const lb_dtype_t ix[] = {LB_DT_I32, LB_DT_I64, LB_DT_INVALID};
  lb_verify_dtype_in(v, op, 1, ix, "i32 or i64");
  if (lb_value_dtype(lb_op_operand(op, 0)) != lb_value_dtype(lb_op_result(op)))
    lb_verify_error(v, op, "result must have the data's element type");
}

static lb_status_t lower_gather(lb_lower_t *lw, MlirOperation op) {
  lb_vshape_t x = lb_vshape(lb_op_operand(op, 0));
  int32_t axis = (int32_t)lb_op_get_int(op, LB_ATTR_AXIS, 0);
  lb_gather_params_t p = {.outer = lb_prod(x.d, 0, axis), .n = x.d[axis], .inner = lb_prod(x.d, axis + 1, x.rank),
                          .nidx = lb_value_count(lb_op_operand(op, 1)),
                          .elem_size = (int32_t)lb_dtype_size(lb_value_dtype(lb_op_result(op))),
                          .idx64 = lb_value_dtype(lb_op_operand(op, 1)) == LB_DT_I64};
  return lb_lower_step_operands(lw, op, "gather", &p, &lb_gather_params_desc);
}

/* ---- where and comparisons ---- */

static lb_status_t infer_bcast_all(MlirOperation op, lb_shape_t *out) {
  LB_RETURN_IF_ERROR(lb_operand_shape(op, 0, out));
  for (intptr_t i = 1; i < mlirOperationGetNumOperands(op); ++i) {
    lb_shape_t s, r;
    LB_RETURN_IF_ERROR(lb_operand_shape(op, i, &s));
    LB_RETURN_IF_ERROR(lb_broadcast(out, &s, &r, "operand"));
    *out = r;
  }
  return LB_OK;
}

static void select_params(MlirOperation op, lb_select_params_t *p) {
  lb_vshape_t y = lb_vshape(lb_op_result(op));
  memset(p, 0, sizeof *p);
  p->rank = y.rank ? y.rank : 1;
  p->dims[0] = 1;
  for (int32_t d = 0; d < y.rank; ++d) p->dims[d] = y.d[d];
  intptr_t n = mlirOperationGetNumOperands(op);
  int64_t *dst[3] = {p->c_strides, p->a_strides, p->b_strides};
  for (intptr_t i = 0; i < n; ++i) {
    lb_vshape_t s = lb_vshape(lb_op_operand(op, i));
    lb_bcast_strides(&s, y.rank, dst[n == 3 ? i : i + 1]);
  }
}

static lb_status_t lower_where(lb_lower_t *lw, MlirOperation op) {
  lb_select_params_t p;
  select_params(op, &p);
  p.elem_size = (int32_t)lb_dtype_size(lb_value_dtype(lb_op_result(op)));
  return lb_lower_step_operands(lw, op, "where", &p, &lb_select_params_desc);
}

static void verify_compare(lb_verifier_t *v, MlirOperation op) {
  verify_same_operand_types(v, op);
  if (lb_value_dtype(lb_op_result(op)) != LB_DT_U8) lb_verify_error(v, op, "result must be ui8 (0 / 1)");
}

static lb_status_t lower_compare(lb_lower_t *lw, MlirOperation op) {
  lb_select_params_t p;
  select_params(op, &p);
  lb_op_kind_t k = lb_op_get_kind(op);
  p.op = k == LB_OP_EQUAL ? 0 : k == LB_OP_LESS ? 1 : 2;
  p.dtype = lb_value_dtype(lb_op_operand(op, 0));
  p.elem_size = (int32_t)lb_dtype_size(p.dtype);
  return lb_lower_step_operands(lw, op, "compare", &p, &lb_select_params_desc);
}

/* ---- builders ---- */

lb_status_t lb_build_slice(lb_builder_t *b, MlirValue x, const int64_t *starts, const int64_t *ends,
                           const int64_t *steps, int32_t rank, MlirValue *out) {
  MlirNamedAttribute at[3] = {lb_named_attr(b->ctx, LB_ATTR_STARTS, lb_i64s_attr(b->ctx, starts, rank)),
                              lb_named_attr(b->ctx, LB_ATTR_ENDS, lb_i64s_attr(b->ctx, ends, rank)),
                              lb_named_attr(b->ctx, LB_ATTR_STEPS, lb_i64s_attr(b->ctx, steps, rank))};
  return lb_build_op(b, LB_OP_SLICE, &x, 1, at, 3, mlirShapedTypeGetElementType(mlirValueGetType(x)), out);
}

lb_status_t lb_build_expand(lb_builder_t *b, MlirValue x, const int64_t *shape, int32_t n, MlirValue *out) {
  MlirNamedAttribute at = lb_named_attr(b->ctx, LB_ATTR_SHAPE, lb_i64s_attr(b->ctx, shape, n));
  return lb_build_op(b, LB_OP_EXPAND, &x, 1, &at, 1, mlirShapedTypeGetElementType(mlirValueGetType(x)), out);
}

lb_status_t lb_build_concat(lb_builder_t *b, MlirValue x, MlirValue y, int64_t axis, MlirValue *out) {
  MlirValue ops[2] = {x, y};
  MlirNamedAttribute at = lb_named_attr(b->ctx, LB_ATTR_AXIS, lb_i64_attr(b->ctx, axis));
  return lb_build_op(b, LB_OP_CONCAT, ops, 2, &at, 1, mlirShapedTypeGetElementType(mlirValueGetType(x)), out);
}

lb_status_t lb_build_gather(lb_builder_t *b, MlirValue data, MlirValue idx, int64_t axis, MlirValue *out) {
  MlirValue ops[2] = {data, idx};
  MlirNamedAttribute at = lb_named_attr(b->ctx, LB_ATTR_AXIS, lb_i64_attr(b->ctx, axis));
  return lb_build_op(b, LB_OP_GATHER, ops, 2, &at, 1, mlirShapedTypeGetElementType(mlirValueGetType(data)), out);
}

lb_status_t lb_build_where(lb_builder_t *b, MlirValue c, MlirValue x, MlirValue y, MlirValue *out) {
  MlirValue ops[3] = {c, x, y};
  return lb_build_op(b, LB_OP_WHERE, ops, 3, NULL, 0, mlirShapedTypeGetElementType(mlirValueGetType(x)), out);
}

lb_status_t lb_build_compare(lb_builder_t *b, lb_op_kind_t kind, MlirValue x, MlirValue y, MlirValue *out) {
  MlirValue ops[2] = {x, y};
  return lb_build_op(b, kind, ops, 2, NULL, 0, lb_dtype_to_type(b->ctx, LB_DT_U8), out);
}

const lb_op_desc_t lb_op_desc_slice = {
    .summary = "strided slice", .traits = LB_TRAIT_SELECTS, .infer = infer_slice, .lower = lower_slice,
};
const lb_op_desc_t lb_op_desc_pad = {
    .summary = "padding (constant, edge, reflect, wrap)", .infer = infer_pad, .verify = verify_pad, .lower = lower_pad,
};
const lb_op_desc_t lb_op_desc_expand = {
    .summary = "broadcast to a shape", .traits = LB_TRAIT_SELECTS, .infer = infer_expand, .lower = lower_expand,
};
const lb_op_desc_t lb_op_desc_concat = {
    .summary = "concatenation along an axis", .infer = infer_concat, .verify = verify_same_operand_types,
    .lower = lower_concat,
};
const lb_op_desc_t lb_op_desc_gather = {
    .summary = "gather along an axis", .infer = infer_gather, .verify = verify_gather, .lower = lower_gather,
};
const lb_op_desc_t lb_op_desc_where = {
    .summary = "c ? a : b with broadcasting", .infer = infer_bcast_all, .verify = verify_same_operand_types,
    .lower = lower_where,
};
const lb_op_desc_t lb_op_desc_equal = {
    .summary = "a == b as ui8", .infer = infer_bcast_all, .verify = verify_compare, .lower = lower_compare,
};
const lb_op_desc_t lb_op_desc_less = {
    .summary = "a < b as ui8", .infer = infer_bcast_all, .verify = verify_compare, .lower = lower_compare,
};
const lb_op_desc_t lb_op_desc_greater = {
    .summary = "a > b as ui8", .infer = infer_bcast_all, .verify = verify_compare, .lower = lower_compare,
};
