#pragma once

#include "document/DocumentIds.h"
#include "ui/render/EdgeGeometry.h"
#include "ui/render/EdgePainter.h"

#include <QGraphicsItem>

namespace gs {

class GraphScene;

/// A connection of the document on the canvas, between the ports of its two nodes, with what the
/// current view says about it (shape, gradient, cut). The scene's WireLabelLayer draws it (with
/// paintEdge(), or a sketch when zoomed out) and its label, above every wire, from an image it
/// keeps; the item gives the wire its shape, which includes the label, so that hover cards and
/// menus work there too.
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
    /// The hover card, written when first asked for after a refresh (see NodeItem::toolTip()).
    QString toolTip() const;
    void ensureToolTip();
    /// Moves the label along or off the wire (see placeAnnotations()).
    void setLabelSpot(const LabelSpot& spot);

    QRectF boundingRect() const override;
    QPainterPath shape() const override;
    void paint(QPainter* painter, const QStyleOptionGraphicsItem* option, QWidget* widget) override;

protected:
    /// Shown or hidden (a wire detached by a drag is hidden until it is dropped): drawn again.
    QVariant itemChange(GraphicsItemChange change, const QVariant& value) override;

private:
    /// Tells the WireLabelLayer where the wire was drawn (`before`) and where it is now.
    void changed(const QRectF& before);

    GraphScene* scene_;
    ConnectionId id_;
    NodeId sink_;
    PortIndex sinkPort_ = 0;
    EdgeLook look_;
    EdgeGeometry geometry_;
    bool toolTipStale_ = true;
};

} // namespace gs
