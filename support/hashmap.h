/* A small open-addressing hash map from keys to int64 values, used where a
 * model controls the number of entries (symbol tables, value -> tensor maps,
 * worklists), so that lookups stay O(1) and compile time linear in model
 * size.
 *
 * Keys are either pointers (lb_hashmap_*_ptr: compared by address) or byte
 * strings (lb_hashmap_*_str: compared by content; the map does not copy
 * them, so they must outlive the map).
 *
 *   lb_hashmap_t m;
 *   lb_hashmap_init(&m);
 *   if (!lb_hashmap_put_ptr(&m, op.ptr, 7)) ...out of memory...
 *   int64_t v;
 *   if (lb_hashmap_get_ptr(&m, op.ptr, &v)) ...
 *   lb_hashmap_free(&m);
 */
#ifndef LOWBIT_SUPPORT_HASHMAP_H
#define LOWBIT_SUPPORT_HASHMAP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef struct lb_hashmap_entry_s {
  const void *key;
  size_t len;    /* string keys: length; pointer keys: SIZE_MAX */
  uint64_t hash; /* 0 = empty slot, 1 = deleted */
  int64_t value;
} lb_hashmap_entry_t;

typedef struct lb_hashmap_s {
  lb_hashmap_entry_t *slots;
  size_t cap;   /* power of two */
  size_t used;  /* live + deleted slots */
  size_t count; /* live entries */
} lb_hashmap_t;

void lb_hashmap_init(lb_hashmap_t *m);
void lb_hashmap_free(lb_hashmap_t *m);
/* Inserts or overwrites; false on allocation failure. */
bool lb_hashmap_put_ptr(lb_hashmap_t *m, const void *key, int64_t value);
bool lb_hashmap_put_str(lb_hashmap_t *m, const char *key, size_t len, int64_t value);
/* True and *value when present. */
bool lb_hashmap_get_ptr(const lb_hashmap_t *m, const void *key, int64_t *value);
bool lb_hashmap_get_str(const lb_hashmap_t *m, const char *key, size_t len, int64_t *value);
/* Removes the key if present; returns whether it was. */
bool lb_hashmap_del_ptr(lb_hashmap_t *m, const void *key);

#endif
