#!/usr/bin/python3
"""A Pad-19 wrap whose W pads are -1 (crop) at the begin and +2 at the end."""
import sys

import numpy as np
from onnx import TensorProto, helper, numpy_helper, save

g = helper.make_graph([helper.make_node("Pad", ["x", "p"], ["y"], name="pd", mode="wrap")], "wrap",
                      [helper.make_tensor_value_info("x", TensorProto.FLOAT, [1, 1, 4, 5])],
                      [helper.make_tensor_value_info("y", TensorProto.FLOAT, [1, 1, 4, 6])],
                      [numpy_helper.from_array(np.array([0, 0, 0, -1, 0, 0, 0, 2], np.int64), "p")])
save(helper.make_model(g, opset_imports=[helper.make_opsetid("", 19)]), sys.argv[1])
