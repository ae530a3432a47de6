/* Names are data: the one sanitizer for identifiers and the one escaper for
 * comments and string literals. Every name a model controls (graph input
 * and output names, initializer names, node names) goes through one of
 * these before it reaches generated code (C, headers, and later LLVM, HLS,
 * Tcl) or a file name.
 */
#ifndef LOWBIT_SUPPORT_NAMES_H
#define LOWBIT_SUPPORT_NAMES_H

#include <stdbool.h>
#include <stddef.h>

#include "support/status.h"
#include "support/strbuf.h"

/* Writes a C identifier derived from `name` into buf (NUL-terminated,
 * at most n - 1 bytes): every byte outside [A-Za-z0-9_] becomes '_', a
 * leading digit gets a '_' prefix, an empty name becomes "_". */
void lb_name_to_identifier(const char *name, char *buf, size_t n);

/* True if `s` is a C identifier (non-empty, [A-Za-z_][A-Za-z0-9_]*). */
bool lb_is_identifier(const char *s);

/* Appends `name` to sb so that it is inert inside a C comment: printable
 * ASCII except '*' followed by '/' is copied; "*" "/" becomes "* /",
 * everything else (newlines, control bytes, non-ASCII) becomes \xNN.
 * At most `max` input bytes are written, then "...". */
void lb_name_append_comment(lb_strbuf_t *sb, const char *name, size_t max);


/* True if `name` is safe as a single file name component: non-empty, not
 * "." or "..", no '/', no NUL and no control bytes. */
bool lb_name_is_safe_filename(const char *name);

/* Copies `name` into buf for an error message: control bytes and non-ASCII
 * become \xNN, and long names are cut with "..." (one-line errors). */
void lb_name_printable(const char *name, char *buf, size_t n);

/* Checks a --name for generated code (the C and HLS backends' symbol
 * prefix and file stem): a C identifier of at most 64 characters, not a
 * keyword or a name of lowbit's (lb_*, LB_*) or the C library's (_*).
 * INVALID_ARGUMENT naming the problem. */
lb_status_t lb_name_check_model(const char *name);

#endif

