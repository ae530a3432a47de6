/* Builds an execution plan (runtime/lb_plan.h) from a static lb module.
 *
 * Every tensor in the function must have a static shape (specialize first
 * with lb_module_specialize). Quantization parameters (scales, zero
 * points, multipliers, shifts) must be constants. Scratch memory is planned
 * by liveness: tensors whose lifetimes do not overlap share bytes. */
#ifndef LOWBIT_CODEGEN_PLAN_H
#define LOWBIT_CODEGEN_PLAN_H

#include "ir/lb_ir.h"
#include "runtime/lb_plan.h"

/* Fills *plan (caller frees with lb_plan_free). UNIMPLEMENTED / 
 * INVALID_ARGUMENT name the op and its location. */
lb_status_t lb_plan_build(MlirModule module, lb_plan_t *plan);

#endif
