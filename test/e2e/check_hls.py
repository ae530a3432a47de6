#!/usr/bin/env python3
"""The HLS backend end to end: lowbit compile --emit hls, the project's C
simulation built with plain g++ (and clang++), run on a batch, compared bit
for bit with `lowbit run` of the same quantized model on the same target.

  check_hls.py --lowbit lowbit --model M.onnx --input X.npy --work DIR
               [--target T] [--labels Y.npy] [--cxx g++ --cxx clang++] -- [lowbit options]

Prints the estimate summary from DIR/report.json, then
"hls csim vs interpreter: bit-identical on N samples" and PASS; exits 1 on
any difference."""
import argparse
import json
import os
import subprocess
import sys

import numpy as np


def run(cmd, **kw):
    r = subprocess.run(cmd, capture_output=True, text=True, **kw)
    if r.returncode != 0:
        sys.stderr.write("FAIL: %s\n%s%s" % (" ".join(cmd), r.stdout, r.stderr))
        sys.exit(1)
    return r


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--lowbit", default="lowbit")
    ap.add_argument("--model", required=True)
    ap.add_argument("--input", required=True)
    ap.add_argument("--input-name", default="x")
    ap.add_argument("--work", required=True)
    ap.add_argument("--target", default=None)
    ap.add_argument("--labels", default=None)
    ap.add_argument("--cxx", action="append", default=None)
    ap.add_argument("opts", nargs="*")
    a = ap.parse_args()
    os.makedirs(a.work, exist_ok=True)
    proj = os.path.join(a.work, "hls")
    tgt = ["--target", a.target] if a.target else []
    run([a.lowbit, "compile", a.model, "--emit", "hls", "-o", proj] + tgt + a.opts)
    rep = json.load(open(os.path.join(proj, "report.json")))
    t, b = rep["total"], rep["budget"]
    print("target %s: %d/%d DSP, %d/%d LUT, %d/%d BRAM bits, latency %d cycles (%.2f us)" %
          (rep["target"], t["dsp"], b["dsp"], t["lut"], b["lut"], t["bram_bits"], b["bram_bits"],
           t["latency_cycles"], t["latency_us"]))
    print("reuse factors: " + " ".join("%s=%d" % (l["name"], l["reuse_factor"]) for l in rep["layers"]
                                       if l["kind"] in ("dense", "conv2d")))
    for k in ("dsp", "lut", "bram_bits"):
        if t[k] > b[k]:
            print("FAIL: the design exceeds the %s budget" % k)
            sys.exit(1)
    ref = os.path.join(a.work, "ref.npy")
    run([a.lowbit, "run", a.model, "--input", "%s=%s" % (a.input_name, a.input), "--output", ref] +
        (tgt if a.target else ["--target", "zynq-7020"]) + a.opts)
    want = np.load(ref)
    for cxx in a.cxx or ["g++"]:
        run(["make", "-s", "-C", proj, "clean"])
        run(["make", "-s", "-C", proj, "csim", "CXX=" + cxx])
        out = os.path.join(a.work, "csim_%s.npy" % os.path.basename(cxx))
        run([os.path.join(proj, "csim"), "--input", a.input, "--output", out])
        got = np.load(out)
        if got.shape != want.shape or got.dtype != want.dtype:
            print("FAIL: csim (%s) output %s %s, interpreter %s %s" % (cxx, got.shape, got.dtype, want.shape, want.dtype))
            sys.exit(1)
        diff = int(np.count_nonzero(got.view(np.uint32) != want.view(np.uint32)))
        if diff:
            print("FAIL: csim (%s) differs from the interpreter in %d of %d values (max |d| %g)" %
                  (cxx, diff, got.size, float(np.max(np.abs(got - want)))))
            sys.exit(1)
        print("hls csim (%s) vs interpreter: bit-identical on %d samples" % (os.path.basename(cxx), got.shape[0]))
    if a.labels:
        y = np.load(a.labels)
        acc = 100.0 * float(np.mean(np.argmax(want.reshape(want.shape[0], -1), axis=1) == y))
        print("hls accuracy: %.2f%%" % acc)
    print("PASS")


if __name__ == "__main__":
    main()
