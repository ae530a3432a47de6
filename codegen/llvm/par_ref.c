/* Reference kernels split over --threads (codegen/llvm/: objects built
 * with --threads N > 1).
 *
 * The elementwise quantization kernels of runtime/kernels/quant.c (the
 * ones on lb_quant_params_t: quantize, dequantize, requantize,
 * requantize_fp) run on N threads: a float layer's input quantization,
 * left on one thread, had been a tenth of 512x512x512's time on two
 * threads. Their loop nest is [outer, n, inner], parameters per channel c
 * of n (block == 0: the blocked form indexes parameters by position and is
 * left alone), so
 *   - one channel (per-tensor parameters) is a flat run of elements, cut
 *     into N runs: the chunk's params say outer = n = 1, inner = its
 *     length;
 *   - several channels split by `outer` (rows of n * inner elements), when
 *     there are at least N of them.
 * Each chunk calls the same reference kernel on its own params and on its
 * slice of the data and the output (the parameter tensors are shared), so
 * every element is computed by the same code as on one thread: the result
 * is bit-identical by construction. The chunks' params and byte offsets
 * are tables in the object; the kernel runs them through lb_parallel_for
 * with one range per thread. */
#include <llvm-c/Core.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "codegen/llvm/llvm_cg.h"
#include "runtime/kernels/quant.h"
#include "support/dtype.h"

/* Elements below which a quantization step stays on one thread (a
 * quantize of 32768 floats is a few microseconds; a join costs about one). */
#define LB_PAR_REF_MIN_ELEMS ((int64_t)1 << 15)

bool lb_llvm_par_ref_step(lb_llvm_cg_t *g, const lb_plan_step_t *s, LLVMValueRef fn, LLVMValueRef *ptrs) {
  if (g->threads <= 1 || s->kernel->params != &lb_quant_params_desc || s->nin < 1 || s->nin > 7 || s->in[0] < 0)
    return false;
  const lb_quant_params_t *p = (const lb_quant_params_t *)s->params;
  if (p->block > 0 || p->outer < 1 || p->n < 1 || p->inner < 1) return false;
  int64_t total = p->outer * p->n * p->inner, T = g->threads;
  if (total < LB_PAR_REF_MIN_ELEMS) return false;
  bool flat = p->n == 1;
  int64_t units = flat ? total : p->outer, unit_elems = flat ? 1 : p->n * p->inner;
  if (units < T) return false;
  const lb_plan_tensor_t *x = &g->plan->tensors[lb_plan_root(g->plan, s->in[0])];
  const lb_plan_tensor_t *y = &g->plan->tensors[lb_plan_root(g->plan, s->out)];
  int64_t xs = (int64_t)lb_dtype_size(x->dtype), ys = (int64_t)lb_dtype_size(y->dtype);
  if (xs < 1 || ys < 1 || x->nbytes < total * xs || y->nbytes < total * ys) return false;

  /* the chunks: params and the byte offsets of their data and output */
  size_t ps = s->kernel->params->size;
  unsigned char *ptab = calloc((size_t)T, ps);
  int64_t *offs = calloc((size_t)(2 * T), sizeof *offs);
  if (!ptab || !offs) {
    free(ptab);
    free(offs);
    return false;
  }
  for (int64_t i = 0; i < T; ++i) {
    int64_t lo = units * i / T, hi = units * (i + 1) / T;
    lb_quant_params_t c = *p;
    if (flat) c.outer = 1, c.n = 1, c.inner = hi - lo;
    else c.outer = hi - lo;
    memcpy(ptab + (size_t)i * ps, &c, sizeof c);
    offs[2 * i] = lo * unit_elems * xs;
    offs[2 * i + 1] = lo * unit_elems * ys;
  }
  LLVMValueRef pg = lb_llvm_const_bytes(g, ptab, (int64_t)((size_t)T * ps), "par.p");
  LLVMValueRef og = lb_llvm_const_bytes(g, offs, (int64_t)(2 * T * (int64_t)sizeof *offs), "par.off");
  free(ptab);
  free(offs);

  /* void range(ctx = {the step's pointers}, lo, hi): chunks [lo, hi) */
  int nptr = s->nin + 1;
  LLVMTypeRef fields[8];
  for (int i = 0; i < nptr; ++i) fields[i] = g->ptr;
  LLVMTypeRef ct = LLVMStructTypeInContext(g->ctx, fields, (unsigned)nptr, 0);
  char nm[64];
  snprintf(nm, sizeof nm, "lb.par.%s.%d", s->kernel->name, g->uid++);
  LLVMTypeRef pt[3] = {g->ptr, g->i64, g->i64};
  LLVMValueRef rf = LLVMAddFunction(g->mod, nm, LLVMFunctionType(g->vd, pt, 3, 0));
  LLVMSetLinkage(rf, LLVMInternalLinkage);
  lb_llvm_set_fn_target(g, rf);
  LLVMBasicBlockRef saved = LLVMGetInsertBlock(g->b);
  LLVMPositionBuilderAtEnd(g->b, LLVMAppendBasicBlockInContext(g->ctx, rf, "entry"));
  LLVMValueRef ctx = LLVMGetParam(rf, 0), loaded[8];
  for (int i = 0; i < nptr; ++i) loaded[i] = LLVMBuildLoad2(g->b, g->ptr, LLVMBuildStructGEP2(g->b, ct, ctx, (unsigned)i, ""), "");
  lb_llvm_loop_t l;
  lb_llvm_loop_begin(g, &l, LLVMGetParam(rf, 1), LLVMGetParam(rf, 2), 1);
  LLVMValueRef args[LB_KERNEL_MAX_INPUTS + 2];
  args[0] = lb_llvm_gep(g, pg, LLVMBuildMul(g->b, l.iv, lb_llvm_i64(g, (int64_t)ps), ""));
  LLVMValueRef ob = lb_llvm_gep(g, og, LLVMBuildMul(g->b, l.iv, lb_llvm_i64(g, 16), ""));
  LLVMValueRef xo = LLVMBuildLoad2(g->b, g->i64, ob, ""), yo = LLVMBuildLoad2(g->b, g->i64, lb_llvm_gep(g, ob, lb_llvm_i64(g, 8)), "");
  for (int k = 0; k < s->nin; ++k) args[k + 1] = k == 0 ? lb_llvm_gep(g, loaded[0], xo) : loaded[k];
  args[s->nin + 1] = lb_llvm_gep(g, loaded[s->nin], yo);
  LLVMBuildCall2(g->b, LLVMGlobalGetValueType(fn), fn, args, (unsigned)s->nin + 2, "");
  lb_llvm_loop_end(g, &l);
  LLVMBuildRetVoid(g->b);

  /* the context on the entry block of NAME_run (no terminator yet: it is built last) */
  LLVMPositionBuilderAtEnd(g->b, LLVMGetEntryBasicBlock(g->run));
  LLVMValueRef c = LLVMBuildAlloca(g->b, ct, "par.ctx");
  LLVMPositionBuilderAtEnd(g->b, saved);
  for (int i = 0; i < nptr; ++i) LLVMBuildStore(g->b, ptrs[i], LLVMBuildStructGEP2(g->b, ct, c, (unsigned)i, ""));
  LLVMValueRef pa[4] = {lb_llvm_i64(g, T), rf, c, lb_llvm_i32(g, g->threads)};
  LLVMBuildCall2(g->b, g->par_for_t, g->par_for, pa, 4, "");
  return true;
}
