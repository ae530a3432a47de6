/* One point of bench/sweep.py: lowbit's generated code for one matmul
 * [M, K] x [K, N] at one weight width, against oneDNN's int8 matmul of the
 * same shape, hot and cold, in one process.
 *
 * Built by bench/sweep.py with the LLVM backend's sw_llvm.o / sw_llvm.h
 * (`lowbit compile --emit obj --name sw_llvm`), with -DSWEEP_C also the C
 * backend's sw_c.c / sw_c.h / sw_c_weights.o (`--emit c --weights binary
 * --name sw_c`), bench/common.c and -ldnnl:
 *
 *   sweep --samples S --flush BYTES M K N
 *
 * Hot: the same call back to back (about 0.2 s per sample), median of S
 * samples. Cold: before every call a BYTES-long buffer (more than the last
 * level cache) is written and read back, so the weights come from DRAM;
 * each call is timed alone, median of the calls of about 0.3 s of flushing
 * and calling (at least 15). With SWEEP_C the two lowbit builds must give
 * the same output bit for bit on a pseudo-random input (exit 3 if not).
 * oneDNN runs its u8 x s8 matmul with a float bias and output scale (its
 * best case, bench/common.h) at OMP_NUM_THREADS threads.
 *
 * Prints one line:  llvm_hot_ns=... llvm_cold_ns=... [c_hot_ns=... c_cold_ns=...] dnnl_hot_ns=... dnnl_cold_ns=... */
#define _POSIX_C_SOURCE 200809L
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common.h"
#include "sw_llvm.h"
#ifdef SWEEP_C
#include "sw_c.h"
#endif

static bench_layer_t layer, fio[2];
static float *in0, *out_llvm;
static void *scratch_llvm;
static unsigned char *flush_buf;
static size_t flush_bytes;
static volatile unsigned flush_sink;

static void llvm_once(void) {
  if (sw_llvm_run(in0, out_llvm, scratch_llvm) != 0) {
    fprintf(stderr, "sweep: sw_llvm_run failed\n");
    exit(1);
  }
}

#ifdef SWEEP_C
static float *out_c;
static void *scratch_c;
static void c_once(void) {
  if (sw_c_run(in0, out_c, scratch_c) != 0) {
    fprintf(stderr, "sweep: sw_c_run failed\n");
    exit(1);
  }
}
#endif

static void dnnl_once(void) { bench_dnnl_exec(&layer, 1); }
static void dnnl_fio_once(void) { bench_dnnl_exec_f32io(fio); }

/* Writes and reads the flush buffer: every line of the caches it covers is
 * evicted (the buffer is larger than the last level cache). */
static void flush(void) {
  static unsigned char v;
  ++v;
  memset(flush_buf, v, flush_bytes);
  unsigned s = 0;
  for (size_t i = 0; i < flush_bytes; i += 64) s += flush_buf[i];
  flush_sink = s;
}

static double hot(void (*f)(void), int samples) {
  long reps = bench_calibrate(f, 0.2);
  double *t = calloc((size_t)samples, sizeof *t);
  if (!t) exit(1);
  for (int s = 0; s < samples; ++s) t[s] = bench_sample(f, reps);
  double m = bench_median(t, samples);
  free(t);
  return m;
}

static double cold(void (*f)(void)) {
  enum { MAX = 400 };
  double t[MAX], start = bench_now();
  int n = 0;
  while (n < MAX && (n < 15 || bench_now() - start < 0.3)) {
    flush();
    double t0 = bench_now();
    f();
    t[n++] = bench_now() - t0;
  }
  return bench_median(t, n);
}

int main(int argc, char **argv) {
  int samples = 11;
  long long dims[3];
  int nd = 0;
  for (int i = 1; i < argc; ++i) {
    if (!strcmp(argv[i], "--samples") && i + 1 < argc) samples = atoi(argv[++i]);
    else if (!strcmp(argv[i], "--flush") && i + 1 < argc) flush_bytes = (size_t)atoll(argv[++i]);
    else if (nd < 3) dims[nd++] = atoll(argv[i]);
    else return fprintf(stderr, "sweep: unexpected argument %s\n", argv[i]), 2;
  }
  if (nd != 3 || samples < 1 || flush_bytes < 64) return fprintf(stderr, "usage: sweep --samples S --flush BYTES M K N\n"), 2;
  long long M = dims[0], K = dims[1], N = dims[2];
  if (SW_LLVM_INPUT0_SIZE != M * K || SW_LLVM_OUTPUT0_SIZE != M * N)
    return fprintf(stderr, "sweep: the lowbit build is not a %lldx%lldx%lld matmul\n", M, K, N), 2;
  bench_dnnl_init();
  bench_dnnl_matmul(&layer, M, K, N, 0, NULL);
  bench_dnnl_matmul_f32io(fio, M, K, N);
  flush_buf = bench_alloc64(flush_bytes);
  in0 = bench_alloc64(sizeof(float) * (size_t)(M * K));
  out_llvm = bench_alloc64(sizeof(float) * (size_t)(M * N));
  scratch_llvm = bench_alloc64(sw_llvm_scratch_size());
  uint32_t h = 12345u;
  for (long long i = 0; i < M * K; ++i) {
    h = h * 1664525u + 1013904223u;
    in0[i] = (float)((int32_t)(h >> 8) - (1 << 23)) / (float)(1 << 23);
  }
#ifdef SWEEP_C
  out_c = bench_alloc64(sizeof(float) * (size_t)(M * N));
  scratch_c = bench_alloc64(sw_c_scratch_size());
  c_once();
  llvm_once();
  for (long long i = 0; i < M * N; ++i)
    if (memcmp(&out_c[i], &out_llvm[i], sizeof(float)) != 0) {
      fprintf(stderr, "sweep: the LLVM backend's output differs from the C backend's at [%lld]: %.9g vs %.9g\n", i,
              (double)out_llvm[i], (double)out_c[i]);
      return 3;
    }
#endif
  double lh = hot(llvm_once, samples), lc = cold(llvm_once);
  printf("llvm_hot_ns=%.0f llvm_cold_ns=%.0f", lh * 1e9, lc * 1e9);
#ifdef SWEEP_C
  double ch = hot(c_once, samples), cc = cold(c_once);
  printf(" c_hot_ns=%.0f c_cold_ns=%.0f", ch * 1e9, cc * 1e9);
#endif
  double dh = hot(dnnl_once, samples), dc = cold(dnnl_once);
  double fh = hot(dnnl_fio_once, samples), fc = cold(dnnl_fio_once);
  printf(" dnnl_hot_ns=%.0f dnnl_cold_ns=%.0f dnnl_f32io_hot_ns=%.0f dnnl_f32io_cold_ns=%.0f\n", dh * 1e9, dc * 1e9,
         fh * 1e9, fc * 1e9);
  return 0;
}
