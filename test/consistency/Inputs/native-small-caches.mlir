// The host as `native` detects it, but with an 8 KiB L1 and a 64 KiB L2:
// the packed integer matmul kernels block K from 64 groups of 4 k on VNNI (a
// quarter of L2 over 256-byte panel rows) and from 128 pairs of k on AVX2
// (half of L1 over 32-byte ones), so the consistency cases
// qmatmul_vnni_kblocked and qmatmul_vnni_rowblocks run the K-blocked path
// (partial sums between blocks) at test sizes.
{
  name = "native-small-caches",
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
  l1d_bytes = 8192 : i64,
  l2_bytes = 65536 : i64,
  threads = 1 : i64
}
