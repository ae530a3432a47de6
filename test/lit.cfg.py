# lit configuration for lowbit: dialect, pass, frontend, codegen and
# end-to-end tests. Run through `make check` (or `ninja check` in a build).
import os

import lit.formats

config.name = "lowbit"
config.test_format = lit.formats.ShTest(execute_external=False)
config.suffixes = [".mlir", ".test"]
config.excludes = ["harness.c", "check_llvm_threads.py", "run_node_tests.py", "expected_pass.txt", "check_digits.py", "check_model.py", "check_prequantized.py", "check_large.py", "check_hls.py", "cases.mlir", "consistency.c", "Inputs", "lit.cfg.py", "lit.site.cfg.py.in", "models", "unit", "fuzz"]
config.test_source_root = os.path.dirname(__file__)
config.test_exec_root = os.path.join(config.lowbit_build_dir, "test")

llvm_bin = "/usr/lib/llvm-19/bin"
config.environment["PATH"] = os.pathsep.join([config.lowbit_bin_dir, llvm_bin, config.environment.get("PATH", "")])
for var in ["ASAN_OPTIONS", "UBSAN_OPTIONS", "LSAN_OPTIONS", "HOME", "TMPDIR"]:
    if var in os.environ:
        config.environment[var] = os.environ[var]

config.substitutions.append(("%python", "/usr/bin/python3"))
config.substitutions.append(("%models", os.path.join(config.lowbit_build_dir, "models")))
config.substitutions.append(("%srcroot", config.lowbit_src_dir))
config.substitutions.append(("%cc", "cc"))
# the second C compiler the generated code is checked with (scripts/install-deps.sh installs it)
config.substitutions.append(("%clang", "clang-19"))
config.substitutions.append(("%aarch64cc", "aarch64-linux-gnu-gcc"))
if config.lowbit_sanitize in ("ON", "1", "TRUE", "YES"):
    config.available_features.add("sanitize")
# peak memory of the large-model test: only meaningful without ASan's shadow and quarantine
config.substitutions.append(("%large_peak_check", "" if "sanitize" in config.available_features else "--max-peak-ratio 2.0"))
# time limits of the hostile corpus (linear-time checks) under ASan + UBSan
config.substitutions.append(("%time_scale", "4" if "sanitize" in config.available_features else "1"))
# the host's ISA features the LLVM backend's SIMD kernels need (tests of them natively: REQUIRES: avx512vnni or avx2)
try:
    with open("/proc/cpuinfo") as f:
        flags = next((l.split(":", 1)[1].split() for l in f if l.startswith("flags")), [])
except OSError:
    flags = []
if "avx512_vnni" in flags:
    config.available_features.add("avx512vnni")
if "avx2" in flags:
    config.available_features.add("avx2")
# cross targets of the LLVM backend run under qemu-user (scripts/install-deps.sh installs it)
import shutil
for arch, libc in (("aarch64", "/usr/aarch64-linux-gnu"), ("riscv64", "/usr/riscv64-linux-gnu")):
    if shutil.which("qemu-" + arch) and shutil.which(arch + "-linux-gnu-gcc") and os.path.isdir(libc):
        config.available_features.add("qemu-" + arch)
