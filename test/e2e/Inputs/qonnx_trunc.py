"""QONNX Trunc (version 2) through `lowbit run` against the QONNX spec's
sample implementation semantics, written here in numpy."""
import os
import subprocess
import sys

import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper

F32 = np.float32
work = sys.argv[1]
rng = np.random.default_rng(3)
x = (rng.standard_normal(200) * 20).astype(F32)


def ref(x, scale, zp, osc, ob, signed, narrow, mode):
    y = np.round(x / F32(scale) + F32(zp))
    ts = 2 ** np.round(np.log2(osc / scale))
    y = y / ts
    lo = -(2 ** (ob - 1)) + (1 if narrow else 0) if signed else 0
    hi = 2 ** (ob - 1) - 1 if signed else 2 ** ob - 1 - (1 if narrow else 0)
    y = {"ROUND": np.round, "CEIL": np.ceil, "FLOOR": np.floor}[mode](np.clip(y, lo, hi))
    return ((y - zp / ts) * osc).astype(F32)


for sc, zp, ib, osc, ob, sg, nr, mode in [(0.5, 0, 10, 4.0, 4, 1, 0, "FLOOR"), (0.25, 0, 12, 1.0, 6, 1, 1, "ROUND"),
                                          (1.0, 0, 8, 8.0, 3, 0, 0, "CEIL")]:
    inits = [numpy_helper.from_array(np.array(v, F32), n) for n, v in
             [("s", sc), ("z", zp), ("ib", ib), ("os", osc), ("ob", ob)]]
    node = helper.make_node("Trunc", ["x", "s", "z", "ib", "os", "ob"], ["y"], domain="qonnx.custom_op.general",
                            rounding_mode=mode, signed=sg, narrow=nr)
    g = helper.make_graph([node], "t", [helper.make_tensor_value_info("x", TensorProto.FLOAT, [200])],
                          [helper.make_tensor_value_info("y", TensorProto.FLOAT, [200])], inits)
    m = helper.make_model(g, opset_imports=[helper.make_opsetid("", 13), helper.make_opsetid("qonnx.custom_op.general", 2)])
    model, xin, out = (os.path.join(work, f) for f in ("trunc.onnx", "x.npy", "y.npy"))
    onnx.save(m, model)
    np.save(xin, x)
    subprocess.run(["lowbit", "run", model, "--input", "x=" + xin, "--output", out], check=True)
    y = np.load(out)
    print("Trunc %s %d -> %d bits: %s" % (mode, ib, ob, "exact" if np.array_equal(y, ref(x, sc, zp, osc, ob, sg, nr, mode))
                                          else "DIFFERENT"))
