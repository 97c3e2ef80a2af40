#include "engine/nn/BatchNormalization.h"

#include "engine/core/EngineError.h"
#include "engine/ops/OpObserver.h"
#include "engine/ops/Ops.h"

namespace gs::nn {

BatchNormalization::BatchNormalization(Options options, std::string name)
    : Layer(std::move(name))
    , options_(options)
{
    if (!(options_.epsilon > 0.0))
        throw EngineError("BatchNormalization: epsilon must be positive");
}

void BatchNormalization::build(std::int64_t inputDim, Rng& /*rng*/)
{
    if (built())
        return;
    const Shape shape = Shape::vector(inputDim);
    const DType dtype = options_.dtype;
    addWeight("gamma", Tensor::ones(shape, dtype), true);
    addWeight("beta", Tensor::zeros(shape, dtype), true);
    addWeight("moving_mean", Tensor::zeros(shape, dtype), false);
    addWeight("moving_variance", Tensor::ones(shape, dtype), false);
    markBuilt();
}

Tensor BatchNormalization::call(const Tensor& x, bool training)
{
    Tensor mean, variance;
    if (training) {
        // tf.nn.moments: the variance holds the mean constant (stop_gradient), as TensorFlow does.
        const Tensor kept = reduce_mean(x, 0, true);
        variance =
            reshape(reduce_mean(square(sub(x, stop_gradient(kept))), 0, true), {x.shape().cols});
        mean = reshape(kept, {x.shape().cols});
        updateMovingStatistics(mean, variance);
    } else {
        mean = movingMean().value();
        variance = movingVariance().value();
    }
    const Tensor inv = mul(div(constantLike(1.0, variance),
                               sqrt(add(variance, constantLike(options_.epsilon, variance)))),
                           gamma().value());
    return add(mul(x, inv), sub(beta().value(), mul(mean, inv)));
}

void BatchNormalization::updateMovingStatistics(const Tensor& mean, const Tensor& variance)
{
    TapePause pause;
    // Keras: moving * momentum + batch * (1.0 - momentum), both factors rounded to the dtype.
    const double keep = options_.momentum;
    const double take = 1.0 - options_.momentum;
    Variable& mm = weight(movingMeanIndex);
    Variable& mv = weight(movingVarianceIndex);
    mm.assign(add(mul(mm.peek(), constantLike(keep, mean)), mul(mean, constantLike(take, mean))));
    mv.assign(add(mul(mv.peek(), constantLike(keep, variance)),
                  mul(variance, constantLike(take, variance))));
}

} // namespace gs::nn
