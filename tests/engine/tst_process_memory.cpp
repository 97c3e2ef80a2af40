// The allocator policy of the programs (engine/core/ProcessMemory.h): a freed large block does
// not move the next ones of its size into the heap, where they left holes in a long training run.
#include "engine/core/ProcessMemory.h"

#include <QTest>

#include <cstdlib>
#include <malloc.h>

using namespace gs;

namespace {

#if defined(__SANITIZE_ADDRESS__)
constexpr bool glibcAllocator = false;
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
constexpr bool glibcAllocator = false;
#else
constexpr bool glibcAllocator = true;
#endif
#else
constexpr bool glibcAllocator = true;
#endif

/// The size of the book's validation activations (3,870 rows of 30 float32), as in the soak.
constexpr std::size_t bigBlock = 464'400;

/// Bytes glibc holds in blocks of their own mapping while a second `bigBlock` is alive, after a
/// first one was taken and freed.
std::size_t mappedForTheSecondBlock()
{
    void* first = std::malloc(bigBlock);
    static_cast<volatile char*>(first)[0] = 1; // used, so that the pair is not optimized away
    std::free(first);
    const std::size_t before = mallinfo2().hblkhd;
    void* second = std::malloc(bigBlock);
    static_cast<volatile char*>(second)[0] = 1;
    const std::size_t held = mallinfo2().hblkhd - before;
    std::free(second);
    return held;
}

} // namespace

class TestProcessMemory : public QObject {
    Q_OBJECT
private slots:
    // In this order: the first shows glibc's own behaviour, the second the policy's.
    void glibcAloneMovesTheNextLargeBlockIntoTheHeap()
    {
        if (!glibcAllocator)
            QSKIP("AddressSanitizer's allocator replaces glibc's: mallopt and mallinfo2 do not apply");
        QCOMPARE(mappedForTheSecondBlock(), std::size_t{0});
    }
    void withThePolicyEveryLargeBlockIsMappedOnItsOwn()
    {
        if (!glibcAllocator)
            QSKIP("AddressSanitizer's allocator replaces glibc's: mallopt and mallinfo2 do not apply");
        keepLargeBlocksOutOfTheHeap();
        QVERIFY2(mappedForTheSecondBlock() >= bigBlock, "the second block came from the heap");
    }
};

QTEST_APPLESS_MAIN(TestProcessMemory)
#include "tst_process_memory.moc"
