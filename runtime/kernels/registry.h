/* The kernel registry: every reference (and, later, SIMD) kernel keyed by
 * name (step + dtypes, e.g. "qmatmul_i8") and ISA variant ("ref" first).
 *
 * Kernels register themselves: each family source (runtime/kernels/X.c)
 * ends with one LB_REGISTER_KERNEL line per kernel, so no table lists them
 * all. Lowering looks a kernel up for the module's target and falls back to
 * the reference variant; the interpreter calls it through `invoke`; the C
 * emitter prints `function(&P, in..., out)` with P initialized from the
 * `params` field table, and embeds the kernel's body from its family source.
 *
 *   const lb_kernel_t *k = lb_kernel_find("relu_f32", "ref");
 *   k->invoke(&params, inputs, output);
 *
 * Kernels never allocate; optional inputs are passed as NULL.
 */
#ifndef LB_KERNELS_REGISTRY_H
#define LB_KERNELS_REGISTRY_H

#include <stdbool.h>

#include "runtime/kernels/params.h"

#ifdef __cplusplus
extern "C" {
#endif

#define LB_KERNEL_MAX_INPUTS 7

typedef void (*lb_kernel_invoke_t)(const void *params, const void *const *in, void *out);

typedef struct lb_kernel_s {
  const char *name;     /* registry key: "relu_f32" */
  const char *function; /* C function: "lb_k_relu_f32" */
  const char *family;   /* source file runtime/kernels/<family>.c */
  const char *isa;      /* "ref" for the portable reference */
  const lb_params_desc_t *params;
  int32_t nin;          /* number of tensor inputs (some may be optional) */
  lb_kernel_invoke_t invoke;
  struct lb_kernel_s *next; /* registry chain (set by lb_kernel_register) */
} lb_kernel_t;

/* The kernel `name` for `isa`, else its "ref" variant; NULL if neither
 * exists. `isa` may be NULL (reference). */
const lb_kernel_t *lb_kernel_find(const char *name, const char *isa);
/* True if `isa` is "generic" (the reference kernels) or at least one
 * kernel is registered for it. */
bool lb_kernel_isa_known(const char *isa);
/* Iteration over all registered kernels, in no particular order. */
const lb_kernel_t *lb_kernel_first(void);
/* Adds `k` to the registry (called by LB_REGISTER_KERNEL at load time). */
void lb_kernel_register(lb_kernel_t *k);

#define LB__KCALL_1(f, p, in, out) f(p, in[0], out)
#define LB__KCALL_2(f, p, in, out) f(p, in[0], in[1], out)
#define LB__KCALL_3(f, p, in, out) f(p, in[0], in[1], in[2], out)
#define LB__KCALL_4(f, p, in, out) f(p, in[0], in[1], in[2], in[3], out)
#define LB__KCALL_5(f, p, in, out) f(p, in[0], in[1], in[2], in[3], in[4], out)
#define LB__KCALL_6(f, p, in, out) f(p, in[0], in[1], in[2], in[3], in[4], in[5], out)
#define LB__KCALL_7(f, p, in, out) f(p, in[0], in[1], in[2], in[3], in[4], in[5], in[6], out)

/* Registers lb_k_NAME (defined above it in the same file) with its params
 * struct PARAMS (LB_DEFINE_PARAMS name) and NIN tensor inputs. */
#define LB_REGISTER_KERNEL(FAMILY, NAME, PARAMS, NIN)                                            \
  static void lb__invoke_##NAME(const void *p, const void *const *in, void *out) {               \
    LB__KCALL_##NIN(lb_k_##NAME, (const PARAMS##_t *)p, in, out);                                \
  }                                                                                              \
  static lb_kernel_t lb__kernel_##NAME = {#NAME, "lb_k_" #NAME, #FAMILY, "ref", &PARAMS##_desc,   \
                                          NIN, lb__invoke_##NAME, NULL};                         \
  __attribute__((constructor)) static void lb__register_##NAME(void) { lb_kernel_register(&lb__kernel_##NAME); }

#ifdef __cplusplus
}
#endif
#endif
