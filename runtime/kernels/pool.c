/* Pooling reference kernels (see pool.h). */
#ifndef LB_KERNELS_EMBEDDED
#include "runtime/kernels/pool.h"

#include "runtime/kernels/common.h"
#include "runtime/kernels/registry.h"
#endif

#if defined(LB_USE_ALL_KERNELS) || defined(LB_USE_lb_k_maxpool_f32) || defined(LB_USE_lb_k_maxpool_i8) || defined(LB_USE_lb_k_maxpool_u8)
#define LB__MAXPOOL_BODY(T)                                                              \
  int64_t nc, oh, ow, kh, kw;                                                            \
  for (nc = 0; nc < p->N * p->C; ++nc)                                                   \
    for (oh = 0; oh < p->OH; ++oh)                                                       \
      for (ow = 0; ow < p->OW; ++ow) {                                                   \
        int found = 0;                                                                   \
        T best = 0;                                                                      \
        for (kh = 0; kh < p->KH; ++kh) {                                                 \
          int64_t ih = oh * p->stride_h - p->pad_t + kh * p->dil_h;                      \
          if (ih < 0 || ih >= p->H) continue;                                            \
          for (kw = 0; kw < p->KW; ++kw) {                                               \
            int64_t iw = ow * p->stride_w - p->pad_l + kw * p->dil_w;                    \
            T v;                                                                         \
            if (iw < 0 || iw >= p->W) continue;                                          \
            v = x[(nc * p->H + ih) * p->W + iw];                                         \
            if (!found || v > best) best = v;                                            \
            found = 1;                                                                   \
          }                                                                              \
        }                                                                                \
        y[(nc * p->OH + oh) * p->OW + ow] = best;                                        \
      }
#endif

#if defined(LB_USE_ALL_KERNELS) || defined(LB_USE_lb_k_maxpool_f32)
LB_KAPI void lb_k_maxpool_f32(const lb_pool2d_params_t *p, const float *x, float *y) { LB__MAXPOOL_BODY(float) }
#endif

#if defined(LB_USE_ALL_KERNELS) || defined(LB_USE_lb_k_maxpool_i8)
LB_KAPI void lb_k_maxpool_i8(const lb_pool2d_params_t *p, const int8_t *x, int8_t *y) { LB__MAXPOOL_BODY(int8_t) }
#endif

#if defined(LB_USE_ALL_KERNELS) || defined(LB_USE_lb_k_maxpool_u8)
LB_KAPI void lb_k_maxpool_u8(const lb_pool2d_params_t *p, const uint8_t *x, uint8_t *y) { LB__MAXPOOL_BODY(uint8_t) }
#endif

#if defined(LB_USE_ALL_KERNELS) || defined(LB_USE_lb_k_avgpool_f32)
LB_KAPI void lb_k_avgpool_f32(const lb_pool2d_params_t *p, const float *x, float *y) {
  int64_t nc, oh, ow, kh, kw;
  for (nc = 0; nc < p->N * p->C; ++nc)
    for (oh = 0; oh < p->OH; ++oh)
      for (ow = 0; ow < p->OW; ++ow) {
        float acc = 0.0f;
        int64_t cnt = 0;
        for (kh = 0; kh < p->KH; ++kh) {
          int64_t ih = oh * p->stride_h - p->pad_t + kh * p->dil_h;
          int in_h = ih >= 0 && ih < p->H;
          int in_ph = ih >= -p->pad_t && ih < p->H + p->pad_b;
          for (kw = 0; kw < p->KW; ++kw) {
            int64_t iw = ow * p->stride_w - p->pad_l + kw * p->dil_w;
            int in_w = iw >= 0 && iw < p->W;
            int in_pw = iw >= -p->pad_l && iw < p->W + p->pad_r;
            if (in_h && in_w) acc += x[(nc * p->H + ih) * p->W + iw];
            if (p->count_include_pad ? (in_ph && in_pw) : (in_h && in_w)) ++cnt;
          }
        }
        y[(nc * p->OH + oh) * p->OW + ow] = cnt ? acc / (float)cnt : 0.0f;
      }
}
#endif

#if defined(LB_USE_ALL_KERNELS) || defined(LB_USE_lb_k_gap_f32)
LB_KAPI void lb_k_gap_f32(const lb_gap_params_t *p, const float *x, float *y) {
  int64_t i, j;
  for (i = 0; i < p->NC; ++i) {
    float acc = 0.0f;
    for (j = 0; j < p->HW; ++j) acc += x[i * p->HW + j];
    y[i] = acc / (float)p->HW;
  }
}
#endif

#if defined(LB_USE_ALL_KERNELS) || defined(LB_USE_lb_k_qavgpool_i8) || defined(LB_USE_lb_k_qavgpool_u8)
/* The float path fused: each tap dequantized as the dequantize kernel does
 * ((x - x_zp) * x_scale in float32), summed in window order and divided
 * by the count as avgpool_f32 does, then quantized as the quantize kernel
 * does (rne(v / y_scale) + y_zp, saturated). Bit for bit the result of
 * dequantize -> avg_pool -> quantize, which is what the ONNX spec defines
 * for QDQ pooling and what onnxruntime's QLinearAveragePool computes. */
#define LB__QAVGPOOL_BODY(T, LO, HI)                                                     \
  int64_t nc, oh, ow, kh, kw;                                                            \
  for (nc = 0; nc < p->N * p->C; ++nc)                                                   \
    for (oh = 0; oh < p->OH; ++oh)                                                       \
      for (ow = 0; ow < p->OW; ++ow) {                                                   \
        float acc = 0.0f, v;                                                             \
        int64_t cnt = 0;                                                                 \
        for (kh = 0; kh < p->KH; ++kh) {                                                 \
          int64_t ih = oh * p->stride_h - p->pad_t + kh * p->dil_h;                      \
          int in_h = ih >= 0 && ih < p->H;                                               \
          int in_ph = ih >= -p->pad_t && ih < p->H + p->pad_b;                           \
          for (kw = 0; kw < p->KW; ++kw) {                                               \
            int64_t iw = ow * p->stride_w - p->pad_l + kw * p->dil_w;                    \
            int in_w = iw >= 0 && iw < p->W;                                             \
            int in_pw = iw >= -p->pad_l && iw < p->W + p->pad_r;                         \
            if (in_h && in_w)                                                            \
              acc += (float)((int64_t)x[(nc * p->H + ih) * p->W + iw] - p->x_zero_point) * p->x_scale; \
            if (p->count_include_pad ? (in_ph && in_pw) : (in_h && in_w)) ++cnt;         \
          }                                                                              \
        }                                                                                \
        v = cnt ? acc / (float)cnt : 0.0f;                                               \
        y[(nc * p->OH + oh) * p->OW + ow] = (T)lb__quant_rne(v / p->y_scale, p->y_zero_point, LO, HI); \
      }
#endif

#if defined(LB_USE_ALL_KERNELS) || defined(LB_USE_lb_k_qavgpool_i8)
LB_KAPI void lb_k_qavgpool_i8(const lb_qpool2d_params_t *p, const int8_t *x, int8_t *y) {
  LB__QAVGPOOL_BODY(int8_t, -128, 127)
}
#endif

#if defined(LB_USE_ALL_KERNELS) || defined(LB_USE_lb_k_qavgpool_u8)
LB_KAPI void lb_k_qavgpool_u8(const lb_qpool2d_params_t *p, const uint8_t *x, uint8_t *y) {
  LB__QAVGPOOL_BODY(uint8_t, 0, 255)
}
#endif

#ifndef LB_KERNELS_EMBEDDED
LB_DESCRIBE_PARAMS(lb_qpool2d_params, LB_QPOOL2D_PARAMS)
LB_DESCRIBE_PARAMS(lb_pool2d_params, LB_POOL2D_PARAMS)
LB_DESCRIBE_PARAMS(lb_gap_params, LB_GAP_PARAMS)
LB_REGISTER_KERNEL(pool, maxpool_f32, lb_pool2d_params, 1)
LB_REGISTER_KERNEL(pool, maxpool_i8, lb_pool2d_params, 1)
LB_REGISTER_KERNEL(pool, maxpool_u8, lb_pool2d_params, 1)
LB_REGISTER_KERNEL(pool, avgpool_f32, lb_pool2d_params, 1)
LB_REGISTER_KERNEL(pool, gap_f32, lb_gap_params, 1)
LB_REGISTER_KERNEL(pool, qavgpool_i8, lb_qpool2d_params, 1)
LB_REGISTER_KERNEL(pool, qavgpool_u8, lb_qpool2d_params, 1)
#endif
