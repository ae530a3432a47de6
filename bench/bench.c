/* One benchmark process: lowbit's generated code for one model at one batch
 * size, from both of its backends, against the same layers in oneDNN's int8
 * primitives, timed in the same run, alternating, median of the samples.
 *
 * Built by bench/run.py with the model compiled twice and -ldnnl: the C
 * backend's lowbit_c.c, lowbit_c.h and lowbit_c_weights.o (`lowbit compile
 * --emit c --name lowbit_c`) and the LLVM backend's lowbit_llvm.o and
 * lowbit_llvm.h (`--emit obj --name lowbit_llvm`); the names keep the two
 * builds' symbols apart.
 *
 *   bench --samples 11 --ops OPS matmul:K:N[:relu] ... | conv:C:H:W:OC:KH:KW:PAD[:relu] ...
 *
 * The oneDNN side runs the layers in order on uint8 activations with int8
 * weights (prepacked in the layout its primitive chose), a float bias,
 * output scales and an optional fused ReLU, activations kept in its own
 * layouts between layers: its best case. The lowbit side is the whole
 * generated model, float in and float out (it also quantizes its input and
 * dequantizes its output). OPS is the number of integer operations of one
 * inference (2 per multiply-accumulate), used for GOPS.
 *
 * Before timing, the two lowbit builds run the bench input and two more
 * inputs (wider, saturating values; zeros), and their outputs must be equal
 * bit for bit; after timing, the outputs of their last runs are compared
 * again. A difference is printed to stderr and the process exits with 3.
 *
 * Prints one line:  c_ns=... llvm_ns=... dnnl_ns=... ratio=... (per inference;
 * c_ns: the C backend, llvm_ns: the LLVM backend, ratio = dnnl_ns / c_ns). */
#define _POSIX_C_SOURCE 200809L
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common.h"

#include "lowbit_c.h"
#include "lowbit_llvm.h"

#if LOWBIT_C_INPUT0_SIZE != LOWBIT_LLVM_INPUT0_SIZE || LOWBIT_C_OUTPUT0_SIZE != LOWBIT_LLVM_OUTPUT0_SIZE
#error "the two lowbit builds are not the same model"
#endif

#define MAX_LAYERS 16

static bench_layer_t layers[MAX_LAYERS];
static int nlayers;

static void dnnl_run(void) { bench_dnnl_exec(layers, nlayers); }

/* ---- lowbit ---- */

static float *in0, *out_c, *out_llvm;
static void *scratch_c, *scratch_llvm;

static void lowbit_c_run_once(void) {
  if (lowbit_c_run(in0, out_c, scratch_c) != 0) {
    fprintf(stderr, "bench: lowbit_c_run failed\n");
    exit(1);
  }
}

static void lowbit_llvm_run_once(void) {
  if (lowbit_llvm_run(in0, out_llvm, scratch_llvm) != 0) {
    fprintf(stderr, "bench: lowbit_llvm_run failed\n");
    exit(1);
  }
}

/* The outputs of the two lowbit builds must be the same bytes. */
static void check_same(const char *what) {
  long n = LOWBIT_C_OUTPUT0_SIZE, diff = 0, first = -1;
  for (long i = 0; i < n; ++i)
    if (memcmp(&out_c[i], &out_llvm[i], sizeof(float)) != 0) {
      if (first < 0) first = i;
      ++diff;
    }
  if (!diff) return;
  uint32_t bc, bl;
  memcpy(&bc, &out_c[first], 4);
  memcpy(&bl, &out_llvm[first], 4);
  fprintf(stderr,
          "bench: the LLVM backend's output differs from the C backend's on %s: %ld of %ld values differ; "
          "first at [%ld]: C %.9g (0x%08x), LLVM %.9g (0x%08x)\n",
          what, diff, n, first, (double)out_c[first], (unsigned)bc, (double)out_llvm[first], (unsigned)bl);
  exit(3);
}

static void check_input(const char *what) {
  memset(out_c, 0xa5, sizeof(float) * LOWBIT_C_OUTPUT0_SIZE);
  memset(out_llvm, 0x5a, sizeof(float) * LOWBIT_C_OUTPUT0_SIZE);
  lowbit_c_run_once();
  lowbit_llvm_run_once();
  check_same(what);
}

static void bench_input(void) {
  for (long i = 0; i < LOWBIT_C_INPUT0_SIZE; ++i) in0[i] = (float)((i * 37) % 101) / 50.0f - 1.0f;
}

int main(int argc, char **argv) {
  int samples = 11;
  int64_t M = 1;
  bench_dnnl_init();
  for (int i = 1; i < argc; ++i) {
    if (!strcmp(argv[i], "--samples") && i + 1 < argc) samples = atoi(argv[++i]);
    else if (!strcmp(argv[i], "--batch") && i + 1 < argc) M = atoll(argv[++i]);
    else if (!strcmp(argv[i], "--ops") && i + 1 < argc) ++i; /* used by run.py only */
    else if (!strncmp(argv[i], "matmul:", 7)) {
      long long K, N;
      char act[8] = "";
      if (sscanf(argv[i] + 7, "%lld:%lld:%7s", &K, &N, act) < 2) return fprintf(stderr, "bad %s\n", argv[i]), 2;
      if (nlayers == MAX_LAYERS) return fprintf(stderr, "bench: too many layers\n"), 2;
      bench_dnnl_matmul(&layers[nlayers], M, K, N, !strcmp(act, "relu"), nlayers ? layers[nlayers - 1].dst : NULL);
      nlayers++;
    } else if (!strncmp(argv[i], "conv:", 5)) {
      long long C, H, W, OC, KH, KW, P;
      char act[8] = "";
      if (sscanf(argv[i] + 5, "%lld:%lld:%lld:%lld:%lld:%lld:%lld:%7s", &C, &H, &W, &OC, &KH, &KW, &P, act) < 7)
        return fprintf(stderr, "bad %s\n", argv[i]), 2;
      if (nlayers == MAX_LAYERS) return fprintf(stderr, "bench: too many layers\n"), 2;
      bench_dnnl_conv(&layers[nlayers], M, C, H, W, OC, KH, KW, P, !strcmp(act, "relu"),
                      nlayers ? layers[nlayers - 1].dst : NULL);
      nlayers++;
    } else return fprintf(stderr, "bench: unknown argument %s\n", argv[i]), 2;
  }
  in0 = bench_alloc64(sizeof(float) * LOWBIT_C_INPUT0_SIZE);
  out_c = bench_alloc64(sizeof(float) * LOWBIT_C_OUTPUT0_SIZE);
  out_llvm = bench_alloc64(sizeof(float) * LOWBIT_C_OUTPUT0_SIZE);
  scratch_c = bench_alloc64(lowbit_c_scratch_size());
  scratch_llvm = bench_alloc64(lowbit_llvm_scratch_size());
  /* C and LLVM outputs bit for bit: wide values that saturate the input's quantization, zeros, the bench input */
  uint32_t h = 12345u;
  for (long i = 0; i < LOWBIT_C_INPUT0_SIZE; ++i) {
    h = h * 1664525u + 1013904223u;
    in0[i] = (float)((int32_t)(h >> 8) - (1 << 23)) / (float)(1 << 20);
  }
  check_input("a wide pseudo-random input in [-8, 8)");
  memset(in0, 0, sizeof(float) * LOWBIT_C_INPUT0_SIZE);
  check_input("a zero input");
  bench_input();
  check_input("the bench input");
  /* warm-up, then about 0.2 s per sample and side */
  long cr = bench_calibrate(lowbit_c_run_once, 0.2), lr = bench_calibrate(lowbit_llvm_run_once, 0.2),
       dr = nlayers ? bench_calibrate(dnnl_run, 0.2) : 0;
  double *ct = calloc((size_t)samples, sizeof(double)), *lt = calloc((size_t)samples, sizeof(double)),
         *dt = calloc((size_t)samples, sizeof(double));
  if (!ct || !lt || !dt) return 1;
  for (int s = 0; s < samples; ++s) {
    ct[s] = bench_sample(lowbit_c_run_once, cr);
    lt[s] = bench_sample(lowbit_llvm_run_once, lr);
    if (nlayers) dt[s] = bench_sample(dnnl_run, dr);
  }
  check_same("the bench input, after timing");
  double c = bench_median(ct, samples), l = bench_median(lt, samples), d = bench_median(dt, samples);
  printf("c_ns=%.0f llvm_ns=%.0f dnnl_ns=%.0f ratio=%.4f\n", c * 1e9, l * 1e9, d * 1e9, nlayers ? d / c : 0.0);
  return 0;
}
