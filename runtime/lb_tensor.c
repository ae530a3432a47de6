#include "lb_tensor.h"

#include <stdlib.h>
#include <string.h>

size_t lb_dtype_size(lb_dtype_t dt) {
  switch (dt) {
    case LB_DT_F32: return 4;
    case LB_DT_I8: return 1;
    case LB_DT_U8: return 1;
    case LB_DT_I32: return 4;
    case LB_DT_I64: return 8;
  }
  return 0;
}

const char *lb_dtype_name(lb_dtype_t dt) {
  switch (dt) {
    case LB_DT_F32: return "f32";
    case LB_DT_I8: return "i8";
    case LB_DT_U8: return "u8";
    case LB_DT_I32: return "i32";
    case LB_DT_I64: return "i64";
  }
  return "?";
}

int64_t lb_dims_count(int32_t rank, const int64_t *dims) {
  int64_t n = 1;
  for (int32_t i = 0; i < rank; ++i) {
    if (dims[i] < 0) return -1;
    if (dims[i] != 0 && n > INT64_MAX / dims[i]) return -1;
    n *= dims[i];
  }
  return n;
}

int64_t lb_tensor_count(const lb_tensor_t *t) { return lb_dims_count(t->rank, t->dims); }

int lb_tensor_alloc(lb_tensor_t *t, lb_dtype_t dt, int32_t rank, const int64_t *dims) {
  memset(t, 0, sizeof *t);
  if (rank < 0 || rank > LB_MAX_RANK) return -1;
  int64_t n = lb_dims_count(rank, dims);
  if (n < 0 || (uint64_t)n > SIZE_MAX / 8) return -1;
  t->dtype = dt;
  t->rank = rank;
  for (int32_t i = 0; i < rank; ++i) t->dims[i] = dims[i];
  size_t bytes = (size_t)n * lb_dtype_size(dt);
  t->data = calloc(bytes ? bytes : 1, 1);
  return t->data ? 0 : -2;
}

void lb_tensor_free(lb_tensor_t *t) {
  if (!t) return;
  if (!t->borrowed) free(t->data);
  memset(t, 0, sizeof *t);
}
