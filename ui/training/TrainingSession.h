#pragma once

#include "engine/nn/RunSpec.h"
#include "ui/training/TrainingHistory.h"
#include "ui/training/TrainingSettings.h"
#include "ui/training/WeightTrace.h"

#include <QElapsedTimer>
#include <QObject>

#include <memory>
#include <optional>

class QTimer;

namespace gs {

/// The training view's model: a run of the book's custom training loop that the GUI advances a
/// phase, a step or an epoch at a time, or runs in time slices on the GUI thread (a slice is a
/// few milliseconds of steps, then the event loop paints and takes clicks), so the window never
/// freezes and the engine is never touched from two threads.
///
/// Settings change between steps. The learning rate and the number of epochs go straight into
/// the running loop. The optimizer, clipping, batch size and penalty need a new engine loop: it
/// starts at the next step from the current weights, with a fresh optimizer state and a fresh
/// epoch (the interrupted one starts over), while the history keeps counting steps and epochs.
class TrainingSession : public QObject {
    Q_OBJECT
public:
    explicit TrainingSession(nn::RunSpec run = nn::RunSpec::book(), QObject* parent = nullptr);
    ~TrainingSession() override;

    const nn::RunSpec& run() const { return run_; }
    nn::TrainingLoop& loop() { return *loop_; }
    const nn::TrainingLoop& loop() const { return *loop_; }
    const TrainingHistory& history() const { return history_; }
    const WeightTrace& trace() const { return trace_; }

    const TrainingSettings& settings() const { return settings_; }
    /// Takes effect as the class comment says; true when part of it waits for the next step.
    bool setSettings(const TrainingSettings& settings);
    bool changesPending() const { return pending_; }

    /// Follows element `element` of trainable variable `variable` from the next step on.
    void traceWeight(std::size_t variable, std::int64_t element);

    void stepPhase();
    void stepBatch();
    /// Runs (in slices) to the end of the current epoch.
    void stepEpoch();
    /// Runs (in slices) until finished() or pause().
    void start();
    void pause();
    bool running() const;
    /// The initial weights again (same seed, so the same first batch and loss), with the current
    /// settings, and an empty history.
    void reset();

    bool finished() const { return completedEpochs_ >= settings_.epochs; }
    /// 1-based; the one running, or the last one once finished.
    std::int64_t epoch() const;
    /// Steps since the reset, including those the history's ring no longer holds.
    std::int64_t completedSteps() const { return history_.steps.total(); }
    /// Epochs done as a fraction of settings().epochs, in [0, 1].
    double progress() const;
    /// settings().epochs times the steps of an epoch at the current batch size.
    std::int64_t totalSteps() const;
    /// The phase stepPhase() runs next, and the one it ran last (none right after a reset).
    nn::Phase nextPhase() const { return loop_->nextPhase(); }
    std::optional<nn::Phase> lastPhase() const { return lastPhase_; }
    /// The book's `seen/total - loss: x - metric: y` for the current epoch.
    QString statusLine() const;

    /// Speed of start() and stepEpoch(): steps per second, or 0 for as fast as possible.
    void setStepsPerSecond(int steps);
    int stepsPerSecond() const { return stepsPerSecond_; }

signals:
    /// Something moved: a phase, steps, an epoch. Listeners read what is new.
    void advanced();
    /// The history was cleared (reset).
    void restarted();
    void runningChanged(bool running);
    void settingsChanged();
    /// A phase threw (a bad setting); the run pauses and the step starts over.
    void failed(const QString& message);

private:
    void build(bool keepWeights);
    void connectLoop();
    /// Rebuilds the loop when settings wait for a step boundary.
    void applyPending();
    bool advance(bool wholeStep);
    void tick();
    void recordTrace();
    void configureTimer();

    nn::RunSpec run_;
    nn::DatasetSplit data_;
    TrainingSettings settings_;
    bool pending_ = false;
    std::unique_ptr<nn::TrainingLoop> loop_;
    std::uint64_t segment_ = 0; ///< engine loops built since the reset
    TrainingHistory history_;
    WeightTrace trace_;
    bool slotNamesKnown_ = false; ///< the optimizer has built its slots
    std::int64_t completedEpochs_ = 0;
    std::optional<nn::Phase> lastPhase_;

    QTimer* timer_;
    std::optional<std::int64_t> stopAtEpoch_; ///< stepEpoch(): where the slices stop
    int stepsPerSecond_ = 0;
    QElapsedTimer sinceTick_;
};

} // namespace gs
