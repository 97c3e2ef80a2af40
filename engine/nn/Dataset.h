#pragma once

#include "engine/core/EngineError.h"
#include "engine/core/Tensor.h"

#include <cstdint>
#include <span>
#include <string>
#include <vector>

namespace gs::nn {

/// Instances as rows: features x (n, features) and targets y (n, 1), float32.
struct Dataset {
    Tensor x;
    Tensor y;
    std::int64_t size() const { return x.valid() ? x.shape().rows : 0; }
};

/// The three sets of the book's workflow (X_train, X_valid, X_test), named columns, and the
/// standardization that was applied (computed on the training split only, as StandardScaler
/// fit on X_train).
struct DatasetSplit {
    Dataset train;
    Dataset valid;
    Dataset test;
    std::vector<std::string> featureNames;
    std::string targetName;
    /// Per feature: the training mean and (population) standard deviation that were removed;
    /// empty when the features were left as they are.
    std::vector<double> featureMean;
    std::vector<double> featureScale;
};

/// How a table becomes a DatasetSplit. Counts follow scikit-learn's train_test_split, as in the
/// book: test = ceil(n * testFraction); valid = ceil((n - test) * validFraction); the rest trains.
struct SplitOptions {
    double testFraction = 0.25;
    double validFraction = 0.25;
    /// Shuffle rows (with `seed`) before splitting; otherwise test, valid, train in file order.
    bool shuffle = true;
    bool standardize = true;
    std::uint64_t seed = 42;
};

/// A dataset problem found while reading one (bad CSV, missing column): the message names the
/// line (1 = the header row) when there is one.
class DatasetError : public EngineError {
public:
    DatasetError(const std::string& message, int line)
        : EngineError(line > 0 ? "line " + std::to_string(line) + ": " + message : message)
        , line_(line)
    {}
    /// 1-based line of the input, or 0 when the problem has no line.
    int line() const { return line_; }

private:
    int line_;
};

/// Splits a table of numbers (rows of `columns.size()` values) into features and the target
/// column `target`. Throws DatasetError when `target` is not a column.
DatasetSplit splitTable(const std::vector<std::string>& columns,
                        const std::vector<std::vector<double>>& rows, const std::string& target,
                        const SplitOptions& options);

/// A table whose target column is already taken out: the features row-major, one row of
/// `featureNames.size()` values per target. A generator fills it directly, without the vector per
/// row that splitTable's input costs (about 5 allocations a row as it grows).
struct FeatureTable {
    std::vector<std::string> featureNames;
    std::string targetName;
    std::vector<double> features;
    std::vector<double> targets;
};

/// The same split as splitTable, from a table already separated: splitTable(columns, rows, ...)
/// gives exactly what splitFeatures gives for the same numbers.
DatasetSplit splitFeatures(const FeatureTable& table, const SplitOptions& options);

/// The rows `indices` of `data` (with repeats), as new tensors: what random_batch returns.
Dataset gatherRows(const Dataset& data, std::span<const std::int64_t> indices);

} // namespace gs::nn
