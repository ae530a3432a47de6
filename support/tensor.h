/* Host tensors for the interpreter, calibration and constant folding.
 *
 * A lb_tensor_t is a dense row-major tensor that owns its `data` (malloc'd,
 * or in a read-only file mapping when `mapping` is set) unless `borrowed`
 * is set. Elements are stored one per host container (see
 * support/dtype.h: an i4 tensor has one sign-extended byte per element).
 * No MLIR dependency.
 *
 *   lb_tensor_t t;
 *   int64_t dims[2] = {2, 3};
 *   if (lb_tensor_alloc(&t, LB_DT_F32, 2, dims) == 0) { ...; lb_tensor_free(&t); }
 */
#ifndef LB_TENSOR_H
#define LB_TENSOR_H

#include <stddef.h>
#include <stdint.h>

#include "runtime/lb_abi.h"
#include "support/dtype.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct lb_tensor_s {
  lb_dtype_t dtype;
  int32_t rank;
  int64_t dims[LB_MAX_RANK];
  void *data;
  int32_t borrowed; /* data is not owned: lb_tensor_free leaves it alone */
  /* Owned data that lives in a read-only file mapping (support/mapping.h)
   * instead of the heap: lb_tensor_free drops the reference. */
  struct lb_mapping_s *mapping;
} lb_tensor_t;

/* Number of elements; 1 for rank 0. Returns -1 if the count overflows
 * int64 or a dim is negative. */
int64_t lb_dims_count(int32_t rank, const int64_t *dims);
int64_t lb_tensor_count(const lb_tensor_t *t);
/* Bytes of the host storage (count * container size); -1 on overflow. */
int64_t lb_tensor_nbytes(const lb_tensor_t *t);
/* Allocates zeroed storage for the given shape. Returns 0 on success, -1 on
 * bad shape (rank > LB_MAX_RANK, negative dim, overflow, invalid dtype),
 * -2 on OOM. */
int lb_tensor_alloc(lb_tensor_t *t, lb_dtype_t dt, int32_t rank, const int64_t *dims);
/* Frees owned data and zeroes the struct; safe on a zeroed struct. */
void lb_tensor_free(lb_tensor_t *t);
/* Element i as a double (any dtype). */
double lb_tensor_get(const lb_tensor_t *t, int64_t i);

#ifdef __cplusplus
}
#endif
#endif
