#include "engine/nn/Optimizer.h"

#include "engine/core/EngineError.h"
#include "engine/ops/OpObserver.h"
#include "engine/ops/Ops.h"

#include <algorithm>
#include <cmath>

namespace gs::nn {

Tensor freshLike(const Tensor& like) { return Tensor::allocate(like.shape(), like.dtype()); }

Optimizer::Optimizer(std::string name, double learningRate, Clipping clipping)
    : name_(std::move(name))
    , learningRate_(learningRate)
    , clipping_(clipping)
{
    if (clipping_.clipnorm && clipping_.clipvalue)
        throw EngineError(name_ + ": only one of clipnorm and clipvalue can be set");
    if ((clipping_.clipnorm && !(*clipping_.clipnorm > 0.0))
        || (clipping_.clipvalue && !(*clipping_.clipvalue > 0.0)))
        throw EngineError(name_ + ": clipnorm and clipvalue must be positive");
}

std::size_t Optimizer::indexOf(const Variable& variable) const
{
    for (std::size_t i = 0; i < variables_.size(); ++i)
        if (variables_[i] == variable)
            return i;
    throw EngineError(name_ + ": unknown variable '" + variable.name()
                      + "': an optimizer only updates the variables it was first applied to");
}

void Optimizer::applyGradients(const std::vector<std::optional<Tensor>>& gradients,
                               const std::vector<Variable>& variables)
{
    apply(gradients, variables, true);
}

void Optimizer::applyClippedGradients(const std::vector<std::optional<Tensor>>& gradients,
                                      const std::vector<Variable>& variables)
{
    apply(gradients, variables, false);
}

void Optimizer::apply(const std::vector<std::optional<Tensor>>& gradients,
                      const std::vector<Variable>& variables, bool clipFirst)
{
    if (gradients.size() != variables.size())
        throw EngineError(name_ + ": " + std::to_string(gradients.size()) + " gradients for "
                          + std::to_string(variables.size()) + " variables");
    if (variables.empty())
        return;
    if (variables_.empty()) {
        variables_ = variables;
        slots_.assign(variables.size(), {});
        for (std::size_t i = 0; i < variables.size(); ++i)
            buildSlots(i, variables[i]);
    }
    std::vector<std::size_t> indices;
    for (const Variable& v : variables)
        indices.push_back(indexOf(v));
    bool any = false;
    for (const auto& g : gradients)
        any = any || g.has_value();
    if (!any)
        throw EngineError(name_ + ": no gradients provided for any variable");

    TapePause pause;
    beforeUpdates(variables.front().dtype());
    for (std::size_t i = 0; i < variables.size(); ++i) {
        if (!gradients[i])
            continue;
        Variable var = variables[i];
        Tensor g = *gradients[i];
        if (g.shape() != var.shape())
            throw EngineError(name_ + ": the gradient of '" + var.name() + "' has shape "
                              + g.shape().str() + " but the variable has shape "
                              + var.shape().str());
        if (g.dtype() != var.dtype())
            g = cast(g, var.dtype());
        updateStep(clipFirst ? clip(g) : g, var, indices[i]);
    }
    ++iterations_;
}

Tensor Optimizer::clip(const Tensor& gradient) const
{
    if (!clipping_.clipnorm && !clipping_.clipvalue)
        return gradient;
    return dispatchFloating(gradient.dtype(), [&](auto tag) {
        using T = decltype(tag);
        const T* g = gradient.data<T>();
        const std::int64_t n = gradient.size();
        Tensor out = freshLike(gradient);
        T* o = out.mutableData<T>();
        if (clipping_.clipnorm) {
            // tf.clip_by_norm: (g * c) / max(||g||, c); a zero gradient keeps norm 0.
            const T c = static_cast<T>(*clipping_.clipnorm);
            T l2sum = 0;
            for (std::int64_t i = 0; i < n; ++i)
                l2sum += g[i] * g[i];
            const T l2norm = l2sum > T(0) ? std::sqrt(l2sum) : l2sum;
            const T denominator = std::max(l2norm, c);
            for (std::int64_t i = 0; i < n; ++i)
                o[i] = (g[i] * c) / denominator;
        } else {
            // tf.clip_by_value: max(min(g, v), -v).
            const T v = static_cast<T>(*clipping_.clipvalue);
            for (std::int64_t i = 0; i < n; ++i)
                o[i] = std::max(std::min(g[i], v), -v);
        }
        return out;
    });
}

std::vector<std::string> Optimizer::slotNames() const
{
    std::vector<std::string> names;
    if (!slots_.empty())
        for (const Slot& s : slots_.front())
            names.push_back(s.name);
    return names;
}

std::optional<Tensor> Optimizer::slot(const Variable& variable, std::string_view name) const
{
    for (std::size_t i = 0; i < variables_.size(); ++i) {
        if (!(variables_[i] == variable))
            continue;
        for (const Slot& s : slots_[i])
            if (s.name == name)
                return s.value;
    }
    return std::nullopt;
}

std::vector<std::pair<std::string, double>> Optimizer::config() const
{
    std::vector<std::pair<std::string, double>> c{{"learning_rate", learningRate_}};
    if (clipping_.clipnorm)
        c.emplace_back("clipnorm", *clipping_.clipnorm);
    if (clipping_.clipvalue)
        c.emplace_back("clipvalue", *clipping_.clipvalue);
    return c;
}

void Optimizer::reset()
{
    iterations_ = 0;
    variables_.clear();
    slots_.clear();
}

Optimizer::State Optimizer::state() const
{
    State s;
    s.iterations = iterations_;
    s.learningRate = learningRate_;
    s.slotValues.reserve(slots_.size());
    for (const auto& slots : slots_) {
        std::vector<Tensor>& values = s.slotValues.emplace_back();
        values.reserve(slots.size());
        for (const Slot& slot : slots)
            values.push_back(slot.value);
    }
    for (const auto& [name, value] : scalarState())
        s.scalars.push_back(value);
    return s;
}

void Optimizer::setState(const State& state, const std::vector<Variable>& variables)
{
    if (!state.slotValues.empty() && state.slotValues.size() != variables.size())
        throw EngineError(name_ + ": a state with the slots of "
                          + std::to_string(state.slotValues.size())
                          + " variables cannot go with " + std::to_string(variables.size()));
    reset();
    if (!state.slotValues.empty()) {
        // The slots as the first update builds them, names included, then the saved values.
        variables_ = variables;
        slots_.assign(variables.size(), {});
        for (std::size_t i = 0; i < variables.size(); ++i) {
            buildSlots(i, variables[i]);
            if (slots_[i].size() != state.slotValues[i].size()) {
                reset();
                throw EngineError(name_ + ": the state has "
                                  + std::to_string(state.slotValues[i].size())
                                  + " slots for '" + variables[i].name() + "', this optimizer "
                                  + std::to_string(slots_[i].size()));
            }
            for (std::size_t j = 0; j < slots_[i].size(); ++j) {
                const Tensor& value = state.slotValues[i][j];
                if (value.shape() != slots_[i][j].value.shape()
                    || value.dtype() != slots_[i][j].value.dtype()) {
                    reset();
                    throw EngineError(name_ + ": slot '" + slots_[i][j].name + "' of '"
                                      + variables[i].name() + "' does not fit the saved value");
                }
                slots_[i][j].value = value;
            }
        }
    }
    iterations_ = state.iterations;
    learningRate_ = state.learningRate;
    setScalarState(state.scalars);
}

void Optimizer::addSlot(std::size_t index, std::string name, Tensor initial)
{
    slots_[index].push_back({std::move(name), std::move(initial)});
}

} // namespace gs::nn
