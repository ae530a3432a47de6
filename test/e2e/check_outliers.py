#!/usr/bin/python3
"""Quantization error of the outlier transformer block (test/models/make_outlier_block.py) under the schemes
of docs/passes.md: error = ||y_q - y|| / ||y - x|| over the test data (y the float output, x the block's input:
the error relative to what the block adds to its residual stream). Prints one line per scheme; with --check,
asserts the bounds docs/passes.md records and exits non-zero if one fails.

With --schemes acceptance only the schemes issue 8's acceptance names run (W8A8, and W4A4 with and without
--rotate hadamard, with minmax and with MSE clipping); --min-ratio R (with --check) also asserts that rotation
lowers the W4A4 error by at least R times.

usage: check_outliers.py --dir DIR [--lowbit lowbit] [--check] [--schemes all|acceptance] [--min-ratio R]
       (DIR holds outlier_block*.{onnx,npy})
"""
import argparse
import os
import subprocess
import sys

import numpy as np

SCHEMES = [
    ("w8a8", []),
    ("w8a8", ["--rotate", "hadamard"]),
    ("w4a8", []),
    ("w4a4", []),
    ("w4a4", ["--rotate", "hadamard"]),
    ("w4a4", ["--rotate", "random-hadamard"]),
    ("w4a4", ["--calib-method", "mse"]),
    ("w4a4", ["--rotate", "hadamard", "--calib-method", "mse"]),
    ("w8a8", ["--smooth", "0.5"]),
    ("w4a4", ["--smooth", "0.5"]),
    ("w4a4", ["--smooth", "auto"]),
    ("w4a4", ["--rotate", "hadamard", "--smooth", "auto"]),
    ("w4a4", ["--smooth", "auto", "--calib-method", "mse"]),
    ("w4a4", ["--act-granularity", "token"]),
    ("w4a4", ["--act-granularity", "token", "--rotate", "hadamard"]),
    ("w4a4", ["--act-granularity", "token", "--smooth", "auto"]),
    ("w8a4", ["--act-granularity", "token"]),
    ("w8a4", ["--act-granularity", "token", "--rotate", "hadamard"]),
    ("w4a4", ["--gptq"]),
    ("w4a4", ["--rotate", "hadamard", "--gptq"]),
    ("w4a4", ["--rotate", "hadamard", "--gptq", "--calib-method", "mse"]),
    ("w4a4", ["--act-granularity", "token", "--rotate", "hadamard", "--gptq"]),
]
ACCEPTANCE = [("w8a8", []), ("w4a4", []), ("w4a4", ["--rotate", "hadamard"]), ("w4a4", ["--calib-method", "mse"]),
              ("w4a4", ["--rotate", "hadamard", "--calib-method", "mse"])]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--dir", required=True)
    ap.add_argument("--lowbit", default="lowbit")
    ap.add_argument("--check", action="store_true")
    ap.add_argument("--schemes", choices=("all", "acceptance"), default="all")
    ap.add_argument("--min-ratio", type=float, default=1.0)
    a = ap.parse_args()
    d = lambda f: os.path.join(a.dir, f)
    model, x_path = d("outlier_block.onnx"), d("outlier_block_x.npy")

    def run(flags, out):
        r = subprocess.run([a.lowbit, "run", model, "--input", "x=" + x_path, "--output", out, *flags],
                           capture_output=True, text=True)
        if r.returncode:
            sys.exit("lowbit run %s failed:\n%s" % (" ".join(flags), r.stderr))
        return np.load(out)

    x = np.load(x_path).astype(np.float64)
    y = run([], d("float.npy")).astype(np.float64)
    err = {}
    for mode, extra in SCHEMES if a.schemes == "all" else ACCEPTANCE:
        q = run(["--calib", "x=" + d("outlier_block_calib.npy"), "--quant", mode, *extra], d("q.npy"))
        key = " ".join([mode, *extra])
        err[key] = float(np.linalg.norm(q - y) / np.linalg.norm(y - x))
        print("%-48s %.4f" % (key, err[key]))
    base, rot = err["w4a4"], err["w4a4 --rotate hadamard"]
    print("%-48s %.2fx" % ("w4a4: error without / with --rotate hadamard", base / rot))
    mse_base, mse_rot = err["w4a4 --calib-method mse"], err["w4a4 --rotate hadamard --calib-method mse"]
    print("%-48s %.2fx" % ("w4a4 --calib-method mse: the same", mse_base / mse_rot))
    if a.check:
        bounds = [("w8a8", 0.1), ("w4a4 --rotate hadamard", 0.5), ("w4a4 --rotate hadamard --calib-method mse", 0.4)]
        for key, b in bounds:
            assert err[key] <= b, "%s: error %.4f above %.2f" % (key, err[key], b)
        assert rot * a.min_ratio < base, "rotation lowers the W4A4 error by %.2fx (%.4f vs %.4f), not %.2fx" % (
            base / rot, rot, base, a.min_ratio)
        if a.schemes == "all":
            assert err["w4a4 --smooth auto"] < base, "smoothing does not lower the W4A4 error"
            assert err["w4a4 --act-granularity token"] < base, "per-token activations do not lower the W4A4 error"
        print("PASS")


if __name__ == "__main__":
    main()
