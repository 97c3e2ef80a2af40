#pragma once

#include <QWidget>

namespace gs {

class TrainingSession;

/// The network at layer level, painted left to right: the batch, each layer with its weights
/// and their latest gradients as heatmaps, then the loss and the metrics. Above it the eight
/// phases of a training step, with the phase that just ran filled and the next one outlined;
/// the parts of the picture that phase touched are framed in the same colour.
class NetworkDiagram : public QWidget {
    Q_OBJECT
public:
    explicit NetworkDiagram(TrainingSession* session, QWidget* parent = nullptr);

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

protected:
    void paintEvent(QPaintEvent* event) override;

private:
    TrainingSession* session_;
};

} // namespace gs
