#ifndef DOCENGINE_BUILD_IDENTITY_H
#define DOCENGINE_BUILD_IDENTITY_H

#include <stddef.h>

/// Copies the GNU build ID of the loaded program or library that contains this function (the
/// linker's hash of its code and data) into `out`, at most `capacity` bytes, and returns its
/// length; 0 when the image carries no build ID. Any change to the code gives another ID.
size_t docengine_build_id(unsigned char *out, size_t capacity);

#endif
