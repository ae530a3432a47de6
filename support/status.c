#include "support/status.h"

#include <stdlib.h>
#include <string.h>

struct lb_status_s {
  lb_status_code_t code;
  const char *file;
  int line;
  int is_static;
  char *message;
};

static struct lb_status_s lb_oom_status = {LB_STATUS_RESOURCE_EXHAUSTED, __FILE__, __LINE__, 1,
                                           (char *)"out of memory"};

lb_status_t lb_status_makev(lb_status_code_t code, const char *file, int line,
                            const char *fmt, va_list ap) {
  lb_status_t st = calloc(1, sizeof(*st));
  if (!st) return &lb_oom_status;
  va_list ap2;
  va_copy(ap2, ap);
  int n = vsnprintf(NULL, 0, fmt, ap2);
  va_end(ap2);
  if (n < 0) n = 0;
  st->message = malloc((size_t)n + 1);
  if (!st->message) {
    free(st);
    return &lb_oom_status;
  }
  vsnprintf(st->message, (size_t)n + 1, fmt, ap);
  st->code = code;
  st->file = file;
  st->line = line;
  return st;
}

lb_status_t lb_status_make(lb_status_code_t code, const char *file, int line, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  lb_status_t st = lb_status_makev(code, file, line, fmt, ap);
  va_end(ap);
  return st;
}

lb_status_t lb_status_annotate(lb_status_t st, const char *fmt, ...) {
  if (!st) return LB_OK;
  va_list ap;
  va_start(ap, fmt);
  char prefix[512];
  vsnprintf(prefix, sizeof prefix, fmt, ap);
  va_end(ap);
  lb_status_t out = lb_status_make(st->code, st->file, st->line, "%s: %s", prefix, st->message);
  lb_status_free(st);
  return out;
}

lb_status_code_t lb_status_code(lb_status_t st) { return st ? st->code : LB_STATUS_OK; }
const char *lb_status_message(lb_status_t st) { return st ? st->message : ""; }

void lb_status_fprint(FILE *f, lb_status_t st) {
  if (!st) return;
  fprintf(f, "error: %s\n", st->message);
  if (getenv("LOWBIT_DEBUG_STATUS")) fprintf(f, "  (raised at %s:%d)\n", st->file, st->line);
}

void lb_status_free(lb_status_t st) {
  if (!st || st->is_static) return;
  free(st->message);
  free(st);
}
