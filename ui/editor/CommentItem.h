#pragma once

#include "document/DocumentIds.h"

#include <QGraphicsTextItem>

namespace gs {

class GraphScene;

/// A comment of the document on the canvas: a note the teacher pins beside the graph. It is
/// dragged like a node (one EditCommentCommand when the drag ends) and edited in place after a
/// double-click (one EditCommentCommand when editing ends).
class CommentItem : public QGraphicsTextItem {
public:
    enum { Type = UserType + 6 };
    CommentItem(GraphScene* scene, CommentId id);

    CommentId id() const { return id_; }
    int type() const override { return Type; }
    /// Re-reads the comment's text and place.
    void refresh();
    bool editing() const { return textInteractionFlags() & Qt::TextEditorInteraction; }
    /// Starts editing the text in place, all of it selected.
    void beginEditing();

    void paint(QPainter* painter, const QStyleOptionGraphicsItem* option, QWidget* widget) override;

protected:
    void mouseDoubleClickEvent(QGraphicsSceneMouseEvent* event) override;
    void mouseReleaseEvent(QGraphicsSceneMouseEvent* event) override;
    void focusOutEvent(QFocusEvent* event) override;
    void keyPressEvent(QKeyEvent* event) override;

private:
    void finishEditing();

    GraphScene* scene_;
    CommentId id_;
};

} // namespace gs
