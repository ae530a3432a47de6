#!/usr/bin/python3
"""End-to-end check of a pre-quantized (QDQ / QOperator) model, as is.

1. `lowbit run` (no --calib, no --quant) against our numpy implementation
   of the ONNX specs: integer outputs exactly; float outputs (a final
   DequantizeLinear) within one output quantum and >= 99% of elements exact.
2. The IR after lb-lower-quantized contains every --expect-op and none of
   --reject-op (e.g. no float lb.matmul left: the kernels are integer).
3. `lowbit compile --emit c` builds with -std=c99 -Wall -Wextra -Werror
   -pedantic, and the generated C is bit-identical to `lowbit run`.
4. With --llvm, `lowbit compile --emit obj` (the host) too.
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
    ap.add_argument("--quantum", help=".npy holding the output scale (float outputs)")
    ap.add_argument("--rtol", type=float, help="float outputs of a float computation: ||y - ref|| / ||ref|| bound")
    ap.add_argument("--max-weight-bytes", type=int, help="bound on the generated code's weight bytes")
    ap.add_argument("--expect-op", action="append", default=[])
    ap.add_argument("--reject-op", action="append", default=[])
    ap.add_argument("--cc", default="cc")
    ap.add_argument("--harness", required=True)
    ap.add_argument("--work", required=True)
    ap.add_argument("--llvm", action="store_true", help="also the LLVM backend's object for the host, bit for bit")
    a = ap.parse_args()
    os.makedirs(a.work, exist_ok=True)
    name = os.path.basename(a.model)
    ref = np.load(a.ref)
    x = np.load(a.input.split("=", 1)[1])

    yout = os.path.join(a.work, "y.npy")
    run([a.lowbit, "run", a.model, "--input", a.input, "--output", yout])
    y = np.load(yout)
    assert y.shape == ref.shape and y.dtype == ref.dtype, "output %s %s, expected %s %s" % (y.shape, y.dtype, ref.shape, ref.dtype)
    if a.rtol is not None:
        rel = float(np.linalg.norm(y.astype(np.float64) - ref) / np.linalg.norm(ref))
        print("%s vs the reference: relative error %.3g" % (name, rel))
        assert rel <= a.rtol, "relative error %g above %g" % (rel, a.rtol)
    elif ref.dtype.kind == "f":
        q = float(np.load(a.quantum))
        d = np.abs(y.astype(np.float64) - ref)
        exact = float((d == 0).mean())
        print("%s vs the ONNX spec: max %.3g output quanta, %.2f%% of elements exact" % (name, d.max() / q, 100 * exact))
        assert np.isfinite(y).all(), "non-finite outputs"
        assert d.max() <= q * 1.0001 and exact >= 0.99, "outside one quantum or under 99% exact"
    else:
        same = np.array_equal(y, ref)
        print("%s vs the ONNX spec: %s (%d %s outputs)" % (name, "exact" if same else "DIFFERENT", y.size, y.dtype))
        assert same, "integer outputs differ (max %d)" % int(np.abs(y.astype(np.int64) - ref).max())

    ir = run([a.lowbit, "compile", a.model, "--emit", "mlir", "--elide-resources"]).stdout
    # the IR after lb-lower-quantized, or for a float model the compiled IR (the last dump)
    mark = "IR Dump After lb-lower-quantized" if "IR Dump After lb-lower-quantized" in ir else "IR Dump After"
    lowered = ir[(ir.index if mark != "IR Dump After" else ir.rindex)(mark):]
    lowered = lowered[:lowered.find("IR Dump After", 10) if "IR Dump After" in lowered[10:] else len(lowered)]
    for op in a.expect_op:
        assert '"%s"' % op in lowered, "lowered IR has no %s" % op
        print("%s lowered IR contains %s" % (name, op))
    for op in a.reject_op:
        assert '"%s"' % op not in lowered, "lowered IR still has %s" % op
        print("%s lowered IR has no %s" % (name, op))

    cdir = os.path.join(a.work, "c")
    r = run([a.lowbit, "compile", a.model, "--emit", "c", "-o", cdir])
    if a.max_weight_bytes is not None:
        wb = int(r.stderr.split(" weight bytes")[0].split()[-1])
        print("%s generated code weight bytes: %d (bound %d)" % (name, wb, a.max_weight_bytes))
        assert wb <= a.max_weight_bytes, "weights take %d bytes" % wb
    exe = os.path.join(cdir, "run")
    run([a.cc, "-std=c99", "-Wall", "-Wextra", "-Werror", "-pedantic", "-O2", "-I" + cdir,
         os.path.join(cdir, "model.c"), a.harness, "-o", exe, "-lm"])
    inb, outb = os.path.join(cdir, "in.bin"), os.path.join(cdir, "out.bin")
    x.astype(x.dtype.newbyteorder("<")).tofile(inb)
    run([exe, inb, outb])
    c = np.fromfile(outb, y.dtype.newbyteorder("<")).reshape(y.shape)
    same = c.tobytes() == y.astype(y.dtype.newbyteorder("<")).tobytes()
    print("%s generated C vs interpreter: %s on %d samples" % (name, "bit-identical" if same else "DIFFERENT", len(c)))
    assert same, "generated C differs from lowbit run"
    if a.llvm:
        odir = os.path.join(a.work, "obj")
        r = run([a.lowbit, "compile", a.model, "--emit", "obj", "-o", odir])
        simd = r.stderr.split(" on SIMD kernels")[0].split("(")[-1]
        exe = os.path.join(odir, "run")
        run([a.cc, "-std=c99", "-O2", "-I" + odir, a.harness, os.path.join(odir, "model.o"), "-o", exe, "-lm"])
        outo = os.path.join(odir, "out.bin")
        run([exe, inb, outo])
        o = np.fromfile(outo, y.dtype.newbyteorder("<")).reshape(y.shape)
        same = o.tobytes() == y.astype(y.dtype.newbyteorder("<")).tobytes()
        print("%s LLVM object vs interpreter: %s on %d samples (%s on SIMD kernels)"
              % (name, "bit-identical" if same else "DIFFERENT", len(o), simd))
        assert same, "the LLVM backend's object differs from lowbit run"
    print("PASS")


if __name__ == "__main__":
    main()
