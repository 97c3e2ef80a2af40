// keras/src/optimizers/sgd.py, element by element in the variable's dtype.
#include "engine/nn/Optimizers.h"

#include "engine/core/EngineError.h"

namespace gs::nn {

SGD::SGD(Options options)
    : Optimizer("SGD", options.learningRate, options.clipping)
    , options_(options)
{
    if (!(options.momentum >= 0.0 && options.momentum <= 1.0))
        throw EngineError("SGD: momentum must be in [0, 1]");
}

std::vector<std::pair<std::string, double>> SGD::config() const
{
    auto c = Optimizer::config();
    c.emplace_back("momentum", options_.momentum);
    c.emplace_back("nesterov", options_.nesterov ? 1.0 : 0.0);
    return c;
}

void SGD::buildSlots(std::size_t index, const Variable& variable)
{
    if (options_.momentum != 0.0)
        addSlot(index, "momentum", Tensor::zeros(variable.shape(), variable.dtype()));
}

void SGD::updateStep(const Tensor& gradient, Variable& variable, std::size_t index)
{
    dispatchFloating(variable.dtype(), [&](auto tag) {
        using T = decltype(tag);
        const T lr = this->lr<T>();
        const T* g = gradient.data<T>();
        const T* w = variable.peek().data<T>();
        Tensor next = freshLike(variable.peek());
        T* out = next.mutableData<T>();
        const std::int64_t n = gradient.size();
        if (options_.momentum == 0.0) {
            for (std::int64_t i = 0; i < n; ++i)
                out[i] = w[i] - g[i] * lr;
        } else {
            const T momentum = static_cast<T>(options_.momentum);
            const T* m = slotValue(index, 0).data<T>();
            Tensor nextM = freshLike(slotValue(index, 0));
            T* mo = nextM.mutableData<T>();
            for (std::int64_t i = 0; i < n; ++i) {
                mo[i] = m[i] * momentum - g[i] * lr;
                out[i] = options_.nesterov ? w[i] + (mo[i] * momentum - g[i] * lr) : w[i] + mo[i];
            }
            setSlot(index, 0, nextM);
        }
        variable.assign(next);
    });
}

} // namespace gs::nn
