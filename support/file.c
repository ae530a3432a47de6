#include "support/file.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

lb_status_t lb_file_read(const char *path, char **data, size_t *len) {
  struct stat sb;
  if (stat(path, &sb) != 0)
    return LB_ERROR(errno == ENOENT ? LB_STATUS_NOT_FOUND : LB_STATUS_IO, "%s: %s", path, strerror(errno));
  if (S_ISDIR(sb.st_mode)) return LB_ERROR(LB_STATUS_IO, "%s: is a directory", path);
  FILE *f = fopen(path, "rb");
  if (!f) return LB_ERROR(LB_STATUS_IO, "%s: %s", path, strerror(errno));
  size_t cap = sb.st_size > 0 ? (size_t)sb.st_size + 1 : 4096, n = 0;
  char *buf = malloc(cap);
  if (!buf) {
    fclose(f);
    return LB_ERROR(LB_STATUS_RESOURCE_EXHAUSTED, "%s: out of memory", path);
  }
  for (;;) {
    if (n + 1 >= cap) {
      char *g = realloc(buf, cap * 2);
      if (!g) {
        free(buf);
        fclose(f);
        return LB_ERROR(LB_STATUS_RESOURCE_EXHAUSTED, "%s: out of memory", path);
      }
      buf = g;
      cap *= 2;
    }
    size_t got = fread(buf + n, 1, cap - n - 1, f);
    n += got;
    if (got == 0) break;
  }
  int err = ferror(f);
  fclose(f);
  if (err) {
    free(buf);
    return LB_ERROR(LB_STATUS_IO, "%s: read error", path);
  }
  buf[n] = 0;
  *data = buf;
  *len = n;
  return LB_OK;
}
