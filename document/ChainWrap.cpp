#include "document/ChainWrap.h"

#include "document/GraphData.h"

#include <algorithm>
#include <cmath>
#include <optional>
#include <cstddef>

namespace gs {

namespace {

/// The link before `id` in a chain: the node feeding its first input, when that is the same op
/// and feeds nothing else.
const Node* previousLink(const GraphData& data, const ConnectionIndex& index, const Node& node, NodeId* previous)
{
    if (node.kind != NodeKind::Op || node.ports < 2)
        return nullptr;
    const Connection* first = index.into(node.id, 0);
    if (!first || index.outputs(first->from).size() != 1)
        return nullptr;
    const Node* before = data.node(first->from);
    if (!before || before->kind != NodeKind::Op || before->op != node.op || before->scope != node.scope)
        return nullptr;
    *previous = first->from;
    return before;
}

} // namespace

std::vector<std::vector<NodeId>> longChains(const GraphData& data, const ConnectionIndex& index, int minLinks)
{
    // A chain ends at a link whose output does not go on as the first input of the same op.
    std::unordered_set<NodeId> hasNext;
    for (const auto& [id, node] : data.nodes) {
        NodeId previous;
        if (previousLink(data, index, node, &previous))
            hasNext.insert(previous);
    }
    std::vector<std::vector<NodeId>> chains;
    for (const auto& [id, node] : data.nodes) {
        if (hasNext.count(id))
            continue;
        std::vector<NodeId> links{id};
        const Node* link = &node;
        NodeId previous;
        while ((link = previousLink(data, index, *link, &previous)))
            links.push_back(previous);
        if (static_cast<int>(links.size()) >= minLinks) {
            std::reverse(links.begin(), links.end());
            chains.push_back(std::move(links));
        }
    }
    return chains;
}

int chainRowLength(int links)
{
    // A link and its other input take about one column (a box and a gap, ~230 units) and two
    // boxes of height (~215 units); rows of r links give a block r * 230 wide and
    // links / r * 215 tall, 1.4 times as wide as tall when r = sqrt(1.3 * links).
    return std::max(4, static_cast<int>(std::ceil(std::sqrt(1.3 * links))));
}

std::unordered_set<ConnectionId> chainWraps(const GraphData& data, const ConnectionIndex& index)
{
    std::unordered_set<ConnectionId> wraps;
    for (const auto& links : longChains(data, index)) {
        const int row = chainRowLength(static_cast<int>(links.size()));
        for (std::size_t i = row; i < links.size(); i += row)
            if (const Connection* c = index.into(links[i], 0))
                wraps.insert(c->id);
    }
    return wraps;
}

namespace {

/// The most nodes a term may have to go in the block with its link (a bigger one is laid out
/// with the rest of the graph).
constexpr int maxTermNodes = 12;

/// A term of a chain laid out as a small tree, inputs left of the node that reads them.
struct Tree {
    std::unordered_map<NodeId, QPointF> topLefts; ///< of each node's extent, relative to the tree
    QSizeF size;
};

struct TreeLayout {
    const GraphData& data;
    const ConnectionIndex& index;
    const std::function<QRectF(NodeId)>& extent;
    double columnGap;
    double nodeGap;

    /// True when the term rooted at `root` is a small tree no other part of the graph touches:
    /// each of its nodes, in `scope`, feeds one node only (the next one in, the root its link).
    bool privateTree(NodeId root, NodeId scope, int* count) const
    {
        const Node* node = data.node(root);
        if (!node || node->scope != scope || index.outputs(root).size() != 1 || ++*count > maxTermNodes)
            return false;
        for (const Connection* in : index.inputs(root))
            if (!privateTree(in->from, scope, count))
                return false;
        return true;
    }

    Tree lay(NodeId root) const
    {
        Tree tree;
        std::vector<Tree> inputs;
        double width = 0, height = 0;
        for (const Connection* in : index.inputs(root)) {
            inputs.push_back(lay(in->from));
            width = std::max(width, inputs.back().size.width());
            height += inputs.back().size.height() + (inputs.size() > 1 ? nodeGap : 0);
        }
        const QRectF own = extent(root);
        const double x = inputs.empty() ? 0 : width + columnGap;
        tree.size = QSizeF(x + own.width(), std::max(height, own.height()));
        tree.topLefts[root] = QPointF(x, (tree.size.height() - own.height()) / 2);
        double y = (tree.size.height() - height) / 2;
        for (const Tree& input : inputs) {
            const QPointF offset(width - input.size.width(), y);
            for (const auto& [id, p] : input.topLefts)
                tree.topLefts[id] = p + offset;
            y += input.size.height() + nodeGap;
        }
        return tree;
    }
};

} // namespace

ChainBlock layOutChain(const GraphData& data, const ConnectionIndex& index, const std::vector<NodeId>& links,
                       const std::function<QRectF(NodeId)>& extent, double columnGap, double rowGap)
{
    // A term that only its link reads (a leaf, or a small tree such as w3 * x3) goes in the block;
    // anything else stays in the graph's layout and its wire comes into the block.
    const TreeLayout trees{data, index, extent, columnGap, rowGap / 2};
    const NodeId scope = data.node(links.front())->scope;
    const auto termOf = [&](NodeId link, PortIndex port) -> std::optional<Tree> {
        const Connection* in = index.into(link, port);
        int count = 0;
        if (!in || !trees.privateTree(in->from, scope, &count))
            return std::nullopt;
        return trees.lay(in->from);
    };
    std::vector<std::optional<Tree>> terms; // below each link: its second input
    double linkWidth = 0, linkHeight = 0, termWidth = 0, termHeight = 0;
    for (NodeId link : links) {
        terms.push_back(termOf(link, 1));
        linkWidth = std::max(linkWidth, extent(link).width());
        linkHeight = std::max(linkHeight, extent(link).height());
        if (terms.back()) {
            termWidth = std::max(termWidth, terms.back()->size.width());
            termHeight = std::max(termHeight, terms.back()->size.height());
        }
    }
    const std::optional<Tree> first = termOf(links.front(), 0);
    if (first)
        linkHeight = std::max(linkHeight, first->size.height());
    // Links stand side by side along a row, each term below and just left of its link, so that
    // its wire climbs into the link's second port while the chain's own wire runs straight
    // along the row; terms wider than a link reach under the link before.
    const double column = std::max(linkWidth, termWidth) + columnGap;
    const double termDrop = linkHeight + rowGap / 2;
    const double rowHeight = termDrop + termHeight + rowGap;
    // Rows of r links make a block r columns wide and n / r rows tall: about 1.4 times as wide
    // as tall, a projector's shape, for r = sqrt(1.4 n rowHeight / column).
    const int n = static_cast<int>(links.size());
    const int row = std::min(n, std::max(4, static_cast<int>(std::ceil(std::sqrt(1.4 * n * rowHeight / column)))));
    const double x0 = std::max(first ? first->size.width() + columnGap : 0.0, termWidth + columnGap / 2);

    std::unordered_map<NodeId, QPointF> topLefts;
    const auto putTree = [&](const Tree& tree, QPointF at) {
        for (const auto& [id, p] : tree.topLefts)
            topLefts[id] = p + at;
    };
    if (first)
        putTree(*first, QPointF(x0 - columnGap - first->size.width(), (linkHeight - first->size.height()) / 2));
    for (std::size_t i = 0; i < links.size(); ++i) {
        const double x = x0 + (static_cast<int>(i) % row) * column;
        const double y = (static_cast<int>(i) / row) * rowHeight;
        topLefts[links[i]] = QPointF(x, y + (linkHeight - extent(links[i]).height()) / 2);
        if (terms[i])
            putTree(*terms[i], QPointF(x - columnGap / 2 - terms[i]->size.width(), y + termDrop));
    }
    ChainBlock block;
    QRectF bounds;
    for (const auto& [id, p] : topLefts)
        bounds = bounds.united(QRectF(p, extent(id).size()));
    for (const auto& [id, p] : topLefts)
        block.positions[id] = p - bounds.topLeft() - extent(id).topLeft();
    block.size = bounds.size();
    return block;
}

} // namespace gs
