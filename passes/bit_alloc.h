/* Mixed-precision bit allocation: per layer a weight width under a budget
 * of average weight bits, minimizing the sum of the layers' sensitivities.
 *
 * An exact multiple-choice knapsack by dynamic programming: the cost of
 * giving layer l width w is count[l] * w bits, the budget is
 * floor(budget_bits * sum(count)) bits, counted in units of the greatest
 * common divisor of the counts (the DP has sum(count) / gcd * max(w)
 * states). The driver measures the sensitivities (lowbit --bits-budget:
 * the graph output's error with only that layer quantized at that width).
 */
#ifndef LOWBIT_PASSES_BIT_ALLOC_H
#define LOWBIT_PASSES_BIT_ALLOC_H

#include <stdint.h>

#include "support/status.h"

/* sens[l * nw + i] is layer l's sensitivity at widths[i]; choice[l] gets
 * the index into widths. costw (may be NULL: the widths themselves) gives
 * the bits layer l pays per weight at widths[i], costw[l * nw + i] (codes
 * stored in wider containers cost the container). INVALID_ARGUMENT when
 * even the narrowest widths exceed the budget, RESOURCE_EXHAUSTED when the
 * DP would need more than 2^26 states. */
lb_status_t lb_bit_allocate(int32_t nl, const int64_t *count, int32_t nw, const int32_t *widths, const int32_t *costw,
                            const double *sens, double budget_bits, int32_t *choice);

#endif
