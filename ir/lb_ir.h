/* lowbit IR: context set-up, op kinds, accessors, types, constants,
 * builders and module helpers for the `lb` dialect.
 *
 * The dialect is defined in ir/lb.irdl.mlir (embedded into the library at
 * build time and loaded by lb_context_create); the op list (lb_op_kind_t) is
 * generated from it. Everything else about one op (shape inference,
 * verification, traits, lowering to kernels, its typed builder) lives in its
 * descriptor under ir/ops/ (see ir/lb_op.h); the semantics of every op are
 * in docs/IR.md.
 *
 *   MlirContext ctx;
 *   LB_RETURN_IF_ERROR(lb_context_create(&ctx));
 *   lb_builder_t b = lb_builder_at_end(ctx, block, loc);
 *   MlirValue y;
 *   LB_RETURN_IF_ERROR(lb_build_unary(&b, LB_OP_RELU, x, &y));
 *   ...
 *   mlirContextDestroy(ctx);
 *
 * Types: tensors are builtin ranked tensors (dynamic dims allowed until a
 * module is specialized); element types are the dtypes of support/dtype.h
 * (f32, signed/unsigned integers of 2..32 bits, i64).
 */
#ifndef LOWBIT_IR_LB_IR_H
#define LOWBIT_IR_LB_IR_H

#include <mlir-c/BuiltinAttributes.h>
#include <mlir-c/BuiltinTypes.h>
#include <mlir-c/IR.h>
#include <stdbool.h>
#include <stdint.h>

#include "support/status.h"
#include "support/tensor.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Marks a dynamic dimension in lowbit's shape arrays. */
#define LB_DYN ((int64_t)-1)

/* ---- context --------------------------------------------------------- */

/* Creates a context with the builtin, func, quant and irdl dialects loaded
 * and the lb dialect loaded from IRDL. The caller owns the context
 * (mlirContextDestroy). Returns INTERNAL if the embedded dialect fails to
 * load or an op has no descriptor. */
lb_status_t lb_context_create(MlirContext *out);

/* Collects diagnostics emitted in `ctx` as "file:line:col: error: msg" lines
 * (the parser reports files as "-"; `filename` replaces that). Attach
 * before parsing/verifying; read with lb_diag_text; detach when done. */
typedef struct lb_diag_capture_s lb_diag_capture_t;
lb_diag_capture_t *lb_diag_capture_attach(MlirContext ctx, const char *filename);
const char *lb_diag_text(const lb_diag_capture_t *cap);
int lb_diag_count(const lb_diag_capture_t *cap);
void lb_diag_clear(lb_diag_capture_t *cap);
void lb_diag_capture_detach(lb_diag_capture_t *cap);
/* INVALID_ARGUMENT with the first captured diagnostic as a one-line
 * message, "(and N more)" appended; `dflt` when nothing was captured. */
lb_status_t lb_diag_status(const lb_diag_capture_t *cap, const char *dflt);

/* Formats a location as "file:line:col" (or the printed form for other
 * location kinds) into buf. */
void lb_location_format(MlirLocation loc, char *buf, size_t n);
/* The name of a NameLoc ("fc1.weight" of loc("fc1.weight"(...))) into buf;
 * false (buf = "") when the location carries no name. */
bool lb_location_name(MlirLocation loc, char *buf, size_t n);

/* The one op-located error: INVALID_ARGUMENT-style status with the message
 * "file:line:col (name): 'lb.op': <message>". */
lb_status_t lb_op_error(MlirOperation op, lb_status_code_t code, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 3, 4)))
#endif
    ;
/* Prefixes an existing status with the op's location and name; consumes st. */
lb_status_t lb_op_annotate(MlirOperation op, lb_status_t st);

/* ---- op kinds -------------------------------------------------------- */

typedef enum lb_op_kind_e {
  LB_OP_UNKNOWN = 0,
#define LB_OP(E, S, ID) LB_OP_##E,
#include "lb_ops.def" /* generated from ir/lb.irdl.mlir */
#undef LB_OP
  LB_OP_COUNT
} lb_op_kind_t;

/* "lb.matmul" etc.; "?" for UNKNOWN. */
const char *lb_op_kind_name(lb_op_kind_t kind);
/* The kind of an operation; LB_OP_UNKNOWN for non-lb ops. */
lb_op_kind_t lb_op_get_kind(MlirOperation op);

/* Attribute names shared by lb ops. */
#define LB_ATTR_VALUE "value"
#define LB_ATTR_ALPHA "alpha"
#define LB_ATTR_BETA "beta"
#define LB_ATTR_TRANS_A "trans_a"
#define LB_ATTR_B_LAYOUT "b_layout" /* lb.qmatmul: "kn" (default) or "nk" (b packed as [N, K]) */
#define LB_ATTR_TRANS_B "trans_b"
#define LB_ATTR_ALGORITHM "algorithm" /* lb.qconv2d: "direct" (default) or "gemm" (implicit GEMM over im2col patches) */
#define LB_ATTR_STRIDES "strides"
#define LB_ATTR_PADS "pads"
#define LB_ATTR_DILATIONS "dilations"
#define LB_ATTR_GROUP "group"
#define LB_ATTR_KERNEL "kernel"
#define LB_ATTR_CEIL_MODE "ceil_mode"
#define LB_ATTR_COUNT_INCLUDE_PAD "count_include_pad"
#define LB_ATTR_MIN "min"
#define LB_ATTR_MAX "max"
#define LB_ATTR_SHAPE "shape"
#define LB_ATTR_AXIS "axis"
#define LB_ATTR_ROUNDING "rounding"     /* lb.quantize: half_even (default), half_up, half_down, up, down, ceil, floor */
#define LB_ATTR_BLOCK_SIZE "block_size" /* lb.quantize/dequantize: blocked parameters along axis */
#define LB_ATTR_PERM "perm"
#define LB_ATTR_AXES "axes"
#define LB_ATTR_STARTS "starts"
#define LB_ATTR_ENDS "ends"
#define LB_ATTR_STEPS "steps"
#define LB_ATTR_APPROXIMATE "approximate"
#define LB_ATTR_KEEPDIMS "keepdims"
#define LB_ATTR_EPSILON "epsilon"
/* Discardable attributes lowbit attaches. */
#define LB_ATTR_WEIGHT_SCALES "lb.weight_scales" /* on an op: per-channel weight scales lb-quantize takes (lb-gptq) */
#define LB_ATTR_QUANT "lb.quant"             /* on an op: the scheme lb-quantize gave it ("w4a8 channel") */
#define LB_ATTR_NO_QUANT "lb.no_quant"       /* on an op: lb-quantize leaves it float (rotations computed online) */
#define LB_ATTR_RANGE "lb.range"             /* on an op: calibrated [min, max] of the result */
#define LB_ATTR_INPUT_MEAN "lb.input_mean"   /* on a linear layer or conv: calibrated mean of its input (bias correction) */
#define LB_ATTR_INPUT_SQMEAN "lb.input_sqmean" /* ... and of its square (activation-weighted weight clipping) */
#define LB_ATTR_INPUT_NAMES "lb.input_names" /* on func: ONNX graph input names */
#define LB_ATTR_OUTPUT_NAMES "lb.output_names"
#define LB_ATTR_DIM_PARAMS "lb.dim_params"   /* on func: symbolic dim names per input ("" if none) */
#define LB_ATTR_ARG_RANGES "lb.arg_ranges"   /* on func: calibrated [min, max] per input */
#define LB_ATTR_TARGET "lb.target"           /* on the module: the target description */

/* ---- typed accessors ------------------------------------------------- */

/* Spatial attributes shared by conv2d/qconv2d/max_pool/avg_pool.
 * pads are [top, left, bottom, right]. */
typedef struct lb_window_attrs_s {
  int64_t kernel[2]; /* pooling only; conv takes it from the weight */
  int64_t strides[2];
  int64_t pads[4];
  int64_t dilations[2];
  int64_t group;             /* conv only */
  int64_t ceil_mode;         /* pooling only */
  int64_t count_include_pad; /* avg_pool only */
} lb_window_attrs_t;

/* Reads the window attributes of a conv/pool op (absent ones get ONNX
 * defaults). Returns INVALID_ARGUMENT naming the attribute if one has the
 * wrong length. */
lb_status_t lb_window_attrs_get(MlirOperation op, lb_window_attrs_t *out);

/* Scalar attribute getters; return `dflt` when absent or of another kind. */
int64_t lb_op_get_int(MlirOperation op, const char *name, int64_t dflt);
double lb_op_get_float(MlirOperation op, const char *name, double dflt);
/* A string attribute copied into buf (truncated to cap), or dflt. */
const char *lb_op_get_str(MlirOperation op, const char *name, char *buf, size_t cap, const char *dflt);
/* Copies up to `max` elements of a dense i64 array attribute; returns the
 * attribute's length, or -1 when absent. */
int lb_op_get_ints(MlirOperation op, const char *name, int64_t *out, int max);
/* Calibrated range of the op's result (LB_ATTR_RANGE); false if absent. */
bool lb_op_get_range(MlirOperation op, float *lo, float *hi);
void lb_op_set_range(MlirOperation op, float lo, float hi);
/* Range of a value: lb.range of its defining op, or the function's
 * lb.arg_ranges entry for a block argument. */
bool lb_value_get_range(MlirValue v, float *lo, float *hi);

/* Attribute constructors for builders. */
MlirNamedAttribute lb_named_attr(MlirContext ctx, const char *name, MlirAttribute a);
MlirAttribute lb_i64_attr(MlirContext ctx, int64_t v);
MlirAttribute lb_f32_attr(MlirContext ctx, double v);
MlirAttribute lb_i64s_attr(MlirContext ctx, const int64_t *v, intptr_t n);

/* Operands and results. */
MlirValue lb_op_operand(MlirOperation op, intptr_t i);
MlirValue lb_op_result(MlirOperation op);
/* The op defining v, or a null operation for block arguments. */
MlirOperation lb_value_def(MlirValue v);

/* ---- types ----------------------------------------------------------- */

/* Maps an MLIR element type to a dtype; false if unsupported. Signless and
 * signed integers map to signed dtypes. */
bool lb_type_to_dtype(MlirType elem, lb_dtype_t *out);
/* The MLIR element type of a dtype (signless iN for signed, uiN unsigned). */
MlirType lb_dtype_to_type(MlirContext ctx, lb_dtype_t dt);
/* Element dtype of a tensor-typed value; LB_DT_INVALID if unsupported. */
lb_dtype_t lb_value_dtype(MlirValue v);
/* Rank and dims (LB_DYN for dynamic) of a ranked tensor type; false when
 * the type is not a ranked tensor or has rank > LB_MAX_RANK. */
bool lb_type_get_shape(MlirType t, int32_t *rank, int64_t dims[LB_MAX_RANK]);
MlirType lb_tensor_type(MlirContext ctx, int32_t rank, const int64_t *dims, MlirType elem);
/* Element count of a static tensor-typed value; -1 if dynamic, unranked or
 * overflowing. */
int64_t lb_value_count(MlirValue v);
/* Writes e.g. "tensor<1x8xf32>" into buf. */
void lb_type_format(MlirType t, char *buf, size_t n);

/* ---- constants ------------------------------------------------------- */

/* Makes an elements attribute holding a copy of `data` (row-major host
 * containers of the tensor type's element type). Large tensors become
 * dense_resource blobs (weights are not copied per pass), small ones plain
 * dense attributes so tests can read them. */
MlirAttribute lb_elements_attr_create(MlirType tensor_type, const void *data, size_t nbytes);
/* Reads a constant op's value into a new host tensor (caller frees).
 * INVALID_ARGUMENT if the op is not an lb.constant with a supported value
 * (including a dense_resource blob shorter than its type). */
lb_status_t lb_constant_read(MlirOperation op, lb_tensor_t *out);
/* If `v` is produced by lb.constant, reads it; NOT_FOUND otherwise. */
lb_status_t lb_value_read_constant(MlirValue v, lb_tensor_t *out);
/* Like lb_constant_read / lb_value_read_constant, but large constants come
 * back borrowed (`borrowed` set, no copy): the data belongs to the context
 * and stays valid until it is destroyed; it may lie in a read-only file
 * mapping, so it must never be written. Small and parsed-from-text
 * constants are still copied. lb_tensor_free is right either way. */
lb_status_t lb_constant_view(MlirOperation op, lb_tensor_t *out);
lb_status_t lb_value_view_constant(MlirValue v, lb_tensor_t *out);
/* Reads constant operand `i` of `op` converted to `as` (f32 or any integer
 * dtype; integers saturate), flattened to rank 1. Errors are located at op
 * and name the operand. */
lb_status_t lb_operand_read_as(MlirOperation op, intptr_t i, lb_dtype_t as, lb_tensor_t *out);
/* Reads a single-element constant operand as an int64 / double. */
lb_status_t lb_operand_read_scalar_int(MlirOperation op, intptr_t i, int64_t *out);
/* True if `v` is produced by lb.constant. */
bool lb_value_is_constant(MlirValue v);

/* ---- builders -------------------------------------------------------- */

/* Where builders insert: before `before` if non-null, else at the end of
 * `block`. Every built op gets `loc`. If `on_create` is set it is called
 * with every op the builder inserts (the rewrite driver tracks new ops
 * this way). */
typedef struct lb_builder_s {
  MlirContext ctx;
  MlirBlock block;
  MlirOperation before;
  MlirLocation loc;
  void (*on_create)(void *user, MlirOperation op);
  void *user;
} lb_builder_t;

lb_builder_t lb_builder_at_end(MlirContext ctx, MlirBlock block, MlirLocation loc);
lb_builder_t lb_builder_before(MlirOperation op);
/* A copy of `b` whose ops are named "<name of op>.<suffix>" (NameLoc), so
 * that constants a pass derives from an op (scales, multipliers, tables)
 * carry a meaningful name into generated code. */
lb_builder_t lb_builder_named(const lb_builder_t *b, MlirOperation op, const char *suffix);

/* Creates one lb op of `kind` with the given operands and attributes,
 * infers its result shape (result element type `elem`) and inserts it. On
 * bad operands it destroys the op and returns INVALID_ARGUMENT with the op
 * name and reason. Every typed builder is a thin wrapper of this one. */
lb_status_t lb_build_op(lb_builder_t *b, lb_op_kind_t kind, const MlirValue *operands, intptr_t nops,
                        const MlirNamedAttribute *attrs, intptr_t nattrs, MlirType elem, MlirValue *out);
/* An op with one operand, no attributes and the operand's element type
 * (relu and other attribute-free elementwise ops). */
lb_status_t lb_build_unary(lb_builder_t *b, lb_op_kind_t kind, MlirValue x, MlirValue *out);
lb_status_t lb_build_constant(lb_builder_t *b, MlirType type, const void *data, size_t nbytes, MlirValue *out);
lb_status_t lb_build_constant_tensor(lb_builder_t *b, const lb_tensor_t *t, MlirValue *out);
/* Typed builders of ops with attributes are declared in ir/lb_build.h. */

/* ---- shape inference and verification -------------------------------- */

typedef struct lb_shape_s {
  int32_t rank;
  int64_t d[LB_MAX_RANK];
} lb_shape_t;

/* Computes the result shape of an lb op from its operand types and
 * attributes (the op descriptor's infer hook). Dynamic operand dims
 * propagate as LB_DYN; every static result dim is checked positive and the
 * element count representable. Returns INVALID_ARGUMENT with a reason (no
 * location) when operands are inconsistent. */
lb_status_t lb_op_infer_shape(MlirOperation op, lb_shape_t *out);

/* Checks every lb op under `root` beyond what IRDL checks: element types,
 * shapes against inference, attribute values (descriptor verify hooks).
 * Each problem is emitted as an error diagnostic at the op's location;
 * returns the number of problems. */
int lb_verify(MlirOperation root);
/* True if the single lb op passes lb_verify's checks; emits nothing. */
bool lb_op_verifies(MlirOperation op);

/* Verifies a module (MLIR's verifier, which checks the IRDL structure, then
 * lb_verify). INVALID_ARGUMENT with the first diagnostic on one line
 * ("file:line:col: 'lb.op' op ...", "(and N more)" appended) on failure;
 * `filename` replaces "-" in parser locations (may be NULL). */
lb_status_t lb_module_verify(MlirModule module, const char *filename);

/* ---- module helpers -------------------------------------------------- */

/* The single func.func with a body in the module (lowbit modules hold one
 * graph); null operation if there is none. */
MlirOperation lb_module_get_func(MlirModule module);
/* True if the module already carries quantization: an lb.quantize,
 * lb.dequantize, lb.matmul_nbits or integer-kernel op (QDQ, QOperator,
 * QONNX, MatMulNBits imports). */
bool lb_module_is_quantized(MlirModule module);
MlirBlock lb_func_get_body(MlirOperation func);
/* The func.return terminator of the body. */
MlirOperation lb_func_get_return(MlirOperation func);
/* Name of graph input / output i (lb.input_names / lb.output_names, else
 * "input<i>" / "output<i>") into buf. */
void lb_func_input_name(MlirOperation func, intptr_t i, char *buf, size_t n);
void lb_func_output_name(MlirOperation func, intptr_t i, char *buf, size_t n);

/* Re-infers all op result types and the function type after a pass changed
 * operand types. */
lb_status_t lb_func_refresh_types(MlirOperation func);

/* True if `v` has exactly one use. */
bool lb_value_has_single_use(MlirValue v);
/* True if `v` has no uses. */
bool lb_value_is_unused(MlirValue v);

/* Erases lb ops whose results have no uses, repeatedly. */
void lb_func_erase_dead(MlirOperation func);

/* Parses `text` (named `filename` in diagnostics) into a module; on failure
 * returns INVALID_ARGUMENT carrying the diagnostics. */
lb_status_t lb_module_parse(MlirContext ctx, const char *text, const char *filename, MlirModule *out);
/* Printing options for lb_module_print. */
typedef struct lb_print_options_s {
  bool debug_locations;
  bool elide_resources; /* weights as dense_resource<__elided__> */
} lb_print_options_t;
/* Prints the module (generic op form for lb ops, as IRDL requires) into a
 * malloc'd NUL-terminated string; NULL on allocation failure. */
char *lb_module_print(MlirModule module, const lb_print_options_t *opts);

#ifdef __cplusplus
}
#endif
#endif
