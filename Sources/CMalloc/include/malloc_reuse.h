#ifndef DOCENGINE_MALLOC_REUSE_H
#define DOCENGINE_MALLOC_REUSE_H

/// glibc's `mallopt` for `MemoryReuse` (malloc.h is not part of Swift's Glibc module): blocks up
/// to `mmap_threshold` bytes come from the heap, and up to `trim_threshold` bytes freed at the top
/// of the heap are kept. Returns 0 when glibc refused either setting.
int docengine_keep_freed_memory(int mmap_threshold, int trim_threshold);

#endif
