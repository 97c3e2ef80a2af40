#pragma once

#include "engine/nn/Layer.h"

namespace gs::nn {

/// keras.layers.Dropout: when training, zeroes each input with probability `rate` and scales the
/// kept ones by 1 / (1 - rate), so the expected sum is unchanged; otherwise the identity.
class Dropout : public Layer {
public:
    explicit Dropout(double rate, std::string name = {});

    std::string type() const override { return "dropout"; }
    void build(std::int64_t inputDim, Rng& rng) override;
    Tensor call(const Tensor& x, bool training) override;
    void reseed(std::uint64_t seed) override { rng_.seed(seed); }
    Rng* randomStream() override { return &rng_; }
    const Rng* randomStream() const override { return &rng_; }

    double rate() const { return rate_; }
    /// The multiplier of the last training call (0 or 1 / (1 - rate) per element); invalid before.
    const Tensor& lastMask() const { return lastMask_; }

private:
    double rate_;
    Rng rng_;
    Tensor lastMask_;
};

} // namespace gs::nn
