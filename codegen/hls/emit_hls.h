/* HLS backend: a quantized lb module as a Vitis-HLS-style C++ dataflow
 * project that also builds with plain g++/clang++ for C simulation.
 *
 * lb_emit_hls_project writes OUTDIR/:
 *   NAME.h           the top function
 *                      void NAME_top(hls::stream<float> &in, hls::stream<float> &out);
 *                    one sample per call, float in and out (as the C backend), and the
 *                    shapes and stream orders as macros (NAME_IN_SIZE, NAME_IN_HWC, ...)
 *   NAME.cpp         NAME_top: DATAFLOW over the layers, hls::stream between them
 *   NAME_config.h    one config struct per layer: exact integer types, shapes, zero
 *                    points, reuse factor, the fused epilogue
 *   NAME_weights.h   weights and per-channel parameters as ROM arrays in their exact
 *                    widths (a 3-bit weight is an ap_int<3>)
 *   csim.cpp         testbench: csim --input X.npy --output Y.npy runs a batch
 *   Makefile         `make csim` (g++, or the vendor's headers under $XILINX_HLS)
 *   build.tcl        vitis_hls -f build.tcl: C synthesis for the target's part and clock
 *   report.json      the estimates (codegen/hls/estimate.h)
 *   lowbit_hls/      the template library (runtime/hls/) and lb_common.h
 *
 * Supported: the integer graphs lb-lower-quantized produces for MLPs and
 * CNNs (quantize, qmatmul and qconv2d with their requantize or dequantize
 * fused as the epilogue, a clamp after a requantize, max_pool, flatten,
 * value-keeping casts, dequantize) with one float input and one float
 * output; anything else is UNIMPLEMENTED naming the op and its node. The
 * module's target must be an FPGA target with dsp, lut and bram_18k.
 * Integer results are bit-identical to `lowbit run` (docs/hls.md).
 */
#ifndef LOWBIT_CODEGEN_HLS_EMIT_HLS_H
#define LOWBIT_CODEGEN_HLS_EMIT_HLS_H

#include "codegen/hls/estimate.h"
#include "ir/lb_ir.h"

#ifdef __cplusplus
extern "C" {
#endif

#define LB_HLS_MAX_LAYERS 256

typedef struct lb_hls_report_s {
  char target[64];
  char part[64];
  double clock_mhz;
  lb_hls_device_t device;
  int32_t nlayers;
  char names[LB_HLS_MAX_LAYERS][96];
  lb_hls_layer_t layers[LB_HLS_MAX_LAYERS];
  lb_hls_estimate_t est[LB_HLS_MAX_LAYERS];
  lb_hls_estimate_t total;
} lb_hls_report_t;

/* Writes the project (see above) for the static, quantized module `m`.
 * `name` is the symbol prefix (lb_name_check_model). *report (may be NULL;
 * large: allocate it) gets the per-layer estimates. */
lb_status_t lb_emit_hls_project(MlirModule m, const char *name, const char *outdir, lb_hls_report_t *report);

/* Prints the estimate table (one line per layer, then the total and the
 * budgets) to `f`. */
void lb_hls_report_print(const lb_hls_report_t *r, FILE *f);

#ifdef __cplusplus
}
#endif
#endif
