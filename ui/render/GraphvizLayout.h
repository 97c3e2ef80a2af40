#pragma once

#include "document/DocumentIds.h"

#include <QPointF>
#include <QRectF>

#include <functional>
#include <unordered_map>
#include <unordered_set>

namespace gs {

struct GraphData;

/// The extent of a node relative to its position (its box's top-left corner), including what is
/// drawn around it (tags, callouts), so that the layout leaves room for them.
using NodeExtent = std::function<QRectF(NodeId)>;

/// The gaps the layout leaves, in scene units: between ranks (columns, which the wires cross
/// and their labels sit in) and between the nodes of one rank.
struct LayoutSpacing {
    double rank = 79.2; ///< 1.1 inch, dot's unit being the point
    double node = 25.2;
};

/// Layered left-to-right layout by Graphviz `dot`, which orders each layer to avoid crossings and
/// keeps a node's inputs in port order. The body of a custom gradient is kept together (a dot
/// cluster) before the node it feeds. Returns the new position of every node that is not
/// in `keep` (nodes in `keep` stay where they are: hand-placed nodes survive a re-layout). Falls
/// back to the document's simple layered layout if Graphviz fails.
std::unordered_map<NodeId, QPointF> graphvizLayout(const GraphData& data, const NodeExtent& extent,
                                                   const std::unordered_set<NodeId>& keep = {},
                                                   const LayoutSpacing& spacing = {});

/// Applies graphvizLayout() to `data`.
void applyGraphvizLayout(GraphData& data, const NodeExtent& extent, const std::unordered_set<NodeId>& keep = {},
                         const LayoutSpacing& spacing = {});

} // namespace gs
