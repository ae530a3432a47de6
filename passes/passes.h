/* lowbit passes and the pipeline that runs them.
 *
 * A pass is a function over a whole module plus its options. Passes are
 * registered in passes/pipeline.c by flag name (`lb-fold-batchnorm`, ...)
 * and run by lb_pipeline_run from a textual pipeline:
 *
 *   lb-fold-batchnorm,lb-quantize{mode=w8a8},lb-lower-quantized
 *
 * optionally wrapped as `builtin.module(...)`. Options are `key=value`
 * pairs separated by spaces inside braces. After every pass the module is
 * verified (MLIR + lb verifier); a failure names the pass.
 *
 * MLIR's pass manager is not used: external passes created with the C API
 * cannot be registered for its textual pipeline parser, and lowbit passes
 * are module-level anyway.
 */
#ifndef LOWBIT_PASSES_PASSES_H
#define LOWBIT_PASSES_PASSES_H

#include "ir/lb_ir.h"

#define LB_PASS_MAX_OPTIONS 8

typedef struct lb_pass_options_s {
  int n;
  char key[LB_PASS_MAX_OPTIONS][32];
  char value[LB_PASS_MAX_OPTIONS][512];
} lb_pass_options_t;

/* Value of option `key`, or NULL. */
const char *lb_pass_option(const lb_pass_options_t *o, const char *key);

typedef lb_status_t (*lb_pass_fn_t)(MlirModule module, const lb_pass_options_t *options);

typedef struct lb_pass_info_s {
  const char *flag;    /* "lb-fold-batchnorm" */
  const char *summary; /* one line for --help */
  const char *options; /* option synopsis, "" if none */
  lb_pass_fn_t run;
} lb_pass_info_t;

/* NULL-terminated registry. */
const lb_pass_info_t *lb_pass_registry(void);
const lb_pass_info_t *lb_pass_lookup(const char *flag);

/* Parses and runs `pipeline` on `module`. INVALID_ARGUMENT for unknown
 * passes or malformed options; a failing pass's status is annotated with
 * its flag. */
lb_status_t lb_pipeline_run(MlirModule module, const char *pipeline);

/* Verifies the module (IRDL structure + lb_verify); INVALID_ARGUMENT with
 * the diagnostics when it fails. */
lb_status_t lb_module_verify(MlirModule module);

/* ---- the passes (one per file) ---------------------------------------- */

/* lb-fold-batchnorm: conv2d -> batchnorm with constant parameters becomes
 * one conv2d with scaled weights and a bias. */
lb_status_t lb_pass_fold_batchnorm(MlirModule module, const lb_pass_options_t *options);
/* lb-calibrate{data=NAME:FILE.npy[,NAME:FILE.npy]}: runs the float graph
 * on the calibration inputs and records each op's output range as
 * lb.range = array<f32: min, max>. */
lb_status_t lb_pass_calibrate(MlirModule module, const lb_pass_options_t *options);
/* lb-quantize{mode=w8a8}: inserts quantize/dequantize pairs: weights of
 * matmul/gemm/conv2d per output channel (symmetric int8), activations per
 * tensor (asymmetric int8) from lb.range. */
lb_status_t lb_pass_quantize(MlirModule module, const lb_pass_options_t *options);
/* lb-lower-quantized: folds dequantize -> op -> quantize chains into
 * integer kernels (qmatmul/qconv2d + requantize [+ clamp]), moves
 * dequantize past layout ops and max pooling, cancels quantize(dequantize)
 * pairs with equal parameters. */
lb_status_t lb_pass_lower_quantized(MlirModule module, const lb_pass_options_t *options);
/* lb-specialize{batch=N}: gives dynamic dims the value N and re-infers all
 * types. */
lb_status_t lb_pass_specialize(MlirModule module, const lb_pass_options_t *options);

#endif
