#!/usr/bin/python3
"""The generated C's hot loops are vectorized: compiles a generated model.c
with gcc (-fopt-info-vec-optimized) and clang (-Rpass=loop-vectorize) at
-O3 for a fixed x86 ISA with 8-bit dot products (-march=icelake-server, so
the result does not depend on the CI machine), maps the reported loops to
the source lines of model.c, and checks that every required kernel part
(the lines that name it) has a vectorized loop; then that the object code
has the SIMD dot-product instructions (gcc: vpdpbusd, clang: vpdpwssd or
vpdpbusd). Prints one line per compiler and part.

    check_vectorized.py --src DIR/model.c --work DIR --require NAME=MARKER ... [--cc gcc] [--clang clang-19]
"""
import argparse
import re
import subprocess
import sys

FLAGS = ["-std=c99", "-O3", "-march=icelake-server", "-ffp-contract=off", "-c"]


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
    ap.add_argument("--require", action="append", default=[], help="NAME=MARKER: a line containing MARKER")
    a = ap.parse_args()
    lines = open(a.src).read().split("\n")
    src_name = a.src.rsplit("/", 1)[-1]
    failed = False
    for cc, report, dots in ((a.cc, ["-fopt-info-vec-optimized"], ("vpdpbusd",)),
                             (a.clang, ["-Rpass=loop-vectorize"], ("vpdpbusd", "vpdpwssd"))):
        obj = "%s/vec_%s.o" % (a.work, cc.replace("/", "_"))
        out = run([cc] + FLAGS + report + [a.src, "-o", obj])
        vec = set()
        for m in re.finditer(r"%s:(\d+):\d+: (?:optimized|remark): (?:loop )?vectorized" % re.escape(src_name), out):
            vec.add(int(m.group(1)))
        for req in a.require:
            name, marker = req.split("=", 1)
            at = [i + 1 for i, l in enumerate(lines) if marker in l]
            if not at:
                sys.exit("no line of %s contains %r" % (a.src, marker))
            ok = any(i in vec for i in at)
            failed |= not ok
            print("%s: %s %s" % (cc, name, "vectorized" if ok else "NOT VECTORIZED (lines %s)" % at))
        asm = run(["objdump", "-d", obj])
        found = [d for d in dots if d in asm]
        failed |= not found
        print("%s: dot-product instructions %s" % (cc, " ".join(found) if found else "MISSING"))
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
