#include "ir/lb_specialize.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Size limit of one dim and of one input (elements). */
#define LB_SPEC_MAX ((int64_t)1 << 40)

lb_status_t lb_shape_binding_parse(const char *spec, lb_shape_binding_t *out) {
  memset(out, 0, sizeof *out);
  const char *eq = strchr(spec, '=');
  if (!eq || eq == spec || (size_t)(eq - spec) >= sizeof out->input)
    return LB_ERROR(LB_STATUS_INVALID_ARGUMENT, "--shape expects NAME=d0,d1,..., got '%s'", spec);
  memcpy(out->input, spec, (size_t)(eq - spec));
  const char *p = eq + 1;
  if (!*p) return LB_ERROR(LB_STATUS_INVALID_ARGUMENT, "--shape %s: no dims given", out->input);
  while (*p) {
    if (out->rank == LB_MAX_RANK)
      return LB_ERROR(LB_STATUS_INVALID_ARGUMENT, "--shape %s: more than %d dims", out->input, LB_MAX_RANK);
    if (*p == '?' && (p[1] == ',' || !p[1])) { /* leave this dim as the model has it */
      out->dims[out->rank++] = LB_DYN;
      p += p[1] ? 2 : 1;
      if (p[-1] == ',' && !*p) return LB_ERROR(LB_STATUS_INVALID_ARGUMENT, "--shape %s: trailing ','", out->input);
      continue;
    }
    char *end;
    errno = 0;
    long long v = strtoll(p, &end, 10);
    if (end == p || errno || v <= 0 || v > LB_SPEC_MAX || (*end && *end != ','))
      return LB_ERROR(LB_STATUS_INVALID_ARGUMENT, "--shape %s: dims must be positive integers up to 2^40 or ?, got '%s'",
                      out->input, eq + 1);
    out->dims[out->rank++] = v;
    p = *end ? end + 1 : end;
    if (*end == ',' && !*p) return LB_ERROR(LB_STATUS_INVALID_ARGUMENT, "--shape %s: trailing ','", out->input);
  }
  return LB_OK;
}

typedef struct {
  char name[128];
  int64_t value;
} lb_sym_t;

typedef struct {
  lb_sym_t *syms;
  int32_t n, cap;
} lb_syms_t;

static lb_sym_t *lb_sym_get(lb_syms_t *s, const char *name) {
  for (int32_t i = 0; i < s->n; ++i)
    if (!strcmp(s->syms[i].name, name)) return &s->syms[i];
  return NULL;
}

static bool lb_sym_add(lb_syms_t *s, const char *name, int64_t v) {
  if (s->n == s->cap) {
    int32_t cap = s->cap ? s->cap * 2 : 16;
    lb_sym_t *g = realloc(s->syms, sizeof *g * (size_t)cap);
    if (!g) return false;
    s->syms = g;
    s->cap = cap;
  }
  snprintf(s->syms[s->n].name, sizeof s->syms[0].name, "%s", name);
  s->syms[s->n++].value = v;
  return true;
}

/* Symbol name of dim d of input i ("" if none). */
static void lb_dim_symbol(MlirOperation func, intptr_t i, int32_t d, char *buf, size_t n) {
  buf[0] = 0;
  MlirAttribute a = mlirOperationGetAttributeByName(func, mlirStringRefCreateFromCString(LB_ATTR_DIM_PARAMS));
  if (mlirAttributeIsNull(a) || !mlirAttributeIsAArray(a) || i >= mlirArrayAttrGetNumElements(a)) return;
  MlirAttribute row = mlirArrayAttrGetElement(a, i);
  if (!mlirAttributeIsAArray(row) || d >= mlirArrayAttrGetNumElements(row)) return;
  MlirAttribute s = mlirArrayAttrGetElement(row, d);
  if (!mlirAttributeIsAString(s)) return;
  MlirStringRef r = mlirStringAttrGetValue(s);
  snprintf(buf, n, "%.*s", (int)r.length, r.data);
}

/* Binds symbol `sym` (if named) to v; error if already bound differently. */
static lb_status_t lb_bind(lb_syms_t *syms, const char *sym, int64_t v, const char *input, int32_t d) {
  if (!sym[0]) return LB_OK;
  lb_sym_t *s = lb_sym_get(syms, sym);
  if (s && s->value != v)
    return LB_ERROR(LB_STATUS_INVALID_ARGUMENT,
                    "dimension %d of input '%s' is the symbol '%s', already given the size %lld (not %lld)", d, input,
                    sym, (long long)s->value, (long long)v);
  if (!s && !lb_sym_add(syms, sym, v)) return LB_ERROR(LB_STATUS_RESOURCE_EXHAUSTED, "out of memory");
  return LB_OK;
}

/* True if `sym` names a dim at a non-zero position of some input. */
static bool lb_symbol_at_nonzero(MlirOperation func, intptr_t nin, const int32_t *ranks, const char *sym) {
  for (intptr_t i = 0; i < nin; ++i)
    for (int32_t d = 1; d < ranks[i]; ++d) {
      char other[128];
      lb_dim_symbol(func, i, d, other, sizeof other);
      if (!strcmp(other, sym)) return true;
    }
  return false;
}

lb_status_t lb_module_specialize(MlirModule module, const lb_specialize_opts_t *o) {
  MlirOperation func = lb_module_get_func(module);
  if (mlirOperationIsNull(func)) return LB_ERROR(LB_STATUS_INVALID_ARGUMENT, "module has no function with a body");
  if (o->batch < 0 || o->batch > LB_SPEC_MAX)
    return LB_ERROR(LB_STATUS_INVALID_ARGUMENT, "batch size must be between 1 and 2^40, got %lld", (long long)o->batch);
  MlirBlock body = lb_func_get_body(func);
  MlirContext ctx = mlirOperationGetContext(func);
  intptr_t nin = mlirBlockGetNumArguments(body);
  lb_syms_t syms = {0};
  lb_status_t st = LB_OK;
  typedef struct {
    int32_t rank;
    int64_t d[LB_MAX_RANK];
    char name[256];
  } lb_in_t;
  lb_in_t *ins = calloc((size_t)nin + 1, sizeof *ins);
  int32_t *ranks = calloc((size_t)nin + 1, sizeof *ranks);
  if (!ins || !ranks) {
    free(ins);
    free(ranks);
    return LB_ERROR(LB_STATUS_RESOURCE_EXHAUSTED, "out of memory");
  }
  for (intptr_t i = 0; i < nin && !st; ++i) {
    if (!lb_type_get_shape(mlirValueGetType(mlirBlockGetArgument(body, i)), &ins[i].rank, ins[i].d))
      st = LB_ERROR(LB_STATUS_INVALID_ARGUMENT, "graph input %d is not a ranked tensor", (int)i);
    lb_func_input_name(func, i, ins[i].name, sizeof ins[i].name);
    ranks[i] = ins[i].rank;
  }
  /* 1. explicit shapes */
  for (int32_t s = 0; s < o->nshapes && !st; ++s) {
    const lb_shape_binding_t *b = &o->shapes[s];
    intptr_t idx = -1;
    for (intptr_t i = 0; i < nin; ++i)
      if (!strcmp(ins[i].name, b->input)) idx = i;
    for (int32_t t = 0; t < s && !st; ++t)
      if (!strcmp(o->shapes[t].input, b->input))
        st = LB_ERROR(LB_STATUS_INVALID_ARGUMENT, "--shape %s is given twice", b->input);
    if (st) break;
    if (idx < 0) {
      char list[1024] = "";
      for (intptr_t i = 0; i < nin; ++i)
        snprintf(list + strlen(list), sizeof list - strlen(list), "%s%s", i ? ", " : "", ins[i].name);
      st = LB_ERROR(LB_STATUS_INVALID_ARGUMENT, "--shape %s: the model has no input named '%s' (inputs: %s)", b->input,
                    b->input, list);
      break;
    }
    lb_in_t *in = &ins[idx];
    if (b->rank != in->rank) {
      st = LB_ERROR(LB_STATUS_INVALID_ARGUMENT, "--shape %s gives %d dims, the input has rank %d", b->input, b->rank,
                    in->rank);
      break;
    }
    for (int32_t d = 0; d < in->rank && !st; ++d) {
      if (b->dims[d] == LB_DYN) continue;
      if (in->d[d] != LB_DYN && in->d[d] != b->dims[d]) {
        st = LB_ERROR(LB_STATUS_INVALID_ARGUMENT,
                      "--shape %s contradicts the model: dimension %d of '%s' is %lld, not %lld", b->input, d,
                      b->input, (long long)in->d[d], (long long)b->dims[d]);
        break;
      }
      char sym[128];
      lb_dim_symbol(func, idx, d, sym, sizeof sym);
      if (in->d[d] == LB_DYN) st = lb_bind(&syms, sym, b->dims[d], b->input, d);
      in->d[d] = b->dims[d];
    }
  }
  /* 2. batch, 3. shared symbols. A dim-0 symbol that some input also uses
   * at another position (a sequence length S in x[N, S, 8] and pos[S, 8])
   * is not a batch dim and is left alone. */
  for (intptr_t i = 0; i < nin && !st; ++i) {
    for (int32_t d = 0; d < ins[i].rank && !st; ++d) {
      if (ins[i].d[d] != LB_DYN) continue;
      char sym[128];
      lb_dim_symbol(func, i, d, sym, sizeof sym);
      lb_sym_t *s = sym[0] ? lb_sym_get(&syms, sym) : NULL;
      if (s) ins[i].d[d] = s->value;
      else if (d == 0 && o->batch > 0 && !(sym[0] && lb_symbol_at_nonzero(func, nin, ranks, sym))) {
        ins[i].d[d] = o->batch;
        st = lb_bind(&syms, sym, o->batch, ins[i].name, d);
      }
    }
  }
  /* later inputs may have bound symbols earlier inputs use */
  for (intptr_t i = 0; i < nin && !st; ++i)
    for (int32_t d = 0; d < ins[i].rank; ++d) {
      if (ins[i].d[d] != LB_DYN) continue;
      char sym[128];
      lb_dim_symbol(func, i, d, sym, sizeof sym);
      lb_sym_t *s = sym[0] ? lb_sym_get(&syms, sym) : NULL;
      if (s) ins[i].d[d] = s->value;
      else if (o->require_static) {
        char what[160] = "";
        if (sym[0]) snprintf(what, sizeof what, " ('%s')", sym);
        st = LB_ERROR(LB_STATUS_INVALID_ARGUMENT,
                      "dimension %d%s of input '%s' is symbolic; give it a size with --shape %s=...", d, what,
                      ins[i].name, ins[i].name);
        break;
      }
    }
  for (intptr_t i = 0; i < nin && !st; ++i) {
    int64_t n = 1;
    for (int32_t d = 0; d < ins[i].rank; ++d) {
      if (ins[i].d[d] == LB_DYN) continue;
      if (ins[i].d[d] < 1) {
        st = LB_ERROR(LB_STATUS_INVALID_ARGUMENT, "input '%s' has a zero-size dimension %d", ins[i].name, d);
        break;
      }
      if (n > LB_SPEC_MAX / ins[i].d[d]) {
        st = LB_ERROR(LB_STATUS_OUT_OF_RANGE, "input '%s' would have more than 2^40 elements", ins[i].name);
        break;
      }
      n *= ins[i].d[d];
    }
  }
  if (!st) {
    for (intptr_t i = 0; i < nin; ++i) {
      MlirValue arg = mlirBlockGetArgument(body, i);
      MlirType elem = mlirShapedTypeGetElementType(mlirValueGetType(arg));
      mlirValueSetType(arg, lb_tensor_type(ctx, ins[i].rank, ins[i].d, elem));
    }
    st = lb_func_refresh_types(func);
  }
  free(syms.syms);
  free(ins);
  free(ranks);
  return st;
}
