/* A growable string used by every text emitter (C source, headers, reports).
 *
 * Emitters never splice strings into templates: they append structured
 * output here, then write the buffer once. Allocation failure is sticky: the
 * buffer remembers it and lb_strbuf_status() reports it at the end, so
 * emitters do not check every append. */
#ifndef LOWBIT_SUPPORT_STRBUF_H
#define LOWBIT_SUPPORT_STRBUF_H

#include <stddef.h>

#include "support/status.h"

typedef struct lb_strbuf_s {
  char *data;   /* NUL-terminated, owned */
  size_t len;
  size_t cap;
  int failed;   /* set when an allocation failed */
  int indent;   /* current indent level for lb_strbuf_line */
} lb_strbuf_t;

void lb_strbuf_init(lb_strbuf_t *sb);
void lb_strbuf_free(lb_strbuf_t *sb);
void lb_strbuf_append(lb_strbuf_t *sb, const char *s, size_t n);
void lb_strbuf_puts(lb_strbuf_t *sb, const char *s);
void lb_strbuf_printf(lb_strbuf_t *sb, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;
/* Appends the current indentation, the formatted text and a newline. */
void lb_strbuf_line(lb_strbuf_t *sb, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;
/* LB_OK, or RESOURCE_EXHAUSTED when any append failed. */
lb_status_t lb_strbuf_status(const lb_strbuf_t *sb);
/* Writes the buffer to `path`; IO status naming the path on failure. */
lb_status_t lb_strbuf_write_file(const lb_strbuf_t *sb, const char *path);

#endif
