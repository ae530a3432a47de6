/* Calibration entry point shared by the lb-calibrate pass and the driver. */
#ifndef LOWBIT_PASSES_CALIBRATE_H
#define LOWBIT_PASSES_CALIBRATE_H

#include "passes/passes.h"

/* Runs the float module on `data` (one f32 tensor per graph input, matched
 * by name, batch in dim 0) and attaches lb.range / lb.arg_ranges. */
lb_status_t lb_calibrate(MlirModule module, const char *const *names, const lb_tensor_t *data, int32_t ndata);

#endif
