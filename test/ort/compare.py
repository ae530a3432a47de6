#!/usr/bin/python3
"""make ort-check: onnxruntime as a second reference, next to our numpy
implementations of the specs, for the test models that use newer opsets
and contrib ops (blocked int4 QDQ at opset 21, Gelu at 20, MatMulNBits,
the com.microsoft QLinear* ops, QDQ and QOperator models), an opset-9
model in the old forms and the mobile-CNN activations.

For each model: `lowbit run` and onnxruntime (run_ort.js) on the same
inputs; integer outputs must match to within `int_tol` codes on at least
`int_exact` of the elements (onnxruntime's QLinear kernels use their own
fixed-point arithmetic, so single-code differences at rounding ties are
expected), float outputs to `rtol` (||a - b|| / ||b||). Prints one line per
model and a summary; exits 1 on any mismatch.
usage: compare.py --lowbit LOWBIT --models DIR --node-modules DIR --work DIR
"""
import argparse
import json
import os
import subprocess
import sys

import numpy as np

# model, input name, input file, rtol (float outputs) or None (integer)
CASES = [
    ("qdq_int4_blocked.onnx", "x", "qdq_int4_blocked_x.npy", 1e-5),
    ("transformer_block_op20.onnx", "x", "transformer_block_x.npy", 1e-4),
    ("transformer_block_op17.onnx", "x", "transformer_block_x.npy", 1e-4),
    ("matmul_nbits4.onnx", "x", "matmul_nbits_x.npy", 1e-5),
    # (onnxruntime 1.20-1.22 runs MatMulNBits with 4-bit codes only: the 2- and
    # 8-bit models are checked against numpy alone, in test/e2e/prequantized.test)
    ("qdq_mlp.onnx", "x", "qdq_mlp_x.npy", None),
    ("qop_cnn.onnx", "x", "qop_cnn_x.npy", None),
    ("msft_qlinear.onnx", "x", "msft_qlinear_x.npy", None),
    ("qdq_pool.onnx", "x", "qdq_pool_x.npy", None),
    # old exporters: opset 9 (Clip bounds as attributes, BatchNormalization-9, older Conv/MaxPool/Gemm)
    ("opset9.onnx", "x", "opset9_x.npy", 1e-5),
    # Resize, linear and nearest, scales
    ("resize.onnx", "x", "resize_x.npy", 1e-5),
    # Pad: reflect, constant, edge
    ("pad.onnx", "x", "pad_x.npy", 1e-5),
    # ConvTranspose: strided with output_padding, grouped
    ("deconv.onnx", "x", "deconv_x.npy", 1e-5),
    # mobile-CNN activations (HardSwish, Elu, HardSigmoid)
    ("conv_acts.onnx", "x", "conv_acts_x.npy", 1e-5),
]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--lowbit", default="lowbit")
    ap.add_argument("--models", required=True)
    ap.add_argument("--node-modules", required=True)
    ap.add_argument("--work", required=True)
    ap.add_argument("--int-tol", type=int, default=1)
    ap.add_argument("--int-exact", type=float, default=0.99)
    a = ap.parse_args()
    here = os.path.dirname(os.path.abspath(__file__))
    env = dict(os.environ, NODE_PATH=a.node_modules)
    bad = 0
    for model, name, xfile, rtol in CASES:
        mpath = os.path.join(a.models, model)
        x = np.load(os.path.join(a.models, xfile))
        d = os.path.join(a.work, model)
        os.makedirs(d, exist_ok=True)
        x.astype(x.dtype.newbyteorder("<")).tofile(os.path.join(d, "x.bin"))
        with open(os.path.join(d, "inputs.json"), "w") as f:
            json.dump([{"name": name, "dtype": "float32", "shape": list(x.shape), "file": "x.bin"}], f)
        r = subprocess.run(["node", os.path.join(here, "run_ort.js"), mpath, d], capture_output=True, text=True, env=env)
        if r.returncode:
            print("FAIL %s: %s" % (model, r.stderr.strip().splitlines()[-1] if r.stderr.strip() else "onnxruntime failed"))
            bad += 1
            continue
        o = json.load(open(os.path.join(d, "outputs.json")))[0]
        ref = np.fromfile(os.path.join(d, o["file"]), np.dtype(o["dtype"]).newbyteorder("<")).reshape(o["shape"])
        out = os.path.join(d, "lowbit.npy")
        subprocess.run([a.lowbit, "run", mpath, "--input", "%s=%s" % (name, os.path.join(a.models, xfile)), "--output",
                        out], check=True)
        y = np.load(out)
        if y.shape != ref.shape:
            print("FAIL %s: shape %s vs onnxruntime %s" % (model, y.shape, ref.shape))
            bad += 1
        elif ref.dtype.kind == "f" and rtol is not None:
            rel = float(np.linalg.norm(y.astype(np.float64) - ref) / max(np.linalg.norm(ref), 1e-30))
            ok = rel <= rtol
            print("%s %s: relative difference to onnxruntime %.3g (bound %g)" % ("ok  " if ok else "FAIL", model, rel, rtol))
            bad += not ok
        else:
            yi, ri = y.astype(np.float64), ref.astype(np.float64)
            if ref.dtype.kind == "f":  # a dequantized output: compare in output codes
                step = np.min(np.diff(np.unique(np.concatenate([ri.ravel(), yi.ravel()])))) if ri.size > 1 else 1.0
                yi, ri = np.rint(yi / step), np.rint(ri / step)
            diff = np.abs(yi - ri)
            exact = float((diff == 0).mean())
            ok = diff.max() <= a.int_tol and exact >= a.int_exact
            print("%s %s: %.2f%% of outputs equal onnxruntime's, max difference %d code(s)"
                  % ("ok  " if ok else "FAIL", model, 100 * exact, int(diff.max())))
            bad += not ok
    print("ort-check: %d models, %d mismatches" % (len(CASES), bad))
    sys.exit(1 if bad else 0)


if __name__ == "__main__":
    main()
