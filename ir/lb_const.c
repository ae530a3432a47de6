/* Constants: creating elements attributes from host data and reading them
 * back, with conversion. The one place that knows how MLIR stores dense and
 * dense_resource elements. */
#include <math.h>
#include <pthread.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "ir/lb_ir.h"
#include "support/mapping.h"

/* Tensors above this many bytes become dense_resource blobs. */
#define LB_RESOURCE_THRESHOLD 256

/* ---- blobs ----
 *
 * The C API gives no pointer to a dense_resource blob's bytes (only one
 * element per call), so lowbit remembers the bytes of every blob it creates:
 * a table from the attribute (uniqued, so its storage pointer names it) to
 * its data. Reads then copy with memcpy, and views (lb_constant_view) need
 * no copy at all. The blob's deleter, run when the context is destroyed,
 * removes the entry. Blobs MLIR parsed from text are not in the table and
 * are read element by element. */

typedef struct lb_blob_s {
  const void *key; /* attribute storage */
  const void *data;
  size_t nbytes;
  lb_mapping_t *mapping; /* borrowed file pages, or NULL: data is malloc'd */
} lb_blob_t;

static pthread_mutex_t lb_blobs_lock = PTHREAD_MUTEX_INITIALIZER;
static lb_blob_t **lb_blobs; /* open addressing, linear probing; NULL = empty, &lb_tomb = deleted */
static size_t lb_blobs_cap, lb_blobs_used;
static lb_blob_t lb_tomb;

static size_t lb_blob_hash(const void *key) {
  uint64_t x = (uint64_t)(uintptr_t)key;
  x ^= x >> 33;
  x *= 0xff51afd7ed558ccdULL;
  x ^= x >> 33;
  return (size_t)x;
}

/* Locked. */
static lb_blob_t **lb_blob_slot(const void *key) {
  if (!lb_blobs_cap) return NULL;
  for (size_t i = lb_blob_hash(key) & (lb_blobs_cap - 1);; i = (i + 1) & (lb_blobs_cap - 1)) {
    if (!lb_blobs[i]) return NULL;
    if (lb_blobs[i] != &lb_tomb && lb_blobs[i]->key == key) return &lb_blobs[i];
  }
}

/* Locked. False on OOM. */
static bool lb_blob_insert(lb_blob_t *b) {
  if ((lb_blobs_used + 1) * 2 > lb_blobs_cap) {
    size_t cap = lb_blobs_cap ? lb_blobs_cap * 2 : 64;
    lb_blob_t **nt = calloc(cap, sizeof *nt), **old = lb_blobs;
    if (!nt) return false;
    size_t oc = lb_blobs_cap;
    lb_blobs = nt;
    lb_blobs_cap = cap;
    lb_blobs_used = 0;
    for (size_t i = 0; i < oc; ++i)
      if (old[i] && old[i] != &lb_tomb) {
        size_t j = lb_blob_hash(old[i]->key) & (cap - 1);
        while (nt[j]) j = (j + 1) & (cap - 1);
        nt[j] = old[i];
        lb_blobs_used++;
      }
    free(old);
  }
  size_t j = lb_blob_hash(b->key) & (lb_blobs_cap - 1);
  while (lb_blobs[j] && lb_blobs[j] != &lb_tomb) j = (j + 1) & (lb_blobs_cap - 1);
  if (!lb_blobs[j]) lb_blobs_used++;
  lb_blobs[j] = b;
  return true;
}

static void lb_blob_free(void *user, const void *data, size_t size, size_t align) {
  (void)size;
  (void)align;
  lb_blob_t *b = user;
  pthread_mutex_lock(&lb_blobs_lock);
  lb_blob_t **slot = b->key ? lb_blob_slot(b->key) : NULL;
  if (slot && *slot == b) *slot = &lb_tomb;
  pthread_mutex_unlock(&lb_blobs_lock);
  if (b->mapping) lb_mapping_unref(b->mapping);
  else free((void *)data);
  free(b);
}

/* The bytes of a blob lowbit created, or NULL. */
static const void *lb_blob_data(MlirAttribute a) {
  pthread_mutex_lock(&lb_blobs_lock);
  lb_blob_t **slot = lb_blob_slot(a.ptr);
  const void *d = slot ? (*slot)->data : NULL;
  pthread_mutex_unlock(&lb_blobs_lock);
  return d;
}

MlirAttribute lb_elements_attr_create(MlirType type, const void *data, size_t nbytes) {
  lb_dtype_t dt = LB_DT_INVALID;
  lb_type_to_dtype(mlirShapedTypeGetElementType(type), &dt);
  /* MLIR stores sub-byte integers of dense attributes one per byte, like
   * lowbit's host containers; they stay dense (MLIR's blobs have no defined
   * sub-byte layout). */
  if (nbytes <= LB_RESOURCE_THRESHOLD || lb_dtype_is_subbyte(dt))
    return mlirDenseElementsAttrRawBufferGet(type, nbytes, data);
  lb_blob_t *b = calloc(1, sizeof *b);
  if (!b) return mlirAttributeGetNull();
  /* bytes in a file mapping are borrowed (the blob holds a reference);
   * anything else is copied */
  size_t align = 16;
  b->mapping = lb_mapping_find(data, nbytes);
  if (b->mapping) {
    lb_mapping_ref(b->mapping);
    b->data = data;
    while (align > 1 && (uintptr_t)data % align) align /= 2;
  } else {
    void *copy = malloc(nbytes);
    if (!copy) {
      free(b);
      return mlirAttributeGetNull();
    }
    memcpy(copy, data, nbytes);
    b->data = copy;
  }
  b->nbytes = nbytes;
  MlirAttribute a = mlirUnmanagedDenseResourceElementsAttrGet(type, mlirStringRefCreateFromCString("lb_const"),
                                                              (void *)b->data, nbytes, align, false, lb_blob_free, b);
  if (mlirAttributeIsNull(a)) return a;
  pthread_mutex_lock(&lb_blobs_lock);
  b->key = a.ptr;
  bool ok = lb_blob_insert(b);
  pthread_mutex_unlock(&lb_blobs_lock);
  if (!ok) b->key = NULL; /* still correct: read element by element */
  return a;
}

/* view: borrow the bytes of a blob lowbit created instead of copying. */
static lb_status_t lb_attr_read(MlirAttribute a, lb_tensor_t *out, bool view) {
  MlirType t = mlirAttributeGetType(a);
  int32_t rank;
  int64_t dims[LB_MAX_RANK];
  lb_dtype_t dt;
  if (!lb_type_get_shape(t, &rank, dims) || !lb_type_to_dtype(mlirShapedTypeGetElementType(t), &dt))
    return LB_ERROR(LB_STATUS_INVALID_ARGUMENT, "constant has an unsupported type");
  for (int32_t i = 0; i < rank; ++i)
    if (dims[i] == LB_DYN) return LB_ERROR(LB_STATUS_INVALID_ARGUMENT, "constant has a dynamic shape");
  int64_t n = lb_dims_count(rank, dims);
  size_t es = lb_dtype_size(dt);
  if (n < 0 || (uint64_t)n > ((uint64_t)1 << 40) / es)
    return LB_ERROR(LB_STATUS_OUT_OF_RANGE, "constant of %lld elements is too large", (long long)n);
  bool dense = mlirAttributeIsADenseElements(a), resource = mlirAttributeIsADenseResourceElements(a);
  if (!dense && !resource) return LB_ERROR(LB_STATUS_INVALID_ARGUMENT, "constant value is not a dense elements attribute");
  if (resource && lb_dtype_is_subbyte(dt))
    return LB_ERROR(LB_STATUS_UNIMPLEMENTED, "dense_resource constants of sub-byte type %s are not supported",
                    lb_dtype_name(dt));
  if (view && resource) {
    const void *src = lb_blob_data(a);
    if (src) {
      memset(out, 0, sizeof *out);
      out->dtype = dt;
      out->rank = rank;
      memcpy(out->dims, dims, sizeof(int64_t) * (size_t)rank);
      out->data = (void *)src;
      out->borrowed = 1;
      return LB_OK;
    }
  }
  if (lb_tensor_alloc(out, dt, rank, dims) != 0)
    return LB_ERROR(LB_STATUS_RESOURCE_EXHAUSTED, "cannot allocate a constant of %lld elements", (long long)n);
  unsigned char *dst = out->data;
  if (dense) {
    const unsigned char *raw = mlirDenseElementsAttrGetRawData(a);
    if (mlirDenseElementsAttrIsSplat(a)) {
      for (int64_t i = 0; i < n; ++i) memcpy(dst + (size_t)i * es, raw, es);
    } else {
      memcpy(dst, raw, (size_t)n * es);
    }
    /* sub-byte storage keeps only the low bits meaningful: extend them */
    if (lb_dtype_is_subbyte(dt))
      for (int64_t i = 0; i < n; ++i) lb_dtype_store_int(dt, dst, i, lb_dtype_extend(dt, dst[i]));
  } else {
    /* Blob sizes were checked against their types when the module was
     * parsed (lb_module_parse) or created (lb_elements_attr_create). */
    const void *src = lb_blob_data(a);
    if (src) memcpy(dst, src, (size_t)n * es);
    else
      for (int64_t i = 0; i < n * (int64_t)es; ++i) dst[i] = mlirDenseUInt8ResourceElementsAttrGetValue(a, i);
  }
  return LB_OK;
}

static lb_status_t lb_constant_get(MlirOperation op, lb_tensor_t *out, bool view) {
  if (lb_op_get_kind(op) != LB_OP_CONSTANT) return LB_ERROR(LB_STATUS_INVALID_ARGUMENT, "not an lb.constant");
  MlirAttribute a = mlirOperationGetAttributeByName(op, mlirStringRefCreateFromCString(LB_ATTR_VALUE));
  if (mlirAttributeIsNull(a)) return LB_ERROR(LB_STATUS_INVALID_ARGUMENT, "lb.constant without value");
  /* readers trust the result type (the verifier reports the mismatch; other
   * ops' verifiers may still read the constant before it is rejected) */
  if (!mlirTypeEqual(mlirAttributeGetType(a), mlirValueGetType(mlirOperationGetResult(op, 0))))
    return LB_ERROR(LB_STATUS_INVALID_ARGUMENT, "lb.constant value type does not match its result type");
  return lb_attr_read(a, out, view);
}

lb_status_t lb_constant_read(MlirOperation op, lb_tensor_t *out) { return lb_constant_get(op, out, false); }

lb_status_t lb_constant_view(MlirOperation op, lb_tensor_t *out) { return lb_constant_get(op, out, true); }

bool lb_value_is_constant(MlirValue v) { return lb_op_get_kind(lb_value_def(v)) == LB_OP_CONSTANT; }

lb_status_t lb_value_read_constant(MlirValue v, lb_tensor_t *out) {
  MlirOperation def = lb_value_def(v);
  if (mlirOperationIsNull(def)) return LB_ERROR(LB_STATUS_NOT_FOUND, "value is a block argument");
  if (lb_op_get_kind(def) != LB_OP_CONSTANT) return LB_ERROR(LB_STATUS_NOT_FOUND, "value is not a constant");
  return lb_constant_read(def, out);
}

lb_status_t lb_value_view_constant(MlirValue v, lb_tensor_t *out) {
  MlirOperation def = lb_value_def(v);
  if (mlirOperationIsNull(def)) return LB_ERROR(LB_STATUS_NOT_FOUND, "value is a block argument");
  if (lb_op_get_kind(def) != LB_OP_CONSTANT) return LB_ERROR(LB_STATUS_NOT_FOUND, "value is not a constant");
  return lb_constant_view(def, out);
}

lb_status_t lb_operand_read_as(MlirOperation op, intptr_t i, lb_dtype_t as, lb_tensor_t *out) {
  if (i >= mlirOperationGetNumOperands(op)) return lb_op_error(op, LB_STATUS_INVALID_ARGUMENT, "missing operand #%d", (int)i);
  lb_tensor_t t;
  lb_status_t st = lb_value_read_constant(mlirOperationGetOperand(op, i), &t);
  if (st) {
    lb_status_code_t code = lb_status_code(st) == LB_STATUS_NOT_FOUND ? LB_STATUS_UNIMPLEMENTED : lb_status_code(st);
    lb_status_t e = lb_op_error(op, code, "operand #%d must be a constant (%s)", (int)i, lb_status_message(st));
    lb_status_free(st);
    return e;
  }
  int64_t n = lb_tensor_count(&t);
  int64_t d[1] = {n};
  if (lb_tensor_alloc(out, as, 1, d)) {
    lb_tensor_free(&t);
    return LB_ERROR(LB_STATUS_RESOURCE_EXHAUSTED, "out of memory");
  }
  int64_t lo = lb_dtype_min(as), hi = lb_dtype_max(as);
  for (int64_t k = 0; k < n; ++k) {
    if (lb_dtype_is_float(as)) {
      ((float *)out->data)[k] = lb_dtype_is_float(t.dtype) ? ((float *)t.data)[k] : (float)lb_tensor_get(&t, k);
    } else if (lb_dtype_is_float(t.dtype)) {
      double v = ((float *)t.data)[k];
      int64_t q = isnan(v) ? 0 : v <= (double)lo ? lo : v >= (double)hi ? hi : (int64_t)v;
      lb_dtype_store_int(as, out->data, k, q);
    } else {
      int64_t v = lb_dtype_load_int(t.dtype, t.data, k);
      lb_dtype_store_int(as, out->data, k, v < lo ? lo : v > hi ? hi : v);
    }
  }
  lb_tensor_free(&t);
  return LB_OK;
}

lb_status_t lb_operand_read_scalar_int(MlirOperation op, intptr_t i, int64_t *out) {
  lb_tensor_t t;
  LB_RETURN_IF_ERROR(lb_operand_read_as(op, i, LB_DT_I64, &t));
  bool one = lb_tensor_count(&t) == 1;
  if (one) *out = ((int64_t *)t.data)[0];
  lb_tensor_free(&t);
  return one ? LB_OK : lb_op_error(op, LB_STATUS_INVALID_ARGUMENT, "operand #%d must have exactly one element", (int)i);
}
