/* Shape inference for lb ops, batch specialization and module clean-up.
 * One inference function serves the builders (result types at creation),
 * the verifier (declared vs inferred) and lb_module_specialize. */
#include <stdlib.h>
#include <string.h>

#include "ir/lb_ir.h"

#define LB_FAIL(...) LB_ERROR(LB_STATUS_INVALID_ARGUMENT, __VA_ARGS__)

typedef struct {
  int32_t rank;
  int64_t d[LB_MAX_RANK];
} lb_shape_t;

static lb_status_t lb_operand_shape(MlirOperation op, intptr_t i, lb_shape_t *s) {
  if (i >= mlirOperationGetNumOperands(op)) return LB_FAIL("missing operand #%d", (int)i);
  MlirType t = mlirValueGetType(mlirOperationGetOperand(op, i));
  if (!lb_type_get_shape(t, &s->rank, s->d))
    return LB_FAIL("operand #%d must be a ranked tensor of rank <= %d", (int)i, LB_MAX_RANK);
  return LB_OK;
}

static int64_t lb_dim_mul(int64_t a, int64_t b) { return (a == LB_DYN || b == LB_DYN) ? LB_DYN : a * b; }

/* numpy broadcasting of two shapes into out. */
static lb_status_t lb_broadcast(const lb_shape_t *a, const lb_shape_t *b, lb_shape_t *out, const char *what) {
  int32_t r = a->rank > b->rank ? a->rank : b->rank;
  out->rank = r;
  for (int32_t i = 0; i < r; ++i) {
    int32_t ia = i - (r - a->rank), ib = i - (r - b->rank);
    int64_t da = ia >= 0 ? a->d[ia] : 1, db = ib >= 0 ? b->d[ib] : 1;
    if (da == 1) out->d[i] = db;
    else if (db == 1) out->d[i] = da;
    else if (da == LB_DYN || db == LB_DYN) out->d[i] = da == LB_DYN ? db : da;
    else if (da == db) out->d[i] = da;
    else return LB_FAIL("%s dims %lld and %lld do not broadcast", what, (long long)da, (long long)db);
  }
  return LB_OK;
}

/* Output length of a sliding window; LB_DYN in, LB_DYN out. */
static lb_status_t lb_window_out(int64_t in, int64_t k, int64_t stride, int64_t pad_a, int64_t pad_b, int64_t dil,
                                 int ceil_mode, int64_t *out) {
  if (in == LB_DYN) {
    *out = LB_DYN;
    return LB_OK;
  }
  if (k <= 0 || stride <= 0 || dil <= 0 || pad_a < 0 || pad_b < 0)
    return LB_FAIL("kernel, strides and dilations must be positive and pads non-negative");
  int64_t span = in + pad_a + pad_b - dil * (k - 1) - 1;
  if (span < 0) return LB_FAIL("window of size %lld does not fit input of size %lld", (long long)k, (long long)in);
  int64_t o = ceil_mode ? (span + stride - 1) / stride + 1 : span / stride + 1;
  /* a window may not start in the trailing padding (ceil mode) */
  if (ceil_mode && (o - 1) * stride >= in + pad_a) o--;
  *out = o;
  return LB_OK;
}

static lb_status_t lb_infer_matmul(MlirOperation op, lb_shape_t *out) {
  lb_shape_t a, b;
  LB_RETURN_IF_ERROR(lb_operand_shape(op, 0, &a));
  LB_RETURN_IF_ERROR(lb_operand_shape(op, 1, &b));
  if (a.rank < 2 || b.rank < 2) return LB_FAIL("operands must have rank >= 2, got %d and %d", a.rank, b.rank);
  int64_t ka = a.d[a.rank - 1], kb = b.d[b.rank - 2];
  if (ka != LB_DYN && kb != LB_DYN && ka != kb)
    return LB_FAIL("contracting dimensions differ (%lld vs %lld)", (long long)ka, (long long)kb);
  lb_shape_t ba = a, bb = b, bo;
  ba.rank -= 2;
  bb.rank -= 2;
  if (ba.rank > LB_MAX_BATCH_RANK || bb.rank > LB_MAX_BATCH_RANK)
    return LB_FAIL("more than %d batch dimensions", LB_MAX_BATCH_RANK);
  LB_RETURN_IF_ERROR(lb_broadcast(&ba, &bb, &bo, "batch"));
  *out = bo;
  out->d[out->rank++] = a.d[a.rank - 2];
  out->d[out->rank++] = b.d[b.rank - 1];
  return LB_OK;
}

static lb_status_t lb_infer_gemm(MlirOperation op, lb_shape_t *out) {
  lb_shape_t a, b;
  LB_RETURN_IF_ERROR(lb_operand_shape(op, 0, &a));
  LB_RETURN_IF_ERROR(lb_operand_shape(op, 1, &b));
  if (a.rank != 2 || b.rank != 2) return LB_FAIL("operands must have rank 2, got %d and %d", a.rank, b.rank);
  int ta = (int)lb_op_get_int(op, LB_ATTR_TRANS_A, 0), tb = (int)lb_op_get_int(op, LB_ATTR_TRANS_B, 0);
  int64_t m = ta ? a.d[1] : a.d[0], ka = ta ? a.d[0] : a.d[1];
  int64_t kb = tb ? b.d[1] : b.d[0], n = tb ? b.d[0] : b.d[1];
  if (ka != LB_DYN && kb != LB_DYN && ka != kb)
    return LB_FAIL("contracting dimensions differ (%lld vs %lld)", (long long)ka, (long long)kb);
  out->rank = 2;
  out->d[0] = m;
  out->d[1] = n;
  if (mlirOperationGetNumOperands(op) > 2) {
    lb_shape_t c, tmp;
    LB_RETURN_IF_ERROR(lb_operand_shape(op, 2, &c));
    if (c.rank > 2) return LB_FAIL("bias must have rank <= 2, got %d", c.rank);
    LB_RETURN_IF_ERROR(lb_broadcast(out, &c, &tmp, "bias"));
    if (tmp.d[0] != out->d[0] && out->d[0] != LB_DYN) return LB_FAIL("bias does not broadcast to the output");
    if (tmp.d[1] != out->d[1] && out->d[1] != LB_DYN) return LB_FAIL("bias does not broadcast to the output");
  }
  return LB_OK;
}

static lb_status_t lb_infer_conv(MlirOperation op, lb_shape_t *out) {
  lb_shape_t x, w;
  lb_window_attrs_t wa;
  LB_RETURN_IF_ERROR(lb_operand_shape(op, 0, &x));
  LB_RETURN_IF_ERROR(lb_operand_shape(op, 1, &w));
  LB_RETURN_IF_ERROR(lb_window_attrs_get(op, &wa));
  if (x.rank != 4) return LB_FAIL("input must have rank 4 (NCHW), got %d", x.rank);
  if (w.rank != 4) return LB_FAIL("weight must have rank 4 (OIHW), got %d", w.rank);
  for (int i = 0; i < 4; ++i)
    if (w.d[i] == LB_DYN) return LB_FAIL("weight shape must be static");
  if (wa.group <= 0) return LB_FAIL("group must be positive, got %lld", (long long)wa.group);
  if (w.d[0] % wa.group != 0)
    return LB_FAIL("output channels %lld not divisible by group %lld", (long long)w.d[0], (long long)wa.group);
  if (x.d[1] != LB_DYN && x.d[1] != w.d[1] * wa.group)
    return LB_FAIL("input has %lld channels but weight expects %lld (group %lld)", (long long)x.d[1],
                   (long long)(w.d[1] * wa.group), (long long)wa.group);
  intptr_t bias_idx = lb_op_get_kind(op) == LB_OP_QCONV2D ? 4 : 2;
  if (mlirOperationGetNumOperands(op) > bias_idx) {
    lb_shape_t bs;
    LB_RETURN_IF_ERROR(lb_operand_shape(op, bias_idx, &bs));
    if (bs.rank != 1 || bs.d[0] != w.d[0])
      return LB_FAIL("bias must have shape [%lld]", (long long)w.d[0]);
  }
  out->rank = 4;
  out->d[0] = x.d[0];
  out->d[1] = w.d[0];
  LB_RETURN_IF_ERROR(lb_window_out(x.d[2], w.d[2], wa.strides[0], wa.pads[0], wa.pads[2], wa.dilations[0], 0, &out->d[2]));
  LB_RETURN_IF_ERROR(lb_window_out(x.d[3], w.d[3], wa.strides[1], wa.pads[1], wa.pads[3], wa.dilations[1], 0, &out->d[3]));
  return LB_OK;
}

static lb_status_t lb_infer_pool(MlirOperation op, lb_shape_t *out) {
  lb_shape_t x;
  lb_window_attrs_t wa;
  LB_RETURN_IF_ERROR(lb_operand_shape(op, 0, &x));
  LB_RETURN_IF_ERROR(lb_window_attrs_get(op, &wa));
  if (x.rank != 4) return LB_FAIL("input must have rank 4 (NCHW), got %d", x.rank);
  *out = x;
  LB_RETURN_IF_ERROR(lb_window_out(x.d[2], wa.kernel[0], wa.strides[0], wa.pads[0], wa.pads[2], wa.dilations[0],
                                   (int)wa.ceil_mode, &out->d[2]));
  LB_RETURN_IF_ERROR(lb_window_out(x.d[3], wa.kernel[1], wa.strides[1], wa.pads[1], wa.pads[3], wa.dilations[1],
                                   (int)wa.ceil_mode, &out->d[3]));
  return LB_OK;
}

static lb_status_t lb_infer_reshape(MlirOperation op, lb_shape_t *out) {
  lb_shape_t x;
  int64_t shape[LB_MAX_RANK + 1];
  LB_RETURN_IF_ERROR(lb_operand_shape(op, 0, &x));
  int n = lb_op_get_ints(op, LB_ATTR_SHAPE, shape, LB_MAX_RANK + 1);
  if (n < 0 || n > LB_MAX_RANK) return LB_FAIL("shape must have between 0 and %d elements", LB_MAX_RANK);
  out->rank = n;
  int infer_at = -1;
  /* product of input dims not copied through a 0, and of explicit target dims */
  int64_t in_rest = 1, out_known = 1;
  int in_rest_dyn = 0;
  int copied[LB_MAX_RANK] = {0};
  for (int i = 0; i < n; ++i) {
    if (shape[i] == 0) {
      if (i >= x.rank) return LB_FAIL("shape[%d] = 0 copies a dimension the input does not have", i);
      out->d[i] = x.d[i];
      copied[i] = 1;
    } else if (shape[i] == -1) {
      if (infer_at >= 0) return LB_FAIL("shape has more than one -1");
      infer_at = i;
    } else if (shape[i] < 0) {
      return LB_FAIL("shape[%d] = %lld is invalid", i, (long long)shape[i]);
    } else {
      out->d[i] = shape[i];
      out_known *= shape[i];
    }
  }
  for (int i = 0; i < x.rank; ++i) {
    if (i < n && copied[i]) continue;
    if (x.d[i] == LB_DYN) in_rest_dyn = 1;
    else in_rest *= x.d[i];
  }
  if (infer_at >= 0) {
    if (in_rest_dyn) out->d[infer_at] = LB_DYN;
    else if (out_known == 0 || in_rest % out_known != 0)
      return LB_FAIL("cannot reshape %lld elements into the requested shape", (long long)in_rest);
    else out->d[infer_at] = in_rest / out_known;
  } else if (!in_rest_dyn && in_rest != out_known) {
    return LB_FAIL("reshape changes the element count (%lld vs %lld)", (long long)in_rest, (long long)out_known);
  }
  return LB_OK;
}

static lb_status_t lb_infer_impl(MlirOperation op, lb_shape_t *out) {
  lb_op_kind_t k = lb_op_get_kind(op);
  switch (k) {
    case LB_OP_CONSTANT: {
      MlirType t = mlirValueGetType(mlirOperationGetResult(op, 0));
      if (!lb_type_get_shape(t, &out->rank, out->d)) return LB_FAIL("result must be a ranked tensor");
      return LB_OK;
    }
    case LB_OP_MATMUL:
    case LB_OP_QMATMUL: {
      LB_RETURN_IF_ERROR(lb_infer_matmul(op, out));
      if (k == LB_OP_QMATMUL && mlirOperationGetNumOperands(op) > 4) {
        lb_shape_t bs;
        LB_RETURN_IF_ERROR(lb_operand_shape(op, 4, &bs));
        if (bs.rank != 1 || (bs.d[0] != out->d[out->rank - 1] && out->d[out->rank - 1] != LB_DYN))
          return LB_FAIL("bias must have shape [%lld]", (long long)out->d[out->rank - 1]);
      }
      return LB_OK;
    }
    case LB_OP_GEMM: return lb_infer_gemm(op, out);
    case LB_OP_CONV2D:
    case LB_OP_QCONV2D: return lb_infer_conv(op, out);
    case LB_OP_ADD:
    case LB_OP_SUB:
    case LB_OP_MUL:
    case LB_OP_DIV: {
      lb_shape_t a, b;
      LB_RETURN_IF_ERROR(lb_operand_shape(op, 0, &a));
      LB_RETURN_IF_ERROR(lb_operand_shape(op, 1, &b));
      return lb_broadcast(&a, &b, out, "operand");
    }
    case LB_OP_RELU:
    case LB_OP_CLIP:
    case LB_OP_CLAMP:
    case LB_OP_QUANTIZE:
    case LB_OP_DEQUANTIZE:
    case LB_OP_REQUANTIZE:
    case LB_OP_BATCHNORM: return lb_operand_shape(op, 0, out);
    case LB_OP_SOFTMAX: {
      LB_RETURN_IF_ERROR(lb_operand_shape(op, 0, out));
      int64_t axis = lb_op_get_int(op, LB_ATTR_AXIS, -1);
      if (axis < -out->rank || axis >= out->rank)
        return LB_FAIL("axis %lld is out of range for rank %d", (long long)axis, out->rank);
      return LB_OK;
    }
    case LB_OP_MAX_POOL:
    case LB_OP_AVG_POOL: return lb_infer_pool(op, out);
    case LB_OP_GLOBAL_AVG_POOL: {
      LB_RETURN_IF_ERROR(lb_operand_shape(op, 0, out));
      if (out->rank < 3) return LB_FAIL("input must have rank >= 3, got %d", out->rank);
      for (int32_t i = 2; i < out->rank; ++i) out->d[i] = 1;
      return LB_OK;
    }
    case LB_OP_RESHAPE: return lb_infer_reshape(op, out);
    case LB_OP_FLATTEN: {
      lb_shape_t x;
      LB_RETURN_IF_ERROR(lb_operand_shape(op, 0, &x));
      int64_t axis = lb_op_get_int(op, LB_ATTR_AXIS, 1);
      if (axis < 0) axis += x.rank;
      if (axis < 0 || axis > x.rank) return LB_FAIL("axis is out of range for rank %d", x.rank);
      out->rank = 2;
      out->d[0] = out->d[1] = 1;
      for (int32_t i = 0; i < x.rank; ++i) out->d[i < axis ? 0 : 1] = lb_dim_mul(out->d[i < axis ? 0 : 1], x.d[i]);
      return LB_OK;
    }
    case LB_OP_TRANSPOSE: {
      lb_shape_t x;
      int64_t perm[LB_MAX_RANK + 1];
      LB_RETURN_IF_ERROR(lb_operand_shape(op, 0, &x));
      int n = lb_op_get_ints(op, LB_ATTR_PERM, perm, LB_MAX_RANK + 1);
      if (n != x.rank) return LB_FAIL("perm has %d entries for rank %d", n, x.rank);
      int seen[LB_MAX_RANK] = {0};
      out->rank = x.rank;
      for (int i = 0; i < n; ++i) {
        if (perm[i] < 0 || perm[i] >= x.rank || seen[perm[i]]) return LB_FAIL("perm is not a permutation");
        seen[perm[i]] = 1;
        out->d[i] = x.d[perm[i]];
      }
      return LB_OK;
    }
    default: return LB_FAIL("not an lb op");
  }
}

lb_status_t lb_op_infer_shape(MlirOperation op, int32_t *rank, int64_t dims[LB_MAX_RANK]) {
  lb_shape_t s;
  memset(&s, 0, sizeof s);
  LB_RETURN_IF_ERROR(lb_infer_impl(op, &s));
  for (int32_t i = 0; i < s.rank; ++i)
    if (s.d[i] != LB_DYN && s.d[i] <= 0) return LB_FAIL("result dimension %d would be %lld", i, (long long)s.d[i]);
  *rank = s.rank;
  memcpy(dims, s.d, sizeof(int64_t) * (size_t)s.rank);
  return LB_OK;
}

/* ---- whole-function updates ----------------------------------------- */

static lb_status_t lb_located(MlirOperation op, lb_status_t st) {
  char loc[512];
  lb_location_format(mlirOperationGetLocation(op), loc, sizeof loc);
  return lb_status_annotate(st, "%s: '%s'", loc, lb_op_kind_name(lb_op_get_kind(op)));
}

lb_status_t lb_func_refresh_types(MlirOperation func) {
  MlirBlock body = lb_func_get_body(func);
  MlirContext ctx = mlirOperationGetContext(func);
  for (MlirOperation op = mlirBlockGetFirstOperation(body); !mlirOperationIsNull(op);
       op = mlirOperationGetNextInBlock(op)) {
    lb_op_kind_t k = lb_op_get_kind(op);
    if (k == LB_OP_UNKNOWN || k == LB_OP_CONSTANT) continue;
    int32_t rank;
    int64_t dims[LB_MAX_RANK];
    lb_status_t st = lb_op_infer_shape(op, &rank, dims);
    if (st) return lb_located(op, st);
    MlirValue r = mlirOperationGetResult(op, 0);
    MlirType elem = mlirShapedTypeGetElementType(mlirValueGetType(r));
    mlirValueSetType(r, lb_tensor_type(ctx, rank, dims, elem));
  }
  /* function type = block argument types -> return operand types */
  intptr_t nin = mlirBlockGetNumArguments(body);
  MlirOperation ret = lb_func_get_return(func);
  intptr_t nout = mlirOperationGetNumOperands(ret);
  MlirType ins[64], outs[64];
  if (nin > 64 || nout > 64) return LB_ERROR(LB_STATUS_UNIMPLEMENTED, "more than 64 graph inputs or outputs");
  for (intptr_t i = 0; i < nin; ++i) ins[i] = mlirValueGetType(mlirBlockGetArgument(body, i));
  for (intptr_t i = 0; i < nout; ++i) outs[i] = mlirValueGetType(mlirOperationGetOperand(ret, i));
  MlirType ft = mlirFunctionTypeGet(ctx, nin, ins, nout, outs);
  mlirOperationSetAttributeByName(func, mlirStringRefCreateFromCString("function_type"), mlirTypeAttrGet(ft));
  return LB_OK;
}

lb_status_t lb_module_specialize(MlirModule module, int64_t batch) {
  MlirOperation func = lb_module_get_func(module);
  if (mlirOperationIsNull(func)) return LB_ERROR(LB_STATUS_INVALID_ARGUMENT, "module has no func.func");
  if (batch <= 0) return LB_ERROR(LB_STATUS_INVALID_ARGUMENT, "batch size must be positive, got %lld", (long long)batch);
  MlirBlock body = lb_func_get_body(func);
  MlirContext ctx = mlirOperationGetContext(func);
  for (intptr_t i = 0; i < mlirBlockGetNumArguments(body); ++i) {
    MlirValue arg = mlirBlockGetArgument(body, i);
    MlirType t = mlirValueGetType(arg);
    int32_t rank;
    int64_t dims[LB_MAX_RANK];
    if (!lb_type_get_shape(t, &rank, dims)) return LB_ERROR(LB_STATUS_INVALID_ARGUMENT, "input %d is not a ranked tensor", (int)i);
    for (int32_t d = 0; d < rank; ++d)
      if (dims[d] == LB_DYN) dims[d] = batch;
    mlirValueSetType(arg, lb_tensor_type(ctx, rank, dims, mlirShapedTypeGetElementType(t)));
  }
  return lb_func_refresh_types(func);
}

bool lb_value_has_single_use(MlirValue v) {
  MlirOpOperand u = mlirValueGetFirstUse(v);
  return !mlirOpOperandIsNull(u) && mlirOpOperandIsNull(mlirOpOperandGetNextUse(u));
}

void lb_func_erase_dead(MlirOperation func) {
  MlirBlock body = lb_func_get_body(func);
  int changed = 1;
  while (changed) {
    changed = 0;
    /* collect, then sweep backwards so users die before their producers */
    size_t n = 0, cap = 64;
    MlirOperation *ops = malloc(cap * sizeof *ops);
    if (!ops) return;
    for (MlirOperation op = mlirBlockGetFirstOperation(body); !mlirOperationIsNull(op);
         op = mlirOperationGetNextInBlock(op)) {
      if (n == cap) {
        MlirOperation *g = realloc(ops, (cap *= 2) * sizeof *ops);
        if (!g) break;
        ops = g;
      }
      ops[n++] = op;
    }
    for (size_t i = n; i-- > 0;) {
      if (lb_op_get_kind(ops[i]) == LB_OP_UNKNOWN) continue;
      if (mlirOpOperandIsNull(mlirValueGetFirstUse(mlirOperationGetResult(ops[i], 0)))) {
        mlirOperationDestroy(ops[i]);
        changed = 1;
      }
    }
    free(ops);
  }
}
