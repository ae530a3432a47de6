/* Target descriptions: what a backend and the passes may assume about the
 * hardware, as one MLIR attribute on the module.
 *
 * A target is a dictionary attribute (targets/<name>.mlir, one per file,
 * embedded into the library; or any file given with --target FILE):
 *
 *   { name = "generic-c", kind = "cpu", isa = "generic",
 *     weight_bits = array<i64: 8>, act_bits = array<i64: 8>, ... }
 *
 * It is verified against a schema (docs/targets.md lists every field) and
 * attached to the module as `lb.target`; passes and backends read it from
 * there (lb_target_of), never from a global. A module without one is
 * treated as targeting generic-c.
 *
 *   MlirAttribute t;
 *   LB_RETURN_IF_ERROR(lb_target_load(ctx, "generic-c", &t));
 *   lb_module_set_target(module, t);
 *   lb_target_t info;
 *   LB_RETURN_IF_ERROR(lb_target_of(module, &info));
 */
#ifndef LOWBIT_IR_LB_TARGET_H
#define LOWBIT_IR_LB_TARGET_H

#include "ir/lb_ir.h"

#ifdef __cplusplus
extern "C" {
#endif

#define LB_TARGET_DEFAULT "generic-c"

/* A decoded target (strings point into the attribute's storage, valid as
 * long as its context). Bit sets: bit b set = width b supported. */
typedef struct lb_target_s {
  char name[64];
  char kind[16];        /* "cpu" or "fpga" */
  char triple[64];      /* LLVM target triple ("" for portable C) */
  char isa[32];         /* kernel variant family: "generic" = reference kernels */
  char cpu[64];         /* LLVM CPU name ("znver4", "cortex-a76"; "native": the host; "" : the triple's default) */
  char features[512];   /* LLVM feature string, comma-separated ("+avx512vnni,+avx512bw"); "" for none */
  char dot_product[32]; /* "none", "vpdpbusd", "pmaddubsw", "sdot", "vwmacc", "dsp" */
  int64_t vector_bits;
  uint64_t weight_bits; /* bit b set: b-bit weights supported */
  uint64_t act_bits;
  int64_t l1d_bytes, l2_bytes, threads;
  int64_t prefetch_bytes; /* software prefetch distance in generated kernels' weight streams; 0 = none; -1 (absent) = the backend's default */
  /* FPGA */
  char part[64];
  double clock_mhz;
  int64_t dsp, bram_18k, lut;
  int64_t dsp_width[2]; /* the DSP multiplier's operand widths (27 x 18: {27, 18}); 0 when absent */
  bool dsp_packing;     /* two low-bit products may share one DSP */
} lb_target_t;

/* Loads a target: a built-in name ("generic-c") or a path to a .mlir file
 * (anything containing '/' or ending in .mlir). Parses and verifies it;
 * one-line INVALID_ARGUMENT / NOT_FOUND errors name the target or file. */
lb_status_t lb_target_load(MlirContext ctx, const char *name_or_file, MlirAttribute *out);
/* Parses target text (from `source`, for messages) and verifies it. */
lb_status_t lb_target_parse(MlirContext ctx, const char *text, const char *source, MlirAttribute *out);
/* Checks an attribute against the schema and decodes it into *out (may be
 * NULL). */
lb_status_t lb_target_decode(MlirAttribute attr, const char *source, lb_target_t *out);
/* Names of the built-in targets, NULL-terminated. */
const char *const *lb_target_builtin_names(void);

void lb_module_set_target(MlirModule module, MlirAttribute target);
/* The module's target, decoded; generic-c when it has none. */
lb_status_t lb_target_of(MlirModule module, lb_target_t *out);

#ifdef __cplusplus
}
#endif
#endif
