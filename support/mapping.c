/* Read-only file mappings (see mapping.h). */
#define _DEFAULT_SOURCE /* madvise */
#include "support/mapping.h"

#include <errno.h>
#include <pthread.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

struct lb_mapping_s {
  void *base;        /* page-aligned start of the mmap */
  size_t size;       /* bytes mapped from base */
  const char *begin; /* first byte the caller asked for */
  size_t len;
  int refs;
  struct lb_mapping_s *prev, *next;
};

static pthread_mutex_t lb_maps_lock = PTHREAD_MUTEX_INITIALIZER;
static lb_mapping_t *lb_maps; /* live mappings */

lb_status_t lb_mapping_open(int fd, uint64_t offset, size_t len, const char *path, lb_mapping_t **out,
                            const void **data) {
  long pg = sysconf(_SC_PAGESIZE);
  if (pg <= 0) pg = 4096;
  uint64_t start = offset / (uint64_t)pg * (uint64_t)pg;
  size_t skip = (size_t)(offset - start), size = skip + (len ? len : 1);
  lb_mapping_t *m = calloc(1, sizeof *m);
  if (!m) return LB_ERROR(LB_STATUS_RESOURCE_EXHAUSTED, "out of memory");
  void *base = mmap(NULL, size, PROT_READ, MAP_PRIVATE, fd, (off_t)start);
  if (base == MAP_FAILED) {
    free(m);
    return LB_ERROR(errno == ENOMEM ? LB_STATUS_RESOURCE_EXHAUSTED : LB_STATUS_IO, "%s: cannot map %zu bytes: %s",
                    path, len, strerror(errno));
  }
  m->base = base;
  m->size = size;
  m->begin = (const char *)base + skip;
  m->len = len;
  m->refs = 1;
  pthread_mutex_lock(&lb_maps_lock);
  m->next = lb_maps;
  if (lb_maps) lb_maps->prev = m;
  lb_maps = m;
  pthread_mutex_unlock(&lb_maps_lock);
  *out = m;
  *data = m->begin;
  return LB_OK;
}

void lb_mapping_ref(lb_mapping_t *m) {
  pthread_mutex_lock(&lb_maps_lock);
  m->refs++;
  pthread_mutex_unlock(&lb_maps_lock);
}

void lb_mapping_unref(lb_mapping_t *m) {
  if (!m) return;
  pthread_mutex_lock(&lb_maps_lock);
  bool last = --m->refs == 0;
  if (last) {
    if (m->prev) m->prev->next = m->next;
    else lb_maps = m->next;
    if (m->next) m->next->prev = m->prev;
  }
  pthread_mutex_unlock(&lb_maps_lock);
  if (!last) return;
  munmap(m->base, m->size);
  free(m);
}

static lb_mapping_t *lb_mapping_find_locked(const void *p, size_t n) {
  const char *c = p;
  for (lb_mapping_t *m = lb_maps; m; m = m->next)
    if (c >= m->begin && c <= m->begin + m->len && n <= (size_t)(m->begin + m->len - c)) return m;
  return NULL;
}

lb_mapping_t *lb_mapping_find(const void *p, size_t n) {
  if (!p) return NULL;
  pthread_mutex_lock(&lb_maps_lock);
  lb_mapping_t *m = lb_mapping_find_locked(p, n);
  pthread_mutex_unlock(&lb_maps_lock);
  return m;
}

void lb_mapping_evict(const void *p, size_t n) {
  if (!p || !n) return;
  pthread_mutex_lock(&lb_maps_lock);
  if (lb_mapping_find_locked(p, n)) {
    long pg = sysconf(_SC_PAGESIZE);
    if (pg <= 0) pg = 4096;
    uintptr_t lo = ((uintptr_t)p + (uintptr_t)pg - 1) / (uintptr_t)pg * (uintptr_t)pg;
    uintptr_t hi = ((uintptr_t)p + n) / (uintptr_t)pg * (uintptr_t)pg;
    if (hi > lo) madvise((void *)lo, hi - lo, MADV_DONTNEED);
  }
  pthread_mutex_unlock(&lb_maps_lock);
}
