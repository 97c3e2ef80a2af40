#include "ui/editor/GraphEditing.h"

#include "document/GraphDocument.h"
#include "document/NodeNames.h"
#include "document/commands/DocumentCommands.h"
#include "document/commands/NodeCommands.h"
#include "document/commands/AnnotationCommands.h"
#include "document/commands/ConnectionCommands.h"
#include "ui/editor/CommentItem.h"
#include "ui/editor/ConnectCheck.h"
#include "ui/editor/EditorSession.h"
#include "ui/editor/FreeSpot.h"
#include "ui/editor/GraphClipboard.h"
#include "ui/editor/GraphScene.h"
#include "ui/editor/GroupFrameItem.h"
#include "ui/editor/NodeFactory.h"
#include "ui/editor/PortRef.h"

#include <QClipboard>
#include <QGuiApplication>
#include <QMimeData>
#include <QUndoStack>

#include <algorithm>

namespace gs {

namespace {
constexpr double duplicateOffset = 40.0;
/// About the size of a node just added, once evaluated: a value without one says so under its
/// value (a line more), and the evaluation comes after the node is placed.
constexpr QSizeF newNodeSize{150, 96};
}

GraphEditing::GraphEditing(EditorSession* session, GraphScene* scene, QObject* parent)
    : QObject(parent)
    , session_(session)
    , scene_(scene)
{
}

NodeId GraphEditing::addFromPalette(const QString& key, const QPointF& position)
{
    // Never on top of a node already there (two double-clicks in the palette line up).
    const std::vector<Node> nodes = nodesForEntry(session_->data(), key, freeSpot(*scene_, position, newNodeSize));
    if (nodes.empty())
        return {};
    GraphDocument* doc = session_->document();
    QUndoStack* stack = session_->undoStack();
    if (nodes.size() == 1) {
        auto* command = new AddNodeCommand(doc, nodes.front());
        stack->push(command);
        scene_->selectNodes({command->nodeId()});
        return command->nodeId();
    }
    stack->beginMacro(QObject::tr("Add %1").arg(nodes.front().kind == NodeKind::CustomGradient
                                                    ? QStringLiteral("custom_gradient")
                                                    : nodes.front().op));
    for (const Node& n : nodes)
        stack->push(new AddNodeCommand(doc, n));
    stack->endMacro();
    scene_->selectNodes({nodes.front().id});
    return nodes.front().id;
}

void GraphEditing::addWiredTo(const QString& key, const QPointF& position, const PortRef& anchor)
{
    GraphDocument* doc = session_->document();
    QUndoStack* stack = session_->undoStack();
    stack->beginMacro(tr("Add and connect"));
    const NodeId added = addFromPalette(key, position);
    const Node* node = doc->data().node(added);
    bool wired = false;
    if (node && anchor.output) {
        for (PortIndex p = 0; p < PortIndex(node->ports) && !wired; ++p)
            if (connectionRefusal(doc->data(), anchor.node, added, p).isEmpty()) {
                stack->push(new ConnectCommand(doc, anchor.node, added, p));
                wired = true;
            }
    } else if (node && connectionRefusal(doc->data(), added, anchor.node, anchor.port).isEmpty()) {
        stack->push(new ConnectCommand(doc, added, anchor.node, anchor.port));
        wired = true;
    }
    stack->endMacro();
    if (node && !wired)
        emit message(tr("Added %1, but it cannot take this wire").arg(friendlyName(doc->data(), added)));
}

void GraphEditing::deleteSelection()
{
    const std::vector<NodeId> ids = scene_->selectedNodes();
    std::vector<CommentId> comments;
    for (QGraphicsItem* item : scene_->selectedItems())
        if (item->type() == CommentItem::Type && !static_cast<CommentItem*>(item)->editing())
            comments.push_back(static_cast<CommentItem*>(item)->id());
    if (ids.empty() && comments.empty())
        return;
    QUndoStack* stack = session_->undoStack();
    GraphDocument* doc = session_->document();
    stack->beginMacro(tr("Delete"));
    for (CommentId c : comments)
        stack->push(new RemoveCommentCommand(doc, c));
    if (!ids.empty())
        stack->push(new RemoveNodesCommand(doc, ids));
    stack->endMacro();
}

void GraphEditing::groupSelection(const QString& name)
{
    const std::vector<NodeId> ids = scene_->selectedNodes();
    if (ids.empty()) {
        emit message(tr("Select the nodes to put in a scope first"));
        return;
    }
    const GraphData& data = session_->data();
    Group group;
    group.id = data.nextGroupId();
    group.name = name;
    for (int n = 1; group.name.isEmpty(); ++n) {
        const QString candidate = QStringLiteral("scope%1").arg(n);
        const bool taken = std::any_of(data.groups.begin(), data.groups.end(),
                                       [&](const auto& g) { return g.second.name == candidate; });
        if (!taken)
            group.name = candidate;
    }
    // The new scope nests inside the scope the nodes share, if they share one.
    const Node* first = data.node(ids.front());
    const bool shared = first && std::all_of(ids.begin(), ids.end(), [&](NodeId id) {
        const Node* n = data.node(id);
        return n && n->group == first->group;
    });
    if (shared)
        group.parent = first->group;
    session_->undoStack()->push(new AddGroupCommand(session_->document(), group, ids));
    emit message(tr("Scope %1 made of %n node(s); double-click its title to rename it", nullptr, int(ids.size())).arg(group.name));
}

void GraphEditing::ungroupSelection()
{
    std::vector<GroupId> groups;
    for (NodeId id : scene_->selectedNodes())
        if (const Node* n = session_->data().node(id); n && n->group.valid()
            && std::find(groups.begin(), groups.end(), n->group) == groups.end())
            groups.push_back(n->group);
    for (QGraphicsItem* item : scene_->selectedItems())
        if (item->type() == GroupFrameItem::Type)
            groups.push_back(static_cast<GroupFrameItem*>(item)->id());
    if (groups.empty())
        return;
    QUndoStack* stack = session_->undoStack();
    stack->beginMacro(tr("Ungroup"));
    for (GroupId g : groups)
        stack->push(new RemoveGroupCommand(session_->document(), g));
    stack->endMacro();
}

void GraphEditing::addComment(const QPointF& position, const QString& text)
{
    Comment comment;
    comment.id = session_->data().nextCommentId();
    comment.position = position;
    comment.text = text.isEmpty() ? tr("A note for the class") : text;
    session_->undoStack()->push(new AddCommentCommand(session_->document(), comment));
    if (CommentItem* item = scene_->commentItem(comment.id)) {
        scene_->clearSelection();
        item->setSelected(true);
        item->beginEditing();
    }
}

void GraphEditing::copySelection()
{
    const std::vector<NodeId> ids = scene_->selectedNodes();
    if (ids.empty())
        return;
    QGuiApplication::clipboard()->setMimeData(mimeForSubgraph(extractSubgraph(session_->data(), ids)));
    emit message(tr("Copied %n node(s)", nullptr, static_cast<int>(ids.size())));
}

void GraphEditing::cutSelection()
{
    copySelection();
    deleteSelection();
}

bool GraphEditing::canPaste() const
{
    const QMimeData* mime = QGuiApplication::clipboard()->mimeData();
    return mime && (mime->hasFormat(QString::fromLatin1(graphMimeType)) || mime->hasText());
}

void GraphEditing::paste(const QPointF& at)
{
    const auto sub = subgraphFromMime(QGuiApplication::clipboard()->mimeData());
    if (!sub) {
        emit message(tr("Nothing to paste: the clipboard holds neither nodes nor a formula"));
        return;
    }
    pasteSubgraph(*sub, at, tr("Paste %n node(s)", nullptr, static_cast<int>(sub->nodes.size())));
}

void GraphEditing::duplicateSelection()
{
    const std::vector<NodeId> ids = scene_->selectedNodes();
    if (ids.empty())
        return;
    const GraphData sub = extractSubgraph(session_->data(), ids);
    QPointF topLeft(1e18, 1e18);
    for (const auto& [id, n] : sub.nodes)
        if (!n.scope.valid())
            topLeft = QPointF(std::min(topLeft.x(), n.position.x()), std::min(topLeft.y(), n.position.y()));
    pasteSubgraph(sub, topLeft + QPointF(duplicateOffset, duplicateOffset),
                  tr("Duplicate %n node(s)", nullptr, static_cast<int>(sub.nodes.size())));
}

void GraphEditing::pasteSubgraph(const GraphData& sub, const QPointF& at, const QString& text)
{
    std::vector<NodeId> added;
    session_->undoStack()->push(pasteCommand(session_->document(), sub, at, &added, text));
    scene_->selectNodes(added);
}

void GraphEditing::selectAll()
{
    std::vector<NodeId> ids;
    for (const auto& [id, n] : session_->data().nodes)
        ids.push_back(id);
    scene_->selectNodes(ids);
}

void GraphEditing::setTarget(NodeId id)
{
    const Node* n = session_->data().node(id);
    if (!n || n->scope.valid() || session_->data().target == id)
        return;
    session_->undoStack()->push(new SetTargetCommand(session_->document(), id));
}

bool GraphEditing::isWatched(NodeId id) const
{
    const std::vector<NodeId> sources = session_->watchedSources();
    return std::find(sources.begin(), sources.end(), id) != sources.end();
}

void GraphEditing::setWatched(NodeId id, bool watched)
{
    const Node* n = session_->data().node(id);
    if (!n || n->scope.valid())
        return;
    std::vector<NodeId> sources = session_->watched() ? *session_->watched() : session_->watchedSources();
    auto it = std::find(sources.begin(), sources.end(), id);
    if (watched && it == sources.end())
        sources.push_back(id);
    else if (!watched && it != sources.end())
        sources.erase(it);
    else
        return;
    session_->setWatched(sources);
}

} // namespace gs
