/* Attribute accessors and constructors, operand/result helpers. */
#include <string.h>

#include "ir/lb_ir.h"

static MlirAttribute lb_get_attr(MlirOperation op, const char *name) {
  return mlirOperationGetAttributeByName(op, mlirStringRefCreateFromCString(name));
}

int64_t lb_op_get_int(MlirOperation op, const char *name, int64_t dflt) {
  MlirAttribute a = lb_get_attr(op, name);
  if (mlirAttributeIsNull(a) || !mlirAttributeIsAInteger(a)) return dflt;
  return mlirIntegerAttrGetValueInt(a);
}

const char *lb_op_get_str(MlirOperation op, const char *name, char *buf, size_t cap, const char *dflt) {
  MlirAttribute a = lb_get_attr(op, name);
  if (mlirAttributeIsNull(a) || !mlirAttributeIsAString(a)) return dflt;
  MlirStringRef s = mlirStringAttrGetValue(a);
  snprintf(buf, cap, "%.*s", (int)s.length, s.data);
  return buf;
}

double lb_op_get_float(MlirOperation op, const char *name, double dflt) {
  MlirAttribute a = lb_get_attr(op, name);
  if (mlirAttributeIsNull(a) || !mlirAttributeIsAFloat(a)) return dflt;
  return mlirFloatAttrGetValueDouble(a);
}

int lb_op_get_ints(MlirOperation op, const char *name, int64_t *out, int max) {
  MlirAttribute a = lb_get_attr(op, name);
  if (mlirAttributeIsNull(a) || !mlirAttributeIsADenseI64Array(a)) return -1;
  intptr_t n = mlirDenseArrayGetNumElements(a);
  for (intptr_t i = 0; i < n && i < max; ++i) out[i] = mlirDenseI64ArrayGetElement(a, i);
  return n > 1 << 20 ? 1 << 20 : (int)n;
}

bool lb_op_get_range(MlirOperation op, float *lo, float *hi) {
  MlirAttribute a = lb_get_attr(op, LB_ATTR_RANGE);
  if (mlirAttributeIsNull(a) || !mlirAttributeIsADenseF32Array(a) || mlirDenseArrayGetNumElements(a) != 2)
    return false;
  *lo = mlirDenseF32ArrayGetElement(a, 0);
  *hi = mlirDenseF32ArrayGetElement(a, 1);
  return true;
}

void lb_op_set_range(MlirOperation op, float lo, float hi) {
  float v[2] = {lo, hi};
  MlirContext ctx = mlirOperationGetContext(op);
  mlirOperationSetDiscardableAttributeByName(op, mlirStringRefCreateFromCString(LB_ATTR_RANGE),
                                             mlirDenseF32ArrayGet(ctx, 2, v));
}

bool lb_value_get_range(MlirValue v, float *lo, float *hi) {
  if (mlirValueIsAOpResult(v)) return lb_op_get_range(mlirOpResultGetOwner(v), lo, hi);
  MlirBlock block = mlirBlockArgumentGetOwner(v);
  MlirOperation func = mlirBlockGetParentOperation(block);
  MlirAttribute a = lb_get_attr(func, LB_ATTR_ARG_RANGES);
  intptr_t i = mlirBlockArgumentGetArgNumber(v);
  if (mlirAttributeIsNull(a) || !mlirAttributeIsADenseF32Array(a) || mlirDenseArrayGetNumElements(a) < 2 * i + 2)
    return false;
  *lo = mlirDenseF32ArrayGetElement(a, 2 * i);
  *hi = mlirDenseF32ArrayGetElement(a, 2 * i + 1);
  return true;
}

lb_status_t lb_window_attrs_get(MlirOperation op, lb_window_attrs_t *w) {
  memset(w, 0, sizeof *w);
  w->strides[0] = w->strides[1] = 1;
  w->dilations[0] = w->dilations[1] = 1;
  w->kernel[0] = w->kernel[1] = 1;
  struct {
    const char *name;
    int64_t *dst;
    int len;
  } fields[] = {
      {LB_ATTR_KERNEL, w->kernel, 2},
      {LB_ATTR_STRIDES, w->strides, 2},
      {LB_ATTR_PADS, w->pads, 4},
      {LB_ATTR_DILATIONS, w->dilations, 2},
  };
  for (size_t i = 0; i < sizeof fields / sizeof fields[0]; ++i) {
    int64_t tmp[8];
    int n = lb_op_get_ints(op, fields[i].name, tmp, 8);
    if (n < 0) continue;
    if (n != fields[i].len)
      return LB_ERROR(LB_STATUS_INVALID_ARGUMENT, "attribute '%s' must have %d elements, has %d", fields[i].name,
                      fields[i].len, n);
    memcpy(fields[i].dst, tmp, sizeof(int64_t) * (size_t)n);
  }
  w->group = lb_op_get_int(op, LB_ATTR_GROUP, 1);
  w->ceil_mode = lb_op_get_int(op, LB_ATTR_CEIL_MODE, 0);
  w->count_include_pad = lb_op_get_int(op, LB_ATTR_COUNT_INCLUDE_PAD, 0);
  return LB_OK;
}

MlirNamedAttribute lb_named_attr(MlirContext ctx, const char *name, MlirAttribute a) {
  return mlirNamedAttributeGet(mlirIdentifierGet(ctx, mlirStringRefCreateFromCString(name)), a);
}
MlirAttribute lb_i64_attr(MlirContext ctx, int64_t v) { return mlirIntegerAttrGet(mlirIntegerTypeGet(ctx, 64), v); }
MlirAttribute lb_f32_attr(MlirContext ctx, double v) { return mlirFloatAttrDoubleGet(ctx, mlirF32TypeGet(ctx), v); }
MlirAttribute lb_i64s_attr(MlirContext ctx, const int64_t *v, intptr_t n) { return mlirDenseI64ArrayGet(ctx, n, v); }

MlirValue lb_op_operand(MlirOperation op, intptr_t i) { return mlirOperationGetOperand(op, i); }
MlirValue lb_op_result(MlirOperation op) { return mlirOperationGetResult(op, 0); }

MlirOperation lb_value_def(MlirValue v) {
  if (mlirValueIsAOpResult(v)) return mlirOpResultGetOwner(v);
  MlirOperation none = {NULL};
  return none;
}
