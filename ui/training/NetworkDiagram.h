#pragma once

#include "engine/nn/TrainingLoop.h"

#include <QWidget>

#include <optional>
#include <vector>

namespace gs {

class TrainingSession;

/// The network at layer level, painted left to right: the batch, each layer with its weights
/// and their latest gradients as heatmaps, then the loss and the metrics. Above it the eight
/// phases of a training step, with the phase that just ran filled and the next one outlined;
/// the parts of the picture that phase touched are framed in the same colour. While the timeline
/// shows a recorded step, the picture is that step's: its weights, gradients and losses.
class NetworkDiagram : public QWidget {
    Q_OBJECT
public:
    explicit NetworkDiagram(TrainingSession* session, QWidget* parent = nullptr);

    /// What the picture shows: the live loop's state or a recorded step's.
    struct Frame {
        std::optional<std::int64_t> recordedStep; ///< nullopt: live
        std::vector<Tensor> variables;            ///< model.variables() order
        std::vector<std::optional<Tensor>> gradients; ///< per trainable variable
        nn::StepReport report;
        std::optional<nn::Phase> last; ///< the phase that just ran (live only)
        std::optional<nn::Phase> next;
        Shape batch; ///< the batch's shape, when there is one
    };
    Frame frame() const;

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

protected:
    void paintEvent(QPaintEvent* event) override;

private:
    TrainingSession* session_;
};

} // namespace gs
