/* Execution plans: a static lb graph lowered to a flat list of reference
 * kernel calls over tensors with assigned storage.
 *
 * The interpreter (`lowbit run`) executes a plan with lb_plan_run; the C
 * emitter prints the same plan as C. Both therefore call the same kernels
 * with the same parameters, which is what makes generated code bit-exact
 * with the interpreter. Plans are built by codegen/plan.c; this header has
 * no MLIR dependency.
 */
#ifndef LB_PLAN_H
#define LB_PLAN_H

#include "lb_kernels.h"
#include "lb_tensor.h"

/* LB_STEP(ENUM, kernel function, params member) */
#define LB_STEP_LIST(X)                               \
  X(GEMM_F32, lb_k_gemm_f32, gemm)                    \
  X(MATMUL_F32, lb_k_matmul_f32, matmul)              \
  X(QMATMUL_I8, lb_k_qmatmul_i8, matmul)              \
  X(CONV2D_F32, lb_k_conv2d_f32, conv)                \
  X(QCONV2D_I8, lb_k_qconv2d_i8, conv)                \
  X(BINARY_F32, lb_k_binary_f32, binary)              \
  X(RELU_F32, lb_k_relu_f32, unary)                   \
  X(CLIP_F32, lb_k_clip_f32, unary)                   \
  X(CLAMP_I8, lb_k_clamp_i8, unary)                   \
  X(CLAMP_U8, lb_k_clamp_u8, unary)                   \
  X(MAXPOOL_F32, lb_k_maxpool_f32, pool)              \
  X(MAXPOOL_I8, lb_k_maxpool_i8, pool)                \
  X(MAXPOOL_U8, lb_k_maxpool_u8, pool)                \
  X(AVGPOOL_F32, lb_k_avgpool_f32, pool)              \
  X(GAP_F32, lb_k_gap_f32, gap)                       \
  X(TRANSPOSE, lb_k_transpose, transpose)             \
  X(COPY, lb_k_copy, copy_bytes)                      \
  X(SOFTMAX_F32, lb_k_softmax_f32, softmax)           \
  X(BATCHNORM_F32, lb_k_batchnorm_f32, bn)            \
  X(QUANTIZE_F32_I8, lb_k_quantize_f32_i8, quant)     \
  X(QUANTIZE_F32_U8, lb_k_quantize_f32_u8, quant)     \
  X(DEQUANTIZE_I8_F32, lb_k_dequantize_i8_f32, quant) \
  X(DEQUANTIZE_U8_F32, lb_k_dequantize_u8_f32, quant) \
  X(DEQUANTIZE_I32_F32, lb_k_dequantize_i32_f32, quant) \
  X(REQUANTIZE_I32_I8, lb_k_requantize_i32_i8, quant) \
  X(REQUANTIZE_I32_U8, lb_k_requantize_i32_u8, quant)

typedef enum lb_step_kind_e {
#define LB_STEP_ENUM(E, F, M) LB_STEP_##E,
  LB_STEP_LIST(LB_STEP_ENUM)
#undef LB_STEP_ENUM
  LB_STEP_COUNT
} lb_step_kind_t;

/* "GEMM_F32" etc. (the LB_USE_ suffix) and "lb_k_gemm_f32" etc. */
const char *lb_step_macro_name(lb_step_kind_t k);
const char *lb_step_function_name(lb_step_kind_t k);

#define LB_STEP_MAX_INPUTS 5

typedef struct lb_step_s {
  lb_step_kind_t kind;
  union {
    lb_gemm_params_t gemm;
    lb_matmul_params_t matmul;
    lb_conv2d_params_t conv;
    lb_binary_params_t binary;
    lb_unary_params_t unary;
    lb_pool2d_params_t pool;
    lb_gap_params_t gap;
    lb_transpose_params_t transpose;
    lb_softmax_params_t softmax;
    lb_batchnorm_params_t bn;
    lb_quant_params_t quant;
    int64_t copy_bytes;
  } p;
  int32_t nin;
  int32_t in[LB_STEP_MAX_INPUTS]; /* tensor ids; -1 for an absent optional input */
  int32_t out;                    /* tensor id */
  int32_t op_index;               /* position of the source op in the function body */
} lb_step_t;

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
  int32_t index;  /* INPUT/OUTPUT index */
  int64_t offset; /* SCRATCH byte offset */
  void *data;     /* CONST data (owned by the plan) */
  int32_t alias_of; /* >= 0: shares storage with that tensor (reshape/flatten) */
} lb_plan_tensor_t;

typedef struct lb_plan_s {
  lb_plan_tensor_t *tensors;
  int32_t ntensors;
  lb_step_t *steps;
  int32_t nsteps;
  int32_t ninputs, noutputs;
  int32_t *input_ids;  /* tensor id of each graph input */
  int32_t *output_ids; /* tensor id of each graph output */
  char **input_names, **output_names;
  int64_t scratch_size; /* bytes, 16-byte aligned blocks */
} lb_plan_t;

/* Called after every step with the tensor it produced (for calibration). */
typedef void (*lb_plan_observer_t)(void *user, const lb_plan_t *plan, const lb_step_t *step, const void *out_data);

/* Runs the plan. inputs[i]/outputs[i] are the caller's buffers in graph
 * order; scratch has plan->scratch_size bytes (16-byte aligned). */
void lb_plan_run(const lb_plan_t *plan, const void *const *inputs, void *const *outputs, void *scratch,
                 lb_plan_observer_t observer, void *user);

/* Address of a tensor's storage for the given buffers. */
void *lb_plan_tensor_ptr(const lb_plan_t *plan, int32_t id, const void *const *inputs, void *const *outputs,
                         void *scratch);

/* Frees everything the plan owns, including const data. */
void lb_plan_free(lb_plan_t *plan);

#endif
