#include "engine/core/ProcessMemory.h"

#if defined(__GLIBC__)
#include <malloc.h>
#endif

namespace gs {

void keepLargeBlocksOutOfTheHeap()
{
#if defined(__GLIBC__)
    // Setting the thresholds at all is what stops glibc's dynamic raise. 64 KB rather than glibc's
    // starting 128 KB: the plots' curves are rebuilt in blocks of 112 to 128 KB as they grow, and
    // with those in the heap too the soak measured +1.09% against +0.51% (docs/performance.md).
    // The trim threshold (free memory at the heap's top given back) is glibc's default, set back
    // in case a large block was freed before this call and raised it.
    mallopt(M_MMAP_THRESHOLD, 64 * 1024);
    mallopt(M_TRIM_THRESHOLD, 128 * 1024);
#endif
}

} // namespace gs
