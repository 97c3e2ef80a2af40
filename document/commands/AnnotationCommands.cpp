#include "document/commands/AnnotationCommands.h"

namespace gs {

namespace {
void setNodeGroup(GraphDocument* document, NodeId id, GroupId group)
{
    if (const Node* n = document->data().node(id)) {
        Node changed = *n;
        changed.group = group;
        document->setNode(changed);
    }
}

void setCommentGroup(GraphDocument* document, CommentId id, GroupId group)
{
    auto it = document->data().comments.find(id);
    if (it != document->data().comments.end()) {
        Comment changed = it->second;
        changed.group = group;
        document->setComment(changed);
    }
}

void setGroupParent(GraphDocument* document, GroupId id, GroupId parent)
{
    auto it = document->data().groups.find(id);
    if (it != document->data().groups.end()) {
        Group changed = it->second;
        changed.parent = parent;
        document->setGroup(changed);
    }
}

/// True when making `parent` the parent of `id` would put the group inside itself.
bool insideItself(const GraphData& data, GroupId id, GroupId parent)
{
    for (std::size_t steps = 0; parent.valid() && steps <= data.groups.size(); ++steps) {
        if (parent == id)
            return true;
        auto it = data.groups.find(parent);
        parent = it == data.groups.end() ? GroupId{} : it->second.parent;
    }
    return parent.valid();
}
} // namespace

AddGroupCommand::AddGroupCommand(GraphDocument* document, Group group, const std::vector<NodeId>& members,
                                 QUndoCommand* parent)
    : QUndoCommand(parent)
    , document_(document)
    , group_(std::move(group))
{
    for (NodeId id : members)
        if (const Node* n = document->data().node(id))
            members_.emplace_back(id, n->group);
    setText(tr("Add group %1").arg(group_.name));
}

void AddGroupCommand::redo()
{
    if (group_.parent.valid() && !document_->data().groups.count(group_.parent)) {
        setObsolete(true);
        return;
    }
    const GroupId id = document_->addGroup(group_);
    if (!id.valid()) {
        setObsolete(true);
        return;
    }
    group_.id = id;
    for (const auto& [node, before] : members_)
        setNodeGroup(document_, node, id);
}

void AddGroupCommand::undo()
{
    for (const auto& [node, before] : members_)
        setNodeGroup(document_, node, before);
    document_->removeGroup(group_.id);
}

RemoveGroupCommand::RemoveGroupCommand(GraphDocument* document, GroupId id, QUndoCommand* parent)
    : QUndoCommand(parent)
    , document_(document)
{
    const GraphData& data = document->data();
    auto it = data.groups.find(id);
    if (it == data.groups.end())
        return;
    group_ = it->second;
    for (const auto& [nid, n] : data.nodes)
        if (n.group == id)
            nodes_.push_back(nid);
    for (const auto& [cid, c] : data.comments)
        if (c.group == id)
            comments_.push_back(cid);
    for (const auto& [gid, g] : data.groups)
        if (g.parent == id)
            children_.push_back(gid);
    setText(tr("Delete group %1").arg(group_->name));
}

void RemoveGroupCommand::redo()
{
    if (!group_) {
        setObsolete(true);
        return;
    }
    for (NodeId n : nodes_)
        setNodeGroup(document_, n, group_->parent);
    for (CommentId c : comments_)
        setCommentGroup(document_, c, group_->parent);
    for (GroupId g : children_)
        setGroupParent(document_, g, group_->parent);
    document_->removeGroup(group_->id);
}

void RemoveGroupCommand::undo()
{
    document_->addGroup(*group_);
    for (NodeId n : nodes_)
        setNodeGroup(document_, n, group_->id);
    for (CommentId c : comments_)
        setCommentGroup(document_, c, group_->id);
    for (GroupId g : children_)
        setGroupParent(document_, g, group_->id);
}

EditGroupCommand::EditGroupCommand(GraphDocument* document, Group after, QUndoCommand* parent)
    : QUndoCommand(parent)
    , document_(document)
    , after_(std::move(after))
{
    auto it = document->data().groups.find(after_.id);
    if (it != document->data().groups.end())
        before_ = it->second;
    setText(before_ && before_->name != after_.name ? tr("Rename group %1 to %2").arg(before_->name, after_.name)
                                                    : tr("Move group %1").arg(after_.name));
}

void EditGroupCommand::redo()
{
    const GraphData& data = document_->data();
    if (!before_ || (after_.parent.valid() && !data.groups.count(after_.parent)) || insideItself(data, after_.id, after_.parent)) {
        setObsolete(true);
        return;
    }
    document_->setGroup(after_);
}

void EditGroupCommand::undo()
{
    if (before_)
        document_->setGroup(*before_);
}

AddCommentCommand::AddCommentCommand(GraphDocument* document, Comment comment, QUndoCommand* parent)
    : QUndoCommand(parent)
    , document_(document)
    , comment_(std::move(comment))
{
    setText(tr("Add comment"));
}

void AddCommentCommand::redo()
{
    const CommentId id = document_->addComment(comment_);
    if (!id.valid()) {
        setObsolete(true);
        return;
    }
    comment_.id = id;
}

void AddCommentCommand::undo() { document_->removeComment(comment_.id); }

RemoveCommentCommand::RemoveCommentCommand(GraphDocument* document, CommentId id, QUndoCommand* parent)
    : QUndoCommand(parent)
    , document_(document)
{
    auto it = document->data().comments.find(id);
    if (it != document->data().comments.end())
        comment_ = it->second;
    setText(tr("Delete comment"));
}

void RemoveCommentCommand::redo()
{
    if (!comment_ || !document_->removeComment(comment_->id))
        setObsolete(true);
}

void RemoveCommentCommand::undo()
{
    if (comment_)
        document_->addComment(*comment_);
}

EditCommentCommand::EditCommentCommand(GraphDocument* document, Comment after, const QString& text, QUndoCommand* parent)
    : QUndoCommand(text, parent)
    , document_(document)
    , after_(std::move(after))
{
    auto it = document->data().comments.find(after_.id);
    if (it != document->data().comments.end())
        before_ = it->second;
}

void EditCommentCommand::redo()
{
    if (!before_ || (after_.group.valid() && !document_->data().groups.count(after_.group))) {
        setObsolete(true);
        return;
    }
    document_->setComment(after_);
}

void EditCommentCommand::undo()
{
    if (before_)
        document_->setComment(*before_);
}

} // namespace gs
