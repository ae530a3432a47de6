/* lowbit-translate: run an emitter over lb IR.
 *
 *   lowbit-translate --lb-to-c FILE.mlir [--name NAME] [--batch N] [--target T] [-o OUTDIR]
 *
 * Without -o, prints NAME.h then NAME.c to stdout (for FileCheck). */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "codegen/c/emit_c.h"
#include "interp/interp.h"
#include "ir/lb_ir.h"
#include "ir/lb_specialize.h"
#include "ir/lb_target.h"
#include "support/file.h"

static void usage(FILE *f) {
  fprintf(f, "usage: lowbit-translate --lb-to-c FILE.mlir [--name NAME] [--batch N] [--target T] [-o OUTDIR]\n\n"
             "  --lb-to-c    emit portable C99 (NAME.h + NAME.c) from lb IR\n"
             "  --name NAME  symbol prefix (default: model)\n"
             "  --batch N    size for symbolic dim 0 of inputs (default: 1)\n"
             "  --target T   target description (default: the module's lb.target, else generic-c)\n"
             "  -o OUTDIR    write files there instead of printing them\n");
}

int main(int argc, char **argv) {
  const char *input = NULL, *name = "model", *outdir = NULL, *target = NULL;
  int to_c = 0;
  long long batch = 1;
  for (int i = 1; i < argc; ++i) {
    const char *a = argv[i];
    if (!strcmp(a, "--help")) {
      usage(stdout);
      return 0;
    } else if (!strcmp(a, "--version")) {
      printf("lowbit-translate %s\n", LOWBIT_VERSION);
      return 0;
    } else if (!strcmp(a, "--lb-to-c")) {
      to_c = 1;
    } else if ((!strcmp(a, "--name") || !strcmp(a, "--batch") || !strcmp(a, "-o") || !strcmp(a, "--target")) &&
               i + 1 < argc) {
      const char *v = argv[++i];
      if (!strcmp(a, "--name")) name = v;
      else if (!strcmp(a, "-o")) outdir = v;
      else if (!strcmp(a, "--target")) target = v;
      else {
        char *end;
        errno = 0;
        batch = strtoll(v, &end, 10);
        if (!*v || *end || errno || batch <= 0 || batch > ((long long)1 << 40)) {
          fprintf(stderr, "lowbit-translate: error: --batch expects a positive integer up to 2^40, got '%s'\n", v);
          return 2;
        }
      }
    } else if (a[0] == '-') {
      fprintf(stderr, "lowbit-translate: error: unknown option '%s' (or missing value)\n", a);
      return 2;
    } else if (!input) {
      input = a;
    } else {
      fprintf(stderr, "lowbit-translate: error: more than one input file\n");
      return 2;
    }
  }
  if (!to_c || !input) {
    usage(stderr);
    return 2;
  }
  char *text = NULL;
  size_t len;
  MlirContext ctx = {NULL};
  MlirModule m = {NULL};
  lb_plan_t plan;
  memset(&plan, 0, sizeof plan);
  lb_status_t st = lb_file_read(input, &text, &len);
  if (!st) st = lb_context_create(&ctx);
  if (!st) st = lb_module_parse(ctx, text, input, &m);
  if (!st) st = lb_module_verify(m, input);
  if (!st && mlirOperationIsNull(lb_module_get_func(m)))
    st = LB_ERROR(LB_STATUS_INVALID_ARGUMENT, "%s: the module has no function with a body", input);
  if (!st && target) {
    MlirAttribute t;
    st = lb_target_load(ctx, target, &t);
    if (!st) lb_module_set_target(m, t);
  }
  lb_specialize_opts_t so = {.batch = batch, .require_static = true};
  if (!st) st = lb_module_specialize(m, &so);
  if (!st) st = lb_plan_build(m, &plan);
  if (!st) {
    if (outdir) {
      st = lb_emit_c_files(&plan, name, outdir, NULL);
    } else {
      lb_strbuf_t h, c;
      lb_strbuf_init(&h);
      lb_strbuf_init(&c);
      st = lb_emit_c(&plan, name, &h, &c, NULL);
      if (!st && (printf("%s\n%s", h.data, c.data) < 0 || fflush(stdout) != 0))
        st = LB_ERROR(LB_STATUS_IO, "<stdout>: write failed");
      lb_strbuf_free(&h);
      lb_strbuf_free(&c);
    }
  }
  lb_plan_free(&plan);
  if (!mlirModuleIsNull(m)) mlirModuleDestroy(m);
  if (ctx.ptr) mlirContextDestroy(ctx);
  free(text);
  if (st) {
    fprintf(stderr, "lowbit-translate: error: %s\n", lb_status_message(st));
    lb_status_free(st);
    return 1;
  }
  return 0;
}
