#include "malloc_reuse.h"

#include <malloc.h>

int docengine_keep_freed_memory(int mmap_threshold, int trim_threshold) {
    int mmap_set = mallopt(M_MMAP_THRESHOLD, mmap_threshold);
    int trim_set = mallopt(M_TRIM_THRESHOLD, trim_threshold);
    return mmap_set && trim_set;
}
