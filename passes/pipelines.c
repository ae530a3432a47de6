/* Named pipelines: the pass sequences the driver and lowbit-opt run by
 * name. Each expands its options into a textual pipeline. */
#include <string.h>

#include <stdio.h>

#include "passes/calibrate.h"
#include "passes/passes.h"

static const lb_option_decl_t lb_w8a8_options[] = {
    {"calib", LB_OPTION_STRING, NULL, "calibration inputs: NAME:FILE.npy[,...]"},
    {"activations", LB_OPTION_STRING, "i8", "activation type: i8 or u8"},
    {NULL, 0, NULL, NULL},
};

static const lb_option_decl_t lb_ptq_options[] = {
    {"calib", LB_OPTION_STRING, NULL, "calibration inputs: NAME:FILE.npy[,...]"},
    {"mode", LB_OPTION_STRING, "w8a8", "scheme wXaY: X-bit weights (2..8), Y-bit activations (4..16), or wXaf (weight-only)"},
    {"activations", LB_OPTION_STRING, "i8", "activation signedness: i8 or u8"},
    {"weight_granularity", LB_OPTION_STRING, "channel", "weight scales: channel or tensor"},
    {"calib_method", LB_OPTION_STRING, "minmax", "activation ranges: minmax, percentile:P or mse"},
    {"weight_calib", LB_OPTION_STRING, "auto",
     "weight ranges: minmax, percentile:P, mse or auto (mse, E[x^2]-weighted, below 8 bits; minmax at 8)"},
    {"layers", LB_OPTION_STRING, "", "per-layer schemes: NAME=wXaY|float[,...]"},
    {"only", LB_OPTION_STRING, "", "quantize only this layer (ONNX node name)"},
    {"fold", LB_OPTION_INT, "1", "0: keep LayerNorm/RMSNorm gains and biases where they are (no lb-fold-norm)"},
    {"act_granularity", LB_OPTION_STRING, "tensor", "activations: tensor (calibrated) or token (per row, at run time)"},
    {"scale_bits", LB_OPTION_INT, "0", "with group:G: S-bit group scales under a per-channel scale (VS-Quant)"},
    {"attention_bits", LB_OPTION_INT, "0", "4..8: attention's activation x activation matmuls quantized too"},
    {"gptq", LB_OPTION_INT, "0", "1: linear-layer weights rounded by lb-gptq (Hessian-weighted error feedback)"},
    {"smooth", LB_OPTION_STRING, "none", "none, or lb-smooth's alpha (a number in [0, 1] or auto)"},
    {"rotate", LB_OPTION_STRING, "none", "none, or lb-rotate's rotation (hadamard, random-hadamard[:SEED], FILE.npy)"},
    {"bias_correct", LB_OPTION_INT, "1", "0: no bias correction in lb-quantize (the mean shift of rounded weights stays)"},
    {"lower", LB_OPTION_INT, "1", "0: stop after lb-quantize (float ops between quantize/dequantize, for lowbit report)"},
    {NULL, 0, NULL, NULL},
};

static lb_status_t lb_ptq_text(const char *calib, const char *mode, const char *acts, const char *gran,
                               const char *method, const char *wcal, const char *layers, const char *only, bool fold, bool lower,
                               const char *rotate, const char *smooth, const char *agran, int64_t scale_bits,
                               int64_t attention_bits, bool gptq, bool bias_correct, lb_strbuf_t *out) {
  int wb, ab;
  char tail;
  char canon[16];
  bool weight_only = sscanf(mode, "w%daf%c", &wb, &tail) == 1 && snprintf(canon, sizeof canon, "w%daf", wb) > 0 &&
                     !strcmp(canon, mode);
  if (!calib) calib = "";
  if (strcmp(agran, "tensor") && strcmp(agran, "token"))
    return LB_ERROR(LB_STATUS_INVALID_ARGUMENT, "act_granularity must be tensor or token, got '%s'", agran);
  if (!*calib && ((!weight_only && strcmp(agran, "token")) || strcmp(smooth, "none") || attention_bits))
    return LB_ERROR(LB_STATUS_INVALID_ARGUMENT, "needs calib=NAME:FILE.npy[,...]");
  if (strchr(calib, '\'')) return LB_ERROR(LB_STATUS_INVALID_ARGUMENT, "calib must not contain a single quote");
  if (strcmp(acts, "i8") && strcmp(acts, "u8"))
    return LB_ERROR(LB_STATUS_INVALID_ARGUMENT, "activations must be i8 or u8, got '%s'", acts);
  for (const char *c = mode; *c; ++c)
    if (!((*c >= 'a' && *c <= 'z') || (*c >= '0' && *c <= '9')))
      return LB_ERROR(LB_STATUS_INVALID_ARGUMENT, "mode must look like w4a8, got '%s'", mode);
  if (strcmp(gran, "channel") && strcmp(gran, "tensor") && strncmp(gran, "group:", 6))
    return LB_ERROR(LB_STATUS_INVALID_ARGUMENT, "weight_granularity must be channel, tensor or group:G, got '%s'", gran);
  for (const char *c = gran; *c; ++c)
    if (*c == '\'' || *c == ' ' || *c == '}' || *c == ',')
      return LB_ERROR(LB_STATUS_INVALID_ARGUMENT, "weight_granularity: unexpected '%c' in '%s'", *c, gran);
  if (weight_only) ab = 8; /* the float activations' calibration (layers=... may quantize some) */
  else if (sscanf(mode, "w%da%d%c", &wb, &ab, &tail) != 2)
    return LB_ERROR(LB_STATUS_INVALID_ARGUMENT, "mode must look like w4a8 or w4af, got '%s'", mode);
  lb_calib_method_t m;
  LB_RETURN_IF_ERROR(lb_calib_method_parse(method, ab, &m));
  if (strchr(layers, '\'') || strchr(only, '\''))
    return LB_ERROR(LB_STATUS_INVALID_ARGUMENT, "layers and only must not contain a single quote");
  if (strchr(rotate, '\'')) return LB_ERROR(LB_STATUS_INVALID_ARGUMENT, "rotate must not contain a single quote");
  lb_strbuf_printf(out, "lb-fold-batchnorm,lb-fuse-bias,%s", fold ? "lb-fold-norm," : "");
  if (strcmp(rotate, "none")) lb_strbuf_printf(out, "lb-rotate{rotation='%s'},", rotate);
  if (strchr(smooth, '\'')) return LB_ERROR(LB_STATUS_INVALID_ARGUMENT, "smooth must not contain a single quote");
  if (strcmp(smooth, "none"))
    lb_strbuf_printf(out, "lb-smooth{data='%s' alpha='%s' bits=%d wbits=%d},", calib, smooth, ab, wb);
  if (*calib) lb_strbuf_printf(out, "lb-calibrate{data='%s' method=%s bits=%d},", calib, method, ab);
  if (gptq) {
    if (!*calib) return LB_ERROR(LB_STATUS_INVALID_ARGUMENT, "gptq needs calib=NAME:FILE.npy[,...]");
    if (!strncmp(gran, "group:", 6)) return LB_ERROR(LB_STATUS_INVALID_ARGUMENT, "gptq takes channel or tensor granularity");
    /* layers with their own scheme keep lb-quantize's rounding */
    lb_strbuf_printf(out, "lb-gptq{data='%s' bits=%d per_tensor=%d skip='", calib, wb, !strcmp(gran, "tensor"));
    for (const char *p = layers; *p;) {
      const char *e = strchr(p, ','), *eq = NULL;
      size_t len = e ? (size_t)(e - p) : strlen(p);
      for (size_t i = 0; i < len; ++i)
        if (p[i] == '=') eq = p + i;
      if (eq) lb_strbuf_printf(out, "%s%.*s", p == layers ? "" : ",", (int)(eq - p), p);
      p = e ? e + 1 : p + len;
    }
    lb_strbuf_puts(out, "'},");
  }
  lb_strbuf_printf(out,
                   "lb-quantize{mode=%s activations=%s weight_granularity=%s weight_calib=%s layers='%s' only='%s' "
                   "act_granularity=%s scale_bits=%lld attention_bits=%lld bias_correct=%d}%s%s",
                   mode, acts, gran, wcal, layers, only, agran, (long long)scale_bits, (long long)attention_bits,
                   bias_correct ? 1 : 0,
                   /* 8-bit activations continue through unary ops (tables) */
                   !weight_only && ab <= 8 ? ",lb-quantize-elementwise" : "",
                   lower ? ",lb-lower-quantized,lb-pack-layout" : "");
  return LB_OK;
}

/* W8A8: fold batchnorm, matmul + add into gemm, norm gains into linears, calibrate min/max, int8 per-channel weights and
 * per-tensor activations, then integer kernels with fixed-point
 * requantization. */
static lb_status_t lb_expand_w8a8(const lb_pass_options_t *o, lb_strbuf_t *out) {
  return lb_ptq_text(lb_pass_option(o, "calib"), "w8a8", lb_pass_option(o, "activations"), "channel", "minmax", "auto", "", "", true, true, "none", "none", "tensor", 0, 0, false, true, out);
}

/* Post-training quantization with any supported scheme: the same passes
 * as lb-w8a8 with X-bit weights (per channel or per tensor) and Y-bit
 * activations. */
static lb_status_t lb_expand_ptq(const lb_pass_options_t *o, lb_strbuf_t *out) {
  return lb_ptq_text(lb_pass_option(o, "calib"), lb_pass_option(o, "mode"), lb_pass_option(o, "activations"),
                     lb_pass_option(o, "weight_granularity"), lb_pass_option(o, "calib_method"),
                     lb_pass_option(o, "weight_calib"), lb_pass_option(o, "layers"),
                     lb_pass_option(o, "only"), lb_pass_option_int(o, "fold", 1) != 0,
                     lb_pass_option_int(o, "lower", 1) != 0, lb_pass_option(o, "rotate"),
                     lb_pass_option(o, "smooth"), lb_pass_option(o, "act_granularity"),
                     lb_pass_option_int(o, "scale_bits", 0), lb_pass_option_int(o, "attention_bits", 0),
                     lb_pass_option_int(o, "gptq", 0) != 0, lb_pass_option_int(o, "bias_correct", 1) != 0, out);
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
    {"lb-ptq", "post-training quantization wXaY: calibrate, quantize, lower to integer kernels", lb_ptq_options,
     lb_expand_ptq},
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
