/* lb.cast: element type conversion (ONNX Cast, and the integer widening
 * the quantized lowerings need). */
#include "ir/ops/op_util.h"
#include "runtime/kernels/cast.h"

/* Any supported source; results in full containers (8, 16, 32, 64-bit
 * integers or f32): sub-byte values come from lb.quantize, not casts. */
static void verify_cast(lb_verifier_t *v, MlirOperation op) {
  lb_dtype_t dt = lb_value_dtype(lb_op_result(op));
  unsigned b = lb_dtype_bits(dt);
  if (lb_dtype_is_int(dt) && b != 8 && b != 16 && b != 32 && b != 64)
    lb_verify_error(v, op, "result must be f32 or an integer of 8, 16, 32 or 64 bits, got %s", lb_dtype_name(dt));
}

static lb_status_t lower_cast(lb_lower_t *lw, MlirOperation op) {
  lb_cast_params_t p = {.count = lb_value_count(lb_op_result(op)),
                        .src = lb_value_dtype(lb_op_operand(op, 0)),
                        .dst = lb_value_dtype(lb_op_result(op))};
  return lb_lower_step_operands(lw, op, "cast", &p, &lb_cast_params_desc);
}

lb_status_t lb_build_cast(lb_builder_t *b, MlirValue x, lb_dtype_t to, MlirValue *out) {
  return lb_build_op(b, LB_OP_CAST, &x, 1, NULL, 0, lb_dtype_to_type(b->ctx, to), out);
}

const lb_op_desc_t lb_op_desc_cast = {
    .summary = "element type conversion: ints wrap, f32 -> int truncates and saturates",
    .traits = LB_TRAIT_ELEMENTWISE | LB_TRAIT_UNARY,
    .infer = lb_infer_same_as_input,
    .verify = verify_cast,
    .lower = lower_cast,
};
