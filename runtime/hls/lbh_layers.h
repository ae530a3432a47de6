/* lowbit's HLS layer templates: the dataflow processes a generated design
 * is made of. Header-only, Vitis-HLS-style C++ (C++11), synthesizable, and
 * plain C++ for C simulation.
 *
 * Every layer is a function template over a config struct CFG the
 * generator writes per layer (NAME_config.h): types (in_t, w_t, bias_t,
 * acc_t, out_t, each an ap_int/ap_uint of the exact width), shapes,
 * zero points, the reuse factor, and `epilogue(acc, channel)`, the layer's
 * fused output stage (requantize, or dequantize to float). Layers read and
 * write hls::stream, one element per beat:
 *
 *   flat tensors [1, N]      element order n
 *   images [1, C, H, W]      pixel by pixel, channels innermost (h, w, c)
 *
 * The arithmetic is lowbit's (docs/IR.md), through the same scalar helpers
 * as the C kernels (lb_common.h, a copy of runtime/kernels/common.h):
 *
 *   dense/conv2d  acc = bias[n] + sum (x - x_zp)(w - w_zp[n]), exact in acc_t
 *   requantize    sat(rshift_round(acc * mult, shift) + zp, qmin, qmax)   (fixed point)
 *                 sat(rne((double)acc * scale + offset) + zp, qmin, qmax) (float)
 *   quantize      sat(round(x / scale) + zp, qmin, qmax)
 *   dequantize    (float)(q - zp) * scale
 *
 * so a C simulation is bit-identical to `lowbit run`. The reuse factor R
 * of a layer is how many products each multiplier computes per block of
 * outputs (dense: per sample; conv2d: per output pixel): the `*_reuse` loop
 * is pipelined at II = 1 and the `*_mult` and `*_lanes` loops inside it are
 * unrolled into P / R multipliers (P products per block).
 */
#ifndef LBH_LAYERS_H
#define LBH_LAYERS_H

#include "lb_common.h"
#include "lbh_ap_int.h"
#include "lbh_stream.h"

namespace lbh {

/* ---- scalar stages (each the exact formula of docs/IR.md) ------------- */

/* sat(round(x / scale) + zp, qmin, qmax); `rounding` as lb__round_mode. */
inline int32_t quantize_value(float x, float scale, int32_t zp, int32_t qmin, int32_t qmax, int32_t rounding) {
  return lb__sat((int64_t)lb__round_mode(x / scale, rounding) + zp, qmin, qmax);
}

/* Fixed-point requantization: sat(floor((acc * mult + 2^(shift-1)) / 2^shift) + zp). */
inline int32_t requantize_fixed(long long acc, int32_t mult, int32_t shift, int32_t zp, int32_t qmin, int32_t qmax) {
  return lb__sat(lb__requant((int32_t)acc, mult, shift) + zp, qmin, qmax);
}

/* Float requantization (ONNX QLinear arithmetic, binary64 product). */
inline int32_t requantize_float(long long acc, float scale, float offset, int32_t zp, int32_t qmin, int32_t qmax) {
  return lb__sat(lb__rne_d((double)acc * (double)scale + (double)offset) + zp, qmin, qmax);
}

/* (float)(q - zp) * scale, in binary32. */
inline float dequantize_value(long long q, int32_t zp, float scale) { return (float)(q - (long long)zp) * scale; }

/* The last input row output row oh of a window layer reads (clamped to
 * the image): the row after which the line buffer can produce it. */
template <class CFG>
inline int last_row(int oh) {
  int last = oh * CFG::stride_h - CFG::pad_t + (CFG::k_h - 1) * CFG::dil_h;
  return last > CFG::in_h - 1 ? CFG::in_h - 1 : last;
}

/* ---- quantize: float stream -> integer stream ------------------------- */
/* CFG: out_t, n (elements per sample), channel(i) (parameter index of
 * element i), scale[], zp[], qmin, qmax, rounding. */
template <class CFG>
void quantize(hls::stream<float> &in, hls::stream<typename CFG::out_t> &out) {
quantize_loop:
  for (int i = 0; i < CFG::n; ++i) {
#pragma HLS PIPELINE II = 1
    int c = CFG::channel(i);
    out.write((typename CFG::out_t)quantize_value(in.read(), CFG::scale(c), CFG::zp(c), CFG::qmin, CFG::qmax,
                                                  CFG::rounding));
  }
}

/* ---- dequantize: integer stream -> float stream ----------------------- */
template <class CFG>
void dequantize(hls::stream<typename CFG::in_t> &in, hls::stream<float> &out) {
dequantize_loop:
  for (int i = 0; i < CFG::n; ++i) {
#pragma HLS PIPELINE II = 1
    int c = CFG::channel(i);
    out.write(dequantize_value((long long)in.read(), CFG::zp(c), CFG::scale(c)));
  }
}

/* ---- lut: an elementwise function of 8-bit codes as a 256-entry ROM ---
 * y = table[x + offset] (offset 128 for a signed input, else 0: lb.lut's
 * `(uint8)x ^ 0x80` for signed codes). CFG: in_t, out_t, n, offset. */
template <class CFG>
void lut(hls::stream<typename CFG::in_t> &in, hls::stream<typename CFG::out_t> &out,
         const typename CFG::out_t table[256]) {
lut_loop:
  for (int i = 0; i < CFG::n; ++i) {
#pragma HLS PIPELINE II = 1
    out.write(table[((long long)in.read() + CFG::offset) & 255]);
  }
}

/* ---- dense: y[n] = epilogue(bias[n] + sum_k (x[k] - x_zp)(w[n][k] - w_zp(n)), n)
 * CFG: in_t, w_t, bias_t, acc_t, out_t; n_in (K), n_out (N), reuse_factor
 * R, lanes, groups, in_zp, w_zp(n), epilogue. Two schedules, neither with
 * a multiplexer in front of a multiplier:
 *   R divides K: lanes = K / R multipliers per output, all N outputs at
 *     once (N K / R multipliers); in cycle r lane j takes input j R + r,
 *     so x and each weight row are block-partitioned into `lanes` banks,
 *     each read at address r;
 *   R = K G, G dividing N: N / G multipliers, one group of N / G outputs
 *     per K cycles; x[k] is read once per cycle and broadcast.
 * w is [N][K]; bias is [N]. */
template <class CFG>
void dense(hls::stream<typename CFG::in_t> &in, hls::stream<typename CFG::out_t> &out,
           const typename CFG::w_t w[CFG::n_out][CFG::n_in], const typename CFG::bias_t bias[CFG::n_out]) {
  typedef typename CFG::acc_t acc_t;
  const int K = CFG::n_in, N = CFG::n_out, R = CFG::reuse_factor;
  const int NG = N / CFG::groups; /* outputs computed at once */
  typename CFG::in_t x[CFG::n_in];
  acc_t acc[CFG::n_out / CFG::groups];
#pragma HLS ARRAY_PARTITION variable = x block factor = CFG::lanes
#pragma HLS ARRAY_PARTITION variable = w complete dim = 1
#pragma HLS ARRAY_PARTITION variable = w block factor = CFG::lanes dim = 2
#pragma HLS ARRAY_PARTITION variable = acc complete
dense_read:
  for (int k = 0; k < K; ++k) {
#pragma HLS PIPELINE II = 1
    x[k] = in.read();
  }
dense_groups:
  for (int g = 0; g < CFG::groups; ++g) {
  dense_init:
    for (int m = 0; m < NG; ++m) {
#pragma HLS UNROLL
      acc[m] = (long long)bias[g * NG + m];
    }
  dense_reuse:
    for (int r = 0; r < (R < K ? R : K); ++r) {
#pragma HLS PIPELINE II = 1
    dense_mult:
      for (int m = 0; m < NG; ++m) {
#pragma HLS UNROLL
        const int n = g * NG + m;
      dense_lanes:
        for (int j = 0; j < CFG::lanes; ++j) {
#pragma HLS UNROLL
          const int k = j * (R < K ? R : K) + r;
          acc[m] += ((long long)x[k] - CFG::in_zp) * ((long long)w[n][k] - CFG::w_zp(n));
        }
      }
    }
  dense_write:
    for (int m = 0; m < NG; ++m) {
#pragma HLS PIPELINE II = 1
      out.write(CFG::epilogue(acc[m], g * NG + m));
    }
  }
}

/* ---- conv2d with a line buffer ------------------------------------------
 * NCHW semantics on an (h, w, c) pixel stream: the last `lines` =
 * (KH - 1) * dil_h + 1 input rows are kept; output row oh is computed as
 * soon as the last input row it needs has arrived. Padding taps stand for
 * x_zp and contribute 0. The line buffer is partitioned by row, by kernel
 * column (cyclic) and by channel, so the taps of a window sit in distinct
 * banks. Per output pixel, T = C/g KH KW taps per output channel, with the
 * dense layer's two schedules: R divides T (lanes = T / R multipliers per
 * output channel, all OC at once) or R = T G with G dividing OC (OC / G
 * multipliers, one group of channels per T cycles). CFG: in_t, w_t,
 * bias_t, acc_t, out_t; in_c, in_h, in_w, out_c, out_h, out_w, k_h, k_w,
 * stride_h/w, pad_t, pad_l, dil_h/w, groups (of the convolution), lines,
 * reuse_factor, lanes, oc_groups, in_zp, w_zp(oc), epilogue. w is
 * [OC][C/g KH KW] (OIHW). */
template <class CFG>
void conv2d(hls::stream<typename CFG::in_t> &in, hls::stream<typename CFG::out_t> &out,
            const typename CFG::w_t w[CFG::out_c][(CFG::in_c / CFG::groups) * CFG::k_h * CFG::k_w],
            const typename CFG::bias_t bias[CFG::out_c]) {
  typedef typename CFG::acc_t acc_t;
  const int CG = CFG::in_c / CFG::groups, OCG = CFG::out_c / CFG::groups;
  const int TAPS = CG * CFG::k_h * CFG::k_w, R = CFG::reuse_factor, RT = R < TAPS ? R : TAPS;
  const int NG = CFG::out_c / CFG::oc_groups; /* output channels computed at once */
  static typename CFG::in_t line[CFG::lines][CFG::in_w][CFG::in_c];
  acc_t acc[CFG::out_c / CFG::oc_groups];
#pragma HLS ARRAY_PARTITION variable = line complete dim = 1
#pragma HLS ARRAY_PARTITION variable = line cyclic factor = CFG::k_w dim = 2
#pragma HLS ARRAY_PARTITION variable = line complete dim = 3
#pragma HLS ARRAY_PARTITION variable = w complete dim = 1
#pragma HLS ARRAY_PARTITION variable = w block factor = CFG::lanes dim = 2
#pragma HLS ARRAY_PARTITION variable = acc complete
  int oh = 0;
conv_rows:
  for (int ih = -1; ih < CFG::in_h; ++ih) {
    if (ih >= 0) {
    conv_read:
      for (int iw = 0; iw < CFG::in_w; ++iw)
        for (int c = 0; c < CFG::in_c; ++c) {
#pragma HLS PIPELINE II = 1
          line[ih % CFG::lines][iw][c] = in.read();
        }
    }
  conv_out_rows:
    for (; oh < CFG::out_h; ++oh) {
      if (last_row<CFG>(oh) > ih) break; /* needs rows not read yet */
    conv_out_cols:
      for (int ow = 0; ow < CFG::out_w; ++ow) {
      conv_groups:
        for (int g = 0; g < CFG::oc_groups; ++g) {
        conv_init:
          for (int m = 0; m < NG; ++m) {
#pragma HLS UNROLL
            acc[m] = (long long)bias[g * NG + m];
          }
        conv_reuse:
          for (int r = 0; r < RT; ++r) {
#pragma HLS PIPELINE II = 1
          conv_mult:
            for (int m = 0; m < NG; ++m) {
#pragma HLS UNROLL
              const int oc = g * NG + m;
            conv_lanes:
              for (int j = 0; j < CFG::lanes; ++j) {
#pragma HLS UNROLL
                const int t = j * RT + r; /* tap (cg, kh, kw) of output channel oc */
                const int cg = t / (CFG::k_h * CFG::k_w), kh = t / CFG::k_w % CFG::k_h, kw = t % CFG::k_w;
                const int y = oh * CFG::stride_h - CFG::pad_t + kh * CFG::dil_h;
                const int x = ow * CFG::stride_w - CFG::pad_l + kw * CFG::dil_w;
                if (y >= 0 && y < CFG::in_h && x >= 0 && x < CFG::in_w) {
                  const int c = oc / OCG * CG + cg;
                  acc[m] += ((long long)line[y % CFG::lines][x][c] - CFG::in_zp) * ((long long)w[oc][t] - CFG::w_zp(oc));
                }
              }
            }
          }
        conv_write:
          for (int m = 0; m < NG; ++m) {
#pragma HLS PIPELINE II = 1
            out.write(CFG::epilogue(acc[m], g * NG + m));
          }
        }
      }
    }
  }
}

/* ---- max_pool2d with a line buffer -------------------------------------
 * The largest tap in the window; taps outside the image are skipped (a
 * window with none gives 0, as the reference kernel). Integer codes or
 * float. CFG: t (element type), c, in_h, in_w, out_h, out_w, k_h, k_w,
 * stride_h/w, pad_t, pad_l, dil_h/w, lines. */
template <class CFG>
void max_pool2d(hls::stream<typename CFG::t> &in, hls::stream<typename CFG::t> &out) {
  static typename CFG::t line[CFG::lines][CFG::in_w][CFG::c];
#pragma HLS ARRAY_PARTITION variable = line complete dim = 1
#pragma HLS ARRAY_PARTITION variable = line cyclic factor = CFG::k_w dim = 2
  int oh = 0;
pool_rows:
  for (int ih = -1; ih < CFG::in_h; ++ih) {
    if (ih >= 0) {
    pool_read:
      for (int iw = 0; iw < CFG::in_w; ++iw)
        for (int c = 0; c < CFG::c; ++c) {
#pragma HLS PIPELINE II = 1
          line[ih % CFG::lines][iw][c] = in.read();
        }
    }
  pool_out_rows:
    for (; oh < CFG::out_h; ++oh) {
      if (last_row<CFG>(oh) > ih) break;
    pool_out_cols:
      for (int ow = 0; ow < CFG::out_w; ++ow)
        for (int c = 0; c < CFG::c; ++c) {
#pragma HLS PIPELINE II = 1
          typename CFG::t best = 0;
          bool found = false;
        pool_taps:
          for (int kh = 0; kh < CFG::k_h; ++kh)
            for (int kw = 0; kw < CFG::k_w; ++kw) {
              const int y = oh * CFG::stride_h - CFG::pad_t + kh * CFG::dil_h;
              const int x = ow * CFG::stride_w - CFG::pad_l + kw * CFG::dil_w;
              if (y < 0 || y >= CFG::in_h || x < 0 || x >= CFG::in_w) continue;
              typename CFG::t v = line[y % CFG::lines][x][c];
              if (!found || v > best) best = v;
              found = true;
            }
          out.write(best);
        }
    }
  }
}

/* ---- split: one stream to two (a value read by two layers) ------------
 * The top declares both outputs as deep as a whole tensor, so that a short
 * branch (a residual shortcut) cannot stall a long one under DATAFLOW. */
template <class T, int N>
void split(hls::stream<T> &in, hls::stream<T> &a, hls::stream<T> &b) {
split_loop:
  for (int i = 0; i < N; ++i) {
#pragma HLS PIPELINE II = 1
    T v = in.read();
    a.write(v);
    b.write(v);
  }
}

/* ---- float stages between integer layers (lowbit keeps residual adds,
 * their relu and global average pooling in float32, as the interpreter
 * does: the same operations in the same order give the same bits) ------ */
template <int N>
void add_float(hls::stream<float> &a, hls::stream<float> &b, hls::stream<float> &out) {
add_loop:
  for (int i = 0; i < N; ++i) {
#pragma HLS PIPELINE II = 1
    float x = a.read(), y = b.read();
    out.write(x + y);
  }
}

/* Elementwise float functions, the expressions of the reference kernels
 * (runtime/kernels/activation.c) on the same helpers. */
struct op_relu {
  static float apply(float x) { return x > 0.0f ? x : 0.0f; }
};
struct op_sigmoid {
  static float apply(float x) { return 1.0f / (1.0f + lb__expf(-x)); }
};
struct op_tanh {
  static float apply(float x) { return (float)lb__tanh_d((double)x); }
};

template <class OP, int N>
void unary_float(hls::stream<float> &in, hls::stream<float> &out) {
unary_loop:
  for (int i = 0; i < N; ++i) {
#pragma HLS PIPELINE II = 1
    out.write(OP::apply(in.read()));
  }
}

/* Mean over each channel of an (h, w, c) image: per channel, the sum in
 * (h, w) order from 0.0f, then divided by H W in float32. */
template <int C, int HW>
void global_avg_pool_float(hls::stream<float> &in, hls::stream<float> &out) {
  float acc[C];
#pragma HLS ARRAY_PARTITION variable = acc complete
gap_init:
  for (int c = 0; c < C; ++c) acc[c] = 0.0f;
gap_sum:
  for (int i = 0; i < HW; ++i)
    for (int c = 0; c < C; ++c) {
#pragma HLS PIPELINE II = 1
      acc[c] += in.read();
    }
gap_write:
  for (int c = 0; c < C; ++c) {
#pragma HLS PIPELINE II = 1
    out.write(acc[c] / (float)HW);
  }
}

}  // namespace lbh
#endif
