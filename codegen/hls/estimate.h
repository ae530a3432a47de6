/* Resource and latency estimates of lowbit's HLS designs, and the choice
 * of each layer's reuse factor. No MLIR dependency (unit-tested alone).
 *
 * The model, per layer (docs/hls.md has the derivation and the constants):
 *
 *   multipliers  = products / reuse           (products per block: dense K*N,
 *                                              conv2d OC * C/g * KH * KW per pixel);
 *                reuse R divides the reduction T (K, or C/g KH KW) or is T times a
 *                divisor of the output channels (lbh_layers.h's two schedules)
 *   weights <= 3 bits: LUT multipliers, wbits * abits + acc_bits LUTs each
 *   otherwise DSPs: ceil(max(a, w) / A) * ceil(min(a, w) / B) per product on an
 *                   A x B DSP; two products per DSP when the target allows
 *                   packing and both operands have at most 8 bits
 *   conv2d taps  each multiplier picks its tap among min(R, T) line-buffer banks:
 *                abits * ceil((min(R, T) - 1) / 3) LUTs of multiplexer (LUT6 = 4:1)
 *   epilogue     fixed-point requantize: ceil(acc_bits / A) * ceil(31 / B) DSPs
 *                and 2 acc_bits + 64 LUTs; float stages: LB_HLS_FP_* below
 *   bram_bits    weights * wbits + parameters + buffers (line buffers, inputs)
 *   ii (cycles per sample): dense K + R + N; conv2d H W C + OH OW (R + OC);
 *                max_pool H W C + OH OW C; global average pooling H W C + C;
 *                elementwise stages one per element
 *   latency      ii + pipeline depth
 *
 * and per design: resources summed, ii the slowest layer's (the layers run
 * concurrently under DATAFLOW), latency the sum of the layers' (an upper
 * bound: it ignores the overlap between consecutive layers).
 */
#ifndef LOWBIT_CODEGEN_HLS_ESTIMATE_H
#define LOWBIT_CODEGEN_HLS_ESTIMATE_H

#include <stdbool.h>
#include <stdint.h>

#include "support/status.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Costs of the float stages at the design's boundary (binary32 divide and
 * conversion for quantize, int-to-float and multiply for dequantize, a
 * binary64 multiply-add for the float requantization of imported models):
 * typical figures of vendor floating-point cores at full DSP usage. */
#define LB_HLS_FP_QUANTIZE_DSP 0
#define LB_HLS_FP_QUANTIZE_LUT 1000
#define LB_HLS_FP_DEQUANTIZE_DSP 3
#define LB_HLS_FP_DEQUANTIZE_LUT 350
#define LB_HLS_FP64_REQUANT_DSP 13
#define LB_HLS_FP64_REQUANT_LUT 1200
#define LB_HLS_FP_ADD_DSP 2
#define LB_HLS_FP_ADD_LUT 250
#define LB_HLS_FP_DIV_LUT 800
#define LB_HLS_FP64_EXP_DSP 26
#define LB_HLS_FP64_EXP_LUT 3000
#define LB_HLS_LAYER_LUT 150   /* loop counters and control of one layer */
#define LB_HLS_LUT_MAC_BITS 3  /* weights of at most this width multiply in LUTs */

/* What a design is estimated against (from an FPGA target). */
typedef struct lb_hls_device_s {
  const char *name;
  double clock_mhz;
  int64_t dsp, lut, bram_bits; /* budgets */
  int64_t dsp_width[2];        /* {A, B}: an A x B multiplier per DSP; {25, 18} when 0 */
  bool dsp_packing;            /* two products of <= 8 x 8 bits per DSP */
} lb_hls_device_t;

typedef enum lb_hls_kind_e {
  LB_HLS_QUANTIZE = 0,
  LB_HLS_DEQUANTIZE,
  LB_HLS_DENSE,
  LB_HLS_CONV2D,
  LB_HLS_MAX_POOL,
  LB_HLS_SPLIT,     /* one stream to two, deep FIFOs */
  LB_HLS_ADD_FLOAT, /* float stages: residual add, relu, global average pooling */
  LB_HLS_RELU_FLOAT,
  LB_HLS_EXP_FLOAT, /* sigmoid, tanh (binary64 exp) */
  LB_HLS_GAP_FLOAT,
  LB_HLS_LUT /* 256-entry table of an 8-bit activation function */
} lb_hls_kind_t;

typedef enum lb_hls_epilogue_e {
  LB_HLS_EPI_NONE = 0,
  LB_HLS_EPI_RQ_FIXED, /* fixed-point requantize */
  LB_HLS_EPI_RQ_FLOAT, /* binary64 requantize */
  LB_HLS_EPI_DEQUANT   /* to float */
} lb_hls_epilogue_t;

/* A layer's shape, as the estimator sees it (per sample). */
typedef struct lb_hls_layer_s {
  lb_hls_kind_t kind;
  lb_hls_epilogue_t epilogue;
  int64_t products;     /* dense/conv2d: products per block (divisible by the reuse factor) */
  int64_t blocks;       /* dense 1; conv2d output pixels */
  int64_t out_channels; /* dense N; conv2d OC; max_pool C */
  int64_t in_elems, out_elems;
  int32_t wbits, abits, acc_bits;
  int64_t weights;     /* weight count */
  int64_t param_bits;  /* bias and per-channel parameters in ROM */
  int64_t buffer_bits; /* line, input and FIFO buffers */
  int64_t reduce;      /* dense K, conv2d C/g KH KW: the reuse factor divides it or is it times a
                        * divisor of out_channels */
} lb_hls_layer_t;

typedef struct lb_hls_estimate_s {
  int64_t reuse, mults, dsp, lut, bram_bits, ii, latency;
} lb_hls_estimate_t;

/* True for layers with a reuse factor (dense, conv2d). */
bool lb_hls_has_reuse(const lb_hls_layer_t *l);

/* The estimate of one layer at reuse factor `reuse` (ignored by layers
 * without one; must divide l->products otherwise). */
void lb_hls_estimate_layer(const lb_hls_device_t *d, const lb_hls_layer_t *l, int64_t reuse, lb_hls_estimate_t *out);

/* Sums `n` layer estimates into *total (ii = the largest). */
void lb_hls_estimate_total(const lb_hls_estimate_t *e, int32_t n, lb_hls_estimate_t *total);

/* True if r is a valid reuse factor of layer l. */
bool lb_hls_reuse_valid(const lb_hls_layer_t *l, int64_t r);

/* Picks every layer's reuse factor (lb_hls_reuse_valid) so that the
 * design fits the device's DSP and LUT budgets with the lowest total
 * latency this greedy search finds: all layers start fully parallel
 * (R = 1); while over budget, the layer and larger reuse factor that free the
 * most (normalized) over-budget resource per added cycle of latency are
 * taken. Fills est[0..n) and *total. A design that does not fit even at
 * the largest reuse factors (or whose memory exceeds the BRAM budget) is
 * RESOURCE_EXHAUSTED, with a message saying by how much. */
lb_status_t lb_hls_choose_reuse(const lb_hls_device_t *d, const lb_hls_layer_t *layers, int32_t n,
                                lb_hls_estimate_t *est, lb_hls_estimate_t *total);

#ifdef __cplusplus
}
#endif
#endif
