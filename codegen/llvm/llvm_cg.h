/* Inside the LLVM backend: the state SIMD kernel generators share with
 * emit_llvm.c, and small IR-building helpers. Not a public header.
 *
 * A step generator (e.g. codegen/llvm/dot_matmul.c, dot_conv.c) is
 * offered every plan step. It either emits the step's computation at the
 * builder's position inside NAME_run and returns true, or emits nothing and
 * returns false; the step then calls its reference kernel. A generator
 * must compute exactly what the reference kernel computes (the interpreter
 * is the oracle; test/consistency runs both). */
#ifndef LOWBIT_CODEGEN_LLVM_LLVM_CG_H
#define LOWBIT_CODEGEN_LLVM_LLVM_CG_H

#include <llvm-c/Core.h>
#include <stdbool.h>

#include "interp/plan.h"
#include "ir/lb_target.h"

typedef struct lb_llvm_cg_s {
  LLVMContextRef ctx;
  LLVMModuleRef mod;
  LLVMBuilderRef b;
  const lb_plan_t *plan;
  const char *arch;     /* "x86_64", "aarch64", "riscv64" */
  const char *cpu;      /* resolved CPU name (never "native") */
  const char *features; /* resolved feature string */
  LLVMTypeRef i8, i16, i32, i64, ptr, vd;
  LLVMValueRef run;     /* NAME_run */
  LLVMValueRef *consts; /* per tensor id: the global of a constant, or NULL until used */
  int32_t uid;          /* for unique symbol names */
  int64_t l1d_bytes;    /* the target's L1 data cache, for tiling */
  int64_t l2_bytes;     /* the target's L2 cache (per core), for K blocking */
  int64_t prefetch_bytes; /* software prefetch distance in weight streams (0: none; -1: the kernel's default) */
  /* Scratch memory of the generated kernels beyond the plan's: at
   * extra_base (64-byte aligned, after the plan's arena); a generator
   * raises extra_scratch to what it needs (steps run one at a time). */
  LLVMValueRef extra_base;
  int64_t extra_scratch;
  /* --threads: > 1 links runtime/parallel/parallel.c; lb_parallel_for is
   * void (int64 n, void (*fn)(ptr ctx, int64 lo, int64 hi), ptr ctx, int32 threads) */
  int32_t threads;
  LLVMValueRef par_for;
  LLVMTypeRef par_for_t;
} lb_llvm_cg_t;

typedef bool (*lb_llvm_step_gen_t)(lb_llvm_cg_t *g, const lb_plan_step_t *s, LLVMValueRef *ptrs);

/* ptrs[0 .. s->nin - 1] are the step's inputs (NULL constant pointer for
 * an absent optional input), ptrs[s->nin] its output. */
/* The packed integer matmul on dot-product instructions
 * (codegen/llvm/dot_matmul.c): x86 AVX-512 VNNI vpdpbusd, AArch64 sdot. */
bool lb_llvm_dot_matmul_step(lb_llvm_cg_t *g, const lb_plan_step_t *s, LLVMValueRef *ptrs);
bool lb_llvm_dot_conv_step(lb_llvm_cg_t *g, const lb_plan_step_t *s, LLVMValueRef *ptrs);
/* A reference kernel step (fn, its function in the module) split over
 * g->threads (codegen/llvm/par_ref.c): the elementwise quantization
 * kernels with enough elements; false (nothing built) for any other. */
bool lb_llvm_par_ref_step(lb_llvm_cg_t *g, const lb_plan_step_t *s, LLVMValueRef fn, LLVMValueRef *ptrs);

/* A <16 x i32> with every lane x (i32). */
LLVMValueRef lb_llvm_splat16(lb_llvm_cg_t *g, LLVMValueRef x);
/* A non-overloaded intrinsic by name (e.g. "llvm.x86.avx2.pmadd.wd") and its type; NULL if LLVM has none. */
LLVMValueRef lb_llvm_intrinsic(lb_llvm_cg_t *g, const char *name, LLVMTypeRef *type);
/* llvm.x86.avx512.vpdpbusd.512 and its type. */
LLVMValueRef lb_llvm_vpdpbusd(lb_llvm_cg_t *g, LLVMTypeRef *type);

/* True if the target has feature `f` ("avx512vnni"): named with '+' in the
 * feature string, or implied by the CPU. */
bool lb_llvm_has_feature(const lb_llvm_cg_t *g, const char *f);

/* A private constant global holding n bytes (64-byte aligned). */
LLVMValueRef lb_llvm_const_bytes(lb_llvm_cg_t *g, const void *data, int64_t n, const char *what);

/* Sets the target's CPU and features on a function defined by the backend. */
void lb_llvm_set_fn_target(lb_llvm_cg_t *g, LLVMValueRef fn);

/* Counted loops: for (iv = lo; iv < hi; iv += step), i64, lo < hi known.
 * lb_llvm_loop_begin leaves the builder in the body; lb_llvm_loop_end
 * closes it and leaves the builder after the loop. Loop-carried values:
 * lb_llvm_loop_phi before the body's code, lb_llvm_loop_next with the
 * value at the end of the body (before lb_llvm_loop_end). */
typedef struct lb_llvm_loop_s {
  LLVMBasicBlockRef pre, head, body, exit;
  LLVMValueRef iv, step, hi;
  LLVMValueRef phis[32], nexts[32];
  int nphis;
} lb_llvm_loop_t;
void lb_llvm_loop_begin(lb_llvm_cg_t *g, lb_llvm_loop_t *l, LLVMValueRef lo, LLVMValueRef hi, int64_t step);
LLVMValueRef lb_llvm_loop_phi(lb_llvm_cg_t *g, lb_llvm_loop_t *l, LLVMValueRef init);
void lb_llvm_loop_end(lb_llvm_cg_t *g, lb_llvm_loop_t *l);
/* The loop-carried value i after the loop (its last next value). */
LLVMValueRef lb_llvm_loop_result(lb_llvm_cg_t *g, lb_llvm_loop_t *l, int i);

/* if (cond) { ... }: lb_llvm_if leaves the builder in the then-block and
 * returns the join block, which lb_llvm_endif closes it into. */
LLVMBasicBlockRef lb_llvm_if(lb_llvm_cg_t *g, LLVMValueRef cond);
void lb_llvm_endif(lb_llvm_cg_t *g, LLVMBasicBlockRef join);

/* Work (multiply-accumulates) below which a kernel does not split over threads. */
#define LB_LLVM_PAR_MIN_MACS ((int64_t)1 << 21)

static inline LLVMValueRef lb_llvm_i64(lb_llvm_cg_t *g, int64_t v) { return LLVMConstInt(g->i64, (unsigned long long)v, 1); }
static inline LLVMValueRef lb_llvm_i32(lb_llvm_cg_t *g, int32_t v) { return LLVMConstInt(g->i32, (unsigned long long)(int64_t)v, 1); }
/* p + off bytes */
static inline LLVMValueRef lb_llvm_gep(lb_llvm_cg_t *g, LLVMValueRef p, LLVMValueRef off) {
  return LLVMBuildInBoundsGEP2(g->b, g->i8, p, &off, 1, "");
}

#endif
