#pragma once

#include "engine/core/Tensor.h"

#include <optional>
#include <span>

namespace gs::fused {

// Kernels that gradient rules run in place of their ops when nothing observes them
// (fusedGradientAllowed in FusedGradient.h). Each computes exactly what the ops it replaces
// compute, element by element, under TensorFlow's float environment.

/// elu's gradient: where(y < 0, upstream * (y + alpha), upstream), for floating `upstream` and
/// `y` of one shape and dtype.
Tensor eluGrad(const Tensor& upstream, const Tensor& y, double alpha);

/// mul(a, b) for floating operands of one dtype and one shape, or with one a rank-0 scalar; an
/// empty optional for anything else (the caller applies the op).
std::optional<Tensor> product(const Tensor& a, const Tensor& b);

/// pow's gradient for its base: (upstream * y) * pow(x, y - 1), for floating tensors of one
/// dtype where `upstream` has x's shape and y is x's shape or a rank-0 scalar; an empty optional
/// for anything else.
std::optional<Tensor> powBaseGrad(const Tensor& upstream, const Tensor& x, const Tensor& y);

/// add_n(parts): `first` plus each of `more` in turn, for floating tensors of one dtype and
/// shape; an empty optional for anything else.
std::optional<Tensor> sum(const Tensor& first, std::span<const Tensor> more);

/// div(t, count) on a floating tensor the caller owns alone, in place (a mean's gradient).
void divideInPlace(Tensor& t, double count);

} // namespace gs::fused
