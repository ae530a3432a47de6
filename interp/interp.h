/* The reference interpreter: lowering a static module to a plan and running
 * it on host tensors. Used by `lowbit run`, by calibration, by the
 * consistency harness and by call-style backends (the C emitter prints a
 * plan).
 *
 *   lb_plan_t plan;
 *   LB_RETURN_IF_ERROR(lb_plan_build(module, &plan));
 *   lb_tensor_t out[1];
 *   LB_RETURN_IF_ERROR(lb_interp_run(&plan, inputs, out, NULL, NULL));
 *   ...
 *   lb_plan_free(&plan);
 */
#ifndef LOWBIT_INTERP_INTERP_H
#define LOWBIT_INTERP_INTERP_H

#include "interp/plan.h"
#include "ir/lb_ir.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Fills *plan (caller frees with lb_plan_free). Every value must have a
 * static shape (specialize first); quantization parameters must be
 * constants. Errors name the op and its location. Kernels are chosen for
 * the module's target (ir/lb_target.h). Scratch memory is placed by
 * liveness: tensors whose lifetimes do not overlap share bytes. Large
 * constants are borrowed from the module's context, not copied: free the
 * plan before destroying the context. */
lb_status_t lb_plan_build(MlirModule module, lb_plan_t *plan);

/* Runs the plan on `inputs` (one host tensor per graph input, matching its
 * dtype and shape exactly) and allocates outputs[i] for every graph output
 * (caller frees). INVALID_ARGUMENT naming the input on a mismatch. The
 * observer (may be NULL) sees every step's result. */
lb_status_t lb_interp_run(const lb_plan_t *plan, const lb_tensor_t *inputs, lb_tensor_t *outputs,
                          lb_plan_observer_t observer, void *user);

/* Evaluates a chain of ops on host data (constant folding, lookup tables):
 * chain[0] reads `in` as its operand 0, chain[i] reads chain[i-1]'s result;
 * every other operand must be an lb.constant. The ops are cloned into a
 * scratch module (result shapes re-inferred for `in`'s shape), so the
 * originals are untouched; *out gets the last result (caller frees). */
lb_status_t lb_interp_eval_chain(const MlirOperation *chain, int32_t n, const lb_tensor_t *in, lb_tensor_t *out);

#ifdef __cplusplus
}
#endif
#endif
