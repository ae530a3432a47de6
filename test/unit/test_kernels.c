/* Unit tests of the reference kernels' exact integer semantics (no MLIR).
 * Prints "N passed, M failed" and exits non-zero on any failure. */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "runtime/kernels/activation.h"
#include "runtime/kernels/common.h"
#include "runtime/kernels/conv.h"
#include "runtime/kernels/layout.h"
#include "runtime/kernels/matmul.h"
#include "runtime/kernels/pool.h"
#include "runtime/kernels/quant.h"
#include "runtime/kernels/registry.h"

static int passed, failed;
#define CHECK(cond)                                                   \
  do {                                                                \
    if (cond) passed++;                                               \
    else {                                                            \
      failed++;                                                       \
      fprintf(stderr, "%s:%d: check failed: %s\n", __FILE__, __LINE__, #cond); \
    }                                                                 \
  } while (0)

static void test_round_half_even(void) {
  CHECK(lb__rne(0.5f) == 0);
  CHECK(lb__rne(1.5f) == 2);
  CHECK(lb__rne(2.5f) == 2);
  CHECK(lb__rne(-0.5f) == 0);
  CHECK(lb__rne(-1.5f) == -2);
  CHECK(lb__rne(-2.5f) == -2);
  CHECK(lb__rne(2.4999998f) == 2);
  CHECK(lb__rne(-3.7f) == -4);
  CHECK(lb__rne(1e20f) == 1073741824);
}

/* The branch-free quantizer and shift equal the general ones: every float
 * bit pattern in a sweep (ties, NaN, infinities, huge values) and every
 * shift of many signed values. */
static void test_branch_free_rounding(void) {
  static const int32_t zps[3] = {0, -128, 37};
  long bad = 0, n = 0;
  for (uint64_t bits = 0; bits < ((uint64_t)1 << 32); bits += 9973) {
    uint32_t u = (uint32_t)bits;
    float v;
    memcpy(&v, &u, sizeof v);
    for (int z = 0; z < 3; ++z) {
      n++;
      if (lb__quant_rne(v, zps[z], -128, 127) != lb__sat((int64_t)lb__rne(v) + zps[z], -128, 127)) bad++;
      if (lb__quant_rne(v, zps[z], 0, 65535) != lb__sat((int64_t)lb__rne(v) + zps[z], 0, 65535)) bad++;
    }
  }
  for (int i = -300; i <= 300; ++i) { /* ties and near-ties around small integers */
    float v = (float)i * 0.5f, w = nextafterf(v, 1e9f), x = nextafterf(v, -1e9f);
    n += 3;
    bad += lb__quant_rne(v, 3, -128, 127) != lb__sat((int64_t)lb__rne(v) + 3, -128, 127);
    bad += lb__quant_rne(w, 3, -128, 127) != lb__sat((int64_t)lb__rne(w) + 3, -128, 127);
    bad += lb__quant_rne(x, 3, -128, 127) != lb__sat((int64_t)lb__rne(x) + 3, -128, 127);
  }
  CHECK(n > 1000000 && bad == 0);
  /* the float requantize's: doubles over every exponent (ties, the 2^40
   * limit, 2^51-2^53, NaN, infinities, subnormals), zero points up to the
   * int32 ends, 8-bit and int32-wide ranges */
  static const int32_t zpd[5] = {0, -128, 255, INT32_MAX, INT32_MIN};
  long badd = 0, nd = 0;
  uint64_t h = 88172645463325252ull;
  for (int i = 0; i < 2000000; ++i) {
    h ^= h << 13, h ^= h >> 7, h ^= h << 17;
    double v;
    if (i % 4 == 0) {
      uint64_t u = h;
      memcpy(&v, &u, sizeof v);
    } else if (i % 4 == 1) v = ldexp((double)(int64_t)(h >> 11) / 9007199254740992.0, (int)(h % 120) - 10);
    else v = (double)((int64_t)(h >> 20) - ((int64_t)1 << 43)) * 0.5; /* halves: ties */
    for (int z = 0; z < 5; ++z) {
      nd += 2;
      badd += lb__quant_rne_d(v, zpd[z], -128, 127) != lb__sat(lb__rne_d(v) + zpd[z], -128, 127);
      badd += lb__quant_rne_d(v, zpd[z], INT32_MIN, INT32_MAX) != lb__sat(lb__rne_d(v) + zpd[z], INT32_MIN, INT32_MAX);
    }
  }
  static const double edge[] = {1099511627776.0, -1099511627776.0, 1099511627776.5, 2251799813685248.5, 4503599627370495.5,
                                9007199254740993.0, 1e300, -1e300, 5e-324, -0.0, 0.5, -0.5, 1.5, -2.5};
  for (size_t i = 0; i < sizeof edge / sizeof edge[0]; ++i)
    for (int z = 0; z < 5; ++z) {
      nd++;
      badd += lb__quant_rne_d(edge[i], zpd[z], INT32_MIN, INT32_MAX) != lb__sat(lb__rne_d(edge[i]) + zpd[z], INT32_MIN, INT32_MAX);
    }
  CHECK(nd > 1000000 && badd == 0);
  int64_t vals[8] = {0, 1, -1, 7, -7, INT64_MAX / 3, -(INT64_MAX / 3), INT64_MIN / 2};
  for (int i = 0; i < 8; ++i)
    for (int s = 1; s < 63; ++s) {
      int64_t v = vals[i], f = v / ((int64_t)1 << s);
      if (v < 0 && f * ((int64_t)1 << s) != v) f -= 1; /* floor */
      if (lb__sra64(v, s) != f) bad++;
    }
  CHECK(bad == 0);
}

static void test_quantize(void) {
  lb_quant_params_t p = {.outer = 1, .n = 1, .inner = 6, .qmin = -128, .qmax = 127};
  float x[6] = {-1000.0f, -0.25f, 0.25f, 0.75f, 1.0f, 1000.0f};
  float s[1] = {0.5f};
  int32_t z[1] = {3};
  int8_t y[6];
  lb_k_quantize_f32_i8(&p, x, s, z, y);
  /* x/s = -2000, -0.5, 0.5, 1.5, 2, 2000 -> rne -> -2000, 0, 0, 2, 2, 2000 -> +3 -> sat */
  CHECK(y[0] == -128 && y[1] == 3 && y[2] == 3 && y[3] == 5 && y[4] == 5 && y[5] == 127);
  float back[6];
  lb_k_dequantize_i8_f32(&p, y, s, z, back);
  CHECK(back[3] == 1.0f && back[1] == 0.0f);
}

static void test_requantize(void) {
  /* multiplier 2^30 with shift 31 is x * 0.5 rounded half up */
  lb_quant_params_t p = {.outer = 1, .n = 1, .inner = 6, .qmin = -128, .qmax = 127};
  int32_t acc[6] = {3, -3, 5, -5, 1000, -1000};
  int32_t m[1] = {1 << 30}, sh[1] = {31};
  int8_t y[6];
  lb_k_requantize_i32_i8(&p, acc, m, sh, y);
  CHECK(y[0] == 2);    /* 1.5 -> 2 */
  CHECK(y[1] == -1);   /* -1.5 -> -1 (half up) */
  CHECK(y[2] == 3);    /* 2.5 -> 3 */
  CHECK(y[3] == -2);   /* -2.5 -> -2 */
  CHECK(y[4] == 127);  /* saturates */
  CHECK(y[5] == -128);
  p.out_zp = 10;
  lb_k_requantize_i32_i8(&p, acc, m, sh, y);
  CHECK(y[0] == 12 && y[1] == 9);
}

static void test_qmatmul(void) {
  /* [1,2] x [2,2] with zero points and bias */
  lb_matmul_params_t p;
  memset(&p, 0, sizeof p);
  p.M = 1;
  p.N = 2;
  p.K = 2;
  p.has_bias = 1;
  int32_t az = 1, bz = -1;
  int8_t a[2] = {3, -2};
  int8_t b[4] = {1, 2, 3, 4};
  int32_t bias[2] = {10, -10};
  int32_t y[2];
  lb_k_qmatmul_i8i8(&p, a, b, &az, &bz, bias, y);
  /* (3-1)*(1+1) + (-2-1)*(3+1) = 4 - 12 = -8; (2)*(3) + (-3)*(5) = 6 - 15 = -9 */
  CHECK(y[0] == 10 - 8 && y[1] == -10 - 9);
  /* unsigned a, per-column b zero points: a_zp 128, b_zp {0, 2} */
  uint8_t ua[2] = {130, 125};
  int32_t uaz = 128, bzs[2] = {0, 2};
  p.b_zp_per_column = 1;
  p.has_bias = 0;
  lb_k_qmatmul_u8i8(&p, ua, b, &uaz, bzs, NULL, y);
  /* col 0: 2*1 + (-3)*3 = -7; col 1: 2*(2-2) + (-3)*(4-2) = -6 */
  CHECK(y[0] == -7 && y[1] == -6);
}

static void test_qconv_padding_is_zero_point(void) {
  /* 1x1x1x1 input, 3x3 kernel of ones, pad 1: only the centre contributes */
  lb_conv2d_params_t p;
  memset(&p, 0, sizeof p);
  p.N = p.C = p.H = p.W = p.OC = p.OH = p.OW = 1;
  p.KH = p.KW = 3;
  p.stride_h = p.stride_w = p.dil_h = p.dil_w = p.group = 1;
  p.pad_t = p.pad_l = 1;
  int32_t xz = 5, wz = 0;
  int8_t x[1] = {7};
  int8_t w[9] = {1, 1, 1, 1, 1, 1, 1, 1, 1};
  int32_t y[1];
  lb_k_qconv2d_i8i8(&p, x, w, &xz, &wz, NULL, y);
  CHECK(y[0] == 2);
  uint8_t ux[1] = {200}, uw[9] = {10, 10, 10, 10, 13, 10, 10, 10, 10};
  int32_t uxz = 100, uwz = 10;
  lb_k_qconv2d_u8u8(&p, ux, uw, &uxz, &uwz, NULL, y);
  CHECK(y[0] == 300); /* (200 - 100) * (13 - 10) */
}

static void test_maxpool_i8_and_transpose(void) {
  lb_pool2d_params_t p;
  memset(&p, 0, sizeof p);
  p.N = p.C = 1;
  p.H = p.W = 2;
  p.OH = p.OW = 1;
  p.KH = p.KW = 2;
  p.stride_h = p.stride_w = p.dil_h = p.dil_w = 1;
  int8_t x[4] = {-5, -128, 3, -1};
  int8_t y[1];
  lb_k_maxpool_i8(&p, x, y);
  CHECK(y[0] == 3);
  lb_transpose_params_t t;
  memset(&t, 0, sizeof t);
  t.rank = 2;
  t.elem_size = 1;
  t.in_dims[0] = 2;
  t.in_dims[1] = 3;
  t.perm[0] = 1;
  t.perm[1] = 0;
  int8_t a[6] = {1, 2, 3, 4, 5, 6}, b[6];
  lb_k_transpose(&t, a, b);
  CHECK(b[0] == 1 && b[1] == 4 && b[2] == 2 && b[5] == 6);
}

static void test_expf(void) {
  CHECK(lb__expf(0.0f) == 1.0f);
  float e1 = lb__expf(1.0f);
  CHECK(e1 == 2.71828182845904523536f); /* correctly rounded e */
  CHECK(lb__expf(-200.0f) == 0.0f);
}

/* lb__requant64 (96-bit product in 64-bit halves) against __int128. */
static void test_requant64(void) {
  uint64_t state = 12345;
  int bad = 0;
  for (int i = 0; i < 200000; ++i) {
    state = state * 6364136223846793005ull + 1442695040888963407ull;
    uint64_t r1 = state;
    state = state * 6364136223846793005ull + 1442695040888963407ull;
    int64_t acc = i < 8 ? (int64_t[]){INT64_MAX, INT64_MIN, 0, -1, 1, INT64_MIN + 1, (int64_t)1 << 62, -((int64_t)1 << 62)}[i]
                : (int64_t)r1 >> (state % 40);
    int32_t mult = (int32_t)((state >> 8) & 0x7FFFFFFF), shift = 1 + (int32_t)((state >> 40) % 62);
    __int128 p = (__int128)acc * mult + ((__int128)1 << (shift - 1));
    __int128 q = p >> shift; /* arithmetic: floor */
    int64_t want = q > INT64_MAX ? INT64_MAX : q < INT64_MIN ? INT64_MIN : (int64_t)q;
    if (lb__requant64(acc, mult, shift) != want && bad++ < 3)
      fprintf(stderr, "requant64(%lld, %d, %d) = %lld, want %lld\n", (long long)acc, mult, shift,
              (long long)lb__requant64(acc, mult, shift), (long long)want);
  }
  CHECK(bad == 0);
  /* agrees with the 32-bit path where both apply */
  CHECK(lb__requant64(-5, 1 << 30, 31) == lb__requant(-5, 1 << 30, 31));
  CHECK(lb__requant64(2147483647, 2147483647, 1) == (int64_t)(((__int128)2147483647 * 2147483647 + 1) >> 1));
}

static void test_clip_min_above_max(void) {
  /* ONNX Clip is min(max(x, lo), hi): with lo > hi every output is hi */
  lb_unary_params_t p = {.count = 3, .alpha = 2.0f, .beta = 1.0f};
  float x[3] = {-5.0f, 1.5f, 9.0f}, y[3];
  lb_k_clip_f32(&p, x, y);
  CHECK(y[0] == 1.0f && y[1] == 1.0f && y[2] == 1.0f);
}

static void test_lut(void) {
  unsigned char table[256];
  for (int i = 0; i < 256; ++i) table[i] = (unsigned char)(255 - i);
  int8_t x[3] = {-128, 0, 127}, y[3];
  lb_lut_params_t p = {.count = 3, .index_xor = 0x80};
  lb_k_lut_x8(&p, x, table, y);
  /* -128 is index 0, 0 is index 128, 127 is index 255 */
  CHECK((unsigned char)y[0] == 255 && (unsigned char)y[1] == 127 && (unsigned char)y[2] == 0);
  uint8_t ux[2] = {0, 255}, uy[2];
  p.count = 2;
  p.index_xor = 0;
  lb_k_lut_x8(&p, ux, table, uy);
  CHECK(uy[0] == 255 && uy[1] == 0);
}

/* Every kernel is registered once, with a params table that covers its
 * struct and a function name derived from its key. */
static void test_registry(void) {
  int n = 0;
  for (const lb_kernel_t *k = lb_kernel_first(); k; k = k->next, ++n) {
    char fn[96];
    snprintf(fn, sizeof fn, "lb_k_%s", k->name);
    CHECK(!strcmp(fn, k->function));
    CHECK(lb_kernel_find(k->name, "ref") == k);
    CHECK(k->nin >= 1 && k->nin <= LB_KERNEL_MAX_INPUTS && k->invoke);
    const lb_params_desc_t *d = k->params;
    size_t end = 0;
    for (int32_t i = 0; i < d->nfields; ++i) {
      size_t es = d->fields[i].kind == LB_PARAM_I64 ? 8 : 4;
      size_t e = d->fields[i].offset + es * (size_t)(d->fields[i].count ? d->fields[i].count : 1);
      if (e > end) end = e;
    }
    CHECK(end <= d->size && d->size - end < 8); /* no field missing from the table */
    int dup = 0;
    for (const lb_kernel_t *j = lb_kernel_first(); j; j = j->next) dup += !strcmp(j->name, k->name) && !strcmp(j->isa, k->isa);
    CHECK(dup == 1);
  }
  CHECK(n >= 25);
  CHECK(lb_kernel_find("qmatmul_i8", "avx512vnni") == lb_kernel_find("qmatmul_i8", "ref"));
  CHECK(lb_kernel_find("no_such_kernel", NULL) == NULL);
}

/* The rounding modes against the table of the QONNX IntQuant spec (columns
 * ROUND, CEIL, FLOOR, UP, DOWN, HALF_UP, HALF_DOWN). */
static void test_rounding_modes(void) {
  static const float v[] = {5.5f, 2.5f, 1.6f, 1.1f, 1.0f, -1.0f, -1.1f, -1.6f, -2.5f, -5.5f};
  static const int want[10][7] = {{6, 6, 5, 6, 5, 6, 5},        {2, 3, 2, 3, 2, 3, 2},        {2, 2, 1, 2, 1, 2, 2},
                                  {1, 2, 1, 2, 1, 1, 1},        {1, 1, 1, 1, 1, 1, 1},        {-1, -1, -1, -1, -1, -1, -1},
                                  {-1, -1, -2, -2, -1, -1, -1}, {-2, -1, -2, -2, -1, -2, -2}, {-2, -2, -3, -3, -2, -3, -2},
                                  {-6, -5, -6, -6, -5, -6, -5}};
  /* table column -> lb__round_mode code */
  static const int code[7] = {0, 1, 2, 4, 3, 5, 6};
  for (int i = 0; i < 10; ++i)
    for (int j = 0; j < 7; ++j) CHECK(lb__round_mode(v[i], code[j]) == want[i][j]);
  CHECK(lb__round_mode(0.0f / 0.0f, 2) == 0);
  CHECK(lb__round_mode(1e20f, 1) == 1073741824);
}

int main(void) {
  test_round_half_even();
  test_quantize();
  test_requantize();
  test_qmatmul();
  test_rounding_modes();
  test_qconv_padding_is_zero_point();
  test_maxpool_i8_and_transpose();
  test_expf();
  test_requant64();
  test_clip_min_above_max();
  test_lut();
  test_branch_free_rounding();
  test_registry();
  printf("%d passed, %d failed\n", passed, failed);
  return failed ? 1 : 0;
}
