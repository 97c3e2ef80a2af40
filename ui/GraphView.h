#pragma once

#include <QGraphicsView>

class QPointF;

namespace gs {

/// The editor canvas: shows a QGraphicsScene over a gridded background and zooms with the wheel
/// (about the point under the cursor) or by steps (about the centre of the view).
class GraphView : public QGraphicsView {
    Q_OBJECT
public:
    static constexpr double minZoom = 0.02; ///< low enough to frame a graph of hundreds of nodes
    static constexpr double maxZoom = 8.0;
    static constexpr double zoomStep = 1.25; ///< factor of one zoomIn()/zoomOut()

    explicit GraphView(QGraphicsScene* scene, QWidget* parent = nullptr);

    /// Current scale: 1.0 shows one scene unit per pixel.
    double zoom() const;

    void zoomIn();
    void zoomOut();
    void resetZoom();
    /// Sets the zoom (clamped to [minZoom, maxZoom]) keeping the scene point at `anchor`
    /// (viewport coordinates) where it is on screen.
    void setZoom(double zoom, const QPointF& anchor);
    /// Sets the zoom about the centre of the viewport.
    void setZoom(double zoom);
    /// Makes the scrollable canvas large enough to show `rect` with room around it.
    void ensureCanvasHolds(const QRectF& rect);

signals:
    void zoomChanged(double zoom);
    /// The user zoomed (wheel, Zoom In/Out/Reset) or panned: the view is theirs now.
    void navigated();

protected:
    void drawBackground(QPainter* painter, const QRectF& exposed) override;
    void wheelEvent(QWheelEvent* event) override;
    void changeEvent(QEvent* event) override;
};

} // namespace gs
