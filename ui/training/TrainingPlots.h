#pragma once

#include "ui/training/DecimatedSeries.h"

#include <QElapsedTimer>
#include <QWidget>

#include <array>
#include <cstddef>
#include <cstdint>
#include <vector>

class QComboBox;
class QCustomPlot;
class QCPGraph;
class QCPItemText;
class QCPItemTracer;
class QMouseEvent;
class QSpinBox;
class QTimer;

namespace gs {

class TrainingSession;

/// The live curves of a run, four QCustomPlots: the loss of every step (raw, and smoothed so the
/// trend shows through the noise of small batches; hovering reads the raw value), the epoch
/// means of loss and metrics for training and validation, the gradient norm of each layer per
/// step on a log scale (vanishing and exploding gradients stand out), and the optimizer's state
/// for one chosen weight. New points are appended as steps arrive; replots are coalesced
/// (rpQueuedReplot, at most one every few frames) so a fast run never floods the event loop.
///
/// The curves per step keep the last 4,096 points at full resolution and decimate the older ones
/// (DecimatedSeries: each bucket's lowest and highest point, at most 4,096 points), so a run of
/// any length costs at most about 9,000 points (150 KB) a curve and still shows its spikes.
class TrainingPlots : public QWidget {
    Q_OBJECT
public:
    enum Plot { Loss, Epochs, GradientNorms, OptimizerState };
    static constexpr std::size_t plotCount = 4;

    explicit TrainingPlots(TrainingSession* session, QWidget* parent = nullptr);

    QCustomPlot* plot(Plot which) const { return plots_[which]; }
    /// The raw loss of each step (x: step, y: loss).
    QCPGraph* rawLossGraph() const { return rawLoss_; }
    QCPGraph* smoothedLossGraph() const { return smoothedLoss_; }
    QComboBox* weightBox() const { return weight_; }
    QSpinBox* elementBox() const { return element_; }
    static QString title(Plot which);

    /// Saves one plot as PNG, SVG or PDF (by extension).
    bool exportTo(Plot which, const QString& fileName, double scale, QString* error = nullptr);
    /// Replots now (before a screenshot or an export).
    void flush();

private:
    QCustomPlot* addPlot(const QString& title);
    void setUpLoss();
    void setUpEpochs();
    void setUpGradients();
    void setUpOptimizer();
    void fillWeightChoices();
    void chooseWeight();
    void append();
    void restart();
    void requestReplot();
    void replotNow();
    void hoverLoss(QMouseEvent* event);

    TrainingSession* session_;
    std::array<QCustomPlot*, plotCount> plots_{};
    QCPGraph* rawLoss_ = nullptr;
    QCPGraph* smoothedLoss_ = nullptr;
    QCPItemTracer* tracer_ = nullptr;
    QCPItemText* tracerLabel_ = nullptr;
    QComboBox* weight_ = nullptr;
    QSpinBox* element_ = nullptr;

    /// Adds a point to a curve of steps and to its graph (all of the graph anew when older
    /// points were decimated).
    static void feed(QCPGraph* graph, DecimatedSeries& series, double x, double y);

    // Counts since the reset (the history's and trace's total()), not indexes into their rings.
    std::int64_t shownSteps_ = 0;
    std::size_t shownEpochs_ = 0;
    std::int64_t shownTrace_ = 0;
    DecimatedSeries rawSeries_;
    DecimatedSeries smoothedSeries_;
    std::vector<DecimatedSeries> gradientSeries_;  ///< per layer
    std::vector<DecimatedSeries> optimizerSeries_; ///< the gradient, then each slot
    double smoothed_ = 0.0;        ///< the exponential moving average, before debiasing
    double smoothingWeight_ = 0.0; ///< 1 - 0.9^n: divides the average of n steps (debiasing)
    QTimer* replotTimer_;
    QElapsedTimer sinceReplot_;
};

} // namespace gs
