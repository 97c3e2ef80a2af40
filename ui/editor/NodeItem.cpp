#include "ui/editor/NodeItem.h"

#include "document/GraphData.h"
#include "ui/editor/GraphScene.h"
#include "ui/editor/PortItem.h"
#include "ui/render/GraphOverlay.h"
#include "ui/render/GraphPicture.h"
#include "ui/render/HoverCard.h"

#include <QPainter>
#include <QStyleOptionGraphicsItem>

namespace gs {

NodeItem::NodeItem(GraphScene* scene, NodeId id)
    : scene_(scene)
    , id_(id)
{
    setFlags(ItemIsMovable | ItemIsSelectable | ItemSendsGeometryChanges);
    setZValue(1);
}

void NodeItem::refresh()
{
    const Node* node = scene_->data().node(id_);
    if (!node)
        return;
    const GraphOverlay& overlay = scene_->overlay();
    prepareGeometryChange();
    content_ = NodeContent::of(scene_->data(), *node, overlay.node(id_), overlay.mode, scene_->editorStyle().noneCallouts);
    geometry_ = NodeGeometry::compute(content_, scene_->editorStyle(), calloutPlace_);
    interaction_.connected.resize(static_cast<std::size_t>(node->ports));
    for (PortIndex p = 0; p < node->ports; ++p)
        interaction_.connected[static_cast<std::size_t>(p)] = scene_->inputConnected(id_, p);
    // A node with a callout is lifted above its neighbours, so that the callout is never hidden.
    setZValue(geometry_.callout.isEmpty() ? 1 : 2);
    toolTipStale_ = true;
    rebuildPorts();
    update();
}

void NodeItem::setCalloutPlace(QPointF topLeft)
{
    if (geometry_.callout.isEmpty() || geometry_.callout.topLeft() == topLeft)
        return;
    // Remembered unless it is the usual place, so that the next refresh (a new value, a longer
    // text) starts from where the callout is while the next placement is pending.
    const std::vector<QPointF> places = geometry_.calloutPlaces();
    calloutPlace_ = topLeft == places.front() ? std::nullopt : std::optional<QPointF>(topLeft);
    prepareGeometryChange();
    geometry_.placeCallout(topLeft);
    update();
}

void NodeItem::rebuildPorts()
{
    const std::size_t wanted = geometry_.inputs.size() + 1;
    if (ports_.size() != wanted) {
        for (PortItem* p : ports_)
            delete p;
        ports_.clear();
        for (std::size_t i = 0; i + 1 < wanted; ++i)
            ports_.push_back(new PortItem(scene_, PortRef{id_, false, static_cast<PortIndex>(i)}, this));
        ports_.push_back(new PortItem(scene_, PortRef{id_, true, 0}, this));
    }
    for (std::size_t i = 0; i < geometry_.inputs.size(); ++i)
        ports_[i]->setPos(geometry_.inputs[i]);
    ports_.back()->setPos(geometry_.output);
}

void NodeItem::flashRefused(bool on)
{
    if (interaction_.refused == on)
        return;
    interaction_.refused = on;
    update();
}

void NodeItem::setHighlightedInput(int port)
{
    if (interaction_.highlightedInput == port)
        return;
    interaction_.highlightedInput = port;
    update();
}

void NodeItem::setHighlightedOutput(bool on)
{
    if (interaction_.highlightOutput == on)
        return;
    interaction_.highlightOutput = on;
    update();
}

void NodeItem::ensureToolTip()
{
    if (!toolTipStale_)
        return;
    toolTipStale_ = false;
    if (const Node* node = scene_->data().node(id_))
        setToolTip(nodeHoverCard(scene_->data(), *node, scene_->overlay().node(id_)));
}

QString NodeItem::toolTip() const
{
    const_cast<NodeItem*>(this)->ensureToolTip();
    return QGraphicsItem::toolTip();
}

QPointF NodeItem::inputPortPos(PortIndex port) const { return inputPortAt(pos(), geometry_, port); }

QPointF NodeItem::outputPortPos() const { return outputPortAt(pos(), geometry_); }

PortItem* NodeItem::portItem(bool output, PortIndex port) const
{
    if (ports_.empty())
        return nullptr;
    if (output)
        return ports_.back();
    if (port < 0 || static_cast<std::size_t>(port) + 1 >= ports_.size())
        return nullptr;
    return ports_[static_cast<std::size_t>(port)];
}

QRectF NodeItem::boundingRect() const { return geometry_.bounds.adjusted(-8, -8, 8, 8); }

QPainterPath NodeItem::shape() const
{
    QPainterPath path;
    path.addRoundedRect(geometry_.box, 6, 6);
    return path;
}

void NodeItem::paint(QPainter* painter, const QStyleOptionGraphicsItem* option, QWidget*)
{
    const Node* node = scene_->data().node(id_);
    if (!node)
        return;
    interaction_.selected = isSelected();
    const GraphOverlay& overlay = scene_->overlay();
    const double zoom = option->levelOfDetailFromTransform(painter->worldTransform());
    if (zoom < sketchBelowZoom) {
        paintNodeSketch(*painter, *node, geometry_, overlay.node(id_), overlay.mode, scene_->editorStyle(),
                        interaction_.selected, content_.title, zoom);
        return;
    }
    paintNode(*painter, *node, content_, geometry_, overlay.node(id_), overlay.mode, scene_->editorStyle(),
              interaction_);
}

QVariant NodeItem::itemChange(GraphicsItemChange change, const QVariant& value)
{
    if (change == ItemPositionHasChanged && scene_)
        scene_->nodeMoved(id_);
    return QGraphicsItem::itemChange(change, value);
}

} // namespace gs
