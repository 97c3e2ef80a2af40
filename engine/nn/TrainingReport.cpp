#include "engine/nn/TrainingReport.h"

#include <cmath>
#include <cstdio>
#include <limits>

namespace gs::nn {

std::string_view phaseName(Phase phase)
{
    switch (phase) {
    case Phase::SampleBatch:
        return "sample_batch";
    case Phase::Forward:
        return "forward";
    case Phase::Loss:
        return "loss";
    case Phase::Gradients:
        return "gradients";
    case Phase::Clip:
        return "clip";
    case Phase::Apply:
        return "apply";
    case Phase::Constraints:
        return "constraints";
    case Phase::Metrics:
        return "metrics";
    }
    return "?";
}

double EpochReport::value(std::string_view name) const
{
    for (const auto& [n, v] : values)
        if (n == name)
            return v;
    return std::numeric_limits<double>::quiet_NaN();
}

std::string statusLine(std::int64_t seen, std::int64_t total,
                       const std::vector<std::pair<std::string, double>>& values)
{
    std::string line = std::to_string(seen) + "/" + std::to_string(total);
    for (const auto& [name, value] : values) {
        // printf rounds the exact binary value, as Python's format() does; nan and inf as Python
        // prints them.
        char buffer[64];
        if (std::isnan(value))
            std::snprintf(buffer, sizeof buffer, "nan");
        else if (std::isinf(value))
            std::snprintf(buffer, sizeof buffer, "%s", value > 0 ? "inf" : "-inf");
        else
            std::snprintf(buffer, sizeof buffer, "%.4f", value);
        line += " - " + name + ": " + buffer;
    }
    return line;
}

} // namespace gs::nn
