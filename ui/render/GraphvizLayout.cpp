#include "ui/render/GraphvizLayout.h"

#include "document/GraphData.h"
#include "document/GraphLayout.h"

#include <graphviz/gvc.h>

#include <QByteArray>

#include <algorithm>
#include <map>
#include <memory>
#include <optional>
#include <vector>

namespace gs {

namespace {

constexpr double pointsPerInch = 72.0;

/// cgraph takes `char*` for names it only reads.
char* chars(QByteArray& bytes) { return bytes.data(); }

void set(void* object, const char* name, const QByteArray& value)
{
    QByteArray n(name);
    QByteArray v(value);
    QByteArray empty("");
    agsafeset(object, chars(n), chars(v), chars(empty));
}

struct Placed {
    std::unordered_map<NodeId, QPointF> positions; ///< box top-left, band starting at (0, 0)
    QRectF extent;
};

struct GraphDeleter {
    GVC_t* gvc;
    void operator()(Agraph_t* g) const
    {
        gvFreeLayout(gvc, g);
        agclose(g);
    }
};

/// Lays out every node with dot; the body of each custom gradient is a cluster, which dot keeps
/// together and places before the custom gradient node its results flow into. Empty when
/// Graphviz fails.
std::optional<Placed> layoutAll(GVC_t* gvc, const GraphData& data, const NodeExtent& extent, const LayoutSpacing& spacing)
{
    QByteArray name("g");
    std::unique_ptr<Agraph_t, GraphDeleter> graph(agopen(chars(name), Agdirected, nullptr), GraphDeleter{gvc});
    Agraph_t* g = graph.get();
    set(g, "rankdir", "LR");
    // dot's minimum nodesep is 0.02 inch; it measures both in inches.
    set(g, "nodesep", QByteArray::number(std::max(spacing.node, 2.0) / pointsPerInch));
    set(g, "ranksep", QByteArray::number(std::max(spacing.rank, 2.0) / pointsPerInch));
    set(g, "ordering", "in");
    std::map<NodeId, Agraph_t*> bodies;
    for (const auto& [id, n] : data.nodes)
        if (n.kind == NodeKind::CustomGradient) {
            QByteArray cluster = "cluster_" + QByteArray::number(id.value);
            bodies[id] = agsubg(g, chars(cluster), 1);
        }
    std::map<NodeId, Agnode_t*> nodes;
    std::map<NodeId, QRectF> rects;
    for (const auto& [id, n] : data.nodes) {
        QByteArray key = "n" + QByteArray::number(id.value);
        const auto body = bodies.find(n.scope);
        Agnode_t* node = agnode(body != bodies.end() ? body->second : g, chars(key), 1);
        const QRectF r = extent(id);
        rects[id] = r;
        set(node, "shape", "box");
        set(node, "fixedsize", "true");
        set(node, "label", "");
        set(node, "width", QByteArray::number(r.width() / pointsPerInch));
        set(node, "height", QByteArray::number(r.height() / pointsPerInch));
        nodes[id] = node;
    }
    Placed placed;
    if (nodes.empty())
        return placed;
    // Edges in input-port order, so that `ordering=in` keeps x above y.
    std::vector<const Connection*> edges;
    for (const auto& [cid, c] : data.connections)
        if (nodes.count(c.from) && nodes.count(c.to))
            edges.push_back(&c);
    std::sort(edges.begin(), edges.end(), [](const Connection* a, const Connection* b) {
        return a->to != b->to ? a->to < b->to : a->port < b->port;
    });
    for (const Connection* c : edges)
        agedge(g, nodes[c->from], nodes[c->to], nullptr, 1);
    if (gvLayout(gvc, g, "dot") != 0)
        return std::nullopt;
    const boxf bb = GD_bb(g);
    for (const auto& [id, node] : nodes) {
        const QRectF& r = rects[id];
        const QPointF centre(ND_coord(node).x - bb.LL.x, bb.UR.y - ND_coord(node).y);
        const QPointF topLeftOfExtent = centre - QPointF(r.width() / 2, r.height() / 2);
        placed.positions[id] = topLeftOfExtent - r.topLeft();
    }
    placed.extent = QRectF(0, 0, bb.UR.x - bb.LL.x, bb.UR.y - bb.LL.y);
    return placed;
}

} // namespace

std::unordered_map<NodeId, QPointF> graphvizLayout(const GraphData& data, const NodeExtent& extent,
                                                   const std::unordered_set<NodeId>& keep, const LayoutSpacing& spacing)
{
    std::unordered_map<NodeId, QPointF> result;
    GVC_t* gvc = gvContext();
    std::optional<Placed> placed = layoutAll(gvc, data, extent, spacing);
    gvFreeContext(gvc);
    if (!placed) {
        GraphData copy = data;
        layoutInLayers(copy);
        for (const auto& [id, n] : copy.nodes)
            if (!keep.count(id))
                result[id] = n.position;
        return result;
    }
    for (const auto& [id, p] : placed->positions)
        if (!keep.count(id))
            result[id] = p;
    return result;
}

void applyGraphvizLayout(GraphData& data, const NodeExtent& extent, const std::unordered_set<NodeId>& keep,
                         const LayoutSpacing& spacing)
{
    for (const auto& [id, p] : graphvizLayout(data, extent, keep, spacing))
        data.node(id)->position = p;
}

} // namespace gs
