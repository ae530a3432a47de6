/* The quantization report: per layer of a quantized model, what it was
 * given (weight and activation widths, granularity, weight bytes) and how
 * far its output is from the float model's on the calibration data.
 *
 *   lb_report_t r;
 *   lb_quant_report(float_module, quantized_module, names, data, n, &r);
 *   lb_report_print_table(&r, stdout);  lb_report_write_json(&r, &json);
 *
 * Both modules must come from the same import through the same structural
 * passes (the quantized one after lb-quantize: float ops between
 * quantize/dequantize pairs), so that a layer has the same location name in
 * both. `lowbit report` is the driver (docs/passes.md has the JSON schema).
 */
#ifndef LOWBIT_PASSES_REPORT_H
#define LOWBIT_PASSES_REPORT_H

#include "ir/lb_ir.h"
#include "support/strbuf.h"
#include "support/tensor.h"

typedef struct lb_report_layer_s {
  char name[128];            /* the ONNX node name (op location) */
  char op[32];               /* lb op kind */
  int32_t weight_rank;
  int64_t weight_dims[LB_MAX_RANK];
  int32_t weight_bits;       /* 0: the layer stays float */
  int32_t act_bits;
  int64_t weight_scales;     /* 1: per tensor, else per channel */
  int64_t weight_group;      /* > 0: one scale per this many weights along the reduction axis */
  bool act_token;            /* activations quantized per token (lb.quantize_rows) */
  int64_t weight_bytes;      /* ceil(elements * storage bits / 8), lb_storage_bits (4 bytes per float element) */
  int64_t macs;              /* multiply-accumulates per sample (dim 0 of the result); -1 if not static */
  double error;              /* ||y_q - y|| / ||y|| of the layer's output over the calibration data */
  double sensitivity;        /* the graph output's error with this layer alone quantized (if measured) */
} lb_report_layer_t;

/* One point of the bit allocator's accuracy-vs-size curve: a plan (the
 * allocator's at some budget, or every layer at one width) and what it
 * measured. */
typedef struct lb_pareto_point_s {
  double avg_bits;      /* weight bits per weight */
  int64_t weight_bytes; /* of the quantizable layers */
  double error;         /* the graph output's error */
  int32_t uniform_bits; /* > 0: every layer at this width; 0: an allocator plan */
  bool chosen;          /* the plan of --bits-budget */
} lb_pareto_point_t;

typedef struct lb_report_s {
  lb_report_layer_t *layers;
  int32_t nlayers;
  double output_error;       /* the same for the graph's outputs */
  int64_t float_bytes, quant_bytes; /* weight bytes of the QUANTIZABLE layers */
  bool has_sensitivity;      /* the driver filled in layers[].sensitivity */
  const lb_pareto_point_t *pareto; /* the allocator's curve (borrowed; the driver fills it), or NULL */
  int32_t npareto;
} lb_report_t;

/* Bits per weight code of layer l at width `bits` as the generated code
 * stores it: the integer matmul / gemm kernels pack 2, 3 and 4 bits;
 * weight-only, per-token and group layers (lb.matmul_nbits) take 2-, 4- or
 * 8-bit containers; integer convolutions pack codes of up to 4 bits in 4;
 * float-run layers (activations above 8 bits; weight-only, per-token or
 * group convolutions) keep 8; 32 when bits is 0. */
int32_t lb_storage_bits(const lb_report_layer_t *l, int32_t bits);

/* Runs both modules on the calibration data (one f32 tensor per graph
 * input, matched by name, samples along dim 0) and fills *r. */
lb_status_t lb_quant_report(MlirModule float_module, MlirModule quant_module, const char *const *names,
                            const lb_tensor_t *data, int32_t ndata, lb_report_t *r);
void lb_report_print_table(const lb_report_t *r, FILE *f);
/* {"output_error", "float_weight_bytes", "weight_bytes", "layers": [{"name", "op", "weight_shape",
 *  "weight_bits", "act_bits", "granularity", "act_granularity", "weight_bytes", "error", "sensitivity" (or null)}],
 *  "pareto": [{"avg_bits", "weight_bytes", "error", "uniform_bits" (or null), "chosen"}] (with a curve)} */
lb_status_t lb_report_write_json(const lb_report_t *r, lb_strbuf_t *out);
/* An SVG a browser shows as it is: per layer, bars of the output error (and
 * the sensitivity, when measured) on a common scale, and the weight bits;
 * with a Pareto curve, below them the graph output's error against weight
 * bytes for the allocator's plans (a line) and the uniform widths (squares,
 * labelled), the chosen plan ringed. */
lb_status_t lb_report_write_svg(const lb_report_t *r, const char *title, lb_strbuf_t *out);
void lb_report_free(lb_report_t *r);

#endif
