#ifndef DOCENGINE_JPEG_DECODE_H
#define DOCENGINE_JPEG_DECODE_H

#include <stddef.h>
#include <stdint.h>

/// Reads only the JPEG header: dimensions without decoding pixels, so that
/// oversized images are refused before any large allocation.
/// Returns 0 on success, or -1 with a message in `error` (NUL-terminated).
int docengine_jpeg_header(const uint8_t *data, size_t length,
                          uint32_t *width, uint32_t *height,
                          char *error, size_t error_capacity);

/// Decodes a JPEG into cairo's ARGB32 layout (premultiplied, native-endian
/// 32-bit words, opaque) with the given row stride. `pixels` must hold
/// stride * height bytes. Returns 0 on success, -1 with a message otherwise.
/// libjpeg reports fatal errors through longjmp, which Swift cannot catch,
/// so this small C shim owns the setjmp.
int docengine_jpeg_decode_argb32(const uint8_t *data, size_t length,
                                 uint8_t *pixels, size_t stride,
                                 uint32_t width, uint32_t height,
                                 char *error, size_t error_capacity);

#endif
