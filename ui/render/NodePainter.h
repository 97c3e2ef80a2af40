#pragma once

#include "ui/render/GraphOverlay.h"

#include <vector>

class QPainter;

namespace gs {

struct EditorStyle;
struct Node;
struct NodeContent;
struct NodeGeometry;

/// What only the editor knows about a node while drawing it.
struct NodeInteraction {
    bool selected = false;
    bool refused = false;       ///< a connection to it was just refused
    int highlightedInput = -1;  ///< the input port a wire is hovering over
    bool highlightOutput = false;
    std::vector<bool> connected; ///< per input port
};

/// Draws one node (in its own coordinates) from its content and geometry. Meaning is never told
/// by colour alone: the target and the sources also get a tag, a NaN's birth a warning sign and a
/// callout, forward contamination a tint and the word nan/inf, backward contamination a hatch,
/// and a node cut off by stop_gradient is faded with a dashed border.
void paintNode(QPainter& painter, const Node& node, const NodeContent& content, const NodeGeometry& geometry,
               const NodeState& state, ViewMode mode, const EditorStyle& style, const NodeInteraction& interaction);

/// The node as a coloured box with only its name (`title`), for views zoomed out too far to read
/// the rest (and fast enough to draw a thousand of them every frame). The name is drawn at a size
/// readable at `zoom` (device pixels per scene unit) when it fits in the box, and left out when
/// even its shortened form would be too small to read.
void paintNodeSketch(QPainter& painter, const Node& node, const NodeGeometry& geometry, const NodeState& state,
                     ViewMode mode, const EditorStyle& style, bool selected, const QString& title = {},
                     double zoom = 1.0);

/// Below this many device pixels per scene unit, nodes and wires are drawn as sketches.
inline constexpr double sketchBelowZoom = 0.35;

} // namespace gs
