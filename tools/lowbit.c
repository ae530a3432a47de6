/* lowbit: the driver.
 *
 *   lowbit import  MODEL.onnx [--batch N] [-o FILE.mlir]
 *   lowbit run     MODEL.onnx|MODEL.mlir --input NAME=FILE.npy ... (--output FILE.npy | --output-dir DIR)
 *                  [--calib NAME=FILE.npy ... --quant w8a8]
 *   lowbit compile MODEL.onnx --calib NAME=FILE.npy ... --quant w8a8 --emit c|mlir -o OUTDIR
 *                  [--name NAME] [--batch N]
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "codegen/c/emit_c.h"
#include "codegen/plan.h"
#include "frontend/onnx/onnx_import.h"
#include "ir/lb_ir.h"
#include "passes/calibrate.h"
#include "passes/passes.h"
#include "support/file.h"
#include "support/npy.h"

#define MAX_TENSORS 16

typedef struct {
  const char *model, *output, *output_dir, *outdir, *quant, *emit, *name;
  int64_t batch;
  int ninputs, ncalib;
  char *input_names[MAX_TENSORS], *calib_names[MAX_TENSORS];
  const char *input_files[MAX_TENSORS], *calib_files[MAX_TENSORS];
} opts_t;

static void usage_main(FILE *f) {
  fprintf(f,
          "lowbit %s: ahead-of-time compiler for quantized neural networks\n"
          "\n"
          "usage: lowbit <command> [options]   (lowbit <command> --help for details)\n"
          "\n"
          "commands:\n"
          "  import    read an ONNX model and print its lb IR\n"
          "  run       run a model (float, or quantized with --calib/--quant) in the reference interpreter\n"
          "  compile   quantize a model and emit code (--emit c) or IR (--emit mlir)\n"
          "\n"
          "options:\n"
          "  --help     this text\n"
          "  --version  print the version\n",
          LOWBIT_VERSION);
}

static void usage_cmd(FILE *f, const char *cmd) {
  if (!strcmp(cmd, "import")) {
    fprintf(f, "usage: lowbit import MODEL.onnx [--batch N] [-o FILE.mlir]\n\n"
               "Imports an ONNX model into lb IR and prints it.\n\n"
               "  --batch N   give symbolic dims the size N (default: keep them dynamic)\n"
               "  -o FILE     write to FILE instead of stdout\n");
  } else if (!strcmp(cmd, "run")) {
    fprintf(f, "usage: lowbit run MODEL.onnx|MODEL.mlir --input NAME=FILE.npy ... (--output FILE.npy | --output-dir DIR)\n"
               "                  [--calib NAME=FILE.npy ... --quant w8a8]\n\n"
               "Runs the model in the reference interpreter. The batch size is taken from the inputs'\n"
               "first dimension when the model's is symbolic.\n\n"
               "  --input NAME=FILE.npy   a graph input (float32 .npy); repeat for each input\n"
               "  --output FILE.npy       write the single output here\n"
               "  --output-dir DIR        write every output as DIR/NAME.npy\n"
               "  --calib NAME=FILE.npy   calibration data for an input (with --quant)\n"
               "  --quant MODE            quantize before running: w8a8\n");
  } else {
    fprintf(f, "usage: lowbit compile MODEL.onnx [--calib NAME=FILE.npy ... --quant w8a8] --emit c|mlir -o OUTDIR\n"
               "                      [--name NAME] [--batch N]\n\n"
               "Quantizes (with --quant) and compiles a model.\n\n"
               "  --calib NAME=FILE.npy   calibration data for an input; repeat per input\n"
               "  --quant MODE            w8a8: int8 per-channel weights, int8 per-tensor activations\n"
               "  --emit c                write OUTDIR/NAME.c and OUTDIR/NAME.h\n"
               "  --emit mlir             print the IR after import, after quantization and after lowering\n"
               "  -o OUTDIR               output directory (required for --emit c)\n"
               "  --name NAME             symbol prefix and file name (default: model)\n"
               "  --batch N               batch size of the generated code (default: 1)\n");
  }
}

static int fail(lb_status_t st) {
  lb_status_fprint(stderr, st);
  lb_status_free(st);
  return 1;
}

static int split_named(const char *arg, char **name, const char **file) {
  const char *eq = strchr(arg, '=');
  if (!eq || eq == arg || !eq[1]) return -1;
  *name = strndup(arg, (size_t)(eq - arg));
  *file = eq + 1;
  return *name ? 0 : -1;
}

static int parse(int argc, char **argv, const char *cmd, opts_t *o) {
  memset(o, 0, sizeof *o);
  o->name = "model";
  for (int i = 2; i < argc; ++i) {
    const char *a = argv[i];
    const char *v = i + 1 < argc ? argv[i + 1] : NULL;
#define NEEDV()                                                                   \
  do {                                                                            \
    if (!v) {                                                                     \
      fprintf(stderr, "error: option '%s' needs a value\n", a);                   \
      return 2;                                                                   \
    }                                                                             \
    ++i;                                                                          \
  } while (0)
    if (!strcmp(a, "--help") || !strcmp(a, "-h")) {
      usage_cmd(stdout, cmd);
      exit(0);
    } else if (!strcmp(a, "--input") || !strcmp(a, "--calib")) {
      NEEDV();
      int calib = a[2] == 'c';
      int *n = calib ? &o->ncalib : &o->ninputs;
      if (*n == MAX_TENSORS) {
        fprintf(stderr, "error: too many %s options\n", a);
        return 2;
      }
      if (split_named(v, calib ? &o->calib_names[*n] : &o->input_names[*n],
                      calib ? &o->calib_files[*n] : &o->input_files[*n])) {
        fprintf(stderr, "error: %s expects NAME=FILE.npy, got '%s'\n", a, v);
        return 2;
      }
      (*n)++;
    } else if (!strcmp(a, "--output")) {
      NEEDV();
      o->output = v;
    } else if (!strcmp(a, "--output-dir")) {
      NEEDV();
      o->output_dir = v;
    } else if (!strcmp(a, "-o")) {
      NEEDV();
      o->outdir = v;
    } else if (!strcmp(a, "--quant")) {
      NEEDV();
      o->quant = v;
    } else if (!strcmp(a, "--emit")) {
      NEEDV();
      o->emit = v;
    } else if (!strcmp(a, "--name")) {
      NEEDV();
      o->name = v;
    } else if (!strcmp(a, "--batch")) {
      NEEDV();
      char *end;
      o->batch = strtoll(v, &end, 10);
      if (*end || o->batch <= 0) {
        fprintf(stderr, "error: --batch expects a positive integer, got '%s'\n", v);
        return 2;
      }
    } else if (a[0] == '-') {
      fprintf(stderr, "error: unknown option '%s' for 'lowbit %s' (see lowbit %s --help)\n", a, cmd, cmd);
      return 2;
    } else if (!o->model) {
      o->model = a;
    } else {
      fprintf(stderr, "error: unexpected argument '%s'\n", a);
      return 2;
    }
  }
  if (!o->model) {
    fprintf(stderr, "error: no model given (see lowbit %s --help)\n", cmd);
    return 2;
  }
  if (o->quant && strcmp(o->quant, "w8a8") != 0) {
    fprintf(stderr, "error: unsupported --quant '%s' (supported: w8a8)\n", o->quant);
    return 2;
  }
  if (o->quant && o->ncalib == 0) {
    fprintf(stderr, "error: --quant needs calibration data (--calib NAME=FILE.npy)\n");
    return 2;
  }
  if (!o->quant && o->ncalib > 0) {
    fprintf(stderr, "error: --calib needs --quant\n");
    return 2;
  }
  return 0;
}

static bool ends_with(const char *s, const char *suf) {
  size_t a = strlen(s), b = strlen(suf);
  return a >= b && !strcmp(s + a - b, suf);
}

/* Loads the model (ONNX or .mlir) into a verified module. */
static lb_status_t load_module(MlirContext ctx, const char *path, int64_t batch, MlirModule *m) {
  if (ends_with(path, ".mlir")) {
    char *text;
    size_t len;
    LB_RETURN_IF_ERROR(lb_file_read(path, &text, &len));
    lb_status_t st = lb_module_parse(ctx, text, path, m);
    free(text);
    LB_RETURN_IF_ERROR(st);
    st = lb_module_verify(*m);
    if (!st && batch > 0) st = lb_module_specialize(*m, batch);
    if (st) mlirModuleDestroy(*m);
    return st;
  }
  lb_import_options_t io = {batch};
  LB_RETURN_IF_ERROR(lb_onnx_import_file(ctx, path, &io, m));
  lb_status_t st = lb_module_verify(*m);
  if (st) mlirModuleDestroy(*m);
  return st;
}

static void print_stage(FILE *f, MlirModule m, const char *stage, int first) {
  char *s = lb_module_print(m, false);
  if (!first) fputs("// -----\n", f);
  fprintf(f, "// lowbit: IR after %s\n%s", stage, s ? s : "");
  free(s);
}

/* fold-batchnorm + calibrate + quantize + lower, printing stages if asked. */
static lb_status_t quantize_module(MlirModule m, const opts_t *o, FILE *stages) {
  lb_tensor_t calib[MAX_TENSORS];
  int n = 0;
  lb_status_t st = LB_OK;
  for (; n < o->ncalib && !st; ++n) {
    st = lb_npy_read(o->calib_files[n], &calib[n]);
    if (st) break;
  }
  if (!st) st = lb_pipeline_run(m, "lb-fold-batchnorm");
  if (!st) st = lb_calibrate(m, (const char *const *)o->calib_names, calib, n);
  if (!st) st = lb_pipeline_run(m, "lb-quantize{mode=w8a8}");
  if (!st && stages) print_stage(stages, m, "quantization", 0);
  if (!st) st = lb_pipeline_run(m, "lb-lower-quantized");
  if (!st && stages) print_stage(stages, m, "lowering", 0);
  for (int i = 0; i < n; ++i) lb_tensor_free(&calib[i]);
  return st;
}

static int cmd_import(const opts_t *o, MlirContext ctx) {
  MlirModule m;
  lb_status_t st = load_module(ctx, o->model, o->batch, &m);
  if (st) return fail(st);
  char *s = lb_module_print(m, false);
  int rc = 0;
  if (o->outdir) {
    FILE *f = fopen(o->outdir, "w");
    if (!f || fputs(s, f) < 0) {
      fprintf(stderr, "error: %s: cannot write\n", o->outdir);
      rc = 1;
    }
    if (f) fclose(f);
  } else {
    fputs(s, stdout);
  }
  free(s);
  mlirModuleDestroy(m);
  return rc;
}

static int cmd_run(const opts_t *o, MlirContext ctx) {
  if (!o->output && !o->output_dir) {
    fprintf(stderr, "error: lowbit run needs --output FILE.npy or --output-dir DIR\n");
    return 2;
  }
  lb_tensor_t inputs[MAX_TENSORS];
  memset(inputs, 0, sizeof inputs);
  MlirModule m = {NULL};
  lb_plan_t plan;
  memset(&plan, 0, sizeof plan);
  void *scratch = NULL;
  lb_tensor_t outs[MAX_TENSORS];
  memset(outs, 0, sizeof outs);
  int rc = 1;
  lb_status_t st = LB_OK;
  for (int i = 0; i < o->ninputs && !st; ++i) st = lb_npy_read(o->input_files[i], &inputs[i]);
  if (st) goto done;
  if ((st = load_module(ctx, o->model, 0, &m))) goto done;
  if (o->quant && (st = quantize_module(m, o, NULL))) goto done;
  {
    /* batch from the first input's leading dim */
    int64_t batch = o->ninputs && inputs[0].rank ? inputs[0].dims[0] : 1;
    if ((st = lb_module_specialize(m, batch))) goto done;
  }
  if ((st = lb_plan_build(m, &plan))) goto done;
  const void *in_ptrs[MAX_TENSORS];
  void *out_ptrs[MAX_TENSORS];
  if (plan.ninputs > MAX_TENSORS || plan.noutputs > MAX_TENSORS) {
    st = LB_ERROR(LB_STATUS_UNIMPLEMENTED, "more than %d inputs or outputs", MAX_TENSORS);
    goto done;
  }
  for (int32_t i = 0; i < plan.ninputs; ++i) {
    int found = -1;
    for (int k = 0; k < o->ninputs; ++k)
      if (!strcmp(o->input_names[k], plan.input_names[i])) found = k;
    if (found < 0) {
      st = LB_ERROR(LB_STATUS_INVALID_ARGUMENT, "missing --input %s=FILE.npy", plan.input_names[i]);
      goto done;
    }
    const lb_plan_tensor_t *t = &plan.tensors[plan.input_ids[i]];
    const lb_tensor_t *x = &inputs[found];
    bool same = x->dtype == t->dtype && x->rank == t->rank;
    for (int32_t d = 0; same && d < t->rank; ++d) same = x->dims[d] == t->dims[d];
    if (!same) {
      char want[128] = "", have[128] = "";
      for (int32_t d = 0; d < t->rank; ++d) snprintf(want + strlen(want), sizeof want - strlen(want), "%s%lld", d ? "x" : "", (long long)t->dims[d]);
      for (int32_t d = 0; d < x->rank; ++d) snprintf(have + strlen(have), sizeof have - strlen(have), "%s%lld", d ? "x" : "", (long long)x->dims[d]);
      st = LB_ERROR(LB_STATUS_INVALID_ARGUMENT, "%s: input '%s' has shape %s (%s), the model expects %s (%s)",
                    o->input_files[found], plan.input_names[i], have, lb_dtype_name(x->dtype), want, lb_dtype_name(t->dtype));
      goto done;
    }
    in_ptrs[i] = x->data;
  }
  for (int32_t i = 0; i < plan.noutputs; ++i) {
    const lb_plan_tensor_t *t = &plan.tensors[plan.output_ids[i]];
    if (lb_tensor_alloc(&outs[i], t->dtype, t->rank, t->dims)) {
      st = LB_ERROR(LB_STATUS_RESOURCE_EXHAUSTED, "out of memory");
      goto done;
    }
    out_ptrs[i] = outs[i].data;
  }
  scratch = aligned_alloc(16, (size_t)(plan.scratch_size + 16) / 16 * 16);
  if (!scratch) {
    st = LB_ERROR(LB_STATUS_RESOURCE_EXHAUSTED, "out of memory");
    goto done;
  }
  lb_plan_run(&plan, in_ptrs, out_ptrs, scratch, NULL, NULL);
  if (o->output) {
    if (plan.noutputs != 1) {
      st = LB_ERROR(LB_STATUS_INVALID_ARGUMENT, "the model has %d outputs; use --output-dir", plan.noutputs);
      goto done;
    }
    if ((st = lb_npy_write(o->output, &outs[0]))) goto done;
  } else {
    mkdir(o->output_dir, 0777);
    for (int32_t i = 0; i < plan.noutputs && !st; ++i) {
      char path[4096];
      snprintf(path, sizeof path, "%s/%s.npy", o->output_dir, plan.output_names[i]);
      st = lb_npy_write(path, &outs[i]);
    }
    if (st) goto done;
  }
  rc = 0;
done:
  if (st) rc = fail(st);
  for (int i = 0; i < MAX_TENSORS; ++i) {
    lb_tensor_free(&inputs[i]);
    lb_tensor_free(&outs[i]);
  }
  free(scratch);
  lb_plan_free(&plan);
  if (!mlirModuleIsNull(m)) mlirModuleDestroy(m);
  return rc;
}

static int cmd_compile(const opts_t *o, MlirContext ctx) {
  if (!o->emit || (strcmp(o->emit, "c") && strcmp(o->emit, "mlir"))) {
    fprintf(stderr, "error: lowbit compile needs --emit c or --emit mlir\n");
    return 2;
  }
  bool emit_c = !strcmp(o->emit, "c");
  if (emit_c && !o->outdir) {
    fprintf(stderr, "error: --emit c needs -o OUTDIR\n");
    return 2;
  }
  MlirModule m;
  lb_status_t st = load_module(ctx, o->model, 0, &m);
  if (st) return fail(st);
  FILE *stages = emit_c ? NULL : stdout;
  if (stages) print_stage(stages, m, "import", 1);
  if (o->quant) st = quantize_module(m, o, stages);
  if (!st) st = lb_module_specialize(m, o->batch > 0 ? o->batch : 1);
  if (!st && emit_c) {
    lb_plan_t plan;
    st = lb_plan_build(m, &plan);
    lb_emit_c_stats_t stats;
    if (!st) {
      st = lb_emit_c_files(&plan, o->name, o->outdir, &stats);
      lb_plan_free(&plan);
    }
    if (!st)
      fprintf(stderr, "lowbit: wrote %s/%s.c and %s/%s.h (%d kernel calls, %lld weight bytes, %lld scratch bytes)\n",
              o->outdir, o->name, o->outdir, o->name, stats.nsteps, (long long)stats.weight_bytes,
              (long long)stats.scratch_bytes);
  }
  mlirModuleDestroy(m);
  return st ? fail(st) : 0;
}

int main(int argc, char **argv) {
  if (argc < 2 || !strcmp(argv[1], "--help") || !strcmp(argv[1], "-h")) {
    usage_main(argc < 2 ? stderr : stdout);
    return argc < 2 ? 2 : 0;
  }
  if (!strcmp(argv[1], "--version")) {
    printf("lowbit %s (MLIR 19)\n", LOWBIT_VERSION);
    return 0;
  }
  const char *cmd = argv[1];
  if (strcmp(cmd, "import") && strcmp(cmd, "run") && strcmp(cmd, "compile")) {
    fprintf(stderr, "error: unknown command '%s' (see lowbit --help)\n", cmd);
    return 2;
  }
  opts_t o;
  int rc = parse(argc, argv, cmd, &o);
  if (rc) return rc;
  MlirContext ctx;
  lb_status_t st = lb_context_create(&ctx);
  if (st) return fail(st);
  if (!strcmp(cmd, "import")) rc = cmd_import(&o, ctx);
  else if (!strcmp(cmd, "run")) rc = cmd_run(&o, ctx);
  else rc = cmd_compile(&o, ctx);
  for (int i = 0; i < o.ninputs; ++i) free(o.input_names[i]);
  for (int i = 0; i < o.ncalib; ++i) free(o.calib_names[i]);
  mlirContextDestroy(ctx);
  return rc;
}
