// gelu, silu (swish), softsign and log_sigmoid, as tf.nn has them: gelu and log_sigmoid are
// composites of primitive ops (as TensorFlow's Python builds them), silu carries TensorFlow's
// custom gradient and softsign TensorFlow's SoftsignGrad kernel, written with ops.
#include "engine/ops/Apply.h"
#include "engine/ops/Kernels.h"
#include "engine/ops/OpHandle.h"
#include "engine/ops/Ops.h"
#include "engine/ops/ShapeRules.h"

namespace gs {

namespace {

OpDef activation(const char* name, const char* summary)
{
    OpDef op;
    op.name = name;
    op.summary = summary;
    op.category = "activation";
    op.inputNames = {"features"};
    op.infer = rules::unaryFloat;
    return op;
}

Tensor c(double value, const Tensor& like) { return constantLike(value, like); }

} // namespace

void registerSmoothActivationOps(OpRegistry& registry)
{
    OpDef gelu = activation("gelu", "x * P(X <= x) for a standard normal X (tf.nn.gelu)");
    gelu.attrs = {{"approximate", false, "use the tanh approximation instead of erf"}};
    // tf.nn.gelu: 0.5 * x * (1 + erf(x / sqrt(2))), or with approximate=True
    // 0.5 * x * (1 + tanh(sqrt(2 / pi) * (x + 0.044715 * x ** 3))).
    gelu.composite = [](std::span<const Tensor> in, const Attrs& attrs) {
        const Tensor& x = in[0];
        const Tensor half = mul(c(0.5, x), x);
        if (attrs.flag("approximate", false)) {
            const Tensor cubic = add(x, mul(c(0.044715, x), pow(x, c(3.0, x))));
            return mul(half, add(c(1.0, x), tanh(mul(c(0.7978845608028654, x), cubic))));
        }
        return mul(half, add(c(1.0, x), erf(div(x, c(1.4142135623730951, x)))));
    };
    registry.add(std::move(gelu));

    OpDef silu = activation("silu", "x * sigmoid(beta * x), also called swish (tf.nn.silu)");
    silu.attrs = {{"beta", 1.0, "the slope inside the sigmoid"}};
    silu.forward = [](std::span<const Tensor> in, const Attrs& attrs) {
        const double beta = attrs.number("beta", 1.0);
        return kernels::mapFloat(in[0], [beta](const auto& x) {
            using T = typename std::decay_t<decltype(x)>::Scalar;
            return x * (T(beta) * x).logistic();
        });
    };
    // TensorFlow's custom gradient of swish: s = sigmoid(beta * x),
    // d/dx = upstream * (s * (1 + beta * x * (1 - s))).
    silu.gradient = [](const GradContext& ctx) -> Gradients {
        const Tensor& x = ctx.inputs[0];
        const Tensor betaX = mul(c(ctx.attrs.number("beta", 1.0), x), x);
        const Tensor s = sigmoid(betaX);
        const Tensor activationGrad = mul(s, add(c(1.0, x), mul(betaX, sub(c(1.0, x), s))));
        return {mul(ctx.upstream, activationGrad)};
    };
    registry.add(std::move(silu));

    OpDef softsign = activation("softsign", "x / (1 + |x|)");
    softsign.forward = [](std::span<const Tensor> in, const Attrs&) {
        return kernels::mapFloat(in[0], [](const auto& x) {
            using T = typename std::decay_t<decltype(x)>::Scalar;
            return x / (x.abs() + T(1));
        });
    };
    // TensorFlow's SoftsignGrad: upstream / (1 + |x|)^2
    softsign.gradient = [](const GradContext& ctx) -> Gradients {
        const Tensor& x = ctx.inputs[0];
        return {div(ctx.upstream, square(add(abs(x), c(1.0, x))))};
    };
    registry.add(std::move(softsign));

    OpDef logSigmoid =
        activation("log_sigmoid", "log(sigmoid(x)), computed stably as -softplus(-x)");
    logSigmoid.inputNames = {"x"};
    logSigmoid.composite = [](std::span<const Tensor> in, const Attrs&) {
        return neg(softplus(neg(in[0])));
    };
    registry.add(std::move(logSigmoid));
}

Tensor gelu(const Tensor& x, bool approximate)
{
    static const OpDef& op = opNamed("gelu");
    return apply(op, {x}, approximate ? Attrs{{"approximate", true}} : Attrs{});
}
Tensor silu(const Tensor& x, double beta)
{
    static const OpDef& op = opNamed("silu");
    return apply(op, {x}, beta == 1.0 ? Attrs{} : Attrs{{"beta", beta}});
}
Tensor softsign(const Tensor& x)
{
    static const OpDef& op = opNamed("softsign");
    return apply(op, {x});
}
Tensor log_sigmoid(const Tensor& x)
{
    static const OpDef& op = opNamed("log_sigmoid");
    return apply(op, {x});
}

} // namespace gs
