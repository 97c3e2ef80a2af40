#include "document/commands/DocumentCommands.h"

#include "document/NodeNames.h"

namespace gs {

SetTargetCommand::SetTargetCommand(GraphDocument* document, NodeId target, QUndoCommand* parent)
    : QUndoCommand(parent)
    , document_(document)
    , before_(document->data().target)
    , after_(target)
{
    setText(target.valid() ? tr("Make %1 the target").arg(friendlyName(document->data(), target)) : tr("Clear the target"));
}

void SetTargetCommand::redo()
{
    const Node* n = document_->data().node(after_);
    if (after_.valid() && (!n || n->scope.valid())) {
        setObsolete(true);
        return;
    }
    document_->setTarget(after_);
}

void SetTargetCommand::undo() { document_->setTarget(before_); }

SetLessonCommand::SetLessonCommand(GraphDocument* document, LessonInfo lesson, QUndoCommand* parent)
    : QUndoCommand(parent)
    , document_(document)
    , before_(document->data().lesson)
    , after_(std::move(lesson))
{
    setText(before_.title != after_.title ? tr("Rename lesson to %1").arg(after_.title) : tr("Edit lesson notes"));
}

void SetLessonCommand::redo() { document_->setLesson(after_); }
void SetLessonCommand::undo() { document_->setLesson(before_); }

SetSavedValuesCommand::SetSavedValuesCommand(GraphDocument* document, QMap<QString, TensorValue> values,
                                             QUndoCommand* parent)
    : QUndoCommand(parent)
    , document_(document)
    , before_(document->data().savedValues)
    , after_(std::move(values))
{
    setText(tr("Save values"));
}

void SetSavedValuesCommand::redo() { document_->setSavedValues(after_); }
void SetSavedValuesCommand::undo() { document_->setSavedValues(before_); }

ReplaceDocumentCommand::ReplaceDocumentCommand(GraphDocument* document, GraphData after, const QString& text,
                                               QUndoCommand* parent)
    : QUndoCommand(text, parent)
    , document_(document)
    , before_(document->data())
    , after_(std::move(after))
{
}

void ReplaceDocumentCommand::redo() { document_->reset(after_); }
void ReplaceDocumentCommand::undo() { document_->reset(before_); }

} // namespace gs
