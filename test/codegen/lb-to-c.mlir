// RUN: lowbit-translate --lb-to-c %s --name tiny | FileCheck %s
// The C emitter: header API and macros, only the kernels used, exact weights.
// RUN: rm -rf %t && lowbit-translate --lb-to-c %s --name tiny -o %t
// RUN: %cc -std=c99 -Wall -Wextra -Werror -pedantic -c %t/tiny.c -I%t -o %t/tiny.o
// RUN: not grep -E "malloc|printf|stdio" %t/tiny.c

// CHECK: #define TINY_NUM_INPUTS 1
// CHECK: #define TINY_NUM_OUTPUTS 1
// CHECK: #define TINY_INPUT0_SIZE 4 /* 'input0' f32 [1, 4] */
// CHECK: #define TINY_OUTPUT0_SIZE 2 /* 'output0' f32 [1, 2] */
// CHECK: size_t tiny_scratch_size(void);
// CHECK: int tiny_run(const float *in0, float *out0, void *scratch);
// Params structs are printed from the kernels' field tables; only the kernels used are embedded.
// CHECK: typedef struct lb_quant_params_s {
// CHECK: } lb_quant_params_t;
// CHECK-NOT: lb_k_conv2d_f32
// CHECK-DAG: LB_KAPI void lb_k_quantize_f32_i8(
// CHECK-DAG: LB_KAPI void lb_k_qmatmul_i8i8(
// CHECK-DAG: LB_KAPI void lb_k_requantize_i32_i8(
// CHECK-DAG: LB_KAPI void lb_k_dequantize_i8_f32(
// CHECK-NOT: lb_k_conv2d_f32
// CHECK: static const int8_t tiny_w{{[0-9]+}}[8] = {
// CHECK-NEXT: 1,-2,3,-4,5,-6,7,-8
// CHECK: int tiny_run(const float *in0, float *out0, void *scratch) {
// Designated initializers: a reordered struct field cannot silently change a call.
// CHECK: static const lb_quant_params_t P = {.outer = 1, .n = 1, .inner = 4, .block = 0, .qmin = -128, .qmax = 127, .out_zp = 0, .rounding = 0};
// CHECK-NEXT: lb_k_quantize_f32_i8(&P, in0,
// CHECK: static const lb_matmul_params_t P = {.M = 1, .N = 2, .K = 4, .batch_rank = 0,
// CHECK-NEXT: lb_k_qmatmul_i8i8(&P,
// CHECK: lb_k_requantize_i32_i8(&P,
// CHECK: lb_k_dequantize_i8_f32(&P, {{.*}}, out0);
func.func @tiny(%x: tensor<?x4xf32>) -> tensor<?x2xf32> {
  %s = "lb.constant"() {value = dense<0.5> : tensor<1xf32>} : () -> tensor<1xf32>
  %z = "lb.constant"() {value = dense<0> : tensor<1xi8>} : () -> tensor<1xi8>
  %q = "lb.quantize"(%x, %s, %z) {axis = -1 : i64} : (tensor<?x4xf32>, tensor<1xf32>, tensor<1xi8>) -> tensor<?x4xi8>
  %w = "lb.constant"() {value = dense<[[1, -2], [3, -4], [5, -6], [7, -8]]> : tensor<4x2xi8>} : () -> tensor<4x2xi8>
  %acc = "lb.qmatmul"(%q, %w, %z, %z) : (tensor<?x4xi8>, tensor<4x2xi8>, tensor<1xi8>, tensor<1xi8>) -> tensor<?x2xi32>
  %m = "lb.constant"() {value = dense<1073741824> : tensor<1xi32>} : () -> tensor<1xi32>
  %sh = "lb.constant"() {value = dense<33> : tensor<1xi32>} : () -> tensor<1xi32>
  %r = "lb.requantize"(%acc, %m, %sh, %z) {axis = -1 : i64} : (tensor<?x2xi32>, tensor<1xi32>, tensor<1xi32>, tensor<1xi8>) -> tensor<?x2xi8>
  %d = "lb.dequantize"(%r, %s, %z) {axis = -1 : i64} : (tensor<?x2xi8>, tensor<1xf32>, tensor<1xi8>) -> tensor<?x2xf32>
  return %d : tensor<?x2xf32>
}
