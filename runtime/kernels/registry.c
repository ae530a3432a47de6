#include "runtime/kernels/registry.h"

#include <string.h>

static lb_kernel_t *lb_kernels_head;

void lb_kernel_register(lb_kernel_t *k) {
  k->next = lb_kernels_head;
  lb_kernels_head = k;
}

const lb_kernel_t *lb_kernel_first(void) { return lb_kernels_head; }

const lb_kernel_t *lb_kernel_find(const char *name, const char *isa) {
  const lb_kernel_t *ref = NULL;
  for (const lb_kernel_t *k = lb_kernels_head; k; k = k->next) {
    if (strcmp(k->name, name) != 0) continue;
    if (isa && !strcmp(k->isa, isa)) return k;
    if (!strcmp(k->isa, "ref")) ref = k;
  }
  return ref;
}

bool lb_kernel_isa_known(const char *isa) {
  if (!strcmp(isa, "generic") || !strcmp(isa, "ref")) return true;
  for (const lb_kernel_t *k = lb_kernel_first(); k; k = k->next)
    if (!strcmp(k->isa, isa)) return true;
  return false;
}
