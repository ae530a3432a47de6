#include "support/strbuf.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void lb_strbuf_init(lb_strbuf_t *sb) { memset(sb, 0, sizeof *sb); }

void lb_strbuf_free(lb_strbuf_t *sb) {
  free(sb->data);
  memset(sb, 0, sizeof *sb);
}

static int lb_strbuf_reserve(lb_strbuf_t *sb, size_t extra) {
  if (sb->failed) return 0;
  if (sb->len + extra + 1 <= sb->cap) return 1;
  size_t cap = sb->cap ? sb->cap : 256;
  while (cap < sb->len + extra + 1) cap *= 2;
  char *d = realloc(sb->data, cap);
  if (!d) {
    sb->failed = 1;
    return 0;
  }
  sb->data = d;
  sb->cap = cap;
  return 1;
}

void lb_strbuf_append(lb_strbuf_t *sb, const char *s, size_t n) {
  if (!lb_strbuf_reserve(sb, n)) return;
  memcpy(sb->data + sb->len, s, n);
  sb->len += n;
  sb->data[sb->len] = 0;
}

void lb_strbuf_puts(lb_strbuf_t *sb, const char *s) { lb_strbuf_append(sb, s, strlen(s)); }

static void lb_strbuf_vprintf(lb_strbuf_t *sb, const char *fmt, va_list ap) {
  va_list ap2;
  va_copy(ap2, ap);
  int n = vsnprintf(NULL, 0, fmt, ap2);
  va_end(ap2);
  if (n < 0 || !lb_strbuf_reserve(sb, (size_t)n)) return;
  vsnprintf(sb->data + sb->len, (size_t)n + 1, fmt, ap);
  sb->len += (size_t)n;
}

void lb_strbuf_printf(lb_strbuf_t *sb, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  lb_strbuf_vprintf(sb, fmt, ap);
  va_end(ap);
}

void lb_strbuf_line(lb_strbuf_t *sb, const char *fmt, ...) {
  for (int i = 0; i < sb->indent; ++i) lb_strbuf_puts(sb, "  ");
  va_list ap;
  va_start(ap, fmt);
  lb_strbuf_vprintf(sb, fmt, ap);
  va_end(ap);
  lb_strbuf_puts(sb, "\n");
}

lb_status_t lb_strbuf_status(const lb_strbuf_t *sb) {
  return sb->failed ? LB_ERROR(LB_STATUS_RESOURCE_EXHAUSTED, "out of memory while emitting text") : LB_OK;
}

lb_status_t lb_strbuf_write_file(const lb_strbuf_t *sb, const char *path) {
  LB_RETURN_IF_ERROR(lb_strbuf_status(sb));
  FILE *f = fopen(path, "wb");
  if (!f) return LB_ERROR(LB_STATUS_IO, "%s: cannot open for writing: %s", path, strerror(errno));
  size_t n = sb->len ? fwrite(sb->data, 1, sb->len, f) : 0;
  int close_failed = fclose(f) != 0;
  if (n != sb->len || close_failed) return LB_ERROR(LB_STATUS_IO, "%s: write failed", path);
  return LB_OK;
}
