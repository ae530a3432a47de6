/* The small ABI shared by lowbit's kernels, the interpreter and generated
 * code: rank limits and the linkage macro. Embedded verbatim at the top of
 * every generated C file; no MLIR, no allocation, C99.
 *
 * LB_KAPI is the linkage of kernel definitions: external in the runtime
 * library, `static` in generated code (which embeds the kernels it calls).
 */
#ifndef LB_ABI_H
#define LB_ABI_H

#include <stddef.h>
#include <stdint.h>

#ifndef LB_KAPI
#define LB_KAPI
#endif

/* Highest tensor rank any kernel handles, and of matmul batch dims. */
#define LB_MAX_RANK 6
#define LB_MAX_BATCH_RANK 4

#endif
