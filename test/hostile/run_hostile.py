#!/usr/bin/python3
"""Runs lowbit's hostile-input corpus written by make_hostile.py.

    /usr/bin/python3 run_hostile.py [--bin BUILD/bin] --dir OUTDIR [--cc cc] [--timeout S] [--only REGEX] [-v]

Without --bin the tools (lowbit, lowbit-opt, lowbit-translate) are found on
PATH. Each case runs with a fresh scratch directory {tmp} as its working
directory, a timeout and a resident-memory limit. A case FAILS when:

  - it is killed by a signal, exits >= 128, times out or exceeds its memory
    or time limit;
  - stderr has a sanitizer or crash report (AddressSanitizer, LeakSanitizer,
    "runtime error:" of UBSan, Segmentation, an LLVM stack dump, ...);
  - "error" case: exit 0, or stderr is not exactly one non-empty line
    containing "error:";
  - "ok" case: exit != 0, or one of its checks fails;
  - "either" case: exits like an "error" case would fail, or exits 0 and one
    of its checks fails;
  - a file outside {tmp} was created, changed or removed (an escape).

Prints one line per failing case, then exactly `hostile: N cases, M failed`;
exits 1 if M > 0.
"""
import argparse
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import time

import numpy as np

CRASH_PATTERNS = [
    "AddressSanitizer", "LeakSanitizer", "UndefinedBehaviorSanitizer", "runtime error:", "Segmentation",
    "Stack dump:", "PLEASE submit a bug report", "LLVM ERROR:", "Assertion `", "double free", "free(): ",
    "malloc(): ", "stack smashing", "Aborted",
]
TOOLS = {"{lowbit}": "lowbit", "{lowbit_opt}": "lowbit-opt", "{lowbit_translate}": "lowbit-translate"}



TIME_SCALE = 1.0  # --time-scale

def short(s, n=160):
    s = s.replace("\n", "\\n")
    return s if len(s) <= n else s[:n] + "..."


# ---- escape detection ------------------------------------------------------

def snapshot(root, skip):
    """{path: (type, size, mtime_ns)} of everything under root, not following
    symlinks, without entering the directories in skip."""
    out = {}
    stack = [root]
    while stack:
        d = stack.pop()
        try:
            entries = list(os.scandir(d))
        except OSError:
            continue
        for e in entries:
            p = e.path
            try:
                st = e.stat(follow_symlinks=False)
            except OSError:
                continue
            kind = "l" if e.is_symlink() else "d" if e.is_dir(follow_symlinks=False) else "f"
            out[p] = (kind, st.st_size if kind == "f" else 0, st.st_mtime_ns if kind != "d" else 0)
            if kind == "d" and p not in skip:
                stack.append(p)
    return out


def diff(before, after):
    changes = []
    for p in sorted(set(before) | set(after)):
        if p not in before:
            changes.append("created " + p)
        elif p not in after:
            changes.append("removed " + p)
        elif before[p] != after[p]:
            changes.append("changed " + p)
    return changes


# ---- C source scanning -----------------------------------------------------

def c_code_only(text):
    """C text with comments, string and character literals blanked out
    (after line splicing), so that only code tokens remain."""
    text = text.replace("\\\n", "")
    out = []
    i, n = 0, len(text)
    while i < n:
        ch = text[i]
        if text.startswith("/*", i):
            j = text.find("*/", i + 2)
            j = n if j < 0 else j + 2
            out.append(" ")
            i = j
        elif text.startswith("//", i):
            j = text.find("\n", i)
            j = n if j < 0 else j
            out.append(" ")
            i = j
        elif ch in "\"'":
            j = i + 1
            while j < n and text[j] != ch and text[j] != "\n":
                j += 2 if text[j] == "\\" else 1
            out.append(ch + ch)
            i = j + 1
        else:
            out.append(ch)
            i += 1
    return "".join(out)


def check_c(check, cc, work, log):
    d = check["dir"]
    name = check.get("name", "model")
    marker = check.get("marker")
    if not os.path.isdir(d):
        return "no output directory %s" % d
    srcs = sorted(f for f in os.listdir(d) if f.endswith(".c"))
    hdrs = sorted(f for f in os.listdir(d) if f.endswith(".h"))
    if not srcs:
        return "no .c file in %s" % d
    flags = ["-std=c99", "-Wall", "-Wextra", "-Werror", "-pedantic"]
    for f in srcs + hdrs:
        with open(os.path.join(d, f), "rb") as fh:
            text = fh.read().decode("latin-1")
        code = c_code_only(text)
        if marker and re.search(r"\b%s\w*" % re.escape(marker), code):
            return "injected code: '%s' appears outside comments and literals in %s" % (marker, f)
        for m in re.finditer(r"#\s*define\s+(\w+_(?:INPUT|OUTPUT)\d+_SIZE)\s+(\S+)", code):
            v = m.group(2)
            if not re.fullmatch(r"\d+", v) or int(v) <= 0 or int(v) >= 1 << 63:
                return "%s: %s = %s (not a positive element count)" % (f, m.group(1), v)
    objs = []
    tu = os.path.join(work, "hostile_header_tu.c")
    with open(tu, "w") as fh:
        for h in hdrs:
            fh.write('#include "%s"\n' % h)
        fh.write("int lb_hostile_tu_dummy;\n")
    for f in srcs + [None]:
        src = os.path.join(d, f) if f else tu
        obj = os.path.join(work, (f or "hostile_header_tu.c") + ".o")
        try:
            r = subprocess.run([cc] + flags + ["-c", src, "-I", d, "-o", obj], capture_output=True, timeout=300)
        except subprocess.TimeoutExpired:
            return "%s %s: compiler timed out" % (cc, f or "header")
        log.append(r.stderr.decode("utf-8", "replace"))
        if r.returncode != 0:
            first = next((ln for ln in r.stderr.decode("utf-8", "replace").splitlines() if "error" in ln), "")
            return "generated C does not compile cleanly (%s): %s" % (f or "header", short(first, 200))
        if f:
            objs.append(obj)
    nm = shutil.which("nm")
    if nm:
        for obj in objs:
            r = subprocess.run([nm, "-g", "--defined-only", obj], capture_output=True, text=True, errors="replace")
            for line in r.stdout.splitlines():
                parts = line.split()
                if not parts:
                    continue
                sym = parts[-1]
                if not sym.startswith(name + "_"):
                    return "unexpected exported symbol '%s' in %s" % (short(sym, 80), os.path.basename(obj))
    return None


# ---- one case ----------------------------------------------------------------

class Runner:
    def __init__(self, a, tools):
        self.a = a
        self.tools = tools
        self.dir = os.path.abspath(a.dir)
        self.work = os.path.abspath(a.work or os.path.join(self.dir, "run"))

    def subst(self, s, tmp):
        for k, v in self.tools.items():
            s = s.replace(k, v)
        return s.replace("{dir}", self.dir).replace("{tmp}", tmp)

    def run_case(self, case):
        safe = re.sub(r"[^A-Za-z0-9_.-]", "_", case["name"])
        cdir = os.path.join(self.work, safe)
        tmp = os.path.join(cdir, "tmp")
        os.makedirs(tmp)
        S = lambda s: self.subst(s, tmp)  # noqa: E731
        for act in case.get("setup", []):
            if "mkfifo" in act:
                os.mkfifo(S(act["mkfifo"]))
            elif "copy" in act:
                shutil.copyfile(S(act["copy"][0]), S(act["copy"][1]))
            elif "symlink" in act:
                os.symlink(S(act["symlink"][0]), S(act["symlink"][1]))
            else:
                return "bad setup action %r" % act
        argv = [S(x) for x in case["cmd"]]
        skip = {tmp, os.path.join(cdir, "cc")}
        # other cases' directories are left alone, this case's tmp is free
        before = snapshot(self.dir, skip | {os.path.join(self.work, e) for e in os.listdir(self.work) if e != safe})
        timeout = case.get("timeout", self.a.timeout)
        mem_mb = case.get("mem_mb", self.a.mem_mb)
        out_path, err_path = os.path.join(cdir, "stdout"), os.path.join(cdir, "stderr")
        with open(out_path, "wb") as fo, open(err_path, "wb") as fe:
            t0 = time.monotonic()
            try:
                p = subprocess.Popen(argv, cwd=tmp, stdin=subprocess.DEVNULL, stdout=fo, stderr=fe,
                                     start_new_session=True)
            except OSError as e:
                return "cannot start %s: %s" % (argv[0], e)
            killed = None
            peak = 0
            while True:
                rc = p.poll()
                if rc is not None:
                    break
                el = time.monotonic() - t0
                rss = rss_mb(p.pid)
                peak = max(peak, rss)
                if el > timeout:
                    killed = "timeout after %.0f s" % timeout
                elif rss > mem_mb:
                    killed = "memory limit exceeded (%d MB resident > %d MB)" % (rss, mem_mb)
                if killed:
                    try:
                        os.killpg(p.pid, signal.SIGKILL)
                    except ProcessLookupError:
                        pass
                    p.wait()
                    break
                time.sleep(0.01 if el < 1 else 0.05)
            elapsed = time.monotonic() - t0
        after = snapshot(self.dir, skip | {os.path.join(self.work, e) for e in os.listdir(self.work) if e != safe})
        escapes = [ch for ch in diff(before, after) if not ch.endswith((out_path, err_path))]
        with open(err_path, "rb") as f:
            err = f.read().decode("utf-8", "replace")
        self.last = (argv, p.returncode, err, elapsed)
        if escapes:
            return "escape: %s" % "; ".join(short(e, 200) for e in escapes[:3])
        if killed:
            return killed
        rc = p.returncode
        hits = [ln.strip() for ln in err.splitlines() if any(pat in ln for pat in CRASH_PATTERNS)]
        if hits:
            # the most telling line: a sanitizer ERROR line or a UBSan diagnostic, else the first hit
            best = next((ln for ln in hits if "ERROR: " in ln or "runtime error:" in ln), hits[0])
            return "sanitizer/crash report on stderr (exit %d): %s" % (rc, short(re.sub(r"^==\d+==", "", best), 200))
        if rc < 0:
            return "killed by signal %s" % signal.Signals(-rc).name
        if rc >= 128:
            return "exit code %d (signal-like)" % rc
        tl = case.get("time_limit")
        if tl is not None:
            tl *= TIME_SCALE
        if tl is not None and elapsed > tl:
            return "took %.1f s (limit %g s)" % (elapsed, tl)
        expect = case["expect"]
        lines = [ln for ln in err.splitlines() if ln.strip()]
        if rc != 0:
            if expect == "ok":
                return "exit %d, expected success: %s" % (rc, short(lines[0] if lines else "(no stderr)"))
            if len(lines) != 1:
                return "error message is %d lines, expected one: %s" % (len(lines), short(" | ".join(lines[:3])))
            if "error:" not in lines[0]:
                return "error line lacks 'error:': %s" % short(lines[0])
            return None
        if expect == "error":
            return "exit 0, expected an error%s" % (" (stderr: %s)" % short(lines[0]) if lines else "")
        for ch in case.get("checks", []):
            why = self.check(ch, S, err, cdir)
            if why:
                return why
        return None

    def check(self, ch, S, err, cdir):
        kind = ch["kind"]
        if kind == "npy_close":
            f, ref = S(ch["file"]), S(ch["ref"])
            if not os.path.isfile(f):
                return "output %s was not written" % os.path.basename(f)
            try:
                got = np.load(f, allow_pickle=False)
            except Exception as e:  # a broken .npy is a failure, not a runner crash
                return "output %s is not a valid .npy: %s" % (os.path.basename(f), short(str(e)))
            want = np.load(ref, allow_pickle=False)
            if got.shape != want.shape:
                return "wrong output shape %s, expected %s" % (got.shape, want.shape)
            if got.dtype != want.dtype:
                return "wrong output dtype %s, expected %s" % (got.dtype, want.dtype)
            g, w = got.astype(np.float64), want.astype(np.float64)
            ok = np.isclose(g, w, atol=ch.get("atol", 0), rtol=ch.get("rtol", 0), equal_nan=False)
            if not ok.all():
                i = int(np.argmax(~ok.reshape(-1)))
                return "wrong answer: element %d is %r, expected %r (atol %g, rtol %g; %d of %d differ)" % (
                    i, float(g.reshape(-1)[i]), float(w.reshape(-1)[i]), ch.get("atol", 0), ch.get("rtol", 0),
                    int((~ok).sum()), ok.size)
            return None
        if kind == "c_compiles_clean":
            ch = dict(ch, dir=S(ch["dir"]))
            ccdir = os.path.join(cdir, "cc")
            os.makedirs(ccdir, exist_ok=True)
            log = []
            return check_c(ch, self.a.cc, ccdir, log)
        if kind == "stderr_contains":
            if ch["text"].lower() not in err.lower():
                return "stderr lacks '%s'" % ch["text"]
            return None
        if kind == "file_absent":
            if os.path.lexists(S(ch["path"])):
                return "escape: %s exists" % S(ch["path"])
            return None
        return "unknown check kind %r" % kind


def rss_mb(pid):
    try:
        with open("/proc/%d/status" % pid) as f:
            for line in f:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) // 1024
    except (OSError, ValueError):
        pass
    return 0


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--bin", help="directory of lowbit, lowbit-opt, lowbit-translate (default: PATH)")
    ap.add_argument("--dir", required=True, help="corpus written by make_hostile.py")
    ap.add_argument("--cc", default="cc", help="C compiler for generated code")
    ap.add_argument("--work", help="scratch root (default: DIR/run)")
    ap.add_argument("--timeout", type=float, default=20.0, help="default per-case timeout in seconds")
    ap.add_argument("--time-scale", type=float, default=1.0,
                    help="multiplies the time limits (a sanitized build runs several times slower)")
    ap.add_argument("--mem-mb", type=int, default=4096, help="default per-case resident memory limit")
    ap.add_argument("--only", help="run only cases whose name matches this regex")
    ap.add_argument("-v", "--verbose", action="store_true", help="print every case with its exit code and time")
    a = ap.parse_args()
    global TIME_SCALE
    TIME_SCALE = a.time_scale
    tools = {}
    for k, t in TOOLS.items():
        p = os.path.join(a.bin, t) if a.bin else shutil.which(t)
        if not p or not os.access(p, os.X_OK):
            sys.exit("run_hostile: cannot find %s%s" % (t, " in " + a.bin if a.bin else " on PATH"))
        tools[k] = os.path.abspath(p)
    if not shutil.which(a.cc):
        sys.exit("run_hostile: cannot find the C compiler %s" % a.cc)
    with open(os.path.join(a.dir, "cases.json")) as f:
        cases = json.load(f)
    if a.only:
        cases = [c for c in cases if re.search(a.only, c["name"])]
    r = Runner(a, tools)
    if os.path.lexists(r.work):
        shutil.rmtree(r.work)
    os.makedirs(r.work)
    failed = 0
    for case in cases:
        r.last = None
        try:
            why = r.run_case(case)
        except Exception as e:  # keep going; a runner problem is a failing case
            why = "runner error: %s: %s" % (type(e).__name__, e)
        if a.verbose and r.last:
            print("  %-40s exit %s  %.2f s" % (case["name"], r.last[1], r.last[3]))
        if why:
            failed += 1
            print("FAIL %s [%s]: %s" % (case["name"], case["expect"], why))
            sys.stdout.flush()
    print("hostile: %d cases, %d failed" % (len(cases), failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
