#pragma once

#include <QGraphicsView>

namespace gs {

class GraphScene;

/// The whole graph in miniature in a corner of the canvas, with the part the canvas shows
/// outlined. Clicking or dragging in it moves the canvas there. It draws the same scene at a tiny
/// scale, where nodes and wires paint their cheap sketch, so it costs little to keep live.
class Minimap : public QGraphicsView {
    Q_OBJECT
public:
    /// Floats over `canvas`, in its bottom-right corner.
    Minimap(GraphScene* scene, QGraphicsView* canvas);

    /// The corner of the canvas the minimap covers when shown (itself and its margin).
    static QSize footprint();

    /// The canvas's visible part, in scene coordinates (the outlined rectangle).
    QRectF visibleArea() const;
    /// Shown when asked for (View > Minimap) and only while part of the graph is off the canvas:
    /// a minimap of a graph that fits would only hide part of it.
    void setWanted(bool wanted);
    bool wanted() const { return wanted_; }

protected:
    void drawForeground(QPainter* painter, const QRectF& rect) override;
    void mousePressEvent(QMouseEvent* event) override;
    void mouseMoveEvent(QMouseEvent* event) override;
    void wheelEvent(QWheelEvent* event) override;
    bool eventFilter(QObject* watched, QEvent* event) override;
    void showEvent(QShowEvent* event) override;

private:
    void refit();
    void place();
    void updateVisibility();
    void centreCanvasAt(const QPoint& pos);

    GraphScene* scene_;
    QGraphicsView* canvas_;
    QWidget* canvasViewport_ = nullptr;
    bool refitQueued_ = false;
    bool wanted_ = true;
};

} // namespace gs
