#!/usr/bin/python3
"""`make bench`, second part: the matmul shape sweep of issue 10, lowbit against oneDNN and onnxruntime.

For every shape M x K x N of SHAPES and weight width 8, 4 and 2: a float ONNX MatMul x[M, K] @ W[K, N]
(random He-scaled W; 64 calibration rows uniform in [-1, 1)), compiled with `lowbit compile --quant wBa8
--batch M` by the LLVM backend (target native; `--threads 1` and `--threads 2`) and, for one thread, by
the C backend too (`--emit c --weights binary`, built with `cc -O3 -march=native`). bench/sweep.c times
them hot and cold (a flush buffer four times the last level cache written and read before every cold
call) against oneDNN's u8 x s8 int8 matmul of the same shape (OMP_NUM_THREADS = the thread count; its
weights are 8-bit whatever lowbit's width). With --node-modules, onnxruntime (the pinned
onnxruntime-node) runs the 8-bit QDQ form of the layer (uint8 activations, int8 per-channel weights:
its MatMulIntegerToFloat) and, for 4 and 2 bits, com.microsoft MatMulNBits (blocks of 32 weights along K,
symmetric codes, accuracy_level 4: int8 activations, its fast path); hot only (one session), at the same
thread count. Writes bench/SWEEP.md.

    bench/sweep.py --lowbit build/bin/lowbit --work build/bench/sweep [--node-modules build/ort/node_modules]
                   [--shapes 1x4096x4096,...] [--bits 8,4,2] [--threads 1,2] [--samples 7]
"""
import argparse
import os
import re
import subprocess
import sys

import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import run as bench  # noqa: E402  (bench/run.py: run, kv, machine limits, load accounting)

SHAPES = ["1x4096x4096", "1x4096x11008", "16x4096x4096", "128x1024x1024", "128x4096x4096", "512x512x512"]
NBITS_BLOCK = 32


def llc_bytes():
    best = 0
    base = "/sys/devices/system/cpu/cpu0/cache"
    for d in sorted(os.listdir(base)) if os.path.isdir(base) else []:
        try:
            size = open(os.path.join(base, d, "size")).read().strip()
        except OSError:
            continue
        m = re.match(r"(\d+)([KMG]?)", size)
        if m:
            best = max(best, int(m.group(1)) * {"": 1, "K": 1 << 10, "M": 1 << 20, "G": 1 << 30}[m.group(2)])
    return best or 32 << 20


def float_model(path, K, N, seed):
    rng = np.random.default_rng(seed)
    w = (rng.standard_normal((K, N)) * np.sqrt(2.0 / K)).astype(np.float32)
    g = helper.make_graph([helper.make_node("MatMul", ["x", "w"], ["y"], name="mm")], "mm",
                          [helper.make_tensor_value_info("x", TensorProto.FLOAT, ["M", K])],
                          [helper.make_tensor_value_info("y", TensorProto.FLOAT, ["M", N])],
                          [numpy_helper.from_array(w, "w")])
    onnx.save(helper.make_model(g, opset_imports=[helper.make_opsetid("", 13)], producer_name="lowbit-bench"), path)
    return w


def qdq_model(path, w, calib):
    """What onnxruntime's static quantizer writes for the layer: u8 per-tensor activations, s8 per-channel weights."""
    K, N = w.shape
    lo, hi = min(float(calib.min()), 0.0), max(float(calib.max()), 0.0)
    xs = np.float32((hi - lo) / 255.0)
    xz = np.uint8(np.clip(np.rint(-lo / xs), 0, 255))
    ws = (np.abs(w).max(0) / 127.0).astype(np.float32)
    wq = np.clip(np.rint(w / ws), -127, 127).astype(np.int8)
    inits = [numpy_helper.from_array(np.array(xs), "xs"), numpy_helper.from_array(np.array(xz), "xz"),
             numpy_helper.from_array(wq, "wq"), numpy_helper.from_array(ws, "ws"),
             numpy_helper.from_array(np.zeros(N, np.int8), "wz")]
    nodes = [helper.make_node("QuantizeLinear", ["x", "xs", "xz"], ["xq"]),
             helper.make_node("DequantizeLinear", ["xq", "xs", "xz"], ["xd"]),
             helper.make_node("DequantizeLinear", ["wq", "ws", "wz"], ["wd"], axis=1),
             helper.make_node("MatMul", ["xd", "wd"], ["y"])]
    g = helper.make_graph(nodes, "mm_qdq", [helper.make_tensor_value_info("x", TensorProto.FLOAT, ["M", K])],
                          [helper.make_tensor_value_info("y", TensorProto.FLOAT, ["M", N])], inits)
    onnx.save(helper.make_model(g, opset_imports=[helper.make_opsetid("", 13)], producer_name="lowbit-bench"), path)


def nbits_model(path, w, bits):
    """com.microsoft MatMulNBits: blocks of NBITS_BLOCK along K, symmetric codes stored with the default zero point."""
    K, N = w.shape
    bs, per = NBITS_BLOCK, 8 // bits
    qmax, zero = (1 << (bits - 1)) - 1, 1 << (bits - 1)
    wt = w.T.reshape(N, K // bs, bs)
    s = (np.abs(wt).max(-1) / qmax).astype(np.float32)
    s[s == 0] = 1
    q = (np.clip(np.rint(wt / s[..., None]), -qmax, qmax) + zero).astype(np.uint8)
    packed = np.zeros((N, K // bs, bs // per), np.uint8)
    for j in range(per):  # the first code in the lowest bits
        packed |= (q[..., j::per] << (bits * j)).astype(np.uint8)
    node = helper.make_node("MatMulNBits", ["x", "b", "s"], ["y"], domain="com.microsoft", K=K, N=N, bits=bits,
                            block_size=bs, accuracy_level=4)
    g = helper.make_graph([node], "mm_nbits", [helper.make_tensor_value_info("x", TensorProto.FLOAT, ["M", K])],
                          [helper.make_tensor_value_info("y", TensorProto.FLOAT, ["M", N])],
                          [numpy_helper.from_array(packed, "b"), numpy_helper.from_array(s.reshape(-1), "s")])
    m = helper.make_model(g, opset_imports=[helper.make_opsetid("", 13), helper.make_opsetid("com.microsoft", 1)],
                          producer_name="lowbit-bench")
    onnx.save(m, path)


def ort_time(a, model, calib, M, threads, env):
    r = subprocess.run([a.node, os.path.join(HERE, "ort_bench.js"), model, "--calib", calib, "--batch", str(M),
                        "--samples", str(a.samples), "--threads", str(threads)], capture_output=True, text=True, env=env)
    if r.returncode:
        return None, (r.stderr.strip().splitlines() or ["failed"])[-1]
    return float(bench.kv(r.stdout)["ort_ns"]), None


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--lowbit", required=True)
    ap.add_argument("--work", required=True)
    ap.add_argument("--cc", default="gcc")
    ap.add_argument("--shapes", default=",".join(SHAPES))
    ap.add_argument("--bits", default="8,4,2")
    ap.add_argument("--threads", default="1,2")
    ap.add_argument("--samples", type=int, default=7)
    ap.add_argument("--node-modules")
    ap.add_argument("--node", default="node")
    ap.add_argument("--results", default=os.path.join(HERE, "SWEEP.md"))
    a = ap.parse_args()
    a.work = os.path.abspath(a.work)
    os.makedirs(a.work, exist_ok=True)
    llc = llc_bytes()
    flush = 4 * llc
    peak, dram = bench.machine_limits(a.cc, a.work)
    print("sweep: int8 peak %s GOPS (one core), DRAM read %.2f GB/s, last level cache %d MiB (flush %d MiB)"
          % (bench.fmt(peak, "%.1f"), dram, llc >> 20, flush >> 20), flush=True)
    rows, notes = [], set()
    for shape in a.shapes.split(","):
        M, K, N = (int(v) for v in shape.split("x"))
        sdir = os.path.join(a.work, shape)
        os.makedirs(sdir, exist_ok=True)
        model, calib = os.path.join(sdir, "mm.onnx"), os.path.join(sdir, "calib.npy")
        w = float_model(model, K, N, seed=K * 7 + N)
        cx = np.random.default_rng(5).uniform(-1, 1, (64, K)).astype(np.float32)
        np.save(calib, cx)
        for bits in [int(b) for b in a.bits.split(",")]:
            ort_model = None
            if a.node_modules:
                ort_model = os.path.join(sdir, "ort_w%d.onnx" % bits)
                if bits == 8:
                    qdq_model(ort_model, w, cx)
                else:
                    nbits_model(ort_model, w, bits)
            for threads in [int(t) for t in a.threads.split(",")]:
                out = os.path.join(sdir, "w%d_t%d" % (bits, threads))
                snap = bench.cpu_snapshot()
                cmd = [a.lowbit, "compile", model, "--calib", "x=" + calib, "--quant", "w%da8" % bits, "--batch", str(M),
                       "-o", out]
                r = bench.run(cmd + ["--emit", "obj", "--name", "sw_llvm", "--threads", str(threads)])
                m = re.search(r"\((\d+) kernel calls?, (\d+) on SIMD kernels; (\d+) weight bytes", r.stderr + r.stdout)
                simd = "%s/%s" % (m.group(2), m.group(1)) if m else "?"
                wbytes = int(m.group(3)) if m else K * N * bits // 8
                srcs = [os.path.join(HERE, "sweep.c"), os.path.join(HERE, "common.c"), os.path.join(out, "sw_llvm.o")]
                flags = []
                if threads == 1:
                    bench.run(cmd + ["--emit", "c", "--weights", "binary", "--name", "sw_c"])
                    bench.run([a.cc, "-c", "sw_c_weights.S", "-o", "sw_c_weights.o"], cwd=out)
                    srcs += [os.path.join(out, "sw_c.c"), os.path.join(out, "sw_c_weights.o")]
                    flags = ["-DSWEEP_C"]
                exe = os.path.join(out, "sweep")
                bench.run([a.cc, "-std=c99", "-O3", "-march=native", "-I", out, "-I", HERE] + flags + srcs +
                          ["-o", exe, "-ldnnl", "-lpthread", "-lm"])
                env = dict(os.environ, OMP_NUM_THREADS=str(threads), DNNL_VERBOSE="0")
                r = bench.run([exe, "--samples", str(a.samples), "--flush", str(flush), str(M), str(K), str(N)], env=env)
                t = {k: float(v) for k, v in bench.kv(r.stdout).items()}
                ons = None
                if ort_model:
                    ons, err = ort_time(a, ort_model, calib, M, threads, dict(env, NODE_PATH=a.node_modules))
                    if err:
                        notes.add("onnxruntime refused the %d-bit MatMulNBits model: %s" % (bits, err))
                row = dict(shape=shape, M=M, K=K, N=N, bits=bits, threads=threads, wbytes=wbytes, simd=simd, ort=ons,
                           load=bench.other_load(snap), **t)
                rows.append(row)

                print("%-13s w%d t%d: LLVM hot %9.1f us cold %9.1f us (%s SIMD)%s  oneDNN int8 hot %9.1f cold %9.1f f32 io hot %9.1f%s"
                      % (shape, bits, threads, t["llvm_hot_ns"] / 1e3, t["llvm_cold_ns"] / 1e3, simd,
                         "  C hot %9.1f cold %9.1f" % (t["c_hot_ns"] / 1e3, t["c_cold_ns"] / 1e3) if "c_hot_ns" in t
                         else "", t["dnnl_hot_ns"] / 1e3, t["dnnl_cold_ns"] / 1e3, t["dnnl_f32io_hot_ns"] / 1e3,
                         "  onnxruntime %9.1f" % (ons / 1e3) if ons else ""), flush=True)
    write(a, rows, notes, peak, dram, llc, flush)


def write(a, rows, notes, peak, dram, llc, flush):
    f1 = lambda v: bench.fmt(v, "%.1f")
    f2 = lambda v: bench.fmt(v, "%.2f")
    with open(a.results, "w") as f:
        f.write("# Matmul sweep\n\n")
        f.write("Written by `make bench` (bench/sweep.py). Machine: %s, %d logical CPUs; int8 peak %s GOPS per core "
                "(bench/peak.c), DRAM read %.1f GB/s (one thread), last level cache %d MiB.\n\n"
                % (bench.cpu_name(), os.cpu_count(), bench.fmt(peak, "%.0f"), dram, llc >> 20))
        f.write("Each row: one matmul [M, K] x [K, N], float in and out, lowbit `--quant wBa8` (B-bit per-channel "
                "weights, 8-bit per-tensor activations). Hot: the same call back to back, median of %d samples. Cold: "
                "a %d MiB buffer written and read before every call, each call timed alone, median. oneDNN: its u8 x "
                "s8 int8 matmul, u8 in and u8 out (8-bit weights in every row: it has no sub-byte matmul), at the "
                "same thread count; oneDNN f32 io: the same matmul with float in and out as lowbit's layer has them "
                "(a reorder f32 -> u8 for the input's quantization, then the matmul into f32 through its output "
                "scale), hot. "
                "onnxruntime (hot only): the 8-bit QDQ layer, or MatMulNBits with blocks of %d for 4 and 2 bits. "
                "GB/s: weight bytes (as lowbit stores them) / time. Ratios: the peer's time / lowbit LLVM's time "
                "(above 1: lowbit is faster). SIMD: the LLVM backend's kernel calls on SIMD kernels / all.\n\n"
                % (a.samples, flush >> 20, NBITS_BLOCK))
        for n in sorted(notes):
            f.write("- %s\n" % n)
        if notes:
            f.write("\n")
        f.write("| M x K x N | bits | threads | weight bytes | SIMD | LLVM hot µs | LLVM cold µs | LLVM GOPS (hot) | "
                "LLVM cold GB/s | C hot µs | C cold µs | oneDNN hot µs | oneDNN cold µs | onnxruntime µs | "
                "oneDNN f32 io hot µs | LLVM vs oneDNN hot | LLVM vs oneDNN cold | LLVM vs oneDNN f32 io hot | "
                "LLVM vs onnxruntime | other load |\n")
        f.write("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|\n")
        for r in rows:
            ops = 2 * r["M"] * r["K"] * r["N"]
            lh, lc, dh, dc = r["llvm_hot_ns"], r["llvm_cold_ns"], r["dnnl_hot_ns"], r["dnnl_cold_ns"]
            fio = r.get("dnnl_f32io_hot_ns")
            f.write("| %s | %d | %d | %d | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | "
                    "%s |\n"
                    % (r["shape"], r["bits"], r["threads"], r["wbytes"], r["simd"], f1(lh / 1e3), f1(lc / 1e3),
                       f1(ops / lh), f2(r["wbytes"] / lc), f1(r.get("c_hot_ns", 0) / 1e3 or None),
                       f1(r.get("c_cold_ns", 0) / 1e3 or None), f1(dh / 1e3), f1(dc / 1e3),
                       f1(r["ort"] and r["ort"] / 1e3), f1(fio and fio / 1e3), f2(dh / lh), f2(dc / lc),
                       f2(fio and fio / lh), f2(r["ort"] and r["ort"] / lh),
                       f2(r["load"])))
        two = {(r["shape"], r["bits"]): r for r in rows if r["threads"] == 2}
        one = [r for r in rows if r["threads"] == 1 and (r["shape"], r["bits"]) in two]
        if one:
            f.write("\nTwo threads vs one (lowbit LLVM, hot; one / two threads' time):\n\n| M x K x N | bits | speed-up |\n"
                    "|---|---|---|\n")
            for r in one:
                f.write("| %s | %d | %.2f |\n" % (r["shape"], r["bits"], r["llvm_hot_ns"] / two[(r["shape"],
                                                                                               r["bits"])]["llvm_hot_ns"]))
    print("sweep: wrote %s" % a.results)


if __name__ == "__main__":
    main()
