#include "ui/editor/GraphScene.h"

#include "document/GraphDocument.h"
#include "document/commands/NodeCommands.h"
#include "ui/editor/EdgeItem.h"
#include "ui/editor/EditorSession.h"
#include "ui/editor/NodeItem.h"
#include "ui/editor/WireDrag.h"

#include <QGraphicsSceneMouseEvent>
#include <QGuiApplication>
#include <QPalette>
#include <QUndoStack>

#include <algorithm>

namespace gs {

GraphScene::GraphScene(EditorSession* session, QObject* parent)
    : QGraphicsScene(parent)
    , session_(session)
    , style_(EditorStyle::fromPalette(QGuiApplication::palette()))
    , wire_(std::make_unique<WireDrag>(this))
{
    setItemIndexMethod(QGraphicsScene::NoIndex);
    GraphDocument* doc = session->document();
    connect(doc, &GraphDocument::documentReset, this, &GraphScene::rebuild);
    connect(doc, &GraphDocument::nodeAdded, this, &GraphScene::addNodeItem);
    connect(doc, &GraphDocument::nodeRemoved, this, &GraphScene::removeNodeItem);
    connect(doc, &GraphDocument::nodeChanged, this, &GraphScene::nodeChanged);
    connect(doc, &GraphDocument::connectionAdded, this, &GraphScene::addEdgeItem);
    connect(doc, &GraphDocument::connectionRemoved, this, &GraphScene::removeEdgeItem);
    connect(doc, &GraphDocument::targetChanged, this, &GraphScene::refreshAll);
    connect(session, &EditorSession::evaluated, this, &GraphScene::refreshAll);
    connect(session, &EditorSession::overlayChanged, this, &GraphScene::refreshAll);
    connect(this, &QGraphicsScene::selectionChanged, this, &GraphScene::updateCurrent);
    rebuild();
}

GraphScene::~GraphScene()
{
    // Items are deleted by QGraphicsScene; the maps only point at them.
    disconnect(this, &QGraphicsScene::selectionChanged, this, &GraphScene::updateCurrent);
    nodes_.clear();
    edges_.clear();
}

const GraphData& GraphScene::data() const { return session_->data(); }

const GraphOverlay& GraphScene::overlay() const { return session_->overlay(); }

void GraphScene::setEditorStyle(const EditorStyle& style)
{
    style_ = style;
    refreshAll();
}

NodeItem* GraphScene::nodeItem(NodeId id) const
{
    auto it = nodes_.find(id);
    return it == nodes_.end() ? nullptr : it->second;
}

EdgeItem* GraphScene::edgeItem(ConnectionId id) const
{
    auto it = edges_.find(id);
    return it == edges_.end() ? nullptr : it->second;
}

std::vector<NodeId> GraphScene::selectedNodes() const
{
    std::vector<NodeId> ids;
    for (QGraphicsItem* item : selectedItems())
        if (item->type() == NodeItem::Type)
            ids.push_back(static_cast<NodeItem*>(item)->id());
    std::sort(ids.begin(), ids.end());
    return ids;
}

void GraphScene::selectNodes(const std::vector<NodeId>& ids)
{
    clearSelection();
    for (NodeId id : ids)
        if (NodeItem* item = nodeItem(id))
            item->setSelected(true);
}

QRectF GraphScene::graphBounds() const
{
    QRectF bounds;
    for (const auto& [id, item] : nodes_)
        bounds = bounds.united(item->sceneBoundingRect());
    for (const auto& [id, item] : edges_)
        bounds = bounds.united(item->sceneBoundingRect());
    return bounds;
}

QRectF GraphScene::nodeExtent(NodeId id) const
{
    NodeItem* item = nodeItem(id);
    if (!item)
        return QRectF(0, 0, NodeGeometry::minWidth, 60);
    const NodeGeometry& g = item->geometry();
    return g.box.united(g.tags).united(g.callout);
}

void GraphScene::rebuild()
{
    wire_->cancel();
    nodes_.clear();
    edges_.clear();
    clear();
    for (const auto& [id, node] : data().nodes)
        addNodeItem(id);
    for (const auto& [id, c] : data().connections)
        addEdgeItem(id);
    updateCurrent();
}

void GraphScene::addNodeItem(NodeId id)
{
    if (nodes_.count(id) || !data().node(id))
        return;
    auto* item = new NodeItem(this, id);
    nodes_[id] = item;
    addItem(item);
    item->setPos(data().node(id)->position);
    item->refresh();
}

void GraphScene::removeNodeItem(NodeId id)
{
    auto it = nodes_.find(id);
    if (it == nodes_.end())
        return;
    NodeItem* item = it->second;
    nodes_.erase(it);
    removeItem(item);
    delete item;
    if (current_ == id)
        updateCurrent();
}

void GraphScene::nodeChanged(NodeId id)
{
    NodeItem* item = nodeItem(id);
    const Node* node = data().node(id);
    if (!item || !node)
        return;
    if (item->pos() != node->position)
        item->setPos(node->position);
    item->refresh();
    refreshEdgesOf(id);
}

void GraphScene::addEdgeItem(ConnectionId id)
{
    const Connection* c = data().connection(id);
    if (edges_.count(id) || !c)
        return;
    auto* item = new EdgeItem(this, id);
    edges_[id] = item;
    addItem(item);
    item->refresh();
    if (NodeItem* to = nodeItem(c->to))
        to->refresh();
}

void GraphScene::removeEdgeItem(ConnectionId id)
{
    auto it = edges_.find(id);
    if (it == edges_.end())
        return;
    EdgeItem* item = it->second;
    const NodeId to = item->sink();
    edges_.erase(it);
    removeItem(item);
    delete item;
    if (NodeItem* node = nodeItem(to))
        node->refresh();
}

void GraphScene::refreshAll()
{
    for (const auto& [id, item] : nodes_)
        item->refresh();
    for (const auto& [id, item] : edges_)
        item->refresh();
    update();
}

void GraphScene::refreshEdgesOf(NodeId id)
{
    for (const Connection* c : data().inputsOf(id))
        if (EdgeItem* e = edgeItem(c->id))
            e->refresh();
    for (const Connection* c : data().outputsOf(id))
        if (EdgeItem* e = edgeItem(c->id))
            e->refresh();
}

void GraphScene::nodeMoved(NodeId id) { refreshEdgesOf(id); }

void GraphScene::updateCurrent()
{
    const std::vector<NodeId> selected = selectedNodes();
    NodeId next = current_;
    if (selected.size() == 1)
        next = selected.front();
    else if (selected.empty())
        next = {};
    else if (std::find(selected.begin(), selected.end(), current_) == selected.end())
        next = selected.back();
    if (next.valid() && !data().node(next))
        next = {};
    if (next == current_)
        return;
    current_ = next;
    emit currentNodeChanged(current_);
}

void GraphScene::beginWire(const PortRef& from, const QPointF& scenePos) { wire_->begin(from, scenePos); }

void GraphScene::moveWire(const QPointF& scenePos) { wire_->move(scenePos); }

void GraphScene::endWire(const QPointF& scenePos) { wire_->end(scenePos); }

bool GraphScene::wireActive() const { return wire_->active(); }

QString GraphScene::lastRefusal() const { return wire_->lastRefusal(); }

void GraphScene::mouseReleaseEvent(QGraphicsSceneMouseEvent* event)
{
    QGraphicsScene::mouseReleaseEvent(event);
    if (event->button() == Qt::LeftButton)
        commitMoves();
}

void GraphScene::commitMoves()
{
    std::vector<MoveNodesCommand::Move> moves;
    std::vector<NodeId> ids;
    for (const auto& [id, item] : nodes_) {
        const Node* node = data().node(id);
        if (!node || (item->pos() - node->position).manhattanLength() < 0.01)
            continue;
        moves.push_back({id, node->position, item->pos()});
        ids.push_back(id);
    }
    if (moves.empty())
        return;
    session_->noteHandPlaced(ids);
    session_->undoStack()->push(new MoveNodesCommand(session_->document(), std::move(moves)));
}

} // namespace gs
