#include "frontend/onnx/onnx_load.h"

#include <limits.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "support/file.h"

struct lb_onnx_model_s {
  Onnx__ModelProto *proto;
  char *path;
};

#define LOAD_FAIL(...) LB_ERROR(LB_STATUS_INVALID_ARGUMENT, __VA_ARGS__)

lb_status_t lb_onnx_load_buffer(const void *data, size_t len, const char *name, lb_onnx_model_t **out) {
  if (len == 0) return LOAD_FAIL("%s: empty file, not an ONNX model", name);
  Onnx__ModelProto *p = onnx__model_proto__unpack(NULL, len, data);
  if (!p) return LOAD_FAIL("%s: not a valid ONNX model (protobuf parse failed: truncated or corrupt file)", name);
  if (!p->graph) {
    onnx__model_proto__free_unpacked(p, NULL);
    return LOAD_FAIL("%s: ONNX model has no graph", name);
  }
  lb_onnx_model_t *m = calloc(1, sizeof *m);
  if (!m || !(m->path = strdup(name))) {
    free(m);
    onnx__model_proto__free_unpacked(p, NULL);
    return LB_ERROR(LB_STATUS_RESOURCE_EXHAUSTED, "%s: out of memory", name);
  }
  m->proto = p;
  *out = m;
  return LB_OK;
}

lb_status_t lb_onnx_load(const char *path, lb_onnx_model_t **out) {
  char *data;
  size_t len;
  LB_RETURN_IF_ERROR(lb_file_read(path, &data, &len));
  lb_status_t st = lb_onnx_load_buffer(data, len, path, out);
  free(data);
  return st;
}

void lb_onnx_model_free(lb_onnx_model_t *m) {
  if (!m) return;
  onnx__model_proto__free_unpacked(m->proto, NULL);
  free(m->path);
  free(m);
}

const Onnx__ModelProto *lb_onnx_model_proto(const lb_onnx_model_t *m) { return m->proto; }
const char *lb_onnx_model_path(const lb_onnx_model_t *m) { return m->path; }

int64_t lb_onnx_model_opset(const lb_onnx_model_t *m) {
  for (size_t i = 0; i < m->proto->n_opset_import; ++i) {
    const Onnx__OperatorSetIdProto *o = m->proto->opset_import[i];
    if (!o->domain || !o->domain[0] || !strcmp(o->domain, "ai.onnx")) return o->has_version ? o->version : 0;
  }
  return 0;
}

static bool lb_onnx_dtype(int32_t t, lb_dtype_t *dt) {
  switch (t) {
    case ONNX__TENSOR_PROTO__DATA_TYPE__FLOAT: *dt = LB_DT_F32; return true;
    case ONNX__TENSOR_PROTO__DATA_TYPE__UINT8: *dt = LB_DT_U8; return true;
    case ONNX__TENSOR_PROTO__DATA_TYPE__INT8: *dt = LB_DT_I8; return true;
    case ONNX__TENSOR_PROTO__DATA_TYPE__INT32: *dt = LB_DT_I32; return true;
    case ONNX__TENSOR_PROTO__DATA_TYPE__INT64: *dt = LB_DT_I64; return true;
    default: return false;
  }
}

/* Reads `length` bytes at `offset` of a file next to the model. */
static lb_status_t lb_onnx_external(const lb_onnx_model_t *m, const Onnx__TensorProto *t, void *dst, size_t need) {
  const char *loc = NULL;
  long long offset = 0, length = -1;
  for (size_t i = 0; i < t->n_external_data; ++i) {
    const Onnx__StringStringEntryProto *e = t->external_data[i];
    if (!e->key || !e->value) continue;
    if (!strcmp(e->key, "location")) loc = e->value;
    else if (!strcmp(e->key, "offset")) offset = strtoll(e->value, NULL, 10);
    else if (!strcmp(e->key, "length")) length = strtoll(e->value, NULL, 10);
  }
  const char *tn = t->name ? t->name : "?";
  if (!loc || !loc[0]) return LOAD_FAIL("%s: tensor '%s': external data without a location", m->path, tn);
  if (loc[0] == '/' || strstr(loc, ".."))
    return LOAD_FAIL("%s: tensor '%s': external data location '%s' must be a relative path inside the model directory",
                     m->path, tn, loc);
  if (offset < 0 || (length >= 0 && (size_t)length != need))
    return LOAD_FAIL("%s: tensor '%s': external data offset/length do not match the tensor size", m->path, tn);
  char full[PATH_MAX];
  const char *slash = strrchr(m->path, '/');
  if (slash) snprintf(full, sizeof full, "%.*s/%s", (int)(slash - m->path), m->path, loc);
  else snprintf(full, sizeof full, "%s", loc);
  FILE *f = fopen(full, "rb");
  if (!f) return LB_ERROR(LB_STATUS_IO, "%s: tensor '%s': cannot open external data file %s", m->path, tn, full);
  int ok = fseek(f, offset, SEEK_SET) == 0 && fread(dst, 1, need, f) == need;
  fclose(f);
  return ok ? LB_OK : LOAD_FAIL("%s: tensor '%s': external data file %s is too short", m->path, tn, full);
}

static lb_status_t lb_onnx_tensor_decode_named(const char *path, const lb_onnx_model_t *m, const Onnx__TensorProto *t,
                                               lb_tensor_t *out) {
  const char *tn = t->name ? t->name : "?";
  lb_dtype_t dt;
  if (!t->has_data_type || !lb_onnx_dtype(t->data_type, &dt))
    return LB_ERROR(LB_STATUS_UNIMPLEMENTED, "%s: tensor '%s': unsupported data type %d", path, tn, (int)t->data_type);
  if (t->n_dims > LB_MAX_RANK)
    return LB_ERROR(LB_STATUS_UNIMPLEMENTED, "%s: tensor '%s': rank %d exceeds %d", path, tn, (int)t->n_dims, LB_MAX_RANK);
  for (size_t i = 0; i < t->n_dims; ++i)
    if (t->dims[i] <= 0)
      return LOAD_FAIL("%s: tensor '%s': dimension %d is %lld (zero or negative dimensions are not supported)", path, tn,
                       (int)i, (long long)t->dims[i]);
  int64_t n = lb_dims_count((int32_t)t->n_dims, t->dims);
  size_t es = lb_dtype_size(dt);
  if (n < 0 || (uint64_t)n > ((uint64_t)1 << 40) / es)
    return LOAD_FAIL("%s: tensor '%s': absurd size", path, tn);
  if (lb_tensor_alloc(out, dt, (int32_t)t->n_dims, t->dims) != 0)
    return LB_ERROR(LB_STATUS_RESOURCE_EXHAUSTED, "%s: tensor '%s': out of memory", path, tn);
  size_t bytes = (size_t)n * es;
  lb_status_t st = LB_OK;
  if (t->has_data_location && t->data_location == ONNX__TENSOR_PROTO__DATA_LOCATION__EXTERNAL) {
    st = m ? lb_onnx_external(m, t, out->data, bytes)
           : LOAD_FAIL("%s: tensor '%s': external data is not allowed here", path, tn);
  } else if (t->has_raw_data) {
    if (t->raw_data.len != bytes)
      st = LOAD_FAIL("%s: tensor '%s': raw_data has %zu bytes, expected %zu", path, tn, t->raw_data.len, bytes);
    else if (bytes)
      memcpy(out->data, t->raw_data.data, bytes);
  } else {
    size_t have = dt == LB_DT_F32 ? t->n_float_data : dt == LB_DT_I64 ? t->n_int64_data : t->n_int32_data;
    if (have != (size_t)n) {
      st = LOAD_FAIL("%s: tensor '%s': has %zu values, expected %lld", path, tn, have, (long long)n);
    } else {
      for (int64_t i = 0; i < n; ++i) switch (dt) {
          case LB_DT_F32: ((float *)out->data)[i] = t->float_data[i]; break;
          case LB_DT_I64: ((int64_t *)out->data)[i] = t->int64_data[i]; break;
          case LB_DT_I32: ((int32_t *)out->data)[i] = t->int32_data[i]; break;
          case LB_DT_I8: ((int8_t *)out->data)[i] = (int8_t)t->int32_data[i]; break;
          case LB_DT_U8: ((uint8_t *)out->data)[i] = (uint8_t)t->int32_data[i]; break;
        }
    }
  }
  if (st) lb_tensor_free(out);
  return st;
}

lb_status_t lb_onnx_tensor_decode(const lb_onnx_model_t *m, const Onnx__TensorProto *t, lb_tensor_t *out) {
  return lb_onnx_tensor_decode_named(m->path, m, t, out);
}

lb_status_t lb_onnx_read_tensor_file(const char *path, lb_tensor_t *out) {
  char *data;
  size_t len;
  LB_RETURN_IF_ERROR(lb_file_read(path, &data, &len));
  Onnx__TensorProto *t = onnx__tensor_proto__unpack(NULL, len, (const uint8_t *)data);
  free(data);
  if (!t) return LOAD_FAIL("%s: not a valid TensorProto", path);
  lb_status_t st = lb_onnx_tensor_decode_named(path, NULL, t, out);
  onnx__tensor_proto__free_unpacked(t, NULL);
  return st;
}
