#include "engine/nn/Initializer.h"

#include <cmath>
#include <vector>

namespace gs::nn {

namespace {
/// The standard deviation of a unit normal truncated at +-2: Keras divides by it so that the
/// truncated draws keep the variance the formula asks for.
constexpr double truncatedStddev = 0.87962566103423978;
} // namespace

std::optional<Initializer> Initializer::fromName(std::string_view name)
{
    if (name == "zeros")
        return zeros();
    if (name == "ones")
        return ones();
    if (name == "constant")
        return constant(0.0);
    if (name == "he_normal")
        return heNormal();
    if (name == "glorot_uniform")
        return glorotUniform();
    return std::nullopt;
}

std::string Initializer::name() const
{
    switch (kind) {
    case Kind::Zeros:
        return "zeros";
    case Kind::Ones:
        return "ones";
    case Kind::Constant:
        return "constant";
    case Kind::HeNormal:
        return "he_normal";
    case Kind::GlorotUniform:
        return "glorot_uniform";
    }
    return "?";
}

Tensor Initializer::operator()(const Shape& shape, DType dtype, Rng& rng) const
{
    const auto fanIn = static_cast<double>(shape.rank == 2 ? shape.rows : shape.size());
    const auto fanOut = static_cast<double>(shape.rank == 2 ? shape.cols : shape.size());
    std::vector<double> values(static_cast<std::size_t>(shape.size()));
    switch (kind) {
    case Kind::Zeros:
        break;
    case Kind::Ones:
    case Kind::Constant:
        for (double& v : values)
            v = value;
        break;
    case Kind::HeNormal: {
        const double stddev = std::sqrt(2.0 / fanIn) / truncatedStddev;
        for (double& v : values)
            v = rng.truncatedNormal(stddev);
        break;
    }
    case Kind::GlorotUniform: {
        const double limit = std::sqrt(6.0 / (fanIn + fanOut));
        for (double& v : values)
            v = rng.uniform(-limit, limit);
        break;
    }
    }
    return Tensor::fromValues(shape, values, dtype);
}

} // namespace gs::nn
