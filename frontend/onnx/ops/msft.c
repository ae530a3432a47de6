/* com.microsoft contrib ops that quantized models ship with: MatMulNBits and
 * the QLinear* element ops of onnxruntime's quantizer. */
#include <math.h>
#include <string.h>

#include "frontend/onnx/import.h"

/* MatMulNBits(A, B, scales, zero_points?, g_idx?, bias?), attributes K, N,
 * bits (4), block_size, accuracy_level (ignored: lowbit accumulates in
 * float32). B stays packed; zero points (packed uint8, float, or the
 * default 2^(bits-1)) and scales become N * nblocks float tensors. A g_idx
 * is accepted only when it is the identity grouping k / block_size. */
static lb_status_t import_matmul_nbits(lb_onnx_node_t *n) {
  static const char *const known[] = {"K", "N", "bits", "block_size", "accuracy_level", NULL};
  LB_RETURN_IF_ERROR(lb_onnx_check_attrs(n, known));
  LB_RETURN_IF_ERROR(lb_onnx_outputs(n, 1));
  MlirValue a, bv, sv, zv, bias = {NULL}, y;
  LB_RETURN_IF_ERROR(lb_onnx_input(n, 0, &a));
  if (lb_value_dtype(a) != LB_DT_F32) return lb_onnx_fail(n, LB_STATUS_UNIMPLEMENTED, "A must be float32");
  int64_t K = lb_onnx_attr_int(n, "K", -1), N = lb_onnx_attr_int(n, "N", -1), bits = lb_onnx_attr_int(n, "bits", 4),
          bs = lb_onnx_attr_int(n, "block_size", -1);
  if (K <= 0 || N <= 0 || bs <= 0 || K > ((int64_t)1 << 31) || N > ((int64_t)1 << 31))
    return lb_onnx_fail(n, LB_STATUS_INVALID_ARGUMENT, "K, N and block_size must be positive");
  if (bits != 2 && bits != 4 && bits != 8)
    return lb_onnx_fail(n, LB_STATUS_UNIMPLEMENTED, "bits = %lld is not supported (2, 4 or 8)", (long long)bits);
  if (bs < 16 || (bs & (bs - 1)) || bs > ((int64_t)1 << 20))
    return lb_onnx_fail(n, LB_STATUS_INVALID_ARGUMENT, "block_size %lld must be a power of two >= 16", (long long)bs);
  int32_t ar;
  int64_t ad[LB_MAX_RANK];
  lb_type_get_shape(mlirValueGetType(a), &ar, ad);
  if (ar < 1 || ad[ar - 1] != K)
    return lb_onnx_fail(n, LB_STATUS_INVALID_ARGUMENT, "A's last dimension must be K = %lld", (long long)K);
  int64_t nblk = (K + bs - 1) / bs, blob = bs * bits / 8, nq = N * nblk;
  const lb_tensor_t *B, *S;
  LB_RETURN_IF_ERROR(lb_onnx_const_input(n, 1, &B));
  LB_RETURN_IF_ERROR(lb_onnx_const_input(n, 2, &S));
  if (B->dtype != LB_DT_U8 || lb_tensor_count(B) != nq * blob)
    return lb_onnx_fail(n, LB_STATUS_INVALID_ARGUMENT, "B must be uint8 [N, %lld, %lld] (%lld bytes)", (long long)nblk,
                        (long long)blob, (long long)(nq * blob));
  if (S->dtype != LB_DT_F32 || lb_tensor_count(S) != nq)
    return lb_onnx_fail(n, LB_STATUS_INVALID_ARGUMENT, "scales must be float32 with N * %lld = %lld elements",
                        (long long)nblk, (long long)nq);
  for (int64_t i = 0; i < nq; ++i)
    if (!isfinite(((const float *)S->data)[i]))
      return lb_onnx_fail(n, LB_STATUS_INVALID_ARGUMENT, "scale %lld is not finite", (long long)i);
  lb_tensor_t zt, bt, st;
  int64_t d3[3] = {N, nblk, blob};
  if (lb_tensor_alloc(&zt, LB_DT_F32, 1, &nq)) return lb_onnx_fail(n, LB_STATUS_RESOURCE_EXHAUSTED, "out of memory");
  lb_status_t status = LB_OK;
  if (!lb_onnx_has_input(n, 3)) {
    for (int64_t i = 0; i < nq; ++i) ((float *)zt.data)[i] = (float)(1 << (bits - 1));
  } else {
    const lb_tensor_t *Z;
    status = lb_onnx_const_input(n, 3, &Z);
    int64_t row = (nblk * bits + 7) / 8; /* packed zero-point bytes per row */
    if (status) {
      /* reported below */
    } else if (Z->dtype == LB_DT_U8 && lb_tensor_count(Z) == N * row) {
      for (int64_t r = 0; r < N; ++r)
        for (int64_t j = 0; j < nblk; ++j) {
          int64_t bit = j * bits;
          unsigned code = ((unsigned)((const uint8_t *)Z->data)[r * row + bit / 8] >> (bit % 8)) & ((1u << bits) - 1u);
          ((float *)zt.data)[r * nblk + j] = (float)code;
        }
    } else if (Z->dtype == LB_DT_F32 && lb_tensor_count(Z) == nq) {
      for (int64_t i = 0; i < nq; ++i) ((float *)zt.data)[i] = ((const float *)Z->data)[i];
    } else {
      status = lb_onnx_fail(n, LB_STATUS_INVALID_ARGUMENT,
                            "zero_points must be packed uint8 with N * %lld bytes or float32 with N * %lld elements",
                            (long long)row, (long long)nblk);
    }
  }
  if (!status && lb_onnx_has_input(n, 4)) {
    const lb_tensor_t *G;
    status = lb_onnx_const_input(n, 4, &G);
    bool identity = !status && (G->dtype == LB_DT_I32 || G->dtype == LB_DT_I64) && lb_tensor_count(G) == K;
    for (int64_t k = 0; identity && k < K; ++k) identity = lb_tensor_get(G, k) == (double)(k / bs);
    if (!status && !identity)
      status = lb_onnx_fail(n, LB_STATUS_UNIMPLEMENTED,
                            "g_idx with a non-trivial group order (act-order) is not supported");
  }
  if (!status && lb_onnx_has_input(n, 5)) {
    status = lb_onnx_input(n, 5, &bias);
    if (!status && (lb_value_dtype(bias) != LB_DT_F32 || lb_value_count(bias) != N))
      status = lb_onnx_fail(n, LB_STATUS_INVALID_ARGUMENT, "bias must be float32 with N elements");
  }
  lb_builder_t *b = lb_onnx_builder(n);
  if (!status && lb_tensor_alloc(&bt, LB_DT_U8, 3, d3) == 0) {
    memcpy(bt.data, B->data, (size_t)(nq * blob));
    status = lb_onnx_build(n, lb_build_constant_tensor(b, &bt, &bv));
    lb_tensor_free(&bt);
  } else if (!status) {
    status = lb_onnx_fail(n, LB_STATUS_RESOURCE_EXHAUSTED, "out of memory");
  }
  if (!status && lb_tensor_alloc(&st, LB_DT_F32, 1, &nq) == 0) {
    memcpy(st.data, S->data, sizeof(float) * (size_t)nq);
    status = lb_onnx_build(n, lb_build_constant_tensor(b, &st, &sv));
    lb_tensor_free(&st);
  }
  if (!status) status = lb_onnx_build(n, lb_build_constant_tensor(b, &zt, &zv));
  lb_tensor_free(&zt);
  LB_RETURN_IF_ERROR(status);
  LB_RETURN_IF_ERROR(lb_onnx_build(n, lb_build_matmul_nbits(b, a, bv, sv, zv, bias, N, bits, bs, &y)));
  return lb_onnx_define(n, 0, y);
}

/* ---- the QLinear* element ops of onnxruntime's quantizer ----
 * Each is dequantize -> the float op -> quantize with the node's own scales
 * and zero points (the op's definition); lb-lower-quantized then makes the
 * unary ones 256-entry tables, exactly. Scales and zero points are
 * per-tensor, as onnxruntime's kernels require. */

/* dequantize(input ix) with scale input is and zero point input iz. */
static lb_status_t dq_input(lb_onnx_node_t *n, size_t ix, size_t is, size_t iz, MlirValue *out) {
  MlirValue x, s, z;
  LB_RETURN_IF_ERROR(lb_onnx_input(n, ix, &x));
  lb_dtype_t dt = lb_value_dtype(x);
  if (dt != LB_DT_I8 && dt != LB_DT_U8)
    return lb_onnx_fail(n, LB_STATUS_UNIMPLEMENTED, "input #%zu must be int8 or uint8", ix);
  LB_RETURN_IF_ERROR(lb_onnx_input(n, is, &s));
  if (lb_value_dtype(s) != LB_DT_F32 || lb_value_count(s) != 1)
    return lb_onnx_fail(n, LB_STATUS_UNIMPLEMENTED, "scale input #%zu must be a float32 scalar", is);
  if (lb_onnx_has_input(n, iz)) {
    LB_RETURN_IF_ERROR(lb_onnx_input(n, iz, &z));
    if (lb_value_dtype(z) != dt || lb_value_count(z) != 1)
      return lb_onnx_fail(n, LB_STATUS_INVALID_ARGUMENT, "zero point input #%zu must be a scalar of the input's type", iz);
  } else {
    lb_tensor_t t;
    int64_t one = 1;
    if (lb_tensor_alloc(&t, dt, 1, &one)) return lb_onnx_fail(n, LB_STATUS_RESOURCE_EXHAUSTED, "out of memory");
    lb_status_t st = lb_onnx_build(n, lb_build_constant_tensor(lb_onnx_builder(n), &t, &z));
    lb_tensor_free(&t);
    LB_RETURN_IF_ERROR(st);
  }
  return lb_onnx_build(n, lb_build_dequantize(lb_onnx_builder(n), x, s, z, -1, 0, out));
}

/* quantize(v) with the scale input is and the zero point input iz (its type
 * is the output type; uint8 when absent). */
static lb_status_t q_output(lb_onnx_node_t *n, MlirValue v, size_t is, size_t iz) {
  MlirValue s, z, y;
  LB_RETURN_IF_ERROR(lb_onnx_input(n, is, &s));
  if (lb_value_dtype(s) != LB_DT_F32 || lb_value_count(s) != 1)
    return lb_onnx_fail(n, LB_STATUS_UNIMPLEMENTED, "scale input #%zu must be a float32 scalar", is);
  const lb_tensor_t *ts;
  lb_status_t st = lb_onnx_const_input(n, is, &ts);
  if (!st && !(((const float *)ts->data)[0] > 0.0f && isfinite(((const float *)ts->data)[0])))
    return lb_onnx_fail(n, LB_STATUS_INVALID_ARGUMENT, "the output scale must be positive and finite");
  lb_status_free(st);
  lb_dtype_t dt = LB_DT_U8;
  if (lb_onnx_has_input(n, iz)) {
    LB_RETURN_IF_ERROR(lb_onnx_input(n, iz, &z));
    dt = lb_value_dtype(z);
    if ((dt != LB_DT_I8 && dt != LB_DT_U8) || lb_value_count(z) != 1)
      return lb_onnx_fail(n, LB_STATUS_INVALID_ARGUMENT, "the output zero point must be an int8 or uint8 scalar");
  } else {
    lb_tensor_t t;
    int64_t one = 1;
    if (lb_tensor_alloc(&t, dt, 1, &one)) return lb_onnx_fail(n, LB_STATUS_RESOURCE_EXHAUSTED, "out of memory");
    st = lb_onnx_build(n, lb_build_constant_tensor(lb_onnx_builder(n), &t, &z));
    lb_tensor_free(&t);
    LB_RETURN_IF_ERROR(st);
  }
  lb_builder_t *b = lb_onnx_builder(n);
  LB_RETURN_IF_ERROR(lb_onnx_build(n, lb_build_quantize(b, v, s, z, -1, 0, lb_dtype_to_type(b->ctx, dt), &y)));
  return lb_onnx_define(n, 0, y);
}

/* QLinearAdd / QLinearMul(A, A_scale, A_zp, B, B_scale, B_zp, C_scale, C_zp). */
static lb_status_t import_qlinear_binary(lb_onnx_node_t *n) {
  lb_op_kind_t k = !strcmp(lb_onnx_proto(n)->op_type, "QLinearAdd") ? LB_OP_ADD : LB_OP_MUL;
  MlirValue a, b, y;
  LB_RETURN_IF_ERROR(lb_onnx_outputs(n, 1));
  LB_RETURN_IF_ERROR(dq_input(n, 0, 1, 2, &a));
  LB_RETURN_IF_ERROR(dq_input(n, 3, 4, 5, &b));
  LB_RETURN_IF_ERROR(lb_onnx_build(n, lb_build_binary(lb_onnx_builder(n), k, a, b, &y)));
  return q_output(n, y, 6, 7);
}

/* QLinearSigmoid / QLinearLeakyRelu(X, X_scale, X_zp, Y_scale, Y_zp). */
static lb_status_t import_qlinear_unary(lb_onnx_node_t *n) {
  bool leaky = !strcmp(lb_onnx_proto(n)->op_type, "QLinearLeakyRelu");
  MlirValue x, y;
  LB_RETURN_IF_ERROR(lb_onnx_outputs(n, 1));
  LB_RETURN_IF_ERROR(dq_input(n, 0, 1, 2, &x));
  lb_builder_t *b = lb_onnx_builder(n);
  if (leaky) LB_RETURN_IF_ERROR(lb_onnx_build(n, lb_build_leaky_relu(b, x, lb_onnx_attr_float(n, "alpha", 0.01f), &y)));
  else LB_RETURN_IF_ERROR(lb_onnx_build(n, lb_build_unary(b, LB_OP_SIGMOID, x, &y)));
  return q_output(n, y, 3, 4);
}

/* QLinearGlobalAveragePool(X, x_scale, x_zp, y_scale, y_zp), NCHW only. */
static lb_status_t import_qlinear_gap(lb_onnx_node_t *n) {
  MlirValue x, y;
  LB_RETURN_IF_ERROR(lb_onnx_outputs(n, 1));
  if (lb_onnx_attr_int(n, "channels_last", 0))
    return lb_onnx_fail(n, LB_STATUS_UNIMPLEMENTED, "channels_last = 1 is not supported");
  LB_RETURN_IF_ERROR(dq_input(n, 0, 1, 2, &x));
  LB_RETURN_IF_ERROR(lb_onnx_build(n, lb_build_unary(lb_onnx_builder(n), LB_OP_GLOBAL_AVG_POOL, x, &y)));
  return q_output(n, y, 3, 4);
}

/* QLinearAveragePool(X, x_scale, x_zp, y_scale, y_zp), AveragePool's attributes. */
static lb_status_t import_qlinear_avgpool(lb_onnx_node_t *n) {
  MlirValue x, y;
  LB_RETURN_IF_ERROR(lb_onnx_outputs(n, 1));
  if (lb_onnx_attr_int(n, "channels_last", 0))
    return lb_onnx_fail(n, LB_STATUS_UNIMPLEMENTED, "channels_last = 1 is not supported");
  LB_RETURN_IF_ERROR(dq_input(n, 0, 1, 2, &x));
  int64_t k[8];
  if (lb_onnx_attr_ints(n, "kernel_shape", k, 8) != 2)
    return lb_onnx_fail(n, LB_STATUS_UNIMPLEMENTED, "only 2-D pooling with a kernel_shape of 2 values is supported");
  lb_window_attrs_t wa;
  LB_RETURN_IF_ERROR(lb_onnx_window(n, x, k, &wa));
  wa.ceil_mode = lb_onnx_attr_int(n, "ceil_mode", 0);
  wa.count_include_pad = lb_onnx_attr_int(n, "count_include_pad", 0);
  LB_RETURN_IF_ERROR(lb_onnx_build(n, lb_build_pool(lb_onnx_builder(n), LB_OP_AVG_POOL, x, &wa, &y)));
  return q_output(n, y, 3, 4);
}

/* QLinearConcat(Y_scale, Y_zp, X0, X0_scale, X0_zp, X1, ...), attribute axis. */
static lb_status_t import_qlinear_concat(lb_onnx_node_t *n) {
  size_t nin = lb_onnx_proto(n)->n_input;
  MlirValue acc, x;
  LB_RETURN_IF_ERROR(lb_onnx_outputs(n, 1));
  if (nin < 5 || (nin - 2) % 3)
    return lb_onnx_fail(n, LB_STATUS_INVALID_ARGUMENT, "inputs must be Y_scale, Y_zp and (X, scale, zp) triples");
  LB_RETURN_IF_ERROR(dq_input(n, 2, 3, 4, &acc));
  int32_t r;
  int64_t d[LB_MAX_RANK];
  lb_type_get_shape(mlirValueGetType(acc), &r, d);
  int64_t axis = lb_onnx_attr_int(n, "axis", 0);
  if (axis < -r || axis >= r) return lb_onnx_fail(n, LB_STATUS_INVALID_ARGUMENT, "axis %lld out of range", (long long)axis);
  if (axis < 0) axis += r;
  for (size_t i = 5; i + 2 < nin + 0 && i < nin; i += 3) {
    LB_RETURN_IF_ERROR(dq_input(n, i, i + 1, i + 2, &x));
    LB_RETURN_IF_ERROR(lb_onnx_build(n, lb_build_concat(lb_onnx_builder(n), acc, x, axis, &acc)));
  }
  return q_output(n, acc, 0, 1);
}

static const lb_onnx_importer_t importers[] = {
    {"com.microsoft", "MatMulNBits", 1, 1000, import_matmul_nbits},
    {"com.microsoft", "QLinearAdd", 1, 1000, import_qlinear_binary},
    {"com.microsoft", "QLinearMul", 1, 1000, import_qlinear_binary},
    {"com.microsoft", "QLinearSigmoid", 1, 1000, import_qlinear_unary},
    {"com.microsoft", "QLinearLeakyRelu", 1, 1000, import_qlinear_unary},
    {"com.microsoft", "QLinearGlobalAveragePool", 1, 1000, import_qlinear_gap},
    {"com.microsoft", "QLinearAveragePool", 1, 1000, import_qlinear_avgpool},
    {"com.microsoft", "QLinearConcat", 1, 1000, import_qlinear_concat},
};
LB_ONNX_REGISTER(msft, importers)
