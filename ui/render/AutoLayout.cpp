#include "ui/render/AutoLayout.h"

#include "document/Evaluation.h"
#include "ui/render/EdgeGeometry.h"
#include "ui/render/EdgePainter.h"
#include "ui/render/EditorStyle.h"
#include "ui/render/GraphOverlay.h"
#include "ui/render/GraphvizLayout.h"
#include "ui/render/NodeContent.h"
#include "ui/render/NodeGeometry.h"
#include "ui/render/TextWidth.h"

#include <QFontMetricsF>

#include <algorithm>
#include <optional>

namespace gs {

namespace {

/// Room a wire label needs besides its text: its padding (as EdgeGeometry draws it), the ports
/// sticking out of both boxes and some air on each side (the label slides in steps along its
/// wire, so it is rarely right in the middle).
double labelRoom(const EditorStyle& s) { return 10 + 2 * (s.portRadius + 2 + s.labelAir); }

} // namespace

std::unordered_map<NodeId, QPointF> autoLayout(const GraphData& data, const EditorStyle& style,
                                               const std::unordered_set<NodeId>& keep, const Evaluation* evaluation)
{
    std::optional<Evaluation> own;
    if (!evaluation)
        evaluation = &own.emplace(evaluate(data));
    std::unordered_map<NodeId, QRectF> extents;
    double widestLabel = 0;
    for (ViewMode mode : {ViewMode::Forward, ViewMode::Gradient}) {
        const GraphOverlay overlay = computeOverlay(data, *evaluation, OverlayOptions{mode, -1, {}});
        for (const auto& [id, node] : data.nodes) {
            const NodeGeometry g = NodeGeometry::compute(NodeContent::of(data, node, overlay.node(id), mode, style.noneCallouts), style);
            extents[id] = extents[id].united(g.box.united(g.tags).united(g.callout));
        }
        for (const auto& [cid, c] : data.connections) {
            const QString label = EdgeLook::of(overlay.edge(cid), mode, overlay.range, style).label;
            if (label.isEmpty())
                continue;
            // A long label wraps (EdgeGeometry), but never inside a number.
            double width = std::min(textWidth(style.smallFont, label), EdgeGeometry::labelWrapWidth(style.smallFont));
            for (const QString& word : label.split(u' ', Qt::SkipEmptyParts))
                width = std::max(width, textWidth(style.smallFont, word));
            widestLabel = std::max(widestLabel, width);
        }
    }
    // The gap between ranks is what the wires crossing it must carry: the widest label fits in
    // it between the two columns of boxes, so that no label needs more room than the gap (a
    // constant gap was too narrow for "3.72008e-44" and too wide for a projector's "30.0"). Wires
    // still need some length to curve. Nodes of one rank are half a line of text apart
    // (10 units at least: the pills above a node need a little air).
    const double line = QFontMetricsF(style.smallFont).height();
    LayoutSpacing spacing;
    spacing.rank = std::max(2.5 * line, widestLabel + labelRoom(style));
    spacing.node = std::max(10.0, 0.5 * line);
    return graphvizLayout(data, [&](NodeId id) { return extents[id]; }, keep, spacing);
}

bool needsLayout(const GraphData& data)
{
    if (data.nodes.size() < 2)
        return false;
    for (const auto& [id, n] : data.nodes)
        if (!n.position.isNull())
            return false;
    return true;
}

void applyAutoLayout(GraphData& data, const EditorStyle& style)
{
    for (const auto& [id, p] : autoLayout(data, style))
        data.node(id)->position = p;
}

} // namespace gs
