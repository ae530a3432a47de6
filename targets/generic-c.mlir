// generic-c: portable C99 on lowbit's reference kernels. The default target:
// any C99 compiler, any CPU, no SIMD assumptions. Integer results are
// bit-identical to `lowbit run`. Codes of fewer than 8 bits run in 8-bit
// containers. See docs/targets.md for the schema.
{
  name = "generic-c",
  kind = "cpu",
  triple = "",
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
