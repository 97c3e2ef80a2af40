#include "ui/editor/GraphScene.h"

#include "document/GraphDocument.h"
#include "document/commands/NodeCommands.h"
#include "ui/editor/BodyFrameItem.h"
#include "ui/editor/CommentItem.h"
#include "ui/editor/EdgeItem.h"
#include "ui/editor/EditorSession.h"
#include "ui/editor/GroupFrameItem.h"
#include "ui/editor/HaloItem.h"
#include "ui/editor/NodeItem.h"
#include "ui/editor/ProbeItem.h"
#include "ui/editor/WireDrag.h"
#include "ui/editor/WireLabelLayer.h"
#include "ui/render/AnnotationPlacement.h"
#include "ui/render/GraphOverlay.h"

#include <QGraphicsSceneHelpEvent>
#include <QGraphicsSceneMouseEvent>
#include <QGuiApplication>
#include <QPalette>
#include <QTimer>
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
    connect(doc, &GraphDocument::groupAdded, this, &GraphScene::addGroupItem);
    connect(doc, &GraphDocument::groupRemoved, this, &GraphScene::removeGroupItem);
    connect(doc, &GraphDocument::groupChanged, this, &GraphScene::refreshGroups);
    connect(doc, &GraphDocument::commentAdded, this, &GraphScene::addCommentItem);
    connect(doc, &GraphDocument::commentRemoved, this, &GraphScene::removeCommentItem);
    connect(doc, &GraphDocument::commentChanged, this, [this](CommentId id) {
        if (CommentItem* item = commentItem(id))
            item->refresh();
    });
    connect(doc, &GraphDocument::targetChanged, this, &GraphScene::refreshAll);
    connect(session, &EditorSession::evaluated, this, &GraphScene::refreshAll);
    connect(session, &EditorSession::evaluated, this, [this] { // after refreshAll: the wires are in place
        for (const auto& [id, probe] : probes_)
            probe->sample();
    });
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
    frames_.clear();
    groups_.clear();
    comments_.clear();
    probes_.clear();
    halos_.clear();
    labels_ = nullptr;
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
    for (const auto& [id, item] : frames_)
        if (item->isVisible())
            bounds = bounds.united(item->sceneBoundingRect());
    for (const auto& [id, item] : groups_)
        if (item->isVisible())
            bounds = bounds.united(item->sceneBoundingRect());
    for (const auto& [id, item] : comments_)
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

namespace {
std::uint64_t portKey(NodeId id, PortIndex port)
{
    return (static_cast<std::uint64_t>(static_cast<std::uint32_t>(id.value)) << 32) | static_cast<std::uint32_t>(port);
}
} // namespace

bool GraphScene::inputConnected(NodeId id, PortIndex port) const { return connectedInputs_.count(portKey(id, port)) > 0; }

void GraphScene::rebuild()
{
    wire_->cancel();
    nodes_.clear();
    edges_.clear();
    frames_.clear();
    groups_.clear();
    comments_.clear();
    probes_.clear();
    halos_.clear();
    collapsed_.clear();
    connectedInputs_.clear();
    labels_ = nullptr; // deleted with every other item
    clear();
    labels_ = new WireLabelLayer(this);
    addItem(labels_);
    // Items are created first and refreshed once at the end, not once per wire.
    rebuilding_ = true;
    for (const auto& [id, c] : data().connections)
        connectedInputs_.insert(portKey(c.to, c.port));
    for (const auto& [id, node] : data().nodes)
        addNodeItem(id);
    for (const auto& [id, c] : data().connections)
        addEdgeItem(id);
    for (const auto& [id, g] : data().groups)
        addGroupItem(id);
    for (const auto& [id, c] : data().comments)
        addCommentItem(id);
    rebuilding_ = false;
    refreshAll();
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
    if (!rebuilding_) {
        item->refresh();
        schedulePlacement();
    }
    if (data().node(id)->kind == NodeKind::CustomGradient) {
        auto* frame = new BodyFrameItem(this, id);
        frames_[id] = frame;
        addItem(frame);
    }
    if (const NodeId owner = data().node(id)->scope; owner.valid() && !rebuilding_)
        if (auto it = frames_.find(owner); it != frames_.end())
            it->second->refresh();
}

void GraphScene::removeNodeItem(NodeId id)
{
    auto it = nodes_.find(id);
    if (it == nodes_.end())
        return;
    NodeItem* item = it->second;
    nodes_.erase(it);
    if (auto halo = halos_.find(id); halo != halos_.end()) {
        delete halo->second;
        halos_.erase(halo);
    }
    removeItem(item);
    delete item;
    schedulePlacement();
    if (auto frame = frames_.find(id); frame != frames_.end()) {
        removeItem(frame->second);
        delete frame->second;
        frames_.erase(frame);
    }
    refreshFrames();
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
    refreshHalo(id);
    refreshEdgesOf(id);
    schedulePlacement();
    if (!groups_.empty()) {
        applyCollapse(); // the node may have moved into or out of a collapsed scope
        refreshGroups();
    }
}

void GraphScene::addEdgeItem(ConnectionId id)
{
    const Connection* c = data().connection(id);
    if (edges_.count(id) || !c)
        return;
    auto* item = new EdgeItem(this, id);
    edges_[id] = item;
    addItem(item);
    connectedInputs_.insert(portKey(c->to, c->port));
    if (rebuilding_)
        return;
    item->refresh();
    if (NodeItem* to = nodeItem(c->to))
        to->refresh();
    refreshLabels();
    schedulePlacement();
}

void GraphScene::removeEdgeItem(ConnectionId id)
{
    auto it = edges_.find(id);
    if (it == edges_.end())
        return;
    EdgeItem* item = it->second;
    const NodeId to = item->sink();
    connectedInputs_.erase(portKey(to, item->sinkPort()));
    setProbe(id, false);
    edges_.erase(it);
    if (labels_ && item->isVisible())
        labels_->wireChanged(item->geometry().bounds);
    removeItem(item);
    delete item;
    if (NodeItem* node = nodeItem(to))
        node->refresh();
    refreshLabels();
    schedulePlacement();
}

void GraphScene::refreshAll()
{
    if (rebuilding_)
        return;
    for (const auto& [id, item] : nodes_)
        item->refresh();
    for (const auto& [id, item] : edges_)
        item->refresh();
    for (const auto& [id, halo] : halos_)
        halo->refresh();
    refreshFrames();
    refreshGroups();
    placeAnnotations();
    refreshProbes();
    update();
}

void GraphScene::refreshFrames()
{
    for (const auto& [id, frame] : frames_)
        frame->refresh();
}

void GraphScene::refreshEdgesOf(NodeId id)
{
    for (const Connection* c : data().inputsOf(id))
        if (EdgeItem* e = edgeItem(c->id))
            e->refresh();
    for (const Connection* c : data().outputsOf(id))
        if (EdgeItem* e = edgeItem(c->id))
            e->refresh();
    refreshLabels();
}

void GraphScene::refreshLabels()
{
    if (labels_ && !rebuilding_)
        labels_->refresh();
}

void GraphScene::nodeMoved(NodeId id)
{
    // Placing the items of a new document: rebuild() refreshes every wire once at the end (here,
    // each node would search every connection for its own: quadratic).
    if (rebuilding_)
        return;
    refreshHalo(id);
    refreshEdgesOf(id);
    schedulePlacement();
    if (!groups_.empty())
        refreshGroups();
    refreshProbes();
    if (const Node* n = data().node(id); n && n->scope.valid())
        if (auto it = frames_.find(n->scope); it != frames_.end())
            it->second->refresh();
}

GroupFrameItem* GraphScene::groupFrame(GroupId id) const
{
    auto it = groups_.find(id);
    return it == groups_.end() ? nullptr : it->second;
}

CommentItem* GraphScene::commentItem(CommentId id) const
{
    auto it = comments_.find(id);
    return it == comments_.end() ? nullptr : it->second;
}

void GraphScene::addGroupItem(GroupId id)
{
    if (groups_.count(id) || !data().groups.count(id))
        return;
    auto* item = new GroupFrameItem(this, id);
    groups_[id] = item;
    addItem(item);
    if (!rebuilding_)
        item->refresh();
}

void GraphScene::removeGroupItem(GroupId id)
{
    collapsed_.erase(id);
    if (auto it = groups_.find(id); it != groups_.end()) {
        removeItem(it->second);
        delete it->second;
        groups_.erase(it);
    }
    applyCollapse();
    refreshGroups();
}

void GraphScene::addCommentItem(CommentId id)
{
    if (comments_.count(id) || !data().comments.count(id))
        return;
    auto* item = new CommentItem(this, id);
    comments_[id] = item;
    addItem(item);
    item->refresh();
}

void GraphScene::removeCommentItem(CommentId id)
{
    if (auto it = comments_.find(id); it != comments_.end()) {
        removeItem(it->second);
        delete it->second;
        comments_.erase(it);
    }
}

ProbeItem* GraphScene::probe(ConnectionId id) const
{
    auto it = probes_.find(id);
    return it == probes_.end() ? nullptr : it->second;
}

void GraphScene::setProbe(ConnectionId id, bool pinned)
{
    auto it = probes_.find(id);
    if (!pinned && it != probes_.end()) {
        removeItem(it->second);
        delete it->second;
        probes_.erase(it);
    } else if (pinned && it == probes_.end() && edgeItem(id)) {
        auto* item = new ProbeItem(this, id);
        probes_[id] = item;
        addItem(item);
        item->sample();
    }
}

void GraphScene::refreshProbes()
{
    for (const auto& [id, probe] : probes_)
        probe->refresh();
}

void GraphScene::refreshGroups()
{
    for (const auto& [id, item] : groups_)
        item->refresh();
}

std::vector<GroupId> GraphScene::scopeChain(GroupId group) const
{
    std::vector<GroupId> chain;
    // Bounded walk: a damaged document must not hang the view with a parent cycle.
    for (GroupId g = group; g.valid() && chain.size() <= data().groups.size();) {
        chain.push_back(g);
        auto it = data().groups.find(g);
        g = it == data().groups.end() ? GroupId{} : it->second.parent;
    }
    return chain;
}

bool GraphScene::inScope(NodeId id, GroupId group) const
{
    const Node* n = data().node(id);
    const std::vector<GroupId> chain = scopeChain(n ? n->group : GroupId{});
    return std::find(chain.begin(), chain.end(), group) != chain.end();
}

GroupId GraphScene::hiddenBy(NodeId id) const
{
    if (collapsed_.empty())
        return {};
    const Node* n = data().node(id);
    GroupId outermost;
    for (GroupId g : scopeChain(n ? n->group : GroupId{}))
        if (collapsed_.count(g))
            outermost = g;
    return outermost;
}

QPointF GraphScene::outputAnchor(NodeId id) const
{
    if (const GroupId g = collapsed_.empty() ? GroupId{} : hiddenBy(id); g.valid())
        if (GroupFrameItem* frame = groupFrame(g)) {
            const QRectF box = frame->collapsedBox();
            return {box.right(), box.center().y()};
        }
    NodeItem* item = nodeItem(id);
    return item ? item->outputPortPos() : QPointF();
}

QPointF GraphScene::inputAnchor(NodeId id, PortIndex port) const
{
    if (const GroupId g = collapsed_.empty() ? GroupId{} : hiddenBy(id); g.valid())
        if (GroupFrameItem* frame = groupFrame(g)) {
            const QRectF box = frame->collapsedBox();
            return {box.left(), box.center().y()};
        }
    NodeItem* item = nodeItem(id);
    return item ? item->inputPortPos(port) : QPointF();
}

void GraphScene::setCollapsed(GroupId id, bool collapsed)
{
    if (!groups_.count(id) || isCollapsed(id) == collapsed)
        return;
    if (collapsed)
        collapsed_.insert(id);
    else
        collapsed_.erase(id);
    applyCollapse();
    refreshGroups();
    for (const auto& [cid, item] : edges_)
        item->refresh();
    for (const auto& [nid, halo] : halos_)
        halo->refresh();
    placeAnnotations();
    const Group& g = data().groups.at(id);
    emit message(collapsed ? tr("Scope %1 collapsed").arg(g.name) : tr("Scope %1 expanded").arg(g.name));
}

void GraphScene::applyCollapse()
{
    for (const auto& [id, item] : nodes_) {
        const bool hidden = !collapsed_.empty() && hiddenBy(id).valid();
        if (hidden)
            item->setSelected(false);
        item->setVisible(!hidden);
    }
}

void GraphScene::setHighlighted(const std::vector<NodeId>& ids)
{
    for (const auto& [id, halo] : halos_)
        delete halo;
    halos_.clear();
    for (NodeId id : ids)
        if (NodeItem* node = nodeItem(id); node && !halos_.count(id)) {
            auto* halo = new HaloItem(node);
            halos_[id] = halo;
            addItem(halo);
        }
}

std::vector<NodeId> GraphScene::highlighted() const
{
    std::vector<NodeId> ids;
    for (const auto& [id, halo] : halos_)
        ids.push_back(id);
    std::sort(ids.begin(), ids.end());
    return ids;
}

QRectF GraphScene::focusBounds() const
{
    QRectF bounds;
    for (const auto& [id, halo] : halos_)
        if (const NodeItem* node = nodeItem(id))
            bounds = bounds.united(node->sceneBoundingRect());
    if (bounds.isEmpty())
        for (const auto& [id, state] : session_->overlay().nodes)
            if (const NodeItem* node = state.target ? nodeItem(id) : nullptr)
                bounds = bounds.united(node->sceneBoundingRect());
    return bounds;
}

void GraphScene::refreshHalo(NodeId id)
{
    if (halos_.empty())
        return;
    if (auto it = halos_.find(id); it != halos_.end())
        it->second->refresh();
}

void GraphScene::schedulePlacement()
{
    if (rebuilding_ || placementPending_)
        return;
    placementPending_ = true;
    QTimer::singleShot(0, this, [this] {
        if (placementPending_)
            placeAnnotations();
    });
}

void GraphScene::placeAnnotations()
{
    placementPending_ = false;
    if (rebuilding_)
        return;
    const GraphOverlay& o = overlay();
    std::vector<NodeAt> nodes;
    std::vector<NodeItem*> nodeItems;
    nodes.reserve(nodes_.size());
    for (const auto& [id, item] : nodes_) // an unordered map: sorted below, for one answer
        if (item->isVisible())
            nodeItems.push_back(item);
    std::sort(nodeItems.begin(), nodeItems.end(), [](const NodeItem* a, const NodeItem* b) { return a->id() < b->id(); });
    for (NodeItem* item : nodeItems)
        nodes.push_back({item->pos(), &item->geometry(), o.node(item->id()).active});
    std::vector<EdgeItem*> edgeItems;
    for (const auto& [id, item] : edges_)
        if (item->isVisible())
            edgeItems.push_back(item);
    std::sort(edgeItems.begin(), edgeItems.end(), [](const EdgeItem* a, const EdgeItem* b) { return a->id() < b->id(); });
    std::vector<WireAt> wires;
    wires.reserve(edgeItems.size());
    for (EdgeItem* item : edgeItems)
        wires.push_back({&item->geometry(), item->look().width, item->look().arrow, item->look().valve, o.edge(item->id()).active});
    // What the user put on the canvas stays readable too: notes and collapsed scopes.
    std::vector<QRectF> obstacles;
    for (const auto& [id, comment] : comments_)
        obstacles.push_back(comment->sceneBoundingRect());
    for (const auto& [id, group] : groups_)
        if (group->isVisible() && isCollapsed(id))
            obstacles.push_back(group->collapsedBox());
    const AnnotationPlacement placement = gs::placeAnnotations(nodes, wires, obstacles);
    for (std::size_t i = 0; i < nodeItems.size(); ++i)
        nodeItems[i]->setCalloutPlace(placement.callouts[i]);
    for (std::size_t i = 0; i < edgeItems.size(); ++i)
        edgeItems[i]->setLabelSpot(placement.labels[i]);
    refreshLabels();
}

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

void GraphScene::helpEvent(QGraphicsSceneHelpEvent* event)
{
    for (QGraphicsItem* item : items(event->scenePos())) {
        if (item->type() == NodeItem::Type)
            static_cast<NodeItem*>(item)->ensureToolTip();
        else if (item->type() == EdgeItem::Type)
            static_cast<EdgeItem*>(item)->ensureToolTip();
    }
    QGraphicsScene::helpEvent(event);
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
