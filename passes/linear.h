/* Linear layers with constant weights, as the weight-rewriting passes
 * (lb-rotate, lb-smooth) see them: a matmul with a constant 2-D [K, N]
 * weight, or a gemm (trans_a 0) with a constant weight ([K, N], or [N, K]
 * with trans_b) and a constant or absent bias of 1 element or of N along its
 * last dim (a [N, 1] column bias is per row: not such a layer). Weights
 * are read into and written from row-major K x N binary64 copies. */
#ifndef LOWBIT_PASSES_LINEAR_H
#define LOWBIT_PASSES_LINEAR_H

#include "ir/lb_ir.h"

typedef struct lb_linear_s {
  int64_t K, N;  /* input and output features */
  bool trans_b;  /* gemm weight stored [N, K] */
  bool has_bias; /* gemm with a bias operand (operand 2) */
} lb_linear_t;

/* Whether op is such a layer (and not marked lb.no_quant); fills *l. */
bool lb_linear_match(MlirOperation op, lb_linear_t *l);
/* The weight as a malloc'd K x N array (caller frees). */
lb_status_t lb_linear_read_weight(MlirOperation op, const lb_linear_t *l, double **w);
/* Replaces the weight with m (K x N), as a new constant named like the
 * old one. */
lb_status_t lb_linear_write_weight(MlirOperation op, const lb_linear_t *l, const double *m);
/* The gemm bias broadcast to N values (0 without a bias), malloc'd. */
lb_status_t lb_linear_read_bias(MlirOperation op, const lb_linear_t *l, double **b);
/* Replaces operand i of op with a new f32 constant of the given shape
 * holding v, built before op and named like the old operand's definition. */
lb_status_t lb_replace_const_operand(MlirOperation op, intptr_t i, int32_t rank, const int64_t *dims, const double *v);
/* A new f32 constant of the given shape holding v (rounded once). */
lb_status_t lb_build_f32_constant(lb_builder_t *b, int32_t rank, const int64_t *dims, const double *v, MlirValue *out);

#endif
