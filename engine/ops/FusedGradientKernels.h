#pragma once

#include "engine/core/Tensor.h"

namespace gs::fused {

// Kernels that gradient rules run in place of their ops when nothing observes them
// (fusedGradientAllowed in FusedGradient.h). Each computes exactly what the ops it replaces
// compute, element by element, under TensorFlow's float environment.

/// elu's gradient: where(y < 0, upstream * (y + alpha), upstream), for floating `upstream` and
/// `y` of one shape and dtype.
Tensor eluGrad(const Tensor& upstream, const Tensor& y, double alpha);

/// div(t, count) on a floating tensor the caller owns alone, in place (a mean's gradient).
void divideInPlace(Tensor& t, double count);

} // namespace gs::fused
