#pragma once

#include "document/GraphDocument.h"

#include <QCoreApplication>
#include <QUndoCommand>

#include <vector>

namespace gs {

// Undo commands for nodes. Every command changes the document by id and keeps what it needs to
// undo as plain data, never pointers into the document; the document must outlive the stack.
// A command whose first redo() is refused (a connection that would make a cycle, say) marks
// itself obsolete, so QUndoStack::push() drops it and the document stays as it was.

/// Adds one node (its id is chosen on the first redo and kept for later ones).
class AddNodeCommand : public QUndoCommand {
    Q_DECLARE_TR_FUNCTIONS(AddNodeCommand)
public:
    AddNodeCommand(GraphDocument* document, Node node, QUndoCommand* parent = nullptr);
    void redo() override;
    void undo() override;
    NodeId nodeId() const { return node_.id; }

private:
    GraphDocument* document_;
    Node node_;
};

/// Removes nodes with everything attached: their connections, the body of a custom gradient, the
/// target mark. One command for a whole selection.
class RemoveNodesCommand : public QUndoCommand {
    Q_DECLARE_TR_FUNCTIONS(RemoveNodesCommand)
public:
    RemoveNodesCommand(GraphDocument* document, const std::vector<NodeId>& ids, QUndoCommand* parent = nullptr);
    void redo() override;
    void undo() override;

private:
    GraphDocument* document_;
    std::vector<Node> nodes_; ///< owners before their bodies
    std::vector<Connection> connections_;
    NodeId target_;
};

/// Replaces a node's fields (label, op, attributes, value, trainable, group, number of ports):
/// one edit in the inspector is one command.
class EditNodeCommand : public QUndoCommand {
    Q_DECLARE_TR_FUNCTIONS(EditNodeCommand)
public:
    EditNodeCommand(GraphDocument* document, Node after, const QString& text, QUndoCommand* parent = nullptr);
    void redo() override;
    void undo() override;

private:
    GraphDocument* document_;
    Node before_;
    Node after_;
};

/// Moves nodes: a whole drag is one command, pushed when the drag ends. `from` gives where the
/// drag started when the view already moved the nodes while dragging.
class MoveNodesCommand : public QUndoCommand {
    Q_DECLARE_TR_FUNCTIONS(MoveNodesCommand)
public:
    struct Move {
        NodeId id;
        QPointF from;
        QPointF to;
    };
    MoveNodesCommand(GraphDocument* document, std::vector<Move> moves, QUndoCommand* parent = nullptr);
    /// Moves from where the nodes are now.
    static MoveNodesCommand* to(GraphDocument* document, const std::vector<std::pair<NodeId, QPointF>>& positions);
    void redo() override;
    void undo() override;

private:
    GraphDocument* document_;
    std::vector<Move> moves_;
};

} // namespace gs
