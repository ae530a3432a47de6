/* What op descriptors call to lower one op into interpreter kernel steps.
 *
 * The planner (interp/plan_build.c) walks a static module and calls each
 * op's `lower` hook (ir/lb_op.h) with a lb_lower_t; the hook reads shapes
 * and attributes from the op, fills the params struct of the kernel it
 * wants and adds a step:
 *
 *   static lb_status_t lower_relu(lb_lower_t *lw, MlirOperation op) {
 *     lb_unary_params_t p = {.count = lb_value_count(lb_op_result(op))};
 *     return lb_lower_step_operands(lw, op, "relu_f32", &p, &lb_unary_params_desc);
 *   }
 *
 * Kernels are looked up by name for the module's target ISA (falling back
 * to the reference kernel). The planner owns op semantics nowhere: it only
 * binds values to tensors and places memory.
 */
#ifndef LOWBIT_INTERP_LOWER_H
#define LOWBIT_INTERP_LOWER_H

#include "ir/lb_ir.h"
#include "ir/lb_op.h"
#include "runtime/kernels/params.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Tensor id of operand `i` of `op` (already lowered). */
lb_status_t lb_lower_operand(lb_lower_t *lw, MlirOperation op, intptr_t i, int32_t *id);
/* Constant operand `i` converted to dtype `as` (f32 or i32), flattened, as a
 * new constant tensor; *count gets its element count (may be NULL). */
lb_status_t lb_lower_const_operand(lb_lower_t *lw, MlirOperation op, intptr_t i, lb_dtype_t as, int32_t *id,
                                   int64_t *count);
/* A constant the lowering derives (packed weights' compensation terms):
 * takes ownership of `t`'s data (freed on error too), names it
 * "<op location>.<what>". */
lb_status_t lb_lower_const_tensor(lb_lower_t *lw, MlirOperation op, lb_tensor_t *t, const char *what, int32_t *id);
/* Operand `i` as a kernel parameter tensor of dtype `as` (f32 or i32),
 * flattened: a constant is converted at compile time (as
 * lb_lower_const_operand), any other value is converted by a cast step when
 * its dtype differs. *count gets its element count (may be NULL). */
lb_status_t lb_lower_param_operand(lb_lower_t *lw, MlirOperation op, intptr_t i, lb_dtype_t as, int32_t *id,
                                   int64_t *count);
/* Adds a step running kernel `kernel` with a copy of `params`, a struct
 * described by `desc`, on tensor ids `in` (-1 = absent optional input),
 * producing the op's result. `desc` must be the kernel's own params
 * descriptor (checked: two params structs of the same size do not mix). */
lb_status_t lb_lower_step(lb_lower_t *lw, MlirOperation op, const char *kernel, const void *params,
                          const lb_params_desc_t *desc, const int32_t *in, int32_t nin);
/* Same, with every operand of the op as an input, in order. */
lb_status_t lb_lower_step_operands(lb_lower_t *lw, MlirOperation op, const char *kernel, const void *params,
                                   const lb_params_desc_t *desc);
/* A workspace of `nbytes` bytes for one step: a scratch tensor that lives
 * only during the step it is passed to (as an input; the kernel may write
 * it, casting away the const of its input pointer). */
lb_status_t lb_lower_workspace(lb_lower_t *lw, MlirOperation op, int64_t nbytes, int32_t *id);
/* Epilogue fusion. The only user of op's result, if it is an op of kind
 * `kind` taking the result as operand 0 (a result that is also a graph
 * output has the return as a second user: no fusion); else a null op. */
MlirOperation lb_lower_sole_user(MlirOperation op, lb_op_kind_t kind);
/* As lb_lower_step, but the step computes `consumer`'s result from op's
 * operands (op and consumer fused into one kernel): op's result gets no
 * tensor, and the walk skips `consumer` when it reaches it. */
lb_status_t lb_lower_step_fused(lb_lower_t *lw, MlirOperation op, MlirOperation consumer, const char *kernel,
                                const void *params, const lb_params_desc_t *desc, const int32_t *in, int32_t nin);
/* The op's result shares operand 0's storage (reshape, flatten). */
lb_status_t lb_lower_alias(lb_lower_t *lw, MlirOperation op);
/* The op's result is the constant held by the op (lb.constant). */
lb_status_t lb_lower_constant(lb_lower_t *lw, MlirOperation op);

#ifdef __cplusplus
}
#endif
#endif
