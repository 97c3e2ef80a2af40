#pragma once

#include <QPointF>
#include <QSizeF>

namespace gs {

class GraphScene;

/// Where a new node of about `size` can go near `wanted` (its top-left) without covering a node
/// that is already there: `wanted` itself when it is free, else the nearest free place below or
/// to the right of it, in steps of a node's height, so that nodes added one after another line
/// up instead of stacking.
QPointF freeSpot(const GraphScene& scene, const QPointF& wanted, const QSizeF& size);

} // namespace gs
