/* Element type conversion. */
#ifndef LB_KERNELS_CAST_H
#define LB_KERNELS_CAST_H

#include "runtime/kernels/params.h"

/* y[i] = convert(x[i]) over `count` elements; src and dst are dtype codes
 * (support/dtype.h: class << 8 | bits; 0x120 = i32, 0x208 = ui8, 0x320 =
 * f32). Integers are read from their host container (sub-byte values are
 * sign-/zero-extended in a byte) and written to one of 8, 16, 32 or 64
 * bits:
 *   int -> int     two's-complement wrap-around (numpy astype)
 *   int -> f32     round to nearest even
 *   f32 -> int     truncation toward zero, saturated to the range; NaN -> 0
 *   f32 -> f32     copy */
#define LB_CAST_PARAMS(S, A, T) S(T, I64, count) S(T, I32, src) S(T, I32, dst)
LB_DEFINE_PARAMS(lb_cast_params, LB_CAST_PARAMS)

LB_KAPI void lb_k_cast(const lb_cast_params_t *p, const void *x, void *y);

#endif
