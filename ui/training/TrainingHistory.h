#pragma once

#include "ui/training/Ring.h"

#include <QString>
#include <QStringList>

#include <cstdint>
#include <optional>
#include <vector>

namespace gs {

/// What the training view has seen since the last reset: a row per completed step and one per
/// completed epoch, in the view's own numbering (steps and epochs keep counting when a change of
/// settings starts a new engine loop). Plain data, written to and read from CSV.
///
/// The steps are a ring of the last `stepCapacity` (10,000) steps, so that a run of any length
/// stays in bounded memory: about 200 bytes a step for the book's network (the row, its metrics
/// and its per-layer gradient norms), 2 MB when full; steps.total() counts every step, and
/// steps.dropped() the ones no longer held. The epochs are all kept (a row per epoch, a few hundred
/// bytes for a 100,000-step run). The plots keep their own decimated copy of every step's curves.
struct TrainingHistory {
    /// Steps kept: the last 10,000 (the scrubbing of issue 17 asks for at least that many).
    static constexpr std::size_t stepCapacity = 10'000;

    struct Step {
        std::int64_t step = 0;  ///< 1-based, since the reset
        std::int64_t epoch = 0; ///< 1-based
        double loss = 0.0;      ///< main loss + regularization of this batch
        double mainLoss = 0.0;
        double regularizationLoss = 0.0;
        double meanLoss = 0.0; ///< the epoch's running mean, as the status line shows it
        double learningRate = 0.0;
        std::vector<double> metrics;       ///< running results, metricNames order
        std::vector<double> gradientNorms; ///< per layer, layerNames order
        friend bool operator==(const Step&, const Step&) = default;
    };
    struct Epoch {
        std::int64_t epoch = 0;
        double loss = 0.0;
        std::vector<double> metrics;          ///< metricNames order
        std::optional<double> validationLoss; ///< when there is a validation set
        std::vector<double> validationMetrics;
        friend bool operator==(const Epoch&, const Epoch&) = default;
    };

    QStringList metricNames;
    QStringList layerNames;
    Ring<Step> steps{stepCapacity};
    std::vector<Epoch> epochs;

    void clear()
    {
        steps.clear();
        epochs.clear();
    }
    friend bool operator==(const TrainingHistory&, const TrainingHistory&) = default;

    /// Bytes held by the steps (the ring's slots and what their vectors hold), for the record.
    std::size_t stepBytes() const;

    /// One row per kept step: step, epoch, loss, main_loss, regularization_loss, mean_loss,
    /// learning_rate, the metrics, grad_norm/<layer> per layer, then the epoch's summary
    /// (epoch_loss, epoch_<metric>, val_loss, val_<metric>) filled only on an epoch's last step.
    /// Numbers are written as the shortest text that reads back exactly. After a trim (a run longer
    /// than stepCapacity) the rows start at the oldest kept step, and the summaries of epochs that
    /// ended before it are not written (the epoch plot still has them).
    QString toCsv() const;
    /// Reads what toCsv() wrote (however many rows: the ring is made large enough); nullopt (and
    /// `error` with the line) for anything else.
    static std::optional<TrainingHistory> fromCsv(const QString& text, QString* error = nullptr);
};

} // namespace gs
