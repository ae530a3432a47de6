/* ONNX -> lb IR import.
 *
 * Produces a module with one func.func whose arguments are the graph's
 * non-initializer inputs and whose results are the graph outputs (names in
 * lb.input_names / lb.output_names; symbolic dim names in lb.dim_params).
 * Symbolic dims (dim_param or missing) become dynamic dims; specialize them
 * with ir/lb_specialize.h. Each ONNX op is imported by one function under
 * frontend/onnx/ops/, found by domain, op type and opset (import.h).
 * Errors name the model file, the node (index and name) and the op type.
 */
#ifndef LOWBIT_FRONTEND_ONNX_ONNX_IMPORT_H
#define LOWBIT_FRONTEND_ONNX_ONNX_IMPORT_H

#include "frontend/onnx/onnx_load.h"
#include "support/strbuf.h"
#include "ir/lb_ir.h"

lb_status_t lb_onnx_import(MlirContext ctx, const lb_onnx_model_t *model, MlirModule *out);

/* Values of graph inputs known at import (`lowbit run` passes its small
 * integer --input tensors): an importer that needs a constant (Reshape's
 * shape, Slice's starts, Squeeze's axes) may read them, as ONNX node tests
 * expect. The inputs stay graph inputs. */
typedef struct lb_onnx_known_input_s {
  const char *name;
  const lb_tensor_t *value;
} lb_onnx_known_input_t;

lb_status_t lb_onnx_import_known(MlirContext ctx, const lb_onnx_model_t *model, const lb_onnx_known_input_t *known,
                                 int nknown, MlirModule *out);

/* Sizes for every dim of a graph input, applied at import (`--shape
 * NAME=d0,...`): shape arithmetic on the input's symbolic dims (Shape ->
 * Slice -> Concat -> Resize sizes) is then static and folds. A size that
 * contradicts a static dim, or a rank that differs, is an error. */
typedef struct lb_onnx_input_shape_s {
  const char *name;
  int32_t rank;
  const int64_t *dims;
} lb_onnx_input_shape_t;

typedef struct lb_onnx_import_opts_s {
  const lb_onnx_known_input_t *known;
  int nknown;
  const lb_onnx_input_shape_t *shapes;
  int nshapes;
} lb_onnx_import_opts_t;

lb_status_t lb_onnx_import_opts(MlirContext ctx, const lb_onnx_model_t *model, const lb_onnx_import_opts_t *opts,
                                MlirModule *out);
lb_status_t lb_onnx_import_file_opts(MlirContext ctx, const char *path, const lb_onnx_import_opts_t *opts,
                                     MlirModule *out);

/* Convenience: load + import (known inputs may be NULL / 0). */
lb_status_t lb_onnx_import_file(MlirContext ctx, const char *path, MlirModule *out);
lb_status_t lb_onnx_import_file_known(MlirContext ctx, const char *path, const lb_onnx_known_input_t *known,
                                      int nknown, MlirModule *out);

/* Writes one line per supported ONNX op ("Conv 11-21") into sb, sorted. */
void lb_onnx_list_ops(lb_strbuf_t *sb);

#endif
