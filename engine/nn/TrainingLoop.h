#pragma once

#include "engine/autodiff/GradientTape.h"
#include "engine/nn/BatchSampler.h"
#include "engine/nn/Dataset.h"
#include "engine/nn/Losses.h"
#include "engine/nn/Metrics.h"
#include "engine/nn/Optimizer.h"
#include "engine/nn/Sequential.h"
#include "engine/nn/TrainingReport.h"

#include <functional>
#include <memory>

namespace gs::nn {

struct TrainingOptions {
    std::int64_t epochs = 5;
    std::int64_t batchSize = 32;
    BatchOrder order = BatchOrder::Random;
    /// The run's seed: the batch sampler draws from deriveSeed(seed, 0); a model that is not built
    /// yet is built with this seed.
    std::uint64_t seed = 42;
    /// Steps per epoch instead of the batch order's own count (n // batch_size for random
    /// batches, ceil(n / batch_size) otherwise); shuffled and sequential orders wrap around.
    std::optional<std::int64_t> stepsPerEpoch;
};

/// The book's custom training loop, as an object that can be advanced a phase, a step or an
/// epoch at a time, or run to the end, and reset to its starting point to compare runs.
///
/// One step: sample a batch; under a GradientTape, y_pred = model(X_batch, training=True) and
/// loss = add_n([reduce_mean(loss_fn(y_batch, y_pred))] + model.losses); the tape's gradients
/// of loss with regard to model.trainable_variables; clip; apply; constraints; then
/// mean_loss(loss) and each metric(y_batch, y_pred). After the last step of an epoch the loop
/// computes validation loss and metrics (model(X_valid, training=False), regularization
/// included, as Keras's val_loss), reports the epoch and resets the metrics.
///
/// Between the Forward and Loss phases the tape is recording, as inside Python's `with` block:
/// ops run meanwhile on this thread on values computed from the model's variables are recorded
/// too (harmless, but step two loops phase by phase one after the other, not interleaved).
class TrainingLoop {
public:
    TrainingLoop(Sequential model, Loss loss, std::unique_ptr<Optimizer> optimizer,
                 std::vector<Metric::Kind> metrics, DatasetSplit data, TrainingOptions options);
    ~TrainingLoop();
    TrainingLoop(const TrainingLoop&) = delete;
    TrainingLoop& operator=(const TrainingLoop&) = delete;

    /// Runs the next phase. Does nothing once finished(). When a phase throws (EngineError: a loss
    /// that does not fit the model's output, ...), the step starts over at SampleBatch.
    void advancePhase();
    /// Runs phases up to the end of the current step.
    void advanceStep();
    /// Runs steps up to the end of the current epoch.
    void advanceEpoch();
    /// Runs steps until finished() or until `keepGoing` (asked before every step) says stop.
    void run(const std::function<bool()>& keepGoing = {});
    /// Back to the start: initial weights (and dropout streams), a fresh optimizer state, the
    /// sampler's first batch, empty metrics and history. The same run can then be replayed.
    void reset();

    /// Everything that decides how the loop goes on from a step boundary, so that restoring it
    /// and training on gives the same batches, losses and weights, bit for bit, as the first
    /// time: every variable of the model, the layers' random streams, the optimizer's state, the
    /// batch stream, the running means and the counters. Tensors are shared with the model and
    /// the optimizer (updates write fresh ones), so a checkpoint costs handles, not copies.
    struct Checkpoint {
        std::vector<Tensor> variables;     ///< model().variables() (moving statistics too)
        std::vector<Rng::State> streams;   ///< the layers' own random streams, in layer order
        Optimizer::State optimizer;
        BatchSampler::State sampler;
        std::vector<Mean::State> means;    ///< mean_loss, then each metric
        std::int64_t epoch = 1;
        std::int64_t stepInEpoch = 0;
        StepReport report;
        /// The last step's gradients after clipping, as gradients() holds them (for display).
        std::vector<std::optional<Tensor>> gradients;
    };
    /// The loop's state between two steps, once advancePhase() has returned (the end of an
    /// epoch included: not from inside the step callback of an epoch's last step). EngineError
    /// in the middle of a step.
    Checkpoint checkpoint() const;
    /// Goes back (or forward) to a checkpoint() of a loop with the same model, optimizer, data
    /// and batch size. The step's batch and predictions are gone (the next step samples its
    /// own); the epoch reports and step losses after the checkpoint are dropped.
    void restore(const Checkpoint& checkpoint);

    bool finished() const { return epoch_ > options_.epochs; }
    /// The phase advancePhase() will run next.
    Phase nextPhase() const { return allPhases[phaseIndex_]; }
    std::int64_t stepsPerEpoch() const
    {
        return options_.stepsPerEpoch.value_or(sampler_.stepsPerEpoch());
    }
    std::int64_t totalSteps() const { return stepsPerEpoch() * options_.epochs; }

    /// Called after every phase / step / epoch with the report of that moment.
    void onPhase(std::function<void(const StepReport&)> callback)
    {
        phaseCallback_ = std::move(callback);
    }
    void onStep(std::function<void(const StepReport&)> callback)
    {
        stepCallback_ = std::move(callback);
    }
    void onEpoch(std::function<void(const EpochReport&)> callback)
    {
        epochCallback_ = std::move(callback);
    }

    /// The state after the last phase run.
    const StepReport& report() const { return report_; }
    /// Each completed epoch's report.
    const std::vector<EpochReport>& history() const { return history_; }
    /// The total loss of every completed step (empty when not recorded).
    const std::vector<double>& stepLosses() const { return stepLosses_; }
    /// Whether stepLosses() records every step (the default). A caller that keeps its own bounded
    /// record (the training view) turns it off, so that a run of any length stays in bounded memory.
    void setRecordStepLosses(bool on) { recordStepLosses_ = on; }
    /// The book's status line for the current state of the epoch.
    std::string statusLine() const;
    /// Names matching StepReport::metrics and StepReport::gradientNorms.
    std::vector<std::string> metricNames() const;
    const std::vector<std::string>& layerNames() const { return layerNames_; }

    Sequential& model() { return model_; }
    const Sequential& model() const { return model_; }
    Optimizer& optimizer() { return *optimizer_; }
    const Loss& loss() const { return loss_; }
    const DatasetSplit& data() const { return data_; }
    const TrainingOptions& options() const { return options_; }

    /// The current step's intermediate values (invalid before the phase that makes them).
    const Dataset& batch() const { return batch_; }
    const Tensor& predictions() const { return yPred_; }
    const Tensor& lossTensor() const { return total_; }
    const std::vector<std::optional<Tensor>>& gradients() const { return gradients_; }

private:
    void runPhase(Phase phase);
    void sampleBatch();
    void forward();
    void computeLoss();
    void computeGradients();
    void clip();
    void applyUpdate();
    void applyConstraints();
    void updateMetrics();
    void finishEpoch();
    /// Validation loss and metrics, appended to `values` as "val_..." pairs.
    void validate(std::vector<std::pair<std::string, double>>& values);
    void resetMetrics();

    Sequential model_;
    Loss loss_;
    std::unique_ptr<Optimizer> optimizer_;
    std::vector<Metric> metrics_;
    Mean meanLoss_{"loss"};
    DatasetSplit data_;
    TrainingOptions options_;
    BatchSampler sampler_;
    std::vector<Variable> trainable_;
    std::vector<Source> sources_; ///< trainable_ as tape sources
    std::vector<Tensor> initialWeights_;
    /// For each trainable variable, the index of its layer in layerNames_.
    std::vector<std::size_t> variableLayer_;
    std::vector<std::string> layerNames_;

    std::function<void(const StepReport&)> phaseCallback_;
    std::function<void(const StepReport&)> stepCallback_;
    std::function<void(const EpochReport&)> epochCallback_;

    std::int64_t epoch_ = 1;
    std::int64_t stepInEpoch_ = 0; ///< steps completed in the current epoch
    std::size_t phaseIndex_ = 0;
    StepReport report_;
    std::vector<EpochReport> history_;
    std::vector<double> stepLosses_;
    bool recordStepLosses_ = true;

    std::vector<std::int64_t> indices_;
    Dataset batch_;
    std::unique_ptr<GradientTape> tape_;
    Tensor yPred_;
    Tensor total_;
    std::vector<std::optional<Tensor>> gradients_;
};

} // namespace gs::nn
