/* x86 AVX-512 VNNI kernels for the LLVM backend: the packed integer
 * matmul (lb.qmatmul, b_layout "nk": the reference kernels
 * lb_k_qmatmul_nk[_rq]_{i8,u8}i8[_{i8,u8}] of runtime/kernels/qgemm.c)
 * specialized to its step's shapes, on vpdpbusd.
 *
 * Weights. The step's [N, Kp] weight codes are repacked here, once, into
 * the layout vpdpbusd consumes with output channels in the vector lanes:
 * panels of 64 output channels (four zmm registers of 16 int32 lanes), and
 * in each panel, per group of 4 consecutive k, 64 channels x 4 codes
 *   W[panel][kg][c][j] = b[64 panel + c][4 kg + j]   (zero past N and K),
 * so a panel is one sequential stream (the last panel is as wide as its
 * channels rounded up to 16). The accumulator's constant part comp (bias
 * and zero-point corrections, computed when the plan was built) becomes an
 * int32 table: the reference kernel adds it modulo 2^32 too.
 *
 * Code. Per panel and per tile of 4 rows of a (then the 1..3 rows left), 16
 * accumulators (4 rows x 4 zmm) run over k, each step one broadcast of 4
 * activation codes per row (flipped to unsigned with ^0x80 for int8
 * activations, as the reference does) and one vpdpbusd per accumulator
 * with the panel's next 64 bytes; a K that is not a multiple of 4 ends in
 * a group assembled byte by byte (no read past a row of a). The epilogue
 * adds comp and stores the 4 x 64 tile to a stack buffer in L1, then runs
 * the reference kernel's own row epilogue (lb__qg_requant_{i8,u8}, the
 * float lb__qg_requant_fp_{i8,u8}, lb__qg_dequant_f32 or lb__qg_store_i32,
 * linked from the bitcode and inlined), so requantization rounds exactly
 * as lb.requantize does; the int32 accumulators never reach a full output
 * tensor.
 *
 * Exactness: vpdpbusd adds four u8 x s8 products (each within 16 bits)
 * into an int32 lane without saturation, i.e. exactly the reference's dot
 * products, which the compiler proved to fit int32 before choosing these
 * kernels. Weight zero points must be zero (symmetric weights, the usual
 * case); a step with non-zero ones keeps its reference kernel.
 *
 * AVX2 has no 4-code dot product. With 8-bit weights the kernel runs on
 * vpmaddwd over pairs of k as 16-bit codes (panels of 16 channels, 2 bytes
 * per lane and pair, sign-extended on load). With packed 2-, 3- and 4-bit
 * weights it keeps vpdpbusd's 4-bit panels on 8 lanes and makes the 4-code
 * dot product from vpmaddubsw (u8 activation codes x weight codes + 8:
 * pair sums at most 7650, no saturation), the two k units of a byte added
 * in int16 (at most 15300), and one vpmaddwd by ones into the int32
 * lanes: 5 instructions per 64 products per lane group instead of 8. */
#include <llvm-c/Core.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "codegen/llvm/llvm_cg.h"
#include "runtime/kernels/qgemm.h"

#define LB_VN_MRMAX 6  /* rows of a per tile: 6 (24 accumulators), 4 with 4-bit weights (their unpacked halves take 8 registers) */
#define LB_VN_MB 64    /* rows per block when K is blocked or rows are flipped (= LB_QG_ROWS) */

typedef struct {
  bool signed_a, rq, rqf, dq, out_u8; /* rq: the requantization fused, rqf the float one, dq the dequantization (f32 out) */
  int wbits;   /* the step's weight codes: 8 (nk), 4, 3 or 2 (nk4, nk3, nk2: repacked as 4-bit) */
  bool four;   /* 4-bit panels: two k groups per byte of nibbles, offset by 8 */
  int mr;      /* rows per tile */
  int64_t KU;  /* k units the inner loop runs over: groups of 4 k (8-bit) or pairs of groups (4-bit) */
  int64_t M, N, K, Kp, KG, KS, P, KC; /* KS: k units per panel row of the packed weights */ /* KC: k groups per K block, 0 = K not blocked */
  const lb_qgemm_params_t *p;
  LLVMValueRef W, comp, tile, partial, a, t, rs, y, mult, shift;
  bool flip; /* rows copied into the workspace t per row block: signed activations (flipped) and 4-bit panels */
  LLVMValueRef memset;
  LLVMTypeRef memset_t;
  LLVMValueRef dot; /* llvm.x86.avx512.vpdpbusd.512 or llvm.aarch64.neon.sdot.v4i32.v16i8 */
  LLVMTypeRef dot_t, v16; /* v16: the accumulator vector, L lanes of i32 */
  bool arm;   /* AArch64 sdot (s8 x s8) instead of x86 vpdpbusd (u8 x s8) */
  bool avx2;  /* x86 AVX2 vpmaddwd on 16-bit codes (pairs of k) instead of vpdpbusd */
  bool ubsw;  /* x86 AVX2 with sub-byte weights: vpdpbusd's layout, its dot product as vpmaddubsw + vpmaddwd */
  LLVMValueRef ubsw_fn, ones; /* llvm.x86.avx2.pmadd.ub.sw; 16 x i16 1 */
  LLVMTypeRef ubsw_t;
  int64_t pf; /* prefetch distance in the weight stream, bytes (0: none) */
  LLVMValueRef pf_fn;
  LLVMTypeRef pf_t;
  int L;      /* i32 lanes per vector: 16 (zmm), 8 (ymm) or 4 (NEON) */
  int UB;     /* bytes per lane per k unit of the packed weights: 4 (a group of 4 k), 2 with AVX2 (a pair) */
  int AB;     /* bytes per activation code in the workspace rows: 1, 2 with AVX2 (zero-extended) */
  int NZ;     /* vectors per panel: 4, 2 with AVX2 (16 ymm registers) */
  int64_t MB; /* rows per block when K is blocked or rows are copied (LB_VN_MB; 32 int16 rows with AVX2) */
  int64_t RB; /* rows per block: MB, or all of M when neither */
  int64_t PW; /* output channels per panel: NZ vectors */
  LLVMValueRef epi; /* the row epilogue */
  LLVMTypeRef epi_t;
} lb_vn_t;

static const lb_plan_tensor_t *lb_vn_const(const lb_plan_t *plan, int32_t id) {
  if (id < 0) return NULL;
  const lb_plan_tensor_t *t = &plan->tensors[lb_plan_root(plan, id)];
  return t->mem == LB_MEM_CONST ? t : NULL;
}

/* Which reference kernel: qmatmul_nk_{i8,u8}i8, qmatmul_nk_{rq,rqf}_{i8,u8}i8_{i8,u8},
 * qmatmul_nk_dq_{i8,u8}i8, or the packed-weight
 * qmatmul_nk{4,3,2}[_{rq,rqf}]_{i8,u8}[_{i8,u8}] and qmatmul_nk{4,3,2}_dq_{i8,u8}. */
static bool lb_vn_match(const char *name, lb_vn_t *v) {
  const char *p = name;
  if (strncmp(p, "qmatmul_nk", 10)) return false;
  p += 10;
  v->wbits = 8;
  if (*p >= '2' && *p <= '4') v->wbits = *p++ - '0';
  if (*p++ != '_') return false;
  v->rq = !strncmp(p, "rq_", 3);
  v->rqf = !strncmp(p, "rqf_", 4);
  v->dq = !strncmp(p, "dq_", 3);
  if (v->rq || v->dq) p += 3;
  if (v->rqf) p += 4;
  if (v->wbits == 8) {
    if (!strncmp(p, "i8i8", 4)) v->signed_a = true;
    else if (!strncmp(p, "u8i8", 4)) v->signed_a = false;
    else return false;
    p += 4;
  } else {
    if (!strncmp(p, "i8", 2)) v->signed_a = true;
    else if (!strncmp(p, "u8", 2)) v->signed_a = false;
    else return false;
    p += 2;
  }
  if (!v->rq && !v->rqf) return *p == 0;
  if (!strcmp(p, "_i8")) v->out_u8 = false;
  else if (!strcmp(p, "_u8")) v->out_u8 = true;
  else return false;
  return true;
}

/* Code k of row n of the step's weights, in their packed form (the
 * layouts of runtime/kernels/qgemm.c: nk int8 rows of Kp codes; nk4 rows of
 * Kp/2 bytes, chunk byte j = codes j and j+32; nk2 rows of Kp/4, byte j =
 * codes j, j+16, j+32, j+48; nk3 rows of 3Kp/8, 24-bit groups of 8 codes). */
static int lb_vn_code(const lb_vn_t *v, const uint8_t *b, int64_t n, int64_t k) {
  int64_t Kp = v->Kp, c = k / 64 * 64, j = k % 64;
  switch (v->wbits) {
    case 8: return (int8_t)b[n * Kp + k];
    case 4: {
      uint8_t x = b[(n * Kp + c) / 2 + j % 32];
      return (int)(((j < 32 ? x & 15 : x >> 4) ^ 8)) - 8;
    }
    case 2: {
      uint8_t x = b[(n * Kp + c) / 4 + j % 16];
      return (int)(((x >> (2 * (j / 16))) & 3) ^ 2) - 2;
    }
    default: {
      const uint8_t *in = b + (n * Kp + c) / 8 * 3 + 3 * (j / 8);
      uint32_t u = (uint32_t)in[0] | (uint32_t)in[1] << 8 | (uint32_t)in[2] << 16;
      return (int)(((u >> (3 * (j % 8))) & 7u) ^ 4u) - 4;
    }
  }
}

static LLVMValueRef lb_vn_splat(lb_llvm_cg_t *g, lb_vn_t *v, LLVMValueRef x) {
  LLVMValueRef ins = LLVMBuildInsertElement(g->b, LLVMGetPoison(v->v16), x, lb_llvm_i32(g, 0), "");
  return LLVMBuildShuffleVector(g->b, ins, LLVMGetPoison(v->v16), LLVMConstNull(LLVMVectorType(g->i32, (unsigned)v->L)), "");
}

/* acc + the 4-code dot products of a (activation codes) and w (weight
 * codes) per lane: vpdpbusd (u8 x s8) or sdot (s8 x s8, on bytes). */
static LLVMValueRef lb_vn_dot(lb_llvm_cg_t *g, lb_vn_t *v, LLVMValueRef acc, LLVMValueRef a, LLVMValueRef w) {
  if (v->avx2) { /* vpmaddwd: lane += a[2i] w[2i] + a[2i+1] w[2i+1], 16-bit codes, exact */
    LLVMTypeRef h16 = LLVMVectorType(LLVMInt16TypeInContext(g->ctx), 16);
    LLVMValueRef args[2] = {LLVMBuildBitCast(g->b, a, h16, ""), w};
    return LLVMBuildAdd(g->b, acc, LLVMBuildCall2(g->b, v->dot_t, v->dot, args, 2, ""), "");
  }
  if (v->arm) {
    LLVMTypeRef b16 = LLVMVectorType(g->i8, 16);
    a = LLVMBuildBitCast(g->b, a, b16, "");
    w = LLVMBuildBitCast(g->b, w, b16, "");
  }
  LLVMValueRef args[3] = {acc, a, w};
  return LLVMBuildCall2(g->b, v->dot_t, v->dot, args, 3, "");
}

/* 4 codes of a row at k = 4 kg as an i32 broadcast: from the flipped rows
 * in the workspace (row `rel` of the block; padded with zeros, so a tail
 * group is a whole load too), or straight from a (row `row`; a tail group
 * of 1..3 codes is assembled byte by byte, nothing is read past the row). */
static LLVMValueRef lb_vn_act(lb_llvm_cg_t *g, lb_vn_t *v, LLVMValueRef row, LLVMValueRef rel, LLVMValueRef kg, int64_t tail) {
  LLVMValueRef k4 = LLVMBuildShl(g->b, kg, lb_llvm_i64(g, 2), "");
  LLVMValueRef x;
  if (v->flip) {
    LLVMValueRef off = LLVMBuildAdd(g->b, LLVMBuildMul(g->b, rel, lb_llvm_i64(g, v->Kp * v->AB), ""), k4, "");
    x = LLVMBuildLoad2(g->b, g->i32, lb_llvm_gep(g, v->t, off), "");
    LLVMSetAlignment(x, 4);
    return lb_vn_splat(g, v, x);
  }
  LLVMValueRef off = LLVMBuildAdd(g->b, LLVMBuildMul(g->b, row, lb_llvm_i64(g, v->K), ""), k4, "");
  if (!tail) {
    x = LLVMBuildLoad2(g->b, g->i32, lb_llvm_gep(g, v->a, off), "");
    LLVMSetAlignment(x, 1);
  } else {
    x = lb_llvm_i32(g, 0);
    for (int64_t j = 0; j < tail; ++j) {
      LLVMValueRef c = LLVMBuildLoad2(g->b, g->i8, lb_llvm_gep(g, v->a, LLVMBuildAdd(g->b, off, lb_llvm_i64(g, j), "")), "");
      if (v->arm && !v->signed_a) c = LLVMBuildXor(g->b, c, LLVMConstInt(g->i8, 0x80, 0), "");
      c = LLVMBuildShl(g->b, LLVMBuildZExt(g->b, c, g->i32, ""), lb_llvm_i32(g, (int32_t)(8 * j)), "");
      x = LLVMBuildOr(g->b, x, c, "");
    }
  }
  return lb_vn_splat(g, v, x);
}

/* Rows [mb0, mb0 + rows) into the workspace as rows of Kp codes, zero past
 * K (signed activations flipped to unsigned, ^0x80: the reference kernel's
 * a + 128), so the broadcasts in the inner loop are plain loads; for 4-bit
 * panels also each row's code sum (after the rows, at rs). */
static void lb_vn_flip_rows(lb_llvm_cg_t *g, lb_vn_t *v, LLVMValueRef mb0, int64_t rows) {
  lb_llvm_loop_t lr, lk;
  lb_llvm_loop_begin(g, &lr, lb_llvm_i64(g, 0), lb_llvm_i64(g, rows), 1);
  LLVMValueRef src = lb_llvm_gep(g, v->a, LLVMBuildMul(g->b, LLVMBuildAdd(g->b, mb0, lr.iv, ""), lb_llvm_i64(g, v->K), ""));
  LLVMValueRef dst = lb_llvm_gep(g, v->t, LLVMBuildMul(g->b, lr.iv, lb_llvm_i64(g, v->Kp * v->AB), ""));
  lb_llvm_loop_begin(g, &lk, lb_llvm_i64(g, 0), lb_llvm_i64(g, v->K), 1);
  LLVMValueRef sum = v->four ? lb_llvm_loop_phi(g, &lk, lb_llvm_i32(g, 0)) : NULL;
  LLVMValueRef c = LLVMBuildLoad2(g->b, g->i8, lb_llvm_gep(g, src, lk.iv), "");
  if (v->signed_a != v->arm) c = LLVMBuildXor(g->b, c, LLVMConstInt(g->i8, 0x80, 0), "");
  if (v->AB == 2) /* AVX2: the unsigned code as a 16-bit value */
    LLVMBuildStore(g->b, LLVMBuildZExt(g->b, c, LLVMInt16TypeInContext(g->ctx), ""),
                   lb_llvm_gep(g, dst, LLVMBuildShl(g->b, lk.iv, lb_llvm_i64(g, 1), "")));
  else
    LLVMBuildStore(g->b, c, lb_llvm_gep(g, dst, lk.iv));
  if (v->four)
    lk.nexts[0] = LLVMBuildAdd(g->b, sum, v->arm ? LLVMBuildSExt(g->b, c, g->i32, "") : LLVMBuildZExt(g->b, c, g->i32, ""), "");
  lb_llvm_loop_end(g, &lk);
  if (v->four) /* the row's code sum, for the 4-bit panels' offset */
    LLVMBuildStore(g->b, lb_llvm_loop_result(g, &lk, 0), lb_llvm_gep(g, v->rs, LLVMBuildShl(g->b, lr.iv, lb_llvm_i64(g, 2), "")));
  if (v->Kp > v->K) {
    LLVMValueRef args[4] = {lb_llvm_gep(g, dst, lb_llvm_i64(g, v->K * v->AB)), LLVMConstInt(g->i8, 0, 0),
                            lb_llvm_i64(g, (v->Kp - v->K) * v->AB),
                            LLVMConstInt(LLVMInt1TypeInContext(g->ctx), 0, 0)};
    LLVMBuildCall2(g->b, v->memset_t, v->memset, args, 4, "");
  }
  lb_llvm_loop_end(g, &lr);
}

/* A software prefetch of the weight stream v->pf bytes ahead of p
 * (llvm.prefetch: read, no temporal locality kept, data cache; the address
 * may pass the end of the weights, so a plain GEP, and a prefetch never
 * faults). */
static void lb_vn_prefetch(lb_llvm_cg_t *g, lb_vn_t *v, LLVMValueRef p) {
  LLVMValueRef off = lb_llvm_i64(g, v->pf);
  LLVMValueRef args[4] = {LLVMBuildGEP2(g->b, g->i8, p, &off, 1, ""), lb_llvm_i32(g, 0), lb_llvm_i32(g, 0), lb_llvm_i32(g, 1)};
  LLVMBuildCall2(g->b, v->pf_t, v->pf_fn, args, 4, "");
}

/* acc[r][z] += the group kg of rows m0 .. m0 + mr - 1 against the panel at wbase. */
static void lb_vn_group(lb_llvm_cg_t *g, lb_vn_t *v, int mr, int nz, LLVMValueRef m0, LLVMValueRef mrel, LLVMValueRef wbase,
                        LLVMValueRef kg,
                        int64_t tail, LLVMValueRef acc[LB_VN_MRMAX][4]) {
  LLVMValueRef w[4], x[LB_VN_MRMAX];
  LLVMValueRef goff = LLVMBuildMul(g->b, kg, lb_llvm_i64(g, v->UB * v->L * nz), "");
  if (v->pf) lb_vn_prefetch(g, v, lb_llvm_gep(g, wbase, goff));
  for (int z = 0; z < nz; ++z) {
    LLVMValueRef wp = lb_llvm_gep(g, wbase, LLVMBuildAdd(g->b, goff, lb_llvm_i64(g, v->UB * v->L * z), ""));
    if (v->avx2) { /* 8 lanes x a pair of codes, sign-extended to 16 bits (vpmovsxbw) */
      w[z] = LLVMBuildLoad2(g->b, LLVMVectorType(g->i8, 16), wp, "");
      LLVMSetAlignment(w[z], 16);
      w[z] = LLVMBuildSExt(g->b, w[z], LLVMVectorType(LLVMInt16TypeInContext(g->ctx), 16), "");
      continue;
    }
    w[z] = LLVMBuildLoad2(g->b, v->v16, wp, "");
    LLVMSetAlignment(w[z], (unsigned)(4 * v->L));
  }
  for (int r = 0; r < mr; ++r)
    x[r] = lb_vn_act(g, v, LLVMBuildAdd(g->b, m0, lb_llvm_i64(g, r), ""), LLVMBuildAdd(g->b, mrel, lb_llvm_i64(g, r), ""), kg,
                     tail);
  for (int r = 0; r < mr; ++r)
    for (int z = 0; z < nz; ++z) {
      acc[r][z] = lb_vn_dot(g, v, acc[r][z], x[r], w[z]);
    }
}

/* 4-bit panels: acc[r][z] += the pair of k units `pair` (codes + 8 in
 * the low and high nibbles of 64 bytes per zmm, or of 16 bytes per ymm with
 * AVX2, zero-extended to 16 bits there; the + 8 is taken back with the row
 * sums in the epilogue). */
static void lb_vn_group4(lb_llvm_cg_t *g, lb_vn_t *v, int mr, int nz, LLVMValueRef m0, LLVMValueRef mrel, LLVMValueRef wbase,
                         LLVMValueRef pair, LLVMValueRef acc[LB_VN_MRMAX][4]) {
  LLVMValueRef lo[4], hi[4], mask = lb_vn_splat(g, v, lb_llvm_i32(g, 0x0F0F0F0F)), four = lb_vn_splat(g, v, lb_llvm_i32(g, 4));
  LLVMValueRef goff = LLVMBuildMul(g->b, pair, lb_llvm_i64(g, v->UB * v->L * nz), "");
  if (v->pf) lb_vn_prefetch(g, v, lb_llvm_gep(g, wbase, goff));
  for (int z = 0; z < nz; ++z) {
    LLVMValueRef wp = lb_llvm_gep(g, wbase, LLVMBuildAdd(g->b, goff, lb_llvm_i64(g, v->UB * v->L * z), ""));
    if (v->avx2) { /* 8 lanes x 2 bytes: unit 2 pair in the low nibbles, 2 pair + 1 in the high ones */
      LLVMTypeRef h16 = LLVMVectorType(LLVMInt16TypeInContext(g->ctx), 16);
      LLVMValueRef x = LLVMBuildLoad2(g->b, LLVMVectorType(g->i8, 16), wp, "");
      LLVMSetAlignment(x, 16);
      x = LLVMBuildZExt(g->b, x, h16, "");
      LLVMValueRef e15[16], e4[16];
      for (int i = 0; i < 16; ++i) {
        e15[i] = LLVMConstInt(LLVMInt16TypeInContext(g->ctx), 15, 0);
        e4[i] = LLVMConstInt(LLVMInt16TypeInContext(g->ctx), 4, 0);
      }
      lo[z] = LLVMBuildAnd(g->b, x, LLVMConstVector(e15, 16), "");
      hi[z] = LLVMBuildLShr(g->b, x, LLVMConstVector(e4, 16), "");
      continue;
    }
    LLVMValueRef x = LLVMBuildLoad2(g->b, v->v16, wp, "");
    LLVMSetAlignment(x, (unsigned)(4 * v->L));
    lo[z] = LLVMBuildAnd(g->b, x, mask, "");
    hi[z] = LLVMBuildAnd(g->b, LLVMBuildLShr(g->b, x, four, ""), mask, "");
  }
  LLVMValueRef kg0 = LLVMBuildShl(g->b, pair, lb_llvm_i64(g, 1), ""), kg1 = LLVMBuildAdd(g->b, kg0, lb_llvm_i64(g, 1), "");
  for (int r = 0; r < mr; ++r) {
    LLVMValueRef row = LLVMBuildAdd(g->b, m0, lb_llvm_i64(g, r), ""), rel = LLVMBuildAdd(g->b, mrel, lb_llvm_i64(g, r), "");
    LLVMValueRef x0 = lb_vn_act(g, v, row, rel, kg0, 0), x1 = lb_vn_act(g, v, row, rel, kg1, 0);
    if (v->ubsw) {
      /* vpmaddubsw: per 16-bit lane a0 w0 + a1 w1 with unsigned codes a <=
       * 255 and weight codes + 8 in [0, 15]: at most 7650, and the sum of
       * the two units' lanes at most 15300, so neither saturates nor wraps;
       * vpmaddwd by ones adds a lane's two halves into its int32 lane:
       * exactly vpdpbusd's 4-code dot products */
      LLVMTypeRef b32 = LLVMVectorType(g->i8, 32);
      LLVMValueRef a0 = LLVMBuildBitCast(g->b, x0, b32, ""), a1 = LLVMBuildBitCast(g->b, x1, b32, "");
      for (int z = 0; z < nz; ++z) {
        LLVMValueRef e0[2] = {a0, LLVMBuildBitCast(g->b, lo[z], b32, "")}, e1[2] = {a1, LLVMBuildBitCast(g->b, hi[z], b32, "")};
        LLVMValueRef s16 = LLVMBuildAdd(g->b, LLVMBuildCall2(g->b, v->ubsw_t, v->ubsw_fn, e0, 2, ""),
                                        LLVMBuildCall2(g->b, v->ubsw_t, v->ubsw_fn, e1, 2, ""), "");
        LLVMValueRef w2[2] = {s16, v->ones};
        acc[r][z] = LLVMBuildAdd(g->b, acc[r][z], LLVMBuildCall2(g->b, v->dot_t, v->dot, w2, 2, ""), "");
      }
      continue;
    }
    for (int z = 0; z < nz; ++z) {
      acc[r][z] = lb_vn_dot(g, v, acc[r][z], x0, lo[z]);
      acc[r][z] = lb_vn_dot(g, v, acc[r][z], x1, hi[z]);
    }
  }
}

/* One tile: rows m0 .. m0 + mr - 1 (row mrel of the row block), the nz zmm
 * of the panel at wbase (output channels n0 ..), k groups [kg_lo, kg_hi).
 * With K blocking (first/last non-NULL) the accumulators start from the
 * block's partial sums unless `first`, and go back to them unless `last`;
 * the K tail and the epilogue (nvalid channels stored) run when `last`. */
static void lb_vn_tile(lb_llvm_cg_t *g, lb_vn_t *v, int mr, int nz, LLVMValueRef m0, LLVMValueRef mrel, LLVMValueRef wbase,
                       LLVMValueRef n0, LLVMValueRef nvalid, LLVMValueRef kg_lo, LLVMValueRef kg_hi, LLVMValueRef first,
                       LLVMValueRef last) {
  LLVMValueRef acc[LB_VN_MRMAX][4];
  LLVMValueRef zero = LLVMConstNull(v->v16);
  int64_t KF = v->KU, tail = v->flip ? 0 : v->K % 4;
  LLVMValueRef fn = LLVMGetBasicBlockParent(LLVMGetInsertBlock(g->b));
  for (int r = 0; r < mr; ++r)
    for (int z = 0; z < nz; ++z) {
      if (!first) {
        acc[r][z] = zero;
        continue;
      }
      LLVMValueRef off = LLVMBuildShl(
          g->b, LLVMBuildAdd(g->b, LLVMBuildMul(g->b, LLVMBuildAdd(g->b, mrel, lb_llvm_i64(g, r), ""), lb_llvm_i64(g, 64), ""),
                             lb_llvm_i64(g, v->L * z), ""),
          lb_llvm_i64(g, 2), "");
      LLVMValueRef pv = LLVMBuildLoad2(g->b, v->v16, lb_llvm_gep(g, v->partial, off), "");
      LLVMSetAlignment(pv, (unsigned)(4 * v->L));
      acc[r][z] = LLVMBuildSelect(g->b, first, zero, pv, "");
    }
  if (KF > 0) {
    lb_llvm_loop_t l;
    lb_llvm_loop_begin(g, &l, kg_lo, kg_hi, 1);
    LLVMValueRef init[LB_VN_MRMAX][4];
    memcpy(init, acc, sizeof init);
    for (int r = 0; r < mr; ++r)
      for (int z = 0; z < nz; ++z) acc[r][z] = lb_llvm_loop_phi(g, &l, init[r][z]);
    if (v->four) lb_vn_group4(g, v, mr, nz, m0, mrel, wbase, l.iv, acc);
    else lb_vn_group(g, v, mr, nz, m0, mrel, wbase, l.iv, 0, acc);
    for (int r = 0; r < mr; ++r)
      for (int z = 0; z < nz; ++z) l.nexts[r * nz + z] = acc[r][z];
    lb_llvm_loop_end(g, &l);
    for (int r = 0; r < mr; ++r)
      for (int z = 0; z < nz; ++z) acc[r][z] = lb_llvm_loop_result(g, &l, r * nz + z);
  }
  LLVMBasicBlockRef done = NULL;
  if (last) { /* not the last K block: back to the partial sums */
    LLVMBasicBlockRef store = LLVMAppendBasicBlockInContext(g->ctx, fn, "partial");
    LLVMBasicBlockRef fin = LLVMAppendBasicBlockInContext(g->ctx, fn, "last");
    done = LLVMAppendBasicBlockInContext(g->ctx, fn, "tile.done");
    LLVMBuildCondBr(g->b, last, fin, store);
    LLVMPositionBuilderAtEnd(g->b, store);
    for (int r = 0; r < mr; ++r)
      for (int z = 0; z < nz; ++z) {
        LLVMValueRef off = LLVMBuildShl(
            g->b,
            LLVMBuildAdd(g->b, LLVMBuildMul(g->b, LLVMBuildAdd(g->b, mrel, lb_llvm_i64(g, r), ""), lb_llvm_i64(g, 64), ""),
                         lb_llvm_i64(g, v->L * z), ""),
            lb_llvm_i64(g, 2), "");
        LLVMValueRef st = LLVMBuildStore(g->b, acc[r][z], lb_llvm_gep(g, v->partial, off));
        LLVMSetAlignment(st, (unsigned)(4 * v->L));
      }
    LLVMBuildBr(g->b, done);
    LLVMPositionBuilderAtEnd(g->b, fin);
  }
  if (tail) lb_vn_group(g, v, mr, nz, m0, mrel, wbase, lb_llvm_i64(g, KF), tail, acc);
  /* 4-bit panels: - 8 x the row's code sum */
  if (v->four)
    for (int r = 0; r < mr; ++r) {
      LLVMValueRef rs = LLVMBuildLoad2(
          g->b, g->i32,
          lb_llvm_gep(g, v->rs, LLVMBuildShl(g->b, LLVMBuildAdd(g->b, mrel, lb_llvm_i64(g, r), ""), lb_llvm_i64(g, 2), "")), "");
      LLVMValueRef c8 = lb_vn_splat(g, v, LLVMBuildShl(g->b, rs, lb_llvm_i32(g, 3), ""));
      for (int z = 0; z < nz; ++z) acc[r][z] = LLVMBuildSub(g->b, acc[r][z], c8, "");
    }
  /* + comp, to the tile buffer */
  for (int z = 0; z < nz; ++z) {
    LLVMValueRef coff = LLVMBuildShl(g->b, LLVMBuildAdd(g->b, n0, lb_llvm_i64(g, v->L * z), ""), lb_llvm_i64(g, 2), "");
    LLVMValueRef c = LLVMBuildLoad2(g->b, v->v16, lb_llvm_gep(g, v->comp, coff), "");
    LLVMSetAlignment(c, (unsigned)(4 * v->L));
    for (int r = 0; r < mr; ++r) {
      LLVMValueRef st =
          LLVMBuildStore(g->b, LLVMBuildAdd(g->b, acc[r][z], c, ""), lb_llvm_gep(g, v->tile, lb_llvm_i64(g, 4 * (r * 64 + v->L * z))));
      LLVMSetAlignment(st, (unsigned)(4 * v->L));
    }
  }
  /* the reference epilogue, row by row */
  int64_t osize = v->rq || v->rqf ? 1 : 4;
  for (int r = 0; r < mr; ++r) {
    LLVMValueRef row = LLVMBuildAdd(g->b, m0, lb_llvm_i64(g, r), "");
    LLVMValueRef yoff = LLVMBuildMul(g->b, LLVMBuildAdd(g->b, LLVMBuildMul(g->b, row, lb_llvm_i64(g, v->N), ""), n0, ""),
                                     lb_llvm_i64(g, osize), "");
    LLVMValueRef yrow = lb_llvm_gep(g, v->y, yoff);
    LLVMValueRef trow = lb_llvm_gep(g, v->tile, lb_llvm_i64(g, 4 * r * 64));
    if (v->rq) {
      LLVMValueRef moff = v->p->mult_per_channel ? LLVMBuildShl(g->b, n0, lb_llvm_i64(g, 2), "") : lb_llvm_i64(g, 0);
      LLVMValueRef args[9] = {nvalid,
                              trow,
                              lb_llvm_gep(g, v->mult, moff),
                              lb_llvm_gep(g, v->shift, moff),
                              lb_llvm_i32(g, v->p->mult_per_channel),
                              lb_llvm_i32(g, v->p->out_zp),
                              lb_llvm_i32(g, v->p->qmin),
                              lb_llvm_i32(g, v->p->qmax),
                              yrow};
      LLVMBuildCall2(g->b, v->epi_t, v->epi, args, 9, "");
    } else if (v->rqf) {
      LLVMValueRef soff = v->p->mult_per_channel ? LLVMBuildShl(g->b, n0, lb_llvm_i64(g, 2), "") : lb_llvm_i64(g, 0);
      LLVMValueRef args[8] = {nvalid, trow, lb_llvm_gep(g, v->mult, soff), lb_llvm_i32(g, v->p->mult_per_channel),
                              lb_llvm_i32(g, v->p->out_zp), lb_llvm_i32(g, v->p->qmin), lb_llvm_i32(g, v->p->qmax), yrow};
      LLVMBuildCall2(g->b, v->epi_t, v->epi, args, 8, "");
    } else if (v->dq) {
      LLVMValueRef soff = v->p->mult_per_channel ? LLVMBuildShl(g->b, n0, lb_llvm_i64(g, 2), "") : lb_llvm_i64(g, 0);
      LLVMValueRef args[6] = {nvalid, trow, lb_llvm_gep(g, v->mult, soff), lb_llvm_i32(g, v->p->mult_per_channel),
                              lb_llvm_i32(g, v->p->out_zp), yrow};
      LLVMBuildCall2(g->b, v->epi_t, v->epi, args, 6, "");
    } else {
      LLVMValueRef args[3] = {nvalid, trow, yrow};
      LLVMBuildCall2(g->b, v->epi_t, v->epi, args, 3, "");
    }
  }
  if (done) {
    LLVMBuildBr(g->b, done);
    LLVMPositionBuilderAtEnd(g->b, done);
  }
}

/* The rows [mb0, mb0 + rows) against one panel: tiles of 4 rows and the
 * rest; with K blocking, per block of k groups all the tiles (the block of
 * the panel, KC * 256 bytes, stays in L1 for all of them). */
static void lb_vn_panel(lb_llvm_cg_t *g, lb_vn_t *v, int nz, LLVMValueRef pidx, LLVMValueRef nvalid, LLVMValueRef mb0,
                        int64_t rows) {
  LLVMValueRef wbase = lb_llvm_gep(g, v->W, LLVMBuildMul(g->b, pidx, lb_llvm_i64(g, v->KS * v->UB * v->PW), ""));
  LLVMValueRef n0 = LLVMBuildMul(g->b, pidx, lb_llvm_i64(g, v->PW), "");
  int64_t M4 = rows / v->mr * v->mr, KF = v->KU;
  LLVMValueRef kg_lo = lb_llvm_i64(g, 0), kg_hi = lb_llvm_i64(g, KF), first = NULL, last = NULL;
  lb_llvm_loop_t kl;
  if (v->KC > 0) {
    int64_t nkb = (KF + v->KC - 1) / v->KC;
    lb_llvm_loop_begin(g, &kl, lb_llvm_i64(g, 0), lb_llvm_i64(g, nkb), 1);
    kg_lo = LLVMBuildMul(g->b, kl.iv, lb_llvm_i64(g, v->KC), "");
    LLVMValueRef hi = LLVMBuildAdd(g->b, kg_lo, lb_llvm_i64(g, v->KC), "");
    kg_hi = LLVMBuildSelect(g->b, LLVMBuildICmp(g->b, LLVMIntSLT, hi, lb_llvm_i64(g, KF), ""), hi, lb_llvm_i64(g, KF), "");
    first = LLVMBuildICmp(g->b, LLVMIntEQ, kl.iv, lb_llvm_i64(g, 0), "");
    last = LLVMBuildICmp(g->b, LLVMIntEQ, kl.iv, lb_llvm_i64(g, nkb - 1), "");
  }
  if (M4 > 0) {
    lb_llvm_loop_t l;
    lb_llvm_loop_begin(g, &l, lb_llvm_i64(g, 0), lb_llvm_i64(g, M4), v->mr);
    lb_vn_tile(g, v, v->mr, nz, LLVMBuildAdd(g->b, mb0, l.iv, ""), l.iv, wbase, n0, nvalid, kg_lo, kg_hi, first, last);
    lb_llvm_loop_end(g, &l);
  }
  if (rows % v->mr)
    lb_vn_tile(g, v, (int)(rows % v->mr), nz, LLVMBuildAdd(g->b, mb0, lb_llvm_i64(g, M4), ""), lb_llvm_i64(g, M4), wbase,
               n0, nvalid, kg_lo, kg_hi, first, last);
  if (v->KC > 0) lb_llvm_loop_end(g, &kl);
}

/* Rows [mb0, mb0 + rows) against every panel. */
/* Panels [lo, hi) (values; the last one may be the narrow one) for rows [mb0, mb0 + rows). */
static void lb_vn_panels(lb_llvm_cg_t *g, lb_vn_t *v, LLVMValueRef lo, LLVMValueRef hi, LLVMValueRef mb0, int64_t rows) {
  int64_t Pf = v->N / v->PW, last = v->N - (v->P - 1) * v->PW, lastw = (last + v->L - 1) / v->L * v->L;
  if (Pf > 0) {
    LLVMValueRef pf = lb_llvm_i64(g, Pf);
    LLVMValueRef hf = LLVMBuildSelect(g->b, LLVMBuildICmp(g->b, LLVMIntSLT, hi, pf, ""), hi, pf, "");
    LLVMBasicBlockRef join = lb_llvm_if(g, LLVMBuildICmp(g->b, LLVMIntSLT, lo, hf, ""));
    lb_llvm_loop_t l;
    lb_llvm_loop_begin(g, &l, lo, hf, 1);
    lb_vn_panel(g, v, v->NZ, l.iv, lb_llvm_i64(g, v->PW), mb0, rows);
    lb_llvm_loop_end(g, &l);
    lb_llvm_endif(g, join);
  }
  if (Pf < v->P) {
    LLVMBasicBlockRef join = lb_llvm_if(g, LLVMBuildICmp(g->b, LLVMIntSGT, hi, lb_llvm_i64(g, Pf), ""));
    lb_vn_panel(g, v, (int)(lastw / v->L), lb_llvm_i64(g, Pf), lb_llvm_i64(g, last), mb0, rows);
    lb_llvm_endif(g, join);
  }
}

/* The per-thread buffers of a kernel function, at its entry. */
static void lb_vn_buffers(lb_llvm_cg_t *g, lb_vn_t *v) {
  v->tile = LLVMBuildAlloca(g->b, LLVMArrayType2(g->i32, LB_VN_MRMAX * 64), "tile");
  LLVMSetAlignment(v->tile, 64);
  if (v->KC) {
    v->partial = LLVMBuildAlloca(g->b, LLVMArrayType2(g->i32, (uint64_t)v->MB * 64), "partial");
    LLVMSetAlignment(v->partial, 64);
  }
}

/* Rows [mb0, mb0 + rows) against panels [lo, hi). */
static void lb_vn_rows(lb_llvm_cg_t *g, lb_vn_t *v, LLVMValueRef mb0, int64_t rows, LLVMValueRef lo, LLVMValueRef hi) {
  if (v->flip) lb_vn_flip_rows(g, v, mb0, rows);
  lb_vn_panels(g, v, lo, hi, mb0, rows);
}

/* Every block of v->RB rows against panels [lo, hi). */
static void lb_vn_body(lb_llvm_cg_t *g, lb_vn_t *v, LLVMValueRef lo, LLVMValueRef hi) {
  int64_t RB = v->RB;
  if (v->M / RB > 0) {
    lb_llvm_loop_t l;
    lb_llvm_loop_begin(g, &l, lb_llvm_i64(g, 0), lb_llvm_i64(g, v->M / RB * RB), RB);
    lb_vn_rows(g, v, l.iv, RB, lo, hi);
    lb_llvm_loop_end(g, &l);
  }
  if (v->M % RB) lb_vn_rows(g, v, lb_llvm_i64(g, v->M / RB * RB), v->M % RB, lo, hi);
}

/* --threads, enough work: the panels split over lb_parallel_for into
 * g->threads slices, each running every row block against its panels in
 * a function of its own, with its own tile buffers and its own copy of the
 * rows (workspace slice i in the scratch after the plan's arena; a range
 * of several slices, when the pool could not start every thread, runs
 * them one after another on the copy of its first). Every thread copies
 * (flips) all the rows, which costs far less than a join per row block:
 * 512x512x512 had 8 of them, and the copies ran on one thread. */
static void lb_vn_parallel(lb_llvm_cg_t *g, lb_vn_t *v) {
  int64_t rows_bytes = (v->MB * v->Kp * v->AB + 63) / 64 * 64, ws = rows_bytes + (4 * v->MB + 63) / 64 * 64;
  if (v->flip && g->threads * ws > g->extra_scratch) g->extra_scratch = g->threads * ws;
  /* ctx = {a, y, mult, shift, scratch slices} */
  LLVMTypeRef fields[5] = {g->ptr, g->ptr, g->ptr, g->ptr, g->ptr};
  LLVMTypeRef ct = LLVMStructTypeInContext(g->ctx, fields, 5, 0);
  char nm[64];
  snprintf(nm, sizeof nm, "lb.vnni.qmatmul.range.%d", g->uid++);
  LLVMTypeRef pt[3] = {g->ptr, g->i64, g->i64};
  LLVMValueRef fn = LLVMAddFunction(g->mod, nm, LLVMFunctionType(g->vd, pt, 3, 0));
  LLVMSetLinkage(fn, LLVMInternalLinkage);
  lb_llvm_set_fn_target(g, fn);
  LLVMBasicBlockRef saved = LLVMGetInsertBlock(g->b);
  LLVMPositionBuilderAtEnd(g->b, LLVMAppendBasicBlockInContext(g->ctx, fn, "entry"));
  lb_vn_t w = *v;
  LLVMValueRef ctx = LLVMGetParam(fn, 0), lo = LLVMGetParam(fn, 1), base, *dst[5] = {&w.a, &w.y, &w.mult, &w.shift, &base};
  for (unsigned i = 0; i < 5; ++i) *dst[i] = LLVMBuildLoad2(g->b, g->ptr, LLVMBuildStructGEP2(g->b, ct, ctx, i, ""), "");
  w.t = lb_llvm_gep(g, base, LLVMBuildMul(g->b, lo, lb_llvm_i64(g, ws), ""));
  w.rs = lb_llvm_gep(g, w.t, lb_llvm_i64(g, rows_bytes));
  lb_vn_buffers(g, &w);
  lb_llvm_loop_t l;
  lb_llvm_loop_begin(g, &l, lo, LLVMGetParam(fn, 2), 1);
  LLVMValueRef np = lb_llvm_i64(g, v->P), nt = lb_llvm_i64(g, g->threads);
  LLVMValueRef plo = LLVMBuildSDiv(g->b, LLVMBuildMul(g->b, np, l.iv, ""), nt, "");
  LLVMValueRef phi = LLVMBuildSDiv(g->b, LLVMBuildMul(g->b, np, LLVMBuildAdd(g->b, l.iv, lb_llvm_i64(g, 1), ""), ""), nt, "");
  lb_vn_body(g, &w, plo, phi);
  lb_llvm_loop_end(g, &l);
  LLVMBuildRetVoid(g->b);
  LLVMPositionBuilderAtEnd(g->b, saved);
  LLVMValueRef c = LLVMBuildAlloca(g->b, ct, "ctx");
  LLVMValueRef src[5] = {v->a, v->y, v->mult, v->shift, v->t}; /* t: the slices (the kernel's caller passes them) */
  for (unsigned i = 0; i < 5; ++i) LLVMBuildStore(g->b, src[i], LLVMBuildStructGEP2(g->b, ct, c, i, ""));
  LLVMValueRef args[4] = {nt, fn, c, lb_llvm_i32(g, g->threads)};
  LLVMBuildCall2(g->b, g->par_for_t, g->par_for, args, 4, "");
}

bool lb_llvm_dot_matmul_step(lb_llvm_cg_t *g, const lb_plan_step_t *s, LLVMValueRef *ptrs) {
  lb_vn_t v;
  memset(&v, 0, sizeof v);
  v.UB = 4, v.AB = 1, v.NZ = 4, v.MB = LB_VN_MB;
  if (!strcmp(g->arch, "x86_64") && lb_llvm_has_feature(g, "avx512vnni")) v.L = 16;
  else if (!strcmp(g->arch, "aarch64") && lb_llvm_has_feature(g, "dotprod")) v.L = 4, v.arm = true;
  else if (!strcmp(g->arch, "x86_64") && lb_llvm_has_feature(g, "avx2"))
    v.L = 8, v.avx2 = true, v.UB = 2, v.AB = 2, v.NZ = 2, v.MB = LB_VN_MB / 2;
  else return false;
  if (!lb_vn_match(s->kernel->name, &v) || s->nin != (v.rq ? 7 : v.dq || v.rqf ? 6 : 5)) return false;
  if (v.avx2 && v.wbits != 8) /* sub-byte weights: vpdpbusd's layout on 8 lanes, its dot product as vpmaddubsw + vpmaddwd */
    v.avx2 = false, v.ubsw = true, v.UB = 4, v.AB = 1, v.NZ = 2, v.MB = LB_VN_MB;
  v.PW = v.NZ * v.L;
  const lb_qgemm_params_t *p = (const lb_qgemm_params_t *)s->params;
  v.p = p;
  v.M = p->M;
  v.N = p->N;
  v.K = p->K;
  v.Kp = p->Kp;
  v.four = v.wbits != 8;
  /* the codes the dot product's activation operand wants, 4-bit panels, or 16-bit codes */
  v.flip = v.signed_a != v.arm || v.four || v.avx2;
  v.mr = v.four ? 4 : 6;
  if (v.M < 1 || v.N < 1 || v.K < 1 || p->Kp < (v.K + 3) / 4 * 4) return false;
  if (v.flip) { /* the workspace holds LB_QG_ROWS rows of Kp codes */
    int32_t wsid = lb_plan_root(g->plan, s->in[s->nin - 1]);
    if (wsid < 0 || g->plan->tensors[wsid].nbytes < (int64_t)LB_QG_ROWS * p->Kp + 4 * LB_QG_ROWS) return false;
  }
  const lb_plan_tensor_t *b = lb_vn_const(g->plan, s->in[1]), *bz = lb_vn_const(g->plan, s->in[2]),
                         *comp = lb_vn_const(g->plan, s->in[3]);
  if (!b || !bz || !comp || comp->dtype != LB_DT_I64 || bz->dtype != LB_DT_I32) return false;
  if (b->dtype != (v.wbits == 8 ? LB_DT_I8 : LB_DT_U8) || p->Kp % 64) return false;
  if (b->nbytes < v.N * p->Kp * v.wbits / 8 || comp->nbytes < v.N * 8) return false;
  int64_t nbz = p->b_zp_per_column ? v.N : 1;
  if (bz->nbytes < nbz * 4) return false;
  for (int64_t i = 0; i < nbz; ++i)
    if (((const int32_t *)bz->data)[i] != 0) return false;
  const char *epi = v.rq    ? (v.out_u8 ? "lb__qg_requant_u8" : "lb__qg_requant_i8")
                   : v.rqf ? (v.out_u8 ? "lb__qg_requant_fp_u8" : "lb__qg_requant_fp_i8")
                   : v.dq  ? "lb__qg_dequant_f32"
                           : "lb__qg_store_i32";
  v.epi = LLVMGetNamedFunction(g->mod, epi);
  if (!v.epi || LLVMIsDeclaration(v.epi) || LLVMCountParams(v.epi) != (v.rq ? 9u : v.rqf ? 8u : v.dq ? 6u : 3u)) return false;
  v.epi_t = LLVMGlobalGetValueType(v.epi);
  v.v16 = LLVMVectorType(g->i32, (unsigned)v.L);
  if (v.avx2 || v.ubsw) {
    if (!(v.dot = lb_llvm_intrinsic(g, "llvm.x86.avx2.pmadd.wd", &v.dot_t))) return false;
    if (v.ubsw && !(v.ubsw_fn = lb_llvm_intrinsic(g, "llvm.x86.avx2.pmadd.ub.sw", &v.ubsw_t))) return false;
    LLVMValueRef one[16];
    for (int i = 0; i < 16; ++i) one[i] = LLVMConstInt(LLVMInt16TypeInContext(g->ctx), 1, 0);
    v.ones = LLVMConstVector(one, 16);
  } else if (v.arm) { /* llvm.aarch64.neon.sdot.v4i32.v16i8 */
    static const char dn[] = "llvm.aarch64.neon.sdot";
    unsigned id = LLVMLookupIntrinsicID(dn, sizeof dn - 1);
    if (!id) return false;
    LLVMTypeRef ov[2] = {v.v16, LLVMVectorType(g->i8, 16)};
    v.dot = LLVMGetIntrinsicDeclaration(g->mod, id, ov, 2);
    v.dot_t = LLVMIntrinsicGetType(g->ctx, id, ov, 2);
  } else {
    if (!(v.dot = lb_llvm_vpdpbusd(g, &v.dot_t))) return false;
  }

  /* the packed weights and comp */
  v.KG = v.avx2 ? (v.K + 1) / 2 : (v.K + 3) / 4; /* k units: pairs (AVX2) or groups of 4 */
  v.KS = v.four ? (v.KG + 1) / 2 : v.KG;
  v.KU = v.four ? v.KS : v.flip ? v.KG : v.K / 4;
  v.P = (v.N + v.PW - 1) / v.PW;
  int64_t last = v.N - (v.P - 1) * v.PW, lastw = (last + v.L - 1) / v.L * v.L;
  int64_t wbytes = (v.P - 1) * v.KS * v.UB * v.PW + v.KS * v.UB * lastw;
  uint8_t *W = calloc((size_t)wbytes, 1);
  int32_t *c32 = calloc((size_t)(v.P * v.PW), sizeof *c32);
  if (!W || !c32) {
    free(W);
    free(c32);
    return false;
  }
  const uint8_t *bd = (const uint8_t *)b->data;
  for (int64_t pi = 0; pi < v.P; ++pi) {
    int64_t n0 = pi * v.PW, nc = pi + 1 < v.P ? v.PW : last, w = pi + 1 < v.P ? v.PW : lastw;
    uint8_t *dst = W + pi * v.KS * v.UB * v.PW;
    for (int64_t u = 0; u < v.KS; ++u)
      for (int64_t c = 0; c < w; ++c)
        for (int64_t j = 0; j < v.UB; ++j) {
          if (!v.four) {
            int64_t k = v.UB * u + j;
            if (c < nc && k < v.K) dst[(u * w + c) * v.UB + j] = (uint8_t)lb_vn_code(&v, bd, n0 + c, k);
            continue;
          }
          /* two k units per byte: unit 2u in the low nibbles, 2u + 1 in the high ones */
          int64_t k0 = 2 * v.UB * u + j, k1 = 2 * v.UB * u + v.UB + j;
          int c0 = c < nc && k0 < v.K ? lb_vn_code(&v, bd, n0 + c, k0) : 0;
          int c1 = c < nc && k1 < v.K ? lb_vn_code(&v, bd, n0 + c, k1) : 0;
          dst[(u * w + c) * v.UB + j] = (uint8_t)((c0 + 8) | (c1 + 8) << 4);
        }
  }
  for (int64_t n = 0; n < v.N; ++n) {
    uint32_t c = (uint32_t)(uint64_t)((const int64_t *)comp->data)[n];
    if (v.arm) { /* sdot reads a' - 128 (a' the reference's unsigned codes): + 128 x the row's weight sum */
      int64_t sw = 0;
      for (int64_t k = 0; k < v.K; ++k) sw += lb_vn_code(&v, bd, n, k);
      c += (uint32_t)(uint64_t)(sw * 128);
    }
    c32[n] = (int32_t)c;
  }
  v.W = lb_llvm_const_bytes(g, W, wbytes, "vnni.w");
  v.comp = lb_llvm_const_bytes(g, c32, v.P * v.PW * 4, "vnni.comp");
  free(W);
  free(c32);

  /* the kernel: void f(a, y, mult, shift, t), t the workspace (threaded: the per-thread slices) */
  char nm[64];
  snprintf(nm, sizeof nm, "lb.vnni.qmatmul.%d", g->uid++);
  LLVMTypeRef pt[5] = {g->ptr, g->ptr, g->ptr, g->ptr, g->ptr};
  LLVMTypeRef ft = LLVMFunctionType(g->vd, pt, 5, 0);
  LLVMValueRef fn = LLVMAddFunction(g->mod, nm, ft);
  LLVMSetLinkage(fn, LLVMInternalLinkage);
  lb_llvm_set_fn_target(g, fn);
  LLVMBasicBlockRef saved = LLVMGetInsertBlock(g->b);
  LLVMPositionBuilderAtEnd(g->b, LLVMAppendBasicBlockInContext(g->ctx, fn, "entry"));
  v.a = LLVMGetParam(fn, 0);
  v.y = LLVMGetParam(fn, 1);
  v.mult = LLVMGetParam(fn, 2);
  v.shift = LLVMGetParam(fn, 3);
  v.t = LLVMGetParam(fn, 4);
  v.rs = lb_llvm_gep(g, v.t, lb_llvm_i64(g, (int64_t)LB_QG_ROWS * v.Kp));
  /* a software prefetch of the weights where one row tile streams each
   * panel once (GEMV-like, bound by memory); with more rows the panels are
   * reread from cache by the other tiles and the loads keep the hardware
   * prefetchers ahead */
  v.pf = v.M <= v.mr ? g->prefetch_bytes : 0;
  /* the default: 8 KiB ahead on the AVX2 kernels (a 1x4096x4096 GEMV with
   * 8-bit weights in cache on Zen 3: 1.3 ms without, 0.5-0.6 ms with), none
   * on VNNI (on an Emerald Rapids the same GEMV took 0.60 ms without and
   * 0.9-1.7 ms with prefetchnta 0.5-8 KiB ahead; prefetcht1 cost nothing
   * hot and measured no steady gain cold) nor on AArch64 */
  if (v.pf < 0) v.pf = v.avx2 || v.ubsw ? 8192 : 0;
  if (v.pf) {
    static const char pn[] = "llvm.prefetch";
    unsigned pid = LLVMLookupIntrinsicID(pn, sizeof pn - 1);
    LLVMTypeRef ov[1] = {g->ptr};
    v.pf_fn = LLVMGetIntrinsicDeclaration(g->mod, pid, ov, 1);
    v.pf_t = LLVMIntrinsicGetType(g->ctx, pid, ov, 1);
  }
  {
    static const char ms[] = "llvm.memset";
    unsigned mid = LLVMLookupIntrinsicID(ms, sizeof ms - 1);
    LLVMTypeRef ov[2] = {g->ptr, g->i64};
    v.memset = LLVMGetIntrinsicDeclaration(g->mod, mid, ov, 2);
    v.memset_t = LLVMIntrinsicGetType(g->ctx, mid, ov, 2);
  }
  /* K blocking when several row tiles share a panel and its k units
   * outgrow a share of the cache they are reread from: rows in blocks of
   * LB_VN_MB, their partial sums in a stack buffer. On VNNI, where a tile
   * eats 4 zmm of weights per 24 vpdpbusd, the first tile of a block brings
   * the panel's block in and the others reread it from L2: blocks of a
   * quarter of L2. Blocking for half of L1 instead (64 groups) cut the first
   * tile's weight stream short every 16 KiB: one Zen 4 thread took 1.9 ms
   * instead of 1.3 for 16x4096x4096, 12.5 instead of 10.3 for 128x4096^2.
   * The AVX2 and sdot kernels eat their weights slower and keep the half of
   * L1 (AVX2 on the same Zen 4: 4.8 ms with it, 5.5 with L2 blocks). */
  int64_t kc = !v.avx2 && !v.ubsw && !v.arm ? g->l2_bytes / 4 / (v.UB * v.PW) : g->l1d_bytes / 2 / (v.UB * v.PW);
  if (kc < 16) kc = 16;
  v.KC = v.M > v.mr && v.KU > kc ? kc : 0;
  v.RB = v.KC || v.flip ? v.MB : v.M;
  bool par = g->threads > 1 && v.P >= 2 && v.M * v.N * v.K >= LB_LLVM_PAR_MIN_MACS;
  if (par) {
    lb_vn_parallel(g, &v);
  } else {
    lb_vn_buffers(g, &v);
    lb_vn_body(g, &v, lb_llvm_i64(g, 0), lb_llvm_i64(g, v.P));
  }
  LLVMBuildRetVoid(g->b);

  LLVMPositionBuilderAtEnd(g->b, saved);
  LLVMValueRef null = LLVMConstPointerNull(g->ptr);
  LLVMValueRef args[5] = {ptrs[0], ptrs[s->nin], v.rq || v.rqf || v.dq ? ptrs[4] : null, v.rq ? ptrs[5] : null,
                          par && v.flip ? g->extra_base : ptrs[s->nin - 1]};
  LLVMBuildCall2(g->b, ft, fn, args, 5, "");
  return true;
}
