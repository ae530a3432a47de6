/* Linear layers with constant weights (see linear.h). */
#include "passes/linear.h"

#include <stdlib.h>
#include <string.h>

#include "ir/lb_op.h"

bool lb_linear_match(MlirOperation op, lb_linear_t *l) {
  lb_op_kind_t k = lb_op_get_kind(op);
  if (k != LB_OP_MATMUL && k != LB_OP_GEMM) return false;
  if (mlirOperationGetAttributeByName(op, mlirStringRefCreateFromCString(LB_ATTR_NO_QUANT)).ptr) return false;
  MlirValue w = lb_op_operand(op, 1);
  int32_t r;
  int64_t d[LB_MAX_RANK];
  if (!lb_value_is_constant(w) || lb_value_dtype(w) != LB_DT_F32 || !lb_type_get_shape(mlirValueGetType(w), &r, d) ||
      r != 2)
    return false;
  memset(l, 0, sizeof *l);
  if (k == LB_OP_GEMM) {
    if (lb_op_get_int(op, LB_ATTR_TRANS_A, 0)) return false;
    l->trans_b = lb_op_get_int(op, LB_ATTR_TRANS_B, 0) != 0;
  }
  l->K = l->trans_b ? d[1] : d[0];
  l->N = l->trans_b ? d[0] : d[1];
  if (k == LB_OP_GEMM && mlirOperationGetNumOperands(op) > 2) {
    MlirValue c = lb_op_operand(op, 2);
    int64_t n = lb_value_count(c), cd[LB_MAX_RANK];
    int32_t cr;
    /* one value, or one per output column (a [N, 1] column bias is per row) */
    if (!lb_value_is_constant(c) || lb_value_dtype(c) != LB_DT_F32 || !lb_type_get_shape(mlirValueGetType(c), &cr, cd) ||
        (n != 1 && (n != l->N || cr < 1 || cd[cr - 1] != l->N)))
      return false;
    l->has_bias = true;
  }
  return true;
}

lb_status_t lb_linear_read_weight(MlirOperation op, const lb_linear_t *l, double **w) {
  lb_tensor_t t;
  LB_RETURN_IF_ERROR(lb_value_view_constant(lb_op_operand(op, 1), &t));
  double *m = malloc(sizeof *m * (size_t)(l->K * l->N));
  if (!m) {
    lb_tensor_free(&t);
    return LB_ERROR(LB_STATUS_RESOURCE_EXHAUSTED, "out of memory");
  }
  const float *d = t.data;
  for (int64_t k = 0; k < l->K; ++k)
    for (int64_t n = 0; n < l->N; ++n) m[k * l->N + n] = d[l->trans_b ? n * l->K + k : k * l->N + n];
  lb_tensor_free(&t);
  *w = m;
  return LB_OK;
}

lb_status_t lb_build_f32_constant(lb_builder_t *b, int32_t rank, const int64_t *dims, const double *v, MlirValue *out) {
  lb_tensor_t t;
  if (lb_tensor_alloc(&t, LB_DT_F32, rank, dims)) return LB_ERROR(LB_STATUS_RESOURCE_EXHAUSTED, "out of memory");
  int64_t n = lb_tensor_count(&t);
  for (int64_t i = 0; i < n; ++i) ((float *)t.data)[i] = (float)v[i];
  lb_status_t st = lb_build_constant_tensor(b, &t, out);
  lb_tensor_free(&t);
  return st;
}

lb_status_t lb_replace_const_operand(MlirOperation op, intptr_t i, int32_t rank, const int64_t *dims, const double *v) {
  MlirOperation def = lb_value_def(lb_op_operand(op, i));
  lb_builder_t b = lb_builder_before(op);
  if (!mlirOperationIsNull(def)) b.loc = mlirOperationGetLocation(def);
  MlirValue c;
  LB_RETURN_IF_ERROR(lb_build_f32_constant(&b, rank, dims, v, &c));
  mlirOperationSetOperand(op, i, c);
  return LB_OK;
}

lb_status_t lb_linear_write_weight(MlirOperation op, const lb_linear_t *l, const double *m) {
  int64_t dims[2] = {l->trans_b ? l->N : l->K, l->trans_b ? l->K : l->N};
  if (!l->trans_b) return lb_replace_const_operand(op, 1, 2, dims, m);
  double *t = malloc(sizeof *t * (size_t)(l->K * l->N));
  if (!t) return LB_ERROR(LB_STATUS_RESOURCE_EXHAUSTED, "out of memory");
  for (int64_t k = 0; k < l->K; ++k)
    for (int64_t n = 0; n < l->N; ++n) t[n * l->K + k] = m[k * l->N + n];
  lb_status_t st = lb_replace_const_operand(op, 1, 2, dims, t);
  free(t);
  return st;
}

lb_status_t lb_linear_read_bias(MlirOperation op, const lb_linear_t *l, double **b) {
  double *v = calloc((size_t)l->N + 1, sizeof *v);
  if (!v) return LB_ERROR(LB_STATUS_RESOURCE_EXHAUSTED, "out of memory");
  if (l->has_bias) {
    lb_tensor_t c;
    lb_status_t st = lb_value_view_constant(lb_op_operand(op, 2), &c);
    if (st) {
      free(v);
      return st;
    }
    int64_t cn = lb_tensor_count(&c);
    for (int64_t n = 0; n < l->N; ++n) v[n] = ((const float *)c.data)[cn == 1 ? 0 : n];
    lb_tensor_free(&c);
  }
  *b = v;
  return LB_OK;
}
