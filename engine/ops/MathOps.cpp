// sqrt, exp, log, log1p, abs, sign, sin, cos, tanh, round, floor.
#include "engine/ops/Apply.h"
#include "engine/ops/Kernels.h"
#include "engine/ops/OpHandle.h"
#include "engine/ops/Ops.h"
#include "engine/ops/ShapeRules.h"
#include "engine/ops/UnaryMath.h"

#include <cmath>

namespace gs {

namespace {

Tensor one(const Tensor& like) { return constantLike(1.0, like); }

struct SqrtF { template <class A> auto operator()(const A& x) const { return x.sqrt(); } };
struct ExpF { template <class A> auto operator()(const A& x) const { return x.exp(); } };
struct LogF { template <class A> auto operator()(const A& x) const { return x.log(); } };
struct Log1pF { template <class A> auto operator()(const A& x) const { return x.log1p(); } };
struct AbsF { template <class A> auto operator()(const A& x) const { return x.abs(); } };
struct SignF { template <class A> auto operator()(const A& x) const { return x.sign(); } };
struct SinF { template <class A> auto operator()(const A& x) const { return x.sin(); } };
struct CosF { template <class A> auto operator()(const A& x) const { return x.cos(); } };
struct TanhF { template <class A> auto operator()(const A& x) const { return x.tanh(); } };
// TensorFlow rounds half to even (banker's rounding), which rint does in the default mode.
struct RoundF { template <class A> auto operator()(const A& x) const { return x.rint(); } };
struct FloorF { template <class A> auto operator()(const A& x) const { return x.floor(); } };

} // namespace

void registerMathOps(OpRegistry& registry)
{
    OpDef sqrt = unaryMath("sqrt", "square root (sqrt of a negative number is nan)", SqrtF{});
    // d/dx = 0.5 / sqrt(x): infinite at 0, computed by TensorFlow's SqrtGrad kernel.
    sqrt.gradient = [](const GradContext& c) -> Gradients {
        return {apply(opNamed("sqrt_grad"), {c.output, c.upstream})};
    };
    registry.add(std::move(sqrt));

    OpDef sqrtGrad;
    sqrtGrad.name = "sqrt_grad";
    sqrtGrad.summary = "(0.5 * dy) / y, and 0 where dy is 0: the gradient of sqrt";
    sqrtGrad.category = "internal";
    sqrtGrad.minArity = sqrtGrad.maxArity = 2;
    sqrtGrad.inputNames = {"y", "dy"};
    sqrtGrad.infer = rules::broadcastFloat;
    // TensorFlow returns 0 for a zero upstream gradient instead of 0 / 0 or 0 / nan, so a branch
    // that where() did not select passes no nan back through sqrt.
    sqrtGrad.forward = [](std::span<const Tensor> in, const Attrs&) {
        return kernels::zipFloat(in[0], in[1], [](const auto& y, const auto& dy) {
            using T = typename std::decay_t<decltype(y)>::Scalar;
            return (dy == T(0)).select(T(0), (T(0.5) * dy) / y);
        });
    };
    // TensorFlow's SqrtGradGrad: d/dy = -(g / y) * out, d/d(dy) = 0.5 * (g / y).
    sqrtGrad.gradient = [](const GradContext& c) -> Gradients {
        const Tensor ga = gs::div(c.upstream, c.inputs[0]);
        Gradients g(2);
        if (c.needs(0))
            g[0] = unbroadcast(gs::mul(gs::neg(ga), c.output), c.inputs[0].shape());
        if (c.needs(1))
            g[1] = unbroadcast(gs::mul(constantLike(0.5, ga), ga), c.inputs[1].shape());
        return g;
    };
    registry.add(std::move(sqrtGrad));

    OpDef exp = unaryMath("exp", "e ** x (overflows float32 above x = 88.72)", ExpF{});
    // d/dx = exp(x) = y
    exp.gradient = [](const GradContext& c) -> Gradients { return {gs::mul(c.upstream, c.output)}; };
    registry.add(std::move(exp));

    OpDef log = unaryMath("log", "natural logarithm (log(0) = -inf, log of a negative number is nan)", LogF{});
    // d/dx = 1 / x: infinite at 0, as in TensorFlow.
    log.gradient = [](const GradContext& c) -> Gradients {
        return {gs::mul(c.upstream, gs::div(one(c.inputs[0]), c.inputs[0]))};
    };
    registry.add(std::move(log));

    OpDef log1p = unaryMath("log1p", "log(1 + x), accurate for small x", Log1pF{});
    // d/dx = 1 / (1 + x)
    log1p.gradient = [](const GradContext& c) -> Gradients {
        const Tensor& x = c.inputs[0];
        return {gs::mul(c.upstream, gs::div(one(x), gs::add(one(x), x)))};
    };
    registry.add(std::move(log1p));

    OpDef abs = unaryMath("abs", "|x|", AbsF{});
    // d/dx = sign(x): 0 at x = 0, as in TensorFlow.
    abs.gradient = [](const GradContext& c) -> Gradients { return {gs::mul(c.upstream, gs::sign(c.inputs[0]))}; };
    registry.add(std::move(abs));

    OpDef sign = unaryMath("sign", "-1, 0 or 1", SignF{});
    // TensorFlow defines the gradient of sign as zeros (not None).
    sign.gradient = [](const GradContext& c) -> Gradients {
        return {Tensor::zeros(c.inputs[0].shape(), c.inputs[0].dtype())};
    };
    registry.add(std::move(sign));

    OpDef sin = unaryMath("sin", "sine", SinF{});
    // d/dx = cos(x)
    sin.gradient = [](const GradContext& c) -> Gradients { return {gs::mul(c.upstream, gs::cos(c.inputs[0]))}; };
    registry.add(std::move(sin));

    OpDef cos = unaryMath("cos", "cosine", CosF{});
    // d/dx = -sin(x), as -upstream * sin(x)
    cos.gradient = [](const GradContext& c) -> Gradients {
        return {gs::mul(gs::neg(c.upstream), gs::sin(c.inputs[0]))};
    };
    registry.add(std::move(cos));

    OpDef tanh = unaryMath("tanh", "hyperbolic tangent", TanhF{});
    // d/dx = 1 - y^2
    tanh.gradient = [](const GradContext& c) -> Gradients {
        const Tensor& y = c.output;
        return {gs::mul(c.upstream, gs::sub(one(y), gs::mul(y, y)))};
    };
    registry.add(std::move(tanh));

    // round and floor have no gradient in TensorFlow: the tape returns None through them.
    registry.add(unaryMath("round", "nearest integer, halves to even (no gradient)", RoundF{}));
    registry.add(unaryMath("floor", "largest integer not above x (no gradient)", FloorF{}));
}

#define GS_UNARY_FUNCTION(fn)                                                                      \
    Tensor fn(const Tensor& x)                                                                     \
    {                                                                                              \
        static const OpDef& op = opNamed(#fn);                                                     \
        return apply(op, {x});                                                                     \
    }
GS_UNARY_FUNCTION(sqrt)
GS_UNARY_FUNCTION(exp)
GS_UNARY_FUNCTION(log)
GS_UNARY_FUNCTION(log1p)
GS_UNARY_FUNCTION(abs)
GS_UNARY_FUNCTION(sign)
GS_UNARY_FUNCTION(sin)
GS_UNARY_FUNCTION(cos)
GS_UNARY_FUNCTION(tanh)
GS_UNARY_FUNCTION(round)
GS_UNARY_FUNCTION(floor)
#undef GS_UNARY_FUNCTION

} // namespace gs
