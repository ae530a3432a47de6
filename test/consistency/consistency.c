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
 * (LLVM and HLS C-simulation backends plug in as further entries of the
 * backend table.) Outputs are compared byte for byte. The run fails if any
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
#include "interp/interp.h"
#include "ir/lb_ir.h"
#include "ir/lb_specialize.h"
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

/* ---- the C backend ---- */

static int c_backend(const char *work, const char *cc) {
  lb_strbuf_t m;
  lb_strbuf_init(&m);
  lb_strbuf_puts(&m, "/* Runs every consistency case's generated C on its inputs. */\n#include <stdio.h>\n#include <stdlib.h>\n");
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
      lb_strbuf_printf(&m, "    %s *in%d = load(\"c%d_in%d.bin\", %lld);\n", c_type(t->dtype), k, i, k, (long long)t->nbytes);
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
      lb_strbuf_printf(&m, "    save(\"c%d_c_out%d.bin\", out%d, %lld);\n    free(out%d);\n", i, k, k,
                       (long long)t->nbytes, k);
    }
    for (int k = 0; k < p->ninputs; ++k) lb_strbuf_printf(&m, "    free(in%d);\n", k);
    lb_strbuf_puts(&m, "    free(s);\n  }\n");
  }
  lb_strbuf_puts(&m, "  return 0;\n}\n");
  char path[4096], cmd[8192];
  snprintf(path, sizeof path, "%s/main.c", work);
  lb_status_t st = lb_strbuf_write_file(&m, path);
  lb_strbuf_free(&m);
  if (st) return fail_status("main.c", st);
  snprintf(cmd, sizeof cmd,
           "cd '%s' && %s -std=c99 %s -Wall -Wextra -Werror -pedantic -ffp-contract=off -o run_c *.c -lm && ./run_c",
           work, cc, cflags);
  if (system(cmd) != 0) {
    fprintf(stderr, "consistency: building or running the generated C failed: %s\n", cmd);
    return 1;
  }
  for (int i = 0; i < ncases; ++i)
    for (int k = 0; k < cases[i].plan.noutputs; ++k) {
      snprintf(path, sizeof path, "%s/c%d_c_out%d.bin", work, i, k);
      char *data;
      size_t len;
      lb_status_t rs = lb_file_read(path, &data, &len);
      if (rs) return fail_status(cases[i].name, rs);
      const lb_tensor_t *ref = &cases[i].out[k];
      size_t want = (size_t)lb_tensor_nbytes(ref);
      comparisons++;
      if (len != want || memcmp(data, ref->data, want) != 0) {
        size_t at = 0;
        while (at < len && at < want && data[at] == ((char *)ref->data)[at]) at++;
        printf("MISMATCH %s output %d (backend c vs interpreter): first differing byte %zu of %zu\n", cases[i].name, k,
               at, want);
        mismatches++;
      }
      free(data);
    }
  return 0;
}

typedef struct {
  const char *name;
  int (*run)(const char *work, const char *cc);
} lb_backend_t;

static const lb_backend_t backends[] = {{"c", c_backend}};

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
  char cname[32];
  snprintf(cname, sizeof cname, "c%d", ncases);
  if (!st) st = lb_emit_c_files(&c->plan, cname, work, NULL);
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
  const char *cases_path = NULL, *work = NULL, *cc = "cc";
  for (int i = 1; i < argc; ++i) {
    if (!strcmp(argv[i], "--cc") && i + 1 < argc) cc = argv[++i];
    else if (!strcmp(argv[i], "--cflags") && i + 1 < argc) cflags = argv[++i];
    else if (!cases_path) cases_path = argv[i];
    else if (!work) work = argv[i];
  }
  if (!cases_path || !work) {
    fprintf(stderr, "usage: consistency CASES.mlir WORKDIR [--cc CC] [--cflags FLAGS]\n");
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
  for (size_t b = 0; !rc && b < sizeof backends / sizeof backends[0]; ++b) rc = backends[b].run(work, cc);
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
  if (!rc)
    printf("consistency: %d cases, %d kernels, %d backends (interpreter vs %s), %d comparisons, %d mismatches, %d "
           "uncovered kernels\n",
           ncases, nkernels, (int)(sizeof backends / sizeof backends[0]), backends[0].name, comparisons, mismatches,
           uncovered);
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
