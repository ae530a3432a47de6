/* lb-set-target{target=NAME|FILE}: attaches a verified target description
 * (ir/lb_target.h) to the module as lb.target. */
#include "ir/lb_target.h"
#include "passes/passes.h"

lb_status_t lb_pass_set_target(MlirModule module, const lb_pass_options_t *options) {
  MlirAttribute t;
  LB_RETURN_IF_ERROR(lb_target_load(mlirModuleGetContext(module), lb_pass_option(options, "target"), &t));
  lb_module_set_target(module, t);
  return LB_OK;
}
