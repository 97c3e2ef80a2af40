#include "document/GraphLayout.h"

#include "document/GraphData.h"

#include <algorithm>
#include <unordered_map>

namespace gs {

namespace {

constexpr double columnWidth = 170.0;
constexpr double rowHeight = 90.0;

/// Columns of the nodes of one scope: 0 for nodes fed by nothing in the scope.
std::unordered_map<NodeId, int> columns(const GraphData& data, const ConnectionIndex& index, NodeId scope, int* widest)
{
    std::unordered_map<NodeId, int> column;
    for (NodeId id : data.topologicalOrder(scope)) {
        int c = 0;
        for (const Connection* in : index.inputs(id))
            if (auto it = column.find(in->from); it != column.end())
                c = std::max(c, it->second + 1);
        column[id] = c;
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
    int rows = 0;
    const auto top = columns(data, index, {}, &rows);
    place(data, top, 0.0, 0.0);
    double y = rows * rowHeight + rowHeight;
    for (const auto& [id, node] : data.nodes) {
        if (node.kind != NodeKind::CustomGradient)
            continue;
        int bodyRows = 0;
        const auto body = columns(data, index, id, &bodyRows);
        int bodyColumns = 0;
        for (const auto& [bid, c] : body)
            bodyColumns = std::max(bodyColumns, c + 1);
        place(data, body, node.position.x() - bodyColumns * columnWidth, y);
        y += bodyRows * rowHeight + rowHeight;
    }
}

} // namespace gs
