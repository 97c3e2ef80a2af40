#include "ui/editor/CommentItem.h"

#include "document/GraphData.h"
#include "document/GraphDocument.h"
#include "document/commands/AnnotationCommands.h"
#include "ui/editor/EditorSession.h"
#include "ui/editor/GraphScene.h"
#include "ui/render/EditorStyle.h"

#include <QGraphicsSceneMouseEvent>
#include <QKeyEvent>
#include <QPainter>
#include <QTextCursor>
#include <QTextDocument>
#include <QUndoStack>

namespace gs {

namespace {
constexpr double noteWidth = 240.0;
}

CommentItem::CommentItem(GraphScene* scene, CommentId id)
    : scene_(scene)
    , id_(id)
{
    setFlags(ItemIsMovable | ItemIsSelectable | ItemIsFocusable);
    setTextWidth(noteWidth);
    setZValue(1.5);
    document()->setDocumentMargin(10);
}

void CommentItem::refresh()
{
    const auto it = scene_->data().comments.find(id_);
    if (it == scene_->data().comments.end())
        return;
    const EditorStyle& s = scene_->editorStyle();
    setFont(s.textFont);
    setDefaultTextColor(s.text);
    if (!editing() && toPlainText() != it->second.text)
        setPlainText(it->second.text);
    if (pos() != it->second.position)
        setPos(it->second.position);
}

void CommentItem::beginEditing()
{
    setTextInteractionFlags(Qt::TextEditorInteraction);
    setFocus(Qt::MouseFocusReason);
    QTextCursor cursor(document());
    cursor.select(QTextCursor::Document);
    setTextCursor(cursor);
}

void CommentItem::finishEditing()
{
    if (!editing())
        return;
    setTextInteractionFlags(Qt::NoTextInteraction);
    QTextCursor cursor = textCursor();
    cursor.clearSelection();
    setTextCursor(cursor);
    const auto it = scene_->data().comments.find(id_);
    if (it == scene_->data().comments.end() || it->second.text == toPlainText())
        return;
    Comment edited = it->second;
    edited.text = toPlainText();
    scene_->session()->undoStack()->push(
        new EditCommentCommand(scene_->session()->document(), edited, QObject::tr("Edit comment")));
}

void CommentItem::paint(QPainter* painter, const QStyleOptionGraphicsItem* option, QWidget* widget)
{
    const EditorStyle& s = scene_->editorStyle();
    // A sticky note: warm yellow on a light canvas, a dim amber on a dark one.
    const QColor fill = s.dark ? QColor(0x5a, 0x4a, 0x1e) : QColor(0xff, 0xf4, 0xb8);
    painter->save();
    painter->setRenderHint(QPainter::Antialiasing);
    painter->setPen(QPen(isSelected() ? s.selection : fill.darker(s.dark ? 60 : 125), isSelected() ? 2.0 : 1.0));
    painter->setBrush(fill);
    painter->drawRoundedRect(boundingRect().adjusted(0.5, 0.5, -0.5, -0.5), 4, 4);
    painter->restore();
    QGraphicsTextItem::paint(painter, option, widget);
}

void CommentItem::mouseDoubleClickEvent(QGraphicsSceneMouseEvent* event)
{
    if (!editing()) {
        beginEditing();
        event->accept();
        return;
    }
    QGraphicsTextItem::mouseDoubleClickEvent(event);
}

void CommentItem::mouseReleaseEvent(QGraphicsSceneMouseEvent* event)
{
    QGraphicsTextItem::mouseReleaseEvent(event);
    const auto it = scene_->data().comments.find(id_);
    if (editing() || it == scene_->data().comments.end() || (pos() - it->second.position).manhattanLength() < 0.01)
        return;
    Comment moved = it->second;
    moved.position = pos();
    scene_->session()->undoStack()->push(
        new EditCommentCommand(scene_->session()->document(), moved, QObject::tr("Move comment")));
}

void CommentItem::focusOutEvent(QFocusEvent* event)
{
    QGraphicsTextItem::focusOutEvent(event);
    finishEditing();
}

void CommentItem::keyPressEvent(QKeyEvent* event)
{
    // Escape or Ctrl+Enter ends editing (a plain Enter is a new line in the note).
    if (editing() && (event->key() == Qt::Key_Escape
                      || ((event->key() == Qt::Key_Return || event->key() == Qt::Key_Enter)
                          && (event->modifiers() & Qt::ControlModifier)))) {
        finishEditing();
        clearFocus();
        return;
    }
    QGraphicsTextItem::keyPressEvent(event);
}

} // namespace gs
