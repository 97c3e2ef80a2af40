// cumsum and cumprod (running sums and products along an axis), and reduce_prod, whose
// gradient TensorFlow builds from two exclusive cumprods so that zeros in the input are handled.
#include "engine/core/EngineError.h"
#include "engine/ops/Apply.h"
#include "engine/ops/OpHandle.h"
#include "engine/ops/Ops.h"
#include "engine/ops/ReductionAxes.h"
#include "engine/ops/ShapeRules.h"

namespace gs {

namespace {

using reduction::Axis;

TensorType inferCumulative(const OpDef& op, std::span<const TensorType> in, const Attrs& attrs)
{
    rules::requireFloating(op, in, 0);
    if (in[0].shape.rank == 0)
        throw EngineError(op.name + ": needs a tensor of rank 1 or more, got a scalar");
    normaliseAxis(static_cast<int>(attrs.integer("axis", 0)), in[0].shape.rank, op.name.c_str());
    return in[0];
}

enum class Scan { Sum, Product };

/// Running sums or products along `axis`, in the tensor's dtype: element i combines the elements
/// before it (exclusive) or up to it, counted from the start or, with reverse, from the end.
template <Scan S> Tensor scanForward(std::span<const Tensor> in, const Attrs& attrs)
{
    const Tensor& x = in[0];
    const bool exclusive = attrs.flag("exclusive", false);
    const bool reverse = attrs.flag("reverse", false);
    const int axis =
        normaliseAxis(static_cast<int>(attrs.integer("axis", 0)), x.rank(), "cumulative");
    const bool alongRows = x.rank() == 2 && axis == 0;
    return dispatchFloating(x.dtype(), [&](auto tag) {
        using T = decltype(tag);
        const auto a = x.array<T>();
        ArrayX<T> out(a.rows(), a.cols());
        const std::int64_t lines = alongRows ? a.cols() : a.rows();
        const std::int64_t length = alongRows ? a.rows() : a.cols();
        for (std::int64_t line = 0; line < lines; ++line) {
            T running = S == Scan::Sum ? T(0) : T(1);
            for (std::int64_t k = 0; k < length; ++k) {
                const std::int64_t i = reverse ? length - 1 - k : k;
                const T value = alongRows ? a(i, line) : a(line, i);
                if (!exclusive)
                    running = S == Scan::Sum ? running + value : running * value;
                (alongRows ? out(i, line) : out(line, i)) = running;
                if (exclusive)
                    running = S == Scan::Sum ? running + value : running * value;
            }
        }
        return Tensor::fromArray<T>(x.shape(), out);
    });
}

OpDef cumulative(const char* name, const char* summary)
{
    OpDef op;
    op.name = name;
    op.summary = summary;
    op.category = "math";
    op.inputNames = {"x"};
    op.attrs = {{"axis", std::int64_t{0}, "the axis to run along"},
                {"exclusive", false, "leave each element out of its own result"},
                {"reverse", false, "run from the end"}};
    op.infer = inferCumulative;
    return op;
}

Attrs scanAttrs(int axis, bool exclusive, bool reverse)
{
    Attrs a{{"axis", std::int64_t{axis}}};
    if (exclusive)
        a.set("exclusive", true);
    if (reverse)
        a.set("reverse", true);
    return a;
}

/// The products of all other elements along axis 0 of `t`: exclusive cumprods from both ends,
/// multiplied (right even where `t` holds zeros).
Tensor productOfOthers(const Tensor& t)
{
    return mul(cumprod(t, 0, true, false), cumprod(t, 0, true, true));
}

} // namespace

void registerCumulativeOps(OpRegistry& registry)
{
    OpDef cumsum = cumulative("cumsum", "running sum along an axis");
    cumsum.forward = scanForward<Scan::Sum>;
    // TensorFlow's Cumsum gradient: the cumsum of the upstream gradient in the other direction
    cumsum.gradient = [](const GradContext& c) -> Gradients {
        const Attrs& a = c.attrs;
        return {gs::cumsum(c.upstream, static_cast<int>(a.integer("axis", 0)),
                           a.flag("exclusive", false), !a.flag("reverse", false))};
    };
    registry.add(std::move(cumsum));

    OpDef cumprod = cumulative("cumprod", "running product along an axis");
    cumprod.forward = scanForward<Scan::Product>;
    // TensorFlow's Cumprod gradient: cumsum(cumprod(x) * upstream, other direction) / x, which is
    // nan or inf where x is 0 (a limitation TensorFlow documents).
    cumprod.gradient = [](const GradContext& c) -> Gradients {
        const Tensor& x = c.inputs[0];
        const int axis = static_cast<int>(c.attrs.integer("axis", 0));
        const bool exclusive = c.attrs.flag("exclusive", false);
        const bool reverse = c.attrs.flag("reverse", false);
        const Tensor prod = gs::cumprod(x, axis, exclusive, reverse);
        return {div(gs::cumsum(mul(prod, c.upstream), axis, exclusive, !reverse), x)};
    };
    registry.add(std::move(cumprod));

    OpDef prod = reduction::reductionOp("reduce_prod", "product of elements, over all or one axis");
    prod.forward = [](std::span<const Tensor> in, const Attrs& attrs) {
        const Tensor& x = in[0];
        const Axis axis = reduction::storageAxis(x.shape(), attrs, "reduce_prod");
        const Shape out = reduction::reducedShape(x.shape(), axis, attrs.flag("keepdims", false));
        return dispatchFloating(x.dtype(), [&](auto tag) {
            using T = decltype(tag);
            const auto a = x.array<T>();
            const ArrayX<T> r = axis == Axis::All ? ArrayX<T>(ArrayX<T>::Constant(1, 1, a.prod()))
                                : axis == Axis::Rows ? ArrayX<T>(a.colwise().prod())
                                                     : ArrayX<T>(a.rowwise().prod());
            return reduction::toTensor<T>(out, r);
        });
    };
    // TensorFlow's Prod gradient: upstream times the product of the other elements, computed as
    // exclusive cumprods from the left and from the right along the reduced axis (moved first by
    // a transpose, all elements flattened into one column), so one zero in the input gives that
    // element the product of the others and two zeros give zeros everywhere.
    prod.gradient = [](const GradContext& c) -> Gradients {
        const Tensor& x = c.inputs[0];
        const Shape& xs = x.shape();
        const Axis axis = reduction::storageAxis(xs, c.attrs, "reduce_prod");
        const Tensor g = reduction::spreadBack(c, axis);
        Tensor others;
        if (axis == Axis::All)
            others = reshape(productOfOthers(reshape(x, {xs.size(), 1})), xs.dims());
        else if (axis == Axis::Rows || xs.rank == 1)
            others = productOfOthers(x);
        else
            others = transpose(productOfOthers(transpose(x)));
        return {mul(g, others)};
    };
    registry.add(std::move(prod));
}

Tensor cumsum(const Tensor& x, int axis, bool exclusive, bool reverse)
{
    static const OpDef& op = opNamed("cumsum");
    return apply(op, {x}, scanAttrs(axis, exclusive, reverse));
}
Tensor cumprod(const Tensor& x, int axis, bool exclusive, bool reverse)
{
    static const OpDef& op = opNamed("cumprod");
    return apply(op, {x}, scanAttrs(axis, exclusive, reverse));
}
Tensor reduce_prod(const Tensor& x, std::optional<int> axis, bool keepdims)
{
    return reduction::call("reduce_prod", x, axis, keepdims);
}

} // namespace gs
