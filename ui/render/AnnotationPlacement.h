#pragma once

#include "ui/render/EdgeGeometry.h"
#include "ui/render/NodeGeometry.h"

#include <QPointF>
#include <QRectF>

#include <vector>

namespace gs {

/// A node as placed on the canvas or in a picture.
struct NodeAt {
    QPointF position;
    const NodeGeometry* geometry = nullptr;
    bool active = false; ///< step mode: its callout is placed first
};

/// A wire as drawn: its label, chevron and valve.
struct WireAt {
    const EdgeGeometry* geometry = nullptr;
    double width = 2.0;
    bool arrow = false;  ///< draws the backward-flow chevron
    bool valve = false;  ///< draws the stop_gradient valve
    bool active = false; ///< step mode: its label is placed first
};

/// Where every callout and wire label goes.
struct AnnotationPlacement {
    std::vector<QPointF> callouts; ///< per node, in the order given: the callout's top-left corner (node coordinates)
    std::vector<LabelSpot> labels; ///< per wire, in the order given
};

/// Places callouts near their nodes and labels along their wires so that none of them covers a
/// node (its box, ports and pills), a chevron, a valve, an obstacle (a collapsed scope, a
/// comment) or another callout or label: each callout at the first free place of
/// NodeGeometry::calloutPlaces() (below, beside, above, then further out with a leader line),
/// each label at the free spot nearest its preferred one, slid along its wire or lifted off it
/// (far off it, with a leader line, only when nothing nearer is free). Where nothing is free, the
/// spot that overlaps least. Deterministic (the order given breaks ties; the current step's
/// callout and labels go first, then the widest labels), and cheap: a grid index, so a 1,000-node
/// graph takes about a millisecond. Called when the graph or what it shows changes, never while
/// painting.
AnnotationPlacement placeAnnotations(const std::vector<NodeAt>& nodes, const std::vector<WireAt>& wires,
                                     const std::vector<QRectF>& obstacles = {});

} // namespace gs
