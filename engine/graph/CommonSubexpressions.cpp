#include "engine/graph/Passes.h"

#include <cstring>
#include <map>
#include <numeric>

namespace gs {

namespace {

/// A key that is equal exactly for nodes that always compute the same value.
std::string keyOf(const GraphNode& n, const std::vector<int>& inputs)
{
    std::string key = std::to_string(static_cast<int>(n.kind)) + "|" + n.label() + "|"
                      + std::string(dtypeName(n.type.dtype)) + n.type.shape.str() + "|";
    for (int in : inputs)
        key += std::to_string(in) + ",";
    for (const auto& [name, value] : n.attrs.items())
        key += name + "=" + formatAttrValue(value) + ";";
    if (n.kind == GraphNode::Kind::Constant) {
        // Bitwise, so -0.0 and 0.0 (or two NaN payloads) are not confused.
        dispatchAny(n.value.dtype(), [&](auto tag) {
            using T = decltype(tag);
            const auto* data = n.value.data<T>();
            key.append(reinterpret_cast<const char*>(data), sizeof(T) * static_cast<std::size_t>(n.value.size()));
        });
    }
    if (n.kind == GraphNode::Kind::Variable)
        key += std::to_string(n.variable.id());
    return key;
}

} // namespace

Graph eliminateCommonSubexpressions(const Graph& graph, PassReport& report)
{
    report.name = "common_subexpression_elimination";
    report.verb = "merged";
    const std::size_t n = graph.nodes.size();
    std::vector<int> replace(n);
    std::iota(replace.begin(), replace.end(), 0);
    std::vector<char> keep(n, 1);
    std::map<std::string, int> seen;
    for (std::size_t k = 0; k < n; ++k) {
        const GraphNode& node = graph.nodes[k];
        if (node.kind == GraphNode::Kind::Input || node.custom)
            continue;
        std::vector<int> inputs;
        for (int in : node.inputs)
            inputs.push_back(replace[static_cast<std::size_t>(in)]);
        auto [it, inserted] = seen.emplace(keyOf(node, inputs), static_cast<int>(k));
        if (!inserted) {
            replace[k] = it->second;
            keep[k] = 0;
            ++report.changed;
            report.notes.push_back(node.label() + " duplicates an earlier " + node.label());
        }
    }
    return rebuild(graph, keep, replace);
}

} // namespace gs
