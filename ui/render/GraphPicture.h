#pragma once

#include "document/DocumentIds.h"
#include "ui/render/EdgeGeometry.h"
#include "ui/render/EdgePainter.h"
#include "ui/render/EditorStyle.h"
#include "ui/render/NodeContent.h"
#include "ui/render/NodeGeometry.h"

#include <QRectF>
#include <QStringList>

#include <map>
#include <vector>

class QPainter;

namespace gs {

struct Evaluation;
struct GraphData;
struct GraphOverlay;

/// Where a node's ports are in scene coordinates.
QPointF inputPortAt(const QPointF& position, const NodeGeometry& geometry, PortIndex port);
QPointF outputPortAt(const QPointF& position, const NodeGeometry& geometry);

/// The whole graph as one picture, exactly as the editor draws it (the same contents, geometry
/// and painters), with the answer (value and gradients) and the legend above it: what the export
/// of the GUI and `gradscope export` write.
class GraphPicture {
public:
    struct Options {
        bool summary = true;
        bool legend = true;
        double margin = 24.0;
    };

    GraphPicture(const GraphData& data, const Evaluation& evaluation, const GraphOverlay& overlay, EditorStyle style,
                 Options options);
    GraphPicture(const GraphData& data, const Evaluation& evaluation, const GraphOverlay& overlay, EditorStyle style)
        : GraphPicture(data, evaluation, overlay, std::move(style), Options{})
    {
    }

    /// The size of the picture in scene units (one unit is one pixel at scale 1).
    QSizeF size() const { return size_; }
    /// Paints the picture with its top-left corner at (0, 0), background included.
    void paint(QPainter& painter) const;

private:
    struct PlacedNode {
        NodeContent content;
        NodeGeometry geometry;
        QPointF position;
    };
    struct PlacedEdge {
        ConnectionId id;
        EdgeLook look;
        EdgeGeometry geometry;
    };
    void placeEdges();

    const GraphData& data_;
    const GraphOverlay& overlay_;
    EditorStyle style_;
    Options options_;
    std::map<NodeId, PlacedNode> nodes_;
    std::vector<PlacedEdge> edges_; ///< with their labels placed (placeAnnotations())
    std::map<NodeId, QRectF> bodies_; ///< per custom gradient node, its body's nodes (scene)
    QStringList summary_;
    QRectF graphBounds_; ///< scene coordinates
    QPointF graphOffset_; ///< where the graph's top-left lands in the picture
    QSizeF size_;
};

} // namespace gs
