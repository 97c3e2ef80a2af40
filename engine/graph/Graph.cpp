#include "engine/graph/Graph.h"

#include <algorithm>

namespace gs {

std::string GraphNode::label() const
{
    switch (kind) {
    case Kind::Input: return "Placeholder";
    case Kind::Constant: return "Const";
    case Kind::Variable: return "ReadVariableOp";
    case Kind::Op: return op ? op->name : "?";
    }
    return "?";
}

int Graph::add(GraphNode node)
{
    if (node.origin < 0)
        node.origin = static_cast<int>(nodes.size());
    nodes.push_back(std::move(node));
    return static_cast<int>(nodes.size() - 1);
}

std::size_t Graph::opCount() const
{
    return static_cast<std::size_t>(
        std::count_if(nodes.begin(), nodes.end(), [](const GraphNode& n) { return n.kind == GraphNode::Kind::Op; }));
}

namespace {
std::string escape(const std::string& s)
{
    std::string out;
    for (char c : s) {
        if (c == '"' || c == '\\')
            out += '\\';
        out += c;
    }
    return out;
}
} // namespace

std::string toDot(const Graph& graph, const std::string& title)
{
    std::string dot = "digraph \"" + escape(title) + "\" {\n  rankdir=TB;\n  node [fontname=\"DejaVu Sans\"];\n";
    for (std::size_t i = 0; i < graph.nodes.size(); ++i) {
        const GraphNode& n = graph.nodes[i];
        std::string text = n.label();
        std::string shape = "box, style=rounded";
        if (n.kind == GraphNode::Kind::Input) {
            text = n.name + "\\n" + std::string(dtypeName(n.type.dtype)) + " " + n.type.shape.str();
            shape = "ellipse";
        } else if (n.kind == GraphNode::Kind::Constant) {
            text = n.value.size() <= 4 ? n.value.str() : "Const " + n.type.shape.str();
            if (!n.name.empty())
                text = n.name + " = " + text;
            shape = "box";
        } else if (n.kind == GraphNode::Kind::Variable) {
            text = (n.name.empty() ? std::string("variable") : n.name) + "\\nReadVariableOp";
            shape = "ellipse, style=dashed";
        } else if (!n.name.empty()) {
            text = n.name + " = " + text; // the user's label beside TensorFlow's op name: "y = pow"
        }
        const bool isOutput = std::find(graph.outputs.begin(), graph.outputs.end(), static_cast<int>(i)) != graph.outputs.end();
        dot += "  n" + std::to_string(i) + " [label=\"" + escape(text) + "\", shape=" + shape
               + (isOutput ? ", penwidth=2" : "") + "];\n";
    }
    for (std::size_t i = 0; i < graph.nodes.size(); ++i)
        for (std::size_t k = 0; k < graph.nodes[i].inputs.size(); ++k) {
            const int from = graph.nodes[i].inputs[k];
            dot += "  n" + std::to_string(from) + " -> n" + std::to_string(i) + " [label=\""
                   + graph.nodes[static_cast<std::size_t>(from)].type.shape.str() + "\"];\n";
        }
    return dot + "}\n";
}

} // namespace gs
