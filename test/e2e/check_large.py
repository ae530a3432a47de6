#!/usr/bin/python3
"""A model whose weights live in ONNX external data, end to end at W8A8.

Makes the model with scripts/make-large-model.py (D x D layers), compiles it
with `lowbit compile --quant w8a8 --weights binary --time-passes` under
/usr/bin/time, assembles and links the generated C, runs it on two samples
and checks the outputs are bit-identical to `lowbit run` with the same
calibration. Prints the compile time and peak resident memory against the
size of the weight file.

`make large-model` runs it at 1.07 billion parameters (D = 8192, 16 layers,
a 4.3 GB weight file); `make check` at D = 2048, 4 layers (67 MB: every
weight is above the 1 MiB mapping threshold).

    check_large.py --lowbit lowbit --harness harness.c --work DIR [--dim D --layers L]
        [--max-peak-ratio R]
"""
import argparse
import os
import re
import subprocess
import sys
import time

import numpy as np


def run(cmd, **kw):
    r = subprocess.run(cmd, capture_output=True, text=True, **kw)
    if r.returncode != 0:
        sys.exit("command failed (%d): %s\n%s%s" % (r.returncode, " ".join(cmd), r.stdout, r.stderr))
    return r


def timed(cmd, **kw):
    """Runs cmd under /usr/bin/time -v: (result, seconds, peak RSS bytes)."""
    r = run(["/usr/bin/time", "-v"] + cmd, **kw)
    secs = re.search(r"Elapsed \(wall clock\) time \(h:mm:ss or m:ss\): (?:(\d+):)?(\d+):([\d.]+)", r.stderr)
    peak = re.search(r"Maximum resident set size \(kbytes\): (\d+)", r.stderr)
    s = (int(secs.group(1) or 0) * 3600 + int(secs.group(2)) * 60 + float(secs.group(3))) if secs else -1.0
    return r, s, (int(peak.group(1)) * 1024 if peak else -1)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--lowbit", default="lowbit")
    ap.add_argument("--harness", required=True)
    ap.add_argument("--work", required=True)
    ap.add_argument("--cc", default="cc")
    ap.add_argument("--dim", type=int, default=1024)
    ap.add_argument("--layers", type=int, default=2)
    ap.add_argument("--max-peak-ratio", type=float, default=0.0,
                    help="fail if lowbit compile's peak RSS exceeds this multiple of the weight file (0: no check)")
    a = ap.parse_args()
    os.makedirs(a.work, exist_ok=True)
    here = os.path.dirname(os.path.abspath(__file__))
    make = os.path.join(here, "..", "..", "scripts", "make-large-model.py")
    t0 = time.time()
    r = run(["/usr/bin/python3", make, a.work, "--dim", str(a.dim), "--layers", str(a.layers)])
    print(r.stdout.strip() + " (made in %.1f s)" % (time.time() - t0))
    model, calib = os.path.join(a.work, "large.onnx"), os.path.join(a.work, "calib.npy")
    wbytes = os.path.getsize(os.path.join(a.work, "large.weights"))

    out = os.path.join(a.work, "out")
    r, secs, peak = timed([a.lowbit, "compile", model, "--calib", "x=" + calib, "--quant", "w8a8", "--emit", "c",
                           "-o", out, "--weights", "binary", "--time-passes"])
    sys.stdout.write("".join(l + "\n" for l in r.stderr.splitlines() if l.startswith("lowbit:")))
    print("lowbit compile: %.1f s, peak resident %.0f MiB = %.2fx the weight file (%.0f MiB)" %
          (secs, peak / 2**20, peak / wbytes, wbytes / 2**20))
    if a.max_peak_ratio > 0:
        assert peak <= a.max_peak_ratio * wbytes, "peak %.2fx the weight file, above %.2fx" % (peak / wbytes,
                                                                                             a.max_peak_ratio)
    qbytes = os.path.getsize(os.path.join(out, "model.weights"))
    print("model.weights: %d bytes (%.3f of the float weights)" % (qbytes, qbytes / wbytes))
    assert qbytes < 0.26 * wbytes, "int8 weights should be about a quarter of the float ones"

    exe = os.path.join(out, "run")
    _, cs, cpeak = timed([a.cc, "-std=c99", "-O2", "-Wall", "-Wextra", "-Werror", "-pedantic", "-c", "model.c", "-o",
                          "model.o"], cwd=out)
    _, ws, wpeak = timed([a.cc, "-c", "model_weights.S", "-o", "model_weights.o"], cwd=out)
    _, ls, lpeak = timed([a.cc, "model.o", "model_weights.o", os.path.abspath(a.harness), "-I.", "-o", "run", "-lm"],
                         cwd=out)
    print("cc model.c %.1f s (%.0f MiB), as model_weights.S %.1f s (%.0f MiB), link %.1f s (%.0f MiB)" %
          (cs, cpeak / 2**20, ws, wpeak / 2**20, ls, lpeak / 2**20))

    x = np.load(calib)[:2]
    np.save(os.path.join(a.work, "x2.npy"), x)
    x.astype("<f4").tofile(os.path.join(out, "in.bin"))
    run([exe, os.path.join(out, "in.bin"), os.path.join(out, "out.bin")])
    yq = os.path.join(a.work, "yq.npy")
    run([a.lowbit, "run", model, "--calib", "x=" + calib, "--quant", "w8a8", "--input",
         "x=" + os.path.join(a.work, "x2.npy"), "--output", yq])
    q = np.load(yq)
    c = np.fromfile(os.path.join(out, "out.bin"), "<f4").reshape(q.shape)
    same = np.array_equal(c.view("<u4"), q.view("<u4"))
    print("generated C vs lowbit run: %s on %d samples" % ("bit-identical" if same else "DIFFERENT", len(q)))
    assert same, "generated C differs from lowbit run (max diff %g)" % float(np.abs(c - q).max())
    print("PASS")


if __name__ == "__main__":
    main()
