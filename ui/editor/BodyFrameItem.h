#pragma once

#include "document/DocumentIds.h"

#include <QGraphicsItem>

namespace gs {

class GraphScene;

/// The frame behind the body of one custom gradient node, following its nodes as they move.
class BodyFrameItem : public QGraphicsItem {
public:
    BodyFrameItem(GraphScene* scene, NodeId owner);

    NodeId owner() const { return owner_; }
    /// Recomputes the frame from where the body's nodes are; hidden when the body is empty.
    void refresh();

    QRectF boundingRect() const override;
    void paint(QPainter* painter, const QStyleOptionGraphicsItem* option, QWidget* widget) override;

private:
    GraphScene* scene_;
    NodeId owner_;
    QRectF nodes_;
    QString title_;
};

} // namespace gs
