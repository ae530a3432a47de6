/* lowbit reference kernels; see lb_kernels.h for the contract.
 * Readable loops first: these define the bits every backend must produce. */
#ifndef LB_KERNELS_EMBEDDED
#include "lb_kernels.h"
#endif

#include <math.h>
#include <string.h>


/* ---- exact scalar helpers (static inline: no code when unused) -------- */

static inline int32_t lb__rne(float v) {
  double d = (double)v;
  int64_t t;
  double frac;
  if (d != d) return 0;
  if (d > 1073741824.0) d = 1073741824.0;
  if (d < -1073741824.0) d = -1073741824.0;
  t = (int64_t)d; /* truncates toward zero */
  frac = d - (double)t;
  if (frac > 0.5 || (frac == 0.5 && (t & 1))) t += 1;
  else if (frac < -0.5 || (frac == -0.5 && (t & 1))) t -= 1;
  return (int32_t)t;
}

static inline int32_t lb__sat(int64_t v, int32_t lo, int32_t hi) {
  return v < lo ? lo : (v > hi ? hi : (int32_t)v);
}

/* Arithmetic right shift of a signed value without relying on
 * implementation-defined behaviour: floor(v / 2^s). */
static inline int64_t lb__sra64(int64_t v, int32_t s) {
  return v >= 0 ? (int64_t)((uint64_t)v >> s) : -(int64_t)(((uint64_t)(-(v + 1)) >> s)) - 1;
}

/* floor((acc * mult + 2^(shift-1)) / 2^shift); |acc*mult| < 2^62. */
static inline int64_t lb__requant(int32_t acc, int32_t mult, int32_t shift) {
  int64_t prod = (int64_t)acc * (int64_t)mult;
  return lb__sra64(prod + ((int64_t)1 << (shift - 1)), shift);
}

/* exp in double: x = k*ln2 + r, |r| <= ln2/2, Taylor to degree 13
 * (error < 1e-16), scaled by 2^k built from its bit pattern. */
static inline float lb__expf(float xf) {
  double x = (double)xf, r, p, scale;
  int64_t k;
  union { double d; uint64_t u; } two_k;
  int i;
  if (xf != xf) return xf;
  if (x > 88.8) return (float)(3.4028234663852886e38 * 2.0); /* +inf */
  if (x < -104.0) return 0.0f;
  k = (int64_t)(x * 1.4426950408889634 + (x >= 0 ? 0.5 : -0.5));
  r = x - (double)k * 0.6931471805599453;
  p = 1.0;
  for (i = 13; i >= 1; --i) p = 1.0 + p * r / (double)i;
  two_k.u = (uint64_t)(k + 1023) << 52;
  scale = two_k.d;
  return (float)(p * scale);
}

#if defined(LB_USE_ALL_KERNELS)
LB_KAPI int32_t lb_round_half_even(float v) { return lb__rne(v); }
LB_KAPI float lb_expf(float x) { return lb__expf(x); }
#endif

/* ---- matrix products --------------------------------------------------- */

#if defined(LB_USE_ALL_KERNELS) || defined(LB_USE_GEMM_F32)
LB_KAPI void lb_k_gemm_f32(const lb_gemm_params_t *p, const float *a, const float *b, const float *c, float *y) {
  int64_t m, n, k;
  for (m = 0; m < p->M; ++m) {
    for (n = 0; n < p->N; ++n) {
      float acc = 0.0f, cv = 0.0f;
      for (k = 0; k < p->K; ++k) {
        float av = p->trans_a ? a[k * p->M + m] : a[m * p->K + k];
        float bv = p->trans_b ? b[n * p->K + k] : b[k * p->N + n];
        acc += av * bv;
      }
      switch (p->c_mode) {
        case 1: cv = c[0]; break;
        case 2: cv = c[n]; break;
        case 3: cv = c[m]; break;
        case 4: cv = c[m * p->N + n]; break;
        default: break;
      }
      y[m * p->N + n] = p->c_mode ? p->alpha * acc + p->beta * cv : p->alpha * acc;
    }
  }
}
#endif

#if defined(LB_USE_ALL_KERNELS) || defined(LB_USE_MATMUL_F32) || defined(LB_USE_QMATMUL_I8)
/* Element offsets of batch `bi` in A and B. */
static inline void lb__batch_offsets(const lb_matmul_params_t *p, int64_t bi, int64_t *ao, int64_t *bo) {
  int32_t d;
  *ao = 0;
  *bo = 0;
  for (d = p->batch_rank - 1; d >= 0; --d) {
    int64_t idx = bi % p->batch_dims[d];
    bi /= p->batch_dims[d];
    *ao += idx * p->a_bstride[d];
    *bo += idx * p->b_bstride[d];
  }
}
static inline int64_t lb__batch_count(const lb_matmul_params_t *p) {
  int64_t n = 1;
  int32_t d;
  for (d = 0; d < p->batch_rank; ++d) n *= p->batch_dims[d];
  return n;
}
#endif

#if defined(LB_USE_ALL_KERNELS) || defined(LB_USE_MATMUL_F32)
LB_KAPI void lb_k_matmul_f32(const lb_matmul_params_t *p, const float *a, const float *b, float *y) {
  int64_t nb = lb__batch_count(p), bi, m, n, k;
  for (bi = 0; bi < nb; ++bi) {
    int64_t ao, bo;
    float *yb = y + bi * p->M * p->N;
    lb__batch_offsets(p, bi, &ao, &bo);
    for (m = 0; m < p->M; ++m)
      for (n = 0; n < p->N; ++n) {
        float acc = 0.0f;
        for (k = 0; k < p->K; ++k) acc += a[ao + m * p->K + k] * b[bo + k * p->N + n];
        yb[m * p->N + n] = acc;
      }
  }
}
#endif

#if defined(LB_USE_ALL_KERNELS) || defined(LB_USE_QMATMUL_I8)
LB_KAPI void lb_k_qmatmul_i8(const lb_matmul_params_t *p, const int8_t *a, const int8_t *b, const int32_t *bias,
                             int32_t *y) {
  int64_t nb = lb__batch_count(p), bi, m, n, k;
  for (bi = 0; bi < nb; ++bi) {
    int64_t ao, bo;
    int32_t *yb = y + bi * p->M * p->N;
    lb__batch_offsets(p, bi, &ao, &bo);
    for (m = 0; m < p->M; ++m)
      for (n = 0; n < p->N; ++n) {
        int32_t acc = p->has_bias ? bias[n] : 0;
        for (k = 0; k < p->K; ++k)
          acc += ((int32_t)a[ao + m * p->K + k] - p->a_zp) * ((int32_t)b[bo + k * p->N + n] - p->b_zp);
        yb[m * p->N + n] = acc;
      }
  }
}
#endif

/* ---- convolution ------------------------------------------------------- */

#if defined(LB_USE_ALL_KERNELS) || defined(LB_USE_CONV2D_F32)
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

#if defined(LB_USE_ALL_KERNELS) || defined(LB_USE_QCONV2D_I8)
LB_KAPI void lb_k_qconv2d_i8(const lb_conv2d_params_t *p, const int8_t *x, const int8_t *w, const int32_t *b,
                             int32_t *y) {
  int64_t cpg = p->C / p->group, opg = p->OC / p->group;
  int64_t n, oc, oh, ow, ic, kh, kw;
  for (n = 0; n < p->N; ++n)
    for (oc = 0; oc < p->OC; ++oc) {
      int64_t g = oc / opg;
      for (oh = 0; oh < p->OH; ++oh)
        for (ow = 0; ow < p->OW; ++ow) {
          int32_t acc = p->has_bias ? b[oc] : 0;
          for (ic = 0; ic < cpg; ++ic)
            for (kh = 0; kh < p->KH; ++kh) {
              int64_t ih = oh * p->stride_h - p->pad_t + kh * p->dil_h;
              if (ih < 0 || ih >= p->H) continue;
              for (kw = 0; kw < p->KW; ++kw) {
                int64_t iw = ow * p->stride_w - p->pad_l + kw * p->dil_w;
                if (iw < 0 || iw >= p->W) continue;
                acc += ((int32_t)x[((n * p->C + g * cpg + ic) * p->H + ih) * p->W + iw] - p->x_zp) *
                       ((int32_t)w[((oc * cpg + ic) * p->KH + kh) * p->KW + kw] - p->w_zp);
              }
            }
          y[((n * p->OC + oc) * p->OH + oh) * p->OW + ow] = acc;
        }
    }
}
#endif

/* ---- elementwise ------------------------------------------------------- */

#if defined(LB_USE_ALL_KERNELS) || defined(LB_USE_BINARY_F32)
LB_KAPI void lb_k_binary_f32(const lb_binary_params_t *p, const float *a, const float *b, float *y) {
  int64_t idx[LB_MAX_RANK] = {0, 0, 0, 0, 0, 0};
  int64_t total = 1, i, ao = 0, bo = 0;
  int32_t d;
  for (d = 0; d < p->rank; ++d) total *= p->dims[d];
  for (i = 0; i < total; ++i) {
    float av = a[ao], bv = b[bo], r;
    switch (p->op) {
      case LB_BIN_ADD: r = av + bv; break;
      case LB_BIN_SUB: r = av - bv; break;
      case LB_BIN_MUL: r = av * bv; break;
      default: r = av / bv; break;
    }
    y[i] = r;
    /* odometer increment of the output index, updating operand offsets */
    for (d = p->rank - 1; d >= 0; --d) {
      if (++idx[d] < p->dims[d]) {
        ao += p->a_strides[d];
        bo += p->b_strides[d];
        break;
      }
      ao -= p->a_strides[d] * (p->dims[d] - 1);
      bo -= p->b_strides[d] * (p->dims[d] - 1);
      idx[d] = 0;
    }
  }
}
#endif

#if defined(LB_USE_ALL_KERNELS) || defined(LB_USE_RELU_F32)
LB_KAPI void lb_k_relu_f32(const lb_unary_params_t *p, const float *x, float *y) {
  int64_t i;
  for (i = 0; i < p->count; ++i) y[i] = x[i] > 0.0f ? x[i] : 0.0f;
}
#endif

#if defined(LB_USE_ALL_KERNELS) || defined(LB_USE_CLIP_F32)
LB_KAPI void lb_k_clip_f32(const lb_unary_params_t *p, const float *x, float *y) {
  int64_t i;
  for (i = 0; i < p->count; ++i) {
    float v = x[i];
    y[i] = v < p->fmin ? p->fmin : (v > p->fmax ? p->fmax : v);
  }
}
#endif

#if defined(LB_USE_ALL_KERNELS) || defined(LB_USE_CLAMP_I8)
LB_KAPI void lb_k_clamp_i8(const lb_unary_params_t *p, const int8_t *x, int8_t *y) {
  int64_t i;
  for (i = 0; i < p->count; ++i) y[i] = (int8_t)lb__sat(x[i], p->imin, p->imax);
}
#endif

#if defined(LB_USE_ALL_KERNELS) || defined(LB_USE_CLAMP_U8)
LB_KAPI void lb_k_clamp_u8(const lb_unary_params_t *p, const uint8_t *x, uint8_t *y) {
  int64_t i;
  for (i = 0; i < p->count; ++i) y[i] = (uint8_t)lb__sat(x[i], p->imin, p->imax);
}
#endif

/* ---- pooling ----------------------------------------------------------- */

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

#if defined(LB_USE_ALL_KERNELS) || defined(LB_USE_MAXPOOL_F32)
LB_KAPI void lb_k_maxpool_f32(const lb_pool2d_params_t *p, const float *x, float *y) { LB__MAXPOOL_BODY(float) }
#endif
#if defined(LB_USE_ALL_KERNELS) || defined(LB_USE_MAXPOOL_I8)
LB_KAPI void lb_k_maxpool_i8(const lb_pool2d_params_t *p, const int8_t *x, int8_t *y) { LB__MAXPOOL_BODY(int8_t) }
#endif
#if defined(LB_USE_ALL_KERNELS) || defined(LB_USE_MAXPOOL_U8)
LB_KAPI void lb_k_maxpool_u8(const lb_pool2d_params_t *p, const uint8_t *x, uint8_t *y) {
  LB__MAXPOOL_BODY(uint8_t)
}
#endif

#if defined(LB_USE_ALL_KERNELS) || defined(LB_USE_AVGPOOL_F32)
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

#if defined(LB_USE_ALL_KERNELS) || defined(LB_USE_GAP_F32)
LB_KAPI void lb_k_gap_f32(const lb_gap_params_t *p, const float *x, float *y) {
  int64_t i, j;
  for (i = 0; i < p->NC; ++i) {
    float acc = 0.0f;
    for (j = 0; j < p->HW; ++j) acc += x[i * p->HW + j];
    y[i] = acc / (float)p->HW;
  }
}
#endif

/* ---- data movement ----------------------------------------------------- */

#if defined(LB_USE_ALL_KERNELS) || defined(LB_USE_TRANSPOSE)
LB_KAPI void lb_k_transpose(const lb_transpose_params_t *p, const void *x, void *y) {
  int64_t in_strides[LB_MAX_RANK], out_dims[LB_MAX_RANK], idx[LB_MAX_RANK];
  int64_t total = 1, i, src;
  int32_t d;
  const unsigned char *xs = (const unsigned char *)x;
  unsigned char *ys = (unsigned char *)y;
  for (d = p->rank - 1, src = 1; d >= 0; --d) {
    in_strides[d] = src;
    src *= p->in_dims[d];
  }
  for (d = 0; d < p->rank; ++d) {
    out_dims[d] = p->in_dims[p->perm[d]];
    idx[d] = 0;
    total *= out_dims[d];
  }
  for (i = 0; i < total; ++i) {
    src = 0;
    for (d = 0; d < p->rank; ++d) src += idx[d] * in_strides[p->perm[d]];
    memcpy(ys + i * p->elem_size, xs + src * p->elem_size, (size_t)p->elem_size);
    for (d = p->rank - 1; d >= 0; --d) {
      if (++idx[d] < out_dims[d]) break;
      idx[d] = 0;
    }
  }
}
#endif

#if defined(LB_USE_ALL_KERNELS) || defined(LB_USE_COPY)
LB_KAPI void lb_k_copy(int64_t nbytes, const void *x, void *y) {
  if (x != y) memmove(y, x, (size_t)nbytes);
}
#endif

/* ---- normalisation ----------------------------------------------------- */

#if defined(LB_USE_ALL_KERNELS) || defined(LB_USE_SOFTMAX_F32)
LB_KAPI void lb_k_softmax_f32(const lb_softmax_params_t *p, const float *x, float *y) {
  int64_t o, i, j;
  for (o = 0; o < p->outer; ++o)
    for (i = 0; i < p->inner; ++i) {
      const float *xs = x + o * p->n * p->inner + i;
      float *ys = y + o * p->n * p->inner + i;
      float mx = xs[0], sum = 0.0f;
      for (j = 1; j < p->n; ++j)
        if (xs[j * p->inner] > mx) mx = xs[j * p->inner];
      for (j = 0; j < p->n; ++j) {
        float e = lb__expf(xs[j * p->inner] - mx);
        ys[j * p->inner] = e;
        sum += e;
      }
      for (j = 0; j < p->n; ++j) ys[j * p->inner] = ys[j * p->inner] / sum;
    }
}
#endif

#if defined(LB_USE_ALL_KERNELS) || defined(LB_USE_BATCHNORM_F32)
LB_KAPI void lb_k_batchnorm_f32(const lb_batchnorm_params_t *p, const float *x, const float *scale,
                                const float *bias, const float *mean, const float *var, float *y) {
  int64_t n, c, i;
  for (n = 0; n < p->N; ++n)
    for (c = 0; c < p->C; ++c) {
      float inv = scale[c] / sqrtf(var[c] + p->eps);
      int64_t base = (n * p->C + c) * p->HW;
      for (i = 0; i < p->HW; ++i) y[base + i] = (x[base + i] - mean[c]) * inv + bias[c];
    }
}
#endif

/* ---- quantization ------------------------------------------------------ */

#define LB__QUANT_LOOP(BODY)                             \
  int64_t o, c, i;                                       \
  for (o = 0; o < p->outer; ++o)                         \
    for (c = 0; c < p->n; ++c) {                         \
      int64_t base = (o * p->n + c) * p->inner;          \
      for (i = 0; i < p->inner; ++i) { BODY; }           \
    }

#if defined(LB_USE_ALL_KERNELS) || defined(LB_USE_QUANTIZE_F32_I8)
LB_KAPI void lb_k_quantize_f32_i8(const lb_quant_params_t *p, const float *x, const float *scale,
                                  const int32_t *zp, int8_t *y) {
  LB__QUANT_LOOP(y[base + i] = (int8_t)lb__sat((int64_t)lb__rne(x[base + i] / scale[c]) + zp[c], p->qmin, p->qmax))
}
#endif

#if defined(LB_USE_ALL_KERNELS) || defined(LB_USE_QUANTIZE_F32_U8)
LB_KAPI void lb_k_quantize_f32_u8(const lb_quant_params_t *p, const float *x, const float *scale,
                                  const int32_t *zp, uint8_t *y) {
  LB__QUANT_LOOP(y[base + i] = (uint8_t)lb__sat((int64_t)lb__rne(x[base + i] / scale[c]) + zp[c], p->qmin, p->qmax))
}
#endif

#if defined(LB_USE_ALL_KERNELS) || defined(LB_USE_DEQUANTIZE_I8_F32)
LB_KAPI void lb_k_dequantize_i8_f32(const lb_quant_params_t *p, const int8_t *x, const float *scale,
                                    const int32_t *zp, float *y) {
  LB__QUANT_LOOP(y[base + i] = (float)((int32_t)x[base + i] - zp[c]) * scale[c])
}
#endif

#if defined(LB_USE_ALL_KERNELS) || defined(LB_USE_DEQUANTIZE_U8_F32)
LB_KAPI void lb_k_dequantize_u8_f32(const lb_quant_params_t *p, const uint8_t *x, const float *scale,
                                    const int32_t *zp, float *y) {
  LB__QUANT_LOOP(y[base + i] = (float)((int32_t)x[base + i] - zp[c]) * scale[c])
}
#endif

#if defined(LB_USE_ALL_KERNELS) || defined(LB_USE_DEQUANTIZE_I32_F32)
LB_KAPI void lb_k_dequantize_i32_f32(const lb_quant_params_t *p, const int32_t *x, const float *scale,
                                     const int32_t *zp, float *y) {
  LB__QUANT_LOOP(y[base + i] = (float)((int64_t)x[base + i] - zp[c]) * scale[c])
}
#endif

#if defined(LB_USE_ALL_KERNELS) || defined(LB_USE_REQUANTIZE_I32_I8)
LB_KAPI void lb_k_requantize_i32_i8(const lb_quant_params_t *p, const int32_t *acc, const int32_t *mult,
                                    const int32_t *shift, int8_t *y) {
  LB__QUANT_LOOP(y[base + i] = (int8_t)lb__sat(lb__requant(acc[base + i], mult[c], shift[c]) + p->out_zp,
                                               p->qmin, p->qmax))
}
#endif

#if defined(LB_USE_ALL_KERNELS) || defined(LB_USE_REQUANTIZE_I32_U8)
LB_KAPI void lb_k_requantize_i32_u8(const lb_quant_params_t *p, const int32_t *acc, const int32_t *mult,
                                    const int32_t *shift, uint8_t *y) {
  LB__QUANT_LOOP(y[base + i] = (uint8_t)lb__sat(lb__requant(acc[base + i], mult[c], shift[c]) + p->out_zp,
                                                p->qmin, p->qmax))
}
#endif
