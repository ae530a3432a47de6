#!/usr/bin/python3
"""`make bench`: lowbit's two backends against oneDNN and onnxruntime, one thread.

For every model of bench/make_models.py and batch 1 and 64: `lowbit compile
--quant w8a8 --batch B` twice, the C backend (`--emit c --weights binary
--name lowbit_c`) and the LLVM backend (`--emit obj --name lowbit_llvm`,
target native), build the generated C with `cc -std=c99 -O3 -march=native`
and link it, the LLVM backend's object, bench/bench.c and -ldnnl into one
program, run it with OMP_NUM_THREADS=1 (lowbit C, lowbit LLVM and oneDNN
alternate in the same process, median of 11 samples after warm-up; the
process first checks that the two lowbit builds' outputs are equal bit for
bit and fails if not). With --node-modules, onnxruntime (the pinned
onnxruntime-node) runs the model's QDQ form, NAME_qdq.onnx, through
bench/ort_bench.js; the C process and the onnxruntime process alternate for
--rounds rounds and each figure is the median over the rounds. bench/peak.c
measures the machine's limits first. Writes bench/RESULTS.md and
bench/results.svg.

    bench/run.py --lowbit build/bin/lowbit --work build/bench [--node-modules build/ort/node_modules]
                 [--cc gcc] [--models gemm1024,mlp] [--batches 1,64] [--samples 11] [--rounds 3]
                 [--lowbit-commit REV]

Every row also reports the CPU load of other processes while it was measured
(/proc/stat minus this process and its children), as the machine is shared.
"""
import argparse
import collections
import ctypes
import math
import os
import platform
import re
import statistics
import subprocess
import sys
import time

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


def kv(text):
    """`a=1 b=2` -> {"a": "1", "b": "2"}"""
    return dict(f.split("=", 1) for f in text.split())


def machine_limits(cc, work):
    """bench/peak.c: (int8 dot-product GOPS of one core or None, single-thread DRAM read GB/s); sets PEAK_ISA."""
    global PEAK_ISA
    exe = os.path.join(work, "peak")
    run([cc, "-std=c99", "-O3", "-march=native", os.path.join(HERE, "peak.c"), "-o", exe])
    r = kv(run([exe]).stdout)
    peak = None if r["int8_peak_gops"] == "n/a" else float(r["int8_peak_gops"])
    PEAK_ISA = r.get("int8_peak_isa", "none")
    return peak, float(r["dram_read_gbs"])


PEAK_ISA = "none"
# how bench/peak.c measured the peak, and the kernels the LLVM backend runs there
PEAK_HOW = {"avx512vnni": "16 independent chains of AVX-512 VNNI `vpdpbusd` on zmm, 128 operations each",
            "avx2": "12 independent chains of AVX2 `vpmaddwd` on ymm, 32 operations each (16-bit pair products, the "
                    "instruction lowbit's AVX2 kernels use with 8-bit weights: exact, where oneDNN's `vpmaddubsw` pairs "
                    "saturate)",
            "none": "not measured: the compiler target has neither AVX-512 VNNI nor AVX2"}
LLVM_KERNELS = {"avx512vnni": "integer matmul and one-group conv steps on its AVX-512 VNNI (`vpdpbusd`) kernels",
                "avx2": "integer matmul and one-group conv steps on its AVX2 (`vpmaddwd`) kernels",
                "none": "its SIMD kernels where the target has them"}


def cpu_has(flag):
    try:
        for line in open("/proc/cpuinfo"):
            if line.startswith("flags"):
                return flag in line.split()
    except OSError:
        pass
    return False


def ort_graph(node_modules, model, out):
    """The op types of the graph onnxruntime runs for `model`, in order, as domain:op.

    onnxruntime-node 1.20 ignores SessionOptions.optimizedModelFilePath, so this
    asks the same libonnxruntime (the one inside onnxruntime-node) through its C
    API, with ort_bench.js's session options, to write the optimized graph to
    `out`, then reads it back. The OrtApi indices are those of
    onnxruntime_c_api.h, stable across versions (the table only grows)."""
    import onnx
    lib = ctypes.CDLL(os.path.join(node_modules, "onnxruntime-node", "bin", "napi-v3", "linux", "x64",
                                   "libonnxruntime.so.1"))
    lib.OrtGetApiBase.restype = ctypes.POINTER(ctypes.c_void_p)
    base = lib.OrtGetApiBase()
    api = ctypes.CFUNCTYPE(ctypes.POINTER(ctypes.c_void_p), ctypes.c_uint32)(base[0])(20)  # ORT_API_VERSION 20
    if not api:
        sys.exit("bench: this onnxruntime has no C API version 20")
    P, S, I = ctypes.c_void_p, ctypes.c_char_p, ctypes.c_int
    error_message = ctypes.CFUNCTYPE(S, P)(api[2])

    def call(index, argtypes, *args):
        status = ctypes.CFUNCTYPE(P, *argtypes)(api[index])(*args)
        if status:
            sys.exit("bench: onnxruntime: " + error_message(status).decode())

    env, opts, session = P(), P(), P()
    call(3, [I, S, ctypes.POINTER(P)], 3, b"bench", ctypes.byref(env))  # CreateEnv, errors only
    call(10, [ctypes.POINTER(P)], ctypes.byref(opts))  # CreateSessionOptions
    call(11, [P, S], opts, out.encode())  # SetOptimizedModelFilePath
    call(13, [P, I], opts, 0)  # SetSessionExecutionMode: sequential
    call(23, [P, I], opts, 99)  # SetSessionGraphOptimizationLevel: ORT_ENABLE_ALL
    call(24, [P, I], opts, 1)  # SetIntraOpNumThreads
    call(25, [P, I], opts, 1)  # SetInterOpNumThreads
    call(7, [P, S, P, ctypes.POINTER(P)], env, model.encode(), opts, ctypes.byref(session))  # CreateSession
    return [(n.domain or "ai.onnx") + ":" + n.op_type for n in onnx.load(out, load_external_data=False).graph.node]


# the integer kernels a fused QDQ group becomes in onnxruntime's CPU provider
ORT_INTEGER_OPS = ("com.microsoft:QGemm", "ai.onnx:QLinearConv", "com.microsoft:QLinearConv",
                   "ai.onnx:QLinearMatMul", "com.microsoft:MatMulIntegerToFloat")


def ort_check(node, node_modules, mdir, name, work):
    """Checks NAME_qdq.onnx in onnxruntime: every Gemm/Conv fused into an integer
    kernel, output within 5% (relative L2) of the float model on the calibration
    rows. Returns (op types of the optimized graph, relative L2 error)."""
    ops = ort_graph(node_modules, os.path.join(mdir, name + "_qdq.onnx"), os.path.join(work, name + "_ort_opt.onnx"))
    left = [o for o in ops if o.split(":")[1] in ("Gemm", "Conv", "MatMul", "Relu")]
    if left or not any(o in ORT_INTEGER_OPS for o in ops):
        sys.exit("bench: onnxruntime did not fuse %s_qdq.onnx into integer kernels: %s" % (name, ", ".join(ops)))
    r = kv(run([node, os.path.join(HERE, "ort_bench.js"), os.path.join(mdir, name + "_qdq.onnx"), "--calib",
                os.path.join(mdir, name + "_calib.npy"), "--check", os.path.join(mdir, name + ".onnx")],
               env=dict(os.environ, NODE_PATH=node_modules)).stdout)
    err = float(r["rel_l2"])
    # a sanity check of the QDQ model, not of onnxruntime's accuracy: on CPUs without VNNI, onnxruntime's u8 x s8
    # kernels pair products with the saturating vpmaddubsw (its documentation says so), which on the CNN made the
    # error 0.0595 on an AMD Zen 3 against 0.0198 on a VNNI CPU; a wrong QDQ model is off by far more
    if not err < 0.15:
        sys.exit("bench: %s_qdq.onnx is not the float model: relative L2 error %.4f on the calibration rows"
                 % (name, err))
    return ops, err


def ops_summary(ops):
    """['a', 'b', 'b'] -> 'a, 2 × b' (in first-seen order)."""
    c = collections.Counter(ops)
    return ", ".join(("%d × %s" % (c[o], o)) if c[o] > 1 else o for o in dict.fromkeys(ops))


def cpu_snapshot():
    """(wall s, busy CPU s of the whole machine from /proc/stat, CPU s of this process and its waited-for children)."""
    try:
        with open("/proc/stat") as f:
            v = [int(x) for x in f.readline().split()[1:]]
        busy = (sum(v[:8]) - v[3] - v[4]) / os.sysconf("SC_CLK_TCK")  # all but idle and iowait (guest is in user)
    except (OSError, ValueError, IndexError):
        busy = None
    t = os.times()
    return time.monotonic(), busy, t.user + t.system + t.children_user + t.children_system


def other_load(start):
    """CPU time other processes used since `start` (a cpu_snapshot), per second of wall time: 0 = the machine
    was otherwise idle, 1 = another process kept a core busy throughout."""
    end = cpu_snapshot()
    if start[1] is None or end[1] is None:
        return None
    return max(0.0, (end[1] - start[1]) - (end[2] - start[2])) / max(end[0] - start[0], 1e-9)


def fmt(x, spec):
    return "—" if x is None else spec % x


PEERS = [("lowbit C", "#d95f02"), ("lowbit LLVM", "#e6ab02"), ("oneDNN", "#1b9e77"), ("oneDNN-VNNI", "#7570b3"),
         ("onnxruntime", "#e7298a")]


def write_svg(path, rows, peak):
    """Grouped horizontal bars of GOPS per model and batch, one bar per peer, on
    a log axis (the peers differ by up to 300x), with the int8 peak as a line."""
    groups = [("%s, batch %d" % (name, batch), [MODELS[name][1] * batch / t if t else None for t in times])
              for name, batch, times in rows]
    vals = [v for _, vs in groups for v in vs if v] + ([peak] if peak else [])
    lo = 10.0 ** math.floor(math.log10(min(vals)))
    hi = 10.0 ** math.ceil(math.log10(max(vals) * 1.15))
    left, width, bar, gap, top = 150, 640, 11, 16, 70
    x = lambda v: left + width * math.log10(v / lo) / math.log10(hi / lo)
    height = top + len(groups) * (len(PEERS) * bar + gap) + 40
    out = ['<svg xmlns="http://www.w3.org/2000/svg" width="%d" height="%d" font-family="sans-serif" font-size="11">'
           % (left + width + 70, height),
           '<rect width="100%" height="100%" fill="white"/>',
           '<text x="%d" y="18" font-size="14" font-weight="bold">W8A8 inference, one thread: GOPS (log scale, '
           'higher is better)</text>' % left]
    shown = [p for i, p in enumerate(PEERS) if any(vs[i] for _, vs in groups)]
    for i, (peer, color) in enumerate(shown):  # legend
        out.append('<rect x="%d" y="30" width="12" height="12" fill="%s"/><text x="%d" y="40">%s</text>'
                   % (left + i * 125, color, left + i * 125 + 16, peer))
    plot_bottom = height - 40
    d = lo
    while d <= hi * 1.0001:  # decade grid
        out.append('<line x1="%.1f" y1="%d" x2="%.1f" y2="%d" stroke="#ccc"/>' % (x(d), top - 6, x(d), plot_bottom))
        out.append('<text x="%.1f" y="%d" text-anchor="middle">%g</text>' % (x(d), plot_bottom + 14, d))
        d *= 10
    out.append('<text x="%d" y="%d" text-anchor="middle">GOPS (2 operations per multiply-accumulate)</text>'
               % (left + width / 2, plot_bottom + 30))
    y = top
    for label, vs in groups:
        out.append('<text x="%d" y="%.1f" text-anchor="end">%s</text>' % (left - 8, y + len(PEERS) * bar / 2 + 4,
                                                                           label))
        for (peer, color), v in zip(PEERS, vs):
            if v:
                out.append('<rect x="%d" y="%d" width="%.1f" height="%d" fill="%s"><title>%s: %.1f GOPS</title></rect>'
                           % (left, y, x(v) - left, bar - 1, color, peer, v))
                out.append('<text x="%.1f" y="%d" font-size="9">%.1f</text>' % (x(v) + 3, y + bar - 2, v))
            y += bar
        y += gap
    if peak:
        out.append('<line x1="%.1f" y1="%d" x2="%.1f" y2="%d" stroke="red" stroke-dasharray="5,3"/>'
                   % (x(peak), top - 6, x(peak), plot_bottom))
        out.append('<text x="%.1f" y="%d" fill="red" text-anchor="middle">int8 peak of one core: %.0f</text>'
                   % (x(peak), top - 10, peak))
    out.append("</svg>")
    with open(path, "w") as f:
        f.write("\n".join(out) + "\n")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--lowbit", required=True)
    ap.add_argument("--work", required=True)
    ap.add_argument("--cc", default="gcc")
    ap.add_argument("--models", default=",".join(MODELS))
    ap.add_argument("--batches", default="1,64")
    ap.add_argument("--samples", type=int, default=11)
    ap.add_argument("--rounds", type=int, default=3, help="C process / onnxruntime process alternations")
    ap.add_argument("--node-modules", help="where onnxruntime-node is installed (none: no onnxruntime columns)")
    ap.add_argument("--node", default="node")
    ap.add_argument("--lowbit-commit", help="the commit --lowbit was built from, for RESULTS.md (default: this "
                    "checkout's HEAD, marked when files outside bench/ have uncommitted changes)")
    ap.add_argument("--results", default=os.path.join(HERE, "RESULTS.md"))
    ap.add_argument("--svg", default=os.path.join(HERE, "results.svg"))
    a = ap.parse_args()
    a.work = os.path.abspath(a.work)
    if a.node_modules:
        a.node_modules = os.path.abspath(a.node_modules)
    os.makedirs(a.work, exist_ok=True)
    mdir = os.path.join(a.work, "models")
    run(["/usr/bin/python3", os.path.join(HERE, "make_models.py"), mdir])
    peak, dram = machine_limits(a.cc, a.work)
    print("machine limits: int8 dot-product peak %s GOPS (one core), DRAM read %.2f GB/s (one thread)"
          % (fmt(peak, "%.1f"), dram), flush=True)
    env = dict(os.environ, OMP_NUM_THREADS="1", DNNL_VERBOSE="0")
    ort_env = dict(env, NODE_PATH=a.node_modules or "")
    rows, graphs, simd, loads = [], {}, {}, {}
    for name in a.models.split(","):
        layers, ops = MODELS[name]
        if a.node_modules:
            graphs[name] = ort_check(a.node, a.node_modules, mdir, name, a.work)
            print("%-9s onnxruntime runs %s; QDQ vs float relative L2 %.4f"
                  % (name, ops_summary(graphs[name][0]), graphs[name][1]), flush=True)
        for batch in [int(b) for b in a.batches.split(",")]:
            out = os.path.join(a.work, "%s_b%d" % (name, batch))
            snap = cpu_snapshot()
            compile_cmd = [a.lowbit, "compile", os.path.join(mdir, name + ".onnx"), "--calib",
                           "x=" + os.path.join(mdir, name + "_calib.npy"), "--quant", "w8a8", "--batch", str(batch),
                           "-o", out]
            run(compile_cmd + ["--emit", "c", "--weights", "binary", "--name", "lowbit_c"])
            # the LLVM backend: "lowbit: wrote ... (N kernel calls, K on SIMD kernels; ...)" on stderr
            r = run(compile_cmd + ["--emit", "obj", "--name", "lowbit_llvm"])
            m = re.search(r"for (\S+), cpu (\S+) \((\d+) kernel calls?, (\d+) on SIMD kernels", r.stderr + r.stdout)
            simd[(name, batch)] = (m.group(1), m.group(2), int(m.group(3)), int(m.group(4))) if m else None
            run([a.cc, "-c", "lowbit_c_weights.S", "-o", "lowbit_c_weights.o"], cwd=out)
            run([a.cc, "-std=c99", "-O3", "-march=native", "-I", out, os.path.join(out, "lowbit_c.c"),
                 os.path.join(HERE, "bench.c"), os.path.join(HERE, "common.c"), os.path.join(out, "lowbit_c_weights.o"),
                 os.path.join(out, "lowbit_llvm.o"), "-o", os.path.join(out, "bench"), "-ldnnl", "-lm"])
            # (lowbit C, lowbit LLVM, oneDNN, oneDNN-VNNI, onnxruntime) ns, one tuple per round
            per_round = []
            for _ in range(a.rounds):
                res = []
                # oneDNN as it runs here (AMX where the CPU has it), then limited to AVX-512 VNNI
                for isa in (None, "AVX512_CORE_VNNI"):
                    e = dict(env)
                    if isa:
                        e["ONEDNN_MAX_CPU_ISA"] = isa
                    r = run([os.path.join(out, "bench"), "--samples", str(a.samples), "--batch", str(batch)] + layers,
                            env=e)
                    res.append(kv(r.stdout))
                ons = None
                if a.node_modules:
                    r = run([a.node, os.path.join(HERE, "ort_bench.js"), os.path.join(mdir, name + "_qdq.onnx"),
                             "--calib", os.path.join(mdir, name + "_calib.npy"), "--batch", str(batch), "--samples",
                             str(a.samples)], env=ort_env)
                    ons = float(kv(r.stdout)["ort_ns"])
                # each lowbit build: the better of its two processes (the oneDNN ISA does not concern it)
                per_round.append((min(float(v["c_ns"]) for v in res), min(float(v["llvm_ns"]) for v in res),
                                  float(res[0]["dnnl_ns"]), float(res[1]["dnnl_ns"]), ons))
            cns, lns, dns, vns = (statistics.median(t[i] for t in per_round) for i in range(4))
            ons = statistics.median(t[4] for t in per_round) if a.node_modules else None
            rows.append((name, batch, (cns, lns, dns, vns, ons)))
            loads[(name, batch)] = other_load(snap)
            g = ops * batch
            print("%-9s batch %3d: lowbit C %10.1f us (%6.1f GOPS, %s%% of peak)  lowbit LLVM %10.1f us (%6.1f GOPS, "
                  "%s%% of peak)  oneDNN %9.1f us (%6.1f GOPS)  oneDNN-VNNI %9.1f us (%6.1f GOPS)  onnxruntime %s us "
                  "(%s GOPS); speed C vs oneDNN %.3f, LLVM vs oneDNN %.3f, C vs onnxruntime %s, LLVM vs onnxruntime "
                  "%s, LLVM vs C %.3f; other processes' load %s"
                  % (name, batch, cns / 1e3, g / cns, fmt(peak and 100 * g / cns / peak, "%.1f"), lns / 1e3, g / lns,
                     fmt(peak and 100 * g / lns / peak, "%.1f"), dns / 1e3, g / dns, vns / 1e3, g / vns,
                     fmt(ons and ons / 1e3, "%.1f"), fmt(ons and g / ons, "%.1f"), dns / cns, dns / lns,
                     fmt(ons and ons / cns, "%.3f"), fmt(ons and ons / lns, "%.3f"), cns / lns,
                     fmt(loads[(name, batch)], "%.2f")), flush=True)
    cc_version = run([a.cc, "--version"]).stdout.splitlines()[0]
    lowbit_version = run([a.lowbit, "--version"]).stdout.strip() or "lowbit"
    commit = a.lowbit_commit
    if not commit:
        g = subprocess.run(["git", "-C", HERE, "rev-parse", "--short", "HEAD"], capture_output=True, text=True)
        d = subprocess.run(["git", "-C", HERE, "status", "--porcelain", "--", "..", ":!../bench"], capture_output=True,
                           text=True)
        commit = (g.stdout.strip() + (" with uncommitted changes" if d.stdout.strip() else "")) if g.returncode == 0 \
            else "unknown"
    ort = bool(a.node_modules)
    with open(a.results, "w") as f:
        f.write("# Benchmark results\n\n")
        f.write("Written by `make bench` (bench/run.py). Machine: %s, %d logical CPUs; one thread; %s built from commit %s; "
                "%s `-std=c99 -O3 -march=native`; oneDNN from Debian's libdnnl-dev%s.\n\n"
                % (cpu_name(), os.cpu_count(), lowbit_version, commit, cc_version, "; onnxruntime 1.20.1 (onnxruntime-node, pinned in "
                                                              "test/ort)" if ort else ""))
        f.write("Machine limits (bench/peak.c, one core / one thread): int8 dot-product peak %s GOPS (%s); DRAM read "
                "bandwidth %.1f GB/s (a 1 GiB buffer, best of 5 passes).%s\n\n"
                % (fmt(peak, "%.0f"), PEAK_HOW[PEAK_ISA], dram,
                   " A peer that uses AMX tiles, which neither a C compiler nor lowbit's LLVM backend emits, can pass "
                   "it: oneDNN as it runs here, and onnxruntime, whose integer GEMM (MLAS) has AMX kernels."
                   if cpu_has("amx_int8") else " This CPU has no AMX and no AVX-512: every peer runs AVX2 code here."
                   if PEAK_ISA == "avx2" else ""))
        over = ["%s batch %d" % (n, b) for n, b, t in rows if peak and t[4] and MODELS[n][1] * b / t[4] > peak]
        if over:
            f.write("onnxruntime passes the measured peak with one thread, so it runs AMX, on: %s.\n\n" % ", ".join(over))
        target = sorted({"%s, cpu %s" % v[:2] for v in simd.values() if v})
        f.write("lowbit C: the generated C of `lowbit compile --quant w8a8 --emit c --weights binary`, built with the "
                "compiler above. lowbit LLVM: the object code of lowbit's LLVM backend, `lowbit compile --quant w8a8 "
                "--emit obj` for target native (%s): %s, every "
                "other step on its reference kernels compiled by LLVM for the target (which steps ran on SIMD "
                "kernels: the table below). Both float in and out (they quantize the input and dequantize the "
                "output). The two builds of each model are linked into the same bench program (`--name lowbit_c` "
                "and `--name lowbit_llvm`), which first runs both on the bench input, a wide pseudo-random input "
                "that saturates the input's quantization and a zero input, and stops unless their outputs are equal "
                "bit for bit (they were on every model and batch below; compared again after timing). "
                "oneDNN: the same layers as int8 primitives (u8 activations, s8 weights "
                "prepacked in its chosen layout, fused bias, scale and ReLU), activations kept in its own layout: "
                "its best case. lowbit C, lowbit LLVM and oneDNN alternate in one process, median of %d samples "
                "after warm-up (about 0.2 s each). GOPS counts 2 operations per multiply-accumulate. Speed ratio "
                "of a lowbit backend vs a peer = the peer's time / the backend's time (1.0 = as fast as the peer, "
                "above 1 = faster).\n\n" % (", ".join(target) or "unknown", LLVM_KERNELS[PEAK_ISA], a.samples))
        f.write("oneDNN runs twice: as it runs on this CPU (its best ISA: AMX where present) and limited to AVX-512 "
                "VNNI (`ONEDNN_MAX_CPU_ISA=AVX512_CORE_VNNI`), the instructions a C compiler (or lowbit's LLVM "
                "backend) reaches; each lowbit figure is the better of the two processes.%s\n\n"
                % ("" if cpu_has("avx512_vnni") else " This CPU has no AVX-512 VNNI, so the limit changes nothing: "
                   "both oneDNN columns are oneDNN's AVX2 code, and differ only by run-to-run noise."))
        if ort:
            f.write("onnxruntime: the model's QDQ form (bench/make_models.py `NAME_qdq.onnx`: uint8 activations, "
                    "per-tensor, min/max of the same calibration rows; int8 symmetric per-output-channel weights; "
                    "int32 bias), float in and out, on its CPU provider with one intra-op and one inter-op thread, "
                    "sequential, all graph optimizations (bench/ort_bench.js, which calls the native session "
                    "synchronously; the time includes onnxruntime's per-run overhead and the Node.js tensor "
                    "hand-over, a few µs). The bench process and the onnxruntime process alternate for %d rounds; "
                    "every figure is the median over the rounds.\n\n" % a.rounds)
            f.write("What onnxruntime ran (the graph after its optimizations with the same session options, "
                    "written by the optimized-model-file session option through the C API of the same library, as "
                    "onnxruntime-node 1.20 does not pass that option on) and how close the QDQ model is to the float one "
                    "(relative L2 error of the output on the 64 calibration rows, both in onnxruntime):\n\n")
            f.write("| model | onnxruntime ops | QDQ vs float rel. L2 |\n|---|---|---|\n")
            for name, (ops, err) in graphs.items():
                f.write("| %s | %s | %.4f |\n" % (name, ops_summary(ops), err))
            f.write("\n")
        f.write("What the LLVM backend ran on its SIMD kernels (its own count, printed by `lowbit compile --emit "
                "obj`):\n\n| model | batch | kernel calls | on SIMD kernels |\n|---|---|---|---|\n")
        for name, batch, _ in rows:
            v = simd.get((name, batch))
            f.write("| %s | %d | %s | %s |\n" % (name, batch, v[2] if v else "?", v[3] if v else "?"))
        f.write("\nTimes and GOPS (%% of peak = GOPS / the int8 peak of one core above). Other load: the CPU time "
                "that processes other than the bench's own used while the row was measured (compiles, builds and "
                "rounds), per second, from /proc/stat: 0.00 = the machine was otherwise idle, 1.00 = another "
                "process kept the second of the %d CPUs busy throughout (it then shares caches, memory bandwidth "
                "and clocks with the measurement).\n\n" % os.cpu_count())
        f.write("| model | batch | lowbit C µs | lowbit C GOPS | lowbit C % of peak | lowbit LLVM µs | "
                "lowbit LLVM GOPS | lowbit LLVM % of peak | oneDNN µs | oneDNN GOPS | oneDNN-VNNI µs | "
                "oneDNN-VNNI GOPS | onnxruntime µs | onnxruntime GOPS | other load |\n")
        f.write("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|\n")
        pct = lambda ops, t: fmt(peak and 100 * ops / t / peak, "%.1f")
        for name, batch, (cns, lns, dns, vns, ons) in rows:
            ops = MODELS[name][1] * batch
            f.write("| %s | %d | %.1f | %.1f | %s | %.1f | %.1f | %s | %.1f | %.1f | %.1f | %.1f | %s | %s | %s |\n"
                    % (name, batch, cns / 1e3, ops / cns, pct(ops, cns), lns / 1e3, ops / lns, pct(ops, lns),
                       dns / 1e3, ops / dns, vns / 1e3, ops / vns, fmt(ons and ons / 1e3, "%.1f"),
                       fmt(ons and ops / ons, "%.1f"), fmt(loads.get((name, batch)), "%.2f")))
        f.write("\nSpeed ratios (the peer's time / the lowbit backend's time; LLVM vs C = C time / LLVM time):\n\n")
        f.write("| model | batch | C vs oneDNN | C vs oneDNN-VNNI | C vs onnxruntime | LLVM vs oneDNN | "
                "LLVM vs oneDNN-VNNI | LLVM vs onnxruntime | LLVM vs C |\n")
        f.write("|---|---|---|---|---|---|---|---|---|\n")
        for name, batch, (cns, lns, dns, vns, ons) in rows:
            f.write("| %s | %d | %.3f | %.3f | %s | %.3f | %.3f | %s | %.3f |\n"
                    % (name, batch, dns / cns, vns / cns, fmt(ons and ons / cns, "%.3f"), dns / lns, vns / lns,
                       fmt(ons and ons / lns, "%.3f"), cns / lns))
        write_svg(a.svg, rows, peak)
        svg = os.path.relpath(a.svg, os.path.dirname(os.path.abspath(a.results)))
        f.write("\n![GOPS per model and batch](%s)\n\n[%s](%s): GOPS of every peer per model and batch "
                "(log scale), with the int8 peak of one core.\n" % (svg, os.path.basename(svg), svg))
    print("bench: wrote %s and %s" % (a.results, a.svg))


if __name__ == "__main__":
    main()
