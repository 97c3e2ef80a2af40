#pragma once

#include "engine/nn/RunSpec.h"

#include <cstdint>

namespace gs {

/// The part of a run the training view lets a class change between steps: the optimizer and its
/// hyperparameters (clipping included), the batch size, the weight penalty and the number of
/// epochs. The model's architecture, the data and the seed stay as the run file gave them.
struct TrainingSettings {
    nn::OptimizerSpec optimizer;
    std::int64_t batchSize = 32;
    std::int64_t epochs = 5;
    /// The penalty on every Dense kernel and bias that had one in the run (the book puts
    /// l2(0.05) on both kernels); editing it changes all of them at once.
    nn::Regularizer regularizer;

    /// The settings `run` starts with.
    static TrainingSettings fromRun(const nn::RunSpec& run);
    /// `run` with these settings in place.
    nn::RunSpec applyTo(nn::RunSpec run) const;
    /// Whether going from `before` to these needs a new optimizer and loop: anything but the
    /// learning rate and the number of epochs, which a running loop can take as they are.
    bool needsRebuild(const TrainingSettings& before) const;
};

} // namespace gs
