// tan, atan, sinh, cosh, asinh, erf, expm1. Gradients follow TensorFlow's math_grad.py, written
// with ops in its order of operations.
#include "engine/ops/Apply.h"
#include "engine/ops/Kernels.h"
#include "engine/ops/OpHandle.h"
#include "engine/ops/Ops.h"
#include "engine/ops/ShapeRules.h"
#include "engine/ops/UnaryMath.h"

#include <unsupported/Eigen/SpecialFunctions>

#include <numbers>

namespace gs {

namespace {

Tensor one(const Tensor& like) { return constantLike(1.0, like); }

struct TanF {
    template <class A> auto operator()(const A& x) const { return x.tan(); }
};
struct AtanF {
    template <class A> auto operator()(const A& x) const { return x.atan(); }
};
struct SinhF {
    template <class A> auto operator()(const A& x) const { return x.sinh(); }
};
struct CoshF {
    template <class A> auto operator()(const A& x) const { return x.cosh(); }
};
struct AsinhF {
    template <class A> auto operator()(const A& x) const { return x.asinh(); }
};
// Eigen's erf, as TensorFlow's kernel: a rational approximation in float32, the C library's erf
// in float64.
struct ErfF {
    template <class A> auto operator()(const A& x) const { return x.erf(); }
};
struct Expm1F {
    template <class A> auto operator()(const A& x) const { return x.expm1(); }
};

} // namespace

void registerTranscendentalOps(OpRegistry& registry)
{
    OpDef tan = unaryMath("tan", "tangent", TanF{});
    // d/dx = sec(x)^2, as square(reciprocal(cos(x))) * upstream
    tan.gradient = [](const GradContext& c) -> Gradients {
        return {gs::mul(gs::square(gs::reciprocal(gs::cos(c.inputs[0]))), c.upstream)};
    };
    registry.add(std::move(tan));

    OpDef atan = unaryMath("atan", "inverse tangent, in (-pi/2, pi/2)", AtanF{});
    // d/dx = 1 / (1 + x^2), as upstream * reciprocal(1 + square(x))
    atan.gradient = [](const GradContext& c) -> Gradients {
        const Tensor& x = c.inputs[0];
        return {gs::mul(c.upstream, gs::reciprocal(gs::add(one(x), gs::square(x))))};
    };
    registry.add(std::move(atan));

    OpDef sinh = unaryMath("sinh", "hyperbolic sine", SinhF{});
    // d/dx = cosh(x)
    sinh.gradient = [](const GradContext& c) -> Gradients {
        return {gs::mul(c.upstream, gs::cosh(c.inputs[0]))};
    };
    registry.add(std::move(sinh));

    OpDef cosh = unaryMath("cosh", "hyperbolic cosine", CoshF{});
    // d/dx = sinh(x)
    cosh.gradient = [](const GradContext& c) -> Gradients {
        return {gs::mul(c.upstream, gs::sinh(c.inputs[0]))};
    };
    registry.add(std::move(cosh));

    OpDef asinh = unaryMath("asinh", "inverse hyperbolic sine", AsinhF{});
    // d/dx = 1 / sqrt(1 + x^2) = 1 / cosh(y), computed from the output as TensorFlow does
    asinh.gradient = [](const GradContext& c) -> Gradients {
        return {gs::div(c.upstream, gs::cosh(c.output))};
    };
    registry.add(std::move(asinh));

    OpDef erf = unaryMath(
        "erf", "Gauss error function 2/sqrt(pi) * integral of exp(-t^2) from 0 to x", ErfF{});
    // d/dx = 2/sqrt(pi) * exp(-x^2), as (upstream * 2/sqrt(pi)) * exp(-square(x))
    erf.gradient = [](const GradContext& c) -> Gradients {
        const Tensor& x = c.inputs[0];
        const Tensor twoOverRootPi = constantLike(2.0 * std::numbers::inv_sqrtpi, x);
        return {gs::mul(gs::mul(c.upstream, twoOverRootPi), gs::exp(gs::neg(gs::square(x))))};
    };
    registry.add(std::move(erf));

    OpDef expm1 = unaryMath("expm1", "exp(x) - 1, accurate for small x", Expm1F{});
    // d/dx = exp(x)
    expm1.gradient = [](const GradContext& c) -> Gradients {
        return {gs::mul(c.upstream, gs::exp(c.inputs[0]))};
    };
    registry.add(std::move(expm1));
}

#define GS_UNARY_FUNCTION(fn)                                                                      \
    Tensor fn(const Tensor& x)                                                                     \
    {                                                                                              \
        static const OpDef& op = opNamed(#fn);                                                     \
        return apply(op, {x});                                                                     \
    }
GS_UNARY_FUNCTION(tan)
GS_UNARY_FUNCTION(atan)
GS_UNARY_FUNCTION(sinh)
GS_UNARY_FUNCTION(cosh)
GS_UNARY_FUNCTION(asinh)
GS_UNARY_FUNCTION(erf)
GS_UNARY_FUNCTION(expm1)
#undef GS_UNARY_FUNCTION

} // namespace gs
