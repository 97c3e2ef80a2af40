#include "ui/editor/EdgeItem.h"

#include "document/GraphData.h"
#include "ui/editor/GraphScene.h"
#include "ui/editor/NodeItem.h"
#include "ui/editor/WireLabelLayer.h"
#include "ui/render/GraphOverlay.h"
#include "ui/render/HoverCard.h"
#include "ui/render/NodePainter.h"

#include <QPainter>
#include <QPainterPathStroker>
#include <QStyleOptionGraphicsItem>

namespace gs {

EdgeItem::EdgeItem(GraphScene* scene, ConnectionId id)
    : scene_(scene)
    , id_(id)
{
    setZValue(0);
    setFlag(ItemIsSelectable, false);
    setFlag(ItemHasNoContents); // the WireLabelLayer draws every wire
}

void EdgeItem::refresh()
{
    const Connection* c = scene_->data().connection(id_);
    if (!c)
        return;
    sink_ = c->to;
    sinkPort_ = c->port;
    NodeItem* from = scene_->nodeItem(c->from);
    NodeItem* to = scene_->nodeItem(c->to);
    if (!from || !to)
        return;
    // A wire inside a collapsed scope is hidden with its nodes.
    const GroupId hiddenFrom = scene_->hiddenBy(c->from);
    setVisible(!hiddenFrom.valid() || hiddenFrom != scene_->hiddenBy(c->to));
    const QRectF before = isVisible() ? geometry_.bounds : QRectF();
    const GraphOverlay& overlay = scene_->overlay();
    const EdgeState& state = overlay.edge(id_);
    prepareGeometryChange();
    look_ = EdgeLook::of(state, overlay.mode, overlay.range, scene_->editorStyle());
    geometry_ = EdgeGeometry::compute(scene_->outputAnchor(c->from), scene_->inputAnchor(c->to, c->port), look_.label, state.active || look_.tangent,
                                      look_.width, scene_->editorStyle(), geometry_.spot);
    setZValue(state.active ? 0.5 : 0);
    toolTipStale_ = true;
    changed(before);
}

void EdgeItem::ensureToolTip()
{
    if (!toolTipStale_)
        return;
    toolTipStale_ = false;
    if (const Connection* c = scene_->data().connection(id_))
        setToolTip(edgeHoverCard(scene_->data(), scene_->overlay().edge(id_), hoverName(scene_->data(), c->from),
                                 hoverName(scene_->data(), c->to)));
}

QString EdgeItem::toolTip() const
{
    const_cast<EdgeItem*>(this)->ensureToolTip();
    return QGraphicsItem::toolTip();
}

void EdgeItem::setLabelSpot(const LabelSpot& spot)
{
    if (geometry_.spot == spot)
        return;
    const QRectF before = isVisible() ? geometry_.bounds : QRectF();
    prepareGeometryChange();
    geometry_.placeLabel(spot);
    changed(before);
}

QRectF EdgeItem::boundingRect() const { return geometry_.bounds; }

QPainterPath EdgeItem::shape() const
{
    QPainterPathStroker stroker;
    stroker.setWidth(look_.width + 8);
    QPainterPath path = stroker.createStroke(geometry_.path);
    if (!geometry_.label.isEmpty())
        path.addRect(geometry_.label);
    return path;
}

void EdgeItem::paint(QPainter*, const QStyleOptionGraphicsItem*, QWidget*)
{
    // Drawn by the scene's WireLabelLayer (ItemHasNoContents: never called by the scene).
}

QVariant EdgeItem::itemChange(GraphicsItemChange change, const QVariant& value)
{
    if (change == ItemVisibleHasChanged && scene_)
        if (WireLabelLayer* layer = scene_->wireLayer())
            layer->wireChanged(geometry_.bounds);
    return QGraphicsItem::itemChange(change, value);
}

void EdgeItem::changed(const QRectF& before)
{
    if (WireLabelLayer* layer = scene_->wireLayer()) {
        layer->wireChanged(before);
        if (isVisible())
            layer->wireChanged(geometry_.bounds);
    }
}

} // namespace gs
