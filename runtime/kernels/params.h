/* Kernel parameter structs, described once.
 *
 * Every kernel takes a const pointer to a params struct with all shapes and
 * constants of its call. A family header lists each struct's fields once, in
 * an X-macro, from which both the C struct and a field table are generated:
 *
 *   #define LB_UNARY_PARAMS(S, A, T) \
 *     S(T, I64, count)               \
 *     S(T, F32, alpha)               \
 *     A(T, I64, dims, LB_MAX_RANK)
 *   LB_DEFINE_PARAMS(lb_unary_params, LB_UNARY_PARAMS)   // in the header
 *   LB_DESCRIBE_PARAMS(lb_unary_params, LB_UNARY_PARAMS) // in the family .c
 *
 * S(T, KIND, name) is a scalar field, A(T, KIND, name, count) an array;
 * KIND is I32, I64 or F32. The field table (lb_params_desc_t) is what the
 * interpreter sizes steps with and what the C emitter prints: it writes the
 * struct definition and every initializer with designated fields
 * (`{.count = 16, .alpha = 0x1p-1f}`), so the generated code cannot drift
 * from the kernels and a renamed field is a compile error, not a silent
 * reordering.
 */
#ifndef LB_KERNELS_PARAMS_H
#define LB_KERNELS_PARAMS_H

#include <stddef.h>

#include "runtime/lb_abi.h"

typedef enum lb_param_kind_e { LB_PARAM_I32 = 0, LB_PARAM_I64 = 1, LB_PARAM_F32 = 2 } lb_param_kind_t;

typedef struct lb_param_field_s {
  const char *name;
  lb_param_kind_t kind;
  int32_t count; /* 0 for a scalar, else the array length */
  size_t offset;
} lb_param_field_t;

typedef struct lb_params_desc_s {
  const char *type_name; /* "lb_unary_params_t" */
  size_t size;
  int32_t nfields;
  const lb_param_field_t *fields;
} lb_params_desc_t;

#define LB__PT_I32 int32_t
#define LB__PT_I64 int64_t
#define LB__PT_F32 float

#define LB__PS_DECL(T, K, N) LB__PT_##K N;
#define LB__PA_DECL(T, K, N, C) LB__PT_##K N[C];
#define LB_DEFINE_PARAMS(NAME, LIST) \
  typedef struct NAME##_s {          \
    LIST(LB__PS_DECL, LB__PA_DECL, NAME##_t)   \
  } NAME##_t;                        \
  extern const lb_params_desc_t NAME##_desc;

#define LB__PS_FIELD(T, K, N) {#N, LB_PARAM_##K, 0, offsetof(T, N)},
#define LB__PA_FIELD(T, K, N, C) {#N, LB_PARAM_##K, (C), offsetof(T, N)},
#define LB_DESCRIBE_PARAMS(NAME, LIST)                                              \
  static const lb_param_field_t NAME##_fields[] = {LIST(LB__PS_FIELD, LB__PA_FIELD, NAME##_t)}; \
  const lb_params_desc_t NAME##_desc = {#NAME "_t", sizeof(NAME##_t),              \
                                        (int32_t)(sizeof NAME##_fields / sizeof NAME##_fields[0]), NAME##_fields};

#endif
