/* Internal to ir/: start-up check of the generated op table. */
#ifndef LOWBIT_IR_LB_OP_TABLE_H
#define LOWBIT_IR_LB_OP_TABLE_H

#include "ir/lb_ir.h"

/* INTERNAL if an op of the table is not registered in `ctx` (IRDL and the
 * generated list disagree) or a descriptor lacks its infer hook. */
lb_status_t lb_op_table_check(MlirContext ctx);

#endif
