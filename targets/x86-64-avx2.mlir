// x86-64-avx2: x86-64-v3 (Haswell and later: AVX2, FMA, BMI2). The LLVM
// backend generates its integer matmul and conv kernels for 256-bit
// registers and vectorizes the other reference kernels; integer
// dot products with 8-bit weights use vpmaddwd on 16-bit codes, which is
// exact, rather than pmaddubsw, whose saturating pair sums would change
// results; packed 2-, 3- and 4-bit weights (codes + 8 in [0, 15]) use
// pmaddubsw, whose pair sums cannot saturate then (so nothing in
// quantization depends on this target). FMA contraction is never applied
// to float steps.
{
  name = "x86-64-avx2",
  kind = "cpu",
  triple = "x86_64-pc-linux-gnu",
  cpu = "x86-64-v3",
  isa = "generic",
  features = [],
  vector_bits = 256 : i64,
  dot_product = "none",
  weight_bits = array<i64: 2, 3, 4, 5, 6, 7, 8>,
  act_bits = array<i64: 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16>,
  layouts = ["row-major"],
  l1d_bytes = 32768 : i64,
  l2_bytes = 1048576 : i64,
  threads = 1 : i64
}
