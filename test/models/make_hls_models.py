#!/usr/bin/python3
"""Models for the HLS backend's tests (numpy + onnx), written into OUTDIR:

  hls_mlp.onnx   x[N,784] -> Gemm(784x256) -> Relu -> Gemm(256x256) -> Relu -> Gemm(256x10):
                 an MNIST-sized MLP (266k MACs) too large for a zynq-7020 at full
                 parallelism, so the small and the large FPGA target get different
                 reuse factors; seeded random weights (He-scaled)
  hls_cnn.onnx   x[N,3,12,12] -> Conv(3->8,3x3,stride 2,pad 1) -> Relu -> Conv(8->8,3x3,group 2,pad 1)
                 -> Relu -> MaxPool(3x3, stride 2, pad 1) -> Flatten -> Gemm(8*3*3 -> 5):
                 strides, groups and a padded pooling window on the line buffers
  hls_res.onnx   x[N,3,8,8] -> Conv -> Relu -> [Conv -> Relu -> Conv] + shortcut -> Relu
                 -> GlobalAveragePool -> Flatten -> Gemm(8 -> 4): a residual block (a value
                 read twice: split streams; the add, its relu and the pooling stay float)
  hls_float.onnx x[N,2,8,8] -> MaxPool -> Conv -> MaxPool -> Relu -> Flatten -> Gemm -> Sigmoid
                 -> Gemm -> Tanh: the ops W8A8 leaves in float (a pool on the input, sigmoid
                 and tanh after a Gemm) as float stages of the design; the relu after the
                 pool becomes a table
  hls_*_calib.npy, hls_*_x.npy   calibration and test inputs
"""
import os
import sys

import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper

rng = np.random.default_rng(2026)


def save(out, name, nodes, inputs, outputs, inits):
    g = helper.make_graph(nodes, name, inputs, outputs, inits)
    m = helper.make_model(g, opset_imports=[helper.make_opsetid("", 13)], producer_name="lowbit-tests")
    onnx.checker.check_model(m)
    onnx.save(m, os.path.join(out, name + ".onnx"))


def he(*shape):
    fan_in = int(np.prod(shape[1:]))
    return (rng.standard_normal(shape) * np.sqrt(2.0 / fan_in)).astype(np.float32)


def main(out):
    os.makedirs(out, exist_ok=True)
    # MLP
    dims = [784, 256, 256, 10]
    nodes, inits, x = [], [], "x"
    for i in range(3):
        w = he(dims[i + 1], dims[i])
        b = (rng.standard_normal(dims[i + 1]) * 0.05).astype(np.float32)
        inits += [numpy_helper.from_array(w, "fc%d.w" % i), numpy_helper.from_array(b, "fc%d.b" % i)]
        y = "h%d" % i if i < 2 else "logits"
        nodes.append(helper.make_node("Gemm", [x, "fc%d.w" % i, "fc%d.b" % i], [y + ("_pre" if i < 2 else "")],
                                      name="fc%d" % i, transB=1))
        if i < 2:
            nodes.append(helper.make_node("Relu", [y + "_pre"], [y], name="relu%d" % i))
        x = y
    save(out, "hls_mlp", nodes, [helper.make_tensor_value_info("x", TensorProto.FLOAT, ["N", 784])],
         [helper.make_tensor_value_info("logits", TensorProto.FLOAT, ["N", 10])], inits)
    np.save(os.path.join(out, "hls_mlp_calib.npy"), rng.random((64, 784), dtype=np.float32))
    np.save(os.path.join(out, "hls_mlp_x.npy"), rng.random((32, 784), dtype=np.float32))
    # CNN
    w1, b1 = he(8, 3, 3, 3), (rng.standard_normal(8) * 0.05).astype(np.float32)
    w2, b2 = he(8, 4, 3, 3), (rng.standard_normal(8) * 0.05).astype(np.float32)
    w3, b3 = he(5, 72), (rng.standard_normal(5) * 0.05).astype(np.float32)
    inits = [numpy_helper.from_array(a, n) for a, n in
             [(w1, "c1.w"), (b1, "c1.b"), (w2, "c2.w"), (b2, "c2.b"), (w3, "fc.w"), (b3, "fc.b")]]
    nodes = [
        helper.make_node("Conv", ["x", "c1.w", "c1.b"], ["a1"], name="conv1", strides=[2, 2], pads=[1, 1, 1, 1]),
        helper.make_node("Relu", ["a1"], ["r1"], name="relu1"),
        helper.make_node("Conv", ["r1", "c2.w", "c2.b"], ["a2"], name="conv2", group=2, pads=[1, 1, 1, 1]),
        helper.make_node("Relu", ["a2"], ["r2"], name="relu2"),
        helper.make_node("MaxPool", ["r2"], ["p"], name="pool", kernel_shape=[3, 3], strides=[2, 2], pads=[1, 1, 1, 1]),
        helper.make_node("Flatten", ["p"], ["f"], name="flatten"),
        helper.make_node("Gemm", ["f", "fc.w", "fc.b"], ["y"], name="fc", transB=1),
    ]
    save(out, "hls_cnn", nodes, [helper.make_tensor_value_info("x", TensorProto.FLOAT, ["N", 3, 12, 12])],
         [helper.make_tensor_value_info("y", TensorProto.FLOAT, ["N", 5])], inits)
    np.save(os.path.join(out, "hls_cnn_calib.npy"), rng.random((32, 3, 12, 12), dtype=np.float32))
    np.save(os.path.join(out, "hls_cnn_x.npy"), rng.random((24, 3, 12, 12), dtype=np.float32))
    # residual block
    inits = [numpy_helper.from_array(a, n) for a, n in
             [(he(8, 3, 3, 3), "s.w"), (he(8, 8, 3, 3), "b1.w"), (he(8, 8, 3, 3), "b2.w"), (he(4, 8), "fc.w"),
              ((rng.standard_normal(4) * 0.05).astype(np.float32), "fc.b")]]
    nodes = [
        helper.make_node("Conv", ["x", "s.w"], ["a0"], name="stem", pads=[1, 1, 1, 1]),
        helper.make_node("Relu", ["a0"], ["r0"], name="relu0"),
        helper.make_node("Conv", ["r0", "b1.w"], ["a1"], name="block_conv1", pads=[1, 1, 1, 1]),
        helper.make_node("Relu", ["a1"], ["r1"], name="relu1"),
        helper.make_node("Conv", ["r1", "b2.w"], ["a2"], name="block_conv2", pads=[1, 1, 1, 1]),
        helper.make_node("Add", ["a2", "r0"], ["s"], name="residual"),
        helper.make_node("Relu", ["s"], ["rs"], name="relu2"),
        helper.make_node("GlobalAveragePool", ["rs"], ["g"], name="gap"),
        helper.make_node("Flatten", ["g"], ["f"], name="flatten"),
        helper.make_node("Gemm", ["f", "fc.w", "fc.b"], ["y"], name="fc", transB=1),
    ]
    save(out, "hls_res", nodes, [helper.make_tensor_value_info("x", TensorProto.FLOAT, ["N", 3, 8, 8])],
         [helper.make_tensor_value_info("y", TensorProto.FLOAT, ["N", 4])], inits)
    np.save(os.path.join(out, "hls_res_calib.npy"), rng.random((32, 3, 8, 8), dtype=np.float32))
    np.save(os.path.join(out, "hls_res_x.npy"), rng.random((24, 3, 8, 8), dtype=np.float32))
    # float stages
    inits = [numpy_helper.from_array(a, n) for a, n in
             [(he(4, 2, 3, 3), "c.w"), (he(6, 16), "f1.w"), (np.zeros(6, np.float32), "f1.b"), (he(3, 6), "f2.w"),
              (np.zeros(3, np.float32), "f2.b")]]
    nodes = [
        helper.make_node("MaxPool", ["x"], ["p0"], name="pool0", kernel_shape=[2, 2], strides=[2, 2]),
        helper.make_node("Conv", ["p0", "c.w"], ["a"], name="conv", pads=[1, 1, 1, 1]),
        helper.make_node("MaxPool", ["a"], ["p1"], name="pool1", kernel_shape=[2, 2], strides=[2, 2]),
        helper.make_node("Relu", ["p1"], ["r"], name="relu"),
        helper.make_node("Flatten", ["r"], ["f"], name="flatten"),
        helper.make_node("Gemm", ["f", "f1.w", "f1.b"], ["g1"], name="fc1", transB=1),
        helper.make_node("Sigmoid", ["g1"], ["s"], name="sigmoid"),
        helper.make_node("Gemm", ["s", "f2.w", "f2.b"], ["g2"], name="fc2", transB=1),
        helper.make_node("Tanh", ["g2"], ["y"], name="tanh"),
    ]
    save(out, "hls_float", nodes, [helper.make_tensor_value_info("x", TensorProto.FLOAT, ["N", 2, 8, 8])],
         [helper.make_tensor_value_info("y", TensorProto.FLOAT, ["N", 3])], inits)
    np.save(os.path.join(out, "hls_float_calib.npy"), (rng.random((32, 2, 8, 8), dtype=np.float32) - 0.5))
    np.save(os.path.join(out, "hls_float_x.npy"), (rng.random((24, 2, 8, 8), dtype=np.float32) - 0.5))


if __name__ == "__main__":
    main(sys.argv[1])
