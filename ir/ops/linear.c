/* lb.matmul, lb.gemm (float) and lb.qmatmul (int8): matrix products. */
#include "ir/ops/op_util.h"
#include "runtime/kernels/matmul.h"
#include "runtime/kernels/qgemm.h"

/* ---- shapes ---- */

static lb_status_t infer_matmul(MlirOperation op, lb_shape_t *out) {
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

/* b_layout "nk" (lb-pack-layout): b is a rank-2 [N, K] weight. */
static bool qmatmul_nk(MlirOperation op) {
  char buf[8];
  return !strcmp(lb_op_get_str(op, LB_ATTR_B_LAYOUT, buf, sizeof buf, "kn"), "nk");
}

static lb_status_t infer_qmatmul(MlirOperation op, lb_shape_t *out) {
  if (qmatmul_nk(op)) {
    lb_shape_t a, b;
    LB_RETURN_IF_ERROR(lb_operand_shape(op, 0, &a));
    LB_RETURN_IF_ERROR(lb_operand_shape(op, 1, &b));
    if (a.rank < 2 || b.rank != 2) return LB_FAIL("b_layout nk needs a of rank >= 2 and b of rank 2 ([N, K])");
    if (a.d[a.rank - 1] != LB_DYN && b.d[1] != LB_DYN && a.d[a.rank - 1] != b.d[1])
      return LB_FAIL("contracting dimensions differ (%lld vs %lld)", (long long)a.d[a.rank - 1], (long long)b.d[1]);
    *out = a;
    out->d[out->rank - 1] = b.d[0];
  } else {
    LB_RETURN_IF_ERROR(infer_matmul(op, out));
  }
  if (mlirOperationGetNumOperands(op) > 4) {
    lb_shape_t bs;
    LB_RETURN_IF_ERROR(lb_operand_shape(op, 4, &bs));
    int64_t n = out->d[out->rank - 1];
    if (bs.rank != 1 || (bs.d[0] != n && n != LB_DYN)) return LB_FAIL("bias must have shape [%lld]", (long long)n);
  }
  return LB_OK;
}

static lb_status_t infer_gemm(MlirOperation op, lb_shape_t *out) {
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
    if ((tmp.d[0] != out->d[0] && out->d[0] != LB_DYN) || (tmp.d[1] != out->d[1] && out->d[1] != LB_DYN))
      return LB_FAIL("bias does not broadcast to the output");
  }
  return LB_OK;
}

/* ---- verification ---- */

static void verify_float(lb_verifier_t *v, MlirOperation op) {
  if (!lb_verify_all_f32(v, op)) return;
  int64_t ta = lb_op_get_int(op, LB_ATTR_TRANS_A, 0), tb = lb_op_get_int(op, LB_ATTR_TRANS_B, 0);
  if ((ta != 0 && ta != 1) || (tb != 0 && tb != 1)) lb_verify_error(v, op, "trans_a and trans_b must be 0 or 1");
}

/* a and b are i8 or u8, each zero point of its operand's type: a's one or
 * one per row (M), b's one or one per column (N). */
static void verify_qmatmul(lb_verifier_t *v, MlirOperation op) {
  static const lb_dtype_t x8[] = {LB_DT_I8, LB_DT_U8, LB_DT_INVALID}, i32[] = {LB_DT_I32, LB_DT_INVALID};
  for (intptr_t i = 0; i < 2; ++i)
    if (!lb_verify_dtype_in(v, op, i, x8, "i8 or ui8")) return;
  for (intptr_t i = 2; i < 4; ++i)
    if (lb_value_dtype(lb_op_operand(op, i)) != lb_value_dtype(lb_op_operand(op, i - 2))) {
      lb_verify_error(v, op, "zero point #%d must have the element type of its operand", (int)(i - 2));
      return;
    }
  lb_vshape_t a = lb_vshape(lb_op_operand(op, 0)), b = lb_vshape(lb_op_operand(op, 1)),
              az = lb_vshape(lb_op_operand(op, 2)), bz = lb_vshape(lb_op_operand(op, 3));
  int64_t naz = lb_value_count(lb_op_operand(op, 2)), nbz = lb_value_count(lb_op_operand(op, 3));
  char buf[64];
  const char *layout = lb_op_get_str(op, LB_ATTR_B_LAYOUT, buf, sizeof buf, "kn");
  bool nk = !strcmp(layout, "nk");
  if (!nk && strcmp(layout, "kn")) {
    lb_verify_error(v, op, "b_layout must be \"kn\" or \"nk\", got \"%s\"", layout);
    return;
  }
  int64_t ncol = nk ? b.d[0] : b.d[b.rank - 1];
  if (az.rank > 1 || bz.rank > 1 || (naz != 1 && (a.rank < 2 || naz != a.d[a.rank - 2])) ||
      (nbz != 1 && nbz != ncol)) {
    lb_verify_error(v, op, "zero points must be single elements (a's may have one per row, b's one per column)");
    return;
  }
  if (mlirOperationGetNumOperands(op) > 4 && !lb_verify_dtype_in(v, op, 4, i32, "i32")) return;
  if (nk && (naz != 1 || b.d[1] > 33025)) {
    lb_verify_error(v, op, "b_layout nk needs a single a zero point and K <= 33025 (raw int32 dot products)");
    return;
  }
  static const lb_dtype_t acc[] = {LB_DT_I32, LB_DT_I64, LB_DT_INVALID};
  lb_verify_dtype_in(v, op, -1, acc, "i32 or i64 (the accumulator)");
}

/* |a - a_zp| from a's type and zero point; the weight, its zero points and
 * the bias from constants when they are constants, worst case otherwise. */
static lb_status_t acc_bound_qmatmul(MlirOperation op, int64_t *bound) {
  lb_vshape_t b = lb_vshape(lb_op_operand(op, 1));
  bool nk = qmatmul_nk(op);
  int64_t K = nk ? b.d[1] : b.d[b.rank - 2], N = nk ? b.d[0] : b.d[b.rank - 1], nb = nk ? 1 : lb_prod(b.d, 0, b.rank - 2);
  lb_tensor_t w = {0}, bias = {0}, az = {0}, bz = {0};
  bool has_w = lb_read_constant_if_any(lb_op_operand(op, 1), &w);
  bool has_az = lb_read_constant_if_any(lb_op_operand(op, 2), &az);
  bool has_bz = lb_read_constant_if_any(lb_op_operand(op, 3), &bz);
  bool has_bias = mlirOperationGetNumOperands(op) > 4;
  bool const_bias = has_bias && lb_read_constant_if_any(lb_op_operand(op, 4), &bias);
  int64_t amax = lb_zp_max_offset(lb_value_dtype(lb_op_operand(op, 0)), has_az ? &az : NULL);
  *bound = lb_acc_bound(has_w ? &w : NULL, N, K, nk ? 1 : N, nk ? K : 1, nb, K * N, lb_value_dtype(lb_op_operand(op, 1)),
                        has_bz ? &bz : NULL, amax, const_bias ? &bias : NULL, has_bias);
  lb_tensor_free(&w);
  lb_tensor_free(&bias);
  lb_tensor_free(&az);
  lb_tensor_free(&bz);
  return LB_OK;
}

/* ---- lowering ---- */

static void matmul_params(MlirOperation op, lb_matmul_params_t *m) {
  lb_vshape_t a = lb_vshape(lb_op_operand(op, 0)), b = lb_vshape(lb_op_operand(op, 1)),
              y = lb_vshape(lb_op_result(op));
  memset(m, 0, sizeof *m);
  m->M = a.d[a.rank - 2];
  m->K = a.d[a.rank - 1];
  m->N = b.d[b.rank - 1];
  m->batch_rank = y.rank - 2;
  for (int32_t i = 0; i < m->batch_rank; ++i) {
    m->batch_dims[i] = y.d[i];
    int32_t ia = i - (y.rank - a.rank), ib = i - (y.rank - b.rank);
    m->a_bstride[i] = (ia >= 0 && a.d[ia] != 1) ? lb_prod(a.d, ia + 1, a.rank) : 0;
    m->b_bstride[i] = (ib >= 0 && b.d[ib] != 1) ? lb_prod(b.d, ib + 1, b.rank) : 0;
  }
}

static lb_status_t lower_matmul(lb_lower_t *lw, MlirOperation op) {
  lb_matmul_params_t p;
  matmul_params(op, &p);
  return lb_lower_step_operands(lw, op, "matmul_f32", &p, &lb_matmul_params_desc);
}

/* A signed 8-bit [N, K] weight whose codes all lie in [-8, 7] (a 4-bit
 * quantized weight, held in 8-bit containers since lb-lower-quantized) is
 * stored packed, two codes per byte, [N, Kp / 2]: in each chunk of 64
 * codes byte j holds code j (low nibble) and code j + 32 (high nibble),
 * zero past K ("<weight>.packed4"); the nk4 kernels unpack it in blocks.
 * *four says whether it did. */
/* Sub-byte packing of an int8 [N, K] weight whose codes fit 2, 3 or 4 bits
 * (qgemm.c, per chunk of 64 codes: 4-bit, byte j holds codes j and j + 32;
 * 2-bit, codes j, j + 16, j + 32, j + 48; 3-bit, every 3 bytes 8 codes in
 * order); *bits stays 8 otherwise. */
static lb_status_t lower_packed_weight(lb_lower_t *lw, MlirOperation op, int64_t N, int64_t K, int64_t Kp, int32_t *id,
                                       int *bits) {
  lb_tensor_t w, t;
  *bits = 8;
  lb_status_t st = lb_value_view_constant(lb_op_operand(op, 1), &w);
  if (st) return lb_op_annotate(op, st);
  const int8_t *c = w.data;
  bool fits4 = w.dtype == LB_DT_I8 && lb_tensor_count(&w) == N * K, fits3 = fits4, fits2 = fits4;
  for (int64_t i = 0; fits4 && i < N * K; ++i) {
    fits4 = c[i] >= -8 && c[i] <= 7;
    fits3 = fits3 && c[i] >= -4 && c[i] <= 3;
    fits2 = fits2 && c[i] >= -2 && c[i] <= 1;
  }
  int b = fits2 ? 2 : fits3 ? 3 : 4;
  int64_t row = Kp / 8 * b, dims[2] = {N, row}; /* bytes per row */
  if (!fits4 || lb_tensor_alloc(&t, LB_DT_U8, 2, dims)) {
    lb_tensor_free(&w);
    return fits4 ? lb_op_error(op, LB_STATUS_RESOURCE_EXHAUSTED, "out of memory packing the weight") : LB_OK;
  }
  uint8_t *out = t.data;
  memset(out, 0, (size_t)(N * row));
  for (int64_t n = 0; n < N; ++n)
    for (int64_t k = 0; k < K; ++k) {
      int64_t chunk = k / 64 * 64, j = k - chunk;
      uint8_t code = (uint8_t)(c[n * K + k] & ((1 << b) - 1));
      uint8_t *o = out + n * row + chunk / 8 * b;
      if (b == 3) { /* bits 3j.. of the chunk's 24-byte stream */
        int64_t bit = 3 * j;
        o[bit / 8] |= (uint8_t)(code << (bit % 8));
        if (bit % 8 > 5) o[bit / 8 + 1] |= (uint8_t)(code >> (8 - bit % 8));
      } else {
        int64_t lane = 64 / (8 / b); /* codes j, j + lane, ... share byte j % lane */
        o[j % lane] |= (uint8_t)(code << (b * (j / lane)));
      }
    }
  lb_tensor_free(&w);
  *bits = b;
  return lb_lower_const_tensor(lw, lb_value_def(lb_op_operand(op, 1)), &t,
                               b == 2 ? "packed2" : b == 3 ? "packed3" : "packed4", id);
}

/* b_layout nk: one kernel over all rows of a (b is shared), with the
 * zero-point compensation comp[n] = bias[n] - za * sum_k b[n][k]
 * + K * za * b_zp[n] (za = a_zp, + 128 for signed x signed) computed here,
 * once (runtime/kernels/qgemm.h). A fixed-point requantize that alone
 * consumes the result is fused into the kernel's store, and so is a
 * dequantize to f32 (the last layer of a float model, a QDQ layer's
 * output): no int32 tensor between them. */
static lb_status_t lower_qmatmul_nk(lb_lower_t *lw, MlirOperation op) {
  lb_vshape_t a = lb_vshape(lb_op_operand(op, 0)), b = lb_vshape(lb_op_operand(op, 1));
  if (lb_value_dtype(lb_op_result(op)) != LB_DT_I32)
    return lb_op_error(op, LB_STATUS_UNIMPLEMENTED, "b_layout nk accumulates in i32 only");
  LB_RETURN_IF_ERROR(lb_check_acc32(op, acc_bound_qmatmul));
  if (!lb_value_is_constant(lb_op_operand(op, 1)) || !lb_value_is_constant(lb_op_operand(op, 2)))
    return lb_op_error(op, LB_STATUS_INVALID_ARGUMENT,
                       "b_layout \"nk\" needs a constant weight and a zero point (lb-pack-layout sets it only then)");
  lb_dtype_t adt = lb_value_dtype(lb_op_operand(op, 0)), bdt = lb_value_dtype(lb_op_operand(op, 1));
  bool flip = adt == LB_DT_I8 && bdt == LB_DT_I8;
  lb_qgemm_params_t p;
  memset(&p, 0, sizeof p);
  p.M = lb_prod(a.d, 0, a.rank - 1);
  p.K = b.d[1];
  p.N = b.d[0];
  p.Kp = (p.K + LB_QG_KALIGN - 1) / LB_QG_KALIGN * LB_QG_KALIGN;
  p.b_zp_per_column = lb_value_count(lb_op_operand(op, 3)) > 1;
  int32_t in[7] = {-1, -1, -1, -1, -1, -1, -1};
  int wbits = 8;
  LB_RETURN_IF_ERROR(lb_lower_operand(lw, op, 0, &in[0]));
  if (bdt == LB_DT_I8) LB_RETURN_IF_ERROR(lower_packed_weight(lw, op, p.N, p.K, p.Kp, &in[1], &wbits));
  bool four = wbits < 8;
  if (!four) LB_RETURN_IF_ERROR(lb_lower_padded_weight(lw, op, 1, p.N, p.K, p.Kp, &in[1]));
  LB_RETURN_IF_ERROR(lb_lower_param_operand(lw, op, 3, LB_DT_I32, &in[2], NULL));
  lb_tensor_t comp = {0}; /* owned until lb_lower_const_tensor takes it */
  LB_RETURN_IF_ERROR(lb_zero_point_compensation(op, 1, 2, 3, mlirOperationGetNumOperands(op) > 4 ? 4 : -1, p.N, p.K,
                                                flip ? 128 : 0, &comp));
  /* named after the weight: "<weight>.zero_point_compensation" */
  LB_RETURN_IF_ERROR(
      lb_lower_const_tensor(lw, lb_value_def(lb_op_operand(op, 1)), &comp, "zero_point_compensation", &in[3]));
  lb_epilogue_t e;
  LB_RETURN_IF_ERROR(lb_lower_requant_epilogue(lw, op, a.rank - 1, p.N, true, &e));
  int32_t ws;
  LB_RETURN_IF_ERROR(lb_lower_workspace(lw, op, four ? LB_QG_WORKSPACE4(p.Kp) : LB_QG_WORKSPACE(p.Kp), &ws));
  char types[8];
  snprintf(types, sizeof types, "%s%s", lb_int8_suffix(adt), four ? "" : lb_int8_suffix(bdt));
  return lb_lower_qgemm_step(lw, op, &e, wbits == 2 ? "qmatmul_nk2" : wbits == 3 ? "qmatmul_nk3" : four ? "qmatmul_nk4" : "qmatmul_nk", types, &p,
                             &lb_qgemm_params_desc,
                             &p.mult_per_channel, &p.out_zp, &p.qmin, &p.qmax, in, ws);
}

static lb_status_t lower_qmatmul(lb_lower_t *lw, MlirOperation op) {
  /* the kernels index the zero points by row and column: their counts are
   * checked here too, not only by the verifier (shapes may have been
   * specialized since it ran) */
  lb_vshape_t av = lb_vshape(lb_op_operand(op, 0)), bv = lb_vshape(lb_op_operand(op, 1));
  int64_t naz = lb_value_count(lb_op_operand(op, 2)), nbz = lb_value_count(lb_op_operand(op, 3));
  int64_t ncol = qmatmul_nk(op) ? bv.d[0] : bv.d[bv.rank - 1];
  if ((naz != 1 && (av.rank < 2 || naz != av.d[av.rank - 2])) || (nbz != 1 && nbz != ncol))
    return lb_op_error(op, LB_STATUS_INVALID_ARGUMENT,
                       "zero points have %lld and %lld elements; a needs 1 or one per row, b 1 or one per column",
                       (long long)naz, (long long)nbz);
  if (qmatmul_nk(op)) return lower_qmatmul_nk(lw, op);
  lb_matmul_params_t p;
  matmul_params(op, &p);
  p.b_zp_per_column = lb_value_count(lb_op_operand(op, 3)) > 1;
  p.a_zp_per_row = lb_value_count(lb_op_operand(op, 2)) > 1;
  p.has_bias = mlirOperationGetNumOperands(op) > 4;
  bool wide = lb_value_dtype(lb_op_result(op)) == LB_DT_I64;
  if (!wide) LB_RETURN_IF_ERROR(lb_check_acc32(op, acc_bound_qmatmul));
  int32_t in[5] = {-1, -1, -1, -1, -1};
  LB_RETURN_IF_ERROR(lb_lower_operand(lw, op, 0, &in[0]));
  LB_RETURN_IF_ERROR(lb_lower_operand(lw, op, 1, &in[1]));
  LB_RETURN_IF_ERROR(lb_lower_param_operand(lw, op, 2, LB_DT_I32, &in[2], NULL));
  LB_RETURN_IF_ERROR(lb_lower_param_operand(lw, op, 3, LB_DT_I32, &in[3], NULL));
  if (p.has_bias) LB_RETURN_IF_ERROR(lb_lower_operand(lw, op, 4, &in[4]));
  char kernel[32];
  snprintf(kernel, sizeof kernel, "qmatmul_%s%s%s", lb_int8_suffix(lb_value_dtype(lb_op_operand(op, 0))),
           lb_int8_suffix(lb_value_dtype(lb_op_operand(op, 1))), wide ? "_i64" : "");
  return lb_lower_step(lw, op, kernel, &p, &lb_matmul_params_desc, in, 5);
}

static lb_status_t lower_gemm(lb_lower_t *lw, MlirOperation op) {
  lb_vshape_t a = lb_vshape(lb_op_operand(op, 0)), y = lb_vshape(lb_op_result(op));
  lb_gemm_params_t g = {
      .M = y.d[0],
      .N = y.d[1],
      .trans_a = (int32_t)lb_op_get_int(op, LB_ATTR_TRANS_A, 0),
      .trans_b = (int32_t)lb_op_get_int(op, LB_ATTR_TRANS_B, 0),
      .alpha = (float)lb_op_get_float(op, LB_ATTR_ALPHA, 1.0),
      .beta = (float)lb_op_get_float(op, LB_ATTR_BETA, 1.0),
  };
  g.K = g.trans_a ? a.d[0] : a.d[1];
  int32_t in[3] = {-1, -1, -1};
  LB_RETURN_IF_ERROR(lb_lower_operand(lw, op, 0, &in[0]));
  LB_RETURN_IF_ERROR(lb_lower_operand(lw, op, 1, &in[1]));
  if (mlirOperationGetNumOperands(op) > 2) {
    lb_vshape_t c = lb_vshape(lb_op_operand(op, 2));
    int64_t cn = lb_prod(c.d, 0, c.rank);
    if (cn == 1) g.c_mode = 1;
    else if (c.rank == 2 && c.d[0] == g.M && c.d[1] == g.N) g.c_mode = 4;
    else if (c.d[c.rank - 1] == g.N && cn == g.N) g.c_mode = 2;
    else g.c_mode = 3;
    LB_RETURN_IF_ERROR(lb_lower_operand(lw, op, 2, &in[2]));
  }
  return lb_lower_step(lw, op, "gemm_f32", &g, &lb_gemm_params_desc, in, 3);
}

/* ---- quantization hooks ---- */

static int64_t last_axis(MlirOperation op) {
  int32_t r;
  int64_t d[LB_MAX_RANK];
  return lb_type_get_shape(mlirValueGetType(lb_op_result(op)), &r, d) ? r - 1 : -1;
}

static bool weight_shape(MlirOperation op, intptr_t i, int64_t *d0, int64_t *d1) {
  int32_t r;
  int64_t d[LB_MAX_RANK];
  if (!lb_type_get_shape(mlirValueGetType(lb_op_operand(op, i)), &r, d) || r != 2) return false;
  *d0 = d[0];
  *d1 = d[1];
  return true;
}

/* matmul with a 2-D weight [K, N]: per-output-channel axis 1. */
static bool quant_matmul(MlirOperation op, lb_quant_operands_t *q) {
  int64_t k, n;
  if (!weight_shape(op, 1, &k, &n)) return false;
  *q = (lb_quant_operands_t){.input = 0, .weight = 1, .weight_axis = 1, .bias = -1, .nout = n};
  return true;
}

/* gemm without transposed A and with alpha = beta = 1 (the integer form has
 * no scalar factors); transB weights [N, K] have channel axis 0. */
static bool quant_gemm(MlirOperation op, lb_quant_operands_t *q) {
  int64_t d0, d1;
  bool has_c = mlirOperationGetNumOperands(op) > 2;
  if (lb_op_get_int(op, LB_ATTR_TRANS_A, 0) || lb_op_get_float(op, LB_ATTR_ALPHA, 1.0) != 1.0 ||
      (has_c && lb_op_get_float(op, LB_ATTR_BETA, 1.0) != 1.0) || !weight_shape(op, 1, &d0, &d1))
    return false;
  bool tb = lb_op_get_int(op, LB_ATTR_TRANS_B, 0) != 0;
  int64_t nout = tb ? d0 : d1;
  if (has_c) {
    /* the integer form adds a per-output-column bias: C must be [N], [1, N]
     * or a single value (a column [M, 1] or full [M, N] C stays float) */
    int32_t r;
    int64_t d[LB_MAX_RANK];
    if (!lb_type_get_shape(mlirValueGetType(lb_op_operand(op, 2)), &r, d)) return false;
    int64_t n = lb_prod(d, 0, r);
    bool row = (r == 1 && (d[0] == nout || d[0] == 1)) || (r == 2 && d[0] == 1 && (d[1] == nout || d[1] == 1)) ||
               (r == 0);
    if (!row || (n != 1 && n != nout)) return false;
  }
  *q = (lb_quant_operands_t){.input = 0, .weight = 1, .weight_axis = tb ? 0 : 1, .bias = has_c ? 2 : -1,
                             .nout = nout};
  return true;
}

static lb_status_t build_qmatmul(lb_builder_t *b, MlirOperation op, const lb_int_operands_t *in, MlirValue *acc) {
  (void)op;
  return lb_build_qmatmul(b, in->x, in->w_value, in->x_zp, in->w_zp, in->bias, acc);
}

/* qmatmul takes B as [K, N]: a transB weight is stored transposed. */
static lb_status_t build_qgemm(lb_builder_t *b, MlirOperation op, const lb_int_operands_t *in, MlirValue *acc) {
  if (!lb_op_get_int(op, LB_ATTR_TRANS_B, 0)) return build_qmatmul(b, op, in, acc);
  const lb_tensor_t *w = in->w;
  lb_tensor_t wt;
  int64_t d[2] = {w->dims[1], w->dims[0]};
  if (lb_tensor_alloc(&wt, w->dtype, 2, d)) return LB_ERROR(LB_STATUS_RESOURCE_EXHAUSTED, "out of memory");
  for (int64_t i = 0; i < w->dims[0]; ++i)
    for (int64_t j = 0; j < w->dims[1]; ++j)
      lb_dtype_store_int(w->dtype, wt.data, j * w->dims[0] + i, lb_dtype_load_int(w->dtype, w->data, i * w->dims[1] + j));
  lb_builder_t cb = *b;
  cb.loc = mlirOperationGetLocation(lb_value_def(in->w_value)); /* keep the weight's name */
  MlirValue wv;
  lb_status_t st = lb_build_constant_tensor(&cb, &wt, &wv);
  lb_tensor_free(&wt);
  LB_RETURN_IF_ERROR(st);
  return lb_build_qmatmul(b, in->x, wv, in->x_zp, in->w_zp, in->bias, acc);
}

/* ---- builders ---- */

lb_status_t lb_build_matmul(lb_builder_t *b, MlirValue a, MlirValue bm, MlirValue *out) {
  MlirValue ops[2] = {a, bm};
  return lb_build_op(b, LB_OP_MATMUL, ops, 2, NULL, 0, mlirShapedTypeGetElementType(mlirValueGetType(a)), out);
}

lb_status_t lb_build_gemm(lb_builder_t *b, MlirValue a, MlirValue bm, MlirValue c, float alpha, float beta,
                          int trans_a, int trans_b, MlirValue *out) {
  MlirValue ops[3] = {a, bm, c};
  MlirNamedAttribute at[4] = {
      lb_named_attr(b->ctx, LB_ATTR_ALPHA, lb_f32_attr(b->ctx, alpha)),
      lb_named_attr(b->ctx, LB_ATTR_BETA, lb_f32_attr(b->ctx, beta)),
      lb_named_attr(b->ctx, LB_ATTR_TRANS_A, lb_i64_attr(b->ctx, trans_a)),
      lb_named_attr(b->ctx, LB_ATTR_TRANS_B, lb_i64_attr(b->ctx, trans_b)),
  };
  return lb_build_op(b, LB_OP_GEMM, ops, mlirValueIsNull(c) ? 2 : 3, at, 4,
                     mlirShapedTypeGetElementType(mlirValueGetType(a)), out);
}

lb_status_t lb_build_qmatmul(lb_builder_t *b, MlirValue a, MlirValue bm, MlirValue a_zp, MlirValue b_zp,
                             MlirValue bias, MlirValue *out) {
  MlirValue ops[5] = {a, bm, a_zp, b_zp, bias};
  return lb_build_op(b, LB_OP_QMATMUL, ops, mlirValueIsNull(bias) ? 4 : 5, NULL, 0, mlirIntegerTypeGet(b->ctx, 32),
                     out);
}

const lb_op_desc_t lb_op_desc_matmul = {
    .summary = "batched float matrix product with broadcasting",
    .traits = LB_TRAIT_QUANTIZABLE,
    .infer = infer_matmul,
    .verify = verify_float,
    .lower = lower_matmul,
    .channel_axis = last_axis,
    .quant_operands = quant_matmul,
    .build_integer = build_qmatmul,
};

const lb_op_desc_t lb_op_desc_gemm = {
    .summary = "alpha * op(a) op(b) + beta * c",
    .traits = LB_TRAIT_QUANTIZABLE,
    .infer = infer_gemm,
    .verify = verify_float,
    .lower = lower_gemm,
    .channel_axis = last_axis,
    .quant_operands = quant_gemm,
    .build_integer = build_qgemm,
};

const lb_op_desc_t lb_op_desc_qmatmul = {
    .summary = "8-bit integer batched matrix product, int32 or int64 accumulation",
    .traits = LB_TRAIT_INTEGER,
    .infer = infer_qmatmul,
    .verify = verify_qmatmul,
    .lower = lower_qmatmul,
    .channel_axis = last_axis,
    .acc_bound = acc_bound_qmatmul,
};
