#include "ui/editor/HaloItem.h"

#include "ui/editor/NodeItem.h"

#include <QPainterPath>
#include <QPen>

namespace gs {

HaloItem::HaloItem(const NodeItem* node)
    : node_(node)
{
    setZValue(zValue);
    setAcceptedMouseButtons(Qt::NoButton);
    // Amber, wide and translucent: visible on light and dark canvases and never mistaken for the
    // target's orange or the selection's blue, which are thin outlines.
    setPen(QPen(QColor(240, 180, 0, 210), 7, Qt::SolidLine, Qt::RoundCap, Qt::RoundJoin));
    setBrush(QColor(240, 200, 0, 60));
    refresh();
}

void HaloItem::refresh()
{
    // Around the box, its ports and pills; not its callout, which may sit on any side.
    const QRectF around = node_->geometry().core().adjusted(-10, -10, 10, 10);
    if (path().boundingRect() != around) {
        QPainterPath p;
        p.addRoundedRect(around, 14, 14);
        setPath(p);
    }
    setPos(node_->pos());
    setVisible(node_->isVisible());
}

} // namespace gs
