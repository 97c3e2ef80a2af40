#include "ui/editor/WireDrag.h"

#include "document/GraphDocument.h"
#include "document/commands/ConnectionCommands.h"
#include "ui/editor/ConnectCheck.h"
#include "ui/editor/EdgeItem.h"
#include "ui/editor/EditorSession.h"
#include "ui/editor/GraphScene.h"
#include "ui/editor/NodeItem.h"
#include "ui/editor/PortItem.h"
#include "ui/render/EdgeGeometry.h"

#include <QGraphicsPathItem>
#include <QPen>
#include <QTimer>
#include <QUndoStack>

namespace gs {

WireDrag::WireDrag(GraphScene* scene)
    : scene_(scene)
{
}

WireDrag::~WireDrag() = default;

void WireDrag::begin(const PortRef& from, const QPointF& scenePos)
{
    cancel();
    const GraphData& data = scene_->data();
    anchor_ = from;
    detached_ = {};
    if (!from.output) {
        if (const Connection* c = data.connectionInto(from.node, from.port)) {
            // Pick up the wire that is there: its output end stays, the input end follows.
            detached_ = c->id;
            anchor_ = PortRef{c->from, true, 0};
        }
    }
    active_ = true;
    lastRefusal_.clear();
    delete dropNote_; // the last refusal's reason is old news once a new wire is picked up
    path_ = new QGraphicsPathItem;
    path_->setZValue(10);
    scene_->addItem(path_);
    note_ = new RefusalNote(scene_->editorStyle());
    note_->setVisible(false);
    scene_->addItem(note_);
    if (detached_.valid())
        if (auto* edge = scene_->edgeItem(detached_))
            edge->setVisible(false);
    move(scenePos);
}

void WireDrag::move(const QPointF& scenePos)
{
    if (!active_)
        return;
    const Drop drop = dropAt(scenePos);
    setHover(drop.port, !drop.refusal.isEmpty());
    draw(scenePos, drop);
}

void WireDrag::end(const QPointF& scenePos)
{
    if (!active_)
        return;
    const Drop drop = dropAt(scenePos);
    const ConnectionId detached = detached_;
    const PortRef anchor = anchor_;
    cancel();
    EditorSession* session = scene_->session();
    QUndoStack* stack = session->undoStack();
    GraphDocument* doc = session->document();
    if (!drop.port.valid()) {
        if (detached.valid()) {
            stack->push(new DisconnectCommand(doc, detached));
            emit scene_->message(QObject::tr("Wire removed"));
        } else {
            emit scene_->wireDroppedOnCanvas(anchor, scenePos);
        }
        return;
    }
    if (!drop.refusal.isEmpty()) {
        lastRefusal_ = drop.refusal;
        flash(drop.port);
        leaveNote(drop.refusal, scenePos);
        emit scene_->message(QObject::tr("Cannot connect: %1").arg(drop.refusal));
        return;
    }
    const PortRef out = anchor.output ? anchor : drop.port;
    const PortRef in = anchor.output ? drop.port : anchor;
    if (detached.valid()) {
        const Connection* c = doc->data().connection(detached);
        if (c && c->to == in.node && c->port == in.port)
            return; // dropped back where it was
        stack->beginMacro(QObject::tr("Move wire"));
        stack->push(new DisconnectCommand(doc, detached));
        stack->push(new ConnectCommand(doc, out.node, in.node, in.port));
        stack->endMacro();
        return;
    }
    stack->push(new ConnectCommand(doc, out.node, in.node, in.port));
}

void WireDrag::cancel()
{
    if (detached_.valid())
        if (auto* edge = scene_->edgeItem(detached_))
            edge->setVisible(true);
    setHover({}, false);
    delete path_;
    delete note_;
    path_ = nullptr;
    note_ = nullptr;
    active_ = false;
    detached_ = {};
}

WireDrag::Drop WireDrag::dropAt(const QPointF& scenePos) const
{
    Drop drop;
    const bool wantOutput = !anchor_.output;
    for (QGraphicsItem* item : scene_->items(scenePos)) {
        if (item->type() == PortItem::Type) {
            const PortRef& ref = static_cast<PortItem*>(item)->ref();
            if (ref.output == wantOutput && ref.node != anchor_.node) {
                drop.port = ref;
                break;
            }
        }
        if (item->type() == NodeItem::Type) {
            // Dropped on a node: its output, or its first input that would accept the wire.
            const NodeId id = static_cast<NodeItem*>(item)->id();
            if (id == anchor_.node)
                break;
            if (wantOutput) {
                drop.port = PortRef{id, true, 0};
                break;
            }
            const Node* node = scene_->data().node(id);
            for (PortIndex p = 0; node && p < node->ports; ++p) {
                const PortRef candidate{id, false, p};
                const Connection* taken = scene_->data().connectionInto(id, p);
                if ((!taken || taken->id == detached_) && refusalFor(candidate).isEmpty()) {
                    drop.port = candidate;
                    break;
                }
            }
            if (!drop.port.valid() && node && node->ports > 0)
                drop.port = PortRef{id, false, 0};
            break;
        }
    }
    if (drop.port.valid())
        drop.refusal = refusalFor(drop.port);
    return drop;
}

QString WireDrag::refusalFor(const PortRef& port) const
{
    const PortRef out = anchor_.output ? anchor_ : port;
    const PortRef in = anchor_.output ? port : anchor_;
    return connectionRefusal(scene_->data(), out.node, in.node, in.port, detached_);
}

void WireDrag::setHover(const PortRef& port, bool refused)
{
    if (hover_ == port && hoverRefused_ == refused)
        return;
    if (NodeItem* old = scene_->nodeItem(hover_.node)) {
        old->setHighlightedInput(-1);
        old->setHighlightedOutput(false);
        if (hoverRefused_)
            old->flashRefused(false);
    }
    hover_ = port;
    hoverRefused_ = refused && port.valid();
    if (NodeItem* now = scene_->nodeItem(hover_.node)) {
        if (hover_.output)
            now->setHighlightedOutput(true);
        else
            now->setHighlightedInput(hover_.port);
        // The node the wire cannot reach is ringed in the refused colour while the wire is over it.
        if (hoverRefused_)
            now->flashRefused(true);
    }
}

void WireDrag::draw(const QPointF& end, const Drop& drop)
{
    const EditorStyle& style = scene_->editorStyle();
    NodeItem* anchorItem = scene_->nodeItem(anchor_.node);
    if (!anchorItem)
        return;
    QPointF fixed = anchor_.output ? anchorItem->outputPortPos() : anchorItem->inputPortPos(anchor_.port);
    QPointF loose = end;
    if (drop.port.valid())
        if (NodeItem* target = scene_->nodeItem(drop.port.node))
            loose = drop.port.output ? target->outputPortPos() : target->inputPortPos(drop.port.port);
    const QPointF from = anchor_.output ? fixed : loose;
    const QPointF to = anchor_.output ? loose : fixed;
    path_->setPath(EdgeGeometry::compute(from, to, {}, false, 2, style).path);
    const bool refused = drop.port.valid() && !drop.refusal.isEmpty();
    const bool ok = drop.port.valid() && drop.refusal.isEmpty();
    QPen pen(refused ? style.refused : ok ? style.selection : style.wire, ok ? 3 : 2.5,
             refused ? Qt::DashLine : Qt::SolidLine, Qt::RoundCap);
    path_->setPen(pen);
    note_->setVisible(refused);
    if (refused) {
        note_->setText(QObject::tr("✕ %1").arg(drop.refusal));
        note_->setPos(end);
        if (!scene_->views().isEmpty())
            note_->keepInside(scene_->views().front());
    }
}

void WireDrag::leaveNote(const QString& refusal, const QPointF& scenePos)
{
    delete dropNote_;
    auto* note = new RefusalNote(scene_->editorStyle());
    note->setText(QObject::tr("✕ Not connected: %1").arg(refusal));
    note->setPos(scenePos);
    scene_->addItem(note);
    if (!scene_->views().isEmpty())
        note->keepInside(scene_->views().front());
    note->fadeAway(dropNoteHoldMs, dropNoteFadeMs);
    dropNote_ = note;
}

void WireDrag::flash(const PortRef& port)
{
    NodeItem* item = scene_->nodeItem(port.node);
    if (!item)
        return;
    item->flashRefused(true);
    const NodeId id = port.node;
    // The timer belongs to the scene, which owns this drag: while it runs, `this` is alive.
    QTimer::singleShot(900, scene_, [this, id] {
        // A new wire refused by the same node keeps its ring.
        if (active_ && hoverRefused_ && hover_.node == id)
            return;
        if (NodeItem* again = scene_->nodeItem(id))
            again->flashRefused(false);
    });
}

} // namespace gs
