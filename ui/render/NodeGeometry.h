#pragma once

#include <QPointF>
#include <QRectF>
#include <QSizeF>

#include <vector>

namespace gs {

struct EditorStyle;
struct NodeContent;

/// Where everything of one node goes, in the node's own coordinates (its box starts at 0, 0):
/// the header, one row per input port with the port on the left edge, the output port on the
/// right edge of the first row, the value, and a callout box under the node.
struct NodeGeometry {
    QRectF box;            ///< the node itself
    double headerHeight = 0;
    double rowHeight = 0;
    std::vector<QPointF> inputs;
    QPointF output;
    double portLabelWidth = 0;
    QRectF valueArea;      ///< the main value (number, table or heatmap) with its prefix
    QRectF secondaryArea;  ///< the small second line, if any
    QRectF errorArea;
    QSizeF tableCell;      ///< Table values: one cell
    QSizeF heatmapSize;    ///< Heatmap values: the thumbnail
    QRectF callout;        ///< empty when there is nothing to call out
    QRectF tags;           ///< "target" / "watched" above the box
    QRectF bounds;         ///< everything drawn, for hit tests and repaints

    static NodeGeometry compute(const NodeContent& content, const EditorStyle& style);

    static constexpr double minWidth = 110.0;
    static constexpr double maxWidth = 340.0;
    static constexpr double calloutWidth = 300.0;
};

} // namespace gs
