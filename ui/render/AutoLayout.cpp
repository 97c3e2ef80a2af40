#include "ui/render/AutoLayout.h"

#include "document/Evaluation.h"
#include "ui/render/EditorStyle.h"
#include "ui/render/GraphOverlay.h"
#include "ui/render/GraphvizLayout.h"
#include "ui/render/NodeContent.h"
#include "ui/render/NodeGeometry.h"

#include <optional>

namespace gs {

std::unordered_map<NodeId, QPointF> autoLayout(const GraphData& data, const EditorStyle& style,
                                               const std::unordered_set<NodeId>& keep, const Evaluation* evaluation)
{
    std::optional<Evaluation> own;
    if (!evaluation)
        evaluation = &own.emplace(evaluate(data));
    std::unordered_map<NodeId, QRectF> extents;
    for (ViewMode mode : {ViewMode::Forward, ViewMode::Gradient}) {
        const GraphOverlay overlay = computeOverlay(data, *evaluation, OverlayOptions{mode, -1});
        for (const auto& [id, node] : data.nodes) {
            const NodeGeometry g = NodeGeometry::compute(NodeContent::of(data, node, overlay.node(id), mode), style);
            extents[id] = extents[id].united(g.box.united(g.tags).united(g.callout));
        }
    }
    return graphvizLayout(data, [&](NodeId id) { return extents[id]; }, keep);
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
