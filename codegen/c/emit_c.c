/* Plan -> C99 source. */
#define _XOPEN_SOURCE 700 /* realpath */
#include "codegen/c/emit_c.h"

#include <ctype.h>
#include <errno.h>
#include <inttypes.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "support/embedded.h"
#include "support/file.h"
#include "support/hashmap.h"
#include "support/names.h"

/* Embedded at build time (cmake/embed.cmake). */
extern const char lb_abi_h_source[];
extern const char lb_kernels_common_source[];
extern const lb_embedded_file_t lb_kernel_sources[];

#ifndef LOWBIT_VERSION
#define LOWBIT_VERSION "unknown"
#endif

static const char *lb_c_type(lb_dtype_t dt) {
  if (lb_dtype_is_float(dt)) return "float";
  static const char *const s[] = {"int8_t", "int16_t", "int32_t", "int64_t"};
  static const char *const u[] = {"uint8_t", "uint16_t", "uint32_t", "uint64_t"};
  size_t es = lb_dtype_size(dt), i = es == 1 ? 0 : es == 2 ? 1 : es == 4 ? 2 : 3;
  return lb_dtype_is_signed(dt) ? s[i] : u[i];
}

/* Exact float literal: hex floats are C99 and round-trip every bit. */
static void lb_c_float(lb_strbuf_t *sb, float v) {
  if (v != v) lb_strbuf_puts(sb, "NAN");
  else if (v > 3.4028235e38f) lb_strbuf_puts(sb, "HUGE_VALF");
  else if (v < -3.4028235e38f) lb_strbuf_puts(sb, "(-HUGE_VALF)");
  else lb_strbuf_printf(sb, "%af", (double)v);
}

/* Decimal literals take a type wide enough for their value (C99); only the
 * most negative values need spelling as an expression. */
static void lb_c_int(lb_strbuf_t *sb, int64_t v) {
  if (v == INT64_MIN) lb_strbuf_puts(sb, "INT64_MIN");
  else if (v == INT32_MIN) lb_strbuf_puts(sb, "INT32_MIN");
  else lb_strbuf_printf(sb, "%" PRId64, v);
}

static void lb_c_param_value(lb_strbuf_t *sb, const lb_param_field_t *f, const unsigned char *base, int32_t i) {
  switch (f->kind) {
    case LB_PARAM_I32: {
      int32_t v;
      memcpy(&v, base + f->offset + (size_t)i * 4, 4);
      lb_c_int(sb, v);
      break;
    }
    case LB_PARAM_I64: {
      int64_t v;
      memcpy(&v, base + f->offset + (size_t)i * 8, 8);
      lb_c_int(sb, v);
      break;
    }
    case LB_PARAM_F32: {
      float v;
      memcpy(&v, base + f->offset + (size_t)i * 4, 4);
      lb_c_float(sb, v);
      break;
    }
  }
}

static const char *lb_param_c_type(lb_param_kind_t k) {
  return k == LB_PARAM_I32 ? "int32_t" : k == LB_PARAM_I64 ? "int64_t" : "float";
}

/* typedef struct lb_x_params_s { ... } lb_x_params_t; from the field table. */
static void lb_c_params_struct(lb_strbuf_t *sb, const lb_params_desc_t *d) {
  char tag[128];
  snprintf(tag, sizeof tag, "%s", d->type_name);
  size_t n = strlen(tag);
  if (n > 2 && !strcmp(tag + n - 2, "_t")) tag[n - 2] = 0;
  lb_strbuf_printf(sb, "typedef struct %s_s {\n", tag);
  for (int32_t i = 0; i < d->nfields; ++i) {
    const lb_param_field_t *f = &d->fields[i];
    if (f->count) lb_strbuf_printf(sb, "  %s %s[%d];\n", lb_param_c_type(f->kind), f->name, f->count);
    else lb_strbuf_printf(sb, "  %s %s;\n", lb_param_c_type(f->kind), f->name);
  }
  lb_strbuf_printf(sb, "} %s;\n", d->type_name);
}

/* static const T P = {.field = value, .array = {a, b}}; */
static void lb_c_params_init(lb_strbuf_t *sb, const lb_params_desc_t *d, const void *params) {
  lb_strbuf_printf(sb, "static const %s P = {", d->type_name);
  for (int32_t i = 0; i < d->nfields; ++i) {
    const lb_param_field_t *f = &d->fields[i];
    lb_strbuf_printf(sb, "%s.%s = ", i ? ", " : "", f->name);
    if (!f->count) {
      lb_c_param_value(sb, f, params, 0);
      continue;
    }
    lb_strbuf_puts(sb, "{");
    for (int32_t k = 0; k < f->count; ++k) {
      if (k) lb_strbuf_puts(sb, ", ");
      lb_c_param_value(sb, f, params, k);
    }
    lb_strbuf_puts(sb, "}");
  }
  lb_strbuf_puts(sb, "};");
}

/* Copies from a kernel family source the blocks
 *   #if defined(LB_USE_ALL_KERNELS) || defined(LB_USE_f) [|| defined(LB_USE_g)...]
 *   ...
 *   #endif
 * whose function list contains a used kernel, without the guard lines.
 * Everything outside such blocks (includes, registration) is runtime-only. */
/* True if [s, s + n) contains the definition "LB_KAPI void <fn>(". */
static bool lb_c_defines(const char *s, size_t n, const char *fn, size_t fl) {
  static const char pre[] = "LB_KAPI void ";
  for (const char *p = s; p + sizeof pre - 1 + fl < s + n; ++p)
    if (!memcmp(p, pre, sizeof pre - 1) && !memcmp(p + sizeof pre - 1, fn, fl) && p[sizeof pre - 1 + fl] == '(')
      return true;
  return false;
}

/* Copies from a kernel family source the blocks
 *   #if defined(LB_USE_ALL_KERNELS) || defined(LB_USE_f) [|| defined(LB_USE_g)...]
 *   ...
 *   #endif
 * whose function list contains a used kernel, without the guard lines.
 * Everything outside such blocks (includes, registration) is runtime-only.
 * A used kernel counts as found only in the block that defines it, so a
 * helper block naming it cannot hide a missing definition. */
static lb_status_t lb_c_embed_family(lb_strbuf_t *sb, const char *family, const char *src, const lb_hashmap_t *used,
                                     lb_hashmap_t *found) {
  static const char guard[] = "#if defined(LB_USE_ALL_KERNELS)";
  const char *p = src;
  while (*p) {
    const char *eol = strchr(p, '\n');
    size_t len = eol ? (size_t)(eol - p) : strlen(p);
    const char *next = eol ? eol + 1 : p + len;
    if (len < sizeof guard - 1 || strncmp(p, guard, sizeof guard - 1) != 0) {
      p = next;
      continue;
    }
    /* body up to the closing #endif at column 0 (nested #if ... #endif at
     * column 0 are part of the body: preprocessor choices the generated C
     * keeps, e.g. qgemm.c's wide activation codes) */
    const char *body = next, *q = body;
    for (int depth = 0;;) {
      if (!*q) return LB_ERROR(LB_STATUS_INTERNAL, "runtime/kernels/%s.c: unterminated kernel block", family);
      const char *qe = strchr(q, '\n');
      if (!strncmp(q, "#endif", 6)) {
        if (!depth) break;
        --depth;
      } else if (!strncmp(q, "#if", 3)) {
        if (!strncmp(q, guard, sizeof guard - 1))
          return LB_ERROR(LB_STATUS_INTERNAL, "runtime/kernels/%s.c: kernel block inside a kernel block", family);
        ++depth;
      }
      q = qe ? qe + 1 : q + strlen(q);
    }
    /* the used kernels the guard names */
    bool want = false;
    for (const char *r = p; r < p + len;) {
      const char *d = strstr(r, "defined(LB_USE_");
      if (!d || d >= p + len) break;
      d += strlen("defined(LB_USE_");
      const char *e = strchr(d, ')');
      if (!e || e > p + len) break;
      if (lb_hashmap_get_str(used, d, (size_t)(e - d), NULL)) {
        want = true;
        if (lb_c_defines(body, (size_t)(q - body), d, (size_t)(e - d)) &&
            !lb_hashmap_put_str(found, d, (size_t)(e - d), 1))
          return LB_ERROR(LB_STATUS_RESOURCE_EXHAUSTED, "out of memory");
      }
      r = e;
    }
    if (want) {
      lb_strbuf_append(sb, body, (size_t)(q - body));
      lb_strbuf_puts(sb, "\n");
    }
    const char *qe = strchr(q, '\n');
    p = qe ? qe + 1 : q + strlen(q);
  }
  return LB_OK;
}

typedef struct {
  const lb_plan_t *plan;
  const char *name;
  char **const_names; /* per tensor id: C identifier of a constant array */
  int64_t *offsets;   /* binary weights: per tensor id, its offset in NAME.weights (else NULL) */
} lb_cgen_t;

/* C expression for a tensor's storage. */
static void lb_c_ref(lb_strbuf_t *sb, const lb_cgen_t *g, int32_t id) {
  if (id < 0) {
    lb_strbuf_puts(sb, "0");
    return;
  }
  int32_t r = lb_plan_root(g->plan, id);
  const lb_plan_tensor_t *t = &g->plan->tensors[r];
  switch (t->mem) {
    case LB_MEM_INPUT: lb_strbuf_printf(sb, "in%d", t->index); break;
    case LB_MEM_OUTPUT: lb_strbuf_printf(sb, "out%d", t->index); break;
    case LB_MEM_CONST:
      if (g->offsets)
        lb_strbuf_printf(sb, "(const %s *)(%s_weights + %" PRId64 ")", lb_c_type(t->dtype), g->name, g->offsets[r]);
      else lb_strbuf_puts(sb, g->const_names[r]);
      break;
    case LB_MEM_SCRATCH: lb_strbuf_printf(sb, "(void *)(s + %" PRId64 ")", t->offset); break;
  }
}

static void lb_c_const(lb_strbuf_t *sb, const lb_plan_tensor_t *t, const char *ident) {
  int64_t n = t->nbytes / (int64_t)lb_dtype_size(t->dtype);
  if (t->name) {
    lb_strbuf_puts(sb, "/* ");
    lb_name_append_comment(sb, t->name, 200);
    lb_strbuf_printf(sb, " (%s) */\n", lb_dtype_name(t->dtype));
  }
  lb_strbuf_printf(sb, "static const %s %s[%" PRId64 "] = {", lb_c_type(t->dtype), ident, n ? n : 1);
  for (int64_t i = 0; i < n; ++i) {
    if (i % 12 == 0) lb_strbuf_puts(sb, "\n  ");
    if (lb_dtype_is_float(t->dtype)) {
      lb_c_float(sb, ((const float *)t->data)[i]);
    } else {
      int64_t v = lb_dtype_load_int(t->dtype, t->data, i);
      lb_c_int(sb, v);
    }
    if (i + 1 < n) lb_strbuf_puts(sb, ",");
  }
  if (n == 0) lb_strbuf_puts(sb, "0");
  lb_strbuf_puts(sb, "\n};\n");
}

static void lb_c_shape_comment(lb_strbuf_t *h, const lb_plan_tensor_t *t, const char *tensor_name) {
  lb_strbuf_puts(h, " /* '");
  lb_name_append_comment(h, tensor_name, 200);
  lb_strbuf_printf(h, "' %s [", lb_dtype_name(t->dtype));
  for (int32_t d = 0; d < t->rank; ++d) lb_strbuf_printf(h, "%s%" PRId64, d ? ", " : "", t->dims[d]);
  lb_strbuf_puts(h, "] */\n");
}

static void lb_c_signature(lb_strbuf_t *sb, const lb_plan_t *plan, const char *name) {
  lb_strbuf_printf(sb, "int %s_run(", name);
  for (int32_t i = 0; i < plan->ninputs; ++i)
    lb_strbuf_printf(sb, "const %s *in%d, ", lb_c_type(plan->tensors[plan->input_ids[i]].dtype), i);
  for (int32_t i = 0; i < plan->noutputs; ++i)
    lb_strbuf_printf(sb, "%s *out%d, ", lb_c_type(plan->tensors[plan->output_ids[i]].dtype), i);
  lb_strbuf_puts(sb, "void *scratch)");
}

/* Unique C identifiers for the constants steps read: NAME_<initializer>. */
static lb_status_t lb_c_name_constants(lb_cgen_t *g, int64_t *wbytes) {
  const lb_plan_t *plan = g->plan;
  lb_hashmap_t taken;
  lb_hashmap_init(&taken);
  lb_status_t st = LB_OK;
  *wbytes = 0;
  /* the entry points are taken too */
  char run[96], scratch[96];
  snprintf(run, sizeof run, "%s_run", g->name);
  snprintf(scratch, sizeof scratch, "%s_scratch_size", g->name);
  if (!lb_hashmap_put_str(&taken, run, strlen(run), -1) || !lb_hashmap_put_str(&taken, scratch, strlen(scratch), -1))
    st = LB_ERROR(LB_STATUS_RESOURCE_EXHAUSTED, "out of memory");
  for (int32_t s = 0; s < plan->nsteps && !st; ++s)
    for (int32_t k = 0; k < plan->steps[s].nin && !st; ++k) {
      int32_t r = lb_plan_root(plan, plan->steps[s].in[k]);
      if (r < 0 || plan->tensors[r].mem != LB_MEM_CONST || g->const_names[r]) continue;
      char base[160], ident[200];
      if (plan->tensors[r].name) lb_name_to_identifier(plan->tensors[r].name, base, 96);
      else snprintf(base, sizeof base, "w%d", r);
      snprintf(ident, sizeof ident, "%s_%s", g->name, base);
      for (int u = 2; lb_hashmap_get_str(&taken, ident, strlen(ident), NULL); ++u)
        snprintf(ident, sizeof ident, "%s_%s_%d", g->name, base, u);
      if (!(g->const_names[r] = strdup(ident)) ||
          !lb_hashmap_put_str(&taken, g->const_names[r], strlen(g->const_names[r]), r))
        st = LB_ERROR(LB_STATUS_RESOURCE_EXHAUSTED, "out of memory");
      *wbytes += plan->tensors[r].nbytes;
    }
  lb_hashmap_free(&taken);
  return st;
}

void lb_emit_header(const lb_plan_t *plan, const char *name, lb_header_kind_t kind, lb_strbuf_t *h) {
  char upper[80];
  snprintf(upper, sizeof upper, "%s", name);
  for (char *p = upper; *p; ++p) *p = (char)toupper((unsigned char)*p);
  lb_strbuf_printf(h, "/* Generated by lowbit %s for target ", LOWBIT_VERSION);
  lb_name_append_comment(h, plan->target ? plan->target : "generic-c", 64);
  lb_strbuf_puts(h, ". Do not edit. */\n");
  lb_strbuf_printf(h, "#ifndef %s_H\n#define %s_H\n\n#include <stddef.h>\n#include <stdint.h>\n\n", upper, upper);
  lb_strbuf_printf(h, "#define %s_NUM_INPUTS %d\n#define %s_NUM_OUTPUTS %d\n", upper, plan->ninputs, upper,
                   plan->noutputs);
  for (int32_t i = 0; i < plan->ninputs; ++i) {
    const lb_plan_tensor_t *t = &plan->tensors[plan->input_ids[i]];
    lb_strbuf_printf(h, "#define %s_INPUT%d_TYPE %s\n", upper, i, lb_c_type(t->dtype));
    lb_strbuf_printf(h, "#define %s_INPUT%d_SIZE %" PRId64, upper, i, t->nbytes / (int64_t)lb_dtype_size(t->dtype));
    lb_c_shape_comment(h, t, plan->input_names[i]);
  }
  for (int32_t i = 0; i < plan->noutputs; ++i) {
    const lb_plan_tensor_t *t = &plan->tensors[plan->output_ids[i]];
    lb_strbuf_printf(h, "#define %s_OUTPUT%d_TYPE %s\n", upper, i, lb_c_type(t->dtype));
    lb_strbuf_printf(h, "#define %s_OUTPUT%d_SIZE %" PRId64, upper, i, t->nbytes / (int64_t)lb_dtype_size(t->dtype));
    lb_c_shape_comment(h, t, plan->output_names[i]);
  }
  lb_strbuf_printf(h, "#define %s_SCRATCH_SIZE %" PRId64 "\n\n", upper, plan->scratch_size);
  /* the build line: the float steps are written for IEEE single precision
   * without contraction (a * b + c fused into one FMA rounds differently
   * from the interpreter), which gcc in GNU modes and clang do by default */
  if (kind == LB_HEADER_OBJ || kind == LB_HEADER_OBJ_THREADS) {
    lb_strbuf_printf(h,
                     "/* Object code from lowbit's LLVM backend, compiled for this target; the float steps\n"
                     " * are bit-identical to `lowbit run` (never contracted into FMAs). Link %s.o with the\n"
                     " * program (%s). */\n\n",
                     name, kind == LB_HEADER_OBJ ? "-lm" : "-lm -pthread: its large layers run on a pool of threads");
  } else {
    lb_strbuf_printf(h,
                     "/* Build (gcc or clang; -ffp-contract=off keeps the float steps bit-identical to\n"
                     " * `lowbit run`, which C compilers otherwise may fuse into FMAs):\n"
                     " *   cc -std=c99 -O3 -march=native -ffp-contract=off -c %s.c\n",
                     name);
    if (kind == LB_HEADER_C_BINARY)
      lb_strbuf_printf(h,
                       " *   cc -c %s_weights.S   (embeds %s.weights; assembles from any directory)\n"
                       " * and link %s.o and %s_weights.o with the program (-lm). */\n\n",
                       name, name, name, name);
    else
      lb_strbuf_printf(h, " * and link %s.o with the program (-lm). */\n\n", name);
  }
  lb_strbuf_printf(h, "#ifdef __cplusplus\nextern \"C\" {\n#endif\n\n");
  lb_strbuf_printf(h, "/* Bytes of scratch memory %s_run needs (16-byte aligned). */\nsize_t %s_scratch_size(void);\n\n",
                   name, name);
  lb_strbuf_printf(h, "/* Runs the model. Inputs, then outputs, in graph order; returns 0 on success,\n"
                      " * -1 if scratch is NULL while scratch memory is needed. */\n");
  lb_c_signature(h, plan, name);
  lb_strbuf_puts(h, ";\n\n#ifdef __cplusplus\n}\n#endif\n#endif\n");
}

static lb_status_t lb_emit_c_impl(const lb_plan_t *plan, const char *name, int64_t *offsets, lb_strbuf_t *h,
                                  lb_strbuf_t *c, lb_emit_c_stats_t *stats) {
  LB_RETURN_IF_ERROR(lb_name_check_model(name));
  lb_cgen_t g = {plan, name, calloc((size_t)plan->ntensors + 1, sizeof(char *)), offsets};
  lb_hashmap_t used, found;
  lb_hashmap_init(&used);
  lb_hashmap_init(&found);
  lb_status_t st = g.const_names ? LB_OK : LB_ERROR(LB_STATUS_RESOURCE_EXHAUSTED, "out of memory");
  int64_t wbytes = 0;
  if (!st) st = lb_c_name_constants(&g, &wbytes);
  if (st) goto done;

  lb_emit_header(plan, name, g.offsets ? LB_HEADER_C_BINARY : LB_HEADER_C, h);

  /* ---- source: preamble, params structs, kernels ---- */
  lb_strbuf_printf(c, "/* Generated by lowbit %s for target ", LOWBIT_VERSION);
  lb_name_append_comment(c, plan->target ? plan->target : "generic-c", 64);
  lb_strbuf_puts(c, ". Do not edit.\n"
                    " * The kernels are copied from lowbit's runtime; results are bit-exact with `lowbit run`.\n"
                    " * Float results are too when compiled without floating-point contraction (-std=c99, or\n"
                    " * -ffp-contract=off; the pragma below covers clang). */\n");
  lb_strbuf_printf(c, "#include \"%s.h\"\n\n#include <math.h>\n#include <stdint.h>\n#include <string.h>\n\n", name);
  lb_strbuf_puts(c, "#if defined(__clang__)\n#pragma STDC FP_CONTRACT OFF\n#endif\n");
  lb_strbuf_puts(c, "#define LB_KERNELS_EMBEDDED 1\n#define LB_KAPI static\n");
  lb_strbuf_puts(c, lb_abi_h_source);
  lb_strbuf_puts(c, "\n");
  lb_strbuf_puts(c, lb_kernels_common_source);
  lb_strbuf_puts(c, "\n/* ---- kernel parameters ---- */\n");
  {
    lb_hashmap_t structs;
    lb_hashmap_init(&structs);
    for (int32_t s = 0; s < plan->nsteps && !st; ++s) {
      const lb_kernel_t *k = plan->steps[s].kernel;
      if (!lb_hashmap_put_str(&used, k->function, strlen(k->function), s)) st = LB_ERROR(LB_STATUS_RESOURCE_EXHAUSTED, "oom");
      if (lb_hashmap_get_ptr(&structs, k->params, NULL)) continue;
      lb_hashmap_put_ptr(&structs, k->params, 1);
      lb_c_params_struct(c, k->params);
    }
    lb_hashmap_free(&structs);
  }
  lb_strbuf_puts(c, "\n/* ---- kernels (runtime/kernels/) ---- */\n");
  {
    lb_hashmap_t families;
    lb_hashmap_init(&families);
    for (int32_t s = 0; s < plan->nsteps && !st; ++s) {
      const lb_kernel_t *k = plan->steps[s].kernel;
      if (lb_hashmap_get_str(&families, k->family, strlen(k->family), NULL)) continue;
      lb_hashmap_put_str(&families, k->family, strlen(k->family), 1);
      const char *src = lb_embedded_find(lb_kernel_sources, k->family);
      if (!src) st = LB_ERROR(LB_STATUS_INTERNAL, "kernel family '%s' is not embedded", k->family);
      else st = lb_c_embed_family(c, k->family, src, &used, &found);
    }
    lb_hashmap_free(&families);
    for (int32_t s = 0; s < plan->nsteps && !st; ++s) {
      const char *fn = plan->steps[s].kernel->function;
      if (!lb_hashmap_get_str(&found, fn, strlen(fn), NULL))
        st = LB_ERROR(LB_STATUS_INTERNAL, "kernel %s has no block in runtime/kernels/%s.c", fn,
                      plan->steps[s].kernel->family);
    }
  }
  if (st) goto done;

  /* ---- weights ---- */
  lb_strbuf_puts(c, "/* ---- weights ---- */\n");
  if (offsets) {
    lb_strbuf_printf(c, "/* In %s.weights, embedded by %s_weights.S. */\nextern const unsigned char %s_weights[];\n", name,
                     name, name);
    for (int32_t i = 0; i < plan->ntensors; ++i)
      if (g.const_names[i]) {
        lb_strbuf_printf(c, "/* %s: %s [%" PRId64 " bytes] at offset %" PRId64, g.const_names[i],
                         lb_dtype_name(plan->tensors[i].dtype), plan->tensors[i].nbytes, offsets[i]);
        if (plan->tensors[i].name) {
          lb_strbuf_puts(c, " (");
          lb_name_append_comment(c, plan->tensors[i].name, 200);
          lb_strbuf_puts(c, ")");
        }
        lb_strbuf_puts(c, " */\n");
      }
  } else {
    for (int32_t i = 0; i < plan->ntensors; ++i)
      if (g.const_names[i]) lb_c_const(c, &plan->tensors[i], g.const_names[i]);
  }

  /* ---- entry points ---- */
  lb_strbuf_printf(c, "\nsize_t %s_scratch_size(void) { return %" PRId64 "; }\n\n", name, plan->scratch_size);
  lb_c_signature(c, plan, name);
  lb_strbuf_puts(c, " {\n  unsigned char *s = (unsigned char *)scratch;\n");
  lb_strbuf_printf(c, "  if (!s && %" PRId64 " > 0) return -1;\n  (void)s;\n", plan->scratch_size);
  for (int32_t i = 0; i < plan->ninputs; ++i) lb_strbuf_printf(c, "  (void)in%d;\n", i);
  for (int32_t si = 0; si < plan->nsteps; ++si) {
    const lb_plan_step_t *s = &plan->steps[si];
    lb_strbuf_puts(c, "  {\n    ");
    lb_c_params_init(c, s->kernel->params, s->params);
    lb_strbuf_printf(c, "\n    %s(&P", s->kernel->function);
    for (int32_t k = 0; k < s->nin; ++k) {
      lb_strbuf_puts(c, ", ");
      lb_c_ref(c, &g, s->in[k]);
    }
    lb_strbuf_puts(c, ", ");
    lb_c_ref(c, &g, s->out);
    lb_strbuf_puts(c, ");\n  }\n");
  }
  lb_strbuf_puts(c, "  return 0;\n}\n");
  if (stats) {
    stats->weight_bytes = wbytes;
    stats->scratch_bytes = plan->scratch_size;
    stats->nsteps = plan->nsteps;
  }
  st = lb_strbuf_status(h);
  if (!st) st = lb_strbuf_status(c);
done:
  if (g.const_names)
    for (int32_t i = 0; i < plan->ntensors; ++i) free(g.const_names[i]);
  free(g.const_names);
  lb_hashmap_free(&used);
  lb_hashmap_free(&found);
  return st;
}

lb_status_t lb_emit_c(const lb_plan_t *plan, const char *name, lb_strbuf_t *h, lb_strbuf_t *c,
                      lb_emit_c_stats_t *stats) {
  return lb_emit_c_impl(plan, name, NULL, h, c, stats);
}

/* The constants a plan's steps read (what NAME.weights holds), in tensor
 * order, each 64-byte aligned; *total gets the file size. */
static lb_status_t lb_weights_layout(const lb_plan_t *plan, int64_t *offsets, int64_t *total) {
  bool *used = calloc((size_t)plan->ntensors + 1, 1);
  if (!used) return LB_ERROR(LB_STATUS_RESOURCE_EXHAUSTED, "out of memory");
  for (int32_t s = 0; s < plan->nsteps; ++s)
    for (int32_t k = 0; k < plan->steps[s].nin; ++k) {
      int32_t r = lb_plan_root(plan, plan->steps[s].in[k]);
      if (r >= 0 && plan->tensors[r].mem == LB_MEM_CONST) used[r] = true;
    }
  int64_t off = 0;
  for (int32_t i = 0; i < plan->ntensors; ++i) {
    offsets[i] = -1;
    if (!used[i]) continue;
    offsets[i] = off;
    off += (plan->tensors[i].nbytes + 63) / 64 * 64;
  }
  free(used);
  *total = off;
  return LB_OK;
}

static lb_status_t lb_write_weights(const lb_plan_t *plan, const int64_t *offsets, const char *path) {
  FILE *f;
  LB_RETURN_IF_ERROR(lb_file_create(path, true, &f));
  static const unsigned char zeros[64];
  int64_t at = 0;
  bool ok = true;
  for (int32_t i = 0; i < plan->ntensors && ok; ++i) {
    if (offsets[i] < 0) continue;
    if (offsets[i] > at) ok = fwrite(zeros, 1, (size_t)(offsets[i] - at), f) == (size_t)(offsets[i] - at);
    at = offsets[i];
    if (ok && plan->tensors[i].nbytes)
      ok = fwrite(plan->tensors[i].data, 1, (size_t)plan->tensors[i].nbytes, f) == (size_t)plan->tensors[i].nbytes;
    at += plan->tensors[i].nbytes;
  }
  if (fclose(f) != 0) ok = false;
  return ok ? LB_OK : LB_ERROR(LB_STATUS_IO, "%s: cannot write: %s", path, strerror(errno));
}

lb_status_t lb_emit_c_files(const lb_plan_t *plan, const char *name, const char *outdir, lb_emit_c_stats_t *stats) {
  return lb_emit_c_files_mode(plan, name, outdir, LB_WEIGHTS_C, stats, NULL);
}

lb_status_t lb_emit_c_files_mode(const lb_plan_t *plan, const char *name, const char *outdir, lb_weights_mode_t mode,
                                 lb_emit_c_stats_t *stats, bool *binary) {
  LB_RETURN_IF_ERROR(lb_name_check_model(name));
  LB_RETURN_IF_ERROR(lb_file_mkdirs(outdir));
  int64_t *offsets = calloc((size_t)plan->ntensors + 1, sizeof(int64_t)), total = 0;
  if (!offsets) return LB_ERROR(LB_STATUS_RESOURCE_EXHAUSTED, "out of memory");
  lb_status_t st = lb_weights_layout(plan, offsets, &total);
  bool bin = mode == LB_WEIGHTS_BINARY || (mode == LB_WEIGHTS_AUTO && total > LB_WEIGHTS_AUTO_BYTES);
  if (binary) *binary = bin;
  lb_strbuf_t h, c;
  lb_strbuf_init(&h);
  lb_strbuf_init(&c);
  if (!st) st = lb_emit_c_impl(plan, name, bin ? offsets : NULL, &h, &c, stats);
  char path[4096];
  if (!st) {
    snprintf(path, sizeof path, "%s/%s.h", outdir, name);
    st = lb_strbuf_write_file(&h, path);
  }
  if (!st) {
    snprintf(path, sizeof path, "%s/%s.c", outdir, name);
    st = lb_strbuf_write_file(&c, path);
  }
  if (!st && bin) {
    snprintf(path, sizeof path, "%s/%s.weights", outdir, name);
    st = lb_write_weights(plan, offsets, path);
  }
  if (!st && bin) {
    lb_strbuf_t a;
    lb_strbuf_init(&a);
    /* .incbin resolves a relative path against the assembler's working
     * directory, so the stub names the weights by their absolute path
     * (escaped as a C string: the stub is preprocessed); NAME_WEIGHTS_FILE
     * overrides it for a moved copy. A path that cannot be a string literal
     * falls back to the name alone (assemble in OUTDIR then). */
    char dir[4096], lit[8300], upper[80];
    size_t n = 0;
    snprintf(upper, sizeof upper, "%s", name);
    for (char *p = upper; *p; ++p) *p = (char)toupper((unsigned char)*p);
    bool ok = realpath(outdir, dir) != NULL;
    for (const char *q = dir; ok && *q && n + 8 < sizeof lit; ++q) {
      if ((unsigned char)*q < 0x20 || *q == 0x7f) ok = false;
      else {
        if (*q == '"' || *q == '\\') lit[n++] = '\\';
        lit[n++] = *q;
      }
    }
    lit[ok ? n : 0] = 0;
    lb_strbuf_printf(&a,
                     "/* Generated by lowbit: embeds %s.weights (%" PRId64 " bytes) as %s_weights.\n"
                     " * Assemble with the C compiler from any directory: cc -c PATH/%s_weights.S. The weights\n"
                     " * file is named by the absolute path lowbit wrote it to; for a moved copy define\n"
                     " * %s_WEIGHTS_FILE, e.g. cc -D'%s_WEIGHTS_FILE=\"new/dir/%s.weights\"' -c ... */\n"
                     "#ifndef %s_WEIGHTS_FILE\n#define %s_WEIGHTS_FILE \"%s%s%s.weights\"\n#endif\n"
                     "#if defined(__APPLE__)\n#define LB_SYM _%s_weights\n#else\n#define LB_SYM %s_weights\n#endif\n"
                     "#if defined(__APPLE__)\n  .section __TEXT,__const\n#else\n  .section .rodata\n#endif\n"
                     "  .balign 64\n  .globl LB_SYM\nLB_SYM:\n  .incbin %s_WEIGHTS_FILE\n"
                     "#if defined(__ELF__)\n  .section .note.GNU-stack,\"\",%%progbits\n#endif\n",
                     name, total, name, name, upper, upper, name, upper, upper, lit, ok && n ? "/" : "", name, name,
                     name, upper);
    snprintf(path, sizeof path, "%s/%s_weights.S", outdir, name);
    st = lb_strbuf_status(&a);
    if (!st) st = lb_strbuf_write_file(&a, path);
    lb_strbuf_free(&a);
  }
  lb_strbuf_free(&h);
  lb_strbuf_free(&c);
  free(offsets);
  return st;
}
