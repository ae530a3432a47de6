#!/usr/bin/python3
"""`make bench`: lowbit's generated C against oneDNN, one thread.

For every model of bench/make_models.py and batch 1 and 64: `lowbit compile
--quant w8a8 --batch B --weights binary`, build the generated C with
`cc -O3 -march=native` together with bench/bench.c and -ldnnl, run it with
OMP_NUM_THREADS=1 (lowbit and oneDNN alternate in the same process, median
of 11 samples after warm-up) and write bench/RESULTS.md.

    bench/run.py --lowbit build/bin/lowbit --work build/bench [--cc gcc] [--models gemm1024,mlp] [--batches 1,64]
"""
import argparse
import os
import platform
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))

# model -> (oneDNN layers at batch M, integer ops per inference per sample)
MODELS = {
    "gemm1024": (["matmul:1024:1024"], 2 * 1024 * 1024),
    "gemm4096": (["matmul:4096:4096"], 2 * 4096 * 4096),
    "mlp": (["matmul:784:1024:relu", "matmul:1024:1024:relu", "matmul:1024:10"],
            2 * (784 * 1024 + 1024 * 1024 + 1024 * 10)),
    "cnn": (["conv:3:32:32:32:3:3:1:relu", "conv:32:32:32:32:3:3:1:relu", "conv:32:32:32:32:3:3:1:relu"],
            2 * 32 * 32 * 32 * 9 * (3 + 32 + 32)),
}


def run(cmd, **kw):
    r = subprocess.run(cmd, capture_output=True, text=True, **kw)
    if r.returncode != 0:
        sys.exit("bench: command failed (%d): %s\n%s%s" % (r.returncode, " ".join(cmd), r.stdout, r.stderr))
    return r


def cpu_name():
    try:
        for line in open("/proc/cpuinfo"):
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown CPU"


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--lowbit", required=True)
    ap.add_argument("--work", required=True)
    ap.add_argument("--cc", default="gcc")
    ap.add_argument("--models", default=",".join(MODELS))
    ap.add_argument("--batches", default="1,64")
    ap.add_argument("--samples", type=int, default=11)
    ap.add_argument("--results", default=os.path.join(HERE, "RESULTS.md"))
    a = ap.parse_args()
    os.makedirs(a.work, exist_ok=True)
    mdir = os.path.join(a.work, "models")
    run(["/usr/bin/python3", os.path.join(HERE, "make_models.py"), mdir])
    env = dict(os.environ, OMP_NUM_THREADS="1", DNNL_VERBOSE="0")
    rows = []
    for name in a.models.split(","):
        layers, ops = MODELS[name]
        for batch in [int(b) for b in a.batches.split(",")]:
            out = os.path.join(a.work, "%s_b%d" % (name, batch))
            run([a.lowbit, "compile", os.path.join(mdir, name + ".onnx"), "--calib",
                 "x=" + os.path.join(mdir, name + "_calib.npy"), "--quant", "w8a8", "--batch", str(batch),
                 "--emit", "c", "-o", out, "--weights", "binary"])
            run([a.cc, "-c", "model_weights.S", "-o", "model_weights.o"], cwd=out)
            run([a.cc, "-std=c99", "-O3", "-march=native", "-I", out, os.path.join(out, "model.c"),
                 os.path.join(HERE, "bench.c"), os.path.join(out, "model_weights.o"), "-o",
                 os.path.join(out, "bench"), "-ldnnl", "-lm"])
            res = []
            # oneDNN as it runs here (AMX where the CPU has it), then limited to AVX-512 VNNI
            for isa in (None, "AVX512_CORE_VNNI"):
                e = dict(env)
                if isa:
                    e["ONEDNN_MAX_CPU_ISA"] = isa
                r = run([os.path.join(out, "bench"), "--samples", str(a.samples), "--batch", str(batch)] + layers, env=e)
                res.append(dict(kv.split("=") for kv in r.stdout.split()))
            lns = min(float(v["lowbit_ns"]) for v in res)
            dns, vns = float(res[0]["dnnl_ns"]), float(res[1]["dnnl_ns"])
            rows.append((name, batch, lns, dns, vns))
            print("%-9s batch %3d: lowbit %10.1f us (%6.1f GOPS)  oneDNN %9.1f us (%6.1f GOPS, speed %.3f)  "
                  "oneDNN-VNNI %9.1f us (%6.1f GOPS, speed %.3f)"
                  % (name, batch, lns / 1e3, ops * batch / lns, dns / 1e3, ops * batch / dns, dns / lns, vns / 1e3,
                     ops * batch / vns, vns / lns), flush=True)
    cc_version = run([a.cc, "--version"]).stdout.splitlines()[0]
    with open(a.results, "w") as f:
        f.write("# Benchmark results\n\n")
        f.write("Written by `make bench` (bench/run.py). Machine: %s, %d logical CPUs; one thread; %s "
                "`-O3 -march=native`; oneDNN from Debian's libdnnl-dev.\n\n" % (cpu_name(), os.cpu_count(), cc_version))
        f.write("lowbit: the generated C of `lowbit compile --quant w8a8`, float in and out (it quantizes its input and "
                "dequantizes its output). oneDNN: the same layers as int8 primitives (u8 activations, s8 weights "
                "prepacked in its chosen layout, fused bias, scale and ReLU), activations kept in its own layout: "
                "its best case. Median of %d alternating samples after warm-up. GOPS counts 2 operations per "
                "multiply-accumulate. Speed ratio = oneDNN time / lowbit time (1.0 = as fast as oneDNN).\n\n"
                % a.samples)
        f.write("oneDNN runs twice: as it runs on this CPU (its best ISA: AMX where present) and limited to AVX-512 "
                "VNNI (`ONEDNN_MAX_CPU_ISA=AVX512_CORE_VNNI`), the instructions a C compiler can reach.\n\n")
        f.write("| model | batch | lowbit µs | lowbit GOPS | oneDNN µs | oneDNN GOPS | speed vs oneDNN | "
                "oneDNN-VNNI µs | oneDNN-VNNI GOPS | speed vs oneDNN-VNNI |\n")
        f.write("|---|---|---|---|---|---|---|---|---|---|\n")
        for name, batch, lns, dns, vns in rows:
            ops = MODELS[name][1] * batch
            f.write("| %s | %d | %.1f | %.1f | %.1f | %.1f | %.3f | %.1f | %.1f | %.3f |\n"
                    % (name, batch, lns / 1e3, ops / lns, dns / 1e3, ops / dns, dns / lns, vns / 1e3, ops / vns,
                       vns / lns))
    print("bench: wrote %s" % a.results)


if __name__ == "__main__":
    main()
