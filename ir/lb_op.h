/* Op descriptors: everything lowbit knows about one lb op, in one place.
 *
 * Each op of ir/lb.irdl.mlir has a descriptor `lb_op_desc_<mnemonic>` defined
 * in a file under ir/ops/ (one file per op or small family). The table that
 * maps op kinds to descriptors is generated from the IRDL file, so an op
 * without a descriptor fails to link. Generic code (the verifier, the
 * interpreter's planner, the quantization passes) asks descriptors and
 * traits instead of switching on op kinds:
 *
 *   const lb_op_desc_t *d = lb_op_desc(op);
 *   if (d && (d->traits & LB_TRAIT_ELEMENTWISE)) ...
 *
 * A descriptor provides:
 *   infer          result shape from operand types and attributes (required)
 *   verify         element types and attribute values beyond IRDL (optional)
 *   lower          the kernel step(s) the interpreter and call-style backends
 *                  run (interp/lower.h); NULL when the op must be rewritten
 *                  away before execution
 *   channel_axis   the result's channel axis, for per-channel parameters
 *   quant_operands which operands the quantizer treats as activation, weight
 *                  and bias (LB_TRAIT_QUANTIZABLE ops)
 *   build_integer  the integer op that replaces the float one after
 *                  quantization (LB_TRAIT_QUANTIZABLE ops)
 *   clamp_bounds   the real interval an op clamps to (relu, clip), so that
 *                  quantization can fuse it as an integer clamp
 *   acc_bound      the worst-case accumulator of an integer kernel, which
 *                  decides between int32 and int64 accumulation
 * See docs/ADDING_AN_OP.md.
 */
#ifndef LOWBIT_IR_LB_OP_H
#define LOWBIT_IR_LB_OP_H

#include "ir/lb_ir.h"

#ifdef __cplusplus
extern "C" {
#endif

/* ---- traits ----------------------------------------------------------- */

enum {
  /* result[i] depends only on the operands at i (numpy broadcasting) */
  LB_TRAIT_ELEMENTWISE = 1u << 0,
  /* one tensor operand, no other operands: with ELEMENTWISE, an 8-bit
   * quantized instance can become a 256-entry lookup table */
  LB_TRAIT_UNARY = 1u << 1,
  /* moves elements without changing them (reshape, flatten, transpose) */
  LB_TRAIT_LAYOUT_ONLY = 1u << 2,
  /* every output element is one of the input elements, chosen by position
   * or by comparisons (layout ops, max pooling): commutes with any
   * increasing elementwise map, such as per-tensor (de)quantization */
  LB_TRAIT_SELECTS = 1u << 3,
  /* op(x * s) == op(x) * s for a positive per-channel scale s along the
   * channel axis (relu, max pooling): scales can migrate across it */
  LB_TRAIT_CHANNEL_SCALE_COMMUTES = 1u << 4,
  /* float op with constant weights that lb-quantize quantizes and
   * lb-lower-quantized replaces by its integer counterpart */
  LB_TRAIT_QUANTIZABLE = 1u << 5,
  /* operates on integers (kernel IR) */
  LB_TRAIT_INTEGER = 1u << 6,
};

/* ---- verifier interface ------------------------------------------------ */

typedef struct lb_verifier_s lb_verifier_t;
/* Emits "'lb.op' op <message>" at the op's location. */
void lb_verify_error(lb_verifier_t *v, MlirOperation op, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 3, 4)))
#endif
    ;

/* ---- quantization hooks ------------------------------------------------ */

typedef struct lb_quant_operands_s {
  intptr_t input;      /* activation operand */
  intptr_t weight;     /* weight operand (the quantizer requires a constant) */
  int64_t weight_axis; /* output-channel axis of the weight */
  intptr_t bias;       /* optional float bias operand, -1 if none */
  int64_t nout;        /* number of output channels */
} lb_quant_operands_t;

/* What build_integer receives: the integer operands lb-lower-quantized
 * prepared. The weight is given both as host data and as the constant value
 * it came from (reuse the value when no transform is needed). */
typedef struct lb_int_operands_s {
  MlirValue x;            /* i8 or ui8 activation */
  MlirValue x_zp;         /* x's type, [1] */
  const lb_tensor_t *w;   /* i8 or ui8 weight, in the float op's weight layout */
  MlirValue w_value;      /* the constant holding w */
  MlirValue w_zp;         /* w's type, [1] or [nout] */
  MlirValue bias;         /* i32 [nout], or null */
} lb_int_operands_t;

typedef struct lb_lower_s lb_lower_t;

typedef struct lb_op_desc_s {
  const char *summary; /* one line, for docs and --help */
  uint32_t traits;
  lb_status_t (*infer)(MlirOperation op, lb_shape_t *out);
  void (*verify)(lb_verifier_t *v, MlirOperation op);
  lb_status_t (*lower)(lb_lower_t *lw, MlirOperation op);
  int64_t (*channel_axis)(MlirOperation op);
  bool (*quant_operands)(MlirOperation op, lb_quant_operands_t *out);
  lb_status_t (*build_integer)(lb_builder_t *b, MlirOperation op, const lb_int_operands_t *in, MlirValue *acc);
  /* For ops equal to clamping to a real interval (relu: [0, inf), clip:
   * [min, max]): the interval. Quantized, such an op becomes an integer
   * clamp fused into the preceding integer kernel. */
  bool (*clamp_bounds)(MlirOperation op, double *lo, double *hi);
  /* For integer kernels that accumulate (qmatmul, qconv2d): a bound on
   * |accumulator| over all inputs of the operand types, from the constant
   * weights, zero points and bias (worst case for non-constant ones). The
   * planner refuses an i32 result whose bound exceeds int32, and
   * lb-lower-quantized gives such kernels an i64 accumulator. */
  lb_status_t (*acc_bound)(MlirOperation op, int64_t *bound);
} lb_op_desc_t;

/* Descriptor of an op's kind; NULL for non-lb ops. */
const lb_op_desc_t *lb_op_desc(MlirOperation op);
const lb_op_desc_t *lb_op_kind_desc(lb_op_kind_t kind);
/* True if `op` is an lb op with every bit of `traits`. */
bool lb_op_has_traits(MlirOperation op, uint32_t traits);
/* The result's channel axis (descriptor hook), or -1 if the op has none. */
int64_t lb_op_channel_axis(MlirOperation op);

#ifdef __cplusplus
}
#endif
#endif
