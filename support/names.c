#include "support/names.h"

#include <stdio.h>
#include <string.h>

void lb_name_to_identifier(const char *name, char *buf, size_t n) {
  if (n == 0) return;
  size_t o = 0;
  if (name[0] >= '0' && name[0] <= '9' && o + 1 < n) buf[o++] = '_';
  for (const char *p = name; *p && o + 1 < n; ++p) {
    char c = *p;
    bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
    buf[o++] = ok ? c : '_';
  }
  if (o == 0 && n > 1) buf[o++] = '_';
  buf[o] = 0;
}

bool lb_is_identifier(const char *s) {
  if (!s[0] || (s[0] >= '0' && s[0] <= '9')) return false;
  for (const char *p = s; *p; ++p) {
    char c = *p;
    if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_')) return false;
  }
  return true;
}

void lb_name_append_comment(lb_strbuf_t *sb, const char *name, size_t max) {
  size_t i = 0;
  for (const unsigned char *p = (const unsigned char *)name; *p; ++p, ++i) {
    if (i == max) {
      lb_strbuf_puts(sb, "...");
      return;
    }
    unsigned char c = *p;
    if (c == '*' && p[1] == '/') lb_strbuf_puts(sb, "* ");
    else if (c == '/' && p[1] == '*') lb_strbuf_puts(sb, "/ "); /* no nested-comment warnings */
    else if (c == '?' && p[1] == '?') lb_strbuf_puts(sb, "\\x3F"); /* no trigraphs */
    else if (c >= 0x20 && c < 0x7f && c != '\\') lb_strbuf_append(sb, (const char *)p, 1);
    else lb_strbuf_printf(sb, "\\x%02X", c);
  }
}

bool lb_name_is_safe_filename(const char *name) {
  if (!name[0] || !strcmp(name, ".") || !strcmp(name, "..")) return false;
  for (const unsigned char *p = (const unsigned char *)name; *p; ++p)
    if (*p == '/' || *p < 0x20 || *p == 0x7f) return false;
  return true;
}

void lb_name_printable(const char *name, char *buf, size_t n) {
  size_t o = 0;
  if (!n) return;
  for (const unsigned char *p = (const unsigned char *)name; *p; ++p) {
    if (o + 8 >= n || o > 160) {
      if (o + 4 <= n) memcpy(buf + o, "...", 3), o += 3;
      break;
    }
    if (*p >= 0x20 && *p < 0x7f) buf[o++] = (char)*p;
    else o += (size_t)snprintf(buf + o, n - o, "\\x%02X", *p);
  }
  buf[o] = 0;
}

lb_status_t lb_name_check_model(const char *name) {
  if (!lb_is_identifier(name) || strlen(name) > 64)
    return LB_ERROR(LB_STATUS_INVALID_ARGUMENT, "--name '%s' is not a C identifier of at most 64 characters", name);
  static const char *const reserved[] = {"lb",   "main", "int",    "float",  "void",  "static", "const", "return",
                                         "size", "s",    "struct", "signed", "unsigned", "NAN", NULL};
  for (const char *const *r = reserved; *r; ++r)
    if (!strcmp(name, *r)) return LB_ERROR(LB_STATUS_INVALID_ARGUMENT, "--name '%s' is reserved", name);
  if (!strncmp(name, "lb_", 3) || !strncmp(name, "LB_", 3) || name[0] == '_')
    return LB_ERROR(LB_STATUS_INVALID_ARGUMENT,
                    "--name '%s' collides with lowbit's or the C library's identifiers (lb_*, LB_*, _*)", name);
  return LB_OK;
}
