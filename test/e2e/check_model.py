#!/usr/bin/python3
"""End-to-end check of one single-input, single-output model (lit runs it).

1. `lowbit run` on the float model matches the numpy reference within --tol.
2. With --calib: `lowbit run --quant w8a8` stays within --qtol of the
   reference (relative to its largest magnitude), the lowered IR contains
   every --expect-op, and `lowbit compile --emit c` builds with
   -std=c99 -Wall -Wextra -Werror -pedantic and is bit-identical to
   `lowbit run` on the same quantized model.
Prints one line per check and PASS; exits non-zero on failure.
"""
import argparse
import os
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
    ap.add_argument("--model", required=True)
    ap.add_argument("--input", required=True, help="NAME=FILE.npy")
    ap.add_argument("--ref", required=True)
    ap.add_argument("--tol", type=float, default=1e-4)
    ap.add_argument("--calib", help="NAME=FILE.npy")
    ap.add_argument("--qtol", type=float, default=0.05)
    ap.add_argument("--quant", default="w8a8", help="w8a8 or w8a8-u8")
    ap.add_argument("--expect-op", action="append", default=[])
    ap.add_argument("--flag", action="append", default=[], help="one more lowbit run/compile argument (repeatable)")
    ap.add_argument("--cc", default="cc")
    ap.add_argument("--harness", required=True)
    ap.add_argument("--work", required=True)
    a = ap.parse_args()
    os.makedirs(a.work, exist_ok=True)
    name = os.path.basename(a.model)
    ref = np.load(a.ref)
    x = np.load(a.input.split("=", 1)[1])

    fout = os.path.join(a.work, "float.npy")
    run([a.lowbit, "run", a.model, "--input", a.input, "--output", fout])
    f = np.load(fout)
    err = float(np.abs(f - ref).max())
    print("%s float: max |lowbit - numpy| = %.3g" % (name, err))
    assert f.shape == ref.shape and err <= a.tol, "float interpreter differs from numpy by %g" % err
    if not a.calib:
        print("PASS")
        return

    qout = os.path.join(a.work, "w8a8.npy")
    run([a.lowbit, "run", a.model, "--calib", a.calib, "--quant", a.quant, *a.flag, "--input", a.input, "--output", qout])
    q = np.load(qout)
    qerr = float(np.abs(q - ref).max() / np.abs(ref).max())
    print("%s %s: max error relative to the largest output = %.3g" % (name, " ".join([a.quant, *a.flag]), qerr))
    assert qerr <= a.qtol, "w8a8 error %g above %g" % (qerr, a.qtol)
    ir = run([a.lowbit, "compile", a.model, "--calib", a.calib, "--quant", a.quant, *a.flag, "--emit", "mlir"]).stdout
    lowered = ir[ir.rindex("IR Dump After lb-lower-quantized"):]
    for op in a.expect_op:
        assert '"%s"' % op in lowered, "lowered IR has no %s" % op
        print("%s lowered IR contains %s" % (name, op))

    cdir = os.path.join(a.work, "c")
    run([a.lowbit, "compile", a.model, "--calib", a.calib, "--quant", a.quant, *a.flag, "--emit", "c", "-o", cdir])
    exe = os.path.join(cdir, "run")
    run([a.cc, "-std=c99", "-Wall", "-Wextra", "-Werror", "-pedantic", "-O2", "-I" + cdir,
         os.path.join(cdir, "model.c"), a.harness, "-o", exe, "-lm"])
    inb, outb = os.path.join(cdir, "in.bin"), os.path.join(cdir, "out.bin")
    x.astype("<f4").tofile(inb)
    run([exe, inb, outb])
    c = np.fromfile(outb, "<f4").reshape(q.shape)
    same = np.array_equal(c.view("<u4"), q.view("<u4"))
    print("%s generated C vs interpreter: %s on %d samples" % (name, "bit-identical" if same else "DIFFERENT", len(c)))
    assert same, "generated C differs from lowbit run (max diff %g)" % float(np.abs(c - q).max())
    print("PASS")


if __name__ == "__main__":
    main()
