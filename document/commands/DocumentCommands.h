#pragma once

#include "document/GraphDocument.h"

#include <QCoreApplication>
#include <QUndoCommand>

namespace gs {

/// Chooses the value whose gradients are taken.
class SetTargetCommand : public QUndoCommand {
    Q_DECLARE_TR_FUNCTIONS(SetTargetCommand)
public:
    SetTargetCommand(GraphDocument* document, NodeId target, QUndoCommand* parent = nullptr);
    void redo() override;
    void undo() override;

private:
    GraphDocument* document_;
    NodeId before_;
    NodeId after_;
};

/// Changes the lesson's title and notes.
class SetLessonCommand : public QUndoCommand {
    Q_DECLARE_TR_FUNCTIONS(SetLessonCommand)
public:
    SetLessonCommand(GraphDocument* document, LessonInfo lesson, QUndoCommand* parent = nullptr);
    void redo() override;
    void undo() override;

private:
    GraphDocument* document_;
    LessonInfo before_;
    LessonInfo after_;
};

/// Changes the values saved with the document.
class SetSavedValuesCommand : public QUndoCommand {
    Q_DECLARE_TR_FUNCTIONS(SetSavedValuesCommand)
public:
    SetSavedValuesCommand(GraphDocument* document, QMap<QString, TensorValue> values, QUndoCommand* parent = nullptr);
    void redo() override;
    void undo() override;

private:
    GraphDocument* document_;
    QMap<QString, TensorValue> before_;
    QMap<QString, TensorValue> after_;
};

/// Replaces the whole document (pasting a formula over it, say) with `text` as the undo name.
class ReplaceDocumentCommand : public QUndoCommand {
    Q_DECLARE_TR_FUNCTIONS(ReplaceDocumentCommand)
public:
    ReplaceDocumentCommand(GraphDocument* document, GraphData after, const QString& text, QUndoCommand* parent = nullptr);
    void redo() override;
    void undo() override;

private:
    GraphDocument* document_;
    GraphData before_;
    GraphData after_;
};

} // namespace gs
