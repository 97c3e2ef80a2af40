#include "engine/core/BufferPool.h"

#include <array>
#include <bit>
#include <new>

#if defined(__SANITIZE_ADDRESS__)
#define GS_BUFFER_POOL 0
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define GS_BUFFER_POOL 0
#endif
#endif
#ifndef GS_BUFFER_POOL
#define GS_BUFFER_POOL 1
#endif

namespace gs::bufferpool {

namespace {

constexpr std::size_t smallestClass = 64;
constexpr std::size_t largestClass = 64 * 1024;
constexpr int classCount = 11; // 64, 128, ..., 65536
constexpr int keptPerClass = 8;

/// The class of a request: 0 for up to 64 bytes, 1 up to 128, ...; -1 above the largest.
int sizeClass(std::size_t bytes)
{
    if (bytes > largestClass)
        return -1;
    const std::size_t rounded = std::bit_ceil(bytes < smallestClass ? smallestClass : bytes);
    return std::countr_zero(rounded) - std::countr_zero(smallestClass);
}

struct Pool {
    std::array<std::array<void*, keptPerClass>, classCount> blocks{};
    std::array<int, classCount> counts{};
    ~Pool();
};

/// Set once this thread's pool is destroyed: a tensor freed later in the thread's exit (another
/// thread_local's destructor) goes straight to operator delete. Trivially destructible, so it
/// can still be read then.
thread_local bool poolGone = false;
thread_local Pool pool;

Pool::~Pool()
{
    for (int c = 0; c < classCount; ++c)
        for (int i = 0; i < counts[static_cast<std::size_t>(c)]; ++i)
            ::operator delete(blocks[static_cast<std::size_t>(c)][static_cast<std::size_t>(i)]);
    poolGone = true;
}

} // namespace

void* take(std::size_t bytes)
{
    const int c = sizeClass(bytes);
    if (!GS_BUFFER_POOL || c < 0)
        return ::operator new(bytes);
    if (!poolGone) {
        const auto k = static_cast<std::size_t>(c);
        if (int& n = pool.counts[k]; n > 0)
            return pool.blocks[k][static_cast<std::size_t>(--n)];
    }
    return ::operator new(smallestClass << c);
}

void give(void* block, std::size_t bytes) noexcept
{
    const int c = sizeClass(bytes);
    if (GS_BUFFER_POOL && c >= 0 && !poolGone) {
        const auto k = static_cast<std::size_t>(c);
        if (int& n = pool.counts[k]; n < keptPerClass) {
            pool.blocks[k][static_cast<std::size_t>(n++)] = block;
            return;
        }
    }
    ::operator delete(block);
}

} // namespace gs::bufferpool
