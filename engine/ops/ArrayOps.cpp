// expand_dims, squeeze, tile and reverse (TensorFlow's array_ops), within GradScope's ranks 0-2.
#include "engine/core/EngineError.h"
#include "engine/ops/Apply.h"
#include "engine/ops/Kernels.h"
#include "engine/ops/OpHandle.h"
#include "engine/ops/Ops.h"
#include "engine/ops/ShapeRules.h"

#include <algorithm>
#include <limits>

namespace gs {

namespace {

std::string dimsText(const std::vector<std::int64_t>& dims)
{
    std::string s = "[";
    for (std::size_t i = 0; i < dims.size(); ++i)
        s += (i ? ", " : "") + std::to_string(dims[i]);
    return s + "]";
}

OpDef arrayOp(const char* name, const char* summary)
{
    OpDef op;
    op.name = name;
    op.summary = summary;
    op.category = "shape";
    op.inputNames = {"input"};
    return op;
}

Shape expandedShape(const Shape& s, const Attrs& attrs)
{
    const auto axis = attrs.integer("axis", 0);
    if (s.rank == 2)
        throw EngineError(
            "expand_dims: a matrix would become a rank-3 tensor, which GradScope does not support");
    if (axis < -(s.rank + 1) || axis > s.rank)
        throw EngineError("expand_dims: axis " + std::to_string(axis)
                          + " is out of range for a tensor of rank " + std::to_string(s.rank)
                          + " (it must be in [" + std::to_string(-(s.rank + 1)) + ", "
                          + std::to_string(s.rank) + "])");
    if (s.rank == 0)
        return Shape::vector(1);
    const bool front = axis == 0 || axis == -2;
    return front ? Shape::matrix(1, s.cols) : Shape::matrix(s.cols, 1);
}

Shape squeezedShape(const Shape& s, const Attrs& attrs)
{
    const std::vector<std::int64_t> dims = s.dims();
    std::vector<bool> drop(dims.size(), false);
    const std::vector<std::int64_t> axes = attrs.dims("axis");
    if (axes.empty()) {
        for (std::size_t i = 0; i < dims.size(); ++i)
            drop[i] = dims[i] == 1;
    }
    for (const std::int64_t a : axes) {
        const int axis = normaliseAxis(static_cast<int>(a), s.rank, "squeeze");
        if (s.rank == 0 || dims[static_cast<std::size_t>(axis)] != 1)
            throw EngineError(
                "squeeze: cannot squeeze axis " + std::to_string(a) + " of shape " + s.str()
                + ": its size is "
                + std::to_string(s.rank == 0 ? 1 : dims[static_cast<std::size_t>(axis)])
                + ", not 1");
        drop[static_cast<std::size_t>(axis)] = true;
    }
    std::vector<std::int64_t> kept;
    for (std::size_t i = 0; i < dims.size(); ++i)
        if (!drop[i])
            kept.push_back(dims[i]);
    return Shape::fromDims(kept);
}

std::vector<std::int64_t> tileMultiples(const Shape& s, const Attrs& attrs)
{
    const std::vector<std::int64_t> multiples = attrs.dims("multiples");
    if (static_cast<int>(multiples.size()) != s.rank)
        throw EngineError("tile: multiples " + dimsText(multiples)
                          + " must have one entry per dimension of shape " + s.str());
    for (const std::int64_t m : multiples)
        if (m < 0)
            throw EngineError("tile: multiples " + dimsText(multiples) + " must not be negative");
    return multiples;
}

Shape tiledShape(const Shape& s, const Attrs& attrs)
{
    std::vector<std::int64_t> dims = s.dims();
    const std::vector<std::int64_t> multiples = tileMultiples(s, attrs);
    for (std::size_t i = 0; i < dims.size(); ++i) {
        if (multiples[i] != 0 && dims[i] > std::numeric_limits<std::int32_t>::max() / multiples[i])
            throw EngineError("tile: multiples " + dimsText(multiples) + " make shape " + s.str()
                              + " too large");
        dims[i] *= multiples[i];
    }
    return Shape::fromDims(dims);
}

/// Which storage directions reverse flips: (rows, cols).
std::pair<bool, bool> reversedAxes(const Shape& s, const Attrs& attrs)
{
    bool rows = false;
    bool cols = false;
    for (const std::int64_t a : attrs.dims("axis")) {
        if (s.rank == 0)
            throw EngineError("reverse: axis " + std::to_string(a)
                              + " is out of range for a scalar (rank 0)");
        const int axis = normaliseAxis(static_cast<int>(a), s.rank, "reverse");
        bool& flip = s.rank == 2 && axis == 0 ? rows : cols;
        if (flip)
            throw EngineError("reverse: axis " + std::to_string(axis) + " is listed twice");
        flip = true;
    }
    return {rows, cols};
}

/// Sums `g`'s `m` blocks stacked along the rows back onto one block of `rows` rows.
Tensor sumRowTiles(const Tensor& g, std::int64_t m, std::int64_t rows)
{
    const std::int64_t width = g.shape().cols;
    return reshape(reduce_sum(reshape(g, {m, rows * width}), 0), {rows, width});
}

} // namespace

void registerArrayOps(OpRegistry& registry)
{
    OpDef expandDims = arrayOp("expand_dims", "x with a new dimension of size 1 inserted at axis");
    expandDims.attrs = {{"axis", std::int64_t{0}, "where the new dimension goes"}};
    expandDims.infer = [](const OpDef&, std::span<const TensorType> in, const Attrs& attrs) {
        return TensorType{in[0].dtype, expandedShape(in[0].shape, attrs)};
    };
    expandDims.forward = [](std::span<const Tensor> in, const Attrs& attrs) {
        return in[0].reshaped(expandedShape(in[0].shape(), attrs));
    };
    // TensorFlow's ExpandDims gradient: the upstream gradient reshaped back
    expandDims.gradient = [](const GradContext& c) -> Gradients {
        return {reshape(c.upstream, c.inputs[0].shape().dims())};
    };
    registry.add(std::move(expandDims));

    OpDef squeeze =
        arrayOp("squeeze", "x without dimensions of size 1 (all of them, or those listed in axis)");
    squeeze.attrs = {
        {"axis", std::vector<std::int64_t>{}, "the size-1 dimensions to remove (empty: all)"}};
    squeeze.infer = [](const OpDef&, std::span<const TensorType> in, const Attrs& attrs) {
        return TensorType{in[0].dtype, squeezedShape(in[0].shape, attrs)};
    };
    squeeze.forward = [](std::span<const Tensor> in, const Attrs& attrs) {
        return in[0].reshaped(squeezedShape(in[0].shape(), attrs));
    };
    // TensorFlow's Squeeze gradient: the upstream gradient reshaped back
    squeeze.gradient = [](const GradContext& c) -> Gradients {
        return {reshape(c.upstream, c.inputs[0].shape().dims())};
    };
    registry.add(std::move(squeeze));

    OpDef tile = arrayOp("tile", "x repeated multiples[i] times along each dimension i");
    tile.attrs = {
        {"multiples", std::vector<std::int64_t>{}, "how many copies along each dimension"}};
    tile.infer = [](const OpDef&, std::span<const TensorType> in, const Attrs& attrs) {
        return TensorType{in[0].dtype, tiledShape(in[0].shape, attrs)};
    };
    tile.forward = [](std::span<const Tensor> in, const Attrs& attrs) {
        const Shape& s = in[0].shape();
        const std::vector<std::int64_t> m = tileMultiples(s, attrs);
        const std::int64_t rowCopies = s.rank == 2 ? m[0] : 1;
        const std::int64_t colCopies = s.rank == 2 ? m[1] : s.rank == 1 ? m[0] : 1;
        return dispatchAny(in[0].dtype(), [&](auto tag) {
            using T = decltype(tag);
            return Tensor::fromArray<T>(tiledShape(s, attrs),
                                        in[0].array<T>().replicate(rowCopies, colCopies));
        });
    };
    // TensorFlow's Tile gradient: the copies of each element summed. The copies along the rows
    // are consecutive blocks (reshape, then reduce_sum); the copies along the columns become such
    // blocks after a transpose.
    tile.gradient = [](const GradContext& c) -> Gradients {
        const Shape& s = c.inputs[0].shape();
        const std::vector<std::int64_t> m = tileMultiples(s, c.attrs);
        if (s.rank == 0)
            return {c.upstream};
        if (s.rank == 1)
            return {m[0] == 1 ? c.upstream : reduce_sum(reshape(c.upstream, {m[0], s.cols}), 0)};
        Tensor g = m[0] == 1 ? c.upstream : sumRowTiles(c.upstream, m[0], s.rows);
        if (m[1] != 1)
            g = transpose(sumRowTiles(transpose(g), m[1], s.cols));
        return {g};
    };
    registry.add(std::move(tile));

    OpDef reverse =
        arrayOp("reverse", "x with the order of its elements reversed along the listed axes");
    reverse.inputNames = {"tensor"};
    reverse.attrs = {{"axis", std::vector<std::int64_t>{}, "the dimensions to reverse"}};
    reverse.infer = [](const OpDef&, std::span<const TensorType> in, const Attrs& attrs) {
        reversedAxes(in[0].shape, attrs);
        return in[0];
    };
    reverse.forward = [](std::span<const Tensor> in, const Attrs& attrs) {
        // Plain copies, not structured bindings: Clang 14 (the sanitizer build) cannot capture those.
        const auto axes = reversedAxes(in[0].shape(), attrs);
        const bool rows = axes.first, cols = axes.second;
        return dispatchAny(in[0].dtype(), [&](auto tag) {
            using T = decltype(tag);
            const auto a = in[0].array<T>();
            if (rows && cols)
                return Tensor::fromArray<T>(in[0].shape(), a.reverse());
            if (rows)
                return Tensor::fromArray<T>(in[0].shape(), a.colwise().reverse());
            if (cols)
                return Tensor::fromArray<T>(in[0].shape(), a.rowwise().reverse());
            return Tensor::fromArray<T>(in[0].shape(), a);
        });
    };
    // TensorFlow's ReverseV2 gradient: the upstream gradient reversed along the same axes
    reverse.gradient = [](const GradContext& c) -> Gradients {
        return {gs::reverse(c.upstream, c.attrs.dims("axis"))};
    };
    registry.add(std::move(reverse));
}

Tensor expand_dims(const Tensor& x, int axis)
{
    static const OpDef& op = opNamed("expand_dims");
    return apply(op, {x}, Attrs{{"axis", std::int64_t{axis}}});
}
Tensor squeeze(const Tensor& x, const std::vector<std::int64_t>& axis)
{
    static const OpDef& op = opNamed("squeeze");
    return apply(op, {x}, axis.empty() ? Attrs{} : Attrs{{"axis", axis}});
}
Tensor tile(const Tensor& x, const std::vector<std::int64_t>& multiples)
{
    static const OpDef& op = opNamed("tile");
    return apply(op, {x}, Attrs{{"multiples", multiples}});
}
Tensor reverse(const Tensor& x, const std::vector<std::int64_t>& axis)
{
    static const OpDef& op = opNamed("reverse");
    return apply(op, {x}, Attrs{{"axis", axis}});
}

} // namespace gs
