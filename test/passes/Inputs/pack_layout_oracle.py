#!/usr/bin/python3
"""lb-pack-layout keeps the value: the same integer matmuls run by `lowbit run`
with the weight as a graph input (no packing: the reference kernel) and as a
constant (packed to [N, K] by lb-pack-layout inside lb-prequantized), for
every 8-bit type pair, per-column and single zero points, with and without a
bias, K up to the packed kernel's limit region; outputs must be identical.

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


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--lowbit", default="lowbit")
    ap.add_argument("--work", required=True)
    a = ap.parse_args()
    os.makedirs(a.work, exist_ok=True)
    cases = 0
    for ta in T:
        for tb in T:
            for (M, K, N), per_col, bias in (((9, 70, 13), True, True), ((4, 33, 5), False, False), ((1, 300, 3), True, False)):
                da, lo, hi = T[ta]
                db, blo, bhi = T[tb]
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
                base = os.path.join(a.work, "%s_%s_%d" % (ta, tb, K))
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
    print("pack-layout oracle: %d matmuls, packed == reference == numpy" % cases)


if __name__ == "__main__":
    main()
