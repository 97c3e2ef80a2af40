#include "engine/nn/TrainingLoop.h"

#include "engine/core/EngineError.h"
#include "engine/core/FloatEnvironment.h"
#include "engine/ops/OpObserver.h"
#include "engine/ops/Ops.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace gs::nn {

namespace {
constexpr double notYet = std::numeric_limits<double>::quiet_NaN();

double sumOfSquares(const Tensor& t)
{
    return dispatchFloating(t.dtype(), [&](auto tag) {
        using T = decltype(tag);
        const T* data = t.data<T>();
        double s = 0.0;
        for (std::int64_t i = 0; i < t.size(); ++i)
            s += static_cast<double>(data[i]) * static_cast<double>(data[i]);
        return s;
    });
}
} // namespace

TrainingLoop::TrainingLoop(Sequential model, Loss loss, std::unique_ptr<Optimizer> optimizer,
                           std::vector<Metric::Kind> metrics, DatasetSplit data,
                           TrainingOptions options)
    : model_(std::move(model))
    , loss_(loss)
    , optimizer_(std::move(optimizer))
    , data_(std::move(data))
    , options_(options)
    , sampler_(data_.train.size(), options.batchSize, options.order, deriveSeed(options.seed, 0))
{
    if (!optimizer_)
        throw EngineError("TrainingLoop: no optimizer");
    if (options_.epochs < 1)
        throw EngineError("TrainingLoop: epochs must be at least 1, got "
                          + std::to_string(options_.epochs));
    if (options_.stepsPerEpoch && *options_.stepsPerEpoch < 1)
        throw EngineError("TrainingLoop: steps per epoch must be at least 1, got "
                          + std::to_string(*options_.stepsPerEpoch));
    if (!model_.built())
        model_.build(data_.train.x.shape().cols, options_.seed);
    if (model_.inputDim() != data_.train.x.shape().cols)
        throw EngineError("TrainingLoop: the model expects " + std::to_string(model_.inputDim())
                          + " features but the data has "
                          + std::to_string(data_.train.x.shape().cols));
    for (Metric::Kind kind : metrics)
        metrics_.emplace_back(kind);
    trainable_ = model_.trainableVariables();
    sources_.assign(trainable_.begin(), trainable_.end());
    for (std::size_t l = 0; l < model_.size(); ++l) {
        const auto vars = model_.layer(l).trainableVariables();
        if (vars.empty())
            continue;
        for (std::size_t i = 0; i < vars.size(); ++i)
            variableLayer_.push_back(layerNames_.size());
        layerNames_.push_back(model_.layer(l).name());
    }
    initialWeights_ = model_.snapshot();
    reset();
}

TrainingLoop::~TrainingLoop() = default;

void TrainingLoop::reset()
{
    tape_.reset();
    model_.restore(initialWeights_);
    optimizer_->reset();
    sampler_.reset();
    resetMetrics();
    epoch_ = 1;
    stepInEpoch_ = 0;
    phaseIndex_ = 0;
    history_.clear();
    stepLosses_.clear();
    batch_ = {};
    yPred_ = Tensor();
    total_ = Tensor();
    gradients_.clear();
    report_ = StepReport{};
    report_.stepsPerEpoch = stepsPerEpoch();
    report_.trainingSize = data_.train.size();
    report_.metrics.assign(metrics_.size(), 0.0);
    report_.gradientNorms.assign(layerNames_.size(), notYet);
}

TrainingLoop::Checkpoint TrainingLoop::checkpoint() const
{
    if (phaseIndex_ != 0 || (!finished() && stepInEpoch_ >= stepsPerEpoch()))
        throw EngineError("TrainingLoop: a checkpoint is taken between steps");
    Checkpoint c;
    c.variables = model_.snapshot();
    for (std::size_t l = 0; l < model_.size(); ++l)
        if (const Rng* stream = model_.layer(l).randomStream())
            c.streams.push_back(stream->state());
    c.optimizer = optimizer_->state();
    c.sampler = sampler_.state();
    c.means.reserve(1 + metrics_.size());
    c.means.push_back(meanLoss_.state());
    for (const Metric& m : metrics_)
        c.means.push_back(m.state());
    c.epoch = epoch_;
    c.stepInEpoch = stepInEpoch_;
    c.report = report_;
    c.gradients = gradients_;
    return c;
}

void TrainingLoop::restore(const Checkpoint& c)
{
    if (c.means.size() != 1 + metrics_.size())
        throw EngineError("TrainingLoop: the checkpoint has " + std::to_string(c.means.size())
                          + " running means, this loop " + std::to_string(1 + metrics_.size()));
    if (c.gradients.size() > trainable_.size())
        throw EngineError("TrainingLoop: the checkpoint has more gradients than variables");
    tape_.reset();
    // restore() restarts the layers' streams as build() did; then they go where they were.
    model_.restore(c.variables);
    std::size_t stream = 0;
    for (std::size_t l = 0; l < model_.size(); ++l)
        if (Rng* rng = model_.layer(l).randomStream()) {
            if (stream >= c.streams.size())
                throw EngineError("TrainingLoop: the checkpoint lacks a layer's random stream");
            rng->setState(c.streams[stream++]);
        }
    optimizer_->setState(c.optimizer, trainable_);
    sampler_.setState(c.sampler);
    meanLoss_.setState(c.means[0]);
    for (std::size_t i = 0; i < metrics_.size(); ++i)
        metrics_[i].setState(c.means[1 + i]);
    epoch_ = c.epoch;
    stepInEpoch_ = c.stepInEpoch;
    phaseIndex_ = 0;
    report_ = c.report;
    gradients_ = c.gradients;
    batch_ = {};
    yPred_ = Tensor();
    total_ = Tensor();
    if (history_.size() > static_cast<std::size_t>(std::max<std::int64_t>(epoch_ - 1, 0)))
        history_.resize(static_cast<std::size_t>(std::max<std::int64_t>(epoch_ - 1, 0)));
    if (stepLosses_.size() > static_cast<std::size_t>(std::max<std::int64_t>(report_.step, 0)))
        stepLosses_.resize(static_cast<std::size_t>(report_.step));
}

void TrainingLoop::resetMetrics()
{
    meanLoss_.reset();
    for (Metric& m : metrics_)
        m.reset();
}

void TrainingLoop::advancePhase()
{
    if (finished())
        return;
    const Phase phase = nextPhase();
    try {
        runPhase(phase);
    } catch (...) {
        // A refused step (a loss that does not fit the model's output, ...) must not leave a tape
        // recording on this thread: the step starts over from its batch.
        tape_.reset();
        phaseIndex_ = 0;
        throw;
    }
    report_.phase = phase;
    phaseIndex_ = (phaseIndex_ + 1) % allPhases.size();
    if (phaseCallback_)
        phaseCallback_(report_);
    if (phase == Phase::Metrics) {
        if (stepCallback_)
            stepCallback_(report_);
        if (stepInEpoch_ == stepsPerEpoch())
            finishEpoch();
    }
}

void TrainingLoop::runPhase(Phase phase)
{
    switch (phase) {
    case Phase::SampleBatch:
        sampleBatch();
        break;
    case Phase::Forward:
        forward();
        break;
    case Phase::Loss:
        computeLoss();
        break;
    case Phase::Gradients:
        computeGradients();
        break;
    case Phase::Clip:
        clip();
        break;
    case Phase::Apply:
        applyUpdate();
        break;
    case Phase::Constraints:
        applyConstraints();
        break;
    case Phase::Metrics:
        updateMetrics();
        break;
    }
}

void TrainingLoop::advanceStep()
{
    do
        advancePhase();
    while (phaseIndex_ != 0 && !finished());
}

void TrainingLoop::advanceEpoch()
{
    const std::int64_t epoch = epoch_;
    while (!finished() && epoch_ == epoch)
        advanceStep();
}

void TrainingLoop::run(const std::function<bool()>& keepGoing)
{
    while (!finished() && (!keepGoing || keepGoing()))
        advanceStep();
}

void TrainingLoop::sampleBatch()
{
    sampler_.batch(stepInEpoch_ % sampler_.stepsPerEpoch(), indices_);
    batch_ = gatherRows(data_.train, indices_);
    report_.epoch = epoch_;
    report_.stepInEpoch = stepInEpoch_ + 1;
    report_.loss = report_.mainLoss = report_.regularizationLoss = notYet;
    report_.gradientNorms.assign(layerNames_.size(), notYet);
}

void TrainingLoop::forward()
{
    tape_ = std::make_unique<GradientTape>();
    // The layers' call is a sequence of kernels, each of which runs under TensorFlow's float
    // environment anyway; one scope around them all sets the control register once instead of
    // twice an op (perf, issue 16).
    TensorFlowFloatEnvironment kernels;
    yPred_ = model_.call(batch_.x, true);
}

void TrainingLoop::computeLoss()
{
    Tensor main;
    {
        TensorFlowFloatEnvironment kernels; // the loss's ops only: item() below reads outside it
        main = reduce_mean(loss_(batch_.y, yPred_));
        std::vector<Tensor> terms{main};
        for (const Tensor& penalty : model_.losses())
            terms.push_back(penalty);
        total_ = terms.size() == 1 ? main : add_n(terms);
    }
    tape_->stop();
    report_.mainLoss = main.item();
    report_.loss = total_.item();
    report_.regularizationLoss = report_.loss - report_.mainLoss;
}

void TrainingLoop::computeGradients()
{
    gradients_ = tape_->gradient(total_, sources_);
    tape_.reset();
    std::vector<double> squares(layerNames_.size(), 0.0);
    for (std::size_t i = 0; i < gradients_.size(); ++i)
        if (gradients_[i])
            squares[variableLayer_[i]] += sumOfSquares(*gradients_[i]);
    for (std::size_t l = 0; l < squares.size(); ++l)
        report_.gradientNorms[l] = std::sqrt(squares[l]);
}

void TrainingLoop::clip()
{
    for (auto& g : gradients_)
        if (g)
            g = optimizer_->clip(*g);
}

void TrainingLoop::applyUpdate() { optimizer_->applyClippedGradients(gradients_, trainable_); }

void TrainingLoop::applyConstraints() { model_.applyConstraints(); }

void TrainingLoop::updateMetrics()
{
    meanLoss_.update(total_);
    for (Metric& m : metrics_)
        m.update(batch_.y, yPred_);
    ++stepInEpoch_;
    ++report_.step;
    report_.samplesSeen = std::min(stepInEpoch_ * options_.batchSize, data_.train.size());
    report_.meanLoss = meanLoss_.result();
    for (std::size_t i = 0; i < metrics_.size(); ++i)
        report_.metrics[i] = metrics_[i].result();
    if (recordStepLosses_)
        stepLosses_.push_back(report_.loss);
}

void TrainingLoop::finishEpoch()
{
    EpochReport epoch;
    epoch.epoch = epoch_;
    epoch.loss = meanLoss_.result();
    epoch.values.emplace_back("loss", epoch.loss);
    for (const Metric& m : metrics_)
        epoch.values.emplace_back(m.name(), m.result());
    validate(epoch.values);
    history_.push_back(epoch);
    if (epochCallback_)
        epochCallback_(history_.back());
    resetMetrics();
    ++epoch_;
    stepInEpoch_ = 0;
}

void TrainingLoop::validate(std::vector<std::pair<std::string, double>>& values)
{
    const Dataset& valid = data_.valid;
    if (valid.size() == 0)
        return;
    TapePause pause;
    const Tensor yPred = model_.call(valid.x, false);
    std::vector<Tensor> terms{reduce_mean(loss_(valid.y, yPred))};
    for (const Tensor& penalty : model_.losses())
        terms.push_back(penalty);
    values.emplace_back("val_loss", (terms.size() == 1 ? terms.front() : add_n(terms)).item());
    for (const Metric& m : metrics_) {
        Metric fresh(m.kind());
        fresh.update(valid.y, yPred);
        values.emplace_back("val_" + fresh.name(), fresh.result());
    }
}

std::string TrainingLoop::statusLine() const
{
    std::vector<std::pair<std::string, double>> values{{meanLoss_.name(), meanLoss_.result()}};
    for (const Metric& m : metrics_)
        values.emplace_back(m.name(), m.result());
    return nn::statusLine(report_.samplesSeen, data_.train.size(), values);
}

std::vector<std::string> TrainingLoop::metricNames() const
{
    std::vector<std::string> names;
    for (const Metric& m : metrics_)
        names.push_back(m.name());
    return names;
}

} // namespace gs::nn
