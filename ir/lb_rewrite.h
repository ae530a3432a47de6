/* A small greedy pattern rewriter: pattern functions plus a worklist
 * driver that applies them until nothing matches (the shape of MLIR's
 * GreedyPatternRewriteDriver, over the C API).
 *
 *   static lb_status_t fold_it(lb_rewriter_t *rw, MlirOperation op, bool *changed) {
 *     ... match op, return LB_OK with *changed = false if it does not ...
 *     lb_builder_t b = lb_rewriter_builder(rw, op);   // new ops join the worklist
 *     ... build the replacement ...
 *     lb_rewriter_replace(rw, lb_op_result(op), replacement);
 *     *changed = true;
 *     return LB_OK;
 *   }
 *   static const lb_pattern_t patterns[] = {{"fold-it", LB_OP_BATCHNORM, fold_it}};
 *   LB_RETURN_IF_ERROR(lb_rewrite_greedy(func, patterns, 1));
 *
 * Patterns never erase ops: they replace uses, and the driver erases lb ops
 * whose results are unused (after pushing their operands' producers, which
 * may have become dead too). When a pattern changes something, the ops it
 * created and the users of the values it replaced are revisited.
 */
#ifndef LOWBIT_IR_LB_REWRITE_H
#define LOWBIT_IR_LB_REWRITE_H

#include "ir/lb_ir.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct lb_rewriter_s lb_rewriter_t;

typedef lb_status_t (*lb_pattern_fn_t)(lb_rewriter_t *rw, MlirOperation op, bool *changed);

typedef struct lb_pattern_s {
  const char *name;
  lb_op_kind_t root; /* the op kind the pattern starts from; LB_OP_UNKNOWN = any lb op */
  lb_pattern_fn_t fn;
} lb_pattern_t;

/* Applies `patterns` (tried in order) to the ops of `func` until a fixpoint.
 * INTERNAL if it does not converge within a bound proportional to the
 * function's size; a pattern's error is returned as is. */
lb_status_t lb_rewrite_greedy(MlirOperation func, const lb_pattern_t *patterns, int npatterns);

/* A builder inserting before `op` whose new ops join the worklist. */
lb_builder_t lb_rewriter_builder(lb_rewriter_t *rw, MlirOperation op);
/* Replaces all uses of `from` with `to` and queues the users. */
void lb_rewriter_replace(lb_rewriter_t *rw, MlirValue from, MlirValue to);
/* Queues an op for another visit. */
void lb_rewriter_push(lb_rewriter_t *rw, MlirOperation op);

#ifdef __cplusplus
}
#endif
#endif
