#include "engine/nn/Dropout.h"

#include "engine/core/EngineError.h"
#include "engine/ops/Ops.h"

#include <vector>

namespace gs::nn {

Dropout::Dropout(double rate, std::string name)
    : Layer(std::move(name))
    , rate_(rate)
{
    if (!(rate >= 0.0 && rate < 1.0))
        throw EngineError("Dropout: rate must be in [0, 1), got " + std::to_string(rate));
}

void Dropout::build(std::int64_t /*inputDim*/, Rng& /*rng*/) { markBuilt(); }

Tensor Dropout::call(const Tensor& x, bool training)
{
    if (!training || rate_ == 0.0)
        return x;
    // tf.nn.dropout keeps an element when its uniform draw is >= rate, and multiplies kept
    // elements by 1 / (1 - rate). One multiplication by a constant mask gives the same floats:
    // x * scale where kept, x * 0 elsewhere.
    const double scale = 1.0 / (1.0 - rate_);
    std::vector<double> mask(static_cast<std::size_t>(x.size()));
    for (double& m : mask)
        m = rng_.uniform() >= rate_ ? scale : 0.0;
    lastMask_ = Tensor::fromValues(x.shape(), mask, x.dtype());
    return mul(x, lastMask_);
}

} // namespace gs::nn
