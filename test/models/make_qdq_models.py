#!/usr/bin/python3
"""Pre-quantized ONNX models (QDQ and QOperator) with references computed
by our own numpy implementation of the ONNX operator specs.

Writes into OUTDIR:
  qdq_mlp.onnx   x[N,64] f32 -> 64-128-64-10 MLP in QDQ form: uint8
                 activations (per-tensor), int8 per-channel weights, int32
                 biases as DequantizeLinear(int32, s_x * s_w), Relu between
                 layers; layers are Gemm(transB), MatMul + Add and Gemm.
                 Output channel 5 of layer 1 is "dead": weight scale 1e-27.
                 qdq_mlp_x.npy, qdq_mlp_ref.npy (the spec's float
                 semantics: dequantize -> float op -> quantize), and
                 qdq_mlp_quantum.npy (the output scale).
  qop_cnn.onnx   x[N,3,8,8] f32 -> QuantizeLinear(uint8) -> QLinearConv(3->8,
                 3x3, pad 1, int8 per-channel weights, int32 bias) ->
                 QLinearConv(8->4, 3x3, stride 2, uint8 weights, zero point
                 128) -> Flatten -> QLinearMatMul(64x10, int8) -> y uint8.
                 qop_cnn_x.npy, qop_cnn_ref.npy (exact integers).
  qonnx_mlp.onnx, qonnx_mlp_expanded.onnx
                 a QONNX MLP with 3-, 4- and 8-bit weights and 4- and 8-bit
                 activations (Quant nodes), and the same quantizers expanded
                 into Div/Add/Round/Clip/Sub/Mul; qonnx_mlp_x/_ref/_quantum.npy.
  qdq_pool.onnx  8-bit QDQ AveragePool (with and without counting pads),
                 Concat of inputs at different parameters, a uint8 -> int8
                 requantization and GlobalAveragePool; qdq_pool_x/_ref/_quantum.npy.
  matmul_integer_rows.onnx
                 MatMulInteger with one A zero point per row; _a.npy, _ref.npy.
"""
import os
import sys

import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper

rng = np.random.default_rng(2024)
F32 = np.float32


def save(out, name, nodes, inputs, outputs, inits, opset=13):
    g = helper.make_graph(nodes, name, inputs, outputs, inits)
    m = helper.make_model(g, opset_imports=[helper.make_opsetid("", opset)], producer_name="lowbit-tests")
    onnx.checker.check_model(m)
    onnx.save(m, os.path.join(out, name + ".onnx"))


# ---- the ONNX spec in numpy ----

def quantize(x, s, zp, dtype):
    info = np.iinfo(dtype)
    q = np.rint(x.astype(F32) / F32(s)) + int(zp)
    return np.clip(q, info.min, info.max).astype(dtype)


def dequantize(q, s, zp, axis=None):
    s = np.asarray(s, F32)
    zp = np.asarray(zp).astype(np.int32)
    if axis is not None and s.size > 1:
        shape = [1] * q.ndim
        shape[axis] = -1
        s, zp = s.reshape(shape), zp.reshape(shape)
    return ((q.astype(np.int32) - zp).astype(F32) * s).astype(F32)


def conv_int(x, w, pad, stride):
    """int64 NCHW convolution of integer arrays (zero padding)."""
    n, c, h, wd = x.shape
    oc, _, kh, kw = w.shape
    xp = np.pad(x.astype(np.int64), ((0, 0), (0, 0), (pad, pad), (pad, pad)))
    oh, ow = (h + 2 * pad - kh) // stride + 1, (wd + 2 * pad - kw) // stride + 1
    y = np.zeros((n, oc, oh, ow), np.int64)
    for i in range(kh):
        for j in range(kw):
            patch = xp[:, :, i:i + stride * oh:stride, j:j + stride * ow:stride]
            y += np.einsum("nchw,oc->nohw", patch, w[:, :, i, j].astype(np.int64))
    return y


def requantize(acc, m, zp, dtype, axis=None):
    """QLinear*: acc (int) * float32 scale product in float64, + zp, rint, saturate."""
    m = np.asarray(m, F32).astype(np.float64)
    if axis is not None and m.size > 1:
        shape = [1] * acc.ndim
        shape[axis] = -1
        m = m.reshape(shape)
    info = np.iinfo(dtype)
    return np.clip(np.rint(acc.astype(np.float64) * m + int(zp)), info.min, info.max).astype(dtype)


def act_params(v):
    lo, hi = min(float(v.min()), 0.0), max(float(v.max()), 0.0)
    s = F32((hi - lo) / 255.0)
    return s, np.uint8(np.clip(np.rint(-lo / s), 0, 255))


def weight_params(w, axis):
    amax = np.abs(w).max(axis=tuple(i for i in range(w.ndim) if i != axis))
    s = (np.maximum(amax, 1e-30) / 127.0).astype(F32)
    shape = [1] * w.ndim
    shape[axis] = -1
    q = np.clip(np.rint(w / s.reshape(shape)), -127, 127).astype(np.int8)
    return q, s


# ---- QDQ MLP ----

def qdq_mlp(out):
    sizes = [64, 128, 64, 10]
    calib = rng.standard_normal((256, 64)).astype(F32)
    x = rng.standard_normal((200, 64)).astype(F32)
    # float layers: W as [K, N] (math layout), b [N]
    ws = [(rng.standard_normal((sizes[i], sizes[i + 1])) / np.sqrt(sizes[i])).astype(F32) for i in range(3)]
    bs = [(rng.standard_normal(sizes[i + 1]) * 0.1).astype(F32) for i in range(3)]
    ws[0][:, 5] = rng.standard_normal(64).astype(F32) * F32(1e-25)  # a dead channel
    bs[0][5] = 0.0
    # activation ranges from the float model on calibration data
    a, act = calib, []
    for i in range(3):
        act.append(act_params(a))
        a = a @ ws[i] + bs[i]
        if i < 2:
            a = np.maximum(a, 0)
    act.append(act_params(a))
    nodes, inits = [], []

    def init(name, arr):
        inits.append(numpy_helper.from_array(arr, name))

    def qdq(src, i, dst):
        s, z = act[i]
        init("s%d" % i, np.array(s, F32))
        init("z%d" % i, np.array(z, np.uint8))
        nodes.append(helper.make_node("QuantizeLinear", [src, "s%d" % i, "z%d" % i], [dst + "_q"]))
        nodes.append(helper.make_node("DequantizeLinear", [dst + "_q", "s%d" % i, "z%d" % i], [dst]))

    qw, sw = [], []
    qdq("x", 0, "a0")
    for i in range(3):
        w = ws[i]
        if i == 0:  # Gemm transB=1: weight stored [N, K], channels on axis 0
            q, s = weight_params(w.T, 0)
            if True:
                s[5] = F32(1e-27)
                q[5] = np.clip(np.rint(w.T[5] / s[5]), -127, 127).astype(np.int8)
            axis = 0
        else:  # [K, N], channels on axis 1
            q, s = weight_params(w, 1)
            axis = 1
        qw.append((q, s, axis))
        init("w%d_q" % i, q)
        init("w%d_s" % i, s)
        init("w%d_z" % i, np.zeros(s.shape, np.int8))
        nodes.append(helper.make_node("DequantizeLinear", ["w%d_q" % i, "w%d_s" % i, "w%d_z" % i], ["w%d" % i], axis=axis))
        bscale = (act[i][0] * s).astype(F32)
        bq = np.rint(bs[i] / bscale).astype(np.int32)
        init("b%d_q" % i, bq)
        init("b%d_s" % i, bscale)
        init("b%d_z" % i, np.zeros(bscale.shape, np.int32))
        nodes.append(helper.make_node("DequantizeLinear", ["b%d_q" % i, "b%d_s" % i, "b%d_z" % i], ["b%d" % i], axis=0))
        src, dst = "a%d" % i, "h%d" % i
        if i == 0:
            nodes.append(helper.make_node("Gemm", [src, "w0", "b0"], [dst], transB=1, name="fc1"))
        elif i == 1:
            nodes.append(helper.make_node("MatMul", [src, "w1"], ["m1"], name="fc2"))
            nodes.append(helper.make_node("Add", ["m1", "b1"], [dst], name="fc2_bias"))
        else:
            nodes.append(helper.make_node("Gemm", [src, "w2", "b2"], [dst], name="fc3"))
        if i < 2:
            nodes.append(helper.make_node("Relu", [dst], [dst + "_r"]))
            qdq(dst + "_r", i + 1, "a%d" % (i + 1))
        else:
            qdq(dst, 3, "y")
    save(out, "qdq_mlp", nodes, [helper.make_tensor_value_info("x", TensorProto.FLOAT, ["N", 64])],
         [helper.make_tensor_value_info("y", TensorProto.FLOAT, ["N", 10])], inits)

    # reference: the spec's float semantics, layer by layer
    def ref(xin):
        a = dequantize(quantize(xin, act[0][0], act[0][1], np.uint8), act[0][0], act[0][1])
        for i in range(3):
            q, s, axis = qw[i]
            w = dequantize(q, s, 0 * s.astype(np.int32), axis)
            if i == 0:
                w = w.T
            bscale = (act[i][0] * s).astype(F32)
            b = dequantize(np.rint(bs[i] / bscale).astype(np.int32), bscale, np.zeros_like(bscale, np.int32), 0)
            h = (a @ w + b).astype(F32)
            if i < 2:
                h = np.maximum(h, 0)
            a = dequantize(quantize(h, act[i + 1][0], act[i + 1][1], np.uint8), act[i + 1][0], act[i + 1][1])
        return a

    np.save(os.path.join(out, "qdq_mlp_x.npy"), x)
    np.save(os.path.join(out, "qdq_mlp_ref.npy"), ref(x))
    np.save(os.path.join(out, "qdq_mlp_quantum.npy"), np.array(act[3][0], F32))


# ---- QOperator CNN ----

def qop_cnn(out):
    x = rng.uniform(-1, 1, (16, 3, 8, 8)).astype(F32)
    sx, zx = F32(2.0 / 255), np.uint8(128)
    w1 = rng.integers(-127, 128, (8, 3, 3, 3)).astype(np.int8)
    s1w = rng.uniform(0.001, 0.01, 8).astype(F32)
    b1 = rng.integers(-2000, 2000, 8).astype(np.int32)
    s1, z1 = F32(0.05), np.uint8(60)
    w2 = rng.integers(0, 256, (4, 8, 3, 3)).astype(np.uint8)
    s2w, z2w = F32(0.004), np.uint8(128)
    s2, z2 = F32(0.08), np.uint8(100)
    w3 = rng.integers(-127, 128, (64, 10)).astype(np.int8)
    s3w, s3, z3 = F32(0.003), F32(0.1), np.uint8(128)
    inits = [numpy_helper.from_array(np.array(v, t), n) for n, v, t in [
        ("sx", sx, F32), ("zx", zx, np.uint8), ("s1w", s1w, F32), ("z1w", np.zeros(8), np.int8),
        ("s1", s1, F32), ("z1", z1, np.uint8), ("s2w", s2w, F32), ("z2w", z2w, np.uint8), ("s2", s2, F32),
        ("z2", z2, np.uint8), ("s3w", s3w, F32), ("z3w", 0, np.int8), ("s3", s3, F32), ("z3", z3, np.uint8)]]
    inits += [numpy_helper.from_array(w1, "w1"), numpy_helper.from_array(b1, "b1"), numpy_helper.from_array(w2, "w2"),
              numpy_helper.from_array(w3, "w3")]
    nodes = [
        helper.make_node("QuantizeLinear", ["x", "sx", "zx"], ["xq"]),
        helper.make_node("QLinearConv", ["xq", "sx", "zx", "w1", "s1w", "z1w", "s1", "z1", "b1"], ["c1"],
                         pads=[1, 1, 1, 1], name="conv1"),
        helper.make_node("QLinearConv", ["c1", "s1", "z1", "w2", "s2w", "z2w", "s2", "z2"], ["c2"], pads=[1, 1, 1, 1],
                         strides=[2, 2], name="conv2"),
        helper.make_node("Flatten", ["c2"], ["f"], axis=1),
        helper.make_node("QLinearMatMul", ["f", "s2", "z2", "w3", "s3w", "z3w", "s3", "z3"], ["y"], name="fc"),
    ]
    save(out, "qop_cnn", nodes, [helper.make_tensor_value_info("x", TensorProto.FLOAT, ["N", 3, 8, 8])],
         [helper.make_tensor_value_info("y", TensorProto.UINT8, ["N", 10])], inits)
    xq = quantize(x, sx, zx, np.uint8)
    acc1 = conv_int(xq.astype(np.int64) - int(zx), w1.astype(np.int64), 1, 1) + b1.reshape(1, -1, 1, 1)
    c1 = requantize(acc1, (sx * s1w).astype(F32) / s1, z1, np.uint8, axis=1)
    acc2 = conv_int(c1.astype(np.int64) - int(z1), w2.astype(np.int64) - int(z2w), 1, 2)
    c2 = requantize(acc2, F32(s1 * s2w) / s2, z2, np.uint8)
    f = c2.reshape(len(x), -1).astype(np.int64) - int(z2)
    y = requantize(f @ w3.astype(np.int64), F32(s2 * s3w) / s3, z3, np.uint8)
    np.save(os.path.join(out, "qop_cnn_x.npy"), x)
    np.save(os.path.join(out, "qop_cnn_ref.npy"), y)


# ---- QONNX MLP ----

def qonnx_quant(x, scale, zp, bits, signed, narrow):
    """The QONNX Quant spec: clamp(x / scale + zp), round half to even, back to float."""
    lo = -(2 ** (bits - 1)) + (1 if narrow else 0) if signed else 0
    hi = 2 ** (bits - 1) - 1 if signed else 2 ** bits - 1 - (1 if narrow else 0)
    v = (x.astype(F32) / np.asarray(scale, F32) + np.asarray(zp, F32)).astype(F32)
    v = np.rint(np.clip(v, lo, hi))
    return ((v - np.asarray(zp, F32)) * np.asarray(scale, F32)).astype(F32)


def qonnx_mlp(out):
    """x[N,32] -> Quant(8b signed) -> MatMul(W1 32x64, 3-bit narrow per-channel) + b1 -> Relu
    -> Quant(4b unsigned) -> MatMul(W2 64x32, 4-bit per-tensor) -> Relu -> Quant(8b unsigned)
    -> MatMul(W3 32x10, 8-bit per-channel) -> Quant(8b signed) = y. Written twice: with QONNX
    Quant nodes, and with every quantizer expanded into Div/Add/Round/Clip/Sub/Mul."""
    x = rng.standard_normal((100, 32)).astype(F32)
    w1 = (rng.standard_normal((32, 64)) * 0.3).astype(F32)
    w2 = (rng.standard_normal((64, 32)) * 0.2).astype(F32)
    w3 = (rng.standard_normal((32, 10)) * 0.2).astype(F32)
    b1 = (rng.standard_normal(64) * 0.1).astype(F32)
    s1w = (np.abs(w1).max(0, keepdims=True) / 3).astype(F32)  # [1, 64]
    s3w = (np.abs(w3).max(0, keepdims=True) / 127).astype(F32)
    s2w = F32(np.abs(w2).max() / 7)
    # quantizers: name -> (scale, zp, bits, signed, narrow)
    qs = {"qx": (F32(4.0 / 127), F32(0), 8, 1, 0), "qw1": (s1w, F32(0), 3, 1, 1), "qa1": (F32(0.25), F32(0), 4, 0, 0),
          "qw2": (s2w, F32(0), 4, 1, 0), "qa2": (F32(0.05), F32(0), 8, 0, 0), "qw3": (s3w, F32(0), 8, 1, 0),
          "qy": (F32(0.02), F32(0), 8, 1, 0)}

    def ref(xin):
        a = qonnx_quant(xin, *qs["qx"])
        h = np.maximum(a @ qonnx_quant(w1, *qs["qw1"]) + b1, 0).astype(F32)
        a = qonnx_quant(h, *qs["qa1"])
        h = np.maximum(a @ qonnx_quant(w2, *qs["qw2"]), 0).astype(F32)
        a = qonnx_quant(h, *qs["qa2"])
        return qonnx_quant((a @ qonnx_quant(w3, *qs["qw3"])).astype(F32), *qs["qy"])

    for expanded in (False, True):
        nodes, inits = [], [numpy_helper.from_array(w1, "w1"), numpy_helper.from_array(w2, "w2"),
                            numpy_helper.from_array(w3, "w3"), numpy_helper.from_array(b1, "b1")]

        def quant(name, src, dst):
            sc, zp, bits, signed, narrow = qs[name]
            inits.append(numpy_helper.from_array(np.asarray(sc, F32), name + "_s"))
            inits.append(numpy_helper.from_array(np.asarray(zp, F32), name + "_z"))
            if not expanded:
                inits.append(numpy_helper.from_array(np.asarray(bits, F32), name + "_b"))
                nodes.append(helper.make_node("Quant", [src, name + "_s", name + "_z", name + "_b"], [dst],
                                              domain="qonnx.custom_op.general", signed=signed, narrow=narrow,
                                              rounding_mode="ROUND", name=name))
                return
            lo = -(2 ** (bits - 1)) + (1 if narrow else 0) if signed else 0
            hi = 2 ** (bits - 1) - 1 if signed else 2 ** bits - 1 - (1 if narrow else 0)
            inits.append(numpy_helper.from_array(np.asarray(lo, F32), name + "_lo"))
            inits.append(numpy_helper.from_array(np.asarray(hi, F32), name + "_hi"))
            nodes.extend([helper.make_node("Div", [src, name + "_s"], [name + "_d"]),
                          helper.make_node("Add", [name + "_d", name + "_z"], [name + "_a"]),
                          helper.make_node("Round", [name + "_a"], [name + "_r"]),
                          helper.make_node("Clip", [name + "_r", name + "_lo", name + "_hi"], [name + "_c"]),
                          helper.make_node("Sub", [name + "_c", name + "_z"], [name + "_u"]),
                          helper.make_node("Mul", [name + "_u", name + "_s"], [dst])])

        quant("qx", "x", "xq")
        quant("qw1", "w1", "w1q")
        nodes += [helper.make_node("MatMul", ["xq", "w1q"], ["m1"]), helper.make_node("Add", ["m1", "b1"], ["h1"]),
                  helper.make_node("Relu", ["h1"], ["r1"])]
        quant("qa1", "r1", "a1")
        quant("qw2", "w2", "w2q")
        nodes += [helper.make_node("MatMul", ["a1", "w2q"], ["m2"]), helper.make_node("Relu", ["m2"], ["r2"])]
        quant("qa2", "r2", "a2")
        quant("qw3", "w3", "w3q")
        nodes.append(helper.make_node("MatMul", ["a2", "w3q"], ["m3"]))
        quant("qy", "m3", "y")
        g = helper.make_graph(nodes, "qonnx_mlp", [helper.make_tensor_value_info("x", TensorProto.FLOAT, ["N", 32])],
                              [helper.make_tensor_value_info("y", TensorProto.FLOAT, ["N", 10])], inits)
        opsets = [helper.make_opsetid("", 13)] + ([] if expanded else [helper.make_opsetid("qonnx.custom_op.general", 1)])
        m = helper.make_model(g, opset_imports=opsets, producer_name="lowbit-tests")
        if expanded:
            onnx.checker.check_model(m)  # custom-domain Quant is unknown to the checker
        onnx.save(m, os.path.join(out, "qonnx_mlp%s.onnx" % ("_expanded" if expanded else "")))
    np.save(os.path.join(out, "qonnx_mlp_x.npy"), x)
    np.save(os.path.join(out, "qonnx_mlp_ref.npy"), ref(x))
    np.save(os.path.join(out, "qonnx_mlp_quantum.npy"), np.array(qs["qy"][0], F32))


# ---- MatMulNBits ----

def pack_codes(codes, bits):
    """Packs unsigned codes (last axis) low bits first into bytes."""
    per = 8 // bits
    c = codes.reshape(codes.shape[:-1] + (-1, per)).astype(np.uint32)
    return sum(c[..., i] << (bits * i) for i in range(per)).astype(np.uint8)


def matmul_nbits(out):
    """com.microsoft MatMulNBits, K = 200 (not a multiple of the block size 32), N = 24:
    4-bit codes with packed zero points and negative scales (the symmetric MLAS
    convention), a 2-D [N, blocks] scale, a bias and rank-3 A; 2- and 8-bit variants
    with default zero points and flat scales. References: numpy dequantization and a
    float64 matmul."""
    K, N, bs = 200, 24, 32
    nblk = (K + bs - 1) // bs
    x = rng.standard_normal((2, 3, K)).astype(F32)
    for bits, packed_zp in ((4, True), (2, False), (8, False)):
        qmax = 2 ** bits - 1
        codes = rng.integers(0, qmax + 1, (N, nblk * bs)).astype(np.uint8)
        codes[:, K:] = 0  # padding of the last block
        scales = (rng.uniform(0.01, 0.1, (N, nblk)) * rng.choice([-1, 1], (N, nblk))).astype(F32)
        if packed_zp:
            zps = rng.integers(0, qmax + 1, (N, nblk + (nblk % 2))).astype(np.uint8)
            zp_packed = pack_codes(zps, bits)  # [N, ceil(nblk * bits / 8)]
            zp = zps[:, :nblk].astype(F32)
        else:
            zp = np.full((N, nblk), 2 ** (bits - 1), F32)
        b_packed = pack_codes(codes.reshape(N, nblk, bs), bits)  # [N, nblk, bs * bits / 8]
        bias = (rng.standard_normal(N) * 0.1).astype(F32)
        w = ((codes.reshape(N, nblk, bs).astype(F32) - zp[:, :, None]) * scales[:, :, None]).reshape(N, -1)[:, :K]
        inits = [numpy_helper.from_array(b_packed, "B"),
                 numpy_helper.from_array(scales if bits == 4 else scales.reshape(-1), "scales")]
        ins = ["x", "B", "scales"]
        if packed_zp:
            inits.append(numpy_helper.from_array(zp_packed.reshape(-1), "zp"))
            ins.append("zp")
        else:
            ins.append("")
        ins += ["", "bias"]
        inits.append(numpy_helper.from_array(bias, "bias"))
        node = helper.make_node("MatMulNBits", ins, ["y"], domain="com.microsoft", K=K, N=N, bits=bits, block_size=bs)
        g = helper.make_graph([node], "nbits", [helper.make_tensor_value_info("x", TensorProto.FLOAT, [2, 3, K])],
                              [helper.make_tensor_value_info("y", TensorProto.FLOAT, [2, 3, N])], inits)
        m = helper.make_model(g, opset_imports=[helper.make_opsetid("", 17), helper.make_opsetid("com.microsoft", 1)],
                              producer_name="lowbit-tests")
        name = "matmul_nbits%d" % bits
        onnx.save(m, os.path.join(out, name + ".onnx"))
        np.save(os.path.join(out, name + "_ref.npy"), (x.astype(np.float64) @ w.T.astype(np.float64) + bias).astype(F32))
    np.save(os.path.join(out, "matmul_nbits_x.npy"), x)


# ---- a pre-LN transformer block (float) ----

def transformer_block(out):
    """x[2,8,32] -> LN -> 4-head self-attention -> residual -> LN -> GELU MLP (32-64-32) -> residual.
    Written at opset 17 (LayerNormalization, Erf-based GELU), opset 13 (LayerNorm as
    ReduceMean/Sub/Pow/Add/Sqrt/Div/Mul/Add, Erf GELU) and opset 20 (Gelu op); all three
    should import to the same lb ops. Reference: numpy in float64."""
    B, S, D, H = 2, 8, 32, 4
    dh = D // H
    W = {n: (rng.standard_normal(s) / np.sqrt(s[0])).astype(F32) for n, s in
         [("wq", (D, D)), ("wk", (D, D)), ("wv", (D, D)), ("wo", (D, D)), ("w1", (D, 2 * D)), ("w2", (2 * D, D))]}
    Bv = {n: (rng.standard_normal(k) * 0.1).astype(F32) for n, k in
          [("bq", D), ("bk", D), ("bv", D), ("bo", D), ("b1", 2 * D), ("b2", D)]}
    G = {n: (1 + 0.1 * rng.standard_normal(D)).astype(F32) for n in ("g1", "g2")}
    Be = {n: (0.1 * rng.standard_normal(D)).astype(F32) for n in ("be1", "be2")}
    x = rng.standard_normal((B, S, D)).astype(F32)
    eps = 1e-5

    def ln(v, g, b):
        m = v.mean(-1, keepdims=True)
        return (v - m) / np.sqrt(((v - m) ** 2).mean(-1, keepdims=True) + eps) * g + b

    def ref(v):
        v = v.astype(np.float64)
        h = ln(v, G["g1"], Be["be1"])
        heads = lambda t: t.reshape(B, S, H, dh).transpose(0, 2, 1, 3)
        q, k, vv = heads(h @ W["wq"] + Bv["bq"]), heads(h @ W["wk"] + Bv["bk"]), heads(h @ W["wv"] + Bv["bv"])
        s = q @ k.transpose(0, 1, 3, 2) / np.sqrt(dh)
        p = np.exp(s - s.max(-1, keepdims=True))
        p /= p.sum(-1, keepdims=True)
        c = (p @ vv).transpose(0, 2, 1, 3).reshape(B, S, D)
        x1 = v + c @ W["wo"] + Bv["bo"]
        f = ln(x1, G["g2"], Be["be2"]) @ W["w1"] + Bv["b1"]
        import math
        f = 0.5 * f * (1 + np.vectorize(math.erf)(f / math.sqrt(2)))
        return (x1 + f @ W["w2"] + Bv["b2"]).astype(F32)

    for opset in (17, 13, 20):
        nodes, inits = [], [numpy_helper.from_array(a, n) for d in (W, Bv, G, Be) for n, a in d.items()]
        inits += [numpy_helper.from_array(np.array(v, dt), n) for n, v, dt in [
            ("shape_heads", [B, S, H, dh], np.int64), ("shape_model", [B, S, D], np.int64),
            ("scale", np.sqrt(dh), F32), ("eps", eps, F32), ("two", 2.0, F32), ("sqrt2", np.sqrt(2), F32),
            ("one", 1.0, F32), ("half", 0.5, F32)]]
        cnt = [0]

        def t(prefix):
            cnt[0] += 1
            return "%s%d" % (prefix, cnt[0])

        def node(op, ins, **kw):
            o = t(op.lower())
            nodes.append(helper.make_node(op, ins, [o], **kw))
            return o

        def layernorm(v, g, b):
            if opset >= 17:
                return node("LayerNormalization", [v, g, b], axis=-1, epsilon=eps)
            m = node("ReduceMean", [v], axes=[-1], keepdims=1)
            d = node("Sub", [v, m])
            var = node("ReduceMean", [node("Pow", [d, "two"])], axes=[-1], keepdims=1)
            n = node("Div", [d, node("Sqrt", [node("Add", [var, "eps"])])])
            return node("Add", [node("Mul", [n, g]), b])

        def gelu(v):
            if opset >= 20:
                return node("Gelu", [v])
            e = node("Erf", [node("Div", [v, "sqrt2"])])
            return node("Mul", [node("Mul", [v, node("Add", [e, "one"])]), "half"])

        def linear(v, w, b):
            return node("Add", [node("MatMul", [v, w]), b])

        def heads(v):
            return node("Transpose", [node("Reshape", [v, "shape_heads"])], perm=[0, 2, 1, 3])

        h = layernorm("x", "g1", "be1")
        q, k, v = heads(linear(h, "wq", "bq")), heads(linear(h, "wk", "bk")), heads(linear(h, "wv", "bv"))
        s = node("Div", [node("MatMul", [q, node("Transpose", [k], perm=[0, 1, 3, 2])]), "scale"])
        p = node("Softmax", [s], axis=-1)
        c = node("Reshape", [node("Transpose", [node("MatMul", [p, v])], perm=[0, 2, 1, 3]), "shape_model"])
        x1 = node("Add", ["x", linear(c, "wo", "bo")])
        f = gelu(linear(layernorm(x1, "g2", "be2"), "w1", "b1"))
        nodes.append(helper.make_node("Add", [x1, linear(f, "w2", "b2")], ["y"]))
        g = helper.make_graph(nodes, "block", [helper.make_tensor_value_info("x", TensorProto.FLOAT, [B, S, D])],
                              [helper.make_tensor_value_info("y", TensorProto.FLOAT, [B, S, D])], inits)
        m = helper.make_model(g, opset_imports=[helper.make_opsetid("", opset)], producer_name="lowbit-tests")
        if opset <= 17:
            onnx.checker.check_model(m)  # Debian's onnx 1.12 knows opsets up to 17
        onnx.save(m, os.path.join(out, "transformer_block_op%d.onnx" % opset))
    np.save(os.path.join(out, "transformer_block_x.npy"), x)
    np.save(os.path.join(out, "transformer_block_ref.npy"), ref(x))


# ---- onnxruntime's com.microsoft QLinear* element ops ----

def msft_qlinear(out):
    """x[N,4,6,6] -> QuantizeLinear(u8) -> QLinearLeakyRelu -> QLinearAdd (with the
    quantized input) -> QLinearMul (by itself) -> QLinearSigmoid -> QLinearAveragePool
    (2x2) -> QLinearConcat (with the pooled tensor of the input) -> QLinearGlobalAveragePool
    -> y uint8 [N, 8, 1, 1]. Reference: the ops' definitions (dequantize, float op,
    quantize) in numpy float32."""
    x = rng.uniform(-2, 2, (8, 4, 6, 6)).astype(F32)
    p = {"s0": (F32(4 / 255), 128), "s1": (F32(0.01), 10), "s2": (F32(0.03), 100), "s3": (F32(0.05), 0),
         "s4": (F32(0.0041), 0), "s5": (F32(0.00377), 3), "s6": (F32(0.0213), 50), "s7": (F32(0.00353), 1)}
    inits = []
    for k, (s, z) in p.items():
        inits += [numpy_helper.from_array(np.array(s, F32), k), numpy_helper.from_array(np.array(z, np.uint8), k + "z")]
    ms = "com.microsoft"
    nodes = [
        helper.make_node("QuantizeLinear", ["x", "s0", "s0z"], ["q0"]),
        helper.make_node("QLinearLeakyRelu", ["q0", "s0", "s0z", "s1", "s1z"], ["q1"], domain=ms, alpha=0.1),
        helper.make_node("QLinearAdd", ["q1", "s1", "s1z", "q0", "s0", "s0z", "s2", "s2z"], ["q2"], domain=ms),
        helper.make_node("QLinearMul", ["q2", "s2", "s2z", "q2", "s2", "s2z", "s3", "s3z"], ["q3"], domain=ms),
        helper.make_node("QLinearSigmoid", ["q3", "s3", "s3z", "s4", "s4z"], ["q4"], domain=ms),
        helper.make_node("QLinearAveragePool", ["q4", "s4", "s4z", "s5", "s5z"], ["q5"], domain=ms,
                         kernel_shape=[2, 2], strides=[2, 2]),
        helper.make_node("QLinearAveragePool", ["q0", "s0", "s0z", "s6", "s6z"], ["q6"], domain=ms,
                         kernel_shape=[2, 2], strides=[2, 2]),
        helper.make_node("QLinearConcat", ["s6", "s6z", "q5", "s5", "s5z", "q6", "s6", "s6z"], ["q7"], domain=ms, axis=1),
        helper.make_node("QLinearGlobalAveragePool", ["q7", "s6", "s6z", "s7", "s7z"], ["y"], domain=ms),
    ]
    g = helper.make_graph(nodes, "msft", [helper.make_tensor_value_info("x", TensorProto.FLOAT, ["N", 4, 6, 6])],
                          [helper.make_tensor_value_info("y", TensorProto.UINT8, ["N", 8, 1, 1])], inits)
    m = helper.make_model(g, opset_imports=[helper.make_opsetid("", 13), helper.make_opsetid(ms, 1)],
                          producer_name="lowbit-tests")
    onnx.save(m, os.path.join(out, "msft_qlinear.onnx"))
    q = lambda v, k: quantize(v, p[k][0], p[k][1], np.uint8)
    dq = lambda v, k: dequantize(v, p[k][0], p[k][1])
    pool = lambda v: v.reshape(v.shape[0], v.shape[1], v.shape[2] // 2, 2, v.shape[3] // 2, 2).sum((3, 5),
                                                                                              dtype=F32) / F32(4)
    q0 = q(x, "s0")
    a = dq(q0, "s0")
    q1 = q(np.where(a < 0, F32(0.1) * a, a).astype(F32), "s1")
    q2 = q((dq(q1, "s1") + a).astype(F32), "s2")
    d2 = dq(q2, "s2")
    q3 = q((d2 * d2).astype(F32), "s3")
    q4 = q((F32(1) / (F32(1) + np.exp(-dq(q3, "s3")))).astype(F32), "s4")
    q5 = q(pool(dq(q4, "s4")).astype(F32), "s5")
    q6 = q(pool(a).astype(F32), "s6")
    cat = dq(q(np.concatenate([dq(q5, "s5"), dq(q6, "s6")], 1), "s6"), "s6")  # QLinearConcat's output is quantized
    y = q((cat.sum((2, 3), dtype=F32, keepdims=True) / F32(9)).astype(F32), "s7")
    np.save(os.path.join(out, "msft_qlinear_x.npy"), x)
    np.save(os.path.join(out, "msft_qlinear_ref.npy"), y)


# ---- QDQ pooling and concat ----

def qdq_pool_concat(out):
    """x[8,16,14,14] f32 -> Q(u8) -> DQ -> AveragePool(3x3, stride 2, pad 1, count_include_pad 0) -> Q(u8) -> DQ
    -> Concat with DQ(Q(AveragePool(the same window, count_include_pad 1))) at other parameters -> Q(u8) -> DQ -> Q(i8) -> DQ -> GlobalAveragePool -> Q(i8) -> DQ -> y f32
    [8, 32, 1, 1]. Every pool and the concat sit between 8-bit dequantize and quantize, as onnxruntime's QDQ
    quantizer writes them. Reference: the ONNX spec (dequantize, float op, quantize) in numpy float32;
    qdq_pool_quantum.npy is the output scale."""
    n, c, h, w = 8, 16, 14, 14
    x = rng.uniform(-1.5, 2.5, (n, c, h, w)).astype(F32)
    p = {"s0": (F32(4.0 / 255), 96, np.uint8), "s1": (F32(0.0133), 110, np.uint8), "s2": (F32(0.0171), 90, np.uint8),
         "s3": (F32(0.0149), 100, np.uint8), "s4": (F32(0.0127), -20, np.int8), "s5": (F32(0.0061), -40, np.int8)}
    inits = []
    for k, (sc, z, dt) in p.items():
        inits += [numpy_helper.from_array(np.array(sc, F32), k), numpy_helper.from_array(np.array(z, dt), k + "z")]
    Q = lambda i, o, k: helper.make_node("QuantizeLinear", [i, k, k + "z"], [o])
    D = lambda i, o, k: helper.make_node("DequantizeLinear", [i, k, k + "z"], [o])
    nodes = [
        Q("x", "q0", "s0"), D("q0", "d0", "s0"),
        helper.make_node("AveragePool", ["d0"], ["a1"], kernel_shape=[3, 3], strides=[2, 2], pads=[1, 1, 1, 1],
                         count_include_pad=0),
        Q("a1", "q1", "s1"), D("q1", "d1", "s1"),
        helper.make_node("AveragePool", ["d0"], ["a2"], kernel_shape=[3, 3], strides=[2, 2], pads=[1, 1, 1, 1],
                         count_include_pad=1),
        Q("a2", "q2", "s2"), D("q2", "d2", "s2"),
        helper.make_node("Concat", ["d1", "d2"], ["cat"], axis=1),
        Q("cat", "q3", "s3"), D("q3", "d3", "s3"),
        Q("d3", "q4", "s4"), D("q4", "d4", "s4"),
        helper.make_node("GlobalAveragePool", ["d4"], ["g"]),
        Q("g", "q5", "s5"), D("q5", "y", "s5"),
    ]
    save(out, "qdq_pool", nodes, [helper.make_tensor_value_info("x", TensorProto.FLOAT, ["N", c, h, w])],
         [helper.make_tensor_value_info("y", TensorProto.FLOAT, ["N", 2 * c, 1, 1])], inits)
    q = lambda v, k: quantize(v, p[k][0], p[k][1], p[k][2])
    dq = lambda v, k: dequantize(v, p[k][0], p[k][1])

    def avgpool(v, k, stride, pad, include_pad):
        nn, cc, hh, ww = v.shape
        oh, ow = (hh + 2 * pad - k) // stride + 1, (ww + 2 * pad - k) // stride + 1
        vp = np.pad(v, ((0, 0), (0, 0), (pad, pad), (pad, pad)))
        ones = np.pad(np.ones((hh, ww), F32), pad)
        y = np.zeros((nn, cc, oh, ow), F32)
        for i in range(oh):
            for j in range(ow):
                win = vp[:, :, i * stride:i * stride + k, j * stride:j * stride + k]
                cnt = k * k if include_pad else ones[i * stride:i * stride + k, j * stride:j * stride + k].sum()
                y[:, :, i, j] = win.reshape(nn, cc, -1).sum(-1, dtype=F32) / F32(cnt)
        return y

    d0 = dq(q(x, "s0"), "s0")
    d1 = dq(q(avgpool(d0, 3, 2, 1, False), "s1"), "s1")
    d2 = dq(q(avgpool(d0, 3, 2, 1, True), "s2"), "s2")
    d3 = dq(q(np.concatenate([d1, d2], 1), "s3"), "s3")
    d4 = dq(q(d3, "s4"), "s4")
    g = (d4.reshape(n, 2 * c, -1).sum(-1, dtype=F32) / F32(d4.shape[2] * d4.shape[3])).reshape(n, 2 * c, 1, 1)
    y = dq(q(g.astype(F32), "s5"), "s5")
    np.save(os.path.join(out, "qdq_pool_x.npy"), x)
    np.save(os.path.join(out, "qdq_pool_ref.npy"), y)
    np.save(os.path.join(out, "qdq_pool_quantum.npy"), np.array(p["s5"][0], F32))


# ---- MatMulInteger with one A zero point per row ----

def matmul_integer_rows(out):
    """a uint8 [6, 40] (graph input) x B int8 [40, 12] with a_zero_point uint8 [6] (one per row of A, as the
    spec allows) and b_zero_point int8 [12] (one per column) -> y int32 [6, 12]. Reference: the spec's integer
    sum in numpy int64."""
    a = rng.integers(0, 256, (6, 40)).astype(np.uint8)
    b = rng.integers(-128, 128, (40, 12)).astype(np.int8)
    az = np.array([0, 1, 77, 128, 200, 255], np.uint8)
    bz = rng.integers(-128, 128, 12).astype(np.int8)
    inits = [numpy_helper.from_array(b, "B"), numpy_helper.from_array(az, "az"), numpy_helper.from_array(bz, "bz")]
    nodes = [helper.make_node("MatMulInteger", ["a", "B", "az", "bz"], ["y"])]
    save(out, "matmul_integer_rows", nodes, [helper.make_tensor_value_info("a", TensorProto.UINT8, [6, 40])],
         [helper.make_tensor_value_info("y", TensorProto.INT32, [6, 12])], inits, opset=10)
    y = (a.astype(np.int64) - az.astype(np.int64)[:, None]) @ (b.astype(np.int64) - bz.astype(np.int64)[None, :])
    np.save(os.path.join(out, "matmul_integer_rows_a.npy"), a)
    np.save(os.path.join(out, "matmul_integer_rows_ref.npy"), y.astype(np.int32))


# ---- opset 21: blocked int4 weights ----

def int4_tensor(name, values, signed=True):
    """A TensorProto of ONNX INT4 (22) / UINT4 (21), packed two per byte, low nibble
    first: Debian's onnx 1.12 has no INT4, so the fields are set by hand."""
    flat = values.reshape(-1).astype(np.int64)
    if flat.size % 2:
        flat = np.concatenate([flat, [0]])
    packed = ((flat[0::2] & 0xF) | ((flat[1::2] & 0xF) << 4)).astype(np.uint8)
    t = onnx.TensorProto()
    t.name = name
    t.data_type = 22 if signed else 21
    t.dims.extend(values.shape)
    t.raw_data = packed.tobytes()
    return t


def qdq_int4_blocked(out):
    """x[3,64] -> MatMul(DequantizeLinear(W int4 [64,16], blocked along K by 32, scales
    [2,16], zero points int4)) + bias -> y (opset 21, onnx.helper without the checker).
    Reference: numpy dequantization and a float64 matmul."""
    K, N, bs = 64, 16, 32
    w = rng.integers(-8, 8, (K, N))
    s = rng.uniform(0.01, 0.05, (K // bs, N)).astype(F32)
    z = rng.integers(-2, 3, (K // bs, N))
    b = (rng.standard_normal(N) * 0.1).astype(F32)
    x = rng.standard_normal((3, K)).astype(F32)
    inits = [int4_tensor("w", w), numpy_helper.from_array(s, "s"), int4_tensor("z", z), numpy_helper.from_array(b, "b")]
    nodes = [helper.make_node("DequantizeLinear", ["w", "s", "z"], ["wf"], axis=0, block_size=bs),
             helper.make_node("MatMul", ["x", "wf"], ["m"]), helper.make_node("Add", ["m", "b"], ["y"])]
    g = helper.make_graph(nodes, "int4", [helper.make_tensor_value_info("x", TensorProto.FLOAT, [3, K])],
                          [helper.make_tensor_value_info("y", TensorProto.FLOAT, [3, N])], inits)
    m = helper.make_model(g, opset_imports=[helper.make_opsetid("", 21)], producer_name="lowbit-tests")
    m.ir_version = 10
    onnx.save(m, os.path.join(out, "qdq_int4_blocked.onnx"))
    wf = (w - np.repeat(z, bs, axis=0)).astype(np.float64) * np.repeat(s, bs, axis=0)
    np.save(os.path.join(out, "qdq_int4_blocked_x.npy"), x)
    np.save(os.path.join(out, "qdq_int4_blocked_ref.npy"), (x.astype(np.float64) @ wf + b).astype(F32))


def main():
    out = sys.argv[1]
    os.makedirs(out, exist_ok=True)
    qdq_mlp(out)
    qop_cnn(out)
    qonnx_mlp(out)
    matmul_nbits(out)
    transformer_block(out)
    msft_qlinear(out)
    qdq_int4_blocked(out)
    qdq_pool_concat(out)
    matmul_integer_rows(out)


if __name__ == "__main__":
    main()
