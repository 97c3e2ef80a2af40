#include "engine/graph/Passes.h"

#include <numeric>

namespace gs {

Graph prune(const Graph& graph, PassReport& report)
{
    report.name = "pruning";
    report.verb = "pruned";
    const std::size_t n = graph.nodes.size();
    std::vector<char> keep(n, 0);
    for (int o : graph.outputs)
        keep[static_cast<std::size_t>(o)] = 1;
    for (int in : graph.inputs)
        keep[static_cast<std::size_t>(in)] = 1;
    // Nodes are in topological order, so one backward walk marks everything the outputs need.
    for (std::size_t k = n; k-- > 0;)
        if (keep[k] && graph.nodes[k].kind != GraphNode::Kind::Input)
            for (int in : graph.nodes[k].inputs)
                keep[static_cast<std::size_t>(in)] = 1;
    std::vector<int> replace(n);
    std::iota(replace.begin(), replace.end(), 0);
    for (std::size_t k = 0; k < n; ++k)
        if (!keep[k]) {
            ++report.changed;
            report.notes.push_back(graph.nodes[k].label() + " does not reach any output");
        }
    return rebuild(graph, keep, replace);
}

} // namespace gs
