#!/usr/bin/python3
"""The LLVM backend's --threads N on layers large enough to be split: an MLP
(x[32, 512] -> 512 -> Relu -> 384, 14M multiply-accumulates per call) and a
CNN (x[2, 16, 40, 40] -> 3x3 conv to 32 -> Relu -> 3x3 conv to 24, 47M).
Builds each W8A8 with --emit obj single-threaded and with --threads N,
links them with test/e2e/harness.c (-pthread), runs both on the same
inputs and compares them bit for bit with `lowbit run`. Prints one line per
model and PASS.

    check_llvm_threads.py --lowbit lowbit --harness harness.c --work DIR [--threads 2]
"""
import argparse
import os
import subprocess
import sys

import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper


def run(cmd):
    r = subprocess.run(cmd, capture_output=True, text=True)
    if r.returncode != 0:
        sys.exit("command failed (%d): %s\n%s%s" % (r.returncode, " ".join(cmd), r.stdout, r.stderr))
    return r


def models(work, rng):
    f32 = np.float32
    out = {}
    # MLP
    w1 = (rng.standard_normal((512, 512)) / 22).astype(f32)
    w2 = (rng.standard_normal((512, 384)) / 22).astype(f32)
    g = helper.make_graph(
        [helper.make_node("MatMul", ["x", "w1"], ["h"], name="fc1"), helper.make_node("Relu", ["h"], ["r"], name="relu"),
         helper.make_node("MatMul", ["r", "w2"], ["y"], name="fc2")], "mlp",
        [helper.make_tensor_value_info("x", TensorProto.FLOAT, [100, 512])],
        [helper.make_tensor_value_info("y", TensorProto.FLOAT, [100, 384])],
        [numpy_helper.from_array(w1, "w1"), numpy_helper.from_array(w2, "w2")])
    out["mlp"] = (g, (100, 512))  # 100 rows: blocks of 64 and 36, tiles of 6 and 4
    # CNN
    c1 = (rng.standard_normal((32, 16, 3, 3)) / 12).astype(f32)
    c2 = (rng.standard_normal((24, 32, 3, 3)) / 17).astype(f32)
    b1 = (rng.standard_normal(32) / 10).astype(f32)
    g = helper.make_graph(
        [helper.make_node("Conv", ["x", "c1", "b1"], ["h"], pads=[1, 1, 1, 1], name="conv1"),
         helper.make_node("Relu", ["h"], ["r"], name="relu"),
         helper.make_node("Conv", ["r", "c2"], ["y"], pads=[0, 1, 1, 0], name="conv2")], "cnn",
        [helper.make_tensor_value_info("x", TensorProto.FLOAT, [2, 16, 40, 40])],
        [helper.make_tensor_value_info("y", TensorProto.FLOAT, [2, 24, 39, 39])],
        [numpy_helper.from_array(c1, "c1"), numpy_helper.from_array(c2, "c2"), numpy_helper.from_array(b1, "b1")])
    out["cnn"] = (g, (2, 16, 40, 40))
    paths = {}
    for name, (g, shape) in out.items():
        m = helper.make_model(g, opset_imports=[helper.make_opsetid("", 13)], producer_name="lowbit-tests")
        p = os.path.join(work, name + ".onnx")
        onnx.save(m, p)
        calib = rng.standard_normal(shape).astype(f32)
        x = rng.standard_normal(shape).astype(f32)
        np.save(os.path.join(work, name + "_calib.npy"), calib)
        np.save(os.path.join(work, name + "_x.npy"), x)
        paths[name] = (p, shape)
    return paths


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--lowbit", default="lowbit")
    ap.add_argument("--harness", required=True)
    ap.add_argument("--work", required=True)
    ap.add_argument("--cc", default="cc")
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--target", help="lowbit compile --target (default: native)")
    a = ap.parse_args()
    os.makedirs(a.work, exist_ok=True)
    rng = np.random.default_rng(5)
    for name, (model, shape) in models(a.work, rng).items():
        calib, x = os.path.join(a.work, name + "_calib.npy"), os.path.join(a.work, name + "_x.npy")
        q = ["--calib", "x=" + calib, "--quant", "w8a8"]
        ref = os.path.join(a.work, name + "_ref.npy")
        run([a.lowbit, "run", model, "--input", "x=" + x, "--output", ref] + q)
        r = np.load(ref)
        inb = os.path.join(a.work, name + "_in.bin")
        np.load(x).astype("<f4").tofile(inb)
        for t in (1, a.threads):
            d = os.path.join(a.work, "%s_t%d" % (name, t))
            tgt = ["--target", a.target] if a.target else []
            log = run([a.lowbit, "compile", model] + q + tgt + ["--emit", "obj", "-o", d, "--threads", str(t)]).stderr
            exe = os.path.join(d, "run")
            run([a.cc, "-std=c99", "-O2", "-I" + d, a.harness, os.path.join(d, "model.o"), "-o", exe, "-lm", "-pthread"])
            ob = os.path.join(d, "out.bin")
            run([exe, inb, ob])
            o = np.fromfile(ob, "<f4").reshape(r.shape)
            same = np.array_equal(o.view("<u4"), r.view("<u4"))
            simd = log.split("kernel calls, ")[1].split(" on SIMD")[0] if "kernel calls, " in log else "?"
            print("%s --threads %d: %s vs lowbit run (%s steps on SIMD kernels)" % (
                name, t, "bit-identical" if same else "DIFFERENT", simd))
            assert same, "%s --threads %d differs from lowbit run (max diff %g)" % (name, t, float(np.abs(o - r).max()))
        hdr = open(os.path.join(a.work, "%s_t%d" % (name, a.threads), "model.h")).read()
        assert "-pthread" in hdr, "the threaded object's header does not say -pthread"
    print("PASS")


if __name__ == "__main__":
    main()
