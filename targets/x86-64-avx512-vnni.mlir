// x86-64-avx512-vnni: x86-64 with AVX-512 (F, BW, DQ, VL: x86-64-v4) and
// VNNI (Ice Lake and later, Zen 4 and later). Integer matmuls run on
// vpdpbusd (u8 x s8 into int32, no saturation: exact), with the weights
// repacked into 64-channel panels of 4-byte k groups
// (codegen/llvm/dot_matmul.c), convolutions too (dot_conv.c); the rest on the reference kernels,
// vectorized by LLVM for 512-bit registers.
{
  name = "x86-64-avx512-vnni",
  kind = "cpu",
  triple = "x86_64-pc-linux-gnu",
  cpu = "x86-64-v4",
  isa = "generic",
  features = ["+avx512vnni"],
  vector_bits = 512 : i64,
  dot_product = "vpdpbusd",
  weight_bits = array<i64: 2, 3, 4, 5, 6, 7, 8>,
  act_bits = array<i64: 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16>,
  layouts = ["vnni-panel64", "row-major"],
  l1d_bytes = 32768 : i64,
  l2_bytes = 1048576 : i64,
  threads = 1 : i64
}
