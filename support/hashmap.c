#include "support/hashmap.h"

#include <stdlib.h>
#include <string.h>

#define LB_HM_EMPTY 0
#define LB_HM_DELETED 1

void lb_hashmap_init(lb_hashmap_t *m) { memset(m, 0, sizeof *m); }

void lb_hashmap_free(lb_hashmap_t *m) {
  free(m->slots);
  memset(m, 0, sizeof *m);
}

static uint64_t lb_hm_hash(const void *key, size_t len) {
  uint64_t h = 1469598103934665603ull; /* FNV-1a */
  if (len == SIZE_MAX) {
    uintptr_t p = (uintptr_t)key;
    for (size_t i = 0; i < sizeof p; ++i, p >>= 8) h = (h ^ (p & 0xFF)) * 1099511628211ull;
  } else {
    const unsigned char *s = key;
    for (size_t i = 0; i < len; ++i) h = (h ^ s[i]) * 1099511628211ull;
  }
  return h < 2 ? h + 2 : h;
}

static bool lb_hm_eq(const lb_hashmap_entry_t *e, uint64_t h, const void *key, size_t len) {
  if (e->hash != h || e->len != len) return false;
  return len == SIZE_MAX ? e->key == key : memcmp(e->key, key, len) == 0;
}

static lb_hashmap_entry_t *lb_hm_find(const lb_hashmap_t *m, uint64_t h, const void *key, size_t len) {
  if (!m->cap) return NULL;
  for (size_t i = h & (m->cap - 1);; i = (i + 1) & (m->cap - 1)) {
    lb_hashmap_entry_t *e = &m->slots[i];
    if (e->hash == LB_HM_EMPTY) return NULL;
    if (lb_hm_eq(e, h, key, len)) return e;
  }
}

static bool lb_hm_grow(lb_hashmap_t *m) {
  size_t cap = m->cap ? m->cap * 2 : 64;
  if (m->count * 2 < m->cap) cap = m->cap; /* many deleted slots: rehash in place size */
  lb_hashmap_entry_t *s = calloc(cap, sizeof *s);
  if (!s) return false;
  for (size_t i = 0; i < m->cap; ++i) {
    lb_hashmap_entry_t *e = &m->slots[i];
    if (e->hash < 2) continue;
    size_t j = e->hash & (cap - 1);
    while (s[j].hash != LB_HM_EMPTY) j = (j + 1) & (cap - 1);
    s[j] = *e;
  }
  free(m->slots);
  m->slots = s;
  m->cap = cap;
  m->used = m->count;
  return true;
}

static bool lb_hm_put(lb_hashmap_t *m, const void *key, size_t len, int64_t value) {
  uint64_t h = lb_hm_hash(key, len);
  lb_hashmap_entry_t *e = lb_hm_find(m, h, key, len);
  if (e) {
    e->value = value;
    return true;
  }
  if ((m->used + 1) * 4 >= m->cap * 3 && !lb_hm_grow(m)) return false;
  size_t i = h & (m->cap - 1);
  while (m->slots[i].hash >= 2) i = (i + 1) & (m->cap - 1);
  if (m->slots[i].hash == LB_HM_EMPTY) m->used++;
  m->slots[i] = (lb_hashmap_entry_t){key, len, h, value};
  m->count++;
  return true;
}

bool lb_hashmap_put_ptr(lb_hashmap_t *m, const void *key, int64_t value) { return lb_hm_put(m, key, SIZE_MAX, value); }
bool lb_hashmap_put_str(lb_hashmap_t *m, const char *key, size_t len, int64_t value) {
  return lb_hm_put(m, key, len, value);
}

bool lb_hashmap_get_ptr(const lb_hashmap_t *m, const void *key, int64_t *value) {
  lb_hashmap_entry_t *e = lb_hm_find(m, lb_hm_hash(key, SIZE_MAX), key, SIZE_MAX);
  if (e && value) *value = e->value;
  return e != NULL;
}

bool lb_hashmap_get_str(const lb_hashmap_t *m, const char *key, size_t len, int64_t *value) {
  lb_hashmap_entry_t *e = lb_hm_find(m, lb_hm_hash(key, len), key, len);
  if (e && value) *value = e->value;
  return e != NULL;
}

bool lb_hashmap_del_ptr(lb_hashmap_t *m, const void *key) {
  lb_hashmap_entry_t *e = lb_hm_find(m, lb_hm_hash(key, SIZE_MAX), key, SIZE_MAX);
  if (!e) return false;
  e->hash = LB_HM_DELETED;
  m->count--;
  return true;
}
