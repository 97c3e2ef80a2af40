#pragma once

#include "document/GraphData.h"

#include <QObject>

namespace gs {

/// The single source of truth for what the user built. It speaks in ids and signals every change
/// once, after it happened. Undo commands (document/commands/) are the only callers of the
/// mutating functions in the application; they keep whatever they need to undo as plain data.
///
/// Mutators check what would make the document inconsistent (a connection that would make a
/// cycle, an id that is taken, a node that still has connections) and refuse it with a reason
/// instead of changing anything.
class GraphDocument : public QObject {
    Q_OBJECT
public:
    explicit GraphDocument(QObject* parent = nullptr);

    const GraphData& data() const { return data_; }

    /// Replaces everything (loading a file, pasting a formula). Emits documentReset().
    void reset(GraphData data);

    /// Adds `node`; an invalid id gets the next free one, a valid id must be free. Returns the id,
    /// or an invalid id (with `error` set) when refused.
    NodeId addNode(Node node, QString* error = nullptr);
    /// Removes a node that has no connections and returns it. The target is cleared if it was it.
    std::optional<Node> removeNode(NodeId id, QString* error = nullptr);
    /// Replaces the fields of the node with the same id (label, attrs, value, ...). Its kind and
    /// scope cannot change, nor can ports that are still connected go away.
    bool setNode(const Node& node, QString* error = nullptr);
    void setNodePosition(NodeId id, QPointF position);

    /// Adds a connection (see GraphData::connectError for what is refused). An invalid id gets the
    /// next free one.
    ConnectionId connect(Connection connection, QString* error = nullptr);
    std::optional<Connection> disconnect(ConnectionId id);

    GroupId addGroup(Group group);
    std::optional<Group> removeGroup(GroupId id);
    void setGroup(const Group& group);

    CommentId addComment(Comment comment);
    std::optional<Comment> removeComment(CommentId id);
    void setComment(const Comment& comment);

    void setTarget(NodeId id);
    void setLesson(const LessonInfo& lesson);
    void setSavedValues(const QMap<QString, TensorValue>& values);

signals:
    void documentReset();
    void nodeAdded(gs::NodeId id);
    void nodeRemoved(gs::NodeId id);
    void nodeChanged(gs::NodeId id);
    void connectionAdded(gs::ConnectionId id);
    void connectionRemoved(gs::ConnectionId id);
    void groupAdded(gs::GroupId id);
    void groupRemoved(gs::GroupId id);
    void groupChanged(gs::GroupId id);
    void commentAdded(gs::CommentId id);
    void commentRemoved(gs::CommentId id);
    void commentChanged(gs::CommentId id);
    void targetChanged(gs::NodeId id);
    void lessonChanged();
    void savedValuesChanged();
    /// After any of the above: something changed (for views that simply redraw).
    void changed();

private:
    GraphData data_;
};

} // namespace gs
