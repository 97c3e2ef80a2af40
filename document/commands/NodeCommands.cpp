#include "document/commands/NodeCommands.h"

#include "document/NodeNames.h"

#include <algorithm>
#include <unordered_set>

namespace gs {

namespace {
/// "variable w1", "mul", "custom_gradient": how command texts name a node.
QString what(const Node& node)
{
    const QString kind = node.kind == NodeKind::Op ? node.op : nodeKindName(node.kind);
    return node.label.isEmpty() ? kind : kind + u' ' + node.label;
}
} // namespace

AddNodeCommand::AddNodeCommand(GraphDocument* document, Node node, QUndoCommand* parent)
    : QUndoCommand(parent)
    , document_(document)
    , node_(std::move(node))
{
    setText(tr("Add %1").arg(what(node_)));
}

void AddNodeCommand::redo()
{
    const NodeId id = document_->addNode(node_);
    if (!id.valid()) {
        setObsolete(true);
        return;
    }
    node_.id = id;
}

void AddNodeCommand::undo() { document_->removeNode(node_.id); }

RemoveNodesCommand::RemoveNodesCommand(GraphDocument* document, const std::vector<NodeId>& ids, QUndoCommand* parent)
    : QUndoCommand(parent)
    , document_(document)
{
    const GraphData& data = document->data();
    std::unordered_set<NodeId> removed;
    for (NodeId id : ids)
        if (const Node* n = data.node(id); n && removed.insert(id).second)
            nodes_.push_back(*n);
    for (const auto& [id, n] : data.nodes)
        if (n.scope.valid() && removed.count(n.scope) && removed.insert(id).second)
            nodes_.push_back(n);
    // Owners first, so that undo can add them before their bodies.
    std::stable_partition(nodes_.begin(), nodes_.end(), [](const Node& n) { return !n.scope.valid(); });
    for (const auto& [id, c] : data.connections)
        if (removed.count(c.from) || removed.count(c.to))
            connections_.push_back(c);
    if (removed.count(data.target))
        target_ = data.target;
    setText(nodes_.size() == 1 ? tr("Delete %1").arg(what(nodes_.front()))
                               : tr("Delete %n nodes", nullptr, static_cast<int>(nodes_.size())));
}

void RemoveNodesCommand::redo()
{
    for (const Connection& c : connections_)
        document_->disconnect(c.id);
    for (auto it = nodes_.rbegin(); it != nodes_.rend(); ++it)
        document_->removeNode(it->id);
}

void RemoveNodesCommand::undo()
{
    for (const Node& n : nodes_)
        document_->addNode(n);
    for (const Connection& c : connections_)
        document_->connect(c);
    if (target_.valid())
        document_->setTarget(target_);
}

EditNodeCommand::EditNodeCommand(GraphDocument* document, Node after, const QString& text, QUndoCommand* parent)
    : QUndoCommand(text, parent)
    , document_(document)
    , after_(std::move(after))
{
    if (const Node* n = document->data().node(after_.id))
        before_ = *n;
}

void EditNodeCommand::redo()
{
    if (!before_.id.valid() || !document_->setNode(after_))
        setObsolete(true);
}

void EditNodeCommand::undo() { document_->setNode(before_); }

MoveNodesCommand::MoveNodesCommand(GraphDocument* document, std::vector<Move> moves, QUndoCommand* parent)
    : QUndoCommand(parent)
    , document_(document)
    , moves_(std::move(moves))
{
    setText(moves_.size() == 1 ? tr("Move %1").arg(friendlyName(document->data(), moves_.front().id))
                               : tr("Move %n nodes", nullptr, static_cast<int>(moves_.size())));
}

MoveNodesCommand* MoveNodesCommand::to(GraphDocument* document, const std::vector<std::pair<NodeId, QPointF>>& positions)
{
    std::vector<Move> moves;
    for (const auto& [id, to] : positions)
        if (const Node* n = document->data().node(id))
            moves.push_back(Move{id, n->position, to});
    return new MoveNodesCommand(document, std::move(moves));
}

void MoveNodesCommand::redo()
{
    for (const Move& m : moves_)
        document_->setNodePosition(m.id, m.to);
}

void MoveNodesCommand::undo()
{
    for (const Move& m : moves_)
        document_->setNodePosition(m.id, m.from);
}

} // namespace gs
