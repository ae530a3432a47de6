/* lb-specialize{batch=N shape=NAME=d0,d1,...;NAME=... static=1}: binds
 * symbolic input dims (ir/lb_specialize.h) and re-infers every type; with
 * static=1 it fails unless the module is then fully static. */
#include <stdlib.h>
#include <string.h>

#include "ir/lb_specialize.h"
#include "passes/passes.h"

#define LB_MAX_SHAPES 64

lb_status_t lb_pass_specialize(MlirModule module, const lb_pass_options_t *options) {
  lb_specialize_opts_t o = {.batch = lb_pass_option_int(options, "batch", 0)};
  const char *b = lb_pass_option(options, "batch");
  if (b && o.batch <= 0) return LB_ERROR(LB_STATUS_INVALID_ARGUMENT, "batch must be positive, got %s", b);
  int64_t req = lb_pass_option_int(options, "static", 0);
  if (req != 0 && req != 1) return LB_ERROR(LB_STATUS_INVALID_ARGUMENT, "static must be 0 or 1");
  o.require_static = req == 1;
  const char *spec = lb_pass_option(options, "shape");
  if (!b && !spec && !o.require_static)
    return LB_ERROR(LB_STATUS_INVALID_ARGUMENT, "needs batch=N, shape=NAME=d0,d1,... and/or static=1");
  lb_shape_binding_t *shapes = calloc(LB_MAX_SHAPES, sizeof *shapes);
  if (!shapes) return LB_ERROR(LB_STATUS_RESOURCE_EXHAUSTED, "out of memory");
  lb_status_t st = LB_OK;
  char *copy = spec ? strdup(spec) : NULL;
  for (char *save = NULL, *tok = copy ? strtok_r(copy, ";", &save) : NULL; tok && !st;
       tok = strtok_r(NULL, ";", &save)) {
    if (o.nshapes == LB_MAX_SHAPES) st = LB_ERROR(LB_STATUS_INVALID_ARGUMENT, "more than %d shapes", LB_MAX_SHAPES);
    else st = lb_shape_binding_parse(tok, &shapes[o.nshapes++]);
  }
  o.shapes = shapes;
  if (!st) st = lb_module_specialize(module, &o);
  free(copy);
  free(shapes);
  return st;
}
