#pragma once

#include "engine/core/Tensor.h"

#include <memory>
#include <optional>
#include <string>
#include <string_view>

namespace gs::nn {

/// keras.metrics.Mean: a running mean with update / result / reset. Like Keras it keeps `total`
/// and `count` as float32 and adds each update's sum in float32; result() is total / count, or 0
/// before any update (divide_no_nan). Metrics are bookkeeping, not part of the model: they read
/// tensor values directly and never reach a tape.
class Mean {
public:
    explicit Mean(std::string name = "mean")
        : name_(std::move(name))
    {}
    virtual ~Mean() = default;

    const std::string& name() const { return name_; }
    /// Adds the values of one update: a scalar counts as one sample, a vector as one sample per
    /// element, a (batch, k) matrix as `batch` samples, each the mean of its row.
    void update(const Tensor& values);
    void update(double value);
    double result() const;
    void reset();

    float total() const { return total_; }
    float count() const { return count_; }

    /// total and count, to resume a running mean exactly.
    struct State {
        float total = 0.0f;
        float count = 0.0f;
        friend bool operator==(const State&, const State&) = default;
    };
    State state() const { return {total_, count_}; }
    void setState(const State& state)
    {
        total_ = state.total;
        count_ = state.count;
    }

private:
    std::string name_;
    float total_ = 0.0f;
    float count_ = 0.0f;
};

/// A metric of predictions against targets (keras.metrics.MeanMetricWrapper): the mean over all
/// instances seen since the last reset of one value per instance.
class Metric : public Mean {
public:
    enum class Kind {
        MeanAbsoluteError,         ///< mean(|y_true - y_pred|) per instance
        MeanSquaredError,          ///< mean((y_true - y_pred)^2) per instance
        BinaryAccuracy,            ///< y_true == (y_pred > 0.5)
        SparseCategoricalAccuracy, ///< y_true == argmax(y_pred)
        Accuracy,                  ///< y_true == y_pred
    };
    explicit Metric(Kind kind);

    /// Keras names and aliases: "mean_absolute_error"/"mae", "mean_squared_error"/"mse",
    /// "binary_accuracy", "sparse_categorical_accuracy", "accuracy".
    static std::optional<Kind> kindFromName(std::string_view name);
    static std::string nameOf(Kind kind);

    Kind kind() const { return kind_; }
    /// metric(y_batch, y_pred) in the book's loop.
    void update(const Tensor& yTrue, const Tensor& yPred);
    using Mean::update;

private:
    Kind kind_;
};

} // namespace gs::nn
