#!/usr/bin/python3
"""lb-pack-layout keeps the value: the same integer matmuls and convolutions
run by `lowbit run` with the weight as a graph input (no packing: the
reference kernels, and a separate requantize) and as a constant (packed by
lb-pack-layout inside lb-prequantized: b_layout "nk" and conv algorithm
"gemm", with a following requantize fused into the kernel's store), for
every 8-bit type pair, per-column and single zero points, with and without a
bias; outputs must be identical, and equal to numpy.

    pack_layout_oracle.py --lowbit lowbit --work DIR
"""
import argparse
import os
import subprocess
import sys

import numpy as np

rng = np.random.default_rng(5)
T = {"i8": (np.int8, -128, 128), "ui8": (np.uint8, 0, 256)}


def dense(v, ty):
    return "dense<%s> : tensor<%s%s>" % (np.array2string(np.asarray(v), separator=", ", threshold=10**9).replace("\n", ""),
                                          "x".join(str(d) for d in np.shape(v)) + "x" if np.ndim(v) else "", ty)


def run(cmd):
    r = subprocess.run(cmd, capture_output=True, text=True)
    if r.returncode:
        sys.exit("failed: %s\n%s%s" % (" ".join(cmd), r.stdout, r.stderr))
    return r.stdout


def requant(acc, mult, shift, zp, lo, hi, axis):
    """lb.requantize, fixed point, in Python integers: sat(floor((acc * m + 2^(s-1)) / 2^s) + zp)."""
    shape = [1] * acc.ndim
    shape[axis] = -1
    m = np.asarray(mult, dtype=object).reshape(shape)
    sh = np.asarray(shift, dtype=object).reshape(shape)
    v = (acc.astype(object) * m + (1 << (sh - 1))) >> sh
    return np.clip((v + zp).astype(np.int64), lo, hi)


def rq_consts(n, out_t):
    mult = rng.integers(1 << 29, (1 << 31) - 1, n)
    shift = rng.integers(36, 42, n)
    zp = int(rng.integers(T[out_t][1], T[out_t][2]))
    lines = ['  %%m = "lb.constant"() {value = %s} : () -> tensor<%dxi32>' % (dense(mult, "i32"), n),
             '  %%s = "lb.constant"() {value = %s} : () -> tensor<%dxi32>' % (dense(shift, "i32"), n),
             '  %%z = "lb.constant"() {value = %s} : () -> tensor<1x%s>' % (dense([zp], out_t), out_t)]
    return mult, shift, zp, lines


def check_pair(a, base, ref, packed, inputs, weight, want, marker):
    """Runs ref (weight as input1) and packed (constant weight); both must equal want."""
    open(base + "_ref.mlir", "w").write(ref)
    open(base + "_packed.mlir", "w").write(packed)
    for i, v in enumerate(inputs):
        np.save("%s_in%d.npy" % (base, i), v)
    np.save(base + "_w.npy", weight)
    args = []
    for i in range(len(inputs)):
        args += ["--input", "input%d=%s_in%d.npy" % (i, base, i)]
    run([a.lowbit, "run", base + "_ref.mlir"] + args + ["--input", "input%d=%s_w.npy" % (len(inputs), base),
                                                       "--output", base + "_yref.npy"])
    run([a.lowbit, "run", base + "_packed.mlir"] + args + ["--output", base + "_ypacked.npy"])
    ir = run([a.lowbit, "compile", base + "_packed.mlir", "--emit", "mlir"])
    assert marker in ir, "%s: the constant weight was not packed" % base
    yr, yp = np.load(base + "_yref.npy"), np.load(base + "_ypacked.npy")
    assert np.array_equal(yr, want), "%s: reference kernel differs from numpy" % base
    assert np.array_equal(yr, yp), "%s: packed kernel differs from the reference" % base


def conv_ref(x, w, xz, wz, bias, stride, pads, dil, group):
    N, C, H, W = x.shape
    OC, cpg, KH, KW = w.shape
    OH = (H + pads[0] + pads[2] - dil[0] * (KH - 1) - 1) // stride[0] + 1
    OW = (W + pads[1] + pads[3] - dil[1] * (KW - 1) - 1) // stride[1] + 1
    xp = np.full((N, C, H + pads[0] + pads[2], W + pads[1] + pads[3]), xz, dtype=np.int64)
    xp[:, :, pads[0]:pads[0] + H, pads[1]:pads[1] + W] = x
    xp -= xz
    wd = w.astype(np.int64) - np.asarray(wz, dtype=np.int64).reshape(-1, 1, 1, 1)
    y = np.zeros((N, OC, OH, OW), dtype=np.int64)
    opg = OC // group
    for oc in range(OC):
        g = oc // opg
        for kh in range(KH):
            for kw in range(KW):
                patch = xp[:, g * cpg:(g + 1) * cpg, kh * dil[0]:kh * dil[0] + stride[0] * (OH - 1) + 1:stride[0],
                           kw * dil[1]:kw * dil[1] + stride[1] * (OW - 1) + 1:stride[1]]
                y[:, oc] += np.einsum("nchw,c->nhw", patch, wd[oc, :, kh, kw])
        if bias is not None:
            y[:, oc] += bias[oc]
    return y


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--lowbit", default="lowbit")
    ap.add_argument("--work", required=True)
    a = ap.parse_args()
    os.makedirs(a.work, exist_ok=True)
    cases = conv_cases = rq_cases = 0
    for ta in T:
        # int8 weights over the full range, and with codes that fit 4, 3 and 2 bits (stored packed: qmatmul_nk4/3/2)
        for tb, wr in (("i8", None), ("ui8", None), ("i8", (-8, 8)), ("i8", (-4, 4)), ("i8", (-2, 2))):
            for (M, K, N), per_col, bias in (((9, 70, 13), True, True), ((4, 33, 5), False, False), ((1, 300, 3), True, False)):
                da, lo, hi = T[ta]
                db, blo, bhi = T[tb]
                if wr:
                    blo, bhi = wr
                x = rng.integers(lo, hi, (M, K)).astype(da)
                w = rng.integers(blo, bhi, (K, N)).astype(db)
                az = rng.integers(lo, hi)
                bz = rng.integers(blo, bhi, N if per_col else 1)
                bv = rng.integers(-100000, 100000, N)
                at, bt, yt = "tensor<%dx%dx%s>" % (M, K, ta), "tensor<%dx%dx%s>" % (K, N, tb), "tensor<%dx%dxi32>" % (M, N)
                consts = ['  %%az = "lb.constant"() {value = %s} : () -> tensor<1x%s>' % (dense([az], ta), ta),
                          '  %%bz = "lb.constant"() {value = %s} : () -> tensor<%dx%s>' % (dense(bz, tb), len(bz), tb)]
                ops = "%a, %w, %az, %bz" + (", %bias" if bias else "")
                types = "%s, %s, tensor<1x%s>, tensor<%dx%s>%s" % (at, bt, ta, len(bz), tb,
                                                                 ", tensor<%dxi32>" % N if bias else "")
                if bias:
                    consts.append('  %%bias = "lb.constant"() {value = %s} : () -> tensor<%dxi32>' % (dense(bv, "i32"), N))
                mm = '  %%y = "lb.qmatmul"(%s) : (%s) -> %s\n  return %%y : %s\n}\n' % (ops, types, yt, yt)
                ref = "func.func @main(%%a: %s, %%w: %s) -> %s {\n%s\n%s" % (at, bt, yt, "\n".join(consts), mm)
                cw = '  %%w = "lb.constant"() {value = %s} : () -> %s' % (dense(w, tb), bt)
                packed = "func.func @main(%%a: %s) -> %s {\n%s\n%s\n%s" % (at, yt, cw, "\n".join(consts), mm)
                base = os.path.join(a.work, "%s_%s%s_%d" % (ta, tb, "_w%d" % (wr[1] - wr[0]) if wr else "", K))
                open(base + "_ref.mlir", "w").write(ref)
                open(base + "_packed.mlir", "w").write(packed)
                np.save(base + "_a.npy", x)
                np.save(base + "_w.npy", w)
                # (.mlir inputs are named input0, input1, ...)
                run([a.lowbit, "run", base + "_ref.mlir", "--input", "input0=" + base + "_a.npy", "--input",
                     "input1=" + base + "_w.npy", "--output", base + "_yref.npy"])
                run([a.lowbit, "run", base + "_packed.mlir", "--input", "input0=" + base + "_a.npy", "--output",
                     base + "_ypacked.npy"])
                ir = run([a.lowbit, "compile", base + "_packed.mlir", "--emit", "mlir"])
                assert 'b_layout = "nk"' in ir, "%s: the constant weight was not packed" % base
                yr, yp = np.load(base + "_yref.npy"), np.load(base + "_ypacked.npy")
                want = (x.astype(np.int64) - az) @ (w.astype(np.int64) - bz.astype(np.int64)[None, :]) + (bv if bias else 0)
                assert np.array_equal(yr, want), "%s: reference kernel differs from numpy" % base
                assert np.array_equal(yr, yp), "%s: packed kernel differs from the reference" % base
                cases += 1
                # the same product requantized: fused into the packed kernel's store
                out_t = "i8" if cases % 2 else "ui8"
                mult, shift, zp, rql = rq_consts(N, out_t)
                qt = "tensor<%dx%dx%s>" % (M, N, out_t)
                mmq = ('  %%y = "lb.qmatmul"(%s) : (%s) -> %s\n%s\n  %%q = "lb.requantize"(%%y, %%m, %%s, %%z) {axis = 1 : i64}'
                       ' : (%s, tensor<%dxi32>, tensor<%dxi32>, tensor<1x%s>) -> %s\n  return %%q : %s\n}\n'
                       % (ops, types, yt, "\n".join(rql), yt, N, N, out_t, qt, qt))
                check_pair(a, base + "_rq", "func.func @main(%%a: %s, %%w: %s) -> %s {\n%s\n%s" % (at, bt, qt, "\n".join(consts), mmq),
                           "func.func @main(%%a: %s) -> %s {\n%s\n%s\n%s" % (at, qt, cw, "\n".join(consts), mmq),
                           [x], w, requant(want, mult, shift, zp, T[out_t][1], T[out_t][2] - 1, 1), "lb.requantize")
                rq_cases += 1
    # 4-bit codes in 8-bit containers (a W4 model): stored packed two per byte, the same values
    for ta in T:
        da, lo, hi = T[ta]
        M, K, N = 6, 100, 9
        x = rng.integers(lo, hi, (M, K)).astype(da)
        w = rng.integers(-8, 8, (K, N)).astype(np.int8)
        az = int(rng.integers(lo, hi))
        bz = np.zeros(N, np.int64)
        bv = rng.integers(-100000, 100000, N)
        at, bt, yt = "tensor<%dx%dx%s>" % (M, K, ta), "tensor<%dx%dxi8>" % (K, N), "tensor<%dx%dxi32>" % (M, N)
        consts = ['  %%az = "lb.constant"() {value = %s} : () -> tensor<1x%s>' % (dense([az], ta), ta),
                  '  %%bz = "lb.constant"() {value = %s} : () -> tensor<%dxi8>' % (dense(bz, "i8"), N),
                  '  %%bias = "lb.constant"() {value = %s} : () -> tensor<%dxi32>' % (dense(bv, "i32"), N)]
        mm = ('  %%y = "lb.qmatmul"(%%a, %%w, %%az, %%bz, %%bias) : (%s, %s, tensor<1x%s>, tensor<%dxi8>, tensor<%dxi32>) -> %s\n'
              '  return %%y : %s\n}\n' % (at, bt, ta, N, N, yt, yt))
        cw = '  %%w = "lb.constant"() {value = %s} : () -> %s' % (dense(w, "i8"), bt)
        want = (x.astype(np.int64) - az) @ w.astype(np.int64) + bv
        check_pair(a, os.path.join(a.work, "packed4_%s" % ta),
                   "func.func @main(%%a: %s, %%w: %s) -> %s {\n%s\n%s" % (at, bt, yt, "\n".join(consts), mm),
                   "func.func @main(%%a: %s) -> %s {\n%s\n%s\n%s" % (at, yt, cw, "\n".join(consts), mm), [x], w, want,
                   'b_layout = "nk"')
        cases += 1
    # convolutions: the direct kernel (weight as input) vs the implicit GEMM (constant weight)
    for tx in T:
        # int8 weights over the full range, and with 4-bit codes (stored packed: qconv2d_gemm4)
        for tw, wr in (("i8", None), ("ui8", None), ("i8", (-8, 8))):
            for (N, C, H, W, OC, KH, KW), stride, pads, dil, group, per_ch, bias in (
                    ((2, 4, 9, 9, 6, 3, 3), (1, 1), (1, 1, 1, 1), (1, 1), 1, True, True),
                    ((1, 6, 11, 10, 9, 3, 2), (2, 1), (0, 2, 1, 0), (1, 2), 3, False, False),
                    ((1, 3, 12, 12, 5, 1, 1), (1, 1), (0, 0, 0, 0), (1, 1), 1, True, True),
                    ((1, 16, 7, 7, 10, 3, 3), (1, 1), (1, 0, 2, 1), (1, 1), 1, True, True),
                    ((2, 24, 6, 5, 8, 3, 3), (1, 2), (2, 1, 0, 1), (2, 1), 2, False, True),
                    # depthwise (the kernel's direct path): rows longer than a block, stride 2 with dilation
                    ((1, 8, 9, 70, 8, 3, 3), (1, 1), (1, 1, 1, 1), (1, 1), 8, True, True),
                    ((2, 6, 9, 21, 6, 5, 5), (2, 2), (2, 3, 1, 0), (1, 2), 6, False, True),
                    # a first layer (K = 27: the direct path, its padded planes larger than the image)
                    ((1, 3, 40, 48, 4, 3, 3), (1, 1), (1, 1, 1, 1), (1, 1), 1, True, True)):
                dx, lo, hi = T[tx]
                dw, wlo, whi = T[tw]
                if wr:
                    wlo, whi = wr
                x = rng.integers(lo, hi, (N, C, H, W)).astype(dx)
                w = rng.integers(wlo, whi, (OC, C // group, KH, KW)).astype(dw)
                xz = int(rng.integers(lo, hi))
                wz = rng.integers(wlo, whi, OC if per_ch else 1)
                bv = rng.integers(-100000, 100000, OC)
                want = conv_ref(x, w, xz, wz if per_ch else np.repeat(wz, OC), bv if bias else None, stride, pads, dil, group)
                xt, wt = "tensor<%dx%dx%dx%dx%s>" % (N, C, H, W, tx), "tensor<%dx%dx%dx%dx%s>" % (OC, C // group, KH, KW, tw)
                yt = "tensor<%dx%dx%dx%dxi32>" % ((N, OC) + want.shape[2:] )
                consts = ['  %%xz = "lb.constant"() {value = %s} : () -> tensor<1x%s>' % (dense([xz], tx), tx),
                          '  %%wz = "lb.constant"() {value = %s} : () -> tensor<%dx%s>' % (dense(wz, tw), len(wz), tw)]
                if bias:
                    consts.append('  %%b = "lb.constant"() {value = %s} : () -> tensor<%dxi32>' % (dense(bv, "i32"), OC))
                attrs = ("strides = array<i64: %d, %d>, pads = array<i64: %d, %d, %d, %d>, dilations = array<i64: %d, %d>, "
                         "group = %d : i64" % (stride + pads + dil + (group,)))
                types = "%s, %s, tensor<1x%s>, tensor<%dx%s>%s" % (xt, wt, tx, len(wz), tw, ", tensor<%dxi32>" % OC if bias else "")
                cv = '  %%y = "lb.qconv2d"(%%x, %%w, %%xz, %%wz%s) {%s} : (%s) -> %s' % (", %b" if bias else "", attrs, types, yt)
                cw = '  %%w = "lb.constant"() {value = %s} : () -> %s' % (dense(w, tw), wt)
                base = os.path.join(a.work, "conv_%s_%s%s_%d" % (tx, tw, "_w4" if wr else "", conv_cases))
                body = "%s\n%s\n  return %%y : %s\n}\n" % ("\n".join(consts), cv, yt)
                check_pair(a, base, "func.func @main(%%x: %s, %%w: %s) -> %s {\n%s" % (xt, wt, yt, body),
                           "func.func @main(%%x: %s) -> %s {\n%s\n%s" % (xt, yt, cw, body), [x], w, want,
                           'algorithm = "gemm"')
                conv_cases += 1
                out_t = "ui8" if conv_cases % 2 else "i8"
                mult, shift, zp, rql = rq_consts(OC, out_t)
                qt = "tensor<%dx%dx%dx%dx%s>" % ((N, OC) + want.shape[2:] + (out_t,))
                body = ("%s\n%s\n%s\n  %%q = \"lb.requantize\"(%%y, %%m, %%s, %%z) {axis = 1 : i64} : (%s, tensor<%dxi32>, "
                        "tensor<%dxi32>, tensor<1x%s>) -> %s\n  return %%q : %s\n}\n"
                        % ("\n".join(consts), cv, "\n".join(rql), yt, OC, OC, out_t, qt, qt))
                check_pair(a, base + "_rq", "func.func @main(%%x: %s, %%w: %s) -> %s {\n%s" % (xt, wt, qt, body),
                           "func.func @main(%%x: %s) -> %s {\n%s\n%s" % (xt, qt, cw, body), [x], w,
                           requant(want, mult, shift, zp, T[out_t][1], T[out_t][2] - 1, 1), 'algorithm = "gemm"')
                rq_cases += 1
    print("pack-layout oracle: %d matmuls, %d convolutions, %d requantized; packed == reference == numpy"
          % (cases, conv_cases, rq_cases))


if __name__ == "__main__":
    main()
