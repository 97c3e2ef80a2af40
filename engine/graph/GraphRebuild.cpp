#include "engine/graph/Passes.h"

namespace gs {

Graph rebuild(const Graph& graph, const std::vector<char>& keep, const std::vector<int>& replace)
{
    // Follow replacement chains to a kept node, then renumber kept nodes in their old order.
    auto resolve = [&](int i) {
        while (replace[static_cast<std::size_t>(i)] != i)
            i = replace[static_cast<std::size_t>(i)];
        return i;
    };
    std::vector<int> newIndex(graph.nodes.size(), -1);
    Graph out;
    for (std::size_t i = 0; i < graph.nodes.size(); ++i) {
        if (!keep[i])
            continue;
        GraphNode n = graph.nodes[i];
        for (int& in : n.inputs)
            in = newIndex[static_cast<std::size_t>(resolve(in))];
        newIndex[i] = out.add(std::move(n));
    }
    for (int in : graph.inputs)
        out.inputs.push_back(newIndex[static_cast<std::size_t>(resolve(in))]);
    for (int o : graph.outputs)
        out.outputs.push_back(newIndex[static_cast<std::size_t>(resolve(o))]);
    return out;
}

Graph optimize(const Graph& graph, std::vector<PassReport>& reports)
{
    reports.clear();
    Graph g = graph;
    for (auto pass : {foldConstants, simplifyAlgebra, eliminateCommonSubexpressions, prune}) {
        PassReport r;
        r.nodesBefore = g.nodes.size();
        g = pass(g, r);
        r.nodesAfter = g.nodes.size();
        reports.push_back(std::move(r));
    }
    return g;
}

} // namespace gs
