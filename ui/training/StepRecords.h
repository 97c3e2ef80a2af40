#pragma once

#include "engine/nn/TrainingLoop.h"
#include "ui/training/Ring.h"
#include "ui/training/TrainingHistory.h"
#include "ui/training/TrainingSettings.h"

#include <QString>

#include <cstddef>
#include <cstdint>
#include <vector>

namespace gs {

/// One step of a run as it stood once the step was done: the engine loop's checkpoint (every
/// weight, the step's gradients, the optimizer's slots and iteration count, the batch stream,
/// the running means and the step's losses in its report), and where it sits in the view's run.
struct StepRecord {
    std::int64_t step = 0;            ///< steps completed since the reset (0: the initial state)
    std::int64_t completedEpochs = 0; ///< in the view's numbering
    std::size_t segment = 0; ///< index into StepRecords::segments: the settings it ran with
    nn::TrainingLoop::Checkpoint state;
    std::size_t bytes = 0; ///< what this record holds (StepRecords::bytesOf)
};

/// Every step of the run since the reset, for the timeline: the last `capacity` steps (10,000,
/// as the history) in a ring, step numbers consecutive, so a step is found by subtraction. A new
/// engine loop (a change of optimizer, batch size or penalty) starts a segment, whose settings
/// are kept so that resuming from one of its steps rebuilds the same loop.
///
/// Memory: a record holds its tensors (shared with the engine when they were taken, theirs alone
/// once the engine moved on). For the book's network (301 float32 parameters) with Nadam that is
/// the weights, the gradients and two slots, 4.8 KB of numbers, plus 2 KB of bookkeeping (tensor
/// handles and blocks, the report, the running means): 6.8 KB a step, 68 MB when the ring is
/// full. SGD without momentum keeps no slots: about 4 KB a step. bytes() is the figure for the
/// steps held, counted as they come and go. Once the ring is full, push() writes the new step
/// into the oldest record's vectors and buffers, so a run of any length stops allocating there.
class StepRecords {
public:
    static constexpr std::size_t capacity = TrainingHistory::stepCapacity;

    /// Empties the ring and forgets the segments.
    void clear();
    /// Starts a segment run with `settings`; the records pushed next belong to it.
    void beginSegment(const TrainingSettings& settings);
    const std::vector<TrainingSettings>& segments() const { return segments_; }
    /// Adds the record of the step after back()'s (its step, segment and bytes filled in here).
    void push(std::int64_t completedEpochs, nn::TrainingLoop::Checkpoint state);

    const Ring<StepRecord>& ring() const { return ring_; }
    bool empty() const { return ring_.empty(); }
    std::size_t size() const { return ring_.size(); }
    /// The oldest and newest steps held (0, 0 when empty).
    std::int64_t firstStep() const { return empty() ? 0 : ring_.front().step; }
    std::int64_t lastStep() const { return empty() ? 0 : ring_.back().step; }
    /// The record of `step`, or nullptr when the ring no longer (or not yet) holds it.
    const StepRecord* find(std::int64_t step) const;
    /// Forgets the steps after `step` and the segments that began after it.
    void dropAfter(std::int64_t step);

    /// Bytes the records hold now, and the last record's (a step of the current segment).
    std::size_t bytes() const { return bytes_; }
    std::size_t bytesPerStep() const { return empty() ? 0 : ring_.back().bytes; }
    /// "steps 1–5,000 kept, 34.0 MB (6.8 KB a step, 68.0 MB for the last 10,000)".
    QString memoryText() const;

    /// Bytes a record holds: the record, its vectors, and each tensor's elements and block.
    static std::size_t bytesOf(const StepRecord& record);

private:
    Ring<StepRecord> ring_{capacity};
    std::vector<TrainingSettings> segments_;
    std::size_t bytes_ = 0;
};

/// "Nadam lr=0.001", with the settings of `settings` that differ from `other` after it
/// ("batch 64", "momentum=0.9", "l2(0.01)", "clipnorm=1"): how two runs differ, for a legend.
QString describeSettings(const TrainingSettings& settings, const TrainingSettings& other);

} // namespace gs
