#!/usr/bin/python3
"""Accuracy where labels exist: torchvision's resnet18 (10 classes) trained
briefly on scikit-learn's bundled digits (8x8 images upsampled to 32x32,
three channels), exported at opset 17 with a symbolic batch, then run by
lowbit in float, W8A8 and W4A8 on the held-out images; the W8A8 model's
generated C must be bit-identical to `lowbit run`.

Writes OUT/digits_resnet18.onnx, the test set and --json (the accuracies).
usage: digits_accuracy.py --lowbit BIN --out DIR --harness test/e2e/harness.c [--json F] [--epochs N]
"""
import argparse
import json
import os
import subprocess
import sys
import time

import numpy as np
import torch
import torch.nn.functional as F
import torchvision.models as tvm
from sklearn.datasets import load_digits


def run(cmd):
    r = subprocess.run(cmd, capture_output=True, text=True)
    if r.returncode:
        sys.exit("digits_accuracy: %s failed: %s" % (" ".join(cmd[:2]), (r.stderr or r.stdout).strip()[-600:]))
    return r


def images(x):
    t = torch.from_numpy(x.reshape(-1, 1, 8, 8).astype(np.float32) / 16.0)
    t = F.interpolate(t, size=(32, 32), mode="bilinear", align_corners=False)
    return ((t - 0.3) / 0.4).repeat(1, 3, 1, 1)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--lowbit", default="lowbit")
    ap.add_argument("--out", required=True)
    ap.add_argument("--harness", required=True)
    ap.add_argument("--json")
    ap.add_argument("--epochs", type=int, default=6)
    ap.add_argument("--cc", default="gcc")
    a = ap.parse_args()
    os.makedirs(a.out, exist_ok=True)
    torch.manual_seed(0)
    torch.set_num_threads(2)
    d = load_digits()
    perm = np.random.default_rng(0).permutation(len(d.target))
    test, train = perm[:500], perm[500:]
    xtr, ytr = images(d.data[train]), torch.from_numpy(d.target[train])
    xte, yte = images(d.data[test]), d.target[test]

    model = tvm.resnet18(num_classes=10)
    opt = torch.optim.SGD(model.parameters(), lr=0.05, momentum=0.9, weight_decay=5e-4)
    sched = torch.optim.lr_scheduler.OneCycleLR(opt, max_lr=0.05, total_steps=a.epochs * ((len(train) + 63) // 64))
    t0 = time.time()
    model.train()
    for _ in range(a.epochs):
        order = torch.randperm(len(train))
        for i in range(0, len(train), 64):
            idx = order[i:i + 64]
            loss = F.cross_entropy(model(xtr[idx]), ytr[idx])
            opt.zero_grad()
            loss.backward()
            opt.step()
            sched.step()
    train_s = time.time() - t0
    model.eval()
    with torch.no_grad():
        torch_acc = float((model(xte).argmax(1).numpy() == yte).mean())

    onnx_path = os.path.join(a.out, "digits_resnet18.onnx")
    torch.onnx.export(model, xte[:1], onnx_path, opset_version=17, input_names=["input"], output_names=["out0"],
                      dynamic_axes={"input": {0: "N"}, "out0": {0: "N"}})
    xf, cf = os.path.join(a.out, "digits_test.npy"), os.path.join(a.out, "digits_calib.npy")
    np.save(xf, xte.numpy())
    np.save(cf, xtr[:100].numpy())
    res = {"model": "resnet18", "train_images": len(train), "test_images": len(test), "epochs": a.epochs,
           "train_seconds": round(train_s, 1), "torch": torch_acc}
    for mode in ("float", "w8a8", "w4a8"):
        q = [] if mode == "float" else ["--calib", "input=" + cf, "--quant", mode]
        out = os.path.join(a.out, "digits_%s.npy" % mode)
        run([a.lowbit, "run", onnx_path, *q, "--input", "input=" + xf, "--output", out])
        res[mode] = float((np.load(out).argmax(1) == yte).mean())

    cdir = os.path.join(a.out, "digits_c")
    run([a.lowbit, "compile", onnx_path, "--calib", "input=" + cf, "--quant", "w8a8", "--batch", "1", "--emit", "c",
         "--name", "model", "-o", cdir])
    srcs = [os.path.join(cdir, "model.c")] + [os.path.join(cdir, f) for f in os.listdir(cdir) if f.endswith(".S")]
    exe = os.path.join(cdir, "run")
    run([a.cc, "-std=c99", "-O2", "-ffp-contract=off", "-I" + cdir, *srcs, a.harness, "-o", exe, "-lm"])
    xte.numpy().astype("<f4").tofile(os.path.join(cdir, "in.bin"))
    run([exe, os.path.join(cdir, "in.bin"), os.path.join(cdir, "out.bin")])
    c = np.fromfile(os.path.join(cdir, "out.bin"), "<f4").reshape(len(test), 10)
    w8 = np.load(os.path.join(a.out, "digits_w8a8.npy")).astype("<f4")
    res["c_exact"] = bool(np.array_equal(c.view("<u4"), w8.view("<u4")))
    res["c_accuracy"] = float((c.argmax(1) == yte).mean())
    print("digits resnet18 (%d test images): PyTorch %.1f %%, lowbit float %.1f %%, W8A8 %.1f %%, W4A8 %.1f %%; "
          "W8A8 C %s (%.1f %%); trained in %.0f s"
          % (len(test), 100 * torch_acc, 100 * res["float"], 100 * res["w8a8"], 100 * res["w4a8"],
             "bit-identical" if res["c_exact"] else "DIFFERENT", 100 * res["c_accuracy"], train_s))
    if a.json:
        with open(a.json, "w") as f:
            json.dump(res, f, indent=1)
    ok = res["c_exact"] and abs(res["float"] - torch_acc) < 1e-9 and res["float"] >= 0.9
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
