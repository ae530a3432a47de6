/* Pipeline parsing and running: pass and option lookup, named pipeline
 * expansion, verification and IR printing after passes. */
#include <ctype.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "passes/passes.h"
#include "support/usage.h"

const char *lb_pass_option(const lb_pass_options_t *o, const char *key) {
  for (int i = 0; i < o->n; ++i)
    if (!strcmp(o->key[i], key)) return o->value[i];
  for (const lb_option_decl_t *d = o->decls; d && d->name; ++d)
    if (!strcmp(d->name, key)) return d->dflt;
  return NULL;
}

int64_t lb_pass_option_int(const lb_pass_options_t *o, const char *key, int64_t dflt) {
  const char *v = lb_pass_option(o, key);
  return v ? strtoll(v, NULL, 10) : dflt;
}

static void lb_options_list(const lb_option_decl_t *decls, char *buf, size_t n) {
  buf[0] = 0;
  for (const lb_option_decl_t *d = decls; d && d->name; ++d)
    snprintf(buf + strlen(buf), n - strlen(buf), "%s%s", buf[0] ? ", " : "", d->name);
  if (!buf[0]) snprintf(buf, n, "none");
}

static lb_status_t lb_option_check(const char *flag, const lb_option_decl_t *d, const char *v) {
  if (d->kind == LB_OPTION_INT) {
    char *end;
    errno = 0;
    long long x = strtoll(v, &end, 10);
    (void)x;
    if (!*v || *end || errno)
      return LB_ERROR(LB_STATUS_INVALID_ARGUMENT, "%s: option '%s' must be an integer, got '%s'", flag, d->name, v);
  } else if (d->kind == LB_OPTION_FLOAT) {
    char *end;
    errno = 0;
    double x = strtod(v, &end);
    (void)x;
    if (!*v || *end || errno)
      return LB_ERROR(LB_STATUS_INVALID_ARGUMENT, "%s: option '%s' must be a number, got '%s'", flag, d->name, v);
  }
  return LB_OK;
}

/* Parses "k=v k2='v 2'" (between braces) into o, checking declarations. */
static lb_status_t lb_parse_options(const char *s, size_t n, const lb_option_decl_t *decls, const char *flag,
                                    lb_pass_options_t *o) {
  size_t i = 0;
  memset(o, 0, sizeof *o);
  o->decls = decls;
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
    size_t vs = i, vl;
    if (i < n && (s[i] == '\'' || s[i] == '"')) {
      char q = s[i++];
      vs = i;
      while (i < n && s[i] != q) i++;
      if (i >= n) return LB_ERROR(LB_STATUS_INVALID_ARGUMENT, "%s: unterminated quote in option '%.*s'", flag, (int)kl, s + ks);
      vl = i - vs;
      i++;
    } else {
      while (i < n && !isspace((unsigned char)s[i])) i++;
      vl = i - vs;
    }
    if (o->n == LB_PASS_MAX_OPTIONS)
      return LB_ERROR(LB_STATUS_INVALID_ARGUMENT, "%s: more than %d options", flag, LB_PASS_MAX_OPTIONS);
    if (kl >= sizeof o->key[0] || vl >= sizeof o->value[0])
      return LB_ERROR(LB_STATUS_INVALID_ARGUMENT, "%s: option '%.*s' is too long (keys up to %zu, values up to %zu bytes)",
                      flag, (int)(kl < 32 ? kl : 32), s + ks, sizeof o->key[0] - 1, sizeof o->value[0] - 1);
    memcpy(o->key[o->n], s + ks, kl);
    memcpy(o->value[o->n], s + vs, vl);
    const lb_option_decl_t *d = decls;
    while (d && d->name && strcmp(d->name, o->key[o->n])) ++d;
    if (!d || !d->name) {
      char list[256];
      lb_options_list(decls, list, sizeof list);
      return LB_ERROR(LB_STATUS_INVALID_ARGUMENT, "%s: unknown option '%s' (options: %s)", flag, o->key[o->n], list);
    }
    for (int k = 0; k < o->n; ++k)
      if (!strcmp(o->key[k], o->key[o->n]))
        return LB_ERROR(LB_STATUS_INVALID_ARGUMENT, "%s: option '%s' is given twice", flag, o->key[k]);
    LB_RETURN_IF_ERROR(lb_option_check(flag, d, o->value[o->n]));
    o->n++;
  }
  return LB_OK;
}

typedef struct {
  const lb_pipeline_config_t *cfg;
  bool dry_run;
  int depth;
} lb_run_t;

static bool lb_flag_in_list(const char *list, const char *flag) {
  size_t fl = strlen(flag);
  for (const char *p = list; p && *p;) {
    const char *c = strchr(p, ',');
    size_t l = c ? (size_t)(c - p) : strlen(p);
    if (l == fl && !strncmp(p, flag, l)) return true;
    p = c ? c + 1 : NULL;
  }
  return false;
}

static void lb_print_after(MlirModule m, const char *flag, FILE *f, const lb_pipeline_config_t *cfg) {
  char *s = lb_module_print(m, &cfg->print);
  fprintf(f, "// -----// IR Dump After %s //----- //\n%s", flag, s ? s : "");
  free(s);
}

static lb_status_t lb_run_text(MlirModule module, const char *pipeline, size_t len, lb_run_t *r) {
  const char *p = pipeline;
  if (++r->depth > 8) return LB_ERROR(LB_STATUS_INVALID_ARGUMENT, "named pipelines nest too deeply");
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
  bool first = true;
  while (i < len) {
    while (i < len && isspace((unsigned char)p[i])) i++;
    if (i >= len) break;
    if (!first) { /* passes are separated by exactly one comma */
      if (p[i] != ',')
        return LB_ERROR(LB_STATUS_INVALID_ARGUMENT, "expected ',' between passes at '%.*s'",
                        (int)(len - i < 20 ? len - i : 20), p + i);
      i++;
      while (i < len && isspace((unsigned char)p[i])) i++;
    }
    first = false;
    size_t ns = i;
    while (i < len && p[i] != ',' && p[i] != '{' && !isspace((unsigned char)p[i])) i++;
    char flag[64];
    if (i == ns) return LB_ERROR(LB_STATUS_INVALID_ARGUMENT, "empty pass name in pipeline");
    if (i - ns >= sizeof flag) return LB_ERROR(LB_STATUS_INVALID_ARGUMENT, "pass name '%.20s...' too long", p + ns);
    memcpy(flag, p + ns, i - ns);
    flag[i - ns] = 0;
    while (i < len && isspace((unsigned char)p[i])) i++;
    size_t os = 0, ol = 0;
    if (i < len && p[i] == '{') {
      os = ++i;
      char q = 0;
      while (i < len && (q || p[i] != '}')) {
        if (!q && (p[i] == '\'' || p[i] == '"')) q = p[i];
        else if (q && p[i] == q) q = 0;
        i++;
      }
      if (i >= len) return LB_ERROR(LB_STATUS_INVALID_ARGUMENT, "%s: missing '}' in options", flag);
      ol = i - os;
      i++;
    }
    const lb_pass_info_t *info = lb_pass_lookup(flag);
    const lb_pipeline_info_t *named = info ? NULL : lb_pipeline_lookup(flag);
    if (!info && !named) return LB_ERROR(LB_STATUS_INVALID_ARGUMENT, "unknown pass or pipeline '%s'", flag);
    lb_pass_options_t opts;
    LB_RETURN_IF_ERROR(lb_parse_options(p + os, ol, info ? info->options : named->options, flag, &opts));
    if (named) {
      lb_strbuf_t sb;
      lb_strbuf_init(&sb);
      lb_status_t st = named->expand(&opts, &sb);
      if (!st) st = lb_strbuf_status(&sb);
      if (!st) st = lb_run_text(module, sb.data ? sb.data : "", sb.len, r);
      lb_strbuf_free(&sb);
      LB_RETURN_IF_ERROR(lb_status_annotate(st, "%s", flag));
      continue;
    }
    if (r->dry_run) continue;
    const lb_pipeline_config_t *cfg = r->cfg;
    double t0 = lb_usage_now();
    LB_RETURN_IF_ERROR(lb_status_annotate(info->run(module, &opts), "%s", flag));
    LB_RETURN_IF_ERROR(lb_status_annotate(lb_module_verify(module, NULL), "IR after %s is invalid", flag));
    if (cfg && cfg->time_passes) lb_usage_report(cfg->time_passes, flag, t0);
    if (cfg && cfg->print_after_all) lb_print_after(module, flag, cfg->print_after_all, cfg);
    else if (cfg && cfg->print_after && lb_flag_in_list(cfg->print_after, flag))
      lb_print_after(module, flag, cfg->print_to ? cfg->print_to : stderr, cfg);
  }
  r->depth--;
  return LB_OK;
}

lb_status_t lb_pipeline_check(const char *pipeline) {
  lb_run_t r = {NULL, true, 0};
  MlirModule none = {NULL};
  return lb_run_text(none, pipeline, strlen(pipeline), &r);
}

/* Every name in the comma-separated --print-ir-after list must be a pass. */
static lb_status_t lb_check_print_after(const char *list) {
  for (const char *q = list; q && *q;) {
    const char *c = strchr(q, ',');
    size_t l = c ? (size_t)(c - q) : strlen(q);
    char name[64];
    if (l >= sizeof name) l = sizeof name - 1;
    memcpy(name, q, l);
    name[l] = 0;
    if (!lb_pass_lookup(name))
      return LB_ERROR(LB_STATUS_INVALID_ARGUMENT, "--print-ir-after: unknown pass '%s'", name);
    q = c ? c + 1 : NULL;
  }
  return LB_OK;
}

lb_status_t lb_pipeline_run(MlirModule module, const char *pipeline, const lb_pipeline_config_t *cfg) {
  /* The whole pipeline is parsed before any pass runs: a typo in the last
   * pass must not leave the module half transformed. */
  LB_RETURN_IF_ERROR(lb_pipeline_check(pipeline));
  if (cfg) LB_RETURN_IF_ERROR(lb_check_print_after(cfg->print_after));
  lb_run_t r = {cfg, false, 0};
  return lb_run_text(module, pipeline, strlen(pipeline), &r);
}
