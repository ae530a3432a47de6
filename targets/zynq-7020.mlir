// zynq-7020: Xilinx Zynq-7000 XC7Z020 (PYNQ-Z1/Z2, ZedBoard class), a small
// edge part. Figures from the vendor's Zynq-7000 product table (DS190):
// 220 DSP48E1 slices (25 x 18 multipliers), 53,200 LUTs, 140 36-Kb block
// RAMs (280 x 18 Kb, 4.9 Mb). DSP48E1 has no int8 packing mode: one
// product per DSP. 100 MHz is the usual fabric clock of these boards.
// The default target of --emit hls.
{
  name = "zynq-7020",
  kind = "fpga",
  isa = "hls",
  part = "xc7z020clg400-1",
  clock_mhz = 100 : i64,
  dsp = 220 : i64,
  lut = 53200 : i64,
  bram_18k = 280 : i64,
  dsp_width = array<i64: 25, 18>,
  dsp_packing = false,
  dot_product = "dsp",
  weight_bits = array<i64: 2, 3, 4, 5, 6, 7, 8>,
  act_bits = array<i64: 4, 5, 6, 7, 8>
}
