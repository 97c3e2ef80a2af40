#include "ui/GraphView.h"

#include "ui/CanvasStyle.h"

#include <QEvent>
#include <QPainter>
#include <QPointF>
#include <QRectF>
#include <QTransform>
#include <QWheelEvent>

#include <algorithm>
#include <cmath>

namespace gs {

namespace {
/// Half the scene's extent that the scroll bars cover, in scene units.
constexpr double canvasHalfExtent = 5000.0;
/// Zoom factor per degree of wheel rotation: one 15-degree notch zooms by about 1.2.
constexpr double zoomPerDegree = 1.0122;
} // namespace

GraphView::GraphView(QGraphicsScene* scene, QWidget* parent)
    : QGraphicsView(scene, parent)
{
    setSceneRect(-canvasHalfExtent, -canvasHalfExtent, 2 * canvasHalfExtent, 2 * canvasHalfExtent);
    setRenderHint(QPainter::Antialiasing);
    setTransformationAnchor(QGraphicsView::NoAnchor);
    setResizeAnchor(QGraphicsView::AnchorViewCenter);
    setFrameShape(QFrame::NoFrame);
    // A node editor pans by dragging (and shows where it is in the minimap): scroll bars would
    // only take room from the graph.
    setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    setVerticalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    centerOn(0, 0);
}

double GraphView::zoom() const { return transform().m11(); }

void GraphView::zoomIn()
{
    setZoom(zoom() * zoomStep);
    emit navigated();
}

void GraphView::zoomOut()
{
    setZoom(zoom() / zoomStep);
    emit navigated();
}

void GraphView::resetZoom()
{
    setZoom(1.0);
    emit navigated();
}

void GraphView::setZoom(double zoom) { setZoom(zoom, QRectF(viewport()->rect()).center()); }

void GraphView::setZoom(double newZoom, const QPointF& anchor)
{
    newZoom = std::clamp(newZoom, minZoom, maxZoom);
    if (newZoom == zoom())
        return;
    const QPointF anchored = mapToScene(anchor.toPoint());
    const QPointF viewportCentre = QRectF(viewport()->rect()).center();
    setTransform(QTransform::fromScale(newZoom, newZoom));
    // Centre the view where `anchored` lands back under `anchor`.
    centerOn(anchored + (viewportCentre - anchor) / newZoom);
    emit zoomChanged(newZoom);
}

void GraphView::ensureCanvasHolds(const QRectF& rect)
{
    const QRectF wanted = rect.adjusted(-canvasHalfExtent, -canvasHalfExtent, canvasHalfExtent, canvasHalfExtent);
    if (!sceneRect().contains(wanted))
        setSceneRect(sceneRect().united(wanted));
}

void GraphView::drawBackground(QPainter* painter, const QRectF& exposed)
{
    CanvasStyle::fromPalette(palette()).paint(*painter, exposed, zoom());
}

void GraphView::wheelEvent(QWheelEvent* event)
{
    const double degrees = event->angleDelta().y() / 8.0;
    if (degrees == 0.0) {
        QGraphicsView::wheelEvent(event);
        return;
    }
    setZoom(zoom() * std::pow(zoomPerDegree, degrees), event->position());
    emit navigated();
    event->accept();
}

void GraphView::changeEvent(QEvent* event)
{
    if (event->type() == QEvent::PaletteChange) {
        resetCachedContent();
        viewport()->update();
    }
    QGraphicsView::changeEvent(event);
}

} // namespace gs
