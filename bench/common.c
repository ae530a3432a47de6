/* See common.h. */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "common.h"

double bench_now(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return (double)t.tv_sec + 1e-9 * (double)t.tv_nsec;
}

void *bench_alloc64(size_t n) {
  void *p = NULL;
  if (posix_memalign(&p, 64, n ? n : 64) != 0) {
    fprintf(stderr, "bench: out of memory (%zu bytes)\n", n);
    exit(1);
  }
  return p;
}

static int cmp_double(const void *a, const void *b) {
  double x = *(const double *)a, y = *(const double *)b;
  return x < y ? -1 : x > y;
}

double bench_median(double *v, int n) {
  qsort(v, (size_t)n, sizeof *v, cmp_double);
  return v[n / 2];
}

long bench_calibrate(void (*f)(void), double target) {
  long reps = 1;
  for (;;) {
    double t0 = bench_now();
    for (long i = 0; i < reps; ++i) f();
    double dt = bench_now() - t0;
    if (dt >= target || reps > (1L << 30)) return reps;
    reps = dt > 0 ? (long)(reps * (target / dt) * 1.1) + 1 : reps * 10;
  }
}

double bench_sample(void (*f)(void), long reps) {
  double t0 = bench_now();
  for (long i = 0; i < reps; ++i) f();
  return (bench_now() - t0) / (double)reps;
}

/* ---- oneDNN ---- */

dnnl_engine_t bench_eng;
dnnl_stream_t bench_strm;

void bench_dnnl_init(void) {
  CHECK(dnnl_engine_create(&bench_eng, dnnl_cpu, 0));
  CHECK(dnnl_stream_create(&bench_strm, bench_eng, dnnl_stream_default_flags));
}

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
  CHECK(dnnl_memory_create(&from, plain, bench_eng, DNNL_MEMORY_ALLOCATE));
  fill(from, 1);
  CHECK(dnnl_memory_create(&to, want, bench_eng, DNNL_MEMORY_ALLOCATE));
  dnnl_primitive_desc_t rpd;
  dnnl_primitive_t r;
  CHECK(dnnl_reorder_primitive_desc_create(&rpd, plain, bench_eng, want, bench_eng, NULL));
  CHECK(dnnl_primitive_create(&r, rpd));
  dnnl_exec_arg_t args[2] = {{DNNL_ARG_FROM, from}, {DNNL_ARG_TO, to}};
  CHECK(dnnl_primitive_execute(r, bench_strm, 2, args));
  CHECK(dnnl_stream_wait(bench_strm));
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

void bench_dnnl_matmul(bench_layer_t *l, int64_t M, int64_t K, int64_t N, int relu, dnnl_memory_t prev) {
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
  CHECK(dnnl_primitive_desc_create(&pd, &desc, attr, bench_eng, NULL));
  CHECK(dnnl_primitive_create(&l->prim, pd));
  if (prev) l->src = prev;
  else {
    CHECK(dnnl_memory_create(&l->src, &src, bench_eng, DNNL_MEMORY_ALLOCATE));
    fill(l->src, 1);
  }
  l->wei = packed_weights(&wplain, dnnl_primitive_desc_query_md(pd, dnnl_query_weights_md, 0));
  CHECK(dnnl_memory_create(&l->bias, &bias, bench_eng, DNNL_MEMORY_ALLOCATE));
  fill(l->bias, 2);
  CHECK(dnnl_memory_create(&l->dst, &dst, bench_eng, DNNL_MEMORY_ALLOCATE));
  dnnl_primitive_attr_destroy(attr);
}

void bench_dnnl_matmul_f32io(bench_layer_t l[2], int64_t M, int64_t K, int64_t N) {
  dnnl_memory_desc_t fsrc, src, wany, wplain, bias, dst;
  dnnl_dims_t sd = {M, K}, wd = {K, N}, bd = {1, N}, dd = {M, N};
  CHECK(dnnl_memory_desc_init_by_tag(&fsrc, 2, sd, dnnl_f32, dnnl_ab));
  CHECK(dnnl_memory_desc_init_by_tag(&src, 2, sd, dnnl_u8, dnnl_ab));
  CHECK(dnnl_memory_desc_init_by_tag(&wany, 2, wd, dnnl_s8, dnnl_format_tag_any));
  CHECK(dnnl_memory_desc_init_by_tag(&wplain, 2, wd, dnnl_s8, dnnl_ab));
  CHECK(dnnl_memory_desc_init_by_tag(&bias, 2, bd, dnnl_f32, dnnl_ab));
  CHECK(dnnl_memory_desc_init_by_tag(&dst, 2, dd, dnnl_f32, dnnl_ab));
  /* the input's quantization: a reorder f32 -> u8 scaled by 1 / s_x */
  dnnl_primitive_attr_t qa;
  CHECK(dnnl_primitive_attr_create(&qa));
  float inv = 100.0f;
  CHECK(dnnl_primitive_attr_set_output_scales(qa, 1, 0, &inv));
  dnnl_primitive_desc_t rpd;
  CHECK(dnnl_reorder_primitive_desc_create(&rpd, &fsrc, bench_eng, &src, bench_eng, qa));
  CHECK(dnnl_primitive_create(&l[0].prim, rpd));
  CHECK(dnnl_memory_create(&l[0].src, &fsrc, bench_eng, DNNL_MEMORY_ALLOCATE));
  fill(l[0].src, 2);
  CHECK(dnnl_memory_create(&l[0].dst, &src, bench_eng, DNNL_MEMORY_ALLOCATE));
  dnnl_primitive_attr_destroy(qa);
  /* the matmul, dequantized into f32 by its output scale */
  dnnl_matmul_desc_t desc;
  CHECK(dnnl_matmul_desc_init(&desc, &src, &wany, &bias, &dst));
  dnnl_primitive_attr_t attr = int8_attr(0);
  dnnl_primitive_desc_t pd;
  CHECK(dnnl_primitive_desc_create(&pd, &desc, attr, bench_eng, NULL));
  CHECK(dnnl_primitive_create(&l[1].prim, pd));
  l[1].src = l[0].dst;
  l[1].wei = packed_weights(&wplain, dnnl_primitive_desc_query_md(pd, dnnl_query_weights_md, 0));
  CHECK(dnnl_memory_create(&l[1].bias, &bias, bench_eng, DNNL_MEMORY_ALLOCATE));
  fill(l[1].bias, 2);
  CHECK(dnnl_memory_create(&l[1].dst, &dst, bench_eng, DNNL_MEMORY_ALLOCATE));
  dnnl_primitive_attr_destroy(attr);
}

void bench_dnnl_exec_f32io(const bench_layer_t l[2]) {
  dnnl_exec_arg_t r[2] = {{DNNL_ARG_FROM, l[0].src}, {DNNL_ARG_TO, l[0].dst}};
  CHECK(dnnl_primitive_execute(l[0].prim, bench_strm, 2, r));
  dnnl_exec_arg_t args[4] = {{DNNL_ARG_SRC, l[1].src},
                             {DNNL_ARG_WEIGHTS, l[1].wei},
                             {DNNL_ARG_BIAS, l[1].bias},
                             {DNNL_ARG_DST, l[1].dst}};
  CHECK(dnnl_primitive_execute(l[1].prim, bench_strm, 4, args));
  CHECK(dnnl_stream_wait(bench_strm));
}

void bench_dnnl_conv(bench_layer_t *l, int64_t N, int64_t C, int64_t H, int64_t W, int64_t OC, int64_t KH, int64_t KW,
                     int64_t pad, int relu, dnnl_memory_t prev) {
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
  CHECK(dnnl_primitive_desc_create(&pd, &desc, attr, bench_eng, NULL));
  CHECK(dnnl_primitive_create(&l->prim, pd));
  if (prev) l->src = prev;
  else {
    CHECK(dnnl_memory_create(&l->src, &src, bench_eng, DNNL_MEMORY_ALLOCATE));
    fill(l->src, 1);
  }
  l->wei = packed_weights(&wplain, dnnl_primitive_desc_query_md(pd, dnnl_query_weights_md, 0));
  CHECK(dnnl_memory_create(&l->bias, &bias, bench_eng, DNNL_MEMORY_ALLOCATE));
  fill(l->bias, 2);
  CHECK(dnnl_memory_create(&l->dst, &dst, bench_eng, DNNL_MEMORY_ALLOCATE));
  dnnl_primitive_attr_destroy(attr);
}

void bench_dnnl_exec(const bench_layer_t *l, int n) {
  for (int i = 0; i < n; ++i) {
    dnnl_exec_arg_t args[4] = {{DNNL_ARG_SRC, l[i].src},
                               {DNNL_ARG_WEIGHTS, l[i].wei},
                               {DNNL_ARG_BIAS, l[i].bias},
                               {DNNL_ARG_DST, l[i].dst}};
    CHECK(dnnl_primitive_execute(l[i].prim, bench_strm, 4, args));
  }
  CHECK(dnnl_stream_wait(bench_strm));
}
