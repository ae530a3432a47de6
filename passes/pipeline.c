/* Pass registry, pipeline parsing and running. */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "passes/passes.h"

static const lb_pass_info_t lb_passes[] = {
    {"lb-fold-batchnorm", "Fold batchnorm into the preceding conv2d", "", lb_pass_fold_batchnorm},
    {"lb-calibrate", "Record activation ranges by running calibration inputs", "data=NAME:FILE.npy[,NAME:FILE.npy...]",
     lb_pass_calibrate},
    {"lb-quantize", "Insert quantize/dequantize for weights and activations", "mode=w8a8", lb_pass_quantize},
    {"lb-lower-quantized", "Fold dequantize-op-quantize chains into integer kernels", "", lb_pass_lower_quantized},
    {"lb-specialize", "Give dynamic dims a static size and re-infer types", "batch=N", lb_pass_specialize},
    {NULL, NULL, NULL, NULL},
};

const lb_pass_info_t *lb_pass_registry(void) { return lb_passes; }

const lb_pass_info_t *lb_pass_lookup(const char *flag) {
  for (const lb_pass_info_t *p = lb_passes; p->flag; ++p)
    if (!strcmp(p->flag, flag)) return p;
  return NULL;
}

const char *lb_pass_option(const lb_pass_options_t *o, const char *key) {
  for (int i = 0; i < o->n; ++i)
    if (!strcmp(o->key[i], key)) return o->value[i];
  return NULL;
}

lb_status_t lb_module_verify(MlirModule module) {
  MlirContext ctx = mlirModuleGetContext(module);
  lb_diag_capture_t *cap = lb_diag_capture_attach(ctx, NULL);
  MlirOperation root = mlirModuleGetOperation(module);
  bool ok = mlirOperationVerify(root) && lb_verify(root) == 0;
  lb_status_t st = ok ? LB_OK : LB_ERROR(LB_STATUS_INVALID_ARGUMENT, "verification failed:\n%s", lb_diag_text(cap));
  lb_diag_capture_detach(cap);
  return st;
}

lb_status_t lb_pass_specialize(MlirModule module, const lb_pass_options_t *options) {
  const char *b = lb_pass_option(options, "batch");
  char *end;
  long long n = b ? strtoll(b, &end, 10) : 0;
  if (!b || *end || n <= 0) return LB_ERROR(LB_STATUS_INVALID_ARGUMENT, "needs batch=N with N > 0");
  return lb_module_specialize(module, n);
}

/* Parses "k=v k2=v2" (between braces) into o. */
static lb_status_t lb_parse_options(const char *s, size_t n, lb_pass_options_t *o, const char *flag) {
  size_t i = 0;
  memset(o, 0, sizeof *o);
  while (i < n) {
    while (i < n && isspace((unsigned char)s[i])) i++;
    if (i >= n) break;
    size_t ks = i;
    while (i < n && s[i] != '=' && !isspace((unsigned char)s[i])) i++;
    if (i >= n || s[i] != '=')
      return LB_ERROR(LB_STATUS_INVALID_ARGUMENT, "%s: option '%.*s' needs a value (key=value)", flag, (int)(i - ks),
                      s + ks);
    size_t kl = i - ks;
    i++;
    size_t vs = i;
    while (i < n && !isspace((unsigned char)s[i])) i++;
    size_t vl = i - vs;
    if (o->n == LB_PASS_MAX_OPTIONS || kl >= sizeof o->key[0] || vl >= sizeof o->value[0])
      return LB_ERROR(LB_STATUS_INVALID_ARGUMENT, "%s: too many or too long options", flag);
    memcpy(o->key[o->n], s + ks, kl);
    memcpy(o->value[o->n], s + vs, vl);
    o->n++;
  }
  return LB_OK;
}

lb_status_t lb_pipeline_run(MlirModule module, const char *pipeline) {
  const char *p = pipeline;
  size_t len = strlen(p);
  /* strip builtin.module( ... ) */
  while (len && isspace((unsigned char)*p)) p++, len--;
  while (len && isspace((unsigned char)p[len - 1])) len--;
  const char *wrap = "builtin.module(";
  if (len >= strlen(wrap) && !strncmp(p, wrap, strlen(wrap))) {
    if (p[len - 1] != ')') return LB_ERROR(LB_STATUS_INVALID_ARGUMENT, "unbalanced parentheses in pass pipeline");
    p += strlen(wrap);
    len -= strlen(wrap) + 1;
  }
  size_t i = 0;
  while (i < len) {
    while (i < len && (isspace((unsigned char)p[i]) || p[i] == ',')) i++;
    if (i >= len) break;
    size_t ns = i;
    while (i < len && p[i] != ',' && p[i] != '{' && !isspace((unsigned char)p[i])) i++;
    char flag[64];
    if (i - ns >= sizeof flag) return LB_ERROR(LB_STATUS_INVALID_ARGUMENT, "pass name too long");
    memcpy(flag, p + ns, i - ns);
    flag[i - ns] = 0;
    lb_pass_options_t opts;
    memset(&opts, 0, sizeof opts);
    while (i < len && isspace((unsigned char)p[i])) i++;
    if (i < len && p[i] == '{') {
      size_t os = ++i;
      while (i < len && p[i] != '}') i++;
      if (i >= len) return LB_ERROR(LB_STATUS_INVALID_ARGUMENT, "%s: missing '}' in options", flag);
      LB_RETURN_IF_ERROR(lb_parse_options(p + os, i - os, &opts, flag));
      i++;
    }
    const lb_pass_info_t *info = lb_pass_lookup(flag);
    if (!info) return LB_ERROR(LB_STATUS_INVALID_ARGUMENT, "unknown pass '%s'", flag);
    LB_RETURN_IF_ERROR(lb_status_annotate(info->run(module, &opts), "%s", flag));
    LB_RETURN_IF_ERROR(lb_status_annotate(lb_module_verify(module), "after %s", flag));
  }
  return LB_OK;
}
