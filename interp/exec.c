/* Plan executor: calls each step's registered kernel. */
#include <stdlib.h>
#include <string.h>

#include "interp/plan.h"
#include "support/mapping.h"

int32_t lb_plan_root(const lb_plan_t *plan, int32_t id) {
  while (id >= 0 && plan->tensors[id].alias_of >= 0) id = plan->tensors[id].alias_of;
  return id;
}

void *lb_plan_tensor_ptr(const lb_plan_t *plan, int32_t id, const void *const *inputs, void *const *outputs,
                         void *scratch) {
  if (id < 0) return NULL;
  const lb_plan_tensor_t *t = &plan->tensors[lb_plan_root(plan, id)];
  switch (t->mem) {
    case LB_MEM_INPUT: return (void *)inputs[t->index];
    case LB_MEM_OUTPUT: return outputs[t->index];
    case LB_MEM_CONST: return t->data;
    case LB_MEM_SCRATCH: return (char *)scratch + t->offset;
  }
  return NULL;
}

void lb_plan_run(const lb_plan_t *plan, const void *const *inputs, void *const *outputs, void *scratch,
                 lb_plan_observer_t observer, void *user) {
  for (int32_t s = 0; s < plan->nsteps; ++s) {
    const lb_plan_step_t *st = &plan->steps[s];
    const void *in[LB_KERNEL_MAX_INPUTS] = {0};
    for (int32_t i = 0; i < st->nin; ++i) in[i] = lb_plan_tensor_ptr(plan, st->in[i], inputs, outputs, scratch);
    void *out = lb_plan_tensor_ptr(plan, st->out, inputs, outputs, scratch);
    st->kernel->invoke(st->params, in, out);
    /* file-mapped weights leave memory once their step is done (they come
     * back from the page cache if read again): calibrating a model larger
     * than memory keeps about one layer's weights resident */
    for (int32_t i = 0; i < st->nin; ++i) {
      const lb_plan_tensor_t *t = st->in[i] >= 0 ? &plan->tensors[lb_plan_root(plan, st->in[i])] : NULL;
      if (t && t->mem == LB_MEM_CONST && t->borrowed && (size_t)t->nbytes >= LB_MAPPING_MIN_BYTES)
        lb_mapping_evict(t->data, (size_t)t->nbytes);
    }
    if (observer) observer(user, plan, st, out);
  }
}

void lb_plan_free(lb_plan_t *plan) {
  if (!plan) return;
  for (int32_t i = 0; i < plan->ntensors; ++i) {
    if (plan->tensors[i].mem == LB_MEM_CONST && plan->tensors[i].alias_of < 0 && !plan->tensors[i].borrowed)
      free(plan->tensors[i].data);
    free(plan->tensors[i].name);
  }
  for (int32_t i = 0; i < plan->nsteps; ++i) free(plan->steps[i].params);
  for (int32_t i = 0; i < plan->ninputs; ++i) free(plan->input_names ? plan->input_names[i] : NULL);
  for (int32_t i = 0; i < plan->noutputs; ++i) free(plan->output_names ? plan->output_names[i] : NULL);
  free(plan->input_names);
  free(plan->output_names);
  free(plan->tensors);
  free(plan->steps);
  free(plan->input_ids);
  free(plan->output_ids);
  free(plan->op_results);
  free(plan->target);
  memset(plan, 0, sizeof *plan);
}
