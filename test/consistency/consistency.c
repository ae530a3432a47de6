/* The consistency harness: every op x dtype the interpreter supports, run
 * through every backend present and compared bit for bit with the
 * reference interpreter (the idea of ggml's test-backend-ops).
 *
 *   consistency CASES.mlir WORKDIR [--cc CC] [--cflags FLAGS]
 *
 * CASES.mlir holds the cases (test/consistency/cases.mlir). For each case
 * the harness parses and specializes the function, fills every input with
 * seeded random data that includes the edge values of its dtype, runs the
 * interpreter, and hands the case to each backend:
 *   - c: lowbit's C emitter; all cases are compiled into one program with
 *     -std=c99 -Wall -Wextra -Werror -pedantic -ffp-contract=off and FLAGS
 *     (default -O2; test/consistency/native.test passes the generated
 *     header's build line, -O3 -march=native, with gcc and clang) and run
 *     on the same
 *     inputs.
 *   - llvm: the LLVM backend's objects for --llvm-target (default native,
 *     with its SIMD kernels), linked into one program (by --llvm-cc, run
 *     through --exec: qemu-user for a cross target);
 *   - llvm-ref: the same with --reference-kernels.
 * --backends picks some (default all). (An HLS C-simulation backend would
 * plug in as a further entry of the backend table.) Outputs are compared
 * byte for byte. The run fails if any
 * output differs or if a registered kernel is not exercised by any case.
 * Prints one line per mismatch and a summary:
 *   consistency: N cases, K kernels, B backends, M comparisons, 0 mismatches
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "codegen/c/emit_c.h"
#include "codegen/llvm/emit_llvm.h"
#include "interp/interp.h"
#include "ir/lb_ir.h"
#include "ir/lb_specialize.h"
#include "ir/lb_target.h"
#include "support/file.h"
#include "support/hashmap.h"
#include "support/strbuf.h"

#define MAX_CASES 256
#define MAX_IO 16

typedef struct {
  char name[128];
  lb_plan_t plan;
  lb_tensor_t in[MAX_IO], out[MAX_IO];
} lb_case_t;

static lb_case_t cases[MAX_CASES];
static const char *cflags = "-O2";
static int ncases, mismatches, comparisons;

/* ---- inputs ---- */

static uint64_t rng_state;
static uint64_t rng_next(void) { /* splitmix64 */
  uint64_t z = (rng_state += 0x9E3779B97F4A7C15ull);
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
  return z ^ (z >> 31);
}
static double rng_unit(void) { return (double)(rng_next() >> 11) / 9007199254740992.0; }

/* i32 inputs are accumulators or biases: by default small enough that a
 * kernel adding products to them cannot overflow; a case marked
 * "// i32-inputs: full" (requantize) gets the whole range and its ends. */
static void fill(lb_tensor_t *t, bool full_i32) {
  int64_t n = lb_tensor_count(t);
  if (t->dtype == LB_DT_F32) {
    static const float edges[] = {0.0f, -0.0f, 1.0f, -1.0f, 0.5f, -2.5f, 100.0f, -100.0f, 1e-30f, 65504.0f};
    float *d = t->data;
    for (int64_t i = 0; i < n; ++i) {
      if (i < (int64_t)(sizeof edges / sizeof edges[0]) && i * 4 < n) d[i] = edges[i];
      else if (rng_next() % 8 == 0) d[i] = (float)((rng_unit() - 0.5) * 2000.0);
      else d[i] = (float)((rng_unit() - 0.5) * 16.0);
    }
    return;
  }
  int64_t lo = lb_dtype_min(t->dtype), hi = lb_dtype_max(t->dtype);
  if (t->dtype == LB_DT_I32) {
    static const int64_t edges[] = {INT32_MAX, INT32_MIN, 0, -1, 1, INT32_MAX - 1, INT32_MIN + 1};
    for (int64_t i = 0; i < n; ++i) {
      int64_t v;
      if (full_i32) v = i < 7 && i * 4 < n ? edges[i] : (int64_t)(int32_t)(uint32_t)rng_next();
      else v = i < 3 && i * 4 < n ? edges[i + 2] : (int64_t)(rng_next() % (1u << 21)) - (1 << 20);
      lb_dtype_store_int(t->dtype, t->data, i, v);
    }
    return;
  }
  if (t->dtype == LB_DT_I64) { /* wide accumulators: the whole range */
    static const int64_t edges[] = {INT64_MAX, INT64_MIN, 0, -1, 1, (int64_t)1 << 40, -((int64_t)1 << 40)};
    for (int64_t i = 0; i < n; ++i)
      ((int64_t *)t->data)[i] = i < 7 && i * 4 < n ? edges[i]
                                : rng_next() % 2 ? (int64_t)rng_next() : (int64_t)(rng_next() % ((uint64_t)1 << 36)) - ((int64_t)1 << 35);
    return;
  }
  for (int64_t i = 0; i < n; ++i) {
    int64_t v;
    if (i == 0) v = lo;
    else if (i == 1) v = hi;
    else if (i == 2) v = 0;
    else v = lo + (int64_t)(rng_next() % (uint64_t)(hi - lo + 1));
    lb_dtype_store_int(t->dtype, t->data, i, v);
  }
}

/* ---- helpers ---- */

static int fail_status(const char *what, lb_status_t st) {
  fprintf(stderr, "consistency: %s: %s\n", what, lb_status_message(st));
  lb_status_free(st);
  return 1;
}

static int write_bin(const char *path, const void *data, size_t n) {
  FILE *f = fopen(path, "wb");
  int ok = f && (n == 0 || fwrite(data, 1, n, f) == n);
  if (f && fclose(f) != 0) ok = 0;
  return ok ? 0 : -1;
}

static const char *c_type(lb_dtype_t dt) {
  if (lb_dtype_is_float(dt)) return "float";
  switch (lb_dtype_size(dt)) {
    case 1: return lb_dtype_is_signed(dt) ? "int8_t" : "uint8_t";
    case 2: return lb_dtype_is_signed(dt) ? "int16_t" : "uint16_t";
    case 4: return lb_dtype_is_signed(dt) ? "int32_t" : "uint32_t";
    default: return "int64_t";
  }
}

/* ---- backends ---- */

/* DIR/main.c: runs every case's NAME_run (c<i>_run from c<i>.h) on the
 * inputs IN_DIR/c<i>_in<k>.bin, writes DIR/c<i>_TAG_out<k>.bin. */
static lb_status_t gen_main(const char *dir, const char *in_dir, const char *tag) {
  lb_strbuf_t m;
  lb_strbuf_init(&m);
  lb_strbuf_puts(&m, "/* Runs every consistency case's generated code on its inputs. */\n#include <stdio.h>\n#include <stdlib.h>\n");
  for (int i = 0; i < ncases; ++i) lb_strbuf_printf(&m, "#include \"c%d.h\"\n", i);
  lb_strbuf_puts(&m, "\nstatic void *load(const char *p, size_t n) {\n"
                     "  void *b = malloc(n ? n : 1);\n  FILE *f = fopen(p, \"rb\");\n"
                     "  if (!b || !f || (n && fread(b, 1, n, f) != n)) { fprintf(stderr, \"cannot read %s\\n\", p); exit(2); }\n"
                     "  fclose(f);\n  return b;\n}\n"
                     "static void save(const char *p, const void *b, size_t n) {\n"
                     "  FILE *f = fopen(p, \"wb\");\n"
                     "  if (!f || (n && fwrite(b, 1, n, f) != n) || fclose(f)) { fprintf(stderr, \"cannot write %s\\n\", p); exit(2); }\n"
                     "}\n\nint main(void) {\n");
  for (int i = 0; i < ncases; ++i) {
    const lb_plan_t *p = &cases[i].plan;
    lb_strbuf_printf(&m, "  {\n    void *s = malloc(c%d_scratch_size() + 16);\n", i);
    for (int k = 0; k < p->ninputs; ++k) {
      const lb_plan_tensor_t *t = &p->tensors[p->input_ids[k]];
      lb_strbuf_printf(&m, "    %s *in%d = load(\"%s/c%d_in%d.bin\", %lld);\n", c_type(t->dtype), k, in_dir, i, k,
                       (long long)t->nbytes);
    }
    for (int k = 0; k < p->noutputs; ++k) {
      const lb_plan_tensor_t *t = &p->tensors[p->output_ids[k]];
      lb_strbuf_printf(&m, "    %s *out%d = malloc(%lld);\n", c_type(t->dtype), k, (long long)t->nbytes + 1);
    }
    lb_strbuf_printf(&m, "    if (c%d_run(", i);
    for (int k = 0; k < p->ninputs; ++k) lb_strbuf_printf(&m, "in%d, ", k);
    for (int k = 0; k < p->noutputs; ++k) lb_strbuf_printf(&m, "out%d, ", k);
    lb_strbuf_puts(&m, "s) != 0) return 3;\n");
    for (int k = 0; k < p->noutputs; ++k) {
      const lb_plan_tensor_t *t = &p->tensors[p->output_ids[k]];
      lb_strbuf_printf(&m, "    save(\"c%d_%s_out%d.bin\", out%d, %lld);\n    free(out%d);\n", i, tag, k, k,
                       (long long)t->nbytes, k);
    }
    for (int k = 0; k < p->ninputs; ++k) lb_strbuf_printf(&m, "    free(in%d);\n", k);
    lb_strbuf_puts(&m, "    free(s);\n  }\n");
  }
  lb_strbuf_puts(&m, "  return 0;\n}\n");
  char path[4096];
  snprintf(path, sizeof path, "%s/main.c", dir);
  lb_status_t st = lb_strbuf_write_file(&m, path);
  lb_strbuf_free(&m);
  return st;
}

/* Float outputs that differ only in the bits of NaNs: the default NaN an
 * invalid operation (0/0, sqrt(-1)) produces is 0xFFC00000 on x86 and
 * 0x7FC00000 on AArch64 and RISC-V, so cross targets may differ there;
 * every other float is compared bit for bit. */
static bool same_but_nan_bits(const lb_tensor_t *ref, const char *data) {
  if (ref->dtype != LB_DT_F32) return false;
  int64_t n = lb_tensor_count(ref);
  for (int64_t i = 0; i < n; ++i) {
    float a, b;
    memcpy(&a, (const char *)ref->data + 4 * i, 4);
    memcpy(&b, data + 4 * i, 4);
    if (memcmp(&a, &b, 4) != 0 && !(a != a && b != b)) return false;
  }
  return true;
}

/* Compares DIR/c<i>_TAG_out<k>.bin with the interpreter's outputs. */
static int compare_outputs(const char *dir, const char *tag) {
  char path[4096];
  for (int i = 0; i < ncases; ++i)
    for (int k = 0; k < cases[i].plan.noutputs; ++k) {
      snprintf(path, sizeof path, "%s/c%d_%s_out%d.bin", dir, i, tag, k);
      char *data;
      size_t len;
      lb_status_t rs = lb_file_read(path, &data, &len);
      if (rs) return fail_status(cases[i].name, rs);
      const lb_tensor_t *ref = &cases[i].out[k];
      size_t want = (size_t)lb_tensor_nbytes(ref);
      comparisons++;
      if (len != want || (memcmp(data, ref->data, want) != 0 && !same_but_nan_bits(ref, data))) {
        size_t at = 0;
        while (at < len && at < want && data[at] == ((char *)ref->data)[at]) at++;
        printf("MISMATCH %s output %d (backend %s vs interpreter): first differing byte %zu of %zu\n", cases[i].name,
               k, tag, at, want);
        mismatches++;
      }
      free(data);
    }
  return 0;
}

/* the C backend: all cases in one program */
static int c_backend(const char *work, const char *cc) {
  char cmd[8192];
  for (int i = 0; i < ncases; ++i) {
    char cname[32];
    snprintf(cname, sizeof cname, "c%d", i);
    lb_status_t st = lb_emit_c_files(&cases[i].plan, cname, work, NULL);
    if (st) return fail_status(cases[i].name, st);
  }
  lb_status_t st = gen_main(work, ".", "c");
  if (st) return fail_status("main.c", st);
  snprintf(cmd, sizeof cmd,
           "cd '%s' && %s -std=c99 %s -Wall -Wextra -Werror -pedantic -ffp-contract=off -o run_c *.c -lm && ./run_c",
           work, cc, cflags);
  if (system(cmd) != 0) {
    fprintf(stderr, "consistency: building or running the generated C failed: %s\n", cmd);
    return 1;
  }
  return compare_outputs(work, "c");
}

/* The LLVM backend for --llvm-target (default native): every case's object
 * in WORK/TAG, linked with its main.c by --llvm-cc (default: --cc) and run
 * through --exec (a qemu-user command line for a cross target). */
static MlirContext llvm_ctx;
static const char *llvm_target = "native", *llvm_cc = NULL, *llvm_exec = "";
static int llvm_simd_steps;
static bool llvm_simd_ran;
static int llvm_threads = 0; /* --threads: the LLVM backend's objects split large kernels over this many threads */

static int llvm_backend_impl(const char *work, const char *cc, bool simd) {
  const char *tag = simd ? "llvm" : "llvm-ref";
  char dir[4096], cmd[8192];
  snprintf(dir, sizeof dir, "%s/%s", work, tag);
  MlirAttribute ta;
  lb_target_t target;
  lb_status_t st = lb_target_load(llvm_ctx, llvm_target, &ta);
  if (!st) st = lb_target_decode(ta, llvm_target, &target);
  if (!st && llvm_threads > 0) target.threads = llvm_threads;
  for (int i = 0; i < ncases && !st; ++i) {
    char cname[32];
    lb_emit_llvm_stats_t stats;
    snprintf(cname, sizeof cname, "c%d", i);
    st = lb_emit_llvm_files(&cases[i].plan, &target, cname, dir, LB_LLVM_OBJ, simd, &stats);
    if (st) return fail_status(cases[i].name, st);
    if (simd) llvm_simd_steps += stats.simd_steps;
    llvm_simd_ran |= simd;
  }
  if (!st) st = gen_main(dir, "..", tag);
  if (st) return fail_status(tag, st);
  snprintf(cmd, sizeof cmd, "cd '%s' && %s -std=c99 -O2 -Wall -Wextra -Werror -pedantic -o run main.c *.o -lm%s && %s ./run",
           dir, llvm_cc ? llvm_cc : cc, llvm_threads > 1 ? " -pthread" : "", llvm_exec);
  if (system(cmd) != 0) {
    fprintf(stderr, "consistency: building or running the LLVM backend's objects failed: %s\n", cmd);
    return 1;
  }
  return compare_outputs(dir, tag);
}
static int llvm_backend(const char *work, const char *cc) { return llvm_backend_impl(work, cc, true); }
static int llvm_ref_backend(const char *work, const char *cc) { return llvm_backend_impl(work, cc, false); }

typedef struct {
  const char *name;
  int (*run)(const char *work, const char *cc);
} lb_backend_t;

static const lb_backend_t backends[] = {{"c", c_backend}, {"llvm", llvm_backend}, {"llvm-ref", llvm_ref_backend}};
#define NBACKENDS ((int)(sizeof backends / sizeof backends[0]))

/* ---- cases ---- */

static int load_case(MlirContext ctx, const char *name, const char *text, const char *work) {
  lb_case_t *c = &cases[ncases];
  snprintf(c->name, sizeof c->name, "%s", name);
  MlirModule m;
  lb_status_t st = lb_module_parse(ctx, text, name, &m);
  if (st) return fail_status(name, st);
  lb_specialize_opts_t so = {.batch = 1, .require_static = true};
  st = lb_module_verify(m, name);
  if (!st) st = lb_module_specialize(m, &so);
  if (!st) st = lb_plan_build(m, &c->plan);
  mlirModuleDestroy(m);
  if (st) return fail_status(name, st);
  if (c->plan.ninputs > MAX_IO || c->plan.noutputs > MAX_IO) {
    fprintf(stderr, "consistency: %s: too many inputs or outputs\n", name);
    return 1;
  }
  uint64_t seed = 1469598103934665603ull;
  for (const char *p = name; *p; ++p) seed = (seed ^ (unsigned char)*p) * 1099511628211ull;
  rng_state = seed;
  for (int k = 0; k < c->plan.ninputs; ++k) {
    const lb_plan_tensor_t *t = &c->plan.tensors[c->plan.input_ids[k]];
    if (lb_tensor_alloc(&c->in[k], t->dtype, t->rank, t->dims)) {
      fprintf(stderr, "consistency: out of memory\n");
      return 1;
    }
    fill(&c->in[k], strstr(text, "// i32-inputs: full") != NULL);
    char path[4096];
    snprintf(path, sizeof path, "%s/c%d_in%d.bin", work, ncases, k);
    if (write_bin(path, c->in[k].data, (size_t)lb_tensor_nbytes(&c->in[k]))) {
      fprintf(stderr, "consistency: cannot write %s\n", path);
      return 1;
    }
  }
  st = lb_interp_run(&c->plan, c->in, c->out, NULL, NULL);
  if (st) return fail_status(name, st);
  ncases++;
  return 0;
}

int main(int argc, char **argv) {
  const char *cases_path = NULL, *work = NULL, *cc = "cc", *which = "c,llvm,llvm-ref";
  for (int i = 1; i < argc; ++i) {
    if (!strcmp(argv[i], "--cc") && i + 1 < argc) cc = argv[++i];
    else if (!strcmp(argv[i], "--backends") && i + 1 < argc) which = argv[++i];
    else if (!strcmp(argv[i], "--llvm-target") && i + 1 < argc) llvm_target = argv[++i];
    else if (!strcmp(argv[i], "--llvm-cc") && i + 1 < argc) llvm_cc = argv[++i];
    else if (!strcmp(argv[i], "--exec") && i + 1 < argc) llvm_exec = argv[++i];
    else if (!strcmp(argv[i], "--threads") && i + 1 < argc) llvm_threads = atoi(argv[++i]);
    else if (!strcmp(argv[i], "--cflags") && i + 1 < argc) cflags = argv[++i];
    else if (!cases_path) cases_path = argv[i];
    else if (!work) work = argv[i];
  }
  if (!cases_path || !work) {
    fprintf(stderr, "usage: consistency CASES.mlir WORKDIR [--cc CC] [--cflags FLAGS] [--backends c,llvm,llvm-ref]\n"
                    "                   [--llvm-target T] [--llvm-cc CC] [--exec 'qemu-aarch64 -L ...'] [--threads N]\n");
    return 2;
  }
  if (mkdir(work, 0777) != 0 && errno != EEXIST) {
    fprintf(stderr, "consistency: cannot create %s\n", work);
    return 1;
  }
  char *text;
  size_t len;
  lb_status_t st = lb_file_read(cases_path, &text, &len);
  if (st) return fail_status(cases_path, st);
  MlirContext ctx;
  if ((st = lb_context_create(&ctx))) return fail_status("context", st);
  llvm_ctx = ctx;
  int rc = 0;
  /* split at "// -----" lines; each chunk names itself with "// case: NAME" */
  for (char *chunk = text; chunk && !rc;) {
    char *sep = strstr(chunk, "\n// -----");
    if (sep) *sep = 0;
    char *tag = strstr(chunk, "// case: ");
    if (tag) {
      char name[128];
      sscanf(tag + 9, "%127s", name);
      if (ncases == MAX_CASES) {
        fprintf(stderr, "consistency: more than %d cases\n", MAX_CASES);
        rc = 1;
      } else {
        rc = load_case(ctx, name, chunk, work);
      }
    }
    chunk = sep ? strchr(sep + 1, '\n') : NULL;
  }
  free(text);
  /* the backends named by --backends, in table order */
  char ran[256] = "";
  int nran = 0;
  for (int b = 0; !rc && b < NBACKENDS; ++b) {
    size_t n = strlen(backends[b].name);
    bool want = false;
    for (const char *p = which; *p && !want;) {
      const char *e = strchr(p, ',');
      size_t len = e ? (size_t)(e - p) : strlen(p);
      want = len == n && !strncmp(p, backends[b].name, n);
      p = e ? e + 1 : p + len;
    }
    if (!want) continue;
    rc = backends[b].run(work, cc);
    snprintf(ran + strlen(ran), sizeof ran - strlen(ran), "%s%s", nran++ ? ", " : "", backends[b].name);
  }
  if (!rc && !nran) {
    fprintf(stderr, "consistency: --backends %s names no backend (c, llvm, llvm-ref)\n", which);
    rc = 2;
  }
  /* every registered kernel must be exercised */
  int nkernels = 0, uncovered = 0;
  for (const lb_kernel_t *k = lb_kernel_first(); !rc && k; k = k->next, ++nkernels) {
    int used = 0;
    for (int i = 0; i < ncases && !used; ++i)
      for (int s = 0; s < cases[i].plan.nsteps && !used; ++s) used = cases[i].plan.steps[s].kernel == k;
    if (!used) {
      printf("UNCOVERED kernel %s (%s): add a case to %s\n", k->function, k->isa, cases_path);
      uncovered++;
    }
  }
  if (!rc && llvm_simd_ran)
    printf("consistency: the LLVM backend (%s) ran %d steps on SIMD kernels\n", llvm_target, llvm_simd_steps);
  if (!rc)
    printf("consistency: %d cases, %d kernels, %d backends (interpreter vs %s), %d comparisons, %d mismatches, %d "
           "uncovered kernels\n",
           ncases, nkernels, nran, ran, comparisons, mismatches, uncovered);
  for (int i = 0; i < ncases; ++i) {
    for (int k = 0; k < MAX_IO; ++k) {
      lb_tensor_free(&cases[i].in[k]);
      lb_tensor_free(&cases[i].out[k]);
    }
    lb_plan_free(&cases[i].plan);
  }
  mlirContextDestroy(ctx);
  return rc || mismatches || uncovered ? 1 : 0;
}
