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
constexpr double bandGap = 60.0;

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

/// Lays out the nodes of `scope` with dot. Empty when Graphviz fails.
std::optional<Placed> layoutScope(GVC_t* gvc, const GraphData& data, NodeId scope, const NodeExtent& extent)
{
    QByteArray name("g");
    std::unique_ptr<Agraph_t, GraphDeleter> graph(agopen(chars(name), Agdirected, nullptr), GraphDeleter{gvc});
    Agraph_t* g = graph.get();
    set(g, "rankdir", "LR");
    set(g, "nodesep", "0.35");
    set(g, "ranksep", "1.25");
    set(g, "ordering", "in");
    std::map<NodeId, Agnode_t*> nodes;
    std::map<NodeId, QRectF> rects;
    for (const auto& [id, n] : data.nodes) {
        if (n.scope != scope)
            continue;
        QByteArray key = "n" + QByteArray::number(id.value);
        Agnode_t* node = agnode(g, chars(key), 1);
        const QRectF r = extent(id);
        rects[id] = r;
        set(node, "shape", "box");
        set(node, "fixedsize", "true");
        set(node, "label", "");
        set(node, "width", QByteArray::number(r.width() / pointsPerInch));
        set(node, "height", QByteArray::number(r.height() / pointsPerInch));
        nodes[id] = node;
    }
    if (nodes.empty())
        return Placed{};
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
    Placed placed;
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
                                                   const std::unordered_set<NodeId>& keep)
{
    std::unordered_map<NodeId, QPointF> result;
    GVC_t* gvc = gvContext();
    std::optional<Placed> top = layoutScope(gvc, data, {}, extent);
    std::vector<std::pair<NodeId, Placed>> bodies;
    bool ok = top.has_value();
    for (const auto& [id, n] : data.nodes) {
        if (!ok || n.kind != NodeKind::CustomGradient || n.scope.valid())
            continue;
        std::optional<Placed> body = layoutScope(gvc, data, id, extent);
        ok = body.has_value();
        if (body)
            bodies.emplace_back(id, std::move(*body));
    }
    gvFreeContext(gvc);
    if (!ok) {
        GraphData copy = data;
        layoutInLayers(copy);
        for (const auto& [id, n] : copy.nodes)
            if (!keep.count(id))
                result[id] = n.position;
        return result;
    }
    for (const auto& [id, p] : top->positions)
        if (!keep.count(id))
            result[id] = p;
    double y = top->extent.bottom() + bandGap;
    for (const auto& [owner, body] : bodies) {
        const QPointF ownerAt = result.count(owner) ? result[owner] : data.node(owner)->position;
        const double x = std::max(0.0, ownerAt.x() + extent(owner).width() - body.extent.width());
        for (const auto& [id, p] : body.positions)
            if (!keep.count(id))
                result[id] = p + QPointF(x, y);
        y += body.extent.height() + bandGap;
    }
    return result;
}

void applyGraphvizLayout(GraphData& data, const NodeExtent& extent, const std::unordered_set<NodeId>& keep)
{
    for (const auto& [id, p] : graphvizLayout(data, extent, keep))
        data.node(id)->position = p;
}

} // namespace gs
