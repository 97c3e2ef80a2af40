#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace gs {

/// A tensor shape of rank 0, 1 or 2. It is stored as a 2-D (rows, cols) view with rank: a rank-0
/// tensor is 1x1 and a rank-1 tensor of n elements is 1xn. That matches NumPy broadcasting, which
/// aligns trailing dimensions, so a vector broadcasts along the rows of a matrix.
struct Shape {
    int rank = 0;
    std::int64_t rows = 1;
    std::int64_t cols = 1;

    static Shape scalar() { return {}; }
    static Shape vector(std::int64_t n) { return {1, 1, n}; }
    static Shape matrix(std::int64_t r, std::int64_t c) { return {2, r, c}; }
    /// From a dims list (TensorFlow order); throws EngineError for rank > 2 or negative dims.
    static Shape fromDims(const std::vector<std::int64_t>& dims);

    std::int64_t size() const { return rows * cols; }
    std::vector<std::int64_t> dims() const;
    /// The size of dimension `axis` (already normalised to 0..rank-1).
    std::int64_t dim(int axis) const;
    /// "()" for scalars, "(3,)" for vectors, "(2, 3)" for matrices: TensorFlow's notation.
    std::string str() const;

    friend bool operator==(const Shape& a, const Shape& b)
    {
        return a.rank == b.rank && a.rows == b.rows && a.cols == b.cols;
    }
    friend bool operator!=(const Shape& a, const Shape& b) { return !(a == b); }
};

/// NumPy/TensorFlow broadcasting of two shapes; nullopt-like failure is reported by `ok`.
struct BroadcastResult {
    bool ok = false;
    Shape shape;
};
BroadcastResult broadcastShapes(const Shape& a, const Shape& b);

/// Normalises a possibly negative axis for a tensor of `rank`; throws EngineError naming `op`.
int normaliseAxis(int axis, int rank, const char* op);

} // namespace gs
