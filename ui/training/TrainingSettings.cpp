#include "ui/training/TrainingSettings.h"

namespace gs {

namespace {

bool sameClipping(const nn::Clipping& a, const nn::Clipping& b)
{
    return a.clipnorm == b.clipnorm && a.clipvalue == b.clipvalue;
}

/// The hyperparameters except the learning rate.
bool sameOptimizer(const nn::OptimizerSpec& a, const nn::OptimizerSpec& b)
{
    return a.name == b.name && a.momentum == b.momentum && a.nesterov == b.nesterov
           && a.beta1 == b.beta1 && a.beta2 == b.beta2 && a.epsilon == b.epsilon && a.rho == b.rho
           && a.centered == b.centered && a.amsgrad == b.amsgrad
           && a.initialAccumulatorValue == b.initialAccumulatorValue && a.legacy == b.legacy
           && sameClipping(a.clipping, b.clipping);
}

} // namespace

TrainingSettings TrainingSettings::fromRun(const nn::RunSpec& run)
{
    TrainingSettings s;
    s.optimizer = run.optimizer;
    s.batchSize = run.training.batchSize;
    s.epochs = run.training.epochs;
    for (const nn::LayerSpec& layer : run.layers)
        if (layer.type == nn::LayerSpec::Type::Dense && layer.dense.kernelRegularizer.active()) {
            s.regularizer = layer.dense.kernelRegularizer;
            break;
        }
    return s;
}

nn::RunSpec TrainingSettings::applyTo(nn::RunSpec run) const
{
    const TrainingSettings before = fromRun(run);
    run.optimizer = optimizer;
    run.training.batchSize = batchSize;
    run.training.epochs = epochs;
    // Penalised weights keep being penalised with the new factors; when the run had none at all,
    // a new penalty goes on every Dense kernel, as the book places it.
    for (nn::LayerSpec& layer : run.layers) {
        if (layer.type != nn::LayerSpec::Type::Dense)
            continue;
        if (layer.dense.kernelRegularizer.active() || !before.regularizer.active())
            layer.dense.kernelRegularizer = regularizer;
        if (layer.dense.biasRegularizer.active())
            layer.dense.biasRegularizer = regularizer;
    }
    return run;
}

bool TrainingSettings::needsRebuild(const TrainingSettings& before) const
{
    return !sameOptimizer(optimizer, before.optimizer) || batchSize != before.batchSize
           || regularizer.l1 != before.regularizer.l1 || regularizer.l2 != before.regularizer.l2;
}

} // namespace gs
