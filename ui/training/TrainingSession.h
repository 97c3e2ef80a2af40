#pragma once

#include "engine/nn/RunSpec.h"
#include "ui/training/StepRecords.h"
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
/// Before the first step a new loop is a fresh start instead: the run's seed, so the same batches
/// as after a reset.
///
/// Every completed step is recorded (records(): weights, gradients, optimizer state, losses, for
/// the last 10,000 steps), so the view can show any of them (showStep) and training can go on
/// from any of them (resumeFrom) exactly as it went on the first time. A run can be kept as the
/// reference (keepAsReference) to draw its curves beside the next run's.
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
    const StepRecords& records() const { return records_; }

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

    /// The recorded step the view shows, or nullopt while it follows the live run.
    std::optional<std::int64_t> shownStep() const { return shown_; }
    /// Its record (nullptr while following the live run).
    const StepRecord* shownRecord() const;
    /// Shows recorded step `step` (clamped to the steps recorded); the last step or nullopt
    /// follows the live run again. Training may go on meanwhile; the shown step stays until the
    /// ring drops it (then the oldest one kept is shown).
    void showStep(std::optional<std::int64_t> step);
    /// Goes back to recorded step `step` and trains on from there: the weights, the optimizer's
    /// state, the batch stream and the running means as they were right after it (the settings
    /// it ran with too), and the later steps forgotten. Pauses first. False when the step is not
    /// recorded.
    bool resumeFrom(std::int64_t step);

    /// A finished or interrupted run kept for comparison: its settings and history.
    struct Reference {
        TrainingSettings settings;
        TrainingHistory history;
    };
    const std::optional<Reference>& reference() const { return reference_; }
    /// Keeps this run as the reference (referenceChanged: the plots copy its curves), then
    /// starts over from the same initial weights and batches (reset), ready for other settings.
    void keepAsReference();
    void clearReference();
    /// "Nadam lr=0.01 (current) vs SGD lr=0.01 (reference)": what differs between the two runs'
    /// settings; empty without a reference.
    QString comparisonText() const;
    /// The legend names of the current and the reference run ("Nadam lr=0.01", ...).
    QString currentRunName() const;
    QString referenceRunName() const;

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
    /// showStep() moved, or the ring dropped the shown step.
    void shownStepChanged();
    /// resumeFrom(): the history, trace and records now end at `step`.
    void rewound(std::int64_t step);
    void referenceChanged();

private:
    enum class Start {
        Fresh,       ///< the run's initial weights and seed; the records start over
        KeepWeights, ///< the current weights, a new segment with a stream of batches of its own
        Resume,      ///< a loop for segment segment_, whose state a record then restores
    };
    void build(Start start);
    /// Records the step just completed; keeps the shown step within the ring.
    void recordStep();
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
    StepRecords records_;
    std::optional<std::int64_t> shown_;
    std::optional<Reference> reference_;

    QTimer* timer_;
    std::optional<std::int64_t> stopAtEpoch_; ///< stepEpoch(): where the slices stop
    int stepsPerSecond_ = 0;
    QElapsedTimer sinceTick_;
};

} // namespace gs
