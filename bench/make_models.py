#!/usr/bin/python3
"""Float ONNX models for `make bench`, with calibration data.

    bench/make_models.py OUTDIR

gemm1024: x[N,1024] -> MatMul 1024x1024 + bias;  gemm4096: the same at 4096;
mlp: x[N,784] -> 1024 -> Relu -> 1024 -> Relu -> 10;
cnn: x[N,3,32,32] -> three 3x3 convs (3->32->32->32, pad 1, Relu), 15M MACs.
Weights are random (He-scaled); OUTDIR/NAME_calib.npy holds 64 calibration rows.
"""
import os
import sys

import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper

rng = np.random.default_rng(11)
F32 = np.float32


def dense(name, k, n):
    return (numpy_helper.from_array((rng.standard_normal((k, n)) * np.sqrt(2.0 / k)).astype(F32), name + "_w"),
            numpy_helper.from_array((rng.standard_normal(n) * 0.01).astype(F32), name + "_b"))


def save(out, name, nodes, x_shape, y_shape, inits):
    g = helper.make_graph(nodes, name, [helper.make_tensor_value_info("x", TensorProto.FLOAT, ["N"] + x_shape)],
                          [helper.make_tensor_value_info("y", TensorProto.FLOAT, ["N"] + y_shape)], inits)
    m = helper.make_model(g, opset_imports=[helper.make_opsetid("", 13)], producer_name="lowbit-bench")
    onnx.checker.check_model(m)
    onnx.save(m, os.path.join(out, name + ".onnx"))
    np.save(os.path.join(out, name + "_calib.npy"), rng.standard_normal([64] + x_shape).astype(F32))


def mlp_nodes(layers, dims):
    nodes, inits, cur = [], [], "x"
    for i, (k, n) in enumerate(zip(dims[:-1], dims[1:])):
        w, b = dense("fc%d" % i, k, n)
        inits += [w, b]
        last = i == len(dims) - 2
        nodes.append(helper.make_node("MatMul", [cur, w.name], ["mm%d" % i], name="fc%d" % i))
        nodes.append(helper.make_node("Add", ["mm%d" % i, b.name], ["y" if last and not layers else "a%d" % i]))
        cur = "a%d" % i
        if not last:
            nodes.append(helper.make_node("Relu", [cur], ["r%d" % i]))
            cur = "r%d" % i
        elif layers:
            nodes[-1].output[0] = "y"
    return nodes, inits


def main():
    out = sys.argv[1]
    os.makedirs(out, exist_ok=True)
    for d in (1024, 4096):
        nodes, inits = mlp_nodes(False, [d, d])
        save(out, "gemm%d" % d, nodes, [d], [d], inits)
    nodes, inits = mlp_nodes(True, [784, 1024, 1024, 10])
    save(out, "mlp", nodes, [784], [10], inits)
    nodes, inits, cur, c = [], [], "x", 3
    for i in range(3):
        w = numpy_helper.from_array((rng.standard_normal((32, c, 3, 3)) * np.sqrt(2.0 / (9 * c))).astype(F32), "c%d_w" % i)
        b = numpy_helper.from_array((rng.standard_normal(32) * 0.01).astype(F32), "c%d_b" % i)
        inits += [w, b]
        nodes.append(helper.make_node("Conv", [cur, w.name, b.name], ["c%d" % i], pads=[1, 1, 1, 1], name="conv%d" % i))
        nodes.append(helper.make_node("Relu", ["c%d" % i], ["y" if i == 2 else "r%d" % i]))
        cur, c = "r%d" % i, 32
    save(out, "cnn", nodes, [3, 32, 32], [32, 32, 32], inits)


if __name__ == "__main__":
    main()
