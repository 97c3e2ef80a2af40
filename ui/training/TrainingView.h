#pragma once

#include "engine/nn/RunSpec.h"

#include <QWidget>

class QLabel;
class QProgressBar;
class QToolButton;

namespace gs {

class NetworkDiagram;
class TrainingControls;
class TrainingPlots;
class TrainingSession;
class TrainingTimeline;

/// The custom training loop of the book's chapter 12, stepped live: the controls on the left,
/// the network with its weights, gradients and the current phase at the top, the curves below,
/// the timeline of recorded steps under them, and the book's status line with a progress bar at
/// the bottom. Opens on the book's run (the one `gradscope train` runs without a run file).
class TrainingView : public QWidget {
    Q_OBJECT
public:
    explicit TrainingView(nn::RunSpec run = nn::RunSpec::book(), QWidget* parent = nullptr);

    TrainingSession* session() const { return session_; }
    TrainingControls* controls() const { return controls_; }
    NetworkDiagram* diagram() const { return diagram_; }
    TrainingPlots* plots() const { return plots_; }
    TrainingTimeline* timeline() const { return timeline_; }
    QLabel* phaseLabel() const { return phase_; }
    QLabel* statusLabel() const { return status_; }
    QProgressBar* progressBar() const { return progress_; }

    /// Writes the history (TrainingHistory::toCsv) to `fileName`.
    bool exportHistory(const QString& fileName, QString* error = nullptr) const;
    /// Replots and repaints now (before a screenshot).
    void flush();

signals:
    void message(const QString& text);

private:
    QWidget* createStatusRow();
    void showState();
    void exportPlotInteractive(int plot);
    void exportHistoryInteractive();

    TrainingSession* session_;
    TrainingControls* controls_;
    NetworkDiagram* diagram_;
    TrainingPlots* plots_;
    TrainingTimeline* timeline_;
    QLabel* phase_ = nullptr;
    QLabel* epoch_ = nullptr;
    QLabel* status_ = nullptr;
    QProgressBar* progress_ = nullptr;
    QToolButton* export_ = nullptr;
};

} // namespace gs
