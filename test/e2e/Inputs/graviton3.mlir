// docs/targets.md worked example: a CPU target of your own (Neoverse V1), no C changed.
{
  name = "graviton3", kind = "cpu", triple = "aarch64-unknown-linux-gnu", cpu = "neoverse-v1",
  isa = "generic", features = ["+i8mm"], vector_bits = 256 : i64, dot_product = "sdot",
  weight_bits = array<i64: 2, 3, 4, 5, 6, 7, 8>, act_bits = array<i64: 4, 5, 6, 7, 8, 16>,
  layouts = ["row-major"], l1d_bytes = 65536 : i64, l2_bytes = 1048576 : i64, threads = 1 : i64
}
