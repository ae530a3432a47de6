#!/usr/bin/python3
"""A Gemm with degenerate output channels: one whose weights are 1e-27 times
normal ones (its scale is about 1e-29), one all zero, one holding a single
subnormal (1.4e-45: its scale would underflow), and a bias of 1e-30:
quantization must stay finite and leave the other channels accurate.

    make_degenerate.py OUTDIR   (writes degenerate.onnx, degenerate_x.npy, degenerate_ref.npy)
"""
import os
import sys

import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper

out = sys.argv[1]
os.makedirs(out, exist_ok=True)
rng = np.random.default_rng(3)
w = rng.standard_normal((16, 8)).astype(np.float32)
w[:, 0] *= np.float32(1e-27)
w[:, 1] = 0
w[:, 2] = 0
w[0, 2] = np.float32(1.4e-45)  # a subnormal: max |w| / qmax underflows to 0
b = np.zeros(8, np.float32)
b[3] = np.float32(1e-30)
g = helper.make_graph([helper.make_node("Gemm", ["x", "w", "b"], ["y"], name="fc")], "degenerate",
                      [helper.make_tensor_value_info("x", TensorProto.FLOAT, ["N", 16])],
                      [helper.make_tensor_value_info("y", TensorProto.FLOAT, ["N", 8])],
                      [numpy_helper.from_array(w, "w"), numpy_helper.from_array(b, "b")])
onnx.save(helper.make_model(g, opset_imports=[helper.make_opsetid("", 13)]), os.path.join(out, "degenerate.onnx"))
x = rng.standard_normal((32, 16)).astype(np.float32)
np.save(os.path.join(out, "degenerate_x.npy"), x)
np.save(os.path.join(out, "degenerate_ref.npy"), (x.astype(np.float64) @ w + b).astype(np.float32))
