// keras/src/optimizers/adam.py, element by element in the variable's dtype.
#include "engine/nn/Optimizers.h"

#include <algorithm>
#include <cmath>

namespace gs::nn {

Adam::Adam(Options options)
    : Optimizer("adam", options.learningRate, options.clipping)
    , options_(options)
{}

std::vector<std::pair<std::string, double>> Adam::config() const
{
    auto c = Optimizer::config();
    c.emplace_back("beta_1", options_.beta1);
    c.emplace_back("beta_2", options_.beta2);
    c.emplace_back("epsilon", options_.epsilon);
    c.emplace_back("amsgrad", options_.amsgrad ? 1.0 : 0.0);
    return c;
}

void Adam::buildSlots(std::size_t index, const Variable& variable)
{
    addSlot(index, "momentum", Tensor::zeros(variable.shape(), variable.dtype()));
    addSlot(index, "velocity", Tensor::zeros(variable.shape(), variable.dtype()));
    if (options_.amsgrad)
        addSlot(index, "velocity_hat", Tensor::zeros(variable.shape(), variable.dtype()));
}

void Adam::updateStep(const Tensor& gradient, Variable& variable, std::size_t index)
{
    dispatchFloating(variable.dtype(), [&](auto tag) {
        using T = decltype(tag);
        const T lr = this->lr<T>();
        const T t = step<T>(1);
        // Keras casts beta_1 / beta_2 to the dtype for the powers, but subtracts the Python
        // floats (1 - self.beta_1) in double for the moment updates.
        const T beta1Power = std::pow(static_cast<T>(options_.beta1), t);
        const T beta2Power = std::pow(static_cast<T>(options_.beta2), t);
        const T oneMinusBeta1 = static_cast<T>(1.0 - options_.beta1);
        const T oneMinusBeta2 = static_cast<T>(1.0 - options_.beta2);
        const T epsilon = static_cast<T>(options_.epsilon);
        const T alpha = lr * std::sqrt(T(1) - beta2Power) / (T(1) - beta1Power);
        const T* g = gradient.data<T>();
        const T* w = variable.peek().data<T>();
        const T* m = slotValue(index, 0).data<T>();
        const T* v = slotValue(index, 1).data<T>();
        Tensor next = freshLike(variable.peek());
        Tensor nextM = freshLike(slotValue(index, 0));
        Tensor nextV = freshLike(slotValue(index, 1));
        Tensor nextVHat = options_.amsgrad ? freshLike(slotValue(index, 2)) : Tensor();
        T* out = next.mutableData<T>();
        T* mo = nextM.mutableData<T>();
        T* vo = nextV.mutableData<T>();
        for (std::int64_t i = 0; i < gradient.size(); ++i) {
            mo[i] = m[i] + (g[i] - m[i]) * oneMinusBeta1;
            vo[i] = v[i] + (g[i] * g[i] - v[i]) * oneMinusBeta2;
            T velocity = vo[i];
            if (options_.amsgrad) {
                velocity = std::max(slotValue(index, 2).data<T>()[i], vo[i]);
                nextVHat.mutableData<T>()[i] = velocity;
            }
            out[i] = w[i] - (mo[i] * alpha) / (std::sqrt(velocity) + epsilon);
        }
        setSlot(index, 0, nextM);
        setSlot(index, 1, nextV);
        if (options_.amsgrad)
            setSlot(index, 2, nextVHat);
        variable.assign(next);
    });
}

} // namespace gs::nn
