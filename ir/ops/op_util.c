#include "ir/ops/op_util.h"

#include "support/checked.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

lb_status_t lb_operand_shape(MlirOperation op, intptr_t i, lb_shape_t *s) {
  if (i >= mlirOperationGetNumOperands(op)) return LB_FAIL("missing operand #%d", (int)i);
  MlirType t = mlirValueGetType(mlirOperationGetOperand(op, i));
  if (!lb_type_get_shape(t, &s->rank, s->d))
    return LB_FAIL("operand #%d must be a ranked tensor of rank <= %d", (int)i, LB_MAX_RANK);
  return LB_OK;
}

lb_status_t lb_infer_same_as_input(MlirOperation op, lb_shape_t *out) { return lb_operand_shape(op, 0, out); }

bool lb_dim_mul(int64_t a, int64_t b, int64_t *out) {
  if (a == LB_DYN || b == LB_DYN) {
    *out = LB_DYN;
    return true;
  }
  return lb_mul_i64(a, b, out);
}

lb_status_t lb_broadcast(const lb_shape_t *a, const lb_shape_t *b, lb_shape_t *out, const char *what) {
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

lb_status_t lb_window_out(int64_t in, int64_t k, int64_t stride, int64_t pad_a, int64_t pad_b, int64_t dil,
                          int ceil_mode, int pads_lt_kernel, int64_t *out) {
  const int64_t big = (int64_t)1 << 40;
  if (k <= 0 || stride <= 0 || dil <= 0 || pad_a < 0 || pad_b < 0)
    return LB_FAIL("kernel, strides and dilations must be positive and pads non-negative");
  if (k > big || stride > big || dil > big || pad_a > big || pad_b > big)
    return LB_ERROR(LB_STATUS_OUT_OF_RANGE, "window attributes above 2^40");
  if (dil > 1 && k - 1 > big / dil) return LB_ERROR(LB_STATUS_OUT_OF_RANGE, "dilated kernel extent above 2^40");
  int64_t span_k = dil * (k - 1) + 1; /* dilated kernel extent, <= 2^40 + 1 */
  if (pads_lt_kernel && (pad_a >= span_k || pad_b >= span_k))
    return LB_FAIL("pads (%lld, %lld) must be smaller than the kernel extent %lld", (long long)pad_a, (long long)pad_b,
                   (long long)span_k);
  if (in == LB_DYN) {
    *out = LB_DYN;
    return LB_OK;
  }
  int64_t padded;
  if (!lb_add_i64(in, pad_a, &padded) || !lb_add_i64(padded, pad_b, &padded))
    return LB_ERROR(LB_STATUS_OUT_OF_RANGE, "padded extent overflows");
  int64_t span = padded - span_k;
  if (span < 0) return LB_FAIL("window of size %lld does not fit input of size %lld", (long long)k, (long long)in);
  int64_t o = ceil_mode ? (span + stride - 1) / stride + 1 : span / stride + 1;
  /* a window may not start in the trailing padding (ceil mode) */
  if (ceil_mode && (o - 1) * stride >= in + pad_a) o--;
  *out = o;
  return LB_OK;
}

lb_vshape_t lb_vshape(MlirValue v) {
  lb_vshape_t s;
  memset(&s, 0, sizeof s);
  s.dt = lb_value_dtype(v);
  lb_type_get_shape(mlirValueGetType(v), &s.rank, s.d);
  return s;
}

int64_t lb_prod(const int64_t *d, int32_t from, int32_t to) {
  int64_t n = 1;
  for (int32_t i = from; i < to; ++i) n *= d[i];
  return n;
}

void lb_bcast_strides(const lb_vshape_t *s, int32_t r, int64_t *strides) {
  for (int32_t i = 0; i < r; ++i) {
    int32_t j = i - (r - s->rank);
    strides[i] = (j >= 0 && s->d[j] != 1) ? lb_prod(s->d, j + 1, s->rank) : 0;
  }
}

bool lb_verify_all_f32(lb_verifier_t *v, MlirOperation op) {
  for (intptr_t i = 0; i < mlirOperationGetNumOperands(op); ++i)
    if (lb_value_dtype(mlirOperationGetOperand(op, i)) != LB_DT_F32) {
      lb_verify_error(v, op, "operand #%d must be a tensor of f32", (int)i);
      return false;
    }
  if (lb_value_dtype(mlirOperationGetResult(op, 0)) != LB_DT_F32) {
    lb_verify_error(v, op, "result must be a tensor of f32");
    return false;
  }
  return true;
}

bool lb_verify_same_elem(lb_verifier_t *v, MlirOperation op) {
  if (lb_value_dtype(mlirOperationGetOperand(op, 0)) == lb_value_dtype(mlirOperationGetResult(op, 0))) return true;
  lb_verify_error(v, op, "result element type must equal the input element type");
  return false;
}

static MlirValue lb_operand_or_result(MlirOperation op, intptr_t i) {
  return i < 0 ? mlirOperationGetResult(op, 0) : mlirOperationGetOperand(op, i);
}

static void lb_verify_name(MlirOperation op, intptr_t i, char *buf, size_t n) {
  (void)op;
  if (i < 0) snprintf(buf, n, "result");
  else snprintf(buf, n, "operand #%d", (int)i);
}

bool lb_verify_dtype_in(lb_verifier_t *v, MlirOperation op, intptr_t i, const lb_dtype_t *dts, const char *what) {
  lb_dtype_t dt = lb_value_dtype(lb_operand_or_result(op, i));
  for (; *dts; ++dts)
    if (*dts == dt) return true;
  char name[32];
  lb_verify_name(op, i, name, sizeof name);
  lb_verify_error(v, op, "%s must be a tensor of %s, got %s", name, what, lb_dtype_name(dt));
  return false;
}

bool lb_verify_int_upto(lb_verifier_t *v, MlirOperation op, intptr_t i, unsigned max_bits) {
  lb_dtype_t dt = lb_value_dtype(lb_operand_or_result(op, i));
  if (lb_dtype_is_int(dt) && lb_dtype_bits(dt) <= max_bits) return true;
  char name[32];
  lb_verify_name(op, i, name, sizeof name);
  lb_verify_error(v, op, "%s must be a tensor of integers of at most %u bits, got %s", name, max_bits,
                  lb_dtype_name(dt));
  return false;
}

/* The dequantize epilogue of lb_lower_requant_epilogue. */
static lb_status_t lb_lower_dequant_epilogue(lb_lower_t *lw, MlirOperation op, int32_t axis, int64_t channels,
                                             lb_epilogue_t *e) {
  MlirOperation dq = lb_lower_sole_user(op, LB_OP_DEQUANTIZE);
  if (mlirOperationIsNull(dq) || lb_value_dtype(lb_op_result(op)) != LB_DT_I32 || mlirOperationGetNumOperands(dq) != 3 ||
      lb_value_dtype(lb_op_result(dq)) != LB_DT_F32 || lb_op_get_int(dq, LB_ATTR_BLOCK_SIZE, 0) > 0 ||
      !lb_value_is_constant(lb_op_operand(dq, 1)) || !lb_value_is_constant(lb_op_operand(dq, 2)))
    return LB_OK;
  int64_t ns = lb_value_count(lb_op_operand(dq, 1)), nz = lb_value_count(lb_op_operand(dq, 2));
  int64_t rank = lb_vshape(lb_op_result(op)).rank, ax = lb_op_get_int(dq, LB_ATTR_AXIS, -1);
  if (ax < 0) ax += rank;
  if ((ns != 1 && (ns != channels || ax != axis)) || (nz != 1 && nz != ns)) return LB_OK;
  lb_tensor_t z;
  LB_RETURN_IF_ERROR(lb_operand_read_as(dq, 2, LB_DT_I64, &z));
  const int64_t *zv = (const int64_t *)z.data;
  bool same = zv[0] >= INT32_MIN && zv[0] <= INT32_MAX;
  for (int64_t i = 1; i < nz; ++i) same = same && zv[i] == zv[0];
  int64_t zp = zv[0];
  lb_tensor_free(&z);
  if (!same) return LB_OK; /* zero points that differ per channel: the dequantize kernel */
  LB_RETURN_IF_ERROR(lb_lower_param_operand(lw, dq, 1, LB_DT_F32, &e->mult, NULL));
  e->op = dq;
  e->dequant = true;
  e->per_channel = ns > 1;
  e->out_zp = (int32_t)zp;
  e->dt = LB_DT_F32;
  return LB_OK;
}

/* The float requantize epilogue of lb_lower_requant_epilogue: rq is an
 * lb.requantize with an f32 scale and no offset. */
static lb_status_t lb_lower_requant_fp_epilogue(lb_lower_t *lw, MlirOperation op, MlirOperation rq, int32_t axis,
                                                int64_t channels, lb_epilogue_t *e) {
  lb_dtype_t dt = lb_value_dtype(lb_op_result(rq));
  if (lb_value_dtype(lb_op_result(op)) != LB_DT_I32 || (dt != LB_DT_I8 && dt != LB_DT_U8) ||
      lb_op_get_int(rq, LB_ATTR_BLOCK_SIZE, 0) > 0 || !lb_value_is_constant(lb_op_operand(rq, 1)) ||
      !lb_value_is_constant(lb_op_operand(rq, 2)) || lb_value_count(lb_op_operand(rq, 2)) != 1)
    return LB_OK;
  int64_t ns = lb_value_count(lb_op_operand(rq, 1));
  int64_t rank = lb_vshape(lb_op_result(op)).rank, ax = lb_op_get_int(rq, LB_ATTR_AXIS, -1);
  if (ax < 0) ax += rank;
  if (ns != 1 && (ns != channels || ax != axis)) return LB_OK;
  int64_t zp;
  LB_RETURN_IF_ERROR(lb_operand_read_scalar_int(rq, 2, &zp));
  LB_RETURN_IF_ERROR(lb_lower_param_operand(lw, rq, 1, LB_DT_F32, &e->mult, NULL));
  e->op = rq;
  e->fp = true;
  e->per_channel = ns > 1;
  e->out_zp = (int32_t)zp;
  e->qmin = (int32_t)lb_dtype_min(dt);
  e->qmax = (int32_t)lb_dtype_max(dt);
  e->dt = dt;
  return LB_OK;
}

lb_status_t lb_lower_requant_epilogue(lb_lower_t *lw, MlirOperation op, int32_t axis, int64_t channels, bool floats,
                                      lb_epilogue_t *e) {
  memset(e, 0, sizeof *e);
  MlirOperation rq = lb_lower_sole_user(op, LB_OP_REQUANTIZE);
  if (mlirOperationIsNull(rq) && floats) return lb_lower_dequant_epilogue(lw, op, axis, channels, e);
  if (!mlirOperationIsNull(rq) && floats && mlirOperationGetNumOperands(rq) == 3 &&
      lb_value_dtype(lb_op_operand(rq, 1)) == LB_DT_F32)
    return lb_lower_requant_fp_epilogue(lw, op, rq, axis, channels, e);
  if (mlirOperationIsNull(rq) || lb_value_dtype(lb_op_result(op)) != LB_DT_I32 ||
      mlirOperationGetNumOperands(rq) != 4 || lb_value_dtype(lb_op_operand(rq, 1)) != LB_DT_I32)
    return LB_OK;
  lb_dtype_t dt = lb_value_dtype(lb_op_result(rq));
  if (dt != LB_DT_I8 && dt != LB_DT_U8) return LB_OK;
  for (intptr_t i = 1; i < 4; ++i)
    if (!lb_value_is_constant(lb_op_operand(rq, i))) return LB_OK;
  int64_t nm = lb_value_count(lb_op_operand(rq, 1)), ns = lb_value_count(lb_op_operand(rq, 2));
  int64_t rank = lb_vshape(lb_op_result(op)).rank, ax = lb_op_get_int(rq, LB_ATTR_AXIS, -1);
  if (ax < 0) ax += rank;
  if (nm != ns || (nm != 1 && (nm != channels || ax != axis)) || lb_value_count(lb_op_operand(rq, 3)) != 1) return LB_OK;
  int64_t zp;
  LB_RETURN_IF_ERROR(lb_operand_read_scalar_int(rq, 3, &zp));
  LB_RETURN_IF_ERROR(lb_lower_param_operand(lw, rq, 1, LB_DT_I32, &e->mult, NULL));
  LB_RETURN_IF_ERROR(lb_lower_param_operand(lw, rq, 2, LB_DT_I32, &e->shift, NULL));
  e->op = rq;
  e->per_channel = nm > 1;
  e->out_zp = (int32_t)zp;
  e->qmin = (int32_t)lb_dtype_min(dt);
  e->qmax = (int32_t)lb_dtype_max(dt);
  e->dt = dt;
  return LB_OK;
}

lb_status_t lb_zero_point_compensation(MlirOperation op, intptr_t iw, intptr_t iz, intptr_t iwz, intptr_t ib, int64_t N,
                                       int64_t K, int64_t z_offset, lb_tensor_t *comp) {
  lb_tensor_t w = {0}, z = {0}, wz = {0}, bias = {0};
  memset(comp, 0, sizeof *comp);
  lb_status_t st = lb_value_view_constant(lb_op_operand(op, iw), &w);
  if (!st) st = lb_operand_read_as(op, iz, LB_DT_I64, &z);
  if (!st) st = lb_operand_read_as(op, iwz, LB_DT_I64, &wz);
  if (!st && ib >= 0) st = lb_operand_read_as(op, ib, LB_DT_I64, &bias);
  if (!st && lb_tensor_count(&w) != N * K) st = LB_ERROR(LB_STATUS_INTERNAL, "weight is not [%lld, %lld]", (long long)N, (long long)K);
  int64_t dims[1] = {N};
  if (!st && lb_tensor_alloc(comp, LB_DT_I64, 1, dims)) st = LB_ERROR(LB_STATUS_RESOURCE_EXHAUSTED, "out of memory");
  if (!st) {
    int64_t za = ((const int64_t *)z.data)[0] + z_offset, nwz = lb_tensor_count(&wz);
    for (int64_t n = 0; n < N; ++n) {
      int64_t rowsum = 0;
      for (int64_t k = 0; k < K; ++k) rowsum += lb_dtype_load_int(w.dtype, w.data, n * K + k);
      int64_t zb = ((const int64_t *)wz.data)[nwz > 1 ? n : 0];
      ((int64_t *)comp->data)[n] = (bias.data ? ((const int64_t *)bias.data)[n] : 0) - za * rowsum + K * za * zb;
    }
  }
  lb_tensor_free(&w);
  lb_tensor_free(&z);
  lb_tensor_free(&wz);
  lb_tensor_free(&bias);
  if (st) {
    lb_tensor_free(comp);
    return lb_op_annotate(op, st);
  }
  return LB_OK;
}

lb_status_t lb_lower_padded_weight(lb_lower_t *lw, MlirOperation op, intptr_t iw, int64_t N, int64_t K, int64_t Kp,
                                   int32_t *id) {
  if (Kp == K) return lb_lower_operand(lw, op, iw, id);
  lb_tensor_t w, t;
  lb_status_t st = lb_value_view_constant(lb_op_operand(op, iw), &w);
  if (st) return lb_op_annotate(op, st);
  int64_t dims[2] = {N, Kp};
  size_t es = lb_dtype_size(w.dtype);
  if (lb_tensor_count(&w) != N * K) {
    lb_tensor_free(&w);
    return lb_op_error(op, LB_STATUS_INTERNAL, "weight is not [%lld, %lld]", (long long)N, (long long)K);
  }
  if (lb_tensor_alloc(&t, w.dtype, 2, dims)) {
    lb_tensor_free(&w);
    return lb_op_error(op, LB_STATUS_RESOURCE_EXHAUSTED, "out of memory padding the weight");
  }
  memset(t.data, 0, (size_t)(N * Kp) * es);
  for (int64_t n = 0; n < N; ++n)
    memcpy((char *)t.data + (size_t)(n * Kp) * es, (const char *)w.data + (size_t)(n * K) * es, (size_t)K * es);
  lb_tensor_free(&w);
  return lb_lower_const_tensor(lw, lb_value_def(lb_op_operand(op, iw)), &t, "k_padded", id);
}

lb_status_t lb_lower_qgemm_step(lb_lower_t *lw, MlirOperation op, const lb_epilogue_t *e, const char *base,
                                const char *types, void *params, const lb_params_desc_t *desc, int32_t *mult_per_channel,
                                int32_t *out_zp, int32_t *qmin, int32_t *qmax, int32_t *in, int32_t ws) {
  char kernel[48];
  if (mlirOperationIsNull(e->op)) {
    in[4] = ws;
    snprintf(kernel, sizeof kernel, "%s_%s", base, types);
    return lb_lower_step(lw, op, kernel, params, desc, in, 5);
  }
  *mult_per_channel = e->per_channel;
  *out_zp = e->out_zp;
  if (e->dequant) {
    in[4] = e->mult;
    in[5] = ws;
    snprintf(kernel, sizeof kernel, "%s_dq_%s", base, types);
    return lb_lower_step_fused(lw, op, e->op, kernel, params, desc, in, 6);
  }
  *qmin = e->qmin;
  *qmax = e->qmax;
  if (e->fp) {
    in[4] = e->mult;
    in[5] = ws;
    snprintf(kernel, sizeof kernel, "%s_rqf_%s_%s", base, types, lb_int8_suffix(e->dt));
    return lb_lower_step_fused(lw, op, e->op, kernel, params, desc, in, 6);
  }
  in[4] = e->mult;
  in[5] = e->shift;
  in[6] = ws;
  snprintf(kernel, sizeof kernel, "%s_rq_%s_%s", base, types, lb_int8_suffix(e->dt));
  return lb_lower_step_fused(lw, op, e->op, kernel, params, desc, in, 7);
}

const char *lb_int8_suffix(lb_dtype_t dt) { return lb_dtype_is_signed(dt) ? "i8" : "u8"; }

int64_t lb_dtype_max_offset(lb_dtype_t dt, int64_t zp) {
  int64_t a = zp - lb_dtype_min(dt), b = lb_dtype_max(dt) - zp;
  return a > b ? a : b;
}

int64_t lb_zp_max_offset(lb_dtype_t dt, const lb_tensor_t *zp) {
  if (!zp) return lb_dtype_max(dt) - lb_dtype_min(dt);
  int64_t worst = 0;
  for (int64_t i = 0; i < lb_tensor_count(zp); ++i) {
    int64_t o = lb_dtype_max_offset(dt, lb_dtype_load_int(zp->dtype, zp->data, i));
    if (o > worst) worst = o;
  }
  return worst;
}

/* Element i of an integer tensor, from its container. */
static inline int64_t lb_load_container(const void *d, size_t es, bool sgn, int64_t i) {
  switch (es) {
    case 1: return sgn ? ((const int8_t *)d)[i] : ((const uint8_t *)d)[i];
    case 2: return sgn ? ((const int16_t *)d)[i] : ((const uint16_t *)d)[i];
    case 4: return sgn ? (int64_t)((const int32_t *)d)[i] : (int64_t)((const uint32_t *)d)[i];
    default: return ((const int64_t *)d)[i];
  }
}

int64_t lb_acc_bound(const lb_tensor_t *w, int64_t nout, int64_t K, int64_t kstride, int64_t cstride, int64_t nbatch,
                     int64_t bstride, lb_dtype_t wdt, const lb_tensor_t *w_zp, int64_t xmax, const lb_tensor_t *bias,
                     bool has_bias) {
  int64_t worst = 0;
  bool zk = w_zp != NULL;
  int64_t *sums = w ? calloc((size_t)(nout > 0 ? nout : 1), sizeof(int64_t)) : NULL;
  if (w && !sums) return INT64_MAX; /* out of memory: assume the worst (i64 accumulators) */
  size_t es = w ? lb_dtype_size(w->dtype) : 0;
  bool sgn = w && lb_dtype_is_signed(w->dtype);
  for (int64_t b = 0; b < nbatch; ++b) {
    if (w) {
      /* sum over k of |w - zp| per output channel, in the weight's memory
       * order (for a matmul's K x N weight, k outside c) */
      memset(sums, 0, sizeof(int64_t) * (size_t)nout);
      int64_t nz = zk ? lb_tensor_count(w_zp) : 0;
      if (kstride >= cstride) {
        for (int64_t k = 0; k < K; ++k)
          for (int64_t c = 0; c < nout; ++c) {
            int64_t wv = lb_load_container(w->data, es, sgn, b * bstride + c * cstride + k * kstride);
            int64_t o = zk ? llabs(wv - lb_dtype_load_int(w_zp->dtype, w_zp->data, nz == 1 ? 0 : c))
                           : lb_dtype_max_offset(wdt, wv);
            sums[c] = lb_sat_add_i64(sums[c], o);
          }
      } else {
        for (int64_t c = 0; c < nout; ++c) {
          int64_t z = zk ? lb_dtype_load_int(w_zp->dtype, w_zp->data, nz == 1 ? 0 : c) : 0;
          for (int64_t k = 0; k < K; ++k) {
            int64_t wv = lb_load_container(w->data, es, sgn, b * bstride + c * cstride + k * kstride);
            sums[c] = lb_sat_add_i64(sums[c], zk ? llabs(wv - z) : lb_dtype_max_offset(wdt, wv));
          }
        }
      }
    }
    for (int64_t c = 0; c < nout; ++c) {
      int64_t bmag = !has_bias ? 0
                     : bias    ? llabs(lb_dtype_load_int(bias->dtype, bias->data, lb_tensor_count(bias) == 1 ? 0 : c))
                               : ((int64_t)1 << 31);
      int64_t z = zk ? lb_dtype_load_int(w_zp->dtype, w_zp->data, lb_tensor_count(w_zp) == 1 ? 0 : c) : 0;
      int64_t wmax = zk ? lb_dtype_max_offset(wdt, z) : lb_dtype_max(wdt) - lb_dtype_min(wdt);
      int64_t sum = w ? sums[c] : lb_sat_mul_i64(K, wmax);
      int64_t total = lb_sat_add_i64(bmag, lb_sat_mul_i64(sum, xmax));
      if (total > worst) worst = total;
    }
  }
  free(sums);
  return worst;
}

bool lb_read_constant_if_any(MlirValue v, lb_tensor_t *out) {
  lb_status_t st = lb_value_view_constant(v, out);
  if (!st) return true;
  lb_status_free(st);
  memset(out, 0, sizeof *out);
  return false;
}

lb_status_t lb_check_acc32(MlirOperation op, lb_status_t (*bound)(MlirOperation, int64_t *)) {
  int64_t b;
  LB_RETURN_IF_ERROR(bound(op, &b));
  if (b <= INT32_MAX) return LB_OK;
  return lb_op_error(op, LB_STATUS_INVALID_ARGUMENT,
                     "the int32 accumulator can reach %lld (from the weights, zero points and bias); the result must "
                     "be i64",
                     (long long)b);
}

lb_status_t lb_acc_widen_if_needed(MlirValue acc, bool *widened) {
  MlirOperation op = lb_value_def(acc);
  const lb_op_desc_t *d = lb_op_desc(op);
  int64_t bound = 0;
  if (widened) *widened = false;
  if (!d || !d->acc_bound) return LB_ERROR(LB_STATUS_INTERNAL, "value is not an integer accumulator");
  LB_RETURN_IF_ERROR(d->acc_bound(op, &bound));
  if (bound <= INT32_MAX) return LB_OK;
  int32_t r;
  int64_t dims[LB_MAX_RANK];
  lb_type_get_shape(mlirValueGetType(acc), &r, dims);
  MlirContext ctx = mlirTypeGetContext(mlirValueGetType(acc));
  mlirValueSetType(acc, lb_tensor_type(ctx, r, dims, mlirIntegerTypeGet(ctx, 64)));
  if (widened) *widened = true;
  return LB_OK;
}
