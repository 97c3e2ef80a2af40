#pragma once

#include <cstddef>

namespace gs::bufferpool {

// Tensor storage kept for reuse on each thread. Every op makes a new output buffer and drops
// its inputs' soon after, so a training step frees and allocates the same few sizes (a 32 x 30
// float32 activation is 3.8 KB) dozens of times; glibc serves blocks of that size from its bins
// with about 150 instructions a malloc/free pair (callgrind, issue 16). A block given back here
// is handed out again for the next request of its size class.
//
// Size classes are powers of two from 64 bytes to 64 KB, at most 8 blocks each per thread
// (about 1 MB held at most); larger requests go straight to operator new. 64 KB, not 16: a
// 64 x 64 float32 tensor is 16 KB plus its control block, and left to malloc, a chain of them
// freed at every step's end let glibc trim the heap's top and fault it back in at the next
// step (BM_MatmulChain64: 51,000 page faults in 2 s and a third of its time, 388 pooled). A block may be given back
// on another thread than the one that took it (it joins that thread's pool). Under
// AddressSanitizer the pool is bypassed, so that a use after free is still reported.

/// At least `bytes` bytes, aligned for any scalar type.
void* take(std::size_t bytes);
/// Gives back a block from take(`bytes`) (the same `bytes`).
void give(void* block, std::size_t bytes) noexcept;

/// A standard allocator over take/give, for std::allocate_shared_for_overwrite.
template <class T> struct Allocator {
    using value_type = T;
    Allocator() = default;
    template <class U> Allocator(const Allocator<U>&) noexcept {}
    T* allocate(std::size_t n) { return static_cast<T*>(take(n * sizeof(T))); }
    void deallocate(T* p, std::size_t n) noexcept { give(p, n * sizeof(T)); }
    template <class U> friend bool operator==(const Allocator&, const Allocator<U>&) { return true; }
};

} // namespace gs::bufferpool
