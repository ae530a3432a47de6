#!/usr/bin/python3
"""Small ONNX models for lowbit's end-to-end and shape tests (numpy + onnx).

Writes into OUTDIR, each with inputs, calibration data and a float64 numpy
reference of its output:
  flatten_matmul.onnx  x[N,4,4] -> Flatten -> MatMul(16x10) -> Relu -> MatMul(10x3)
                       (the MNIST shape whose Flatten input needs a calibrated range)
  conv_sigmoid.onnx    x[N,2,6,6] -> Conv(2->4,3x3) -> Sigmoid -> Conv(4->3,1x1)
                       (the Sigmoid between two int8 convs becomes a lookup table)
  seq.onnx             x[N,S,8], m[N,S,1] -> MatMul(8x4) * m: a symbolic batch N and a
                       symbolic sequence length S shared by both inputs
  seq2.onnx            x[N,S,8] + pos[S,8]: S is dim 0 of pos but not a batch
  gemm_colbias.onnx    Gemm with a column bias C[M,1] and M == N (stays float under W8A8)
  opset9.onnx          x[N,1,6,6] -> Conv -> BatchNormalization -> Clip(min, max attributes) -> Upsample(x2)
                       -> MaxPool -> Flatten -> Gemm, exported at opset 9 (the old forms old exporters write)
  resize.onnx          x[N,2,5,6] -> Resize(linear, half_pixel, scales 1.6 x 2) -> Conv -> Relu
                       -> Resize(nearest, half_pixel, round_prefer_floor, scales 2 x 2) -> Conv
  pad.onnx             x[N,2,5,5] -> Pad(reflect) -> Conv -> Pad(constant 0.5) -> Relu -> Pad(edge) -> Conv
                       (asymmetric pads; opset 13, pads and the constant as inputs)
  deconv.onnx          x[N,3,5,5] -> Conv -> Relu -> ConvTranspose(3x3, stride 2, pads 1, output_padding 1,
                       group 1) -> Relu -> ConvTranspose(2x2, stride 1, group 2): a decoder
  resize_empty.onnx    Resize as exporters write it: roi [] (an initializer) and scales [] (a Constant), sizes
                       given (opset 13); resize10_down.onnx: Resize-10 nearest downsampling by 0.6 (the ONNX
                       node test's data: [[1, 2, 3, 4], [5, 6, 7, 8]] -> [[1, 3]])
  conv_acts.onnx       x[N,2,6,6] -> Conv -> HardSwish -> Conv -> Elu -> Conv -> HardSigmoid
                       (mobile-CNN activations between int8 convs become lookup tables)
"""
import os
import sys

import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper

rng = np.random.default_rng(77)


def save(out, name, nodes, inputs, outputs, inits):
    g = helper.make_graph(nodes, name, inputs, outputs, inits)
    m = helper.make_model(g, opset_imports=[helper.make_opsetid("", 13)], producer_name="lowbit-tests")
    onnx.checker.check_model(m)
    onnx.save(m, os.path.join(out, name + ".onnx"))


def vi(name, shape):
    return helper.make_tensor_value_info(name, TensorProto.FLOAT, shape)


def conv2d(x, w, b, pad):
    n, c, h, wd = x.shape
    oc, _, kh, kw = w.shape
    xp = np.pad(x, ((0, 0), (0, 0), (pad, pad), (pad, pad)))
    oh, ow = h + 2 * pad - kh + 1, wd + 2 * pad - kw + 1
    y = np.zeros((n, oc, oh, ow))
    for i in range(kh):
        for j in range(kw):
            y += np.einsum("nchw,oc->nohw", xp[:, :, i:i + oh, j:j + ow], w[:, :, i, j])
    return y + b[None, :, None, None]


def flatten_matmul(out):
    w1 = (rng.standard_normal((16, 10)) * 0.3).astype(np.float32)
    w2 = (rng.standard_normal((10, 3)) * 0.3).astype(np.float32)
    nodes = [helper.make_node("Flatten", ["x"], ["f"], axis=1, name="flatten"),
             helper.make_node("MatMul", ["f", "w1"], ["h"], name="fc1"),
             helper.make_node("Relu", ["h"], ["r"], name="relu"),
             helper.make_node("MatMul", ["r", "w2"], ["y"], name="fc2")]
    save(out, "flatten_matmul", nodes, [vi("x", ["N", 4, 4])], [vi("y", ["N", 3])],
         [numpy_helper.from_array(w1, "w1"), numpy_helper.from_array(w2, "w2")])
    x = rng.uniform(-1, 1, (64, 4, 4)).astype(np.float32)
    calib = np.concatenate([x, rng.uniform(-1, 1, (64, 4, 4)).astype(np.float32)])  # covers the test inputs
    ref = np.maximum(x.reshape(64, 16).astype(np.float64) @ w1, 0) @ w2
    np.save(os.path.join(out, "flatten_matmul_x.npy"), x)
    np.save(os.path.join(out, "flatten_matmul_calib.npy"), calib)
    np.save(os.path.join(out, "flatten_matmul_ref.npy"), ref.astype(np.float32))


def conv_sigmoid(out):
    w1 = (rng.standard_normal((4, 2, 3, 3)) * 0.4).astype(np.float32)
    b1 = (rng.standard_normal(4) * 0.1).astype(np.float32)
    w2 = (rng.standard_normal((3, 4, 1, 1)) * 0.5).astype(np.float32)
    b2 = (rng.standard_normal(3) * 0.1).astype(np.float32)
    nodes = [helper.make_node("Conv", ["x", "w1", "b1"], ["c"], pads=[1, 1, 1, 1], name="conv1"),
             helper.make_node("Sigmoid", ["c"], ["s"], name="sigmoid"),
             helper.make_node("Conv", ["s", "w2", "b2"], ["y"], name="conv2")]
    save(out, "conv_sigmoid", nodes, [vi("x", ["N", 2, 6, 6])], [vi("y", ["N", 3, 6, 6])],
         [numpy_helper.from_array(a, n) for a, n in ((w1, "w1"), (b1, "b1"), (w2, "w2"), (b2, "b2"))])
    x = rng.uniform(-1, 1, (32, 2, 6, 6)).astype(np.float32)
    calib = np.concatenate([x, rng.uniform(-1, 1, (32, 2, 6, 6)).astype(np.float32)])
    s = 1 / (1 + np.exp(-conv2d(x.astype(np.float64), w1, b1, 1)))
    ref = conv2d(s, w2, b2, 0)
    np.save(os.path.join(out, "conv_sigmoid_x.npy"), x)
    np.save(os.path.join(out, "conv_sigmoid_calib.npy"), calib)
    np.save(os.path.join(out, "conv_sigmoid_ref.npy"), ref.astype(np.float32))


def conv_acts(out):
    ws = [(rng.standard_normal((4, 2, 3, 3)) * 0.5).astype(np.float32),
          (rng.standard_normal((4, 4, 3, 3)) * 0.3).astype(np.float32),
          (rng.standard_normal((3, 4, 1, 1)) * 0.5).astype(np.float32)]
    bs = [(rng.standard_normal(w.shape[0]) * 0.1).astype(np.float32) for w in ws]
    nodes = [helper.make_node("Conv", ["x", "w0", "b0"], ["c0"], pads=[1, 1, 1, 1], name="conv0"),
             helper.make_node("HardSwish", ["c0"], ["a0"], name="hardswish"),
             helper.make_node("Conv", ["a0", "w1", "b1"], ["c1"], pads=[1, 1, 1, 1], name="conv1"),
             helper.make_node("Elu", ["c1"], ["a1"], name="elu", alpha=0.8),
             helper.make_node("Conv", ["a1", "w2", "b2"], ["c2"], name="conv2"),
             helper.make_node("HardSigmoid", ["c2"], ["y"], name="hardsigmoid", alpha=0.25, beta=0.4)]
    inits = [numpy_helper.from_array(a, n) for i in range(3) for a, n in ((ws[i], "w%d" % i), (bs[i], "b%d" % i))]
    m = helper.make_model(helper.make_graph(nodes, "conv_acts", [vi("x", ["N", 2, 6, 6])], [vi("y", ["N", 3, 6, 6])],
                                            inits), opset_imports=[helper.make_opsetid("", 14)], producer_name="lowbit-tests")
    onnx.checker.check_model(m)
    onnx.save(m, os.path.join(out, "conv_acts.onnx"))
    x = rng.uniform(-1, 1, (32, 2, 6, 6)).astype(np.float32)
    calib = np.concatenate([x, rng.uniform(-1, 1, (32, 2, 6, 6)).astype(np.float32)])
    h = conv2d(x.astype(np.float64), ws[0], bs[0], 1)
    h = h * np.clip(h / 6 + 0.5, 0, 1)
    h = conv2d(h, ws[1], bs[1], 1)
    h = np.where(h < 0, 0.8 * (np.exp(h) - 1), h)
    h = conv2d(h, ws[2], bs[2], 0)
    ref = np.clip(0.25 * h + 0.4, 0, 1)
    np.save(os.path.join(out, "conv_acts_x.npy"), x)
    np.save(os.path.join(out, "conv_acts_calib.npy"), calib)
    np.save(os.path.join(out, "conv_acts_ref.npy"), ref.astype(np.float32))


def opset9(out):
    w = (rng.standard_normal((3, 1, 3, 3)) * 0.5).astype(np.float32)
    b = (rng.standard_normal(3) * 0.1).astype(np.float32)
    gamma = rng.uniform(0.5, 1.5, 3).astype(np.float32)
    beta = (rng.standard_normal(3) * 0.1).astype(np.float32)
    mean = (rng.standard_normal(3) * 0.1).astype(np.float32)
    var = rng.uniform(0.5, 1.5, 3).astype(np.float32)
    wf = (rng.standard_normal((4, 27)) * 0.3).astype(np.float32)
    up = np.array([1, 1, 2, 2], np.float32)
    bf = (rng.standard_normal(4) * 0.1).astype(np.float32)
    nodes = [helper.make_node("Conv", ["x", "w", "b"], ["c"], pads=[1, 1, 1, 1], name="conv"),
             helper.make_node("BatchNormalization", ["c", "gamma", "beta", "mean", "var"], ["n"], name="bn",
                              epsilon=1e-5),
             helper.make_node("Clip", ["n"], ["r"], name="relu6", min=0.0, max=6.0),
             helper.make_node("Upsample", ["r", "up"], ["u"], name="upsample", mode="nearest"),
             helper.make_node("MaxPool", ["u"], ["p"], name="pool", kernel_shape=[4, 4], strides=[4, 4]),
             helper.make_node("Flatten", ["p"], ["f"], name="flatten", axis=1),
             helper.make_node("Gemm", ["f", "wf", "bf"], ["y"], name="fc", transB=1)]
    inits = [numpy_helper.from_array(a, n) for a, n in
             ((w, "w"), (b, "b"), (gamma, "gamma"), (beta, "beta"), (mean, "mean"), (var, "var"), (wf, "wf"), (bf, "bf"),
              (up, "up"))]
    m = helper.make_model(helper.make_graph(nodes, "opset9", [vi("x", ["N", 1, 6, 6])], [vi("y", ["N", 4])], inits),
                          opset_imports=[helper.make_opsetid("", 9)], producer_name="lowbit-tests")
    m.ir_version = 4
    onnx.checker.check_model(m)
    onnx.save(m, os.path.join(out, "opset9.onnx"))
    x = rng.uniform(-1, 1, (32, 1, 6, 6)).astype(np.float32)
    calib = np.concatenate([x, rng.uniform(-1, 1, (32, 1, 6, 6)).astype(np.float32)])
    h = conv2d(x.astype(np.float64), w, b, 1)
    h = (h - mean[None, :, None, None]) / np.sqrt(var[None, :, None, None] + 1e-5) * gamma[None, :, None, None] + \
        beta[None, :, None, None]
    h = np.clip(h, 0, 6)
    h = h.reshape(32, 3, 3, 2, 3, 2).max(axis=(3, 5))
    ref = h.reshape(32, 27) @ wf.T.astype(np.float64) + bf
    np.save(os.path.join(out, "opset9_x.npy"), x)
    np.save(os.path.join(out, "opset9_calib.npy"), calib)
    np.save(os.path.join(out, "opset9_ref.npy"), ref.astype(np.float32))


def _resize_src(m, n, s):
    o = np.arange(m, dtype=np.float64)
    return (o + 0.5) / s - 0.5


def _resize_linear(x, s_h, s_w):
    n, c, h, w = x.shape
    oh, ow = int(np.floor(h * s_h)), int(np.floor(w * s_w))
    def axis(m, length, s):
        src = np.clip(_resize_src(m, length, s), 0, length - 1)
        i0 = np.floor(src).astype(np.int64)
        return i0, np.minimum(i0 + 1, length - 1), src - i0
    h0, h1, fh = axis(oh, h, s_h)
    w0, w1, fw = axis(ow, w, s_w)
    top = x[:, :, h0][:, :, :, w0] * (1 - fw) + x[:, :, h0][:, :, :, w1] * fw
    bot = x[:, :, h1][:, :, :, w0] * (1 - fw) + x[:, :, h1][:, :, :, w1] * fw
    return top * (1 - fh)[:, None] + bot * fh[:, None]


def _resize_nearest(x, s_h, s_w):
    n, c, h, w = x.shape
    oh, ow = int(np.floor(h * s_h)), int(np.floor(w * s_w))
    ih = np.clip(np.ceil(_resize_src(oh, h, s_h) - 0.5), 0, h - 1).astype(np.int64)  # ties round down
    iw = np.clip(np.ceil(_resize_src(ow, w, s_w) - 0.5), 0, w - 1).astype(np.int64)
    return x[:, :, ih][:, :, :, iw]


def resize(out):
    w1 = (rng.standard_normal((3, 2, 3, 3)) * 0.4).astype(np.float32)
    b1 = (rng.standard_normal(3) * 0.1).astype(np.float32)
    w2 = (rng.standard_normal((2, 3, 3, 3)) * 0.4).astype(np.float32)
    b2 = (rng.standard_normal(2) * 0.1).astype(np.float32)
    s1 = np.array([1, 1, 1.6, 2], np.float32)
    s2 = np.array([1, 1, 2, 2], np.float32)
    nodes = [helper.make_node("Resize", ["x", "", "s1"], ["r1"], name="up_linear", mode="linear"),
             helper.make_node("Conv", ["r1", "w1", "b1"], ["c1"], pads=[1, 1, 1, 1], name="conv1"),
             helper.make_node("Relu", ["c1"], ["a1"], name="relu"),
             helper.make_node("Resize", ["a1", "", "s2"], ["r2"], name="up_nearest", mode="nearest"),
             helper.make_node("Conv", ["r2", "w2", "b2"], ["y"], pads=[1, 1, 1, 1], name="conv2")]
    inits = [numpy_helper.from_array(a, n) for a, n in ((s1, "s1"), (s2, "s2"), (w1, "w1"), (b1, "b1"), (w2, "w2"),
                                                        (b2, "b2"))]
    save(out, "resize", nodes, [vi("x", ["N", 2, 5, 6])], [vi("y", ["N", 2, 16, 24])], inits)
    x = rng.uniform(-1, 1, (16, 2, 5, 6)).astype(np.float32)
    calib = np.concatenate([x, rng.uniform(-1, 1, (16, 2, 5, 6)).astype(np.float32)])
    h = _resize_linear(x.astype(np.float64), 1.6, 2.0)
    h = np.maximum(conv2d(h, w1, b1, 1), 0)
    h = _resize_nearest(h, 2.0, 2.0)
    ref = conv2d(h, w2, b2, 1)
    np.save(os.path.join(out, "resize_x.npy"), x)
    np.save(os.path.join(out, "resize_calib.npy"), calib)
    np.save(os.path.join(out, "resize_ref.npy"), ref.astype(np.float32))


def pad(out):
    w1 = (rng.standard_normal((3, 2, 3, 3)) * 0.4).astype(np.float32)
    w2 = (rng.standard_normal((2, 3, 3, 3)) * 0.4).astype(np.float32)
    b = np.zeros(3, np.float32)
    b2 = np.zeros(2, np.float32)
    p1 = np.array([0, 0, 1, 2, 0, 0, 2, 1], np.int64)
    p2 = np.array([0, 0, 0, 1, 0, 0, 2, 0], np.int64)
    p3 = np.array([0, 0, 1, 1, 0, 0, 1, 1], np.int64)
    cv = np.array(0.5, np.float32)
    nodes = [helper.make_node("Pad", ["x", "p1"], ["a"], name="pad_reflect", mode="reflect"),
             helper.make_node("Conv", ["a", "w1", "b"], ["c"], name="conv1"),
             helper.make_node("Pad", ["c", "p2", "cv"], ["d"], name="pad_constant"),
             helper.make_node("Relu", ["d"], ["e"], name="relu"),
             helper.make_node("Pad", ["e", "p3"], ["f"], name="pad_edge", mode="edge"),
             helper.make_node("Conv", ["f", "w2", "b2"], ["y"], name="conv2")]
    inits = [numpy_helper.from_array(a, n) for a, n in ((p1, "p1"), (p2, "p2"), (p3, "p3"), (cv, "cv"), (w1, "w1"),
                                                        (b, "b"), (w2, "w2"), (b2, "b2"))]
    save(out, "pad", nodes, [vi("x", ["N", 2, 5, 5])], [vi("y", ["N", 2, 6, 5])], inits)
    x = rng.uniform(-1, 1, (16, 2, 5, 5)).astype(np.float32)
    calib = np.concatenate([x, rng.uniform(-1, 1, (16, 2, 5, 5)).astype(np.float32)])
    h = np.pad(x.astype(np.float64), ((0, 0), (0, 0), (1, 2), (2, 1)), mode="reflect")
    h = conv2d(h, w1, b, 0)
    h = np.pad(h, ((0, 0), (0, 0), (0, 2), (1, 0)), mode="constant", constant_values=0.5)
    h = np.pad(np.maximum(h, 0), ((0, 0), (0, 0), (1, 1), (1, 1)), mode="edge")
    ref = conv2d(h, w2, b2, 0)
    np.save(os.path.join(out, "pad_x.npy"), x)
    np.save(os.path.join(out, "pad_calib.npy"), calib)
    np.save(os.path.join(out, "pad_ref.npy"), ref.astype(np.float32))


def conv_transpose_ref(x, w, b, stride, pad, out_pad, group):
    n, c, h, wd = x.shape
    _, mg, kh, kw = w.shape
    oc = mg * group
    oh = stride * (h - 1) + out_pad + kh - 2 * pad
    ow = stride * (wd - 1) + out_pad + kw - 2 * pad
    full = np.zeros((n, oc, stride * (h - 1) + kh + out_pad, stride * (wd - 1) + kw + out_pad))
    cg = c // group
    for ci in range(c):
        g = ci // cg
        for m in range(mg):
            for i in range(kh):
                for j in range(kw):
                    full[:, g * mg + m, i:i + stride * h:stride, j:j + stride * wd:stride] += \
                        x[:, ci] * w[ci, m, i, j]
    return full[:, :, pad:pad + oh, pad:pad + ow] + b[None, :, None, None]


def deconv(out):
    w0 = (rng.standard_normal((4, 3, 3, 3)) * 0.4).astype(np.float32)
    b0 = (rng.standard_normal(4) * 0.1).astype(np.float32)
    w1 = (rng.standard_normal((4, 4, 3, 3)) * 0.3).astype(np.float32)
    b1 = (rng.standard_normal(4) * 0.1).astype(np.float32)
    w2 = (rng.standard_normal((4, 1, 2, 2)) * 0.4).astype(np.float32)
    b2 = (rng.standard_normal(2) * 0.1).astype(np.float32)
    nodes = [helper.make_node("Conv", ["x", "w0", "b0"], ["c"], pads=[1, 1, 1, 1], name="conv"),
             helper.make_node("Relu", ["c"], ["r"], name="relu0"),
             helper.make_node("ConvTranspose", ["r", "w1", "b1"], ["u"], strides=[2, 2], pads=[1, 1, 1, 1],
                              output_padding=[1, 1], name="up"),
             helper.make_node("Relu", ["u"], ["v"], name="relu1"),
             helper.make_node("ConvTranspose", ["v", "w2", "b2"], ["y"], group=2, name="head")]
    inits = [numpy_helper.from_array(a, n) for a, n in ((w0, "w0"), (b0, "b0"), (w1, "w1"), (b1, "b1"), (w2, "w2"),
                                                        (b2, "b2"))]
    save(out, "deconv", nodes, [vi("x", ["N", 3, 5, 5])], [vi("y", ["N", 2, 11, 11])], inits)
    x = rng.uniform(-1, 1, (16, 3, 5, 5)).astype(np.float32)
    calib = np.concatenate([x, rng.uniform(-1, 1, (16, 3, 5, 5)).astype(np.float32)])
    h = np.maximum(conv2d(x.astype(np.float64), w0, b0, 1), 0)
    h = np.maximum(conv_transpose_ref(h, w1.astype(np.float64), b1, 2, 1, 1, 1), 0)
    ref = conv_transpose_ref(h, w2.astype(np.float64), b2, 1, 0, 0, 2)
    np.save(os.path.join(out, "deconv_x.npy"), x)
    np.save(os.path.join(out, "deconv_calib.npy"), calib)
    np.save(os.path.join(out, "deconv_ref.npy"), ref.astype(np.float32))


def resize_exporters(out):
    roi = helper.make_tensor("roi", TensorProto.FLOAT, [0], [])
    sizes = numpy_helper.from_array(np.array([1, 2, 6, 9], np.int64), "sizes")
    nodes = [helper.make_node("Constant", [], ["sc"], name="empty_scales",
                              value=helper.make_tensor("v", TensorProto.FLOAT, [0], [])),
             helper.make_node("Resize", ["x", "roi", "sc", "sizes"], ["y"], name="up", mode="nearest",
                              coordinate_transformation_mode="asymmetric", nearest_mode="floor")]
    save(out, "resize_empty", nodes, [vi("x", [1, 2, 3, 3])], [vi("y", [1, 2, 6, 9])], [roi, sizes])
    x = rng.uniform(-1, 1, (1, 2, 3, 3)).astype(np.float32)
    np.save(os.path.join(out, "resize_empty_x.npy"), x)
    np.save(os.path.join(out, "resize_empty_ref.npy"), np.repeat(np.repeat(x, 2, axis=2), 3, axis=3))
    g = helper.make_graph([helper.make_node("Resize", ["x", "s"], ["y"], name="down", mode="nearest")], "resize10",
                          [vi("x", [1, 1, 2, 4])], [vi("y", [1, 1, 1, 2])],
                          [numpy_helper.from_array(np.array([1, 1, 0.6, 0.6], np.float32), "s")])
    m = helper.make_model(g, opset_imports=[helper.make_opsetid("", 10)], producer_name="lowbit-tests")
    m.ir_version = 5
    onnx.save(m, os.path.join(out, "resize10_down.onnx"))
    np.save(os.path.join(out, "resize10_down_x.npy"), np.arange(1, 9, dtype=np.float32).reshape(1, 1, 2, 4))


def seq(out):
    w = (rng.standard_normal((8, 4)) * 0.5).astype(np.float32)
    nodes = [helper.make_node("MatMul", ["x", "w"], ["h"], name="proj"),
             helper.make_node("Mul", ["h", "m"], ["y"], name="mask")]
    save(out, "seq", nodes, [vi("x", ["N", "S", 8]), vi("m", ["N", "S", 1])], [vi("y", ["N", "S", 4])],
         [numpy_helper.from_array(w, "w")])
    x = rng.standard_normal((2, 5, 8)).astype(np.float32)
    m = (rng.uniform(0, 1, (2, 5, 1)) > 0.3).astype(np.float32)
    np.save(os.path.join(out, "seq_x.npy"), x)
    np.save(os.path.join(out, "seq_m.npy"), m)
    np.save(os.path.join(out, "seq_ref.npy"), ((x.astype(np.float64) @ w) * m).astype(np.float32))


def seq2(out):
    nodes = [helper.make_node("Add", ["x", "pos"], ["y"], name="add_pos")]
    save(out, "seq2", nodes, [vi("x", ["N", "S", 8]), vi("pos", ["S", 8])], [vi("y", ["N", "S", 8])], [])


def gemm_colbias(out):
    w = (rng.standard_normal((4, 4)) * 0.5).astype(np.float32)
    c = np.array([[10.0], [-10.0], [5.0], [-5.0]], np.float32)
    nodes = [helper.make_node("Gemm", ["x", "w", "c"], ["y"], name="gemm")]
    save(out, "gemm_colbias", nodes, [vi("x", [4, 4])], [vi("y", [4, 4])],
         [numpy_helper.from_array(w, "w"), numpy_helper.from_array(c, "c")])
    x = rng.uniform(-1, 1, (4, 4)).astype(np.float32)
    np.save(os.path.join(out, "gemm_colbias_x.npy"), x)
    np.save(os.path.join(out, "gemm_colbias_ref.npy"), (x.astype(np.float64) @ w + c).astype(np.float32))


def main(out):
    os.makedirs(out, exist_ok=True)
    seq2(out)
    gemm_colbias(out)
    flatten_matmul(out)
    conv_sigmoid(out)
    seq(out)
    conv_acts(out)
    opset9(out)
    resize(out)
    pad(out)
    deconv(out)
    resize_exporters(out)


if __name__ == "__main__":
    main(sys.argv[1])
