#!/usr/bin/python3
"""Builds lowbit's digits test models and data (numpy + onnx only).

Writes into OUTDIR:
  mlp.onnx   Gemm(64->64) Relu Gemm(64->10), trained with plain SGD
  cnn.onnx   Conv(1->8,3x3,pad1) BatchNorm Relu MaxPool(2) Conv(8->16,3x3,pad1)
             BatchNorm Relu GlobalAveragePool... see build_cnn; conv filters are
             fixed random features, batchnorm statistics come from the training
             data, the classifier head is trained (softmax regression)
  calib.npy  [200, ...] calibration inputs (training split)
  test_x_flat.npy / test_x_img.npy  held-out inputs, test_y.npy labels
  mlp_ref.npy / cnn_ref.npy  float logits computed here with numpy
Both models have a symbolic batch dimension "N" and opset 13.
"""
import os
import sys

import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper
from sklearn.datasets import load_digits

rng = np.random.default_rng(1234)


def split():
    d = load_digits()
    x = (d.data / 16.0).astype(np.float32)
    y = d.target.astype(np.int64)
    idx = rng.permutation(len(x))
    x, y = x[idx], y[idx]
    n_test = 400
    return x[n_test:], y[n_test:], x[:n_test], y[:n_test]


def softmax(z):
    z = z - z.max(axis=1, keepdims=True)
    e = np.exp(z)
    return e / e.sum(axis=1, keepdims=True)


def train_mlp(x, y, hidden=64, epochs=60, lr=0.1):
    w1 = rng.normal(0, np.sqrt(2 / 64), (hidden, 64)).astype(np.float32)
    b1 = np.zeros(hidden, np.float32)
    w2 = rng.normal(0, np.sqrt(1 / hidden), (10, hidden)).astype(np.float32)
    b2 = np.zeros(10, np.float32)
    onehot = np.eye(10, dtype=np.float32)[y]
    for _ in range(epochs):
        for i in range(0, len(x), 32):
            xb, tb = x[i:i + 32], onehot[i:i + 32]
            h = np.maximum(xb @ w1.T + b1, 0)
            p = softmax(h @ w2.T + b2)
            g = (p - tb) / len(xb)
            gw2, gb2 = g.T @ h, g.sum(0)
            gh = (g @ w2) * (h > 0)
            gw1, gb1 = gh.T @ xb, gh.sum(0)
            w1 -= lr * gw1; b1 -= lr * gb1; w2 -= lr * gw2; b2 -= lr * gb2
    return w1, b1, w2, b2


def mlp_forward(x, w1, b1, w2, b2):
    return np.maximum(x @ w1.T + b1, 0) @ w2.T + b2


def conv2d(x, w, b, pad):
    n, c, h, wd = x.shape
    oc, _, kh, kw = w.shape
    xp = np.pad(x, ((0, 0), (0, 0), (pad, pad), (pad, pad)))
    oh, ow = h + 2 * pad - kh + 1, wd + 2 * pad - kw + 1
    cols = np.empty((n, c, kh, kw, oh, ow), np.float64)
    for i in range(kh):
        for j in range(kw):
            cols[:, :, i, j] = xp[:, :, i:i + oh, j:j + ow]
    out = np.einsum("nckluv,ockl->nouv", cols, w.astype(np.float64))
    return out + b.reshape(1, -1, 1, 1)


def maxpool2(x):
    n, c, h, w = x.shape
    return x.reshape(n, c, h // 2, 2, w // 2, 2).max(axis=(3, 5))


def bn(x, s, b, m, v, eps=1e-5):
    sh = (1, -1, 1, 1)
    return (x - m.reshape(sh)) / np.sqrt(v.reshape(sh) + eps) * s.reshape(sh) + b.reshape(sh)


class Cnn:
    def __init__(self, ximg):
        self.w1 = rng.normal(0, 0.5, (8, 1, 3, 3)).astype(np.float32)
        self.c1 = rng.normal(0, 0.1, 8).astype(np.float32)
        a = conv2d(ximg, self.w1, self.c1, 1)
        self.m1, self.v1 = a.mean((0, 2, 3)).astype(np.float32), a.var((0, 2, 3)).astype(np.float32)
        self.s1 = rng.uniform(0.8, 1.2, 8).astype(np.float32)
        self.b1 = rng.uniform(0.0, 0.3, 8).astype(np.float32)
        h = maxpool2(np.maximum(bn(a, self.s1, self.b1, self.m1, self.v1), 0))
        self.w2 = rng.normal(0, 0.25, (16, 8, 3, 3)).astype(np.float32)
        self.c2 = np.zeros(16, np.float32)
        a2 = conv2d(h, self.w2, self.c2, 1)
        self.m2, self.v2 = a2.mean((0, 2, 3)).astype(np.float32), a2.var((0, 2, 3)).astype(np.float32)
        self.s2 = rng.uniform(0.8, 1.2, 16).astype(np.float32)
        self.b2 = rng.uniform(0.0, 0.3, 16).astype(np.float32)

    def features(self, ximg):
        a = conv2d(ximg, self.w1, self.c1, 1)
        h = maxpool2(np.maximum(bn(a, self.s1, self.b1, self.m1, self.v1), 0))
        a2 = conv2d(h, self.w2, self.c2, 1)
        h2 = np.maximum(bn(a2, self.s2, self.b2, self.m2, self.v2), 0)
        return h2.reshape(len(ximg), -1)

    def train_head(self, ximg, y, epochs=200, lr=0.5):
        f = self.features(ximg).astype(np.float32)
        self.mu, self.sd = f.mean(0), f.std(0) + 1e-3
        fz = (f - self.mu) / self.sd
        w = np.zeros((10, f.shape[1]), np.float32)
        b = np.zeros(10, np.float32)
        onehot = np.eye(10, dtype=np.float32)[y]
        for _ in range(epochs):
            p = softmax(fz @ w.T + b)
            g = (p - onehot) / len(fz)
            w -= lr * (g.T @ fz + 1e-4 * w)
            b -= lr * g.sum(0)
        # fold the feature standardization into the head
        self.wh = (w / self.sd).astype(np.float32)
        self.bh = (b - (w * (self.mu / self.sd)).sum(1)).astype(np.float32)

    def forward(self, ximg):
        return self.features(ximg) @ self.wh.T.astype(np.float64) + self.bh


def init(name, a):
    return numpy_helper.from_array(np.ascontiguousarray(a), name)


def save(model, path):
    onnx.checker.check_model(model)
    onnx.save(model, path)


def build_mlp(w1, b1, w2, b2):
    nodes = [
        helper.make_node("Gemm", ["x", "w1", "b1"], ["h1"], name="fc1", transB=1),
        helper.make_node("Relu", ["h1"], ["a1"], name="relu1"),
        helper.make_node("Gemm", ["a1", "w2", "b2"], ["logits"], name="fc2", transB=1),
    ]
    g = helper.make_graph(nodes, "mlp",
                          [helper.make_tensor_value_info("x", TensorProto.FLOAT, ["N", 64])],
                          [helper.make_tensor_value_info("logits", TensorProto.FLOAT, ["N", 10])],
                          [init("w1", w1), init("b1", b1), init("w2", w2), init("b2", b2)])
    return helper.make_model(g, opset_imports=[helper.make_opsetid("", 13)], producer_name="lowbit-tests")


def build_cnn(c):
    nodes = [
        helper.make_node("Conv", ["x", "w1", "c1"], ["a1"], name="conv1", pads=[1, 1, 1, 1], kernel_shape=[3, 3]),
        helper.make_node("BatchNormalization", ["a1", "s1", "b1", "m1", "v1"], ["n1"], name="bn1", epsilon=1e-5),
        helper.make_node("Relu", ["n1"], ["r1"], name="relu1"),
        helper.make_node("MaxPool", ["r1"], ["p1"], name="pool1", kernel_shape=[2, 2], strides=[2, 2]),
        helper.make_node("Conv", ["p1", "w2", "c2"], ["a2"], name="conv2", pads=[1, 1, 1, 1], kernel_shape=[3, 3]),
        helper.make_node("BatchNormalization", ["a2", "s2", "b2", "m2", "v2"], ["n2"], name="bn2", epsilon=1e-5),
        helper.make_node("Relu", ["n2"], ["r2"], name="relu2"),
        helper.make_node("Flatten", ["r2"], ["f"], name="flatten", axis=1),
        helper.make_node("Gemm", ["f", "wh", "bh"], ["logits"], name="head", transB=1),
    ]
    inits = [init(k, getattr(c, k)) for k in ["w1", "c1", "s1", "b1", "m1", "v1", "w2", "c2", "s2", "b2", "m2", "v2",
                                              "wh", "bh"]]
    g = helper.make_graph(nodes, "cnn",
                          [helper.make_tensor_value_info("x", TensorProto.FLOAT, ["N", 1, 8, 8])],
                          [helper.make_tensor_value_info("logits", TensorProto.FLOAT, ["N", 10])], inits)
    return helper.make_model(g, opset_imports=[helper.make_opsetid("", 13)], producer_name="lowbit-tests")


def main(outdir):
    os.makedirs(outdir, exist_ok=True)
    xtr, ytr, xte, yte = split()
    mlp = train_mlp(xtr, ytr)
    save(build_mlp(*mlp), os.path.join(outdir, "mlp.onnx"))
    img = lambda a: a.reshape(-1, 1, 8, 8)
    cnn = Cnn(img(xtr))
    cnn.train_head(img(xtr), ytr)
    save(build_cnn(cnn), os.path.join(outdir, "cnn.onnx"))
    calib = xtr[:200]
    np.save(os.path.join(outdir, "calib_flat.npy"), calib)
    np.save(os.path.join(outdir, "calib_img.npy"), img(calib))
    np.save(os.path.join(outdir, "test_x_flat.npy"), xte)
    np.save(os.path.join(outdir, "test_x_img.npy"), img(xte))
    np.save(os.path.join(outdir, "test_y.npy"), yte)
    mref = mlp_forward(xte.astype(np.float64), *[a.astype(np.float64) for a in mlp]).astype(np.float32)
    cref = cnn.forward(img(xte)).astype(np.float32)
    np.save(os.path.join(outdir, "mlp_ref.npy"), mref)
    np.save(os.path.join(outdir, "cnn_ref.npy"), cref)
    print("mlp float accuracy %.4f, cnn float accuracy %.4f" % ((mref.argmax(1) == yte).mean(),
                                                                (cref.argmax(1) == yte).mean()))


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "build/models")
