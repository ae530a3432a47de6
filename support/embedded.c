#include "support/embedded.h"

#include <string.h>

const char *lb_embedded_find(const lb_embedded_file_t *table, const char *name) {
  for (; table->name; ++table)
    if (!strcmp(table->name, name)) return table->data;
  return NULL;
}
