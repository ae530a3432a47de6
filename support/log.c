#include "support/log.h"

#include <stdarg.h>
#include <stdio.h>

static void lb_default_warning(void *user, const char *message) {
  (void)user;
  fprintf(stderr, "warning: %s\n", message);
}

static lb_warning_handler_t lb_handler = lb_default_warning;
static void *lb_handler_user;

void lb_set_warning_handler(lb_warning_handler_t handler, void *user) {
  lb_handler = handler ? handler : lb_default_warning;
  lb_handler_user = user;
}

void lb_warn(const char *fmt, ...) {
  char msg[1024];
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(msg, sizeof msg, fmt, ap);
  va_end(ap);
  lb_handler(lb_handler_user, msg);
}
