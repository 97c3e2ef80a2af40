// divide_no_nan, xlogy, xdivy and squared_difference: binary ops that TensorFlow defines to stay
// finite where the naive formula is not (0 where y == 0, 0 where x == 0), with TensorFlow's
// gradients, which keep those zeros.
#include "engine/ops/Apply.h"
#include "engine/ops/Kernels.h"
#include "engine/ops/OpHandle.h"
#include "engine/ops/Ops.h"
#include "engine/ops/ShapeRules.h"

namespace gs {

namespace {

OpDef binary(const char* name, const char* summary)
{
    OpDef op;
    op.name = name;
    op.summary = summary;
    op.category = "arithmetic";
    op.minArity = op.maxArity = 2;
    op.inputNames = {"x", "y"};
    op.infer = rules::broadcastFloat;
    return op;
}

/// 1 where x != 0, else 0, in x's dtype (TensorFlow's not_zero_x in the gradients of xlogy and
/// xdivy).
Tensor notZero(const Tensor& x)
{
    return cast(logical_not(equal(x, Tensor::zeros(x.shape(), x.dtype()))), x.dtype());
}

} // namespace

void registerStableArithmeticOps(OpRegistry& registry)
{
    OpDef divNoNan = binary("divide_no_nan", "x / y, but 0 where y is 0 (tf.math.divide_no_nan)");
    divNoNan.forward = [](std::span<const Tensor> in, const Attrs&) {
        return kernels::zipFloat(in[0], in[1], [](const auto& x, const auto& y) {
            using T = typename std::decay_t<decltype(x)>::Scalar;
            return (y == T(0)).select(T(0), x / y);
        });
    };
    // TensorFlow's DivNoNan gradient: d/dx = divide_no_nan(upstream, y),
    // d/dy = upstream * divide_no_nan(divide_no_nan(-x, y), y); both 0 where y is 0.
    divNoNan.gradient = [](const GradContext& c) -> Gradients {
        const Tensor& x = c.inputs[0];
        const Tensor& y = c.inputs[1];
        Gradients g(2);
        if (c.needs(0))
            g[0] = unbroadcast(divide_no_nan(c.upstream, y), x.shape());
        if (c.needs(1))
            g[1] = unbroadcast(gs::mul(c.upstream, divide_no_nan(divide_no_nan(gs::neg(x), y), y)),
                               y.shape());
        return g;
    };
    registry.add(std::move(divNoNan));

    OpDef xlogy = binary("xlogy", "x * log(y), but 0 where x is 0 (even where y is 0)");
    xlogy.forward = [](std::span<const Tensor> in, const Attrs&) {
        return kernels::zipFloat(in[0], in[1], [](const auto& x, const auto& y) {
            using T = typename std::decay_t<decltype(x)>::Scalar;
            return (x == T(0)).select(T(0), x * y.log());
        });
    };
    // TensorFlow's Xlogy gradient: d/dx = xlogy(x != 0, y) (so 0 at x = 0, not log(y)),
    // d/dy = xdivy(x, y) (0 at x = 0, even at y = 0).
    xlogy.gradient = [](const GradContext& c) -> Gradients {
        const Tensor& x = c.inputs[0];
        const Tensor& y = c.inputs[1];
        Gradients g(2);
        if (c.needs(0))
            g[0] = unbroadcast(gs::mul(gs::xlogy(notZero(x), y), c.upstream), x.shape());
        if (c.needs(1))
            g[1] = unbroadcast(gs::mul(gs::xdivy(x, y), c.upstream), y.shape());
        return g;
    };
    registry.add(std::move(xlogy));

    OpDef xdivy = binary("xdivy", "x / y, but 0 where x is 0 (even where y is 0)");
    xdivy.forward = [](std::span<const Tensor> in, const Attrs&) {
        return kernels::zipFloat(in[0], in[1], [](const auto& x, const auto& y) {
            using T = typename std::decay_t<decltype(x)>::Scalar;
            return (x == T(0)).select(T(0), x / y);
        });
    };
    // TensorFlow's Xdivy gradient: d/dx = xdivy(x != 0, y), d/dy = xdivy(-x, y ** 2).
    xdivy.gradient = [](const GradContext& c) -> Gradients {
        const Tensor& x = c.inputs[0];
        const Tensor& y = c.inputs[1];
        Gradients g(2);
        if (c.needs(0))
            g[0] = unbroadcast(gs::mul(gs::xdivy(notZero(x), y), c.upstream), x.shape());
        if (c.needs(1))
            g[1] = unbroadcast(
                gs::mul(gs::xdivy(gs::neg(x), gs::pow(y, constantLike(2.0, y))), c.upstream),
                y.shape());
        return g;
    };
    registry.add(std::move(xdivy));

    OpDef squaredDifference =
        binary("squared_difference", "(x - y) ** 2, element-wise with broadcasting");
    squaredDifference.forward = [](std::span<const Tensor> in, const Attrs&) {
        return kernels::zipFloat(in[0], in[1],
                                 [](const auto& x, const auto& y) { return (x - y).square(); });
    };
    // d/dx = 2 * upstream * (x - y), d/dy = its negation (TensorFlow negates after reducing)
    squaredDifference.gradient = [](const GradContext& c) -> Gradients {
        const Tensor& x = c.inputs[0];
        const Tensor& y = c.inputs[1];
        const Tensor xGrad = gs::mul(gs::mul(constantLike(2.0, x), c.upstream), gs::sub(x, y));
        Gradients g(2);
        if (c.needs(0))
            g[0] = unbroadcast(xGrad, x.shape());
        if (c.needs(1))
            g[1] = gs::neg(unbroadcast(xGrad, y.shape()));
        return g;
    };
    registry.add(std::move(squaredDifference));
}

#define GS_BINARY_FUNCTION(fn)                                                                     \
    Tensor fn(const Tensor& x, const Tensor& y)                                                    \
    {                                                                                              \
        static const OpDef& op = opNamed(#fn);                                                     \
        return apply(op, {x, y});                                                                  \
    }
GS_BINARY_FUNCTION(divide_no_nan)
GS_BINARY_FUNCTION(xlogy)
GS_BINARY_FUNCTION(xdivy)
GS_BINARY_FUNCTION(squared_difference)
#undef GS_BINARY_FUNCTION

} // namespace gs
