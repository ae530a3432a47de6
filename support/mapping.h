/* Read-only file mappings: weights of large models stay in the page cache
 * instead of being copied into the heap.
 *
 * A mapping covers one byte range of a regular file (mapped page-aligned,
 * PROT_READ, so a write through it faults instead of corrupting anything).
 * It is reference counted: the host tensor that decoded it holds one
 * reference, every MLIR constant that borrows its bytes holds another, and
 * the last unref unmaps it. Live mappings are registered, so code holding
 * only a data pointer can ask whether it is file-backed (lb_mapping_find)
 * and drop its resident pages once it is done with them (lb_mapping_evict):
 * the pages come back from the file if read again, so eviction never
 * changes a result; it only bounds the resident memory of a pass that
 * streams through a model's weights.
 *
 * A file truncated by another process while it is mapped makes the next
 * access to the lost pages raise SIGBUS; lowbit does not defend against
 * concurrent modification of its inputs (docs/SECURITY.md).
 *
 * Thread-safe (the registry is locked). */
#ifndef LOWBIT_SUPPORT_MAPPING_H
#define LOWBIT_SUPPORT_MAPPING_H

#include <stddef.h>
#include <stdint.h>

#include "support/status.h"

typedef struct lb_mapping_s lb_mapping_t;

/* Tensors of at least this many bytes are mapped rather than read. */
#define LB_MAPPING_MIN_BYTES ((size_t)1 << 20)

/* Maps `len` bytes of the open regular file `fd` at `offset` (the caller
 * has checked that they exist and keeps ownership of fd, which may be
 * closed afterwards). *data gets the address of the first byte; the
 * mapping starts with one reference. `path` is for messages. */
lb_status_t lb_mapping_open(int fd, uint64_t offset, size_t len, const char *path, lb_mapping_t **out,
                            const void **data);

void lb_mapping_ref(lb_mapping_t *m);
/* Drops a reference; the last one unmaps. NULL is ignored. */
void lb_mapping_unref(lb_mapping_t *m);

/* The live mapping that contains all of [p, p + n), or NULL. Does not add
 * a reference. */
lb_mapping_t *lb_mapping_find(const void *p, size_t n);

/* If [p, p + n) lies in a live mapping, releases the resident pages wholly
 * inside it (madvise MADV_DONTNEED); otherwise does nothing. */
void lb_mapping_evict(const void *p, size_t n);

#endif
