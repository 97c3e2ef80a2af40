#pragma once

#include "document/DocumentIds.h"
#include "ui/render/NodeContent.h"
#include "ui/render/NodeGeometry.h"
#include "ui/render/NodePainter.h"

#include <QGraphicsItem>

#include <optional>
#include <vector>

namespace gs {

class GraphScene;
class PortItem;

/// A node of the document on the canvas. It holds only its id: what it shows comes from the
/// document and the session's overlay through the scene, and it is drawn by paintNode(). Moving it
/// moves only the item; the scene turns a finished drag into one MoveNodesCommand.
class NodeItem : public QGraphicsItem {
public:
    enum { Type = UserType + 1 };

    NodeItem(GraphScene* scene, NodeId id);

    NodeId id() const { return id_; }
    int type() const override { return Type; }
    const NodeGeometry& geometry() const { return geometry_; }
    const NodeContent& content() const { return content_; }

    /// Re-reads the node and its state (after an edit or an evaluation); the callout keeps its
    /// side until the annotations are placed again.
    void refresh();
    /// Moves the callout's top-left corner to `topLeft` (node coordinates; see placeAnnotations()).
    void setCalloutPlace(QPointF topLeft);
    /// Rings the node in the refused colour: while a wire that cannot reach it hovers over it, and
    /// for a moment after such a wire was dropped on it.
    void flashRefused(bool on);
    bool refused() const { return interaction_.refused; }
    void setHighlightedInput(int port);
    void setHighlightedOutput(bool on);

    /// The hover card, written when first asked for after a refresh (GraphScene::helpEvent asks
    /// for the items under the pointer): a thousand cards are not written for every evaluation.
    QString toolTip() const;
    void ensureToolTip();

    QPointF inputPortPos(PortIndex port) const;
    QPointF outputPortPos() const;
    PortItem* portItem(bool output, PortIndex port) const;

    QRectF boundingRect() const override;
    QPainterPath shape() const override;
    void paint(QPainter* painter, const QStyleOptionGraphicsItem* option, QWidget* widget) override;

protected:
    QVariant itemChange(GraphicsItemChange change, const QVariant& value) override;

private:
    void rebuildPorts();

    GraphScene* scene_;
    NodeId id_;
    NodeContent content_;
    NodeGeometry geometry_;
    NodeInteraction interaction_;
    std::vector<PortItem*> ports_; ///< inputs in order, then the output
    std::optional<QPointF> calloutPlace_; ///< where the placement put the callout, if not below
    bool toolTipStale_ = true;
};

} // namespace gs
