/* Checked arithmetic for every number a model controls: element counts,
 * byte sizes, padded extents, accumulator bounds. One small set, used by
 * shape inference, the planner, the loaders and the emitters, so that an
 * overflow is a clear error (or, for bounds, saturation) instead of
 * undefined behaviour.
 *
 *   int64_t bytes;
 *   if (!lb_mul_i64(count, elem_size, &bytes)) return ...error...;
 */
#ifndef LOWBIT_SUPPORT_CHECKED_H
#define LOWBIT_SUPPORT_CHECKED_H

#include <stdbool.h>
#include <stdint.h>

/* *out = a op b; false (and *out untouched) on int64 overflow. */
static inline bool lb_add_i64(int64_t a, int64_t b, int64_t *out) {
  int64_t r;
  if (__builtin_add_overflow(a, b, &r)) return false;
  *out = r;
  return true;
}
static inline bool lb_mul_i64(int64_t a, int64_t b, int64_t *out) {
  int64_t r;
  if (__builtin_mul_overflow(a, b, &r)) return false;
  *out = r;
  return true;
}

/* Saturating versions for bounds (INT64_MAX / INT64_MIN on overflow). */
static inline int64_t lb_sat_add_i64(int64_t a, int64_t b) {
  int64_t r;
  return __builtin_add_overflow(a, b, &r) ? (b > 0 ? INT64_MAX : INT64_MIN) : r;
}
static inline int64_t lb_sat_mul_i64(int64_t a, int64_t b) {
  int64_t r;
  return __builtin_mul_overflow(a, b, &r) ? ((a < 0) != (b < 0) ? INT64_MIN : INT64_MAX) : r;
}

#endif
