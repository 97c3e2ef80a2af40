#pragma once

#include "engine/ops/Kernels.h"
#include "engine/ops/OpDef.h"
#include "engine/ops/ShapeRules.h"

namespace gs {

/// `Forward{}` on one scalar, as mapFloat computes a one-element tensor (a fixed 1x1 array).
template <class T, class Forward> T unaryMathScalar(T x)
{
    const Eigen::Array<T, 1, 1> in(x);
    const Eigen::Array<T, 1, 1> out = Forward{}(in);
    return out(0, 0);
}

/// An elementwise float op of one input `x` in the "math" category, computing `Forward{}(x)` on
/// Eigen arrays; the caller adds its gradient. Shared by the math op files.
template <class Forward> OpDef unaryMath(const char* name, const char* summary, Forward)
{
    OpDef op;
    op.name = name;
    op.summary = summary;
    op.category = "math";
    op.inputNames = {"x"};
    op.infer = rules::unaryFloat;
    op.forward = [](std::span<const Tensor> in, const Attrs&) { return kernels::mapFloat(in[0], Forward{}); };
    op.scalar.unary32 = &unaryMathScalar<float, Forward>;
    op.scalar.unary64 = &unaryMathScalar<double, Forward>;
    return op;
}

} // namespace gs
