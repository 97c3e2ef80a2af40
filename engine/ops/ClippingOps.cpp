// clip_by_norm: a composite, expanded by apply() into the ops of TensorFlow's clip_ops.py, so that
// its gradient (through the norm above clip_norm, through clip_norm below it, finite at t = 0)
// is TensorFlow's.
#include "engine/core/EngineError.h"
#include "engine/ops/Apply.h"
#include "engine/ops/OpHandle.h"
#include "engine/ops/Ops.h"
#include "engine/ops/ShapeRules.h"

#include <algorithm>

namespace gs {

namespace {

/// The reduce_sum attributes for TensorFlow's `axes` (empty: all dimensions), with keepdims.
Attrs normAttrs(const Shape& shape, const Attrs& attrs, const char* op)
{
    std::vector<int> axes;
    for (const std::int64_t a : attrs.dims("axes")) {
        const int axis = normaliseAxis(static_cast<int>(a), shape.rank, op);
        if (std::find(axes.begin(), axes.end(), axis) != axes.end())
            throw EngineError(std::string(op) + ": axis " + std::to_string(axis)
                              + " is listed twice in axes");
        axes.push_back(axis);
    }
    if (shape.rank == 0 && !axes.empty())
        throw EngineError(std::string(op) + ": axes must be empty for a scalar");
    Attrs a;
    if (axes.size() == 1 && shape.rank == 2)
        a.set("axis", std::int64_t{axes.front()});
    a.set("keepdims", true);
    return a;
}

TensorType inferClipByNorm(const OpDef& op, std::span<const TensorType> in, const Attrs& attrs)
{
    const TensorType all = rules::broadcastAllFloat(op, in, 0);
    if (all.shape != in[0].shape)
        throw EngineError(op.name + ": clip_norm (shape " + in[1].shape.str()
                          + ") must broadcast to the shape of t " + in[0].shape.str());
    normAttrs(in[0].shape, attrs, op.name.c_str());
    return in[0];
}

} // namespace

void registerClippingOps(OpRegistry& registry)
{
    OpDef clip;
    clip.name = "clip_by_norm";
    clip.summary =
        "t * clip_norm / max(norm(t), clip_norm): t rescaled so its L2 norm is at most clip_norm";
    clip.category = "comparison";
    clip.minArity = clip.maxArity = 2;
    clip.inputNames = {"t", "clip_norm"};
    clip.attrs = {{"axes", std::vector<std::int64_t>{},
                   "the dimensions the norm is taken over (empty: all)"}};
    clip.infer = inferClipByNorm;
    // TensorFlow: clip_norm = max(clip_norm, 0); l2sum = reduce_sum(t * t, axes, keepdims=True);
    // the norm is where(l2sum > 0, sqrt(where(l2sum > 0, l2sum, 1)), l2sum) (the "two-tap where"
    // that keeps the gradient at t = 0 finite); the result is identity(t * clip_norm /
    // maximum(norm, clip_norm)).
    clip.composite = [](std::span<const Tensor> in, const Attrs& attrs) {
        const Tensor& t = in[0];
        const Tensor clipNorm = maximum(in[1], Tensor::zeros(in[1].shape(), in[1].dtype()));
        const Tensor l2sum =
            apply(opNamed("reduce_sum"), {mul(t, t)}, normAttrs(t.shape(), attrs, "clip_by_norm"));
        const Tensor positive = greater(l2sum, Tensor::zeros(l2sum.shape(), l2sum.dtype()));
        const Tensor l2sumSafe = where(positive, l2sum, Tensor::ones(l2sum.shape(), l2sum.dtype()));
        const Tensor l2norm = where(positive, sqrt(l2sumSafe), l2sum);
        return identity(div(mul(t, clipNorm), maximum(l2norm, clipNorm)));
    };
    registry.add(std::move(clip));
}

Tensor clip_by_norm(const Tensor& t, const Tensor& clipNorm)
{
    static const OpDef& op = opNamed("clip_by_norm");
    return apply(op, {t, clipNorm});
}

} // namespace gs
