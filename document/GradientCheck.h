#pragma once

#include "document/Evaluation.h"

#include <QString>

#include <optional>
#include <vector>

namespace gs {

/// How a finite difference steps around a source's value: forward, (f(x + eps) - f(x)) / eps as
/// the book writes it, or central, (f(x + eps) - f(x - eps)) / (2 eps), whose truncation error
/// falls as eps squared instead of eps.
enum class Difference { Forward, Central };

QString differenceName(Difference difference);
std::optional<Difference> differenceNamed(const QString& name);

struct GradientCheckOptions {
    /// The evaluation checked: its target (any node), sources, values and dtype.
    EvaluationOptions evaluation;
    double eps = 1e-6; ///< the book's step
    Difference difference = Difference::Forward;
};

/// Autodiff beside a finite difference for one source.
struct SourceCheck {
    NodeId node;
    std::optional<Tensor> autodiff;  ///< None (unset) when no gradient reaches the source
    QString noneReason;              ///< why it is None
    Shape shape;                     ///< the source's shape
    std::vector<double> numeric;     ///< d sum(target) / d source, element by element
    double absError = 0;             ///< largest |autodiff - numeric| (None counts as zeros)
    double relError = 0;             ///< absError over the largest |autodiff| or |numeric|
};

/// How well two derivatives agree, for colouring: within what the dtype can resolve, a little
/// worse (the step is not ideal), or not at all (a wrong gradient, or a step far too small).
enum class Agreement { Good, Fair, Poor };
Agreement agreementOf(double relError, DType dtype);

struct GradientCheck {
    QString error; ///< why there is nothing to compare (the evaluation failed)
    DType dtype = DType::Float32;
    NodeId target;
    double eps = 0;
    Difference difference = Difference::Forward;
    std::vector<SourceCheck> sources;
    bool ok() const { return error.isEmpty(); }
};

/// Compares the tape's gradient of the target with finite differences of the target's sum (what
/// tape.gradient differentiates when the target is not a scalar), one element of one source at a
/// time, each stepped in the evaluation's dtype as TensorFlow would store it.
GradientCheck checkGradients(const GraphData& data, const GradientCheckOptions& options);

/// The error of the finite difference against autodiff for `source` at one step size.
struct ErrorPoint {
    double eps = 0;
    double absError = 0;
};

/// The error against eps from 1e-1 down to 1e-12, two steps per decade: truncation error
/// falling as eps shrinks, then rounding error rising. Empty when there is nothing to compare.
std::vector<ErrorPoint> errorCurve(const GraphData& data, NodeId source, const EvaluationOptions& evaluation,
                                   Difference difference);

/// The point of `curve` with the smallest error (the best eps), or nullopt for an empty curve.
std::optional<ErrorPoint> bestStep(const std::vector<ErrorPoint>& curve);

} // namespace gs
