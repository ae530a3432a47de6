/* Files: reading untrusted inputs and creating outputs, with errors that
 * name the file. */
#ifndef LOWBIT_SUPPORT_FILE_H
#define LOWBIT_SUPPORT_FILE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "support/status.h"

/* Largest file lowbit reads whole (models with weights beyond this use
 * ONNX external data). */
#define LB_FILE_MAX_BYTES ((uint64_t)16 << 30)

/* Opens a regular file for reading: FIFOs, devices and directories are
 * INVALID_ARGUMENT (opening never blocks); `flags` may add O_NOFOLLOW.
 * *size gets the file size. The caller closes *fd. */
lb_status_t lb_file_open_regular(const char *path, int flags, int *fd, uint64_t *size);

/* Reads a regular file of at most LB_FILE_MAX_BYTES into a malloc'd buffer
 * (NUL-terminated; *len excludes the NUL). Caller frees *data. IO /
 * NOT_FOUND / INVALID_ARGUMENT statuses name the path. */
lb_status_t lb_file_read(const char *path, char **data, size_t *len);

/* Creates (or truncates) `path` for writing. With `nofollow`, a symbolic
 * link at `path` is an error instead of being written through (for file
 * names derived from model data). */
lb_status_t lb_file_create(const char *path, bool nofollow, FILE **out);

/* Creates directory `path` and any missing parents (as mkdir -p); an
 * existing directory is fine. IO naming the path otherwise (a component
 * that is a file, no permission). */
lb_status_t lb_file_mkdirs(const char *path);

#endif
