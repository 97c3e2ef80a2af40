#include "engine/nn/Activation.h"

#include "engine/ops/Ops.h"

#include <array>
#include <utility>

namespace gs::nn {

namespace {
constexpr std::array<std::pair<std::string_view, Activation>, 9> names{{
    {"linear", Activation::Linear},
    {"relu", Activation::Relu},
    {"elu", Activation::Elu},
    {"selu", Activation::Selu},
    {"sigmoid", Activation::Sigmoid},
    {"tanh", Activation::Tanh},
    {"softplus", Activation::Softplus},
    {"leaky_relu", Activation::LeakyRelu},
    {"softmax", Activation::Softmax},
}};
} // namespace

std::optional<Activation> activationFromName(std::string_view name)
{
    if (name == "none" || name.empty())
        return Activation::Linear;
    for (const auto& [n, a] : names)
        if (n == name)
            return a;
    return std::nullopt;
}

std::string activationName(Activation activation)
{
    for (const auto& [n, a] : names)
        if (a == activation)
            return std::string(n);
    return "?";
}

Tensor activate(Activation activation, const Tensor& x)
{
    switch (activation) {
    case Activation::Linear:
        return x;
    case Activation::Relu:
        return relu(x);
    case Activation::Elu:
        return elu(x);
    case Activation::Selu:
        return selu(x);
    case Activation::Sigmoid:
        return sigmoid(x);
    case Activation::Tanh:
        return tanh(x);
    case Activation::Softplus:
        return softplus(x);
    case Activation::LeakyRelu:
        return leaky_relu(x, 0.2);
    case Activation::Softmax: {
        const Tensor shifted = sub(x, stop_gradient(reduce_max(x, -1, true)));
        const Tensor e = exp(shifted);
        return div(e, reduce_sum(e, -1, true));
    }
    }
    return x;
}

} // namespace gs::nn
