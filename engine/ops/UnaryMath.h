#pragma once

#include "engine/ops/Kernels.h"
#include "engine/ops/OpDef.h"
#include "engine/ops/ShapeRules.h"

namespace gs {

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
    return op;
}

} // namespace gs
