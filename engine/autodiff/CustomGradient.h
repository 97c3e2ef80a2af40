#pragma once

#include "engine/ops/OpObserver.h"

#include <functional>
#include <span>
#include <vector>

namespace gs {

/// What a custom-gradient function returns: its output and the function that maps the upstream
/// gradient to the inputs' gradients (Python's `return result, grad_fn`).
struct CustomForward {
    Tensor output;
    CustomGradFn gradient;
};

/// tf.custom_gradient: runs `f` with tapes paused (its inner ops are not differentiated) and
/// records one op whose gradient is the one `f` returned. The gradient function's own ops are
/// recorded by outer tapes, so second derivatives of custom gradients work as in TensorFlow.
Tensor customGradient(std::span<const Tensor> inputs,
                      const std::function<CustomForward(std::span<const Tensor>)>& f);

/// The one-input form: `f(x)` returns the output and `dy -> dx`.
Tensor customGradient(const Tensor& x,
                      const std::function<std::pair<Tensor, std::function<Tensor(const Tensor&)>>(const Tensor&)>& f);

} // namespace gs
