/* Target descriptions: loading, schema verification, decoding. */
#include "ir/lb_target.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "support/embedded.h"
#include "support/file.h"

/* targets/<name>.mlir, embedded at build time (cmake/embed.cmake). */
extern const lb_embedded_file_t lb_builtin_targets[];

typedef enum { LB_TF_STR, LB_TF_INT, LB_TF_NUM, LB_TF_STRS, LB_TF_BITS, LB_TF_PAIR, LB_TF_BOOL } lb_tf_kind_t;

static const char *const lb_kinds[] = {"cpu", "fpga", NULL};
static const char *const lb_dots[] = {"none", "pmaddubsw", "vpdpbusd", "sdot", "vwmacc", "dsp", NULL};

typedef struct {
  const char *name;
  lb_tf_kind_t kind;
  bool required;
  const char *const *choices; /* LB_TF_STR: allowed values, or NULL */
  size_t offset;              /* into lb_target_t, or SIZE_MAX if not decoded */
  size_t size;                /* string buffer size */
} lb_tfield_t;

#define LB_TF(name, kind, req, choices, member) \
  {name, kind, req, choices, offsetof(lb_target_t, member), sizeof(((lb_target_t *)0)->member)}
#define LB_TF_SKIP(name, kind) {name, kind, false, NULL, SIZE_MAX, 0}

static const lb_tfield_t lb_schema[] = {
    LB_TF("name", LB_TF_STR, true, NULL, name),
    LB_TF("kind", LB_TF_STR, true, lb_kinds, kind),
    LB_TF("triple", LB_TF_STR, false, NULL, triple),
    LB_TF("isa", LB_TF_STR, true, NULL, isa),
    LB_TF("cpu", LB_TF_STR, false, NULL, cpu),
    LB_TF("features", LB_TF_STRS, false, NULL, features),
    LB_TF("vector_bits", LB_TF_INT, false, NULL, vector_bits),
    LB_TF("dot_product", LB_TF_STR, false, lb_dots, dot_product),
    LB_TF("weight_bits", LB_TF_BITS, true, NULL, weight_bits),
    LB_TF("act_bits", LB_TF_BITS, true, NULL, act_bits),
    LB_TF_SKIP("layouts", LB_TF_STRS),
    LB_TF("l1d_bytes", LB_TF_INT, false, NULL, l1d_bytes),
    LB_TF("l2_bytes", LB_TF_INT, false, NULL, l2_bytes),
    LB_TF("threads", LB_TF_INT, false, NULL, threads),
    LB_TF("prefetch_bytes", LB_TF_INT, false, NULL, prefetch_bytes),
    LB_TF("part", LB_TF_STR, false, NULL, part),
    LB_TF("clock_mhz", LB_TF_NUM, false, NULL, clock_mhz),
    LB_TF("dsp", LB_TF_INT, false, NULL, dsp),
    LB_TF("bram_18k", LB_TF_INT, false, NULL, bram_18k),
    LB_TF("lut", LB_TF_INT, false, NULL, lut),
    LB_TF("dsp_width", LB_TF_PAIR, false, NULL, dsp_width),
    LB_TF("dsp_packing", LB_TF_BOOL, false, NULL, dsp_packing),
};
#define LB_NSCHEMA (sizeof lb_schema / sizeof lb_schema[0])

static const char *lb_tf_kind_name(lb_tf_kind_t k) {
  switch (k) {
    case LB_TF_STR: return "a string";
    case LB_TF_INT: return "a non-negative integer";
    case LB_TF_NUM: return "a positive number";
    case LB_TF_STRS: return "an array of strings";
    case LB_TF_BITS: return "array<i64: ...> of bit widths in 1..32";
    case LB_TF_PAIR: return "array<i64: A, B> of two widths in 1..64";
    case LB_TF_BOOL: return "true or false";
  }
  return "?";
}

#define LB_TFAIL(...) LB_ERROR(LB_STATUS_INVALID_ARGUMENT, __VA_ARGS__)

static lb_status_t lb_tf_check(const lb_tfield_t *f, MlirAttribute a, const char *src, lb_target_t *out) {
  char *dst = out && f->offset != SIZE_MAX ? (char *)out + f->offset : NULL;
  switch (f->kind) {
    case LB_TF_STR: {
      if (!mlirAttributeIsAString(a)) break;
      MlirStringRef s = mlirStringAttrGetValue(a);
      if (dst && s.length >= f->size) return LB_TFAIL("%s: target field '%s' is too long", src, f->name);
      if (f->choices) {
        bool ok = false;
        for (const char *const *c = f->choices; *c && !ok; ++c) ok = strlen(*c) == s.length && !memcmp(*c, s.data, s.length);
        if (!ok) {
          char list[256] = "";
          for (const char *const *c = f->choices; *c; ++c)
            snprintf(list + strlen(list), sizeof list - strlen(list), "%s%s", c == f->choices ? "" : ", ", *c);
          return LB_TFAIL("%s: target field '%s' is \"%.*s\" (allowed: %s)", src, f->name, (int)s.length, s.data, list);
        }
      }
      if (dst) snprintf(dst, f->size, "%.*s", (int)s.length, s.data);
      return LB_OK;
    }
    case LB_TF_INT:
      if (!mlirAttributeIsAInteger(a) || mlirIntegerAttrGetValueInt(a) < 0) break;
      if (dst) *(int64_t *)dst = mlirIntegerAttrGetValueInt(a);
      return LB_OK;
    case LB_TF_NUM: {
      double v;
      if (mlirAttributeIsAInteger(a)) v = (double)mlirIntegerAttrGetValueInt(a);
      else if (mlirAttributeIsAFloat(a)) v = mlirFloatAttrGetValueDouble(a);
      else break;
      if (!(v > 0)) break;
      if (dst) *(double *)dst = v;
      return LB_OK;
    }
    case LB_TF_STRS: {
      if (!mlirAttributeIsAArray(a)) break;
      bool ok = true;
      for (intptr_t i = 0; i < mlirArrayAttrGetNumElements(a) && ok; ++i) ok = mlirAttributeIsAString(mlirArrayAttrGetElement(a, i));
      if (!ok) break;
      if (dst) { /* decoded as one comma-separated string (LLVM's feature string form) */
        size_t used = 0;
        dst[0] = 0;
        for (intptr_t i = 0; i < mlirArrayAttrGetNumElements(a); ++i) {
          MlirStringRef e = mlirStringAttrGetValue(mlirArrayAttrGetElement(a, i));
          if (used + e.length + 2 > f->size) return LB_TFAIL("%s: target field '%s' is too long", src, f->name);
          if (i) dst[used++] = ',';
          memcpy(dst + used, e.data, e.length);
          used += e.length;
          dst[used] = 0;
        }
      }
      return LB_OK;
    }
    case LB_TF_BITS: {
      if (!mlirAttributeIsADenseI64Array(a)) break;
      uint64_t bits = 0;
      bool ok = true;
      for (intptr_t i = 0; i < mlirDenseArrayGetNumElements(a) && ok; ++i) {
        int64_t b = mlirDenseI64ArrayGetElement(a, i);
        ok = b >= 1 && b <= 32;
        if (ok) bits |= (uint64_t)1 << b;
      }
      if (!ok) break;
      if (dst) *(uint64_t *)dst = bits;
      return LB_OK;
    }
    case LB_TF_PAIR:
      if (!mlirAttributeIsADenseI64Array(a) || mlirDenseArrayGetNumElements(a) != 2) break;
      if (mlirDenseI64ArrayGetElement(a, 0) < 1 || mlirDenseI64ArrayGetElement(a, 0) > 64) break;
      if (mlirDenseI64ArrayGetElement(a, 1) < 1 || mlirDenseI64ArrayGetElement(a, 1) > 64) break;
      if (dst) {
        ((int64_t *)dst)[0] = mlirDenseI64ArrayGetElement(a, 0);
        ((int64_t *)dst)[1] = mlirDenseI64ArrayGetElement(a, 1);
      }
      return LB_OK;
    case LB_TF_BOOL:
      if (!mlirAttributeIsABool(a)) break;
      if (dst) *(bool *)dst = mlirBoolAttrGetValue(a);
      return LB_OK;
  }
  return LB_TFAIL("%s: target field '%s' must be %s", src, f->name, lb_tf_kind_name(f->kind));
}

lb_status_t lb_target_decode(MlirAttribute attr, const char *src, lb_target_t *out) {
  if (mlirAttributeIsNull(attr) || !mlirAttributeIsADictionary(attr))
    return LB_TFAIL("%s: a target must be a dictionary attribute {name = \"...\", kind = \"cpu\", ...}", src);
  lb_target_t t;
  memset(&t, 0, sizeof t);
  t.threads = 1;
  t.prefetch_bytes = -1;
  intptr_t n = mlirDictionaryAttrGetNumElements(attr);
  for (intptr_t i = 0; i < n; ++i) {
    MlirNamedAttribute na = mlirDictionaryAttrGetElement(attr, i);
    MlirStringRef key = mlirIdentifierStr(na.name);
    const lb_tfield_t *f = NULL;
    for (size_t k = 0; k < LB_NSCHEMA && !f; ++k)
      if (strlen(lb_schema[k].name) == key.length && !memcmp(lb_schema[k].name, key.data, key.length)) f = &lb_schema[k];
    if (!f) return LB_TFAIL("%s: unknown target field '%.*s' (see docs/targets.md)", src, (int)key.length, key.data);
    LB_RETURN_IF_ERROR(lb_tf_check(f, na.attribute, src, &t));
  }
  for (size_t k = 0; k < LB_NSCHEMA; ++k)
    if (lb_schema[k].required &&
        mlirAttributeIsNull(mlirDictionaryAttrGetElementByName(attr, mlirStringRefCreateFromCString(lb_schema[k].name))))
      return LB_TFAIL("%s: target field '%s' is required", src, lb_schema[k].name);
  if (t.threads < 1) return LB_TFAIL("%s: target field 'threads' must be at least 1", src);
  if (!strcmp(t.kind, "fpga") && (!t.part[0] || !(t.clock_mhz > 0)))
    return LB_TFAIL("%s: an fpga target needs 'part' and 'clock_mhz'", src);
  if (out) *out = t;
  return LB_OK;
}

lb_status_t lb_target_parse(MlirContext ctx, const char *text, const char *src, MlirAttribute *out) {
  /* MLIR's attribute parser rejects leading comments: skip comment lines
   * and blank space before the attribute itself. */
  const char *p = text;
  for (;;) {
    while (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r') p++;
    if (p[0] == '/' && p[1] == '/') {
      while (*p && *p != '\n') p++;
      continue;
    }
    break;
  }
  if (!*p) return LB_TFAIL("%s: empty target description", src);
  lb_diag_capture_t *cap = lb_diag_capture_attach(ctx, src);
  MlirAttribute a = mlirAttributeParseGet(ctx, mlirStringRefCreateFromCString(p));
  lb_status_t st = LB_OK;
  if (mlirAttributeIsNull(a)) {
    /* the first diagnostic line is enough: keep errors to one line */
    const char *d = lb_diag_text(cap);
    const char *nl = strchr(d, '\n');
    const char *msg = strstr(d, "error: ");
    msg = msg ? msg + 7 : d;
    st = LB_TFAIL("%s: not a valid MLIR attribute: %.*s", src, (int)(nl && nl > msg ? nl - msg : (long)strlen(msg)), msg);
  }
  lb_diag_capture_detach(cap);
  LB_RETURN_IF_ERROR(st);
  LB_RETURN_IF_ERROR(lb_target_decode(a, src, NULL));
  *out = a;
  return LB_OK;
}

static bool lb_is_path(const char *s) {
  size_t n = strlen(s);
  return strchr(s, '/') || (n > 5 && !strcmp(s + n - 5, ".mlir"));
}

const char *const *lb_target_builtin_names(void) {
  static const char *names[32];
  if (!names[0]) {
    int n = 0;
    for (const lb_embedded_file_t *f = lb_builtin_targets; f->name && n < 31; ++f) names[n++] = f->name;
    names[n] = NULL;
  }
  return names;
}

lb_status_t lb_target_load(MlirContext ctx, const char *what, MlirAttribute *out) {
  if (lb_is_path(what)) {
    char *text;
    size_t len;
    LB_RETURN_IF_ERROR(lb_file_read(what, &text, &len));
    lb_status_t st = lb_target_parse(ctx, text, what, out);
    free(text);
    return st;
  }
  const char *text = lb_embedded_find(lb_builtin_targets, what);
  if (!text) {
    char list[512] = "";
    for (const char *const *n = lb_target_builtin_names(); *n; ++n)
      snprintf(list + strlen(list), sizeof list - strlen(list), "%s%s", list[0] ? ", " : "", *n);
    return LB_ERROR(LB_STATUS_NOT_FOUND, "unknown target '%s' (built-in targets: %s; or give a .mlir file)", what, list);
  }
  char src[128];
  snprintf(src, sizeof src, "targets/%s.mlir", what);
  return lb_target_parse(ctx, text, src, out);
}

void lb_module_set_target(MlirModule module, MlirAttribute target) {
  mlirOperationSetAttributeByName(mlirModuleGetOperation(module), mlirStringRefCreateFromCString(LB_ATTR_TARGET),
                                  target);
}

lb_status_t lb_target_of(MlirModule module, lb_target_t *out) {
  MlirAttribute a =
      mlirOperationGetAttributeByName(mlirModuleGetOperation(module), mlirStringRefCreateFromCString(LB_ATTR_TARGET));
  if (mlirAttributeIsNull(a)) LB_RETURN_IF_ERROR(lb_target_load(mlirModuleGetContext(module), LB_TARGET_DEFAULT, &a));
  return lb_target_decode(a, "the module's lb.target", out);
}
