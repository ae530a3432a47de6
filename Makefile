# Thin wrapper over CMake. `make demo` and `make check` work on a fresh
# Debian bookworm machine: both install the dependencies first.
BUILD      ?= build
BUILD_ASAN ?= build-asan
BUILD_FUZZ ?= build-fuzz
CMAKE_FLAGS ?=
FUZZ_SECONDS ?= 600

.PHONY: all deps build build-asan build-fuzz check check-fast fuzz fuzz-smoke demo docs ort-check zoo large-model bench clean

all: build

deps:
	@bash scripts/install-deps.sh

build: deps
	@cmake -S . -B $(BUILD) -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo $(CMAKE_FLAGS) >/dev/null
	@cmake --build $(BUILD)

# Regenerates docs/ops.md and the README's op table from the ONNX node
# tests (make check fails when docs/ops.md is stale).
docs: build
	@/usr/bin/python3 test/conformance/run_node_tests.py --lowbit $(BUILD)/bin/lowbit \
	  --expected test/conformance/expected_pass.txt --work $(BUILD)/node-tests \
	  --markdown docs/ops.md --readme README.md | tail -1

# onnxruntime (npm, pinned by test/ort/package-lock.json) as a second
# reference for the newer-opset and contrib-op test models. Needs the npm
# registry; not part of make check.
ort-check: build
	@cmake --build $(BUILD) --target models >/dev/null
	@mkdir -p $(BUILD)/ort && cp test/ort/package.json test/ort/package-lock.json $(BUILD)/ort/
	@cd $(BUILD)/ort && npm ci --ignore-scripts --no-audit --no-fund >/dev/null
	@/usr/bin/python3 test/ort/compare.py --lowbit $(BUILD)/bin/lowbit --models $(BUILD)/models \
	  --node-modules $(BUILD)/ort/node_modules --work $(BUILD)/ort/work

# The model zoo: torchvision architectures exported at opsets 11 and 17
# (python3-torchvision), each against onnxruntime and PyTorch, W8A8/W4A8
# error, generated C bit-identical; a resnet18 trained on the digits for
# accuracy. Regenerates docs/models.md. About 40 minutes; a two-model subset
# runs in make check (test/e2e/zoo-subset.test).
zoo: build
	@bash scripts/install-deps.sh
	@mkdir -p $(BUILD)/ort && cp test/ort/package.json test/ort/package-lock.json $(BUILD)/ort/
	@cd $(BUILD)/ort && npm ci --ignore-scripts --no-audit --no-fund >/dev/null
	@/usr/bin/python3 test/zoo/export_zoo.py --out $(BUILD)/zoo/models
	@/usr/bin/python3 test/zoo/digits_accuracy.py --lowbit $(BUILD)/bin/lowbit --out $(BUILD)/zoo/digits \
	  --harness test/e2e/harness.c --json $(BUILD)/zoo/digits.json
	@/usr/bin/python3 test/zoo/run_zoo.py --lowbit $(BUILD)/bin/lowbit --models $(BUILD)/zoo/models \
	  --work $(BUILD)/zoo/work --harness test/e2e/harness.c --node-modules $(BUILD)/ort/node_modules --w4 --weight-check --llvm \
	  --digits $(BUILD)/zoo/digits.json --markdown docs/models.md --json $(BUILD)/zoo/zoo.json

# A 1.07-billion-parameter model in external data (4.3 GB of float weights in
# $(BUILD)/large; needs about 10 GB of disk), compiled at W8A8: time and peak
# memory against the weight file, generated C linked and bit-identical.
large-model: build
	@/usr/bin/python3 test/e2e/check_large.py --lowbit $(BUILD)/bin/lowbit --harness test/e2e/harness.c \
	  --work $(BUILD)/large --dim 8192 --layers 16 --max-peak-ratio 1.3

# lowbit's generated C and its LLVM backend's object code (--emit obj, checked
# bit-identical to the C) against oneDNN (libdnnl-dev) and onnxruntime (npm,
# pinned in test/ort), one thread; writes bench/RESULTS.md and bench/results.svg.
# Then the matmul sweep (bench/sweep.py: issue 10's shapes at 8, 4 and 2 bits,
# one and two threads, hot and cold): bench/SWEEP.md.
bench: build
	@bash scripts/install-deps.sh bench
	@mkdir -p $(BUILD)/ort && cp test/ort/package.json test/ort/package-lock.json $(BUILD)/ort/
	@cd $(BUILD)/ort && npm ci --ignore-scripts --no-audit --no-fund >/dev/null
	@/usr/bin/python3 bench/run.py --lowbit $(BUILD)/bin/lowbit --work $(BUILD)/bench --node-modules $(BUILD)/ort/node_modules
	@/usr/bin/python3 bench/sweep.py --lowbit $(BUILD)/bin/lowbit --work $(BUILD)/bench/sweep --node-modules $(BUILD)/ort/node_modules

build-asan: deps
	@cmake -S . -B $(BUILD_ASAN) -G Ninja -DCMAKE_BUILD_TYPE=Debug -DLOWBIT_SANITIZE=ON $(CMAKE_FLAGS) >/dev/null
	@cmake --build $(BUILD_ASAN)

build-fuzz: deps
	@cmake -S . -B $(BUILD_FUZZ) -G Ninja -DCMAKE_BUILD_TYPE=Debug -DCMAKE_C_COMPILER=clang-19 -DCMAKE_CXX_COMPILER=clang++-19 -DLOWBIT_FUZZ=ON $(CMAKE_FLAGS) >/dev/null
	@cmake --build $(BUILD_FUZZ) --target fuzz_onnx_load fuzz_mlir_run fuzz_npy models

# Unit + lit (dialect, passes, frontend, codegen, tools, end-to-end, ONNX
# node tests, consistency, hostile inputs) in the normal build, the same
# suite again under AddressSanitizer + UBSan, then a short libFuzzer run of
# every fuzz target.
check: build build-asan
	@cmake --build $(BUILD) --target check
	@cmake --build $(BUILD_ASAN) --target check
	@$(MAKE) --no-print-directory fuzz-smoke

fuzz-smoke: build-fuzz
	@bash scripts/fuzz.sh $(BUILD_FUZZ) $(BUILD_FUZZ)/models 20

# Long fuzzing: FUZZ_SECONDS per target (default 10 minutes).
fuzz: build-fuzz
	@bash scripts/fuzz.sh $(BUILD_FUZZ) $(BUILD_FUZZ)/models $(FUZZ_SECONDS)

check-fast: build
	@cmake --build $(BUILD) --target check

demo: build
	@/usr/bin/python3 demo/run_demo.py --lowbit $(BUILD)/bin/lowbit --work $(BUILD)/demo

clean:
	rm -rf $(BUILD) $(BUILD_ASAN) $(BUILD_FUZZ)
