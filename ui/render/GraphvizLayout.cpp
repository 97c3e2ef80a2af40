#include "ui/render/GraphvizLayout.h"

#include "document/ChainWrap.h"
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
    // A long chain is one box for dot, laid out inside as rows (ChainWrap): dot would draw it
    // as a staircase far wider than the screen.
    const ConnectionIndex index(data);
    std::vector<ChainBlock> blocks;
    std::map<NodeId, std::size_t> blockOf;
    for (const auto& links : longChains(data, index)) {
        blocks.push_back(layOutChain(data, index, links, extent, spacing.rank, 2 * spacing.node + spacing.rank / 2));
        for (const auto& [id, p] : blocks.back().positions)
            blockOf[id] = blocks.size() - 1;
    }
    std::map<NodeId, Agnode_t*> nodes;
    std::vector<Agnode_t*> blockNodes;
    std::map<NodeId, QRectF> rects;
    const auto box = [&](Agraph_t* in, const QByteArray& name, const QSizeF& size) {
        QByteArray key = name;
        Agnode_t* node = agnode(in, chars(key), 1);
        set(node, "shape", "box");
        set(node, "fixedsize", "true");
        set(node, "label", "");
        set(node, "width", QByteArray::number(size.width() / pointsPerInch));
        set(node, "height", QByteArray::number(size.height() / pointsPerInch));
        return node;
    };
    const auto graphOf = [&](NodeId scope) {
        const auto body = bodies.find(scope);
        return body != bodies.end() ? body->second : g;
    };
    for (std::size_t b = 0; b < blocks.size(); ++b) {
        const NodeId any = blocks[b].positions.begin()->first;
        blockNodes.push_back(box(graphOf(data.node(any)->scope), "b" + QByteArray::number(qulonglong(b)), blocks[b].size));
    }
    for (const auto& [id, n] : data.nodes) {
        const QRectF r = extent(id);
        rects[id] = r;
        if (auto b = blockOf.find(id); b != blockOf.end())
            nodes[id] = blockNodes[b->second];
        else
            nodes[id] = box(graphOf(n.scope), "n" + QByteArray::number(id.value), r.size());
    }
    Placed placed;
    if (nodes.empty())
        return placed;
    // Edges in input-port order, so that `ordering=in` keeps x above y.
    std::vector<const Connection*> edges;
    for (const auto& [cid, c] : data.connections)
        if (nodes.count(c.from) && nodes.count(c.to) && nodes[c.from] != nodes[c.to])
            edges.push_back(&c);
    std::sort(edges.begin(), edges.end(), [](const Connection* a, const Connection* b) {
        return a->to != b->to ? a->to < b->to : a->port < b->port;
    });
    for (const Connection* c : edges)
        agedge(g, nodes[c->from], nodes[c->to], nullptr, 1);
    if (gvLayout(gvc, g, "dot") != 0)
        return std::nullopt;
    const boxf bb = GD_bb(g);
    const auto centreOf = [&](Agnode_t* node) { return QPointF(ND_coord(node).x - bb.LL.x, bb.UR.y - ND_coord(node).y); };
    for (const auto& [id, node] : nodes) {
        if (auto b = blockOf.find(id); b != blockOf.end()) {
            const ChainBlock& block = blocks[b->second];
            const QPointF topLeft = centreOf(node) - QPointF(block.size.width() / 2, block.size.height() / 2);
            placed.positions[id] = topLeft + block.positions.at(id);
            continue;
        }
        const QRectF& r = rects[id];
        const QPointF topLeftOfExtent = centreOf(node) - QPointF(r.width() / 2, r.height() / 2);
        placed.positions[id] = topLeftOfExtent - r.topLeft();
    }
    placed.extent = QRectF(0, 0, bb.UR.x - bb.LL.x, bb.UR.y - bb.LL.y);
    return placed;
}

/// The thread's Graphviz context, made on first use and kept until the thread ends. Graphviz 2.42
/// (Debian 12) loads its plugin configuration in gvContext() and gvFreeContext() does not give all
/// of it back: a context per layout leaked a few hundred bytes each time, and every formula
/// applied and every lesson step shown is a layout (gradscope_soak grew by kilobytes a cycle).
GVC_t* context()
{
    struct Context {
        GVC_t* gvc = gvContext();
        ~Context() { gvFreeContext(gvc); }
    };
    thread_local Context c;
    return c.gvc;
}

} // namespace

std::unordered_map<NodeId, QPointF> graphvizLayout(const GraphData& data, const NodeExtent& extent,
                                                   const std::unordered_set<NodeId>& keep, const LayoutSpacing& spacing)
{
    std::unordered_map<NodeId, QPointF> result;
    std::optional<Placed> placed = layoutAll(context(), data, extent, spacing);
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
