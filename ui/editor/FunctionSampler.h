#pragma once

#include "document/DocumentIds.h"
#include "engine/core/DType.h"

#include <QString>

#include <optional>
#include <vector>

namespace gs {

struct GraphData;

/// What to sweep: the target of a graph as one input goes from `from` to `to`.
struct SampleRequest {
    NodeId input;
    double from = -5.0;
    double to = 5.0;
    int count = 241;
    std::optional<DType> dtype;
};

/// The target f and its derivative df/dx at evenly spaced x, as the graph computes them (so a
/// NaN in the gradient shows up exactly where autodiff produces it), and the stretches of x where
/// f or df/dx is NaN or infinite.
struct FunctionSamples {
    struct Region {
        double from = 0;
        double to = 0;
        QString what; ///< "f' = nan", "f = inf"
    };
    std::vector<double> x;
    std::vector<double> f;
    std::vector<double> df;
    std::vector<Region> nonfinite;
    QString error; ///< why there are no samples
    bool ok() const { return error.isEmpty() && !x.empty(); }
};

FunctionSamples sampleFunction(const GraphData& data, const SampleRequest& request);

/// Nodes a plot can sweep: top-level variables, inputs and constants with a scalar (or no) value.
std::vector<NodeId> sweepableInputs(const GraphData& data);

} // namespace gs
