/* Named pipelines: the pass sequences the driver and lowbit-opt run by
 * name. Each expands its options into a textual pipeline. */
#include <string.h>

#include "passes/passes.h"

static const lb_option_decl_t lb_w8a8_options[] = {
    {"calib", LB_OPTION_STRING, NULL, "calibration inputs: NAME:FILE.npy[,NAME:FILE.npy...]"},
    {"activations", LB_OPTION_STRING, "i8", "activation type: i8 or u8"},
    {NULL, 0, NULL, NULL},
};

/* W8A8: fold batchnorm, matmul + add into gemm, calibrate min/max, int8 per-channel weights and
 * per-tensor activations, then integer kernels with fixed-point
 * requantization. */
static lb_status_t lb_expand_w8a8(const lb_pass_options_t *o, lb_strbuf_t *out) {
  const char *calib = lb_pass_option(o, "calib");
  if (!calib || !*calib) return LB_ERROR(LB_STATUS_INVALID_ARGUMENT, "needs calib=NAME:FILE.npy[,...]");
  if (strchr(calib, '\'')) return LB_ERROR(LB_STATUS_INVALID_ARGUMENT, "calib must not contain a single quote");
  const char *acts = lb_pass_option(o, "activations");
  if (strcmp(acts, "i8") && strcmp(acts, "u8"))
    return LB_ERROR(LB_STATUS_INVALID_ARGUMENT, "activations must be i8 or u8, got '%s'", acts);
  lb_strbuf_printf(out,
                   "lb-fold-batchnorm,lb-fuse-bias,lb-calibrate{data='%s'},lb-quantize{mode=w8a8 activations=%s},"
                   "lb-lower-quantized,lb-pack-layout",
                   calib, acts);
  return LB_OK;
}

/* A model that arrives quantized (QDQ, QOperator): its own scales, zero
 * points and bit widths are kept; dequantize-op-quantize chains become
 * integer kernels requantized as the ONNX operators specify. */
static lb_status_t lb_expand_prequantized(const lb_pass_options_t *o, lb_strbuf_t *out) {
  (void)o;
  lb_strbuf_puts(out, "lb-recognize-fake-quant,lb-fold-constants,lb-fold-batchnorm,lb-fuse-bias,lb-lower-quantized{rounding=onnx},lb-pack-layout");
  return LB_OK;
}

static const lb_pipeline_info_t lb_pipelines[] = {
    {"lb-w8a8", "fold-batchnorm, calibrate, quantize W8A8, lower to integer kernels", lb_w8a8_options,
     lb_expand_w8a8},
    {"lb-prequantized", "integer kernels for a model that carries its own quantization (QDQ, QOperator)", NULL,
     lb_expand_prequantized},
    {NULL, NULL, NULL, NULL},
};

const lb_pipeline_info_t *lb_pipeline_registry(void) { return lb_pipelines; }

const lb_pipeline_info_t *lb_pipeline_lookup(const char *name) {
  for (const lb_pipeline_info_t *p = lb_pipelines; p->name; ++p)
    if (!strcmp(p->name, name)) return p;
  return NULL;
}
