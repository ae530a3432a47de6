/* Shape specialization: giving the symbolic dims of a graph's inputs sizes.
 *
 * Models usually have a symbolic batch dim and sometimes others (sequence
 * length, image size). Specialization binds
 *   - each --shape NAME=d0,d1,... (it must agree with the model's static
 *     dims and have the input's rank; a ? dim is left as it is), then
 *   - dim 0 of every input that is still symbolic to `batch` (if > 0),
 *     unless its symbol also names a non-zero dim of some input (then it
 *     is a sequence length or the like, not a batch);
 * a symbolic dim shared by name (ONNX dim_param, kept in lb.dim_params)
 * takes the same size everywhere. Every op's result type is then
 * re-inferred. With `require_static`, a dim left symbolic is an error that
 * names the input, the dim and its symbol.
 *
 *   lb_shape_binding_t s;
 *   LB_RETURN_IF_ERROR(lb_shape_binding_parse("tokens=1,128", &s));
 *   lb_specialize_opts_t o = {.batch = 1, .shapes = &s, .nshapes = 1, .require_static = true};
 *   LB_RETURN_IF_ERROR(lb_module_specialize(module, &o));
 */
#ifndef LOWBIT_IR_LB_SPECIALIZE_H
#define LOWBIT_IR_LB_SPECIALIZE_H

#include "ir/lb_ir.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct lb_shape_binding_s {
  char input[256];
  int32_t rank;
  int64_t dims[LB_MAX_RANK];
} lb_shape_binding_t;

typedef struct lb_specialize_opts_s {
  int64_t batch; /* > 0: size for dim 0 of inputs where it is symbolic */
  const lb_shape_binding_t *shapes;
  int32_t nshapes;
  bool require_static;
} lb_specialize_opts_t;

/* Parses "NAME=d0,d1,..." (positive integers, or ? to leave a dim as the
 * model has it). INVALID_ARGUMENT otherwise. */
lb_status_t lb_shape_binding_parse(const char *spec, lb_shape_binding_t *out);

/* Specializes the module's function in place (see above). INVALID_ARGUMENT
 * for unknown input names, contradicting or non-positive sizes, duplicate
 * bindings, and (require_static) dims left symbolic. */
lb_status_t lb_module_specialize(MlirModule module, const lb_specialize_opts_t *opts);

#ifdef __cplusplus
}
#endif
#endif
