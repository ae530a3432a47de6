#!/usr/bin/env python3
"""A pass keeps the float function: for each function of a lit file (split at "// -----"), random f32 inputs
(seeded), `lowbit run` before and after `lowbit-opt --PASS=OPTIONS`, and ||after - before|| / ||before|| printed
per function ("NAME: 1.2e-07"); exits non-zero above 1e-5. In OPTIONS, {calib} becomes the function's input
file, so a calibrating pass calibrates on the same data.

usage: keeps_function.py FILE.mlir WORKDIR PASS=OPTIONS"""
import re
import subprocess
import sys

import numpy as np

src, work, pas = sys.argv[1:4]
rng = np.random.default_rng(0)


def lowbit_run(mlir, inputs):
    cmd = ["lowbit", "run", mlir, "--output-dir", work + "/out"]
    for i, p in enumerate(inputs):
        cmd += ["--input", "input%d=%s" % (i, p)]
    subprocess.run(cmd, check=True, capture_output=True)
    return np.load(work + "/out/output0.npy")


for chunk in open(src).read().split("// -----"):
    m = re.search(r"func\.func @(\w+)\((.*?)\) ->", chunk)
    name = m.group(1)
    path = "%s/%s.mlir" % (work, name)
    open(path, "w").write(chunk)
    inputs = []
    for i, shape in enumerate(re.findall(r"%\w+: tensor<([0-9x?]+)xf32>", m.group(2))):
        dims = [int(d) if d != "?" else 16 for d in shape.split("x")]
        x = rng.standard_normal(dims).astype(np.float32) * 2 + 0.5
        x[..., 0] *= 8  # an outlier channel
        np.save("%s/%s_%d.npy" % (work, name, i), x)
        inputs.append("%s/%s_%d.npy" % (work, name, i))
    ref = lowbit_run(path, inputs)
    opts = pas.replace("{calib}", ",".join("input%d:%s" % (i, p) for i, p in enumerate(inputs)))
    out = path + ".after.mlir"
    r = subprocess.run(["lowbit-opt", path, "--" + opts, "-o", out], capture_output=True, text=True)
    if r.returncode:
        sys.exit(r.stderr)
    e = float(np.linalg.norm(lowbit_run(out, inputs) - ref) / np.linalg.norm(ref))
    print("%s: %.1e" % (name, e))
    assert e < 1e-5, (name, e)
