/* Plan -> C99 source. */
#include "codegen/c/emit_c.h"

#include <ctype.h>
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

extern const char lb_kernels_h_source[];
extern const char lb_kernels_c_source[];

static const char *lb_c_type(lb_dtype_t dt) {
  switch (dt) {
    case LB_DT_F32: return "float";
    case LB_DT_I8: return "int8_t";
    case LB_DT_U8: return "uint8_t";
    case LB_DT_I32: return "int32_t";
    case LB_DT_I64: return "int64_t";
  }
  return "void";
}

/* Exact float literal: hex floats are C99 and round-trip every bit. */
static void lb_c_float(lb_strbuf_t *sb, float v) {
  if (v != v) lb_strbuf_puts(sb, "(0.0f/0.0f)");
  else if (v > 3.4028235e38f) lb_strbuf_puts(sb, "(1.0f/0.0f)");
  else if (v < -3.4028235e38f) lb_strbuf_puts(sb, "(-1.0f/0.0f)");
  else lb_strbuf_printf(sb, "%af", (double)v);
}

static void lb_c_i64s(lb_strbuf_t *sb, const int64_t *v, int n) {
  lb_strbuf_puts(sb, "{");
  for (int i = 0; i < n; ++i) lb_strbuf_printf(sb, "%s%" PRId64, i ? ", " : "", v[i]);
  lb_strbuf_puts(sb, "}");
}

static void lb_c_params(lb_strbuf_t *sb, const lb_step_t *s) {
  switch (s->kind) {
    case LB_STEP_GEMM_F32: {
      const lb_gemm_params_t *p = &s->p.gemm;
      lb_strbuf_printf(sb, "static const lb_gemm_params_t P = {%" PRId64 ", %" PRId64 ", %" PRId64 ", %d, %d, ", p->M,
                       p->N, p->K, p->trans_a, p->trans_b);
      lb_c_float(sb, p->alpha);
      lb_strbuf_puts(sb, ", ");
      lb_c_float(sb, p->beta);
      lb_strbuf_printf(sb, ", %d};", p->c_mode);
      break;
    }
    case LB_STEP_MATMUL_F32:
    case LB_STEP_QMATMUL_I8: {
      const lb_matmul_params_t *p = &s->p.matmul;
      lb_strbuf_printf(sb, "static const lb_matmul_params_t P = {%" PRId64 ", %" PRId64 ", %" PRId64 ", %d, ", p->M, p->N,
                       p->K, p->batch_rank);
      lb_c_i64s(sb, p->batch_dims, LB_MAX_BATCH_RANK);
      lb_strbuf_puts(sb, ", ");
      lb_c_i64s(sb, p->a_bstride, LB_MAX_BATCH_RANK);
      lb_strbuf_puts(sb, ", ");
      lb_c_i64s(sb, p->b_bstride, LB_MAX_BATCH_RANK);
      lb_strbuf_printf(sb, ", %d, %d, %d};", p->a_zp, p->b_zp, p->has_bias);
      break;
    }
    case LB_STEP_CONV2D_F32:
    case LB_STEP_QCONV2D_I8: {
      const lb_conv2d_params_t *p = &s->p.conv;
      int64_t v[16] = {p->N, p->C, p->H, p->W, p->OC, p->OH, p->OW, p->KH, p->KW,
                       p->stride_h, p->stride_w, p->pad_t, p->pad_l, p->dil_h, p->dil_w, p->group};
      lb_strbuf_puts(sb, "static const lb_conv2d_params_t P = {");
      for (int i = 0; i < 16; ++i) lb_strbuf_printf(sb, "%" PRId64 ", ", v[i]);
      lb_strbuf_printf(sb, "%d, %d, %d};", p->has_bias, p->x_zp, p->w_zp);
      break;
    }
    case LB_STEP_BINARY_F32: {
      const lb_binary_params_t *p = &s->p.binary;
      lb_strbuf_printf(sb, "static const lb_binary_params_t P = {%d, %d, ", p->op, p->rank);
      lb_c_i64s(sb, p->dims, LB_MAX_RANK);
      lb_strbuf_puts(sb, ", ");
      lb_c_i64s(sb, p->a_strides, LB_MAX_RANK);
      lb_strbuf_puts(sb, ", ");
      lb_c_i64s(sb, p->b_strides, LB_MAX_RANK);
      lb_strbuf_puts(sb, "};");
      break;
    }
    case LB_STEP_RELU_F32:
    case LB_STEP_CLIP_F32:
    case LB_STEP_CLAMP_I8:
    case LB_STEP_CLAMP_U8: {
      const lb_unary_params_t *p = &s->p.unary;
      lb_strbuf_printf(sb, "static const lb_unary_params_t P = {%" PRId64 ", ", p->count);
      lb_c_float(sb, p->fmin);
      lb_strbuf_puts(sb, ", ");
      lb_c_float(sb, p->fmax);
      lb_strbuf_printf(sb, ", %d, %d};", p->imin, p->imax);
      break;
    }
    case LB_STEP_MAXPOOL_F32:
    case LB_STEP_MAXPOOL_I8:
    case LB_STEP_MAXPOOL_U8:
    case LB_STEP_AVGPOOL_F32: {
      const lb_pool2d_params_t *p = &s->p.pool;
      int64_t v[16] = {p->N, p->C, p->H, p->W, p->OH, p->OW, p->KH, p->KW, p->stride_h, p->stride_w,
                       p->pad_t, p->pad_l, p->pad_b, p->pad_r, p->dil_h, p->dil_w};
      lb_strbuf_puts(sb, "static const lb_pool2d_params_t P = {");
      for (int i = 0; i < 16; ++i) lb_strbuf_printf(sb, "%" PRId64 ", ", v[i]);
      lb_strbuf_printf(sb, "%d};", p->count_include_pad);
      break;
    }
    case LB_STEP_GAP_F32:
      lb_strbuf_printf(sb, "static const lb_gap_params_t P = {%" PRId64 ", %" PRId64 "};", s->p.gap.NC, s->p.gap.HW);
      break;
    case LB_STEP_TRANSPOSE: {
      const lb_transpose_params_t *p = &s->p.transpose;
      lb_strbuf_printf(sb, "static const lb_transpose_params_t P = {%d, %d, ", p->rank, p->elem_size);
      lb_c_i64s(sb, p->in_dims, LB_MAX_RANK);
      lb_strbuf_puts(sb, ", {");
      for (int i = 0; i < LB_MAX_RANK; ++i) lb_strbuf_printf(sb, "%s%d", i ? ", " : "", p->perm[i]);
      lb_strbuf_puts(sb, "}};");
      break;
    }
    case LB_STEP_SOFTMAX_F32:
      lb_strbuf_printf(sb, "static const lb_softmax_params_t P = {%" PRId64 ", %" PRId64 ", %" PRId64 "};",
                       s->p.softmax.outer, s->p.softmax.n, s->p.softmax.inner);
      break;
    case LB_STEP_BATCHNORM_F32:
      lb_strbuf_printf(sb, "static const lb_batchnorm_params_t P = {%" PRId64 ", %" PRId64 ", %" PRId64 ", ", s->p.bn.N,
                       s->p.bn.C, s->p.bn.HW);
      lb_c_float(sb, s->p.bn.eps);
      lb_strbuf_puts(sb, "};");
      break;
    case LB_STEP_COPY: break;
    default: {
      const lb_quant_params_t *p = &s->p.quant;
      lb_strbuf_printf(sb,
                       "static const lb_quant_params_t P = {%" PRId64 ", %" PRId64 ", %" PRId64 ", %d, %d, %d};",
                       p->outer, p->n, p->inner, p->qmin, p->qmax, p->out_zp);
      break;
    }
  }
}

/* C expression for a tensor's storage. */
static void lb_c_ref(lb_strbuf_t *sb, const lb_plan_t *plan, int32_t id, const char *name) {
  if (id < 0) {
    lb_strbuf_puts(sb, "0");
    return;
  }
  int32_t r = id;
  while (plan->tensors[r].alias_of >= 0) r = plan->tensors[r].alias_of;
  const lb_plan_tensor_t *t = &plan->tensors[r];
  switch (t->mem) {
    case LB_MEM_INPUT: lb_strbuf_printf(sb, "in%d", t->index); break;
    case LB_MEM_OUTPUT: lb_strbuf_printf(sb, "out%d", t->index); break;
    case LB_MEM_CONST: lb_strbuf_printf(sb, "%s_w%d", name, r); break;
    case LB_MEM_SCRATCH: lb_strbuf_printf(sb, "(void *)(s + %" PRId64 ")", t->offset); break;
  }
}

static void lb_c_const(lb_strbuf_t *sb, const lb_plan_tensor_t *t, int32_t id, const char *name) {
  int64_t n = t->nbytes / (int64_t)lb_dtype_size(t->dtype);
  lb_strbuf_printf(sb, "static const %s %s_w%d[%" PRId64 "] = {", lb_c_type(t->dtype), name, id, n ? n : 1);
  for (int64_t i = 0; i < n; ++i) {
    if (i % 12 == 0) lb_strbuf_puts(sb, "\n  ");
    switch (t->dtype) {
      case LB_DT_F32: lb_c_float(sb, ((const float *)t->data)[i]); break;
      case LB_DT_I8: lb_strbuf_printf(sb, "%d", ((const int8_t *)t->data)[i]); break;
      case LB_DT_U8: lb_strbuf_printf(sb, "%u", ((const uint8_t *)t->data)[i]); break;
      case LB_DT_I32: {
        int32_t v = ((const int32_t *)t->data)[i];
        if (v == INT32_MIN) lb_strbuf_puts(sb, "(-2147483647 - 1)");
        else lb_strbuf_printf(sb, "%d", v);
        break;
      }
      case LB_DT_I64: lb_strbuf_printf(sb, "INT64_C(%" PRId64 ")", ((const int64_t *)t->data)[i]); break;
    }
    if (i + 1 < n) lb_strbuf_puts(sb, ",");
  }
  if (n == 0) lb_strbuf_puts(sb, "0");
  lb_strbuf_puts(sb, "\n};\n");
}

lb_status_t lb_emit_c(const lb_plan_t *plan, const char *name, lb_strbuf_t *h, lb_strbuf_t *c,
                      lb_emit_c_stats_t *stats) {
  if (!name[0] || !(isalpha((unsigned char)name[0]) || name[0] == '_'))
    return LB_ERROR(LB_STATUS_INVALID_ARGUMENT, "--name '%s' is not a C identifier", name);
  for (const char *p = name; *p; ++p)
    if (!isalnum((unsigned char)*p) && *p != '_')
      return LB_ERROR(LB_STATUS_INVALID_ARGUMENT, "--name '%s' is not a C identifier", name);
  for (int32_t i = 0; i < plan->ninputs; ++i)
    if (plan->tensors[plan->input_ids[i]].dtype != LB_DT_F32)
      return LB_ERROR(LB_STATUS_UNIMPLEMENTED, "graph input %d is not float32", (int)i);
  for (int32_t i = 0; i < plan->noutputs; ++i)
    if (plan->tensors[plan->output_ids[i]].dtype != LB_DT_F32)
      return LB_ERROR(LB_STATUS_UNIMPLEMENTED, "graph output %d is not float32", (int)i);
  char upper[256];
  snprintf(upper, sizeof upper, "%s", name);
  for (char *p = upper; *p; ++p) *p = (char)toupper((unsigned char)*p);

  /* ---- header ---- */
  lb_strbuf_printf(h, "/* Generated by lowbit %s. Do not edit. */\n", "0.1.0");
  lb_strbuf_printf(h, "#ifndef %s_H\n#define %s_H\n\n#include <stddef.h>\n\n", upper, upper);
  lb_strbuf_printf(h, "#define %s_NUM_INPUTS %d\n#define %s_NUM_OUTPUTS %d\n", upper, plan->ninputs, upper,
                   plan->noutputs);
  for (int32_t i = 0; i < plan->ninputs; ++i) {
    const lb_plan_tensor_t *t = &plan->tensors[plan->input_ids[i]];
    lb_strbuf_printf(h, "#define %s_INPUT%d_SIZE %" PRId64 " /* '%s' float32 [", upper, i, t->nbytes / 4,
                     plan->input_names[i]);
    for (int32_t d = 0; d < t->rank; ++d) lb_strbuf_printf(h, "%s%" PRId64, d ? ", " : "", t->dims[d]);
    lb_strbuf_puts(h, "] */\n");
  }
  for (int32_t i = 0; i < plan->noutputs; ++i) {
    const lb_plan_tensor_t *t = &plan->tensors[plan->output_ids[i]];
    lb_strbuf_printf(h, "#define %s_OUTPUT%d_SIZE %" PRId64 " /* '%s' float32 [", upper, i, t->nbytes / 4,
                     plan->output_names[i]);
    for (int32_t d = 0; d < t->rank; ++d) lb_strbuf_printf(h, "%s%" PRId64, d ? ", " : "", t->dims[d]);
    lb_strbuf_puts(h, "] */\n");
  }
  lb_strbuf_printf(h, "#define %s_SCRATCH_SIZE %" PRId64 "\n\n", upper, plan->scratch_size);
  lb_strbuf_printf(h, "#ifdef __cplusplus\nextern \"C\" {\n#endif\n\n");
  lb_strbuf_printf(h, "/* Bytes of scratch memory %s_run needs (16-byte aligned). */\nsize_t %s_scratch_size(void);\n\n",
                   name, name);
  lb_strbuf_printf(h, "/* Runs the model. Inputs, then outputs, in graph order; returns 0 on success,\n"
                      " * -1 if scratch is NULL while scratch memory is needed. */\nint %s_run(", name);
  for (int32_t i = 0; i < plan->ninputs; ++i) lb_strbuf_printf(h, "const float *in%d, ", i);
  for (int32_t i = 0; i < plan->noutputs; ++i) lb_strbuf_printf(h, "float *out%d, ", i);
  lb_strbuf_puts(h, "void *scratch);\n\n#ifdef __cplusplus\n}\n#endif\n#endif\n");

  /* ---- source ---- */
  int used[LB_STEP_COUNT] = {0};
  for (int32_t s = 0; s < plan->nsteps; ++s) used[plan->steps[s].kind] = 1;
  lb_strbuf_printf(c, "/* Generated by lowbit. Do not edit.\n * Reference kernels are embedded from lowbit's runtime; "
                      "results are bit-exact with `lowbit run`. */\n");
  lb_strbuf_printf(c, "#include \"%s.h\"\n\n#include <stdint.h>\n#include <string.h>\n\n", name);
  lb_strbuf_puts(c, "#define LB_KERNELS_EMBEDDED 1\n#define LB_KAPI static\n");
  for (int k = 0; k < LB_STEP_COUNT; ++k)
    if (used[k]) lb_strbuf_printf(c, "#define LB_USE_%s 1\n", lb_step_macro_name((lb_step_kind_t)k));
  lb_strbuf_puts(c, "\n");
  lb_strbuf_puts(c, lb_kernels_h_source);
  lb_strbuf_puts(c, "\n");
  lb_strbuf_puts(c, lb_kernels_c_source);
  lb_strbuf_puts(c, "\n/* ---- weights ---- */\n");
  int64_t wbytes = 0;
  for (int32_t i = 0; i < plan->ntensors; ++i) {
    const lb_plan_tensor_t *t = &plan->tensors[i];
    if (t->mem != LB_MEM_CONST || t->alias_of >= 0) continue;
    /* skip constants no step reads */
    int read = 0;
    for (int32_t s = 0; s < plan->nsteps && !read; ++s)
      for (int32_t k = 0; k < plan->steps[s].nin && !read; ++k) {
        int32_t r = plan->steps[s].in[k];
        while (r >= 0 && plan->tensors[r].alias_of >= 0) r = plan->tensors[r].alias_of;
        read = r == i;
      }
    if (!read) continue;
    lb_c_const(c, t, i, name);
    wbytes += t->nbytes;
  }
  lb_strbuf_printf(c, "\nsize_t %s_scratch_size(void) { return %" PRId64 "; }\n\n", name, plan->scratch_size);
  lb_strbuf_printf(c, "int %s_run(", name);
  for (int32_t i = 0; i < plan->ninputs; ++i) lb_strbuf_printf(c, "const float *in%d, ", i);
  for (int32_t i = 0; i < plan->noutputs; ++i) lb_strbuf_printf(c, "float *out%d, ", i);
  lb_strbuf_puts(c, "void *scratch) {\n");
  lb_strbuf_puts(c, "  unsigned char *s = (unsigned char *)scratch;\n");
  lb_strbuf_printf(c, "  if (!s && %" PRId64 " > 0) return -1;\n", plan->scratch_size);
  lb_strbuf_puts(c, "  (void)s;\n");
  for (int32_t i = 0; i < plan->ninputs; ++i) lb_strbuf_printf(c, "  (void)in%d;\n", i);
  for (int32_t si = 0; si < plan->nsteps; ++si) {
    const lb_step_t *s = &plan->steps[si];
    lb_strbuf_puts(c, "  {\n    ");
    lb_c_params(c, s);
    lb_strbuf_printf(c, "\n    %s(", lb_step_function_name(s->kind));
    if (s->kind == LB_STEP_COPY) lb_strbuf_printf(c, "%" PRId64, s->p.copy_bytes);
    else lb_strbuf_puts(c, "&P");
    for (int32_t k = 0; k < s->nin; ++k) {
      lb_strbuf_puts(c, ", ");
      lb_c_ref(c, plan, s->in[k], name);
    }
    lb_strbuf_puts(c, ", ");
    lb_c_ref(c, plan, s->out, name);
    lb_strbuf_puts(c, ");\n  }\n");
  }
  lb_strbuf_puts(c, "  return 0;\n}\n");
  if (stats) {
    stats->weight_bytes = wbytes;
    stats->scratch_bytes = plan->scratch_size;
    stats->nsteps = plan->nsteps;
  }
  LB_RETURN_IF_ERROR(lb_strbuf_status(h));
  return lb_strbuf_status(c);
}

lb_status_t lb_emit_c_files(const lb_plan_t *plan, const char *name, const char *outdir, lb_emit_c_stats_t *stats) {
  if (mkdir(outdir, 0777) != 0 && errno != EEXIST)
    return LB_ERROR(LB_STATUS_IO, "%s: cannot create directory: %s", outdir, strerror(errno));
  lb_strbuf_t h, c;
  lb_strbuf_init(&h);
  lb_strbuf_init(&c);
  lb_status_t st = lb_emit_c(plan, name, &h, &c, stats);
  char path[4096];
  if (!st) {
    snprintf(path, sizeof path, "%s/%s.h", outdir, name);
    st = lb_strbuf_write_file(&h, path);
  }
  if (!st) {
    snprintf(path, sizeof path, "%s/%s.c", outdir, name);
    st = lb_strbuf_write_file(&c, path);
  }
  lb_strbuf_free(&h);
  lb_strbuf_free(&c);
  return st;
}
