/* lowbit-translate: run an emitter over lb IR.
 *
 *   lowbit-translate --lb-to-c FILE.mlir [--name NAME] [--batch N] [-o OUTDIR]
 *
 * Without -o, prints NAME.h then NAME.c to stdout (for FileCheck). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "codegen/c/emit_c.h"
#include "codegen/plan.h"
#include "ir/lb_ir.h"
#include "passes/passes.h"
#include "support/file.h"

static void usage(FILE *f) {
  fprintf(f, "usage: lowbit-translate --lb-to-c FILE.mlir [--name NAME] [--batch N] [-o OUTDIR]\n\n"
             "  --lb-to-c    emit portable C99 (NAME.h + NAME.c) from lb IR\n"
             "  --name NAME  symbol prefix (default: model)\n"
             "  --batch N    size for dynamic dims (default: 1)\n"
             "  -o OUTDIR    write files there instead of printing them\n");
}

int main(int argc, char **argv) {
  const char *input = NULL, *name = "model", *outdir = NULL;
  int to_c = 0;
  long long batch = 1;
  for (int i = 1; i < argc; ++i) {
    if (!strcmp(argv[i], "--help")) {
      usage(stdout);
      return 0;
    } else if (!strcmp(argv[i], "--version")) {
      printf("lowbit-translate %s\n", LOWBIT_VERSION);
      return 0;
    } else if (!strcmp(argv[i], "--lb-to-c")) {
      to_c = 1;
    } else if (!strcmp(argv[i], "--name") && i + 1 < argc) {
      name = argv[++i];
    } else if (!strcmp(argv[i], "--batch") && i + 1 < argc) {
      batch = atoll(argv[++i]);
    } else if (!strcmp(argv[i], "-o") && i + 1 < argc) {
      outdir = argv[++i];
    } else if (argv[i][0] == '-') {
      fprintf(stderr, "lowbit-translate: error: unknown option '%s'\n", argv[i]);
      return 2;
    } else {
      input = argv[i];
    }
  }
  if (!to_c || !input) {
    usage(stderr);
    return 2;
  }
  char *text;
  size_t len;
  lb_status_t st = lb_file_read(input, &text, &len);
  MlirContext ctx = {NULL};
  MlirModule m = {NULL};
  lb_plan_t plan;
  memset(&plan, 0, sizeof plan);
  if (!st) st = lb_context_create(&ctx);
  if (!st) st = lb_module_parse(ctx, text, input, &m);
  if (!st) st = lb_module_verify(m);
  if (!st) st = lb_module_specialize(m, batch);
  if (!st) st = lb_plan_build(m, &plan);
  if (!st) {
    if (outdir) {
      st = lb_emit_c_files(&plan, name, outdir, NULL);
    } else {
      lb_strbuf_t h, c;
      lb_strbuf_init(&h);
      lb_strbuf_init(&c);
      st = lb_emit_c(&plan, name, &h, &c, NULL);
      if (!st) printf("%s\n%s", h.data, c.data);
      lb_strbuf_free(&h);
      lb_strbuf_free(&c);
    }
  }
  lb_plan_free(&plan);
  if (!mlirModuleIsNull(m)) mlirModuleDestroy(m);
  if (ctx.ptr) mlirContextDestroy(ctx);
  if (st) {
    fprintf(stderr, "lowbit-translate: error: %s\n", lb_status_message(st));
    lb_status_free(st);
    return 1;
  }
  free(text);
  return 0;
}
