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
    onnx.save(model([helper.make_node("Relu", ["x"], ["y"], name="r")], [vi("x", ["N", 4])], [vi("y", ["N", 4])],
                    opset=9), os.path.join(out, "old_opset.onnx"))
    onnx.save(model([helper.make_node("MatMul", ["x", "w"], ["y"], name="mm")], [vi("x", ["N", 4])], [vi("y", ["N", 3])],
                    [numpy_helper.from_array(np.ones((5, 3), np.float32), "w")]), os.path.join(out, "shape_mismatch.onnx"))


if __name__ == "__main__":
    main(sys.argv[1])
