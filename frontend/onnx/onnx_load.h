/* ONNX loading: the one place lowbit touches protobuf-c.
 *
 * Every failure (unreadable, empty, truncated or garbage file, missing
 * graph, bad tensor payloads, external data out of bounds) becomes an
 * INVALID_ARGUMENT/IO status whose message starts with the file name.
 *
 *   lb_onnx_model_t *m;
 *   LB_RETURN_IF_ERROR(lb_onnx_load("model.onnx", &m));
 *   ... lb_onnx_import(ctx, m, &opts, &module) ...
 *   lb_onnx_model_free(m);
 */
#ifndef LOWBIT_FRONTEND_ONNX_LOAD_H
#define LOWBIT_FRONTEND_ONNX_LOAD_H

#include <stdbool.h>
#include <stddef.h>

#include "onnx.pb-c.h"
#include "support/tensor.h"
#include "support/status.h"

typedef struct lb_onnx_model_s lb_onnx_model_t;

/* Reads and parses `path`. The caller owns *out. */
lb_status_t lb_onnx_load(const char *path, lb_onnx_model_t **out);
/* Parses an in-memory model; `name` is used in messages and as the base
 * for external data paths (may be a fake name). */
lb_status_t lb_onnx_load_buffer(const void *data, size_t len, const char *name, lb_onnx_model_t **out);
void lb_onnx_model_free(lb_onnx_model_t *m);

/* Borrowed views. */
const Onnx__ModelProto *lb_onnx_model_proto(const lb_onnx_model_t *m);
const char *lb_onnx_model_path(const lb_onnx_model_t *m);
/* The opset version the model imports for `domain` ("" or "ai.onnx" is the
 * default domain), or 0 if the model declares none for it. */
int64_t lb_onnx_model_opset(const lb_onnx_model_t *m, const char *domain);

/* The dtype of an ONNX TensorProto.DataType: float, (u)int8, (u)int16,
 * int32, int64; false for the others. */
bool lb_onnx_dtype(int32_t onnx_type, lb_dtype_t *out);

/* Decodes a TensorProto (raw, typed fields or external data) into a new
 * host tensor (dtypes of lb_onnx_dtype); rejects zero or negative dims, size
 * mismatches and more than LB_MAX_RANK dims before allocating anything, and
 * external data outside the model's directory. */
lb_status_t lb_onnx_tensor_decode(const lb_onnx_model_t *m, const Onnx__TensorProto *t, lb_tensor_t *out);
/* True for a 1-D tensor of no elements (dims = [0]): exporters' "absent" roi and scales. */
bool lb_onnx_tensor_is_empty_1d(const Onnx__TensorProto *t);

/* Reads a serialized TensorProto file (ONNX test_data_set_N/input_K.pb). */
lb_status_t lb_onnx_read_tensor_file(const char *path, lb_tensor_t *out);

#endif
