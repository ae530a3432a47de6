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
#include <time.h>

#include <oneapi/dnnl/dnnl.h>

#include "lowbit_c.h"
#include "lowbit_llvm.h"

#if LOWBIT_C_INPUT0_SIZE != LOWBIT_LLVM_INPUT0_SIZE || LOWBIT_C_OUTPUT0_SIZE != LOWBIT_LLVM_OUTPUT0_SIZE
#error "the two lowbit builds are not the same model"
#endif

#define CHECK(x)                                                                  \
  do {                                                                            \
    dnnl_status_t s_ = (x);                                                       \
    if (s_ != dnnl_success) {                                                     \
      fprintf(stderr, "bench: %s failed (%d) at line %d\n", #x, (int)s_, __LINE__); \
      exit(1);                                                                    \
    }                                                                             \
  } while (0)

static double now(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return (double)t.tv_sec + 1e-9 * (double)t.tv_nsec;
}

static int cmp_double(const void *a, const void *b) {
  double x = *(const double *)a, y = *(const double *)b;
  return x < y ? -1 : x > y;
}

/* ---- oneDNN ---- */

#define MAX_LAYERS 16

typedef struct {
  dnnl_primitive_t prim;
  dnnl_memory_t src, wei, bias, dst;
} layer_t;

static dnnl_engine_t eng;
static dnnl_stream_t strm;
static layer_t layers[MAX_LAYERS];
static int nlayers;

static void fill(dnnl_memory_t m, int kind) {
  void *p;
  CHECK(dnnl_memory_get_data_handle(m, &p));
  const dnnl_memory_desc_t *md;
  CHECK(dnnl_memory_get_memory_desc(m, &md));
  size_t n = dnnl_memory_desc_get_size(md);
  if (kind == 2) {
    float *f = p;
    for (size_t i = 0; i < n / 4; ++i) f[i] = (float)((int)(i % 7) - 3) * 0.01f;
  } else {
    unsigned char *c = p;
    for (size_t i = 0; i < n; ++i) c[i] = (unsigned char)((i * 2654435761u) >> 24);
  }
}

/* A reorder of freshly filled plain data into the primitive's weights layout. */
static dnnl_memory_t packed_weights(const dnnl_memory_desc_t *plain, const dnnl_memory_desc_t *want) {
  dnnl_memory_t from, to;
  CHECK(dnnl_memory_create(&from, plain, eng, DNNL_MEMORY_ALLOCATE));
  fill(from, 1);
  CHECK(dnnl_memory_create(&to, want, eng, DNNL_MEMORY_ALLOCATE));
  dnnl_primitive_desc_t rpd;
  dnnl_primitive_t r;
  CHECK(dnnl_reorder_primitive_desc_create(&rpd, plain, eng, want, eng, NULL));
  CHECK(dnnl_primitive_create(&r, rpd));
  dnnl_exec_arg_t args[2] = {{DNNL_ARG_FROM, from}, {DNNL_ARG_TO, to}};
  CHECK(dnnl_primitive_execute(r, strm, 2, args));
  CHECK(dnnl_stream_wait(strm));
  dnnl_primitive_destroy(r);
  dnnl_primitive_desc_destroy(rpd);
  dnnl_memory_destroy(from);
  return to;
}

static dnnl_primitive_attr_t int8_attr(int relu) {
  dnnl_primitive_attr_t attr;
  CHECK(dnnl_primitive_attr_create(&attr));
  float scale = 0.01f;
  CHECK(dnnl_primitive_attr_set_output_scales(attr, 1, 0, &scale));
  if (relu) {
    dnnl_post_ops_t po;
    CHECK(dnnl_post_ops_create(&po));
    CHECK(dnnl_post_ops_append_eltwise(po, 1.0f, dnnl_eltwise_relu, 0.0f, 0.0f));
    CHECK(dnnl_primitive_attr_set_post_ops(attr, po));
    dnnl_post_ops_destroy(po);
  }
  return attr;
}

static void add_matmul(int64_t M, int64_t K, int64_t N, int relu, dnnl_memory_t prev) {
  dnnl_memory_desc_t src, wany, wplain, bias, dst;
  dnnl_dims_t sd = {M, K}, wd = {K, N}, bd = {1, N}, dd = {M, N};
  CHECK(dnnl_memory_desc_init_by_tag(&src, 2, sd, dnnl_u8, dnnl_ab));
  CHECK(dnnl_memory_desc_init_by_tag(&wany, 2, wd, dnnl_s8, dnnl_format_tag_any));
  CHECK(dnnl_memory_desc_init_by_tag(&wplain, 2, wd, dnnl_s8, dnnl_ab));
  CHECK(dnnl_memory_desc_init_by_tag(&bias, 2, bd, dnnl_f32, dnnl_ab));
  CHECK(dnnl_memory_desc_init_by_tag(&dst, 2, dd, dnnl_u8, dnnl_ab));
  dnnl_matmul_desc_t desc;
  CHECK(dnnl_matmul_desc_init(&desc, &src, &wany, &bias, &dst));
  dnnl_primitive_attr_t attr = int8_attr(relu);
  dnnl_primitive_desc_t pd;
  CHECK(dnnl_primitive_desc_create(&pd, &desc, attr, eng, NULL));
  layer_t *l = &layers[nlayers++];
  CHECK(dnnl_primitive_create(&l->prim, pd));
  if (prev) l->src = prev;
  else {
    CHECK(dnnl_memory_create(&l->src, &src, eng, DNNL_MEMORY_ALLOCATE));
    fill(l->src, 1);
  }
  l->wei = packed_weights(&wplain, dnnl_primitive_desc_query_md(pd, dnnl_query_weights_md, 0));
  CHECK(dnnl_memory_create(&l->bias, &bias, eng, DNNL_MEMORY_ALLOCATE));
  fill(l->bias, 2);
  CHECK(dnnl_memory_create(&l->dst, &dst, eng, DNNL_MEMORY_ALLOCATE));
  dnnl_primitive_attr_destroy(attr);
}

static void add_conv(int64_t N, int64_t C, int64_t H, int64_t W, int64_t OC, int64_t KH, int64_t KW, int64_t pad,
                     int relu, dnnl_memory_t prev) {
  int64_t OH = H + 2 * pad - KH + 1, OW = W + 2 * pad - KW + 1;
  dnnl_memory_desc_t src, wany, wplain, bias, dst;
  dnnl_dims_t sd = {N, C, H, W}, wd = {OC, C, KH, KW}, bd = {OC}, dd = {N, OC, OH, OW};
  dnnl_dims_t strides = {1, 1}, pl = {pad, pad}, pr = {pad, pad};
  /* nhwc activations (oneDNN's preferred int8 layout), chosen weights */
  CHECK(dnnl_memory_desc_init_by_tag(&src, 4, sd, dnnl_u8, dnnl_nhwc));
  CHECK(dnnl_memory_desc_init_by_tag(&wany, 4, wd, dnnl_s8, dnnl_format_tag_any));
  CHECK(dnnl_memory_desc_init_by_tag(&wplain, 4, wd, dnnl_s8, dnnl_oihw));
  CHECK(dnnl_memory_desc_init_by_tag(&bias, 1, bd, dnnl_f32, dnnl_a));
  CHECK(dnnl_memory_desc_init_by_tag(&dst, 4, dd, dnnl_u8, dnnl_nhwc));
  dnnl_convolution_desc_t desc;
  CHECK(dnnl_convolution_forward_desc_init(&desc, dnnl_forward_inference, dnnl_convolution_direct, &src, &wany, &bias,
                                           &dst, strides, pl, pr));
  dnnl_primitive_attr_t attr = int8_attr(relu);
  dnnl_primitive_desc_t pd;
  CHECK(dnnl_primitive_desc_create(&pd, &desc, attr, eng, NULL));
  layer_t *l = &layers[nlayers++];
  CHECK(dnnl_primitive_create(&l->prim, pd));
  if (prev) l->src = prev;
  else {
    CHECK(dnnl_memory_create(&l->src, &src, eng, DNNL_MEMORY_ALLOCATE));
    fill(l->src, 1);
  }
  l->wei = packed_weights(&wplain, dnnl_primitive_desc_query_md(pd, dnnl_query_weights_md, 0));
  CHECK(dnnl_memory_create(&l->bias, &bias, eng, DNNL_MEMORY_ALLOCATE));
  fill(l->bias, 2);
  CHECK(dnnl_memory_create(&l->dst, &dst, eng, DNNL_MEMORY_ALLOCATE));
  dnnl_primitive_attr_destroy(attr);
}

static void dnnl_run(void) {
  for (int i = 0; i < nlayers; ++i) {
    dnnl_exec_arg_t args[4] = {{DNNL_ARG_SRC, layers[i].src},
                               {DNNL_ARG_WEIGHTS, layers[i].wei},
                               {DNNL_ARG_BIAS, layers[i].bias},
                               {DNNL_ARG_DST, layers[i].dst}};
    CHECK(dnnl_primitive_execute(layers[i].prim, strm, 4, args));
  }
  CHECK(dnnl_stream_wait(strm));
}

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

static void *alloc64(size_t n) {
  void *p = NULL;
  if (posix_memalign(&p, 64, n ? n : 64) != 0) {
    fprintf(stderr, "bench: out of memory (%zu bytes)\n", n);
    exit(1);
  }
  return p;
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

/* Runs f until about `target` seconds have passed; returns the number of runs. */
static long calibrate(void (*f)(void), double target) {
  long reps = 1;
  for (;;) {
    double t0 = now();
    for (long i = 0; i < reps; ++i) f();
    double dt = now() - t0;
    if (dt >= target || reps > (1L << 30)) return reps;
    reps = dt > 0 ? (long)(reps * (target / dt) * 1.1) + 1 : reps * 10;
  }
}

static double sample(void (*f)(void), long reps) {
  double t0 = now();
  for (long i = 0; i < reps; ++i) f();
  return (now() - t0) / (double)reps;
}

int main(int argc, char **argv) {
  int samples = 11;
  int64_t M = 1;
  CHECK(dnnl_engine_create(&eng, dnnl_cpu, 0));
  CHECK(dnnl_stream_create(&strm, eng, dnnl_stream_default_flags));
  for (int i = 1; i < argc; ++i) {
    if (!strcmp(argv[i], "--samples") && i + 1 < argc) samples = atoi(argv[++i]);
    else if (!strcmp(argv[i], "--batch") && i + 1 < argc) M = atoll(argv[++i]);
    else if (!strcmp(argv[i], "--ops") && i + 1 < argc) ++i; /* used by run.py only */
    else if (!strncmp(argv[i], "matmul:", 7)) {
      long long K, N;
      char act[8] = "";
      if (sscanf(argv[i] + 7, "%lld:%lld:%7s", &K, &N, act) < 2) return fprintf(stderr, "bad %s\n", argv[i]), 2;
      add_matmul(M, K, N, !strcmp(act, "relu"), nlayers ? layers[nlayers - 1].dst : NULL);
    } else if (!strncmp(argv[i], "conv:", 5)) {
      long long C, H, W, OC, KH, KW, P;
      char act[8] = "";
      if (sscanf(argv[i] + 5, "%lld:%lld:%lld:%lld:%lld:%lld:%lld:%7s", &C, &H, &W, &OC, &KH, &KW, &P, act) < 7)
        return fprintf(stderr, "bad %s\n", argv[i]), 2;
      add_conv(M, C, H, W, OC, KH, KW, P, !strcmp(act, "relu"), nlayers ? layers[nlayers - 1].dst : NULL);
    } else return fprintf(stderr, "bench: unknown argument %s\n", argv[i]), 2;
  }
  in0 = alloc64(sizeof(float) * LOWBIT_C_INPUT0_SIZE);
  out_c = alloc64(sizeof(float) * LOWBIT_C_OUTPUT0_SIZE);
  out_llvm = alloc64(sizeof(float) * LOWBIT_C_OUTPUT0_SIZE);
  scratch_c = alloc64(lowbit_c_scratch_size());
  scratch_llvm = alloc64(lowbit_llvm_scratch_size());
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
  long cr = calibrate(lowbit_c_run_once, 0.2), lr = calibrate(lowbit_llvm_run_once, 0.2),
       dr = nlayers ? calibrate(dnnl_run, 0.2) : 0;
  double *ct = calloc((size_t)samples, sizeof(double)), *lt = calloc((size_t)samples, sizeof(double)),
         *dt = calloc((size_t)samples, sizeof(double));
  if (!ct || !lt || !dt) return 1;
  for (int s = 0; s < samples; ++s) {
    ct[s] = sample(lowbit_c_run_once, cr);
    lt[s] = sample(lowbit_llvm_run_once, lr);
    if (nlayers) dt[s] = sample(dnnl_run, dr);
  }
  check_same("the bench input, after timing");
  qsort(ct, (size_t)samples, sizeof(double), cmp_double);
  qsort(lt, (size_t)samples, sizeof(double), cmp_double);
  qsort(dt, (size_t)samples, sizeof(double), cmp_double);
  double c = ct[samples / 2], l = lt[samples / 2], d = dt[samples / 2];
  printf("c_ns=%.0f llvm_ns=%.0f dnnl_ns=%.0f ratio=%.4f\n", c * 1e9, l * 1e9, d * 1e9, nlayers ? d / c : 0.0);
  return 0;
}
