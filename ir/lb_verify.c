/* lb verifier: the checks IRDL cannot express. Every failure is one error
 * diagnostic at the op's location, phrased "'lb.op' op <reason>" like
 * MLIR's own verifier messages. */
#include <math.h>
#include <mlir-c/Diagnostics.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "ir/lb_ir.h"

typedef struct {
  int errors;
} lb_verify_state_t;

static void lb_emit(lb_verify_state_t *vs, MlirOperation op, const char *fmt, ...) {
  char msg[1024];
  int n = snprintf(msg, sizeof msg, "'%s' op ", lb_op_kind_name(lb_op_get_kind(op)));
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(msg + n, sizeof msg - (size_t)n, fmt, ap);
  va_end(ap);
  mlirEmitError(mlirOperationGetLocation(op), msg);
  vs->errors++;
}

static MlirType lb_elem_of(MlirValue v) {
  MlirType t = mlirValueGetType(v);
  return mlirTypeIsAShaped(t) ? mlirShapedTypeGetElementType(t) : t;
}

static bool lb_is_dtype(MlirValue v, lb_dtype_t want) {
  lb_dtype_t dt;
  return lb_type_to_dtype(lb_elem_of(v), &dt) && dt == want;
}

static bool lb_is_narrow_int(MlirValue v) {
  lb_dtype_t dt;
  return lb_type_to_dtype(lb_elem_of(v), &dt) && (dt == LB_DT_I8 || dt == LB_DT_U8);
}

/* Checks operand i is f32; reports and returns false otherwise. */
static bool lb_want_f32(lb_verify_state_t *vs, MlirOperation op, intptr_t i, const char *what) {
  if (lb_is_dtype(mlirOperationGetOperand(op, i), LB_DT_F32)) return true;
  lb_emit(vs, op, "%s must be a tensor of f32", what);
  return false;
}

static int64_t lb_value_count(MlirValue v) {
  int32_t r;
  int64_t d[LB_MAX_RANK];
  if (!lb_type_get_shape(mlirValueGetType(v), &r, d)) return -1;
  int64_t n = 1;
  for (int32_t i = 0; i < r; ++i) {
    if (d[i] == LB_DYN) return -1;
    n *= d[i];
  }
  return n;
}

/* Quantization parameter operands: `count` elements matching per-tensor (1)
 * or per-axis (dim `axis` of the data). */
static void lb_check_qparams(lb_verify_state_t *vs, MlirOperation op, MlirValue data, intptr_t first, int nparams,
                             const char *const *names) {
  int32_t r;
  int64_t d[LB_MAX_RANK];
  if (!lb_type_get_shape(mlirValueGetType(data), &r, d)) return;
  int64_t axis = lb_op_get_int(op, LB_ATTR_AXIS, -1);
  int64_t n0 = lb_value_count(mlirOperationGetOperand(op, first));
  for (int i = 0; i < nparams; ++i) {
    int64_t n = lb_value_count(mlirOperationGetOperand(op, first + i));
    if (n != n0) {
      lb_emit(vs, op, "%s has %lld elements but %s has %lld", names[i], (long long)n, names[0], (long long)n0);
      return;
    }
  }
  if (n0 == 1) return;
  if (axis < 0 || axis >= r) {
    lb_emit(vs, op, "per-axis parameters need an axis in [0, %d), got %lld", r, (long long)axis);
    return;
  }
  if (d[axis] != LB_DYN && d[axis] != n0)
    lb_emit(vs, op, "%s has %lld elements but axis %lld has size %lld", names[0], (long long)n0, (long long)axis,
            (long long)d[axis]);
}

static void lb_check_positive_scale(lb_verify_state_t *vs, MlirOperation op, intptr_t idx) {
  lb_tensor_t t;
  if (lb_value_read_constant(mlirOperationGetOperand(op, idx), &t)) return; /* not constant */
  if (t.dtype == LB_DT_F32) {
    const float *s = t.data;
    for (int64_t i = 0; i < lb_tensor_count(&t); ++i)
      if (!(s[i] > 0.0f) || isinf(s[i])) {
        lb_emit(vs, op, "scale must be positive and finite, got %g at index %lld", (double)s[i], (long long)i);
        break;
      }
  }
  lb_tensor_free(&t);
}

static void lb_check_shift(lb_verify_state_t *vs, MlirOperation op) {
  lb_tensor_t t;
  if (lb_value_read_constant(mlirOperationGetOperand(op, 2), &t)) return;
  if (t.dtype == LB_DT_I32) {
    const int32_t *s = t.data;
    for (int64_t i = 0; i < lb_tensor_count(&t); ++i)
      if (s[i] < 1 || s[i] > 62) {
        lb_emit(vs, op, "shift must be in [1, 62], got %d at index %lld", s[i], (long long)i);
        break;
      }
  }
  lb_tensor_free(&t);
  if (lb_value_read_constant(mlirOperationGetOperand(op, 1), &t)) return;
  if (t.dtype == LB_DT_I32) {
    const int32_t *m = t.data;
    for (int64_t i = 0; i < lb_tensor_count(&t); ++i)
      if (m[i] < 0) {
        lb_emit(vs, op, "multiplier must be non-negative, got %d at index %lld", m[i], (long long)i);
        break;
      }
  }
  lb_tensor_free(&t);
}

static void lb_verify_types(lb_verify_state_t *vs, MlirOperation op, lb_op_kind_t k) {
  MlirValue res = mlirOperationGetResult(op, 0);
  intptr_t nops = mlirOperationGetNumOperands(op);
  lb_dtype_t rdt;
  if (!lb_type_to_dtype(lb_elem_of(res), &rdt)) {
    lb_emit(vs, op, "result element type must be f32, i8, ui8, i32 or i64");
    return;
  }
  switch (k) {
    case LB_OP_MATMUL:
    case LB_OP_GEMM:
    case LB_OP_CONV2D:
    case LB_OP_ADD:
    case LB_OP_SUB:
    case LB_OP_MUL:
    case LB_OP_DIV:
    case LB_OP_RELU:
    case LB_OP_CLIP:
    case LB_OP_AVG_POOL:
    case LB_OP_GLOBAL_AVG_POOL:
    case LB_OP_SOFTMAX:
    case LB_OP_BATCHNORM:
      for (intptr_t i = 0; i < nops; ++i) {
        char what[32];
        snprintf(what, sizeof what, "operand #%d", (int)i);
        if (!lb_want_f32(vs, op, i, what)) return;
      }
      if (rdt != LB_DT_F32) lb_emit(vs, op, "result must be a tensor of f32");
      return;
    case LB_OP_MAX_POOL:
    case LB_OP_RESHAPE:
    case LB_OP_FLATTEN:
    case LB_OP_TRANSPOSE:
      if (!mlirTypeEqual(lb_elem_of(mlirOperationGetOperand(op, 0)), lb_elem_of(res)))
        lb_emit(vs, op, "result element type must equal the input element type");
      return;
    case LB_OP_QUANTIZE: {
      static const char *const names[] = {"scale", "zero_point"};
      if (!lb_want_f32(vs, op, 0, "input") || !lb_want_f32(vs, op, 1, "scale")) return;
      if (rdt != LB_DT_I8 && rdt != LB_DT_U8 && rdt != LB_DT_I32) {
        lb_emit(vs, op, "result must be a tensor of i8, ui8 or i32");
        return;
      }
      if (!mlirTypeEqual(lb_elem_of(mlirOperationGetOperand(op, 2)), lb_elem_of(res))) {
        lb_emit(vs, op, "zero_point element type must equal the result element type");
        return;
      }
      lb_check_qparams(vs, op, mlirOperationGetOperand(op, 0), 1, 2, names);
      lb_check_positive_scale(vs, op, 1);
      return;
    }
    case LB_OP_DEQUANTIZE: {
      static const char *const names[] = {"scale", "zero_point"};
      MlirValue x = mlirOperationGetOperand(op, 0);
      if (!lb_is_narrow_int(x) && !lb_is_dtype(x, LB_DT_I32)) {
        lb_emit(vs, op, "input must be a tensor of i8, ui8 or i32");
        return;
      }
      if (!lb_want_f32(vs, op, 1, "scale")) return;
      if (!mlirTypeEqual(lb_elem_of(mlirOperationGetOperand(op, 2)), lb_elem_of(x))) {
        lb_emit(vs, op, "zero_point element type must equal the input element type");
        return;
      }
      if (rdt != LB_DT_F32) lb_emit(vs, op, "result must be a tensor of f32");
      lb_check_qparams(vs, op, x, 1, 2, names);
      lb_check_positive_scale(vs, op, 1);
      return;
    }
    case LB_OP_QMATMUL:
    case LB_OP_QCONV2D: {
      for (intptr_t i = 0; i < 4; ++i)
        if (!lb_is_dtype(mlirOperationGetOperand(op, i), LB_DT_I8)) {
          lb_emit(vs, op, "operand #%d must be a tensor of i8", (int)i);
          return;
        }
      for (intptr_t i = 2; i < 4; ++i)
        if (lb_value_count(mlirOperationGetOperand(op, i)) != 1) {
          lb_emit(vs, op, "zero points must be single-element tensors");
          return;
        }
      if (nops > 4 && !lb_is_dtype(mlirOperationGetOperand(op, 4), LB_DT_I32)) {
        lb_emit(vs, op, "bias must be a tensor of i32");
        return;
      }
      if (rdt != LB_DT_I32) lb_emit(vs, op, "result must be a tensor of i32");
      return;
    }
    case LB_OP_REQUANTIZE: {
      static const char *const names[] = {"multiplier", "shift"};
      for (intptr_t i = 0; i < 3; ++i)
        if (!lb_is_dtype(mlirOperationGetOperand(op, i), LB_DT_I32)) {
          lb_emit(vs, op, "operand #%d must be a tensor of i32", (int)i);
          return;
        }
      if (rdt != LB_DT_I8 && rdt != LB_DT_U8) {
        lb_emit(vs, op, "result must be a tensor of i8 or ui8");
        return;
      }
      if (!mlirTypeEqual(lb_elem_of(mlirOperationGetOperand(op, 3)), lb_elem_of(res)) ||
          lb_value_count(mlirOperationGetOperand(op, 3)) != 1) {
        lb_emit(vs, op, "zero_point must be a single element of the result element type");
        return;
      }
      lb_check_qparams(vs, op, mlirOperationGetOperand(op, 0), 1, 2, names);
      lb_check_shift(vs, op);
      return;
    }
    case LB_OP_CLAMP: {
      int64_t lo = lb_op_get_int(op, LB_ATTR_MIN, 0), hi = lb_op_get_int(op, LB_ATTR_MAX, 0);
      if (rdt != LB_DT_I8 && rdt != LB_DT_U8) {
        lb_emit(vs, op, "operand must be a tensor of i8 or ui8");
        return;
      }
      int64_t tmin = rdt == LB_DT_I8 ? -128 : 0, tmax = rdt == LB_DT_I8 ? 127 : 255;
      if (lo > hi || lo < tmin || hi > tmax)
        lb_emit(vs, op, "bounds [%lld, %lld] must be ordered and within [%lld, %lld]", (long long)lo, (long long)hi,
                (long long)tmin, (long long)tmax);
      return;
    }
    default: return;
  }
}

static void lb_verify_op(lb_verify_state_t *vs, MlirOperation op) {
  lb_op_kind_t k = lb_op_get_kind(op);
  if (k == LB_OP_UNKNOWN) return;
  MlirType rt = mlirValueGetType(mlirOperationGetResult(op, 0));
  if (!mlirTypeIsARankedTensor(rt)) {
    lb_emit(vs, op, "result must be a ranked tensor");
    return;
  }
  if (k == LB_OP_CONSTANT) {
    MlirAttribute v = mlirOperationGetAttributeByName(op, mlirStringRefCreateFromCString(LB_ATTR_VALUE));
    if (!mlirAttributeIsADenseElements(v) && !mlirAttributeIsADenseResourceElements(v))
      lb_emit(vs, op, "value must be a dense or dense_resource elements attribute");
    else if (!mlirTypeEqual(mlirAttributeGetType(v), rt))
      lb_emit(vs, op, "value type does not match the result type");
    return;
  }
  int before = vs->errors;
  lb_verify_types(vs, op, k);
  if (vs->errors != before) return;
  int32_t rank, drank;
  int64_t dims[LB_MAX_RANK], ddims[LB_MAX_RANK];
  lb_status_t st = lb_op_infer_shape(op, &rank, dims);
  if (st) {
    lb_emit(vs, op, "%s", lb_status_message(st));
    lb_status_free(st);
    return;
  }
  lb_type_get_shape(rt, &drank, ddims);
  bool ok = drank == rank;
  for (int32_t i = 0; ok && i < rank; ++i)
    ok = dims[i] == LB_DYN || ddims[i] == LB_DYN || dims[i] == ddims[i];
  if (!ok) {
    char have[128], want[128];
    lb_type_format(rt, have, sizeof have);
    lb_type_format(lb_tensor_type(mlirOperationGetContext(op), rank, dims, mlirShapedTypeGetElementType(rt)), want,
                   sizeof want);
    lb_emit(vs, op, "result type %s does not match the inferred type %s", have, want);
  }
}

static MlirWalkResult lb_verify_walk(MlirOperation op, void *user) {
  lb_verify_op(user, op);
  return MlirWalkResultAdvance;
}

int lb_verify(MlirOperation root) {
  lb_verify_state_t vs = {0};
  mlirOperationWalk(root, lb_verify_walk, &vs, MlirWalkPostOrder);
  return vs.errors;
}
