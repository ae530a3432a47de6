/* Type helpers: dtype mapping, shapes, formatting. */
#include <string.h>

#include "ir/lb_ir.h"

bool lb_type_to_dtype(MlirType t, lb_dtype_t *out) {
  lb_dtype_t dt = LB_DT_INVALID;
  if (mlirTypeIsAF32(t)) {
    dt = LB_DT_F32;
  } else if (mlirTypeIsAInteger(t)) {
    unsigned w = mlirIntegerTypeGetWidth(t);
    dt = mlirIntegerTypeIsUnsigned(t) ? LB_DTYPE_UINT(w > 255 ? 0 : w) : LB_DTYPE_SINT(w > 255 ? 0 : w);
  }
  if (!lb_dtype_valid(dt)) return false;
  *out = dt;
  return true;
}

MlirType lb_dtype_to_type(MlirContext ctx, lb_dtype_t dt) {
  if (lb_dtype_is_float(dt)) return mlirF32TypeGet(ctx);
  if (lb_dtype_is_signed(dt)) return mlirIntegerTypeGet(ctx, lb_dtype_bits(dt));
  return mlirIntegerTypeUnsignedGet(ctx, lb_dtype_bits(dt));
}

lb_dtype_t lb_value_dtype(MlirValue v) {
  MlirType t = mlirValueGetType(v);
  lb_dtype_t dt = LB_DT_INVALID;
  if (mlirTypeIsAShaped(t)) lb_type_to_dtype(mlirShapedTypeGetElementType(t), &dt);
  return dt;
}

bool lb_type_get_shape(MlirType t, int32_t *rank, int64_t dims[LB_MAX_RANK]) {
  if (!mlirTypeIsARankedTensor(t)) return false;
  intptr_t r = mlirShapedTypeGetRank(t);
  if (r > LB_MAX_RANK) return false;
  *rank = (int32_t)r;
  for (intptr_t i = 0; i < r; ++i)
    dims[i] = mlirShapedTypeIsDynamicDim(t, i) ? LB_DYN : mlirShapedTypeGetDimSize(t, i);
  return true;
}

MlirType lb_tensor_type(MlirContext ctx, int32_t rank, const int64_t *dims, MlirType elem) {
  (void)ctx;
  int64_t d[LB_MAX_RANK];
  for (int32_t i = 0; i < rank; ++i) d[i] = dims[i] == LB_DYN ? mlirShapedTypeGetDynamicSize() : dims[i];
  return mlirRankedTensorTypeGet(rank, d, elem, mlirAttributeGetNull());
}


int64_t lb_value_count(MlirValue v) {
  int32_t r;
  int64_t d[LB_MAX_RANK];
  if (!lb_type_get_shape(mlirValueGetType(v), &r, d)) return -1;
  for (int32_t i = 0; i < r; ++i)
    if (d[i] == LB_DYN) return -1;
  return lb_dims_count(r, d);
}
