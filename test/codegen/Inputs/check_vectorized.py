#!/usr/bin/python3
"""The generated C's hot loops are vectorized: compiles a generated model.c
with gcc (-fopt-info-vec-optimized) and clang (-Rpass=loop-vectorize) at
-O3 for a fixed x86 ISA with 8-bit dot products (-march=icelake-server, so
the result does not depend on the CI machine), and with gcc for AArch64
(-march=armv8.6-a+i8mm, which has the unsigned x signed usdot), maps the
reported loops to the source lines of model.c, and checks that every
required kernel part (the lines that name it) has a vectorized loop; then
that the object code has the SIMD dot-product instructions (x86 gcc:
vpdpbusd; clang: vpdpwssd or vpdpbusd; AArch64: usdot, sdot or udot).
Prints one line per compiler and part.

    check_vectorized.py --src DIR/model.c --work DIR --require NAME=MARKER ...
                        [--cc gcc] [--clang clang-19] [--aarch64 aarch64-linux-gnu-gcc]
"""
import argparse
import re
import subprocess
import sys

X86 = ["-march=icelake-server"]
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
    for cc, isa, report, dots, objdump in (
            (a.cc, X86, ["-fopt-info-vec-optimized"], ("vpdpbusd",), "objdump"),
            (a.clang, X86, ["-Rpass=loop-vectorize"], ("vpdpbusd", "vpdpwssd"), "objdump"),
            (a.aarch64, ARM, ["-fopt-info-vec-optimized"], ("usdot", "sdot", "udot"),
             a.aarch64[:-3] + "objdump" if a.aarch64.endswith("gcc") else "objdump")):
        obj = "%s/vec_%s.o" % (a.work, cc.replace("/", "_"))
        out = run([cc] + FLAGS + isa + report + [a.src, "-o", obj])
        vec = set()
        for m in re.finditer(r"%s:(\d+):\d+: (?:optimized|remark): (?:loop )?vectorized" % re.escape(src_name), out):
            vec.add(int(m.group(1)))
        for req in a.require:
            name, marker = req.split("=", 1)
            if name.startswith("x86:"):  # checked for the x86 compilers only
                name = name[4:]
                if isa is ARM:
                    print("%s: %s not required" % (cc, name))
                    continue
            at = [i + 1 for i, l in enumerate(lines) if marker in l]
            if not at:
                sys.exit("no line of %s contains %r" % (a.src, marker))
            ok = any(i in vec for i in at)
            failed |= not ok
            print("%s: %s %s" % (cc, name, "vectorized" if ok else "NOT VECTORIZED (lines %s)" % at))
        asm = run([objdump, "-d", obj])
        found = [d for d in dots if re.search(r"\s%s\s" % d, asm)]
        failed |= not found
        print("%s: dot-product instructions %s" % (cc, " ".join(found) if found else "MISSING"))
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
