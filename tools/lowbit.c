/* lowbit: the driver. It parses flags, turns them into a pass pipeline
 * (passes/pipelines.c) and calls the library; it owns no compiler logic.
 *
 *   lowbit import  MODEL.onnx [--batch N] [--shape NAME=d0,...] [-o FILE.mlir]
 *   lowbit run     MODEL.onnx|MODEL.mlir --input NAME=FILE.npy ... (--output FILE.npy | --output-dir DIR)
 *                  [--calib NAME=FILE.npy ... --quant w8a8] [--target T] [--shape NAME=d0,...]
 *   lowbit compile MODEL.onnx [--calib NAME=FILE.npy ... --quant w8a8] --emit c|hls|mlir [-o OUTDIR]
 *                  [--name NAME] [--batch N] [--shape NAME=d0,...] [--target T]
 */
#include <errno.h>
#include <math.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "codegen/c/emit_c.h"
#include "codegen/hls/emit_hls.h"
#include "codegen/llvm/emit_llvm.h"
#include "frontend/onnx/onnx_import.h"
#include "interp/interp.h"
#include "ir/lb_ir.h"
#include "ir/lb_specialize.h"
#include "ir/lb_target.h"
#include "passes/passes.h"
#include "support/file.h"
#include "support/names.h"
#include "support/npy.h"
#include "support/usage.h"
#include "passes/bit_alloc.h"
#include "passes/sensitivity.h"
#include "passes/report.h"

#define MAX_TENSORS 64

typedef struct {
  const char *model, *output, *output_dir, *outdir, *quant, *emit, *name, *target, *weights, *weight_granularity, *calib_method;
  int64_t batch;
  bool elide, time_passes, reference_kernels;
  int threads; /* compile --threads N (LLVM backend) */
  int ninputs, ncalib, nshapes;
  char *input_names[MAX_TENSORS], *calib_names[MAX_TENSORS];
  const char *input_files[MAX_TENSORS], *calib_files[MAX_TENSORS];
  const char *shapes[MAX_TENSORS];
  const char *layers[MAX_TENSORS]; /* --layer NAME=wXaY|float */
  int nlayers;
  const char *json;  /* report --json FILE */
  const char *svg;   /* report --svg FILE */
  bool fake_quant;   /* report: stop after lb-quantize */
  bool float_only;   /* report: the float reference (no --quant passes) */
  bool sensitivity;  /* report --sensitivity */
  const char *only;  /* report: quantize this layer alone */
  double bits_budget; /* --bits-budget: average weight bits (0: off; > 0 also with the two below) */
  double bytes_budget; /* --bytes-budget: weight bytes of the quantizable layers */
  double bops_budget;  /* --bops-budget: bit operations per sample, sum of MACs x weight bits x activation bits */
  bool no_fold;       /* --no-fold */
  bool no_bias_correct; /* --no-bias-correct */
  const char *rotate; /* --rotate hadamard|random-hadamard[:SEED]|FILE.npy */
  const char *smooth; /* --smooth ALPHA|auto */
  const char *act_granularity; /* --act-granularity tensor|token */
  bool pareto;        /* report --bits-budget with --svg/--json: sweep the allocator's budgets */
  int scale_bits;     /* --scale-bits S (with group:G): VS-Quant two-level scales */
  int attention_bits; /* --quant-attention B: attention's QK^T and PV at B bits */
  bool hessian;       /* --sensitivity-proxy hessian: allocation from the Hessian proxy, not from runs */
  bool gptq;          /* --gptq: GPTQ weight rounding for the linear layers */
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
          "  compile   quantize a model and emit code (--emit c), an FPGA design (--emit hls) or IR (--emit mlir)\n"
          "  report    per-layer widths, weight bytes and error vs float of a quantization (--quant)\n"
          "  targets   list the built-in targets\n"
          "  ops       list the supported ONNX ops and opset ranges\n"
          "\n"
          "options:\n"
          "  --help     this text\n"
          "  --version  print the version\n",
          LOWBIT_VERSION);
}

/* --quant wXaY[-u8]: X-bit weights (2..8), Y-bit activations (4..16); or
 * wXaf: weight-only, float activations. */
static bool quant_weight_only(const char *q) {
  int wb, n = 0;
  char canon[16];
  if (sscanf(q, "w%daf%n", &wb, &n) != 1 || wb < 2 || wb > 8) return false;
  snprintf(canon, sizeof canon, "w%daf", wb);
  return (size_t)n == strlen(q) && !strcmp(q, canon);
}

static bool quant_mode_ok(const char *q) {
  int wb, ab, n = 0;
  char canon[16];
  if (quant_weight_only(q)) return true;
  if (sscanf(q, "w%da%d%n", &wb, &ab, &n) != 2 || wb < 2 || wb > 8 || ab < 4 || ab > 16) return false;
  /* exactly "wXaY": no spaces, signs or leading zeros that sscanf would skip */
  snprintf(canon, sizeof canon, "w%da%d", wb, ab);
  if ((size_t)n != strlen(canon) || strncmp(q, canon, (size_t)n)) return false;
  return q[n] == 0 || !strcmp(q + n, "-u8");
}

/* Only digits (and with `dot` one '.'), at least one: what strtod/strtoll
 * would otherwise accept with spaces, signs or hex. */
static bool plain_number(const char *s, bool dot) {
  int dots = 0;
  if (!*s) return false;
  for (; *s; ++s)
    if (*s == '.' && dot) dots++;
    else if (*s < '0' || *s > '9') return false;
  return dots <= 1;
}

/* Copies the wXaY part of a valid --quant into mode; true for -u8. */
static bool quant_mode_split(const char *q, char *mode, size_t n) {
  const char *dash = strchr(q, '-');
  size_t len = dash ? (size_t)(dash - q) : strlen(q);
  snprintf(mode, n, "%.*s", (int)len, q);
  return dash != NULL;
}

static const char *const quant_help =
    "  --calib NAME=FILE.npy   calibration data for an input; repeat per input (with --quant)\n"
    "  --quant MODE            wXaY: X-bit symmetric weights (2..8), Y-bit asymmetric per-tensor\n"
    "                          activations (4..16; above 8 bits simulated in float), from min/max\n"
    "                          calibration; -u8 for unsigned activations (w8a8-u8). E.g. w8a8, w4a8,\n"
    "                          w2a8, w8a16; wXaf: weight-only (float\n"
    "                          activations, no --calib needed; packed 2/4/8-bit weights), e.g. w4af\n"
    "  --weight-granularity G  channel (default: one weight scale per output channel), tensor, or group:N\n"
    "                          (one per N weights along the reduction axis; such layers run in float)\n"
    "  --calib-method M        weight and activation ranges: minmax (default), percentile:P (the\n"
    "                          central P %% of the values, e.g. percentile:99.99) or mse (clipped to\n"
    "                          the least squared rounding error)\n"
    "  --layer NAME=wXaY|float the layer (ONNX node) NAME with its own scheme, or kept float; repeatable\n"
    "  --bits-budget B         mixed precision: each layer's weight width (2..X of --quant wXaY) chosen to\n"
    "                          minimize the summed sensitivities at an average of at most B bits per weight\n"
    "  --bytes-budget N        the same under N bytes of weight codes (K, M, G suffixes)\n"
    "  --bops-budget N         the same under N bit operations per sample (MACs x weight bits x activation bits)\n"
    "  --gptq                  round linear-layer weights with GPTQ (each rounding error moved onto the\n"
    "                          not-yet-rounded inputs, weighted by the inverse Hessian of the layer's output)\n"
    "  --sensitivity-proxy P   what the allocator minimizes: run (default: each layer quantized alone, the graph\n"
    "                          output's error measured) or hessian (E[x^2]-weighted weight rounding error of\n"
    "                          each layer, from one calibration run)\n"
    "  --no-bias-correct       keep each layer's bias as it is (by default the mean output shift of its rounded\n"
    "                          weights, E[x] (W_q - W) with E[x] from the calibration data, is subtracted)\n"
    "  --no-fold               keep LayerNorm/RMSNorm gains and biases in place (folded into the following\n"
    "                          linear layers by default)\n"
    "  --rotate R              fuse an orthogonal rotation into the weights around the residual stream, with\n"
    "                          online Hadamard transforms before the other linear layers (QuaRot): R is\n"
    "                          hadamard, random-hadamard[:SEED] or an orthogonal FILE.npy; also without --quant\n"
    "  --quant-attention B     also quantize attention's activation x activation matmuls (QK^T, PV) to B\n"
    "                          bits (4..8; per tensor, calibrated; integer kernels); by default they stay float\n"
    "  --scale-bits S          with group:G, two-level scales (VS-Quant): each group scale an S-bit (2..8)\n"
    "                          multiple of its output channel's float scale\n"
    "  --act-granularity G     tensor (default: one static activation range per tensor, calibrated) or token\n"
    "                          (each row's own range at run time; simulated in float before the kernel)\n"
    "  --smooth A              SmoothQuant: move activation outliers into the weights of the linear layers,\n"
    "                          s = max|x|^A / max|w|^(1-A) (A in [0, 1]), or auto: A searched per layer on the\n"
    "                          calibration data (AWQ); with --calib, also without --quant\n";

static const char *const common_help =
    "  --shape NAME=d0,d1,...  fix every dim of input NAME (symbolic ones: sequence length, image size)\n"
    "  --target NAME|FILE      target description (default generic-c; `lowbit targets` lists them)\n";

static void usage_cmd(FILE *f, const char *cmd) {
  if (!strcmp(cmd, "import")) {
    fprintf(f, "usage: lowbit import MODEL.onnx [--batch N] [--shape NAME=d0,...] [-o FILE.mlir] [--elide-resources]\n\n"
               "Imports an ONNX model into lb IR and prints it.\n\n"
               "  --batch N          give dim 0 of inputs the size N where it is symbolic (default: keep it)\n"
               "  -o FILE            write to FILE instead of stdout\n"
               "  --elide-resources  print weight blobs as dense_resource<__elided__>\n%s",
            common_help);
  } else if (!strcmp(cmd, "report")) {
    fprintf(f, "usage: lowbit report MODEL.onnx --calib NAME=FILE.npy ... --quant MODE [--json FILE]\n\n"
               "Quantizes the model as lowbit compile would and prints, per quantizable layer (ONNX node), its\n"
               "weight shape, weight and activation bits, granularity, weight bytes at that width and the error\n"
               "of its output against the float model, ||y_q - y|| / ||y||, on the calibration data (the\n"
               "quantization simulated in float between quantize/dequantize pairs); then the graph output's.\n\n"
               "%s"
               "  --sensitivity           also each layer's sensitivity: the output error with that layer alone\n"
               "                          quantized (one more quantization and run per layer)\n"
               "  --json FILE             also write the table as JSON (schema: docs/passes.md)\n"
               "  --svg FILE              also draw it: per-layer error (and sensitivity) bars and widths\n%s",
            quant_help, common_help);
  } else if (!strcmp(cmd, "run")) {
    fprintf(f, "usage: lowbit run MODEL.onnx|MODEL.mlir --input NAME=FILE.npy ... (--output FILE.npy | --output-dir DIR)\n"
               "                  [--calib NAME=FILE.npy ... --quant w8a8]\n\n"
               "Runs the model in the reference interpreter. Symbolic dims take their sizes from the inputs.\n\n"
               "  --input NAME=FILE.npy   a graph input (.npy of the input's element type); one per input\n"
               "  --output FILE.npy       write the single output here\n"
               "  --output-dir DIR        write every output as DIR/NAME.npy\n"
               "%s"
               "  --time-passes           print the time and memory (resident, peak) of every phase to stderr\n%s",
            quant_help, common_help);
  } else {
    fprintf(f, "usage: lowbit compile MODEL.onnx [--calib NAME=FILE.npy ... --quant w8a8] --emit c|obj|hls|mlir [-o OUTDIR]\n"
               "                      [--name NAME] [--batch N]\n\n"
               "Quantizes (with --quant) and compiles a model.\n\n"
               "%s"
               "  --emit c                write OUTDIR/NAME.c and OUTDIR/NAME.h\n"
               "  --emit hls              write an HLS C++ project to OUTDIR (dataflow design, C simulation testbench,\n"
               "                          Vitis HLS script, estimates in OUTDIR/report.json; default target zynq-7020;\n"
               "                          make -C OUTDIR csim builds OUTDIR/csim --input X.npy --output Y.npy)\n"
               "  --emit obj              write OUTDIR/NAME.o (the LLVM backend: SIMD kernels for the target,\n"
               "                          the same NAME.h and NAME_run as --emit c; default target native)\n"
               "  --emit asm|llvm|bc      the same as assembly (NAME.s), LLVM IR (NAME.ll) or bitcode (NAME.bc)\n"
               "  --reference-kernels     with --emit obj|asm|llvm|bc: no SIMD kernels (every step on the\n"
               "                          reference kernels, optimized for the target)\n"
               "  --threads N             with --emit obj|asm|llvm|bc: large matmuls and convolutions split over\n"
               "                          N threads (a pthread pool in the object: link with -pthread);\n"
               "                          default: the target's `threads` (1)\n"
               "  --emit mlir             print the IR after import and after every pass\n"
               "  -o OUTDIR               output directory (required for every --emit but mlir)\n"
               "  --name NAME             symbol prefix and file name (default: model)\n"
               "  --batch N               batch size of the generated code (default: 1)\n"
               "  --weights c|incbin|auto weights as C arrays, or in OUTDIR/NAME.weights embedded by the\n"
               "                          assembler stub OUTDIR/NAME_weights.S (.incbin; `binary` is the same);\n"
               "                          auto (default): incbin above 1 MiB\n"
               "  --elide-resources       with --emit mlir: print weight blobs as dense_resource<__elided__>\n"
               "  --time-passes           print the time and memory (resident, peak) of every phase to stderr\n%s",
            quant_help, common_help);
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

static int parse_int(const char *flag, const char *v, int64_t *out) {
  char *end;
  errno = 0;
  long long x = strtoll(v, &end, 10);
  if (!*v || *end || errno || x <= 0 || x > ((int64_t)1 << 40)) {
    fprintf(stderr, "error: %s expects a positive integer up to 2^40, got '%s'\n", flag, v);
    return 2;
  }
  *out = x;
  return 0;
}

/* The options each command reads; any other known option is refused
 * rather than silently ignored. */
static bool option_used_by(const char *cmd, const char *a) {
  static const char *const import_opts[] = {"--batch", "--shape", "--target", "-o", "--elide-resources", NULL};
  static const char *const run_opts[] = {
      "--input", "--calib", "--quant", "--output", "--output-dir", "--shape", "--target", "--time-passes",
      "--weight-granularity", "--calib-method", "--layer", "--bits-budget", "--bytes-budget", "--bops-budget",
      "--no-fold", "--rotate", "--smooth", "--act-granularity", "--scale-bits", "--quant-attention",
      "--sensitivity-proxy", "--gptq", "--no-bias-correct", NULL};
  static const char *const compile_opts[] = {
      "--calib", "--quant", "--emit", "-o", "--name", "--batch", "--elide-resources", "--shape", "--target",
      "--weights", "--time-passes", "--weight-granularity", "--calib-method", "--layer", "--bits-budget",
      "--bytes-budget", "--bops-budget", "--no-fold", "--rotate", "--smooth", "--act-granularity", "--scale-bits",
      "--quant-attention", "--sensitivity-proxy", "--gptq", "--no-bias-correct", "--reference-kernels", "--threads", NULL};
  static const char *const report_opts[] = {
      "--calib", "--quant", "--weight-granularity", "--calib-method", "--layer", "--json", "--svg", "--sensitivity",
      "--bits-budget", "--bytes-budget", "--bops-budget", "--no-fold", "--rotate", "--smooth", "--act-granularity",
      "--scale-bits", "--quant-attention", "--sensitivity-proxy", "--gptq", "--no-bias-correct", "--shape", "--target", NULL};
  const char *const *l = !strcmp(cmd, "import")   ? import_opts
                         : !strcmp(cmd, "run")    ? run_opts
                         : !strcmp(cmd, "report") ? report_opts
                                                  : compile_opts;
  for (; *l; ++l)
    if (!strcmp(*l, a)) return true;
  return false;
}

static int parse(int argc, char **argv, const char *cmd, opts_t *o) {
  memset(o, 0, sizeof *o);
  o->name = "model";
  for (int i = 2; i < argc; ++i) {
    const char *a = argv[i];
    const char *v = i + 1 < argc ? argv[i + 1] : NULL;
#define NEEDV()                                                 \
  do {                                                          \
    if (!v) {                                                   \
      fprintf(stderr, "error: option '%s' needs a value\n", a); \
      return 2;                                                 \
    }                                                           \
    ++i;                                                        \
  } while (0)
    if (a[0] == '-' && strcmp(a, "--help") && strcmp(a, "-h") && !option_used_by(cmd, a)) {
      bool known = option_used_by("import", a) || option_used_by("run", a) || option_used_by("compile", a);
      if (known) fprintf(stderr, "error: option '%s' is not used by 'lowbit %s' (see lowbit %s --help)\n", a, cmd, cmd);
      else fprintf(stderr, "error: unknown option '%s' for 'lowbit %s' (see lowbit %s --help)\n", a, cmd, cmd);
      return 2;
    }
    if (!strcmp(a, "--help") || !strcmp(a, "-h")) {
      usage_cmd(stdout, cmd);
      exit(0);
    } else if (!strcmp(a, "--input") || !strcmp(a, "--calib")) {
      NEEDV();
      int calib = a[2] == 'c';
      int *n = calib ? &o->ncalib : &o->ninputs;
      char **names = calib ? o->calib_names : o->input_names;
      if (*n == MAX_TENSORS) {
        fprintf(stderr, "error: too many %s options\n", a);
        return 2;
      }
      if (split_named(v, &names[*n], calib ? &o->calib_files[*n] : &o->input_files[*n])) {
        fprintf(stderr, "error: %s expects NAME=FILE.npy, got '%s'\n", a, v);
        return 2;
      }
      for (int k = 0; k < *n; ++k)
        if (!strcmp(names[k], names[*n])) {
          fprintf(stderr, "error: %s %s is given twice\n", a, names[k]);
          free(names[*n]);
          return 2;
        }
      (*n)++;
    } else if (!strcmp(a, "--shape")) {
      NEEDV();
      if (o->nshapes == MAX_TENSORS) {
        fprintf(stderr, "error: too many --shape options\n");
        return 2;
      }
      o->shapes[o->nshapes++] = v;
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
    } else if (!strcmp(a, "--target")) {
      NEEDV();
      o->target = v;
    } else if (!strcmp(a, "--weights")) {
      NEEDV();
      if (strcmp(v, "c") && strcmp(v, "binary") && strcmp(v, "incbin") && strcmp(v, "auto")) {
        fprintf(stderr, "error: --weights expects c, incbin (or binary) or auto, got '%s'\n", v);
        return 2;
      }
      o->weights = v;
    } else if (!strcmp(a, "--bytes-budget") || !strcmp(a, "--bops-budget")) {
      NEEDV();
      /* digits, optionally K, M or G (x 1e3, 1e6, 1e9) */
      size_t n = strlen(v);
      double mul = n && v[n - 1] == 'K' ? 1e3 : n && v[n - 1] == 'M' ? 1e6 : n && v[n - 1] == 'G' ? 1e9 : 1;
      char digits[32];
      snprintf(digits, sizeof digits, "%.*s", (int)(mul > 1 ? n - 1 : n), v);
      double x = n < 24 && plain_number(digits, true) ? strtod(digits, NULL) * mul : 0;
      if (!(x > 0)) {
        fprintf(stderr, "error: %s expects a positive number (optionally with K, M or G), got '%s'\n", a, v);
        return 2;
      }
      if (a[2] == 'b' && a[3] == 'y') o->bytes_budget = x;
      else o->bops_budget = x;
      o->bits_budget = 1; /* allocation on; the budget is converted once the layers are known */
    } else if (!strcmp(a, "--bits-budget")) {
      NEEDV();
      char *end;
      o->bits_budget = plain_number(v, true) ? strtod(v, &end) : 0;
      if (!plain_number(v, true) || end == v || *end || !(o->bits_budget > 0 && o->bits_budget <= 64)) {
        fprintf(stderr, "error: --bits-budget expects average weight bits (a number), got '%s'\n", v);
        return 2;
      }
    } else if (!strcmp(a, "--no-fold")) {
      o->no_fold = true;
    } else if (!strcmp(a, "--no-bias-correct")) {
      o->no_bias_correct = true;
    } else if (!strcmp(a, "--gptq")) {
      o->gptq = true;
    } else if (!strcmp(a, "--sensitivity-proxy")) {
      NEEDV();
      if (strcmp(v, "run") && strcmp(v, "hessian")) {
        fprintf(stderr, "error: --sensitivity-proxy expects run or hessian, got '%s'\n", v);
        return 2;
      }
      o->hessian = !strcmp(v, "hessian");
    } else if (!strcmp(a, "--quant-attention")) {
      NEEDV();
      if (!plain_number(v, false) || strlen(v) > 1 || v[0] < '4' || v[0] > '8') {
        fprintf(stderr, "error: --quant-attention expects 4..8 (bits of QK^T and PV inputs), got '%s'\n", v);
        return 2;
      }
      o->attention_bits = v[0] - '0';
    } else if (!strcmp(a, "--scale-bits")) {
      NEEDV();
      if (!plain_number(v, false) || strlen(v) > 1 || v[0] < '2' || v[0] > '8') {
        fprintf(stderr, "error: --scale-bits expects 2..8 (bits of each group scale), got '%s'\n", v);
        return 2;
      }
      o->scale_bits = v[0] - '0';
    } else if (!strcmp(a, "--act-granularity")) {
      NEEDV();
      if (strcmp(v, "tensor") && strcmp(v, "token")) {
        fprintf(stderr, "error: --act-granularity expects tensor or token, got '%s'\n", v);
        return 2;
      }
      o->act_granularity = v;
    } else if (!strcmp(a, "--smooth")) {
      NEEDV();
      o->smooth = strcmp(v, "none") ? v : NULL;
    } else if (!strcmp(a, "--rotate")) {
      NEEDV();
      o->rotate = strcmp(v, "none") ? v : NULL;
    } else if (!strcmp(a, "--sensitivity")) {
      o->sensitivity = true;
    } else if (!strcmp(a, "--svg")) {
      NEEDV();
      o->svg = v;
    } else if (!strcmp(a, "--json")) {
      NEEDV();
      o->json = v;
    } else if (!strcmp(a, "--layer")) {
      NEEDV();
      const char *eq = strrchr(v, '=');
      if (!eq || eq == v || strchr(v, ',') || strchr(v, '\'') || o->nlayers == MAX_TENSORS) {
        fprintf(stderr, "error: --layer expects NAME=wXaY or NAME=float (a name without ',' or quotes), got '%s'\n", v);
        return 2;
      }
      if (strcmp(eq + 1, "float") && !quant_mode_ok(eq + 1)) {
        fprintf(stderr, "error: --layer %s: '%s' is not wXaY (X 2..8, Y 4..16 or f) or float\n", v, eq + 1);
        return 2;
      }
      o->layers[o->nlayers++] = v;
    } else if (!strcmp(a, "--calib-method")) {
      NEEDV();
      char *end = NULL;
      double pct = !strncmp(v, "percentile:", 11) && plain_number(v + 11, true) ? strtod(v + 11, &end) : 0;
      if (strcmp(v, "minmax") && strcmp(v, "mse") && !(end && end != v + 11 && !*end && pct > 50 && pct <= 100)) {
        fprintf(stderr, "error: --calib-method expects minmax, percentile:P (50 < P <= 100) or mse, got '%s'\n", v);
        return 2;
      }
      o->calib_method = v;
    } else if (!strcmp(a, "--weight-granularity")) {
      NEEDV();
      char *gend = NULL;
      long long g = !strncmp(v, "group:", 6) && plain_number(v + 6, false) ? strtoll(v + 6, &gend, 10) : 0;
      if (strcmp(v, "channel") && strcmp(v, "tensor") && !(gend && gend != v + 6 && !*gend && g >= 1 && g <= 65536)) {
        fprintf(stderr, "error: --weight-granularity expects channel, tensor or group:G (1 <= G <= 65536), got '%s'\n", v);
        return 2;
      }
      o->weight_granularity = v;
    } else if (!strcmp(a, "--time-passes")) {
      o->time_passes = true;
    } else if (!strcmp(a, "--reference-kernels")) {
      o->reference_kernels = true;
    } else if (!strcmp(a, "--threads")) {
      NEEDV();
      char *end;
      long t = strtol(v, &end, 10);
      if (*end || t < 1 || t > 64) {
        fprintf(stderr, "error: --threads takes 1..64, not '%s'\n", v);
        return 2;
      }
      o->threads = (int)t;
    } else if (!strcmp(a, "--elide-resources")) {
      o->elide = true;
    } else if (!strcmp(a, "--batch")) {
      NEEDV();
      int rc = parse_int(a, v, &o->batch);
      if (rc) return rc;
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
  if (o->quant && !quant_mode_ok(o->quant)) {
    fprintf(stderr,
            "error: unsupported --quant '%s' (wXaY: X-bit weights, 2..8, Y-bit activations, 4..16 or f, e.g. w8a8, w4a8, w4af; "
            "-u8 for unsigned activations, e.g. w8a8-u8)\n",
            o->quant);
    return 2;
  }
  bool token = o->act_granularity && !strcmp(o->act_granularity, "token");
  if (o->quant && o->ncalib == 0 && ((!quant_weight_only(o->quant) && !token) || o->attention_bits)) {
    fprintf(stderr, "error: --quant needs calibration data (--calib NAME=FILE.npy)\n");
    return 2;
  }
  for (int i = 0; i < o->nlayers && o->ncalib == 0; ++i) {
    const char *eq = strrchr(o->layers[i], '=');
    if (eq && strcmp(eq + 1, "float") && !quant_weight_only(eq + 1)) {
      fprintf(stderr, "error: --layer %s quantizes activations: it needs calibration data (--calib NAME=FILE.npy)\n",
              o->layers[i]);
      return 2;
    }
  }
  if (o->smooth && o->ncalib == 0) {
    fprintf(stderr, "error: --smooth needs calibration data (--calib NAME=FILE.npy)\n");
    return 2;
  }
  if (!o->quant && !o->smooth && o->ncalib > 0) {
    fprintf(stderr, "error: --calib needs --quant (or --smooth)\n");
    return 2;
  }
  if (o->gptq && !o->quant) {
    fprintf(stderr, "error: --gptq needs --quant and --calib\n");
    return 2;
  }
  if (o->gptq && o->ncalib == 0) {
    fprintf(stderr, "error: --gptq needs calibration data (--calib NAME=FILE.npy)\n");
    return 2;
  }
  if (!o->quant && (o->weight_granularity || o->act_granularity || o->calib_method || o->nlayers || o->bits_budget > 0 ||
                    o->no_bias_correct || (o->no_fold && !o->rotate && !o->smooth))) {
    fprintf(stderr, "error: --weight-granularity, --act-granularity, --calib-method, --layer, --bits-budget, "
                    "--no-bias-correct and --no-fold need --quant (--no-fold also goes with --rotate or --smooth)\n");
    return 2;
  }
  if (o->scale_bits && (!o->weight_granularity || strncmp(o->weight_granularity, "group:", 6))) {
    fprintf(stderr, "error: --scale-bits needs --weight-granularity group:G (it quantizes the group scales)\n");
    return 2;
  }
  if (o->bits_budget > 0 && o->ncalib == 0) {
    fprintf(stderr, "error: --bits-budget needs calibration data (--calib NAME=FILE.npy): the sensitivities are measured on it\n");
    return 2;
  }
  if (o->hessian && o->bits_budget <= 0) {
    fprintf(stderr, "error: --sensitivity-proxy goes with --bits-budget, --bytes-budget or --bops-budget\n");
    return 2;
  }
  if (o->bits_budget > 0 && o->nlayers) {
    fprintf(stderr, "error: --bits-budget chooses every layer's width: it does not take --layer too\n");
    return 2;
  }
  return 0;
}

static bool ends_with(const char *s, const char *suf) {
  size_t a = strlen(s), b = strlen(suf);
  return a >= b && !strcmp(s + a - b, suf);
}

/* Loads the model (ONNX or .mlir) into a verified module. On failure the
 * module is destroyed here and *m is null. */
/* Loads a .mlir or .onnx model; `known` (may be NULL) are input values an
 * ONNX importer may read as constants (frontend/onnx/onnx_import.h). */
static lb_status_t load_module_known(MlirContext ctx, const opts_t *o, const char *path,
                                     const lb_onnx_known_input_t *known, int nknown, MlirModule *m) {
  m->ptr = NULL;
  lb_status_t st;
  /* --shape sizes apply at import already, so that shape arithmetic on
   * symbolic dims folds (the pipeline's lb-specialize then agrees) */
  lb_shape_binding_t sb[MAX_TENSORS];
  lb_onnx_input_shape_t shapes[MAX_TENSORS];
  int nshapes = 0;
  for (int i = 0; o && i < o->nshapes; ++i) {
    LB_RETURN_IF_ERROR(lb_shape_binding_parse(o->shapes[i], &sb[i]));
    shapes[nshapes++] = (lb_onnx_input_shape_t){sb[i].input, sb[i].rank, sb[i].dims};
  }
  lb_onnx_import_opts_t io = {.known = known, .nknown = nknown, .shapes = shapes, .nshapes = nshapes};
  if (ends_with(path, ".mlir")) {
    char *text;
    size_t len;
    LB_RETURN_IF_ERROR(lb_file_read(path, &text, &len));
    st = lb_module_parse(ctx, text, path, m);
    free(text);
    LB_RETURN_IF_ERROR(st);
    st = lb_module_verify(*m, path);
    if (!st && mlirOperationIsNull(lb_module_get_func(*m)))
      st = LB_ERROR(LB_STATUS_INVALID_ARGUMENT, "%s: the module has no function with a body", path);
  } else {
    LB_RETURN_IF_ERROR(lb_onnx_import_file_opts(ctx, path, &io, m));
    st = lb_module_verify(*m, path);
    /* quantizers, normalizations and GELUs written out as elementary ops
     * are those ops (an opset-13 export imports like an opset-17 one) */
    lb_pass_options_t none = {0};
    if (!st) st = lb_pass_recognize_fake_quant(*m, &none);
    if (!st) st = lb_pass_recognize_layer_norm(*m, &none);
    if (!st) st = lb_pass_recognize_gelu(*m, &none); /* they build verified ops only */
  }
  if (st) {
    mlirModuleDestroy(*m);
    m->ptr = NULL;
  }
  return st;
}

static lb_status_t load_module(MlirContext ctx, const opts_t *o, const char *path, MlirModule *m) {
  return load_module_known(ctx, o, path, NULL, 0, m);
}

/* The pipeline the flags ask for, before final specialization. Values are
 * quoted with '...' in the pipeline text, so they may not contain a quote. */
static lb_status_t build_pipeline(MlirModule m, const opts_t *o, lb_strbuf_t *p) {
  const char *vals[3 * MAX_TENSORS + 1];
  int nv = 0;
  if (o->target) vals[nv++] = o->target;
  for (int i = 0; i < o->nshapes; ++i) vals[nv++] = o->shapes[i];
  for (int i = 0; i < o->ncalib; ++i) vals[nv++] = o->calib_names[i], vals[nv++] = o->calib_files[i];
  for (int i = 0; i < nv; ++i)
    if (strchr(vals[i], '\''))
      return LB_ERROR(LB_STATUS_INVALID_ARGUMENT, "'%s': names, files and targets must not contain a single quote",
                      vals[i]);
  lb_strbuf_printf(p, "lb-set-target{target='%s'}", o->target ? o->target : LB_TARGET_DEFAULT);
  if (o->nshapes) {
    lb_strbuf_puts(p, ",lb-specialize{shape='");
    for (int i = 0; i < o->nshapes; ++i) lb_strbuf_printf(p, "%s%s", i ? ";" : "", o->shapes[i]);
    lb_strbuf_puts(p, "'}");
  }
  if (o->rotate && strchr(o->rotate, '\''))
    return LB_ERROR(LB_STATUS_INVALID_ARGUMENT, "'%s': a rotation file name must not contain a single quote", o->rotate);
  if (o->smooth && strchr(o->smooth, '\''))
    return LB_ERROR(LB_STATUS_INVALID_ARGUMENT, "'%s': --smooth takes a number or auto", o->smooth);
  if (o->float_only) {
    /* the report's float reference: rotated too (the function is the same)
     * so that per-layer values compare in one basis */
    lb_strbuf_puts(p, o->no_fold ? ",lb-fold-batchnorm,lb-fuse-bias" : ",lb-fold-batchnorm,lb-fuse-bias,lb-fold-norm");
    if (o->rotate) lb_strbuf_printf(p, ",lb-rotate{rotation='%s'}", o->rotate);
    if (o->smooth) {
      /* the same scales as the quantized copy: its widths steer the auto search */
      char mode[16];
      int wb = 8, ab = 8;
      if (o->quant) {
        quant_mode_split(o->quant, mode, sizeof mode);
        if (sscanf(mode, "w%daf", &wb) == 1 && quant_weight_only(mode)) ab = 8; /* as lb-ptq's weight-only */
        else if (sscanf(mode, "w%da%d", &wb, &ab) != 2) wb = ab = 8;
      }
      lb_strbuf_puts(p, ",lb-smooth{data='");
      for (int i = 0; i < o->ncalib; ++i)
        lb_strbuf_printf(p, "%s%s:%s", i ? "," : "", o->calib_names[i], o->calib_files[i]);
      lb_strbuf_printf(p, "' alpha='%s' bits=%d wbits=%d}", o->smooth, ab, wb);
    }
  } else if (!o->quant && (o->rotate || o->smooth) && !lb_module_is_quantized(m)) {
    /* the float model, rotated and/or smoothed: the function is kept (to float rounding) */
    lb_strbuf_puts(p, o->no_fold ? ",lb-fold-batchnorm,lb-fuse-bias" : ",lb-fold-batchnorm,lb-fuse-bias,lb-fold-norm");
    if (o->rotate) lb_strbuf_printf(p, ",lb-rotate{rotation='%s'}", o->rotate);
    if (o->smooth) {
      lb_strbuf_puts(p, ",lb-smooth{data='");
      for (int i = 0; i < o->ncalib; ++i)
        lb_strbuf_printf(p, "%s%s:%s", i ? "," : "", o->calib_names[i], o->calib_files[i]);
      lb_strbuf_printf(p, "' alpha='%s'}", o->smooth);
    }
  } else if (lb_module_is_quantized(m)) {
    /* the model's own quantization is kept exactly */
    if (o->quant || o->rotate || o->smooth)
      return LB_ERROR(LB_STATUS_INVALID_ARGUMENT,
                      "%s is already quantized (QDQ or QOperator); it runs as it is: drop --quant and --calib%s", o->model,
                      o->rotate || o->smooth ? " (and --rotate, --smooth: they change float weights)" : "");
    lb_strbuf_puts(p, ",lb-prequantized");
  } else if (o->quant) {
    char mode[16];
    bool u8 = quant_mode_split(o->quant, mode, sizeof mode);
    lb_strbuf_puts(p, ",lb-ptq{calib='");
    for (int i = 0; i < o->ncalib; ++i) lb_strbuf_printf(p, "%s%s:%s", i ? "," : "", o->calib_names[i], o->calib_files[i]);
    lb_strbuf_printf(p, "' mode=%s activations=%s weight_granularity=%s calib_method=%s weight_calib=%s layers='", mode,
                     u8 ? "u8" : "i8", o->weight_granularity ? o->weight_granularity : "channel",
                     o->calib_method ? o->calib_method : "minmax", o->calib_method ? o->calib_method : "auto");
    for (int i = 0; i < o->nlayers; ++i) {
      /* the layer's scheme without a -u8 suffix: signedness is the model's */
      const char *eq = strrchr(o->layers[i], '=');
      char sch[16];
      quant_mode_split(eq + 1, sch, sizeof sch);
      lb_strbuf_printf(p, "%s%.*s=%s", i ? "," : "", (int)(eq - o->layers[i]), o->layers[i], sch);
    }
    lb_strbuf_printf(p, "' only='%s'%s%s%s rotate='%s' smooth='%s' scale_bits=%d attention_bits=%d gptq=%d act_granularity=%s}",
                     o->only ? o->only : "",
                     o->fake_quant ? " lower=0" : "", o->no_fold ? " fold=0" : "", o->no_bias_correct ? " bias_correct=0" : "",
                     o->rotate ? o->rotate : "none",
                     o->smooth ? o->smooth : "none", o->scale_bits, o->attention_bits, o->gptq ? 1 : 0,
                     o->act_granularity ? o->act_granularity : "tensor");
  }
  return lb_strbuf_status(p);
}

/* Runs the pipeline of the flags; final_batch > 0 appends the final
 * specialization code generation needs (remaining symbolic batch dims get
 * that size; anything else dynamic is an error), so --emit mlir shows the
 * IR that is compiled. */
static lb_status_t run_pipeline(MlirModule m, const opts_t *o, FILE *stages, int64_t final_batch) {
  lb_strbuf_t p;
  lb_strbuf_init(&p);
  lb_status_t st = build_pipeline(m, o, &p);
  if (final_batch > 0) lb_strbuf_printf(&p, ",lb-specialize{batch=%lld static=1}", (long long)final_batch);
  lb_pipeline_config_t cfg = {.print_after_all = stages,
                              .time_passes = o->time_passes ? stderr : NULL,
                              .print = {.elide_resources = o->elide}};
  if (!st) st = lb_pipeline_run(m, p.data, &cfg);
  lb_strbuf_free(&p);
  return st;
}

static lb_status_t parse_shapes(const opts_t *o, lb_shape_binding_t *shapes) {
  for (int i = 0; i < o->nshapes; ++i) LB_RETURN_IF_ERROR(lb_shape_binding_parse(o->shapes[i], &shapes[i]));
  return LB_OK;
}

static int write_text(const char *path, const char *s) {
  FILE *f = path ? fopen(path, "w") : stdout;
  int ok = f && fputs(s, f) >= 0 && fflush(f) == 0 && !ferror(f);
  if (f && f != stdout && fclose(f) != 0) ok = 0;
  if (!ok) {
    fprintf(stderr, "error: %s: cannot write: %s\n", path ? path : "<stdout>", strerror(errno));
    return 1;
  }
  return 0;
}

static int cmd_import(const opts_t *o, MlirContext ctx) {
  MlirModule m;
  lb_status_t st = load_module(ctx, o, o->model, &m);
  if (st) return fail(st);
  lb_shape_binding_t shapes[MAX_TENSORS];
  lb_specialize_opts_t so = {.batch = o->batch, .shapes = shapes, .nshapes = o->nshapes};
  st = parse_shapes(o, shapes);
  if (!st && (o->batch || o->nshapes)) st = lb_module_specialize(m, &so);
  if (!st && o->target) {
    MlirAttribute t;
    st = lb_target_load(ctx, o->target, &t);
    if (!st) lb_module_set_target(m, t);
  }
  int rc = 1;
  if (!st) {
    lb_print_options_t po = {.elide_resources = o->elide};
    char *s = lb_module_print(m, &po);
    rc = s ? write_text(o->outdir, s) : 1;
    free(s);
  }
  mlirModuleDestroy(m);
  return st ? fail(st) : rc;
}

/* Writes output i under dir: the output's name if it is a safe file name,
 * else a sanitized one; never follows a symlink or leaves the directory. */
static lb_status_t write_output(const char *dir, const char *name, const lb_tensor_t *t) {
  char safe[256];
  if (lb_name_is_safe_filename(name) && strlen(name) < 200) snprintf(safe, sizeof safe, "%s", name);
  else lb_name_to_identifier(name, safe, 200);
  char path[4096];
  snprintf(path, sizeof path, "%s/%s.npy", dir, safe);
  return lb_npy_write(path, t, true);
}

/* Before calibration: every symbolic dim but dim 0 (the calibration batch)
 * takes its size from the --input data, so that models with a symbolic
 * sequence length calibrate at the length they will run at. */
static lb_status_t bind_data_dims(MlirModule m, const opts_t *o, const lb_tensor_t *inputs) {
  MlirOperation func = lb_module_get_func(m);
  intptr_t nin = mlirBlockGetNumArguments(lb_func_get_body(func));
  lb_shape_binding_t *bind = calloc((size_t)nin + 1, sizeof *bind);
  if (!bind) return LB_ERROR(LB_STATUS_RESOURCE_EXHAUSTED, "out of memory");
  int32_t n = 0;
  for (intptr_t i = 0; i < nin; ++i) {
    lb_shape_binding_t *b = &bind[n];
    lb_func_input_name(func, i, b->input, sizeof b->input);
    int32_t r;
    int64_t d[LB_MAX_RANK];
    lb_type_get_shape(mlirValueGetType(mlirBlockGetArgument(lb_func_get_body(func), i)), &r, d);
    for (int k = 0; k < o->ninputs; ++k) {
      if (strcmp(o->input_names[k], b->input) || inputs[k].rank != r || r == 0) continue;
      b->rank = r;
      b->dims[0] = LB_DYN;
      for (int32_t j = 1; j < r; ++j) b->dims[j] = inputs[k].dims[j];
      n++;
      break;
    }
  }
  lb_specialize_opts_t so = {.shapes = bind, .nshapes = n};
  lb_status_t st = lb_status_annotate(lb_module_specialize(m, &so), "%s", o->model);
  free(bind);
  return st;
}

static int cmd_run(const opts_t *o, MlirContext ctx) {
  if (!o->output && !o->output_dir) {
    fprintf(stderr, "error: lowbit run needs --output FILE.npy or --output-dir DIR\n");
    return 2;
  }
  lb_tensor_t inputs[MAX_TENSORS], ordered[MAX_TENSORS], outs[MAX_TENSORS];
  memset(inputs, 0, sizeof inputs);
  memset(outs, 0, sizeof outs);
  MlirModule m = {NULL};
  lb_plan_t plan;
  memset(&plan, 0, sizeof plan);
  lb_status_t st = LB_OK;
  for (int i = 0; i < o->ninputs && !st; ++i) st = lb_npy_read(o->input_files[i], &inputs[i]);
  /* small integer inputs are also known to the importer (a node test's
   * axes, shapes and starts arrive as graph inputs) */
  lb_onnx_known_input_t known[MAX_TENSORS];
  int nknown = 0;
  for (int i = 0; i < o->ninputs && !st; ++i)
    if (lb_dtype_is_int(inputs[i].dtype) && lb_tensor_count(&inputs[i]) <= 4096)
      known[nknown++] = (lb_onnx_known_input_t){o->input_names[i], &inputs[i]};
  double t0 = lb_usage_now();
  if (!st) st = load_module_known(ctx, o, o->model, known, nknown, &m);
  if (!st && o->time_passes) lb_usage_report(stderr, "import", t0);
  if (!st && o->quant) st = bind_data_dims(m, o, inputs);
  if (!st) st = run_pipeline(m, o, NULL, 0);
  if (st) goto done;
  {
    /* every graph input from its --input; symbolic dims take the data's sizes */
    MlirOperation func = lb_module_get_func(m);
    intptr_t nin = mlirBlockGetNumArguments(lb_func_get_body(func));
    lb_shape_binding_t *bind = calloc((size_t)nin + 1, sizeof *bind);
    bool *used = calloc((size_t)o->ninputs + 1, sizeof *used);
    if (!bind || !used) st = LB_ERROR(LB_STATUS_RESOURCE_EXHAUSTED, "out of memory");
    if (!st && nin > MAX_TENSORS) st = LB_ERROR(LB_STATUS_UNIMPLEMENTED, "more than %d graph inputs", MAX_TENSORS);
    for (intptr_t i = 0; i < nin && !st; ++i) {
      lb_func_input_name(func, i, bind[i].input, sizeof bind[i].input);
      int found = -1;
      for (int k = 0; k < o->ninputs; ++k)
        if (!strcmp(o->input_names[k], bind[i].input)) found = k;
      if (found < 0) {
        st = LB_ERROR(LB_STATUS_INVALID_ARGUMENT, "missing --input %s=FILE.npy", bind[i].input);
        break;
      }
      used[found] = true;
      ordered[i] = inputs[found];
      bind[i].rank = inputs[found].rank;
      memcpy(bind[i].dims, inputs[found].dims, sizeof bind[i].dims);
      for (int32_t d = 0; d < bind[i].rank && !st; ++d)
        if (bind[i].dims[d] <= 0)
          st = LB_ERROR(LB_STATUS_INVALID_ARGUMENT, "%s: input '%s' has an empty dimension", o->input_files[found],
                        bind[i].input);
    }
    for (int k = 0; k < o->ninputs && !st; ++k)
      if (!used[k]) st = LB_ERROR(LB_STATUS_INVALID_ARGUMENT, "--input %s: the model has no such input", o->input_names[k]);
    lb_specialize_opts_t so = {.shapes = bind, .nshapes = (int32_t)nin, .require_static = true};
    if (!st) st = lb_module_specialize(m, &so);
    /* the input sizes made every shape static: check the module again */
    if (!st) st = lb_module_verify(m, NULL);
    free(bind);
    free(used);
    if (st) {
      st = lb_status_annotate(st, "%s", o->model);
      goto done;
    }
  }
  t0 = lb_usage_now();
  if ((st = lb_plan_build(m, &plan))) goto done;
  if ((st = lb_interp_run(&plan, ordered, outs, NULL, NULL))) goto done;
  if (o->time_passes) lb_usage_report(stderr, "interpret", t0);
  if (o->output) {
    if (plan.noutputs != 1) {
      st = LB_ERROR(LB_STATUS_INVALID_ARGUMENT, "the model has %d outputs; use --output-dir", plan.noutputs);
      goto done;
    }
    st = lb_npy_write(o->output, &outs[0], false);
  } else {
    if ((st = lb_file_mkdirs(o->output_dir))) goto done;
    for (int32_t i = 0; i < plan.noutputs && !st; ++i) st = write_output(o->output_dir, plan.output_names[i], &outs[i]);
  }
done:
  for (int i = 0; i < MAX_TENSORS; ++i) {
    lb_tensor_free(&inputs[i]);
    lb_tensor_free(&outs[i]);
  }
  lb_plan_free(&plan);
  if (!mlirModuleIsNull(m)) mlirModuleDestroy(m);
  return st ? fail(st) : 0;
}

static int cmd_compile(const opts_t *o, MlirContext ctx) {
  static const char *const llvm_outputs[] = {"obj", "asm", "llvm", "bc", NULL};
  int llvm_out = -1;
  for (int i = 0; o->emit && llvm_outputs[i]; ++i)
    if (!strcmp(o->emit, llvm_outputs[i])) llvm_out = i;
  if (!o->emit || (strcmp(o->emit, "c") && strcmp(o->emit, "mlir") && strcmp(o->emit, "hls") && llvm_out < 0)) {
    fprintf(stderr, "error: lowbit compile needs --emit c, obj, asm, llvm, bc, hls or mlir\n");
    return 2;
  }
  bool emit_c = !strcmp(o->emit, "c"), emit_hls = !strcmp(o->emit, "hls"), emit_llvm = llvm_out >= 0;
  if ((o->reference_kernels || o->threads) && !emit_llvm) {
    fprintf(stderr, "error: %s goes with --emit obj, asm, llvm or bc\n", o->threads ? "--threads" : "--reference-kernels");
    return 2;
  }
  if ((emit_c || emit_hls || emit_llvm) && !o->outdir) {
    fprintf(stderr, "error: --emit %s needs -o OUTDIR\n", o->emit);
    return 2;
  }
  if (emit_hls && o->batch > 1) {
    fprintf(stderr, "error: --emit hls designs take one sample per call (the testbench runs any batch): drop --batch\n");
    return 2;
  }
  opts_t ho;
  if ((emit_hls || emit_llvm) && !o->target) { /* the default FPGA; the host CPU */
    ho = *o;
    ho.target = emit_hls ? "zynq-7020" : "native";
    o = &ho;
  }
  MlirModule m;
  double t0 = lb_usage_now();
  lb_status_t st = load_module(ctx, o, o->model, &m);
  if (st) return fail(st);
  if (o->time_passes) lb_usage_report(stderr, "import", t0);
  FILE *stages = emit_c || emit_hls || emit_llvm ? NULL : stdout;
  if (stages) {
    lb_print_options_t po = {.elide_resources = o->elide};
    char *s = lb_module_print(m, &po);
    printf("// -----// IR Dump After import //----- //\n%s", s ? s : "");
    free(s);
  }
  st = run_pipeline(m, o, stages, o->batch > 0 ? o->batch : 1);
  if (!st && emit_hls) {
    lb_hls_report_t *rep = calloc(1, sizeof *rep);
    t0 = lb_usage_now();
    st = rep ? lb_emit_hls_project(m, o->name, o->outdir, rep)
             : LB_ERROR(LB_STATUS_RESOURCE_EXHAUSTED, "out of memory");
    if (!st && o->time_passes) lb_usage_report(stderr, "emit hls", t0);
    if (!st) {
      lb_hls_report_print(rep, stderr);
      fprintf(stderr, "lowbit: wrote the HLS project %s (%s_top; make -C %s csim)\n", o->outdir, o->name, o->outdir);
    }
    free(rep);
  }
  if (!st && emit_c) {
    lb_plan_t plan;
    lb_emit_c_stats_t stats;
    bool binary = false;
    lb_weights_mode_t wm = !o->weights || !strcmp(o->weights, "auto") ? LB_WEIGHTS_AUTO
                           : strcmp(o->weights, "c")                  ? LB_WEIGHTS_BINARY
                                                                      : LB_WEIGHTS_C;
    t0 = lb_usage_now();
    st = lb_plan_build(m, &plan);
    if (!st) {
      st = lb_emit_c_files_mode(&plan, o->name, o->outdir, wm, &stats, &binary);
      lb_plan_free(&plan);
    }
    if (!st && o->time_passes) lb_usage_report(stderr, "emit c", t0);
    if (!st && binary)
      fprintf(stderr,
              "lowbit: wrote %s/%s.c, %s/%s.h, %s/%s.weights and %s/%s_weights.S (%d kernel calls, %lld weight bytes "
              "in %s.weights, %lld scratch bytes)\n",
              o->outdir, o->name, o->outdir, o->name, o->outdir, o->name, o->outdir, o->name, stats.nsteps,
              (long long)stats.weight_bytes, o->name, (long long)stats.scratch_bytes);
    else if (!st)
      fprintf(stderr, "lowbit: wrote %s/%s.c and %s/%s.h (%d kernel calls, %lld weight bytes, %lld scratch bytes)\n",
              o->outdir, o->name, o->outdir, o->name, stats.nsteps, (long long)stats.weight_bytes,
              (long long)stats.scratch_bytes);
  }
  if (!st && emit_llvm) {
    lb_plan_t plan;
    lb_target_t target;
    lb_emit_llvm_stats_t stats;
    static const char *const ext[] = {"o", "s", "ll", "bc"};
    t0 = lb_usage_now();
    st = lb_target_of(m, &target);
    if (!st && o->threads) target.threads = o->threads;
    if (!st) st = lb_plan_build(m, &plan);
    if (!st) {
      st = lb_emit_llvm_files(&plan, &target, o->name, o->outdir, (lb_llvm_output_t)llvm_out, !o->reference_kernels,
                              &stats);
      lb_plan_free(&plan);
    }
    if (!st && o->time_passes) lb_usage_report(stderr, "emit llvm", t0);
    if (!st)
      fprintf(stderr,
              "lowbit: wrote %s/%s.%s and %s/%s.h for %s, cpu %s (%d kernel calls, %d on SIMD kernels; %lld weight "
              "bytes, %lld scratch bytes)\n",
              o->outdir, o->name, ext[llvm_out], o->outdir, o->name, stats.triple, stats.cpu, stats.nsteps,
              stats.simd_steps, (long long)stats.weight_bytes, (long long)stats.scratch_bytes);
  }
  mlirModuleDestroy(m);
  return st ? fail(st) : 0;
}

/* --bits-budget: measures every layer's sensitivity at every weight width
 * 2..X (the square of the graph output's error against the float model with
 * that layer alone quantized, lowbit report's measure: the noise of
 * independent layers adds in power, so the knapsack's sum models the error
 * of the whole plan), solves the knapsack
 * (passes/bit_alloc.h) and turns the plan into --layer overrides, which the
 * quantization then applies. Prints the plan to stderr. */
static char alloc_text[MAX_TENSORS][160];

/* The allocator's curve for lowbit report (--bits-budget with --svg or
 * --json): plans at budgets 2, 2.25, ... X and every layer at 2..X bits. */
#define MAX_PARETO 64
static lb_pareto_point_t pareto[MAX_PARETO];
static int32_t pareto_plan[MAX_PARETO][MAX_TENSORS]; /* the widths of each plan */
static int32_t npareto;

/* Quantizes (fake, lower=0) with one width per layer and measures the
 * graph output's error and the weight bytes. */
static lb_status_t eval_plan(MlirContext ctx, const opts_t *qo, MlirModule fm, const lb_tensor_t *data,
                             const lb_report_t *r, const int32_t *bits, const char *act, lb_pareto_point_t *p) {
  static char text[MAX_TENSORS][160];
  opts_t so = *qo;
  double total = 0, sum = 0;
  for (int32_t l = 0; l < r->nlayers; ++l) {
    snprintf(text[l], sizeof text[l], "%s=w%da%s", r->layers[l].name, bits[l], act);
    so.layers[l] = text[l];
    int64_t c = 1;
    for (int32_t d = 0; d < r->layers[l].weight_rank; ++d) c *= r->layers[l].weight_dims[d];
    total += (double)c;
    sum += (double)c * bits[l];
  }
  so.nlayers = r->nlayers;
  MlirModule sm = {NULL};
  lb_report_t sr;
  lb_status_t st = load_module(ctx, qo, qo->model, &sm);
  if (!st) st = run_pipeline(sm, &so, NULL, 0);
  if (!st) st = lb_quant_report(fm, sm, (const char *const *)qo->calib_names, data, qo->ncalib, &sr);
  if (!st) {
    p->error = sr.output_error;
    p->weight_bytes = sr.quant_bytes;
    p->avg_bits = total > 0 ? sum / total : 0;
    lb_report_free(&sr);
  }
  if (!mlirModuleIsNull(sm)) mlirModuleDestroy(sm);
  return st;
}

static lb_status_t allocate_bits(MlirContext ctx, opts_t *o) {
  int wb = 8, ab = 8, ab_w = 0; /* ab_w: the activations' width for bit operations, 0 for float */
  char mode[16], act[8];
  quant_mode_split(o->quant, mode, sizeof mode);
  if (quant_weight_only(mode)) {
    sscanf(mode, "w%d", &wb);
    snprintf(act, sizeof act, "f");
  } else {
    ab_w = -1;
    sscanf(mode, "w%da%d", &wb, &ab);
    snprintf(act, sizeof act, "%d", ab);
    ab_w = ab;
  }
  MlirModule fm = {NULL}, qm = {NULL};
  lb_tensor_t data[MAX_TENSORS];
  memset(data, 0, sizeof data);
  lb_report_t r;
  memset(&r, 0, sizeof r);
  opts_t fo = *o, qo = *o;
  fo.float_only = true;
  fo.bits_budget = qo.bits_budget = 0;
  qo.fake_quant = true;
  lb_status_t st = load_module(ctx, o, o->model, &fm);
  if (!st) st = load_module(ctx, o, o->model, &qm);
  if (!st) st = run_pipeline(fm, &fo, NULL, 0);
  if (!st) st = run_pipeline(qm, &qo, NULL, 0);
  for (int i = 0; i < o->ncalib && !st; ++i) st = lb_npy_read(o->calib_files[i], &data[i]);
  if (!st) st = lb_quant_report(fm, qm, (const char *const *)o->calib_names, data, o->ncalib, &r);
  int32_t nw = wb - 1, widths[8];
  for (int32_t i = 0; i < nw; ++i) widths[i] = 2 + i;
  int32_t nl = r.nlayers;
  if (!st && (nl == 0 || nl > MAX_TENSORS))
    st = LB_ERROR(LB_STATUS_INVALID_ARGUMENT, "%s: %d quantizable layers; the allocator takes 1 to %d", o->model, nl,
                  MAX_TENSORS);
  int64_t count[MAX_TENSORS];
  double *sens = st ? NULL : calloc((size_t)(nl * nw), sizeof(double));
  int32_t choice[MAX_TENSORS];
  if (!st && !sens) st = LB_ERROR(LB_STATUS_RESOURCE_EXHAUSTED, "out of memory");
  const char *lnames[MAX_TENSORS];
  for (int32_t l = 0; l < nl && !st; ++l) lnames[l] = r.layers[l].name;
  const char *g = o->weight_granularity ? o->weight_granularity : "channel";
  if (!st && o->hessian)
    st = lb_hessian_sensitivity(fm, (const char *const *)o->calib_names, data, o->ncalib, lnames, nl, widths, nw,
                                !strcmp(g, "tensor"), !strncmp(g, "group:", 6) ? strtoll(g + 6, NULL, 10) : 0, sens);
  for (int32_t l = 0; l < nl && !st; ++l) {
    count[l] = 1;
    for (int32_t d = 0; d < r.layers[l].weight_rank; ++d) count[l] *= r.layers[l].weight_dims[d];
    if (strchr(r.layers[l].name, '\'') || strchr(r.layers[l].name, ','))
      st = LB_ERROR(LB_STATUS_INVALID_ARGUMENT, "layer name '%s' cannot be given a width", r.layers[l].name);
    for (int32_t i = 0; i < nw && !st && !o->hessian; ++i) {
      MlirModule sm = {NULL};
      opts_t so = qo;
      char ov[160];
      const char *one[1] = {ov};
      snprintf(ov, sizeof ov, "%s=w%da%s", r.layers[l].name, widths[i], act);
      so.only = r.layers[l].name;
      so.nlayers = 1;
      so.layers[0] = one[0];
      lb_report_t sr;
      st = load_module(ctx, o, o->model, &sm);
      if (!st) st = run_pipeline(sm, &so, NULL, 0);
      if (!st) st = lb_quant_report(fm, sm, (const char *const *)o->calib_names, data, o->ncalib, &sr);
      if (!st) {
        sens[l * nw + i] = sr.output_error * sr.output_error; /* errors of independent layers add in power */
        lb_report_free(&sr);
      }
      if (!mlirModuleIsNull(sm)) mlirModuleDestroy(sm);
    }
  }
  /* the budget as average bits over per-layer costs: weights for bits and
   * bytes; MACs x activation bits for bit operations, in units that keep
   * the DP small (costs rounded up: the plan stays within the budget) */
  int64_t cost[MAX_TENSORS];
  double budget = o->bits_budget, total_w = 0, total_c = 0, unit = 1;
  for (int32_t l = 0; l < nl && !st; ++l) {
    total_w += (double)count[l];
    cost[l] = count[l];
    if (o->bops_budget > 0) {
      if (r.layers[l].macs <= 0)
        st = LB_ERROR(LB_STATUS_INVALID_ARGUMENT, "--bops-budget: layer '%s' has no static MAC count (give --shape)",
                      r.layers[l].name);
      total_c += (double)r.layers[l].macs * (ab_w ? ab_w : 32);
    }
  }
  if (!st && o->bytes_budget > 0) budget = o->bytes_budget * 8.0 / total_w;
  if (!st && o->bops_budget > 0) {
    unit = total_c / 65536.0 > 1 ? (double)((int64_t)(total_c / 65536.0) + 1) : 1; /* no libm in the driver */
    double sum = 0;
    for (int32_t l = 0; l < nl; ++l) {
      cost[l] = (int64_t)((double)r.layers[l].macs * (ab_w ? ab_w : 32) / unit) + 1; /* rounded up */
      sum += (double)cost[l];
    }
    budget = o->bops_budget / unit / sum;
  }
  /* what each width costs a layer: its storage (containers of 2, 4, 8 bits;
   * convolutions 8) under a bytes budget; the width itself for an average
   * weight bits budget (the definition) and for bit operations */
  int32_t *costw = st ? NULL : malloc(sizeof(int32_t) * (size_t)(nl * nw + 1));
  if (!st && !costw) st = LB_ERROR(LB_STATUS_RESOURCE_EXHAUSTED, "out of memory");
  for (int32_t l = 0; l < nl && !st; ++l)
    for (int32_t i = 0; i < nw; ++i)
      costw[l * nw + i] = o->bytes_budget <= 0 ? widths[i] : lb_storage_bits(&r.layers[l], widths[i]);
  if (!st) st = lb_bit_allocate(nl, cost, nw, widths, costw, sens, budget, choice);
  npareto = 0;
  for (int32_t step = 0; !st && o->pareto && step <= (wb - 2) * 4; ++step) {
    /* the allocator's plan at budget 2 + step / 4 (an unreachable budget is skipped), each plan once */
    int32_t c[MAX_TENSORS], b[MAX_TENSORS];
    lb_status_t ast = lb_bit_allocate(nl, count, nw, widths, costw, sens, 2.0 + step / 4.0, c);
    if (ast) {
      lb_status_free(ast);
      continue;
    }
    bool seen = false, chosen = true;
    for (int32_t l = 0; l < nl; ++l) {
      b[l] = widths[c[l]];
      chosen = chosen && c[l] == choice[l];
    }
    for (int32_t k = 0; k < npareto && !seen; ++k) {
      bool same = !pareto[k].uniform_bits;
      for (int32_t l = 0; l < nl && same; ++l) same = pareto_plan[k][l] == b[l];
      seen = same;
    }
    if (seen || npareto == MAX_PARETO / 2) continue;
    memcpy(pareto_plan[npareto], b, sizeof(int32_t) * (size_t)nl);
    pareto[npareto].uniform_bits = 0;
    pareto[npareto].chosen = chosen;
    st = eval_plan(ctx, &qo, fm, data, &r, b, act, &pareto[npareto]);
    npareto++;
  }
  for (int32_t u = 2; !st && o->pareto && u <= wb && npareto < MAX_PARETO; ++u) {
    int32_t b[MAX_TENSORS];
    for (int32_t l = 0; l < nl; ++l) b[l] = u;
    pareto[npareto].uniform_bits = u;
    pareto[npareto].chosen = false;
    st = eval_plan(ctx, &qo, fm, data, &r, b, act, &pareto[npareto]);
    npareto++;
  }
  if (!st) {
    double bits = 0, total = 0, bops = 0, stored = 0;
    if (o->bytes_budget > 0) fprintf(stderr, "lowbit: bit allocation (--bytes-budget %.0f):", o->bytes_budget);
    else if (o->bops_budget > 0) fprintf(stderr, "lowbit: bit allocation (--bops-budget %.4g):", o->bops_budget);
    else fprintf(stderr, "lowbit: bit allocation (--bits-budget %g):", o->bits_budget);
    for (int32_t l = 0; l < nl; ++l) {
      snprintf(alloc_text[l], sizeof alloc_text[l], "%s=w%da%s", r.layers[l].name, widths[choice[l]], act);
      o->layers[l] = alloc_text[l];
      bits += (double)count[l] * widths[choice[l]];
      stored += (double)((count[l] * lb_storage_bits(&r.layers[l], widths[choice[l]]) + 7) / 8);
      total += (double)count[l];
      bops += r.layers[l].macs > 0 ? (double)r.layers[l].macs * widths[choice[l]] * (ab_w ? ab_w : 32) : 0;
      fprintf(stderr, " %s w%d", r.layers[l].name, widths[choice[l]]);
    }
    o->nlayers = nl;
    fprintf(stderr, "; %.3f bits per weight on average, %.0f weight bytes stored, %.4g bit operations per sample\n",
            bits / total, stored, bops);
  }
  free(sens);
  free(costw);
  lb_report_free(&r);
  for (int i = 0; i < MAX_TENSORS; ++i) lb_tensor_free(&data[i]);
  if (!mlirModuleIsNull(fm)) mlirModuleDestroy(fm);
  if (!mlirModuleIsNull(qm)) mlirModuleDestroy(qm);
  return st;
}

/* lowbit report: the float model and the quantized one (stopped after
 * lb-quantize) from two imports of the same file, compared on the
 * calibration data (passes/report.h). */
static int cmd_report(const opts_t *o, MlirContext ctx) {
  if (!o->quant) {
    fprintf(stderr, "error: lowbit report needs --quant MODE and --calib NAME=FILE.npy\n");
    return 2;
  }
  MlirModule fm = {NULL}, qm = {NULL};
  lb_tensor_t data[MAX_TENSORS];
  memset(data, 0, sizeof data);
  lb_report_t r;
  memset(&r, 0, sizeof r);
  opts_t fo = *o, qo = *o;
  fo.float_only = true;
  qo.fake_quant = true;
  lb_status_t st = load_module(ctx, o, o->model, &fm);
  if (!st) st = load_module(ctx, o, o->model, &qm);
  if (!st && lb_module_is_quantized(fm))
    st = LB_ERROR(LB_STATUS_INVALID_ARGUMENT, "%s is already quantized; lowbit report compares a float model with its quantization",
                  o->model);
  if (!st) st = run_pipeline(fm, &fo, NULL, 0);
  if (!st) st = run_pipeline(qm, &qo, NULL, 0);
  for (int i = 0; i < o->ncalib && !st; ++i) st = lb_npy_read(o->calib_files[i], &data[i]);
  if (!st) st = lb_quant_report(fm, qm, (const char *const *)o->calib_names, data, o->ncalib, &r);
  for (int32_t l = 0; !st && o->sensitivity && l < r.nlayers; ++l) {
    /* that layer alone quantized: the output error is its sensitivity */
    MlirModule sm = {NULL};
    opts_t so = qo;
    so.only = r.layers[l].name;
    lb_report_t sr;
    if (strchr(so.only, '\'')) {
      r.layers[l].sensitivity = NAN; /* a name the pipeline text cannot carry: not measured (n/a) */
      r.has_sensitivity = true;
      continue;
    }
    st = load_module(ctx, o, o->model, &sm);
    if (!st) st = run_pipeline(sm, &so, NULL, 0);
    if (!st) st = lb_quant_report(fm, sm, (const char *const *)o->calib_names, data, o->ncalib, &sr);
    if (!st) {
      r.layers[l].sensitivity = sr.output_error;
      r.has_sensitivity = true;
      lb_report_free(&sr);
    }
    if (!mlirModuleIsNull(sm)) mlirModuleDestroy(sm);
  }
  if (!st) {
    /* the header names every option that changes the quantization */
    printf("%s, --quant %s", o->model, o->quant);
    const char *const kv[][2] = {{"--calib-method", o->calib_method},     {"--weight-granularity", o->weight_granularity},
                                 {"--act-granularity", o->act_granularity}, {"--rotate", o->rotate},
                                 {"--smooth", o->smooth}};
    for (size_t i = 0; i < sizeof kv / sizeof kv[0]; ++i)
      if (kv[i][1]) printf(", %s %s", kv[i][0], kv[i][1]);
    if (o->scale_bits) printf(", --scale-bits %d", o->scale_bits);
    if (o->attention_bits) printf(", --quant-attention %d", o->attention_bits);
    if (o->gptq) printf(", --gptq");
    printf(":\n");
    lb_report_print_table(&r, stdout);
  }
  if (!st && o->json) {
    lb_strbuf_t j;
    lb_strbuf_init(&j);
    r.pareto = npareto ? pareto : NULL;
    r.npareto = npareto;
    st = lb_report_write_json(&r, &j);
    if (!st) st = lb_strbuf_write_file(&j, o->json);
    lb_strbuf_free(&j);
  }
  if (!st && o->svg) {
    lb_strbuf_t v;
    r.pareto = npareto ? pareto : NULL;
    r.npareto = npareto;
    char title[512];
    snprintf(title, sizeof title, "%s, --quant %s", o->model, o->quant);
    lb_strbuf_init(&v);
    st = lb_report_write_svg(&r, title, &v);
    if (!st) st = lb_strbuf_write_file(&v, o->svg);
    lb_strbuf_free(&v);
  }
  lb_report_free(&r);
  for (int i = 0; i < MAX_TENSORS; ++i) lb_tensor_free(&data[i]);
  if (!mlirModuleIsNull(fm)) mlirModuleDestroy(fm);
  if (!mlirModuleIsNull(qm)) mlirModuleDestroy(qm);
  return st ? fail(st) : 0;
}

static int cmd_list(const char *what) {
  lb_strbuf_t sb;
  lb_strbuf_init(&sb);
  if (!strcmp(what, "targets")) {
    for (const char *const *n = lb_target_builtin_names(); *n; ++n) lb_strbuf_printf(&sb, "%s\n", *n);
  } else {
    lb_onnx_list_ops(&sb);
  }
  int rc = write_text(NULL, sb.data ? sb.data : "");
  lb_strbuf_free(&sb);
  return rc;
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
  if (!strcmp(cmd, "targets") || !strcmp(cmd, "ops")) return cmd_list(cmd);
  if (strcmp(cmd, "import") && strcmp(cmd, "run") && strcmp(cmd, "compile") && strcmp(cmd, "report")) {
    fprintf(stderr, "error: unknown command '%s' (see lowbit --help)\n", cmd);
    return 2;
  }
  opts_t o;
  int rc = parse(argc, argv, cmd, &o);
  if (!rc) {
    MlirContext ctx;
    lb_status_t st = lb_context_create(&ctx);
    if (st) {
      rc = fail(st);
    } else {
      o.pareto = !strcmp(cmd, "report") && (o.svg || o.json);
      lb_status_t ast = o.bits_budget > 0 && strcmp(cmd, "import") ? allocate_bits(ctx, &o) : LB_OK;
      if (ast) rc = fail(ast);
      else if (!strcmp(cmd, "import")) rc = cmd_import(&o, ctx);
      else if (!strcmp(cmd, "run")) rc = cmd_run(&o, ctx);
      else if (!strcmp(cmd, "report")) rc = cmd_report(&o, ctx);
      else rc = cmd_compile(&o, ctx);
      mlirContextDestroy(ctx);
    }
  }
  for (int i = 0; i < o.ninputs; ++i) free(o.input_names[i]);
  for (int i = 0; i < o.ncalib; ++i) free(o.calib_names[i]);
  return rc;
}
