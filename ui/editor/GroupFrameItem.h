#pragma once

#include "document/DocumentIds.h"

#include <QGraphicsItem>

namespace gs {

class GraphScene;

/// A name scope (tf.name_scope) on the canvas: a frame titled with the scope's name around its
/// nodes. Clicking the triangle in the title collapses the scope into one compact box that the
/// wires crossing the scope's border attach to, as TensorBoard does with name scopes.
class GroupFrameItem : public QGraphicsItem {
public:
    enum { Type = UserType + 5 };
    GroupFrameItem(GraphScene* scene, GroupId id);

    GroupId id() const { return id_; }
    int type() const override { return Type; }
    /// Recomputes the frame from where the scope's nodes are; hidden when the scope is empty.
    void refresh();
    /// The compact box the scope becomes when collapsed (scene coordinates).
    QRectF collapsedBox() const;
    /// Where the triangle that collapses and expands the scope is (scene coordinates).
    QRectF toggleRect() const;

    QRectF boundingRect() const override;
    /// Only the title bar (or the whole collapsed box) is the item's: clicks inside an open
    /// frame reach the canvas.
    QPainterPath shape() const override;
    void paint(QPainter* painter, const QStyleOptionGraphicsItem* option, QWidget* widget) override;

protected:
    void mousePressEvent(QGraphicsSceneMouseEvent* event) override;
    void mouseDoubleClickEvent(QGraphicsSceneMouseEvent* event) override;

private:
    QRectF frameRect() const;
    double titleHeight() const;

    GraphScene* scene_;
    GroupId id_;
    QRectF nodes_; ///< the members' boxes, united
    QString title_;
    int members_ = 0;
};

} // namespace gs
