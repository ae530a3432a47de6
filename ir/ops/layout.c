/* Layout ops of any element type: lb.reshape and lb.flatten (the result
 * aliases the input) and lb.transpose. */
#include "ir/ops/op_util.h"
#include "runtime/kernels/layout.h"

/* ONNX rules: 0 copies the input dim, -1 is inferred. All products are
 * checked, so hostile shapes such as [2^62, 4, -1] are errors. */
static lb_status_t infer_reshape(MlirOperation op, lb_shape_t *out) {
  lb_shape_t x;
  int64_t shape[LB_MAX_RANK + 1];
  LB_RETURN_IF_ERROR(lb_operand_shape(op, 0, &x));
  int n = lb_op_get_ints(op, LB_ATTR_SHAPE, shape, LB_MAX_RANK + 1);
  if (n < 0 || n > LB_MAX_RANK) return LB_FAIL("shape must have between 0 and %d elements", LB_MAX_RANK);
  out->rank = n;
  int infer_at = -1;
  /* product of input dims not copied through a 0, and of explicit target dims */
  int64_t in_rest = 1, out_known = 1;
  int in_rest_dyn = 0;
  int copied[LB_MAX_RANK] = {0};
  for (int i = 0; i < n; ++i) {
    if (shape[i] == 0) {
      if (i >= x.rank) return LB_FAIL("shape[%d] = 0 copies a dimension the input does not have", i);
      out->d[i] = x.d[i];
      copied[i] = 1;
    } else if (shape[i] == -1) {
      if (infer_at >= 0) return LB_FAIL("shape has more than one -1");
      infer_at = i;
    } else if (shape[i] < 0) {
      return LB_FAIL("shape[%d] = %lld is invalid", i, (long long)shape[i]);
    } else {
      out->d[i] = shape[i];
      if (!lb_dim_mul(out_known, shape[i], &out_known))
        return LB_FAIL("shape [..., %lld, ...] has more elements than any tensor", (long long)shape[i]);
    }
  }
  for (int i = 0; i < x.rank; ++i) {
    if (i < n && copied[i]) continue;
    if (x.d[i] == LB_DYN) in_rest_dyn = 1;
    else if (!lb_dim_mul(in_rest, x.d[i], &in_rest)) return LB_FAIL("input element count overflows");
  }
  if (infer_at >= 0) {
    if (in_rest_dyn) out->d[infer_at] = LB_DYN;
    else if (out_known == 0 || in_rest % out_known != 0)
      return LB_FAIL("cannot reshape %lld elements into the requested shape", (long long)in_rest);
    else out->d[infer_at] = in_rest / out_known;
  } else if (!in_rest_dyn && in_rest != out_known) {
    return LB_FAIL("reshape changes the element count (%lld vs %lld)", (long long)in_rest, (long long)out_known);
  }
  return LB_OK;
}

static lb_status_t infer_flatten(MlirOperation op, lb_shape_t *out) {
  lb_shape_t x;
  LB_RETURN_IF_ERROR(lb_operand_shape(op, 0, &x));
  int64_t axis = lb_op_get_int(op, LB_ATTR_AXIS, 1);
  if (axis < -x.rank || axis > x.rank) return LB_FAIL("axis %lld is out of range for rank %d", (long long)axis, x.rank);
  if (axis < 0) axis += x.rank;
  out->rank = 2;
  out->d[0] = out->d[1] = 1;
  for (int32_t i = 0; i < x.rank; ++i) {
    int64_t *d = &out->d[i < axis ? 0 : 1];
    if (!lb_dim_mul(*d, x.d[i], d)) return LB_ERROR(LB_STATUS_OUT_OF_RANGE, "flattened dimension overflows");
  }
  return LB_OK;
}

static lb_status_t infer_transpose(MlirOperation op, lb_shape_t *out) {
  lb_shape_t x;
  int64_t perm[LB_MAX_RANK + 1];
  LB_RETURN_IF_ERROR(lb_operand_shape(op, 0, &x));
  int n = lb_op_get_ints(op, LB_ATTR_PERM, perm, LB_MAX_RANK + 1);
  if (n != x.rank) return LB_FAIL("perm has %d entries for rank %d", n, x.rank);
  int seen[LB_MAX_RANK] = {0};
  out->rank = x.rank;
  for (int i = 0; i < n; ++i) {
    if (perm[i] < 0 || perm[i] >= x.rank || seen[perm[i]]) return LB_FAIL("perm is not a permutation");
    seen[perm[i]] = 1;
    out->d[i] = x.d[perm[i]];
  }
  return LB_OK;
}

static void verify_layout(lb_verifier_t *v, MlirOperation op) { lb_verify_same_elem(v, op); }

static lb_status_t lower_transpose(lb_lower_t *lw, MlirOperation op) {
  lb_vshape_t x = lb_vshape(lb_op_operand(op, 0));
  int64_t perm[LB_MAX_RANK];
  int n = lb_op_get_ints(op, LB_ATTR_PERM, perm, LB_MAX_RANK);
  lb_transpose_params_t p;
  memset(&p, 0, sizeof p);
  p.rank = x.rank;
  p.elem_size = (int32_t)lb_dtype_size(x.dt);
  for (int i = 0; i < n; ++i) {
    p.in_dims[i] = x.d[i];
    p.perm[i] = (int32_t)perm[i];
  }
  return lb_lower_step_operands(lw, op, "transpose", &p, &lb_transpose_params_desc);
}

lb_status_t lb_build_reshape(lb_builder_t *b, MlirValue x, const int64_t *shape, int32_t n, MlirValue *out) {
  MlirNamedAttribute at = lb_named_attr(b->ctx, LB_ATTR_SHAPE, lb_i64s_attr(b->ctx, shape, n));
  return lb_build_op(b, LB_OP_RESHAPE, &x, 1, &at, 1, mlirShapedTypeGetElementType(mlirValueGetType(x)), out);
}

lb_status_t lb_build_flatten(lb_builder_t *b, MlirValue x, int64_t axis, MlirValue *out) {
  MlirNamedAttribute at = lb_named_attr(b->ctx, LB_ATTR_AXIS, lb_i64_attr(b->ctx, axis));
  return lb_build_op(b, LB_OP_FLATTEN, &x, 1, &at, 1, mlirShapedTypeGetElementType(mlirValueGetType(x)), out);
}

lb_status_t lb_build_transpose(lb_builder_t *b, MlirValue x, const int64_t *perm, int32_t n, MlirValue *out) {
  MlirNamedAttribute at = lb_named_attr(b->ctx, LB_ATTR_PERM, lb_i64s_attr(b->ctx, perm, n));
  return lb_build_op(b, LB_OP_TRANSPOSE, &x, 1, &at, 1, mlirShapedTypeGetElementType(mlirValueGetType(x)), out);
}

const lb_op_desc_t lb_op_desc_reshape = {
    .summary = "reshape (0 copies a dim, -1 is inferred); data unchanged",
    .traits = LB_TRAIT_LAYOUT_ONLY | LB_TRAIT_SELECTS,
    .infer = infer_reshape,
    .verify = verify_layout,
    .lower = lb_lower_alias,
};

const lb_op_desc_t lb_op_desc_flatten = {
    .summary = "flatten to 2-D at axis; data unchanged",
    .traits = LB_TRAIT_LAYOUT_ONLY | LB_TRAIT_SELECTS,
    .infer = infer_flatten,
    .verify = verify_layout,
    .lower = lb_lower_alias,
};

const lb_op_desc_t lb_op_desc_transpose = {
    .summary = "permute dims",
    .traits = LB_TRAIT_LAYOUT_ONLY | LB_TRAIT_SELECTS,
    .infer = infer_transpose,
    .verify = verify_layout,
    .lower = lower_transpose,
};
