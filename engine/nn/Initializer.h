#pragma once

#include "engine/core/Tensor.h"
#include "engine/nn/Random.h"

#include <optional>
#include <string>
#include <string_view>

namespace gs::nn {

/// How a new weight is filled (keras.initializers). The random ones follow Keras's formulas but
/// draw from nn::Rng, so their values are reproducible here, not equal to TensorFlow's.
struct Initializer {
    enum class Kind {
        Zeros,
        Ones,
        Constant, ///< every element `value`
        HeNormal, ///< truncated normal, stddev sqrt(2 / fan_in) / 0.8796 (Keras VarianceScaling)
        GlorotUniform, ///< uniform in +-sqrt(6 / (fan_in + fan_out))
    };
    Kind kind = Kind::GlorotUniform;
    double value = 0.0;

    static Initializer zeros() { return {Kind::Zeros, 0.0}; }
    static Initializer ones() { return {Kind::Ones, 1.0}; }
    static Initializer constant(double v) { return {Kind::Constant, v}; }
    static Initializer heNormal() { return {Kind::HeNormal, 0.0}; }
    static Initializer glorotUniform() { return {Kind::GlorotUniform, 0.0}; }

    /// "zeros", "ones", "constant", "he_normal", "glorot_uniform"; nullopt for anything else.
    static std::optional<Initializer> fromName(std::string_view name);
    std::string name() const;

    /// A new value of `shape`. Fans as in Keras: a (in, out) matrix has fan_in = in and
    /// fan_out = out; a vector of n elements has both equal to n.
    Tensor operator()(const Shape& shape, DType dtype, Rng& rng) const;
};

} // namespace gs::nn
