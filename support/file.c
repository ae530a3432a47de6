#include "support/file.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

lb_status_t lb_file_open_regular(const char *path, int flags, int *fd_out, uint64_t *size) {
  /* O_NONBLOCK: opening a FIFO must not wait for a writer */
  int fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC | flags);
  if (fd < 0) {
    int e = errno;
    if (e == ELOOP) return LB_ERROR(LB_STATUS_INVALID_ARGUMENT, "%s: is a symbolic link", path);
    return LB_ERROR(e == ENOENT ? LB_STATUS_NOT_FOUND : LB_STATUS_IO, "%s: %s", path, strerror(e));
  }
  struct stat sb;
  if (fstat(fd, &sb) != 0) {
    int e = errno;
    close(fd);
    return LB_ERROR(LB_STATUS_IO, "%s: %s", path, strerror(e));
  }
  if (!S_ISREG(sb.st_mode)) {
    close(fd);
    return LB_ERROR(LB_STATUS_INVALID_ARGUMENT, "%s: not a regular file (%s)", path,
                    S_ISDIR(sb.st_mode) ? "a directory" : S_ISFIFO(sb.st_mode) ? "a FIFO"
                    : S_ISCHR(sb.st_mode) || S_ISBLK(sb.st_mode) ? "a device" : "a special file");
  }
  /* back to blocking reads: a regular file never blocks indefinitely */
  int fl = fcntl(fd, F_GETFL);
  if (fl >= 0) fcntl(fd, F_SETFL, fl & ~O_NONBLOCK);
  *fd_out = fd;
  *size = (uint64_t)sb.st_size;
  return LB_OK;
}

lb_status_t lb_file_read(const char *path, char **data, size_t *len) {
  int fd;
  uint64_t size;
  LB_RETURN_IF_ERROR(lb_file_open_regular(path, 0, &fd, &size));
  if (size > LB_FILE_MAX_BYTES) {
    close(fd);
    return LB_ERROR(LB_STATUS_OUT_OF_RANGE, "%s: file of %llu bytes is above the %llu-byte limit", path,
                    (unsigned long long)size, (unsigned long long)LB_FILE_MAX_BYTES);
  }
  char *buf = malloc((size_t)size + 1);
  if (!buf) {
    close(fd);
    return LB_ERROR(LB_STATUS_RESOURCE_EXHAUSTED, "%s: out of memory", path);
  }
  size_t n = 0;
  while (n < size) {
    ssize_t got = read(fd, buf + n, (size_t)(size - n));
    if (got < 0 && errno == EINTR) continue;
    if (got <= 0) break; /* the file shrank while being read */
    n += (size_t)got;
  }
  int err = n != size;
  close(fd);
  if (err) {
    free(buf);
    return LB_ERROR(LB_STATUS_IO, "%s: read error (the file changed while being read?)", path);
  }
  buf[n] = 0;
  *data = buf;
  *len = n;
  return LB_OK;
}

lb_status_t lb_file_create(const char *path, bool nofollow, FILE **out) {
  int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC | (nofollow ? O_NOFOLLOW : 0), 0666);
  if (fd < 0) {
    int e = errno;
    if (e == ELOOP) return LB_ERROR(LB_STATUS_INVALID_ARGUMENT, "%s: refusing to write through a symbolic link", path);
    return LB_ERROR(LB_STATUS_IO, "%s: cannot open for writing: %s", path, strerror(e));
  }
  FILE *f = fdopen(fd, "wb");
  if (!f) {
    close(fd);
    return LB_ERROR(LB_STATUS_IO, "%s: cannot open for writing", path);
  }
  *out = f;
  return LB_OK;
}

lb_status_t lb_file_mkdirs(const char *path) {
  size_t n = strlen(path);
  if (n == 0) return LB_ERROR(LB_STATUS_INVALID_ARGUMENT, "empty directory name");
  char *p = malloc(n + 1);
  if (!p) return LB_ERROR(LB_STATUS_RESOURCE_EXHAUSTED, "out of memory");
  memcpy(p, path, n + 1);
  lb_status_t st = LB_OK;
  for (size_t i = 1; i <= n && !st; ++i) {
    if (p[i] != '/' && p[i] != 0) continue;
    char c = p[i];
    p[i] = 0;
    struct stat sb;
    if (mkdir(p, 0777) != 0 && errno != EEXIST)
      st = LB_ERROR(LB_STATUS_IO, "%s: cannot create directory %s: %s", path, p, strerror(errno));
    else if (stat(p, &sb) != 0 || !S_ISDIR(sb.st_mode))
      st = LB_ERROR(LB_STATUS_IO, "%s: %s is not a directory", path, p);
    p[i] = c;
  }
  free(p);
  return st;
}
