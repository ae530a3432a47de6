/* Layer sensitivities without quantizing the model: a Hessian proxy for
 * mixed-precision bit allocation (lowbit --bits-budget --sensitivity-proxy
 * hessian).
 *
 * For a linear layer y = x W (conv: per input channel and kernel tap), the
 * Hessian of its output's squared error with respect to W is E[x x^T]; with
 * its diagonal m_k = E[x_k^2] over the calibration data (the trace
 * approximation of HAWQ-V2, Dong et al. 2020, applied to the layer's own
 * reconstruction loss as GPTQ and OBQ do), quantizing W to W_q costs about
 *
 *   sum_k m_k sum_n (W_q - W)_kn^2   relative to   sum_k m_k sum_n W_kn^2,
 *
 * a squared relative error of the layer's output. One calibration run gives
 * every m; each width then costs one pass over the weights, instead of a
 * quantization and a run of the model per layer and width.
 */
#ifndef LOWBIT_PASSES_SENSITIVITY_H
#define LOWBIT_PASSES_SENSITIVITY_H

#include "ir/lb_ir.h"
#include "support/tensor.h"

/* For each of the nl layers (QUANTIZABLE ops of `module` named by their
 * location) and widths[i]: sens[l * nw + i], the proxy above with symmetric
 * min/max codes per output channel (group > 0: per group of that many
 * weights along the reduction axis; per_tensor: one scale). `module` is the
 * float model after the structural passes; data as lb_calibrate. */
lb_status_t lb_hessian_sensitivity(MlirModule module, const char *const *names, const lb_tensor_t *data, int32_t ndata,
                                   const char *const *layers, int32_t nl, const int32_t *widths, int32_t nw,
                                   bool per_tensor, int64_t group, double *sens);

#endif
