#pragma once

#include "document/DocumentIds.h"
#include "ui/render/EdgeGeometry.h"
#include "ui/render/EdgePainter.h"

#include <QGraphicsItem>

namespace gs {

class GraphScene;

/// A connection of the document on the canvas, drawn by paintEdge() between the ports of its
/// two nodes, with what the current view says about it (shape, gradient, cut). Its label is
/// drawn by the scene's WireLabelLayer, above every wire; its shape includes the label, so that
/// hover cards and menus work there too.
class EdgeItem : public QGraphicsItem {
public:
    enum { Type = UserType + 3 };

    EdgeItem(GraphScene* scene, ConnectionId id);

    ConnectionId id() const { return id_; }
    /// The node it feeds (remembered, for when the connection is already gone).
    NodeId sink() const { return sink_; }
    PortIndex sinkPort() const { return sinkPort_; }
    int type() const override { return Type; }
    const EdgeLook& look() const { return look_; }
    const EdgeGeometry& geometry() const { return geometry_; }

    /// Follows the ports and the overlay (the label keeps its spot until it is placed again).
    void refresh();
    /// Moves the label along or off the wire (see placeAnnotations()).
    void setLabelSpot(const LabelSpot& spot);

    QRectF boundingRect() const override;
    QPainterPath shape() const override;
    void paint(QPainter* painter, const QStyleOptionGraphicsItem* option, QWidget* widget) override;

private:
    GraphScene* scene_;
    ConnectionId id_;
    NodeId sink_;
    PortIndex sinkPort_ = 0;
    EdgeLook look_;
    EdgeGeometry geometry_;
};

} // namespace gs
