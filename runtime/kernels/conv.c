/* 2-D convolution reference kernels (see conv.h). */
#ifndef LB_KERNELS_EMBEDDED
#include "runtime/kernels/conv.h"

#include "runtime/kernels/common.h"
#include "runtime/kernels/registry.h"
#endif

#if defined(LB_USE_ALL_KERNELS) || defined(LB_USE_lb_k_conv2d_f32)
LB_KAPI void lb_k_conv2d_f32(const lb_conv2d_params_t *p, const float *x, const float *w, const float *b, float *y) {
  int64_t cpg = p->C / p->group, opg = p->OC / p->group;
  int64_t n, oc, oh, ow, ic, kh, kw;
  for (n = 0; n < p->N; ++n)
    for (oc = 0; oc < p->OC; ++oc) {
      int64_t g = oc / opg;
      for (oh = 0; oh < p->OH; ++oh)
        for (ow = 0; ow < p->OW; ++ow) {
          float acc = p->has_bias ? b[oc] : 0.0f;
          for (ic = 0; ic < cpg; ++ic)
            for (kh = 0; kh < p->KH; ++kh) {
              int64_t ih = oh * p->stride_h - p->pad_t + kh * p->dil_h;
              if (ih < 0 || ih >= p->H) continue;
              for (kw = 0; kw < p->KW; ++kw) {
                int64_t iw = ow * p->stride_w - p->pad_l + kw * p->dil_w;
                if (iw < 0 || iw >= p->W) continue;
                acc += x[((n * p->C + g * cpg + ic) * p->H + ih) * p->W + iw] *
                       w[((oc * cpg + ic) * p->KH + kh) * p->KW + kw];
              }
            }
          y[((n * p->OC + oc) * p->OH + oh) * p->OW + ow] = acc;
        }
    }
}
#endif

#if defined(LB_USE_ALL_KERNELS) || defined(LB_USE_lb_k_qconv2d_i8i8) || defined(LB_USE_lb_k_qconv2d_i8i8_i64) || defined(LB_USE_lb_k_qconv2d_i8u8) || defined(LB_USE_lb_k_qconv2d_i8u8_i64) || defined(LB_USE_lb_k_qconv2d_u8i8) || defined(LB_USE_lb_k_qconv2d_u8i8_i64) || defined(LB_USE_lb_k_qconv2d_u8u8) || defined(LB_USE_lb_k_qconv2d_u8u8_i64)
/* The integer convolution with accumulator type ACC (chosen by the
 * compiler so that no partial sum overflows: ir/ops/conv.c, acc_bound). */
#define LB__QCONV_BODY(ACC)                                                                  \
  int64_t cpg = p->C / p->group, opg = p->OC / p->group;                                     \
  int64_t n, oc, oh, ow, ic, kh, kw;                                                         \
  int32_t xz = x_zp[0];                                                                      \
  for (n = 0; n < p->N; ++n)                                                                 \
    for (oc = 0; oc < p->OC; ++oc) {                                                         \
      int64_t g = oc / opg;                                                                  \
      int32_t wz = w_zp[p->w_zp_per_channel ? oc : 0];                                       \
      for (oh = 0; oh < p->OH; ++oh)                                                         \
        for (ow = 0; ow < p->OW; ++ow) {                                                     \
          ACC acc = p->has_bias ? b[oc] : 0;                                                 \
          for (ic = 0; ic < cpg; ++ic)                                                       \
            for (kh = 0; kh < p->KH; ++kh) {                                                 \
              int64_t ih = oh * p->stride_h - p->pad_t + kh * p->dil_h;                      \
              if (ih < 0 || ih >= p->H) continue;                                            \
              for (kw = 0; kw < p->KW; ++kw) {                                               \
                int64_t iw = ow * p->stride_w - p->pad_l + kw * p->dil_w;                    \
                if (iw < 0 || iw >= p->W) continue;                                          \
                acc += (ACC)((int32_t)x[((n * p->C + g * cpg + ic) * p->H + ih) * p->W + iw] - xz) * \
                       (ACC)((int32_t)w[((oc * cpg + ic) * p->KH + kh) * p->KW + kw] - wz);           \
              }                                                                              \
            }                                                                                \
          y[((n * p->OC + oc) * p->OH + oh) * p->OW + ow] = acc;                             \
        }                                                                                    \
    }
#endif

#if defined(LB_USE_ALL_KERNELS) || defined(LB_USE_lb_k_qconv2d_i8i8)
LB_KAPI void lb_k_qconv2d_i8i8(const lb_conv2d_params_t *p, const int8_t *x, const int8_t *w, const int32_t *x_zp,
                          const int32_t *w_zp, const int32_t *b, int32_t *y) {
  LB__QCONV_BODY(int32_t)
}
#endif

#if defined(LB_USE_ALL_KERNELS) || defined(LB_USE_lb_k_qconv2d_i8i8_i64)
LB_KAPI void lb_k_qconv2d_i8i8_i64(const lb_conv2d_params_t *p, const int8_t *x, const int8_t *w, const int32_t *x_zp,
                          const int32_t *w_zp, const int32_t *b, int64_t *y) {
  LB__QCONV_BODY(int64_t)
}
#endif

#if defined(LB_USE_ALL_KERNELS) || defined(LB_USE_lb_k_qconv2d_i8u8)
LB_KAPI void lb_k_qconv2d_i8u8(const lb_conv2d_params_t *p, const int8_t *x, const uint8_t *w, const int32_t *x_zp,
                          const int32_t *w_zp, const int32_t *b, int32_t *y) {
  LB__QCONV_BODY(int32_t)
}
#endif

#if defined(LB_USE_ALL_KERNELS) || defined(LB_USE_lb_k_qconv2d_i8u8_i64)
LB_KAPI void lb_k_qconv2d_i8u8_i64(const lb_conv2d_params_t *p, const int8_t *x, const uint8_t *w, const int32_t *x_zp,
                          const int32_t *w_zp, const int32_t *b, int64_t *y) {
  LB__QCONV_BODY(int64_t)
}
#endif

#if defined(LB_USE_ALL_KERNELS) || defined(LB_USE_lb_k_qconv2d_u8i8)
LB_KAPI void lb_k_qconv2d_u8i8(const lb_conv2d_params_t *p, const uint8_t *x, const int8_t *w, const int32_t *x_zp,
                          const int32_t *w_zp, const int32_t *b, int32_t *y) {
  LB__QCONV_BODY(int32_t)
}
#endif

#if defined(LB_USE_ALL_KERNELS) || defined(LB_USE_lb_k_qconv2d_u8i8_i64)
LB_KAPI void lb_k_qconv2d_u8i8_i64(const lb_conv2d_params_t *p, const uint8_t *x, const int8_t *w, const int32_t *x_zp,
                          const int32_t *w_zp, const int32_t *b, int64_t *y) {
  LB__QCONV_BODY(int64_t)
}
#endif

#if defined(LB_USE_ALL_KERNELS) || defined(LB_USE_lb_k_qconv2d_u8u8)
LB_KAPI void lb_k_qconv2d_u8u8(const lb_conv2d_params_t *p, const uint8_t *x, const uint8_t *w, const int32_t *x_zp,
                          const int32_t *w_zp, const int32_t *b, int32_t *y) {
  LB__QCONV_BODY(int32_t)
}
#endif

#if defined(LB_USE_ALL_KERNELS) || defined(LB_USE_lb_k_qconv2d_u8u8_i64)
LB_KAPI void lb_k_qconv2d_u8u8_i64(const lb_conv2d_params_t *p, const uint8_t *x, const uint8_t *w, const int32_t *x_zp,
                          const int32_t *w_zp, const int32_t *b, int64_t *y) {
  LB__QCONV_BODY(int64_t)
}
#endif

#if defined(LB_USE_ALL_KERNELS) || defined(LB_USE_lb_k_conv_transpose_f32)
LB_KAPI void lb_k_conv_transpose_f32(const lb_conv2d_params_t *p, const float *x, const float *w, const float *b,
                                     float *y) {
  int64_t n, c, h, wi, m, kh, kw, i;
  int64_t cg = p->C / p->group, mg = p->OC / p->group, ohw = p->OH * p->OW;
  for (n = 0; n < p->N; ++n)
    for (m = 0; m < p->OC; ++m)
      for (i = 0; i < ohw; ++i) y[(n * p->OC + m) * ohw + i] = p->has_bias ? b[m] : 0.0f;
  for (n = 0; n < p->N; ++n)
    for (c = 0; c < p->C; ++c) {
      int64_t g = c / cg;
      for (h = 0; h < p->H; ++h)
        for (wi = 0; wi < p->W; ++wi) {
          float v = x[((n * p->C + c) * p->H + h) * p->W + wi];
          for (m = 0; m < mg; ++m) {
            int64_t oc = g * mg + m;
            const float *wk = w + ((c * mg + m) * p->KH) * p->KW;
            float *yo = y + (n * p->OC + oc) * ohw;
            for (kh = 0; kh < p->KH; ++kh) {
              int64_t oh = h * p->stride_h - p->pad_t + kh * p->dil_h;
              if (oh < 0 || oh >= p->OH) continue;
              for (kw = 0; kw < p->KW; ++kw) {
                int64_t ow = wi * p->stride_w - p->pad_l + kw * p->dil_w;
                if (ow < 0 || ow >= p->OW) continue;
                yo[oh * p->OW + ow] += v * wk[kh * p->KW + kw];
              }
            }
          }
        }
    }
}
#endif

#ifndef LB_KERNELS_EMBEDDED
LB_DESCRIBE_PARAMS(lb_conv2d_params, LB_CONV2D_PARAMS)
LB_REGISTER_KERNEL(conv, conv2d_f32, lb_conv2d_params, 3)
LB_REGISTER_KERNEL(conv, conv_transpose_f32, lb_conv2d_params, 3)
LB_REGISTER_KERNEL(conv, qconv2d_i8i8, lb_conv2d_params, 5)
LB_REGISTER_KERNEL(conv, qconv2d_i8i8_i64, lb_conv2d_params, 5)
LB_REGISTER_KERNEL(conv, qconv2d_i8u8, lb_conv2d_params, 5)
LB_REGISTER_KERNEL(conv, qconv2d_i8u8_i64, lb_conv2d_params, 5)
LB_REGISTER_KERNEL(conv, qconv2d_u8i8, lb_conv2d_params, 5)
LB_REGISTER_KERNEL(conv, qconv2d_u8i8_i64, lb_conv2d_params, 5)
LB_REGISTER_KERNEL(conv, qconv2d_u8u8, lb_conv2d_params, 5)
LB_REGISTER_KERNEL(conv, qconv2d_u8u8_i64, lb_conv2d_params, 5)
#endif
