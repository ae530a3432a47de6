#!/usr/bin/python3
"""lowbit demo: digits CNN (with BatchNormalization) -> W8A8 C on held-out digits.

Trains the model with numpy on scikit-learn's bundled digits data, exports it
to ONNX, compiles it with `lowbit compile --quant w8a8 --emit c`, builds the
generated C with the system compiler, runs it on the held-out digits, and
reports float vs W8A8 accuracy, agreement with the interpreter, and sizes.
"""
import argparse
import os
import subprocess
import sys

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)


def sh(cmd, **kw):
    r = subprocess.run(cmd, capture_output=True, text=True, **kw)
    if r.returncode != 0:
        sys.exit("demo: command failed: %s\n%s%s" % (" ".join(cmd), r.stdout, r.stderr))
    return r


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--lowbit", default=os.path.join(ROOT, "build", "bin", "lowbit"))
    ap.add_argument("--work", default=os.path.join(ROOT, "build", "demo"))
    a = ap.parse_args()
    os.makedirs(a.work, exist_ok=True)
    print("[1/5] training the digits models (numpy) and exporting ONNX ...")
    sh(["/usr/bin/python3", os.path.join(ROOT, "test", "models", "make_digits_models.py"), a.work])
    model = os.path.join(a.work, "cnn.onnx")
    x, calib = os.path.join(a.work, "test_x_img.npy"), os.path.join(a.work, "calib_img.npy")
    y = np.load(os.path.join(a.work, "test_y.npy"))

    print("[2/5] float reference in the lowbit interpreter ...")
    sh([a.lowbit, "run", model, "--input", "x=" + x, "--output", os.path.join(a.work, "float.npy")])
    f = np.load(os.path.join(a.work, "float.npy"))

    print("[3/5] lowbit compile --quant w8a8 --emit c ...")
    cdir = os.path.join(a.work, "c")
    r = sh([a.lowbit, "compile", model, "--calib", "x=" + calib, "--quant", "w8a8", "--emit", "c", "-o", cdir,
            "--name", "model"])
    print("      " + r.stderr.strip())

    print("[4/5] building the generated C (cc -std=c99 -Wall -Wextra -Werror -pedantic -O2) ...")
    exe = os.path.join(cdir, "digits")
    sh(["cc", "-std=c99", "-Wall", "-Wextra", "-Werror", "-pedantic", "-O2", "-I" + cdir, os.path.join(cdir, "model.c"),
        os.path.join(ROOT, "test", "e2e", "harness.c"), "-o", exe, "-lm"])

    print("[5/5] running it on %d held-out digits ..." % len(y))
    inb, outb = os.path.join(cdir, "in.bin"), os.path.join(cdir, "out.bin")
    np.load(x).astype("<f4").tofile(inb)
    sh([exe, inb, outb])
    c = np.fromfile(outb, "<f4").reshape(-1, 10)
    sh([a.lowbit, "run", model, "--calib", "x=" + calib, "--quant", "w8a8", "--input", "x=" + x, "--output",
        os.path.join(a.work, "w8a8.npy")])
    q = np.load(os.path.join(a.work, "w8a8.npy"))

    acc_f = (f.argmax(1) == y).mean() * 100
    acc_c = (c.argmax(1) == y).mean() * 100
    same = np.array_equal(c.view("<u4"), q.view("<u4"))
    onnx_bytes = os.path.getsize(model)
    src = os.path.join(cdir, "model.c")
    obj = os.path.join(cdir, "model.o")
    sh(["cc", "-std=c99", "-O2", "-c", src, "-I" + cdir, "-o", obj])
    size = sh(["size", obj]).stdout.splitlines()[1].split()
    text, data = int(size[0]), int(size[1])
    print()
    print("  digits CNN (conv-bn-relu-pool-conv-bn-relu-gemm), %d held-out samples" % len(y))
    print("  float accuracy (lowbit run)      : %6.2f %%" % acc_f)
    print("  W8A8 accuracy (generated C)      : %6.2f %%" % acc_c)
    print("  generated C vs lowbit interpreter: %s" % ("bit-identical on all samples" if same else "DIFFERENT"))
    print("  ONNX model (float32 weights)     : %7d bytes" % onnx_bytes)
    print("  compiled model.o (text + rodata) : %7d bytes  (no malloc, no stdio)" % (text + data))
    hdr = open(os.path.join(cdir, "model.h")).read()
    scratch = int(hdr.split("#define MODEL_SCRATCH_SIZE ")[1].split()[0])
    print("  scratch memory (caller-supplied) : %7d bytes" % scratch)
    return 0 if same else 1


if __name__ == "__main__":
    sys.exit(main())
