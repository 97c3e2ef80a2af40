// reshape, transpose, stack, concat, identity, cast, broadcast_to, slice, pad.
#include "engine/core/EngineError.h"
#include "engine/ops/Apply.h"
#include "engine/ops/FusedGradient.h"
#include "engine/ops/Kernels.h"
#include "engine/ops/OpHandle.h"
#include "engine/ops/Ops.h"
#include "engine/ops/ReductionAxes.h"
#include "engine/ops/ShapeRules.h"
#include "engine/ops/TransposeKernel.h"

#include <algorithm>
#include <numeric>

namespace gs {

namespace {

std::string dimsText(const std::vector<std::int64_t>& dims)
{
    std::string s = "[";
    for (std::size_t i = 0; i < dims.size(); ++i)
        s += (i ? ", " : "") + std::to_string(dims[i]);
    return s + "]";
}

/// Resolves a reshape target with at most one -1 against `count` elements.
Shape resolveReshape(const std::vector<std::int64_t>& dims, std::int64_t count)
{
    std::vector<std::int64_t> d = dims;
    auto unknown = std::count(d.begin(), d.end(), -1);
    if (unknown > 1)
        throw EngineError("reshape: only one dimension can be -1 in " + dimsText(dims));
    std::int64_t known = 1;
    for (auto v : d)
        if (v != -1) {
            if (v < 0)
                throw EngineError("reshape: negative dimension in " + dimsText(dims));
            known *= v;
        }
    if (unknown == 1) {
        if (known == 0 || count % known != 0)
            throw EngineError("reshape: cannot reshape " + std::to_string(count) + " elements into " + dimsText(dims));
        *std::find(d.begin(), d.end(), -1) = count / known;
    }
    const Shape s = Shape::fromDims(d);
    if (s.size() != count)
        throw EngineError("reshape: cannot reshape a tensor with " + std::to_string(count)
                          + " elements into shape " + dimsText(dims) + " (" + std::to_string(s.size()) + " elements)");
    return s;
}

TensorType inferReshape(const OpDef&, std::span<const TensorType> in, const Attrs& attrs)
{
    return {in[0].dtype, resolveReshape(attrs.dims("shape"), in[0].shape.size())};
}

Shape transposed(const Shape& s)
{
    return s.rank == 2 ? Shape::matrix(s.cols, s.rows) : s;
}

/// Shape of `inputs` stacked along `axis` (a new dimension).
TensorType inferStack(const OpDef& op, std::span<const TensorType> in, const Attrs& attrs)
{
    rules::requireFloating(op, in, 0);
    for (std::size_t i = 1; i < in.size(); ++i) {
        rules::requireSameDType(op, in, 0, i);
        if (in[i].shape != in[0].shape)
            throw EngineError("stack: all values must have the same shape; value #0 has shape " + in[0].shape.str()
                              + " but value #" + std::to_string(i) + " has shape " + in[i].shape.str());
    }
    if (in[0].shape.rank == 2)
        throw EngineError("stack: stacking matrices would make a rank-3 tensor, which GradScope does not support");
    const auto n = static_cast<std::int64_t>(in.size());
    const int axis = normaliseAxis(static_cast<int>(attrs.integer("axis", 0)), in[0].shape.rank + 1, "stack");
    if (in[0].shape.rank == 0)
        return {in[0].dtype, Shape::vector(n)};
    const std::int64_t m = in[0].shape.cols;
    return {in[0].dtype, axis == 0 ? Shape::matrix(n, m) : Shape::matrix(m, n)};
}

TensorType inferConcat(const OpDef& op, std::span<const TensorType> in, const Attrs& attrs)
{
    rules::requireFloating(op, in, 0);
    const Shape& first = in[0].shape;
    if (first.rank == 0)
        throw EngineError("concat: cannot concatenate scalars (rank 0); use stack instead");
    const int axis = normaliseAxis(static_cast<int>(attrs.integer("axis", 0)), first.rank, "concat");
    std::int64_t total = 0;
    for (std::size_t i = 0; i < in.size(); ++i) {
        rules::requireSameDType(op, in, 0, i);
        const Shape& s = in[i].shape;
        const bool otherMatches = first.rank == 1 || (axis == 0 ? s.cols == first.cols : s.rows == first.rows);
        if (s.rank != first.rank || !otherMatches)
            throw EngineError("concat: value #" + std::to_string(i) + " has shape " + s.str()
                              + ", which does not match value #0's shape " + first.str() + " outside axis "
                              + std::to_string(axis));
        total += s.dim(axis);
    }
    if (first.rank == 1)
        return {in[0].dtype, Shape::vector(total)};
    return {in[0].dtype, axis == 0 ? Shape::matrix(total, first.cols) : Shape::matrix(first.rows, total)};
}

/// Start row/col and extent of a slice in 2-D storage terms.
struct Block {
    std::int64_t row = 0, col = 0, rows = 1, cols = 1;
};

Block blockOf(const Shape& s, const std::vector<std::int64_t>& begin, const std::vector<std::int64_t>& size,
              const char* op)
{
    if (static_cast<int>(begin.size()) != s.rank || static_cast<int>(size.size()) != s.rank)
        throw EngineError(std::string(op) + ": begin " + dimsText(begin) + " and size " + dimsText(size)
                          + " must each have one entry per dimension of shape " + s.str());
    Block b;
    b.rows = s.rows;
    b.cols = s.cols;
    if (s.rank == 1) {
        b.col = begin[0];
        b.cols = size[0] == -1 ? s.cols - begin[0] : size[0];
    } else if (s.rank == 2) {
        b.row = begin[0];
        b.col = begin[1];
        b.rows = size[0] == -1 ? s.rows - begin[0] : size[0];
        b.cols = size[1] == -1 ? s.cols - begin[1] : size[1];
    }
    if (b.row < 0 || b.col < 0 || b.rows < 0 || b.cols < 0 || b.row + b.rows > s.rows || b.col + b.cols > s.cols)
        throw EngineError(std::string(op) + ": begin " + dimsText(begin) + " with size " + dimsText(size)
                          + " is outside a tensor of shape " + s.str());
    return b;
}

Shape withBlockExtent(const Shape& s, const Block& b)
{
    Shape out = s;
    out.rows = b.rows;
    out.cols = b.cols;
    return out;
}

TensorType inferSlice(const OpDef&, std::span<const TensorType> in, const Attrs& attrs)
{
    const Block b = blockOf(in[0].shape, attrs.dims("begin"), attrs.dims("size"), "slice");
    return {in[0].dtype, withBlockExtent(in[0].shape, b)};
}

TensorType inferPad(const OpDef&, std::span<const TensorType> in, const Attrs& attrs)
{
    const auto before = attrs.dims("before");
    const auto after = attrs.dims("after");
    const Shape& s = in[0].shape;
    if (static_cast<int>(before.size()) != s.rank || static_cast<int>(after.size()) != s.rank)
        throw EngineError("pad: paddings need one entry per dimension of shape " + s.str());
    std::vector<std::int64_t> dims = s.dims();
    for (std::size_t i = 0; i < dims.size(); ++i) {
        if (before[i] < 0 || after[i] < 0)
            throw EngineError("pad: paddings must not be negative");
        dims[i] += before[i] + after[i];
    }
    return {in[0].dtype, Shape::fromDims(dims)};
}

DType parseDType(const Attrs& attrs)
{
    const AttrValue* v = attrs.find("dtype");
    const std::string name = v && std::holds_alternative<std::string>(*v) ? std::get<std::string>(*v) : "";
    if (name == "float32")
        return DType::Float32;
    if (name == "float64")
        return DType::Float64;
    if (name == "bool")
        return DType::Bool;
    if (name == "int32")
        return DType::Int32;
    if (name == "int64")
        return DType::Int64;
    throw EngineError("cast: dtype must be 'float32', 'float64', 'int32', 'int64' or 'bool', got '" + name + "'");
}

template <class T> void copyBlock(const Tensor& from, const Block& src, Tensor& to, const Block& dst)
{
    ArrayMap<T>(to.mutableData<T>(), to.shape().rows, to.shape().cols).block(dst.row, dst.col, dst.rows, dst.cols) =
        from.array<T>().block(src.row, src.col, src.rows, src.cols);
}

OpDef structural(const char* name, const char* summary)
{
    OpDef op;
    op.name = name;
    op.summary = summary;
    op.category = "shape";
    op.inputNames = {"x"};
    return op;
}

} // namespace

void registerShapeOps(OpRegistry& registry)
{
    OpDef reshape = structural("reshape", "the same elements in another shape (one dimension may be -1)");
    reshape.attrs = {{"shape", std::vector<std::int64_t>{}, "the new dimensions"}};
    reshape.infer = inferReshape;
    reshape.forward = [](std::span<const Tensor> in, const Attrs& attrs) {
        return in[0].reshaped(resolveReshape(attrs.dims("shape"), in[0].size()));
    };
    reshape.gradient = [](const GradContext& c) -> Gradients {
        return {gs::reshape(c.upstream, c.inputs[0].shape().dims())};
    };
    registry.add(std::move(reshape));

    OpDef transpose = structural("transpose", "swap the two dimensions of a matrix");
    transpose.infer = [](const OpDef&, std::span<const TensorType> in, const Attrs&) {
        return TensorType{in[0].dtype, transposed(in[0].shape)};
    };
    transpose.forward = [](std::span<const Tensor> in, const Attrs&) {
        // A scalar or a vector is its own transpose, as in TensorFlow.
        if (in[0].rank() < 2)
            return in[0].withId(newTensorId());
        return dispatchAny(in[0].dtype(), [&](auto tag) {
            using T = decltype(tag);
            Tensor out = Tensor::allocate(transposed(in[0].shape()), in[0].dtype());
            kernels::transposeInto(in[0].data<T>(), out.mutableData<T>(), in[0].shape().rows, in[0].shape().cols);
            return out;
        });
    };
    transpose.gradient = [](const GradContext& c) -> Gradients { return {gs::transpose(c.upstream)}; };
    registry.add(std::move(transpose));

    OpDef stack = structural("stack", "a list of same-shape tensors as one tensor with a new axis");
    stack.minArity = 1;
    stack.maxArity = -1;
    stack.inputNames = {"values"};
    stack.attrs = {{"axis", std::int64_t{0}, "where the new axis goes"}};
    stack.infer = inferStack;
    stack.forward = [](std::span<const Tensor> in, const Attrs& attrs) {
        const TensorType t = inferStack(opNamed("stack"), std::vector<TensorType>(in.size(), {in[0].dtype(), in[0].shape()}), attrs);
        const bool alongCols = t.shape.rank == 2 && t.shape.cols == static_cast<std::int64_t>(in.size())
                               && normaliseAxis(static_cast<int>(attrs.integer("axis", 0)), 2, "stack") == 1;
        Tensor out = Tensor::allocate(t.shape, t.dtype);
        dispatchFloating(t.dtype, [&](auto tag) {
            using T = decltype(tag);
            ArrayMap<T> dst = out.mutableArray<T>();
            for (std::size_t i = 0; i < in.size(); ++i) {
                const auto m = in[i].size();
                const auto k = static_cast<std::int64_t>(i);
                const auto row = in[i].array<T>().reshaped(1, m);
                if (alongCols)
                    dst.block(0, k, m, 1) = row.transpose();
                else if (t.shape.rank == 1)
                    dst(0, k) = row(0, 0);
                else
                    dst.block(k, 0, 1, m) = row;
            }
        });
        return out;
    };
    // each input receives its slice of the upstream gradient
    stack.gradient = [](const GradContext& c) -> Gradients {
        const Shape& out = c.output.shape();
        const Shape& each = c.inputs[0].shape();
        const bool alongCols = out.rank == 2 && normaliseAxis(static_cast<int>(c.attrs.integer("axis", 0)), 2, "stack") == 1;
        Gradients g(c.inputs.size());
        for (std::size_t i = 0; i < g.size(); ++i) {
            if (!c.needs(i))
                continue;
            const auto k = static_cast<std::int64_t>(i);
            const Tensor piece = out.rank == 1 ? gs::slice(c.upstream, {k}, {1})
                                 : alongCols   ? gs::slice(c.upstream, {0, k}, {out.rows, 1})
                                               : gs::slice(c.upstream, {k, 0}, {1, out.cols});
            g[i] = gs::reshape(piece, each.dims());
        }
        return g;
    };
    registry.add(std::move(stack));

    OpDef concat = structural("concat", "tensors joined along an existing axis");
    concat.minArity = 1;
    concat.maxArity = -1;
    concat.inputNames = {"values"};
    concat.attrs = {{"axis", std::int64_t{0}, "the axis to join along"}};
    concat.infer = inferConcat;
    concat.forward = [](std::span<const Tensor> in, const Attrs& attrs) {
        std::vector<TensorType> types;
        for (const auto& t : in)
            types.push_back({t.dtype(), t.shape()});
        const TensorType t = inferConcat(opNamed("concat"), types, attrs);
        const bool rows = t.shape.rank == 2 && normaliseAxis(static_cast<int>(attrs.integer("axis", 0)), 2, "concat") == 0;
        Tensor out = Tensor::allocate(t.shape, t.dtype);
        dispatchFloating(t.dtype, [&](auto tag) {
            using T = decltype(tag);
            std::int64_t offset = 0;
            for (const auto& x : in) {
                const Shape& s = x.shape();
                copyBlock<T>(x, Block{0, 0, s.rows, s.cols}, out,
                             rows ? Block{offset, 0, s.rows, s.cols} : Block{0, offset, s.rows, s.cols});
                offset += rows ? s.rows : s.cols;
            }
        });
        return out;
    };
    // each input receives the matching slice of the upstream gradient
    concat.gradient = [](const GradContext& c) -> Gradients {
        const Shape& out = c.output.shape();
        const bool rows = out.rank == 2 && normaliseAxis(static_cast<int>(c.attrs.integer("axis", 0)), 2, "concat") == 0;
        Gradients g(c.inputs.size());
        std::int64_t offset = 0;
        for (std::size_t i = 0; i < g.size(); ++i) {
            const Shape& s = c.inputs[i].shape();
            if (c.needs(i)) {
                g[i] = out.rank == 1 ? gs::slice(c.upstream, {offset}, {s.cols})
                       : rows        ? gs::slice(c.upstream, {offset, 0}, {s.rows, s.cols})
                                     : gs::slice(c.upstream, {0, offset}, {s.rows, s.cols});
            }
            offset += rows ? s.rows : s.cols;
        }
        return g;
    };
    registry.add(std::move(concat));

    OpDef identity = structural("identity", "x unchanged");
    identity.infer = rules::unaryAny;
    identity.forward = [](std::span<const Tensor> in, const Attrs&) { return in[0].withId(newTensorId()); };
    identity.gradient = [](const GradContext& c) -> Gradients { return {c.upstream}; };
    registry.add(std::move(identity));

    OpDef cast = structural("cast", "x converted to another dtype");
    cast.attrs = {{"dtype", std::string("float32"), "float32, float64, int32, int64 or bool"}};
    cast.infer = [](const OpDef&, std::span<const TensorType> in, const Attrs& attrs) {
        return TensorType{parseDType(attrs), in[0].shape};
    };
    cast.forward = [](std::span<const Tensor> in, const Attrs& attrs) {
        const DType to = parseDType(attrs);
        return dispatchAny(in[0].dtype(), [&](auto fromTag) {
            using From = decltype(fromTag);
            return dispatchAny(to, [&](auto toTag) {
                using To = decltype(toTag);
                // To an integer: toward zero, NaN and out-of-range values to the lowest integer (x86).
                return Tensor::fromArray<To>(in[0].shape(),
                                             in[0].array<From>().unaryExpr([](From v) { return convertElement<To>(v); }));
            });
        });
    };
    // floating to floating: the gradient is cast back; to or from bool or an integer: None
    cast.gradient = [](const GradContext& c) -> Gradients {
        if (!isFloating(c.inputs[0].dtype()) || !isFloating(c.output.dtype()))
            return {std::nullopt};
        return {gs::cast(c.upstream, c.inputs[0].dtype())};
    };
    registry.add(std::move(cast));

    OpDef broadcastTo = structural("broadcast_to", "x repeated to a larger shape");
    broadcastTo.attrs = {{"shape", std::vector<std::int64_t>{}, "the target dimensions"}};
    broadcastTo.infer = [](const OpDef& op, std::span<const TensorType> in, const Attrs& attrs) {
        rules::requireFloating(op, in, 0);
        const Shape target = Shape::fromDims(attrs.dims("shape"));
        const BroadcastResult b = broadcastShapes(in[0].shape, target);
        if (!b.ok || b.shape != target)
            throw EngineError("broadcast_to: cannot broadcast shape " + in[0].shape.str() + " to " + target.str());
        return TensorType{in[0].dtype, target};
    };
    broadcastTo.forward = [](std::span<const Tensor> in, const Attrs& attrs) {
        const Shape target = Shape::fromDims(attrs.dims("shape"));
        return dispatchFloating(in[0].dtype(), [&](auto tag) {
            using T = decltype(tag);
            Tensor out = Tensor::allocate(target, in[0].dtype());
            kernels::broadcastInto<T>(in[0], out.mutableData<T>(), target.rows, target.cols);
            return out;
        });
    };
    broadcastTo.gradient = [](const GradContext& c) -> Gradients {
        return {unbroadcast(c.upstream, c.inputs[0].shape())};
    };
    registry.add(std::move(broadcastTo));

    OpDef slice = structural("slice", "a block of x: begin index and size per dimension");
    slice.attrs = {{"begin", std::vector<std::int64_t>{}, "first index per dimension"},
                   {"size", std::vector<std::int64_t>{}, "extent per dimension (-1: to the end)"}};
    slice.infer = inferSlice;
    slice.forward = [](std::span<const Tensor> in, const Attrs& attrs) {
        const Block b = blockOf(in[0].shape(), attrs.dims("begin"), attrs.dims("size"), "slice");
        Tensor out = Tensor::allocate(withBlockExtent(in[0].shape(), b), in[0].dtype());
        dispatchAny(in[0].dtype(), [&](auto tag) { copyBlock<decltype(tag)>(in[0], b, out, Block{0, 0, b.rows, b.cols}); });
        return out;
    };
    // the upstream gradient padded with zeros back to x's shape
    slice.gradient = [](const GradContext& c) -> Gradients {
        const auto begin = c.attrs.dims("begin");
        const auto inDims = c.inputs[0].shape().dims();
        const auto outDims = c.output.shape().dims();
        std::vector<std::int64_t> after(inDims.size());
        for (std::size_t i = 0; i < after.size(); ++i)
            after[i] = inDims[i] - begin[i] - outDims[i];
        return {gs::pad(c.upstream, begin, after)};
    };
    registry.add(std::move(slice));

    OpDef pad = structural("pad", "x surrounded by zeros");
    pad.attrs = {{"before", std::vector<std::int64_t>{}, "zeros before, per dimension"},
                 {"after", std::vector<std::int64_t>{}, "zeros after, per dimension"}};
    pad.infer = inferPad;
    pad.forward = [](std::span<const Tensor> in, const Attrs& attrs) {
        const TensorType t = inferPad(opNamed("pad"), std::vector<TensorType>{{in[0].dtype(), in[0].shape()}}, attrs);
        Tensor out = Tensor::zeros(t.shape, t.dtype);
        const auto before = attrs.dims("before");
        const Shape& s = in[0].shape();
        const Block dst{s.rank == 2 ? before[0] : 0, s.rank == 2 ? before[1] : s.rank == 1 ? before[0] : 0, s.rows, s.cols};
        dispatchAny(t.dtype, [&](auto tag) { copyBlock<decltype(tag)>(in[0], Block{0, 0, s.rows, s.cols}, out, dst); });
        return out;
    };
    // the matching block of the upstream gradient
    pad.gradient = [](const GradContext& c) -> Gradients {
        return {gs::slice(c.upstream, c.attrs.dims("before"), c.inputs[0].shape().dims())};
    };
    registry.add(std::move(pad));
}

Tensor reshape(const Tensor& x, const std::vector<std::int64_t>& dims)
{
    static const OpDef& op = opNamed("reshape");
    return apply(op, {x}, Attrs{{"shape", dims}});
}
Tensor transpose(const Tensor& x)
{
    static const OpDef& op = opNamed("transpose");
    return apply(op, {x});
}
Tensor stack(const std::vector<Tensor>& xs, int axis)
{
    static const OpDef& op = opNamed("stack");
    return apply(op, std::span<const Tensor>(xs), axis == 0 ? Attrs{} : Attrs{{"axis", std::int64_t{axis}}});
}
Tensor concat(const std::vector<Tensor>& xs, int axis)
{
    static const OpDef& op = opNamed("concat");
    return apply(op, std::span<const Tensor>(xs), axis == 0 ? Attrs{} : Attrs{{"axis", std::int64_t{axis}}});
}
Tensor identity(const Tensor& x)
{
    static const OpDef& op = opNamed("identity");
    return apply(op, {x});
}
Tensor cast(const Tensor& x, DType dtype)
{
    static const OpDef& op = opNamed("cast");
    return apply(op, {x}, Attrs{{"dtype", std::string(dtypeName(dtype))}});
}
Tensor broadcast_to(const Tensor& x, const Shape& shape)
{
    static const OpDef& op = opNamed("broadcast_to");
    if (x.shape() == shape)
        return x;
    return apply(op, {x}, Attrs{{"shape", shape.dims()}});
}
Tensor slice(const Tensor& x, const std::vector<std::int64_t>& begin, const std::vector<std::int64_t>& size)
{
    static const OpDef& op = opNamed("slice");
    return apply(op, {x}, Attrs{{"begin", begin}, {"size", size}});
}
Tensor pad(const Tensor& x, const std::vector<std::int64_t>& before, const std::vector<std::int64_t>& after)
{
    static const OpDef& op = opNamed("pad");
    return apply(op, {x}, Attrs{{"before", before}, {"after", after}});
}

Tensor unbroadcast(const Tensor& grad, const Shape& shape)
{
    if (grad.shape() == shape)
        return grad;
    const Shape& g = grad.shape();
    // The same sums by reduce_sum's kernel and a reshape without ops, when nothing observes them.
    const bool fused = gradientOpsUnobserved() && isFloating(grad.dtype()) && shape.size() <= g.size();
    auto sum = [&](const Tensor& t, reduction::Axis axis) {
        if (fused)
            return reduction::sumKept(t, axis);
        if (axis == reduction::Axis::All)
            return reduce_sum(t);
        return reduce_sum(t, axis == reduction::Axis::Rows ? 0 : -1, true);
    };
    Tensor r = grad;
    if (shape.size() == 1 && g.size() != 1) {
        r = sum(r, reduction::Axis::All);
    } else {
        if (g.rank == 2 && (shape.rank < 2 || shape.rows == 1) && g.rows != 1)
            r = sum(r, reduction::Axis::Rows);
        if (shape.cols == 1 && g.cols != 1)
            r = sum(r, reduction::Axis::Cols);
    }
    if (r.shape() == shape)
        return r;
    return fused && r.size() == shape.size() ? r.reshaped(shape) : reshape(r, shape.dims());
}

} // namespace gs
