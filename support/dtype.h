/* Element types: the dtype descriptor the compiler uses everywhere.
 *
 * A dtype is a small value (class + bit width), not an enum of byte-sized
 * types, so sub-byte integers (i2, i3, i4, ui4, ...) are ordinary dtypes:
 *
 *   lb_dtype_t dt = LB_DTYPE_SINT(4);          // i4
 *   lb_dtype_bits(dt)        == 4
 *   lb_dtype_is_signed(dt)   == true
 *   lb_dtype_size(dt)        == 1              // host container: one byte
 *   lb_dtype_packed_bytes(dt, 5) == 3          // 5 x 4 bits, packed
 *   lb_dtype_min(dt) == -8, lb_dtype_max(dt) == 7
 *
 * Supported: signed and unsigned integers of 2..32 bits and 64 bits, and
 * float32. (i1 is left out: MLIR stores its dense elements bit-packed,
 * unlike every other width.) Names follow MLIR: "i4", "ui8", "i32", "f32".
 *
 * Storage. Host tensors (support/tensor.h), interpreter buffers and the
 * arrays of generated C hold one element per container: 1 byte for widths
 * up to 8, 2 for up to 16, 4 for up to 32, 8 for 64. A sub-byte value is
 * stored sign-extended (signed) or zero-extended (unsigned) in its byte, so
 * i4 data is valid int8 data. The packed form (lb_dtype_pack) puts
 * elements LSB-first into consecutive bits of a little-endian byte stream:
 * element i occupies bits [i*b, (i+1)*b) of the stream, bit k of the
 * stream being bit (k % 8) of byte k / 8; the last byte is zero-padded.
 * Two i4 values per byte therefore give byte = (e0 & 0xF) | (e1 & 0xF) << 4.
 * Packed layouts for kernels (tiles, interleaving) are described by the
 * pack-layout pass on top of this stream order.
 *
 * This header is for the compiler. Generated code never sees it: its ABI is
 * the plain C types of the generated NAME.h.
 */
#ifndef LOWBIT_SUPPORT_DTYPE_H
#define LOWBIT_SUPPORT_DTYPE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* (class << 8) | bits. Zero is the invalid dtype. */
typedef uint16_t lb_dtype_t;

#define LB_DTYPE_CLASS_SINT 1
#define LB_DTYPE_CLASS_UINT 2
#define LB_DTYPE_CLASS_FLOAT 3

#define LB_DTYPE(cls, bits) ((lb_dtype_t)(((cls) << 8) | (bits)))
#define LB_DTYPE_SINT(bits) LB_DTYPE(LB_DTYPE_CLASS_SINT, bits)
#define LB_DTYPE_UINT(bits) LB_DTYPE(LB_DTYPE_CLASS_UINT, bits)

#define LB_DT_INVALID ((lb_dtype_t)0)
#define LB_DT_F32 LB_DTYPE(LB_DTYPE_CLASS_FLOAT, 32)
#define LB_DT_I2 LB_DTYPE_SINT(2)
#define LB_DT_I3 LB_DTYPE_SINT(3)
#define LB_DT_I4 LB_DTYPE_SINT(4)
#define LB_DT_I8 LB_DTYPE_SINT(8)
#define LB_DT_I16 LB_DTYPE_SINT(16)
#define LB_DT_I32 LB_DTYPE_SINT(32)
#define LB_DT_I64 LB_DTYPE_SINT(64)
#define LB_DT_U2 LB_DTYPE_UINT(2)
#define LB_DT_U4 LB_DTYPE_UINT(4)
#define LB_DT_U8 LB_DTYPE_UINT(8)
#define LB_DT_U16 LB_DTYPE_UINT(16)

/* True for the dtypes listed above the header comment describes. */
bool lb_dtype_valid(lb_dtype_t dt);
static inline unsigned lb_dtype_bits(lb_dtype_t dt) { return dt & 0xFF; }
static inline unsigned lb_dtype_class(lb_dtype_t dt) { return dt >> 8; }
static inline bool lb_dtype_is_float(lb_dtype_t dt) { return lb_dtype_class(dt) == LB_DTYPE_CLASS_FLOAT; }
static inline bool lb_dtype_is_int(lb_dtype_t dt) {
  return lb_dtype_class(dt) == LB_DTYPE_CLASS_SINT || lb_dtype_class(dt) == LB_DTYPE_CLASS_UINT;
}
static inline bool lb_dtype_is_signed(lb_dtype_t dt) { return lb_dtype_class(dt) == LB_DTYPE_CLASS_SINT; }
/* Integers narrower than 8 bits. */
static inline bool lb_dtype_is_subbyte(lb_dtype_t dt) { return lb_dtype_is_int(dt) && lb_dtype_bits(dt) < 8; }

/* Bytes of one element's host container (1, 2, 4 or 8); 0 if invalid. */
size_t lb_dtype_size(lb_dtype_t dt);
/* Bytes of `n` elements in the packed form (sub-byte: ceil(n*bits/8));
 * equals n * lb_dtype_size for byte-sized types. -1 on overflow. */
int64_t lb_dtype_packed_bytes(lb_dtype_t dt, int64_t n);
/* Representable range of an integer dtype (0, 0 for floats). */
int64_t lb_dtype_min(lb_dtype_t dt);
int64_t lb_dtype_max(lb_dtype_t dt);
/* The container dtype a sub-byte integer is stored in (i4 -> i8, ui4 -> ui8);
 * other dtypes map to themselves. */
lb_dtype_t lb_dtype_container(lb_dtype_t dt);

/* "i4", "ui8", "f32"; "?" if invalid. Static storage. */
const char *lb_dtype_name(lb_dtype_t dt);
/* Parses a name as printed by lb_dtype_name (also "u8" for "ui8");
 * LB_DT_INVALID if unknown. */
lb_dtype_t lb_dtype_parse(const char *name);

/* Integer element i of a host-container array as int64 (sign- or
 * zero-extended), and the store back (value must be in range). */
int64_t lb_dtype_load_int(lb_dtype_t dt, const void *data, int64_t i);
void lb_dtype_store_int(lb_dtype_t dt, void *data, int64_t i, int64_t v);
/* Normalizes a container value read from a foreign source (for example the
 * low `bits` bits of a byte): sign- or zero-extends from `bits`. */
int64_t lb_dtype_extend(lb_dtype_t dt, uint64_t raw);

/* Packs n host-container elements into the packed stream `dst`
 * (lb_dtype_packed_bytes bytes), and unpacks back. */
void lb_dtype_pack(lb_dtype_t dt, const void *src, int64_t n, uint8_t *dst);
void lb_dtype_unpack(lb_dtype_t dt, const uint8_t *src, int64_t n, void *dst);

#ifdef __cplusplus
}
#endif
#endif
