#include "ui/editor/WireLabelLayer.h"

#include "ui/editor/EdgeItem.h"
#include "ui/editor/GraphScene.h"
#include "ui/render/NodePainter.h"

#include <QPaintEngine>
#include <QPainter>
#include <QRegion>
#include <QStyleOptionGraphicsItem>

#include <algorithm>
#include <cmath>

namespace gs {

WireLabelLayer::Counts WireLabelLayer::counts_;

namespace {
/// More changed rectangles than this before a frame: they are drawn again as one.
constexpr std::size_t maxDirty = 64;
/// Views that keep an image at once (the canvas, the minimap, a lesson's view, ...).
constexpr std::size_t maxKept = 4;
} // namespace

WireLabelLayer::WireLabelLayer(const GraphScene* scene)
    : scene_(scene)
{
    setZValue(zValue);
    setAcceptedMouseButtons(Qt::NoButton);
    setFlag(ItemIsSelectable, false);
    setFlag(ItemUsesExtendedStyleOption); // exposedRect: paint only what is in view
}

void WireLabelLayer::refresh()
{
    QRectF bounds;
    for (const auto& [id, edge] : scene_->edgeItems()) // hidden ones too: a hidden wire shows again
        bounds = bounds.united(edge->geometry().bounds);
    if (bounds != bounds_) {
        prepareGeometryChange();
        bounds_ = bounds;
    }
}

void WireLabelLayer::wireChanged(const QRectF& sceneRect)
{
    if (sceneRect.isEmpty())
        return;
    for (Kept& k : kept_) {
        if (k.dirty.size() >= maxDirty) { // many small changes: drawn again as one rectangle
            QRectF all = sceneRect;
            for (const QRectF& r : k.dirty)
                all = all.united(r);
            k.dirty.assign(1, all);
        } else {
            k.dirty.push_back(sceneRect);
        }
    }
    update(sceneRect);
}

void WireLabelLayer::forgetImages() { kept_.clear(); }

QRectF WireLabelLayer::boundingRect() const { return bounds_; }

WireLabelLayer::Kept& WireLabelLayer::keptFor(const QWidget* widget)
{
    for (Kept& k : kept_)
        if (k.widget == widget)
            return k;
    if (kept_.size() >= maxKept)
        kept_.erase(kept_.begin());
    kept_.push_back(Kept{widget, {}, {}, 0, {}});
    return kept_.back();
}

void WireLabelLayer::paintWires(QPainter& painter, const QRectF& area, double zoom) const
{
    // In the order the scene stacked the wires' own items: by id, the current step's on top.
    const GraphOverlay& overlay = scene_->overlay();
    std::vector<std::pair<const EdgeItem*, bool>> wires;
    for (const auto& [id, edge] : scene_->edgeItems())
        if (edge->isVisible() && edge->geometry().bounds.intersects(area))
            wires.emplace_back(edge, overlay.edge(id).active);
    std::sort(wires.begin(), wires.end(), [](const auto& a, const auto& b) {
        return a.second != b.second ? b.second : a.first->id() < b.first->id();
    });
    const EditorStyle& style = scene_->editorStyle();
    const bool detailed = zoom >= sketchBelowZoom;
    for (const auto& [edge, active] : wires) {
        const EdgeState& state = overlay.edge(edge->id());
        if (detailed) {
            ++counts_.detailedWires;
            paintEdge(painter, edge->geometry(), edge->look(), state, style, false, true, area);
        } else if (paintEdgeSketch(painter, edge->geometry(), edge->look(), state, style, zoom, area)) {
            ++counts_.sketchedWires;
        }
    }
    if (!detailed) // labels are not read at this size
        return;
    for (const auto& [edge, active] : wires) {
        const EdgeGeometry& g = edge->geometry();
        if (g.label.isEmpty() || !g.label.adjusted(-2, -2, 2, 2).united(QRectF(g.pointAt(g.spot.t), QSizeF(1, 1))).intersects(area))
            continue;
        ++counts_.labels;
        paintEdgeLabel(painter, g, edge->look(), overlay.edge(edge->id()), style);
    }
}

void WireLabelLayer::paint(QPainter* painter, const QStyleOptionGraphicsItem* option, QWidget* widget)
{
    QRectF visible = option->exposedRect.isEmpty() ? bounds_ : option->exposedRect;
    if (painter->hasClipping()) // QGraphicsScene::render() exposes everything and clips to its target
        visible = visible.intersected(painter->clipBoundingRect());
    if (visible.isEmpty())
        return;
    const QTransform t = painter->worldTransform();
    const double zoom = option->levelOfDetailFromTransform(t);
    // An image is kept for a raster painter at a plain zoom and pan (the views, QGraphicsScene::
    // render() into an image); any other painter (a printer, a rotated view) draws directly.
    if (t.type() > QTransform::TxScale || t.m11() != t.m22() || t.m11() <= 0 || !painter->paintEngine()
        || painter->paintEngine()->type() != QPaintEngine::Raster) {
        paintWires(*painter, visible, zoom);
        return;
    }
    const double scale = t.m11();
    const qreal dpr = painter->device()->devicePixelRatio();
    const QRect device = t.mapRect(visible).toAlignedRect().intersected(QRect(0, 0, painter->device()->width(), painter->device()->height()));
    if (device.isEmpty())
        return;

    Kept& k = keptFor(widget);
    QPointF at = t.map(k.origin); // where the kept image's top-left pixel lands now
    const bool aligned = std::abs(at.x() - std::round(at.x())) < 1e-3 && std::abs(at.y() - std::round(at.y())) < 1e-3;
    QRegion redraw; // device pixels to draw again
    if (k.image.isNull() || k.scale != scale || !aligned || k.image.devicePixelRatio() != dpr) {
        k.image = QImage(device.size() * dpr, QImage::Format_ARGB32_Premultiplied);
        k.image.setDevicePixelRatio(dpr);
        k.image.fill(Qt::transparent);
        k.origin = t.inverted().map(QPointF(device.topLeft()));
        k.scale = scale;
        k.dirty.clear();
        at = device.topLeft();
        redraw = device;
        ++counts_.imagesDrawn;
    } else {
        const QRect old(at.toPoint(), k.image.deviceIndependentSize().toSize());
        if (!old.contains(device)) { // panned: keep what was drawn, draw what came into view
            QImage next(device.size() * dpr, QImage::Format_ARGB32_Premultiplied);
            next.setDevicePixelRatio(dpr);
            next.fill(Qt::transparent);
            QPainter copy(&next);
            copy.setCompositionMode(QPainter::CompositionMode_Source);
            copy.drawImage(QPointF(old.topLeft() - device.topLeft()), k.image);
            copy.end();
            k.image = next;
            k.origin = t.inverted().map(QPointF(device.topLeft()));
            at = device.topLeft();
            redraw = QRegion(device).subtracted(old);
        }
        for (const QRectF& changed : k.dirty)
            redraw += t.mapRect(changed).toAlignedRect().adjusted(-1, -1, 1, 1);
        k.dirty.clear();
        ++counts_.imagesReused;
    }
    const QPoint topLeft = at.toPoint();
    redraw &= QRect(topLeft, k.image.deviceIndependentSize().toSize());
    if (!redraw.isEmpty()) {
        QPainter q(&k.image);
        q.setRenderHints(painter->renderHints());
        const QTransform toImage = t * QTransform::fromTranslate(-topLeft.x(), -topLeft.y());
        const QTransform toScene = toImage.inverted();
        for (const QRect& r : redraw) {
            const QRect inImage = r.translated(-topLeft);
            q.resetTransform(); // the clip is in the image's pixels
            q.setClipRect(inImage);
            q.setCompositionMode(QPainter::CompositionMode_Clear);
            q.fillRect(inImage, Qt::transparent);
            q.setCompositionMode(QPainter::CompositionMode_SourceOver);
            q.setTransform(toImage);
            paintWires(q, toScene.mapRect(QRectF(inImage)), zoom);
        }
    }
    painter->save();
    painter->resetTransform();
    painter->drawImage(QPointF(topLeft), k.image);
    painter->restore();
}

} // namespace gs
