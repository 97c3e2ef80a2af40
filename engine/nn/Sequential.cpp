#include "engine/nn/Sequential.h"

#include "engine/core/EngineError.h"

#include <set>

namespace gs::nn {

Layer& Sequential::add(std::unique_ptr<Layer> layer)
{
    if (built())
        throw EngineError("Sequential: cannot add layer '" + layer->type()
                          + "' after the model was built");
    std::set<std::string> taken;
    for (const auto& l : layers_)
        taken.insert(l->name());
    if (layer->name().empty()) {
        std::string name = layer->type();
        for (int i = 1; taken.count(name); ++i)
            name = layer->type() + "_" + std::to_string(i);
        layer->setName(name);
    } else if (taken.count(layer->name())) {
        throw EngineError("Sequential: two layers are named '" + layer->name() + "'");
    }
    layers_.push_back(std::move(layer));
    return *layers_.back();
}

void Sequential::build(std::int64_t inputDim, std::uint64_t seed)
{
    if (inputDim < 1)
        throw EngineError("Sequential: the input must have at least one feature");
    Rng rng(seed);
    std::int64_t width = inputDim;
    for (auto& layer : layers_) {
        layer->build(width, rng);
        width = layer->outputDim(width);
    }
    inputDim_ = inputDim;
    seed_ = seed;
    reseedLayers(seed_);
}

void Sequential::reseedLayers(std::uint64_t seed)
{
    for (std::size_t i = 0; i < layers_.size(); ++i)
        layers_[i]->reseed(deriveSeed(seed, 1 + i));
}

std::int64_t Sequential::outputDim() const
{
    std::int64_t width = inputDim_;
    for (const auto& layer : layers_)
        width = layer->outputDim(width);
    return width;
}

Tensor Sequential::call(const Tensor& x, bool training)
{
    if (!built())
        throw EngineError("Sequential: build the model before calling it");
    if (x.rank() != 2 || x.shape().cols != inputDim_)
        throw EngineError("Sequential: expected inputs of shape (batch, "
                          + std::to_string(inputDim_) + "), got " + x.shape().str());
    Tensor y = x;
    for (auto& layer : layers_)
        y = layer->call(y, training);
    return y;
}

Layer* Sequential::findLayer(std::string_view name)
{
    for (auto& layer : layers_)
        if (layer->name() == name)
            return layer.get();
    return nullptr;
}

std::vector<Variable> Sequential::trainableVariables() const
{
    std::vector<Variable> out;
    for (const auto& layer : layers_)
        for (const Variable& v : layer->trainableVariables())
            out.push_back(v);
    return out;
}

std::vector<Variable> Sequential::variables() const
{
    std::vector<Variable> out;
    for (const auto& layer : layers_)
        for (const Weight& w : layer->weights())
            out.push_back(w.variable);
    return out;
}

std::vector<Tensor> Sequential::losses() const
{
    std::vector<Tensor> out;
    for (const auto& layer : layers_)
        for (const Tensor& t : layer->losses())
            out.push_back(t);
    return out;
}

void Sequential::applyConstraints()
{
    for (auto& layer : layers_)
        layer->applyConstraints();
}

std::vector<Tensor> Sequential::snapshot() const
{
    std::vector<Tensor> out;
    for (const Variable& v : variables())
        out.push_back(v.peek());
    return out;
}

void Sequential::restore(const std::vector<Tensor>& values)
{
    std::vector<Variable> vars = variables();
    if (values.size() != vars.size())
        throw EngineError("Sequential: a snapshot of " + std::to_string(values.size())
                          + " values cannot restore " + std::to_string(vars.size()) + " variables");
    for (std::size_t i = 0; i < vars.size(); ++i)
        vars[i].assign(values[i]);
    reseedLayers(seed_);
}

} // namespace gs::nn
