#include "engine/nn/Losses.h"

#include "engine/core/EngineError.h"
#include "engine/ops/Ops.h"

#include <vector>

namespace gs::nn {

namespace {

constexpr double kerasEpsilon = 1e-7;

void requireSameShape(const char* loss, const Tensor& yTrue, const Tensor& yPred)
{
    if (yTrue.shape() != yPred.shape())
        throw EngineError(std::string(loss) + ": y_true has shape " + yTrue.shape().str()
                          + " but y_pred has shape " + yPred.shape().str());
}

/// One row per instance: the mean over the last axis.
Tensor perInstance(const Tensor& values) { return reduce_mean(values, -1); }

/// Rows of one-hot indicators for the class indices held in the (batch, 1) `labels`.
Tensor oneHot(const Tensor& labels, std::int64_t classes, DType dtype)
{
    const std::int64_t n = labels.shape().rows;
    std::vector<double> values(static_cast<std::size_t>(n * classes), 0.0);
    for (std::int64_t i = 0; i < n; ++i) {
        const double label = labels.at(i);
        const auto c = static_cast<std::int64_t>(label);
        if (static_cast<double>(c) != label || c < 0 || c >= classes)
            throw EngineError("sparse_categorical_crossentropy: label "
                              + formatNumber(label, labels.dtype()) + " of instance "
                              + std::to_string(i) + " is not a class index in [0, "
                              + std::to_string(classes) + ")");
        values[static_cast<std::size_t>(i * classes + c)] = 1.0;
    }
    return Tensor::fromValues(Shape::matrix(n, classes), values, dtype);
}

} // namespace

Tensor mean_squared_error(const Tensor& yTrue, const Tensor& yPred)
{
    requireSameShape("mean_squared_error", yTrue, yPred);
    return perInstance(square(sub(yTrue, yPred)));
}

Tensor mean_absolute_error(const Tensor& yTrue, const Tensor& yPred)
{
    requireSameShape("mean_absolute_error", yTrue, yPred);
    return perInstance(abs(sub(yTrue, yPred)));
}

Tensor huber(const Tensor& yTrue, const Tensor& yPred, double delta)
{
    requireSameShape("huber", yTrue, yPred);
    const Tensor error = sub(yPred, yTrue);
    const Tensor absError = abs(error);
    const Tensor half = constantLike(0.5, error);
    const Tensor d = constantLike(delta, error);
    const Tensor quadratic = mul(half, square(error));
    const Tensor linear = sub(mul(d, absError), mul(half, square(d)));
    return perInstance(where(less_equal(absError, d), quadratic, linear));
}

Tensor binary_crossentropy(const Tensor& yTrue, const Tensor& yPred, bool fromLogits)
{
    requireSameShape("binary_crossentropy", yTrue, yPred);
    if (fromLogits) {
        // tf.nn.sigmoid_cross_entropy_with_logits: never overflows, for any logit.
        const Tensor& x = yPred;
        return perInstance(add(sub(relu(x), mul(x, yTrue)), log1p(exp(neg(abs(x))))));
    }
    const Tensor p = clip_by_value(yPred, constantLike(kerasEpsilon, yPred),
                                   constantLike(1.0 - kerasEpsilon, yPred));
    const Tensor positive = mul(yTrue, log(p));
    const Tensor negative =
        mul(sub(constantLike(1.0, yTrue), yTrue), log(sub(constantLike(1.0, p), p)));
    return perInstance(neg(add(positive, negative)));
}

Tensor sparse_categorical_crossentropy(const Tensor& yTrue, const Tensor& yPred, bool fromLogits)
{
    if (yPred.rank() != 2 || yTrue.rank() != 2 || yTrue.shape().cols != 1
        || yTrue.shape().rows != yPred.shape().rows)
        throw EngineError("sparse_categorical_crossentropy: expected labels of shape (batch, 1) "
                          "and predictions of "
                          "shape (batch, classes), got "
                          + yTrue.shape().str() + " and " + yPred.shape().str());
    Tensor logits = yPred;
    if (!fromLogits)
        logits = log(clip_by_value(yPred, constantLike(kerasEpsilon, yPred),
                                   constantLike(1.0 - kerasEpsilon, yPred)));
    // log softmax = shifted - log(sum(exp(shifted))), shifted by the (constant) row maximum.
    const Tensor shifted = sub(logits, stop_gradient(reduce_max(logits, -1, true)));
    const Tensor logSoftmax = sub(shifted, log(reduce_sum(exp(shifted), -1, true)));
    const Tensor picked =
        reduce_sum(mul(oneHot(yTrue, yPred.shape().cols, yPred.dtype()), logSoftmax), -1);
    return neg(picked);
}

std::optional<Loss> Loss::fromName(std::string_view name)
{
    if (name == "mean_squared_error" || name == "mse")
        return Loss{Kind::MeanSquaredError};
    if (name == "mean_absolute_error" || name == "mae")
        return Loss{Kind::MeanAbsoluteError};
    if (name == "huber")
        return Loss{Kind::Huber};
    if (name == "binary_crossentropy")
        return Loss{Kind::BinaryCrossentropy};
    if (name == "sparse_categorical_crossentropy")
        return Loss{Kind::SparseCategoricalCrossentropy};
    return std::nullopt;
}

std::string Loss::name() const
{
    switch (kind) {
    case Kind::MeanSquaredError:
        return "mean_squared_error";
    case Kind::MeanAbsoluteError:
        return "mean_absolute_error";
    case Kind::Huber:
        return "huber";
    case Kind::BinaryCrossentropy:
        return "binary_crossentropy";
    case Kind::SparseCategoricalCrossentropy:
        return "sparse_categorical_crossentropy";
    }
    return "?";
}

Tensor Loss::operator()(const Tensor& yTrue, const Tensor& yPred) const
{
    switch (kind) {
    case Kind::MeanSquaredError:
        return mean_squared_error(yTrue, yPred);
    case Kind::MeanAbsoluteError:
        return mean_absolute_error(yTrue, yPred);
    case Kind::Huber:
        return huber(yTrue, yPred, delta);
    case Kind::BinaryCrossentropy:
        return binary_crossentropy(yTrue, yPred, fromLogits);
    case Kind::SparseCategoricalCrossentropy:
        return sparse_categorical_crossentropy(yTrue, yPred, fromLogits);
    }
    return mean_squared_error(yTrue, yPred);
}

} // namespace gs::nn
