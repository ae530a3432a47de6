/* The reference kernels as LLVM bitcode (cmake/kernel_bitcode.cmake): one
 * module per kernel family and architecture, embedded into liblowbit. The
 * LLVM backend links the families a plan uses into the model's module. */
#ifndef LOWBIT_CODEGEN_LLVM_BITCODE_H
#define LOWBIT_CODEGEN_LLVM_BITCODE_H

typedef struct lb_bitcode_s {
  const char *arch;   /* "x86_64", "aarch64", "riscv64" */
  const char *family; /* "qgemm": runtime/kernels/qgemm.c */
  const unsigned char *begin, *end;
} lb_bitcode_t;

/* {0}-terminated. */
extern const lb_bitcode_t lb_kernel_bitcode[];

#endif
