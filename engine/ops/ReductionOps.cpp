// reduce_sum, reduce_mean, reduce_max, reduce_min over all elements or one axis, and norm.
#include "engine/core/FloatEnvironment.h"
#include "engine/ops/Apply.h"
#include "engine/ops/OpHandle.h"
#include "engine/ops/Ops.h"
#include "engine/ops/ReductionAxes.h"

#include <algorithm>

namespace gs {

namespace {

using reduction::Axis;

enum class Reducer { Sum, Mean, Max, Min };

// TensorFlow's Max and Min reducers propagate NaN: reduce_max([4, nan]) is nan.
template <class T, class X> T reduceAll(const X& x, Reducer r)
{
    switch (r) {
    case Reducer::Max:
        return x.template maxCoeff<Eigen::PropagateNaN>();
    case Reducer::Min:
        return x.template minCoeff<Eigen::PropagateNaN>();
    case Reducer::Sum:
    case Reducer::Mean:
        break;
    }
    return x.sum();
}

/// Max and min of two elements, nan when either is nan.
struct NanMax {
    template <class T> T operator()(const T& a, const T& b) const
    {
        return a != a ? a : b != b ? b : a < b ? b : a;
    }
};
struct NanMin {
    template <class T> T operator()(const T& a, const T& b) const
    {
        return a != a ? a : b != b ? b : b < a ? b : a;
    }
};

/// One result per row (rowwise) or per column (colwise).
template <class T, class Lines> ArrayX<T> reduceLines(const Lines& lines, Reducer r)
{
    switch (r) {
    case Reducer::Max:
        return lines.redux(NanMax{});
    case Reducer::Min:
        return lines.redux(NanMin{});
    case Reducer::Sum:
    case Reducer::Mean:
        break;
    }
    return lines.sum();
}

template <class T> ArrayX<T> reduce(const ConstArrayMap<T>& x, Axis axis, Reducer r)
{
    auto finish = [&](ArrayX<T> sums, std::int64_t count) -> ArrayX<T> {
        if (r == Reducer::Mean)
            return sums / static_cast<T>(count);
        return sums;
    };
    switch (axis) {
    case Axis::All: {
        ArrayX<T> out(1, 1);
        out(0, 0) = reduceAll<T>(x, r);
        return finish(out, x.size());
    }
    case Axis::Rows:
        return finish(reduceLines<T>(x.colwise(), r), x.rows());
    case Axis::Cols:
        return finish(reduceLines<T>(x.rowwise(), r), x.cols());
    }
    return {};
}

template <Reducer R> Tensor reduceForward(std::span<const Tensor> in, const Attrs& attrs)
{
    const Tensor& x = in[0];
    const Axis axis = reduction::storageAxis(x.shape(), attrs, "reduce");
    const Shape out = reduction::reducedShape(x.shape(), axis, attrs.flag("keepdims", false));
    return dispatchFloating(x.dtype(), [&](auto tag) {
        using T = decltype(tag);
        if (axis == Axis::All) {
            // One number, written straight into the output: reduce() would build it in two or
            // three heap arrays first (a loss and its penalties make four of these a step). The
            // same sum, and the same division of it by the count, as reduce() computes.
            Tensor t = Tensor::allocate(out, x.dtype());
            const T total = reduceAll<T>(x.array<T>(), R);
            *t.mutableData<T>() = R == Reducer::Mean ? total / static_cast<T>(x.size()) : total;
            return t;
        }
        return reduction::toTensor<T>(out, reduce<T>(x.array<T>(), axis, R));
    });
}

/// TensorFlow's _MinOrMaxGrad: the upstream gradient is split equally between the elements equal
/// to the result (ties share it).
Gradients minOrMaxGradient(const GradContext& c)
{
    const Tensor& x = c.inputs[0];
    const Axis axis = reduction::storageAxis(x.shape(), c.attrs, "reduce_max");
    const auto kept = reduction::keptShape(x.shape(), axis).dims();
    const Tensor indicators = cast(equal(reshape(c.output, kept), x), x.dtype());
    const Tensor selected =
        apply(opNamed("reduce_sum"), {indicators}, reduction::keepdimsLike(c.attrs));
    return {mul(div(indicators, selected), reshape(c.upstream, kept))};
}

} // namespace

void registerReductionOps(OpRegistry& registry)
{
    OpDef sum = reduction::reductionOp("reduce_sum", "sum of elements, over all or one axis");
    sum.forward = reduceForward<Reducer::Sum>;
    // every element receives the upstream gradient
    sum.gradient = [](const GradContext& c) -> Gradients {
        return {reduction::spreadBack(
            c, reduction::storageAxis(c.inputs[0].shape(), c.attrs, "reduce_sum"))};
    };
    registry.add(std::move(sum));

    OpDef mean = reduction::reductionOp("reduce_mean", "mean of elements, over all or one axis");
    mean.forward = reduceForward<Reducer::Mean>;
    // every element receives upstream / count
    mean.gradient = [](const GradContext& c) -> Gradients {
        const Tensor& x = c.inputs[0];
        const double count = static_cast<double>(x.size())
                             / static_cast<double>(std::max<std::int64_t>(c.output.size(), 1));
        return {reduction::spreadBackMean(
            c, reduction::storageAxis(x.shape(), c.attrs, "reduce_mean"), count)};
    };
    registry.add(std::move(mean));

    OpDef max = reduction::reductionOp(
        "reduce_max", "largest element, over all or one axis; ties share the gradient");
    max.forward = reduceForward<Reducer::Max>;
    max.gradient = minOrMaxGradient;
    registry.add(std::move(max));

    OpDef min = reduction::reductionOp(
        "reduce_min", "smallest element, over all or one axis; ties share the gradient");
    min.forward = reduceForward<Reducer::Min>;
    min.gradient = minOrMaxGradient;
    registry.add(std::move(min));

    OpDef norm =
        reduction::reductionOp("norm", "Euclidean norm sqrt(sum(x * x)), over all or one axis");
    // TensorFlow builds norm from primitive ops; its gradient at 0 is therefore nan.
    norm.composite = [](std::span<const Tensor> in, const Attrs& attrs) {
        const Tensor& x = in[0];
        const Tensor kept =
            sqrt(apply(opNamed("reduce_sum"), {mul(x, x)}, reduction::keepdimsLike(attrs)));
        if (attrs.flag("keepdims", false))
            return kept;
        const Axis axis = reduction::storageAxis(x.shape(), attrs, "norm");
        return reshape(kept, reduction::reducedShape(x.shape(), axis, false).dims());
    };
    registry.add(std::move(norm));
}

Tensor reduction::sumKept(const Tensor& x, Axis axis)
{
    TensorFlowFloatEnvironment environment;
    return dispatchFloating(x.dtype(), [&](auto tag) {
        using T = decltype(tag);
        return reduction::toTensor<T>(reduction::keptShape(x.shape(), axis),
                                      reduce<T>(x.array<T>(), axis, Reducer::Sum));
    });
}

Tensor reduce_sum(const Tensor& x, std::optional<int> axis, bool keepdims)
{
    return reduction::call("reduce_sum", x, axis, keepdims);
}
Tensor reduce_mean(const Tensor& x, std::optional<int> axis, bool keepdims)
{
    return reduction::call("reduce_mean", x, axis, keepdims);
}
Tensor reduce_max(const Tensor& x, std::optional<int> axis, bool keepdims)
{
    return reduction::call("reduce_max", x, axis, keepdims);
}
Tensor reduce_min(const Tensor& x, std::optional<int> axis, bool keepdims)
{
    return reduction::call("reduce_min", x, axis, keepdims);
}
Tensor norm(const Tensor& x, std::optional<int> axis, bool keepdims)
{
    return reduction::call("norm", x, axis, keepdims);
}

} // namespace gs
