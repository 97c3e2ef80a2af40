#include "ui/render/GraphPicture.h"

#include "document/Evaluation.h"
#include "ui/render/AnnotationPlacement.h"
#include "ui/render/BodyFrame.h"
#include "ui/render/EdgePainter.h"
#include "ui/render/GraphOverlay.h"
#include "ui/render/Legend.h"
#include "ui/render/NodePainter.h"

#include <QPainter>

#include <algorithm>

namespace gs {

namespace {
constexpr double summaryWidth = 460.0;
constexpr double gap = 16.0;
/// Faint enough to read as "not in the graph any more", strong enough to read the text.
constexpr double ghostOpacity = 0.38;
} // namespace

QPointF inputPortAt(const QPointF& position, const NodeGeometry& g, PortIndex port)
{
    if (port < 0 || static_cast<std::size_t>(port) >= g.inputs.size())
        return position + QPointF(0, g.headerHeight / 2);
    return position + g.inputs[static_cast<std::size_t>(port)];
}

QPointF outputPortAt(const QPointF& position, const NodeGeometry& g) { return position + g.output; }

GraphPicture::GraphPicture(const GraphData& data, const Evaluation& evaluation, const GraphOverlay& overlay,
                           EditorStyle style, Options options)
    : data_(data)
    , overlay_(overlay)
    , style_(std::move(style))
    , options_(options)
{
    for (const auto& [id, node] : data.nodes) {
        PlacedNode placed;
        placed.content = NodeContent::of(data, node, overlay.node(id), overlay.mode, style_.noneCallouts);
        placed.geometry = NodeGeometry::compute(placed.content, style_);
        placed.position = node.position;
        if (node.scope.valid())
            bodies_[node.scope] = bodies_[node.scope].united(placed.geometry.box.translated(node.position));
        nodes_.emplace(id, std::move(placed));
    }
    placeEdges();
    for (const auto& [id, placed] : nodes_)
        graphBounds_ = graphBounds_.united(placed.geometry.bounds.translated(placed.position));
    for (const auto& [owner, body] : bodies_)
        graphBounds_ = graphBounds_.united(bodyFrameRect(body, style_));
    for (const PlacedEdge& e : edges_)
        graphBounds_ = graphBounds_.united(e.geometry.bounds);
    if (options_.summary)
        summary_ = summaryLines(data, evaluation, overlay.concealed, &overlay);
    const QSizeF summary = options_.summary ? summarySize(summary_, style_, summaryWidth) : QSizeF();
    const QSizeF legend = options_.legend ? legendSize(overlay, style_) : QSizeF();
    const double headerHeight = std::max(summary.height(), legend.height());
    const double m = options_.margin;
    graphOffset_ = QPointF(m, m + (headerHeight > 0 ? headerHeight + gap : 0));
    const double width = std::max(graphBounds_.width(), summary.width() + gap + legend.width());
    size_ = QSizeF(width + 2 * m, graphOffset_.y() + graphBounds_.height() + m);
}

/// Every wire's geometry, then every callout and label placed clear of the nodes and each other.
void GraphPicture::placeEdges()
{
    for (const auto& [cid, c] : data_.connections) {
        const auto from = nodes_.find(c.from);
        const auto to = nodes_.find(c.to);
        if (from == nodes_.end() || to == nodes_.end())
            continue;
        const EdgeState& state = overlay_.edge(cid);
        PlacedEdge e{cid, EdgeLook::of(state, overlay_.mode, overlay_.range, style_), {}};
        e.geometry = EdgeGeometry::compute(outputPortAt(from->second.position, from->second.geometry),
                                           inputPortAt(to->second.position, to->second.geometry, c.port), e.look.label,
                                           state.active || e.look.tangent, e.look.width, style_);
        edges_.push_back(std::move(e));
    }
    std::vector<NodeAt> nodes;
    std::vector<PlacedNode*> order;
    for (auto& [id, placed] : nodes_) {
        nodes.push_back({placed.position, &placed.geometry, overlay_.node(id).active});
        order.push_back(&placed);
    }
    std::vector<WireAt> wires;
    for (const PlacedEdge& e : edges_)
        wires.push_back({&e.geometry, e.look.width, e.look.arrow, e.look.valve, overlay_.edge(e.id).active});
    const AnnotationPlacement placement = placeAnnotations(nodes, wires);
    for (std::size_t i = 0; i < order.size(); ++i)
        order[i]->geometry.placeCallout(placement.callouts[i]);
    for (std::size_t i = 0; i < edges_.size(); ++i)
        edges_[i].geometry.placeLabel(placement.labels[i]);
}

void GraphPicture::paint(QPainter& p) const
{
    p.save();
    p.fillRect(QRectF(QPointF(0, 0), size_), style_.canvas);
    const double m = options_.margin;
    if (options_.summary)
        paintSummary(p, QPointF(m, m), summary_, style_, summaryWidth);
    if (options_.legend)
        paintLegend(p, QPointF(size_.width() - m - legendSize(overlay_, style_).width(), m), overlay_, style_);

    p.translate(graphOffset_ - graphBounds_.topLeft());
    for (const auto& [owner, body] : bodies_)
        paintBodyFrame(p, body, bodyFrameTitle(data_, owner), style_);
    // Wires, then their labels (no wire crosses a label), then the nodes, as on the canvas.
    for (const PlacedEdge& e : edges_) {
        const EdgeState& state = overlay_.edge(e.id);
        p.setOpacity(state.ghost ? ghostOpacity : 1.0);
        paintEdge(p, e.geometry, e.look, state, style_, false);
    }
    for (const PlacedEdge& e : edges_) {
        const EdgeState& state = overlay_.edge(e.id);
        p.setOpacity(state.ghost ? ghostOpacity : 1.0);
        paintEdgeLabel(p, e.geometry, e.look, state, style_);
    }
    for (const auto& [id, placed] : nodes_) {
        const Node& node = *data_.node(id);
        NodeInteraction interaction;
        for (int port = 0; port < node.ports; ++port)
            interaction.connected.push_back(data_.connectionInto(id, port) != nullptr);
        p.save();
        p.translate(placed.position);
        p.setOpacity(overlay_.node(id).ghost ? ghostOpacity : 1.0);
        paintNode(p, node, placed.content, placed.geometry, overlay_.node(id), overlay_.mode, style_, interaction);
        p.restore();
    }
    p.restore();
}

} // namespace gs
