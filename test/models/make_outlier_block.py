#!/usr/bin/env python3
"""A pre-LN transformer block with the outliers that make low-bit activations hard.

    x [N, S, D] -> LN -> 4-head self-attention -> residual -> LN -> GELU MLP (D-4D-D) -> residual

with random (seeded) weights, written at opset 17 (LayerNormalization, Erf GELU), plus
  - function-preserving outliers: a few LayerNorm gains and biases x50, the rows of the
    following weights for those channels /50 (the float function is unchanged);
  - input outliers: a few residual-stream channels x8 in the calibration and test data.
Writes outlier_block.onnx, outlier_block_calib.npy, outlier_block_x.npy and
outlier_block_ref.npy (numpy, float64) into the output directory.

usage: make_outlier_block.py OUT_DIR [--dim D] [--seq S] [--batch N] [--seed SEED]
"""
import argparse
import math
import os

import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper

F32 = np.float32


def build(D, S, N, seed):
    rng = np.random.default_rng(seed)
    H, F = 4, 4 * D
    dh = D // H
    W = {n: (rng.standard_normal(s) / np.sqrt(s[0])).astype(F32) for n, s in
         [("wq", (D, D)), ("wk", (D, D)), ("wv", (D, D)), ("wo", (D, D)), ("w1", (D, F)), ("w2", (F, D))]}
    B = {n: (rng.standard_normal(k) * 0.1).astype(F32) for n, k in
         [("bq", D), ("bk", D), ("bv", D), ("bo", D), ("b1", F), ("b2", D)]}
    G = {n: (1 + 0.1 * rng.standard_normal(D)).astype(F32) for n in ("g1", "g2")}
    Be = {n: (0.1 * rng.standard_normal(D)).astype(F32) for n in ("be1", "be2")}
    # function-preserving outliers: LN gain and bias x50, the next weights' rows /50
    for g, b, ws in (("g1", "be1", ("wq", "wk", "wv")), ("g2", "be2", ("w1",))):
        for c in rng.choice(D, 3, replace=False):
            G[g][c] *= 50
            Be[b][c] *= 50
            for w in ws:
                W[w][c, :] /= 50
    outliers = rng.choice(D, 4, replace=False)

    def data(n):
        x = rng.standard_normal((n, S, D)).astype(F32)
        x[..., outliers] *= 8
        return x

    calib, test = data(N), data(N)
    eps = 1e-5

    def ref(v):
        v = v.astype(np.float64)

        def ln(t, g, b):
            m = t.mean(-1, keepdims=True)
            return (t - m) / np.sqrt(((t - m) ** 2).mean(-1, keepdims=True) + eps) * G[g] + Be[b]

        def heads(t):
            return t.reshape(len(v), S, H, dh).transpose(0, 2, 1, 3)

        h = ln(v, "g1", "be1")
        q, k, vv = (heads(h @ W[w] + B[b]) for w, b in (("wq", "bq"), ("wk", "bk"), ("wv", "bv")))
        s = q @ k.transpose(0, 1, 3, 2) / np.sqrt(dh)
        p = np.exp(s - s.max(-1, keepdims=True))
        p /= p.sum(-1, keepdims=True)
        c = (p @ vv).transpose(0, 2, 1, 3).reshape(len(v), S, D)
        x1 = v + c @ W["wo"] + B["bo"]
        f = ln(x1, "g2", "be2") @ W["w1"] + B["b1"]
        f = 0.5 * f * (1 + np.vectorize(math.erf)(f / math.sqrt(2)))
        return (x1 + f @ W["w2"] + B["b2"]).astype(F32)

    nodes = []
    inits = [numpy_helper.from_array(a, n) for d in (W, B, G, Be) for n, a in d.items()]
    inits += [numpy_helper.from_array(np.array(v, dt), n) for n, v, dt in [
        ("shape_heads", [N, S, H, dh], np.int64), ("shape_model", [N, S, D], np.int64),
        ("scale", np.sqrt(dh), F32), ("sqrt2", np.sqrt(2), F32), ("one", 1.0, F32), ("half", 0.5, F32)]]

    def node(op, ins, name, **kw):
        nodes.append(helper.make_node(op, ins, [name], name=name, **kw))
        return name

    proj = {"wq": "q_proj", "wk": "k_proj", "wv": "v_proj", "wo": "o_proj", "w1": "fc1", "w2": "fc2"}

    def linear(v, w, b):
        return node("Add", [node("MatMul", [v, w], proj[w]), b], proj[w] + "_bias")

    def heads(v, n):
        return node("Transpose", [node("Reshape", [v, "shape_heads"], n + "_split")], n + "_heads", perm=[0, 2, 1, 3])

    h = node("LayerNormalization", ["x", "g1", "be1"], "ln1", axis=-1, epsilon=eps)
    q, k, v = (heads(linear(h, w, b), w) for w, b in (("wq", "bq"), ("wk", "bk"), ("wv", "bv")))
    s = node("Div", [node("MatMul", [q, node("Transpose", [k], "kT", perm=[0, 1, 3, 2])], "qk"), "scale"], "scores")
    p = node("Softmax", [s], "softmax", axis=-1)
    c = node("Reshape", [node("Transpose", [node("MatMul", [p, v], "pv")], "ctx_t", perm=[0, 2, 1, 3]), "shape_model"],
             "ctx")
    x1 = node("Add", ["x", linear(c, "wo", "bo")], "residual1")
    f = linear(node("LayerNormalization", [x1, "g2", "be2"], "ln2", axis=-1, epsilon=eps), "w1", "b1")
    e = node("Erf", [node("Div", [f, "sqrt2"], "gelu_div")], "gelu_erf")
    f = node("Mul", [node("Mul", [f, node("Add", [e, "one"], "gelu_add")], "gelu_mul"), "half"], "gelu")
    nodes.append(helper.make_node("Add", [x1, linear(f, "w2", "b2")], ["y"], name="residual2"))
    g = helper.make_graph(nodes, "outlier_block", [helper.make_tensor_value_info("x", TensorProto.FLOAT, [N, S, D])],
                          [helper.make_tensor_value_info("y", TensorProto.FLOAT, [N, S, D])], inits)
    m = helper.make_model(g, opset_imports=[helper.make_opsetid("", 17)], producer_name="lowbit-tests")
    onnx.checker.check_model(m)
    return m, calib, test, ref(test)


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("out")
    ap.add_argument("--dim", type=int, default=64)
    ap.add_argument("--seq", type=int, default=16)
    ap.add_argument("--batch", type=int, default=16)
    ap.add_argument("--seed", type=int, default=2026)
    a = ap.parse_args()
    os.makedirs(a.out, exist_ok=True)
    m, calib, test, ref = build(a.dim, a.seq, a.batch, a.seed)
    onnx.save(m, os.path.join(a.out, "outlier_block.onnx"))
    np.save(os.path.join(a.out, "outlier_block_calib.npy"), calib)
    np.save(os.path.join(a.out, "outlier_block_x.npy"), test)
    np.save(os.path.join(a.out, "outlier_block_ref.npy"), ref)


if __name__ == "__main__":
    main()
