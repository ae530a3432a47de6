#!/usr/bin/env python3
"""lb-rotate keeps the function: each function of the lit file, before and after the pass (Hadamard, random
Hadamard, a random orthogonal .npy), run by `lowbit run` on random inputs; prints ||after - before|| / ||before||.
Then the errors of bad rotation files and options (each must fail with a one-line message).

usage: rotate_checks.py FILE.mlir WORKDIR"""
import re
import subprocess
import sys

import numpy as np

src, work = sys.argv[1], sys.argv[2]
text = open(src).read()
rng = np.random.default_rng(0)


def run(*args, check=True):
    r = subprocess.run(["lowbit-opt", *args], capture_output=True, text=True)
    if check and r.returncode:
        sys.exit(r.stderr)
    return r


def lowbit_run(mlir, inputs):
    cmd = ["lowbit", "run", mlir, "--output-dir", work + "/out"]
    for name, path in inputs:
        cmd += ["--input", "%s=%s" % (name, path)]
    subprocess.run(cmd, check=True, capture_output=True)
    return np.load(work + "/out/output0.npy")


q, _ = np.linalg.qr(rng.standard_normal((4, 4)))
np.save(work + "/q.npy", q.astype(np.float32))
for chunk in text.split("// -----"):
    m = re.search(r"func\.func @(\w+)\((.*?)\) ->", chunk)
    name = m.group(1)
    if "?" in m.group(2):
        continue  # symbolic shapes: structure only (FileCheck)
    path = "%s/%s.mlir" % (work, name)
    open(path, "w").write(chunk)
    inputs = []
    for i, (arg, shape) in enumerate(re.findall(r"%(\w+): tensor<([0-9x]+)xf32>", m.group(2))):
        x = rng.standard_normal([int(d) for d in shape.split("x")]).astype(np.float32) * 2 + 0.5
        np.save("%s/%s_%d.npy" % (work, name, i), x)
        inputs.append(("input%d" % i if False else arg, "%s/%s_%d.npy" % (work, name, i)))
    inputs = [("input%d" % i, p) for i, (_, p) in enumerate(inputs)]
    ref = lowbit_run(path, inputs)
    rots = ["hadamard"] if name != "block" else ["hadamard", "random-hadamard:3", work + "/q.npy"]
    for r in rots:
        out = path + ".rot.mlir"
        run(path, "--lb-rotate=rotation=" + r, "-o", out)
        y = lowbit_run(out, inputs)
        e = float(np.linalg.norm(y - ref) / np.linalg.norm(ref))
        assert e < 1e-5, (name, r, e)
        print("%s %s: %.1e" % (name, "file" if r.endswith(".npy") else r, e))

# bad rotations: one line each, non-zero exit
block = "%s/block.mlir" % work
np.save(work + "/not_orthogonal.npy", (q * 1.01).astype(np.float32))
np.save(work + "/wrong_size.npy", np.eye(8, dtype=np.float32))
for r in (work + "/not_orthogonal.npy", work + "/wrong_size.npy", "walsh", "random-hadamard:x"):
    p = run(block, "--lb-rotate=rotation=" + r, check=False)
    lines = p.stderr.strip().splitlines()
    assert p.returncode != 0 and len(lines) == 1, (r, p.returncode, p.stderr)
    print(lines[0])
