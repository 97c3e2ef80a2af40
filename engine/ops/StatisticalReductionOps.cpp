// reduce_logsumexp, reduce_variance and reduce_std: composites, expanded by apply() into the
// primitive ops TensorFlow's Python functions run (math_ops.py), so their gradients at the edges
// (an infinite maximum, a constant input) are TensorFlow's.
#include "engine/ops/Apply.h"
#include "engine/ops/OpHandle.h"
#include "engine/ops/Ops.h"
#include "engine/ops/ReductionAxes.h"

namespace gs {

void registerStatisticalReductionOps(OpRegistry& registry)
{
    OpDef logsumexp = reduction::reductionOp(
        "reduce_logsumexp", "log(sum(exp(x))) computed stably, over all or one axis");
    // TensorFlow shifts by the maximum, held constant by stop_gradient and replaced by 0 where it
    // is not finite: log(sum(exp(x - m))) + m. So [1000, 1000] gives 1000 + log 2, [inf, 1] gives
    // inf with gradient [nan, 0], and [-inf, -inf] gives -inf with gradient [nan, nan].
    logsumexp.composite = [](std::span<const Tensor> in, const Attrs& attrs) {
        const Tensor& x = in[0];
        const Tensor rawMax = apply(opNamed("reduce_max"), {x}, reduction::keepdimsLike(attrs));
        const Tensor zeros = Tensor::zeros(rawMax.shape(), rawMax.dtype());
        Tensor shift = stop_gradient(where(is_finite(rawMax), rawMax, zeros));
        const Tensor result = log(apply(opNamed("reduce_sum"), {exp(sub(x, shift))}, attrs));
        if (!attrs.flag("keepdims", false))
            shift = reshape(shift, result.shape().dims());
        return add(result, shift);
    };
    registry.add(std::move(logsumexp));

    OpDef variance = reduction::reductionOp(
        "reduce_variance", "mean of squared deviations from the mean, over all or one axis");
    // reduce_mean(square(x - reduce_mean(x, keepdims=True)))
    variance.composite = [](std::span<const Tensor> in, const Attrs& attrs) {
        const Tensor& x = in[0];
        const Tensor means = apply(opNamed("reduce_mean"), {x}, reduction::keepdimsLike(attrs));
        return apply(opNamed("reduce_mean"), {square(sub(x, means))}, attrs);
    };
    registry.add(std::move(variance));

    OpDef stddev = reduction::reductionOp(
        "reduce_std", "standard deviation sqrt(reduce_variance(x)), over all or one axis");
    // sqrt of reduce_variance: at a constant input the gradient is nan (sqrt'(0) = inf meets x -
    // mean = 0).
    stddev.composite = [](std::span<const Tensor> in, const Attrs& attrs) {
        return sqrt(apply(opNamed("reduce_variance"), in, attrs));
    };
    registry.add(std::move(stddev));
}

Tensor reduce_logsumexp(const Tensor& x, std::optional<int> axis, bool keepdims)
{
    return reduction::call("reduce_logsumexp", x, axis, keepdims);
}
Tensor reduce_variance(const Tensor& x, std::optional<int> axis, bool keepdims)
{
    return reduction::call("reduce_variance", x, axis, keepdims);
}
Tensor reduce_std(const Tensor& x, std::optional<int> axis, bool keepdims)
{
    return reduction::call("reduce_std", x, axis, keepdims);
}

} // namespace gs
