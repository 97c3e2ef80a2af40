#pragma once

#include <QGraphicsItem>

namespace gs {

class GraphScene;

/// The labels of all wires, drawn above every wire and every lesson halo but under the nodes
/// (whose boxes placeAnnotations() keeps them off): a wire crossing a label or a halo drawn after
/// it would hide the number. One item for all of them, so that a 1,000-node graph zoomed out
/// (where no label is drawn) costs one call, not two thousand. It takes no mouse buttons and has
/// no tooltip, so that clicks, menus and hover cards reach the wire under a label.
class WireLabelLayer : public QGraphicsItem {
public:
    enum { Type = UserType + 12 };
    /// Above the wires (0, the current step's 0.5), below the nodes (1).
    static constexpr double zValue = 0.9;

    explicit WireLabelLayer(const GraphScene* scene);

    int type() const override { return Type; }
    /// Follows the wires' labels (after a refresh, a placement or a move).
    void refresh();

    QRectF boundingRect() const override;
    void paint(QPainter* painter, const QStyleOptionGraphicsItem* option, QWidget* widget) override;

private:
    const GraphScene* scene_;
    QRectF bounds_;
};

} // namespace gs
