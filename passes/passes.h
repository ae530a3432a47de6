/* lowbit passes, their options, and the pipelines that run them.
 *
 * A pass is a function over a whole module plus its parsed options. Each
 * pass lives in its own file under passes/ and is registered in
 * passes/registry.c with its flag (`lb-fold-batchnorm`), a summary and its
 * declared options; named pipelines (passes/pipelines.c) expand to pass
 * lists. A textual pipeline is
 *
 *   lb-fold-batchnorm,lb-quantize{mode=w8a8},lb-lower-quantized
 *
 * optionally wrapped as `builtin.module(...)`. Options are `key=value`
 * pairs separated by spaces inside braces; a value may be quoted with '...'
 * or "...". Unknown passes, unknown options and malformed values are
 * errors. After every pass the module is verified; a failure names the
 * pass. MLIR's own pass manager is not used: passes created through the C
 * API cannot be registered with its textual pipeline parser.
 *
 *   lb_pipeline_config_t cfg = {.print_after_all = stderr};
 *   LB_RETURN_IF_ERROR(lb_pipeline_run(module, "lb-w8a8{calib=x:calib.npy}", &cfg));
 */
#ifndef LOWBIT_PASSES_PASSES_H
#define LOWBIT_PASSES_PASSES_H

#include <stdio.h>

#include "ir/lb_ir.h"
#include "support/strbuf.h"

#ifdef __cplusplus
extern "C" {
#endif

/* ---- options ---- */

typedef enum lb_option_kind_e { LB_OPTION_STRING = 0, LB_OPTION_INT = 1, LB_OPTION_FLOAT = 2 } lb_option_kind_t;

typedef struct lb_option_decl_s {
  const char *name;
  lb_option_kind_t kind;
  const char *dflt; /* default value text, NULL = none */
  const char *help; /* one line */
} lb_option_decl_t;

#define LB_PASS_MAX_OPTIONS 16

/* Parsed options of one pass instance (values checked against the
 * declarations: ints parse completely, unknown keys are rejected). */
typedef struct lb_pass_options_s {
  const lb_option_decl_t *decls;
  int n;
  char key[LB_PASS_MAX_OPTIONS][32];
  char value[LB_PASS_MAX_OPTIONS][4096];
} lb_pass_options_t;

/* Value of option `key`, its declared default, or NULL. */
const char *lb_pass_option(const lb_pass_options_t *o, const char *key);
/* Integer option (validated at parse time); `dflt` when unset. */
int64_t lb_pass_option_int(const lb_pass_options_t *o, const char *key, int64_t dflt);

typedef lb_status_t (*lb_pass_fn_t)(MlirModule module, const lb_pass_options_t *options);

typedef struct lb_pass_info_s {
  const char *flag;    /* "lb-fold-batchnorm" */
  const char *summary; /* one line for --help */
  const lb_option_decl_t *options; /* {NULL}-terminated */
  lb_pass_fn_t run;
} lb_pass_info_t;

/* NULL-terminated registry of passes. */
const lb_pass_info_t *lb_pass_registry(void);
const lb_pass_info_t *lb_pass_lookup(const char *flag);

/* A named pipeline expands its options into a textual pipeline. */
typedef struct lb_pipeline_info_s {
  const char *name;
  const char *summary;
  const lb_option_decl_t *options;
  lb_status_t (*expand)(const lb_pass_options_t *options, lb_strbuf_t *out);
} lb_pipeline_info_t;

/* NULL-terminated registry of named pipelines. */
const lb_pipeline_info_t *lb_pipeline_registry(void);
const lb_pipeline_info_t *lb_pipeline_lookup(const char *name);

/* ---- running ---- */

typedef struct lb_pipeline_config_s {
  FILE *print_after_all;   /* print the IR after every pass here (NULL: off) */
  const char *print_after; /* comma-separated pass flags to print after */
  FILE *print_to;          /* where print_after goes (default stderr) */
  FILE *time_passes;       /* one line per pass here: seconds, resident and peak memory (NULL: off) */
  lb_print_options_t print;
} lb_pipeline_config_t;

/* Parses and runs `pipeline` on `module` (cfg may be NULL). A failing
 * pass's status is annotated with its flag. */
lb_status_t lb_pipeline_run(MlirModule module, const char *pipeline, const lb_pipeline_config_t *cfg);

/* Checks that `pipeline` parses and names known passes and options,
 * without running it. */
lb_status_t lb_pipeline_check(const char *pipeline);

/* ---- the passes (one per file) ---------------------------------------- */

lb_status_t lb_pass_fold_batchnorm(MlirModule module, const lb_pass_options_t *options);
lb_status_t lb_pass_fold_constants(MlirModule module, const lb_pass_options_t *options);
lb_status_t lb_pass_recognize_fake_quant(MlirModule module, const lb_pass_options_t *options);
lb_status_t lb_pass_recognize_layer_norm(MlirModule module, const lb_pass_options_t *options);
lb_status_t lb_pass_recognize_gelu(MlirModule module, const lb_pass_options_t *options);
lb_status_t lb_pass_fuse_bias(MlirModule module, const lb_pass_options_t *options);
lb_status_t lb_pass_fold_norm(MlirModule module, const lb_pass_options_t *options);
lb_status_t lb_pass_rotate(MlirModule module, const lb_pass_options_t *options);
lb_status_t lb_pass_smooth(MlirModule module, const lb_pass_options_t *options);
lb_status_t lb_pass_gptq(MlirModule module, const lb_pass_options_t *options);
lb_status_t lb_pass_pack_layout(MlirModule module, const lb_pass_options_t *options);
lb_status_t lb_pass_calibrate(MlirModule module, const lb_pass_options_t *options);
lb_status_t lb_pass_quantize(MlirModule module, const lb_pass_options_t *options);
lb_status_t lb_pass_quantize_elementwise(MlirModule module, const lb_pass_options_t *options);
lb_status_t lb_pass_lower_quantized(MlirModule module, const lb_pass_options_t *options);
lb_status_t lb_pass_specialize(MlirModule module, const lb_pass_options_t *options);
lb_status_t lb_pass_set_target(MlirModule module, const lb_pass_options_t *options);

#ifdef __cplusplus
}
#endif
#endif
