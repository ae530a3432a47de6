// aarch64-dotprod: Armv8.2-A with the dot-product extension (Cortex-A76 and
// later, Neoverse N1, Apple M1): NEON, 128-bit vectors. The LLVM backend
// vectorizes the reference kernels for it; run its objects under
// qemu-aarch64 -L /usr/aarch64-linux-gnu. Linux, LP64.
{
  name = "aarch64-dotprod",
  kind = "cpu",
  triple = "aarch64-unknown-linux-gnu",
  cpu = "cortex-a76",
  isa = "generic",
  features = ["+neon", "+dotprod"],
  vector_bits = 128 : i64,
  dot_product = "sdot",
  weight_bits = array<i64: 2, 3, 4, 5, 6, 7, 8>,
  act_bits = array<i64: 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16>,
  layouts = ["row-major"],
  l1d_bytes = 65536 : i64,
  l2_bytes = 524288 : i64,
  threads = 1 : i64
}
