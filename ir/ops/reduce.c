/* lb.reduce_sum, lb.reduce_mean, lb.reduce_max, lb.reduce_min: float
 * reductions over the `axes` attribute (sorted, distinct, non-negative),
 * with `keepdims`. */
#include "ir/ops/op_util.h"
#include "runtime/kernels/reduce.h"

/* The reduced-dims mask from the axes attribute. */
static lb_status_t reduce_axes(MlirOperation op, int32_t rank, bool *mask) {
  int64_t axes[LB_MAX_RANK + 1];
  int n = lb_op_get_ints(op, LB_ATTR_AXES, axes, LB_MAX_RANK + 1);
  for (int32_t d = 0; d < rank; ++d) mask[d] = false;
  if (n < 0 || n > rank) return LB_FAIL("axes must list at most %d dims", rank);
  for (int i = 0; i < n; ++i) {
    if (axes[i] < 0 || axes[i] >= rank || (i > 0 && axes[i] <= axes[i - 1]))
      return LB_FAIL("axes must be sorted, distinct and in [0, %d)", rank);
    mask[axes[i]] = true;
  }
  return LB_OK;
}

static lb_status_t infer_reduce(MlirOperation op, lb_shape_t *out) {
  lb_shape_t x;
  bool mask[LB_MAX_RANK];
  LB_RETURN_IF_ERROR(lb_operand_shape(op, 0, &x));
  LB_RETURN_IF_ERROR(reduce_axes(op, x.rank, mask));
  int64_t keep = lb_op_get_int(op, LB_ATTR_KEEPDIMS, 1);
  if (keep != 0 && keep != 1) return LB_FAIL("keepdims must be 0 or 1");
  out->rank = 0;
  for (int32_t d = 0; d < x.rank; ++d) {
    if (!mask[d]) out->d[out->rank++] = x.d[d];
    else if (keep) out->d[out->rank++] = 1;
  }
  return LB_OK;
}

static void verify_reduce(lb_verifier_t *v, MlirOperation op) { lb_verify_all_f32(v, op); }

static lb_status_t lower_reduce(lb_lower_t *lw, MlirOperation op) {
  lb_vshape_t x = lb_vshape(lb_op_operand(op, 0));
  bool mask[LB_MAX_RANK];
  LB_RETURN_IF_ERROR(lb_op_annotate(op, reduce_axes(op, x.rank, mask)));
  lb_op_kind_t k = lb_op_get_kind(op);
  lb_reduce_params_t p;
  memset(&p, 0, sizeof p);
  p.op = k == LB_OP_REDUCE_SUM ? LB_RED_SUM : k == LB_OP_REDUCE_MEAN ? LB_RED_MEAN
       : k == LB_OP_REDUCE_MAX ? LB_RED_MAX : LB_RED_MIN;
  p.rank = x.rank ? x.rank : 1;
  p.dims[0] = 1;
  p.count = 1;
  int64_t stride = 1;
  for (int32_t d = x.rank - 1; d >= 0; --d) {
    p.dims[d] = x.d[d];
    if (mask[d]) {
      p.out_strides[d] = 0;
      p.count *= x.d[d];
    } else {
      p.out_strides[d] = stride;
      stride *= x.d[d];
    }
  }
  p.out_count = stride;
  return lb_lower_step_operands(lw, op, "reduce_f32", &p, &lb_reduce_params_desc);
}

lb_status_t lb_build_reduce(lb_builder_t *b, lb_op_kind_t kind, MlirValue x, const int64_t *axes, int32_t naxes,
                            bool keepdims, MlirValue *out) {
  MlirNamedAttribute at[2] = {
      lb_named_attr(b->ctx, LB_ATTR_AXES, mlirDenseI64ArrayGet(b->ctx, naxes, axes)),
      lb_named_attr(b->ctx, LB_ATTR_KEEPDIMS, lb_i64_attr(b->ctx, keepdims ? 1 : 0)),
  };
  return lb_build_op(b, kind, &x, 1, at, 2, mlirF32TypeGet(b->ctx), out);
}

#define LB_REDUCE_DESC(NAME, SUMMARY) \
  const lb_op_desc_t lb_op_desc_##NAME = { \
      .summary = SUMMARY, .infer = infer_reduce, .verify = verify_reduce, .lower = lower_reduce, \
  };
LB_REDUCE_DESC(reduce_sum, "sum over axes")
LB_REDUCE_DESC(reduce_mean, "mean over axes")
LB_REDUCE_DESC(reduce_max, "maximum over axes")
LB_REDUCE_DESC(reduce_min, "minimum over axes")
