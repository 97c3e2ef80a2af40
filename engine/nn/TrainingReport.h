#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace gs::nn {

/// The parts of one step of the book's custom training loop, in order.
enum class Phase {
    SampleBatch, ///< X_batch, y_batch = random_batch(X_train, y_train)
    Forward,     ///< with tf.GradientTape() as tape: y_pred = model(X_batch, training=True)
    Loss,        ///< loss = tf.add_n([reduce_mean(loss_fn(y_batch, y_pred))] + model.losses)
    Gradients,   ///< gradients = tape.gradient(loss, model.trainable_variables)
    Clip,        ///< the optimizer's clipnorm / clipvalue
    Apply,       ///< optimizer.apply_gradients(zip(gradients, model.trainable_variables))
    Constraints, ///< variable.assign(variable.constraint(variable))
    Metrics,     ///< mean_loss(loss); metric(y_batch, y_pred) for each metric
};
inline constexpr std::array<Phase, 8> allPhases{Phase::SampleBatch, Phase::Forward, Phase::Loss,
                                                Phase::Gradients,   Phase::Clip,    Phase::Apply,
                                                Phase::Constraints, Phase::Metrics};
/// "sample_batch", "forward", "loss", "gradients", "clip", "apply", "constraints", "metrics".
std::string_view phaseName(Phase phase);

/// What the loop tells after each phase and each step. Values not computed yet in the current
/// step are NaN (the loss before the Loss phase, gradient norms before Gradients).
struct StepReport {
    std::int64_t step = 0;        ///< steps completed since the start (1-based once one is done)
    std::int64_t epoch = 1;       ///< 1-based
    std::int64_t stepInEpoch = 0; ///< 1-based within the epoch
    std::int64_t stepsPerEpoch = 0;
    std::int64_t samplesSeen =
        0; ///< the book's status counter: min(stepInEpoch * batch_size, len(y_train))
    std::int64_t trainingSize = 0;    ///< len(y_train)
    Phase phase = Phase::SampleBatch; ///< the phase just completed
    double loss = 0.0;                ///< main loss + regularization of this step
    double mainLoss = 0.0;            ///< reduce_mean(loss_fn(y_batch, y_pred))
    double regularizationLoss = 0.0;  ///< sum(model.losses)
    double meanLoss = 0.0;            ///< the epoch's running mean loss (mean_loss.result())
    std::vector<double> metrics; ///< the metrics' results, in TrainingLoop::metricNames() order
    std::vector<double>
        gradientNorms; ///< per layer with trainable weights, TrainingLoop::layerNames() order
};

/// What the loop tells after each epoch, before it resets the metrics.
struct EpochReport {
    std::int64_t epoch = 0;
    double loss = 0.0;
    /// (name, result): the training metrics, then "val_loss" and "val_<metric>" when there is a
    /// validation set.
    std::vector<std::pair<std::string, double>> values;
    /// The value called `name`, or NaN.
    double value(std::string_view name) const;
};

/// The book's print_status_bar text: "11610/11610 - loss: 0.5432 - mean_absolute_error: 0.5321",
/// each value with {:.4f}. `values` are (name, result) pairs in order.
std::string statusLine(std::int64_t seen, std::int64_t total,
                       const std::vector<std::pair<std::string, double>>& values);

} // namespace gs::nn
