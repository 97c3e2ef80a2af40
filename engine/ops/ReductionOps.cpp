// reduce_sum, reduce_mean, reduce_max over all elements or one axis, and norm.
#include "engine/core/EngineError.h"
#include "engine/ops/Apply.h"
#include "engine/ops/OpHandle.h"
#include "engine/ops/Ops.h"
#include "engine/ops/ShapeRules.h"

#include <algorithm>

namespace gs {

namespace {

/// Where a reduction's axis lands in the 2-D (rows, cols) storage.
enum class Axis { All, Rows, Cols };

Axis storageAxis(const Shape& in, const Attrs& attrs, const char* op)
{
    if (!attrs.has("axis"))
        return Axis::All;
    if (in.rank == 0)
        throw EngineError(std::string(op) + ": axis " + std::to_string(attrs.integer("axis", 0))
                          + " is out of range for a scalar (rank 0): leave axis out to reduce everything");
    const int axis = normaliseAxis(static_cast<int>(attrs.integer("axis", 0)), in.rank, op);
    return in.rank == 2 && axis == 0 ? Axis::Rows : Axis::Cols;
}

/// The input shape with the reduced dimensions set to 1 (what keepdims=True gives).
Shape keptShape(const Shape& in, Axis axis)
{
    Shape s = in;
    if (axis == Axis::All || axis == Axis::Rows)
        s.rows = 1;
    if (axis == Axis::All || axis == Axis::Cols)
        s.cols = 1;
    return s;
}

Shape reducedShape(const Shape& in, Axis axis, bool keepdims)
{
    if (keepdims)
        return keptShape(in, axis);
    if (axis == Axis::All || in.rank <= 1)
        return Shape::scalar();
    return Shape::vector(axis == Axis::Rows ? in.cols : in.rows);
}

TensorType inferReduction(const OpDef& op, std::span<const TensorType> in, const Attrs& attrs)
{
    rules::requireFloating(op, in, 0);
    const Axis axis = storageAxis(in[0].shape, attrs, op.name.c_str());
    if (op.name == "reduce_max" && in[0].shape.size() == 0)
        throw EngineError("reduce_max: cannot take the maximum of an empty tensor of shape " + in[0].shape.str());
    return {in[0].dtype, reducedShape(in[0].shape, axis, attrs.flag("keepdims", false))};
}

enum class Reducer { Sum, Mean, Max };

template <class T> ArrayX<T> reduce(const ConstArrayMap<T>& x, Axis axis, Reducer r)
{
    auto finish = [&](auto&& sums, std::int64_t count) -> ArrayX<T> {
        if (r == Reducer::Mean)
            return sums / static_cast<T>(count);
        return sums;
    };
    switch (axis) {
    case Axis::All: {
        ArrayX<T> out(1, 1);
        out(0, 0) = r == Reducer::Max ? x.maxCoeff() : x.sum();
        return finish(out, x.size());
    }
    case Axis::Rows:
        return finish(r == Reducer::Max ? ArrayX<T>(x.colwise().maxCoeff()) : ArrayX<T>(x.colwise().sum()), x.rows());
    case Axis::Cols:
        return finish(r == Reducer::Max ? ArrayX<T>(x.rowwise().maxCoeff()) : ArrayX<T>(x.rowwise().sum()), x.cols());
    }
    return {};
}

template <Reducer R> Tensor reduceForward(std::span<const Tensor> in, const Attrs& attrs)
{
    const Tensor& x = in[0];
    const Axis axis = storageAxis(x.shape(), attrs, "reduce");
    const Shape out = reducedShape(x.shape(), axis, attrs.flag("keepdims", false));
    return dispatchFloating(x.dtype(), [&](auto tag) {
        using T = decltype(tag);
        const ArrayX<T> r = reduce<T>(x.array<T>(), axis, R);
        Tensor t = Tensor::allocate(out, x.dtype());
        std::copy(r.data(), r.data() + r.size(), t.mutableData<T>());
        return t;
    });
}

/// The upstream gradient of a reduction, reshaped to keepdims form and broadcast back to x.
Tensor spreadBack(const GradContext& c, Axis axis)
{
    const Shape& xs = c.inputs[0].shape();
    return broadcast_to(reshape(c.upstream, keptShape(xs, axis).dims()), xs);
}

Attrs keepdimsLike(const Attrs& attrs)
{
    Attrs a;
    if (attrs.has("axis"))
        a.set("axis", attrs.integer("axis", 0));
    a.set("keepdims", true);
    return a;
}

OpDef reduction(const char* name, const char* summary)
{
    OpDef op;
    op.name = name;
    op.summary = summary;
    op.category = "reduction";
    op.inputNames = {"input_tensor"};
    op.attrs = {{"axis", std::int64_t{0}, "the axis to reduce (leave out to reduce all elements)"},
                {"keepdims", false, "keep reduced dimensions with size 1"}};
    op.infer = inferReduction;
    return op;
}

Tensor reduceCall(const char* name, const Tensor& x, std::optional<int> axis, bool keepdims)
{
    Attrs attrs;
    if (axis)
        attrs.set("axis", std::int64_t{*axis});
    if (keepdims)
        attrs.set("keepdims", true);
    return apply(OpRegistry::instance().get(name), {x}, attrs);
}

} // namespace

void registerReductionOps(OpRegistry& registry)
{
    OpDef sum = reduction("reduce_sum", "sum of elements, over all or one axis");
    sum.forward = reduceForward<Reducer::Sum>;
    // every element receives the upstream gradient
    sum.gradient = [](const GradContext& c) -> Gradients {
        return {spreadBack(c, storageAxis(c.inputs[0].shape(), c.attrs, "reduce_sum"))};
    };
    registry.add(std::move(sum));

    OpDef mean = reduction("reduce_mean", "mean of elements, over all or one axis");
    mean.forward = reduceForward<Reducer::Mean>;
    // every element receives upstream / count
    mean.gradient = [](const GradContext& c) -> Gradients {
        const Tensor& x = c.inputs[0];
        const double count = static_cast<double>(x.size()) / static_cast<double>(std::max<std::int64_t>(c.output.size(), 1));
        return {div(spreadBack(c, storageAxis(x.shape(), c.attrs, "reduce_mean")), constantLike(count, x))};
    };
    registry.add(std::move(mean));

    OpDef max = reduction("reduce_max", "largest element, over all or one axis; ties share the gradient");
    max.forward = reduceForward<Reducer::Max>;
    // the upstream gradient is split equally between the elements equal to the maximum
    max.gradient = [](const GradContext& c) -> Gradients {
        const Tensor& x = c.inputs[0];
        const Axis axis = storageAxis(x.shape(), c.attrs, "reduce_max");
        const auto kept = keptShape(x.shape(), axis).dims();
        const Tensor indicators = cast(equal(reshape(c.output, kept), x), x.dtype());
        const Tensor selected = apply(opNamed("reduce_sum"), {indicators}, keepdimsLike(c.attrs));
        return {mul(div(indicators, selected), reshape(c.upstream, kept))};
    };
    registry.add(std::move(max));

    OpDef norm = reduction("norm", "Euclidean norm sqrt(sum(x * x)), over all or one axis");
    // TensorFlow builds norm from primitive ops; its gradient at 0 is therefore nan.
    norm.composite = [](std::span<const Tensor> in, const Attrs& attrs) {
        const Tensor& x = in[0];
        const Tensor kept = sqrt(apply(opNamed("reduce_sum"), {mul(x, x)}, keepdimsLike(attrs)));
        if (attrs.flag("keepdims", false))
            return kept;
        const Axis axis = storageAxis(x.shape(), attrs, "norm");
        return reshape(kept, reducedShape(x.shape(), axis, false).dims());
    };
    registry.add(std::move(norm));
}

Tensor reduce_sum(const Tensor& x, std::optional<int> axis, bool keepdims)
{
    return reduceCall("reduce_sum", x, axis, keepdims);
}
Tensor reduce_mean(const Tensor& x, std::optional<int> axis, bool keepdims)
{
    return reduceCall("reduce_mean", x, axis, keepdims);
}
Tensor reduce_max(const Tensor& x, std::optional<int> axis, bool keepdims)
{
    return reduceCall("reduce_max", x, axis, keepdims);
}
Tensor norm(const Tensor& x, std::optional<int> axis, bool keepdims)
{
    return reduceCall("norm", x, axis, keepdims);
}

} // namespace gs
