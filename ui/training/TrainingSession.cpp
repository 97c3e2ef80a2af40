#include "ui/training/TrainingSession.h"

#include "engine/nn/Random.h"

#include <QTimer>

#include <algorithm>
#include <cmath>
#include <exception>

namespace gs {

namespace {

/// The engine loop never finishes by itself: the session counts epochs, so that the number of
/// epochs can change while training.
constexpr std::int64_t endlessEpochs = 1'000'000;
/// How long one slice of continuous training may hold the GUI thread: a frame at 50 Hz, so
/// clicks still answer at once while most of the time goes to training.
constexpr qint64 sliceMilliseconds = 20;

QStringList toStringList(const std::vector<std::string>& names)
{
    QStringList out;
    for (const std::string& n : names)
        out << QString::fromStdString(n);
    return out;
}

std::string shortName(const std::string& variableName)
{
    const auto slash = variableName.rfind('/');
    return slash == std::string::npos ? variableName : variableName.substr(slash + 1);
}

} // namespace

TrainingSession::TrainingSession(nn::RunSpec run, QObject* parent)
    : QObject(parent)
    , run_(std::move(run))
    , data_(nn::loadData(run_.data))
    , settings_(TrainingSettings::fromRun(run_))
    , timer_(new QTimer(this))
{
    connect(timer_, &QTimer::timeout, this, &TrainingSession::tick);
    build(Start::Fresh);
}

TrainingSession::~TrainingSession() = default;

void TrainingSession::build(Start start)
{
    if (start == Start::Fresh) {
        segment_ = 0;
        records_.clear();
    }
    nn::RunSpec spec = settings_.applyTo(run_);
    spec.training.epochs = endlessEpochs;
    if (start != Start::Fresh) {
        const nn::Sequential& model = loop_->model();
        for (std::size_t i = 0; i < model.size() && i < spec.layers.size(); ++i) {
            spec.layers[i].weights.clear();
            for (const nn::Weight& w : model.layer(i).weights())
                spec.layers[i].weights.emplace_back(shortName(w.variable.name()),
                                                    w.variable.peek());
        }
        // A new stream of batches: the same seed would replay the batches of the first steps.
        spec.training.seed = nn::deriveSeed(run_.training.seed, segment_);
    }
    nn::Sequential model =
        nn::buildModel(spec.layers, data_.train.x.shape().cols, spec.training.seed);
    loop_ = std::make_unique<nn::TrainingLoop>(std::move(model), spec.loss,
                                               nn::makeOptimizer(spec.optimizer), spec.metrics,
                                               data_, spec.training);
    // The history keeps the step losses, in a bounded ring.
    loop_->setRecordStepLosses(false);
    ++segment_;
    pending_ = false;
    slotNamesKnown_ = false;
    history_.metricNames = toStringList(loop_->metricNames());
    history_.layerNames = toStringList(loop_->layerNames());
    connectLoop();
    if (start != Start::Resume)
        records_.beginSegment(settings_);
    if (start == Start::Fresh)
        records_.push(0, loop_->checkpoint()); // step 0: the initial state
}

void TrainingSession::recordStep()
{
    records_.push(completedEpochs_, loop_->checkpoint());
    if (shown_ && *shown_ < records_.firstStep()) {
        shown_ = records_.firstStep();
        emit shownStepChanged();
    }
}

const StepRecord* TrainingSession::shownRecord() const
{
    return shown_ ? records_.find(*shown_) : nullptr;
}

void TrainingSession::showStep(std::optional<std::int64_t> step)
{
    if (step)
        step = std::max(*step, records_.firstStep());
    // The newest step is the live state, unless a step is half done.
    if (step && *step >= records_.lastStep() && nextPhase() == nn::Phase::SampleBatch)
        step.reset();
    if (step)
        step = std::min(*step, records_.lastStep());
    if (step == shown_)
        return;
    shown_ = step;
    emit shownStepChanged();
}

bool TrainingSession::resumeFrom(std::int64_t step)
{
    const StepRecord* found = records_.find(step);
    if (!found)
        return false;
    pause();
    // Handles: cheap, and they outlive the records dropped below.
    const StepRecord record = *found;
    const std::int64_t epochs = settings_.epochs;
    const bool sameLoop = record.segment + 1 == records_.segments().size() && !pending_;
    records_.dropAfter(step);
    if (!sameLoop) {
        // The loop the step ran in: its optimizer, batch size and penalty.
        settings_ = records_.segments()[record.segment];
        settings_.epochs = epochs;
        segment_ = record.segment;
        build(Start::Resume);
    }
    const double rate = record.state.optimizer.learningRate;
    if (settings_.optimizer.learningRate.value_or(rate) != rate || !sameLoop)
        settings_.optimizer.learningRate = rate;
    loop_->restore(record.state);
    pending_ = false;
    slotNamesKnown_ = false;

    history_.steps.dropNewest(
        static_cast<std::size_t>(std::max<std::int64_t>(history_.steps.total() - step, 0)));
    completedEpochs_ = record.completedEpochs;
    if (history_.epochs.size() > static_cast<std::size_t>(completedEpochs_))
        history_.epochs.resize(static_cast<std::size_t>(completedEpochs_));
    std::size_t traced = 0;
    while (traced < trace_.steps.size()
           && trace_.steps[trace_.steps.size() - 1 - traced] > static_cast<double>(step))
        ++traced;
    trace_.steps.dropNewest(traced);
    trace_.values.dropNewest(traced);
    trace_.gradients.dropNewest(traced);
    for (Ring<double>& slot : trace_.slotValues)
        slot.dropNewest(traced);
    lastPhase_ = step > 0 ? std::optional(nn::Phase::Metrics) : std::nullopt;
    shown_.reset();

    emit settingsChanged();
    emit rewound(step);
    emit shownStepChanged();
    emit advanced();
    return true;
}

void TrainingSession::keepAsReference()
{
    reference_ = Reference{settings_, history_};
    emit referenceChanged();
    reset();
}

void TrainingSession::clearReference()
{
    if (!reference_)
        return;
    reference_.reset();
    emit referenceChanged();
}

QString TrainingSession::currentRunName() const
{
    return reference_ ? describeSettings(settings_, reference_->settings)
                      : describeSettings(settings_, settings_);
}

QString TrainingSession::referenceRunName() const
{
    return reference_ ? describeSettings(reference_->settings, settings_) : QString();
}

QString TrainingSession::comparisonText() const
{
    if (!reference_)
        return {};
    const QString current = currentRunName();
    const QString reference = referenceRunName();
    if (current == reference)
        return tr("%1 (current) vs the same settings (reference)").arg(current);
    return tr("%1 (current) vs %2 (reference)").arg(current, reference);
}

void TrainingSession::connectLoop()
{
    loop_->onStep([this](const nn::StepReport& r) {
        TrainingHistory::Step s;
        s.step = completedSteps() + 1;
        s.epoch = completedEpochs_ + 1;
        s.loss = r.loss;
        s.mainLoss = r.mainLoss;
        s.regularizationLoss = r.regularizationLoss;
        s.meanLoss = r.meanLoss;
        s.learningRate = loop_->optimizer().learningRate();
        s.metrics = r.metrics;
        s.gradientNorms = r.gradientNorms;
        history_.steps.push_back(std::move(s));
        recordTrace();
    });
    loop_->onEpoch([this](const nn::EpochReport& r) {
        ++completedEpochs_;
        TrainingHistory::Epoch e;
        e.epoch = completedEpochs_;
        e.loss = r.loss;
        for (const QString& m : std::as_const(history_.metricNames))
            e.metrics.push_back(r.value(m.toStdString()));
        if (loop_->data().valid.size() > 0) {
            e.validationLoss = r.value("val_loss");
            for (const QString& m : std::as_const(history_.metricNames))
                e.validationMetrics.push_back(r.value("val_" + m.toStdString()));
        }
        history_.epochs.push_back(std::move(e));
    });
}

void TrainingSession::recordTrace()
{
    const std::vector<Variable> vars = loop_->model().trainableVariables();
    if (trace_.variable >= vars.size())
        return;
    const Variable& v = vars[trace_.variable];
    if (trace_.element < 0 || trace_.element >= v.peek().size())
        return;
    // Optimizers build their slots on the first update: the names are known only now.
    if (!slotNamesKnown_) {
        const QStringList slotNames = toStringList(loop_->optimizer().slotNames());
        slotNamesKnown_ = !loop_->optimizer().variables().empty();
        if (slotNames != trace_.slotNames) {
            trace_.slotNames = slotNames;
            // Gaps for the steps already traced, so that slotValues[i][k] stays beside steps[k].
            Ring<double> gaps(WeightTrace::capacity);
            for (std::size_t k = 0; k < trace_.steps.size(); ++k)
                gaps.push_back(std::nan(""));
            trace_.slotValues.assign(static_cast<std::size_t>(slotNames.size()), gaps);
        }
    }
    trace_.steps.push_back(static_cast<double>(completedSteps()));
    trace_.values.push_back(v.peek().at(trace_.element));
    const auto& gradients = loop_->gradients();
    trace_.gradients.push_back(trace_.variable < gradients.size() && gradients[trace_.variable]
                                   ? gradients[trace_.variable]->at(trace_.element)
                                   : 0.0);
    for (qsizetype i = 0; i < trace_.slotNames.size(); ++i) {
        const auto slot = loop_->optimizer().slot(v, trace_.slotNames[i].toStdString());
        trace_.slotValues[static_cast<std::size_t>(i)].push_back(slot ? slot->at(trace_.element)
                                                                      : 0.0);
    }
}

void TrainingSession::traceWeight(std::size_t variable, std::int64_t element)
{
    trace_.variable = variable;
    trace_.element = element;
    trace_.clear();
    emit advanced();
}

bool TrainingSession::setSettings(const TrainingSettings& settings)
{
    const bool rebuild = settings.needsRebuild(settings_);
    settings_ = settings;
    if (settings_.optimizer.learningRate)
        loop_->optimizer().setLearningRate(*settings_.optimizer.learningRate);
    pending_ = pending_ || rebuild;
    applyPending();
    emit settingsChanged();
    return pending_;
}

void TrainingSession::applyPending()
{
    // Only at a step boundary: a new loop in the middle of a step would lose its tape.
    if (pending_ && loop_->nextPhase() == nn::Phase::SampleBatch)
        build(completedSteps() > 0 ? Start::KeepWeights : Start::Fresh);
}

bool TrainingSession::advance(bool wholeStep)
{
    if (finished())
        return false;
    applyPending();
    const std::int64_t before = completedSteps();
    try {
        if (wholeStep)
            loop_->advanceStep();
        else
            loop_->advancePhase();
        lastPhase_ = wholeStep ? nn::Phase::Metrics : loop_->report().phase;
        if (completedSteps() > before)
            recordStep();
        return true;
    } catch (const std::exception& e) {
        pause();
        lastPhase_.reset();
        emit failed(QString::fromUtf8(e.what()));
        return false;
    }
}

void TrainingSession::stepPhase()
{
    if (advance(false))
        emit advanced();
}

void TrainingSession::stepBatch()
{
    if (advance(true))
        emit advanced();
}

void TrainingSession::stepEpoch()
{
    if (finished())
        return;
    stopAtEpoch_ = completedEpochs_ + 1;
    configureTimer();
    emit runningChanged(true);
}

void TrainingSession::start()
{
    if (finished())
        return;
    stopAtEpoch_.reset();
    configureTimer();
    emit runningChanged(true);
}

void TrainingSession::pause()
{
    if (!timer_->isActive())
        return;
    timer_->stop();
    stopAtEpoch_.reset();
    emit runningChanged(false);
}

bool TrainingSession::running() const { return timer_->isActive(); }

void TrainingSession::setStepsPerSecond(int steps)
{
    stepsPerSecond_ = std::max(0, steps);
    if (timer_->isActive())
        configureTimer();
}

void TrainingSession::configureTimer()
{
    // Slow speeds tick once per step; fast ones tick at about 60 Hz with several steps a tick.
    const int interval =
        stepsPerSecond_ == 0 ? 0 : std::max(16, 1000 / std::max(1, stepsPerSecond_));
    timer_->start(interval);
    sinceTick_.start();
}

void TrainingSession::tick()
{
    const auto done = [this] {
        return finished() || (stopAtEpoch_ && completedEpochs_ >= *stopAtEpoch_);
    };
    QElapsedTimer slice;
    slice.start();
    if (stepsPerSecond_ == 0) {
        while (!done() && slice.elapsed() < sliceMilliseconds)
            if (!advance(true))
                break;
    } else {
        const int steps = std::max(1, stepsPerSecond_ * timer_->interval() / 1000);
        for (int i = 0; i < steps && !done(); ++i)
            if (!advance(true))
                break;
    }
    if (done())
        pause();
    emit advanced();
}

void TrainingSession::reset()
{
    pause();
    segment_ = 0;
    completedEpochs_ = 0;
    lastPhase_.reset();
    history_.clear();
    trace_.clear();
    const bool shown = shown_.has_value();
    shown_.reset();
    build(Start::Fresh);
    emit restarted();
    if (shown)
        emit shownStepChanged();
    emit advanced();
}

std::int64_t TrainingSession::epoch() const
{
    return std::min(completedEpochs_ + 1, std::max<std::int64_t>(settings_.epochs, 1));
}

std::int64_t TrainingSession::totalSteps() const
{
    return settings_.epochs * loop_->stepsPerEpoch();
}

double TrainingSession::progress() const
{
    if (settings_.epochs <= 0)
        return 1.0;
    const nn::StepReport& r = loop_->report();
    // Steps of the running epoch: the report's count once its first step is done.
    const bool inEpoch = !history_.steps.empty()
                         && history_.steps.back().epoch == completedEpochs_ + 1
                         && r.stepsPerEpoch > 0;
    const double partial = inEpoch ? static_cast<double>(r.stepInEpoch) / r.stepsPerEpoch : 0.0;
    return std::clamp((completedEpochs_ + partial) / settings_.epochs, 0.0, 1.0);
}

QString TrainingSession::statusLine() const
{
    // The loop resets its metrics when an epoch ends; the last step's row still holds them.
    if (history_.steps.empty())
        return QString::fromStdString(loop_->statusLine());
    const TrainingHistory::Step& last = history_.steps.back();
    std::vector<std::pair<std::string, double>> values{{"loss", last.meanLoss}};
    for (qsizetype i = 0; i < history_.metricNames.size(); ++i)
        values.emplace_back(history_.metricNames[i].toStdString(),
                            last.metrics[static_cast<std::size_t>(i)]);
    const nn::StepReport& r = loop_->report();
    // At the end of an epoch the book prints len(y_train)/len(y_train) with the epoch's means.
    if (!history_.epochs.empty() && history_.epochs.back().epoch == last.epoch)
        return QString::fromStdString(nn::statusLine(r.trainingSize, r.trainingSize, values));
    return QString::fromStdString(nn::statusLine(r.samplesSeen, r.trainingSize, values));
}

} // namespace gs
