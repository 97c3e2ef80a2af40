#pragma once

#include <QString>

#include <utility>
#include <vector>

namespace gs {

struct GraphData;
struct Evaluation;
struct GradientCheck;

struct ReportOptions {
    bool events = false; ///< include the ordered event log
    /// Finite differences beside the tape's gradients (`--check-gradients`), when asked.
    const GradientCheck* gradientCheck = nullptr;
    /// Keys written last, their values already JSON: "python", the results of Python code.
    std::vector<std::pair<QString, QString>> moreJson;
};

/// The evaluation as one JSON object, keys in a fixed order (see docs/command-line.md):
/// value, dtype, target, gradients, why_none, jacobian, hessian, jvp, forward_mode (and with events
/// tangents, forward_steps) when forward mode ran, gradient_check, nonfinite, events,
/// then ReportOptions::moreJson.
/// Tensors are numbers or nested lists, None is null, NaN and the infinities are "NaN",
/// "Infinity" and "-Infinity", and every number is the shortest text that reads back exactly in
/// the evaluation's dtype.
QString evaluationJson(const GraphData& data, const Evaluation& evaluation, const ReportOptions& options = {});

/// The same for people: a few aligned lines per section.
QString evaluationTable(const GraphData& data, const Evaluation& evaluation, const ReportOptions& options = {});

} // namespace gs
