#pragma once

#include "ui/editor/PortRef.h"
#include "ui/editor/RefusalNote.h" // complete for QPointer<RefusalNote>

#include <QPointF>
#include <QPointer>
#include <QString>

class QGraphicsPathItem;

namespace gs {

class GraphScene;

/// A wire being dragged from a port (ideas from Blender's node editor):
/// - from an output: a new wire, dropped on an input port or on a node (its first free input);
/// - from a connected input: the wire already there, detached; dropped on another input it
///   moves there, dropped on nothing it is removed;
/// - from a free input: a wire looking for an output.
/// While it hovers over a port, the wire says whether the drop would be accepted, and why not
/// (a cycle, incompatible shapes): the refused target is ringed and the reason is written next to
/// the pointer. A refused drop changes nothing, flashes the node and leaves the reason on the
/// canvas for a few seconds where the wire was dropped.
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
    /// The reason written next to the pointer while the wire hovers over a refused port (hidden
    /// otherwise); null when no wire is dragged.
    const RefusalNote* dragNote() const { return note_; }
    /// The reason left where the last refused wire was dropped, until it fades; null after.
    const RefusalNote* dropNote() const { return dropNote_; }

    /// How long the reason stays where a refused wire was dropped, then how long it fades.
    static constexpr int dropNoteHoldMs = 2200;
    static constexpr int dropNoteFadeMs = 800;

private:
    struct Drop {
        PortRef port;
        QString refusal;
    };
    /// The port a drop at `scenePos` would land on, and why it would be refused.
    Drop dropAt(const QPointF& scenePos) const;
    QString refusalFor(const PortRef& port) const;
    void setHover(const PortRef& port, bool refused);
    void draw(const QPointF& end, const Drop& drop);
    void flash(const PortRef& port);
    void leaveNote(const QString& refusal, const QPointF& scenePos);

    GraphScene* scene_;
    bool active_ = false;
    PortRef anchor_;          ///< the fixed end: an output, or an input for a reversed wire
    ConnectionId detached_;   ///< the connection being moved, if any
    PortRef hover_;
    bool hoverRefused_ = false;  ///< the hovered node is ringed as refused
    QString lastRefusal_;
    QGraphicsPathItem* path_ = nullptr;
    RefusalNote* note_ = nullptr;
    QPointer<RefusalNote> dropNote_; ///< deletes itself when it has faded
};

} // namespace gs
