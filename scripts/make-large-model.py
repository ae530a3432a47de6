#!/usr/bin/python3
"""Makes a large float MLP whose weights live in ONNX external data.

    scripts/make-large-model.py OUTDIR [--dim D] [--layers L] [--calib N]

writes OUTDIR/large.onnx (graph only, a few KB), OUTDIR/large.weights (every
weight and bias, float32, little-endian, referenced by external_data with
offsets) and OUTDIR/calib.npy (N x D calibration rows). The graph is
x[batch, D] -> L x (MatMul D x D -> Add bias -> Relu) -> y. The defaults
(D = 8192, L = 16) give 1,073,872,896 parameters, a 4.3 GB weight file.

The weights are written in chunks, so the script itself needs little memory;
nothing but the graph passes through onnx.
"""
import argparse
import os

import numpy as np
import onnx
from onnx import TensorProto, helper


def external(name, dims, location, offset, length):
    t = TensorProto()
    t.name = name
    t.data_type = TensorProto.FLOAT
    t.dims.extend(dims)
    t.data_location = TensorProto.EXTERNAL
    for k, v in (("location", location), ("offset", str(offset)), ("length", str(length))):
        e = t.external_data.add()
        e.key, e.value = k, v
    return t


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("outdir")
    ap.add_argument("--dim", type=int, default=8192)
    ap.add_argument("--layers", type=int, default=16)
    ap.add_argument("--calib", type=int, default=8)
    a = ap.parse_args()
    os.makedirs(a.outdir, exist_ok=True)
    d, rng = a.dim, np.random.default_rng(7)
    wpath = os.path.join(a.outdir, "large.weights")
    inits, nodes, off, params = [], [], 0, 0
    cur = "x"
    with open(wpath, "wb") as f:
        for i in range(a.layers):
            # He-style scale keeps activations in range through the Relu stack
            rows = max(1, (16 << 20) // (4 * d))  # write 16 MiB at a time
            for r0 in range(0, d, rows):
                n = min(rows, d - r0)
                (rng.standard_normal((n, d), dtype=np.float32) * np.float32(np.sqrt(2.0 / d))).tofile(f)
            inits.append(external("w%d" % i, [d, d], "large.weights", off, 4 * d * d))
            off += 4 * d * d
            (rng.standard_normal(d, dtype=np.float32) * np.float32(0.01)).tofile(f)
            inits.append(external("b%d" % i, [d], "large.weights", off, 4 * d))
            off += 4 * d
            params += d * d + d
            mm, add, out = "mm%d" % i, "add%d" % i, ("h%d" % i if i + 1 < a.layers else "y")
            nodes.append(helper.make_node("MatMul", [cur, "w%d" % i], [mm], name="matmul%d" % i))
            nodes.append(helper.make_node("Add", [mm, "b%d" % i], [add], name="add%d" % i))
            nodes.append(helper.make_node("Relu", [add], [out], name="relu%d" % i))
            cur = out
    g = helper.make_graph(nodes, "large", [helper.make_tensor_value_info("x", TensorProto.FLOAT, ["batch", d])],
                          [helper.make_tensor_value_info("y", TensorProto.FLOAT, ["batch", d])], inits)
    m = helper.make_model(g, opset_imports=[helper.make_opsetid("", 13)], producer_name="lowbit-large")
    onnx.save(m, os.path.join(a.outdir, "large.onnx"))
    np.save(os.path.join(a.outdir, "calib.npy"), rng.standard_normal((a.calib, d), dtype=np.float32))
    print("large.onnx: %d layers of %dx%d, %d parameters, %d weight bytes in large.weights" % (a.layers, d, d, params,
                                                                                               off))


if __name__ == "__main__":
    main()
