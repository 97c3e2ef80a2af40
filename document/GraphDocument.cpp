#include "document/GraphDocument.h"

namespace gs {

namespace {
void setError(QString* error, const QString& message)
{
    if (error)
        *error = message;
}
} // namespace

GraphDocument::GraphDocument(QObject* parent)
    : QObject(parent)
{
}

void GraphDocument::reset(GraphData data)
{
    data_ = std::move(data);
    emit documentReset();
    emit changed();
}

NodeId GraphDocument::addNode(Node node, QString* error)
{
    if (!node.id.valid())
        node.id = data_.nextNodeId();
    if (data_.node(node.id)) {
        setError(error, QStringLiteral("node %1 already exists").arg(node.id.value));
        return {};
    }
    if (node.scope.valid()) {
        const Node* owner = data_.node(node.scope);
        if (!owner || owner->kind != NodeKind::CustomGradient) {
            setError(error, QStringLiteral("node %1 is not a custom gradient").arg(node.scope.value));
            return {};
        }
    }
    const NodeId id = node.id;
    data_.nodes.emplace(id, std::move(node));
    emit nodeAdded(id);
    emit changed();
    return id;
}

std::optional<Node> GraphDocument::removeNode(NodeId id, QString* error)
{
    auto it = data_.nodes.find(id);
    if (it == data_.nodes.end()) {
        setError(error, QStringLiteral("no node %1").arg(id.value));
        return std::nullopt;
    }
    for (const auto& [cid, c] : data_.connections)
        if (c.from == id || c.to == id) {
            setError(error, QStringLiteral("%1 still has connections").arg(data_.displayName(id)));
            return std::nullopt;
        }
    for (const auto& [nid, n] : data_.nodes)
        if (n.scope == id) {
            setError(error, QStringLiteral("%1 still has body nodes").arg(data_.displayName(id)));
            return std::nullopt;
        }
    Node removed = std::move(it->second);
    data_.nodes.erase(it);
    const bool wasTarget = data_.target == id;
    if (wasTarget)
        data_.target = {};
    emit nodeRemoved(id);
    if (wasTarget)
        emit targetChanged({});
    emit changed();
    return removed;
}

bool GraphDocument::setNode(const Node& node, QString* error)
{
    Node* existing = data_.node(node.id);
    if (!existing) {
        setError(error, QStringLiteral("no node %1").arg(node.id.value));
        return false;
    }
    if (*existing == node)
        return true;
    if (existing->scope != node.scope || existing->kind != node.kind) {
        setError(error, QStringLiteral("the kind and scope of %1 cannot change").arg(data_.displayName(node.id)));
        return false;
    }
    for (const auto& [cid, c] : data_.connections)
        if (c.to == node.id && c.port >= node.ports) {
            setError(error, QStringLiteral("input port %1 of %2 is still connected").arg(c.port).arg(data_.displayName(node.id)));
            return false;
        }
    *existing = node;
    emit nodeChanged(node.id);
    emit changed();
    return true;
}

void GraphDocument::setNodePosition(NodeId id, QPointF position)
{
    Node* n = data_.node(id);
    if (!n || n->position == position)
        return;
    n->position = position;
    emit nodeChanged(id);
    emit changed();
}

ConnectionId GraphDocument::connect(Connection connection, QString* error)
{
    if (!connection.id.valid())
        connection.id = data_.nextConnectionId();
    if (data_.connection(connection.id)) {
        setError(error, QStringLiteral("connection %1 already exists").arg(connection.id.value));
        return {};
    }
    const QString why = data_.connectError(connection.from, connection.to, connection.port);
    if (!why.isEmpty()) {
        setError(error, why);
        return {};
    }
    const ConnectionId id = connection.id;
    data_.connections.emplace(id, connection);
    emit connectionAdded(id);
    emit changed();
    return id;
}

std::optional<Connection> GraphDocument::disconnect(ConnectionId id)
{
    auto it = data_.connections.find(id);
    if (it == data_.connections.end())
        return std::nullopt;
    const Connection removed = it->second;
    data_.connections.erase(it);
    emit connectionRemoved(id);
    emit changed();
    return removed;
}

GroupId GraphDocument::addGroup(Group group)
{
    if (!group.id.valid())
        group.id = data_.nextGroupId();
    if (data_.groups.count(group.id))
        return {};
    const GroupId id = group.id;
    data_.groups.emplace(id, std::move(group));
    emit groupAdded(id);
    emit changed();
    return id;
}

std::optional<Group> GraphDocument::removeGroup(GroupId id)
{
    auto it = data_.groups.find(id);
    if (it == data_.groups.end())
        return std::nullopt;
    Group removed = std::move(it->second);
    data_.groups.erase(it);
    emit groupRemoved(id);
    emit changed();
    return removed;
}

void GraphDocument::setGroup(const Group& group)
{
    auto it = data_.groups.find(group.id);
    if (it == data_.groups.end() || it->second == group)
        return;
    it->second = group;
    emit groupChanged(group.id);
    emit changed();
}

CommentId GraphDocument::addComment(Comment comment)
{
    if (!comment.id.valid())
        comment.id = data_.nextCommentId();
    if (data_.comments.count(comment.id))
        return {};
    const CommentId id = comment.id;
    data_.comments.emplace(id, std::move(comment));
    emit commentAdded(id);
    emit changed();
    return id;
}

std::optional<Comment> GraphDocument::removeComment(CommentId id)
{
    auto it = data_.comments.find(id);
    if (it == data_.comments.end())
        return std::nullopt;
    Comment removed = std::move(it->second);
    data_.comments.erase(it);
    emit commentRemoved(id);
    emit changed();
    return removed;
}

void GraphDocument::setComment(const Comment& comment)
{
    auto it = data_.comments.find(comment.id);
    if (it == data_.comments.end() || it->second == comment)
        return;
    it->second = comment;
    emit commentChanged(comment.id);
    emit changed();
}

void GraphDocument::setTarget(NodeId id)
{
    if (data_.target == id || (id.valid() && !data_.node(id)))
        return;
    data_.target = id;
    emit targetChanged(id);
    emit changed();
}

void GraphDocument::setLesson(const LessonInfo& lesson)
{
    if (data_.lesson == lesson)
        return;
    data_.lesson = lesson;
    emit lessonChanged();
    emit changed();
}

void GraphDocument::setSavedValues(const QMap<QString, TensorValue>& values)
{
    if (data_.savedValues == values)
        return;
    data_.savedValues = values;
    emit savedValuesChanged();
    emit changed();
}

} // namespace gs
