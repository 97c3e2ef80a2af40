#pragma once

#include "engine/nn/Layer.h"

#include <memory>
#include <vector>

namespace gs::nn {

/// keras.models.Sequential: layers applied in order. Layers without a name get Keras's automatic
/// names ("dense", "dense_1", ...), unique within the model, so variables are "dense/kernel",
/// "dense_1/kernel", ...
class Sequential {
public:
    Sequential() = default;
    Sequential(Sequential&&) = default;
    Sequential& operator=(Sequential&&) = default;

    /// Appends a layer (before build()). Returns it for further configuration.
    Layer& add(std::unique_ptr<Layer> layer);
    template <class L, class... Args> L& emplace(Args&&... args)
    {
        return static_cast<L&>(add(std::make_unique<L>(std::forward<Args>(args)...)));
    }

    /// Builds every layer for inputs of `inputDim` features, drawing initial weights from a
    /// generator seeded with `seed` (layer by layer, kernel before bias); layers with their own
    /// random stream (Dropout) get deriveSeed(seed, 1 + layer index).
    void build(std::int64_t inputDim, std::uint64_t seed);
    bool built() const { return inputDim_ > 0; }
    /// The seed build() was given.
    std::uint64_t seed() const { return seed_; }
    std::int64_t inputDim() const { return inputDim_; }
    std::int64_t outputDim() const;

    /// model(x, training=...): the layers' forward passes in order.
    Tensor call(const Tensor& x, bool training);
    Tensor operator()(const Tensor& x, bool training = false) { return call(x, training); }

    std::size_t size() const { return layers_.size(); }
    Layer& layer(std::size_t i) { return *layers_[i]; }
    const Layer& layer(std::size_t i) const { return *layers_[i]; }
    /// The layer called `name`, or nullptr.
    Layer* findLayer(std::string_view name);

    /// model.trainable_variables, in layer order.
    std::vector<Variable> trainableVariables() const;
    /// model.variables: every weight, trainable or not (moving statistics too).
    std::vector<Variable> variables() const;
    /// model.losses: the regularization losses, computed now (call inside the tape).
    std::vector<Tensor> losses() const;
    /// Applies every weight constraint (the book's loop does it right after apply_gradients).
    void applyConstraints();

    /// The values of variables(), to restore a run's starting point later.
    std::vector<Tensor> snapshot() const;
    /// Assigns the values of a snapshot() and restarts the layers' own random streams as build()
    /// did, so the model behaves exactly as it did from that snapshot.
    void restore(const std::vector<Tensor>& values);

private:
    void reseedLayers(std::uint64_t seed);

    std::vector<std::unique_ptr<Layer>> layers_;
    std::int64_t inputDim_ = 0;
    std::uint64_t seed_ = 0;
};

} // namespace gs::nn
