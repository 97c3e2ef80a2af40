#pragma once

#include "engine/core/Tensor.h"

#include <optional>
#include <string>
#include <string_view>

namespace gs::nn {

// Keras's loss functions. Each returns one loss per instance (shape (batch,)), the mean over the
// last axis, as keras.losses.mean_squared_error does; the training loop takes reduce_mean of it
// (the book: `tf.reduce_mean(loss_fn(y_batch, y_pred))`). All are built from engine ops, so a
// tape differentiates them. y_true and y_pred are (batch, outputs) matrices, except for sparse
// categorical cross-entropy, where y_true is (batch, 1) holding class indices.

/// mean((y_true - y_pred)^2)
Tensor mean_squared_error(const Tensor& yTrue, const Tensor& yPred);
/// mean(|y_true - y_pred|)
Tensor mean_absolute_error(const Tensor& yTrue, const Tensor& yPred);
/// mean(0.5 e^2 if |e| <= delta else delta |e| - 0.5 delta^2), e = y_pred - y_true
Tensor huber(const Tensor& yTrue, const Tensor& yPred, double delta = 1.0);
/// Probabilities are clipped to [1e-7, 1 - 1e-7] (Keras's epsilon) before the logarithms; with
/// logits, TensorFlow's stable form relu(x) - x z + log1p(exp(-|x|)).
Tensor binary_crossentropy(const Tensor& yTrue, const Tensor& yPred, bool fromLogits = false);
/// -log softmax(logits)[label]; probabilities are clipped to [1e-7, 1 - 1e-7] and their logarithms
/// used as logits, as Keras's TensorFlow backend does.
Tensor sparse_categorical_crossentropy(const Tensor& yTrue, const Tensor& yPred,
                                       bool fromLogits = false);

/// A loss chosen by name, with its options: what a run file or the UI selects.
struct Loss {
    enum class Kind {
        MeanSquaredError,
        MeanAbsoluteError,
        Huber,
        BinaryCrossentropy,
        SparseCategoricalCrossentropy
    };
    Kind kind = Kind::MeanSquaredError;
    bool fromLogits = false;
    double delta = 1.0;

    /// Keras names and aliases: "mean_squared_error"/"mse", "mean_absolute_error"/"mae",
    /// "huber", "binary_crossentropy", "sparse_categorical_crossentropy".
    static std::optional<Loss> fromName(std::string_view name);
    std::string name() const;
    /// One loss per instance.
    Tensor operator()(const Tensor& yTrue, const Tensor& yPred) const;
};

} // namespace gs::nn
