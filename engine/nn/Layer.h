#pragma once

#include "engine/autodiff/Variable.h"
#include "engine/nn/Constraint.h"
#include "engine/nn/Random.h"
#include "engine/nn/Regularizer.h"

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace gs::nn {

/// One weight of a layer: its variable (named "<layer>/<weight>", e.g. "dense/kernel", as Keras 3
/// names variable paths) with the penalty and the projection that belong to it.
struct Weight {
    Variable variable;
    Regularizer regularizer;
    Constraint constraint;
};

/// A Keras-like layer: built once for an input width, then called on batches (rows = instances).
/// `training` selects the behaviour of Dropout and BatchNormalization, as model(x, training=True)
/// does in the book's loop.
class Layer {
public:
    explicit Layer(std::string name)
        : name_(std::move(name))
    {}
    virtual ~Layer() = default;
    Layer(const Layer&) = delete;
    Layer& operator=(const Layer&) = delete;

    /// "dense", "dropout", "batch_normalization": the Keras snake-case class name, also the stem
    /// of automatic layer names.
    virtual std::string type() const = 0;
    /// Creates the weights for inputs of `inputDim` features (Keras's build()); `rng` supplies
    /// initial values and the seeds of layers with their own randomness.
    virtual void build(std::int64_t inputDim, Rng& rng) = 0;
    /// The output width for inputs of `inputDim` features.
    virtual std::int64_t outputDim(std::int64_t inputDim) const { return inputDim; }
    /// The forward pass with engine ops, so that an active tape records it.
    virtual Tensor call(const Tensor& x, bool training) = 0;
    /// Restarts the layer's own random stream (Dropout), so a reset run draws the same masks.
    virtual void reseed(std::uint64_t /*seed*/) {}
    /// The layer's own random stream (Dropout's masks), or nullptr: a training loop saves and
    /// restores where it stands to resume a run exactly.
    virtual Rng* randomStream() { return nullptr; }
    virtual const Rng* randomStream() const { return nullptr; }

    const std::string& name() const { return name_; }
    /// Renames an unbuilt layer (Sequential makes automatic names unique).
    void setName(std::string name) { name_ = std::move(name); }
    bool built() const { return built_; }

    /// All weights, trainable first in Keras order (kernel, bias; gamma, beta), then the rest.
    const std::vector<Weight>& weights() const { return weights_; }
    std::vector<Variable> trainableVariables() const;
    std::vector<Variable> nonTrainableVariables() const;
    /// The regularization losses of this layer, computed now from the current weights (each
    /// access of Keras's layer.losses recomputes them, inside the tape).
    std::vector<Tensor> losses() const;
    /// Replaces every constrained trainable weight by its projection (tapes paused).
    void applyConstraints();
    /// Sets the weight called `shortName` ("kernel", "bias", "gamma", ...); false when the layer
    /// has no such weight. Shape and dtype must match (EngineError otherwise).
    bool setWeight(std::string_view shortName, const Tensor& value);

protected:
    /// Adds a weight named "<layer>/<shortName>". Call from build().
    void addWeight(const std::string& shortName, const Tensor& initial, bool trainable,
                   Regularizer regularizer = {}, Constraint constraint = {});
    /// The variable of weight `i` (in the order the weights were added).
    const Variable& weight(std::size_t i) const { return weights_[i].variable; }
    Variable& weight(std::size_t i) { return weights_[i].variable; }
    void markBuilt() { built_ = true; }

private:
    std::string name_;
    bool built_ = false;
    std::vector<Weight> weights_;
};

} // namespace gs::nn
