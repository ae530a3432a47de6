#!/usr/bin/python3
"""The generated C's hot loops are vectorized: compiles a generated model.c
with gcc (-fopt-info-vec-optimized) and clang (-Rpass=loop-vectorize, and
-Rpass=slp-vectorizer, one -Rpass regex, for loops it unrolled completely first: a short row of
known length) at
-O3 for a fixed x86 ISA with 8-bit dot products (-march=icelake-server, so
the result does not depend on the CI machine), and with gcc for AArch64
(-march=armv8.6-a+i8mm, which has the unsigned x signed usdot), maps the
reported loops to the source lines of model.c, and checks that every
required kernel part (the lines that name it) has a vectorized loop; then
that the object code has the SIMD dot-product instructions (x86 gcc:
vpdpbusd; clang: vpdpwssd or vpdpbusd; AArch64: usdot, sdot or udot).
Then gcc once more for AVX2 without VNNI (-march=x86-64-v3), where the
integer kernels take their wide (int16) codes (runtime/kernels/qgemm.c,
LB_QG_WIDE): vpmaddwd. Prints one line per compiler and part.

A required part is NAME=MARKER, checked for every compiler, or
SCOPE:NAME=MARKER for some: x86 (the x86 compilers), dot (the three with
8-bit dot products), wide (the AVX2 build).

    check_vectorized.py --src DIR/model.c --work DIR --require NAME=MARKER ...
                        [--cc gcc] [--clang clang-19] [--aarch64 aarch64-linux-gnu-gcc]
"""
import argparse
import re
import subprocess
import sys

X86 = ["-march=icelake-server"]
AVX2 = ["-march=x86-64-v3"]
ARM = ["-march=armv8.6-a+i8mm"]
FLAGS = ["-std=c99", "-O3", "-ffp-contract=off", "-c"]


def run(cmd):
    r = subprocess.run(cmd, capture_output=True, text=True)
    if r.returncode:
        sys.exit("failed: %s\n%s%s" % (" ".join(cmd), r.stdout, r.stderr))
    return r.stdout + r.stderr


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--src", required=True)
    ap.add_argument("--work", required=True)
    ap.add_argument("--cc", default="gcc")
    ap.add_argument("--clang", default="clang-19")
    ap.add_argument("--aarch64", default="aarch64-linux-gnu-gcc")
    ap.add_argument("--require", action="append", default=[],
                    help="NAME=MARKER: a line containing MARKER; x86:NAME=MARKER for the x86 compilers only")
    a = ap.parse_args()
    lines = open(a.src).read().split("\n")
    src_name = a.src.rsplit("/", 1)[-1]
    failed = False
    for cc, label, isa, report, dots, objdump in (
            (a.cc, a.cc, X86, ["-fopt-info-vec-optimized"], ("vpdpbusd",), "objdump"),
            (a.clang, a.clang, X86, ["-Rpass=loop-vectorize|slp-vectorizer"], ("vpdpbusd", "vpdpwssd"), "objdump"),
            (a.aarch64, a.aarch64, ARM, ["-fopt-info-vec-optimized"], ("usdot", "sdot", "udot"),
             a.aarch64[:-3] + "objdump" if a.aarch64.endswith("gcc") else "objdump"),
            (a.cc, a.cc + " " + AVX2[0], AVX2, ["-fopt-info-vec-optimized"], ("vpmaddwd",), "objdump")):
        scopes = {"x86": isa is not ARM, "dot": isa is not AVX2, "wide": isa is AVX2}
        obj = "%s/vec_%s.o" % (a.work, label.replace("/", "_").replace(" ", "_"))
        out = run([cc] + FLAGS + isa + report + [a.src, "-o", obj])
        vec = set()
        for m in re.finditer(r"%s:(\d+):\d+: (?:optimized|remark): (?:loop |Stores SLP )?vectorized" % re.escape(src_name), out):
            vec.add(int(m.group(1)))
        for req in a.require:
            name, marker = req.split("=", 1)
            if ":" in name:
                scope, name = name.split(":", 1)
                if not scopes[scope]:
                    print("%s: %s not required" % (label, name))
                    continue
            at = [i + 1 for i, l in enumerate(lines) if marker in l]
            if not at:
                sys.exit("no line of %s contains %r" % (a.src, marker))
            ok = any(i in vec for i in at)
            failed |= not ok
            print("%s: %s %s" % (label, name, "vectorized" if ok else "NOT VECTORIZED (lines %s)" % at))
        asm = run([objdump, "-d", obj])
        found = [d for d in dots if re.search(r"\s%s\s" % d, asm)]
        failed |= not found
        print("%s: dot-product instructions %s" % (label, " ".join(found) if found else "MISSING"))
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
