/* Plan executor: dispatches each step to its reference kernel. */
#include <stdlib.h>
#include <string.h>

#include "lb_plan.h"

static const char *const lb_step_macros[LB_STEP_COUNT] = {
#define LB_STEP_STR(E, F, M) #E,
    LB_STEP_LIST(LB_STEP_STR)
#undef LB_STEP_STR
};
static const char *const lb_step_functions[LB_STEP_COUNT] = {
#define LB_STEP_FN(E, F, M) #F,
    LB_STEP_LIST(LB_STEP_FN)
#undef LB_STEP_FN
};

const char *lb_step_macro_name(lb_step_kind_t k) { return k < LB_STEP_COUNT ? lb_step_macros[k] : "?"; }
const char *lb_step_function_name(lb_step_kind_t k) { return k < LB_STEP_COUNT ? lb_step_functions[k] : "?"; }

void *lb_plan_tensor_ptr(const lb_plan_t *plan, int32_t id, const void *const *inputs, void *const *outputs,
                         void *scratch) {
  if (id < 0) return NULL;
  const lb_plan_tensor_t *t = &plan->tensors[id];
  while (t->alias_of >= 0) t = &plan->tensors[t->alias_of];
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
    const lb_step_t *st = &plan->steps[s];
    void *in[LB_STEP_MAX_INPUTS] = {0};
    for (int32_t i = 0; i < st->nin; ++i) in[i] = lb_plan_tensor_ptr(plan, st->in[i], inputs, outputs, scratch);
    void *out = lb_plan_tensor_ptr(plan, st->out, inputs, outputs, scratch);
    switch (st->kind) {
      case LB_STEP_GEMM_F32: lb_k_gemm_f32(&st->p.gemm, in[0], in[1], in[2], out); break;
      case LB_STEP_MATMUL_F32: lb_k_matmul_f32(&st->p.matmul, in[0], in[1], out); break;
      case LB_STEP_QMATMUL_I8: lb_k_qmatmul_i8(&st->p.matmul, in[0], in[1], in[2], out); break;
      case LB_STEP_CONV2D_F32: lb_k_conv2d_f32(&st->p.conv, in[0], in[1], in[2], out); break;
      case LB_STEP_QCONV2D_I8: lb_k_qconv2d_i8(&st->p.conv, in[0], in[1], in[2], out); break;
      case LB_STEP_BINARY_F32: lb_k_binary_f32(&st->p.binary, in[0], in[1], out); break;
      case LB_STEP_RELU_F32: lb_k_relu_f32(&st->p.unary, in[0], out); break;
      case LB_STEP_CLIP_F32: lb_k_clip_f32(&st->p.unary, in[0], out); break;
      case LB_STEP_CLAMP_I8: lb_k_clamp_i8(&st->p.unary, in[0], out); break;
      case LB_STEP_CLAMP_U8: lb_k_clamp_u8(&st->p.unary, in[0], out); break;
      case LB_STEP_MAXPOOL_F32: lb_k_maxpool_f32(&st->p.pool, in[0], out); break;
      case LB_STEP_MAXPOOL_I8: lb_k_maxpool_i8(&st->p.pool, in[0], out); break;
      case LB_STEP_MAXPOOL_U8: lb_k_maxpool_u8(&st->p.pool, in[0], out); break;
      case LB_STEP_AVGPOOL_F32: lb_k_avgpool_f32(&st->p.pool, in[0], out); break;
      case LB_STEP_GAP_F32: lb_k_gap_f32(&st->p.gap, in[0], out); break;
      case LB_STEP_TRANSPOSE: lb_k_transpose(&st->p.transpose, in[0], out); break;
      case LB_STEP_COPY: lb_k_copy(st->p.copy_bytes, in[0], out); break;
      case LB_STEP_SOFTMAX_F32: lb_k_softmax_f32(&st->p.softmax, in[0], out); break;
      case LB_STEP_BATCHNORM_F32: lb_k_batchnorm_f32(&st->p.bn, in[0], in[1], in[2], in[3], in[4], out); break;
      case LB_STEP_QUANTIZE_F32_I8: lb_k_quantize_f32_i8(&st->p.quant, in[0], in[1], in[2], out); break;
      case LB_STEP_QUANTIZE_F32_U8: lb_k_quantize_f32_u8(&st->p.quant, in[0], in[1], in[2], out); break;
      case LB_STEP_DEQUANTIZE_I8_F32: lb_k_dequantize_i8_f32(&st->p.quant, in[0], in[1], in[2], out); break;
      case LB_STEP_DEQUANTIZE_U8_F32: lb_k_dequantize_u8_f32(&st->p.quant, in[0], in[1], in[2], out); break;
      case LB_STEP_DEQUANTIZE_I32_F32: lb_k_dequantize_i32_f32(&st->p.quant, in[0], in[1], in[2], out); break;
      case LB_STEP_REQUANTIZE_I32_I8: lb_k_requantize_i32_i8(&st->p.quant, in[0], in[1], in[2], out); break;
      case LB_STEP_REQUANTIZE_I32_U8: lb_k_requantize_i32_u8(&st->p.quant, in[0], in[1], in[2], out); break;
      case LB_STEP_COUNT: break;
    }
    if (observer) observer(user, plan, st, out);
  }
}

void lb_plan_free(lb_plan_t *plan) {
  if (!plan) return;
  for (int32_t i = 0; i < plan->ntensors; ++i)
    if (plan->tensors[i].mem == LB_MEM_CONST) free(plan->tensors[i].data);
  for (int32_t i = 0; i < plan->ninputs; ++i) free(plan->input_names ? plan->input_names[i] : NULL);
  for (int32_t i = 0; i < plan->noutputs; ++i) free(plan->output_names ? plan->output_names[i] : NULL);
  free(plan->input_names);
  free(plan->output_names);
  free(plan->tensors);
  free(plan->steps);
  free(plan->input_ids);
  free(plan->output_ids);
  memset(plan, 0, sizeof *plan);
}
