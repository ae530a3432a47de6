#include "support/dtype.h"

#include "support/checked.h"

#include <stdio.h>
#include <string.h>

bool lb_dtype_valid(lb_dtype_t dt) {
  unsigned b = lb_dtype_bits(dt);
  switch (lb_dtype_class(dt)) {
    case LB_DTYPE_CLASS_SINT:
    case LB_DTYPE_CLASS_UINT: return (b >= 2 && b <= 32) || b == 64; /* i1 is bit-packed in MLIR: not yet */
    case LB_DTYPE_CLASS_FLOAT: return b == 32;
    default: return false;
  }
}

size_t lb_dtype_size(lb_dtype_t dt) {
  if (!lb_dtype_valid(dt)) return 0;
  unsigned b = lb_dtype_bits(dt);
  return b <= 8 ? 1 : b <= 16 ? 2 : b <= 32 ? 4 : 8;
}

int64_t lb_dtype_packed_bytes(lb_dtype_t dt, int64_t n) {
  if (n < 0 || !lb_dtype_valid(dt)) return -1;
  if (!lb_dtype_is_subbyte(dt)) {
    int64_t es = (int64_t)lb_dtype_size(dt), b;
    return lb_mul_i64(n, es, &b) ? b : -1;
  }
  int64_t bits;
  if (!lb_mul_i64(n, (int64_t)lb_dtype_bits(dt), &bits) || !lb_add_i64(bits, 7, &bits)) return -1;
  return bits / 8;
}

int64_t lb_dtype_min(lb_dtype_t dt) {
  if (!lb_dtype_is_int(dt) || !lb_dtype_valid(dt)) return 0;
  unsigned b = lb_dtype_bits(dt);
  if (!lb_dtype_is_signed(dt)) return 0;
  return b == 64 ? INT64_MIN : -((int64_t)1 << (b - 1));
}

int64_t lb_dtype_max(lb_dtype_t dt) {
  if (!lb_dtype_is_int(dt) || !lb_dtype_valid(dt)) return 0;
  unsigned b = lb_dtype_bits(dt);
  if (b == 64) return INT64_MAX; /* ui64 is clamped to the int64 range */
  return lb_dtype_is_signed(dt) ? ((int64_t)1 << (b - 1)) - 1 : ((int64_t)1 << b) - 1;
}

lb_dtype_t lb_dtype_container(lb_dtype_t dt) {
  if (!lb_dtype_is_int(dt)) return dt;
  unsigned b = lb_dtype_bits(dt), cb = b <= 8 ? 8 : b <= 16 ? 16 : b <= 32 ? 32 : 64;
  return LB_DTYPE(lb_dtype_class(dt), cb);
}

const char *lb_dtype_name(lb_dtype_t dt) {
  /* one static slot per possible dtype: names never need freeing */
  static char names[4][65][8];
  if (!lb_dtype_valid(dt)) return "?";
  char *s = names[lb_dtype_class(dt)][lb_dtype_bits(dt)];
  if (!s[0]) {
    const char *prefix = lb_dtype_is_float(dt) ? "f" : lb_dtype_is_signed(dt) ? "i" : "ui";
    snprintf(s, 8, "%s%u", prefix, lb_dtype_bits(dt));
  }
  return s;
}

lb_dtype_t lb_dtype_parse(const char *name) {
  unsigned cls;
  const char *digits;
  if (!strncmp(name, "ui", 2)) cls = LB_DTYPE_CLASS_UINT, digits = name + 2;
  else if (name[0] == 'u') cls = LB_DTYPE_CLASS_UINT, digits = name + 1;
  else if (name[0] == 'i') cls = LB_DTYPE_CLASS_SINT, digits = name + 1;
  else if (name[0] == 'f') cls = LB_DTYPE_CLASS_FLOAT, digits = name + 1;
  else return LB_DT_INVALID;
  unsigned b = 0;
  if (!digits[0] || strlen(digits) > 2) return LB_DT_INVALID;
  for (const char *p = digits; *p; ++p) {
    if (*p < '0' || *p > '9') return LB_DT_INVALID;
    b = b * 10 + (unsigned)(*p - '0');
  }
  lb_dtype_t dt = LB_DTYPE(cls, b);
  return lb_dtype_valid(dt) ? dt : LB_DT_INVALID;
}

int64_t lb_dtype_extend(lb_dtype_t dt, uint64_t raw) {
  unsigned b = lb_dtype_bits(dt);
  if (b >= 64) return (int64_t)raw;
  uint64_t mask = ((uint64_t)1 << b) - 1;
  raw &= mask;
  if (lb_dtype_is_signed(dt) && (raw >> (b - 1)) & 1) raw |= ~mask;
  return (int64_t)raw;
}

int64_t lb_dtype_load_int(lb_dtype_t dt, const void *data, int64_t i) {
  bool s = lb_dtype_is_signed(dt);
  switch (lb_dtype_size(dt)) {
    case 1: return s ? ((const int8_t *)data)[i] : ((const uint8_t *)data)[i];
    case 2: return s ? ((const int16_t *)data)[i] : ((const uint16_t *)data)[i];
    case 4: return s ? (int64_t)((const int32_t *)data)[i] : (int64_t)((const uint32_t *)data)[i];
    case 8: return ((const int64_t *)data)[i];
    default: return 0;
  }
}

void lb_dtype_store_int(lb_dtype_t dt, void *data, int64_t i, int64_t v) {
  switch (lb_dtype_size(dt)) {
    case 1: ((uint8_t *)data)[i] = (uint8_t)v; break;
    case 2: ((uint16_t *)data)[i] = (uint16_t)v; break;
    case 4: ((uint32_t *)data)[i] = (uint32_t)v; break;
    case 8: ((int64_t *)data)[i] = v; break;
    default: break;
  }
}

void lb_dtype_pack(lb_dtype_t dt, const void *src, int64_t n, uint8_t *dst) {
  if (!lb_dtype_is_subbyte(dt)) {
    memcpy(dst, src, (size_t)n * lb_dtype_size(dt));
    return;
  }
  unsigned b = lb_dtype_bits(dt);
  memset(dst, 0, (size_t)lb_dtype_packed_bytes(dt, n));
  for (int64_t i = 0; i < n; ++i) {
    uint64_t v = (uint64_t)lb_dtype_load_int(dt, src, i) & (((uint64_t)1 << b) - 1);
    for (unsigned k = 0; k < b; ++k) {
      int64_t bit = i * (int64_t)b + k;
      if ((v >> k) & 1) dst[bit / 8] |= (uint8_t)(1u << (bit % 8));
    }
  }
}

void lb_dtype_unpack(lb_dtype_t dt, const uint8_t *src, int64_t n, void *dst) {
  if (!lb_dtype_is_subbyte(dt)) {
    memcpy(dst, src, (size_t)n * lb_dtype_size(dt));
    return;
  }
  unsigned b = lb_dtype_bits(dt);
  for (int64_t i = 0; i < n; ++i) {
    uint64_t v = 0;
    for (unsigned k = 0; k < b; ++k) {
      int64_t bit = i * (int64_t)b + k;
      v |= (uint64_t)((src[bit / 8] >> (bit % 8)) & 1) << k;
    }
    lb_dtype_store_int(dt, dst, i, lb_dtype_extend(dt, v));
  }
}
