#include "support/npy.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "support/file.h"
#include "support/names.h"

#define NPY_FAIL(...) LB_ERROR(LB_STATUS_INVALID_ARGUMENT, __VA_ARGS__)

static const char *npy_descr(lb_dtype_t dt) {
  switch (lb_dtype_container(dt)) {
    case LB_DT_F32: return "<f4";
    case LB_DT_I8: return "|i1";
    case LB_DT_U8: return "|u1";
    case LB_DT_I16: return "<i2";
    case LB_DT_U16: return "<u2";
    case LB_DT_I32: return "<i4";
    case LB_DT_I64: return "<i8";
    default: return NULL;
  }
}

/* Finds the value text after 'key': in the header dict. */
static const char *npy_find(const char *hdr, const char *key) {
  char pat[32];
  snprintf(pat, sizeof pat, "'%s'", key);
  const char *p = strstr(hdr, pat);
  if (!p) return NULL;
  p = strchr(p + strlen(pat), ':');
  if (!p) return NULL;
  p++;
  while (*p == ' ') p++;
  return p;
}

lb_status_t lb_npy_read(const char *path, lb_tensor_t *out) {
  char *buf;
  size_t len;
  memset(out, 0, sizeof *out);
  LB_RETURN_IF_ERROR(lb_file_read(path, &buf, &len));
  lb_status_t st = lb_npy_read_buffer(buf, len, path, out);
  free(buf);
  return st;
}

lb_status_t lb_npy_read_buffer(const char *buf, size_t len, const char *path, lb_tensor_t *out) {
  lb_status_t st = LB_OK;
  char *hdr = NULL;
  memset(out, 0, sizeof *out);
  if (len < 10 || memcmp(buf, "\x93NUMPY", 6) != 0) {
    st = NPY_FAIL("%s: not a .npy file (bad magic)", path);
    goto done;
  }
  unsigned major = (unsigned char)buf[6];
  size_t hlen, off;
  if (major == 1) {
    hlen = (unsigned char)buf[8] | ((size_t)(unsigned char)buf[9] << 8);
    off = 10;
  } else if (major == 2 || major == 3) {
    if (len < 12) {
      st = NPY_FAIL("%s: truncated header", path);
      goto done;
    }
    hlen = (unsigned char)buf[8] | ((size_t)(unsigned char)buf[9] << 8) | ((size_t)(unsigned char)buf[10] << 16) |
           ((size_t)(unsigned char)buf[11] << 24);
    off = 12;
  } else {
    st = NPY_FAIL("%s: unsupported .npy version %u", path, major);
    goto done;
  }
  if (hlen > len - off) {
    st = NPY_FAIL("%s: truncated header", path);
    goto done;
  }
  hdr = malloc(hlen + 1);
  if (!hdr) {
    st = LB_ERROR(LB_STATUS_RESOURCE_EXHAUSTED, "%s: out of memory", path);
    goto done;
  }
  memcpy(hdr, buf + off, hlen);
  hdr[hlen] = 0;
  const char *d = npy_find(hdr, "descr"), *fo = npy_find(hdr, "fortran_order"), *sh = npy_find(hdr, "shape");
  if (!d || !fo || !sh) {
    st = NPY_FAIL("%s: header lacks descr, fortran_order or shape", path);
    goto done;
  }
  lb_dtype_t dt;
  if (!strncmp(d, "'<f4'", 5)) dt = LB_DT_F32;
  else if (!strncmp(d, "'|i1'", 5) || !strncmp(d, "'<i1'", 5)) dt = LB_DT_I8;
  else if (!strncmp(d, "'|u1'", 5) || !strncmp(d, "'<u1'", 5) || !strncmp(d, "'|b1'", 5)) dt = LB_DT_U8; /* bool: 0 / 1 */
  else if (!strncmp(d, "'<i2'", 5)) dt = LB_DT_I16;
  else if (!strncmp(d, "'<u2'", 5)) dt = LB_DT_U16;
  else if (!strncmp(d, "'<i4'", 5)) dt = LB_DT_I32;
  else if (!strncmp(d, "'<i8'", 5)) dt = LB_DT_I64;
  else {
    /* the quoted descr ('<f8'), made printable: the header is untrusted */
    const char *q = d[0] == '\'' ? strchr(d + 1, '\'') : NULL;
    char descr[20], shown[64];
    snprintf(descr, sizeof descr, "%.*s", q && q - d < 16 ? (int)(q - d + 1) : 8, d);
    lb_name_printable(descr, shown, sizeof shown);
    st = NPY_FAIL("%s: unsupported dtype %s (want float32, int8, uint8, int16, uint16, int32 or int64)", path, shown);
    goto done;
  }
  if (strncmp(fo, "False", 5) != 0) {
    st = NPY_FAIL("%s: Fortran-order arrays are not supported", path);
    goto done;
  }
  if (*sh != '(') {
    st = NPY_FAIL("%s: malformed shape", path);
    goto done;
  }
  int64_t dims[LB_MAX_RANK];
  int32_t rank = 0;
  const char *p = sh + 1;
  for (;;) {
    while (*p == ' ' || *p == ',') p++;
    if (*p == ')') break;
    char *end;
    long long v = strtoll(p, &end, 10);
    if (end == p || v < 0) {
      st = NPY_FAIL("%s: malformed shape", path);
      goto done;
    }
    if (rank == LB_MAX_RANK) {
      st = NPY_FAIL("%s: rank above %d", path, LB_MAX_RANK);
      goto done;
    }
    dims[rank++] = v;
    p = end;
  }
  int64_t count = lb_dims_count(rank, dims);
  size_t es = lb_dtype_size(dt);
  if (count < 0 || (uint64_t)count > (len - off - hlen) / es || (size_t)count * es != len - off - hlen) {
    st = NPY_FAIL("%s: data size does not match the header shape", path);
    goto done;
  }
  if (lb_tensor_alloc(out, dt, rank, dims) != 0) {
    st = LB_ERROR(LB_STATUS_RESOURCE_EXHAUSTED, "%s: cannot allocate tensor", path);
    goto done;
  }
  memcpy(out->data, buf + off + hlen, (size_t)count * es);
done:
  free(hdr);
  return st;
}

lb_status_t lb_npy_write(const char *path, const lb_tensor_t *t, bool nofollow) {
  char dict[256];
  const char *descr = npy_descr(t->dtype);
  if (!descr) return LB_ERROR(LB_STATUS_UNIMPLEMENTED, "%s: no .npy dtype for %s", path, lb_dtype_name(t->dtype));
  int n = snprintf(dict, sizeof dict, "{'descr': '%s', 'fortran_order': False, 'shape': (", descr);
  for (int32_t i = 0; i < t->rank; ++i)
    n += snprintf(dict + n, sizeof dict - (size_t)n, "%lld%s", (long long)t->dims[i], t->rank == 1 ? "," : (i + 1 < t->rank ? ", " : ""));
  n += snprintf(dict + n, sizeof dict - (size_t)n, "), }");
  /* pad so that magic + len + dict + '\n' is a multiple of 64 */
  size_t total = 10 + (size_t)n + 1;
  size_t pad = (64 - total % 64) % 64;
  size_t hlen = (size_t)n + pad + 1;
  FILE *f;
  LB_RETURN_IF_ERROR(lb_file_create(path, nofollow, &f));
  unsigned char pre[10] = {0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0, (unsigned char)(hlen & 0xff), (unsigned char)(hlen >> 8)};
  int ok = fwrite(pre, 1, 10, f) == 10 && fwrite(dict, 1, (size_t)n, f) == (size_t)n;
  for (size_t i = 0; ok && i < pad; ++i) ok = fputc(' ', f) != EOF;
  ok = ok && fputc('\n', f) != EOF;
  size_t bytes = (size_t)lb_tensor_count(t) * lb_dtype_size(t->dtype);
  ok = ok && (bytes == 0 || fwrite(t->data, 1, bytes, f) == bytes);
  ok = (fclose(f) == 0) && ok;
  return ok ? LB_OK : LB_ERROR(LB_STATUS_IO, "%s: write failed", path);
}
