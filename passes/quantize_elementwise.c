/* lb-quantize-elementwise: extend 8-bit activations through unary
 * elementwise ops, so that they become lookup tables.
 *
 * lb-quantize quantizes the inputs and outputs of linear layers; an
 * activation that is not fused into its producer (the SE blocks' hard_swish
 * with two readers, hard_sigmoid, sigmoid in SiLU) then runs in float
 * between a dequantize and the next layer's quantize, and so do the ops
 * after it (global pooling, the gating mul). This pass gives such an op
 *
 *   y = f(dequantize(x))     f ELEMENTWISE and UNARY, x 8-bit per tensor
 *
 * an 8-bit output of the same type: y's readers get dequantize(quantize(y))
 * with asymmetric parameters from y's calibrated range. lb-lower-quantized
 * then turns quantize(f(dequantize(x))) into a 256-entry table (rule 4),
 * and the readers' own chains into integer kernels where it has them
 * (qavg_pool, qmul, qadd). Only when every reader of y runs on codes then
 * (a quantize, add, mul, average pooling, a layout op) and not all of them
 * are quantize ops already; a y read by a float op (a layer kept float with
 * --layer NAME=float, a Resize, the graph's output) or without a calibrated
 * range stays float.
 *
 * Second, a float value that is quantized for one reader (a residual sum
 * quantized for the next conv) and also read by an add or mul whose other
 * operand is an 8-bit dequantize (the next residual add) gives those
 * readers that come after the quantize the dequantized value, as an
 * integer runtime would: the add then runs on codes (qadd) instead of in
 * float. */
#include <stdlib.h>

#include "ir/lb_build.h"
#include "ir/lb_op.h"
#include "support/hashmap.h"
#include "passes/passes.h"
#include "passes/quant_util.h"

#define LB_QE_MAX 65536

typedef struct {
  MlirOperation *ops;
  size_t n;
} lb_qe_list_t;

static bool lb_is_8bit(lb_dtype_t dt) { return dt == LB_DT_I8 || dt == LB_DT_U8; }

/* A reader that runs on codes once its input is an 8-bit dequantize: a
 * quantize (the next quantized layer), the integer add/mul and average
 * pooling, and ops that only move or select elements. Anything else (a
 * layer kept float with --layer NAME=float, a Resize, a graph output) keeps
 * reading the float value. */
static bool lb_qe_integer_reader(MlirOperation user) {
  if (lb_op_desc(user) == NULL) return false; /* func.return: a graph output */
  lb_op_kind_t k = lb_op_get_kind(user);
  return k == LB_OP_QUANTIZE || k == LB_OP_ADD || k == LB_OP_MUL || k == LB_OP_GLOBAL_AVG_POOL ||
         k == LB_OP_AVG_POOL || lb_op_has_traits(user, LB_TRAIT_LAYOUT_ONLY);
}

static bool lb_qe_candidate(MlirOperation op) {
  if (!lb_op_has_traits(op, LB_TRAIT_ELEMENTWISE | LB_TRAIT_UNARY) || lb_op_has_traits(op, LB_TRAIT_INTEGER))
    return false;
  MlirValue y = mlirOperationGetResult(op, 0);
  lb_qparams_t qx;
  if (lb_value_dtype(y) != LB_DT_F32 || !lb_match_dequantize(mlirOperationGetOperand(op, 0), &qx) ||
      !lb_is_8bit(qx.qdt))
    return false;
  bool other = false;
  for (MlirOpOperand u = mlirValueGetFirstUse(y); !mlirOpOperandIsNull(u); u = mlirOpOperandGetNextUse(u)) {
    MlirOperation user = mlirOpOperandGetOwner(u);
    if (!lb_qe_integer_reader(user)) return false;
    if (lb_op_get_kind(user) != LB_OP_QUANTIZE) other = true;
  }
  return other;
}

static MlirWalkResult lb_qe_collect(MlirOperation op, void *user) {
  lb_qe_list_t *l = user;
  if (l->n < LB_QE_MAX && lb_qe_candidate(op)) l->ops[l->n++] = op;
  return MlirWalkResultAdvance;
}

/* A quantize whose input also feeds an add/mul next to an 8-bit dequantize. */
static bool lb_qe_shared(MlirOperation q, intptr_t *uses) {
  lb_qparams_t qq, qo;
  if (lb_op_get_kind(q) != LB_OP_QUANTIZE || !lb_match_quantize(q, &qq) || !lb_is_8bit(qq.qdt)) return false;
  *uses = 0;
  for (MlirOpOperand u = mlirValueGetFirstUse(qq.data); !mlirOpOperandIsNull(u); u = mlirOpOperandGetNextUse(u)) {
    MlirOperation user = mlirOpOperandGetOwner(u);
    lb_op_kind_t k = lb_op_get_kind(user);
    intptr_t idx = mlirOpOperandGetOperandNumber(u);
    if ((k == LB_OP_ADD || k == LB_OP_MUL) &&
        lb_match_dequantize(mlirOperationGetOperand(user, 1 - idx), &qo) && lb_is_8bit(qo.qdt))
      ++*uses;
  }
  return *uses > 0;
}

static MlirWalkResult lb_qe_collect_shared(MlirOperation op, void *user) {
  lb_qe_list_t *l = user;
  intptr_t uses;
  if (l->n < LB_QE_MAX && lb_qe_shared(op, &uses)) l->ops[l->n++] = op;
  return MlirWalkResultAdvance;
}

/* Op positions in the function body (the readers a new dequantize after
 * the quantize may serve: only those after it). */
static int64_t lb_qe_pos(const lb_hashmap_t *pos, MlirOperation op) {
  int64_t i;
  return lb_hashmap_get_ptr(pos, op.ptr, &i) ? i : -1;
}

static lb_status_t lb_qe_share(MlirOperation q, const lb_hashmap_t *pos) {
  lb_qparams_t qq, qo;
  if (!lb_match_quantize(q, &qq)) return LB_OK;
  int64_t at = lb_qe_pos(pos, q);
  lb_builder_t b = lb_builder_before(mlirOperationGetNextInBlock(q));
  MlirValue dq;
  LB_RETURN_IF_ERROR(lb_build_dequantize(&b, mlirOperationGetResult(q, 0), mlirOperationGetOperand(q, 1),
                                         mlirOperationGetOperand(q, 2), -1, 0, &dq));
  for (;;) { /* operand updates change the use list: rescan until none is left */
    bool changed = false;
    for (MlirOpOperand u = mlirValueGetFirstUse(qq.data); !mlirOpOperandIsNull(u); u = mlirOpOperandGetNextUse(u)) {
      MlirOperation user = mlirOpOperandGetOwner(u);
      lb_op_kind_t k = lb_op_get_kind(user);
      intptr_t idx = mlirOpOperandGetOperandNumber(u);
      if ((k == LB_OP_ADD || k == LB_OP_MUL) && lb_qe_pos(pos, user) > at &&
          lb_match_dequantize(mlirOperationGetOperand(user, 1 - idx), &qo) && lb_is_8bit(qo.qdt)) {
        mlirOperationSetOperand(user, idx, dq);
        changed = true;
        break;
      }
    }
    if (!changed) return LB_OK;
  }
}

lb_status_t lb_pass_quantize_elementwise(MlirModule module, const lb_pass_options_t *options) {
  (void)options;
  lb_qe_list_t l = {0};
  l.ops = malloc(sizeof(MlirOperation) * LB_QE_MAX);
  if (!l.ops) return LB_ERROR(LB_STATUS_RESOURCE_EXHAUSTED, "out of memory");
  /* collect first: the pass inserts ops while walking */
  mlirOperationWalk(mlirModuleGetOperation(module), lb_qe_collect, &l, MlirWalkPreOrder);
  lb_status_t st = LB_OK;
  for (size_t i = 0; i < l.n && !st; ++i) {
    MlirOperation f = l.ops[i];
    MlirValue y = mlirOperationGetResult(f, 0);
    lb_qparams_t qx;
    float lo, hi, scale;
    int32_t zp;
    if (!lb_match_dequantize(mlirOperationGetOperand(f, 0), &qx) || !lb_value_get_range(y, &lo, &hi)) continue;
    st = lb_qparams_asym(f, "output", lo, hi, qx.qdt, &scale, &zp);
    if (!st) st = lb_insert_qdq(mlirOperationGetNextInBlock(f), y, qx.qdt, scale, zp, true, f, 0);
  }
  l.n = 0;
  if (!st) mlirOperationWalk(mlirModuleGetOperation(module), lb_qe_collect_shared, &l, MlirWalkPreOrder);
  lb_hashmap_t pos;
  lb_hashmap_init(&pos);
  MlirOperation func = lb_module_get_func(module);
  int64_t n = 0;
  for (MlirOperation op = mlirOperationIsNull(func) ? (MlirOperation){NULL} : mlirBlockGetFirstOperation(lb_func_get_body(func));
       !st && !mlirOperationIsNull(op); op = mlirOperationGetNextInBlock(op))
    if (!lb_hashmap_put_ptr(&pos, op.ptr, n++))
      st = LB_ERROR(LB_STATUS_RESOURCE_EXHAUSTED, "out of memory");
  for (size_t i = 0; i < l.n && !st; ++i) st = lb_qe_share(l.ops[i], &pos);
  lb_hashmap_free(&pos);
  free(l.ops);
  return st;
}
