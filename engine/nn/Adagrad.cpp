// keras/src/optimizers/adagrad.py, element by element in the variable's dtype.
#include "engine/nn/Optimizers.h"

#include <cmath>

namespace gs::nn {

Adagrad::Adagrad(Options options)
    : Optimizer("adagrad", options.learningRate, options.clipping)
    , options_(options)
{}

std::vector<std::pair<std::string, double>> Adagrad::config() const
{
    auto c = Optimizer::config();
    c.emplace_back("initial_accumulator_value", options_.initialAccumulatorValue);
    c.emplace_back("epsilon", options_.epsilon);
    return c;
}

void Adagrad::buildSlots(std::size_t index, const Variable& variable)
{
    addSlot(index, "accumulator",
            Tensor::full(variable.shape(), options_.initialAccumulatorValue, variable.dtype()));
}

void Adagrad::updateStep(const Tensor& gradient, Variable& variable, std::size_t index)
{
    dispatchFloating(variable.dtype(), [&](auto tag) {
        using T = decltype(tag);
        const T lr = this->lr<T>();
        const T epsilon = static_cast<T>(options_.epsilon);
        const T* g = gradient.data<T>();
        const T* w = variable.peek().data<T>();
        const T* acc = slotValue(index, 0).data<T>();
        Tensor next = freshLike(variable.peek());
        Tensor nextAcc = freshLike(slotValue(index, 0));
        T* out = next.mutableData<T>();
        T* a = nextAcc.mutableData<T>();
        for (std::int64_t i = 0; i < gradient.size(); ++i) {
            a[i] = acc[i] + g[i] * g[i];
            out[i] = w[i] - (lr * g[i]) / std::sqrt(a[i] + epsilon);
        }
        setSlot(index, 0, nextAcc);
        variable.assign(next);
    });
}

} // namespace gs::nn
