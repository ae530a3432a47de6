/* libFuzzer target: .mlir text -> parser (with lowbit's nesting and blob
 * checks) -> verify, specialize, plan, run, emit C, as `lowbit run` and
 * `lowbit-translate` do (fuzz_common.h). */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "test/fuzz/fuzz_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  MlirContext ctx = lb_fuzz_context();
  char *text = malloc(size + 1);
  if (!text) return 0;
  memcpy(text, data, size);
  text[size] = 0;
  MlirModule m;
  lb_status_t st = lb_module_parse(ctx, text, "fuzz.mlir", &m);
  free(text);
  if (st) lb_status_free(st);
  else lb_fuzz_backend(m);
  return 0;
}
