/* x86 AVX-512 VNNI convolution for the LLVM backend: the packed integer
 * conv steps (lb.qconv2d algorithm "gemm": the reference kernels
 * lb_k_qconv2d_gemm[_rq]_{i8,u8}i8[_{i8,u8}] of runtime/kernels/qgemm.c)
 * with one group, a horizontal stride of 1 to 4 and symmetric weights, specialized
 * to the step's shapes, on vpdpbusd with output positions in the lanes.
 *
 * Image. Per image, the input goes to the generated kernels' scratch as
 * padded planes of 4 channels: X4[cg][ih][iw][j] = x[4 cg + j][ih - pad_t]
 * [iw - pad_l] (flipped to unsigned, ^0x80, for int8 activations, as the
 * reference does), the padding and the channels past C the padding code
 * (the reference's x_zp ^ 0x80 or x_zp). Hp = (OH-1)*stride_h + (KH-1)*dil_h
 * + 1 rows, Wq = 16 * ceil(OW / 16) + (KW-1)*dil_w columns, so 16
 * consecutive output positions of a row at tap (kh, kw) and channel group
 * cg are one contiguous 64-byte load: the patch matrix is never built.
 *
 * Weights are repacked into W'[oc][cg][kh][kw][j] (zero for channels past
 * C): per output channel and tap group, 4 signed codes that vpdpbusd takes
 * as a broadcast memory operand.
 *
 * Code. Tiles of up to 24 zmm accumulators (6 output channels x 4 vectors
 * of 16 positions, or 8 x 3, 4 x 6, ...: lb_vc_shape picks the shape that
 * fits OC and the number of vectors best; a vector is 16 positions of one
 * output row, rows of OW positions rounded up to vectors), over cg, kh and
 * kw: one load of the image per vector, one broadcast per channel, a
 * vpdpbusd per accumulator. The epilogue stores the tile's raw dot products
 * and runs the reference kernel's own per-channel epilogue
 * (lb__qg_col_rq_{i8,u8} or lb__qg_col_i32: + comp, requantize, saturate)
 * on each vector's valid positions, so the results are the reference's bit
 * for bit: the same integer dot products (the padding taps read the same
 * code, zero weights add nothing) and the same epilogue.
 *
 * The epilogue of a whole vector (all its positions inside the row) runs
 * on the vector in the generated code (lb_vc_vec_epilogue: the same
 * integer steps as the reference's, in 64-bit lanes); a vector cut by the
 * row's end calls the reference epilogue on its valid positions.
 *
 * A horizontal stride SW > 1 splits each plane row into SW column phases
 * of Wq entries (padded column iw at (iw % SW) * Wq + iw / SW): output
 * position ow at tap column c reads column ow * SW + c, i.e. entry
 * ow + c / SW of phase c % SW, so a vector of positions is contiguous
 * again. The image's columns then go to their phases one by one.
 *
 * AVX2 (no 4-code dot product): the planes hold pairs of channels as
 * 16-bit codes (CW = 2: X2[cp][ih][iw][j] = x[2 cp + j][..], zero-extended
 * unsigned codes, 4 bytes per position as above), the weights pairs of
 * int16 (W'[oc][cp][kh][kw][j]), and vpmaddwd adds the two products of a
 * pair per lane exactly: a vector of 8 positions is one 32-byte load that
 * needs no unpacking. */
#include <llvm-c/Core.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "codegen/llvm/llvm_cg.h"
#include "runtime/kernels/qgemm.h"

#define LB_VC_NOC 12 /* at most this many output channels per tile */
#define LB_VC_NV 8   /* at most this many vectors of 16 positions per tile */

typedef struct {
  bool signed_x, rq, out_u8;
  const lb_qconv_gemm_params_t *p;
  int64_t CG, S, Hp, Wq, VPR, Q; /* channel groups, k steps, padded planes, vectors per row, vectors per image */
  int64_t CW;                    /* channels per group (per 4-byte entry of the planes): 4 codes, or 2 16-bit codes with AVX2 */
  int64_t SW, RW;                /* horizontal stride = column phases per plane row; entries per plane row (SW * Wq) */
  bool vepi;                     /* the requantizing epilogue on vectors (every channel's shift in [1, 62]) */
  int noc, nv;                   /* the tile: output channels x vectors */
  LLVMValueRef W, x, y, mult, shift, comp, img, ctx;
  LLVMValueRef dot, epi, tile;
  LLVMTypeRef dot_t, epi_t, v16; /* v16: the accumulator vector, L lanes of i32 */
  bool arm;        /* AArch64 sdot (s8 x s8) instead of x86 vpdpbusd (u8 x s8) */
  bool avx2;       /* x86 AVX2: the 4-code dot products as two vpmaddwd on 16-bit codes */
  int L;           /* positions (i32 lanes) per vector: 16, 8 (AVX2) or 4 */
  uint8_t flipx;   /* xor applied to the image's codes: what the dot product's activation operand wants */
} lb_vc_t;

static bool lb_vc_match(const char *name, lb_vc_t *v) {
  const char *p = name;
  if (strncmp(p, "qconv2d_gemm_", 13)) return false;
  p += 13;
  v->rq = !strncmp(p, "rq_", 3);
  if (v->rq) p += 3;
  if (!strncmp(p, "i8i8", 4)) v->signed_x = true;
  else if (!strncmp(p, "u8i8", 4)) v->signed_x = false;
  else return false;
  p += 4;
  if (!v->rq) return *p == 0;
  if (!strcmp(p, "_i8")) v->out_u8 = false;
  else if (!strcmp(p, "_u8")) v->out_u8 = true;
  else return false;
  return true;
}

static const lb_plan_tensor_t *lb_vc_const(const lb_plan_t *plan, int32_t id) {
  if (id < 0) return NULL;
  const lb_plan_tensor_t *t = &plan->tensors[lb_plan_root(plan, id)];
  return t->mem == LB_MEM_CONST ? t : NULL;
}

/* Byte offset in a plane row of image column col (padded column iw =
 * col + pad_l): entry iw, or with a horizontal stride SW > 1 entry
 * (iw % SW) * Wq + iw / SW (the column phases, each Wq entries long). */
static LLVMValueRef lb_vc_col(lb_llvm_cg_t *g, lb_vc_t *v, LLVMValueRef col) {
  LLVMValueRef iw = LLVMBuildAdd(g->b, col, lb_llvm_i64(g, v->p->pad_l), "");
  if (v->SW > 1) {
    LLVMValueRef sw = lb_llvm_i64(g, v->SW);
    iw = LLVMBuildAdd(g->b, LLVMBuildMul(g->b, LLVMBuildURem(g->b, iw, sw, ""), lb_llvm_i64(g, v->Wq), ""),
                      LLVMBuildUDiv(g->b, iw, sw, ""), "");
  }
  return LLVMBuildShl(g->b, iw, lb_llvm_i64(g, 2), "");
}

/* Rows of the channel group cg (nch of its 4 channels real, the others
 * the padding code) of image n into the planes: 16 columns at a time, four
 * channel rows of 16 codes interleaved into 64 bytes, then the columns
 * left one by one. */
static void lb_vc_image_group(lb_llvm_cg_t *g, lb_vc_t *v, LLVMValueRef n, LLVMValueRef cg, int nch, int64_t rows,
                              int64_t cols, uint8_t pad) {
  const lb_qconv_gemm_params_t *p = v->p;
  LLVMTypeRef v16i8 = LLVMVectorType(g->i8, 16);
  LLVMValueRef x80[16], padv[16];
  for (int i = 0; i < 16; ++i) {
    x80[i] = LLVMConstInt(g->i8, v->flipx, 0);
    padv[i] = LLVMConstInt(g->i8, pad, 0);
  }
  LLVMValueRef xorv = LLVMConstVector(x80, 16), padvec = LLVMConstVector(padv, 16);
  lb_llvm_loop_t lh;
  lb_llvm_loop_begin(g, &lh, lb_llvm_i64(g, 0), lb_llvm_i64(g, rows), 1);
  LLVMValueRef src[4];
  for (int j = 0; j < nch; ++j) {
    LLVMValueRef c = LLVMBuildAdd(g->b, LLVMBuildShl(g->b, cg, lb_llvm_i64(g, 2), ""), lb_llvm_i64(g, j), "");
    LLVMValueRef plane = LLVMBuildAdd(g->b, LLVMBuildMul(g->b, n, lb_llvm_i64(g, p->C), ""), c, "");
    src[j] = lb_llvm_gep(g, v->x,
                         LLVMBuildMul(g->b, LLVMBuildAdd(g->b, LLVMBuildMul(g->b, plane, lb_llvm_i64(g, p->H), ""), lh.iv, ""),
                                      lb_llvm_i64(g, p->W), ""));
  }
  LLVMValueRef drow = LLVMBuildMul(
      g->b, LLVMBuildAdd(g->b, LLVMBuildMul(g->b, cg, lb_llvm_i64(g, v->Hp), ""), LLVMBuildAdd(g->b, lh.iv, lb_llvm_i64(g, p->pad_t), ""), ""),
      lb_llvm_i64(g, v->RW), "");
  LLVMValueRef dst = lb_llvm_gep(g, v->img, LLVMBuildShl(g->b, LLVMBuildAdd(g->b, drow, lb_llvm_i64(g, p->pad_l), ""), lb_llvm_i64(g, 2), ""));
  LLVMValueRef dst0 = lb_llvm_gep(g, v->img, LLVMBuildShl(g->b, drow, lb_llvm_i64(g, 2), ""));
  int64_t c16 = v->SW == 1 ? cols / 16 * 16 : 0; /* strided: columns go to their phases one by one */
  if (c16 > 0) {
    lb_llvm_loop_t lw;
    lb_llvm_loop_begin(g, &lw, lb_llvm_i64(g, 0), lb_llvm_i64(g, c16), 16);
    LLVMValueRef r[4];
    for (int j = 0; j < 4; ++j) {
      if (j >= nch) {
        r[j] = padvec;
        continue;
      }
      r[j] = LLVMBuildLoad2(g->b, v16i8, lb_llvm_gep(g, src[j], lw.iv), "");
      LLVMSetAlignment(r[j], 1);
      if (v->flipx) r[j] = LLVMBuildXor(g->b, r[j], xorv, "");
    }
    LLVMValueRef m1[32], m2[64];
    for (int i = 0; i < 16; ++i) {
      m1[2 * i] = lb_llvm_i32(g, i);
      m1[2 * i + 1] = lb_llvm_i32(g, 16 + i);
    }
    LLVMValueRef ab = LLVMBuildShuffleVector(g->b, r[0], r[1], LLVMConstVector(m1, 32), "");
    LLVMValueRef cd = LLVMBuildShuffleVector(g->b, r[2], r[3], LLVMConstVector(m1, 32), "");
    for (int i = 0; i < 16; ++i) {
      m2[4 * i] = lb_llvm_i32(g, 2 * i);
      m2[4 * i + 1] = lb_llvm_i32(g, 2 * i + 1);
      m2[4 * i + 2] = lb_llvm_i32(g, 32 + 2 * i);
      m2[4 * i + 3] = lb_llvm_i32(g, 32 + 2 * i + 1);
    }
    LLVMValueRef all = LLVMBuildShuffleVector(g->b, ab, cd, LLVMConstVector(m2, 64), "");
    LLVMValueRef st = LLVMBuildStore(g->b, all, lb_llvm_gep(g, dst, LLVMBuildShl(g->b, lw.iv, lb_llvm_i64(g, 2), "")));
    LLVMSetAlignment(st, 1);
    lb_llvm_loop_end(g, &lw);
  }
  if (cols > c16) {
    lb_llvm_loop_t lw;
    lb_llvm_loop_begin(g, &lw, lb_llvm_i64(g, c16), lb_llvm_i64(g, cols), 1);
    for (int j = 0; j < nch; ++j) {
      LLVMValueRef c = LLVMBuildLoad2(g->b, g->i8, lb_llvm_gep(g, src[j], lw.iv), "");
      if (v->flipx) c = LLVMBuildXor(g->b, c, LLVMConstInt(g->i8, v->flipx, 0), "");
      LLVMValueRef off = LLVMBuildAdd(g->b, lb_vc_col(g, v, lw.iv), lb_llvm_i64(g, j), "");
      LLVMBuildStore(g->b, c, lb_llvm_gep(g, dst0, off));
    }
    lb_llvm_loop_end(g, &lw);
  }
  lb_llvm_loop_end(g, &lh);
}

/* AVX2: rows of the channel pair cp (nch of its 2 channels real, the
 * other the padding code) of image n into the planes of 16-bit codes: 16
 * columns at a time, two channel rows of 16 codes zero-extended and
 * interleaved into 64 bytes, then the columns left one by one. */
static void lb_vc_image_pair(lb_llvm_cg_t *g, lb_vc_t *v, LLVMValueRef n, LLVMValueRef cp, int nch, int64_t rows,
                             int64_t cols, uint8_t pad) {
  const lb_qconv_gemm_params_t *p = v->p;
  LLVMTypeRef i16 = LLVMInt16TypeInContext(g->ctx), v16i8 = LLVMVectorType(g->i8, 16), v16i16 = LLVMVectorType(i16, 16);
  LLVMValueRef x80[16], padv[16];
  for (int i = 0; i < 16; ++i) {
    x80[i] = LLVMConstInt(g->i8, v->flipx, 0);
    padv[i] = LLVMConstInt(i16, pad, 0);
  }
  LLVMValueRef xorv = LLVMConstVector(x80, 16), padvec = LLVMConstVector(padv, 16);
  lb_llvm_loop_t lh;
  lb_llvm_loop_begin(g, &lh, lb_llvm_i64(g, 0), lb_llvm_i64(g, rows), 1);
  LLVMValueRef src[2];
  for (int j = 0; j < nch; ++j) {
    LLVMValueRef c = LLVMBuildAdd(g->b, LLVMBuildShl(g->b, cp, lb_llvm_i64(g, 1), ""), lb_llvm_i64(g, j), "");
    LLVMValueRef plane = LLVMBuildAdd(g->b, LLVMBuildMul(g->b, n, lb_llvm_i64(g, p->C), ""), c, "");
    src[j] = lb_llvm_gep(g, v->x,
                         LLVMBuildMul(g->b, LLVMBuildAdd(g->b, LLVMBuildMul(g->b, plane, lb_llvm_i64(g, p->H), ""), lh.iv, ""),
                                      lb_llvm_i64(g, p->W), ""));
  }
  LLVMValueRef drow = LLVMBuildMul(
      g->b, LLVMBuildAdd(g->b, LLVMBuildMul(g->b, cp, lb_llvm_i64(g, v->Hp), ""), LLVMBuildAdd(g->b, lh.iv, lb_llvm_i64(g, p->pad_t), ""), ""),
      lb_llvm_i64(g, v->RW), "");
  LLVMValueRef dst = lb_llvm_gep(g, v->img, LLVMBuildShl(g->b, LLVMBuildAdd(g->b, drow, lb_llvm_i64(g, p->pad_l), ""), lb_llvm_i64(g, 2), ""));
  LLVMValueRef dst0 = lb_llvm_gep(g, v->img, LLVMBuildShl(g->b, drow, lb_llvm_i64(g, 2), ""));
  int64_t c16 = v->SW == 1 ? cols / 16 * 16 : 0; /* strided: columns go to their phases one by one */
  if (c16 > 0) {
    lb_llvm_loop_t lw;
    lb_llvm_loop_begin(g, &lw, lb_llvm_i64(g, 0), lb_llvm_i64(g, c16), 16);
    LLVMValueRef r[2];
    for (int j = 0; j < 2; ++j) {
      if (j >= nch) {
        r[j] = padvec;
        continue;
      }
      LLVMValueRef x = LLVMBuildLoad2(g->b, v16i8, lb_llvm_gep(g, src[j], lw.iv), "");
      LLVMSetAlignment(x, 1);
      if (v->flipx) x = LLVMBuildXor(g->b, x, xorv, "");
      r[j] = LLVMBuildZExt(g->b, x, v16i16, "");
    }
    LLVMValueRef m[32];
    for (int i = 0; i < 16; ++i) {
      m[2 * i] = lb_llvm_i32(g, i);
      m[2 * i + 1] = lb_llvm_i32(g, 16 + i);
    }
    LLVMValueRef all = LLVMBuildShuffleVector(g->b, r[0], r[1], LLVMConstVector(m, 32), "");
    LLVMValueRef st = LLVMBuildStore(g->b, all, lb_llvm_gep(g, dst, LLVMBuildShl(g->b, lw.iv, lb_llvm_i64(g, 2), "")));
    LLVMSetAlignment(st, 1);
    lb_llvm_loop_end(g, &lw);
  }
  if (cols > c16) {
    lb_llvm_loop_t lw;
    lb_llvm_loop_begin(g, &lw, lb_llvm_i64(g, c16), lb_llvm_i64(g, cols), 1);
    for (int j = 0; j < nch; ++j) {
      LLVMValueRef c = LLVMBuildLoad2(g->b, g->i8, lb_llvm_gep(g, src[j], lw.iv), "");
      if (v->flipx) c = LLVMBuildXor(g->b, c, LLVMConstInt(g->i8, v->flipx, 0), "");
      LLVMValueRef off = LLVMBuildAdd(g->b, lb_vc_col(g, v, lw.iv), lb_llvm_i64(g, 2 * j), "");
      LLVMValueRef st = LLVMBuildStore(g->b, LLVMBuildZExt(g->b, c, i16, ""), lb_llvm_gep(g, dst0, off));
      LLVMSetAlignment(st, 1);
    }
    lb_llvm_loop_end(g, &lw);
  }
  lb_llvm_loop_end(g, &lh);
}

/* Image n into the padded planes of CW channels: the padding code
 * everywhere (with AVX2 as 16-bit codes, so a fill loop rather than a
 * memset), then the image's rows. */
static void lb_vc_image(lb_llvm_cg_t *g, lb_vc_t *v, LLVMValueRef n, LLVMValueRef memset, LLVMTypeRef memset_t) {
  const lb_qconv_gemm_params_t *p = v->p;
  uint8_t pad = (uint8_t)((uint8_t)p->x_zp ^ v->flipx);
  if (v->avx2 && pad) {
    lb_llvm_loop_t lf;
    lb_llvm_loop_begin(g, &lf, lb_llvm_i64(g, 0), lb_llvm_i64(g, v->CG * v->Hp * v->RW), 1);
    LLVMValueRef st = LLVMBuildStore(g->b, lb_llvm_i32(g, (int32_t)((uint32_t)pad | (uint32_t)pad << 16)),
                                     lb_llvm_gep(g, v->img, LLVMBuildShl(g->b, lf.iv, lb_llvm_i64(g, 2), "")));
    LLVMSetAlignment(st, 4);
    lb_llvm_loop_end(g, &lf);
  } else {
    LLVMValueRef args[4] = {v->img, LLVMConstInt(g->i8, pad, 0), lb_llvm_i64(g, v->CG * v->Hp * v->RW * 4),
                            LLVMConstInt(LLVMInt1TypeInContext(g->ctx), 0, 0)};
    LLVMBuildCall2(g->b, memset_t, memset, args, 4, "");
  }
  int64_t rows = p->H < v->Hp - p->pad_t ? p->H : v->Hp - p->pad_t, cols = p->W < v->RW - p->pad_l ? p->W : v->RW - p->pad_l;
  if (rows <= 0 || cols <= 0) return;
  int64_t full = p->C / v->CW;
  int left = (int)(p->C % v->CW);
  if (full > 0) {
    lb_llvm_loop_t lc;
    lb_llvm_loop_begin(g, &lc, lb_llvm_i64(g, 0), lb_llvm_i64(g, full), 1);
    if (v->avx2) lb_vc_image_pair(g, v, n, lc.iv, 2, rows, cols, pad);
    else lb_vc_image_group(g, v, n, lc.iv, 4, rows, cols, pad);
    lb_llvm_loop_end(g, &lc);
  }
  if (left && v->avx2) lb_vc_image_pair(g, v, n, lb_llvm_i64(g, full), left, rows, cols, pad);
  else if (left) lb_vc_image_group(g, v, n, lb_llvm_i64(g, full), left, rows, cols, pad);
}

static LLVMValueRef lb_vc_splat(lb_llvm_cg_t *g, lb_vc_t *v, LLVMValueRef x) {
  LLVMValueRef ins = LLVMBuildInsertElement(g->b, LLVMGetPoison(v->v16), x, lb_llvm_i32(g, 0), "");
  return LLVMBuildShuffleVector(g->b, ins, LLVMGetPoison(v->v16), LLVMConstNull(LLVMVectorType(g->i32, (unsigned)v->L)), "");
}

/* <L x i64> of x in every lane. */
static LLVMValueRef lb_vc_k64(lb_llvm_cg_t *g, unsigned L, int64_t x) {
  LLVMValueRef e[16];
  for (unsigned i = 0; i < L; ++i) e[i] = lb_llvm_i64(g, x);
  return LLVMConstVector(e, L);
}

/* The reference's per-channel epilogue (lb__qg_col_rq_{i8,u8},
 * lb__qg_col_i32) on one whole vector of raw dot products, with the weight
 * zero point 0 (this kernel's condition): the accumulator comp + d modulo
 * 2^32, then floor((floor(acc * m / 2^(s-1)) + 1) / 2) in 64 bits (the
 * form of lb__requant; |acc * m| < 2^62, s in [1, 62], checked when the
 * step was matched), + zp, saturated to [lo, hi], stored as L codes; or
 * the int32 accumulators stored. */
static void lb_vc_vec_epilogue(lb_llvm_cg_t *g, lb_vc_t *v, LLVMValueRef d, LLVMValueRef comp, LLVMValueRef m, LLVMValueRef sh,
                               LLVMValueRef y) {
  const lb_qconv_gemm_params_t *p = v->p;
  LLVMValueRef acc = LLVMBuildAdd(g->b, d, lb_vc_splat(g, v, LLVMBuildTrunc(g->b, comp, g->i32, "")), "");
  LLVMValueRef st;
  if (!v->rq) {
    st = LLVMBuildStore(g->b, acc, y);
    LLVMSetAlignment(st, 4);
    return;
  }
  unsigned L = (unsigned)v->L;
  LLVMTypeRef q64 = LLVMVectorType(g->i64, L);
  LLVMValueRef m64 = LLVMBuildSExt(g->b, m, g->i64, ""), s1 = LLVMBuildSExt(g->b, LLVMBuildSub(g->b, sh, lb_llvm_i32(g, 1), ""), g->i64, "");
  LLVMValueRef ins = LLVMBuildInsertElement(g->b, LLVMGetPoison(q64), m64, lb_llvm_i32(g, 0), "");
  LLVMValueRef zeros = LLVMConstNull(LLVMVectorType(g->i32, L));
  LLVMValueRef mv = LLVMBuildShuffleVector(g->b, ins, LLVMGetPoison(q64), zeros, "");
  ins = LLVMBuildInsertElement(g->b, LLVMGetPoison(q64), s1, lb_llvm_i32(g, 0), "");
  LLVMValueRef sv = LLVMBuildShuffleVector(g->b, ins, LLVMGetPoison(q64), zeros, "");
  LLVMValueRef one = lb_vc_k64(g, L, 1), zp = lb_vc_k64(g, L, p->out_zp), lo = lb_vc_k64(g, L, p->qmin),
               hi = lb_vc_k64(g, L, p->qmax);
  LLVMValueRef t = LLVMBuildMul(g->b, LLVMBuildSExt(g->b, acc, q64, ""), mv, "");
  t = LLVMBuildAShr(g->b, LLVMBuildAdd(g->b, LLVMBuildAShr(g->b, t, sv, ""), one, ""), one, "");
  t = LLVMBuildAdd(g->b, t, zp, "");
  t = LLVMBuildSelect(g->b, LLVMBuildICmp(g->b, LLVMIntSLT, t, lo, ""), lo, t, "");
  t = LLVMBuildSelect(g->b, LLVMBuildICmp(g->b, LLVMIntSGT, t, hi, ""), hi, t, "");
  st = LLVMBuildStore(g->b, LLVMBuildTrunc(g->b, t, LLVMVectorType(g->i8, L), ""), y);
  LLVMSetAlignment(st, 1);
}

/* One tile: output channels oc0 .. oc0 + noc - 1, vectors q0 .. q0 + nv - 1
 * of image n. */
static void lb_vc_tile(lb_llvm_cg_t *g, lb_vc_t *v, int noc, int nv, LLVMValueRef n, LLVMValueRef oc0, LLVMValueRef q0) {
  const lb_qconv_gemm_params_t *p = v->p;
  LLVMValueRef oh[LB_VC_NV], ow0[LB_VC_NV], base[LB_VC_NV];
  for (int j = 0; j < nv; ++j) {
    LLVMValueRef q = LLVMBuildAdd(g->b, q0, lb_llvm_i64(g, j), "");
    oh[j] = LLVMBuildUDiv(g->b, q, lb_llvm_i64(g, v->VPR), "");
    ow0[j] = LLVMBuildMul(g->b, LLVMBuildURem(g->b, q, lb_llvm_i64(g, v->VPR), ""), lb_llvm_i64(g, v->L), "");
    /* element (row oh * stride_h, column ow0) of plane 0 */
    base[j] = LLVMBuildAdd(g->b, LLVMBuildMul(g->b, LLVMBuildMul(g->b, oh[j], lb_llvm_i64(g, p->stride_h), ""), lb_llvm_i64(g, v->RW), ""),
                           ow0[j], "");
  }
  LLVMValueRef zero = LLVMConstNull(v->v16), acc[LB_VC_NOC][LB_VC_NV];
  for (int o = 0; o < noc; ++o)
    for (int j = 0; j < nv; ++j) acc[o][j] = zero;
  lb_llvm_loop_t lc, lh, lw;
  /* three nested loops carrying the accumulators */
  lb_llvm_loop_begin(g, &lc, lb_llvm_i64(g, 0), lb_llvm_i64(g, v->CG), 1);
  LLVMValueRef a1[LB_VC_NOC][LB_VC_NV];
  for (int o = 0; o < noc; ++o)
    for (int j = 0; j < nv; ++j) a1[o][j] = lb_llvm_loop_phi(g, &lc, acc[o][j]);
  lb_llvm_loop_begin(g, &lh, lb_llvm_i64(g, 0), lb_llvm_i64(g, p->KH), 1);
  LLVMValueRef a2[LB_VC_NOC][LB_VC_NV];
  for (int o = 0; o < noc; ++o)
    for (int j = 0; j < nv; ++j) a2[o][j] = lb_llvm_loop_phi(g, &lh, a1[o][j]);
  lb_llvm_loop_begin(g, &lw, lb_llvm_i64(g, 0), lb_llvm_i64(g, p->KW), 1);
  LLVMValueRef a3[LB_VC_NOC][LB_VC_NV];
  for (int o = 0; o < noc; ++o)
    for (int j = 0; j < nv; ++j) a3[o][j] = lb_llvm_loop_phi(g, &lw, a2[o][j]);
  /* element offset of the tap in the planes: (cg * Hp + kh * dil_h) * RW + c,
   * c = kw * dil_w, or with a horizontal stride the entry of that column in
   * its phase, (c % SW) * Wq + c / SW (output ow reads column ow * SW + c) */
  LLVMValueRef kc = LLVMBuildMul(g->b, lw.iv, lb_llvm_i64(g, p->dil_w), "");
  if (v->SW > 1) {
    LLVMValueRef sw = lb_llvm_i64(g, v->SW);
    kc = LLVMBuildAdd(g->b, LLVMBuildMul(g->b, LLVMBuildURem(g->b, kc, sw, ""), lb_llvm_i64(g, v->Wq), ""),
                      LLVMBuildUDiv(g->b, kc, sw, ""), "");
  }
  LLVMValueRef tap = LLVMBuildAdd(
      g->b,
      LLVMBuildMul(g->b,
                   LLVMBuildAdd(g->b, LLVMBuildMul(g->b, lc.iv, lb_llvm_i64(g, v->Hp), ""),
                                LLVMBuildMul(g->b, lh.iv, lb_llvm_i64(g, p->dil_h), ""), ""),
                   lb_llvm_i64(g, v->RW), ""),
      kc, "");
  LLVMValueRef step = LLVMBuildAdd(
      g->b, LLVMBuildMul(g->b, LLVMBuildAdd(g->b, LLVMBuildMul(g->b, lc.iv, lb_llvm_i64(g, p->KH), ""), lh.iv, ""), lb_llvm_i64(g, p->KW), ""),
      lw.iv, "");
  LLVMValueRef xv[LB_VC_NV];
  for (int j = 0; j < nv; ++j) {
    LLVMValueRef off = LLVMBuildShl(g->b, LLVMBuildAdd(g->b, base[j], tap, ""), lb_llvm_i64(g, 2), "");
    xv[j] = LLVMBuildLoad2(g->b, v->v16, lb_llvm_gep(g, v->img, off), "");
    LLVMSetAlignment(xv[j], 4);
  }
  if (v->avx2) {
    /* per lane (position) the pair of 16-bit codes of channels 2 cp and
     * 2 cp + 1, against the broadcast pair of 16-bit weights: vpmaddwd
     * gives the 2-code dot product exactly */
    LLVMTypeRef h16 = LLVMVectorType(LLVMInt16TypeInContext(g->ctx), 16);
    for (int j = 0; j < nv; ++j) xv[j] = LLVMBuildBitCast(g->b, xv[j], h16, "");
    for (int o = 0; o < noc; ++o) {
      LLVMValueRef woff = LLVMBuildShl(
          g->b, LLVMBuildAdd(g->b, LLVMBuildMul(g->b, LLVMBuildAdd(g->b, oc0, lb_llvm_i64(g, o), ""), lb_llvm_i64(g, v->S), ""), step, ""),
          lb_llvm_i64(g, 2), "");
      LLVMValueRef w = LLVMBuildLoad2(g->b, g->i32, lb_llvm_gep(g, v->W, woff), "");
      LLVMSetAlignment(w, 4);
      LLVMValueRef ws = LLVMBuildBitCast(g->b, lb_vc_splat(g, v, w), h16, "");
      for (int j = 0; j < nv; ++j) {
        LLVMValueRef args[2] = {xv[j], ws};
        a3[o][j] = LLVMBuildAdd(g->b, a3[o][j], LLVMBuildCall2(g->b, v->dot_t, v->dot, args, 2, ""), "");
      }
    }
  }
  for (int o = 0; o < noc && !v->avx2; ++o) {
    LLVMValueRef woff = LLVMBuildShl(
        g->b, LLVMBuildAdd(g->b, LLVMBuildMul(g->b, LLVMBuildAdd(g->b, oc0, lb_llvm_i64(g, o), ""), lb_llvm_i64(g, v->S), ""), step, ""),
        lb_llvm_i64(g, 2), "");
    LLVMValueRef w = LLVMBuildLoad2(g->b, g->i32, lb_llvm_gep(g, v->W, woff), "");
    LLVMSetAlignment(w, 4);
    LLVMValueRef ins = LLVMBuildInsertElement(g->b, LLVMGetPoison(v->v16), w, lb_llvm_i32(g, 0), "");
    LLVMValueRef ws = LLVMBuildShuffleVector(g->b, ins, LLVMGetPoison(v->v16), LLVMConstNull(v->v16), "");
    if (v->arm) ws = LLVMBuildBitCast(g->b, ws, LLVMVectorType(g->i8, 16), "");
    for (int j = 0; j < nv; ++j) {
      LLVMValueRef xa = v->arm ? LLVMBuildBitCast(g->b, xv[j], LLVMVectorType(g->i8, 16), "") : xv[j];
      LLVMValueRef args[3] = {a3[o][j], xa, ws};
      a3[o][j] = LLVMBuildCall2(g->b, v->dot_t, v->dot, args, 3, "");
    }
  }
  for (int o = 0; o < noc; ++o)
    for (int j = 0; j < nv; ++j) lw.nexts[o * nv + j] = a3[o][j];
  lb_llvm_loop_end(g, &lw);
  for (int o = 0; o < noc; ++o)
    for (int j = 0; j < nv; ++j) lh.nexts[o * nv + j] = lb_llvm_loop_result(g, &lw, o * nv + j);
  lb_llvm_loop_end(g, &lh);
  for (int o = 0; o < noc; ++o)
    for (int j = 0; j < nv; ++j) lc.nexts[o * nv + j] = lb_llvm_loop_result(g, &lh, o * nv + j);
  lb_llvm_loop_end(g, &lc);
  for (int o = 0; o < noc; ++o)
    for (int j = 0; j < nv; ++j) acc[o][j] = lb_llvm_loop_result(g, &lc, o * nv + j);

  /* epilogue: raw dot products to the tile, then the reference's per-channel store */
  for (int o = 0; o < noc; ++o) {
    LLVMValueRef oc = LLVMBuildAdd(g->b, oc0, lb_llvm_i64(g, o), "");
    LLVMValueRef comp = LLVMBuildLoad2(g->b, g->i64, lb_llvm_gep(g, v->comp, LLVMBuildShl(g->b, oc, lb_llvm_i64(g, 3), "")), "");
    LLVMValueRef m = NULL, sh = NULL;
    if (v->rq) {
      LLVMValueRef moff = p->mult_per_channel ? LLVMBuildShl(g->b, oc, lb_llvm_i64(g, 2), "") : lb_llvm_i64(g, 0);
      m = LLVMBuildLoad2(g->b, g->i32, lb_llvm_gep(g, v->mult, moff), "");
      sh = LLVMBuildLoad2(g->b, g->i32, lb_llvm_gep(g, v->shift, moff), "");
    }
    for (int j = 0; j < nv; ++j) {
      LLVMValueRef left = LLVMBuildSub(g->b, lb_llvm_i64(g, p->OW), ow0[j], "");
      LLVMValueRef yoff = LLVMBuildAdd(
          g->b,
          LLVMBuildMul(g->b,
                       LLVMBuildAdd(g->b, LLVMBuildMul(g->b, LLVMBuildAdd(g->b, LLVMBuildMul(g->b, n, lb_llvm_i64(g, p->OC), ""), oc, ""),
                                                       lb_llvm_i64(g, p->OH), ""),
                                    oh[j], ""),
                       lb_llvm_i64(g, p->OW), ""),
          ow0[j], "");
      LLVMValueRef y = lb_llvm_gep(g, v->y, v->rq ? yoff : LLVMBuildShl(g->b, yoff, lb_llvm_i64(g, 2), ""));
      /* a whole vector of positions: the epilogue on the vector, stored at once */
      LLVMBasicBlockRef join = NULL;
      if (v->vepi) {
        LLVMValueRef full = LLVMBuildICmp(g->b, LLVMIntSGE, left, lb_llvm_i64(g, v->L), "");
        LLVMValueRef fn = LLVMGetBasicBlockParent(LLVMGetInsertBlock(g->b));
        LLVMBasicBlockRef vb = LLVMAppendBasicBlockInContext(g->ctx, fn, "epi.vec");
        LLVMBasicBlockRef sb = LLVMAppendBasicBlockInContext(g->ctx, fn, "epi.part");
        join = LLVMAppendBasicBlockInContext(g->ctx, fn, "epi.done");
        if (p->OW % v->L == 0) LLVMBuildBr(g->b, vb); /* every vector is whole */
        else LLVMBuildCondBr(g->b, full, vb, sb);
        LLVMPositionBuilderAtEnd(g->b, vb);
        lb_vc_vec_epilogue(g, v, acc[o][j], comp, m, sh, y);
        LLVMBuildBr(g->b, join);
        LLVMPositionBuilderAtEnd(g->b, sb);
      }
      LLVMValueRef d = lb_llvm_gep(g, v->tile, lb_llvm_i64(g, 4 * (o * LB_VC_NV * 16 + v->L * j)));
      LLVMValueRef st = LLVMBuildStore(g->b, acc[o][j], d);
      LLVMSetAlignment(st, (unsigned)(4 * v->L));
      LLVMValueRef L = LLVMBuildSelect(g->b, LLVMBuildICmp(g->b, LLVMIntSLT, left, lb_llvm_i64(g, v->L), ""), left, lb_llvm_i64(g, v->L), "");
      if (v->rq) {
        LLVMValueRef args[11] = {L,  d,  d,  comp, lb_llvm_i64(g, 0), m, sh, lb_llvm_i32(g, p->out_zp), lb_llvm_i32(g, p->qmin),
                                 lb_llvm_i32(g, p->qmax), y};
        LLVMBuildCall2(g->b, v->epi_t, v->epi, args, 11, "");
      } else {
        LLVMValueRef args[6] = {L, d, d, comp, lb_llvm_i64(g, 0), y};
        LLVMBuildCall2(g->b, v->epi_t, v->epi, args, 6, "");
      }
      if (join) {
        LLVMBuildBr(g->b, join);
        LLVMPositionBuilderAtEnd(g->b, join);
      }
    }
  }
}

/* All the vectors of image n for the output channels oc0 .. oc0 + noc - 1. */
static void lb_vc_channels(lb_llvm_cg_t *g, lb_vc_t *v, int noc, LLVMValueRef n, LLVMValueRef oc0) {
  int64_t Qf = v->Q / v->nv * v->nv;
  if (Qf > 0) {
    lb_llvm_loop_t l;
    lb_llvm_loop_begin(g, &l, lb_llvm_i64(g, 0), lb_llvm_i64(g, Qf), v->nv);
    lb_vc_tile(g, v, noc, v->nv, n, oc0, l.iv);
    lb_llvm_loop_end(g, &l);
  }
  if (v->Q % v->nv) lb_vc_tile(g, v, noc, (int)(v->Q % v->nv), n, oc0, lb_llvm_i64(g, Qf));
}

/* The tile shape: at most 24 accumulators (with the 4..8 image vectors and
 * a broadcast, within 32 zmm registers), chosen for the fewest cycles of a
 * simple model: a tile step costs max(channels x vectors, 10) (vpdpbusd
 * needs about 10 independent accumulators to hide its latency at two per
 * cycle) plus its loads and broadcasts, over all the full and edge tiles. */
/* With AVX2 (16 ymm registers: the accumulators, the image vectors and a
 * weight broadcast) at most 10 accumulators, and vpmaddwd wants about 6
 * independent ones (measured on Zen 3, the digits-sized CNN of make bench:
 * 3 x 2 beat 2 x 4, 3 x 3, 4 x 2 and the 12-accumulator shapes, which
 * spill). */
static void lb_vc_shape(lb_vc_t *v, int64_t OC) {
  static const int shapes[][2] = {{6, 4}, {8, 3}, {4, 6}, {3, 8}, {12, 2}, {4, 4}, {5, 4}, {7, 3}};
  static const int shapes2[][2] = {{3, 2}, {2, 3}, {6, 1}, {4, 1}, {2, 2}};
  const int(*sh)[2] = v->avx2 ? shapes2 : shapes;
  int nshapes = v->avx2 ? (int)(sizeof shapes2 / sizeof shapes2[0]) : (int)(sizeof shapes / sizeof shapes[0]);
  double best = 0, lat = v->avx2 ? 6 : 10;
  for (int i = 0; i < nshapes; ++i) {
    int a = sh[i][0], b = sh[i][1];
    double cost = 0;
    for (int pass = 0; pass < 4; ++pass) {
      int64_t na = pass & 1 ? (OC % a ? 1 : 0) : OC / a, nb = pass & 2 ? (v->Q % b ? 1 : 0) : v->Q / b;
      int ta = pass & 1 ? (int)(OC % a) : a, tb = pass & 2 ? (int)(v->Q % b) : b;
      double step = (ta * tb > lat ? ta * tb : lat) + 0.5 * (ta + tb);
      cost += (double)na * (double)nb * step;
    }
    if (i == 0 || cost < best) {
      best = cost;
      v->noc = a;
      v->nv = b;
    }
  }
}

/* Output-channel blocks [lo, hi) of image n (the last may be narrower). */
static void lb_vc_blocks(lb_llvm_cg_t *g, lb_vc_t *v, LLVMValueRef n, LLVMValueRef lo, LLVMValueRef hi) {
  int64_t nfull = v->p->OC / v->noc;
  if (nfull > 0) {
    LLVMValueRef nf = lb_llvm_i64(g, nfull);
    LLVMValueRef hf = LLVMBuildSelect(g->b, LLVMBuildICmp(g->b, LLVMIntSLT, hi, nf, ""), hi, nf, "");
    LLVMBasicBlockRef join = lb_llvm_if(g, LLVMBuildICmp(g->b, LLVMIntSLT, lo, hf, ""));
    lb_llvm_loop_t l;
    lb_llvm_loop_begin(g, &l, lo, hf, 1);
    lb_vc_channels(g, v, v->noc, n, LLVMBuildMul(g->b, l.iv, lb_llvm_i64(g, v->noc), ""));
    lb_llvm_loop_end(g, &l);
    lb_llvm_endif(g, join);
  }
  if (v->p->OC % v->noc) {
    LLVMBasicBlockRef join = lb_llvm_if(g, LLVMBuildICmp(g->b, LLVMIntSGT, hi, lb_llvm_i64(g, nfull), ""));
    lb_vc_channels(g, v, (int)(v->p->OC % v->noc), n, lb_llvm_i64(g, nfull * v->noc));
    lb_llvm_endif(g, join);
  }
}

/* Every output channel of image n: on this thread, or (--threads, enough
 * work) split by channel blocks over lb_parallel_for. */
static void lb_vc_image_blocks(lb_llvm_cg_t *g, lb_vc_t *v, LLVMValueRef n) {
  const lb_qconv_gemm_params_t *p = v->p;
  int64_t nblocks = (p->OC + v->noc - 1) / v->noc;
  if (g->threads <= 1 || nblocks < 2 || p->OC * p->OH * p->OW * p->C * p->KH * p->KW < LB_LLVM_PAR_MIN_MACS) {
    lb_vc_blocks(g, v, n, lb_llvm_i64(g, 0), lb_llvm_i64(g, nblocks));
    return;
  }
  LLVMTypeRef fields[7] = {g->ptr, g->ptr, g->ptr, g->ptr, g->ptr, g->ptr, g->i64};
  LLVMTypeRef ct = LLVMStructTypeInContext(g->ctx, fields, 7, 0);
  char nm[64];
  snprintf(nm, sizeof nm, "lb.vnni.qconv.range.%d", g->uid++);
  LLVMTypeRef pt[3] = {g->ptr, g->i64, g->i64};
  LLVMValueRef fn = LLVMAddFunction(g->mod, nm, LLVMFunctionType(g->vd, pt, 3, 0));
  LLVMSetLinkage(fn, LLVMInternalLinkage);
  lb_llvm_set_fn_target(g, fn);
  LLVMBasicBlockRef saved = LLVMGetInsertBlock(g->b);
  LLVMPositionBuilderAtEnd(g->b, LLVMAppendBasicBlockInContext(g->ctx, fn, "entry"));
  lb_vc_t w = *v;
  LLVMValueRef ctx = LLVMGetParam(fn, 0), *dst[6] = {&w.x, &w.y, &w.mult, &w.shift, &w.comp, &w.img};
  for (unsigned i = 0; i < 6; ++i) *dst[i] = LLVMBuildLoad2(g->b, g->ptr, LLVMBuildStructGEP2(g->b, ct, ctx, i, ""), "");
  LLVMValueRef wn = LLVMBuildLoad2(g->b, g->i64, LLVMBuildStructGEP2(g->b, ct, ctx, 6, ""), "");
  w.tile = LLVMBuildAlloca(g->b, LLVMArrayType2(g->i32, LB_VC_NOC * LB_VC_NV * 16), "tile");
  LLVMSetAlignment(w.tile, 64);
  lb_vc_blocks(g, &w, wn, LLVMGetParam(fn, 1), LLVMGetParam(fn, 2));
  LLVMBuildRetVoid(g->b);
  LLVMPositionBuilderAtEnd(g->b, saved);
  LLVMValueRef src[7] = {v->x, v->y, v->mult, v->shift, v->comp, v->img, n};
  for (unsigned i = 0; i < 7; ++i) LLVMBuildStore(g->b, src[i], LLVMBuildStructGEP2(g->b, ct, v->ctx, i, ""));
  LLVMValueRef args[4] = {lb_llvm_i64(g, nblocks), fn, v->ctx, lb_llvm_i32(g, g->threads)};
  LLVMBuildCall2(g->b, g->par_for_t, g->par_for, args, 4, "");
}

bool lb_llvm_dot_conv_step(lb_llvm_cg_t *g, const lb_plan_step_t *s, LLVMValueRef *ptrs) {
  lb_vc_t v;
  memset(&v, 0, sizeof v);
  if (!strcmp(g->arch, "x86_64") && lb_llvm_has_feature(g, "avx512vnni")) v.L = 16;
  else if (!strcmp(g->arch, "aarch64") && lb_llvm_has_feature(g, "dotprod")) v.L = 4, v.arm = true;
  else if (!strcmp(g->arch, "x86_64") && lb_llvm_has_feature(g, "avx2")) v.L = 8, v.avx2 = true;
  else return false;
  if (!lb_vc_match(s->kernel->name, &v) || s->nin != (v.rq ? 7 : 5)) return false;
  const lb_qconv_gemm_params_t *p = (const lb_qconv_gemm_params_t *)s->params;
  v.p = p;
  if (p->group != 1 || p->stride_w < 1 || p->stride_w > 4 || p->N < 1 || p->C < 1 || p->OC < 1 || p->OH < 1 || p->OW < 1 || p->KH < 1 ||
      p->KW < 1 || p->stride_h < 1 || p->dil_h < 1 || p->dil_w < 1)
    return false;
  int64_t K = p->C * p->KH * p->KW;
  if (p->Kp < K) return false;
  const lb_plan_tensor_t *w = lb_vc_const(g->plan, s->in[1]), *wz = lb_vc_const(g->plan, s->in[2]),
                         *comp = lb_vc_const(g->plan, s->in[3]);
  if (!w || !wz || !comp || w->dtype != LB_DT_I8 || wz->dtype != LB_DT_I32 || comp->dtype != LB_DT_I64) return false;
  int64_t nwz = p->w_zp_per_channel ? p->OC : 1;
  if (w->nbytes < p->OC * p->Kp || wz->nbytes < nwz * 4 || comp->nbytes < p->OC * 8) return false;
  for (int64_t i = 0; i < nwz; ++i)
    if (((const int32_t *)wz->data)[i] != 0) return false;
  const char *epi = v.rq ? (v.out_u8 ? "lb__qg_col_rq_u8" : "lb__qg_col_rq_i8") : "lb__qg_col_i32";
  v.epi = LLVMGetNamedFunction(g->mod, epi);
  if (!v.epi || LLVMIsDeclaration(v.epi) || LLVMCountParams(v.epi) != (v.rq ? 11u : 6u)) return false;
  v.epi_t = LLVMGlobalGetValueType(v.epi);
  v.v16 = LLVMVectorType(g->i32, (unsigned)v.L);
  v.flipx = v.signed_x != v.arm ? 0x80 : 0;
  if (v.arm) {
    static const char dn[] = "llvm.aarch64.neon.sdot";
    unsigned id = LLVMLookupIntrinsicID(dn, sizeof dn - 1);
    if (!id) return false;
    LLVMTypeRef ov[2] = {v.v16, LLVMVectorType(g->i8, 16)};
    v.dot = LLVMGetIntrinsicDeclaration(g->mod, id, ov, 2);
    v.dot_t = LLVMIntrinsicGetType(g->ctx, id, ov, 2);
  } else if (v.avx2) {
    if (!(v.dot = lb_llvm_intrinsic(g, "llvm.x86.avx2.pmadd.wd", &v.dot_t))) return false;
  } else if (!(v.dot = lb_llvm_vpdpbusd(g, &v.dot_t))) {
    return false;
  }
  v.CW = v.avx2 ? 2 : 4;
  v.CG = (p->C + v.CW - 1) / v.CW;
  v.S = v.CG * p->KH * p->KW;
  v.Hp = (p->OH - 1) * p->stride_h + (p->KH - 1) * p->dil_h + 1;
  v.VPR = (p->OW + v.L - 1) / v.L;
  v.SW = p->stride_w;
  v.Wq = v.VPR * v.L + (p->KW - 1) * p->dil_w / v.SW; /* entries per phase: the last vector at the farthest tap */
  v.RW = v.SW * v.Wq;
  v.Q = p->OH * v.VPR;
  int64_t img = v.CG * v.Hp * v.RW * 4;
  if (img > ((int64_t)1 << 31) || p->OC * v.S * 4 > ((int64_t)1 << 31)) return false;

  /* W'[oc][cg][kh][kw][j] from the reference rows [oc][(kh * KW + kw) * C + c]:
   * 4 codes per entry, or with AVX2 2 codes as int16 */
  int64_t wn = p->OC * v.S * v.CW, esz = v.avx2 ? 2 : 1;
  uint8_t *W = calloc((size_t)wn, (size_t)esz);
  if (!W) return false;
  const int8_t *wd = (const int8_t *)w->data;
  for (int64_t oc = 0; oc < p->OC; ++oc)
    for (int64_t kh = 0; kh < p->KH; ++kh)
      for (int64_t kw = 0; kw < p->KW; ++kw)
        for (int64_t c = 0; c < p->C; ++c) {
          int64_t i = oc * v.S * v.CW + (((c / v.CW) * p->KH + kh) * p->KW + kw) * v.CW + c % v.CW;
          int8_t code = wd[oc * p->Kp + (kh * p->KW + kw) * p->C + c];
          if (v.avx2) {
            int16_t h = code;
            memcpy(W + 2 * i, &h, 2);
          } else {
            W[i] = (uint8_t)code;
          }
        }
  v.W = lb_llvm_const_bytes(g, W, wn * esz, v.avx2 ? "avx2.convw" : "vnni.convw");
  free(W);
  /* sdot reads x' - 128 (x' the reference's unsigned codes, padding too):
   * comp + 128 x the channel's weight sum */
  LLVMValueRef compv = NULL;
  if (v.arm) {
    int64_t *c2 = malloc((size_t)p->OC * sizeof *c2);
    if (!c2) return false;
    for (int64_t oc = 0; oc < p->OC; ++oc) {
      int64_t sw = 0;
      for (int64_t k = 0; k < K; ++k) sw += wd[oc * p->Kp + k];
      c2[oc] = (int64_t)((uint64_t)((const int64_t *)comp->data)[oc] + (uint64_t)(sw * 128));
    }
    compv = lb_llvm_const_bytes(g, c2, p->OC * 8, "vnni.convcomp");
    free(c2);
  }
  if (img > g->extra_scratch) g->extra_scratch = img;
  /* the epilogue on vectors where every shift is known and in [1, 62] */
  v.vepi = !v.rq;
  if (v.rq) {
    const lb_plan_tensor_t *mt = lb_vc_const(g->plan, s->in[4]), *st = lb_vc_const(g->plan, s->in[5]);
    int64_t nm = p->mult_per_channel ? p->OC : 1;
    v.vepi = mt && st && mt->dtype == LB_DT_I32 && st->dtype == LB_DT_I32 && mt->nbytes >= nm * 4 && st->nbytes >= nm * 4;
    for (int64_t i = 0; v.vepi && i < nm; ++i) {
      int32_t sv = ((const int32_t *)st->data)[i], mv = ((const int32_t *)mt->data)[i];
      v.vepi = sv >= 1 && sv <= 62 && mv >= 0;
    }
  }
  lb_vc_shape(&v, p->OC);

  char nm[64];
  snprintf(nm, sizeof nm, "lb.vnni.qconv.%d", g->uid++);
  LLVMTypeRef pt[6] = {g->ptr, g->ptr, g->ptr, g->ptr, g->ptr, g->ptr};
  LLVMTypeRef ft = LLVMFunctionType(g->vd, pt, 6, 0);
  LLVMValueRef fn = LLVMAddFunction(g->mod, nm, ft);
  LLVMSetLinkage(fn, LLVMInternalLinkage);
  lb_llvm_set_fn_target(g, fn);
  LLVMBasicBlockRef saved = LLVMGetInsertBlock(g->b);
  LLVMPositionBuilderAtEnd(g->b, LLVMAppendBasicBlockInContext(g->ctx, fn, "entry"));
  v.x = LLVMGetParam(fn, 0);
  v.y = LLVMGetParam(fn, 1);
  v.mult = LLVMGetParam(fn, 2);
  v.shift = LLVMGetParam(fn, 3);
  v.comp = LLVMGetParam(fn, 4);
  v.img = LLVMGetParam(fn, 5);
  v.tile = LLVMBuildAlloca(g->b, LLVMArrayType2(g->i32, LB_VC_NOC * LB_VC_NV * 16), "tile");
  LLVMSetAlignment(v.tile, 64);
  {
    LLVMTypeRef fields[7] = {g->ptr, g->ptr, g->ptr, g->ptr, g->ptr, g->ptr, g->i64};
    v.ctx = LLVMBuildAlloca(g->b, LLVMStructTypeInContext(g->ctx, fields, 7, 0), "ctx");
  }
  static const char ms[] = "llvm.memset";
  unsigned mid = LLVMLookupIntrinsicID(ms, sizeof ms - 1);
  LLVMTypeRef ov[2] = {g->ptr, g->i64};
  LLVMValueRef memset = LLVMGetIntrinsicDeclaration(g->mod, mid, ov, 2);
  LLVMTypeRef memset_t = LLVMIntrinsicGetType(g->ctx, mid, ov, 2);
  lb_llvm_loop_t ln;
  lb_llvm_loop_begin(g, &ln, lb_llvm_i64(g, 0), lb_llvm_i64(g, p->N), 1);
  lb_vc_image(g, &v, ln.iv, memset, memset_t);
  lb_vc_image_blocks(g, &v, ln.iv);
  lb_llvm_loop_end(g, &ln);
  LLVMBuildRetVoid(g->b);

  LLVMPositionBuilderAtEnd(g->b, saved);
  LLVMValueRef null = LLVMConstPointerNull(g->ptr);
  if (!compv) compv = ptrs[3];
  LLVMValueRef args[6] = {ptrs[0], ptrs[s->nin], v.rq ? ptrs[4] : null, v.rq ? ptrs[5] : null, compv, g->extra_base};
  LLVMBuildCall2(g->b, ft, fn, args, 6, "");
  return true;
}
