/* ONNX -> lb IR import.
 *
 * Produces a module with one func.func whose arguments are the graph's
 * non-initializer inputs and whose results are the graph outputs (names in
 * lb.input_names / lb.output_names). Symbolic dims (dim_param or missing)
 * become dynamic dims unless `batch` is set. Supported default-domain
 * ops: Gemm, MatMul, Conv, Relu, Clip, Add, Sub, Mul, Div, Flatten,
 * Reshape (constant shape), Transpose, MaxPool, AveragePool,
 * GlobalAveragePool, BatchNormalization, Softmax, Identity, Dropout
 * (inference), Constant; opsets 11 to 21 (tested 11-17).
 * Errors name the model file, the node (name and index) and the op type. */
#ifndef LOWBIT_FRONTEND_ONNX_IMPORT_H
#define LOWBIT_FRONTEND_ONNX_IMPORT_H

#include "frontend/onnx/onnx_load.h"
#include "ir/lb_ir.h"

typedef struct lb_import_options_s {
  int64_t batch; /* > 0: replace every symbolic dim by this; 0 keeps them dynamic */
} lb_import_options_t;

lb_status_t lb_onnx_import(MlirContext ctx, const lb_onnx_model_t *model, const lb_import_options_t *opts,
                           MlirModule *out);

/* Convenience: load + import. */
lb_status_t lb_onnx_import_file(MlirContext ctx, const char *path, const lb_import_options_t *opts, MlirModule *out);

#endif
