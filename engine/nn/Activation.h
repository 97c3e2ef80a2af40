#pragma once

#include "engine/core/Tensor.h"

#include <optional>
#include <string>
#include <string_view>

namespace gs::nn {

/// The activations a Dense layer can end with (keras.activations), by Keras name.
enum class Activation { Linear, Relu, Elu, Selu, Sigmoid, Tanh, Softplus, LeakyRelu, Softmax };

/// "linear" (also "none"), "relu", "elu", "selu", "sigmoid", "tanh", "softplus", "leaky_relu",
/// "softmax"; nullopt for anything else.
std::optional<Activation> activationFromName(std::string_view name);
std::string activationName(Activation activation);

/// Applies the activation with engine ops. leaky_relu uses Keras 3's default slope 0.2. softmax is
/// built from ops over the last axis (exp(x - max) / sum), with the max held constant as
/// TensorFlow's kernel does.
Tensor activate(Activation activation, const Tensor& x);

} // namespace gs::nn
