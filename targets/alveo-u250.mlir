// alveo-u250: Xilinx Alveo U250 data-center card (XCU250, Virtex UltraScale+
// class), a large part. Figures from the vendor's card data sheet (DS962):
// 12,288 DSP48E2 slices (27 x 18 multipliers), 1,728K LUTs, 2,688 36-Kb
// block RAMs (5,376 x 18 Kb; the 1,280 UltraRAMs are not counted). DSP48E2
// can compute two int8 products sharing one operand (WP486): packing on.
// 300 MHz is the card's default kernel clock.
{
  name = "alveo-u250",
  kind = "fpga",
  isa = "hls",
  part = "xcu250-figd2104-2L-e",
  clock_mhz = 300 : i64,
  dsp = 12288 : i64,
  lut = 1728000 : i64,
  bram_18k = 5376 : i64,
  dsp_width = array<i64: 27, 18>,
  dsp_packing = true,
  dot_product = "dsp",
  weight_bits = array<i64: 2, 3, 4, 5, 6, 7, 8>,
  act_bits = array<i64: 4, 5, 6, 7, 8>
}
