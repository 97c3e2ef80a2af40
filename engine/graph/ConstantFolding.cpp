#include "engine/core/FloatEnvironment.h"
#include "engine/graph/Passes.h"

#include <numeric>

namespace gs {

Graph foldConstants(const Graph& graph, PassReport& report)
{
    report.name = "constant_folding";
    report.verb = "folded";
    Graph g = graph;
    TensorFlowFloatEnvironment environment; // fold with the numbers execution would give
    std::vector<Tensor> args;
    for (GraphNode& n : g.nodes) {
        if (n.kind != GraphNode::Kind::Op || n.custom || !n.op->forward)
            continue;
        bool allConstant = true;
        args.clear();
        for (int in : n.inputs) {
            const GraphNode& src = g.nodes[static_cast<std::size_t>(in)];
            allConstant = allConstant && src.kind == GraphNode::Kind::Constant;
            if (allConstant)
                args.push_back(src.value);
        }
        if (!allConstant)
            continue;
        const std::string what = n.op->name;
        n.value = n.op->forward(args, n.attrs);
        n.kind = GraphNode::Kind::Constant;
        n.inputs.clear();
        ++report.changed;
        if (n.value.size() == 1)
            report.notes.push_back(what + " of constants became the constant " + n.value.str());
    }
    // The inputs of folded nodes are pruned later if nothing else uses them.
    return g;
}

} // namespace gs
