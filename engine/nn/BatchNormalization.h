#pragma once

#include "engine/nn/Layer.h"

namespace gs::nn {

/// keras.layers.BatchNormalization over the feature axis of (batch, features) inputs.
///
/// Training: normalises with the batch's mean and (biased) variance, which the tape
/// differentiates through, and moves the moving statistics towards them:
/// moving = moving * momentum + batch * (1 - momentum). Inference: normalises with the moving
/// statistics and changes nothing. Both use tf.nn.batch_normalization's arithmetic:
/// inv = gamma / sqrt(variance + epsilon); y = x * inv + (beta - mean * inv).
class BatchNormalization : public Layer {
public:
    struct Options {
        double momentum = 0.99;
        double epsilon = 1e-3;
        DType dtype = DType::Float32;
    };
    explicit BatchNormalization(Options options, std::string name = {});
    BatchNormalization()
        : BatchNormalization(Options{})
    {}

    std::string type() const override { return "batch_normalization"; }
    void build(std::int64_t inputDim, Rng& rng) override;
    Tensor call(const Tensor& x, bool training) override;

    const Options& options() const { return options_; }
    const Variable& gamma() const { return weight(0); }
    const Variable& beta() const { return weight(1); }
    const Variable& movingMean() const { return weight(2); }
    const Variable& movingVariance() const { return weight(3); }

private:
    static constexpr std::size_t movingMeanIndex = 2;
    static constexpr std::size_t movingVarianceIndex = 3;

    void updateMovingStatistics(const Tensor& mean, const Tensor& variance);

    Options options_;
};

} // namespace gs::nn
