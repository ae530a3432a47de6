/* Portable C backend: prints an execution plan as C99.
 *
 * Output: NAME.h declares
 *   int NAME_run(const float *in0, ..., float *out0, ..., void *scratch);
 *   size_t NAME_scratch_size(void);
 * and macros NAME_NUM_INPUTS/OUTPUTS, NAME_INPUT<i>_SIZE, NAME_OUTPUT<i>_SIZE
 * (element counts), NAME_SCRATCH_SIZE. NAME.c is self-contained: the
 * reference kernels it uses (embedded from runtime/), weights as static
 * const arrays (floats as exact hex literals), a static params struct per
 * step, and NAME_run calling the kernels in plan order. No malloc, no
 * stdio; clean under -std=c99 -Wall -Wextra -Werror -pedantic. The scratch
 * buffer must be 16-byte aligned and NAME_scratch_size() bytes long.
 * Graph inputs and outputs must be float32 (quantization happens inside). */
#ifndef LOWBIT_CODEGEN_C_EMIT_C_H
#define LOWBIT_CODEGEN_C_EMIT_C_H

#include "runtime/lb_plan.h"
#include "support/strbuf.h"

typedef struct lb_emit_c_stats_s {
  int64_t weight_bytes;  /* bytes of constant data emitted */
  int64_t scratch_bytes; /* NAME_scratch_size() */
  int32_t nsteps;
} lb_emit_c_stats_t;

/* `name` must be a C identifier. Fills header and source; stats may be
 * NULL. INVALID_ARGUMENT for a bad name or non-float graph boundary. */
lb_status_t lb_emit_c(const lb_plan_t *plan, const char *name, lb_strbuf_t *header, lb_strbuf_t *source,
                      lb_emit_c_stats_t *stats);

/* Writes OUTDIR/NAME.h and OUTDIR/NAME.c. */
lb_status_t lb_emit_c_files(const lb_plan_t *plan, const char *name, const char *outdir, lb_emit_c_stats_t *stats);

#endif
