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

/* How activation ranges are chosen from the calibration run. */
typedef struct lb_calib_method_s {
  enum { LB_CALIB_MINMAX = 0, LB_CALIB_PERCENTILE = 1, LB_CALIB_MSE = 2 } kind;
  double percentile; /* LB_CALIB_PERCENTILE: P in (50, 100] */
  int bits;          /* LB_CALIB_MSE: the activations' width (its rounding step) */
} lb_calib_method_t;

/* Parses "minmax", "percentile:P" (50 < P <= 100) or "mse". */
lb_status_t lb_calib_method_parse(const char *text, int bits, lb_calib_method_t *m);

/* lb_calibrate with ranges clipped by `m`: percentile keeps the central P %
 * of the values of each tensor (the (100 - P)-th and P-th percentiles of a
 * 1024-bin histogram over its min/max, from a second run); mse shrinks
 * [min, max] toward 0 by the ratio in {1, 0.99, ..., 0.30} of least
 * expected squared error for `bits`-bit asymmetric quantization (clipping
 * error of the values outside, step^2 / 12 for those inside). Constants
 * keep their min/max. */
lb_status_t lb_calibrate_with(MlirModule module, const char *const *names, const lb_tensor_t *data, int32_t ndata,
                              const lb_calib_method_t *m);

/* Runs the float module on `data` as lb_calibrate does and calls
 * fn(user, k, values, n) with the f32 result of ops[k] (ops of `module`'s
 * body, results with storage of their own) for every chunk of the
 * calibration batch, in order. The values are valid during the call. */
typedef void (*lb_calib_value_fn_t)(void *user, int32_t k, const float *values, int64_t n);
lb_status_t lb_calibrate_values(MlirModule module, const char *const *names, const lb_tensor_t *data, int32_t ndata,
                                const MlirOperation *ops, int32_t nops, lb_calib_value_fn_t fn, void *user);

#endif
