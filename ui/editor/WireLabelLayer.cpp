#include "ui/editor/WireLabelLayer.h"

#include "ui/editor/EdgeItem.h"
#include "ui/editor/GraphScene.h"
#include "ui/render/NodePainter.h"

#include <QPainter>
#include <QStyleOptionGraphicsItem>

namespace gs {

WireLabelLayer::WireLabelLayer(const GraphScene* scene)
    : scene_(scene)
{
    setZValue(zValue);
    setAcceptedMouseButtons(Qt::NoButton);
    setFlag(ItemIsSelectable, false);
    setFlag(ItemUsesExtendedStyleOption); // exposedRect: paint only the labels in view
}

void WireLabelLayer::refresh()
{
    QRectF bounds;
    for (const auto& [id, edge] : scene_->edgeItems()) {
        const EdgeGeometry& g = edge->geometry();
        if (!edge->isVisible() || g.label.isEmpty())
            continue;
        // The label, and the leader line to its wire if it was lifted away.
        const QPointF on = g.pointAt(g.spot.t);
        bounds = bounds.united(g.label.united(QRectF(on, QSizeF(1, 1))).adjusted(-2, -2, 2, 2));
    }
    if (bounds != bounds_) {
        prepareGeometryChange();
        bounds_ = bounds;
    }
    update();
}

QRectF WireLabelLayer::boundingRect() const { return bounds_; }

void WireLabelLayer::paint(QPainter* painter, const QStyleOptionGraphicsItem* option, QWidget*)
{
    if (option->levelOfDetailFromTransform(painter->worldTransform()) < sketchBelowZoom)
        return;
    const QRectF exposed = option->exposedRect.isEmpty() ? bounds_ : option->exposedRect;
    const GraphOverlay& overlay = scene_->overlay();
    // The current step's labels last, on top.
    for (bool active : {false, true})
        for (const auto& [id, edge] : scene_->edgeItems()) {
            const EdgeGeometry& g = edge->geometry();
            if (!edge->isVisible() || g.label.isEmpty() || !g.bounds.intersects(exposed))
                continue;
            const EdgeState& state = overlay.edge(id);
            if (state.active != active)
                continue;
            paintEdgeLabel(*painter, g, edge->look(), state, scene_->editorStyle());
        }
}

} // namespace gs
