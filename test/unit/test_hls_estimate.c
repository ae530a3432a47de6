/* The HLS estimates of single layers against hand computations of the
 * model in codegen/hls/estimate.h (docs/hls.md), and the reuse-factor
 * search: fits a budget, fully parallel when the budget allows, a clear
 * error (by how much) when nothing fits. */
#include <stdio.h>
#include <string.h>

#include "codegen/hls/estimate.h"

static int failures = 0;

#define EXPECT(what, got, want)                                                                    \
  do {                                                                                             \
    long long g_ = (long long)(got), w_ = (long long)(want);                                       \
    if (g_ != w_) {                                                                                \
      fprintf(stderr, "FAIL %s:%d: %s = %lld, expected %lld\n", __FILE__, __LINE__, what, g_, w_); \
      ++failures;                                                                                  \
    }                                                                                              \
  } while (0)

int main(void) {
  lb_hls_device_t small = {"small", 100, 220, 53200, 280 * 18432, {25, 18}, false};
  lb_hls_estimate_t e;

  /* dense 64 -> 10, 8-bit weights and activations, 20-bit accumulator,
   * fixed-point requantize, reuse 16 on 25 x 18 DSPs without packing:
   *   multipliers 640 / 16 = 40, one DSP each (8 x 8 fits 25 x 18)      -> 40
   *   requantize: a 20 x 31 product: ceil(31/25) * ceil(20/18) = 2 * 2 -> 4   DSP 44
   *   LUT: 150 (control) + 2 * 20 + 64 (rounding, saturation)           -> 254
   *   BRAM: 640 * 8 weights + 530 parameters + 64 * 8 input buffer      -> 6162
   *   II: 64 reads + 16 reuse cycles + 10 writes                        -> 90
   *   depth: 4 + ceil(log2(41)) = 10, + 4 for the requantize = 14       -> latency 104 */
  lb_hls_layer_t d = {LB_HLS_DENSE, LB_HLS_EPI_RQ_FIXED, 640, 1, 10, 64, 10, 8, 8, 20, 640, 530, 512, 64};
  lb_hls_estimate_layer(&small, &d, 16, &e);
  EXPECT("dense.mults", e.mults, 40);
  EXPECT("dense.dsp", e.dsp, 44);
  EXPECT("dense.lut", e.lut, 254);
  EXPECT("dense.bram_bits", e.bram_bits, 6162);
  EXPECT("dense.ii", e.ii, 90);
  EXPECT("dense.latency", e.latency, 104);

  /* 3-bit weights multiply in LUTs: dense 32 -> 16, 8-bit activations,
   * 16-bit accumulator, dequantize epilogue, reuse 8:
   *   multipliers 512 / 8 = 64, each 3 * 8 + 16 = 40 LUTs -> 2560, + 150, + 350 (dequantize) -> 3060
   *   DSP: only the dequantize's float multiply              -> 3
   *   II 32 + 8 + 16 = 56; depth 4 + ceil(log2(65)) = 11, + 8 -> latency 75 */
  lb_hls_layer_t q = {LB_HLS_DENSE, LB_HLS_EPI_DEQUANT, 512, 1, 16, 32, 16, 3, 8, 16, 512, 0, 256, 32};
  lb_hls_estimate_layer(&small, &q, 8, &e);
  EXPECT("lut_mac.dsp", e.dsp, 3);
  EXPECT("lut_mac.lut", e.lut, 3060);
  EXPECT("lut_mac.bram_bits", e.bram_bits, 512 * 3 + 256);
  EXPECT("lut_mac.latency", e.latency, 75);

  /* packing: two 4 x 8 products per DSP -> 100 multipliers in 50 DSPs;
   * 16-bit activations cannot pack: 100 * ceil(16/27) * ceil(4/18) = 100 */
  lb_hls_device_t big = {"big", 300, 12288, 1728000, 5376 * 18432, {27, 18}, true};
  lb_hls_layer_t p = {LB_HLS_DENSE, LB_HLS_EPI_NONE, 100, 1, 10, 10, 10, 4, 8, 16, 100, 0, 0, 10};
  lb_hls_estimate_layer(&big, &p, 1, &e);
  EXPECT("packed.dsp", e.dsp, 50);
  p.abits = 16;
  lb_hls_estimate_layer(&big, &p, 1, &e);
  EXPECT("unpacked16.dsp", e.dsp, 100);

  /* conv2d 1 -> 8 channels, 3 x 3, 8 x 8 image, pad 1: 9 taps per output
   * channel, 72 products per pixel, 64 pixels; reuse 9 -> 8 multipliers,
   * one per output channel, each choosing among 9 line-buffer banks:
   *   LUT: 150 + 8 * 8 bits * ceil(8 / 3) = 192 (multiplexers) + 2 * 18 + 64 = 442
   *   II: 64 reads + 64 * (9 + 8) = 1152 */
  lb_hls_layer_t cv = {LB_HLS_CONV2D, LB_HLS_EPI_RQ_FIXED, 72, 64, 8, 64, 512, 8, 8, 18, 72, 0, 3 * 8 * 8, 9};
  lb_hls_estimate_layer(&small, &cv, 9, &e);
  EXPECT("conv.mults", e.mults, 8);
  EXPECT("conv.lut", e.lut, 442);
  EXPECT("conv.ii", e.ii, 1152);
  /* valid reuse factors: divisors of the taps, or taps times a divisor of the channels */
  EXPECT("conv.valid3", lb_hls_reuse_valid(&cv, 3), 1);
  EXPECT("conv.valid36", lb_hls_reuse_valid(&cv, 36), 1);
  EXPECT("conv.invalid4", lb_hls_reuse_valid(&cv, 4), 0);
  EXPECT("conv.invalid27", lb_hls_reuse_valid(&cv, 27), 0); /* 27 = 9 * 3, and 3 does not divide 8 */

  /* the search: two dense 64 x 64 layers (4096 products each, 8-bit) */
  lb_hls_layer_t two[2] = {{LB_HLS_DENSE, LB_HLS_EPI_NONE, 4096, 1, 64, 64, 64, 8, 8, 22, 4096, 0, 512, 64},
                           {LB_HLS_DENSE, LB_HLS_EPI_NONE, 4096, 1, 64, 64, 64, 8, 8, 22, 4096, 0, 512, 64}};
  lb_hls_estimate_t est[2], tot;
  lb_status_t st = lb_hls_choose_reuse(&small, two, 2, est, &tot);
  EXPECT("fit.status", st != LB_OK, 0);
  EXPECT("fit.dsp_within_budget", tot.dsp <= small.dsp, 1);
  EXPECT("fit.reuse0_divides", 4096 % est[0].reuse, 0);
  EXPECT("fit.reuse1_divides", 4096 % est[1].reuse, 0);
  EXPECT("fit.not_wasteful", tot.dsp > small.dsp / 2, 1); /* it uses the budget it has */
  lb_hls_device_t huge = big;
  huge.dsp = 100000;
  huge.lut = 10000000;
  st = lb_hls_choose_reuse(&huge, two, 2, est, &tot);
  EXPECT("parallel.status", st != LB_OK, 0);
  EXPECT("parallel.reuse", est[0].reuse, 1);
  EXPECT("parallel.dsp", tot.dsp, 4096); /* 2 x 4096 products, packed two per DSP */
  lb_hls_device_t tiny = small;
  tiny.dsp = 1;
  st = lb_hls_choose_reuse(&tiny, two, 2, est, &tot);
  EXPECT("tiny.code", lb_status_code(st), LB_STATUS_RESOURCE_EXHAUSTED);
  if (st) {
    const char *msg = lb_status_message(st);
    EXPECT("tiny.message_says_by_how_much", strstr(msg, "2 DSPs") && strstr(msg, "1 too many"), 1);
    lb_status_free(st);
  }
  lb_hls_device_t nomem = small;
  nomem.bram_bits = 1000;
  st = lb_hls_choose_reuse(&nomem, two, 2, est, &tot);
  EXPECT("nomem.code", lb_status_code(st), LB_STATUS_RESOURCE_EXHAUSTED);
  if (st) lb_status_free(st);

  if (failures) {
    fprintf(stderr, "test_hls_estimate: %d failures\n", failures);
    return 1;
  }
  printf("test_hls_estimate: all estimates match the hand computations\n");
  return 0;
}
