/* lowbit-opt: parse, verify, run lowbit passes, print the IR.
 *
 *   lowbit-opt FILE.mlir [--lb-fold-batchnorm] [--lb-quantize=mode=w8a8] ...
 *   lowbit-opt FILE.mlir --pass-pipeline='builtin.module(lb-fold-batchnorm)'
 *   lowbit-opt --split-input-file FILE.mlir   (chunks separated by // -----)
 *   lowbit-opt FILE.mlir --lb-w8a8=calib=x:c.npy --print-ir-after-all
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ir/lb_ir.h"
#include "passes/passes.h"
#include "support/file.h"
#include "support/strbuf.h"

static void usage_options(FILE *f, const lb_option_decl_t *d) {
  for (; d && d->name; ++d)
    fprintf(f, "      %s=%s%s%s  %s\n", d->name, d->kind == LB_OPTION_INT ? "N" : d->kind == LB_OPTION_FLOAT ? "X" : "S",
            d->dflt ? " (default " : "", d->dflt ? d->dflt : "", d->help);
}

static void usage(FILE *f) {
  fprintf(f,
          "usage: lowbit-opt [options] [FILE.mlir|-]\n"
          "\n"
          "Parses lb IR, verifies it, runs the requested passes in order and prints the result.\n"
          "\n"
          "options:\n"
          "  -o FILE                  write output to FILE (default stdout)\n"
          "  --split-input-file       process chunks separated by '// -----' independently\n"
          "  --pass-pipeline=PIPE     run a textual pipeline, e.g. 'builtin.module(lb-fold-batchnorm)'\n"
          "  --print-ir-after-all     print the IR after every pass (to stderr)\n"
          "  --print-ir-after=PASS    print the IR after the given passes (comma-separated)\n"
          "  --elide-resources        print weight blobs as dense_resource<__elided__>\n"
          "  --mlir-print-debuginfo   print locations\n"
          "  --help, --version\n"
          "\n"
          "passes (as --FLAG or --FLAG=\"key=value key=value\", in order):\n");
  for (const lb_pass_info_t *p = lb_pass_registry(); p->flag; ++p) {
    fprintf(f, "  --%-22s %s\n", p->flag, p->summary);
    usage_options(f, p->options);
  }
  fprintf(f, "\nnamed pipelines (same syntax):\n");
  for (const lb_pipeline_info_t *p = lb_pipeline_registry(); p->name; ++p) {
    fprintf(f, "  --%-22s %s\n", p->name, p->summary);
    usage_options(f, p->options);
  }
}

/* Processes one chunk; returns 0 on success. Diagnostics go to stderr. */
static int process(MlirContext ctx, const char *text, const char *filename, const char *pipeline,
                   const lb_pipeline_config_t *cfg, lb_strbuf_t *out) {
  MlirModule m;
  lb_status_t st = lb_module_parse(ctx, text, filename, &m);
  if (st) {
    const char *msg = lb_status_message(st);
    if (strstr(msg, ": error: ")) fprintf(stderr, "%s\n", msg);
    else fprintf(stderr, "%s: error: %s\n", filename, msg);
    lb_status_free(st);
    return 1;
  }
  lb_diag_capture_t *cap = lb_diag_capture_attach(ctx, filename);
  MlirOperation root = mlirModuleGetOperation(m);
  int failed = !mlirOperationVerify(root);
  if (!failed) failed = lb_verify(root) != 0;
  fputs(lb_diag_text(cap), stderr);
  lb_diag_clear(cap);
  if (!failed && pipeline && *pipeline) {
    st = lb_pipeline_run(m, pipeline, cfg);
    fputs(lb_diag_text(cap), stderr);
    if (st) {
      const char *msg = lb_status_message(st);
    if (strstr(msg, ": error: ")) fprintf(stderr, "%s\n", msg);
    else fprintf(stderr, "%s: error: %s\n", filename, msg);
      lb_status_free(st);
      failed = 1;
    }
  }
  lb_diag_capture_detach(cap);
  if (!failed) {
    char *s = lb_module_print(m, &cfg->print);
    if (s) lb_strbuf_puts(out, s);
    free(s);
  }
  mlirModuleDestroy(m);
  return failed;
}

int main(int argc, char **argv) {
  const char *input = NULL, *output = NULL;
  bool split = false;
  lb_pipeline_config_t cfg = {.print_to = stderr};
  lb_strbuf_t pipeline;
  lb_strbuf_init(&pipeline);
  int bad = 0;
  for (int i = 1; i < argc && !bad; ++i) {
    const char *a = argv[i];
    if (!strcmp(a, "--help") || !strcmp(a, "-h")) {
      usage(stdout);
      lb_strbuf_free(&pipeline);
      return 0;
    } else if (!strcmp(a, "--version")) {
      printf("lowbit-opt %s (MLIR 19)\n", LOWBIT_VERSION);
      lb_strbuf_free(&pipeline);
      return 0;
    } else if (!strcmp(a, "-o") && i + 1 < argc) {
      output = argv[++i];
    } else if (!strcmp(a, "--split-input-file")) {
      split = true;
    } else if (!strcmp(a, "--mlir-print-debuginfo")) {
      cfg.print.debug_locations = true;
    } else if (!strcmp(a, "--elide-resources")) {
      cfg.print.elide_resources = true;
    } else if (!strcmp(a, "--print-ir-after-all")) {
      cfg.print_after_all = stderr;
    } else if (!strncmp(a, "--print-ir-after=", 17)) {
      cfg.print_after = a + 17;
    } else if (!strncmp(a, "--pass-pipeline=", 16)) {
      if (pipeline.len) lb_strbuf_puts(&pipeline, ",");
      lb_strbuf_puts(&pipeline, a + 16);
    } else if (!strncmp(a, "--lb-", 5)) {
      const char *eq = strchr(a, '=');
      size_t nl = eq ? (size_t)(eq - a - 2) : strlen(a + 2);
      char flag[64];
      snprintf(flag, sizeof flag, "%.*s", (int)nl, a + 2);
      if (!lb_pass_lookup(flag) && !lb_pipeline_lookup(flag)) {
        fprintf(stderr, "lowbit-opt: error: unknown pass '--%s' (see --help)\n", flag);
        bad = 1;
        continue;
      }
      if (pipeline.len) lb_strbuf_puts(&pipeline, ",");
      lb_strbuf_puts(&pipeline, flag);
      if (eq) lb_strbuf_printf(&pipeline, "{%s}", eq + 1);
    } else if (!strncmp(a, "--print-ir-after", 16)) {
      fprintf(stderr, "lowbit-opt: error: --print-ir-after needs =PASS[,PASS...]\n");
      bad = 1;
    } else if (a[0] == '-' && a[1]) {
      fprintf(stderr, "lowbit-opt: error: unknown option '%s' (see --help)\n", a);
      bad = 1;
    } else if (!input) {
      input = a;
    } else {
      fprintf(stderr, "lowbit-opt: error: more than one input file\n");
      bad = 1;
    }
  }
  if (bad) {
    lb_strbuf_free(&pipeline);
    return 2;
  }
  if (!input) input = "-";
  if (pipeline.len) {
    lb_status_t pst = lb_pipeline_check(pipeline.data);
    if (pst) {
      fprintf(stderr, "lowbit-opt: error: %s\n", lb_status_message(pst));
      lb_status_free(pst);
      lb_strbuf_free(&pipeline);
      return 2;
    }
  }
  char *text = NULL;
  size_t len = 0;
  lb_status_t st;
  if (!strcmp(input, "-")) {
    lb_strbuf_t sb;
    lb_strbuf_init(&sb);
    char buf[65536];
    size_t n;
    while ((n = fread(buf, 1, sizeof buf, stdin)) > 0) lb_strbuf_append(&sb, buf, n);
    text = sb.data ? sb.data : strdup("");
    len = sb.len;
    st = LB_OK;
  } else {
    st = lb_file_read(input, &text, &len);
  }
  if (st) {
    fprintf(stderr, "lowbit-opt: error: %s\n", lb_status_message(st));
    lb_status_free(st);
    lb_strbuf_free(&pipeline);
    return 1;
  }
  MlirContext ctx;
  st = lb_context_create(&ctx);
  if (st) {
    lb_status_fprint(stderr, st);
    lb_status_free(st);
    free(text);
    lb_strbuf_free(&pipeline);
    return 1;
  }
  const char *fname = strcmp(input, "-") ? input : "<stdin>";
  lb_strbuf_t out;
  lb_strbuf_init(&out);
  int failed = 0;
  if (!split) {
    failed = process(ctx, text, fname, pipeline.data, &cfg, &out);
  } else {
    /* Each chunk is padded with the newlines that precede it so that
     * diagnostics carry the line numbers of the original file. */
    const char *sep = "// -----";
    const char *chunk = text;
    int line_offset = 0, first = 1;
    for (;;) {
      const char *next = strstr(chunk, sep);
      while (next && next != text && next[-1] != '\n') next = strstr(next + 1, sep);
      size_t clen = next ? (size_t)(next - chunk) : strlen(chunk);
      char *buf = malloc((size_t)line_offset + clen + 1);
      if (!buf) {
        failed = 1;
        break;
      }
      memset(buf, '\n', (size_t)line_offset);
      memcpy(buf + line_offset, chunk, clen);
      buf[line_offset + clen] = 0;
      if (!first) lb_strbuf_puts(&out, "// -----\n");
      first = 0;
      failed |= process(ctx, buf, fname, pipeline.data, &cfg, &out);
      free(buf);
      for (size_t i = 0; i < clen; ++i)
        if (chunk[i] == '\n') line_offset++;
      if (!next) break;
      chunk = next;
      /* skip the separator line itself (counted as a line) */
      const char *eol = strchr(chunk, '\n');
      if (!eol) break;
      line_offset++;
      chunk = eol + 1;
    }
  }
  if (output) {
    st = lb_strbuf_write_file(&out, output);
    if (st) {
      lb_status_fprint(stderr, st);
      lb_status_free(st);
      failed = 1;
    }
  } else if (out.data) {
    fputs(out.data, stdout);
  }
  lb_strbuf_free(&out);
  lb_strbuf_free(&pipeline);
  free(text);
  mlirContextDestroy(ctx);
  return failed ? 1 : 0;
}
