/* Resource usage of the process (see usage.h). Memory comes from
 * /proc/self/status on Linux, getrusage elsewhere (peak only). */
#include "support/usage.h"

#include <string.h>
#include <sys/resource.h>
#include <time.h>

double lb_usage_now(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
}

void lb_usage_memory(int64_t *resident, int64_t *peak) {
  *resident = *peak = -1;
  FILE *f = fopen("/proc/self/status", "r");
  if (f) {
    char line[256];
    long long kb;
    while (fgets(line, sizeof line, f)) {
      if (sscanf(line, "VmRSS: %lld kB", &kb) == 1) *resident = (int64_t)kb * 1024;
      else if (sscanf(line, "VmHWM: %lld kB", &kb) == 1) *peak = (int64_t)kb * 1024;
    }
    fclose(f);
  }
  if (*peak < 0) {
    struct rusage ru;
    if (getrusage(RUSAGE_SELF, &ru) == 0) *peak = (int64_t)ru.ru_maxrss * 1024; /* kB on Linux */
  }
}

void lb_usage_report(FILE *f, const char *what, double t0) {
  int64_t rss, peak;
  lb_usage_memory(&rss, &peak);
  fprintf(f, "lowbit: %-28s %8.2f s   resident %7lld MiB   peak %7lld MiB\n", what, lb_usage_now() - t0,
          rss < 0 ? -1LL : (long long)(rss >> 20), peak < 0 ? -1LL : (long long)(peak >> 20));
}
