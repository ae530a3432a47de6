#!/usr/bin/python3
"""Float ONNX models for `make bench`, with calibration data.

    bench/make_models.py OUTDIR

gemm1024: x[N,1024] -> MatMul 1024x1024 + bias;  gemm4096: the same at 4096;
mlp: x[N,784] -> 1024 -> Relu -> 1024 -> Relu -> 10;
cnn: x[N,3,32,32] -> three 3x3 convs (3->32->32->32, pad 1, Relu), 15M MACs.
Weights are random (He-scaled); OUTDIR/NAME_calib.npy holds 64 calibration rows.

OUTDIR/NAME_qdq.onnx is the same model quantized the way a user would ship it
to onnxruntime (what its static quantizer writes after its MatMul+Add -> Gemm
pre-optimization): uint8 activations behind QuantizeLinear/DequantizeLinear,
per-tensor asymmetric with the min/max of NAME_calib.npy; int8 symmetric
per-output-channel weights as int8 initializers behind DequantizeLinear; int32
bias with scale x_scale * w_scale[c]. onnxruntime's CPU provider fuses each
DQ -> Gemm/Conv [-> Relu] -> Q group into one integer kernel.
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
    calib = rng.standard_normal([64] + x_shape).astype(F32)
    np.save(os.path.join(out, name + "_calib.npy"), calib)
    save_qdq(out, name, m, calib, x_shape, y_shape)


# ---- the QDQ form ----

def layers_of(m):
    """The float graph as [(kind, W, B, relu, pads)], kind 'dense' (MatMul + Add) or 'conv'."""
    w = {t.name: numpy_helper.to_array(t) for t in m.graph.initializer}
    layers = []
    for n in m.graph.node:
        if n.op_type == "MatMul":
            layers.append(["dense", w[n.input[1]], None, False, None])
        elif n.op_type == "Add":
            layers[-1][2] = w[n.input[1]]
        elif n.op_type == "Conv":
            pads = next(list(a.ints) for a in n.attribute if a.name == "pads")
            layers.append(["conv", w[n.input[1]], w[n.input[2]], False, pads])
        elif n.op_type == "Relu":
            layers[-1][3] = True
        else:
            raise ValueError("make_models: no QDQ form for " + n.op_type)
    return layers


def conv_np(x, w, b, pad):
    """Stride-1 NCHW convolution in numpy (im2col), for the calibration ranges."""
    n, c, h, wd = x.shape
    oc, _, kh, kw = w.shape
    xp = np.pad(x, ((0, 0), (0, 0), (pad, pad), (pad, pad)))
    oh, ow = h + 2 * pad - kh + 1, wd + 2 * pad - kw + 1
    cols = np.stack([xp[:, :, i:i + oh, j:j + ow] for i in range(kh) for j in range(kw)], axis=2)  # n c k oh ow
    cols = cols.reshape(n, c * kh * kw, oh * ow)
    y = np.einsum("ok,nkp->nop", w.reshape(oc, -1), cols) + b[None, :, None]
    return y.reshape(n, oc, oh, ow).astype(F32)


def u8_qparams(a):
    """Per-tensor asymmetric uint8 scale and zero point from the min/max of a (range widened to hold 0)."""
    lo, hi = min(float(a.min()), 0.0), max(float(a.max()), 0.0)
    scale = (hi - lo) / 255.0 or 1.0
    return np.float32(scale), np.uint8(np.clip(round(-lo / scale), 0, 255))


def save_qdq(out, name, m, calib, x_shape, y_shape):
    layers = layers_of(m)
    nodes, inits = [], []

    def const(tname, arr):
        inits.append(numpy_helper.from_array(np.asarray(arr), tname))
        return tname

    def quant(src, dst, scale, zp):
        """src (float) -> QuantizeLinear -> dst (uint8), with its scale and zero point as initializers."""
        nodes.append(helper.make_node("QuantizeLinear", [src, const(dst + "_s", scale), const(dst + "_z", zp)], [dst]))

    def dequant(src, dst, axis=None, ins=None):
        """src -> DequantizeLinear -> dst; ins are the scale and zero-point names (default: those of src's Q)."""
        nodes.append(helper.make_node("DequantizeLinear", [src] + (ins or [src + "_s", src + "_z"]), [dst],
                                      **({} if axis is None else {"axis": axis})))

    act, cur = calib, "xq"
    x_scale, x_zp = u8_qparams(act)
    quant("x", cur, x_scale, x_zp)
    for i, (kind, w, b, relu, pads) in enumerate(layers):
        last = i == len(layers) - 1
        p = "l%d" % i
        # int8 symmetric per output channel: axis 1 of MatMul's [K, N], axis 0 of Conv's [OC, C, KH, KW]
        axis = 1 if kind == "dense" else 0
        red = tuple(d for d in range(w.ndim) if d != axis)
        w_scale = (np.abs(w).max(axis=red) / 127.0).astype(F32)
        w_scale[w_scale == 0] = 1.0
        bshape = [1] * w.ndim
        bshape[axis] = -1
        wq = np.clip(np.round(w / w_scale.reshape(bshape)), -127, 127).astype(np.int8)
        b_scale = (x_scale * w_scale).astype(F32)
        bq = np.round(b / b_scale).astype(np.int32)
        dequant(cur, p + "_x")
        dequant(const(p + "_wq", wq), p + "_w", axis,
                [const(p + "_ws", w_scale), const(p + "_wz", np.zeros(w_scale.shape, np.int8))])
        dequant(const(p + "_bq", bq), p + "_b", 0,
                [const(p + "_bs", b_scale), const(p + "_bz", np.zeros(b_scale.shape, np.int32))])
        if kind == "dense":
            nodes.append(helper.make_node("Gemm", [p + "_x", p + "_w", p + "_b"], [p + "_y"], name="fc%d" % i))
            act = act @ w + b
        else:
            nodes.append(helper.make_node("Conv", [p + "_x", p + "_w", p + "_b"], [p + "_y"], pads=pads,
                                          name="conv%d" % i))
            act = conv_np(act, w, b, pads[0])
        y = p + "_y"
        if relu:
            nodes.append(helper.make_node("Relu", [y], [p + "_r"]))
            y, act = p + "_r", np.maximum(act, 0)
        if last and kind == "dense":
            # QGemm with float output: the last layer dequantizes in the kernel
            nodes[-1].output[0] = "y"
            break
        x_scale, x_zp = u8_qparams(act)
        cur = p + "_q"
        quant(y, cur, x_scale, x_zp)
        if last:
            dequant(cur, "y")
    g = helper.make_graph(nodes, name + "_qdq",
                          [helper.make_tensor_value_info("x", TensorProto.FLOAT, ["N"] + x_shape)],
                          [helper.make_tensor_value_info("y", TensorProto.FLOAT, ["N"] + y_shape)], inits)
    q = helper.make_model(g, opset_imports=[helper.make_opsetid("", 13)], producer_name="lowbit-bench")
    onnx.checker.check_model(q)
    onnx.save(q, os.path.join(out, name + "_qdq.onnx"))


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
