/* lb.hadamard: the online Walsh-Hadamard transform, float. */
#include "ir/ops/op_util.h"
#include "runtime/kernels/transform.h"

static lb_status_t infer_hadamard(MlirOperation op, lb_shape_t *out) {
  LB_RETURN_IF_ERROR(lb_operand_shape(op, 0, out));
  int64_t bs = lb_op_get_int(op, LB_ATTR_BLOCK_SIZE, 0), d = out->rank ? out->d[out->rank - 1] : 0;
  if (out->rank < 1) return LB_FAIL("input must have rank >= 1");
  if (bs < 1 || (bs & (bs - 1)) || bs > ((int64_t)1 << 30))
    return LB_FAIL("block_size %lld is not a power of 2", (long long)bs);
  if (d != LB_DYN && d % bs) return LB_FAIL("block_size %lld does not divide the last dim %lld", (long long)bs, (long long)d);
  return LB_OK;
}

static void verify_f32(lb_verifier_t *v, MlirOperation op) { lb_verify_all_f32(v, op); }

/* (shapes are static by lowering: a symbolic last dim was checked against
 * block_size when it was bound) */
static lb_status_t lower_hadamard(lb_lower_t *lw, MlirOperation op) {
  lb_vshape_t x = lb_vshape(lb_op_operand(op, 0));
  int64_t bs = lb_op_get_int(op, LB_ATTR_BLOCK_SIZE, 1);
  lb_hadamard_params_t p = {.outer = lb_prod(x.d, 0, x.rank) / bs, .n = bs};
  return lb_lower_step_operands(lw, op, "hadamard_f32", &p, &lb_hadamard_params_desc);
}

lb_status_t lb_build_hadamard(lb_builder_t *b, MlirValue x, int64_t block_size, MlirValue *out) {
  MlirNamedAttribute at = lb_named_attr(b->ctx, LB_ATTR_BLOCK_SIZE, lb_i64_attr(b->ctx, block_size));
  return lb_build_op(b, LB_OP_HADAMARD, &x, 1, &at, 1, mlirShapedTypeGetElementType(mlirValueGetType(x)), out);
}

const lb_op_desc_t lb_op_desc_hadamard = {
    .summary = "normalized Walsh-Hadamard transform of blocks of the last axis",
    .infer = infer_hadamard,
    .verify = verify_f32,
    .lower = lower_hadamard,
};
