/* Parsing .mlir text from untrusted sources. Besides MLIR's own parser
 * this guards against what MLIR 19 does not check:
 *   - nesting deep enough to overflow the parser's stack (it recurses per
 *     region, attribute and type level): rejected above LB_PARSE_MAX_DEPTH;
 *   - dense_resource blobs shorter or longer than their tensor type, or
 *     missing altogether (reading them later would run past the blob):
 *     every lb.constant's blob is checked against the sizes in the file's
 *     {-# dialect_resources #-} section. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ir/lb_ir.h"
#include "support/hashmap.h"
#include "support/strbuf.h"

#define LB_PARSE_MAX_DEPTH 256

/* Bracket nesting depth outside strings and comments ("->" is not a '>'). */
static lb_status_t lb_check_nesting(const char *text, const char *filename) {
  int depth = 0, line = 1;
  for (const char *p = text; *p; ++p) {
    char c = *p;
    if (c == '\n') line++;
    else if (c == '"') {
      for (++p; *p && *p != '"'; ++p)
        if (*p == '\\' && p[1]) ++p;
      if (!*p) break;
    } else if (c == '/' && p[1] == '/') {
      while (p[1] && p[1] != '\n') ++p;
    } else if (c == '(' || c == '[' || c == '{' || c == '<') {
      if (++depth > LB_PARSE_MAX_DEPTH)
        return LB_ERROR(LB_STATUS_INVALID_ARGUMENT, "%s:%d: nesting deeper than %d levels", filename, line,
                        LB_PARSE_MAX_DEPTH);
    } else if (c == ')' || c == ']' || c == '}' || (c == '>' && !(p > text && p[-1] == '-'))) {
      if (depth > 0) depth--;
    }
  }
  return LB_OK;
}

/* Sizes of the blobs in `{-# dialect_resources: { builtin: { NAME: "0x..." } } #-}`
 * (each hex string starts with a 4-byte alignment word). */
static void lb_resource_sizes(const char *text, lb_hashmap_t *sizes) {
  const char *sec = strstr(text, "{-#");
  const char *b = sec ? strstr(sec, "builtin") : NULL;
  b = b ? strchr(b, '{') : NULL;
  if (!b) return;
  for (const char *p = b + 1; *p && *p != '}';) {
    while (*p == ' ' || *p == '\n' || *p == '\t' || *p == '\r' || *p == ',') p++;
    const char *ks = p, *ke;
    if (*p == '"') {
      ks = ++p;
      while (*p && *p != '"') p++;
      ke = p;
      if (*p) p++;
    } else {
      while (*p && *p != ':' && *p != ' ' && *p != '}') p++;
      ke = p;
    }
    while (*p == ' ') p++;
    if (*p != ':') return;
    p++;
    while (*p == ' ' || *p == '\n') p++;
    if (*p != '"') return;
    const char *hs = ++p;
    while (*p && *p != '"') p++;
    if (!*p) return;
    size_t hex = (size_t)(p - hs);
    int64_t bytes = hex >= 2 && !strncmp(hs, "0x", 2) ? (int64_t)(hex - 2) / 2 - 4 : -1;
    lb_hashmap_put_str(sizes, ks, (size_t)(ke - ks), bytes);
    p++;
  }
}

static void lb_sb_callback(MlirStringRef s, void *user) { lb_strbuf_append((lb_strbuf_t *)user, s.data, s.length); }

typedef struct {
  const lb_hashmap_t *sizes;
  lb_status_t st;
} lb_blob_walk_t;

static MlirWalkResult lb_check_blob(MlirOperation op, void *user) {
  lb_blob_walk_t *w = user;
  if (w->st || lb_op_get_kind(op) != LB_OP_CONSTANT) return MlirWalkResultAdvance;
  MlirAttribute a = mlirOperationGetAttributeByName(op, mlirStringRefCreateFromCString(LB_ATTR_VALUE));
  if (mlirAttributeIsNull(a) || !mlirAttributeIsADenseResourceElements(a)) return MlirWalkResultAdvance;
  lb_strbuf_t sb;
  lb_strbuf_init(&sb);
  mlirAttributePrint(a, lb_sb_callback, &sb);
  const char *s = sb.data ? strstr(sb.data, "dense_resource<") : NULL;
  const char *e = s ? strchr(s, '>') : NULL;
  int64_t have = -1;
  char name[128] = "?";
  if (s && e) {
    s += strlen("dense_resource<");
    snprintf(name, sizeof name, "%.*s", (int)(e - s), s);
    if (name[0] == '"' && strlen(name) > 1) { /* quoted key */
      memmove(name, name + 1, strlen(name));
      name[strlen(name) - 1] = 0;
    }
    lb_hashmap_get_str(w->sizes, name, strlen(name), &have);
  }
  lb_strbuf_free(&sb);
  MlirType t = mlirAttributeGetType(a);
  int32_t rank;
  int64_t dims[LB_MAX_RANK];
  lb_dtype_t dt;
  if (!lb_type_get_shape(t, &rank, dims) || !lb_type_to_dtype(mlirShapedTypeGetElementType(t), &dt)) {
    w->st = lb_op_error(op, LB_STATUS_INVALID_ARGUMENT, "dense_resource of an unsupported type");
    return MlirWalkResultInterrupt;
  }
  int64_t n = lb_dims_count(rank, dims);
  int64_t want = n < 0 ? -1 : lb_dtype_packed_bytes(lb_dtype_container(dt), n);
  if (have < 0)
    w->st = lb_op_error(op, LB_STATUS_INVALID_ARGUMENT, "dense_resource blob '%s' has no data in the file", name);
  else if (want < 0 || have != want)
    w->st = lb_op_error(op, LB_STATUS_INVALID_ARGUMENT, "dense_resource blob '%s' has %lld bytes, its type needs %lld",
                        name, (long long)have, (long long)want);
  return w->st ? MlirWalkResultInterrupt : MlirWalkResultAdvance;
}

lb_status_t lb_module_parse(MlirContext ctx, const char *text, const char *filename, MlirModule *out) {
  const char *fname = filename ? filename : "<input>";
  LB_RETURN_IF_ERROR(lb_check_nesting(text, fname));
  lb_diag_capture_t *cap = lb_diag_capture_attach(ctx, filename);
  /* Parsing as one operation records `filename` in every location; text
   * with several top-level ops (an implicit module) needs the module
   * parser, whose locations name the file "-". */
  MlirModule m = {NULL};
  MlirOperation top = mlirOperationCreateParse(ctx, mlirStringRefCreateFromCString(text),
                                               mlirStringRefCreateFromCString(fname));
  if (mlirOperationIsNull(top)) {
    lb_diag_clear(cap);
    m = mlirModuleCreateParse(ctx, mlirStringRefCreateFromCString(text));
  } else {
    MlirStringRef n = mlirIdentifierStr(mlirOperationGetName(top));
    if (n.length == 14 && !memcmp(n.data, "builtin.module", 14)) {
      m = mlirModuleFromOperation(top);
    } else {
      m = mlirModuleCreateEmpty(mlirOperationGetLocation(top));
      mlirBlockAppendOwnedOperation(mlirModuleGetBody(m), top);
    }
  }
  lb_status_t st = mlirModuleIsNull(m) ? lb_diag_status(cap, "cannot parse the input") : LB_OK;
  lb_diag_capture_detach(cap);
  if (st) return st;
  lb_hashmap_t sizes;
  lb_hashmap_init(&sizes);
  lb_resource_sizes(text, &sizes);
  lb_blob_walk_t w = {&sizes, LB_OK};
  mlirOperationWalk(mlirModuleGetOperation(m), lb_check_blob, &w, MlirWalkPreOrder);
  lb_hashmap_free(&sizes);
  if (w.st) {
    mlirModuleDestroy(m);
    return w.st;
  }
  *out = m;
  return LB_OK;
}
