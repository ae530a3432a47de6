/* lb.matmul_nbits: a[..., K] x dequant(B)^T with B block-quantized along K
 * and packed 2, 4 or 8 bits per code (ONNX Runtime's MatMulNBits). The
 * weight stays packed: b is the ui8 byte stream [N, nblocks, blob]; scales
 * and zero points are f32 with N * nblocks elements (zero points dequantize
 * as (code - zp) * scale). */
#include "ir/ops/op_util.h"
#include "runtime/kernels/nbits.h"

#define LB_ATTR_N "n"
#define LB_ATTR_BITS "bits"

static lb_status_t infer_nbits(MlirOperation op, lb_shape_t *out) {
  lb_shape_t a, b;
  LB_RETURN_IF_ERROR(lb_operand_shape(op, 0, &a));
  LB_RETURN_IF_ERROR(lb_operand_shape(op, 1, &b));
  int64_t n = lb_op_get_int(op, LB_ATTR_N, 0), bits = lb_op_get_int(op, LB_ATTR_BITS, 0),
          block = lb_op_get_int(op, LB_ATTR_BLOCK_SIZE, 0);
  if (bits != 2 && bits != 4 && bits != 8) return LB_FAIL("bits must be 2, 4 or 8, got %lld", (long long)bits);
  if (block <= 0 || (block * bits) % 8 != 0 || block > ((int64_t)1 << 20))
    return LB_FAIL("block_size %lld must be positive with block_size * bits a multiple of 8", (long long)block);
  if (a.rank < 1 || a.d[a.rank - 1] == LB_DYN) return LB_FAIL("a must have a static last dim (K)");
  int64_t K = a.d[a.rank - 1], nblk = (K + block - 1) / block;
  if (b.rank != 3 || b.d[0] != n || b.d[1] != nblk || b.d[2] != block * bits / 8)
    return LB_FAIL("b must be [N, ceil(K / block_size), block_size * bits / 8] = [%lld, %lld, %lld]", (long long)n,
                   (long long)nblk, (long long)(block * bits / 8));
  for (intptr_t i = 2; i < 4; ++i)
    if (lb_value_count(mlirOperationGetOperand(op, i)) != n * nblk)
      return LB_FAIL("%s must have N * ceil(K / block_size) = %lld elements", i == 2 ? "scales" : "zero_points",
                     (long long)(n * nblk));
  if (mlirOperationGetNumOperands(op) > 4 && lb_value_count(mlirOperationGetOperand(op, 4)) != n)
    return LB_FAIL("bias must have N = %lld elements", (long long)n);
  *out = a;
  out->d[a.rank - 1] = n;
  return LB_OK;
}

static void verify_nbits(lb_verifier_t *v, MlirOperation op) {
  static const lb_dtype_t f32[] = {LB_DT_F32, LB_DT_INVALID}, u8[] = {LB_DT_U8, LB_DT_INVALID};
  if (!lb_verify_dtype_in(v, op, 0, f32, "f32") || !lb_verify_dtype_in(v, op, 1, u8, "ui8 (packed codes)")) return;
  for (intptr_t i = 2; i < mlirOperationGetNumOperands(op); ++i)
    if (!lb_verify_dtype_in(v, op, i, f32, "f32")) return;
  lb_verify_dtype_in(v, op, -1, f32, "f32");
}

static lb_status_t lower_nbits(lb_lower_t *lw, MlirOperation op) {
  lb_vshape_t a = lb_vshape(lb_op_operand(op, 0));
  lb_nbits_params_t p;
  memset(&p, 0, sizeof p);
  p.K = a.d[a.rank - 1];
  p.M = lb_prod(a.d, 0, a.rank - 1);
  p.N = lb_op_get_int(op, LB_ATTR_N, 0);
  p.bits = (int32_t)lb_op_get_int(op, LB_ATTR_BITS, 4);
  p.block = lb_op_get_int(op, LB_ATTR_BLOCK_SIZE, 32);
  p.nblocks = (p.K + p.block - 1) / p.block;
  p.blob = p.block * p.bits / 8;
  p.has_bias = mlirOperationGetNumOperands(op) > 4;
  int32_t in[5] = {-1, -1, -1, -1, -1};
  LB_RETURN_IF_ERROR(lb_lower_operand(lw, op, 0, &in[0]));
  LB_RETURN_IF_ERROR(lb_lower_operand(lw, op, 1, &in[1]));
  LB_RETURN_IF_ERROR(lb_lower_param_operand(lw, op, 2, LB_DT_F32, &in[2], NULL));
  LB_RETURN_IF_ERROR(lb_lower_param_operand(lw, op, 3, LB_DT_F32, &in[3], NULL));
  if (p.has_bias) LB_RETURN_IF_ERROR(lb_lower_operand(lw, op, 4, &in[4]));
  return lb_lower_step(lw, op, "matmul_nbits_f32", &p, &lb_nbits_params_desc, in, 5);
}

lb_status_t lb_build_matmul_nbits(lb_builder_t *b, MlirValue a, MlirValue packed, MlirValue scales, MlirValue zp,
                                  MlirValue bias, int64_t n, int64_t bits, int64_t block, MlirValue *out) {
  MlirValue ops[5] = {a, packed, scales, zp, bias};
  MlirNamedAttribute at[3] = {lb_named_attr(b->ctx, LB_ATTR_N, lb_i64_attr(b->ctx, n)),
                              lb_named_attr(b->ctx, LB_ATTR_BITS, lb_i64_attr(b->ctx, bits)),
                              lb_named_attr(b->ctx, LB_ATTR_BLOCK_SIZE, lb_i64_attr(b->ctx, block))};
  return lb_build_op(b, LB_OP_MATMUL_NBITS, ops, mlirValueIsNull(bias) ? 4 : 5, at, 3, mlirF32TypeGet(b->ctx), out);
}

const lb_op_desc_t lb_op_desc_matmul_nbits = {
    .summary = "float matmul with a block-quantized weight packed 2, 4 or 8 bits per code",
    .infer = infer_nbits,
    .verify = verify_nbits,
    .lower = lower_nbits,
};
