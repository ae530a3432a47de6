#!/usr/bin/python3
"""The model-zoo test: torchvision architectures (test/zoo/export_zoo.py)
through lowbit, checked against onnxruntime and PyTorch.

For each model and opset:
  1. float: `lowbit run` vs onnxruntime (run_ort.js) and vs PyTorch on the
     same input, ||a - b|| / ||b|| over each output (worst output counts),
     at most --rtol (1e-4);
  2. W8A8 (calibrated on MODEL_calib.npy): relative error vs lowbit's float
     output, reported;
  3. `lowbit compile --emit c` of the W8A8 model: compile time, generated
     size (C text plus binary weights), gcc -O2 build, and the program's
     outputs bit-identical to `lowbit run --quant w8a8`;
  4. W4A8 (--w4): relative error vs float, reported.
Prints a line per model, writes --markdown (docs/models.md) and --json if
given; exits 1 if any check fails.

usage: run_zoo.py --lowbit BIN --models DIR --work DIR --harness test/e2e/harness.c
                  [--node-modules DIR] [--only a-op11,b-op17] [--markdown F] [--digits F.json] [--w4]
"""
import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import time

import numpy as np

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from export_zoo import ZOO  # noqa: E402


def run(cmd, env=None):
    t = time.time()
    r = subprocess.run(cmd, capture_output=True, text=True, env=env)
    if r.returncode != 0:
        raise RuntimeError("%s failed (%d): %s" % (os.path.basename(cmd[0]) + " " + cmd[1], r.returncode,
                                                    (r.stderr or r.stdout).strip()[-600:]))
    return r, time.time() - t


def rel(a, b):
    return float(np.linalg.norm(a.astype(np.float64) - b) / max(np.linalg.norm(b.astype(np.float64)), 1e-30))


def ort_outputs(mpath, x, d, node_modules):
    here = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "ort")
    x.astype("<f4").tofile(os.path.join(d, "x.bin"))
    with open(os.path.join(d, "inputs.json"), "w") as f:
        json.dump([{"name": "input", "dtype": "float32", "shape": list(x.shape), "file": "x.bin"}], f)
    run(["node", os.path.join(here, "run_ort.js"), mpath, d], env=dict(os.environ, NODE_PATH=node_modules))
    outs = {o["name"]: o for o in json.load(open(os.path.join(d, "outputs.json")))}
    res = []
    for k in range(len(outs)):
        o = outs["out%d" % k]
        res.append(np.fromfile(os.path.join(d, o["file"]), "<f4").reshape(o["shape"]))
    return res


def fake_quant_weights(src, dst):
    """The model with every Conv, Gemm and MatMul weight initializer replaced
    by its 8-bit symmetric per-output-channel round trip, in numpy: scale =
    max |w| / 127 per channel (f32), w' = rne(w / scale) * scale. An
    independent implementation of what `--quant w8af` does to the weights."""
    import onnx
    from onnx import numpy_helper as nh
    m = onnx.load(src)
    inits = {i.name: i for i in m.graph.initializer}
    done = set()
    for n in m.graph.node:
        if n.op_type not in ("Conv", "Gemm", "MatMul") or len(n.input) < 2 or n.input[1] not in inits:
            continue
        name = n.input[1]
        if name in done:
            continue
        w = nh.to_array(inits[name]).astype(np.float32)
        if n.op_type == "Conv":
            axis = 0
        elif n.op_type == "Gemm":
            axis = 0 if any(a.name == "transB" and a.i for a in n.attribute) else 1
        else:
            axis = w.ndim - 1
        red = tuple(i for i in range(w.ndim) if i != axis)
        scale = (np.abs(w).max(axis=red, keepdims=True) / np.float32(127)).astype(np.float32)
        scale[scale == 0] = 1
        q = np.clip(np.rint(w / scale), -127, 127).astype(np.float32) * scale
        inits[name].CopyFrom(nh.from_array(q.astype(np.float32), name))
        done.add(name)
    onnx.save(m, dst, save_as_external_data=os.path.getsize(src) > 1.5e9)


def lowbit_outputs(d, n):
    return [np.load(os.path.join(d, "out%d.npy" % k)) for k in range(n)]


def check(a, name, opset, models, work):
    base = "%s-op%d" % (name, opset)
    mpath = os.path.join(models, base + ".onnx")
    xfile = os.path.join(models, "%s_x.npy" % name)
    calib = os.path.join(models, "%s_calib.npy" % name)
    d = os.path.join(work, base)
    os.makedirs(d, exist_ok=True)
    x = np.load(xfile)
    torch_out = []
    while os.path.exists(os.path.join(models, "%s_torch%d.npy" % (base, len(torch_out)))):
        torch_out.append(np.load(os.path.join(models, "%s_torch%d.npy" % (base, len(torch_out)))))
    nout = len(torch_out)
    if not nout or any(not np.any(t) for t in torch_out):
        raise RuntimeError("PyTorch's output is missing or all zero: nothing to compare")
    row = {"model": name, "opset": opset, "ok": True, "params": 0}
    row["mb"] = os.path.getsize(mpath) / 1e6
    inp = ["--input", "input=" + xfile]

    _, row["t_float"] = run([a.lowbit, "run", mpath, *inp, "--output-dir", os.path.join(d, "float")])
    f = lowbit_outputs(os.path.join(d, "float"), nout)
    row["vs_torch"] = max(rel(y, r) for y, r in zip(f, torch_out))
    if a.node_modules:
        ort = ort_outputs(mpath, x, d, a.node_modules)
        for y, r in zip(f, ort):
            if y.shape != r.shape:
                raise RuntimeError("output shape %s vs onnxruntime %s" % (y.shape, r.shape))
        row["vs_ort"] = max(rel(y, r) for y, r in zip(f, ort))
    worst = max(row.get("vs_ort", 0.0), row["vs_torch"])
    if worst > a.rtol:
        row["ok"] = False
        row["why"] = "float differs from the reference by %.3g" % worst

    if a.node_modules and a.weight_check:
        # the weight quantizer against numpy: lowbit's w8af vs onnxruntime on the fake-quantized model
        fq = os.path.join(d, "w8_numpy.onnx")
        fake_quant_weights(mpath, fq)
        ref8 = ort_outputs(fq, x, d, a.node_modules)
        run([a.lowbit, "run", mpath, "--quant", "w8af", *inp, "--output-dir", os.path.join(d, "w8af")])
        w8f = lowbit_outputs(os.path.join(d, "w8af"), nout)
        row["w8af_vs_numpy"] = max(rel(y, r) for y, r in zip(w8f, ref8))
        row["w8af_err"] = max(rel(y, r) for y, r in zip(w8f, f))
        if row["w8af_vs_numpy"] > a.rtol:
            row["ok"] = False
            row["why"] = "8-bit weights differ from numpy's by %.3g" % row["w8af_vs_numpy"]
        os.remove(fq)

    q = ["--calib", "input=" + calib, "--quant", "w8a8"]
    _, row["t_w8a8"] = run([a.lowbit, "run", mpath, *q, *inp, "--output-dir", os.path.join(d, "w8a8")])
    w8 = lowbit_outputs(os.path.join(d, "w8a8"), nout)
    row["w8a8_err"] = max(rel(y, r) for y, r in zip(w8, f))

    cdir = os.path.join(d, "c")
    shutil.rmtree(cdir, ignore_errors=True)
    _, row["t_compile"] = run([a.lowbit, "compile", mpath, *q, "--emit", "c", "--name", "model", "-o", cdir])
    row["c_bytes"] = sum(os.path.getsize(os.path.join(cdir, p)) for p in os.listdir(cdir))  # model.c, .h, weights
    srcs = [os.path.join(cdir, "model.c")]
    if os.path.exists(os.path.join(cdir, "model_weights.S")):
        srcs.append(os.path.join(cdir, "model_weights.S"))
    exe = os.path.join(cdir, "run")
    _, row["t_cc"] = run([a.cc, "-std=c99", "-O2", "-ffp-contract=off", "-I" + cdir, *srcs, a.harness, "-o", exe, "-lm"])
    inb, outb = os.path.join(cdir, "in.bin"), os.path.join(cdir, "out.bin")
    x.astype("<f4").tofile(inb)
    _, row["t_c_run"] = run([exe, inb, outb])
    flat = np.fromfile(outb, "<f4")
    want = np.concatenate([y.astype("<f4").ravel() for y in w8])
    row["c_exact"] = flat.shape == want.shape and np.array_equal(flat.view("<u4"), want.view("<u4"))
    if not row["c_exact"]:
        row["ok"] = False
        row["why"] = "generated C differs from lowbit run"

    if a.llvm:
        # the LLVM backend's object for this host: bit-identical to lowbit run, and its speed against the C
        odir = os.path.join(d, "obj")
        shutil.rmtree(odir, ignore_errors=True)
        r, row["t_llvm_compile"] = run([a.lowbit, "compile", mpath, *q, "--emit", "obj", "--name", "model", "-o", odir])
        m = re.search(r"(\d+) kernel calls, (\d+) on SIMD kernels", r.stderr)
        row["llvm_simd"] = "%s/%s" % (m.group(2), m.group(1)) if m else "?"
        oexe = os.path.join(odir, "run")
        run([a.cc, "-O2", "-I" + odir, a.harness, os.path.join(odir, "model.o"), "-o", oexe, "-lm"])
        oout = os.path.join(odir, "out.bin")
        _, row["t_llvm_run"] = run([oexe, inb, oout])
        flat = np.fromfile(oout, "<f4")
        row["llvm_exact"] = flat.shape == want.shape and np.array_equal(flat.view("<u4"), want.view("<u4"))
        # the run time of one call, best of 5 runs of each binary (process start-up included in both)
        row["c_run_s"] = min(run([exe, inb, outb])[1] for _ in range(5))
        row["llvm_run_s"] = min(run([oexe, inb, oout])[1] for _ in range(5))
        if not row["llvm_exact"]:
            row["ok"] = False
            row["why"] = "the LLVM backend's object differs from lowbit run"

    if a.w4:
        q4 = ["--calib", "input=" + calib, "--quant", "w4a8"]
        run([a.lowbit, "run", mpath, *q4, *inp, "--output-dir", os.path.join(d, "w4a8")])
        w4 = lowbit_outputs(os.path.join(d, "w4a8"), nout)
        row["w4a8_err"] = max(rel(y, r) for y, r in zip(w4, f))
    return row


def fmt(v, spec):
    return "-" if v is None else spec % v


def markdown(rows, path, args):
    lines = [
        "# Model zoo",
        "",
        "Generated by `make zoo` (test/zoo/run_zoo.py); do not edit. torchvision architectures with seeded",
        "random weights (Debian's python3-torchvision %s), exported by torch.onnx at opsets 11 and 17, one" % args.tv,
        "image of N(0, 1) noise as input, four such images for calibration.",
        "",
        "- **vs onnxruntime**, **vs PyTorch**: float `lowbit run` against onnxruntime-node (test/ort) and",
        "  against PyTorch on the same input, ||a - b|| / ||b|| over the output (the worst output of",
        "  multi-output models). The bound is %g." % args.rtol,
        "- **W8 weights vs numpy**: `lowbit run --quant w8af` (8-bit per-channel weights, float activations)",
        "  against onnxruntime running the model with its Conv/Gemm/MatMul weights fake-quantized in numpy",
        "  (test/zoo/run_zoo.py `fake_quant_weights`, an independent implementation), bound %g; **W8 weights" % args.rtol,
        "  only**: that model's error against float. It shows how much of the quantized error is the weights'",
        "  rounding itself, which any correct 8-bit quantizer gives.",
        "- **W8A8**, **W4A8**: the quantized model's relative error against lowbit's float output (8-bit",
        "  per-channel symmetric weights, or 4-bit; 8-bit asymmetric per-tensor activations, min/max",
        "  calibration). With random weights and noise inputs no layer was trained to be quantization-friendly;",
        "  the weight-only column shows the part that is the weights' own rounding. At W4A8 the networks",
        "  built from depthwise convolutions (EfficientNet, LR-ASPP, SSDlite) lose their output (an error",
        "  near or above 1): their 9-weight channels do not survive 4-bit min/max codes; they need mixed",
        "  precision (`--bits-budget`) or their depthwise layers at 8 bits (`--layer NAME=w8a8`).",
        "- **C = run**: `lowbit compile --emit c` of the W8A8 model, built with gcc -O2, bit-identical to",
        "  `lowbit run --quant w8a8` on every output.",
        "- **compile**: seconds in `lowbit compile` (import, calibration, passes, C emission); **gcc**: seconds",
        "  to build the generated C; **C size**: the generated files (C text, header, binary weights).",
        "",
        "| model | opset | ONNX MB | vs onnxruntime | vs PyTorch | W8 weights vs numpy | W8 weights only | W8A8 | W4A8 | C = run | compile s | gcc s | C size MB |",
        "|---|---|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    for r in rows:
        if "error" in r:
            lines.append("| %s | %d | - | FAILED: %s | | | | | | | | | |" % (r["model"], r["opset"], r["error"].replace("|", "/")))
            continue
        lines.append("| %s | %d | %.1f | %s | %s | %s | %s | %s | %s | %s | %.1f | %.1f | %.1f |" % (
            r["model"], r["opset"], r["mb"], fmt(r.get("vs_ort"), "%.1e"), fmt(r["vs_torch"], "%.1e"),
            fmt(r.get("w8af_vs_numpy"), "%.1e"), fmt(r.get("w8af_err"), "%.3f"), fmt(r["w8a8_err"], "%.3f"), fmt(r.get("w4a8_err"), "%.3f"), "yes" if r["c_exact"] else "**no**",
            r["t_compile"], r["t_cc"], r["c_bytes"] / 1e6))
    if any("llvm_exact" in r for r in rows):
        lines += [
            "",
            "## The LLVM backend",
            "",
            "`lowbit compile --emit obj` (target native) of the same W8A8 models, linked with the same harness:",
            "bit-identical to `lowbit run` on every output, the steps that ran on generated SIMD kernels, the",
            "time of `lowbit compile`, and the run time of one image (best of 5 processes, start-up included)",
            "against the generated C built with gcc -O2.",
            "",
            "| model | opset | object = run | SIMD steps | compile s | C run s | object run s |",
            "|---|---|---|---|---|---|---|",
        ]
        for r in rows:
            if "llvm_exact" not in r:
                continue
            lines.append("| %s | %d | %s | %s | %.1f | %.3f | %.3f |" % (
                r["model"], r["opset"], "yes" if r["llvm_exact"] else "**no**", r["llvm_simd"], r["t_llvm_compile"],
                r["c_run_s"], r["llvm_run_s"]))
    if args.digits:
        dg = json.load(open(args.digits))
        lines += [
            "",
            "## Accuracy on labelled data",
            "",
            "test/zoo/digits_accuracy.py: torchvision's %s with 10 classes, trained for %d epochs (%.0f s on this" % (
                dg["model"], dg["epochs"], dg["train_seconds"]),
            "machine) on %d of scikit-learn's bundled digits (8x8, upsampled to 32x32, three channels), exported at" % (
                dg["train_images"]),
            "opset 17 with a symbolic batch; top-1 accuracy on the other %d images. W8A8 and W4A8 are calibrated on" % (
                dg["test_images"]),
            "100 training images.",
            "",
            "| PyTorch | lowbit float | W8A8 | W4A8 | W8A8 generated C |",
            "|---|---|---|---|---|",
            "| %.1f %% | %.1f %% | %.1f %% | %.1f %% | %.1f %% (%s) |" % (
                100 * dg["torch"], 100 * dg["float"], 100 * dg["w8a8"], 100 * dg["w4a8"], 100 * dg["c_accuracy"],
                "bit-identical to `lowbit run`" if dg["c_exact"] else "DIFFERENT from `lowbit run`"),
        ]
    with open(path, "w") as fo:
        fo.write("\n".join(lines) + "\n")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--lowbit", default="lowbit")
    ap.add_argument("--models")
    ap.add_argument("--work")
    ap.add_argument("--harness")
    ap.add_argument("--node-modules", help="onnxruntime-node; without it only PyTorch is the reference")
    ap.add_argument("--only", help="comma-separated MODEL-opN (default: every exported model)")
    ap.add_argument("--rtol", type=float, default=1e-4)
    ap.add_argument("--cc", default="gcc")
    ap.add_argument("--w4", action="store_true", help="also report W4A8")
    ap.add_argument("--llvm", action="store_true", help="also check the LLVM backend (--emit obj for this host)")
    ap.add_argument("--weight-check", action="store_true",
                    help="also check --quant w8af against numpy's fake-quantized weights in onnxruntime")
    ap.add_argument("--markdown")
    ap.add_argument("--digits", help="digits_accuracy.py's --json, for the markdown")
    ap.add_argument("--json")
    ap.add_argument("--from-json", help="only write --markdown from a --json of an earlier run")
    a = ap.parse_args()
    if a.from_json:
        import torchvision
        a.tv = torchvision.__version__.split("a")[0]
        markdown(json.load(open(a.from_json)), a.markdown, a)
        return
    try:
        import torchvision
        a.tv = torchvision.__version__.split("a")[0]
    except ImportError:
        a.tv = "?"
    cases = []
    for name in ZOO:
        for opset in (11, 17):
            key = "%s-op%d" % (name, opset)
            if (a.only and key not in a.only.split(",")) or not os.path.exists(os.path.join(a.models, key + ".onnx")):
                continue
            cases.append((name, opset))
    if not a.models or not a.work or not a.harness:
        sys.exit("run_zoo: --models, --work and --harness are required")
    if not cases:
        sys.exit("run_zoo: no models in %s (run export_zoo.py)" % a.models)
    rows, bad = [], 0
    for name, opset in cases:
        try:
            r = check(a, name, opset, a.models, a.work)
        except RuntimeError as e:
            r = {"model": name, "opset": opset, "ok": False, "error": str(e).splitlines()[-1][:300]}
        rows.append(r)
        bad += not r["ok"]
        if "error" in r:
            print("FAIL %s-op%d: %s" % (name, opset, r["error"]), flush=True)
            continue
        if "llvm_exact" in r:
            print("     %s-op%d: LLVM object %s, %s steps on SIMD kernels, compile %.1f s, run %.3f s (C %.3f s)" % (
                name, opset, "bit-identical" if r["llvm_exact"] else "DIFFERENT", r["llvm_simd"], r["t_llvm_compile"],
                r["llvm_run_s"], r["c_run_s"]), flush=True)
        print("%s %s-op%d: float vs onnxruntime %s, vs PyTorch %.2g; W8A8 error %.3g%s; C %s; compile %.1f s, gcc %.1f s, %.1f MB%s"
              % ("ok  " if r["ok"] else "FAIL", name, opset, fmt(r.get("vs_ort"), "%.2g"), r["vs_torch"],
                 r["w8a8_err"], fmt(r.get("w4a8_err"), ", W4A8 %.3g") if a.w4 else "",
                 "bit-identical" if r["c_exact"] else "DIFFERENT", r["t_compile"], r["t_cc"], r["c_bytes"] / 1e6,
                 "" if r["ok"] else " (" + r["why"] + ")"), flush=True)
    if a.markdown:
        markdown(rows, a.markdown, a)
    if a.json:
        with open(a.json, "w") as fo:
            json.dump(rows, fo, indent=1)
    print("zoo: %d models, %d failed" % (len(rows), bad))
    sys.exit(1 if bad else 0)


if __name__ == "__main__":
    main()
