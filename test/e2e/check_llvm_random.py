"""Random differential test of the LLVM backend's SIMD kernels.

Builds random one-layer ONNX models (MatMul with 2-, 3-, 4- or 8-bit
weights, M 1..69, K 1..699, N 1..89; Conv + Relu with 1..11 channels,
kernels 1, 3, 5, padding, strides 1, 2 and 3), quantizes each with
`lowbit run --quant wBa8` (the reference interpreter) and with
`lowbit compile --emit obj` (one or two threads), links the object with
harness.c, and compares the outputs bit for bit. Activations are centred
at 0 or 1, so both int8 and uint8 activation kernels are drawn.

usage: check_llvm_random.py --lowbit LOWBIT --work DIR [--seed S] [--cases N] [--cc CC]
Prints one line per case and exits non-zero on any difference or failure.
"""
import argparse
import os
import subprocess
import sys

import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper

HERE = os.path.dirname(os.path.abspath(__file__))


def model(rng):
    """A random model: (nodes, initializers, input shape, weight bits, description), or None."""
    if rng.random() < 0.4:
        B, C, H, W = int(rng.integers(1, 3)), int(rng.integers(1, 12)), int(rng.integers(3, 20)), int(rng.integers(3, 40))
        OC, k = int(rng.integers(1, 20)), int(rng.choice([1, 3, 5]))
        p, s = int(rng.integers(0, k // 2 + 1)), int(rng.choice([1, 1, 2, 3]))
        if H + 2 * p < k or W + 2 * p < k:
            return None
        nodes = [helper.make_node("Conv", ["x", "w", "b"], ["c"], pads=[p] * 4, strides=[s, s]),
                 helper.make_node("Relu", ["c"], ["y"])]
        inits = [numpy_helper.from_array(rng.standard_normal((OC, C, k, k)).astype(np.float32), "w"),
                 numpy_helper.from_array(rng.standard_normal(OC).astype(np.float32), "b")]
        return nodes, inits, [B, C, H, W], 8, "conv %dx%dx%dx%d OC %d k %d pad %d stride %d" % (B, C, H, W, OC, k, p, s)
    M, K, N = int(rng.integers(1, 70)), int(rng.integers(1, 700)), int(rng.integers(1, 90))
    bits = int(rng.choice([2, 3, 4, 8]))
    inits = [numpy_helper.from_array(rng.standard_normal((K, N)).astype(np.float32), "w")]
    return [helper.make_node("MatMul", ["x", "w"], ["y"])], inits, [M, K], bits, "matmul %dx%dx%d w%d" % (M, K, N, bits)


def run(cmd, **kw):
    return subprocess.run(cmd, capture_output=True, text=True, **kw)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--lowbit", required=True)
    ap.add_argument("--work", required=True)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--cases", type=int, default=16)
    ap.add_argument("--cc", default="gcc")
    a = ap.parse_args()
    rng = np.random.default_rng(a.seed)
    bad = done = simd = 0
    while done < a.cases:
        m = model(rng)
        if m is None:
            continue
        nodes, inits, xs, bits, desc = m
        d = os.path.join(a.work, "case%d" % done)
        os.makedirs(d, exist_ok=True)
        g = helper.make_graph(nodes, "g", [helper.make_tensor_value_info("x", TensorProto.FLOAT, xs)],
                              [helper.make_tensor_value_info("y", TensorProto.FLOAT, None)], inits)
        mp = helper.make_model(g, opset_imports=[helper.make_opsetid("", 13)])
        mp.ir_version = 8
        onnx.save(mp, os.path.join(d, "m.onnx"))
        shift = float(rng.choice([0.0, 1.0]))
        np.save(os.path.join(d, "cal.npy"), (rng.standard_normal([2 * xs[0]] + xs[1:]) + shift).astype(np.float32))
        x = (rng.standard_normal(xs) * 1.5 + shift).astype(np.float32)
        np.save(os.path.join(d, "x.npy"), x)
        threads = int(rng.choice([1, 2]))
        q = [os.path.join(d, "m.onnx"), "--calib", "x=" + os.path.join(d, "cal.npy"), "--quant", "w%da8" % bits]
        done += 1
        r = run([a.lowbit, "run"] + q + ["--input", "x=" + os.path.join(d, "x.npy"), "--output", os.path.join(d, "ref.npy")])
        if r.returncode:
            print("FAIL (lowbit run) %s: %s" % (desc, r.stderr.strip()[-300:]))
            bad += 1
            continue
        r = run([a.lowbit, "compile"] + q + ["--emit", "obj", "--name", "model", "-o", d, "--threads", str(threads)])
        if r.returncode:
            print("FAIL (lowbit compile) %s: %s" % (desc, r.stderr.strip()[-300:]))
            bad += 1
            continue
        on_simd = "1 on SIMD kernels" in r.stderr
        simd += on_simd
        r = run([a.cc, "-std=c99", "-O1", "-I", d, os.path.join(HERE, "harness.c"), os.path.join(d, "model.o"),
                 "-o", os.path.join(d, "app"), "-lm", "-lpthread"])
        if r.returncode:
            print("FAIL (link) %s: %s" % (desc, r.stderr.strip()[-300:]))
            bad += 1
            continue
        x.astype("<f4").tofile(os.path.join(d, "in.bin"))
        r = run([os.path.join(d, "app"), os.path.join(d, "in.bin"), os.path.join(d, "out.bin")])
        ref = np.load(os.path.join(d, "ref.npy"))
        out = np.fromfile(os.path.join(d, "out.bin"), "<f4")
        ok = r.returncode == 0 and out.size == ref.size and np.array_equal(ref.view("u4").ravel(), out.view("u4"))
        bad += not ok
        print("%s %s, %d thread%s%s" % ("ok       " if ok else "DIFFERENT", desc, threads, "s" if threads > 1 else "",
                                       ", SIMD kernel" if on_simd else ", reference kernels"))
    print("random: %d cases, %d on SIMD kernels, %d different or failed" % (done, simd, bad))
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
