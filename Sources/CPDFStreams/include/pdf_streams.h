#ifndef DOCENGINE_PDF_STREAMS_H
#define DOCENGINE_PDF_STREAMS_H

#include <stddef.h>

/// Whether the process's `deflateInit_`, `deflate` and `deflateEnd` are this target's: true when
/// the executable's definitions took cairo's calls from zlib's.
int docengine_pdf_streams_interposed(void);

/// The libdeflate level a zlib level compresses at here (zlib's default, -1, is 6); -1 for a
/// level zlib itself refuses.
int docengine_pdf_streams_level(int zlib_level);

/// Whether the compressed bytes of these `length` bytes at this zlib level are kept, so that the
/// next stream of them is not compressed again.
int docengine_pdf_streams_kept(const void *input, size_t length, int zlib_level);

#endif
