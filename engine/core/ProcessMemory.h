#pragma once

namespace gs {

/// Makes glibc's malloc give large blocks (64 KB and more) their own mappings, always, and give
/// them back to the system when they are freed (and free memory beyond 128 KB at the heap's top).
/// Called first thing by the long-running programs (the window, gradscope_soak), never by the
/// library itself: it is a choice for a whole process.
///
/// Why: glibc starts by mapping blocks of 128 KB and more, but each time such a block is freed it
/// raises that threshold to the block's size (up to 32 MB), so the next blocks of that size come
/// from the heap instead. A training run evaluates its validation set at every epoch's end (the
/// book's network: four 464 KB activations), and those blocks, taken from the heap between the
/// steps' small ones, left holes the heap never gave back: resident memory grew by 3% over
/// 100,000 steps while the memory in use stayed flat (docs/performance.md, "Soak"). Fixed
/// thresholds turn the raise off. Elsewhere than glibc it does nothing.
void keepLargeBlocksOutOfTheHeap();

} // namespace gs
