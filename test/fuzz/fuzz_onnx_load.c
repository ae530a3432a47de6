/* libFuzzer target: ONNX bytes -> loader -> importer -> verify, specialize,
 * plan, run, emit C (fuzz_common.h).
 * Build: make fuzz (cmake -DLOWBIT_FUZZ=ON with clang-19); run:
 *   build-fuzz/bin/fuzz_onnx_load -max_total_time=60 CORPUS_DIR */
#include <stddef.h>
#include <stdint.h>

#include "frontend/onnx/onnx_import.h"
#include "test/fuzz/fuzz_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  MlirContext ctx = lb_fuzz_context();
  lb_onnx_model_t *m = NULL;
  lb_status_t st = lb_onnx_load_buffer(data, size, "fuzz.onnx", &m);
  if (st) {
    lb_status_free(st);
    return 0;
  }
  MlirModule mod;
  st = lb_onnx_import(ctx, m, &mod);
  lb_onnx_model_free(m);
  if (st) lb_status_free(st);
  else lb_fuzz_backend(mod);
  return 0;
}
