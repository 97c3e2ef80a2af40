#include "engine/nn/Dense.h"

#include "engine/core/EngineError.h"
#include "engine/ops/Ops.h"

namespace gs::nn {

Dense::Dense(DenseOptions options, std::string name)
    : Layer(std::move(name))
    , options_(options)
{
    if (options_.units < 1)
        throw EngineError("Dense: units must be at least 1, got " + std::to_string(options_.units));
}

void Dense::build(std::int64_t inputDim, Rng& rng)
{
    if (built())
        return;
    const Shape kernelShape = Shape::matrix(inputDim, options_.units);
    // Keras creates (and so initialises) the kernel before the bias: the draw order is part of
    // what a seed reproduces.
    addWeight("kernel", options_.kernelInitializer(kernelShape, options_.dtype, rng), true,
              options_.kernelRegularizer, options_.kernelConstraint);
    if (options_.useBias)
        addWeight("bias",
                  options_.biasInitializer(Shape::vector(options_.units), options_.dtype, rng),
                  true, options_.biasRegularizer, options_.biasConstraint);
    markBuilt();
}

Tensor Dense::call(const Tensor& x, bool /*training*/)
{
    Tensor y = matmul(x, kernel());
    if (options_.useBias)
        y = add(y, bias());
    return activate(options_.activation, y);
}

} // namespace gs::nn
