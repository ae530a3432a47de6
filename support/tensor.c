#include "support/tensor.h"

#include "support/checked.h"
#include "support/mapping.h"

#include <stdlib.h>
#include <string.h>

int64_t lb_dims_count(int32_t rank, const int64_t *dims) {
  int64_t n = 1;
  for (int32_t i = 0; i < rank; ++i)
    if (dims[i] < 0 || !lb_mul_i64(n, dims[i], &n)) return -1;
  return n;
}

int64_t lb_tensor_count(const lb_tensor_t *t) { return lb_dims_count(t->rank, t->dims); }

int64_t lb_tensor_nbytes(const lb_tensor_t *t) {
  int64_t n = lb_tensor_count(t), es = (int64_t)lb_dtype_size(t->dtype), b;
  return n < 0 || es == 0 || !lb_mul_i64(n, es, &b) ? -1 : b;
}

int lb_tensor_alloc(lb_tensor_t *t, lb_dtype_t dt, int32_t rank, const int64_t *dims) {
  memset(t, 0, sizeof *t);
  if (rank < 0 || rank > LB_MAX_RANK || !lb_dtype_valid(dt)) return -1;
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
  if (!t->borrowed && t->mapping) lb_mapping_unref(t->mapping);
  else if (!t->borrowed) free(t->data);
  memset(t, 0, sizeof *t);
}

double lb_tensor_get(const lb_tensor_t *t, int64_t i) {
  if (lb_dtype_is_float(t->dtype)) return ((const float *)t->data)[i];
  return (double)lb_dtype_load_int(t->dtype, t->data, i);
}
