#include "ir/lb_rewrite.h"

#include <stdlib.h>

#include "support/hashmap.h"

struct lb_rewriter_s {
  MlirOperation *queue; /* LIFO worklist */
  size_t n, cap;
  lb_hashmap_t queued; /* ops currently in the queue */
  bool oom;
};

void lb_rewriter_push(lb_rewriter_t *rw, MlirOperation op) {
  if (mlirOperationIsNull(op) || lb_op_get_kind(op) == LB_OP_UNKNOWN) return;
  if (lb_hashmap_get_ptr(&rw->queued, op.ptr, NULL)) return;
  if (rw->n == rw->cap) {
    size_t cap = rw->cap ? rw->cap * 2 : 256;
    MlirOperation *q = realloc(rw->queue, cap * sizeof *q);
    if (!q) {
      rw->oom = true;
      return;
    }
    rw->queue = q;
    rw->cap = cap;
  }
  if (!lb_hashmap_put_ptr(&rw->queued, op.ptr, 1)) {
    rw->oom = true;
    return;
  }
  rw->queue[rw->n++] = op;
}

static void lb_rewriter_created(void *user, MlirOperation op) { lb_rewriter_push(user, op); }

lb_builder_t lb_rewriter_builder(lb_rewriter_t *rw, MlirOperation op) {
  lb_builder_t b = lb_builder_before(op);
  b.on_create = lb_rewriter_created;
  b.user = rw;
  return b;
}

static void lb_push_users(lb_rewriter_t *rw, MlirValue v) {
  for (MlirOpOperand u = mlirValueGetFirstUse(v); !mlirOpOperandIsNull(u); u = mlirOpOperandGetNextUse(u))
    lb_rewriter_push(rw, mlirOpOperandGetOwner(u));
}

void lb_rewriter_replace(lb_rewriter_t *rw, MlirValue from, MlirValue to) {
  mlirValueReplaceAllUsesOfWith(from, to);
  lb_push_users(rw, to);
}

/* Erases a dead lb op; its operands' producers may now be dead too. */
static void lb_erase_dead(lb_rewriter_t *rw, MlirOperation op) {
  intptr_t n = mlirOperationGetNumOperands(op);
  MlirOperation defs[8];
  intptr_t nd = 0;
  for (intptr_t i = 0; i < n && nd < 8; ++i) {
    MlirOperation d = lb_value_def(mlirOperationGetOperand(op, i));
    if (!mlirOperationIsNull(d)) defs[nd++] = d;
  }
  mlirOperationDestroy(op);
  for (intptr_t i = 0; i < nd; ++i) lb_rewriter_push(rw, defs[i]);
}

/* True if some op of the body is a root of some pattern (or a pattern
 * takes any op): otherwise no rewrite can happen, and the worklist is not
 * built at all (recognizers that run at every import stay cheap). */
static bool lb_any_root(MlirBlock body, const lb_pattern_t *patterns, int npatterns) {
  for (int p = 0; p < npatterns; ++p)
    if (patterns[p].root == LB_OP_UNKNOWN) return true;
  for (MlirOperation op = mlirBlockGetFirstOperation(body); !mlirOperationIsNull(op); op = mlirOperationGetNextInBlock(op)) {
    lb_op_kind_t k = lb_op_get_kind(op);
    for (int p = 0; p < npatterns; ++p)
      if (patterns[p].root == k) return true;
  }
  return false;
}

lb_status_t lb_rewrite_greedy(MlirOperation func, const lb_pattern_t *patterns, int npatterns) {
  if (!lb_any_root(lb_func_get_body(func), patterns, npatterns)) return LB_OK;
  lb_rewriter_t rw = {0};
  lb_hashmap_init(&rw.queued);
  MlirBlock body = lb_func_get_body(func);
  /* seed in reverse so that the LIFO queue visits ops in program order */
  size_t nops = 0;
  for (MlirOperation op = mlirBlockGetFirstOperation(body); !mlirOperationIsNull(op); op = mlirOperationGetNextInBlock(op))
    nops++;
  MlirOperation *all = malloc(sizeof *all * (nops ? nops : 1));
  lb_status_t st = all ? LB_OK : LB_ERROR(LB_STATUS_RESOURCE_EXHAUSTED, "out of memory");
  size_t k = 0;
  for (MlirOperation op = mlirBlockGetFirstOperation(body); all && !mlirOperationIsNull(op);
       op = mlirOperationGetNextInBlock(op))
    all[k++] = op;
  for (size_t i = nops; all && i-- > 0;) lb_rewriter_push(&rw, all[i]);
  free(all);
  size_t budget = 64 * nops + 4096, steps = 0;
  while (!st && rw.n > 0) {
    if (rw.oom) {
      st = LB_ERROR(LB_STATUS_RESOURCE_EXHAUSTED, "out of memory");
      break;
    }
    if (++steps > budget) {
      st = LB_ERROR(LB_STATUS_INTERNAL, "pattern rewriting did not converge after %zu steps", budget);
      break;
    }
    MlirOperation op = rw.queue[--rw.n];
    lb_hashmap_del_ptr(&rw.queued, op.ptr);
    lb_op_kind_t kind = lb_op_get_kind(op);
    if (lb_value_is_unused(mlirOperationGetResult(op, 0))) {
      lb_erase_dead(&rw, op);
      continue;
    }
    for (int p = 0; p < npatterns && !st; ++p) {
      if (patterns[p].root != LB_OP_UNKNOWN && patterns[p].root != kind) continue;
      bool changed = false;
      st = patterns[p].fn(&rw, op, &changed);
      if (changed) {
        /* the op may match again (or be dead now): look at it once more */
        lb_rewriter_push(&rw, op);
        break;
      }
    }
  }
  if (!st && rw.oom) st = LB_ERROR(LB_STATUS_RESOURCE_EXHAUSTED, "out of memory");
  free(rw.queue);
  lb_hashmap_free(&rw.queued);
  if (!st) lb_func_erase_dead(func);
  return st;
}
