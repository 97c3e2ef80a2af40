#pragma once

#include "document/GraphData.h"
#include "ui/editor/FunctionSampler.h"

#include <QWidget>

#include <optional>

class QComboBox;
class QCustomPlot;
class QDoubleSpinBox;
class QLabel;
class QTimer;

namespace gs {

class EditorSession;

/// The target f and its derivative f' over a range of one input, computed by the graph itself,
/// with the stretches where f or f' is NaN or infinite shaded, the input's current value marked,
/// and optionally a second graph drawn dashed over it (the book's naive softplus against its
/// custom-gradient version). QCustomPlot is included only in the .cpp: it is costly to compile.
class PlotPanel : public QWidget {
    Q_OBJECT
public:
    explicit PlotPanel(EditorSession* session, QWidget* parent = nullptr);

    QCustomPlot* plot() const { return plot_; }
    QComboBox* inputBox() const { return input_; }
    QComboBox* compareBox() const { return compare_; }
    const FunctionSamples& samples() const { return samples_; }
    const FunctionSamples& comparisonSamples() const { return comparisonSamples_; }

    /// Sweeps the top-level node labelled `label` (when there is one).
    void setInputLabel(const QString& label);
    void setRange(double from, double to);
    /// Draws `graph` (the example or file named `title`) over this one; nullopt removes it.
    void setComparison(const QString& title, std::optional<GraphData> graph);
    /// Samples and draws now (normally done shortly after each change).
    void update();
    /// Samples, draws and repaints at once (before a screenshot).
    void flush();

    /// Saves the plot as PNG (at `scale`), SVG or PDF, by the file's extension.
    bool exportTo(const QString& fileName, double scale, QString* error = nullptr);

private:
    void fillInputs();
    void chooseComparison(int index);
    void draw();

    EditorSession* session_;
    QCustomPlot* plot_;
    QComboBox* input_;
    QDoubleSpinBox* from_;
    QDoubleSpinBox* to_;
    QComboBox* compare_;
    QLabel* status_;
    QTimer* timer_;
    static constexpr double defaultFrom = -5;
    static constexpr double defaultTo = 5;

    NodeId inputId_;
    QString inputLabel_;
    QString comparisonTitle_;
    std::optional<GraphData> comparison_;
    FunctionSamples samples_;
    FunctionSamples comparisonSamples_;
};

} // namespace gs
