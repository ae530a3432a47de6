/* com.microsoft contrib ops that quantized models ship with: MatMulNBits. */
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

static const lb_onnx_importer_t importers[] = {
    {"com.microsoft", "MatMulNBits", 1, 1000, import_matmul_nbits},
};
LB_ONNX_REGISTER(msft, importers)
