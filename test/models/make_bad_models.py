#!/usr/bin/python3
"""Writes malformed and unsupported ONNX models for lowbit's error tests."""
import os
import sys

import numpy as np
from onnx import TensorProto, helper, numpy_helper
import onnx


def model(nodes, inputs, outputs, inits=(), opset=13):
    g = helper.make_graph(nodes, "bad", inputs, outputs, list(inits))
    return helper.make_model(g, opset_imports=[helper.make_opsetid("", opset)], producer_name="lowbit-tests")


def vi(name, shape):
    return helper.make_tensor_value_info(name, TensorProto.FLOAT, shape)


def main(out):
    os.makedirs(out, exist_ok=True)
    good = model([helper.make_node("Relu", ["x"], ["y"], name="r")], [vi("x", ["N", 4])], [vi("y", ["N", 4])])
    data = good.SerializeToString()
    open(os.path.join(out, "empty.onnx"), "wb").close()
    with open(os.path.join(out, "truncated.onnx"), "wb") as f:
        f.write(data[: len(data) // 2])
    with open(os.path.join(out, "garbage.onnx"), "wb") as f:
        f.write(bytes(np.random.default_rng(7).integers(0, 256, 512, dtype=np.uint8)))
    onnx.save(model([helper.make_node("Sin", ["x"], ["y"], name="my_sin")], [vi("x", ["N", 4])], [vi("y", ["N", 4])]),
              os.path.join(out, "unsupported_op.onnx"))
    onnx.save(model([helper.make_node("Relu", ["x"], ["y"], name="r")], [vi("x", [0, 4])], [vi("y", [0, 4])]),
              os.path.join(out, "zero_dim.onnx"))
    onnx.save(model([helper.make_node("Relu", ["x"], ["y"], name="r")], [vi("x", [-3, 4])], [vi("y", [-3, 4])]),
              os.path.join(out, "negative_dim.onnx"))
    w = helper.make_tensor("w", TensorProto.FLOAT, [0, 4], [])
    onnx.save(model([helper.make_node("MatMul", ["x", "w"], ["y"], name="mm")], [vi("x", ["N", 4])], [vi("y", ["N", 4])],
                    [w]), os.path.join(out, "zero_dim_initializer.onnx"))
    onnx.save(model([helper.make_node("Clip", ["x"], ["y"], name="c", min=0.0, max=6.0)], [vi("x", ["N", 4])],
                    [vi("y", ["N", 4])], opset=5), os.path.join(out, "old_opset.onnx"))
    onnx.save(model([helper.make_node("Relu", ["x"], ["y"], name="r")], [vi("x", ["N", 4])], [vi("y", ["N", 4])],
                    opset=0), os.path.join(out, "opset0.onnx"))
    onnx.save(model([helper.make_node("MatMul", ["x", "w"], ["y"], name="mm")], [vi("x", ["N", 4])], [vi("y", ["N", 3])],
                    [numpy_helper.from_array(np.ones((5, 3), np.float32), "w")]), os.path.join(out, "shape_mismatch.onnx"))

    quant_models(out)


def quant_models(out):
    """Quantized models with bad parameters (test/frontend/quant-errors.test)."""
    def init(name, arr):
        return numpy_helper.from_array(np.asarray(arr), name)

    def qdq(name, scale, zp, axis=1, dq=False, block=None, opset=13, xshape=(2, 4), xtype=TensorProto.FLOAT):
        kw = {"axis": axis}
        if block:
            kw["block_size"] = block
        op = "DequantizeLinear" if dq else "QuantizeLinear"
        ins = [init("s", scale)] + ([init("z", zp)] if zp is not None else [])
        g = helper.make_graph([helper.make_node(op, ["x", "s"] + (["z"] if zp is not None else []), ["y"], name="q", **kw)],
                              "bad", [helper.make_tensor_value_info("x", xtype, list(xshape))],
                              [helper.make_tensor_value_info("y", TensorProto.UINT8 if not dq else TensorProto.FLOAT,
                                                             None)], ins)
        m = helper.make_model(g, opset_imports=[helper.make_opsetid("", opset)], producer_name="lowbit-tests")
        onnx.save(m, os.path.join(out, name + ".onnx"))

    qdq("q_scale_wrong_length", np.array([0.1, 0.2, 0.3], np.float32), np.zeros(3, np.uint8))
    qdq("q_zp_shape_differs", np.array([0.1, 0.2, 0.3, 0.4], np.float32), np.zeros(2, np.uint8))
    qdq("q_zero_scale", np.array(0.0, np.float32), np.array(0, np.uint8))
    qdq("q_negative_scale", np.array(-0.5, np.float32), np.array(0, np.uint8))
    qdq("q_int32_output", np.array(0.5, np.float32), np.array(0, np.int32))
    qdq("q_axis_out_of_range", np.array([0.1, 0.2], np.float32), np.zeros(2, np.uint8), axis=5, xshape=(2, 2))
    qdq("q_blocked_shape", np.ones((2, 3), np.float32), np.zeros((2, 3), np.uint8), axis=1, block=2, opset=21,
        xshape=(2, 4))
    qdq("dq_zp_type_differs", np.array(0.5, np.float32), np.array(0, np.int8), dq=True, xtype=TensorProto.UINT8)
    # QONNX: unsupported bit width, non-integer zero point
    for name, bw, zp in (("qonnx_bitwidth_20", 20.0, 0.0), ("qonnx_fractional_zp", 4.0, 0.5)):
        g = helper.make_graph(
            [helper.make_node("Quant", ["x", "s", "z", "b"], ["y"], domain="qonnx.custom_op.general", name="quant")],
            "bad", [vi("x", [2, 4])], [vi("y", [2, 4])],
            [init("s", np.array(0.1, np.float32)), init("z", np.array(zp, np.float32)), init("b", np.array(bw, np.float32))])
        m = helper.make_model(g, opset_imports=[helper.make_opsetid("", 13), helper.make_opsetid("qonnx.custom_op.general", 1)])
        onnx.save(m, os.path.join(out, name + ".onnx"))
    # MatMulNBits with 3 bits and with a g_idx that reorders the groups
    for name, bits, gidx in (("nbits_3bit", 3, None), ("nbits_gidx", 4, np.arange(32)[::-1] // 16)):
        ins = [init("B", np.zeros((2, 2, 8), np.uint8)), init("S", np.ones(4, np.float32))]
        names = ["x", "B", "S"]
        if gidx is not None:
            ins.append(init("G", gidx.astype(np.int32)))
            names += ["", "G"]
        g = helper.make_graph([helper.make_node("MatMulNBits", names, ["y"], domain="com.microsoft", name="nb", K=32, N=2,
                                                bits=bits, block_size=16)],
                              "bad", [vi("x", [1, 32])], [vi("y", [1, 2])], ins)
        m = helper.make_model(g, opset_imports=[helper.make_opsetid("", 17), helper.make_opsetid("com.microsoft", 1)])
        onnx.save(m, os.path.join(out, name + ".onnx"))


if __name__ == "__main__":
    main(sys.argv[1])
