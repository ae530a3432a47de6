/* libFuzzer target: the .npy reader (inputs and calibration data). */
#include <stddef.h>
#include <stdint.h>

#include "support/npy.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  lb_tensor_t t;
  lb_status_t st = lb_npy_read_buffer((const char *)data, size, "fuzz.npy", &t);
  if (st) lb_status_free(st);
  else lb_tensor_free(&t);
  return 0;
}
