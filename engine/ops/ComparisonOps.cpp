// greater, greater_equal, less, less_equal, equal, not_equal (bool results, no gradient), maximum,
// minimum, where and clip_by_value.
#include "engine/core/EngineError.h"
#include "engine/ops/Apply.h"
#include "engine/ops/Kernels.h"
#include "engine/ops/OpHandle.h"
#include "engine/ops/Ops.h"
#include "engine/ops/ShapeRules.h"

#include <cmath>
#include <limits>

namespace gs {

namespace {

template <class Compare> OpDef comparison(const char* name, const char* summary, Compare)
{
    OpDef op;
    op.name = name;
    op.summary = summary;
    op.category = "comparison";
    op.minArity = op.maxArity = 2;
    op.inputNames = {"x", "y"};
    op.infer = rules::broadcastCompareNumeric;
    op.forward = [](std::span<const Tensor> in, const Attrs&) {
        return kernels::zipCompareNumeric(in[0], in[1], Compare{});
    };
    return op;
}

struct GreaterF { template <class A, class B> auto operator()(const A& x, const B& y) const { return x > y; } };
struct GreaterEqualF { template <class A, class B> auto operator()(const A& x, const B& y) const { return x >= y; } };
struct LessF { template <class A, class B> auto operator()(const A& x, const B& y) const { return x < y; } };
struct LessEqualF { template <class A, class B> auto operator()(const A& x, const B& y) const { return x <= y; } };
struct EqualF { template <class A, class B> auto operator()(const A& x, const B& y) const { return x == y; } };
struct NotEqualF { template <class A, class B> auto operator()(const A& x, const B& y) const { return x != y; } };

Tensor zerosOf(const Tensor& like) { return Tensor::zeros(like.shape(), like.dtype()); }

// TensorFlow's maximum and minimum propagate nan from either side.
struct MaxF {
    template <class T> T operator()(T x, T y) const
    {
        if constexpr (std::is_integral_v<T>)
            return x < y ? y : x;
        else
            return std::isnan(x) || std::isnan(y) ? std::numeric_limits<T>::quiet_NaN() : (x < y ? y : x);
    }
};
struct MinF {
    template <class T> T operator()(T x, T y) const
    {
        if constexpr (std::is_integral_v<T>)
            return y < x ? y : x;
        else
            return std::isnan(x) || std::isnan(y) ? std::numeric_limits<T>::quiet_NaN() : (y < x ? y : x);
    }
};

/// Gradients of maximum/minimum: the whole upstream gradient goes to x where xmask holds (ties
/// included, so a tie favours the first argument, as in TensorFlow), otherwise to y.
Gradients routeByMask(const GradContext& c, const Tensor& xmask)
{
    const Tensor& g = c.upstream;
    Gradients out(2);
    if (c.needs(0))
        out[0] = unbroadcast(where(xmask, g, zerosOf(g)), c.inputs[0].shape());
    if (c.needs(1))
        out[1] = unbroadcast(where(xmask, zerosOf(g), g), c.inputs[1].shape());
    return out;
}

TensorType inferWhere(const OpDef& op, std::span<const TensorType> in, const Attrs&)
{
    if (in[0].dtype != DType::Bool)
        throw EngineError("where: argument condition must be bool (a comparison such as x > 0), got "
                          + std::string(dtypeName(in[0].dtype)));
    const TensorType branches = rules::broadcastAllFloat(op, in, 1);
    const BroadcastResult b = broadcastShapes(in[0].shape, branches.shape);
    if (!b.ok)
        throw EngineError("where: the condition's shape " + in[0].shape.str()
                          + " cannot be broadcast with the branches' shape " + branches.shape.str());
    return {branches.dtype, b.shape};
}

Tensor whereForward(std::span<const Tensor> in, const Attrs&)
{
    const Shape shape = broadcastShapes(in[0].shape(), broadcastShapes(in[1].shape(), in[2].shape()).shape).shape;
    auto full = [&](const Tensor& t) { return t.shape().rows == shape.rows && t.shape().cols == shape.cols; };
    return dispatchFloating(in[1].dtype(), [&](auto tag) {
        using T = decltype(tag);
        // The common case, all three the same shape, selects without copying anything.
        if (full(in[0]) && full(in[1]) && full(in[2]))
            return Tensor::fromArray<T>(shape, in[0].array<bool>().select(in[1].array<T>(), in[2].array<T>()));
        const auto c = kernels::broadcastArray<bool>(in[0], shape.rows, shape.cols);
        return Tensor::fromArray<T>(shape, c.select(kernels::broadcastArray<T>(in[1], shape.rows, shape.cols),
                                                    kernels::broadcastArray<T>(in[2], shape.rows, shape.cols)));
    });
}

TensorType inferClip(const OpDef& op, std::span<const TensorType> in, const Attrs&)
{
    const TensorType all = rules::broadcastAllFloat(op, in, 0);
    if (all.shape != in[0].shape)
        throw EngineError("clip_by_value: the bounds (shapes " + in[1].shape.str() + " and " + in[2].shape.str()
                          + ") must broadcast to the shape of t " + in[0].shape.str());
    return in[0];
}

} // namespace

void registerComparisonOps(OpRegistry& registry)
{
    registry.add(comparison("greater", "x > y (bool, no gradient)", GreaterF{}));
    registry.add(comparison("greater_equal", "x >= y (bool, no gradient)", GreaterEqualF{}));
    registry.add(comparison("less", "x < y (bool, no gradient)", LessF{}));
    registry.add(comparison("less_equal", "x <= y (bool, no gradient)", LessEqualF{}));
    registry.add(comparison("equal", "x == y (bool, no gradient)", EqualF{}));
    registry.add(comparison("not_equal", "x != y (bool, no gradient; nan != nan)", NotEqualF{}));

    OpDef maximum;
    maximum.name = "maximum";
    maximum.summary = "element-wise max; at a tie the gradient goes to x";
    maximum.category = "comparison";
    maximum.minArity = maximum.maxArity = 2;
    maximum.inputNames = {"x", "y"};
    maximum.infer = rules::broadcastNumeric;
    maximum.forward = [](std::span<const Tensor> in, const Attrs&) {
        return kernels::zipNumeric(in[0], in[1], [](const auto& x, const auto& y) { return x.binaryExpr(y, MaxF{}); });
    };
    maximum.gradient = [](const GradContext& c) { return routeByMask(c, greater_equal(c.inputs[0], c.inputs[1])); };
    OpDef minimum = maximum;
    registry.add(std::move(maximum));

    minimum.name = "minimum";
    minimum.summary = "element-wise min; at a tie the gradient goes to x";
    minimum.forward = [](std::span<const Tensor> in, const Attrs&) {
        return kernels::zipNumeric(in[0], in[1], [](const auto& x, const auto& y) { return x.binaryExpr(y, MinF{}); });
    };
    minimum.gradient = [](const GradContext& c) { return routeByMask(c, less_equal(c.inputs[0], c.inputs[1])); };
    registry.add(std::move(minimum));

    OpDef where;
    where.name = "where";
    where.summary = "x where condition holds, else y (both branches are computed)";
    where.category = "comparison";
    where.minArity = where.maxArity = 3;
    where.inputNames = {"condition", "x", "y"};
    where.infer = inferWhere;
    where.forward = whereForward;
    // The condition gets None; x gets the upstream gradient where the condition holds and 0
    // elsewhere. A 0 that later meets an infinity becomes nan: the NaN-through-where trap.
    where.gradient = [](const GradContext& c) -> Gradients {
        const Tensor& g = c.upstream;
        const Tensor& cond = c.inputs[0];
        Gradients out(3);
        if (c.needs(1))
            out[1] = unbroadcast(gs::where(cond, g, zerosOf(g)), c.inputs[1].shape());
        if (c.needs(2))
            out[2] = unbroadcast(gs::where(cond, zerosOf(g), g), c.inputs[2].shape());
        return out;
    };
    registry.add(std::move(where));

    OpDef clip;
    clip.name = "clip_by_value";
    clip.summary = "min(max(t, clip_value_min), clip_value_max)";
    clip.category = "comparison";
    clip.minArity = clip.maxArity = 3;
    clip.inputNames = {"t", "clip_value_min", "clip_value_max"};
    clip.infer = inferClip;
    // TensorFlow computes maximum(minimum(t, max), min): apply() expands it the same way.
    clip.composite = [](std::span<const Tensor> in, const Attrs&) {
        return gs::maximum(gs::minimum(in[0], in[2]), in[1]);
    };
    registry.add(std::move(clip));
}

#define GS_BINARY_FUNCTION(fn)                                                                     \
    Tensor fn(const Tensor& x, const Tensor& y)                                                    \
    {                                                                                              \
        static const OpDef& op = opNamed(#fn);                                                     \
        return apply(op, {x, y});                                                                  \
    }
GS_BINARY_FUNCTION(greater)
GS_BINARY_FUNCTION(greater_equal)
GS_BINARY_FUNCTION(less)
GS_BINARY_FUNCTION(less_equal)
GS_BINARY_FUNCTION(equal)
GS_BINARY_FUNCTION(not_equal)
GS_BINARY_FUNCTION(maximum)
GS_BINARY_FUNCTION(minimum)
#undef GS_BINARY_FUNCTION

Tensor where(const Tensor& condition, const Tensor& x, const Tensor& y)
{
    static const OpDef& op = opNamed("where");
    return apply(op, {condition, x, y});
}

Tensor clip_by_value(const Tensor& x, const Tensor& clipMin, const Tensor& clipMax)
{
    static const OpDef& op = opNamed("clip_by_value");
    return apply(op, {x, clipMin, clipMax});
}

} // namespace gs
