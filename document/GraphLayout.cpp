#include "document/GraphLayout.h"

#include "document/ChainWrap.h"
#include "document/GraphData.h"

#include <algorithm>
#include <unordered_map>
#include <unordered_set>

namespace gs {

namespace {

constexpr double columnWidth = 170.0;
constexpr double rowHeight = 90.0;

/// Columns of the nodes of one scope: by longest path from a node fed by nothing in the scope,
/// except that such a node sits just left of its first consumer (a constant beside the op it
/// feeds, not at the far left with a long wire), and that a long chain starts each of its rows
/// again at the left (`wraps`).
std::unordered_map<NodeId, int> columns(const GraphData& data, const ConnectionIndex& index, NodeId scope,
                                        const std::unordered_set<ConnectionId>& wraps, int* widest)
{
    const std::vector<NodeId> order = data.topologicalOrder(scope);
    std::unordered_map<NodeId, int> column;
    for (NodeId id : order) {
        int c = 0;
        for (const Connection* in : index.inputs(id))
            if (auto it = column.find(in->from); it != column.end() && !wraps.count(in->id))
                c = std::max(c, it->second + 1);
        column[id] = c;
    }
    for (auto it = order.rbegin(); it != order.rend(); ++it) {
        bool fed = false;
        for (const Connection* in : index.inputs(*it))
            fed = fed || column.count(in->from);
        int consumer = -1;
        for (const Connection* out : index.outputs(*it))
            if (auto c = column.find(out->to); c != column.end() && !wraps.count(out->id))
                consumer = consumer < 0 ? c->second : std::min(consumer, c->second);
        if (!fed && consumer > 0)
            column[*it] = consumer - 1;
    }
    std::unordered_map<int, int> perColumn;
    *widest = 0;
    for (const auto& [id, c] : column)
        *widest = std::max(*widest, ++perColumn[c]);
    return column;
}

void place(GraphData& data, const std::unordered_map<NodeId, int>& column, double x0, double y0)
{
    std::unordered_map<int, int> used;
    for (auto& [id, node] : data.nodes)
        if (auto it = column.find(id); it != column.end())
            node.position = QPointF(x0 + it->second * columnWidth, y0 + used[it->second]++ * rowHeight);
}

} // namespace

void layoutInLayers(GraphData& data)
{
    const ConnectionIndex index(data);
    const std::unordered_set<ConnectionId> wraps = chainWraps(data, index);
    int rows = 0;
    const auto top = columns(data, index, {}, wraps, &rows);
    place(data, top, 0.0, 0.0);
    double y = rows * rowHeight + rowHeight;
    for (const auto& [id, node] : data.nodes) {
        if (node.kind != NodeKind::CustomGradient)
            continue;
        int bodyRows = 0;
        const auto body = columns(data, index, id, wraps, &bodyRows);
        int bodyColumns = 0;
        for (const auto& [bid, c] : body)
            bodyColumns = std::max(bodyColumns, c + 1);
        place(data, body, node.position.x() - bodyColumns * columnWidth, y);
        y += bodyRows * rowHeight + rowHeight;
    }
}

} // namespace gs
