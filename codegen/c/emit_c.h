/* Portable C backend: prints an execution plan (interp/plan.h) as C99.
 *
 * Output: NAME.h declares
 *   int NAME_run(const T0 *in0, ..., U0 *out0, ..., void *scratch);
 *   size_t NAME_scratch_size(void);
 * with each input's and output's own element type (float, int8_t, uint8_t,
 * int32_t, int64_t, ...), and macros NAME_NUM_INPUTS/OUTPUTS,
 * NAME_INPUT<i>_SIZE, NAME_OUTPUT<i>_SIZE (element counts),
 * NAME_SCRATCH_SIZE. NAME.c is self-contained: the kernel parameter structs
 * (printed from the kernels' field tables), the bodies of exactly the
 * reference kernels it calls (copied from runtime/kernels/), weights as
 * static const arrays named after their ONNX initializers (floats as exact
 * hex literals), one designated-initializer params struct per step, and
 * NAME_run calling the kernels in plan order. No malloc, no stdio; clean
 * under -std=c99 -Wall -Wextra -Werror -pedantic. The scratch buffer must be
 * 16-byte aligned and NAME_scratch_size() bytes long.
 *
 * Names from the model only reach the output through support/names.h.
 */
#ifndef LOWBIT_CODEGEN_C_EMIT_C_H
#define LOWBIT_CODEGEN_C_EMIT_C_H

#include "interp/plan.h"
#include "support/strbuf.h"

typedef struct lb_emit_c_stats_s {
  int64_t weight_bytes;  /* bytes of constant data emitted */
  int64_t scratch_bytes; /* NAME_scratch_size() */
  int32_t nsteps;
} lb_emit_c_stats_t;

/* Where the weights go. LB_WEIGHTS_C: static const arrays in NAME.c.
 * LB_WEIGHTS_BINARY: one binary file NAME.weights (every constant, host
 * byte order (little-endian), 64-byte aligned) and NAME_weights.S, which
 * embeds it with the assembler's .incbin as `NAME_weights` (GNU as / clang;
 * assemble it with the C compiler: `cc -c NAME_weights.S`); NAME.c refers to
 * it: a model of any size compiles in seconds. LB_WEIGHTS_AUTO: binary when
 * the weights exceed 1 MiB (C array text of more takes gcc seconds per MiB). */
typedef enum { LB_WEIGHTS_C = 0, LB_WEIGHTS_BINARY = 1, LB_WEIGHTS_AUTO = 2 } lb_weights_mode_t;

#define LB_WEIGHTS_AUTO_BYTES ((int64_t)1 << 20)

/* The header NAME.h (the API every CPU backend shares), with the build
 * line for generated C (weights as arrays or in NAME.weights) or for an
 * object file of the LLVM backend. `name` must have passed
 * lb_name_check_model. */
typedef enum { LB_HEADER_C = 0, LB_HEADER_C_BINARY = 1, LB_HEADER_OBJ = 2, LB_HEADER_OBJ_THREADS = 3 } lb_header_kind_t;
void lb_emit_header(const lb_plan_t *plan, const char *name, lb_header_kind_t kind, lb_strbuf_t *h);

/* `name` must be a C identifier that does not collide with lowbit's own
 * (lb_...) or reserved identifiers. Fills header and source (weights as C
 * arrays); stats may be NULL. INVALID_ARGUMENT for a bad name. */
lb_status_t lb_emit_c(const lb_plan_t *plan, const char *name, lb_strbuf_t *header, lb_strbuf_t *source,
                      lb_emit_c_stats_t *stats);

/* Writes OUTDIR/NAME.h and OUTDIR/NAME.c (creating OUTDIR), with the
 * weights as C arrays. */
lb_status_t lb_emit_c_files(const lb_plan_t *plan, const char *name, const char *outdir, lb_emit_c_stats_t *stats);

/* The same with a weights mode; with binary weights also writes
 * OUTDIR/NAME.weights and OUTDIR/NAME_weights.S. *binary (may be NULL) says
 * which mode was used. */
lb_status_t lb_emit_c_files_mode(const lb_plan_t *plan, const char *name, const char *outdir, lb_weights_mode_t mode,
                                 lb_emit_c_stats_t *stats, bool *binary);

#endif
