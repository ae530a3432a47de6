# Thin wrapper over CMake. `make demo` and `make check` work on a fresh
# Debian bookworm machine: both install the dependencies first.
BUILD      ?= build
BUILD_ASAN ?= build-asan
CMAKE_FLAGS ?=

.PHONY: all deps build build-asan check check-fast demo clean

all: build

deps:
	@bash scripts/install-deps.sh

build: deps
	@cmake -S . -B $(BUILD) -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo $(CMAKE_FLAGS) >/dev/null
	@cmake --build $(BUILD)

build-asan: deps
	@cmake -S . -B $(BUILD_ASAN) -G Ninja -DCMAKE_BUILD_TYPE=Debug -DLOWBIT_SANITIZE=ON $(CMAKE_FLAGS) >/dev/null
	@cmake --build $(BUILD_ASAN)

# Unit + lit (dialect, passes, frontend, codegen, end-to-end) in the normal
# build, then the same suite again under AddressSanitizer + UBSan.
check: build build-asan
	@cmake --build $(BUILD) --target check
	@cmake --build $(BUILD_ASAN) --target check

check-fast: build
	@cmake --build $(BUILD) --target check

demo: build
	@/usr/bin/python3 demo/run_demo.py --lowbit $(BUILD)/bin/lowbit --work $(BUILD)/demo

clean:
	rm -rf $(BUILD) $(BUILD_ASAN)
