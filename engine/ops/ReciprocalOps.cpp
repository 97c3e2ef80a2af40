// reciprocal and rsqrt, with their gradient kernels reciprocal_grad and rsqrt_grad as ops of their
// own, as in TensorFlow: they return 0 where the upstream gradient is 0 (cwise_ops_gradients.h),
// so a branch that where() did not select passes no nan back through 1/x at x = 0.
#include "engine/ops/Apply.h"
#include "engine/ops/Kernels.h"
#include "engine/ops/OpHandle.h"
#include "engine/ops/Ops.h"
#include "engine/ops/ShapeRules.h"

namespace gs {

namespace {

OpDef unary(const char* name, const char* summary)
{
    OpDef op;
    op.name = name;
    op.summary = summary;
    op.category = "math";
    op.inputNames = {"x"};
    op.infer = rules::unaryFloat;
    return op;
}

OpDef gradientKernel(const char* name, const char* summary)
{
    OpDef op;
    op.name = name;
    op.summary = summary;
    op.category = "internal";
    op.minArity = op.maxArity = 2;
    op.inputNames = {"y", "dy"};
    op.infer = rules::broadcastFloat;
    return op;
}

} // namespace

void registerReciprocalOps(OpRegistry& registry)
{
    OpDef reciprocal = unary("reciprocal", "1 / x (reciprocal(0) = inf)");
    reciprocal.forward = [](std::span<const Tensor> in, const Attrs&) {
        return kernels::mapFloat(in[0], [](const auto& x) { return x.inverse(); });
    };
    // d/dx = -1 / x^2 = -y^2, computed by TensorFlow's ReciprocalGrad kernel
    reciprocal.gradient = [](const GradContext& c) -> Gradients {
        return {apply(opNamed("reciprocal_grad"), {c.output, c.upstream})};
    };
    registry.add(std::move(reciprocal));

    OpDef reciprocalGrad = gradientKernel(
        "reciprocal_grad", "-y * y * dy, and 0 where dy is 0: the gradient of reciprocal");
    reciprocalGrad.forward = [](std::span<const Tensor> in, const Attrs&) {
        return kernels::zipFloat(in[0], in[1], [](const auto& y, const auto& dy) {
            using T = typename std::decay_t<decltype(y)>::Scalar;
            return (dy == T(0)).select(T(0), (-y * y) * dy);
        });
    };
    // TensorFlow's ReciprocalGradGrad: d/dy = g * -2 * dy * y, d/d(dy) = reciprocal_grad(y, g)
    reciprocalGrad.gradient = [](const GradContext& c) -> Gradients {
        const Tensor& y = c.inputs[0];
        const Tensor& dy = c.inputs[1];
        Gradients g(2);
        if (c.needs(0))
            g[0] = unbroadcast(gs::mul(gs::mul(gs::mul(c.upstream, constantLike(-2.0, y)), dy), y),
                               y.shape());
        if (c.needs(1))
            g[1] = unbroadcast(apply(opNamed("reciprocal_grad"), {y, c.upstream}), dy.shape());
        return g;
    };
    registry.add(std::move(reciprocalGrad));

    OpDef rsqrt = unary("rsqrt", "1 / sqrt(x) (rsqrt(0) = inf, nan below 0)");
    rsqrt.forward = [](std::span<const Tensor> in, const Attrs&) {
        return kernels::mapFloat(in[0], [](const auto& x) { return x.rsqrt(); });
    };
    // d/dx = -0.5 * x^(-3/2) = -0.5 * y^3, computed by TensorFlow's RsqrtGrad kernel
    rsqrt.gradient = [](const GradContext& c) -> Gradients {
        return {apply(opNamed("rsqrt_grad"), {c.output, c.upstream})};
    };
    registry.add(std::move(rsqrt));

    OpDef rsqrtGrad =
        gradientKernel("rsqrt_grad", "-0.5 * dy * y^3, and 0 where dy is 0: the gradient of rsqrt");
    rsqrtGrad.forward = [](std::span<const Tensor> in, const Attrs&) {
        return kernels::zipFloat(in[0], in[1], [](const auto& y, const auto& dy) {
            using T = typename std::decay_t<decltype(y)>::Scalar;
            return (dy == T(0)).select(T(0), (T(-0.5) * (dy * y)) * (y * y));
        });
    };
    // TensorFlow's RsqrtGradGrad: d/dy = -1.5 * g * dy * y^2, d/d(dy) = rsqrt_grad(y, g)
    rsqrtGrad.gradient = [](const GradContext& c) -> Gradients {
        const Tensor& y = c.inputs[0];
        const Tensor& dy = c.inputs[1];
        Gradients g(2);
        if (c.needs(0))
            g[0] = unbroadcast(
                gs::mul(gs::mul(gs::mul(constantLike(-1.5, y), c.upstream), dy), gs::square(y)),
                y.shape());
        if (c.needs(1))
            g[1] = unbroadcast(apply(opNamed("rsqrt_grad"), {y, c.upstream}), dy.shape());
        return g;
    };
    registry.add(std::move(rsqrtGrad));
}

Tensor reciprocal(const Tensor& x)
{
    static const OpDef& op = opNamed("reciprocal");
    return apply(op, {x});
}
Tensor rsqrt(const Tensor& x)
{
    static const OpDef& op = opNamed("rsqrt");
    return apply(op, {x});
}

} // namespace gs
