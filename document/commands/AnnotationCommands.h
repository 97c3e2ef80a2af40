#pragma once

#include "document/GraphDocument.h"

#include <QCoreApplication>
#include <QUndoCommand>

#include <vector>

namespace gs {

// Undo commands for groups (name scopes) and comments.

class AddGroupCommand : public QUndoCommand {
    Q_DECLARE_TR_FUNCTIONS(AddGroupCommand)
public:
    /// Adds `group` and puts `members` in it.
    AddGroupCommand(GraphDocument* document, Group group, const std::vector<NodeId>& members = {},
                    QUndoCommand* parent = nullptr);
    void redo() override;
    void undo() override;
    GroupId groupId() const { return group_.id; }

private:
    GraphDocument* document_;
    Group group_;
    std::vector<std::pair<NodeId, GroupId>> members_; ///< node and its group before
};

/// Removes a group; what was in it moves to the group's parent.
class RemoveGroupCommand : public QUndoCommand {
    Q_DECLARE_TR_FUNCTIONS(RemoveGroupCommand)
public:
    RemoveGroupCommand(GraphDocument* document, GroupId id, QUndoCommand* parent = nullptr);
    void redo() override;
    void undo() override;

private:
    GraphDocument* document_;
    std::optional<Group> group_;
    std::vector<NodeId> nodes_;
    std::vector<CommentId> comments_;
    std::vector<GroupId> children_;
};

/// Renames or re-parents a group (refused when the group would end up inside itself).
class EditGroupCommand : public QUndoCommand {
    Q_DECLARE_TR_FUNCTIONS(EditGroupCommand)
public:
    EditGroupCommand(GraphDocument* document, Group after, QUndoCommand* parent = nullptr);
    void redo() override;
    void undo() override;

private:
    GraphDocument* document_;
    std::optional<Group> before_;
    Group after_;
};

class AddCommentCommand : public QUndoCommand {
    Q_DECLARE_TR_FUNCTIONS(AddCommentCommand)
public:
    AddCommentCommand(GraphDocument* document, Comment comment, QUndoCommand* parent = nullptr);
    void redo() override;
    void undo() override;
    CommentId commentId() const { return comment_.id; }

private:
    GraphDocument* document_;
    Comment comment_;
};

class RemoveCommentCommand : public QUndoCommand {
    Q_DECLARE_TR_FUNCTIONS(RemoveCommentCommand)
public:
    RemoveCommentCommand(GraphDocument* document, CommentId id, QUndoCommand* parent = nullptr);
    void redo() override;
    void undo() override;

private:
    GraphDocument* document_;
    std::optional<Comment> comment_;
};

/// Changes a comment's text, place or group.
class EditCommentCommand : public QUndoCommand {
    Q_DECLARE_TR_FUNCTIONS(EditCommentCommand)
public:
    EditCommentCommand(GraphDocument* document, Comment after, const QString& text, QUndoCommand* parent = nullptr);
    void redo() override;
    void undo() override;

private:
    GraphDocument* document_;
    std::optional<Comment> before_;
    Comment after_;
};

} // namespace gs
