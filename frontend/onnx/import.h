/* What ONNX op importers see (frontend/onnx/ops/): the node being imported,
 * its inputs as lb values or constants, its attributes, and a way to define
 * its outputs. One small function per ONNX op (or family) registers itself
 * with LB_ONNX_REGISTER under a domain, op type and opset range:
 *
 *   static lb_status_t import_relu(lb_onnx_node_t *n) {
 *     MlirValue x, y;
 *     LB_RETURN_IF_ERROR(lb_onnx_input(n, 0, &x));
 *     LB_RETURN_IF_ERROR(lb_onnx_build(n, lb_build_unary(lb_onnx_builder(n), LB_OP_RELU, x, &y)));
 *     return lb_onnx_define(n, 0, y);
 *   }
 *   static const lb_onnx_importer_t importers[] = {{"", "Relu", 6, LB_ONNX_MAX_OPSET, import_relu}};
 *   LB_ONNX_REGISTER(activation, importers)
 *
 * Every error an importer returns through lb_onnx_fail (or wraps with
 * lb_onnx_build) names the model file, the node (index and name), the op
 * type and the opset.
 */
#ifndef LOWBIT_FRONTEND_ONNX_IMPORT_H
#define LOWBIT_FRONTEND_ONNX_IMPORT_H

#include "frontend/onnx/onnx_load.h"
#include "ir/lb_build.h"
#include "ir/lb_ir.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Opsets the importer knows about (individual ops narrow this). */
#define LB_ONNX_MIN_OPSET 1
#define LB_ONNX_MAX_OPSET 21

typedef struct lb_onnx_node_s lb_onnx_node_t;
typedef lb_status_t (*lb_onnx_import_fn)(lb_onnx_node_t *n);

typedef struct lb_onnx_importer_s {
  const char *domain;  /* "" for the default ONNX domain */
  const char *op_type; /* "Conv" */
  int64_t since, until; /* opset versions of the domain this function handles */
  lb_onnx_import_fn fn;
} lb_onnx_importer_t;

/* ---- the node ---- */

const Onnx__NodeProto *lb_onnx_proto(const lb_onnx_node_t *n);
/* The model being imported (for lb_onnx_tensor_decode). */
const lb_onnx_model_t *lb_onnx_model(const lb_onnx_node_t *n);
/* The opset version of the node's domain. */
int64_t lb_onnx_opset(const lb_onnx_node_t *n);
/* A builder that appends to the graph body at the node's location. */
lb_builder_t *lb_onnx_builder(lb_onnx_node_t *n);

/* An error naming the file, node and op; `code` as in support/status.h. */
lb_status_t lb_onnx_fail(lb_onnx_node_t *n, lb_status_code_t code, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 3, 4)))
#endif
    ;
/* Re-raises a builder's or helper's error with the node prefix; LB_OK stays. */
lb_status_t lb_onnx_build(lb_onnx_node_t *n, lb_status_t st);

/* ---- inputs ---- */

/* True if input i is present (not omitted with an empty name). */
bool lb_onnx_has_input(const lb_onnx_node_t *n, size_t i);
/* Input i as an lb value; initializers and Constant outputs are
 * materialized as lb.constant on first use. */
lb_status_t lb_onnx_input(lb_onnx_node_t *n, size_t i, MlirValue *out);
/* Like lb_onnx_input, but a null value when the input is absent. */
lb_status_t lb_onnx_optional_input(lb_onnx_node_t *n, size_t i, MlirValue *out);
/* Input i when it is known at import time (initializer or Constant);
 * borrowed. UNIMPLEMENTED naming the input otherwise. */
lb_status_t lb_onnx_const_input(lb_onnx_node_t *n, size_t i, const lb_tensor_t **out);
/* True if input i is present and known at import time. */
bool lb_onnx_input_is_const(const lb_onnx_node_t *n, size_t i);
/* Makes output i an alias of input j's symbol (Identity, Dropout). */
lb_status_t lb_onnx_forward(lb_onnx_node_t *n, size_t out, size_t in);
/* Defines output i as `value`. */
lb_status_t lb_onnx_define(lb_onnx_node_t *n, size_t i, MlirValue value);
/* Defines output i as constant host data (takes ownership of *t). */
/* Output i is an empty 1-D constant: later nodes see it as an absent
 * optional input (lb_onnx_has_input false); reading it otherwise fails. */
lb_status_t lb_onnx_define_empty(lb_onnx_node_t *n, size_t i);
lb_status_t lb_onnx_define_const(lb_onnx_node_t *n, size_t i, lb_tensor_t *t);
/* Requires exactly `count` outputs (extra optional outputs must be unused
 * by the graph and are then ignored). */
lb_status_t lb_onnx_outputs(lb_onnx_node_t *n, size_t count);

/* ---- attributes ---- */

const Onnx__AttributeProto *lb_onnx_attr(const lb_onnx_node_t *n, const char *name);
int64_t lb_onnx_attr_int(const lb_onnx_node_t *n, const char *name, int64_t dflt);
float lb_onnx_attr_float(const lb_onnx_node_t *n, const char *name, float dflt);
/* Copies an ints attribute (up to max); returns its length or -1 if absent. */
int lb_onnx_attr_ints(const lb_onnx_node_t *n, const char *name, int64_t *out, int max);
/* A string attribute into buf (truncated), or dflt if absent. */
const char *lb_onnx_attr_str(const lb_onnx_node_t *n, const char *name, char *buf, size_t cap, const char *dflt);
/* Fails on any attribute not in the NULL-terminated `known` list. */
lb_status_t lb_onnx_check_attrs(lb_onnx_node_t *n, const char *const *known);

/* ---- shared helpers ---- */

/* ONNX 2-D window attributes (strides, dilations, pads, auto_pad) of a
 * conv/pool node over input x with the given kernel size. */
lb_status_t lb_onnx_window(lb_onnx_node_t *n, MlirValue x, const int64_t kernel[2], lb_window_attrs_t *w);

/* ---- registration ---- */

typedef struct lb_onnx_family_s {
  const char *name;
  const lb_onnx_importer_t *importers;
  size_t count;
  struct lb_onnx_family_s *next;
} lb_onnx_family_t;

void lb_onnx_register_family(lb_onnx_family_t *f);

#define LB_ONNX_REGISTER(FAMILY, TABLE)                                                           \
  static lb_onnx_family_t lb__onnx_family_##FAMILY = {#FAMILY, TABLE, sizeof TABLE / sizeof TABLE[0], NULL}; \
  __attribute__((constructor)) static void lb__onnx_register_##FAMILY(void) {                     \
    lb_onnx_register_family(&lb__onnx_family_##FAMILY);                                           \
  }

#ifdef __cplusplus
}
#endif
#endif
