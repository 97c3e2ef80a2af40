#include "engine/core/Shape.h"

#include "engine/core/EngineError.h"

#include <algorithm>

namespace gs {

Shape Shape::fromDims(const std::vector<std::int64_t>& dims)
{
    if (dims.size() > 2)
        throw EngineError("rank " + std::to_string(dims.size())
                          + " tensors are not supported (GradScope handles rank 0, 1 and 2)");
    for (auto d : dims)
        if (d < 0)
            throw EngineError("negative dimension " + std::to_string(d) + " in shape");
    if (dims.empty())
        return scalar();
    if (dims.size() == 1)
        return vector(dims[0]);
    return matrix(dims[0], dims[1]);
}

std::vector<std::int64_t> Shape::dims() const
{
    if (rank == 0)
        return {};
    if (rank == 1)
        return {cols};
    return {rows, cols};
}

std::int64_t Shape::dim(int axis) const
{
    if (rank == 1)
        return cols;
    return axis == 0 ? rows : cols;
}

std::string Shape::str() const
{
    if (rank == 0)
        return "()";
    if (rank == 1)
        return "(" + std::to_string(cols) + ",)";
    return "(" + std::to_string(rows) + ", " + std::to_string(cols) + ")";
}

BroadcastResult broadcastShapes(const Shape& a, const Shape& b)
{
    auto combine = [](std::int64_t x, std::int64_t y, std::int64_t& out) {
        if (x == y || y == 1) {
            out = x;
            return true;
        }
        if (x == 1) {
            out = y;
            return true;
        }
        return false;
    };
    BroadcastResult r;
    r.shape.rank = std::max(a.rank, b.rank);
    // A missing leading dimension counts as 1, which the 2-D storage already encodes.
    r.ok = combine(a.rows, b.rows, r.shape.rows) && combine(a.cols, b.cols, r.shape.cols);
    return r;
}

int normaliseAxis(int axis, int rank, const char* op)
{
    const int effectiveRank = std::max(rank, 1);
    if (axis < -effectiveRank || axis >= effectiveRank)
        throw EngineError(std::string(op) + ": axis " + std::to_string(axis)
                          + " is out of range for a tensor of rank " + std::to_string(rank));
    return axis < 0 ? axis + effectiveRank : axis;
}

} // namespace gs
