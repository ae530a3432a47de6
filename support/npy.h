/* NumPy .npy files (format 1.0-3.0, C order, little-endian) for test
 * vectors and calibration data: float32, int8, uint8, int32, int64. */
#ifndef LOWBIT_SUPPORT_NPY_H
#define LOWBIT_SUPPORT_NPY_H

#include "support/tensor.h"
#include <stdbool.h>

#include "support/status.h"

/* Reads `path` into a new tensor (caller frees). INVALID_ARGUMENT naming
 * the file for malformed headers, unsupported dtypes, Fortran order or a
 * size that disagrees with the header. */
lb_status_t lb_npy_read(const char *path, lb_tensor_t *out);
/* The same from memory; `path` names the data in messages. */
lb_status_t lb_npy_read_buffer(const char *data, size_t len, const char *path, lb_tensor_t *out);
/* Writes `t` as a version 1.0 .npy file. With `nofollow` a symbolic link
 * at `path` is refused (file names derived from model data). */
lb_status_t lb_npy_write(const char *path, const lb_tensor_t *t, bool nofollow);

#endif
