#include "engine/graph/Passes.h"

#include <cmath>
#include <numeric>

namespace gs {

namespace {

/// Whether node `i` is a constant whose every element equals `v` (with the sign of zero).
bool constantEquals(const Graph& g, int i, double v)
{
    const GraphNode& n = g.nodes[static_cast<std::size_t>(i)];
    if (n.kind != GraphNode::Kind::Constant || !isFloating(n.type.dtype))
        return false;
    for (std::int64_t k = 0; k < n.value.size(); ++k) {
        const double x = n.value.at(k);
        if (x != v || std::signbit(x) != std::signbit(v))
            return false;
    }
    return true;
}

} // namespace

Graph simplifyAlgebra(const Graph& graph, PassReport& report)
{
    report.name = "algebraic_simplification";
    report.verb = "simplified";
    const std::size_t n = graph.nodes.size();
    std::vector<int> replace(n);
    std::iota(replace.begin(), replace.end(), 0);
    std::vector<char> keep(n, 1);
    for (std::size_t k = 0; k < n; ++k) {
        const GraphNode& node = graph.nodes[k];
        if (node.kind != GraphNode::Kind::Op || node.custom || node.inputs.size() != 2)
            continue;
        const std::string& op = node.op->name;
        const int a = node.inputs[0], b = node.inputs[1];
        // The surviving operand must already have the result's type (no broadcasting lost).
        auto sameType = [&](int i) { return graph.nodes[static_cast<std::size_t>(i)].type == node.type; };
        int survivor = -1;
        std::string rule;
        if (op == "mul" && constantEquals(graph, b, 1.0) && sameType(a))
            survivor = a, rule = "x * 1 -> x";
        else if (op == "mul" && constantEquals(graph, a, 1.0) && sameType(b))
            survivor = b, rule = "1 * x -> x";
        else if (op == "div" && constantEquals(graph, b, 1.0) && sameType(a))
            survivor = a, rule = "x / 1 -> x";
        else if (op == "sub" && constantEquals(graph, b, 0.0) && sameType(a))
            survivor = a, rule = "x - 0 -> x";
        else if (op == "add" && constantEquals(graph, b, -0.0) && sameType(a))
            survivor = a, rule = "x + (-0.0) -> x";
        else if (op == "add" && constantEquals(graph, a, -0.0) && sameType(b))
            survivor = b, rule = "(-0.0) + x -> x";
        if (survivor >= 0) {
            replace[k] = survivor;
            keep[k] = 0;
            ++report.changed;
            report.notes.push_back(rule);
        } else if (op == "add" && (constantEquals(graph, a, 0.0) || constantEquals(graph, b, 0.0))) {
            report.notes.push_back("x + 0 kept: for x = -0.0 the sum is +0.0, so it is not the identity");
        } else if (op == "mul" && (constantEquals(graph, a, 0.0) || constantEquals(graph, b, 0.0))) {
            report.notes.push_back("x * 0 kept: if x is inf or NaN the product is NaN, not 0");
        }
    }
    return rebuild(graph, keep, replace);
}

} // namespace gs
