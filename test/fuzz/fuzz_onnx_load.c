/* libFuzzer target: ONNX bytes -> loader -> importer. Any input must give
 * either a module or an error status; never a crash, leak or UB.
 * Build: cmake -DLOWBIT_FUZZ=ON -DCMAKE_C_COMPILER=clang-19 ...; run:
 *   ./fuzz_onnx_load -max_total_time=60 build/models */
#include <stddef.h>
#include <stdint.h>

#include "frontend/onnx/onnx_import.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  static MlirContext ctx;
  static int ready;
  if (!ready) {
    lb_status_t st = lb_context_create(&ctx);
    if (st) {
      lb_status_free(st);
      return 0;
    }
    ready = 1;
  }
  lb_onnx_model_t *m = NULL;
  lb_status_t st = lb_onnx_load_buffer(data, size, "fuzz.onnx", &m);
  if (st) {
    lb_status_free(st);
    return 0;
  }
  MlirModule mod;
  lb_import_options_t opts = {0};
  st = lb_onnx_import(ctx, m, &opts, &mod);
  if (st) lb_status_free(st);
  else mlirModuleDestroy(mod);
  lb_onnx_model_free(m);
  return 0;
}
