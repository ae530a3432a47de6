/* Helpers shared by the op descriptors under ir/ops/ (not a public API). */
#ifndef LOWBIT_IR_OPS_OP_UTIL_H
#define LOWBIT_IR_OPS_OP_UTIL_H

#include <string.h>

#include "interp/lower.h"
#include "ir/lb_build.h"
#include "ir/lb_ir.h"
#include "ir/lb_op.h"

#define LB_FAIL(...) LB_ERROR(LB_STATUS_INVALID_ARGUMENT, __VA_ARGS__)

/* ---- shapes ---- */

/* Shape of operand i; INVALID_ARGUMENT if missing or not a ranked tensor. */
lb_status_t lb_operand_shape(MlirOperation op, intptr_t i, lb_shape_t *s);
/* infer hook: the result has operand 0's shape. */
lb_status_t lb_infer_same_as_input(MlirOperation op, lb_shape_t *out);
/* numpy broadcasting of two shapes into out; `what` names them in errors. */
lb_status_t lb_broadcast(const lb_shape_t *a, const lb_shape_t *b, lb_shape_t *out, const char *what);
/* a * b for dims (LB_DYN absorbing); false on overflow. */
bool lb_dim_mul(int64_t a, int64_t b, int64_t *out);
/* Output length of a sliding window (conv, pooling); LB_DYN in, LB_DYN out.
 * Checks positivity, bounds every attribute by 2^40, that the padded input
 * fits one window and, when `pads_lt_kernel` is set (pooling, as ONNX
 * requires), that pads are smaller than the dilated kernel. */
lb_status_t lb_window_out(int64_t in, int64_t k, int64_t stride, int64_t pad_a, int64_t pad_b, int64_t dil,
                          int ceil_mode, int pads_lt_kernel, int64_t *out);

/* ---- values in lowering (static shapes) ---- */

typedef struct lb_vshape_s {
  lb_dtype_t dt;
  int32_t rank;
  int64_t d[LB_MAX_RANK];
} lb_vshape_t;

/* dtype and static shape of a value (shapes are static when lowering). */
lb_vshape_t lb_vshape(MlirValue v);
/* Product of d[from..to). */
int64_t lb_prod(const int64_t *d, int32_t from, int32_t to);
/* Element strides of s aligned to an output of rank r; 0 on broadcast dims. */
void lb_bcast_strides(const lb_vshape_t *s, int32_t r, int64_t *strides);

/* ---- accumulator bounds ---- */

/* max over output channels c of |bias[c]| + xmax * sum_k |w[c, k] - w_zp[c]|,
 * where weight element k of channel c is at w[b*bstride + c*cstride +
 * k*kstride] for each of `nbatch` batches; saturates at INT64_MAX. With no
 * constant weight (w NULL) every |w - w_zp| is its worst case for dtype
 * wdt; with no constant zero point (w_zp NULL) the worst over wdt's range;
 * w_zp has 1 or nout elements. With no constant bias (bias NULL,
 * has_bias) |bias| is 2^31. */
int64_t lb_acc_bound(const lb_tensor_t *w, int64_t nout, int64_t K, int64_t kstride, int64_t cstride, int64_t nbatch,
                     int64_t bstride, lb_dtype_t wdt, const lb_tensor_t *w_zp, int64_t xmax, const lb_tensor_t *bias,
                     bool has_bias);
/* max |v - zp| over values v of dt and the zero points zp (1 or more);
 * with zp NULL (not a constant), the width of dt's range. */
int64_t lb_zp_max_offset(lb_dtype_t dt, const lb_tensor_t *zp);
/* Views v if it is a constant (true; read only: large constants are
 * borrowed, see lb_value_view_constant), else leaves *out zeroed (false). */
bool lb_read_constant_if_any(MlirValue v, lb_tensor_t *out);
/* Lowering check of an i32-accumulating kernel: INVALID_ARGUMENT at the op
 * when `bound` says the accumulator can exceed int32. */
lb_status_t lb_check_acc32(MlirOperation op, lb_status_t (*bound)(MlirOperation, int64_t *));
/* "i8" for signed and "u8" for unsigned 8-bit kernels' name parts. */
const char *lb_int8_suffix(lb_dtype_t dt);
/* max |v - zp| over the values of an integer dtype. */
int64_t lb_dtype_max_offset(lb_dtype_t dt, int64_t zp);

/* ---- fused epilogues ---- */

/* A requantize fused into the store of the kernel that produces its
 * accumulator (runtime/kernels/qgemm.h, the _rq_ kernels). */
typedef struct lb_epilogue_s {
  MlirOperation op;       /* the lb.requantize or lb.dequantize, or null: nothing to fuse */
  bool dequant;           /* op is an lb.dequantize (f32 out): mult is its scale, out_zp its zero point */
  bool fp;                /* op is an lb.requantize with an f32 scale (mult) and no offset */
  int32_t mult, shift;    /* tensor ids (i32; a dequantize's scale: f32) */
  int32_t per_channel;    /* one multiplier (scale) per channel, else one */
  int32_t out_zp, qmin, qmax;
  lb_dtype_t dt;          /* i8 or ui8 (f32 for a dequantize) */
} lb_epilogue_t;

/* Finds and lowers the epilogue of op: the fixed-point lb.requantize that
 * alone consumes op's i32 result, producing i8 or ui8, with constant
 * multiplier, shift and zero point, one multiplier per channel along
 * `axis` (of `channels`) or one; with `floats` (the matmul's kernels have
 * these forms, the convolution's not yet) also the float lb.requantize
 * (an f32 scale, no offset: pre-quantized models) with a constant scale
 * per channel or one and a constant zero point, or else an lb.dequantize
 * to f32 that alone consumes it, with a constant scale (per channel along
 * `axis` or one) and one zero point (or per channel, all equal). e->op
 * stays null when there is none. */
lb_status_t lb_lower_requant_epilogue(lb_lower_t *lw, MlirOperation op, int32_t axis, int64_t channels, bool floats,
                                      lb_epilogue_t *e);

/* Adds the step of a packed GEMM kernel (runtime/kernels/qgemm.h) whose
 * inputs in[0..3] are set: without an epilogue (e->op null) kernel
 * "BASE_TYPES" on in[0..3] and the workspace, producing op's result; with
 * one, "BASE_rq_TYPES_OUT" (OUT the requantized type) also taking the
 * multipliers and shifts, "BASE_rqf_TYPES_OUT" the float scales (e->fp),
 * "BASE_dq_TYPES" the dequantize's scales (e->dequant), the epilogue's
 * fields written to the params through the four pointers, the step
 * producing the epilogue op's result. */
lb_status_t lb_lower_qgemm_step(lb_lower_t *lw, MlirOperation op, const lb_epilogue_t *e, const char *base,
                                const char *types, void *params, const lb_params_desc_t *desc, int32_t *mult_per_channel,
                                int32_t *out_zp, int32_t *qmin, int32_t *qmax, int32_t *in, int32_t ws);

/* comp[n] = bias[n] - z * sum_k w[n][k] + K * z * w_zp[n] in int64 over
 * the constant weight operand iw viewed as [N, K] (z = the single constant
 * zero point of operand iz plus `z_offset`; w_zp operand iwz, 1 or N
 * elements; bias operand ib, or -1 for none): the zero-point compensation
 * of the packed kernels (runtime/kernels/qgemm.h). */
lb_status_t lb_zero_point_compensation(MlirOperation op, intptr_t iw, intptr_t iz, intptr_t iwz, intptr_t ib, int64_t N,
                                       int64_t K, int64_t z_offset, lb_tensor_t *comp);

/* The constant weight operand iw, viewed as [N, K], as a kernel input with
 * rows of Kp >= K codes (zero past K): the operand itself when Kp == K,
 * else a padded copy named "<weight>.k_padded". */
lb_status_t lb_lower_padded_weight(lb_lower_t *lw, MlirOperation op, intptr_t iw, int64_t N, int64_t K, int64_t Kp,
                                   int32_t *id);

/* ---- verification ---- */

/* Every operand and the result are f32; reports the first that is not. */
bool lb_verify_all_f32(lb_verifier_t *v, MlirOperation op);
/* The result element type equals operand 0's. */
bool lb_verify_same_elem(lb_verifier_t *v, MlirOperation op);
/* Element type of operand i (or the result for i = -1) is one of `dts`
 * (LB_DT_INVALID-terminated); `what` describes the allowed set. */
bool lb_verify_dtype_in(lb_verifier_t *v, MlirOperation op, intptr_t i, const lb_dtype_t *dts, const char *what);
/* Integer element type of at most `max_bits` bits (any signedness). */
bool lb_verify_int_upto(lb_verifier_t *v, MlirOperation op, intptr_t i, unsigned max_bits);

#endif
