// TensorFlow's exact numbers at awkward points, one row per case (see OpExactCases.h).
#include "OpExactCases.h"
#include "OpGradientTable.h"

#include "engine/autodiff/GradientTape.h"
#include "engine/core/EngineError.h"
#include "engine/ops/Apply.h"
#include "engine/ops/OpRegistry.h"
#include "engine/ops/Ops.h"

#include <cmath>
#include <limits>

namespace gs::testing {

namespace {

const std::optional<std::vector<double>> None = std::nullopt;

ExactCase exact(std::string tag, testing::Function f, std::vector<Tensor> inputs,
                std::vector<double> forward,
                std::vector<std::optional<std::vector<double>>> gradients,
                double relTolerance = 0.0)
{
    return ExactCase{std::move(tag),     std::move(f),         std::move(inputs),
                     std::move(forward), std::move(gradients), Tolerance{0.0, relTolerance}};
}

Tensor zerosLike(const Tensor& x) { return Tensor::zeros(x.shape(), x.dtype()); }

template <class F> testing::Function unary(F f)
{
    return [f](const std::vector<Tensor>& in) { return f(in[0]); };
}
template <class F> testing::Function binary(F f)
{
    return [f](const std::vector<Tensor>& in) { return f(in[0], in[1]); };
}

using Values = std::vector<double>;

/// TensorFlow's special cases of the reductions, softmax family, losses and safe arithmetic:
/// zeros, ties, infinities and the logits where a naive formula overflows.
void addStableOpCases(std::vector<ExactCase>& t)
{
    const double third = 1.0 / 3.0;

    // reduce_prod's gradient is built from exclusive cumprods, so zeros need no division.
    t.push_back(exact("reduce_prod with one zero: that element gets the product of the others",
                      unary([](const Tensor& x) { return reduce_prod(x); }), {v({2, 0, 3})}, {0},
                      {Values{0, 6, 0}}));
    t.push_back(exact("reduce_prod with two zeros: every gradient is 0",
                      unary([](const Tensor& x) { return reduce_prod(x); }), {v({2, 0, 0})}, {0},
                      {Values{0, 0, 0}}));
    t.push_back(exact("reduce_prod axis=1 with a zero in one row",
                      unary([](const Tensor& x) { return reduce_prod(x, 1); }),
                      {m({{2, 0, 3}, {1, 2, 4}})}, {0, 8}, {Values{0, 6, 0, 8, 4, 2}}));
    t.push_back(exact("reduce_min: ties split [3, 1, 1]",
                      unary([](const Tensor& x) { return reduce_min(x); }), {v({3, 1, 1})}, {1},
                      {Values{0, 0.5, 0.5}}));
    t.push_back(exact("reduce_min axis=1: ties split per row",
                      unary([](const Tensor& x) { return reduce_min(x, 1); }),
                      {m({{1, 3, 1}, {2, 2, 5}})}, {1, 2}, {Values{0.5, 0, 0.5, 0.5, 0.5, 0}}));
    t.push_back(exact("reduce_min propagates nan, gradient nan",
                      unary([](const Tensor& x) { return reduce_min(x); }), {v({1, NaN, 0})}, {NaN},
                      {Values{NaN, NaN, NaN}}));
    t.push_back(exact("reduce_max axis=0 propagates nan in its column only",
                      unary([](const Tensor& x) { return reduce_max(x, 0); }),
                      {m({{4, NaN}, {1, 2}})}, {4, NaN}, {Values{1, NaN, 0, NaN}}));

    // reduce_logsumexp shifts by a stop_gradient maximum, replaced by 0 where it is not finite.
    auto logsumexp = unary([](const Tensor& x) { return reduce_logsumexp(x); });
    t.push_back(exact("reduce_logsumexp of [1000, 1000] = 1000 + log 2, no overflow", logsumexp,
                      {v({1000, 1000})}, {1000 + std::log(2.0)}, {Values{0.5, 0.5}}, 1e-15));
    t.push_back(exact("reduce_logsumexp of [inf, 1] = inf, gradient [nan, 0]", logsumexp,
                      {v({Inf, 1})}, {Inf}, {Values{NaN, 0}}));
    t.push_back(exact("reduce_logsumexp of [-inf, -inf] = -inf, gradient [nan, nan]", logsumexp,
                      {v({-Inf, -Inf})}, {-Inf}, {Values{NaN, NaN}}));
    t.push_back(exact("reduce_logsumexp of [-inf, 0] = 0, gradient [0, 1]", logsumexp,
                      {v({-Inf, 0})}, {0}, {Values{0, 1}}));
    t.push_back(exact("reduce_variance of [[1, 2], [3, 4]] = 1.25",
                      unary([](const Tensor& x) { return reduce_variance(x); }),
                      {m({{1, 2}, {3, 4}})}, {1.25}, {Values{-0.75, -0.25, 0.25, 0.75}}));
    t.push_back(exact("reduce_std of a constant: 0, gradient nan (sqrt'(0) * 0)",
                      unary([](const Tensor& x) { return reduce_std(x); }), {v({2, 2})}, {0},
                      {Values{NaN, NaN}}));

    // softmax and log_softmax shift by the maximum: large logits do not overflow.
    t.push_back(exact("softmax at [1000, 0] = [1, 0], gradient finite",
                      unary([](const Tensor& x) { return softmax(x); }), {v({1000, 0})}, {1, 0},
                      {Values{0, 0}}));
    t.push_back(exact("softmax at [1000, 1000] weighted by [1, 3]", unary([](const Tensor& x) {
                          return softmax(x) * v({1, 3});
                      }),
                      {v({1000, 1000})}, {0.5, 1.5}, {Values{-0.5, 0.5}}));
    t.push_back(exact("log_softmax at [1000, 0] = [0, -1000]",
                      unary([](const Tensor& x) { return log_softmax(x); }), {v({1000, 0})},
                      {0, -1000}, {Values{-1, 1}}));
    t.push_back(exact("softmax_cross_entropy at logits [1000, 0], labels [0, 1] = 1000",
                      binary([](const Tensor& z, const Tensor& x) {
                          return softmax_cross_entropy_with_logits(z, x);
                      }),
                      {v({0, 1}), v({1000, 0})}, {1000}, {Values{0, 1000}, Values{1, -1}}));
    t.push_back(exact("softmax_cross_entropy with labels summing to 2: gradient softmax - labels, "
                      "as TensorFlow's",
                      binary([](const Tensor& z, const Tensor& x) {
                          return softmax_cross_entropy_with_logits(z, x);
                      }),
                      {v({1, 1}), v({0, 0})}, {2 * std::log(2.0)},
                      {Values{std::log(2.0), std::log(2.0)}, Values{-0.5, -0.5}}, 1e-15));

    // sigmoid_cross_entropy_with_logits: max(x, 0) - x * z + log1p(exp(-|x|)).
    auto sigmoidCE = binary(
        [](const Tensor& z, const Tensor& x) { return sigmoid_cross_entropy_with_logits(z, x); });
    t.push_back(exact("sigmoid_cross_entropy at logits -100, 100, -1000: finite", sigmoidCE,
                      {v({0, 0, 0.5}), v({-100, 100, -1000})},
                      {std::log1p(std::exp(-100.0)), 100, 500},
                      {Values{100, -100, 1000}, Values{std::exp(-100.0), 1, -0.5}}, 1e-15));
    t.push_back(exact("sigmoid_cross_entropy float32 at logits 100, labels 1: 0, gradient 0",
                      sigmoidCE, {s(1, F32), s(100, F32)}, {0}, {Values{-100}, Values{0}}));
    t.push_back(exact("sigmoid_cross_entropy at logits 0: log 2, gradient sigmoid(0) - z",
                      sigmoidCE, {s(0.25), s(0)}, {std::log(2.0)}, {Values{0}, Values{0.25}},
                      1e-15));

    // Division and logarithms that TensorFlow keeps at 0.
    t.push_back(exact("divide_no_nan: 0 where y = 0, gradients 0 there",
                      binary([](const Tensor& x, const Tensor& y) { return divide_no_nan(x, y); }),
                      {v({1, 0, 6}), v({0, 0, 3})}, {0, 0, 2},
                      {Values{0, 0, third}, Values{0, 0, -2 * third}}, 1e-15));
    t.push_back(exact("xlogy: 0 at x = 0 even for y = 0; d/dx 0 at x = 0",
                      binary([](const Tensor& x, const Tensor& y) { return xlogy(x, y); }),
                      {v({0, 0, 2}), v({0, 2, 3})}, {0, 0, 2 * std::log(3.0)},
                      {Values{0, 0, std::log(3.0)}, Values{0, 0, 2 * third}}, 1e-15));
    t.push_back(exact("xdivy: 0 at x = 0 even for y = 0",
                      binary([](const Tensor& x, const Tensor& y) { return xdivy(x, y); }),
                      {v({0, 3}), v({0, 2})}, {0, 1.5}, {Values{0, 0.5}, Values{0, -0.75}}));
    t.push_back(exact("reciprocal(0) = inf, gradient -inf",
                      unary([](const Tensor& x) { return reciprocal(x); }), {v({0, 4})},
                      {Inf, 0.25}, {Values{-Inf, -0.0625}}));
    t.push_back(exact("rsqrt(0) = inf, gradient -inf",
                      unary([](const Tensor& x) { return rsqrt(x); }), {v({0, 4})}, {Inf, 0.5},
                      {Values{-Inf, -0.0625}}));
    t.push_back(exact("where(x > 0, reciprocal(x), 0) at 0: gradient 0 (ReciprocalGrad)",
                      unary([](const Tensor& x) {
                          return where(greater(x, zerosLike(x)), reciprocal(x), zerosLike(x));
                      }),
                      {s(0)}, {0}, {Values{0}}));

    // clip_by_norm: t * clip_norm / max(norm, clip_norm); the two-tap where keeps t = 0 finite.
    auto clipByNorm = binary([](const Tensor& x, const Tensor& c) { return clip_by_norm(x, c); });
    t.push_back(exact("clip_by_norm below clip_norm: unchanged, d/dclip_norm 0", clipByNorm,
                      {v({3, 4}), s(8)}, {3, 4}, {Values{1, 1}, Values{0}}));
    t.push_back(exact("clip_by_norm above clip_norm: rescaled to norm clip_norm", clipByNorm,
                      {v({3, 4}), s(1)}, {0.6, 0.8}, {Values{0.032, -0.024}, Values{1.4}}, 1e-14));
    t.push_back(exact("clip_by_norm at t = 0: gradient finite", clipByNorm, {v({0, 0}), s(1)},
                      {0, 0}, {Values{1, 1}, Values{0}}));

    // Smooth activations at 0 and far out.
    t.push_back(exact("gelu(0) = 0, gradient 0.5", unary([](const Tensor& x) { return gelu(x); }),
                      {s(0)}, {0}, {Values{0.5}}));
    t.push_back(exact("gelu approximate (0) = 0, gradient 0.5",
                      unary([](const Tensor& x) { return gelu(x, true); }), {s(0)}, {0},
                      {Values{0.5}}));
    t.push_back(exact("gelu(1) = Phi(1), gradient Phi(1) + phi(1)",
                      unary([](const Tensor& x) { return gelu(x); }), {s(1)}, {0.8413447460685429},
                      {Values{1.0833154705876864}}, 1e-14));
    t.push_back(exact("silu(0) = 0, gradient 0.5", unary([](const Tensor& x) { return silu(x); }),
                      {s(0)}, {0}, {Values{0.5}}));
    t.push_back(exact("log_sigmoid at -1000 and 1000: finite",
                      unary([](const Tensor& x) { return log_sigmoid(x); }), {v({-1000, 1000})},
                      {-1000, 0}, {Values{1, 0}}));

    // Bool results: values, no gradient.
    t.push_back(exact("is_finite of [1, inf, -inf, nan], gradient None",
                      unary([](const Tensor& x) { return cast(is_finite(x), F64); }),
                      {v({1, Inf, -Inf, NaN})}, {1, 0, 0, 0}, {None}));
    t.push_back(exact("logical_and, logical_or, logical_not, gradient None",
                      unary([](const Tensor& x) {
                          const Tensor positive = greater(x, zerosLike(x));
                          const Tensor small = less(x, constantLike(2.0, x));
                          return cast(logical_and(positive, small), F64) * 4.0
                                 + cast(logical_or(positive, small), F64) * 2.0
                                 + cast(logical_not(positive), F64);
                      }),
                      {v({-1, 1, 3})}, {3, 6, 2}, {None}));
    t.push_back(exact("reduce_any and reduce_all axis=0, gradient None", unary([](const Tensor& x) {
                          const Tensor positive = greater(x, zerosLike(x));
                          return cast(reduce_any(positive, 0), F64) * 2.0
                                 + cast(reduce_all(positive, 0), F64);
                      }),
                      {m({{1, -1, -2}, {1, 1, -3}})}, {3, 2, 0}, {None}));
}

/// Forward values of the shape and matrix ops, where a wrong copy could hide behind right
/// gradients, and TensorFlow's linear algebra gradients at simple points.
void addShapeAndMatrixOpCases(std::vector<ExactCase>& t)
{
    t.push_back(exact("cumsum exclusive reverse of [1, 2, 3]",
                      unary([](const Tensor& x) { return cumsum(x, 0, true, true); }),
                      {v({1, 2, 3})}, {5, 3, 0}, {Values{0, 1, 2}}));
    t.push_back(exact("cumsum axis=0 of (2,2)", unary([](const Tensor& x) {
                          return cumsum(x, 0) * m({{1, 2}, {3, 4}});
                      }),
                      {m({{1, 2}, {3, 4}})}, {1, 4, 12, 24}, {Values{4, 6, 3, 4}}));
    t.push_back(exact("cumprod of [2, 3, 4]", unary([](const Tensor& x) { return cumprod(x); }),
                      {v({2, 3, 4})}, {2, 6, 24}, {Values{16, 10, 6}}));
    t.push_back(exact("tile [1, 2] multiples [3]",
                      unary([](const Tensor& x) { return tile(x, {3}); }), {v({1, 2})},
                      {1, 2, 1, 2, 1, 2}, {Values{3, 3}}));
    t.push_back(exact("tile (1,2) multiples [2, 2], weighted", unary([](const Tensor& x) {
                          return tile(x, {2, 2}) * m({{1, 2, 3, 4}, {5, 6, 7, 8}});
                      }),
                      {m({{1, 2}})}, {1, 4, 3, 8, 5, 12, 7, 16}, {Values{16, 20}}));
    t.push_back(exact("reverse (2,3) axis=[1], weighted", unary([](const Tensor& x) {
                          return reverse(x, {1}) * m({{1, 2, 3}, {4, 5, 6}});
                      }),
                      {m({{1, 2, 3}, {4, 5, 6}})}, {3, 4, 3, 24, 25, 24},
                      {Values{3, 2, 1, 6, 5, 4}}));
    t.push_back(exact("reverse (2,3) axis=[0]",
                      unary([](const Tensor& x) { return reverse(x, {0}); }),
                      {m({{1, 2, 3}, {4, 5, 6}})}, {4, 5, 6, 1, 2, 3}, {Values{1, 1, 1, 1, 1, 1}}));
    t.push_back(exact("expand_dims then squeeze",
                      unary([](const Tensor& x) { return squeeze(expand_dims(x, 1)) * 2.0; }),
                      {v({1, 2})}, {2, 4}, {Values{2, 2}}));
    t.push_back(exact("diag of [1, 2]", unary([](const Tensor& x) {
                          return diag(x) * m({{1, 2}, {3, 4}});
                      }),
                      {v({1, 2})}, {1, 0, 0, 8}, {Values{1, 4}}));
    t.push_back(exact("diag_part of (2,3)", unary([](const Tensor& x) {
                          return diag_part(x) * v({1, 2});
                      }),
                      {m({{1, 2, 3}, {4, 5, 6}})}, {1, 10}, {Values{1, 0, 0, 0, 2, 0}}));
    t.push_back(exact("trace of (2,2) = 5, gradient the identity",
                      unary([](const Tensor& x) { return trace(x); }), {m({{1, 2}, {3, 4}})}, {5},
                      {Values{1, 0, 0, 1}}));
    // TensorFlow: d inv(A) = -inv(A)^T @ upstream @ inv(A)^T; d det(A) = upstream * det * inv(A)^T.
    t.push_back(exact("matrix_inverse of [[4, 7], [2, 6]]",
                      unary([](const Tensor& x) { return matrix_inverse(x); }),
                      {m({{4, 7}, {2, 6}})}, {0.6, -0.7, -0.2, 0.4},
                      {Values{0.04, -0.08, -0.03, 0.06}}, 1e-14));
    t.push_back(exact("matrix_determinant of [[1, 2], [3, 4]] = -2, gradient the cofactors",
                      unary([](const Tensor& x) { return matrix_determinant(x); }),
                      {m({{1, 2}, {3, 4}})}, {-2}, {Values{4, -3, -2, 1}}, 1e-14));
}

/// The integer-index ops (IndexOps.cpp), applied by name: TensorFlow's values for repeated and
/// out-of-range indices, ties, and logits that overflow a naive softmax.
void addIndexOpCases(std::vector<ExactCase>& t)
{
    const auto call = [](const char* op, std::vector<Tensor> in, Attrs attrs = {}) {
        return gs::apply(op, std::span<const Tensor>(in), attrs);
    };
    const auto i32 = [](const Values& values) { return Tensor::vector(values, DType::Int32); };
    // IndexedSlices made dense: the rows gathered twice get their gradients summed.
    t.push_back(exact("gather [0, 2, 0] of [1, 2, 3]: index 0 twice gets 1 + 3",
                      binary([call](const Tensor& p, const Tensor& i) { return call("gather", {p, i}) * v({1, 2, 3}); }),
                      {v({1, 2, 3}), i32({0, 2, 0})}, {1, 6, 3}, {Values{4, 0, 2}, None}));
    t.push_back(exact("gather columns [2, 0] axis=1",
                      binary([call](const Tensor& p, const Tensor& i) {
                          return call("gather", {p, i}, Attrs{{"axis", std::int64_t{1}}});
                      }),
                      {m({{1, 2, 3}, {4, 5, 6}}), i32({2, 0})}, {3, 1, 6, 4}, {Values{1, 0, 1, 1, 0, 1}, None}));
    // Logits [1000, 0] overflow exp() but not the kernel: loss 0, gradient softmax - one_hot = 0.
    t.push_back(exact("sparse_softmax_cross_entropy_with_logits at logits [1000, 0] and [0, 0]",
                      binary([call](const Tensor& labels, const Tensor& logits) {
                          return call("sparse_softmax_cross_entropy_with_logits", {labels, logits});
                      }),
                      {i32({0, 1}), m({{1000, 0}, {0, 0}})}, {0, std::log(2.0)}, {None, Values{0, 0, 0.5, -0.5}}));
    // Ties go to the first index; argmax gives int64 indices and no gradient.
    t.push_back(exact("argmax of [1, 3, 3] is 1 (the first of the ties)",
                      unary([call](const Tensor& x) { return cast(call("argmax", {x}), F64); }),
                      {v({1, 3, 3})}, {1}, {None}));
    t.push_back(exact("argmin (2,2) axis=1",
                      unary([call](const Tensor& x) {
                          return cast(call("argmin", {x}, Attrs{{"axis", std::int64_t{1}}}), F64);
                      }),
                      {m({{2, 1}, {1, 2}})}, {1, 0}, {None}));
    // An index out of [0, depth) gives a row of off_value.
    t.push_back(exact("one_hot [0, 5, -1] depth 3: out of range rows are off_value",
                      unary([call](const Tensor& i) {
                          return call("one_hot", {i}, Attrs{{"depth", std::int64_t{3}}, {"dtype", std::string("float64")}});
                      }),
                      {i32({0, 5, -1})}, {1, 0, 0, 0, 0, 0, 0, 0, 0}, {None}));
}

std::vector<ExactCase> buildExactCases()
{
    std::vector<ExactCase> t;
    const double e1 = std::exp(-1.0);
    constexpr double seluScale = 1.0507009873554804934193349852946;
    constexpr double seluAlpha = 1.6732632423543772848170429916717;

    // Kinks: TensorFlow picks one side, always the same.
    t.push_back(exact("relu'(0) = 0", unary([](const Tensor& x) { return relu(x); }),
                      {v({-1, 0, 2})}, {0, 0, 2}, {std::vector<double>{0, 0, 1}}));
    t.push_back(exact("abs'(0) = 0", unary([](const Tensor& x) { return abs(x); }), {v({-2, 0, 3})},
                      {2, 0, 3}, {std::vector<double>{-1, 0, 1}}));
    t.push_back(exact("leaky_relu'(0) = alpha = 0.2",
                      unary([](const Tensor& x) { return leaky_relu(x); }), {v({-1, 0, 1})},
                      {-0.2, 0, 1}, {std::vector<double>{0.2, 0.2, 1}}));
    t.push_back(exact("leaky_relu alpha=0.1: slope 0.1 at 0",
                      unary([](const Tensor& x) { return leaky_relu(x, 0.1); }), {v({-1, 0, 1})},
                      {-0.1, 0, 1}, {std::vector<double>{0.1, 0.1, 1}}));
    t.push_back(exact("elu'(0) = 1", unary([](const Tensor& x) { return elu(x); }), {v({-1, 0, 1})},
                      {e1 - 1, 0, 1}, {std::vector<double>{e1, 1, 1}}, 1e-15));
    t.push_back(exact("selu'(0) = scale", unary([](const Tensor& x) { return selu(x); }),
                      {v({0, 1})}, {0, seluScale}, {std::vector<double>{seluScale, seluScale}},
                      1e-15));
    t.push_back(exact("sign: gradient zeros, not None",
                      unary([](const Tensor& x) { return sign(x); }), {v({-2, 0, 3})}, {-1, 0, 1},
                      {std::vector<double>{0, 0, 0}}));
    t.push_back(exact("round: halves to even, gradient None",
                      unary([](const Tensor& x) { return round(x); }),
                      {v({0.5, 1.5, 2.5, -1.5, -0.4})}, {0, 2, 2, -2, -0.0}, {None}));
    t.push_back(exact("floor: gradient None", unary([](const Tensor& x) { return floor(x); }),
                      {v({-1.5, 0.5, 2})}, {-2, 0, 2}, {None}));
    t.push_back(exact("floordiv: floor, not truncation; 1 // 0 = inf; gradient None",
                      binary([](const Tensor& x, const Tensor& y) { return floordiv(x, y); }),
                      {v({-7, 7, 1, 0}), v({2, 2, 0, 0})}, {-4, 3, Inf, NaN}, {None, None}));
    t.push_back(exact("floormod: the sign of the divisor; d/dy = -floor(x / y)",
                      binary([](const Tensor& x, const Tensor& y) { return floormod(x, y); }),
                      {v({-7, 7, 7.5, -7.5, 6}), v({3, -3, 2, -2, 3})}, {2, -2, 1.5, -1.5, 0},
                      {std::vector<double>{1, 1, 1, 1, 1}, std::vector<double>{3, 3, -3, -3, -2}}));
    t.push_back(exact("not_equal: nan != nan, gradient None",
                      binary([](const Tensor& x, const Tensor& y) { return cast(not_equal(x, y), F64); }),
                      {v({NaN, 1, 2}), v({NaN, 1, 3})}, {1, 0, 1}, {None, None}));
    t.push_back(exact("stop_gradient(x) * x: only the direct path counts",
                      unary([](const Tensor& x) { return stop_gradient(x) * x; }), {v({3, -2})},
                      {9, 4}, {std::vector<double>{3, -2}}));

    // Singularities at 0: the infinite derivative is reported, not hidden.
    t.push_back(exact("sqrt'(0) = +inf", unary([](const Tensor& x) { return sqrt(x); }),
                      {v({0, 4})}, {0, 2}, {std::vector<double>{Inf, 0.25}}));
    t.push_back(exact("log'(0) = +inf", unary([](const Tensor& x) { return log(x); }), {v({0, 2})},
                      {-Inf, std::log(2.0)}, {std::vector<double>{Inf, 0.5}}, 1e-15));
    t.push_back(exact("norm at 0: gradient nan (sqrt(reduce_sum(x * x)))",
                      unary([](const Tensor& x) { return norm(x); }), {v({0, 0})}, {0},
                      {std::vector<double>{NaN, NaN}}));
    t.push_back(exact("norm of [3, 4]", unary([](const Tensor& x) { return norm(x); }), {v({3, 4})},
                      {5}, {std::vector<double>{0.6, 0.8}}, 1e-15));

    // Ties: maximum and minimum give the whole gradient to x; reduce_max splits it equally.
    t.push_back(exact("maximum: a tie sends the gradient to x",
                      binary([](const Tensor& x, const Tensor& y) { return maximum(x, y); }),
                      {v({1, 2, 3}), v({1, 5, 0})}, {1, 5, 3},
                      {std::vector<double>{1, 0, 1}, std::vector<double>{0, 1, 0}}));
    t.push_back(exact("minimum: a tie sends the gradient to x",
                      binary([](const Tensor& x, const Tensor& y) { return minimum(x, y); }),
                      {v({1, 2, 3}), v({1, 5, 0})}, {1, 2, 0},
                      {std::vector<double>{1, 1, 0}, std::vector<double>{0, 0, 1}}));
    t.push_back(exact("maximum: scalar x ties one element of y",
                      binary([](const Tensor& x, const Tensor& y) { return maximum(x, y); }),
                      {s(2), v({1, 2, 3})}, {2, 2, 3},
                      {std::vector<double>{2}, std::vector<double>{0, 0, 1}}));
    t.push_back(exact("reduce_max: ties split [1, 3, 3]",
                      unary([](const Tensor& x) { return reduce_max(x); }), {v({1, 3, 3})}, {3},
                      {std::vector<double>{0, 0.5, 0.5}}));
    t.push_back(exact("reduce_max axis=1: ties split per row",
                      unary([](const Tensor& x) { return reduce_max(x, 1); }),
                      {m({{1, 3, 3}, {2, 2, 0}})}, {3, 2},
                      {std::vector<double>{0, 0.5, 0.5, 0.5, 0.5, 0}}));
    t.push_back(exact("reduce_max axis=0 keepdims: ties split per column",
                      unary([](const Tensor& x) { return reduce_max(x, 0, true); }),
                      {m({{1, 3, 3}, {1, 2, 0}})}, {1, 3, 3},
                      {std::vector<double>{0.5, 1, 1, 0.5, 0, 0}}));
    t.push_back(exact("reduce_max: four-way tie",
                      unary([](const Tensor& x) { return reduce_max(x); }), {m({{2, 2}, {2, 2}})},
                      {2}, {std::vector<double>{0.25, 0.25, 0.25, 0.25}}));

    // pow: d/dx = y * x^(y-1) as computed (0 * inf = nan at 0 ** 0); d/dy = z * log(x) with log(x)
    // replaced by 0 where x <= 0.
    auto powF = binary([](const Tensor& x, const Tensor& y) { return pow(x, y); });
    t.push_back(exact("pow 0 ** 0: d/dx nan, d/dy 0", powF, {s(0), s(0)}, {1},
                      {std::vector<double>{NaN}, std::vector<double>{0}}));
    t.push_back(exact("pow 0 ** 2: d/dx 0, d/dy 0", powF, {s(0), s(2)}, {0},
                      {std::vector<double>{0}, std::vector<double>{0}}));
    t.push_back(exact("pow (-2) ** 2: d/dy 0 for x < 0", powF, {s(-2), s(2)}, {4},
                      {std::vector<double>{-4}, std::vector<double>{0}}));
    t.push_back(exact("pow 0 ** -1: d/dx -inf, d/dy inf * 0 = nan", powF, {s(0), s(-1)}, {Inf},
                      {std::vector<double>{-Inf}, std::vector<double>{NaN}}));
    t.push_back(exact("pow 2 ** 3", powF, {s(2), s(3)}, {8},
                      {std::vector<double>{12}, std::vector<double>{8 * std::log(2.0)}}, 1e-15));

    // clip_by_value is maximum(minimum(t, hi), lo): at either bound the tie goes to t.
    t.push_back(exact(
        "clip_by_value: gradient 1 at both bounds",
        [](const std::vector<Tensor>& in) { return clip_by_value(in[0], in[1], in[2]); },
        {v({-1, 0, 0.5, 1, 2}), s(0), s(1)}, {0, 0, 0.5, 1, 1},
        {std::vector<double>{0, 1, 1, 1, 0}, std::vector<double>{1}, std::vector<double>{1}}));

    // The NaN-through-where trap: both branches are differentiated; the unselected one gets a zero
    // upstream gradient, and 0 * inf = nan. TensorFlow's SqrtGrad kernel returns 0 for a zero
    // upstream gradient (cwise_ops_gradients.h, mul_no_nan), so sqrt does not fall in the trap;
    // log (grad * reciprocal(x)) and exp (grad * y) do.
    auto whereSqrt = unary(
        [](const Tensor& x) { return where(greater(x, zerosLike(x)), sqrt(x), zerosLike(x)); });
    t.push_back(exact("where(x > 0, sqrt(x), 0) at x=-1: gradient 0", whereSqrt, {s(-1)}, {0},
                      {std::vector<double>{0}}));
    t.push_back(exact("where(x > 0, sqrt(x), 0) at x=0: gradient 0", whereSqrt, {s(0)}, {0},
                      {std::vector<double>{0}}));
    t.push_back(exact("where(x > 0, sqrt(x), 0) at x=4", whereSqrt, {s(4)}, {2},
                      {std::vector<double>{0.25}}));
    t.push_back(exact("where(x > 0, log(x), 0) at x=0: gradient nan", unary([](const Tensor& x) {
                          return where(greater(x, zerosLike(x)), log(x), zerosLike(x));
                      }),
                      {s(0)}, {0}, {std::vector<double>{NaN}}));
    auto softplusByHand = unary([](const Tensor& x) {
        return where(greater(x, constantLike(30.0, x)), x, log(exp(x) + 1.0));
    });
    t.push_back(exact("where(x > 30, x, log(exp(x) + 1)) float32 at 100: gradient nan",
                      softplusByHand, {s(100, F32)}, {100}, {std::vector<double>{NaN}}));
    t.push_back(exact("where(x > 30, x, log(exp(x) + 1)) float64 at 100: gradient 1",
                      softplusByHand, {s(100)}, {100}, {std::vector<double>{1}}));

    // float32 against float64: overflow and TensorFlow's flush-to-zero of denormals.
    auto expF = unary([](const Tensor& x) { return exp(x); });
    t.push_back(exact("exp(89) float32 overflows to inf", expF, {s(89, F32)}, {Inf},
                      {std::vector<double>{Inf}}));
    t.push_back(exact("exp(89) float64 is finite", expF, {s(89)}, {std::exp(89.0)},
                      {std::vector<double>{std::exp(89.0)}}, 1e-15));
    t.push_back(exact("exp(-100) float32 flushes to 0 (not 3.7e-44)", expF, {s(-100, F32)}, {0},
                      {std::vector<double>{0}}));
    t.push_back(exact(
        "exp float32 on a vector: denormal results flush to 0", expF,
        {v({-100, -87.5, -80, -100, -100, -100, -100, -100, -87.5}, F32)},
        {0, 0, static_cast<float>(std::exp(-80.0)), 0, 0, 0, 0, 0, 0},
        {std::vector<double>{0, 0, static_cast<float>(std::exp(-80.0)), 0, 0, 0, 0, 0, 0}}, 1e-6));
    t.push_back(exact("exp(-100) float64 is 3.7e-44, a normal double", expF, {s(-100)},
                      {std::exp(-100.0)}, {std::vector<double>{std::exp(-100.0)}}, 1e-15));
    t.push_back(exact("float32 denormal input reads as 0 (DAZ)",
                      unary([](const Tensor& x) { return x * 1.0; }), {s(1e-40, F32)}, {0},
                      {std::vector<double>{1}}));

    // Infinities and NaN
    t.push_back(exact("exp at -inf and inf", expF, {v({-Inf, Inf})}, {0, Inf},
                      {std::vector<double>{0, Inf}}));
    t.push_back(exact("tanh at -inf and inf", unary([](const Tensor& x) { return tanh(x); }),
                      {v({-Inf, Inf})}, {-1, 1}, {std::vector<double>{0, 0}}));
    t.push_back(exact("sigmoid at -inf and inf", unary([](const Tensor& x) { return sigmoid(x); }),
                      {v({-Inf, Inf})}, {0, 1}, {std::vector<double>{0, 0}}));
    t.push_back(exact("relu at -inf and inf", unary([](const Tensor& x) { return relu(x); }),
                      {v({-Inf, Inf})}, {0, Inf}, {std::vector<double>{0, 1}}));
    t.push_back(exact("softplus at -inf and inf",
                      unary([](const Tensor& x) { return softplus(x); }), {v({-Inf, Inf})},
                      {0, Inf}, {std::vector<double>{0, 1}}));
    t.push_back(exact("sqrt and log at inf: gradient 0",
                      unary([](const Tensor& x) { return sqrt(x) + log(x); }), {v({Inf})}, {Inf},
                      {std::vector<double>{0}}));
    t.push_back(exact("square at inf", unary([](const Tensor& x) { return square(x); }),
                      {v({-Inf, Inf})}, {Inf, Inf}, {std::vector<double>{-Inf, Inf}}));
    t.push_back(exact("sin at nan: nan gradient", unary([](const Tensor& x) { return sin(x); }),
                      {v({NaN, 0})}, {NaN, 0}, {std::vector<double>{NaN, 1}}));

    // Forward values at simple points: a wrong forward with a matching wrong gradient would pass
    // finite differences.
    t.push_back(exact("reduce_sum of (2,3)", unary([](const Tensor& x) { return reduce_sum(x); }),
                      {m({{1, 2, 3}, {4, 5, 6}})}, {21}, {std::vector<double>{1, 1, 1, 1, 1, 1}}));
    t.push_back(exact("reduce_mean axis=0",
                      unary([](const Tensor& x) { return reduce_mean(x, 0); }),
                      {m({{1, 2, 3}, {4, 5, 6}})}, {2.5, 3.5, 4.5},
                      {std::vector<double>{0.5, 0.5, 0.5, 0.5, 0.5, 0.5}}));
    const double third = 1.0 / 3.0;
    t.push_back(exact("reduce_mean axis=1 keepdims",
                      unary([](const Tensor& x) { return reduce_mean(x, 1, true); }),
                      {m({{1, 2, 3}, {4, 5, 6}})}, {2, 5},
                      {std::vector<double>{third, third, third, third, third, third}}));
    t.push_back(exact("norm axis=1", unary([](const Tensor& x) { return norm(x, 1); }),
                      {m({{3, 4}, {6, 8}})}, {5, 10}, {std::vector<double>{0.6, 0.8, 0.6, 0.8}},
                      1e-15));
    t.push_back(exact("matmul (2,2) @ (2,2)",
                      binary([](const Tensor& a, const Tensor& b) { return matmul(a, b); }),
                      {m({{1, 2}, {3, 4}}), m({{5, 6}, {7, 8}})}, {19, 22, 43, 50},
                      {std::vector<double>{11, 15, 11, 15}, std::vector<double>{4, 4, 6, 6}}));
    t.push_back(exact("where: (3,) condition, scalar y",
                      binary([](const Tensor& x, const Tensor& y) {
                          return where(Tensor::vector({1, 0, 1}, DType::Bool), x, y);
                      }),
                      {m({{1, 2, 3}, {4, 5, 6}}), s(0)}, {1, 0, 3, 4, 0, 6},
                      {std::vector<double>{1, 0, 1, 1, 0, 1}, std::vector<double>{2}}));
    t.push_back(exact("broadcast_to (3,) to (2,3)",
                      unary([](const Tensor& x) { return broadcast_to(x, Shape::matrix(2, 3)); }),
                      {v({1, 2, 3})}, {1, 2, 3, 1, 2, 3}, {std::vector<double>{2, 2, 2}}));
    t.push_back(
        exact("add_n of three", [](const std::vector<Tensor>& in) { return add_n(in); },
              {v({1, 2}), v({3, 4}), v({5, 6})}, {9, 12},
              {std::vector<double>{1, 1}, std::vector<double>{1, 1}, std::vector<double>{1, 1}}));
    t.push_back(exact("sigmoid(0) = 0.5, gradient 0.25",
                      unary([](const Tensor& x) { return sigmoid(x); }), {s(0)}, {0.5},
                      {std::vector<double>{0.25}}));
    t.push_back(exact("tanh(0) = 0, gradient 1", unary([](const Tensor& x) { return tanh(x); }),
                      {s(0)}, {0}, {std::vector<double>{1}}));
    t.push_back(exact("softplus(0) = log 2, gradient 0.5",
                      unary([](const Tensor& x) { return softplus(x); }), {s(0)}, {std::log(2.0)},
                      {std::vector<double>{0.5}}, 1e-15));
    t.push_back(exact("selu(-1)", unary([](const Tensor& x) { return selu(x); }), {s(-1)},
                      {seluScale * seluAlpha * (e1 - 1)},
                      {std::vector<double>{seluScale * seluAlpha * e1}}, 1e-15));
    t.push_back(exact("elu alpha=0.5 at -1", unary([](const Tensor& x) { return elu(x, 0.5); }),
                      {s(-1)}, {0.5 * (e1 - 1)}, {std::vector<double>{0.5 * e1}}, 1e-15));
    t.push_back(exact("cast to float32 and back rounds, gradient 1",
                      unary([](const Tensor& x) { return cast(cast(x, F32), F64); }), {s(0.1)},
                      {static_cast<double>(0.1f)}, {std::vector<double>{1}}));
    auto divF = binary([](const Tensor& x, const Tensor& y) { return x / y; });
    t.push_back(exact("div 1 / 0: inf, d/dx inf, d/dy -inf", divF, {s(1), s(0)}, {Inf},
                      {std::vector<double>{Inf}, std::vector<double>{-Inf}}));
    t.push_back(exact("div 0 / 0: nan, d/dx inf, d/dy nan", divF, {s(0), s(0)}, {NaN},
                      {std::vector<double>{Inf}, std::vector<double>{NaN}}));

    // Forward values of shape ops where a wrong copy would hide behind right gradients.
    t.push_back(exact("stack axis=1 of two (3,)", binary([](const Tensor& x, const Tensor& y) {
                          return stack({x, y}, 1);
                      }),
                      {v({1, 2, 3}), v({4, 5, 6})}, {1, 4, 2, 5, 3, 6},
                      {std::vector<double>{1, 1, 1}, std::vector<double>{1, 1, 1}}));
    t.push_back(exact("transpose of (3,) is the same vector",
                      unary([](const Tensor& x) { return transpose(x) * 2.0; }), {v({1, 2, 3})},
                      {2, 4, 6}, {std::vector<double>{2, 2, 2}}));
    t.push_back(exact("transpose of (1,3)", unary([](const Tensor& x) {
                          return transpose(x) * m({{1}, {2}, {3}});
                      }),
                      {m({{1, 2, 3}})}, {1, 4, 9}, {std::vector<double>{1, 2, 3}}));
    t.push_back(exact("stack axis=0 of two (3,)", binary([](const Tensor& x, const Tensor& y) {
                          return stack({x, y}, 0);
                      }),
                      {v({1, 2, 3}), v({4, 5, 6})}, {1, 2, 3, 4, 5, 6},
                      {std::vector<double>{1, 1, 1}, std::vector<double>{1, 1, 1}}));
    t.push_back(exact("concat axis=1 then slice", binary([](const Tensor& x, const Tensor& y) {
                          return slice(concat({x, y}, 1), {0, 1}, {2, 2}) * 2.0;
                      }),
                      {m({{1, 2}, {3, 4}}), m({{5}, {6}})}, {4, 10, 8, 12},
                      {std::vector<double>{0, 2, 0, 2}, std::vector<double>{2, 2}}));
    t.push_back(exact("pad then reduce_sum axis=0", unary([](const Tensor& x) {
                          return reduce_sum(pad(x, {1, 0}, {0, 1}) * 2.0, 0);
                      }),
                      {m({{1, 2}, {3, 4}})}, {8, 12, 0}, {std::vector<double>{2, 2, 2, 2}}));
    addStableOpCases(t);
    addShapeAndMatrixOpCases(t);
    addIndexOpCases(t);
    return t;
}

} // namespace

const std::vector<ExactCase>& exactCases()
{
    static const std::vector<ExactCase> cases = buildExactCases();
    return cases;
}

} // namespace gs::testing
