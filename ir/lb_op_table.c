/* The op table: kind <-> name <-> descriptor, generated from the IRDL file
 * (build/gen/lb_ops.def). A descriptor missing for an op is a link error. */
#include "ir/lb_op_table.h"

#include <stdio.h>
#include <string.h>

#include "ir/lb_op.h"

#define LB_OP(E, S, ID) extern const lb_op_desc_t lb_op_desc_##ID;
#include "lb_ops.def"
#undef LB_OP

static const char *const lb_op_names[LB_OP_COUNT] = {
    "?",
#define LB_OP(E, S, ID) "lb." S,
#include "lb_ops.def"
#undef LB_OP
};

static const lb_op_desc_t *const lb_op_descs[LB_OP_COUNT] = {
    NULL,
#define LB_OP(E, S, ID) &lb_op_desc_##ID,
#include "lb_ops.def"
#undef LB_OP
};

const char *lb_op_kind_name(lb_op_kind_t kind) {
  return (kind > 0 && kind < LB_OP_COUNT) ? lb_op_names[kind] : "?";
}

static lb_op_kind_t lb_kind_of(const char *s, size_t len) {
  if (len < 4 || memcmp(s, "lb.", 3) != 0) return LB_OP_UNKNOWN;
  for (int k = 1; k < LB_OP_COUNT; ++k) {
    const char *n = lb_op_names[k];
    if (n[3] == s[3] && strlen(n) == len && memcmp(n, s, len) == 0) return (lb_op_kind_t)k;
  }
  return LB_OP_UNKNOWN;
}

lb_op_kind_t lb_op_get_kind(MlirOperation op) {
  if (mlirOperationIsNull(op)) return LB_OP_UNKNOWN;
  MlirStringRef name = mlirIdentifierStr(mlirOperationGetName(op));
  return lb_kind_of(name.data, name.length);
}

const lb_op_desc_t *lb_op_kind_desc(lb_op_kind_t kind) {
  return (kind > 0 && kind < LB_OP_COUNT) ? lb_op_descs[kind] : NULL;
}

const lb_op_desc_t *lb_op_desc(MlirOperation op) { return lb_op_kind_desc(lb_op_get_kind(op)); }

bool lb_op_has_traits(MlirOperation op, uint32_t traits) {
  const lb_op_desc_t *d = lb_op_desc(op);
  return d && (d->traits & traits) == traits;
}

int64_t lb_op_channel_axis(MlirOperation op) {
  const lb_op_desc_t *d = lb_op_desc(op);
  return d && d->channel_axis ? d->channel_axis(op) : -1;
}

lb_status_t lb_op_table_check(MlirContext ctx) {
  for (int k = 1; k < LB_OP_COUNT; ++k) {
    if (!mlirContextIsRegisteredOperation(ctx, mlirStringRefCreateFromCString(lb_op_names[k])))
      return LB_ERROR(LB_STATUS_INTERNAL, "op %s is in the op table but not registered from lb.irdl.mlir",
                      lb_op_names[k]);
    if (!lb_op_descs[k]->infer)
      return LB_ERROR(LB_STATUS_INTERNAL, "op %s has no shape inference hook", lb_op_names[k]);
  }
  return LB_OK;
}
