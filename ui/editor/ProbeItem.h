#pragma once

#include "document/DocumentIds.h"

#include <QGraphicsObject>

#include <deque>

namespace gs {

class GraphScene;

/// A probe pinned on a wire: a small card beside it with the exact value the wire carries (or,
/// in the gradient view, the gradient flowing back along it) and a sparkline of its last values,
/// one sample per evaluation, so that dragging a slider shows how the quantity responds.
class ProbeItem : public QGraphicsObject {
    Q_OBJECT
public:
    enum { Type = UserType + 7 };
    static constexpr std::size_t historyLength = 48;

    ProbeItem(GraphScene* scene, ConnectionId id);

    ConnectionId id() const { return id_; }
    int type() const override { return Type; }
    /// One sample from the current evaluation (called after each evaluation).
    void sample();
    /// Follows the wire and the view mode.
    void refresh();
    /// The samples of the quantity the current view shows, oldest first (NaN where it had none).
    std::vector<double> history() const;
    QString text() const { return text_; }

    QRectF boundingRect() const override;
    void paint(QPainter* painter, const QStyleOptionGraphicsItem* option, QWidget* widget) override;

protected:
    /// A card dragged by hand keeps its place relative to the wire.
    QVariant itemChange(GraphicsItemChange change, const QVariant& value) override;

private:
    GraphScene* scene_;
    ConnectionId id_;
    std::deque<double> values_;    ///< what the wire carried
    std::deque<double> gradients_; ///< what flowed back along it
    QPointF anchor_;               ///< the wire's midpoint
    QPointF offset_;               ///< the card's top-left, relative to the anchor
    bool following_ = false;       ///< moving with the wire, not by hand
    QString title_;
    QString text_;
};

} // namespace gs
