#!/usr/bin/python3
"""Models the ONNX spec (and onnxruntime) reject, which lowbit must refuse by name: Resize with both scales and
sizes, Clip-9 with min above max, Pad-18 with an axis listed twice. Writes them into the directory argv[1]."""
import os
import sys

import numpy as np
from onnx import TensorProto, helper, numpy_helper, save

out = sys.argv[1]
os.makedirs(out, exist_ok=True)


def vi(n, s):
    return helper.make_tensor_value_info(n, TensorProto.FLOAT, s)


def model(nodes, x, y, inits, opset):
    return helper.make_model(helper.make_graph(nodes, "g", [x], [y], inits), opset_imports=[helper.make_opsetid("", opset)])


save(model([helper.make_node("Resize", ["x", "", "s", "z"], ["y"], name="rs")], vi("x", [1, 1, 2, 2]), vi("y", [1, 1, 4, 4]),
           [numpy_helper.from_array(np.array([1, 1, 2, 2], np.float32), "s"),
            numpy_helper.from_array(np.array([1, 1, 4, 4], np.int64), "z")], 13), os.path.join(out, "resize_both.onnx"))
save(model([helper.make_node("Clip", ["x"], ["y"], name="c", min=2.0, max=1.0)], vi("x", [2]), vi("y", [2]), [], 9),
     os.path.join(out, "clip_min_max.onnx"))
save(model([helper.make_node("Pad", ["x", "p", "", "a"], ["y"], name="pd")], vi("x", [3, 3]), vi("y", [3, 5]),
           [numpy_helper.from_array(np.array([1, 1, 1, 1], np.int64), "p"),
            numpy_helper.from_array(np.array([1, 1], np.int64), "a")], 18), os.path.join(out, "pad_axes_twice.onnx"))
