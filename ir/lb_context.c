/* Context set-up, diagnostics capture, parsing and printing. */
#include <mlir-c/Diagnostics.h>
#include <mlir-c/Dialect/Func.h>
#include <mlir-c/Dialect/IRDL.h>
#include <mlir-c/Dialect/Quant.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ir/lb_ir.h"
#include "ir/lb_op_table.h"
#include "support/strbuf.h"

/* Generated at build time from ir/lb.irdl.mlir (cmake/embed.cmake). */
extern const char lb_irdl_source[];

/* ---- printing helpers ---------------------------------------------- */

static void lb_sb_callback(MlirStringRef s, void *user) { lb_strbuf_append((lb_strbuf_t *)user, s.data, s.length); }

/* Formats a printed location: loc("f":L:C) -> f:L:C, and a name location
 * loc("name"(inner)) -> <inner formatted> (name). */
static void lb_location_text(const char *s, size_t len, char *buf, size_t n) {
  if (len > 6 && !strncmp(s, "loc(", 4) && s[len - 1] == ')') {
    s += 4;
    len -= 5;
  }
  if (len > 2 && s[0] == '"') {
    const char *q = memchr(s + 1, '"', len - 1);
    if (q) {
      size_t nl = (size_t)(q - (s + 1));
      const char *rest = q + 1;
      size_t rl = len - (size_t)(rest - s);
      if (rl > 2 && rest[0] == ':') { /* "file":L:C */
        snprintf(buf, n, "%.*s%.*s", (int)nl, s + 1, (int)rl, rest);
        return;
      }
      if (rl > 2 && rest[0] == '(' && rest[rl - 1] == ')') { /* "name"(inner) */
        char inner[512];
        lb_location_text(rest + 1, rl - 2, inner, sizeof inner);
        snprintf(buf, n, "%s (%.*s)", inner, (int)nl, s + 1);
        return;
      }
    }
  }
  snprintf(buf, n, "%.*s", (int)len, s);
}

void lb_location_format(MlirLocation loc, char *buf, size_t n) {
  lb_strbuf_t sb;
  lb_strbuf_init(&sb);
  mlirLocationPrint(loc, lb_sb_callback, &sb);
  lb_location_text(sb.data ? sb.data : "", sb.len, buf, n);
  lb_strbuf_free(&sb);
}

/* Decodes the MLIR string literal starting after the opening quote at s;
 * returns the position after the closing quote, or NULL. */
static const char *lb_unquote(const char *s, char *buf, size_t n) {
  size_t o = 0;
  for (; *s && *s != '"'; ++s) {
    char c = *s;
    if (c == '\\' && s[1]) {
      static const char hex[] = "0123456789abcdefABCDEF";
      if (s[1] && s[2] && strchr(hex, s[1]) && strchr(hex, s[2])) {
        char h[3] = {s[1], s[2], 0};
        c = (char)strtol(h, NULL, 16);
        s += 2;
      } else {
        c = *++s;
      }
    }
    if (o + 1 < n) buf[o++] = c;
  }
  if (n) buf[o < n ? o : n - 1] = 0;
  return *s == '"' ? s + 1 : NULL;
}

bool lb_location_name(MlirLocation loc, char *buf, size_t n) {
  lb_strbuf_t sb;
  lb_strbuf_init(&sb);
  mlirLocationPrint(loc, lb_sb_callback, &sb);
  const char *s = sb.data ? sb.data : "";
  bool ok = false;
  if (!strncmp(s, "loc(\"", 5)) {
    const char *end = lb_unquote(s + 5, buf, n);
    ok = end && (*end == '(' || *end == ')');
  }
  lb_strbuf_free(&sb);
  if (!ok && n) buf[0] = 0;
  return ok;
}

static lb_status_t lb_op_prefixed(MlirOperation op, lb_status_code_t code, const char *msg) {
  char loc[512];
  lb_location_format(mlirOperationGetLocation(op), loc, sizeof loc);
  lb_op_kind_t k = lb_op_get_kind(op);
  if (k != LB_OP_UNKNOWN) return lb_status_make(code, __FILE__, __LINE__, "%s: '%s': %s", loc, lb_op_kind_name(k), msg);
  MlirStringRef nm = mlirIdentifierStr(mlirOperationGetName(op));
  return lb_status_make(code, __FILE__, __LINE__, "%s: '%.*s': %s", loc, (int)nm.length, nm.data, msg);
}

lb_status_t lb_op_error(MlirOperation op, lb_status_code_t code, const char *fmt, ...) {
  char msg[2048];
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(msg, sizeof msg, fmt, ap);
  va_end(ap);
  return lb_op_prefixed(op, code, msg);
}

lb_status_t lb_op_annotate(MlirOperation op, lb_status_t st) {
  if (!st) return LB_OK;
  lb_status_t out = lb_op_prefixed(op, lb_status_code(st), lb_status_message(st));
  lb_status_free(st);
  return out;
}

void lb_type_format(MlirType t, char *buf, size_t n) {
  lb_strbuf_t sb;
  lb_strbuf_init(&sb);
  mlirTypePrint(t, lb_sb_callback, &sb);
  snprintf(buf, n, "%s", sb.data ? sb.data : "");
  lb_strbuf_free(&sb);
}

/* ---- diagnostics ---------------------------------------------------- */

struct lb_diag_capture_s {
  MlirContext ctx;
  MlirDiagnosticHandlerID id;
  char *filename;
  lb_strbuf_t text;
  int count;
};

static MlirLogicalResult lb_diag_handler(MlirDiagnostic d, void *user) {
  lb_diag_capture_t *cap = user;
  char loc[1024];
  lb_location_format(mlirDiagnosticGetLocation(d), loc, sizeof loc);
  if (cap->filename && strncmp(loc, "-:", 2) == 0) {
    char tmp[1024];
    snprintf(tmp, sizeof tmp, "%s%s", cap->filename, loc + 1);
    memcpy(loc, tmp, sizeof loc);
  }
  const char *sev = "error";
  switch (mlirDiagnosticGetSeverity(d)) {
    case MlirDiagnosticWarning: sev = "warning"; break;
    case MlirDiagnosticNote: sev = "note"; break;
    case MlirDiagnosticRemark: sev = "remark"; break;
    default: cap->count++; break;
  }
  lb_strbuf_printf(&cap->text, "%s: %s: ", loc, sev);
  mlirDiagnosticPrint(d, lb_sb_callback, &cap->text);
  lb_strbuf_puts(&cap->text, "\n");
  return mlirLogicalResultSuccess();
}

lb_diag_capture_t *lb_diag_capture_attach(MlirContext ctx, const char *filename) {
  lb_diag_capture_t *cap = calloc(1, sizeof *cap);
  if (!cap) return NULL;
  cap->ctx = ctx;
  cap->filename = filename ? strdup(filename) : NULL;
  lb_strbuf_init(&cap->text);
  cap->id = mlirContextAttachDiagnosticHandler(ctx, lb_diag_handler, cap, NULL);
  return cap;
}

const char *lb_diag_text(const lb_diag_capture_t *cap) { return cap && cap->text.data ? cap->text.data : ""; }
int lb_diag_count(const lb_diag_capture_t *cap) { return cap ? cap->count : 0; }

void lb_diag_clear(lb_diag_capture_t *cap) {
  if (!cap) return;
  lb_strbuf_free(&cap->text);
  lb_strbuf_init(&cap->text);
  cap->count = 0;
}

lb_status_t lb_diag_status(const lb_diag_capture_t *cap, const char *dflt) {
  const char *d = lb_diag_text(cap);
  const char *nl = strchr(d, '\n');
  int n = lb_diag_count(cap);
  char more[48] = "";
  if (n > 1) snprintf(more, sizeof more, " (and %d more)", n - 1);
  if (!d[0]) d = dflt;
  return LB_ERROR(LB_STATUS_INVALID_ARGUMENT, "%.*s%s", (int)(nl ? nl - d : (long)strlen(d)), d, more);
}

void lb_diag_capture_detach(lb_diag_capture_t *cap) {
  if (!cap) return;
  mlirContextDetachDiagnosticHandler(cap->ctx, cap->id);
  lb_strbuf_free(&cap->text);
  free(cap->filename);
  free(cap);
}

/* ---- context -------------------------------------------------------- */

lb_status_t lb_context_create(MlirContext *out) {
  MlirContext ctx = mlirContextCreate();
  mlirDialectHandleLoadDialect(mlirGetDialectHandle__func__(), ctx);
  mlirDialectHandleLoadDialect(mlirGetDialectHandle__quant__(), ctx);
  mlirDialectHandleLoadDialect(mlirGetDialectHandle__irdl__(), ctx);
  lb_diag_capture_t *cap = lb_diag_capture_attach(ctx, "lb.irdl.mlir");
  MlirModule m = mlirModuleCreateParse(ctx, mlirStringRefCreateFromCString(lb_irdl_source));
  lb_status_t st = LB_OK;
  if (mlirModuleIsNull(m)) {
    st = LB_ERROR(LB_STATUS_INTERNAL, "cannot parse the embedded lb dialect definition:\n%s", lb_diag_text(cap));
  } else {
    if (mlirLogicalResultIsFailure(mlirLoadIRDLDialects(m)))
      st = LB_ERROR(LB_STATUS_INTERNAL, "cannot load the lb dialect from IRDL:\n%s", lb_diag_text(cap));
    mlirModuleDestroy(m);
  }
  lb_diag_capture_detach(cap);
  if (!st) st = lb_op_table_check(ctx);
  if (st) {
    mlirContextDestroy(ctx);
    return st;
  }
  *out = ctx;
  return LB_OK;
}

/* ---- print ---------------------------------------------------------- */

char *lb_module_print(MlirModule module, const lb_print_options_t *opts) {
  lb_strbuf_t sb;
  lb_strbuf_init(&sb);
  MlirOpPrintingFlags flags = mlirOpPrintingFlagsCreate();
  if (opts && opts->debug_locations) mlirOpPrintingFlagsEnableDebugInfo(flags, true, false);
  if (opts && opts->elide_resources) {
    /* weights print as dense_resource<__elided__>, and their blobs are dropped */
    mlirOpPrintingFlagsElideLargeElementsAttrs(flags, 16);
    mlirOpPrintingFlagsElideLargeResourceString(flags, 0);
  }
  mlirOperationPrintWithFlags(mlirModuleGetOperation(module), flags, lb_sb_callback, &sb);
  mlirOpPrintingFlagsDestroy(flags);
  lb_strbuf_puts(&sb, "\n");
  if (sb.failed) {
    lb_strbuf_free(&sb);
    return NULL;
  }
  if (opts && opts->elide_resources && sb.data) {
    /* MLIR 19 elides large dense attributes but prints resource handles
     * as is; with their blobs dropped, spell them as elided too */
    static const char key[] = "dense_resource<";
    lb_strbuf_t out;
    lb_strbuf_init(&out);
    for (const char *r = sb.data; *r;) {
      const char *k = strstr(r, key), *end = k ? strchr(k, '>') : NULL;
      if (!end) {
        lb_strbuf_puts(&out, r);
        break;
      }
      lb_strbuf_append(&out, r, (size_t)(k - r));
      lb_strbuf_puts(&out, "dense_resource<__elided__>");
      r = end + 1;
    }
    lb_strbuf_free(&sb);
    if (out.failed) {
      lb_strbuf_free(&out);
      return NULL;
    }
    return out.data;
  }
  return sb.data;
}

