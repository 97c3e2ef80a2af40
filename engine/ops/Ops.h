#pragma once

#include "engine/core/Tensor.h"

#include <optional>
#include <vector>

namespace gs {

// The op library as plain functions, named as in TensorFlow. Each one goes through apply(), so it
// is recorded by tapes, logged by event logs and captured by tracers. Gradients are documented in
// the registry entry of each op (engine/ops/*Ops.cpp).

// Arithmetic
Tensor add(const Tensor& x, const Tensor& y);
Tensor sub(const Tensor& x, const Tensor& y);
Tensor mul(const Tensor& x, const Tensor& y);
Tensor div(const Tensor& x, const Tensor& y);
Tensor neg(const Tensor& x);
Tensor pow(const Tensor& x, const Tensor& y);
Tensor square(const Tensor& x);
Tensor add_n(const std::vector<Tensor>& xs);

// Math
Tensor sqrt(const Tensor& x);
Tensor exp(const Tensor& x);
Tensor log(const Tensor& x);
Tensor log1p(const Tensor& x);
Tensor abs(const Tensor& x);
Tensor sign(const Tensor& x);
Tensor sin(const Tensor& x);
Tensor cos(const Tensor& x);
Tensor tanh(const Tensor& x);
Tensor round(const Tensor& x);
Tensor floor(const Tensor& x);

// Activations
Tensor sigmoid(const Tensor& x);
Tensor relu(const Tensor& x);
Tensor elu(const Tensor& x, double alpha = 1.0);
Tensor selu(const Tensor& x);
Tensor leaky_relu(const Tensor& x, double alpha = 0.2);
Tensor softplus(const Tensor& x);

// Comparison and selection
Tensor greater(const Tensor& x, const Tensor& y);
Tensor greater_equal(const Tensor& x, const Tensor& y);
Tensor less(const Tensor& x, const Tensor& y);
Tensor less_equal(const Tensor& x, const Tensor& y);
Tensor equal(const Tensor& x, const Tensor& y);
Tensor maximum(const Tensor& x, const Tensor& y);
Tensor minimum(const Tensor& x, const Tensor& y);
Tensor where(const Tensor& condition, const Tensor& x, const Tensor& y);
Tensor clip_by_value(const Tensor& x, const Tensor& clipMin, const Tensor& clipMax);

// Reductions: axis std::nullopt reduces over all elements.
Tensor reduce_sum(const Tensor& x, std::optional<int> axis = std::nullopt, bool keepdims = false);
Tensor reduce_mean(const Tensor& x, std::optional<int> axis = std::nullopt, bool keepdims = false);
Tensor reduce_max(const Tensor& x, std::optional<int> axis = std::nullopt, bool keepdims = false);
Tensor norm(const Tensor& x, std::optional<int> axis = std::nullopt, bool keepdims = false);

// Shapes and structure
Tensor reshape(const Tensor& x, const std::vector<std::int64_t>& dims);
Tensor transpose(const Tensor& x);
Tensor stack(const std::vector<Tensor>& xs, int axis = 0);
Tensor concat(const std::vector<Tensor>& xs, int axis = 0);
Tensor identity(const Tensor& x);
Tensor stop_gradient(const Tensor& x);
Tensor cast(const Tensor& x, DType dtype);
Tensor broadcast_to(const Tensor& x, const Shape& shape);
/// The block of `x` starting at `begin` with `size` elements per dimension (tf.slice).
Tensor slice(const Tensor& x, const std::vector<std::int64_t>& begin,
             const std::vector<std::int64_t>& size);
/// `x` placed inside zeros: `before`/`after` elements per dimension (tf.pad with constant zeros).
Tensor pad(const Tensor& x, const std::vector<std::int64_t>& before,
           const std::vector<std::int64_t>& after);

// Linear algebra
Tensor matmul(const Tensor& a, const Tensor& b);

/// A scalar constant in the dtype of `like`: how Python numbers meet tensors (3 * w1).
Tensor constantLike(double value, const Tensor& like);
/// Sums `grad` down to `shape`, undoing broadcasting (TensorFlow's BroadcastGradientArgs +
/// reduce_sum + reshape), with ops so that it can be differentiated again.
Tensor unbroadcast(const Tensor& grad, const Shape& shape);

// Python-like operators. A double operand becomes a constant of the tensor operand's dtype.
Tensor operator+(const Tensor& x, const Tensor& y);
Tensor operator-(const Tensor& x, const Tensor& y);
Tensor operator*(const Tensor& x, const Tensor& y);
Tensor operator/(const Tensor& x, const Tensor& y);
Tensor operator-(const Tensor& x);
Tensor operator+(const Tensor& x, double y);
Tensor operator+(double x, const Tensor& y);
Tensor operator-(const Tensor& x, double y);
Tensor operator-(double x, const Tensor& y);
Tensor operator*(const Tensor& x, double y);
Tensor operator*(double x, const Tensor& y);
Tensor operator/(const Tensor& x, double y);
Tensor operator/(double x, const Tensor& y);
Tensor pow(const Tensor& x, double y);

} // namespace gs
