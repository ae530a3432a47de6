/* The bit allocator's plan equals brute force: random layer sizes and
 * sensitivities (decreasing in the width, as measured ones are, and
 * arbitrary ones), every budget from the narrowest to the widest width in
 * steps of 0.05 bits; the DP's sum of sensitivities must equal the best
 * feasible assignment found by enumerating all of them, and its plan must
 * fit the budget. Also: a budget below the narrowest width is an error. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "passes/bit_alloc.h"

static uint64_t state = 88172645463325252ull;
static double unit(void) { /* xorshift64 */
  state ^= state << 13;
  state ^= state >> 7;
  state ^= state << 17;
  return (double)(state >> 11) / 9007199254740992.0;
}

int main(void) {
  int cases = 0, failures = 0;
  const int32_t widths[] = {2, 3, 4, 6, 8};
  const int32_t nw = 5;
  for (int trial = 0; trial < 60; ++trial) {
    int32_t nl = 1 + trial % 5, choice[8], best_choice[8];
    int64_t count[8], total = 0;
    double sens[8 * 5];
    for (int32_t l = 0; l < nl; ++l) {
      count[l] = 64 * (1 + (int64_t)(unit() * 20));
      total += count[l];
      double s = unit();
      for (int32_t i = 0; i < nw; ++i)
        sens[l * nw + i] = trial % 2 ? unit() : (s *= 0.3 + 0.5 * unit()); /* arbitrary, or decreasing */
    }
    for (double budget = 2.0; budget <= 8.0 + 1e-9; budget += 0.05) {
      /* brute force */
      double best = INFINITY;
      int32_t n = 1;
      for (int32_t l = 0; l < nl; ++l) n *= nw;
      for (int32_t code = 0; code < n; ++code) {
        int32_t c = code;
        double bits = 0, s = 0;
        for (int32_t l = 0; l < nl; ++l, c /= nw) {
          choice[l] = c % nw;
          bits += (double)count[l] * widths[choice[l]];
          s += sens[l * nw + choice[l]];
        }
        if (bits <= floor(budget * (double)total + 1e-9) && s < best) {
          best = s;
          for (int32_t l = 0; l < nl; ++l) best_choice[l] = choice[l];
        }
      }
      lb_status_t st = lb_bit_allocate(nl, count, nw, widths, NULL, sens, budget, choice);
      double bits = 0, s = 0;
      for (int32_t l = 0; !st && l < nl; ++l) bits += (double)count[l] * widths[choice[l]], s += sens[l * nw + choice[l]];
      cases++;
      if (st || fabs(s - best) > 1e-12 || bits > floor(budget * (double)total + 1e-9)) {
        failures++;
        if (failures < 5)
          fprintf(stderr, "FAIL trial %d budget %.2f: dp %.6g (%s), brute force %.6g (first choice %d)\n", trial, budget,
                  s, st ? lb_status_message(st) : "ok", best, (int)best_choice[0]);
      }
      lb_status_free(st);
    }
  }
  int64_t one = 64;
  double s1[5] = {1, 0.5, 0.2, 0.1, 0};
  int32_t c1;
  lb_status_t st = lb_bit_allocate(1, &one, nw, widths, NULL, s1, 1.5, &c1);
  cases++;
  if (!st) {
    failures++;
    fprintf(stderr, "FAIL: a budget below 2 bits was accepted\n");
  }
  lb_status_free(st);
  printf("bit allocation: %d plans, %d differ from brute force\n", cases, failures);
  return failures != 0;
}
