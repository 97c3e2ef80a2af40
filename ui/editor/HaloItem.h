#pragma once

#include <QGraphicsPathItem>

namespace gs {

class NodeItem;

/// A highlight around one node: what a lesson step points at. Drawn beneath everything else of
/// the graph (only scope frames are lower), so that it never covers a wire's label, a pill or a
/// neighbour; the node's own box and ring sit on top of it. It follows its node (the scene moves
/// it) and is deleted with it.
class HaloItem : public QGraphicsPathItem {
public:
    enum { Type = UserType + 13 };
    /// Below the wires (0), above scope frames (-1, -2).
    static constexpr double zValue = -0.5;

    explicit HaloItem(const NodeItem* node);

    int type() const override { return Type; }
    /// Follows the node's position and size.
    void refresh();

private:
    const NodeItem* node_;
};

} // namespace gs
