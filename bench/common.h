/* What bench/bench.c and bench/sweep.c share: a clock, aligned buffers,
 * medians, and oneDNN's int8 matmul and conv primitives set up as its best
 * case (u8 activations, s8 weights reordered into the layout the primitive
 * chose, a float bias, an output scale and an optional fused ReLU). */
#ifndef LOWBIT_BENCH_COMMON_H
#define LOWBIT_BENCH_COMMON_H

#include <stddef.h>
#include <stdint.h>

#include <oneapi/dnnl/dnnl.h>

#define CHECK(x)                                                                  \
  do {                                                                            \
    dnnl_status_t s_ = (x);                                                       \
    if (s_ != dnnl_success) {                                                     \
      fprintf(stderr, "bench: %s failed (%d) at line %d\n", #x, (int)s_, __LINE__); \
      exit(1);                                                                    \
    }                                                                             \
  } while (0)

/* Seconds on the monotonic clock. */
double bench_now(void);
/* n bytes (at least 64) aligned to 64; exits on failure. */
void *bench_alloc64(size_t n);
/* The median of n values (sorts them). */
double bench_median(double *v, int n);
/* Runs f until about `target` seconds have passed; returns the number of runs. */
long bench_calibrate(void (*f)(void), double target);
/* Seconds per run of `reps` back-to-back runs of f. */
double bench_sample(void (*f)(void), long reps);

/* One oneDNN layer and its memories. */
typedef struct bench_layer_s {
  dnnl_primitive_t prim;
  dnnl_memory_t src, wei, bias, dst;
} bench_layer_t;

/* The CPU engine and stream the layers run on (bench_dnnl_init makes them). */
extern dnnl_engine_t bench_eng;
extern dnnl_stream_t bench_strm;
void bench_dnnl_init(void);
/* A u8 x s8 matmul [M, K] x [K, N] -> u8 (and ReLU); src is `prev`'s memory, or a new filled one. */
void bench_dnnl_matmul(bench_layer_t *l, int64_t M, int64_t K, int64_t N, int relu, dnnl_memory_t prev);
/* The same matmul with float input and output, as a float model quantized to W8A8 runs: l[0] a reorder
 * f32 -> u8 (the input's quantization), l[1] the u8 x s8 matmul into f32 (dequantized by its output scale). */
void bench_dnnl_matmul_f32io(bench_layer_t l[2], int64_t M, int64_t K, int64_t N);
void bench_dnnl_exec_f32io(const bench_layer_t l[2]);
/* A 2-D conv on nhwc u8 images, stride 1, symmetric padding. */
void bench_dnnl_conv(bench_layer_t *l, int64_t N, int64_t C, int64_t H, int64_t W, int64_t OC, int64_t KH, int64_t KW,
                     int64_t pad, int relu, dnnl_memory_t prev);
/* Runs n layers in order and waits for them. */
void bench_dnnl_exec(const bench_layer_t *l, int n);

#endif
