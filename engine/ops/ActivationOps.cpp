// sigmoid, relu, elu, selu, leaky_relu, softplus: TensorFlow's kernels and gradient kernels,
// written so the gradients are themselves differentiable.
#include "engine/ops/Apply.h"
#include "engine/ops/FusedGradient.h"
#include "engine/ops/FusedGradientKernels.h"
#include "engine/ops/Kernels.h"
#include "engine/ops/OpHandle.h"
#include "engine/ops/Ops.h"
#include "engine/ops/ShapeRules.h"

#include <algorithm>
#include <bit>
#include <cmath>
#include <limits>
#include <type_traits>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace gs {

namespace {

constexpr double seluAlpha = 1.6732632423543772848170429916717;
constexpr double seluScale = 1.0507009873554804934193349852946;

OpDef activation(const char* name, const char* summary)
{
    OpDef op;
    op.name = name;
    op.summary = summary;
    op.category = "activation";
    op.inputNames = {"x"};
    op.infer = rules::unaryFloat;
    return op;
}

Tensor zerosOf(const Tensor& like) { return Tensor::zeros(like.shape(), like.dtype()); }

/// Bit k set where in[k] < 0, for count <= 64 elements: four floats a compare with SSE, where a
/// compare, a set and a variable shift per element took as long as the exps themselves.
/// cmpltps and the scalar compare agree everywhere (NaN is not negative, -0 is not, and a
/// denormal reads as zero under TensorFlow's DAZ for both).
template <class T> std::uint64_t negativeMask(const T* in, std::int64_t count)
{
    std::uint64_t mask = 0;
    std::int64_t i = 0;
#if defined(__SSE2__)
    if constexpr (std::is_same_v<T, float>) {
        const __m128 zero = _mm_setzero_ps();
        for (; i + 4 <= count; i += 4)
            mask |= static_cast<std::uint64_t>(_mm_movemask_ps(_mm_cmplt_ps(_mm_loadu_ps(in + i), zero))) << i;
    }
#endif
    for (; i < count; ++i)
        mask |= static_cast<std::uint64_t>(in[i] < T(0)) << i;
    return mask;
}

/// elu element by element, as Eigen's select computed it (a scalar std::exp only where x < 0),
/// without the expression's per-element bookkeeping.
///
/// Not as one loop with a branch per element: a layer's pre-activations are negative about half
/// the time in no order, and the mispredicted branch made this loop a tenth of a training step's
/// time (perf, issue 16). The input is copied, the negative elements of each 64 are marked in a
/// bit mask without a branch, and only those get their exp, found by counting trailing zeros.
Tensor eluKernel(const Tensor& x, double alpha)
{
    return dispatchFloating(x.dtype(), [&](auto tag) {
        using T = decltype(tag);
        Tensor out = Tensor::allocate(x.shape(), x.dtype());
        const T* in = x.data<T>();
        T* y = out.mutableData<T>();
        const T a = static_cast<T>(alpha);
        const std::int64_t n = x.size();
        std::copy_n(in, n, y);
        for (std::int64_t start = 0; start < n; start += 64) {
            const std::int64_t end = std::min(n, start + 64);
            for (std::uint64_t negative = negativeMask(in + start, end - start); negative != 0;
                 negative &= negative - 1) {
                const std::int64_t i = start + std::countr_zero(negative);
                y[i] = a * (std::exp(in[i]) - T(1));
            }
        }
        return out;
    });
}

} // namespace

void registerActivationOps(OpRegistry& registry)
{
    OpDef sigmoid = activation("sigmoid", "1 / (1 + exp(-x))");
    sigmoid.forward = [](std::span<const Tensor> in, const Attrs&) {
        return kernels::mapFloat(in[0], [](const auto& x) { return x.logistic(); });
    };
    // d/dx = y (1 - y), as (upstream * y) * (1 - y)
    sigmoid.gradient = [](const GradContext& c) -> Gradients {
        const Tensor& y = c.output;
        return {mul(mul(c.upstream, y), sub(constantLike(1.0, y), y))};
    };
    registry.add(std::move(sigmoid));

    OpDef relu = activation("relu", "max(x, 0)");
    relu.forward = [](std::span<const Tensor> in, const Attrs&) {
        return kernels::mapFloat(in[0], [](const auto& x) {
            using T = typename std::decay_t<decltype(x)>::Scalar;
            return x.cwiseMax(T(0));
        });
    };
    // d/dx = 1 where x > 0, else 0 (so relu'(0) = 0), as TensorFlow's ReluGrad op.
    relu.gradient = [](const GradContext& c) -> Gradients {
        return {apply(opNamed("relu_grad"), {c.upstream, c.inputs[0]})};
    };
    registry.add(std::move(relu));

    OpDef elu = activation("elu", "x if x > 0 else alpha * (exp(x) - 1)");
    elu.attrs = {{"alpha", 1.0, "slope of the negative part"}};
    elu.forward = [](std::span<const Tensor> in, const Attrs& attrs) {
        return eluKernel(in[0], attrs.number("alpha", 1.0));
    };
    // d/dx = 1 for x >= 0, else y + alpha (TensorFlow's EluGrad uses the output)
    elu.gradient = [](const GradContext& c) -> Gradients {
        const Tensor& y = c.output;
        if (fusedGradientAllowed(c.upstream, y))
            return {fused::eluGrad(c.upstream, y, c.attrs.number("alpha", 1.0))};
        const Tensor alpha = constantLike(c.attrs.number("alpha", 1.0), y);
        return {where(less(y, zerosOf(y)), mul(c.upstream, add(y, alpha)), c.upstream)};
    };
    registry.add(std::move(elu));

    OpDef selu = activation("selu", "scale * (x if x > 0 else alpha * (exp(x) - 1))");
    selu.forward = [](std::span<const Tensor> in, const Attrs&) {
        return kernels::mapFloat(in[0], [](const auto& x) {
            using T = typename std::decay_t<decltype(x)>::Scalar;
            return (x < T(0)).select(T(seluScale * seluAlpha) * (x.exp() - T(1)), T(seluScale) * x);
        });
    };
    // d/dx = scale for x >= 0, else y + scale * alpha
    selu.gradient = [](const GradContext& c) -> Gradients {
        const Tensor& y = c.output;
        return {where(less(y, zerosOf(y)), mul(c.upstream, add(y, constantLike(seluScale * seluAlpha, y))),
                      mul(c.upstream, constantLike(seluScale, y)))};
    };
    registry.add(std::move(selu));

    OpDef leaky = activation("leaky_relu", "x if x > 0 else alpha * x");
    leaky.attrs = {{"alpha", 0.2, "slope for x <= 0"}};
    leaky.forward = [](std::span<const Tensor> in, const Attrs& attrs) {
        const double alpha = attrs.number("alpha", 0.2);
        return kernels::mapFloat(in[0], [alpha](const auto& x) {
            using T = typename std::decay_t<decltype(x)>::Scalar;
            return (x > T(0)).select(x, x * T(alpha));
        });
    };
    // d/dx = 1 for x > 0, else alpha, as TensorFlow's LeakyReluGrad op.
    leaky.gradient = [](const GradContext& c) -> Gradients {
        return {apply(opNamed("leaky_relu_grad"), {c.upstream, c.inputs[0]}, c.attrs)};
    };
    registry.add(std::move(leaky));

    // The gradient kernels of relu and leaky_relu are ops of their own, as in TensorFlow, so
    // that their derivative (ReluGradGrad) is zeros for x rather than None.
    OpDef reluGrad = activation("relu_grad", "upstream * (x > 0): the gradient of relu");
    reluGrad.category = "internal";
    reluGrad.minArity = reluGrad.maxArity = 2;
    reluGrad.inputNames = {"gradients", "features"};
    reluGrad.infer = rules::broadcastFloat;
    reluGrad.forward = [](std::span<const Tensor> in, const Attrs&) {
        // A product, so a nan or inf upstream gradient stays nan where x <= 0, as in TensorFlow.
        return kernels::zipFloat(in[0], in[1], [](const auto& g, const auto& x) {
            using T = typename std::decay_t<decltype(x)>::Scalar;
            return g * (x > T(0)).template cast<T>();
        });
    };
    reluGrad.gradient = [](const GradContext& c) -> Gradients {
        return {apply(opNamed("relu_grad"), {c.upstream, c.inputs[1]}), zerosOf(c.inputs[1])};
    };
    registry.add(std::move(reluGrad));

    OpDef leakyGrad = activation("leaky_relu_grad", "upstream where x > 0, else alpha * upstream");
    leakyGrad.category = "internal";
    leakyGrad.minArity = leakyGrad.maxArity = 2;
    leakyGrad.inputNames = {"gradients", "features"};
    leakyGrad.attrs = {{"alpha", 0.2, "slope for x <= 0"}};
    leakyGrad.infer = rules::broadcastFloat;
    leakyGrad.forward = [](std::span<const Tensor> in, const Attrs& attrs) {
        const double alpha = attrs.number("alpha", 0.2);
        return kernels::zipFloat(in[0], in[1], [alpha](const auto& g, const auto& x) {
            using T = typename std::decay_t<decltype(x)>::Scalar;
            return (x > T(0)).select(g, g * T(alpha));
        });
    };
    leakyGrad.gradient = [](const GradContext& c) -> Gradients {
        return {apply(opNamed("leaky_relu_grad"), {c.upstream, c.inputs[1]}, c.attrs), zerosOf(c.inputs[1])};
    };
    registry.add(std::move(leakyGrad));

    OpDef softplus = activation("softplus", "log(exp(x) + 1), computed stably");
    // TensorFlow's kernel: x itself where exp(x) would overflow, exp(x) where it would
    // underflow, log1p(exp(x)) between; the threshold is log(machine epsilon) + 2.
    softplus.forward = [](std::span<const Tensor> in, const Attrs&) {
        return kernels::mapFloat(in[0], [](const auto& x) {
            using T = typename std::decay_t<decltype(x)>::Scalar;
            const T threshold = std::log(std::numeric_limits<T>::epsilon()) + T(2);
            return (x > -threshold).select(x, (x < threshold).select(x.exp(), x.exp().log1p()));
        });
    };
    // d/dx = sigmoid(x), as upstream / (exp(-x) + 1)
    softplus.gradient = [](const GradContext& c) -> Gradients {
        const Tensor& x = c.inputs[0];
        return {div(c.upstream, add(exp(neg(x)), constantLike(1.0, x)))};
    };
    registry.add(std::move(softplus));
}

Tensor sigmoid(const Tensor& x)
{
    static const OpDef& op = opNamed("sigmoid");
    return apply(op, {x});
}
Tensor relu(const Tensor& x)
{
    static const OpDef& op = opNamed("relu");
    return apply(op, {x});
}
Tensor elu(const Tensor& x, double alpha)
{
    static const OpDef& op = opNamed("elu");
    return apply(op, {x}, alpha == 1.0 ? Attrs{} : Attrs{{"alpha", alpha}});
}
Tensor selu(const Tensor& x)
{
    static const OpDef& op = opNamed("selu");
    return apply(op, {x});
}
Tensor leaky_relu(const Tensor& x, double alpha)
{
    static const OpDef& op = opNamed("leaky_relu");
    return apply(op, {x}, alpha == 0.2 ? Attrs{} : Attrs{{"alpha", alpha}});
}
Tensor softplus(const Tensor& x)
{
    static const OpDef& op = opNamed("softplus");
    return apply(op, {x});
}

} // namespace gs
