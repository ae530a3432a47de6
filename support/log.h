/* Warnings: things a user should know that are not errors (a degenerate
 * calibration range, a fallback taken). Library code reports them through
 * lb_warn; the default handler prints "warning: <message>" to stderr, and a
 * tool or embedding application can install its own (or silence them). */
#ifndef LOWBIT_SUPPORT_LOG_H
#define LOWBIT_SUPPORT_LOG_H

typedef void (*lb_warning_handler_t)(void *user, const char *message);

/* Installs the handler (NULL restores the default). Not thread-safe. */
void lb_set_warning_handler(lb_warning_handler_t handler, void *user);

void lb_warn(const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 1, 2)))
#endif
    ;

#endif
