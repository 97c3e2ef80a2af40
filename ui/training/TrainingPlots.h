#pragma once

#include "ui/training/DecimatedSeries.h"
#include "ui/training/Ring.h"
#include "ui/training/TrainingHistory.h"

#include <QElapsedTimer>
#include <QWidget>

#include <optional>

#include <array>
#include <cstddef>
#include <cstdint>
#include <vector>

class QComboBox;
class QCustomPlot;
class QCPGraph;
class QCPItemStraightLine;
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
///
/// While the timeline shows a recorded step, a vertical line marks it on every plot. A run
/// resumed from a past step loses its later points. A reference run (TrainingSession::
/// keepAsReference) is drawn dashed beside the current one: its smoothed loss, gradient norms and
/// epoch losses, the legend naming the settings in which the runs differ.
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
    /// The marker of the shown step on `which` (hidden while following the live run).
    QCPItemStraightLine* marker(Plot which) const { return markers_[which]; }
    /// The reference run's dashed graphs on `which` (empty without a reference).
    const std::vector<QCPGraph*>& referenceGraphs(Plot which) const
    {
        return referenceGraphs_[which];
    }
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
    /// The session resumed from `step`: the curves end there again.
    void rewind(std::int64_t step);
    void showMarkers();
    /// Copies the current curves as the reference's (or forgets them), then draws them.
    void takeReference();
    /// Adds the reference's dashed graphs to the plots that lack them (after the own graphs, so
    /// that graph(i) stays the current run's).
    void ensureReferenceGraphs();
    void dropReferenceGraphs(Plot which);
    void nameCurves();
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
    /// The average after each recent step, to take it up again where a resumed run goes on.
    struct Smoothing {
        double step = 0.0;
        double smoothed = 0.0;
        double weight = 0.0;
    };
    Ring<Smoothing> smoothingAt_{TrainingHistory::stepCapacity};
    std::array<QCPItemStraightLine*, plotCount> markers_{};
    /// The reference run's curves, as drawn when it was kept.
    using Curve = std::vector<DecimatedSeries::Point>;
    struct ReferenceCurves {
        Curve smoothedLoss;
        std::vector<Curve> gradientNorms; ///< per layer
        Curve epochLoss;
        Curve validationLoss;
    };
    std::optional<ReferenceCurves> reference_;
    std::array<std::vector<QCPGraph*>, plotCount> referenceGraphs_;
    QTimer* replotTimer_;
    QElapsedTimer sinceReplot_;
};

} // namespace gs
