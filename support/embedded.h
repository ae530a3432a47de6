/* Files embedded into liblowbit at build time (cmake/embed.cmake): the
 * kernel family sources the C emitter copies from, and the built-in target
 * descriptions. */
#ifndef LOWBIT_SUPPORT_EMBEDDED_H
#define LOWBIT_SUPPORT_EMBEDDED_H

typedef struct lb_embedded_file_s {
  const char *name; /* file stem: "matmul", "generic-c" */
  const char *data; /* NUL-terminated contents */
} lb_embedded_file_t;

/* Entry `name` of a {0, 0}-terminated table; NULL if absent. */
const char *lb_embedded_find(const lb_embedded_file_t *table, const char *name);

#endif
