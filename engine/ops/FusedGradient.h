#pragma once

#include "engine/core/Tensor.h"
#include "engine/ops/OpObserver.h"

namespace gs {

/// Whether a gradient rule may compute its result in one kernel instead of running the ops that
/// define it.
///
/// The ops stay the definition: a tape recording the backward pass (higher derivatives), an event
/// log showing it, or a tracer building a graph of it must see them, so the fused kernel is only
/// taken when no observer is active on this thread. It must then give exactly the ops' bits (the
/// same float operations in the same order, element by element, under the same float
/// environment); tests/engine/tst_bit_pins.cpp holds both paths to that. A training step with
/// its tape stopped before gradient() takes it: one pass and one output instead of several ops,
/// each with its checks, dispatch and output buffer.
inline bool gradientOpsUnobserved() { return observers::active().empty(); }

/// gradientOpsUnobserved(), for a kernel over operands `a` and `b` of one shape and dtype.
inline bool fusedGradientAllowed(const Tensor& a, const Tensor& b)
{
    return gradientOpsUnobserved() && a.dtype() == b.dtype() && a.shape() == b.shape();
}

} // namespace gs
