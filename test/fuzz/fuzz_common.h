/* Shared by lowbit's libFuzzer targets: one context per process, and the
 * whole back half of the compiler (verify, specialize, plan, run on zero
 * inputs, emit C into memory) applied to whatever module a target produced.
 * Any input must end in a result or an error status: never a crash, a
 * sanitizer report, a leak or a hang. Work is bounded so that a fuzzer can
 * run many inputs per second: modules whose buffers exceed 16 MiB are only
 * planned, not run. */
#ifndef LOWBIT_TEST_FUZZ_COMMON_H
#define LOWBIT_TEST_FUZZ_COMMON_H

#include <stdlib.h>
#include <string.h>

#include "codegen/c/emit_c.h"
#include "interp/interp.h"
#include "ir/lb_ir.h"
#include "ir/lb_specialize.h"
#include "support/log.h"

static void lb_fuzz_quiet(void *user, const char *msg) {
  (void)user;
  (void)msg;
}

static MlirContext lb_fuzz_context(void) {
  static MlirContext ctx;
  static int ready;
  if (!ready) {
    lb_status_t st = lb_context_create(&ctx);
    if (st) abort(); /* the embedded dialect must load */
    lb_set_warning_handler(lb_fuzz_quiet, NULL);
    ready = 1;
  }
  return ctx;
}

/* Consumes the module. */
static void lb_fuzz_backend(MlirModule m) {
  lb_specialize_opts_t so = {.batch = 1, .require_static = true};
  lb_plan_t plan;
  memset(&plan, 0, sizeof plan);
  lb_status_t st = lb_module_verify(m, "fuzz");
  if (!st) st = lb_module_specialize(m, &so);
  if (!st) st = lb_plan_build(m, &plan);
  if (!st) {
    int64_t total = plan.scratch_size;
    for (int32_t i = 0; i < plan.ntensors; ++i)
      if (plan.tensors[i].mem != LB_MEM_SCRATCH) total += plan.tensors[i].nbytes;
    if (total <= ((int64_t)16 << 20) && plan.ninputs <= 16 && plan.noutputs <= 16) {
      lb_tensor_t in[16], out[16];
      int32_t k = 0;
      for (; k < plan.ninputs; ++k) {
        const lb_plan_tensor_t *t = &plan.tensors[plan.input_ids[k]];
        if (lb_tensor_alloc(&in[k], t->dtype, t->rank, t->dims)) break;
      }
      if (k == plan.ninputs) {
        st = lb_interp_run(&plan, in, out, NULL, NULL);
        if (!st)
          for (int32_t i = 0; i < plan.noutputs; ++i) lb_tensor_free(&out[i]);
      }
      for (int32_t i = 0; i < k; ++i) lb_tensor_free(&in[i]);
      if (!st) {
        lb_strbuf_t h, c;
        lb_strbuf_init(&h);
        lb_strbuf_init(&c);
        st = lb_emit_c(&plan, "fuzz", &h, &c, NULL);
        lb_strbuf_free(&h);
        lb_strbuf_free(&c);
      }
    }
    lb_plan_free(&plan);
  }
  lb_status_free(st);
  mlirModuleDestroy(m);
}

#endif
