// keras/src/optimizers/rmsprop.py, element by element in the variable's dtype.
#include "engine/nn/Optimizers.h"

#include "engine/core/EngineError.h"

#include <cmath>

namespace gs::nn {

RMSprop::RMSprop(Options options)
    : Optimizer("rmsprop", options.learningRate, options.clipping)
    , options_(options)
{
    if (!(options.rho >= 0.0 && options.rho <= 1.0))
        throw EngineError("rmsprop: rho must be in [0, 1]");
    if (!(options.momentum >= 0.0 && options.momentum <= 1.0))
        throw EngineError("rmsprop: momentum must be in [0, 1]");
}

std::vector<std::pair<std::string, double>> RMSprop::config() const
{
    auto c = Optimizer::config();
    c.emplace_back("rho", options_.rho);
    c.emplace_back("momentum", options_.momentum);
    c.emplace_back("epsilon", options_.epsilon);
    c.emplace_back("centered", options_.centered ? 1.0 : 0.0);
    return c;
}

void RMSprop::buildSlots(std::size_t index, const Variable& variable)
{
    addSlot(index, "velocity", Tensor::zeros(variable.shape(), variable.dtype()));
    if (options_.momentum > 0.0)
        addSlot(index, "momentum", Tensor::zeros(variable.shape(), variable.dtype()));
    if (options_.centered)
        addSlot(index, "average_gradient", Tensor::zeros(variable.shape(), variable.dtype()));
}

void RMSprop::updateStep(const Tensor& gradient, Variable& variable, std::size_t index)
{
    dispatchFloating(variable.dtype(), [&](auto tag) {
        using T = decltype(tag);
        const T lr = this->lr<T>();
        // rho, 1 - rho and epsilon are Python floats in Keras: computed in double, then rounded.
        const T rho = static_cast<T>(options_.rho);
        const T oneMinusRho = static_cast<T>(1.0 - options_.rho);
        const T epsilon = static_cast<T>(options_.epsilon);
        const T momentum = static_cast<T>(options_.momentum);
        const bool useMomentum = options_.momentum > 0.0;
        const std::size_t averageSlot = useMomentum ? 2 : 1;
        const T* g = gradient.data<T>();
        const T* w = variable.peek().data<T>();
        const T* v = slotValue(index, 0).data<T>();
        Tensor next = freshLike(variable.peek());
        Tensor nextV = freshLike(slotValue(index, 0));
        Tensor nextM = useMomentum ? freshLike(slotValue(index, 1)) : Tensor();
        Tensor nextA = options_.centered ? freshLike(slotValue(index, averageSlot)) : Tensor();
        T* out = next.mutableData<T>();
        T* vo = nextV.mutableData<T>();
        for (std::int64_t i = 0; i < gradient.size(); ++i) {
            vo[i] = rho * v[i] + oneMinusRho * (g[i] * g[i]);
            T denominator;
            if (options_.centered) {
                const T a = rho * slotValue(index, averageSlot).data<T>()[i] + oneMinusRho * g[i];
                nextA.mutableData<T>()[i] = a;
                denominator = vo[i] - a * a + epsilon;
            } else {
                denominator = vo[i] + epsilon;
            }
            const T increment = (lr * g[i]) / std::sqrt(denominator);
            if (useMomentum) {
                const T m = momentum * slotValue(index, 1).data<T>()[i] + increment;
                nextM.mutableData<T>()[i] = m;
                out[i] = w[i] - m;
            } else {
                out[i] = w[i] - increment;
            }
        }
        setSlot(index, 0, nextV);
        if (useMomentum)
            setSlot(index, 1, nextM);
        if (options_.centered)
            setSlot(index, averageSlot, nextA);
        variable.assign(next);
    });
}

} // namespace gs::nn
