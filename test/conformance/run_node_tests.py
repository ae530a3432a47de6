#!/usr/bin/python3
"""ONNX conformance: runs the ONNX backend node tests (Debian's
libonnx-testdata) of every op lowbit imports through `lowbit run` and
compares the outputs with the expected ones (rtol 1e-3, atol 1e-5, as the
ONNX backend test runner uses for float outputs; integer outputs exact).

Each test ends up in one of three buckets:
  pass         outputs match
  unsupported  lowbit refused the model with a clean one-line error (an
               attribute, rank, dtype or non-constant shape it does not
               implement)
  fail         wrong numbers, a crash, or an unclean error
Tests listed in --expected must pass; a test that passes without being
listed is reported so the list can grow. Prints a summary line and exits
non-zero if a listed test does not pass or any test fails.
"""
import argparse
import os
import shutil
import subprocess
import sys

import numpy as np
import onnx
from onnx import numpy_helper


def supported_ops(lowbit):
    out = subprocess.run([lowbit, "ops"], capture_output=True, text=True, check=True).stdout
    return {line.split()[0] for line in out.splitlines() if line.strip()}


def supported_ranges(lowbit):
    out = subprocess.run([lowbit, "ops"], capture_output=True, text=True, check=True).stdout
    r = {}
    for line in out.splitlines():
        if line.strip():
            op, rng = line.split()[:2]
            r[op] = r[op] + ", " + rng if op in r else rng
    return r


def load_pb(path):
    t = onnx.TensorProto()
    with open(path, "rb") as f:
        t.ParseFromString(f.read())
    return numpy_helper.to_array(t)


def run_test(lowbit, d, work):
    model = onnx.load(os.path.join(d, "model.onnx"))
    ds = os.path.join(d, "test_data_set_0")
    inits = {i.name for i in model.graph.initializer}
    inputs = [i.name for i in model.graph.input if i.name not in inits]
    outputs = [o.name for o in model.graph.output]
    os.makedirs(work, exist_ok=True)
    cmd = [lowbit, "run", os.path.join(d, "model.onnx"), "--output-dir", os.path.join(work, "out")]
    for k, name in enumerate(inputs):
        p = os.path.join(work, "in%d.npy" % k)
        np.save(p, load_pb(os.path.join(ds, "input_%d.pb" % k)))
        cmd += ["--input", "%s=%s" % (name, p)]
    r = subprocess.run(cmd, capture_output=True, text=True, timeout=60)
    if r.returncode != 0:
        lines = [l for l in r.stderr.splitlines() if l.strip()]
        clean = 0 < r.returncode < 128 and len(lines) == 1 and lines[0].startswith("error:")
        return ("unsupported" if clean else "fail"), r.stderr.strip()
    for k, name in enumerate(outputs):
        want = load_pb(os.path.join(ds, "output_%d.pb" % k))
        got = np.load(os.path.join(work, "out", name + ".npy"))
        if got.shape != want.shape:
            return "fail", "output %s has shape %s, expected %s" % (name, got.shape, want.shape)
        if want.dtype.kind == "f":
            ok = np.allclose(got, want, rtol=1e-3, atol=1e-5, equal_nan=True)
        else:
            ok = np.array_equal(got, want)
        if not ok:
            return "fail", "output %s differs (max abs diff %g)" % (
                name, float(np.max(np.abs(got.astype(np.float64) - want.astype(np.float64)))))
    return "pass", ""


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--lowbit", default=shutil.which("lowbit") or "lowbit")
    ap.add_argument("--data", default="/usr/share/libonnx-testdata/data/node")
    ap.add_argument("--expected", required=True)
    ap.add_argument("--work", required=True)
    ap.add_argument("--verbose", action="store_true", help="print why each unsupported test was refused")
    ap.add_argument("--per-op", action="store_true", help="print pass/unsupported/fail counts per op")
    ap.add_argument("--markdown", help="write the per-op table as Markdown to this file")
    a = ap.parse_args()
    if not os.path.isdir(a.data):
        sys.exit("conformance: %s not found (install libonnx-testdata)" % a.data)
    expected = {l.strip() for l in open(a.expected) if l.strip() and not l.startswith("#")}
    ops = supported_ops(a.lowbit)
    results = {}
    test_ops = {}
    for name in sorted(os.listdir(a.data)):
        d = os.path.join(a.data, name)
        if not os.path.isfile(os.path.join(d, "model.onnx")):
            continue
        model = onnx.load(os.path.join(d, "model.onnx"))
        if not model.graph.node or any(n.op_type not in ops or n.domain not in ("", "ai.onnx") for n in model.graph.node):
            continue
        test_ops[name] = sorted({n.op_type for n in model.graph.node})
        try:
            results[name] = run_test(a.lowbit, d, os.path.join(a.work, name))
        except (ValueError, onnx.onnx_cpp2py_export.checker.ValidationError if hasattr(onnx, "onnx_cpp2py_export") else ValueError) as e:
            print("SKIP %s: test data not readable with this onnx (%s)" % (name, str(e).splitlines()[0]))
    bad = 0
    for name, (res, why) in sorted(results.items()):
        if res == "fail":
            print("FAIL %s: %s" % (name, why.splitlines()[0] if why else ""))
            bad += 1
        elif name in expected and res != "pass":
            print("REGRESSION %s: %s (%s)" % (name, res, why.splitlines()[0] if why else ""))
            bad += 1
        elif res == "pass" and name not in expected:
            print("NEW PASS %s (add it to %s)" % (name, a.expected))
        if a.verbose and res == "unsupported":
            print("UNSUPPORTED %s: %s" % (name, why.splitlines()[0] if why else ""))
    per_op = {}
    for name, (res, _) in results.items():
        for op in test_ops[name]:
            per_op.setdefault(op, {"pass": 0, "unsupported": 0, "fail": 0})[res] += 1
    if a.per_op:
        for op in sorted(per_op):
            c = per_op[op]
            print("op %-28s %3d passed %3d unsupported %3d failed" % (op, c["pass"], c["unsupported"], c["fail"]))
    if a.markdown:
        with open(a.markdown, "w") as f:
            f.write("<!-- Generated by test/conformance/run_node_tests.py --markdown; do not edit. -->\n")
            f.write("# ONNX ops: node-test conformance\n\n")
            f.write("Counts of the ONNX backend node tests (Debian's libonnx-testdata) that use each op,\n"
                    "run through `lowbit run`. A test counts under every op its graph uses;\n"
                    "`unsupported` means lowbit refused it with a one-line error (an attribute,\n"
                    "dtype or non-constant shape it does not implement).\n\n")
            f.write("| op | opsets | passed | unsupported | failed |\n|---|---|---|---|---|\n")
            ranges = supported_ranges(a.lowbit)
            for op in sorted(per_op):
                c = per_op[op]
                f.write("| %s | %s | %d | %d | %d |\n" % (op, ranges.get(op, ""), c["pass"], c["unsupported"], c["fail"]))
    missing = sorted(expected - set(results))
    for name in missing:
        print("REGRESSION %s: no longer run (op not imported?)" % name)
        bad += 1
    counts = {k: sum(1 for r, _ in results.values() if r == k) for k in ("pass", "unsupported", "fail")}
    print("conformance: %d node tests of supported ops, %d passed, %d unsupported, %d failed; %d expected passes, %d problems"
          % (len(results), counts["pass"], counts["unsupported"], counts["fail"], len(expected), bad))
    sys.exit(1 if bad else 0)


if __name__ == "__main__":
    main()
