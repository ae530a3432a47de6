/* The pass registry: one entry per pass, with its declared options. */
#include <string.h>

#include "passes/passes.h"

static const lb_option_decl_t lb_no_options[] = {{NULL, 0, NULL, NULL}};

static const lb_option_decl_t lb_calibrate_options[] = {
    {"data", LB_OPTION_STRING, NULL, "calibration inputs: NAME:FILE.npy[,NAME:FILE.npy...]"},
    {"method", LB_OPTION_STRING, "minmax", "activation ranges: minmax, percentile:P or mse"},
    {"bits", LB_OPTION_INT, "8", "activation width the mse method rounds to"},
    {NULL, 0, NULL, NULL},
};

static const lb_option_decl_t lb_quantize_options[] = {
    {"mode", LB_OPTION_STRING, "w8a8", "scheme wXaY: X-bit weights (2..8), Y-bit activations (4..16), or wXaf (weight-only)"},
    {"activations", LB_OPTION_STRING, "i8", "activation signedness: i8 (signed) or u8 (unsigned)"},
    {"weight_granularity", LB_OPTION_STRING, "channel", "weight scales: channel (per output channel) or tensor"},
    {"weight_calib", LB_OPTION_STRING, "minmax",
     "weight range: minmax, percentile:P, mse (least squared error, E[x^2]-weighted when calibrated) or auto (mse below 8 "
     "bits, minmax at 8)"},
    {"layers", LB_OPTION_STRING, "", "per-layer schemes by ONNX node name: NAME=wXaY|float[,...]"},
    {"only", LB_OPTION_STRING, "", "quantize only the op of this ONNX node name (the others stay float)"},
    {"attention_bits", LB_OPTION_INT, "0", "4..8: matmuls of two activations (attention QK^T, PV) quantized too; 0: float"},
    {"scale_bits", LB_OPTION_INT, "0", "with group:G: group scales as S-bit multiples of a per-channel scale (VS-Quant); 0: float"},
    {"act_granularity", LB_OPTION_STRING, "tensor",
     "activations: tensor (static, calibrated) or token (each row's own range at run time, simulated in float)"},
    {"bias_correct", LB_OPTION_INT, "1",
     "1: subtract the mean output shift E[x] (W_q - W) from each layer's bias (needs lb.input_mean from lb-calibrate)"},
    {NULL, 0, NULL, NULL},
};

static const lb_option_decl_t lb_specialize_options[] = {
    {"batch", LB_OPTION_INT, NULL, "size of dim 0 of inputs where it is symbolic"},
    {"shape", LB_OPTION_STRING, NULL, "full input shapes: NAME=d0,d1,...[;NAME=...]"},
    {"static", LB_OPTION_INT, "0", "1: fail unless every type is static afterwards (what code generation needs)"},
    {NULL, 0, NULL, NULL},
};

static const lb_option_decl_t lb_fold_constants_options[] = {
    {"max_elements", LB_OPTION_INT, "67108864", "results with more elements stay unfolded"},
    {NULL, 0, NULL, NULL},
};

static const lb_option_decl_t lb_lower_quantized_options[] = {
    {"rounding", LB_OPTION_STRING, "fixed",
     "requantization: fixed (multiplier + shift, lowbit's quantization) or onnx (float, as QLinearConv)"},
    {NULL, 0, NULL, NULL},
};

static const lb_option_decl_t lb_set_target_options[] = {
    {"target", LB_OPTION_STRING, "generic-c", "built-in target name or .mlir file"},
    {NULL, 0, NULL, NULL},
};

static const lb_option_decl_t lb_rotate_options[] = {
    {"rotation", LB_OPTION_STRING, "hadamard", "hadamard, random-hadamard[:SEED] or an orthogonal D x D float32 FILE.npy"},
    {"online", LB_OPTION_INT, "1", "1: an online Hadamard transform before every linear layer the offline rotation misses"},
    {NULL, 0, NULL, NULL},
};

static const lb_option_decl_t lb_smooth_options[] = {
    {"data", LB_OPTION_STRING, NULL, "calibration inputs: NAME:FILE.npy[,NAME:FILE.npy...]"},
    {"alpha", LB_OPTION_STRING, "0.5", "migration strength a in [0, 1], or auto (searched per layer, as AWQ)"},
    {"bits", LB_OPTION_INT, "8", "activation width the auto search simulates"},
    {"wbits", LB_OPTION_INT, "8", "weight width the auto search simulates"},
    {NULL, 0, NULL, NULL},
};

static const lb_option_decl_t lb_gptq_options[] = {
    {"data", LB_OPTION_STRING, NULL, "calibration inputs: NAME:FILE.npy[,NAME:FILE.npy...]"},
    {"bits", LB_OPTION_INT, "8", "weight width (2..8)"},
    {"per_tensor", LB_OPTION_INT, "0", "1: one scale per tensor (else per output channel)"},
    {"skip", LB_OPTION_STRING, "", "layers (ONNX node names, comma-separated) left to lb-quantize's own rounding"},
    {NULL, 0, NULL, NULL},
};

static const lb_pass_info_t lb_passes[] = {
    {"lb-set-target", "Attach a target description to the module", lb_set_target_options, lb_pass_set_target},
    {"lb-specialize", "Give symbolic dims static sizes and re-infer types", lb_specialize_options, lb_pass_specialize},
    {"lb-fold-batchnorm", "Fold batchnorm into the preceding conv2d", lb_no_options, lb_pass_fold_batchnorm},
    {"lb-fold-constants", "Evaluate ops whose operands are all constants (never dequantize)",
     lb_fold_constants_options, lb_pass_fold_constants},
    {"lb-recognize-fake-quant", "Turn expanded quantizers (div, round, clip, mul) into quantize/dequantize",
     lb_no_options, lb_pass_recognize_fake_quant},
    {"lb-recognize-layer-norm", "Turn layer / RMS normalizations written as reductions into lb.layer_norm / lb.rms_norm",
     lb_no_options, lb_pass_recognize_layer_norm},
    {"lb-recognize-gelu", "Turn 0.5 * x * (1 + erf(x / sqrt 2)) into lb.gelu", lb_no_options, lb_pass_recognize_gelu},
    {"lb-fuse-bias", "Turn a 2-D matmul plus a row-vector add into one gemm", lb_no_options, lb_pass_fuse_bias},
    {"lb-fold-norm", "Fold LayerNorm/RMSNorm gain and bias into the linear layers that consume them", lb_no_options,
     lb_pass_fold_norm},
    {"lb-rotate", "Fuse orthogonal rotations into the weights around the residual stream (QuaRot)", lb_rotate_options,
     lb_pass_rotate},
    {"lb-gptq", "Round linear-layer weights with GPTQ's Hessian-weighted error feedback (before lb-quantize)",
     lb_gptq_options, lb_pass_gptq},
    {"lb-smooth", "Migrate activation ranges into the weights of linear layers (SmoothQuant, AWQ search)",
     lb_smooth_options, lb_pass_smooth},
    {"lb-calibrate", "Record activation ranges by running calibration inputs", lb_calibrate_options,
     lb_pass_calibrate},
    {"lb-quantize", "Insert quantize/dequantize for weights and activations", lb_quantize_options, lb_pass_quantize},
    {"lb-quantize-elementwise", "Give unary elementwise ops on 8-bit activations an 8-bit output (lookup tables)",
     lb_no_options, lb_pass_quantize_elementwise},
    {"lb-lower-quantized", "Fold dequantize-op-quantize chains into integer kernels", lb_lower_quantized_options,
     lb_pass_lower_quantized},
    {"lb-pack-layout", "Reorder integer matmul weights into the layout the fast kernels read ([N, K])", lb_no_options,
     lb_pass_pack_layout},
    {NULL, NULL, NULL, NULL},
};

const lb_pass_info_t *lb_pass_registry(void) { return lb_passes; }

const lb_pass_info_t *lb_pass_lookup(const char *flag) {
  for (const lb_pass_info_t *p = lb_passes; p->flag; ++p)
    if (!strcmp(p->flag, flag)) return p;
  return NULL;
}
