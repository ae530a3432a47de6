#!/usr/bin/python3
"""End-to-end check of one digits model (lit runs it; exits non-zero on failure).

1. `lowbit run` on the float model matches the numpy reference within 1e-4.
2. `lowbit run --quant Q` (w8a8 unless --quant says otherwise) top-1 accuracy
   is within --max-drop points (default 1) of float.
3. `lowbit compile --emit c` builds with -std=c99 -Wall -Wextra -Werror -pedantic,
   and its outputs on every held-out sample are bit-identical to `lowbit run`
   on the same quantized model.
"""
import argparse
import os
import re
import subprocess
import sys

import numpy as np


def run(cmd):
    r = subprocess.run(cmd, capture_output=True, text=True)
    if r.returncode != 0:
        sys.exit("command failed (%d): %s\n%s%s" % (r.returncode, " ".join(cmd), r.stdout, r.stderr))
    return r


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--lowbit", default="lowbit")
    ap.add_argument("--models", required=True)
    ap.add_argument("--model", required=True, choices=["mlp", "cnn"])
    ap.add_argument("--cc", default="cc")
    ap.add_argument("--harness", required=True)
    ap.add_argument("--work", required=True)
    ap.add_argument("--weights", default="c", choices=["c", "binary"])
    ap.add_argument("--quant", default="w8a8")
    ap.add_argument("--max-drop", type=float, default=1.0, help="accuracy points the quantized model may lose")
    ap.add_argument("--quant-option", action="append", default=[], help="extra lowbit option, e.g. --calib-method=mse")
    ap.add_argument("--backend", action="append", default=[],
                    help="also check an LLVM backend build: obj (SIMD kernels), obj-ref (--reference-kernels), "
                         "with ':TARGET' for a target (repeatable)")
    a = ap.parse_args()
    os.makedirs(a.work, exist_ok=True)
    kind = "flat" if a.model == "mlp" else "img"
    model = os.path.join(a.models, a.model + ".onnx")
    x = os.path.join(a.models, "test_x_%s.npy" % kind)
    calib = os.path.join(a.models, "calib_%s.npy" % kind)
    y = np.load(os.path.join(a.models, "test_y.npy"))
    ref = np.load(os.path.join(a.models, a.model + "_ref.npy"))

    fout = os.path.join(a.work, "float.npy")
    run([a.lowbit, "run", model, "--input", "x=" + x, "--output", fout])
    f = np.load(fout)
    err = float(np.abs(f - ref).max())
    print("%s float: max |lowbit - numpy| = %.3g over %d samples" % (a.model, err, len(f)))
    assert err <= 1e-4, "float interpreter differs from numpy by %g" % err

    qopts = ["--calib", "x=" + calib, "--quant", a.quant]
    for o in a.quant_option:
        qopts += o.split("=", 1)
    qout = os.path.join(a.work, a.quant + ".npy")
    run([a.lowbit, "run", model] + qopts + ["--input", "x=" + x, "--output", qout])
    q = np.load(qout)
    acc_f, acc_q = float((f.argmax(1) == y).mean()), float((q.argmax(1) == y).mean())
    print("%s accuracy: float %.2f%%, %s %.2f%% (%d samples)" % (a.model, 100 * acc_f, a.quant, 100 * acc_q, len(y)))
    assert acc_q >= acc_f - a.max_drop / 100 - 1e-9, "%s accuracy %.4f is more than %g points below float %.4f" % (
        a.quant, acc_q, a.max_drop, acc_f)

    cdir = os.path.join(a.work, "c")
    run([a.lowbit, "compile", model] + qopts + ["--emit", "c", "-o", cdir, "--weights", a.weights])
    src = open(os.path.join(cdir, "model.c")).read()
    for banned in ("malloc", "stdio", "printf"):
        assert banned not in src, "generated C mentions %s" % banned
    exe = os.path.join(cdir, "run")
    objs = []
    if a.weights == "binary":
        # every weight is in model.weights: model.c holds no array initializers
        assert not re.search(r"static const \w+ \w+\[[0-9]+\] = \{", src), \
            "binary weights: model.c still defines constant arrays"
        wsize = os.path.getsize(os.path.join(cdir, "model.weights"))
        print("%s binary weights: model.weights %d bytes, model.c %d bytes" % (a.model, wsize, len(src)))
        # .incbin resolves relative to the assembler's working directory or -I
        wobj = os.path.join(cdir, "model_weights.o")
        run([a.cc, "-c", "-Wa,-I" + cdir, os.path.join(cdir, "model_weights.S"), "-o", wobj])
        objs = [wobj]
    run([a.cc, "-std=c99", "-Wall", "-Wextra", "-Werror", "-pedantic", "-O2", "-I" + cdir,
         os.path.join(cdir, "model.c"), a.harness] + objs + ["-o", exe, "-lm"])
    inb, outb = os.path.join(cdir, "in.bin"), os.path.join(cdir, "out.bin")
    np.load(x).astype("<f4").tofile(inb)
    run([exe, inb, outb])
    c = np.fromfile(outb, "<f4").reshape(q.shape)
    same = np.array_equal(c.view("<u4"), q.view("<u4"))
    print("%s generated C vs interpreter: %s on %d samples" % (a.model, "bit-identical" if same else "DIFFERENT",
                                                                len(c)))
    assert same, "generated C differs from lowbit run (max diff %g)" % float(np.abs(c - q).max())

    for be in a.backend:
        kind, _, target = be.partition(":")
        odir = os.path.join(a.work, be.replace(":", "_"))
        extra = ["--reference-kernels"] if kind == "obj-ref" else []
        if target:
            extra += ["--target", target]
        r = run([a.lowbit, "compile", model] + qopts + ["--emit", "obj", "-o", odir] + extra)
        exe = os.path.join(odir, "run")
        run([a.cc, "-std=c99", "-Wall", "-Wextra", "-Werror", "-pedantic", "-O2", "-I" + odir, a.harness,
             os.path.join(odir, "model.o"), "-o", exe, "-lm"])
        ob = os.path.join(odir, "out.bin")
        run([exe, inb, ob])
        o = np.fromfile(ob, "<f4").reshape(q.shape)
        same = np.array_equal(o.view("<u4"), q.view("<u4"))
        simd = re.search(r"(\d+) on SIMD kernels", r.stderr)
        print("%s LLVM backend (%s) vs interpreter: %s on %d samples (%s SIMD steps)" % (
            a.model, be, "bit-identical" if same else "DIFFERENT", len(o), simd.group(1) if simd else "?"))
        assert same, "LLVM backend %s differs from lowbit run (max diff %g)" % (be, float(np.abs(o - q).max()))
    print("PASS")


if __name__ == "__main__":
    main()
