/* Mixed-precision bit allocation (see bit_alloc.h). */
#include "passes/bit_alloc.h"

#include <math.h>
#include <stdint.h>
#include <stdlib.h>

static int64_t lb_gcd(int64_t a, int64_t b) {
  while (b) {
    int64_t t = a % b;
    a = b;
    b = t;
  }
  return a;
}

lb_status_t lb_bit_allocate(int32_t nl, const int64_t *count, int32_t nw, const int32_t *widths, const int32_t *costw,
                            const double *sens, double budget_bits, int32_t *choice) {
  if (nl <= 0 || nw <= 0) return LB_OK;
  int64_t g = 0, total = 0;
  int32_t wmin = widths[0], wmax = widths[0];
  for (int32_t l = 0; l < nl; ++l) {
    if (count[l] <= 0) return LB_ERROR(LB_STATUS_INVALID_ARGUMENT, "layer %d has no weights", (int)l);
    g = lb_gcd(g, count[l]);
    total += count[l];
  }
  /* the narrowest and widest cost any layer can pay */
  wmin = costw ? costw[0] : widths[0];
  wmax = wmin;
  for (int32_t l = 0; l < (costw ? nl : 1); ++l) {
    int32_t lmin = INT32_MAX;
    for (int32_t i = 0; i < nw; ++i) {
      int32_t c = costw ? costw[l * nw + i] : widths[i];
      if (c < lmin) lmin = c;
      if (c > wmax) wmax = c;
    }
    if (l == 0 || lmin > wmin) wmin = lmin;
  }
  if (!(budget_bits >= wmin))
    return LB_ERROR(LB_STATUS_INVALID_ARGUMENT, "a budget of %g bits is below the narrowest width, %d bits", budget_bits,
                    (int)wmin);
  if (budget_bits > wmax) budget_bits = wmax;
  int64_t cap = (int64_t)floor(budget_bits * (double)(total / g) + 1e-9);
  if (cap > ((int64_t)1 << 26) / nl)
    return LB_ERROR(LB_STATUS_RESOURCE_EXHAUSTED,
                    "the exact bit allocation would need %lld x %d states; too many for this model's layer sizes",
                    (long long)cap, (int)nl);
  /* best[l][c]: least sum of sensitivities of layers 0..l at cost exactly c (units of g bits) */
  size_t states = (size_t)(cap + 1);
  double *best = malloc(sizeof(double) * states * (size_t)nl);
  int32_t *pick = malloc(sizeof(int32_t) * states * (size_t)nl);
  if (!best || !pick) {
    free(best);
    free(pick);
    return LB_ERROR(LB_STATUS_RESOURCE_EXHAUSTED, "out of memory");
  }
  for (size_t k = 0; k < states * (size_t)nl; ++k) best[k] = INFINITY, pick[k] = -1;
  for (int32_t l = 0; l < nl; ++l)
    for (int64_t c = 0; c <= cap; ++c)
      for (int32_t i = 0; i < nw; ++i) {
        int64_t w = count[l] / g * (costw ? costw[l * nw + i] : widths[i]);
        if (w > c) continue;
        double prev = l ? best[(size_t)(l - 1) * states + (size_t)(c - w)] : (c == w ? 0 : INFINITY);
        double sv = sens[l * nw + i];
        double v = prev + (sv == sv ? sv : 1e300); /* a NaN sensitivity (a broken run) is the worst choice */
        if (v < best[(size_t)l * states + (size_t)c]) {
          best[(size_t)l * states + (size_t)c] = v;
          pick[(size_t)l * states + (size_t)c] = i;
        }
      }
  int64_t at = -1;
  for (int64_t c = 0; c <= cap; ++c)
    if (pick[(size_t)(nl - 1) * states + (size_t)c] >= 0 &&
        (at < 0 || best[(size_t)(nl - 1) * states + (size_t)c] < best[(size_t)(nl - 1) * states + (size_t)at]))
      at = c;
  lb_status_t st = LB_OK;
  if (at < 0) st = LB_ERROR(LB_STATUS_INVALID_ARGUMENT, "no width assignment fits a budget of %g bits", budget_bits);
  for (int32_t l = nl - 1; l >= 0 && !st; --l) {
    int32_t i = pick[(size_t)l * states + (size_t)at];
    choice[l] = i;
    at -= count[l] / g * (costw ? costw[l * nw + i] : widths[i]);
  }
  free(best);
  free(pick);
  return st;
}
