// riscv64-rvv: RV64GC with the vector extension 1.0 (rv64gcv), Linux LP64D.
// The LLVM backend vectorizes the reference kernels with scalable RVV
// vectors; run its objects under
// qemu-riscv64 -L /usr/riscv64-linux-gnu -cpu rv64,v=true,vlen=256.
{
  name = "riscv64-rvv",
  kind = "cpu",
  triple = "riscv64-unknown-linux-gnu",
  cpu = "generic-rv64",
  isa = "generic",
  features = ["+m", "+a", "+f", "+d", "+c", "+v"],
  vector_bits = 256 : i64,
  dot_product = "vwmacc",
  weight_bits = array<i64: 2, 3, 4, 5, 6, 7, 8>,
  act_bits = array<i64: 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16>,
  layouts = ["row-major"],
  l1d_bytes = 32768 : i64,
  l2_bytes = 1048576 : i64,
  threads = 1 : i64
}
