/* The LLVM backend: an execution plan (interp/plan.h) compiled through the
 * LLVM C API into an object file, assembly, LLVM IR or bitcode for a CPU
 * target, with the same NAME.h and NAME_run API as the C backend.
 *
 * The module holds:
 *   - NAME_run and NAME_scratch_size, built with the IR builder: one call
 *     per plan step, its parameters a constant global (so that LLVM folds
 *     every shape into the kernel it inlines: the code is specialized to the
 *     model's shapes);
 *   - the weights as constant globals (64-byte aligned);
 *   - the reference kernels of the families the plan uses, linked from
 *     bitcode embedded at build time (codegen/llvm/bitcode.h) and optimized
 *     here for the target CPU;
 *   - SIMD kernels generated for the target where one exists (x86 AVX-512
 *     VNNI and AArch64 sdot: codegen/llvm/dot_matmul.c, dot_conv.c), replacing their steps' reference
 *     kernels with the same results bit for bit.
 * Everything except the two entry points has internal linkage, so models
 * compiled with different --name link into one program. LLVM's O3
 * pipeline runs with the target machine; float code is never contracted
 * into FMAs (the bitcode is built with -ffp-contract=off), so every output
 * is bit-identical to `lowbit run`.
 *
 * The target (ir/lb_target.h) gives the triple ("" = the host), the CPU
 * ("native" = the host's, with its features) and a feature string.
 */
#ifndef LOWBIT_CODEGEN_LLVM_EMIT_LLVM_H
#define LOWBIT_CODEGEN_LLVM_EMIT_LLVM_H

#include "interp/plan.h"
#include "ir/lb_target.h"

typedef enum { LB_LLVM_OBJ = 0, LB_LLVM_ASM = 1, LB_LLVM_IR = 2, LB_LLVM_BC = 3 } lb_llvm_output_t;

typedef struct lb_emit_llvm_stats_s {
  int64_t weight_bytes;  /* bytes of constant data in the module */
  int64_t scratch_bytes; /* NAME_scratch_size() */
  int32_t nsteps;
  int32_t simd_steps;    /* steps that run a generated SIMD kernel */
  char triple[96], cpu[64];
} lb_emit_llvm_stats_t;

/* Writes OUTDIR/NAME.h and OUTDIR/NAME.o (.s, .ll, .bc for the other
 * outputs), creating OUTDIR. `simd` false keeps every step on the
 * reference kernels (for tests that compare the two). stats may be NULL.
 * Errors: INVALID_ARGUMENT for a bad name or a triple/CPU LLVM does not
 * know; UNIMPLEMENTED for an architecture lowbit has no kernel bitcode for. */
lb_status_t lb_emit_llvm_files(const lb_plan_t *plan, const lb_target_t *target, const char *name, const char *outdir,
                               lb_llvm_output_t output, bool simd, lb_emit_llvm_stats_t *stats);

#endif
