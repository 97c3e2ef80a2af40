#include "engine/nn/Layer.h"

#include "engine/ops/OpObserver.h"

namespace gs::nn {

std::vector<Variable> Layer::trainableVariables() const
{
    std::vector<Variable> out;
    for (const Weight& w : weights_)
        if (w.variable.trainable())
            out.push_back(w.variable);
    return out;
}

std::vector<Variable> Layer::nonTrainableVariables() const
{
    std::vector<Variable> out;
    for (const Weight& w : weights_)
        if (!w.variable.trainable())
            out.push_back(w.variable);
    return out;
}

std::vector<Tensor> Layer::losses() const
{
    std::vector<Tensor> out;
    for (const Weight& w : weights_)
        if (w.variable.trainable() && w.regularizer.active())
            out.push_back(w.regularizer(w.variable.value()));
    return out;
}

void Layer::applyConstraints()
{
    TapePause pause;
    for (Weight& w : weights_)
        if (w.variable.trainable() && w.constraint.active())
            w.variable.assign(w.constraint(w.variable.peek()));
}

bool Layer::setWeight(std::string_view shortName, const Tensor& value)
{
    const std::string full = name_ + "/" + std::string(shortName);
    for (Weight& w : weights_) {
        if (w.variable.name() == full) {
            w.variable.assign(value);
            return true;
        }
    }
    return false;
}

void Layer::addWeight(const std::string& shortName, const Tensor& initial, bool trainable,
                      Regularizer regularizer, Constraint constraint)
{
    weights_.push_back(
        {Variable(initial, trainable, name_ + "/" + shortName), regularizer, constraint});
}

} // namespace gs::nn
