#pragma once

#include "ui/editor/PortRef.h"

#include <QGraphicsItem>

namespace gs {

class GraphScene;

/// The hit area of one port of a node (the node draws the port itself). Pressing it starts a wire:
/// from an output a new one, from a connected input the wire already there (detaching it), from a
/// free input a wire that looks for an output.
class PortItem : public QGraphicsItem {
public:
    enum { Type = UserType + 2 };
    static constexpr double hitRadius = 11.0;

    PortItem(GraphScene* scene, PortRef ref, QGraphicsItem* parent);

    const PortRef& ref() const { return ref_; }
    int type() const override { return Type; }

    QRectF boundingRect() const override;
    void paint(QPainter* painter, const QStyleOptionGraphicsItem* option, QWidget* widget) override;

protected:
    void hoverEnterEvent(QGraphicsSceneHoverEvent* event) override;
    void hoverLeaveEvent(QGraphicsSceneHoverEvent* event) override;
    void mousePressEvent(QGraphicsSceneMouseEvent* event) override;
    void mouseMoveEvent(QGraphicsSceneMouseEvent* event) override;
    void mouseReleaseEvent(QGraphicsSceneMouseEvent* event) override;

private:
    GraphScene* scene_;
    PortRef ref_;
    bool hovered_ = false;
};

} // namespace gs
