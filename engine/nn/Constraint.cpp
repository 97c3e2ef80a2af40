#include "engine/nn/Constraint.h"

#include "engine/ops/Ops.h"

namespace gs::nn {

std::string Constraint::name() const
{
    switch (kind) {
    case Kind::None:
        return "none";
    case Kind::MaxNorm:
        return "max_norm";
    case Kind::NonNeg:
        return "non_neg";
    }
    return "?";
}

Tensor Constraint::operator()(const Tensor& w) const
{
    switch (kind) {
    case Kind::None:
        return w;
    case Kind::NonNeg:
        return maximum(w, constantLike(0.0, w));
    case Kind::MaxNorm: {
        // Keras: norms = sqrt(sum(w^2, axis, keepdims)); w * (clip(norms, 0, max) / (eps + norms)).
        // A vector has a single axis, so its norm is taken over all elements.
        const std::optional<int> along = w.rank() == 2 ? std::optional<int>(axis) : std::nullopt;
        const Tensor norms = sqrt(reduce_sum(square(w), along, w.rank() == 2));
        const Tensor desired =
            clip_by_value(norms, constantLike(0.0, w), constantLike(maxValue, w));
        return mul(w, div(desired, add(constantLike(1e-7, w), norms)));
    }
    }
    return w;
}

} // namespace gs::nn
