#pragma once

#include <QLineF>
#include <QPointF>
#include <QPolygonF>
#include <QRectF>
#include <QSizeF>

#include <optional>
#include <vector>

namespace gs {

struct EditorStyle;
struct NodeContent;

/// Where everything of one node goes, in the node's own coordinates (its box starts at 0, 0):
/// the header, one row per input port with the port on the left edge, the output port on the
/// right edge of the first row, the value, the pills above it and a callout box near it.
struct NodeGeometry {
    QRectF box;            ///< the node itself
    double headerHeight = 0;
    double rowHeight = 0;
    std::vector<QPointF> inputs;
    QPointF output;
    double portLabelWidth = 0;
    double portReach = 0;  ///< how far the ports stick out of the box's sides
    QRectF valueArea;      ///< the main value (number, table or heatmap) with its prefix
    QRectF secondaryArea;  ///< the small second line, if any
    QRectF errorArea;
    QSizeF tableCell;      ///< Table values: one cell
    QSizeF heatmapSize;    ///< Heatmap values: the thumbnail
    QRectF callout;        ///< empty when there is nothing to call out
    QRectF tags;           ///< the row of pills above the box
    std::vector<QRectF> pills; ///< each pill ("target", "watched", "no gradient"), in tag order
    QRectF bounds;         ///< everything drawn, for hit tests and repaints

    /// `callout`: where the callout's top-left corner goes, if not below the box (see
    /// placeAnnotations(), which may put it elsewhere when something is below).
    static NodeGeometry compute(const NodeContent& content, const EditorStyle& style,
                                std::optional<QPointF> callout = std::nullopt);
    /// Where the callout may go, nearest first: right under the box (where the layout leaves
    /// room), beside it, above its pills, then further and further out, where a leader line
    /// joins it to the node. Top-left corners, in node coordinates.
    std::vector<QPointF> calloutPlaces() const;
    /// Moves the callout's top-left corner to `topLeft` (and the bounds with it).
    void placeCallout(QPointF topLeft);
    /// The triangle on the callout's edge that points at the box.
    QPolygonF calloutTip() const;
    /// The line from the tip to the box when the callout is not right beside it (else null).
    QLineF calloutLeader() const;
    /// The box, its ports and its pills: what nothing else may cover.
    QRectF core() const;

    static constexpr double minWidth = 110.0;
    static constexpr double maxWidth = 340.0;
    /// Callouts wrap at about their node's width (a wide callout would widen its whole rank of
    /// the layout), but never narrower than this many text heights.
    static constexpr double calloutMinEms = 12.0;
    static constexpr double calloutGap = 8.0; ///< between the box (or its pills) and the callout
};

} // namespace gs
