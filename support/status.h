/* lowbit status: the one error type used across the compiler.
 *
 * A status is either LB_OK (a NULL pointer) or a heap-allocated error that
 * carries a code, a message and the file:line that created it. Whoever
 * receives a non-OK status owns it and must either return it further up or
 * release it with lb_status_free().
 *
 *   lb_status_t st = lb_onnx_load(path, &model);
 *   if (st) { lb_status_fprint(stderr, st); lb_status_free(st); return 1; }
 *
 * Inside lowbit, propagate with LB_RETURN_IF_ERROR(expr).
 */
#ifndef LOWBIT_SUPPORT_STATUS_H
#define LOWBIT_SUPPORT_STATUS_H

#include <stdarg.h>
#include <stdio.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef enum lb_status_code_e {
  LB_STATUS_OK = 0,
  LB_STATUS_INVALID_ARGUMENT = 1, /* bad input: malformed file, bad option */
  LB_STATUS_UNIMPLEMENTED = 2,    /* valid input that lowbit does not support */
  LB_STATUS_NOT_FOUND = 3,        /* missing file, tensor or name */
  LB_STATUS_OUT_OF_RANGE = 4,     /* sizes or values beyond what fits */
  LB_STATUS_IO = 5,               /* read/write failure */
  LB_STATUS_INTERNAL = 6,         /* a lowbit bug */
  LB_STATUS_RESOURCE_EXHAUSTED = 7 /* allocation failure */
} lb_status_code_t;

typedef struct lb_status_s *lb_status_t;
#define LB_OK ((lb_status_t)0)

/* Creates an error status; the message is printf-formatted. Never returns
 * NULL (falls back to a static out-of-memory status). */
lb_status_t lb_status_make(lb_status_code_t code, const char *file, int line,
                           const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 4, 5)))
#endif
    ;
lb_status_t lb_status_makev(lb_status_code_t code, const char *file, int line,
                            const char *fmt, va_list ap);

/* Returns a new status whose message is "<prefix>: <old message>"; consumes
 * `st`. Passing LB_OK returns LB_OK. */
lb_status_t lb_status_annotate(lb_status_t st, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;

lb_status_code_t lb_status_code(lb_status_t st);
/* Borrowed message; valid until lb_status_free. "" for LB_OK. */
const char *lb_status_message(lb_status_t st);
/* Prints "error: <message>\n" to `f`. */
void lb_status_fprint(FILE *f, lb_status_t st);
void lb_status_free(lb_status_t st);

#define LB_ERROR(code, ...) lb_status_make((code), __FILE__, __LINE__, __VA_ARGS__)
#define LB_RETURN_IF_ERROR(expr)          \
  do {                                    \
    lb_status_t lb_status_tmp_ = (expr);  \
    if (lb_status_tmp_) return lb_status_tmp_; \
  } while (0)

#ifdef __cplusplus
}
#endif
#endif
