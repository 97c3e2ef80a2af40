#include "engine/nn/SyntheticData.h"

#include "engine/nn/Random.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <numbers>
#include <string>
#include <vector>

namespace gs::nn {

namespace {

/// Mean and spread of each real California housing feature, in scikit-learn's column order.
struct FeatureShape {
    const char* name;
    double mean;
    double stddev;
};
constexpr std::array<FeatureShape, 8> housingFeatures{{
    {"MedInc", 3.87, 1.90},
    {"HouseAge", 28.64, 12.59},
    {"AveRooms", 5.43, 2.47},
    {"AveBedrms", 1.10, 0.47},
    {"Population", 1425.48, 1132.46},
    {"AveOccup", 3.07, 0.80},
    {"Latitude", 35.63, 2.14},
    {"Longitude", -119.57, 2.00},
}};
constexpr std::int64_t housingRows = 20640;

/// Appends one row's eight features and its target to `table`.
void housingRow(Rng& rng, FeatureTable& table)
{
    std::array<double, 8> e{};
    for (double& v : e)
        v = rng.normal();
    std::array<double, 8> z = e;
    z[2] = 0.33 * z[0] + 0.94 * e[2];
    z[3] = 0.85 * z[2] + 0.53 * e[3];
    z[7] = -0.92 * z[6] + 0.39 * e[7];
    const double noise = rng.normal();
    const double y = 2.07 + 0.83 * z[0] + 0.12 * z[1] - 0.27 * z[2] + 0.31 * z[3] - 0.004 * z[4]
                     - 0.04 * z[5] - 0.90 * z[6] - 0.87 * z[7] + 0.15 * (z[0] * z[0] - 1.0)
                     + 0.25 * std::sin(2.0 * z[6]) + 0.5 * noise;
    for (std::size_t i = 0; i < z.size(); ++i)
        table.features.push_back(housingFeatures[i].mean + housingFeatures[i].stddev * z[i]);
    table.targets.push_back(std::clamp(y, 0.15, 5.00001));
}

using Table = std::vector<std::vector<double>>;

/// The Playground's generators (dataset.ts), with labels -1 mapped to 0.
void circle(Table& rows, std::int64_t samples, double noise, Rng& rng)
{
    const double radius = 5.0;
    auto add = [&](double rMin, double rMax) {
        const double r = rng.uniform(rMin, rMax);
        const double angle = rng.uniform(0.0, 2.0 * std::numbers::pi);
        const double x = r * std::sin(angle), y = r * std::cos(angle);
        const double nx = rng.uniform(-radius, radius) * noise,
                     ny = rng.uniform(-radius, radius) * noise;
        const double label = std::hypot(x + nx, y + ny) < radius * 0.5 ? 1.0 : 0.0;
        rows.push_back({x, y, label});
    };
    for (std::int64_t i = 0; i < samples / 2; ++i)
        add(0.0, radius * 0.5);
    for (std::int64_t i = samples / 2; i < samples; ++i)
        add(radius * 0.7, radius);
}

void xorSet(Table& rows, std::int64_t samples, double noise, Rng& rng)
{
    const double padding = 0.3;
    for (std::int64_t i = 0; i < samples; ++i) {
        double x = rng.uniform(-5.0, 5.0);
        x += x > 0 ? padding : -padding;
        double y = rng.uniform(-5.0, 5.0);
        y += y > 0 ? padding : -padding;
        const double nx = rng.uniform(-5.0, 5.0) * noise, ny = rng.uniform(-5.0, 5.0) * noise;
        rows.push_back({x, y, (x + nx) * (y + ny) >= 0 ? 1.0 : 0.0});
    }
}

void gauss(Table& rows, std::int64_t samples, double noise, Rng& rng)
{
    // Variance grows linearly from 0.5 (noise 0) to 4 (noise 0.5).
    const double variance = 0.5 + noise * 7.0;
    const double stddev = std::sqrt(variance);
    for (std::int64_t i = 0; i < samples; ++i) {
        const bool positive = i < samples / 2;
        const double c = positive ? 2.0 : -2.0;
        const double x = rng.normal(c, stddev);
        const double y = rng.normal(c, stddev);
        rows.push_back({x, y, positive ? 1.0 : 0.0});
    }
}

void spiral(Table& rows, std::int64_t samples, double noise, Rng& rng)
{
    const std::int64_t n = samples / 2;
    auto arm = [&](double deltaT, double label, std::int64_t count) {
        for (std::int64_t i = 0; i < count; ++i) {
            const double f = static_cast<double>(i) / static_cast<double>(n);
            const double r = f * 5.0;
            const double t = 1.75 * f * 2.0 * std::numbers::pi + deltaT;
            const double x = r * std::sin(t) + rng.uniform(-1.0, 1.0) * noise;
            const double y = r * std::cos(t) + rng.uniform(-1.0, 1.0) * noise;
            rows.push_back({x, y, label});
        }
    };
    arm(0.0, 1.0, n);
    arm(std::numbers::pi, 0.0, samples - n);
}

} // namespace

DatasetSplit housingLike(std::uint64_t seed)
{
    Rng rng(seed);
    FeatureTable table;
    for (const auto& f : housingFeatures)
        table.featureNames.emplace_back(f.name);
    table.targetName = "MedHouseVal";
    table.features.reserve(housingRows * housingFeatures.size());
    table.targets.reserve(housingRows);
    for (std::int64_t i = 0; i < housingRows; ++i)
        housingRow(rng, table);
    SplitOptions options;
    options.seed = deriveSeed(seed, 0);
    return splitFeatures(table, options);
}

std::optional<Classic2D> classic2DFromName(std::string_view name)
{
    for (Classic2D kind : {Classic2D::Circle, Classic2D::Xor, Classic2D::Gauss, Classic2D::Spiral})
        if (classic2DName(kind) == name)
            return kind;
    return std::nullopt;
}

std::string_view classic2DName(Classic2D kind)
{
    switch (kind) {
    case Classic2D::Circle:
        return "circle";
    case Classic2D::Xor:
        return "xor";
    case Classic2D::Gauss:
        return "gauss";
    case Classic2D::Spiral:
        return "spiral";
    }
    return "?";
}

DatasetSplit classic2D(Classic2D kind, std::int64_t samples, double noise,
                       const SplitOptions& options)
{
    if (samples < 4)
        throw DatasetError(std::string(classic2DName(kind)) + ": at least 4 samples are needed", 0);
    if (!(noise >= 0.0 && noise <= 0.5))
        throw DatasetError(std::string(classic2DName(kind)) + ": noise must be in [0, 0.5]", 0);
    Rng rng(options.seed);
    Table rows;
    switch (kind) {
    case Classic2D::Circle:
        circle(rows, samples, noise, rng);
        break;
    case Classic2D::Xor:
        xorSet(rows, samples, noise, rng);
        break;
    case Classic2D::Gauss:
        gauss(rows, samples, noise, rng);
        break;
    case Classic2D::Spiral:
        spiral(rows, samples, noise, rng);
        break;
    }
    SplitOptions split = options;
    split.seed = deriveSeed(options.seed, 0);
    return splitTable({"x1", "x2", "label"}, rows, "label", split);
}

} // namespace gs::nn
