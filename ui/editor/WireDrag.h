#pragma once

#include "ui/editor/PortRef.h"

#include <QPointF>
#include <QString>

class QGraphicsPathItem;
class QGraphicsSimpleTextItem;
class QGraphicsRectItem;

namespace gs {

class GraphScene;

/// A wire being dragged from a port (ideas from Blender's node editor):
/// - from an output: a new wire, dropped on an input port or on a node (its first free input);
/// - from a connected input: the wire already there, detached; dropped on another input it
///   moves there, dropped on nothing it is removed;
/// - from a free input: a wire looking for an output.
/// While it hovers over a port, the wire says whether the drop would be accepted, and why not
/// (a cycle, incompatible shapes); a refused drop changes nothing and flashes the node.
class WireDrag {
public:
    explicit WireDrag(GraphScene* scene);
    ~WireDrag();
    WireDrag(const WireDrag&) = delete;
    WireDrag& operator=(const WireDrag&) = delete;

    void begin(const PortRef& from, const QPointF& scenePos);
    void move(const QPointF& scenePos);
    void end(const QPointF& scenePos);
    void cancel();
    bool active() const { return active_; }
    const QString& lastRefusal() const { return lastRefusal_; }

private:
    struct Drop {
        PortRef port;
        QString refusal;
    };
    /// The port a drop at `scenePos` would land on, and why it would be refused.
    Drop dropAt(const QPointF& scenePos) const;
    QString refusalFor(const PortRef& port) const;
    void setHover(const PortRef& port);
    void draw(const QPointF& end, const Drop& drop);
    void flash(const PortRef& port);

    GraphScene* scene_;
    bool active_ = false;
    PortRef anchor_;          ///< the fixed end: an output, or an input for a reversed wire
    ConnectionId detached_;   ///< the connection being moved, if any
    PortRef hover_;
    QString lastRefusal_;
    QGraphicsPathItem* path_ = nullptr;
    QGraphicsRectItem* noteBox_ = nullptr;
    QGraphicsSimpleTextItem* note_ = nullptr;
};

} // namespace gs
