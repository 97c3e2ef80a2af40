#include "document/GradientCheck.h"

#include <algorithm>
#include <cmath>

namespace gs {

QString differenceName(Difference difference)
{
    return difference == Difference::Central ? QStringLiteral("central") : QStringLiteral("forward");
}

std::optional<Difference> differenceNamed(const QString& name)
{
    if (name == QLatin1StringView("forward"))
        return Difference::Forward;
    if (name == QLatin1StringView("central"))
        return Difference::Central;
    return std::nullopt;
}

Agreement agreementOf(double relError, DType dtype)
{
    // float32 resolves about 7 digits and float64 about 16; a finite difference with a good step
    // keeps about half of them (forward) or two thirds (central).
    const bool single = dtype == DType::Float32;
    if (!std::isfinite(relError))
        return Agreement::Poor;
    if (relError <= (single ? 1e-3 : 1e-6))
        return Agreement::Good;
    if (relError <= (single ? 1e-1 : 1e-3))
        return Agreement::Fair;
    return Agreement::Poor;
}

namespace {

/// The sum of the target's elements in double, or NaN when the evaluation has no value.
double targetSum(const GraphData& data, const EvaluationOptions& options)
{
    const Evaluation e = evaluate(data, options);
    if (!e.value)
        return std::nan("");
    double sum = 0;
    for (double v : e.value->toDoubles())
        sum += v;
    return sum;
}

/// The finite differences of the target's sum for every element of `source`, stepping from
/// `base` (the value the evaluation used, in its dtype).
std::vector<double> numericGradient(const GraphData& data, const EvaluationOptions& options, NodeId source,
                                    const TensorValue& base, double f0, double eps, Difference difference)
{
    std::vector<double> numeric(base.values.size());
    for (std::size_t k = 0; k < base.values.size(); ++k) {
        EvaluationOptions stepped = options;
        stepped.jacobian = stepped.hessian = false;
        TensorValue plus = base;
        plus.values[k] += eps;
        stepped.values[source] = plus;
        const double fPlus = targetSum(data, stepped);
        if (difference == Difference::Forward) {
            numeric[k] = (fPlus - f0) / eps;
            continue;
        }
        TensorValue minus = base;
        minus.values[k] -= eps;
        stepped.values[source] = minus;
        numeric[k] = (fPlus - targetSum(data, stepped)) / (2 * eps);
    }
    return numeric;
}

void compare(SourceCheck& check)
{
    const std::vector<double> autodiff =
        check.autodiff ? check.autodiff->toDoubles() : std::vector<double>(check.numeric.size(), 0.0);
    double largest = 0;
    check.absError = 0;
    for (std::size_t k = 0; k < check.numeric.size() && k < autodiff.size(); ++k) {
        const double difference = std::abs(autodiff[k] - check.numeric[k]);
        // A NaN on either side is as far apart as it gets.
        check.absError = std::isnan(difference) ? difference : std::max(check.absError, difference);
        largest = std::max({largest, std::abs(autodiff[k]), std::abs(check.numeric[k])});
        if (std::isnan(check.absError))
            break;
    }
    check.relError = check.absError == 0 ? 0 : check.absError / largest;
}

/// The value the evaluation gave `source`, as a document value in the evaluation's dtype.
std::optional<TensorValue> valueOf(const Evaluation& e, NodeId source)
{
    const NodeResult* r = e.node(source);
    if (!r || !r->value)
        return std::nullopt;
    return TensorValue::fromTensor(*r->value);
}

} // namespace

GradientCheck checkGradients(const GraphData& data, const GradientCheckOptions& options)
{
    GradientCheck check;
    check.eps = options.eps;
    check.difference = options.difference;
    if (!(options.eps > 0) || !std::isfinite(options.eps)) {
        check.error = QStringLiteral("the step eps must be a positive number, not %1").arg(options.eps);
        return check;
    }
    EvaluationOptions plain = options.evaluation;
    plain.jacobian = plain.hessian = false;
    const Evaluation base = evaluate(data, plain);
    check.dtype = base.dtype;
    check.target = base.target;
    if (!base.ok()) {
        check.error = base.error;
        return check;
    }
    double f0 = 0;
    for (double v : base.value->toDoubles())
        f0 += v;
    // The sources are fixed to those the evaluation chose, so that every stepped run watches the
    // same ones.
    plain.wrt = std::vector<NodeId>{};
    for (const SourceGradient& s : base.gradients)
        plain.wrt->push_back(s.node);
    for (const SourceGradient& s : base.gradients) {
        SourceCheck c;
        c.node = s.node;
        c.autodiff = s.gradient;
        c.noneReason = s.noneReason;
        const std::optional<TensorValue> value = valueOf(base, s.node);
        if (!value)
            continue;
        c.shape = value->shape;
        c.numeric = numericGradient(data, plain, s.node, *value, f0, options.eps, options.difference);
        compare(c);
        check.sources.push_back(std::move(c));
    }
    return check;
}

std::vector<ErrorPoint> errorCurve(const GraphData& data, NodeId source, const EvaluationOptions& evaluation,
                                   Difference difference)
{
    EvaluationOptions plain = evaluation;
    plain.jacobian = plain.hessian = false;
    plain.wrt = std::vector<NodeId>{source};
    const Evaluation base = evaluate(data, plain);
    if (!base.ok() || base.gradients.empty())
        return {};
    const std::optional<TensorValue> value = valueOf(base, source);
    if (!value)
        return {};
    double f0 = 0;
    for (double v : base.value->toDoubles())
        f0 += v;
    std::vector<ErrorPoint> curve;
    for (int half = 2; half <= 24; ++half) { // 10^-1, 10^-1.5, ..., 10^-12
        const double eps = std::pow(10.0, -half / 2.0);
        SourceCheck c;
        c.autodiff = base.gradients.front().gradient;
        c.numeric = numericGradient(data, plain, source, *value, f0, eps, difference);
        compare(c);
        curve.push_back({eps, c.absError});
    }
    return curve;
}

std::optional<ErrorPoint> bestStep(const std::vector<ErrorPoint>& curve)
{
    std::optional<ErrorPoint> best;
    for (const ErrorPoint& p : curve)
        if (std::isfinite(p.absError) && (!best || p.absError < best->absError))
            best = p;
    return best;
}

} // namespace gs
