// native: the machine lowbit runs on. The LLVM backend (--emit obj|asm|llvm)
// compiles for the host's triple and CPU (LLVM's host detection), with every
// feature the host has; its SIMD kernels are chosen from those features
// (AVX-512 VNNI: vpdpbusd). The default target of --emit obj. `lowbit run
// --target native` is its oracle (the reference kernels: every SIMD kernel
// is bit-identical to them). See docs/targets.md.
{
  name = "native",
  kind = "cpu",
  triple = "",
  cpu = "native",
  isa = "generic",
  features = [],
  vector_bits = 0 : i64,
  dot_product = "none",
  weight_bits = array<i64: 2, 3, 4, 5, 6, 7, 8>,
  act_bits = array<i64: 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16>,
  layouts = ["row-major"],
  l1d_bytes = 32768 : i64,
  l2_bytes = 1048576 : i64,
  threads = 1 : i64
}
