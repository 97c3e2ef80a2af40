#include "ui/render/GraphvizLayout.h"

#include "document/ChainWrap.h"
#include "document/GraphData.h"
#include "document/GraphLayout.h"

#include <QByteArray>
#include <QList>
#include <QProcess>
#include <QStandardPaths>
#include <QString>

#include <algorithm>
#include <map>
#include <optional>
#include <vector>

// Note [dot as a program]: the layout runs Graphviz's `dot` as a separate program (DOT text in,
// `-Tplain` positions out) instead of linking libgvc. Graphviz is under the EPL-1.0, which the GPL
// does not accept in one combined program, and GradScope is GPL-3.0-or-later because QCustomPlot
// is; a program we talk to through a pipe is a separate work. It also keeps Graphviz's own memory
// out of the window: libgvc 2.42 kept a few kilobytes of every layout for the life of the process.

namespace gs {

namespace {

constexpr double pointsPerInch = 72.0;
constexpr int dotTimeoutMs = 20000;

struct Placed {
    std::unordered_map<NodeId, QPointF> positions; ///< box top-left, band starting at (0, 0)
    QRectF extent;
};

QByteArray inches(double points) { return QByteArray::number(points / pointsPerInch, 'g', 10); }

/// The `dot` program, looked up once; empty when Graphviz is not installed.
const QString& dotProgram()
{
    static const QString path = QStandardPaths::findExecutable(QStringLiteral("dot"));
    return path;
}

/// Runs dot on `graph` and returns its `-Tplain` output, or nothing when dot is missing or fails.
std::optional<QByteArray> runDot(const QByteArray& graph)
{
    if (dotProgram().isEmpty())
        return std::nullopt;
    QProcess dot;
    dot.start(dotProgram(), {QStringLiteral("-Tplain")});
    if (!dot.waitForStarted())
        return std::nullopt;
    dot.write(graph);
    dot.closeWriteChannel();
    if (!dot.waitForFinished(dotTimeoutMs)) {
        dot.kill();
        dot.waitForFinished();
        return std::nullopt;
    }
    if (dot.exitStatus() != QProcess::NormalExit || dot.exitCode() != 0)
        return std::nullopt;
    return dot.readAllStandardOutput();
}

/// Where dot put each node, from `-Tplain`: centres in inches, y upwards from the bottom edge.
struct PlainLayout {
    double width = 0;
    double height = 0;
    std::map<QByteArray, QPointF> centres;
};

std::optional<PlainLayout> readPlain(const QByteArray& text)
{
    PlainLayout layout;
    bool sized = false;
    for (const QByteArray& line : text.split('\n')) {
        const QList<QByteArray> f = line.simplified().split(' ');
        bool okX = false;
        bool okY = false;
        if (f.size() >= 4 && f[0] == "graph") {
            layout.width = f[2].toDouble(&okX);
            layout.height = f[3].toDouble(&okY);
            sized = okX && okY;
        } else if (f.size() >= 4 && f[0] == "node") {
            const QPointF c(f[2].toDouble(&okX), f[3].toDouble(&okY));
            if (!okX || !okY)
                return std::nullopt;
            layout.centres[f[1]] = c;
        }
    }
    if (!sized)
        return std::nullopt;
    return layout;
}

/// Lays out every node with dot; the body of each custom gradient is a cluster, which dot keeps
/// together and places before the custom gradient node its results flow into. Empty when
/// Graphviz fails.
std::optional<Placed> layoutAll(const GraphData& data, const NodeExtent& extent, const LayoutSpacing& spacing)
{
    std::map<NodeId, QByteArray> clusterText; // custom gradient -> its body's nodes
    for (const auto& [id, n] : data.nodes)
        if (n.kind == NodeKind::CustomGradient)
            clusterText[id];
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
    QByteArray top;
    const auto box = [&](NodeId scope, const QByteArray& name, const QSizeF& size) {
        const auto body = clusterText.find(scope);
        QByteArray& in = body != clusterText.end() ? body->second : top;
        in += "  " + name + " [width=" + inches(size.width()) + ", height=" + inches(size.height()) + "];\n";
    };
    std::vector<QByteArray> blockNames;
    for (std::size_t b = 0; b < blocks.size(); ++b) {
        const NodeId any = blocks[b].positions.begin()->first;
        blockNames.push_back("b" + QByteArray::number(qulonglong(b)));
        box(data.node(any)->scope, blockNames.back(), blocks[b].size);
    }
    std::map<NodeId, QByteArray> names;
    std::map<NodeId, QRectF> rects;
    for (const auto& [id, n] : data.nodes) {
        const QRectF r = extent(id);
        rects[id] = r;
        if (auto b = blockOf.find(id); b != blockOf.end()) {
            names[id] = blockNames[b->second];
        } else {
            names[id] = "n" + QByteArray::number(id.value);
            box(n.scope, names[id], r.size());
        }
    }
    Placed placed;
    if (names.empty())
        return placed;
    QByteArray graph = "digraph g {\n  rankdir=LR;\n  ordering=in;\n";
    // dot's minimum nodesep is 0.02 inch; it measures both in inches.
    graph += "  nodesep=" + inches(std::max(spacing.node, 2.0)) + ";\n  ranksep=" + inches(std::max(spacing.rank, 2.0)) + ";\n";
    graph += "  node [shape=box, fixedsize=true, label=\"\"];\n" + top;
    for (const auto& [id, text] : clusterText)
        graph += "  subgraph cluster_" + QByteArray::number(id.value) + " {\n" + text + "  }\n";
    // Edges in input-port order, so that `ordering=in` keeps x above y.
    std::vector<const Connection*> edges;
    for (const auto& [cid, c] : data.connections)
        if (names.count(c.from) && names.count(c.to) && names[c.from] != names[c.to])
            edges.push_back(&c);
    std::sort(edges.begin(), edges.end(), [](const Connection* a, const Connection* b) {
        return a->to != b->to ? a->to < b->to : a->port < b->port;
    });
    for (const Connection* c : edges)
        graph += "  " + names[c->from] + " -> " + names[c->to] + ";\n";
    graph += "}\n";

    const std::optional<QByteArray> output = runDot(graph);
    const std::optional<PlainLayout> plain = output ? readPlain(*output) : std::nullopt;
    if (!plain)
        return std::nullopt;
    const auto centreOf = [&](const QByteArray& name) -> std::optional<QPointF> {
        const auto it = plain->centres.find(name);
        if (it == plain->centres.end())
            return std::nullopt;
        return QPointF(it->second.x() * pointsPerInch, (plain->height - it->second.y()) * pointsPerInch);
    };
    for (const auto& [id, name] : names) {
        const std::optional<QPointF> centre = centreOf(name);
        if (!centre)
            return std::nullopt;
        if (auto b = blockOf.find(id); b != blockOf.end()) {
            const ChainBlock& block = blocks[b->second];
            const QPointF topLeft = *centre - QPointF(block.size.width() / 2, block.size.height() / 2);
            placed.positions[id] = topLeft + block.positions.at(id);
            continue;
        }
        const QRectF& r = rects[id];
        const QPointF topLeftOfExtent = *centre - QPointF(r.width() / 2, r.height() / 2);
        placed.positions[id] = topLeftOfExtent - r.topLeft();
    }
    placed.extent = QRectF(0, 0, plain->width * pointsPerInch, plain->height * pointsPerInch);
    return placed;
}

} // namespace

std::unordered_map<NodeId, QPointF> graphvizLayout(const GraphData& data, const NodeExtent& extent,
                                                   const std::unordered_set<NodeId>& keep, const LayoutSpacing& spacing)
{
    std::unordered_map<NodeId, QPointF> result;
    std::optional<Placed> placed = layoutAll(data, extent, spacing);
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
