/* Execution plans: a static lb graph lowered to a flat list of kernel calls
 * over tensors with assigned storage. The reference interpreter.
 *
 * The interpreter (`lowbit run`, calibration, the consistency harness)
 * executes a plan with lb_plan_run; the C backend prints the same plan as C.
 * Both call the same registered kernels with the same parameters, which is
 * what makes generated code bit-exact with the interpreter. Plans are built
 * from a module by lb_plan_build (interp/interp.h), which asks each op's
 * descriptor to lower itself (interp/lower.h). This header has no MLIR
 * dependency.
 */
#ifndef LB_INTERP_PLAN_H
#define LB_INTERP_PLAN_H

#include "runtime/kernels/registry.h"
#include "support/tensor.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef enum lb_mem_kind_e {
  LB_MEM_INPUT = 0,  /* caller's input buffer `index` */
  LB_MEM_OUTPUT = 1, /* caller's output buffer `index` */
  LB_MEM_CONST = 2,  /* plan-owned constant `data` */
  LB_MEM_SCRATCH = 3 /* scratch arena at byte `offset` */
} lb_mem_kind_t;

typedef struct lb_plan_tensor_s {
  lb_dtype_t dtype;
  int32_t rank;
  int64_t dims[LB_MAX_RANK];
  int64_t nbytes;
  lb_mem_kind_t mem;
  int32_t index;    /* INPUT/OUTPUT index */
  int64_t offset;   /* SCRATCH byte offset */
  void *data;       /* CONST data (owned by the plan unless `borrowed`) */
  int32_t borrowed; /* CONST: data belongs to the module's context (a weight blob, maybe file-mapped: read only) */
  int32_t alias_of; /* >= 0: shares storage with that tensor (reshape/flatten) */
  char *name;       /* CONST: name of the constant (ONNX initializer), or NULL */
} lb_plan_tensor_t;

typedef struct lb_plan_step_s {
  const lb_kernel_t *kernel;
  void *params; /* kernel->params->size bytes, owned */
  int32_t nin;
  int32_t in[LB_KERNEL_MAX_INPUTS]; /* tensor ids; -1 for an absent optional input */
  int32_t out;                      /* tensor id */
  int32_t op_index;                 /* position of the source op in the function body */
} lb_plan_step_t;

typedef struct lb_plan_s {
  lb_plan_tensor_t *tensors;
  int32_t ntensors;
  lb_plan_step_t *steps;
  int32_t nsteps;
  int32_t ninputs, noutputs;
  int32_t *input_ids;  /* tensor id of each graph input */
  int32_t *output_ids; /* tensor id of each graph output */
  char **input_names, **output_names;
  int32_t nops;        /* ops in the function body */
  int32_t *op_results; /* tensor id of each body op's result; -1 if none */
  int64_t scratch_size; /* bytes, 16-byte aligned blocks */
  char *target;         /* name of the module's target */
} lb_plan_t;

/* Called after every step with the tensor it produced (for calibration). */
typedef void (*lb_plan_observer_t)(void *user, const lb_plan_t *plan, const lb_plan_step_t *step, const void *out_data);

/* Runs the plan. inputs[i]/outputs[i] are the caller's buffers in graph
 * order; scratch has plan->scratch_size bytes (16-byte aligned). */
void lb_plan_run(const lb_plan_t *plan, const void *const *inputs, void *const *outputs, void *scratch,
                 lb_plan_observer_t observer, void *user);

/* The tensor that owns id's storage (follows aliases). */
int32_t lb_plan_root(const lb_plan_t *plan, int32_t id);
/* Address of a tensor's storage for the given buffers. */
void *lb_plan_tensor_ptr(const lb_plan_t *plan, int32_t id, const void *const *inputs, void *const *outputs,
                         void *scratch);

/* Frees everything the plan owns, including const data. */
void lb_plan_free(lb_plan_t *plan);

#ifdef __cplusplus
}
#endif
#endif
