/* Resource usage of the process, for `--time-passes` style reports: wall
 * clock, resident memory now and at its peak.
 *
 *   double t0 = lb_usage_now();
 *   ... work ...
 *   lb_usage_report(stderr, "lb-quantize", t0);
 *   // lowbit: lb-quantize            1.23 s   resident    812 MiB   peak   1020 MiB
 */
#ifndef LOWBIT_SUPPORT_USAGE_H
#define LOWBIT_SUPPORT_USAGE_H

#include <stdint.h>
#include <stdio.h>

/* Monotonic seconds. */
double lb_usage_now(void);
/* Resident set size now and the peak so far, in bytes (-1 if unknown). */
void lb_usage_memory(int64_t *resident, int64_t *peak);
/* One line: `what`, seconds since t0, resident and peak memory. */
void lb_usage_report(FILE *f, const char *what, double t0);

#endif
