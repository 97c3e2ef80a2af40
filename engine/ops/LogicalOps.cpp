// logical_and, logical_or, logical_not, is_finite, reduce_any and reduce_all: bool results, no
// gradient (TensorFlow registers them as not differentiable).
#include "engine/core/EngineError.h"
#include "engine/ops/Apply.h"
#include "engine/ops/Kernels.h"
#include "engine/ops/OpHandle.h"
#include "engine/ops/Ops.h"
#include "engine/ops/ReductionAxes.h"
#include "engine/ops/ShapeRules.h"

namespace gs {

namespace {

void requireBool(const OpDef& op, std::span<const TensorType> in, std::size_t i)
{
    if (in[i].dtype != DType::Bool)
        throw EngineError(op.name + ": argument " + op.inputName(i)
                          + " must be bool (a comparison such as x > 0), got "
                          + std::string(dtypeName(in[i].dtype)));
}

TensorType inferBinaryBool(const OpDef& op, std::span<const TensorType> in, const Attrs&)
{
    requireBool(op, in, 0);
    requireBool(op, in, 1);
    const BroadcastResult b = broadcastShapes(in[0].shape, in[1].shape);
    if (!b.ok)
        throw EngineError(op.name + ": shapes " + in[0].shape.str() + " and " + in[1].shape.str()
                          + " of arguments x and y cannot be broadcast together");
    return {DType::Bool, b.shape};
}

TensorType inferUnaryBool(const OpDef& op, std::span<const TensorType> in, const Attrs&)
{
    requireBool(op, in, 0);
    return in[0];
}

template <class F> Tensor zipBool(const Tensor& a, const Tensor& b, F&& f)
{
    const Shape shape = broadcastShapes(a.shape(), b.shape()).shape;
    return Tensor::fromArray<bool>(shape,
                                   f(kernels::broadcastArray<bool>(a, shape.rows, shape.cols),
                                     kernels::broadcastArray<bool>(b, shape.rows, shape.cols)));
}

OpDef logical(const char* name, const char* summary)
{
    OpDef op;
    op.name = name;
    op.summary = summary;
    op.category = "logical";
    op.minArity = op.maxArity = 2;
    op.inputNames = {"x", "y"};
    op.infer = inferBinaryBool;
    return op;
}

TensorType inferBoolReduction(const OpDef& op, std::span<const TensorType> in, const Attrs& attrs)
{
    requireBool(op, in, 0);
    const reduction::Axis axis = reduction::storageAxis(in[0].shape, attrs, op.name.c_str());
    return {DType::Bool, reduction::reducedShape(in[0].shape, axis, attrs.flag("keepdims", false))};
}

enum class BoolReducer { Any, All };

template <BoolReducer R> Tensor reduceBool(std::span<const Tensor> in, const Attrs& attrs)
{
    const Tensor& x = in[0];
    const reduction::Axis axis = reduction::storageAxis(x.shape(), attrs, "reduce");
    const Shape out = reduction::reducedShape(x.shape(), axis, attrs.flag("keepdims", false));
    const auto a = x.array<bool>();
    ArrayX<bool> r;
    switch (axis) {
    case reduction::Axis::All:
        r = ArrayX<bool>::Constant(1, 1, R == BoolReducer::Any ? a.any() : a.all());
        break;
    case reduction::Axis::Rows:
        r = R == BoolReducer::Any ? ArrayX<bool>(a.colwise().any())
                                  : ArrayX<bool>(a.colwise().all());
        break;
    case reduction::Axis::Cols:
        r = R == BoolReducer::Any ? ArrayX<bool>(a.rowwise().any())
                                  : ArrayX<bool>(a.rowwise().all());
        break;
    }
    return reduction::toTensor<bool>(out, r);
}

OpDef boolReduction(const char* name, const char* summary)
{
    OpDef op = reduction::reductionOp(name, summary);
    op.infer = inferBoolReduction;
    return op;
}

} // namespace

void registerLogicalOps(OpRegistry& registry)
{
    OpDef logicalAnd =
        logical("logical_and", "x and y, element-wise with broadcasting (bool, no gradient)");
    logicalAnd.forward = [](std::span<const Tensor> in, const Attrs&) {
        return zipBool(in[0], in[1], [](const auto& x, const auto& y) { return x && y; });
    };
    registry.add(std::move(logicalAnd));

    OpDef logicalOr =
        logical("logical_or", "x or y, element-wise with broadcasting (bool, no gradient)");
    logicalOr.forward = [](std::span<const Tensor> in, const Attrs&) {
        return zipBool(in[0], in[1], [](const auto& x, const auto& y) { return x || y; });
    };
    registry.add(std::move(logicalOr));

    OpDef logicalNot = logical("logical_not", "not x, element-wise (bool, no gradient)");
    logicalNot.minArity = logicalNot.maxArity = 1;
    logicalNot.inputNames = {"x"};
    logicalNot.infer = inferUnaryBool;
    logicalNot.forward = [](std::span<const Tensor> in, const Attrs&) {
        return Tensor::fromArray<bool>(in[0].shape(), !in[0].array<bool>());
    };
    registry.add(std::move(logicalNot));

    OpDef isFinite =
        logical("is_finite", "true where x is neither infinite nor nan (bool, no gradient)");
    isFinite.minArity = isFinite.maxArity = 1;
    isFinite.inputNames = {"x"};
    isFinite.infer = [](const OpDef& op, std::span<const TensorType> in, const Attrs&) {
        rules::requireFloating(op, in, 0);
        return TensorType{DType::Bool, in[0].shape};
    };
    isFinite.forward = [](std::span<const Tensor> in, const Attrs&) {
        return dispatchFloating(in[0].dtype(), [&](auto tag) {
            using T = decltype(tag);
            return Tensor::fromArray<bool>(in[0].shape(), in[0].array<T>().isFinite());
        });
    };
    registry.add(std::move(isFinite));

    OpDef any = boolReduction(
        "reduce_any", "true if any element is true, over all or one axis (bool, no gradient)");
    any.forward = reduceBool<BoolReducer::Any>;
    registry.add(std::move(any));

    OpDef all = boolReduction(
        "reduce_all", "true if every element is true, over all or one axis (bool, no gradient)");
    all.forward = reduceBool<BoolReducer::All>;
    registry.add(std::move(all));
}

Tensor logical_and(const Tensor& x, const Tensor& y)
{
    static const OpDef& op = opNamed("logical_and");
    return apply(op, {x, y});
}
Tensor logical_or(const Tensor& x, const Tensor& y)
{
    static const OpDef& op = opNamed("logical_or");
    return apply(op, {x, y});
}
Tensor logical_not(const Tensor& x)
{
    static const OpDef& op = opNamed("logical_not");
    return apply(op, {x});
}
Tensor is_finite(const Tensor& x)
{
    static const OpDef& op = opNamed("is_finite");
    return apply(op, {x});
}
Tensor reduce_any(const Tensor& x, std::optional<int> axis, bool keepdims)
{
    return reduction::call("reduce_any", x, axis, keepdims);
}
Tensor reduce_all(const Tensor& x, std::optional<int> axis, bool keepdims)
{
    return reduction::call("reduce_all", x, axis, keepdims);
}

} // namespace gs
