#pragma once

#include "document/GradientCheck.h"

#include <QWidget>

class QComboBox;
class QCustomPlot;
class QLabel;
class QSplitter;
class QTableWidget;
class QTimer;

namespace gs {

class EditorSession;

/// The book's gradient check on any node: for each source the tape watches, the tape's exact
/// gradient beside a finite difference, their absolute and relative error, and a word and a
/// colour for how well they agree; below, the error against the step eps (log-log, float32 and
/// float64) with the best step marked, where truncation error falls and rounding error rises.
class GradientCheckPanel : public QWidget {
    Q_OBJECT
public:
    explicit GradientCheckPanel(EditorSession* session, QWidget* parent = nullptr);

    QComboBox* ofBox() const { return of_; }
    QComboBox* epsBox() const { return eps_; }
    QComboBox* differenceBox() const { return difference_; }
    QTableWidget* table() const { return table_; }
    QCustomPlot* plot() const { return plot_; }
    const GradientCheck& check() const { return check_; }
    /// The best step of the float32 and float64 curves of the selected source, when drawn.
    std::optional<ErrorPoint> best(DType dtype) const;

    /// Checks d `node` / d sources from now on (the target when `node` is invalid or not there).
    void setNode(NodeId node);
    /// Recomputes now (normally done shortly after each change), if the panel is visible; a
    /// hidden panel recomputes when it is shown.
    void update();

protected:
    void resizeEvent(QResizeEvent* event) override;
    void showEvent(QShowEvent* event) override;

private:
    void fillNodes();
    void fillTable();
    void drawCurves();
    EvaluationOptions options() const;

    EditorSession* session_;
    QComboBox* of_;
    QComboBox* eps_;
    QComboBox* difference_;
    QTableWidget* table_;
    QCustomPlot* plot_;
    QLabel* status_;
    QSplitter* split_;
    QTimer* timer_;
    NodeId node_; ///< the node differentiated; invalid: the target
    bool stale_ = true; ///< changed while hidden: to check again when shown
    GradientCheck check_;
    std::optional<ErrorPoint> best32_;
    std::optional<ErrorPoint> best64_;
};

} // namespace gs
