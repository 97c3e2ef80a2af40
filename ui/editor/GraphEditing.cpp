#include "ui/editor/GraphEditing.h"

#include "document/GraphDocument.h"
#include "document/commands/DocumentCommands.h"
#include "document/commands/NodeCommands.h"
#include "ui/editor/EditorSession.h"
#include "ui/editor/GraphClipboard.h"
#include "ui/editor/GraphScene.h"
#include "ui/editor/NodeFactory.h"

#include <QClipboard>
#include <QGuiApplication>
#include <QMimeData>
#include <QUndoStack>

#include <algorithm>

namespace gs {

namespace {
constexpr double duplicateOffset = 40.0;
}

GraphEditing::GraphEditing(EditorSession* session, GraphScene* scene, QObject* parent)
    : QObject(parent)
    , session_(session)
    , scene_(scene)
{
}

void GraphEditing::addFromPalette(const QString& key, const QPointF& position)
{
    const std::vector<Node> nodes = nodesForEntry(session_->data(), key, position);
    if (nodes.empty())
        return;
    GraphDocument* doc = session_->document();
    QUndoStack* stack = session_->undoStack();
    if (nodes.size() == 1) {
        auto* command = new AddNodeCommand(doc, nodes.front());
        stack->push(command);
        scene_->selectNodes({command->nodeId()});
        return;
    }
    stack->beginMacro(QObject::tr("Add %1").arg(nodes.front().kind == NodeKind::CustomGradient
                                                    ? QStringLiteral("custom_gradient")
                                                    : nodes.front().op));
    for (const Node& n : nodes)
        stack->push(new AddNodeCommand(doc, n));
    stack->endMacro();
    scene_->selectNodes({nodes.front().id});
}

void GraphEditing::deleteSelection()
{
    const std::vector<NodeId> ids = scene_->selectedNodes();
    if (ids.empty())
        return;
    session_->undoStack()->push(new RemoveNodesCommand(session_->document(), ids));
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
