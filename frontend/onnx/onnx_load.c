/* realpath is XSI */
#define _XOPEN_SOURCE 700

#include "frontend/onnx/onnx_load.h"

#include <limits.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <errno.h>
#include <unistd.h>

#include "support/file.h"
#include "support/mapping.h"
#include "support/names.h"

struct lb_onnx_model_s {
  Onnx__ModelProto *proto;
  char *path;
};

#define LOAD_FAIL(...) LB_ERROR(LB_STATUS_INVALID_ARGUMENT, __VA_ARGS__)

/* protobuf-c's unpacker recurses once per nested message, so a hostile file
 * of nested GraphProto attributes overflows the stack. Before unpacking,
 * this walks the wire format with an explicit stack, using the message
 * descriptors to know which length-delimited fields are messages, and
 * rejects nesting deeper than LB_PB_MAX_DEPTH. Linear in the input. */
#define LB_PB_MAX_DEPTH 64

static bool lb_pb_varint(const uint8_t **p, const uint8_t *end, uint64_t *v) {
  uint64_t r = 0;
  for (int shift = 0; shift < 64 && *p < end; shift += 7) {
    uint8_t b = *(*p)++;
    r |= (uint64_t)(b & 0x7F) << shift;
    if (!(b & 0x80)) {
      *v = r;
      return true;
    }
  }
  return false;
}

static lb_status_t lb_pb_check_depth(const uint8_t *data, size_t len, const ProtobufCMessageDescriptor *root,
                                     const char *name) {
  struct {
    const ProtobufCMessageDescriptor *desc;
    const uint8_t *end;
  } stack[LB_PB_MAX_DEPTH + 1];
  int depth = 0;
  stack[0].desc = root;
  stack[0].end = data + len;
  const uint8_t *p = data;
  while (depth >= 0) {
    if (p >= stack[depth].end) {
      p = stack[depth].end;
      depth--;
      continue;
    }
    uint64_t tag, v;
    if (!lb_pb_varint(&p, stack[depth].end, &tag)) return LB_OK; /* malformed: the unpacker reports it */
    switch (tag & 7) {
      case 0:
        if (!lb_pb_varint(&p, stack[depth].end, &v)) return LB_OK;
        break;
      case 1:
        p += 8;
        break;
      case 5:
        p += 4;
        break;
      case 2: {
        if (!lb_pb_varint(&p, stack[depth].end, &v) || v > (uint64_t)(stack[depth].end - p)) return LB_OK;
        const ProtobufCFieldDescriptor *f =
            stack[depth].desc ? protobuf_c_message_descriptor_get_field(stack[depth].desc, (unsigned)(tag >> 3)) : NULL;
        if (f && f->type == PROTOBUF_C_TYPE_MESSAGE) {
          if (depth == LB_PB_MAX_DEPTH)
            return LOAD_FAIL("%s: protobuf messages nested deeper than %d levels", name, LB_PB_MAX_DEPTH);
          depth++;
          stack[depth].desc = f->descriptor;
          stack[depth].end = p + v;
        } else {
          p += v;
        }
        break;
      }
      default: return LB_OK; /* groups or garbage: left to the unpacker */
    }
  }
  return LB_OK;
}

lb_status_t lb_onnx_load_buffer(const void *data, size_t len, const char *name, lb_onnx_model_t **out) {
  if (len == 0) return LOAD_FAIL("%s: empty file, not an ONNX model", name);
  LB_RETURN_IF_ERROR(lb_pb_check_depth(data, len, &onnx__model_proto__descriptor, name));
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

int64_t lb_onnx_model_opset(const lb_onnx_model_t *m, const char *domain) {
  bool dflt = !domain || !domain[0] || !strcmp(domain, "ai.onnx");
  for (size_t i = 0; i < m->proto->n_opset_import; ++i) {
    const Onnx__OperatorSetIdProto *o = m->proto->opset_import[i];
    bool odflt = !o->domain || !o->domain[0] || !strcmp(o->domain, "ai.onnx");
    if (dflt ? odflt : (!odflt && !strcmp(o->domain, domain))) return o->has_version ? o->version : 0;
  }
  return 0;
}

bool lb_onnx_dtype(int32_t t, lb_dtype_t *dt) {
  switch (t) {
    case ONNX__TENSOR_PROTO__DATA_TYPE__FLOAT: *dt = LB_DT_F32; return true;
    case ONNX__TENSOR_PROTO__DATA_TYPE__UINT8: *dt = LB_DT_U8; return true;
    case ONNX__TENSOR_PROTO__DATA_TYPE__INT8: *dt = LB_DT_I8; return true;
    case ONNX__TENSOR_PROTO__DATA_TYPE__UINT16: *dt = LB_DT_U16; return true;
    case ONNX__TENSOR_PROTO__DATA_TYPE__INT16: *dt = LB_DT_I16; return true;
    case ONNX__TENSOR_PROTO__DATA_TYPE__INT32: *dt = LB_DT_I32; return true;
    case ONNX__TENSOR_PROTO__DATA_TYPE__INT64: *dt = LB_DT_I64; return true;
    case ONNX__TENSOR_PROTO__DATA_TYPE__BOOL: *dt = LB_DT_U8; return true; /* 0 / 1 bytes */
    /* UINT4 and INT4 (ONNX 1.16); Debian's onnx.proto predates them */
    case 21: *dt = LB_DT_U4; return true;
    case 22: *dt = LB_DT_I4; return true;
    default: return false;
  }
}

/* A non-negative decimal integer, whole string; false otherwise. */
static bool lb_parse_u64(const char *s, long long *out) {
  if (!s[0]) return false;
  long long v = 0;
  for (const char *p = s; *p; ++p) {
    if (*p < '0' || *p > '9' || v > (LLONG_MAX - 9) / 10) return false;
    v = v * 10 + (*p - '0');
  }
  *out = v;
  return true;
}

/* Opens the external data of `t` (`need` bytes) for reading: the location
 * must be relative without "..", after resolving symbolic links the file
 * must lie inside the model's directory, be a regular file, and hold `need`
 * bytes at the offset. Nothing is allocated for the tensor before this
 * passes. The caller closes *fd. */
static lb_status_t lb_onnx_external_open(const lb_onnx_model_t *m, const Onnx__TensorProto *t, size_t need, int *fd,
                                         long long *offset_out) {
  const char *loc = NULL;
  long long offset = 0, length = -1;
  char tn[200];
  lb_name_printable(t->name ? t->name : "?", tn, sizeof tn);
  for (size_t i = 0; i < t->n_external_data; ++i) {
    const Onnx__StringStringEntryProto *e = t->external_data[i];
    if (!e->key || !e->value) continue;
    if (!strcmp(e->key, "location")) loc = e->value;
    else if (!strcmp(e->key, "offset") && !lb_parse_u64(e->value, &offset))
      return LOAD_FAIL("%s: tensor '%s': external data offset must be a non-negative integer", m->path, tn);
    else if (!strcmp(e->key, "length") && !lb_parse_u64(e->value, &length))
      return LOAD_FAIL("%s: tensor '%s': external data length must be a non-negative integer", m->path, tn);
  }
  if (!loc || !loc[0]) return LOAD_FAIL("%s: tensor '%s': external data without a location", m->path, tn);
  char lp[200];
  lb_name_printable(loc, lp, sizeof lp);
  if (loc[0] == '/' || strstr(loc, ".."))
    return LOAD_FAIL("%s: tensor '%s': external data location '%s' must be a relative path inside the model directory",
                     m->path, tn, lp);
  if (length >= 0 && (size_t)length != need)
    return LOAD_FAIL("%s: tensor '%s': external data length %lld does not match the tensor size %zu", m->path, tn,
                     length, need);
  char full[PATH_MAX], dir[PATH_MAX];
  const char *slash = strrchr(m->path, '/');
  if (slash) snprintf(dir, sizeof dir, "%.*s", (int)(slash - m->path), m->path);
  else snprintf(dir, sizeof dir, ".");
  if ((size_t)snprintf(full, sizeof full, "%s/%s", dir, loc) >= sizeof full)
    return LOAD_FAIL("%s: tensor '%s': external data path too long", m->path, tn);
  char rdir[PATH_MAX], rfull[PATH_MAX];
  if (!realpath(dir, rdir) || !realpath(full, rfull))
    return LB_ERROR(LB_STATUS_IO, "%s: tensor '%s': cannot open external data file %s", m->path, tn, lp);
  size_t dl = strlen(rdir);
  if (strncmp(rfull, rdir, dl) != 0 || (rfull[dl] != '/' && strcmp(rdir, "/") != 0))
    return LOAD_FAIL("%s: tensor '%s': external data '%s' resolves outside the model directory", m->path, tn, lp);
  uint64_t size;
  lb_status_t st = lb_file_open_regular(rfull, 0, fd, &size);
  if (st) {
    lb_status_t out = LOAD_FAIL("%s: tensor '%s': external data: %s", m->path, tn, lb_status_message(st));
    lb_status_free(st);
    return out;
  }
  if ((uint64_t)offset > size || need > size - (uint64_t)offset) {
    close(*fd);
    return LOAD_FAIL("%s: tensor '%s': external data file %s is too short for %zu bytes at offset %lld", m->path, tn,
                     lp, need, offset);
  }
  *offset_out = offset;
  return LB_OK;
}

static lb_status_t lb_read_at(int fd, void *dst, size_t need, long long offset, const char *path) {
  size_t got = 0;
  while (got < need) {
    ssize_t r = pread(fd, (char *)dst + got, need - got, (off_t)(offset + (long long)got));
    if (r < 0 && errno == EINTR) continue;
    if (r <= 0) break;
    got += (size_t)r;
  }
  return got == need ? LB_OK : LB_ERROR(LB_STATUS_IO, "%s: external data changed while being read", path);
}

bool lb_onnx_tensor_is_empty_1d(const Onnx__TensorProto *t) { return t && t->n_dims == 1 && t->dims[0] == 0; }

static lb_status_t lb_onnx_tensor_decode_named(const char *path, const lb_onnx_model_t *m, const Onnx__TensorProto *t,
                                               lb_tensor_t *out) {
  char tn[200];
  lb_name_printable(t->name ? t->name : "?", tn, sizeof tn);
  lb_dtype_t dt;
  memset(out, 0, sizeof *out);
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
  if (n < 0 || (uint64_t)n > ((uint64_t)1 << 40) / es) return LOAD_FAIL("%s: tensor '%s': absurd size", path, tn);
  /* 4-bit types are stored packed, two per byte, first element in the low
   * nibble, in raw_data, external data and int32_data (one byte each) */
  bool packed = lb_dtype_is_subbyte(dt);
  size_t bytes = packed ? (size_t)lb_dtype_packed_bytes(dt, n) : (size_t)n * es;
  bool external = t->has_data_location && t->data_location == ONNX__TENSOR_PROTO__DATA_LOCATION__EXTERNAL;
  int fd = -1;
  long long offset = 0;
  /* the payload must be there before anything is allocated for it */
  if (external) {
    if (!m) return LOAD_FAIL("%s: tensor '%s': external data is not allowed here", path, tn);
    LB_RETURN_IF_ERROR(lb_onnx_external_open(m, t, bytes, &fd, &offset));
  } else if (t->has_raw_data) {
    if (t->raw_data.len != bytes)
      return LOAD_FAIL("%s: tensor '%s': raw_data has %zu bytes, expected %zu", path, tn, t->raw_data.len, bytes);
  } else {
    size_t have = dt == LB_DT_F32 ? t->n_float_data : dt == LB_DT_I64 ? t->n_int64_data : t->n_int32_data;
    size_t want = packed ? bytes : (size_t)n;
    if (have != want) return LOAD_FAIL("%s: tensor '%s': has %zu values, expected %zu", path, tn, have, want);
  }
  /* Large, aligned external tensors stay in the file: mapped, not copied
   * (the MLIR constant built from them borrows the same pages). */
  if (external && !packed && bytes >= LB_MAPPING_MIN_BYTES && offset % (long long)es == 0) {
    const void *data;
    lb_mapping_t *map;
    lb_status_t st = lb_mapping_open(fd, (uint64_t)offset, bytes, path, &map, &data);
    close(fd);
    if (st) return st;
    out->dtype = dt;
    out->rank = (int32_t)t->n_dims;
    for (size_t i = 0; i < t->n_dims; ++i) out->dims[i] = t->dims[i];
    out->data = (void *)data;
    out->mapping = map;
    return LB_OK;
  }
  if (lb_tensor_alloc(out, dt, (int32_t)t->n_dims, t->dims) != 0) {
    if (fd >= 0) close(fd);
    return LB_ERROR(LB_STATUS_RESOURCE_EXHAUSTED, "%s: tensor '%s': out of memory", path, tn);
  }
  lb_status_t st = LB_OK;
  if (packed) {
    uint8_t *buf = malloc(bytes ? bytes : 1);
    if (!buf) st = LB_ERROR(LB_STATUS_RESOURCE_EXHAUSTED, "%s: tensor '%s': out of memory", path, tn);
    else if (external) st = lb_read_at(fd, buf, bytes, offset, path);
    else if (t->has_raw_data) memcpy(buf, t->raw_data.data, bytes);
    else
      for (size_t i = 0; i < bytes; ++i) buf[i] = (uint8_t)t->int32_data[i];
    if (!st) lb_dtype_unpack(dt, buf, n, out->data);
    free(buf);
    if (fd >= 0) close(fd);
  } else if (external) {
    st = lb_read_at(fd, out->data, bytes, offset, path);
    close(fd);
  } else if (t->has_raw_data) {
    if (bytes) memcpy(out->data, t->raw_data.data, bytes);
  } else {
    for (int64_t i = 0; i < n; ++i) {
      if (dt == LB_DT_F32) ((float *)out->data)[i] = t->float_data[i];
      else if (dt == LB_DT_I64) ((int64_t *)out->data)[i] = t->int64_data[i];
      else lb_dtype_store_int(dt, out->data, i, t->int32_data[i]);
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
  lb_status_t dst = lb_pb_check_depth((const uint8_t *)data, len, &onnx__tensor_proto__descriptor, path);
  if (dst) {
    free(data);
    return dst;
  }
  Onnx__TensorProto *t = onnx__tensor_proto__unpack(NULL, len, (const uint8_t *)data);
  free(data);
  if (!t) return LOAD_FAIL("%s: not a valid TensorProto", path);
  lb_status_t st = lb_onnx_tensor_decode_named(path, NULL, t, out);
  onnx__tensor_proto__free_unpacked(t, NULL);
  return st;
}
