/* The LLVM backend (see emit_llvm.h). */
#include "codegen/llvm/emit_llvm.h"

#include <llvm-c/Analysis.h>
#include <llvm-c/BitReader.h>
#include <llvm-c/BitWriter.h>
#include <llvm-c/Core.h>
#include <llvm-c/Linker.h>
#include <llvm-c/Target.h>
#include <llvm-c/TargetMachine.h>
#include <llvm-c/Transforms/PassBuilder.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "codegen/c/emit_c.h"
#include "codegen/llvm/bitcode.h"
#include "codegen/llvm/llvm_cg.h"
#include "support/file.h"
#include "support/names.h"

/* The SIMD step generators, tried in order (each checks its own ISA). */
static const lb_llvm_step_gen_t lb_llvm_generators[] = {lb_llvm_dot_matmul_step, lb_llvm_dot_conv_step};

static pthread_once_t lb_llvm_once = PTHREAD_ONCE_INIT;
static void lb_llvm_init_targets(void) {
  LLVMInitializeAllTargetInfos();
  LLVMInitializeAllTargets();
  LLVMInitializeAllTargetMCs();
  LLVMInitializeAllAsmPrinters();
}

/* ---- helpers shared with the generators (llvm_cg.h) ---- */

/* CPUs whose feature sets include AVX512-VNNI (LLVM's names). */
static const char *const lb_vnni_cpus[] = {"znver4", "znver5", "cascadelake", "cooperlake", "icelake-client",
                                           "icelake-server", "tigerlake", "sapphirerapids", "emeraldrapids",
                                           "graniterapids", "graniterapids-d", "rocketlake", "alderlake", NULL};

/* Further CPUs whose feature sets include AVX2 (the ones above do too). */
static const char *const lb_avx2_cpus[] = {"x86-64-v3", "x86-64-v4", "haswell", "broadwell", "skylake", "skylake-avx512",
                                           "cannonlake", "icelake-client", "raptorlake", "meteorlake", "arrowlake",
                                           "lunarlake", "znver1", "znver2", "znver3", NULL};

/* AArch64 CPUs with the dot-product extension (Armv8.2 dotprod and later). */
static const char *const lb_dotprod_cpus[] = {"cortex-a55", "cortex-a65", "cortex-a75", "cortex-a76", "cortex-a77", "cortex-a78",
                                              "cortex-a710", "cortex-x1", "cortex-x2", "neoverse-n1", "neoverse-n2",
                                              "neoverse-v1", "neoverse-v2", "apple-m1", "apple-m2", "apple-m3", "ampere1", NULL};

bool lb_llvm_has_feature(const lb_llvm_cg_t *g, const char *f) {
  size_t n = strlen(f);
  for (const char *p = g->features; p && *p;) {
    const char *e = strchr(p, ',');
    size_t len = e ? (size_t)(e - p) : strlen(p);
    if (len == n + 1 && (p[0] == '+' || p[0] == '-') && !memcmp(p + 1, f, n)) return p[0] == '+';
    p = e ? e + 1 : p + len;
  }
  if (!strcmp(f, "avx512vnni"))
    for (const char *const *c = lb_vnni_cpus; *c; ++c)
      if (!strcmp(*c, g->cpu)) return strcmp(g->cpu, "alderlake") != 0; /* alderlake: AVX-VNNI only */
  if (!strcmp(f, "avx2")) {
    for (const char *const *c = lb_vnni_cpus; *c; ++c)
      if (!strcmp(*c, g->cpu)) return true;
    for (const char *const *c = lb_avx2_cpus; *c; ++c)
      if (!strcmp(*c, g->cpu)) return true;
  }
  if (!strcmp(f, "dotprod"))
    for (const char *const *c = lb_dotprod_cpus; *c; ++c)
      if (!strcmp(*c, g->cpu)) return true;
  return false;
}

LLVMValueRef lb_llvm_const_bytes(lb_llvm_cg_t *g, const void *data, int64_t n, const char *what) {
  char nm[64];
  snprintf(nm, sizeof nm, "lb.%s.%d", what, g->uid++);
  static const char zero = 0;
  LLVMValueRef init = LLVMConstStringInContext2(g->ctx, n > 0 ? (const char *)data : &zero, (size_t)(n > 0 ? n : 1), 1);
  LLVMValueRef gv = LLVMAddGlobal(g->mod, LLVMTypeOf(init), nm);
  LLVMSetInitializer(gv, init);
  LLVMSetGlobalConstant(gv, 1);
  LLVMSetLinkage(gv, LLVMPrivateLinkage);
  LLVMSetUnnamedAddress(gv, LLVMGlobalUnnamedAddr);
  LLVMSetAlignment(gv, 64);
  return gv;
}

static void lb_llvm_set_str_attr(LLVMContextRef ctx, LLVMValueRef fn, const char *k, const char *v) {
  LLVMRemoveStringAttributeAtIndex(fn, LLVMAttributeFunctionIndex, k, (unsigned)strlen(k));
  if (v && *v)
    LLVMAddAttributeAtIndex(fn, LLVMAttributeFunctionIndex,
                            LLVMCreateStringAttribute(ctx, k, (unsigned)strlen(k), v, (unsigned)strlen(v)));
}

void lb_llvm_set_fn_target(lb_llvm_cg_t *g, LLVMValueRef fn) {
  lb_llvm_set_str_attr(g->ctx, fn, "target-cpu", g->cpu);
  lb_llvm_set_str_attr(g->ctx, fn, "target-features", g->features);
  lb_llvm_set_str_attr(g->ctx, fn, "tune-cpu", NULL);
  unsigned nu = LLVMGetEnumAttributeKindForName("nounwind", 8);
  LLVMAddAttributeAtIndex(fn, LLVMAttributeFunctionIndex, LLVMCreateEnumAttribute(g->ctx, nu, 0));
}

LLVMBasicBlockRef lb_llvm_if(lb_llvm_cg_t *g, LLVMValueRef cond) {
  LLVMValueRef fn = LLVMGetBasicBlockParent(LLVMGetInsertBlock(g->b));
  LLVMBasicBlockRef then = LLVMAppendBasicBlockInContext(g->ctx, fn, "then");
  LLVMBasicBlockRef join = LLVMAppendBasicBlockInContext(g->ctx, fn, "endif");
  LLVMBuildCondBr(g->b, cond, then, join);
  LLVMPositionBuilderAtEnd(g->b, then);
  return join;
}

void lb_llvm_endif(lb_llvm_cg_t *g, LLVMBasicBlockRef join) {
  LLVMBuildBr(g->b, join);
  LLVMPositionBuilderAtEnd(g->b, join);
}

LLVMValueRef lb_llvm_splat16(lb_llvm_cg_t *g, LLVMValueRef x) {
  LLVMTypeRef v16 = LLVMVectorType(g->i32, 16);
  LLVMValueRef ins = LLVMBuildInsertElement(g->b, LLVMGetPoison(v16), x, lb_llvm_i32(g, 0), "");
  return LLVMBuildShuffleVector(g->b, ins, LLVMGetPoison(v16), LLVMConstNull(v16), "");
}

LLVMValueRef lb_llvm_intrinsic(lb_llvm_cg_t *g, const char *name, LLVMTypeRef *type) {
  unsigned id = LLVMLookupIntrinsicID(name, strlen(name));
  if (!id) return NULL;
  *type = LLVMIntrinsicGetType(g->ctx, id, NULL, 0);
  return LLVMGetIntrinsicDeclaration(g->mod, id, NULL, 0);
}

LLVMValueRef lb_llvm_vpdpbusd(lb_llvm_cg_t *g, LLVMTypeRef *type) {
  return lb_llvm_intrinsic(g, "llvm.x86.avx512.vpdpbusd.512", type);
}

void lb_llvm_loop_begin(lb_llvm_cg_t *g, lb_llvm_loop_t *l, LLVMValueRef lo, LLVMValueRef hi, int64_t step) {
  memset(l, 0, sizeof *l);
  LLVMValueRef fn = LLVMGetBasicBlockParent(LLVMGetInsertBlock(g->b));
  l->pre = LLVMGetInsertBlock(g->b);
  l->body = LLVMAppendBasicBlockInContext(g->ctx, fn, "loop");
  l->exit = LLVMAppendBasicBlockInContext(g->ctx, fn, "loop.exit");
  LLVMBuildBr(g->b, l->body);
  LLVMPositionBuilderAtEnd(g->b, l->body);
  l->iv = LLVMBuildPhi(g->b, g->i64, "iv");
  LLVMAddIncoming(l->iv, &lo, &l->pre, 1);
  l->step = lb_llvm_i64(g, step);
  l->hi = hi;
}

LLVMValueRef lb_llvm_loop_phi(lb_llvm_cg_t *g, lb_llvm_loop_t *l, LLVMValueRef init) {
  LLVMBasicBlockRef cur = LLVMGetInsertBlock(g->b);
  LLVMValueRef first = LLVMGetFirstInstruction(l->body);
  LLVMPositionBuilderBefore(g->b, LLVMGetNextInstruction(first) ? LLVMGetNextInstruction(first) : first);
  /* phis go right after the induction variable's, in creation order */
  LLVMValueRef at = l->iv;
  for (int i = 0; i < l->nphis; ++i) at = l->phis[i];
  LLVMValueRef nxt = LLVMGetNextInstruction(at);
  if (nxt) LLVMPositionBuilderBefore(g->b, nxt);
  else LLVMPositionBuilderAtEnd(g->b, l->body);
  LLVMValueRef phi = LLVMBuildPhi(g->b, LLVMTypeOf(init), "");
  LLVMAddIncoming(phi, &init, &l->pre, 1);
  l->phis[l->nphis++] = phi;
  LLVMPositionBuilderAtEnd(g->b, cur);
  return phi;
}

void lb_llvm_loop_end(lb_llvm_cg_t *g, lb_llvm_loop_t *l) {
  LLVMBasicBlockRef latch = LLVMGetInsertBlock(g->b);
  LLVMValueRef next = LLVMBuildAdd(g->b, l->iv, l->step, "iv.next");
  LLVMValueRef more = LLVMBuildICmp(g->b, LLVMIntSLT, next, l->hi, "");
  LLVMBuildCondBr(g->b, more, l->body, l->exit);
  LLVMAddIncoming(l->iv, &next, &latch, 1);
  for (int i = 0; i < l->nphis; ++i) LLVMAddIncoming(l->phis[i], &l->nexts[i], &latch, 1);
  LLVMPositionBuilderAtEnd(g->b, l->exit);
}

LLVMValueRef lb_llvm_loop_result(lb_llvm_cg_t *g, lb_llvm_loop_t *l, int i) {
  (void)g;
  return l->nexts[i];
}

/* ---- the module ---- */

static const char *lb_llvm_arch(const char *triple) {
  if (!strncmp(triple, "x86_64", 6)) return "x86_64";
  if (!strncmp(triple, "aarch64", 7)) return "aarch64";
  if (!strncmp(triple, "riscv64", 7)) return "riscv64";
  return NULL;
}

/* Links the bitcode of every kernel family the plan calls into g->mod. */
static lb_status_t lb_llvm_link_kernels(lb_llvm_cg_t *g) {
  const lb_plan_t *plan = g->plan;
  for (const lb_bitcode_t *bc = lb_kernel_bitcode; bc->arch; ++bc) {
    if (strcmp(bc->arch, g->arch)) continue;
    bool used = g->threads > 1 && !strcmp(bc->family, "parallel");
    for (int32_t s = 0; s < plan->nsteps && !used; ++s) used = !strcmp(plan->steps[s].kernel->family, bc->family);
    if (!used) continue;
    LLVMMemoryBufferRef mb =
        LLVMCreateMemoryBufferWithMemoryRange((const char *)bc->begin, (size_t)(bc->end - bc->begin), bc->family, 0);
    LLVMModuleRef m = NULL;
    bool bad = LLVMParseBitcodeInContext2(g->ctx, mb, &m) != 0;
    LLVMDisposeMemoryBuffer(mb);
    if (bad) return LB_ERROR(LB_STATUS_INTERNAL, "kernel bitcode %s/%s does not parse", bc->arch, bc->family);
    LLVMSetTarget(m, LLVMGetTarget(g->mod));
    LLVMSetDataLayout(m, LLVMGetDataLayoutStr(g->mod));
    if (LLVMLinkModules2(g->mod, m))
      return LB_ERROR(LB_STATUS_INTERNAL, "kernel bitcode %s/%s does not link", bc->arch, bc->family);
  }
  /* the kernels' self-registration (constructors) is the runtime library's, not generated code's */
  LLVMValueRef ctors = LLVMGetNamedGlobal(g->mod, "llvm.global_ctors");
  if (ctors) LLVMDeleteGlobal(ctors);
  if (g->threads > 1) {
    g->par_for = LLVMGetNamedFunction(g->mod, "lb_parallel_for");
    if (!g->par_for || LLVMIsDeclaration(g->par_for))
      return LB_ERROR(LB_STATUS_INTERNAL, "--threads: runtime/parallel/parallel.c is not in the %s bitcode", g->arch);
    g->par_for_t = LLVMGlobalGetValueType(g->par_for);
  }
  return LB_OK;
}

static LLVMValueRef lb_llvm_tensor(lb_llvm_cg_t *g, int32_t id) {
  if (id < 0) return LLVMConstPointerNull(g->ptr);
  int32_t r = lb_plan_root(g->plan, id);
  const lb_plan_tensor_t *t = &g->plan->tensors[r];
  switch (t->mem) {
    case LB_MEM_INPUT: return LLVMGetParam(g->run, (unsigned)t->index);
    case LB_MEM_OUTPUT: return LLVMGetParam(g->run, (unsigned)(g->plan->ninputs + t->index));
    case LB_MEM_CONST:
      if (!g->consts[r]) g->consts[r] = lb_llvm_const_bytes(g, t->data, t->nbytes, "w");
      return g->consts[r];
    case LB_MEM_SCRATCH: {
      LLVMValueRef s = LLVMGetParam(g->run, (unsigned)(g->plan->ninputs + g->plan->noutputs));
      return lb_llvm_gep(g, s, lb_llvm_i64(g, t->offset));
    }
  }
  return LLVMConstPointerNull(g->ptr);
}

/* NAME_run and NAME_scratch_size. */
static lb_status_t lb_llvm_entry_points(lb_llvm_cg_t *g, const char *name, bool simd, int32_t *nsimd,
                                        int64_t *total_scratch) {
  const lb_plan_t *plan = g->plan;
  char sym[128];
  unsigned np = (unsigned)(plan->ninputs + plan->noutputs + 1);
  LLVMTypeRef *pt = calloc(np, sizeof *pt);
  if (!pt) return LB_ERROR(LB_STATUS_RESOURCE_EXHAUSTED, "out of memory");
  for (unsigned i = 0; i < np; ++i) pt[i] = g->ptr;
  snprintf(sym, sizeof sym, "%s_run", name);
  g->run = LLVMAddFunction(g->mod, sym, LLVMFunctionType(g->i32, pt, np, 0));
  free(pt);
  lb_llvm_set_fn_target(g, g->run);
  for (int32_t i = 0; i < plan->ninputs; ++i) {
    snprintf(sym, sizeof sym, "in%d", i);
    LLVMSetValueName2(LLVMGetParam(g->run, (unsigned)i), sym, strlen(sym));
  }
  for (int32_t i = 0; i < plan->noutputs; ++i) {
    snprintf(sym, sizeof sym, "out%d", i);
    LLVMSetValueName2(LLVMGetParam(g->run, (unsigned)(plan->ninputs + i)), sym, strlen(sym));
  }
  LLVMValueRef scratch = LLVMGetParam(g->run, np - 1);
  LLVMSetValueName2(scratch, "scratch", 7);

  LLVMBasicBlockRef entry = LLVMAppendBasicBlockInContext(g->ctx, g->run, "entry");
  LLVMBasicBlockRef body = LLVMAppendBasicBlockInContext(g->ctx, g->run, "steps");
  LLVMPositionBuilderAtEnd(g->b, body);
  int64_t base = (plan->scratch_size + 63) / 64 * 64;
  g->extra_base = lb_llvm_gep(g, scratch, lb_llvm_i64(g, base));
  lb_status_t st = LB_OK;
  for (int32_t si = 0; si < plan->nsteps && !st; ++si) {
    const lb_plan_step_t *s = &plan->steps[si];
    LLVMValueRef ptrs[LB_KERNEL_MAX_INPUTS + 1];
    for (int32_t k = 0; k < s->nin; ++k) ptrs[k] = lb_llvm_tensor(g, s->in[k]);
    ptrs[s->nin] = lb_llvm_tensor(g, s->out);
    bool done = false;
    for (size_t k = 0; simd && !done && k < sizeof lb_llvm_generators / sizeof lb_llvm_generators[0]; ++k)
      done = lb_llvm_generators[k](g, s, ptrs);
    if (done) {
      ++*nsimd;
      continue;
    }
    LLVMValueRef fn = LLVMGetNamedFunction(g->mod, s->kernel->function);
    if (!fn || LLVMIsDeclaration(fn)) {
      st = LB_ERROR(LB_STATUS_INTERNAL, "kernel %s is not in the %s bitcode of runtime/kernels/%s.c", s->kernel->function,
                    g->arch, s->kernel->family);
      break;
    }
    if (LLVMCountParams(fn) != (unsigned)s->nin + 2) {
      st = LB_ERROR(LB_STATUS_INTERNAL, "kernel %s takes %u arguments, the plan gives %d", s->kernel->function,
                    LLVMCountParams(fn), s->nin + 2);
      break;
    }
    if (lb_llvm_par_ref_step(g, s, fn, ptrs)) continue;
    LLVMValueRef args[LB_KERNEL_MAX_INPUTS + 2];
    args[0] = lb_llvm_const_bytes(g, s->params, (int64_t)s->kernel->params->size, "p");
    for (int32_t k = 0; k <= s->nin; ++k) args[k + 1] = ptrs[k];
    LLVMBuildCall2(g->b, LLVMGlobalGetValueType(fn), fn, args, (unsigned)s->nin + 2, "");
  }
  LLVMBuildRet(g->b, lb_llvm_i32(g, 0));
  /* the entry block, now that the generated kernels' scratch is known */
  *total_scratch = g->extra_scratch > 0 ? base + g->extra_scratch : plan->scratch_size;
  LLVMPositionBuilderAtEnd(g->b, entry);
  if (*total_scratch > 0) {
    LLVMBasicBlockRef fail = LLVMAppendBasicBlockInContext(g->ctx, g->run, "no_scratch");
    LLVMBuildCondBr(g->b, LLVMBuildIsNull(g->b, scratch, ""), fail, body);
    LLVMPositionBuilderAtEnd(g->b, fail);
    LLVMBuildRet(g->b, lb_llvm_i32(g, -1));
  } else {
    LLVMBuildBr(g->b, body);
  }

  snprintf(sym, sizeof sym, "%s_scratch_size", name);
  LLVMValueRef ss = LLVMAddFunction(g->mod, sym, LLVMFunctionType(g->i64, NULL, 0, 0));
  lb_llvm_set_fn_target(g, ss);
  LLVMPositionBuilderAtEnd(g->b, LLVMAppendBasicBlockInContext(g->ctx, ss, "entry"));
  LLVMBuildRet(g->b, lb_llvm_i64(g, *total_scratch));
  return st;
}

/* Everything but the entry points internal; every function compiled for
 * the target CPU. */
static void lb_llvm_finalize(lb_llvm_cg_t *g, const char *name) {
  char run[128], ss[128];
  snprintf(run, sizeof run, "%s_run", name);
  snprintf(ss, sizeof ss, "%s_scratch_size", name);
  for (LLVMValueRef f = LLVMGetFirstFunction(g->mod); f; f = LLVMGetNextFunction(f)) {
    if (LLVMIsDeclaration(f)) continue;
    size_t n;
    const char *nm = LLVMGetValueName2(f, &n);
    if (strcmp(nm, run) && strcmp(nm, ss)) LLVMSetLinkage(f, LLVMInternalLinkage);
    lb_llvm_set_fn_target(g, f);
  }
  for (LLVMValueRef v = LLVMGetFirstGlobal(g->mod); v; v = LLVMGetNextGlobal(v))
    if (!LLVMIsDeclaration(v) && LLVMGetLinkage(v) != LLVMPrivateLinkage) LLVMSetLinkage(v, LLVMInternalLinkage);
}

lb_status_t lb_emit_llvm_files(const lb_plan_t *plan, const lb_target_t *target, const char *name, const char *outdir,
                               lb_llvm_output_t output, bool simd, lb_emit_llvm_stats_t *stats) {
  LB_RETURN_IF_ERROR(lb_name_check_model(name));
  pthread_once(&lb_llvm_once, lb_llvm_init_targets);
  char *host_triple = LLVMGetDefaultTargetTriple();
  char *host_cpu = NULL, *host_features = NULL, *triple = NULL, *err = NULL;
  lb_status_t st = LB_OK;
  if (target->triple[0]) triple = LLVMNormalizeTargetTriple(target->triple);
  else triple = LLVMNormalizeTargetTriple(host_triple);
  const char *cpu = target->cpu[0] ? target->cpu : "generic", *features = target->features;
  if (!strcmp(cpu, "native")) {
    char *nh = LLVMNormalizeTargetTriple(host_triple);
    bool host = !strcmp(nh, triple);
    LLVMDisposeMessage(nh);
    if (!host) {
      st = LB_ERROR(LB_STATUS_INVALID_ARGUMENT, "target '%s': cpu \"native\" needs the host's triple (%s), not %s",
                    target->name, host_triple, triple);
      goto out;
    }
    host_cpu = LLVMGetHostCPUName();
    host_features = LLVMGetHostCPUFeatures();
    cpu = host_cpu;
    features = host_features;
  }
  const char *arch = lb_llvm_arch(triple);
  if (!arch) {
    st = LB_ERROR(LB_STATUS_UNIMPLEMENTED, "target '%s': triple %s: the LLVM backend supports x86_64, aarch64 and riscv64",
                  target->name, triple);
    goto out;
  }
  bool have_bc = false;
  for (const lb_bitcode_t *bc = lb_kernel_bitcode; bc->arch && !have_bc; ++bc) have_bc = !strcmp(bc->arch, arch);
  if (!have_bc) {
    st = LB_ERROR(LB_STATUS_UNIMPLEMENTED,
                  "target '%s': this lowbit was built without %s kernel bitcode (install clang-19 and the %s C "
                  "headers: scripts/install-deps.sh, then rebuild)",
                  target->name, arch, arch);
    goto out;
  }
  LLVMTargetRef tref;
  if (LLVMGetTargetFromTriple(triple, &tref, &err)) {
    st = LB_ERROR(LB_STATUS_INVALID_ARGUMENT, "target '%s': LLVM does not know triple %s: %s", target->name, triple, err);
    goto out;
  }
  LLVMTargetMachineRef tm =
      LLVMCreateTargetMachine(tref, triple, cpu, features, LLVMCodeGenLevelAggressive, LLVMRelocPIC, LLVMCodeModelDefault);
  if (!tm) {
    st = LB_ERROR(LB_STATUS_INVALID_ARGUMENT, "target '%s': LLVM cannot compile for %s, cpu %s", target->name, triple, cpu);
    goto out;
  }

  lb_llvm_cg_t g;
  memset(&g, 0, sizeof g);
  g.plan = plan;
  g.arch = arch;
  g.cpu = cpu;
  g.features = features;
  g.l1d_bytes = target->l1d_bytes > 0 ? target->l1d_bytes : 32768;
  g.l2_bytes = target->l2_bytes > 0 ? target->l2_bytes : 1048576;
  g.prefetch_bytes = target->prefetch_bytes; /* -1: each kernel's default (dot_matmul.c) */
  g.threads = target->threads > 1 ? (int32_t)(target->threads < 64 ? target->threads : 64) : 1;
  g.ctx = LLVMContextCreate();
  g.mod = LLVMModuleCreateWithNameInContext(name, g.ctx);
  g.b = LLVMCreateBuilderInContext(g.ctx);
  g.i8 = LLVMInt8TypeInContext(g.ctx);
  g.i16 = LLVMInt16TypeInContext(g.ctx);
  g.i32 = LLVMInt32TypeInContext(g.ctx);
  g.i64 = LLVMInt64TypeInContext(g.ctx);
  g.ptr = LLVMPointerTypeInContext(g.ctx, 0);
  g.vd = LLVMVoidTypeInContext(g.ctx);
  g.consts = calloc((size_t)plan->ntensors + 1, sizeof *g.consts);
  LLVMSetTarget(g.mod, triple);
  LLVMTargetDataRef dl = LLVMCreateTargetDataLayout(tm);
  LLVMSetModuleDataLayout(g.mod, dl);
  int32_t nsimd = 0;
  int64_t total_scratch = plan->scratch_size;
  st = g.consts ? LB_OK : LB_ERROR(LB_STATUS_RESOURCE_EXHAUSTED, "out of memory");
  if (!st) st = lb_llvm_link_kernels(&g);
  if (!st) st = lb_llvm_entry_points(&g, name, simd, &nsimd, &total_scratch);
  if (!st) {
    lb_llvm_finalize(&g, name);
    if (LLVMVerifyModule(g.mod, LLVMReturnStatusAction, &err)) {
      st = LB_ERROR(LB_STATUS_INTERNAL, "the LLVM module does not verify: %.400s", err);
    }
    LLVMDisposeMessage(err);
    err = NULL;
  }
  if (!st) {
    LLVMPassBuilderOptionsRef po = LLVMCreatePassBuilderOptions();
    LLVMErrorRef e = LLVMRunPasses(g.mod, "default<O3>", tm, po);
    LLVMDisposePassBuilderOptions(po);
    if (e) {
      char *m = LLVMGetErrorMessage(e);
      st = LB_ERROR(LB_STATUS_INTERNAL, "LLVM optimization failed: %s", m);
      LLVMDisposeErrorMessage(m);
    }
  }
  if (!st) st = lb_file_mkdirs(outdir);
  if (!st) {
    static const char *const ext[] = {"o", "s", "ll", "bc"};
    size_t plen = strlen(outdir) + strlen(name) + 8;
    char *path = malloc(plen);
    if (!path) st = LB_ERROR(LB_STATUS_RESOURCE_EXHAUSTED, "out of memory");
    else {
      snprintf(path, plen, "%s/%s.%s", outdir, name, ext[output]);
      bool bad = false;
      if (output == LB_LLVM_OBJ || output == LB_LLVM_ASM)
        bad = LLVMTargetMachineEmitToFile(tm, g.mod, path, output == LB_LLVM_OBJ ? LLVMObjectFile : LLVMAssemblyFile, &err);
      else if (output == LB_LLVM_IR) bad = LLVMPrintModuleToFile(g.mod, path, &err);
      else bad = LLVMWriteBitcodeToFile(g.mod, path) != 0;
      if (bad) st = LB_ERROR(LB_STATUS_IO, "%s: cannot write: %s", path, err ? err : "error");
      LLVMDisposeMessage(err);
      err = NULL;
      if (!st) {
        lb_strbuf_t h;
        lb_strbuf_init(&h);
        lb_plan_t hp = *plan; /* the header's NAME_SCRATCH_SIZE includes the generated kernels' scratch */
        hp.scratch_size = total_scratch;
        lb_emit_header(&hp, name, g.threads > 1 ? LB_HEADER_OBJ_THREADS : LB_HEADER_OBJ, &h);
        snprintf(path, plen, "%s/%s.h", outdir, name);
        st = lb_strbuf_write_file(&h, path);
        lb_strbuf_free(&h);
      }
      free(path);
    }
  }
  if (stats) {
    memset(stats, 0, sizeof *stats);
    /* what the object holds after optimization: weights (as given, or
     * repacked for a SIMD kernel) that a step still reads */
    for (LLVMValueRef gv = LLVMGetFirstGlobal(g.mod); gv; gv = LLVMGetNextGlobal(gv)) {
      size_t len;
      const char *nm = LLVMGetValueName2(gv, &len);
      LLVMTypeRef t = LLVMGlobalGetValueType(gv);
      if ((!strncmp(nm, "lb.w.", 5) || !strncmp(nm, "lb.vnni.", 8)) && LLVMGetTypeKind(t) == LLVMArrayTypeKind)
        stats->weight_bytes += (int64_t)LLVMGetArrayLength2(t);
    }
    stats->scratch_bytes = total_scratch;
    stats->nsteps = plan->nsteps;
    stats->simd_steps = nsimd;
    snprintf(stats->triple, sizeof stats->triple, "%s", triple);
    snprintf(stats->cpu, sizeof stats->cpu, "%s", cpu);
  }
  free(g.consts);
  LLVMDisposeBuilder(g.b);
  LLVMDisposeModule(g.mod);
  LLVMDisposeTargetData(dl);
  LLVMContextDispose(g.ctx);
  LLVMDisposeTargetMachine(tm);
out:
  LLVMDisposeMessage(err);
  LLVMDisposeMessage(host_triple);
  LLVMDisposeMessage(triple);
  if (host_cpu) LLVMDisposeMessage(host_cpu);
  if (host_features) LLVMDisposeMessage(host_features);
  return st;
}
