#pragma once

#include <cstdint>

namespace gs::kernels {

/// Writes the rows x cols row-major matrix `from` into `to` as its cols x rows transpose. Only
/// moves elements, so any order of the moves gives the same result; it takes the fastest.
template <class T> void transposeInto(const T* from, T* to, std::int64_t rows, std::int64_t cols);

} // namespace gs::kernels
