/* Unit tests of the reference kernels' exact integer semantics (no MLIR).
 * Prints "N passed, M failed" and exits non-zero on any failure. */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "runtime/lb_kernels.h"

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
  CHECK(lb_round_half_even(0.5f) == 0);
  CHECK(lb_round_half_even(1.5f) == 2);
  CHECK(lb_round_half_even(2.5f) == 2);
  CHECK(lb_round_half_even(-0.5f) == 0);
  CHECK(lb_round_half_even(-1.5f) == -2);
  CHECK(lb_round_half_even(-2.5f) == -2);
  CHECK(lb_round_half_even(2.4999998f) == 2);
  CHECK(lb_round_half_even(-3.7f) == -4);
  CHECK(lb_round_half_even(1e20f) == 1073741824);
}

static void test_quantize(void) {
  lb_quant_params_t p = {1, 1, 6, -128, 127, 0};
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
  lb_quant_params_t p = {1, 1, 6, -128, 127, 0};
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
  p.a_zp = 1;
  p.b_zp = -1;
  p.has_bias = 1;
  int8_t a[2] = {3, -2};
  int8_t b[4] = {1, 2, 3, 4};
  int32_t bias[2] = {10, -10};
  int32_t y[2];
  lb_k_qmatmul_i8(&p, a, b, bias, y);
  /* (3-1)*(1+1) + (-2-1)*(3+1) = 4 - 12 = -8; (2)*(3) + (-3)*(5) = 6 - 15 = -9 */
  CHECK(y[0] == 10 - 8 && y[1] == -10 - 9);
}

static void test_qconv_padding_is_zero_point(void) {
  /* 1x1x1x1 input, 3x3 kernel of ones, pad 1: only the centre contributes */
  lb_conv2d_params_t p;
  memset(&p, 0, sizeof p);
  p.N = p.C = p.H = p.W = p.OC = p.OH = p.OW = 1;
  p.KH = p.KW = 3;
  p.stride_h = p.stride_w = p.dil_h = p.dil_w = p.group = 1;
  p.pad_t = p.pad_l = 1;
  p.x_zp = 5;
  int8_t x[1] = {7};
  int8_t w[9] = {1, 1, 1, 1, 1, 1, 1, 1, 1};
  int32_t y[1];
  lb_k_qconv2d_i8(&p, x, w, NULL, y);
  CHECK(y[0] == 2);
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
  CHECK(lb_expf(0.0f) == 1.0f);
  float e1 = lb_expf(1.0f);
  CHECK(e1 == 2.71828182845904523536f); /* correctly rounded e */
  CHECK(lb_expf(-200.0f) == 0.0f);
}

int main(void) {
  test_round_half_even();
  test_quantize();
  test_requantize();
  test_qmatmul();
  test_qconv_padding_is_zero_point();
  test_maxpool_i8_and_transpose();
  test_expf();
  printf("%d passed, %d failed\n", passed, failed);
  return failed ? 1 : 0;
}
