/* lowbit IR: context set-up, the lb op table, typed builders and accessors,
 * shape inference and verification for the `lb` dialect.
 *
 * The dialect itself is defined in ir/lb.irdl.mlir (embedded into the
 * library at build time and loaded by lb_context_create); the semantics of
 * every op are in docs/IR.md. No file outside ir/ spells an op name: code
 * elsewhere uses lb_op_kind_t, the lb_build_* builders and the accessors
 * below.
 *
 *   MlirContext ctx;
 *   LB_RETURN_IF_ERROR(lb_context_create(&ctx));
 *   lb_builder_t b = lb_builder_at_end(ctx, block, loc);
 *   MlirValue y;
 *   LB_RETURN_IF_ERROR(lb_build_relu(&b, x, &y));
 *   ...
 *   mlirContextDestroy(ctx);
 *
 * Types: tensors are builtin ranked tensors (dynamic dims allowed until a
 * module is specialized); element types f32, i8 (signed), ui8, i32, i64.
 */
#ifndef LOWBIT_IR_LB_IR_H
#define LOWBIT_IR_LB_IR_H

#include <mlir-c/BuiltinAttributes.h>
#include <mlir-c/BuiltinTypes.h>
#include <mlir-c/IR.h>
#include <stdbool.h>
#include <stdint.h>

#include "runtime/lb_tensor.h"
#include "support/status.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Marks a dynamic dimension in lowbit's shape arrays. */
#define LB_DYN ((int64_t)-1)

/* ---- context --------------------------------------------------------- */

/* Creates a context with the builtin, func, quant and irdl dialects loaded
 * and the lb dialect loaded from IRDL. The caller owns the context
 * (mlirContextDestroy). Returns INTERNAL if the embedded dialect fails to
 * load. */
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

/* Formats a location as "file:line:col" (or the printed form for other
 * location kinds) into buf. */
void lb_location_format(MlirLocation loc, char *buf, size_t n);

/* ---- op kinds -------------------------------------------------------- */

typedef enum lb_op_kind_e {
  LB_OP_UNKNOWN = 0,
#define LB_OP(E, S) LB_OP_##E,
#include "ir/lb_ops.def"
#undef LB_OP
  LB_OP_COUNT
} lb_op_kind_t;

/* "lb.matmul" etc.; "?" for UNKNOWN. */
const char *lb_op_kind_name(lb_op_kind_t kind);
/* The kind of an operation; LB_OP_UNKNOWN for non-lb ops. */
lb_op_kind_t lb_op_get_kind(MlirOperation op);

/* Attribute names used by lb ops. */
#define LB_ATTR_VALUE "value"
#define LB_ATTR_ALPHA "alpha"
#define LB_ATTR_BETA "beta"
#define LB_ATTR_TRANS_A "trans_a"
#define LB_ATTR_TRANS_B "trans_b"
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
#define LB_ATTR_PERM "perm"
#define LB_ATTR_EPSILON "epsilon"
/* Discardable attributes lowbit attaches to ops. */
#define LB_ATTR_RANGE "lb.range"             /* calibrated [min, max] of the result */
#define LB_ATTR_INPUT_NAMES "lb.input_names" /* on func: ONNX graph input names */
#define LB_ATTR_OUTPUT_NAMES "lb.output_names"
#define LB_ATTR_ARG_RANGES "lb.arg_ranges"     /* on func: calibrated [min, max] per input */

/* ---- typed accessors ------------------------------------------------- */

/* Spatial attributes shared by conv2d/qconv2d/max_pool/avg_pool.
 * pads are [top, left, bottom, right]. */
typedef struct lb_window_attrs_s {
  int64_t kernel[2];    /* pooling only; conv takes it from the weight */
  int64_t strides[2];
  int64_t pads[4];
  int64_t dilations[2];
  int64_t group;        /* conv only */
  int64_t ceil_mode;    /* pooling only */
  int64_t count_include_pad; /* avg_pool only */
} lb_window_attrs_t;

/* Reads the window attributes of a conv/pool op (absent ones get ONNX
 * defaults). Returns INVALID_ARGUMENT naming the attribute if one has the
 * wrong length. */
lb_status_t lb_window_attrs_get(MlirOperation op, lb_window_attrs_t *out);

/* Scalar attribute getters; return `dflt` when absent or of another kind. */
int64_t lb_op_get_int(MlirOperation op, const char *name, int64_t dflt);
double lb_op_get_float(MlirOperation op, const char *name, double dflt);
/* Copies up to `max` elements of a dense i64 array attribute; returns the
 * attribute's length, or -1 when absent. */
int lb_op_get_ints(MlirOperation op, const char *name, int64_t *out, int max);
/* Calibrated range of the op's result (LB_ATTR_RANGE); false if absent. */
bool lb_op_get_range(MlirOperation op, float *lo, float *hi);
void lb_op_set_range(MlirOperation op, float lo, float hi);

/* Number of operands; for ops with an optional trailing operand this tells
 * whether it is present. */
intptr_t lb_op_num_operands(MlirOperation op);
MlirValue lb_op_operand(MlirOperation op, intptr_t i);
MlirValue lb_op_result(MlirOperation op);

/* ---- types ----------------------------------------------------------- */

/* Maps an MLIR element type to a runtime dtype; false if unsupported. */
bool lb_type_to_dtype(MlirType elem, lb_dtype_t *out);
MlirType lb_dtype_to_type(MlirContext ctx, lb_dtype_t dt);
/* Rank and dims (LB_DYN for dynamic) of a ranked tensor type; false when
 * the type is not a ranked tensor or has rank > LB_MAX_RANK. */
bool lb_type_get_shape(MlirType t, int32_t *rank, int64_t dims[LB_MAX_RANK]);
MlirType lb_tensor_type(MlirContext ctx, int32_t rank, const int64_t *dims, MlirType elem);
/* True if every dim is static. */
bool lb_type_is_static(MlirType t);
/* Writes e.g. "tensor<1x8xf32>" into buf. */
void lb_type_format(MlirType t, char *buf, size_t n);

/* ---- constants ------------------------------------------------------- */

/* Makes an elements attribute holding a copy of `data` (row-major, of the
 * tensor type's element type). Large tensors become dense_resource blobs
 * (weights are not copied per pass), small ones plain dense attributes so
 * tests can read them. */
MlirAttribute lb_elements_attr_create(MlirType tensor_type, const void *data, size_t nbytes);
/* Reads a constant op's value into a new host tensor (caller frees).
 * INVALID_ARGUMENT if the op is not an lb.constant with a supported value. */
lb_status_t lb_constant_read(MlirOperation op, lb_tensor_t *out);
/* If `v` is produced by lb.constant, reads it; NOT_FOUND otherwise. */
lb_status_t lb_value_read_constant(MlirValue v, lb_tensor_t *out);

/* ---- builders -------------------------------------------------------- */

/* Where builders insert: before `before` if non-null, else at the end of
 * `block`. Every built op gets `loc`. */
typedef struct lb_builder_s {
  MlirContext ctx;
  MlirBlock block;
  MlirOperation before;
  MlirLocation loc;
} lb_builder_t;

lb_builder_t lb_builder_at_end(MlirContext ctx, MlirBlock block, MlirLocation loc);
lb_builder_t lb_builder_before(MlirOperation op);

/* Each builder creates one op, infers its result shape from the operands
 * (lb_op_infer_shape) and returns the result value. On bad operands it
 * erases the op and returns INVALID_ARGUMENT with the op name and reason. */
lb_status_t lb_build_constant(lb_builder_t *b, MlirType type, const void *data, size_t nbytes, MlirValue *out);
lb_status_t lb_build_constant_tensor(lb_builder_t *b, const lb_tensor_t *t, MlirValue *out);
lb_status_t lb_build_matmul(lb_builder_t *b, MlirValue a, MlirValue bm, MlirValue *out);
/* c may be a null value (no bias). */
lb_status_t lb_build_gemm(lb_builder_t *b, MlirValue a, MlirValue bm, MlirValue c, float alpha, float beta,
                          int trans_a, int trans_b, MlirValue *out);
lb_status_t lb_build_conv2d(lb_builder_t *b, MlirValue x, MlirValue w, MlirValue bias,
                            const lb_window_attrs_t *wa, MlirValue *out);
/* kind is one of ADD, SUB, MUL, DIV. */
lb_status_t lb_build_binary(lb_builder_t *b, lb_op_kind_t kind, MlirValue lhs, MlirValue rhs, MlirValue *out);
lb_status_t lb_build_relu(lb_builder_t *b, MlirValue x, MlirValue *out);
lb_status_t lb_build_clip(lb_builder_t *b, MlirValue x, float lo, float hi, MlirValue *out);
/* kind is MAX_POOL or AVG_POOL. */
lb_status_t lb_build_pool(lb_builder_t *b, lb_op_kind_t kind, MlirValue x, const lb_window_attrs_t *wa,
                          MlirValue *out);
lb_status_t lb_build_global_avg_pool(lb_builder_t *b, MlirValue x, MlirValue *out);
lb_status_t lb_build_reshape(lb_builder_t *b, MlirValue x, const int64_t *shape, int32_t n, MlirValue *out);
lb_status_t lb_build_flatten(lb_builder_t *b, MlirValue x, int64_t axis, MlirValue *out);
lb_status_t lb_build_transpose(lb_builder_t *b, MlirValue x, const int64_t *perm, int32_t n, MlirValue *out);
lb_status_t lb_build_softmax(lb_builder_t *b, MlirValue x, int64_t axis, MlirValue *out);
lb_status_t lb_build_batchnorm(lb_builder_t *b, MlirValue x, MlirValue scale, MlirValue bias, MlirValue mean,
                               MlirValue var, float eps, MlirValue *out);
/* Result element type `elem` (i8/ui8/i32); axis -1 for per-tensor. */
lb_status_t lb_build_quantize(lb_builder_t *b, MlirValue x, MlirValue scale, MlirValue zp, int64_t axis,
                              MlirType elem, MlirValue *out);
lb_status_t lb_build_dequantize(lb_builder_t *b, MlirValue x, MlirValue scale, MlirValue zp, int64_t axis,
                                MlirValue *out);
/* bias may be null. */
lb_status_t lb_build_qmatmul(lb_builder_t *b, MlirValue a, MlirValue bm, MlirValue a_zp, MlirValue b_zp,
                             MlirValue bias, MlirValue *out);
lb_status_t lb_build_qconv2d(lb_builder_t *b, MlirValue x, MlirValue w, MlirValue x_zp, MlirValue w_zp,
                             MlirValue bias, const lb_window_attrs_t *wa, MlirValue *out);
lb_status_t lb_build_requantize(lb_builder_t *b, MlirValue acc, MlirValue mult, MlirValue shift, MlirValue zp,
                                int64_t axis, MlirType elem, MlirValue *out);
lb_status_t lb_build_clamp(lb_builder_t *b, MlirValue x, int64_t lo, int64_t hi, MlirValue *out);

/* ---- shape inference and verification -------------------------------- */

/* Computes the result shape of an lb op from its operand types and
 * attributes. Dynamic operand dims propagate as LB_DYN. Returns
 * INVALID_ARGUMENT with a reason (no location) when operands are
 * inconsistent. */
lb_status_t lb_op_infer_shape(MlirOperation op, int32_t *rank, int64_t dims[LB_MAX_RANK]);

/* Checks every lb op under `root` beyond what IRDL checks: operand element
 * types, shapes against lb_op_infer_shape, attribute values (positive
 * scales, valid axes, shift ranges). Each problem is emitted as an error
 * diagnostic at the op's location; returns the number of problems. */
int lb_verify(MlirOperation root);

/* ---- module helpers -------------------------------------------------- */

/* The single func.func in the module (lowbit modules hold one graph);
 * null operation if there is none. */
MlirOperation lb_module_get_func(MlirModule module);
MlirBlock lb_func_get_body(MlirOperation func);
/* The func.return terminator of the body. */
MlirOperation lb_func_get_return(MlirOperation func);

/* Gives every dynamic dim of the function's inputs the value `batch`,
 * re-infers every op's result type and updates the function type. Returns
 * INVALID_ARGUMENT if inference fails (naming the op and location). */
lb_status_t lb_module_specialize(MlirModule module, int64_t batch);
/* Re-infers all op result types and the function type after a pass changed
 * operand types. */
lb_status_t lb_func_refresh_types(MlirOperation func);

/* True if `v` has exactly one use. */
bool lb_value_has_single_use(MlirValue v);

/* Erases ops in the body whose results have no uses (lb ops only),
 * repeatedly. */
void lb_func_erase_dead(MlirOperation func);

/* Parses `text` (named `filename` in diagnostics) into a module; on failure
 * returns INVALID_ARGUMENT carrying the diagnostics. */
lb_status_t lb_module_parse(MlirContext ctx, const char *text, const char *filename, MlirModule *out);
/* Prints the module (generic op form for lb ops, as IRDL requires) into a
 * malloc'd NUL-terminated string. */
char *lb_module_print(MlirModule module, bool debug_locations);

#ifdef __cplusplus
}
#endif
#endif
