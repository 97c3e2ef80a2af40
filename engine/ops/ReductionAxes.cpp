#include "engine/ops/ReductionAxes.h"

#include "engine/core/EngineError.h"
#include "engine/ops/Apply.h"
#include "engine/ops/FusedGradient.h"
#include "engine/ops/FusedGradientKernels.h"
#include "engine/ops/Kernels.h"
#include "engine/ops/OpRegistry.h"
#include "engine/ops/Ops.h"
#include "engine/ops/ShapeRules.h"

namespace gs::reduction {

Axis storageAxis(const Shape& in, const Attrs& attrs, const char* op)
{
    if (!attrs.has("axis"))
        return Axis::All;
    if (in.rank == 0)
        throw EngineError(
            std::string(op) + ": axis " + std::to_string(attrs.integer("axis", 0))
            + " is out of range for a scalar (rank 0): leave axis out to reduce everything");
    const int axis = normaliseAxis(static_cast<int>(attrs.integer("axis", 0)), in.rank, op);
    return in.rank == 2 && axis == 0 ? Axis::Rows : Axis::Cols;
}

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

Attrs keepdimsLike(const Attrs& attrs)
{
    Attrs a;
    if (attrs.has("axis"))
        a.set("axis", attrs.integer("axis", 0));
    a.set("keepdims", true);
    return a;
}

TensorType inferFloating(const OpDef& op, std::span<const TensorType> in, const Attrs& attrs)
{
    rules::requireFloating(op, in, 0);
    const Axis axis = storageAxis(in[0].shape, attrs, op.name.c_str());
    if ((op.name == "reduce_max" || op.name == "reduce_min") && in[0].shape.size() == 0)
        throw EngineError(op.name + ": cannot take the "
                          + (op.name == "reduce_max" ? "maximum" : "minimum")
                          + " of an empty tensor of shape " + in[0].shape.str());
    return {in[0].dtype, reducedShape(in[0].shape, axis, attrs.flag("keepdims", false))};
}

OpDef reductionOp(const char* name, const char* summary)
{
    OpDef op;
    op.name = name;
    op.summary = summary;
    op.category = "reduction";
    op.inputNames = {"input_tensor"};
    op.attrs = {{"axis", std::int64_t{0}, "the axis to reduce (leave out to reduce all elements)"},
                {"keepdims", false, "keep reduced dimensions with size 1"}};
    op.infer = inferFloating;
    return op;
}

namespace {

/// reshape then broadcast_to in one copy, when nothing observes the ops (fusedGradientAllowed):
/// the same elements copied to the same places.
bool spreadsFused(const GradContext& c, const Shape& kept)
{
    return gradientOpsUnobserved() && c.upstream.dtype() == c.inputs[0].dtype()
           && isFloating(c.upstream.dtype()) && c.upstream.size() == kept.size();
}

Tensor spreadFused(const Tensor& upstream, const Shape& kept, const Shape& xs)
{
    const Tensor u = upstream.reshaped(kept);
    return dispatchFloating(u.dtype(), [&](auto tag) {
        using T = decltype(tag);
        Tensor out = Tensor::allocate(xs, u.dtype());
        kernels::broadcastInto<T>(u, out.mutableData<T>(), xs.rows, xs.cols);
        return out;
    });
}

} // namespace

Tensor spreadBack(const GradContext& c, Axis axis)
{
    const Shape& xs = c.inputs[0].shape();
    const Shape kept = keptShape(xs, axis);
    if (spreadsFused(c, kept))
        return spreadFused(c.upstream, kept, xs);
    return broadcast_to(reshape(c.upstream, kept.dims()), xs);
}

Tensor spreadBackMean(const GradContext& c, Axis axis, double count)
{
    const Tensor& x = c.inputs[0];
    const Shape kept = keptShape(x.shape(), axis);
    if (!spreadsFused(c, kept))
        return div(spreadBack(c, axis), constantLike(count, x));
    Tensor spread = spreadFused(c.upstream, kept, x.shape());
    fused::divideInPlace(spread, count);
    return spread;
}

Tensor call(const char* name, const Tensor& x, std::optional<int> axis, bool keepdims)
{
    Attrs attrs;
    if (axis)
        attrs.set("axis", std::int64_t{*axis});
    if (keepdims)
        attrs.set("keepdims", true);
    return apply(OpRegistry::instance().get(name), {x}, attrs);
}

} // namespace gs::reduction
