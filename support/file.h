/* Whole-file reading with errors that name the file. */
#ifndef LOWBIT_SUPPORT_FILE_H
#define LOWBIT_SUPPORT_FILE_H

#include <stddef.h>

#include "support/status.h"

/* Reads `path` into a malloc'd buffer (NUL-terminated; *len excludes the
 * NUL). Caller frees *data. IO / NOT_FOUND statuses name the path. */
lb_status_t lb_file_read(const char *path, char **data, size_t *len);

#endif
