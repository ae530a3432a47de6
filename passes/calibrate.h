/* Calibration entry point shared by the lb-calibrate pass and the driver. */
#ifndef LOWBIT_PASSES_CALIBRATE_H
#define LOWBIT_PASSES_CALIBRATE_H

#include "passes/passes.h"

/* Runs the float module in the reference interpreter on `data` (one f32
 * tensor per graph input, matched by name, calibration samples along dim
 * 0) and attaches lb.range = array<f32: min, max> to every op whose result
 * is a float tensor, including ops the interpreter runs as aliases
 * (reshape, flatten) and constants, and lb.arg_ranges to the function.
 * INVALID_ARGUMENT for missing, duplicate or unknown inputs, wrong shapes,
 * and non-finite values (naming the input and the first bad index). */
lb_status_t lb_calibrate(MlirModule module, const char *const *names, const lb_tensor_t *data, int32_t ndata);

#endif
