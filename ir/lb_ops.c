/* Typed accessors, type helpers, constants and builders for lb ops. */
#include <stdlib.h>
#include <string.h>

#include "ir/lb_ir.h"

/* ---- attributes ------------------------------------------------------ */

static MlirAttribute lb_get_attr(MlirOperation op, const char *name) {
  return mlirOperationGetAttributeByName(op, mlirStringRefCreateFromCString(name));
}

int64_t lb_op_get_int(MlirOperation op, const char *name, int64_t dflt) {
  MlirAttribute a = lb_get_attr(op, name);
  if (mlirAttributeIsNull(a) || !mlirAttributeIsAInteger(a)) return dflt;
  return mlirIntegerAttrGetValueInt(a);
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
  return (int)n;
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

lb_status_t lb_window_attrs_get(MlirOperation op, lb_window_attrs_t *w) {
  memset(w, 0, sizeof *w);
  w->strides[0] = w->strides[1] = 1;
  w->dilations[0] = w->dilations[1] = 1;
  w->kernel[0] = w->kernel[1] = 1;
  struct { const char *name; int64_t *dst; int len; } fields[] = {
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

intptr_t lb_op_num_operands(MlirOperation op) { return mlirOperationGetNumOperands(op); }
MlirValue lb_op_operand(MlirOperation op, intptr_t i) { return mlirOperationGetOperand(op, i); }
MlirValue lb_op_result(MlirOperation op) { return mlirOperationGetResult(op, 0); }

/* ---- types ----------------------------------------------------------- */

bool lb_type_to_dtype(MlirType t, lb_dtype_t *out) {
  if (mlirTypeIsAF32(t)) {
    *out = LB_DT_F32;
    return true;
  }
  if (!mlirTypeIsAInteger(t)) return false;
  unsigned w = mlirIntegerTypeGetWidth(t);
  bool u = mlirIntegerTypeIsUnsigned(t);
  if (w == 8) {
    *out = u ? LB_DT_U8 : LB_DT_I8;
    return true;
  }
  if (u) return false;
  if (w == 32) {
    *out = LB_DT_I32;
    return true;
  }
  if (w == 64) {
    *out = LB_DT_I64;
    return true;
  }
  return false;
}

MlirType lb_dtype_to_type(MlirContext ctx, lb_dtype_t dt) {
  switch (dt) {
    case LB_DT_F32: return mlirF32TypeGet(ctx);
    case LB_DT_I8: return mlirIntegerTypeGet(ctx, 8);
    case LB_DT_U8: return mlirIntegerTypeUnsignedGet(ctx, 8);
    case LB_DT_I32: return mlirIntegerTypeGet(ctx, 32);
    case LB_DT_I64: return mlirIntegerTypeGet(ctx, 64);
  }
  return mlirF32TypeGet(ctx);
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

bool lb_type_is_static(MlirType t) { return mlirTypeIsARankedTensor(t) && mlirShapedTypeHasStaticShape(t); }

/* ---- constants ------------------------------------------------------- */

/* Tensors above this many bytes become dense_resource blobs. */
#define LB_RESOURCE_THRESHOLD 256

static void lb_blob_free(void *user, const void *data, size_t size, size_t align) {
  (void)user;
  (void)size;
  (void)align;
  free((void *)data);
}

MlirAttribute lb_elements_attr_create(MlirType type, const void *data, size_t nbytes) {
  if (nbytes <= LB_RESOURCE_THRESHOLD) return mlirDenseElementsAttrRawBufferGet(type, nbytes, data);
  void *copy = malloc(nbytes);
  if (!copy) return mlirAttributeGetNull();
  memcpy(copy, data, nbytes);
  return mlirUnmanagedDenseResourceElementsAttrGet(type, mlirStringRefCreateFromCString("lb_const"), copy, nbytes,
                                                   16, false, lb_blob_free, NULL);
}

static lb_status_t lb_attr_read(MlirAttribute a, lb_tensor_t *out) {
  MlirType t = mlirAttributeGetType(a);
  int32_t rank;
  int64_t dims[LB_MAX_RANK];
  lb_dtype_t dt;
  if (!lb_type_get_shape(t, &rank, dims) || !lb_type_to_dtype(mlirShapedTypeGetElementType(t), &dt))
    return LB_ERROR(LB_STATUS_INVALID_ARGUMENT, "constant has an unsupported type");
  for (int32_t i = 0; i < rank; ++i)
    if (dims[i] == LB_DYN) return LB_ERROR(LB_STATUS_INVALID_ARGUMENT, "constant has a dynamic shape");
  if (lb_tensor_alloc(out, dt, rank, dims) != 0)
    return LB_ERROR(LB_STATUS_RESOURCE_EXHAUSTED, "cannot allocate constant");
  int64_t n = lb_tensor_count(out);
  size_t es = lb_dtype_size(dt);
  if (mlirAttributeIsADenseElements(a)) {
    const char *raw = mlirDenseElementsAttrGetRawData(a);
    if (mlirDenseElementsAttrIsSplat(a)) {
      for (int64_t i = 0; i < n; ++i) memcpy((char *)out->data + i * es, raw, es);
    } else {
      memcpy(out->data, raw, (size_t)n * es);
    }
    return LB_OK;
  }
  if (mlirAttributeIsADenseResourceElements(a)) {
    for (int64_t i = 0; i < n; ++i) {
      switch (dt) {
        case LB_DT_F32: ((float *)out->data)[i] = mlirDenseFloatResourceElementsAttrGetValue(a, i); break;
        case LB_DT_I8: ((int8_t *)out->data)[i] = mlirDenseInt8ResourceElementsAttrGetValue(a, i); break;
        case LB_DT_U8: ((uint8_t *)out->data)[i] = mlirDenseUInt8ResourceElementsAttrGetValue(a, i); break;
        case LB_DT_I32: ((int32_t *)out->data)[i] = mlirDenseInt32ResourceElementsAttrGetValue(a, i); break;
        case LB_DT_I64: ((int64_t *)out->data)[i] = mlirDenseInt64ResourceElementsAttrGetValue(a, i); break;
      }
    }
    return LB_OK;
  }
  lb_tensor_free(out);
  return LB_ERROR(LB_STATUS_INVALID_ARGUMENT, "constant value is not a dense elements attribute");
}

lb_status_t lb_constant_read(MlirOperation op, lb_tensor_t *out) {
  if (lb_op_get_kind(op) != LB_OP_CONSTANT)
    return LB_ERROR(LB_STATUS_INVALID_ARGUMENT, "not an lb.constant");
  MlirAttribute a = lb_get_attr(op, LB_ATTR_VALUE);
  if (mlirAttributeIsNull(a)) return LB_ERROR(LB_STATUS_INVALID_ARGUMENT, "lb.constant without value");
  return lb_attr_read(a, out);
}

lb_status_t lb_value_read_constant(MlirValue v, lb_tensor_t *out) {
  if (!mlirValueIsAOpResult(v)) return LB_ERROR(LB_STATUS_NOT_FOUND, "value is a block argument");
  MlirOperation def = mlirOpResultGetOwner(v);
  if (lb_op_get_kind(def) != LB_OP_CONSTANT) return LB_ERROR(LB_STATUS_NOT_FOUND, "value is not a constant");
  return lb_constant_read(def, out);
}

/* ---- builders -------------------------------------------------------- */

lb_builder_t lb_builder_at_end(MlirContext ctx, MlirBlock block, MlirLocation loc) {
  lb_builder_t b = {ctx, block, {NULL}, loc};
  return b;
}

lb_builder_t lb_builder_before(MlirOperation op) {
  lb_builder_t b = {mlirOperationGetContext(op), mlirOperationGetBlock(op), op, mlirOperationGetLocation(op)};
  return b;
}

static MlirNamedAttribute lb_named(MlirContext ctx, const char *name, MlirAttribute a) {
  return mlirNamedAttributeGet(mlirIdentifierGet(ctx, mlirStringRefCreateFromCString(name)), a);
}
static MlirAttribute lb_i64_attr(MlirContext ctx, int64_t v) {
  return mlirIntegerAttrGet(mlirIntegerTypeGet(ctx, 64), v);
}
static MlirAttribute lb_f32_attr(MlirContext ctx, double v) {
  return mlirFloatAttrDoubleGet(ctx, mlirF32TypeGet(ctx), v);
}
static MlirAttribute lb_ints_attr(MlirContext ctx, const int64_t *v, intptr_t n) {
  return mlirDenseI64ArrayGet(ctx, n, v);
}

static MlirType lb_value_elem(MlirValue v) { return mlirShapedTypeGetElementType(mlirValueGetType(v)); }

/* Creates the op with an unranked placeholder result, infers the shape,
 * then inserts it. */
static lb_status_t lb_build(lb_builder_t *b, lb_op_kind_t kind, const MlirValue *operands, intptr_t nops,
                            const MlirNamedAttribute *attrs, intptr_t nattrs, MlirType elem, MlirValue *out) {
  for (intptr_t i = 0; i < nops; ++i)
    if (mlirValueIsNull(operands[i]))
      return LB_ERROR(LB_STATUS_INTERNAL, "%s: operand %d is null", lb_op_kind_name(kind), (int)i);
  MlirOperationState st = mlirOperationStateGet(mlirStringRefCreateFromCString(lb_op_kind_name(kind)), b->loc);
  mlirOperationStateAddOperands(&st, nops, operands);
  MlirType placeholder = mlirUnrankedTensorTypeGet(elem);
  mlirOperationStateAddResults(&st, 1, &placeholder);
  if (nattrs) mlirOperationStateAddAttributes(&st, nattrs, attrs);
  MlirOperation op = mlirOperationCreate(&st);
  if (kind != LB_OP_CONSTANT) {
    int32_t rank;
    int64_t dims[LB_MAX_RANK];
    lb_status_t s = lb_op_infer_shape(op, &rank, dims);
    if (s) {
      mlirOperationDestroy(op);
      return lb_status_annotate(s, "%s", lb_op_kind_name(kind));
    }
    mlirValueSetType(mlirOperationGetResult(op, 0), lb_tensor_type(b->ctx, rank, dims, elem));
  }
  if (!mlirOperationIsNull(b->before))
    mlirBlockInsertOwnedOperationBefore(b->block, b->before, op);
  else
    mlirBlockAppendOwnedOperation(b->block, op);
  *out = mlirOperationGetResult(op, 0);
  return LB_OK;
}

lb_status_t lb_build_constant(lb_builder_t *b, MlirType type, const void *data, size_t nbytes, MlirValue *out) {
  MlirAttribute v = lb_elements_attr_create(type, data, nbytes);
  if (mlirAttributeIsNull(v)) return LB_ERROR(LB_STATUS_RESOURCE_EXHAUSTED, "cannot create constant");
  MlirNamedAttribute a = lb_named(b->ctx, LB_ATTR_VALUE, v);
  MlirOperationState st =
      mlirOperationStateGet(mlirStringRefCreateFromCString(lb_op_kind_name(LB_OP_CONSTANT)), b->loc);
  mlirOperationStateAddResults(&st, 1, &type);
  mlirOperationStateAddAttributes(&st, 1, &a);
  MlirOperation op = mlirOperationCreate(&st);
  if (!mlirOperationIsNull(b->before))
    mlirBlockInsertOwnedOperationBefore(b->block, b->before, op);
  else
    mlirBlockAppendOwnedOperation(b->block, op);
  *out = mlirOperationGetResult(op, 0);
  return LB_OK;
}

lb_status_t lb_build_constant_tensor(lb_builder_t *b, const lb_tensor_t *t, MlirValue *out) {
  MlirType type = lb_tensor_type(b->ctx, t->rank, t->dims, lb_dtype_to_type(b->ctx, t->dtype));
  return lb_build_constant(b, type, t->data, (size_t)lb_tensor_count(t) * lb_dtype_size(t->dtype), out);
}

lb_status_t lb_build_matmul(lb_builder_t *b, MlirValue a, MlirValue bm, MlirValue *out) {
  MlirValue ops[2] = {a, bm};
  return lb_build(b, LB_OP_MATMUL, ops, 2, NULL, 0, lb_value_elem(a), out);
}

lb_status_t lb_build_gemm(lb_builder_t *b, MlirValue a, MlirValue bm, MlirValue c, float alpha, float beta,
                          int trans_a, int trans_b, MlirValue *out) {
  MlirValue ops[3] = {a, bm, c};
  MlirNamedAttribute at[4] = {
      lb_named(b->ctx, LB_ATTR_ALPHA, lb_f32_attr(b->ctx, alpha)),
      lb_named(b->ctx, LB_ATTR_BETA, lb_f32_attr(b->ctx, beta)),
      lb_named(b->ctx, LB_ATTR_TRANS_A, lb_i64_attr(b->ctx, trans_a)),
      lb_named(b->ctx, LB_ATTR_TRANS_B, lb_i64_attr(b->ctx, trans_b)),
  };
  return lb_build(b, LB_OP_GEMM, ops, mlirValueIsNull(c) ? 2 : 3, at, 4, lb_value_elem(a), out);
}

static intptr_t lb_conv_attrs(MlirContext ctx, const lb_window_attrs_t *w, MlirNamedAttribute *at) {
  at[0] = lb_named(ctx, LB_ATTR_STRIDES, lb_ints_attr(ctx, w->strides, 2));
  at[1] = lb_named(ctx, LB_ATTR_PADS, lb_ints_attr(ctx, w->pads, 4));
  at[2] = lb_named(ctx, LB_ATTR_DILATIONS, lb_ints_attr(ctx, w->dilations, 2));
  at[3] = lb_named(ctx, LB_ATTR_GROUP, lb_i64_attr(ctx, w->group));
  return 4;
}

lb_status_t lb_build_conv2d(lb_builder_t *b, MlirValue x, MlirValue w, MlirValue bias, const lb_window_attrs_t *wa,
                            MlirValue *out) {
  MlirValue ops[3] = {x, w, bias};
  MlirNamedAttribute at[4];
  intptr_t na = lb_conv_attrs(b->ctx, wa, at);
  return lb_build(b, LB_OP_CONV2D, ops, mlirValueIsNull(bias) ? 2 : 3, at, na, lb_value_elem(x), out);
}

lb_status_t lb_build_binary(lb_builder_t *b, lb_op_kind_t kind, MlirValue lhs, MlirValue rhs, MlirValue *out) {
  if (kind != LB_OP_ADD && kind != LB_OP_SUB && kind != LB_OP_MUL && kind != LB_OP_DIV)
    return LB_ERROR(LB_STATUS_INTERNAL, "lb_build_binary: %s is not a binary op", lb_op_kind_name(kind));
  MlirValue ops[2] = {lhs, rhs};
  return lb_build(b, kind, ops, 2, NULL, 0, lb_value_elem(lhs), out);
}

lb_status_t lb_build_relu(lb_builder_t *b, MlirValue x, MlirValue *out) {
  return lb_build(b, LB_OP_RELU, &x, 1, NULL, 0, lb_value_elem(x), out);
}

lb_status_t lb_build_clip(lb_builder_t *b, MlirValue x, float lo, float hi, MlirValue *out) {
  MlirNamedAttribute at[2] = {lb_named(b->ctx, LB_ATTR_MIN, lb_f32_attr(b->ctx, lo)),
                              lb_named(b->ctx, LB_ATTR_MAX, lb_f32_attr(b->ctx, hi))};
  return lb_build(b, LB_OP_CLIP, &x, 1, at, 2, lb_value_elem(x), out);
}

lb_status_t lb_build_pool(lb_builder_t *b, lb_op_kind_t kind, MlirValue x, const lb_window_attrs_t *w,
                          MlirValue *out) {
  MlirNamedAttribute at[6];
  intptr_t n = 0;
  at[n++] = lb_named(b->ctx, LB_ATTR_KERNEL, lb_ints_attr(b->ctx, w->kernel, 2));
  at[n++] = lb_named(b->ctx, LB_ATTR_STRIDES, lb_ints_attr(b->ctx, w->strides, 2));
  at[n++] = lb_named(b->ctx, LB_ATTR_PADS, lb_ints_attr(b->ctx, w->pads, 4));
  at[n++] = lb_named(b->ctx, LB_ATTR_CEIL_MODE, lb_i64_attr(b->ctx, w->ceil_mode));
  if (kind == LB_OP_MAX_POOL)
    at[n++] = lb_named(b->ctx, LB_ATTR_DILATIONS, lb_ints_attr(b->ctx, w->dilations, 2));
  else if (kind == LB_OP_AVG_POOL)
    at[n++] = lb_named(b->ctx, LB_ATTR_COUNT_INCLUDE_PAD, lb_i64_attr(b->ctx, w->count_include_pad));
  else
    return LB_ERROR(LB_STATUS_INTERNAL, "lb_build_pool: %s is not a pooling op", lb_op_kind_name(kind));
  return lb_build(b, kind, &x, 1, at, n, lb_value_elem(x), out);
}

lb_status_t lb_build_global_avg_pool(lb_builder_t *b, MlirValue x, MlirValue *out) {
  return lb_build(b, LB_OP_GLOBAL_AVG_POOL, &x, 1, NULL, 0, lb_value_elem(x), out);
}

lb_status_t lb_build_reshape(lb_builder_t *b, MlirValue x, const int64_t *shape, int32_t n, MlirValue *out) {
  MlirNamedAttribute at = lb_named(b->ctx, LB_ATTR_SHAPE, lb_ints_attr(b->ctx, shape, n));
  return lb_build(b, LB_OP_RESHAPE, &x, 1, &at, 1, lb_value_elem(x), out);
}

lb_status_t lb_build_flatten(lb_builder_t *b, MlirValue x, int64_t axis, MlirValue *out) {
  MlirNamedAttribute at = lb_named(b->ctx, LB_ATTR_AXIS, lb_i64_attr(b->ctx, axis));
  return lb_build(b, LB_OP_FLATTEN, &x, 1, &at, 1, lb_value_elem(x), out);
}

lb_status_t lb_build_transpose(lb_builder_t *b, MlirValue x, const int64_t *perm, int32_t n, MlirValue *out) {
  MlirNamedAttribute at = lb_named(b->ctx, LB_ATTR_PERM, lb_ints_attr(b->ctx, perm, n));
  return lb_build(b, LB_OP_TRANSPOSE, &x, 1, &at, 1, lb_value_elem(x), out);
}

lb_status_t lb_build_softmax(lb_builder_t *b, MlirValue x, int64_t axis, MlirValue *out) {
  MlirNamedAttribute at = lb_named(b->ctx, LB_ATTR_AXIS, lb_i64_attr(b->ctx, axis));
  return lb_build(b, LB_OP_SOFTMAX, &x, 1, &at, 1, lb_value_elem(x), out);
}

lb_status_t lb_build_batchnorm(lb_builder_t *b, MlirValue x, MlirValue scale, MlirValue bias, MlirValue mean,
                               MlirValue var, float eps, MlirValue *out) {
  MlirValue ops[5] = {x, scale, bias, mean, var};
  MlirNamedAttribute at = lb_named(b->ctx, LB_ATTR_EPSILON, lb_f32_attr(b->ctx, eps));
  return lb_build(b, LB_OP_BATCHNORM, ops, 5, &at, 1, lb_value_elem(x), out);
}

lb_status_t lb_build_quantize(lb_builder_t *b, MlirValue x, MlirValue scale, MlirValue zp, int64_t axis,
                              MlirType elem, MlirValue *out) {
  MlirValue ops[3] = {x, scale, zp};
  MlirNamedAttribute at = lb_named(b->ctx, LB_ATTR_AXIS, lb_i64_attr(b->ctx, axis));
  return lb_build(b, LB_OP_QUANTIZE, ops, 3, &at, 1, elem, out);
}

lb_status_t lb_build_dequantize(lb_builder_t *b, MlirValue x, MlirValue scale, MlirValue zp, int64_t axis,
                                MlirValue *out) {
  MlirValue ops[3] = {x, scale, zp};
  MlirNamedAttribute at = lb_named(b->ctx, LB_ATTR_AXIS, lb_i64_attr(b->ctx, axis));
  return lb_build(b, LB_OP_DEQUANTIZE, ops, 3, &at, 1, mlirF32TypeGet(b->ctx), out);
}

lb_status_t lb_build_qmatmul(lb_builder_t *b, MlirValue a, MlirValue bm, MlirValue a_zp, MlirValue b_zp,
                             MlirValue bias, MlirValue *out) {
  MlirValue ops[5] = {a, bm, a_zp, b_zp, bias};
  return lb_build(b, LB_OP_QMATMUL, ops, mlirValueIsNull(bias) ? 4 : 5, NULL, 0, mlirIntegerTypeGet(b->ctx, 32),
                  out);
}

lb_status_t lb_build_qconv2d(lb_builder_t *b, MlirValue x, MlirValue w, MlirValue x_zp, MlirValue w_zp,
                             MlirValue bias, const lb_window_attrs_t *wa, MlirValue *out) {
  MlirValue ops[5] = {x, w, x_zp, w_zp, bias};
  MlirNamedAttribute at[4];
  intptr_t na = lb_conv_attrs(b->ctx, wa, at);
  return lb_build(b, LB_OP_QCONV2D, ops, mlirValueIsNull(bias) ? 4 : 5, at, na, mlirIntegerTypeGet(b->ctx, 32),
                  out);
}

lb_status_t lb_build_requantize(lb_builder_t *b, MlirValue acc, MlirValue mult, MlirValue shift, MlirValue zp,
                                int64_t axis, MlirType elem, MlirValue *out) {
  MlirValue ops[4] = {acc, mult, shift, zp};
  MlirNamedAttribute at = lb_named(b->ctx, LB_ATTR_AXIS, lb_i64_attr(b->ctx, axis));
  return lb_build(b, LB_OP_REQUANTIZE, ops, 4, &at, 1, elem, out);
}

lb_status_t lb_build_clamp(lb_builder_t *b, MlirValue x, int64_t lo, int64_t hi, MlirValue *out) {
  MlirNamedAttribute at[2] = {lb_named(b->ctx, LB_ATTR_MIN, lb_i64_attr(b->ctx, lo)),
                              lb_named(b->ctx, LB_ATTR_MAX, lb_i64_attr(b->ctx, hi))};
  return lb_build(b, LB_OP_CLAMP, &x, 1, at, 2, lb_value_elem(x), out);
}
