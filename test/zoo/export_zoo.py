#!/usr/bin/python3
"""Builds the model-zoo test models: torchvision architectures (Debian's
python3-torchvision) with seeded random weights (BatchNorm statistics
settled on noise images), exported by torch.onnx at opsets 11 and 17, plus
the inputs and PyTorch's own outputs.

For each MODEL and OPSET it writes, into --out:
  MODEL-opOPSET.onnx          input 'input', outputs 'out0', 'out1', ...
  MODEL_x.npy                 one test image (float32, N(0, 1), seeded)
  MODEL_calib.npy             calibration images (--calib-samples of them)
  MODEL-opOPSET_torch0.npy    PyTorch's output k on MODEL_x.npy, per output
Existing files are kept (delete them to re-export).

usage: export_zoo.py --out DIR [--models a,b,...] [--opsets 11,17] [--calib-samples N]
"""
import argparse
import os
import sys
import warnings

import numpy as np
import torch
import torchvision.models as tvm

warnings.filterwarnings("ignore")


class Outputs(torch.nn.Module):
    """A wrapper whose forward returns a tuple of tensors (dict outputs of
    the detection and segmentation models flattened)."""

    def __init__(self, fn, *mods):
        super().__init__()
        self.mods = torch.nn.ModuleList(mods)
        self.fn = fn

    def forward(self, x):
        return self.fn(self.mods, x)


def ssdlite():
    # backbone and heads, without the anchor decoding and NMS post-processing
    m = tvm.detection.ssdlite320_mobilenet_v3_large(weights=None, weights_backbone=None)

    def fn(mods, x):
        feats = list(mods[0](x).values())
        o = mods[1](feats)
        return o["bbox_regression"], o["cls_logits"]

    return Outputs(fn, m.backbone, m.head), 320


def lraspp():
    m = tvm.segmentation.lraspp_mobilenet_v3_large(weights=None, weights_backbone=None)
    return Outputs(lambda mods, x: mods[0](x)["out"], m), 224


# name -> constructor returning (module, image size); the order of docs/models.md
ZOO = {
    "resnet18": lambda: (tvm.resnet18(), 224),
    "mobilenet_v2": lambda: (tvm.mobilenet_v2(), 224),
    "mobilenet_v3_small": lambda: (tvm.mobilenet_v3_small(), 224),
    "efficientnet_b0": lambda: (tvm.efficientnet_b0(), 224),
    "squeezenet1_1": lambda: (tvm.squeezenet1_1(), 224),
    "shufflenet_v2_x1_0": lambda: (tvm.shufflenet_v2_x1_0(), 224),
    "regnet_y_400mf": lambda: (tvm.regnet_y_400mf(), 224),
    "convnext_tiny": lambda: (tvm.convnext_tiny(), 224),
    "vit_b_16": lambda: (tvm.vit_b_16(), 224),
    "lraspp_mobilenet_v3_large": lraspp,
    "ssdlite320_mobilenet_v3_large": ssdlite,
}


def settle_batchnorm(model, size, rng):
    """BatchNorm statistics from noise images (the cumulative average over
    two batches of four). With the freshly initialized statistics (mean 0,
    variance 1) the activations of a deep random network vanish or explode
    layer after layer, and some outputs end up as their bias alone, which
    would make every error measured on them meaningless; after this, each
    normalized layer's output has unit scale, as in a trained network."""
    bns = [m for m in model.modules() if isinstance(m, torch.nn.modules.batchnorm._BatchNorm)]
    if not bns:
        return
    for m in bns:
        m.reset_running_stats()
        m.momentum = None
    model.train()
    with torch.no_grad():
        for _ in range(2):
            model(torch.from_numpy(rng.standard_normal((4, 3, size, size)).astype(np.float32)))


def export(name, opset, out, calib_samples):
    seed = sorted(ZOO).index(name)  # stable per model, independent of --models
    torch.manual_seed(seed)
    model, size = ZOO[name]()
    for m in model.modules():  # vit_b_16's classifier starts at zero: its output would be too
        if isinstance(m, torch.nn.Linear) and not m.weight.detach().any():
            torch.nn.init.normal_(m.weight, std=0.02)
    rng = np.random.default_rng(1000 + seed)
    settle_batchnorm(model, size, rng)
    model.eval()
    xfile = os.path.join(out, "%s_x.npy" % name)
    cfile = os.path.join(out, "%s_calib.npy" % name)
    if not os.path.exists(xfile):
        np.save(xfile, rng.standard_normal((1, 3, size, size)).astype(np.float32))
    if not os.path.exists(cfile):
        np.save(cfile, rng.standard_normal((calib_samples, 3, size, size)).astype(np.float32))
    x = torch.from_numpy(np.load(xfile))
    base = os.path.join(out, "%s-op%d" % (name, opset))
    if os.path.exists(base + ".onnx") and os.path.exists(base + "_torch0.npy"):
        return
    with torch.no_grad():
        y = model(x)
    ys = list(y) if isinstance(y, (tuple, list)) else [y]
    torch.onnx.export(model, x, base + ".onnx", opset_version=opset, input_names=["input"],
                      output_names=["out%d" % k for k in range(len(ys))])
    for k, t in enumerate(ys):
        np.save("%s_torch%d.npy" % (base, k), t.numpy().astype(np.float32))
    print("exported %s-op%d" % (name, opset), flush=True)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--out", required=True)
    ap.add_argument("--models", default=",".join(ZOO))
    ap.add_argument("--opsets", default="11,17")
    ap.add_argument("--calib-samples", type=int, default=4)
    a = ap.parse_args()
    os.makedirs(a.out, exist_ok=True)
    for name in a.models.split(","):
        if name not in ZOO:
            sys.exit("export_zoo: unknown model '%s' (known: %s)" % (name, ", ".join(ZOO)))
        for opset in (int(o) for o in a.opsets.split(",")):
            export(name, opset, a.out, a.calib_samples)


if __name__ == "__main__":
    main()
