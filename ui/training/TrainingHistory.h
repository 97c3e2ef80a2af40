#pragma once

#include <QString>
#include <QStringList>

#include <cstdint>
#include <optional>
#include <vector>

namespace gs {

/// What the training view has seen since the last reset: one row per completed step and one per
/// completed epoch, in the view's own numbering (steps and epochs keep counting when a change of
/// settings starts a new engine loop). Plain data, written to and read from CSV.
struct TrainingHistory {
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
    std::vector<Step> steps;
    std::vector<Epoch> epochs;

    void clear()
    {
        steps.clear();
        epochs.clear();
    }
    friend bool operator==(const TrainingHistory&, const TrainingHistory&) = default;

    /// One row per step: step, epoch, loss, main_loss, regularization_loss, mean_loss,
    /// learning_rate, the metrics, grad_norm/<layer> per layer, then the epoch's summary
    /// (epoch_loss, epoch_<metric>, val_loss, val_<metric>) filled only on an epoch's last step.
    /// Numbers are written as the shortest text that reads back exactly.
    QString toCsv() const;
    /// Reads what toCsv() wrote; nullopt (and `error` with the line) for anything else.
    static std::optional<TrainingHistory> fromCsv(const QString& text, QString* error = nullptr);
};

} // namespace gs
