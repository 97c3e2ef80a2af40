#include "ui/editor/PortItem.h"

#include "ui/editor/GraphScene.h"

#include <QCursor>
#include <QGraphicsSceneMouseEvent>
#include <QPainter>

namespace gs {

PortItem::PortItem(GraphScene* scene, PortRef ref, QGraphicsItem* parent)
    : QGraphicsItem(parent)
    , scene_(scene)
    , ref_(ref)
{
    setAcceptHoverEvents(true);
    setAcceptedMouseButtons(Qt::LeftButton);
    setCursor(Qt::CrossCursor);
    setToolTip(ref.output ? QStringLiteral("drag to an input to connect") : QStringLiteral("drag to connect or detach"));
}

QRectF PortItem::boundingRect() const { return QRectF(-hitRadius, -hitRadius, 2 * hitRadius, 2 * hitRadius); }

void PortItem::paint(QPainter* painter, const QStyleOptionGraphicsItem*, QWidget*)
{
    if (!hovered_)
        return;
    painter->setRenderHint(QPainter::Antialiasing);
    painter->setPen(QPen(scene_->editorStyle().selection, 2));
    painter->setBrush(Qt::NoBrush);
    painter->drawEllipse(QPointF(0, 0), hitRadius - 2, hitRadius - 2);
}

void PortItem::hoverEnterEvent(QGraphicsSceneHoverEvent*)
{
    hovered_ = true;
    update();
}

void PortItem::hoverLeaveEvent(QGraphicsSceneHoverEvent*)
{
    hovered_ = false;
    update();
}

void PortItem::mousePressEvent(QGraphicsSceneMouseEvent* event)
{
    if (event->button() != Qt::LeftButton) {
        event->ignore();
        return;
    }
    event->accept();
    scene_->beginWire(ref_, event->scenePos());
}

void PortItem::mouseMoveEvent(QGraphicsSceneMouseEvent* event) { scene_->moveWire(event->scenePos()); }

void PortItem::mouseReleaseEvent(QGraphicsSceneMouseEvent* event)
{
    if (event->button() == Qt::LeftButton)
        scene_->endWire(event->scenePos());
}

} // namespace gs
