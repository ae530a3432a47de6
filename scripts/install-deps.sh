#!/usr/bin/env bash
# Install every Debian package lowbit's build, tests and demo need.
# Idempotent: when everything is present it prints nothing and exits 0.
# This is the one place the dependency list is pinned (see DESIGN.md).
set -euo pipefail

PACKAGES=(
  # build
  cmake make ninja-build pkg-config gcc g++
  # IR and code generation (MLIR 19 C API, LLVM 19)
  libmlir-19-dev mlir-19-tools llvm-19-dev zlib1g-dev libzstd-dev libedit-dev libxml2-dev libncurses-dev libffi-dev
  # ONNX parsing: protobuf-c runtime + code generator, system onnx.proto
  libprotobuf-c-dev protobuf-c-compiler libonnx-dev
  # tests: lit, FileCheck, clang for building emitted code and sanitizers
  llvm-19-tools clang-19 libclang-rt-19-dev python3
  # cross targets: the generated C's vectorization checked for AArch64 (test/codegen/c-vectorize.test); the LLVM
  # backend's kernel bitcode for AArch64 and RISC-V (their C headers), its objects linked and run under qemu-user
  gcc-aarch64-linux-gnu libc6-dev-arm64-cross gcc-riscv64-linux-gnu libc6-dev-riscv64-cross qemu-user
  # golden data, test models, demo
  python3-onnx python3-numpy python3-sklearn
  # model-zoo models (torchvision architectures exported by torch.onnx)
  python3-torch python3-torchvision
  # ONNX backend node tests (conformance)
  libonnx-testdata
)
# `install-deps.sh bench`: also the peers `make bench` compares against
if [ "${1:-}" = "bench" ]; then PACKAGES+=(libdnnl-dev); fi

missing=()
for p in "${PACKAGES[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done
[ ${#missing[@]} -eq 0 ] && exit 0

SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
echo "install-deps: installing ${missing[*]}" >&2
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
