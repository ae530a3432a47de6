/* HLS resource and latency estimates (see estimate.h). */
#include "codegen/hls/estimate.h"

#include <stdlib.h>

static int64_t ceil_div(int64_t a, int64_t b) { return b > 0 ? (a + b - 1) / b : 0; }

static int32_t ceil_log2(int64_t v) {
  int32_t l = 0;
  while (((int64_t)1 << l) < v && l < 62) ++l;
  return l;
}

bool lb_hls_has_reuse(const lb_hls_layer_t *l) { return l->kind == LB_HLS_DENSE || l->kind == LB_HLS_CONV2D; }

static void dsp_ports(const lb_hls_device_t *d, int64_t *a, int64_t *b) {
  *a = d->dsp_width[0] > 0 ? d->dsp_width[0] : 25;
  *b = d->dsp_width[1] > 0 ? d->dsp_width[1] : 18;
  if (*a < *b) {
    int64_t t = *a;
    *a = *b;
    *b = t;
  }
}

/* DSPs of one x-bit by y-bit product on the device's A x B multipliers. */
static int64_t dsp_per_product(const lb_hls_device_t *d, int64_t x, int64_t y) {
  int64_t a, b, big = x > y ? x : y, small = x > y ? y : x;
  dsp_ports(d, &a, &b);
  return ceil_div(big, a) * ceil_div(small, b);
}

void lb_hls_estimate_layer(const lb_hls_device_t *d, const lb_hls_layer_t *l, int64_t reuse, lb_hls_estimate_t *o) {
  lb_hls_estimate_t e = {0};
  int64_t depth = 4;
  e.lut = LB_HLS_LAYER_LUT;
  e.bram_bits = l->weights * l->wbits + l->param_bits + l->buffer_bits;
  if (lb_hls_has_reuse(l)) {
    e.reuse = reuse < 1 ? 1 : reuse;
    e.mults = ceil_div(l->products, e.reuse);
    if (l->wbits <= LB_HLS_LUT_MAC_BITS) {
      e.lut += e.mults * ((int64_t)l->wbits * l->abits + l->acc_bits);
    } else if (d->dsp_packing && l->wbits <= 8 && l->abits <= 8) {
      e.dsp += ceil_div(e.mults, 2);
    } else {
      e.dsp += e.mults * dsp_per_product(d, l->abits, l->wbits);
    }
    if (l->kind == LB_HLS_CONV2D && l->reduce > 0) {
      int64_t ways = e.reuse < l->reduce ? e.reuse : l->reduce;
      e.lut += e.mults * l->abits * ceil_div(ways - 1, 3);
    }
    depth += ceil_log2(e.mults + 1);
    if (l->kind == LB_HLS_DENSE) e.ii = l->in_elems + e.reuse + l->out_elems;
    else e.ii = l->in_elems + l->blocks * (e.reuse + l->out_channels);
  } else if (l->kind == LB_HLS_MAX_POOL || l->kind == LB_HLS_GAP_FLOAT) {
    e.ii = l->in_elems + l->out_elems;
  } else {
    e.ii = l->in_elems;
  }
  switch (l->kind == LB_HLS_QUANTIZE ? LB_HLS_EPI_NONE : l->epilogue) {
    case LB_HLS_EPI_RQ_FIXED:
      e.dsp += dsp_per_product(d, l->acc_bits, 31);
      e.lut += 2 * (int64_t)l->acc_bits + 64;
      depth += 4;
      break;
    case LB_HLS_EPI_RQ_FLOAT:
      e.dsp += LB_HLS_FP64_REQUANT_DSP;
      e.lut += LB_HLS_FP64_REQUANT_LUT;
      depth += 12;
      break;
    case LB_HLS_EPI_DEQUANT:
      e.dsp += LB_HLS_FP_DEQUANTIZE_DSP;
      e.lut += LB_HLS_FP_DEQUANTIZE_LUT;
      depth += 8;
      break;
    case LB_HLS_EPI_NONE: break;
  }
  if (l->kind == LB_HLS_ADD_FLOAT || l->kind == LB_HLS_GAP_FLOAT) {
    e.dsp += LB_HLS_FP_ADD_DSP;
    e.lut += LB_HLS_FP_ADD_LUT;
    depth += 8;
  }
  if (l->kind == LB_HLS_EXP_FLOAT) {
    e.dsp += LB_HLS_FP64_EXP_DSP;
    e.lut += LB_HLS_FP64_EXP_LUT;
    depth += 30;
  }
  if (l->kind == LB_HLS_GAP_FLOAT) {
    e.lut += LB_HLS_FP_DIV_LUT;
    depth += 12;
  }
  if (l->kind == LB_HLS_QUANTIZE) {
    e.dsp += LB_HLS_FP_QUANTIZE_DSP;
    e.lut += LB_HLS_FP_QUANTIZE_LUT;
    depth += 16;
  }
  e.latency = e.ii + depth;
  *o = e;
}

void lb_hls_estimate_total(const lb_hls_estimate_t *e, int32_t n, lb_hls_estimate_t *t) {
  lb_hls_estimate_t s = {0};
  for (int32_t i = 0; i < n; ++i) {
    s.mults += e[i].mults;
    s.dsp += e[i].dsp;
    s.lut += e[i].lut;
    s.bram_bits += e[i].bram_bits;
    s.latency += e[i].latency;
    if (e[i].ii > s.ii) s.ii = e[i].ii;
  }
  *t = s;
}

/* The over-budget part of the resources (normalized by the budgets) that
 * moving from estimate a to b frees. */
static double freed(const lb_hls_device_t *d, const lb_hls_estimate_t *tot, const lb_hls_estimate_t *a,
                    const lb_hls_estimate_t *b) {
  double f = 0;
  if (tot->dsp > d->dsp) f += (double)(a->dsp - b->dsp) / (double)(d->dsp > 0 ? d->dsp : 1);
  if (tot->lut > d->lut) f += (double)(a->lut - b->lut) / (double)(d->lut > 0 ? d->lut : 1);
  return f;
}

bool lb_hls_reuse_valid(const lb_hls_layer_t *l, int64_t r) {
  if (r < 1 || l->products % r) return false;
  if (l->reduce <= 0) return true;
  if (r <= l->reduce) return l->reduce % r == 0;
  return r % l->reduce == 0 && l->out_channels % (r / l->reduce) == 0;
}

static int cmp_i64(const void *a, const void *b) {
  int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
  return x < y ? -1 : x > y;
}

/* The divisors of p in increasing order (malloc'ed; *count of them). */
static int64_t *divisors(int64_t p, int32_t *count) {
  int32_t n = 0, cap = 64;
  int64_t *d = malloc((size_t)cap * sizeof *d);
  for (int64_t i = 1; d && i * i <= p; ++i) {
    if (p % i) continue;
    if (n + 2 > cap) {
      cap *= 2;
      int64_t *nd = realloc(d, (size_t)cap * sizeof *d);
      if (!nd) {
        free(d);
        return NULL;
      }
      d = nd;
    }
    d[n++] = i;
    if (i != p / i) d[n++] = p / i;
  }
  if (d) qsort(d, (size_t)n, sizeof *d, cmp_i64);
  *count = n;
  return d;
}

lb_status_t lb_hls_choose_reuse(const lb_hls_device_t *d, const lb_hls_layer_t *layers, int32_t n,
                                lb_hls_estimate_t *est, lb_hls_estimate_t *total) {
  for (int32_t i = 0; i < n; ++i) {
    if (lb_hls_has_reuse(&layers[i]) && layers[i].products < 1)
      return LB_ERROR(LB_STATUS_INTERNAL, "HLS layer %d has no products", (int)i);
    lb_hls_estimate_layer(d, &layers[i], 1, &est[i]);
  }
  lb_hls_estimate_total(est, n, total);
  if (total->bram_bits > d->bram_bits)
    return LB_ERROR(LB_STATUS_RESOURCE_EXHAUSTED,
                    "the design does not fit %s: its weights and buffers need %lld bits of block RAM, the part has "
                    "%lld (%lld bits, %.1f%% too many)",
                    d->name, (long long)total->bram_bits, (long long)d->bram_bits,
                    (long long)(total->bram_bits - d->bram_bits),
                    100.0 * (double)(total->bram_bits - d->bram_bits) / (double)(d->bram_bits > 0 ? d->bram_bits : 1));
  int64_t **div = calloc((size_t)(n > 0 ? n : 1), sizeof *div);
  int32_t *ndiv = calloc((size_t)(n > 0 ? n : 1), sizeof *ndiv);
  lb_status_t st = div && ndiv ? LB_OK : LB_ERROR(LB_STATUS_RESOURCE_EXHAUSTED, "out of memory");
  for (int32_t i = 0; !st && i < n; ++i)
    if (lb_hls_has_reuse(&layers[i]) && !(div[i] = divisors(layers[i].products, &ndiv[i])))
      st = LB_ERROR(LB_STATUS_RESOURCE_EXHAUSTED, "out of memory");
  while (!st && (total->dsp > d->dsp || total->lut > d->lut)) {
    int32_t best = -1;
    double best_score = 0;
    lb_hls_estimate_t best_e = {0};
    for (int32_t i = 0; i < n; ++i) {
      if (!lb_hls_has_reuse(&layers[i])) continue;
      for (int32_t j = 0; j < ndiv[i]; ++j) {
        int64_t r = div[i][j];
        if (r <= est[i].reuse || !lb_hls_reuse_valid(&layers[i], r)) continue;
        lb_hls_estimate_t e;
        lb_hls_estimate_layer(d, &layers[i], r, &e);
        double f = freed(d, total, &est[i], &e);
        if (f <= 0) continue;
        double score = f / (double)(e.latency - est[i].latency + 1);
        if (best < 0 || score > best_score) best = i, best_score = score, best_e = e;
      }
    }
    if (best < 0) {
      /* nothing frees more: report the design at its largest reuse factors */
      for (int32_t i = 0; i < n; ++i)
        if (lb_hls_has_reuse(&layers[i])) lb_hls_estimate_layer(d, &layers[i], layers[i].products, &est[i]);
      /* (products = reduce * out_channels is always valid: one multiplier) */
      lb_hls_estimate_total(est, n, total);
      st = LB_ERROR(LB_STATUS_RESOURCE_EXHAUSTED,
                      "the design does not fit %s even with every multiplier fully reused: it needs %lld DSPs (the "
                      "part has %lld: %lld too many) and %lld LUTs (the part has %lld: %lld too many)",
                      d->name, (long long)total->dsp, (long long)d->dsp,
                      (long long)(total->dsp > d->dsp ? total->dsp - d->dsp : 0), (long long)total->lut,
                      (long long)d->lut, (long long)(total->lut > d->lut ? total->lut - d->lut : 0));
      break;
    }
    est[best] = best_e;
    lb_hls_estimate_total(est, n, total);
  }
  for (int32_t i = 0; div && i < n; ++i) free(div[i]);
  free(div);
  free(ndiv);
  return st;
}
