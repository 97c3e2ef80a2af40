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
/// floor(x / y) (Python's //); not differentiable.
Tensor floordiv(const Tensor& x, const Tensor& y);
/// The remainder with the sign of y (Python's %).
Tensor floormod(const Tensor& x, const Tensor& y);
Tensor neg(const Tensor& x);
Tensor pow(const Tensor& x, const Tensor& y);
Tensor square(const Tensor& x);
Tensor add_n(const std::vector<Tensor>& xs);
/// x / y, but 0 where y is 0 (tf.math.divide_no_nan).
Tensor divide_no_nan(const Tensor& x, const Tensor& y);
/// x * log(y), but 0 where x is 0.
Tensor xlogy(const Tensor& x, const Tensor& y);
/// x / y, but 0 where x is 0.
Tensor xdivy(const Tensor& x, const Tensor& y);
/// (x - y) ** 2.
Tensor squared_difference(const Tensor& x, const Tensor& y);

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
Tensor tan(const Tensor& x);
Tensor atan(const Tensor& x);
Tensor sinh(const Tensor& x);
Tensor cosh(const Tensor& x);
Tensor asinh(const Tensor& x);
Tensor erf(const Tensor& x);
Tensor expm1(const Tensor& x);
Tensor reciprocal(const Tensor& x);
Tensor rsqrt(const Tensor& x);
/// True where x is neither infinite nor nan.
Tensor is_finite(const Tensor& x);

// Activations
Tensor sigmoid(const Tensor& x);
Tensor relu(const Tensor& x);
Tensor elu(const Tensor& x, double alpha = 1.0);
Tensor selu(const Tensor& x);
Tensor leaky_relu(const Tensor& x, double alpha = 0.2);
Tensor softplus(const Tensor& x);
/// 0.5 * x * (1 + erf(x / sqrt(2))), or the tanh approximation.
Tensor gelu(const Tensor& x, bool approximate = false);
/// x * sigmoid(beta * x) (swish).
Tensor silu(const Tensor& x, double beta = 1.0);
Tensor softsign(const Tensor& x);
Tensor log_sigmoid(const Tensor& x);
Tensor softmax(const Tensor& logits, int axis = -1);
Tensor log_softmax(const Tensor& logits, int axis = -1);

// Logical (bool tensors, no gradient)
Tensor logical_and(const Tensor& x, const Tensor& y);
Tensor logical_or(const Tensor& x, const Tensor& y);
Tensor logical_not(const Tensor& x);

// Comparison and selection
Tensor greater(const Tensor& x, const Tensor& y);
Tensor greater_equal(const Tensor& x, const Tensor& y);
Tensor less(const Tensor& x, const Tensor& y);
Tensor less_equal(const Tensor& x, const Tensor& y);
Tensor equal(const Tensor& x, const Tensor& y);
Tensor not_equal(const Tensor& x, const Tensor& y);
Tensor maximum(const Tensor& x, const Tensor& y);
Tensor minimum(const Tensor& x, const Tensor& y);
Tensor where(const Tensor& condition, const Tensor& x, const Tensor& y);
Tensor clip_by_value(const Tensor& x, const Tensor& clipMin, const Tensor& clipMax);
/// t * clip_norm / max(norm(t), clip_norm), the norm over all elements.
Tensor clip_by_norm(const Tensor& t, const Tensor& clipNorm);

// Reductions: axis std::nullopt reduces over all elements.
Tensor reduce_sum(const Tensor& x, std::optional<int> axis = std::nullopt, bool keepdims = false);
Tensor reduce_mean(const Tensor& x, std::optional<int> axis = std::nullopt, bool keepdims = false);
Tensor reduce_max(const Tensor& x, std::optional<int> axis = std::nullopt, bool keepdims = false);
Tensor norm(const Tensor& x, std::optional<int> axis = std::nullopt, bool keepdims = false);
Tensor reduce_min(const Tensor& x, std::optional<int> axis = std::nullopt, bool keepdims = false);
Tensor reduce_prod(const Tensor& x, std::optional<int> axis = std::nullopt, bool keepdims = false);
Tensor reduce_logsumexp(const Tensor& x, std::optional<int> axis = std::nullopt, bool keepdims = false);
Tensor reduce_variance(const Tensor& x, std::optional<int> axis = std::nullopt, bool keepdims = false);
Tensor reduce_std(const Tensor& x, std::optional<int> axis = std::nullopt, bool keepdims = false);
Tensor reduce_any(const Tensor& x, std::optional<int> axis = std::nullopt, bool keepdims = false);
Tensor reduce_all(const Tensor& x, std::optional<int> axis = std::nullopt, bool keepdims = false);
/// Running sums and products along `axis`; exclusive leaves each element out, reverse runs from
/// the end.
Tensor cumsum(const Tensor& x, int axis = 0, bool exclusive = false, bool reverse = false);
Tensor cumprod(const Tensor& x, int axis = 0, bool exclusive = false, bool reverse = false);

// Losses
Tensor sigmoid_cross_entropy_with_logits(const Tensor& labels, const Tensor& logits);
Tensor softmax_cross_entropy_with_logits(const Tensor& labels, const Tensor& logits, int axis = -1);
/// sum(t ** 2) / 2.
Tensor l2_loss(const Tensor& t);

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
Tensor expand_dims(const Tensor& x, int axis);
/// `x` without its size-1 dimensions (all of them when `axis` is empty).
Tensor squeeze(const Tensor& x, const std::vector<std::int64_t>& axis = {});
Tensor tile(const Tensor& x, const std::vector<std::int64_t>& multiples);
Tensor reverse(const Tensor& x, const std::vector<std::int64_t>& axis);

// Linear algebra
Tensor matmul(const Tensor& a, const Tensor& b);
Tensor matrix_inverse(const Tensor& a, bool adjoint = false);
Tensor matrix_determinant(const Tensor& a);
Tensor trace(const Tensor& x);
/// A matrix with `diagonal` on its main diagonal (square unless numRows or numCols is given).
Tensor diag(const Tensor& diagonal, std::int64_t numRows = -1, std::int64_t numCols = -1);
Tensor diag_part(const Tensor& x);

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
