/* lb verifier driver: the checks IRDL cannot express. Generic checks
 * (ranked tensors of supported element types, result shape equal to the
 * inferred one) are here; op-specific ones are the descriptors' verify
 * hooks. Every failure is one error diagnostic at the op's location,
 * phrased "'lb.op' op <reason>" like MLIR's own verifier messages. */
#include <mlir-c/Diagnostics.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "ir/lb_ir.h"
#include "ir/lb_op.h"

struct lb_verifier_s {
  int errors;
  bool quiet; /* count failures without emitting diagnostics */
};

void lb_verify_error(lb_verifier_t *v, MlirOperation op, const char *fmt, ...) {
  if (v->quiet) {
    v->errors++;
    return;
  }
  char msg[1024];
  MlirStringRef on = mlirIdentifierStr(mlirOperationGetName(op));
  int n = snprintf(msg, sizeof msg, "'%.*s' op ", (int)(on.length < 64 ? on.length : 64), on.data);
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(msg + n, sizeof msg - (size_t)n, fmt, ap);
  va_end(ap);
  mlirEmitError(mlirOperationGetLocation(op), msg);
  v->errors++;
}


lb_status_t lb_op_infer_shape(MlirOperation op, lb_shape_t *s) {
  const lb_op_desc_t *d = lb_op_desc(op);
  if (!d) return LB_ERROR(LB_STATUS_INVALID_ARGUMENT, "not an lb op");
  memset(s, 0, sizeof *s);
  LB_RETURN_IF_ERROR(d->infer(op, s));
  int64_t total = 1;
  for (int32_t i = 0; i < s->rank; ++i) {
    if (s->d[i] == LB_DYN) continue;
    if (s->d[i] <= 0)
      return LB_ERROR(LB_STATUS_INVALID_ARGUMENT, "result dimension %d would be %lld", i, (long long)s->d[i]);
    if (total > ((int64_t)1 << 48) / s->d[i])
      return LB_ERROR(LB_STATUS_OUT_OF_RANGE, "result would have more than 2^48 elements");
    total *= s->d[i];
  }
  return LB_OK;
}

static bool lb_check_tensor(lb_verifier_t *v, MlirOperation op, MlirValue val, const char *what, intptr_t i) {
  MlirType t = mlirValueGetType(val);
  char name[32];
  if (i >= 0) snprintf(name, sizeof name, "%s #%d", what, (int)i);
  else snprintf(name, sizeof name, "%s", what);
  if (!mlirTypeIsARankedTensor(t)) {
    lb_verify_error(v, op, "%s must be a ranked tensor", name);
    return false;
  }
  if (mlirShapedTypeGetRank(t) > LB_MAX_RANK) {
    lb_verify_error(v, op, "%s has rank %d, above the supported %d", name, (int)mlirShapedTypeGetRank(t), LB_MAX_RANK);
    return false;
  }
  for (intptr_t d = 0; d < mlirShapedTypeGetRank(t); ++d)
    if (!mlirShapedTypeIsDynamicDim(t, d) && mlirShapedTypeGetDimSize(t, d) < 1) {
      lb_verify_error(v, op, "%s has a zero-size dimension %d (empty tensors are not supported)", name, (int)d);
      return false;
    }
  lb_dtype_t dt;
  if (!lb_type_to_dtype(mlirShapedTypeGetElementType(t), &dt)) {
    char ty[128];
    lb_type_format(t, ty, sizeof ty);
    lb_verify_error(v, op, "%s has unsupported type %s (element types: f32, i2..i32, ui2..ui32, i64)", name, ty);
    return false;
  }
  return true;
}

static void lb_verify_op(lb_verifier_t *v, MlirOperation op) {
  const lb_op_desc_t *d = lb_op_desc(op);
  if (!d) return;
  MlirValue res = mlirOperationGetResult(op, 0);
  if (!lb_check_tensor(v, op, res, "result", -1)) return;
  for (intptr_t i = 0; i < mlirOperationGetNumOperands(op); ++i)
    if (!lb_check_tensor(v, op, mlirOperationGetOperand(op, i), "operand", i)) return;
  int before = v->errors;
  if (d->verify) d->verify(v, op);
  if (v->errors != before) return;
  lb_shape_t s;
  lb_status_t st = lb_op_infer_shape(op, &s);
  if (st) {
    lb_verify_error(v, op, "%s", lb_status_message(st));
    lb_status_free(st);
    return;
  }
  MlirType rt = mlirValueGetType(res);
  int32_t drank;
  int64_t ddims[LB_MAX_RANK];
  lb_type_get_shape(rt, &drank, ddims);
  bool ok = drank == s.rank;
  for (int32_t i = 0; ok && i < s.rank; ++i) ok = s.d[i] == LB_DYN || ddims[i] == LB_DYN || s.d[i] == ddims[i];
  if (!ok) {
    char have[128], want[128];
    lb_type_format(rt, have, sizeof have);
    lb_type_format(lb_tensor_type(mlirOperationGetContext(op), s.rank, s.d, mlirShapedTypeGetElementType(rt)), want,
                   sizeof want);
    lb_verify_error(v, op, "result type %s does not match the inferred type %s", have, want);
  }
}

static MlirWalkResult lb_verify_walk(MlirOperation op, void *user) {
  /* function arguments are graph inputs: the same rules as op operands */
  MlirStringRef name = mlirIdentifierStr(mlirOperationGetName(op));
  if (name.length == 9 && !memcmp(name.data, "func.func", 9) && mlirOperationGetNumRegions(op) == 1) {
    MlirBlock body = mlirRegionGetFirstBlock(mlirOperationGetRegion(op, 0));
    for (intptr_t i = 0; !mlirBlockIsNull(body) && i < mlirBlockGetNumArguments(body); ++i)
      lb_check_tensor(user, op, mlirBlockGetArgument(body, i), "argument", i);
  }
  lb_verify_op(user, op);
  return MlirWalkResultAdvance;
}

bool lb_op_verifies(MlirOperation op) {
  lb_verifier_t v = {0, true};
  lb_verify_op(&v, op);
  return v.errors == 0;
}

int lb_verify(MlirOperation root) {
  lb_verifier_t v = {0};
  mlirOperationWalk(root, lb_verify_walk, &v, MlirWalkPostOrder);
  return v.errors;
}

lb_status_t lb_module_verify(MlirModule module, const char *filename) {
  MlirContext ctx = mlirModuleGetContext(module);
  lb_diag_capture_t *cap = lb_diag_capture_attach(ctx, filename);
  MlirOperation root = mlirModuleGetOperation(module);
  bool ok = mlirOperationVerify(root) && lb_verify(root) == 0;
  lb_status_t st = ok ? LB_OK : lb_diag_status(cap, "verification failed");
  lb_diag_capture_detach(cap);
  return st;
}
