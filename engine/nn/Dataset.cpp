#include "engine/nn/Dataset.h"

#include "engine/nn/Random.h"

#include <algorithm>
#include <cmath>
#include <numeric>

namespace gs::nn {

namespace {

std::int64_t ceilCount(std::int64_t n, double fraction)
{
    return std::min<std::int64_t>(
        n, static_cast<std::int64_t>(std::ceil(static_cast<double>(n) * fraction - 1e-9)));
}

/// A feature of the table, row-major with `width` values a row.
double feature(const FeatureTable& table, std::int64_t width, std::int64_t row, std::int64_t col)
{
    return table.features[static_cast<std::size_t>(row * width + col)];
}

FeatureTable separate(const std::vector<std::string>& columns,
                      const std::vector<std::vector<double>>& rows, std::size_t targetColumn)
{
    FeatureTable out;
    for (std::size_t c = 0; c < columns.size(); ++c)
        if (c != targetColumn)
            out.featureNames.push_back(columns[c]);
    out.targetName = columns[targetColumn];
    out.features.reserve(rows.size() * (rows.front().size() - 1));
    out.targets.reserve(rows.size());
    for (const auto& row : rows)
        for (std::size_t c = 0; c < row.size(); ++c)
            (c == targetColumn ? out.targets : out.features).push_back(row[c]);
    return out;
}

/// Rows `part` of the table, each feature mapped (v - mean) / scale in double and rounded once
/// to float32.
Dataset makeDataset(const FeatureTable& table, std::int64_t width,
                    std::span<const std::int64_t> part, const std::vector<double>& mean,
                    const std::vector<double>& scale)
{
    const auto n = static_cast<std::int64_t>(part.size());
    std::vector<double> x, y;
    x.reserve(static_cast<std::size_t>(n * width));
    y.reserve(static_cast<std::size_t>(n));
    for (std::int64_t r : part) {
        for (std::int64_t c = 0; c < width; ++c) {
            const double v = feature(table, width, r, c);
            x.push_back(mean.empty() ? v
                                     : (v - mean[static_cast<std::size_t>(c)])
                                           / scale[static_cast<std::size_t>(c)]);
        }
        y.push_back(table.targets[static_cast<std::size_t>(r)]);
    }
    return {Tensor::fromValues(Shape::matrix(n, width), x),
            Tensor::fromValues(Shape::matrix(n, 1), y)};
}

} // namespace

DatasetSplit splitTable(const std::vector<std::string>& columns,
                        const std::vector<std::vector<double>>& rows, const std::string& target,
                        const SplitOptions& options)
{
    const auto it = std::find(columns.begin(), columns.end(), target);
    if (it == columns.end()) {
        std::string names;
        for (const auto& c : columns)
            names += (names.empty() ? "" : ", ") + c;
        throw DatasetError("no column named '" + target + "' (columns: " + names + ")", 1);
    }
    if (columns.size() < 2)
        throw DatasetError(
            "a dataset needs at least one feature column besides the target '" + target + "'", 1);
    if (rows.empty())
        throw DatasetError("the dataset has no rows", 0);
    for (const auto& row : rows)
        if (row.size() != columns.size())
            throw DatasetError("every row needs " + std::to_string(columns.size())
                                   + " values, one per column",
                               0);
    return splitFeatures(separate(columns, rows, static_cast<std::size_t>(it - columns.begin())),
                         options);
}

DatasetSplit splitFeatures(const FeatureTable& table, const SplitOptions& options)
{
    const auto n = static_cast<std::int64_t>(table.targets.size());
    if (n == 0)
        throw DatasetError("the dataset has no rows", 0);
    const auto width = static_cast<std::int64_t>(table.featureNames.size());

    std::vector<std::int64_t> order(static_cast<std::size_t>(n));
    std::iota(order.begin(), order.end(), 0);
    if (options.shuffle) {
        Rng rng(options.seed);
        rng.shuffle(order);
    }
    const std::int64_t test = ceilCount(n, options.testFraction);
    const std::int64_t valid = ceilCount(n - test, options.validFraction);
    if (n - test - valid < 1)
        throw DatasetError("no rows left for training: " + std::to_string(n) + " rows, "
                               + std::to_string(test) + " for testing and " + std::to_string(valid)
                               + " for validation",
                           0);
    const std::span<const std::int64_t> all(order);
    const auto testRows = all.subspan(0, static_cast<std::size_t>(test));
    const auto validRows =
        all.subspan(static_cast<std::size_t>(test), static_cast<std::size_t>(valid));
    const auto trainRows = all.subspan(static_cast<std::size_t>(test + valid));

    DatasetSplit split;
    split.featureNames = table.featureNames;
    split.targetName = table.targetName;
    if (options.standardize) {
        // StandardScaler fit on the training rows: mean and population standard deviation; a
        // constant column is only centred (scale 1), as scikit-learn does.
        for (std::int64_t c = 0; c < width; ++c) {
            double sum = 0.0;
            for (std::int64_t r : trainRows)
                sum += feature(table, width, r, c);
            const double mean = sum / static_cast<double>(trainRows.size());
            double squares = 0.0;
            for (std::int64_t r : trainRows)
                squares += (feature(table, width, r, c) - mean) * (feature(table, width, r, c) - mean);
            const double stddev = std::sqrt(squares / static_cast<double>(trainRows.size()));
            split.featureMean.push_back(mean);
            split.featureScale.push_back(stddev > 0.0 ? stddev : 1.0);
        }
    }
    split.train = makeDataset(table, width, trainRows, split.featureMean, split.featureScale);
    split.valid = makeDataset(table, width, validRows, split.featureMean, split.featureScale);
    split.test = makeDataset(table, width, testRows, split.featureMean, split.featureScale);
    return split;
}

Dataset gatherRows(const Dataset& data, std::span<const std::int64_t> indices)
{
    const auto n = static_cast<std::int64_t>(indices.size());
    auto gather = [&](const Tensor& t) {
        const std::int64_t cols = t.shape().cols;
        Tensor out = Tensor::allocate(Shape::matrix(n, cols), t.dtype());
        dispatchFloating(t.dtype(), [&](auto tag) {
            using T = decltype(tag);
            const T* src = t.data<T>();
            T* dst = out.mutableData<T>();
            for (std::int64_t i = 0; i < n; ++i)
                std::copy_n(src + indices[static_cast<std::size_t>(i)] * cols, cols,
                            dst + i * cols);
        });
        return out;
    };
    return {gather(data.x), gather(data.y)};
}

} // namespace gs::nn
