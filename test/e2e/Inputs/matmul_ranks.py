"""Runs one-node MatMul models through `lowbit run` and compares with numpy."""
import os
import subprocess
import sys

import numpy as np
import onnx
from onnx import TensorProto, helper

work = sys.argv[1]
rng = np.random.default_rng(0)
for sa, sb in [((3,), (3, 4)), ((2, 3, 4), (4,)), ((4,), (4,)), ((2, 1, 3, 4), (5, 4, 6))]:
    a = rng.integers(-3, 4, sa).astype(np.float32)  # small integers: the sums are exact
    b = rng.integers(-3, 4, sb).astype(np.float32)
    g = helper.make_graph([helper.make_node("MatMul", ["a", "b"], ["y"])], "m",
                          [helper.make_tensor_value_info("a", TensorProto.FLOAT, list(sa)),
                           helper.make_tensor_value_info("b", TensorProto.FLOAT, list(sb))],
                          [helper.make_tensor_value_info("y", TensorProto.FLOAT, None)])
    model = os.path.join(work, "mm.onnx")
    onnx.save(helper.make_model(g, opset_imports=[helper.make_opsetid("", 13)]), model)
    np.save(os.path.join(work, "a.npy"), a)
    np.save(os.path.join(work, "b.npy"), b)
    out = os.path.join(work, "y.npy")
    subprocess.run(["lowbit", "run", model, "--input", "a=" + os.path.join(work, "a.npy"), "--input",
                    "b=" + os.path.join(work, "b.npy"), "--output", out], check=True)
    y, ref = np.load(out), np.matmul(a, b)
    print("%s x %s -> %s %s" % (sa, sb, y.shape, "exact" if y.shape == ref.shape and np.array_equal(y, ref) else "DIFFERENT"))
