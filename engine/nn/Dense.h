#pragma once

#include "engine/nn/Activation.h"
#include "engine/nn/Initializer.h"
#include "engine/nn/Layer.h"

namespace gs::nn {

/// keras.layers.Dense's arguments, with Keras's defaults.
struct DenseOptions {
    std::int64_t units = 1;
    Activation activation = Activation::Linear;
    bool useBias = true;
    Initializer kernelInitializer = Initializer::glorotUniform();
    Initializer biasInitializer = Initializer::zeros();
    Regularizer kernelRegularizer;
    Regularizer biasRegularizer;
    Constraint kernelConstraint;
    Constraint biasConstraint;
    DType dtype = DType::Float32;
};

/// activation(x @ kernel + bias): kernel (inputs, units), bias (units,).
class Dense : public Layer {
public:
    explicit Dense(DenseOptions options, std::string name = {});

    std::string type() const override { return "dense"; }
    void build(std::int64_t inputDim, Rng& rng) override;
    std::int64_t outputDim(std::int64_t) const override { return options_.units; }
    Tensor call(const Tensor& x, bool training) override;

    const DenseOptions& options() const { return options_; }
    const Variable& kernel() const { return weight(0); }
    /// Only when useBias.
    const Variable& bias() const { return weight(1); }

private:
    DenseOptions options_;
};

} // namespace gs::nn
