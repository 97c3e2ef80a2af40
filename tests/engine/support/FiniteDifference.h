// Central finite differences and value comparison for the engine's gradient tests.
//
// A function under test maps a list of input tensors to one output tensor; its scalar is the sum
// of the output's elements, which is what GradientTape::gradient differentiates for a non-scalar
// target. Everything here runs without tapes, so no tape can record it.
#pragma once

#include "engine/core/Tensor.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <functional>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

namespace gs::testing {

using Function = std::function<Tensor(const std::vector<Tensor>&)>;

/// The sum of a tensor's elements, accumulated in double whatever its dtype.
inline double sumOf(const Tensor& t)
{
    double sum = 0.0;
    for (const double v : t.toDoubles())
        sum += v;
    return sum;
}

/// `t` with element `i` replaced by `value` (rounded to t's dtype), under a fresh identity.
inline Tensor withElement(const Tensor& t, std::int64_t i, double value)
{
    std::vector<double> values = t.toDoubles();
    values[static_cast<std::size_t>(i)] = value;
    return Tensor::fromValues(t.shape(), values, t.dtype());
}

struct StepOptions {
    /// The step is relStep * max(1, |x|), so it scales with the point.
    double relStep = 1e-6;
};

/// d sum(f(inputs)) / d inputs[which], one entry per element of inputs[which] (row-major), by
/// central differences (f(x + h) - f(x - h)) / (x+h - (x-h)). The denominator is read back from
/// the perturbed tensors, so a float32 input that cannot hold x + h exactly is still right.
inline std::vector<double> numericGradient(const Function& f, const std::vector<Tensor>& inputs,
                                           std::size_t which, StepOptions options = {})
{
    const Tensor& x = inputs[which];
    std::vector<double> grad(static_cast<std::size_t>(x.size()));
    for (std::int64_t i = 0; i < x.size(); ++i) {
        const double xi = x.at(i);
        const double h = options.relStep * std::max(1.0, std::abs(xi));
        std::vector<Tensor> plus = inputs;
        std::vector<Tensor> minus = inputs;
        plus[which] = withElement(x, i, xi + h);
        minus[which] = withElement(x, i, xi - h);
        const double run = plus[which].at(i) - minus[which].at(i);
        grad[static_cast<std::size_t>(i)] = (sumOf(f(plus)) - sumOf(f(minus))) / run;
    }
    return grad;
}

/// How far a finite value may be from the expected one: |actual - expected| <= abs + rel *
/// |expected|. The default, {0, 0}, asks for the exact value.
struct Tolerance {
    double abs = 0.0;
    double rel = 0.0;
};

/// True when `actual` equals `expected` the way a test means it: both NaN, the same infinity, or
/// both finite and within `tolerance`.
inline bool sameNumber(double actual, double expected, Tolerance tolerance)
{
    if (std::isnan(expected))
        return std::isnan(actual);
    if (std::isinf(expected))
        return actual == expected;
    if (!std::isfinite(actual))
        return false;
    return std::abs(actual - expected) <= tolerance.abs + tolerance.rel * std::abs(expected);
}

inline std::string listText(const std::vector<double>& values)
{
    std::ostringstream s;
    s.precision(17);
    s << "[";
    for (std::size_t i = 0; i < values.size(); ++i)
        s << (i ? ", " : "") << values[i];
    s << "]";
    return s.str();
}

/// "" when `actual` holds `expected` element by element (see sameNumber), else what differs.
inline std::string compareValues(const std::vector<double>& actual,
                                 const std::vector<double>& expected, Tolerance tolerance)
{
    if (actual.size() != expected.size())
        return "expected " + std::to_string(expected.size()) + " values " + listText(expected)
               + ", got " + std::to_string(actual.size()) + " values " + listText(actual);
    for (std::size_t i = 0; i < actual.size(); ++i)
        if (!sameNumber(actual[i], expected[i], tolerance))
            return "element " + std::to_string(i) + " differs: expected " + listText(expected)
                   + ", got " + listText(actual);
    return {};
}

/// "" when a tape gradient is a tensor of `like`'s dtype and shape holding `expected`.
inline std::string compareGradient(const std::optional<Tensor>& actual, const Tensor& like,
                                   const std::vector<double>& expected, Tolerance tolerance)
{
    if (!actual)
        return "expected a gradient " + listText(expected) + ", got None";
    if (actual->shape() != like.shape())
        return "gradient has shape " + actual->shape().str() + ", input has shape "
               + like.shape().str();
    if (actual->dtype() != like.dtype())
        return "gradient has dtype " + std::string(dtypeName(actual->dtype()))
               + ", input has dtype " + std::string(dtypeName(like.dtype()));
    return compareValues(actual->toDoubles(), expected, tolerance);
}

} // namespace gs::testing
