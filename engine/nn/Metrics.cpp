#include "engine/nn/Metrics.h"

#include "engine/core/EngineError.h"

#include <cmath>
#include <vector>

namespace gs::nn {

namespace {

/// Row means of a (rows, cols) block of values, in T.
template <class T> std::vector<T> rowMeans(const T* data, std::int64_t rows, std::int64_t cols)
{
    std::vector<T> out(static_cast<std::size_t>(rows));
    for (std::int64_t r = 0; r < rows; ++r) {
        T sum = 0;
        for (std::int64_t c = 0; c < cols; ++c)
            sum += data[r * cols + c];
        out[static_cast<std::size_t>(r)] = sum / static_cast<T>(cols);
    }
    return out;
}

/// One value per instance for metric `kind`, in the predictions' dtype.
template <class T>
std::vector<T> perInstance(Metric::Kind kind, const Tensor& yTrue, const Tensor& yPred)
{
    const std::int64_t rows = yPred.shape().rows, cols = yPred.shape().cols;
    const T* p = yPred.data<T>();
    // Targets are compared in the predictions' dtype (Keras casts y_true to y_pred's dtype).
    std::vector<T> yt(static_cast<std::size_t>(yTrue.size()));
    dispatchFloating(yTrue.dtype(), [&](auto trueTag) {
        using U = decltype(trueTag);
        const U* data = yTrue.data<U>();
        for (std::size_t i = 0; i < yt.size(); ++i)
            yt[i] = static_cast<T>(data[i]);
    });
    std::vector<T> values(static_cast<std::size_t>(rows * cols));
    if (kind == Metric::Kind::SparseCategoricalAccuracy) {
        std::vector<T> hits(static_cast<std::size_t>(rows));
        for (std::int64_t r = 0; r < rows; ++r) {
            std::int64_t best = 0;
            for (std::int64_t c = 1; c < cols; ++c)
                if (p[r * cols + c] > p[r * cols + best])
                    best = c;
            hits[static_cast<std::size_t>(r)] =
                yt[static_cast<std::size_t>(r)] == static_cast<T>(best) ? T(1) : T(0);
        }
        return hits;
    }
    for (std::size_t i = 0; i < values.size(); ++i) {
        const T t = yt[i], y = p[i];
        switch (kind) {
        case Metric::Kind::MeanAbsoluteError:
            values[i] = std::abs(t - y);
            break;
        case Metric::Kind::MeanSquaredError:
            values[i] = (t - y) * (t - y);
            break;
        case Metric::Kind::BinaryAccuracy:
            values[i] = t == (y > T(0.5) ? T(1) : T(0)) ? T(1) : T(0);
            break;
        case Metric::Kind::Accuracy:
            values[i] = t == y ? T(1) : T(0);
            break;
        case Metric::Kind::SparseCategoricalAccuracy:
            break;
        }
    }
    return rowMeans(values.data(), rows, cols);
}

} // namespace

void Mean::update(const Tensor& values)
{
    if (!values.valid() || !isFloating(values.dtype()))
        throw EngineError("metric '" + name_ + "': expected floating values");
    const std::int64_t rows = values.rank() == 2 ? values.shape().rows : values.size();
    const std::int64_t cols = values.rank() == 2 ? values.shape().cols : 1;
    // Keras reduces each sample to one value, sums the samples, then adds the sum to the total.
    const float sum = dispatchFloating(values.dtype(), [&](auto tag) {
        using T = decltype(tag);
        T s = 0;
        for (T v : rowMeans(values.data<T>(), rows, cols))
            s += v;
        return static_cast<float>(s);
    });
    total_ = total_ + sum;
    count_ = count_ + static_cast<float>(values.rank() == 0 ? 1 : rows);
}

void Mean::update(double value)
{
    total_ = total_ + static_cast<float>(value);
    count_ = count_ + 1.0f;
}

double Mean::result() const { return count_ == 0.0f ? 0.0 : static_cast<double>(total_ / count_); }

void Mean::reset()
{
    total_ = 0.0f;
    count_ = 0.0f;
}

Metric::Metric(Kind kind)
    : Mean(nameOf(kind))
    , kind_(kind)
{}

std::optional<Metric::Kind> Metric::kindFromName(std::string_view name)
{
    if (name == "mean_absolute_error" || name == "mae")
        return Kind::MeanAbsoluteError;
    if (name == "mean_squared_error" || name == "mse")
        return Kind::MeanSquaredError;
    if (name == "binary_accuracy")
        return Kind::BinaryAccuracy;
    if (name == "sparse_categorical_accuracy")
        return Kind::SparseCategoricalAccuracy;
    if (name == "accuracy")
        return Kind::Accuracy;
    return std::nullopt;
}

std::string Metric::nameOf(Kind kind)
{
    switch (kind) {
    case Kind::MeanAbsoluteError:
        return "mean_absolute_error";
    case Kind::MeanSquaredError:
        return "mean_squared_error";
    case Kind::BinaryAccuracy:
        return "binary_accuracy";
    case Kind::SparseCategoricalAccuracy:
        return "sparse_categorical_accuracy";
    case Kind::Accuracy:
        return "accuracy";
    }
    return "?";
}

void Metric::update(const Tensor& yTrue, const Tensor& yPred)
{
    if (yPred.rank() != 2 || yTrue.shape().rows != yPred.shape().rows
        || (kind_ == Kind::SparseCategoricalAccuracy ? yTrue.shape().cols != 1
                                                     : yTrue.shape() != yPred.shape()))
        throw EngineError("metric '" + name() + "': y_true of shape " + yTrue.shape().str()
                          + " does not fit y_pred of shape " + yPred.shape().str());
    const Tensor values = dispatchFloating(yPred.dtype(), [&](auto tag) {
        using T = decltype(tag);
        const std::vector<T> v = perInstance<T>(kind_, yTrue, yPred);
        Tensor t =
            Tensor::allocate(Shape::vector(static_cast<std::int64_t>(v.size())), yPred.dtype());
        std::copy(v.begin(), v.end(), t.mutableData<T>());
        return t;
    });
    Mean::update(values);
}

} // namespace gs::nn
