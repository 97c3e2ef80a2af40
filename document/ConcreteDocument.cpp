#include "document/ConcreteDocument.h"

#include "engine/graph/Function.h"
#include "engine/graph/Passes.h"

#include <unordered_map>

namespace gs {

bool ConcreteDocument::ghost(NodeId id) const
{
    const auto it = fates.find(id);
    return it != fates.end() && it->second != TraceFate::Kept && it->second != TraceFate::FoldResult;
}

namespace {

/// Builds the document node for one graph node; `key` gives Input nodes the value they were
/// traced with, so that the document can be evaluated as it is.
Node documentNode(const GraphNode& g, NodeId id, const std::vector<Tensor>& inputValues, const Graph& graph)
{
    Node n;
    n.id = id;
    switch (g.kind) {
    case GraphNode::Kind::Input: {
        n.kind = NodeKind::Input;
        n.label = QString::fromStdString(g.name);
        for (std::size_t k = 0; k < graph.inputs.size() && k < inputValues.size(); ++k)
            if (graph.nodes[static_cast<std::size_t>(graph.inputs[k])].origin == g.origin)
                n.value = TensorValue::fromTensor(inputValues[k]);
        break;
    }
    case GraphNode::Kind::Constant:
        n.kind = NodeKind::Constant;
        n.label = QString::fromStdString(g.name);
        n.value = TensorValue::fromTensor(g.value);
        break;
    case GraphNode::Kind::Variable:
        n.kind = NodeKind::Variable;
        n.label = QString::fromStdString(g.name);
        n.value = TensorValue::fromTensor(g.variable.peek());
        n.trainable = g.variable.trainable();
        break;
    case GraphNode::Kind::Op:
        n.kind = NodeKind::Op;
        n.op = QString::fromStdString(g.op ? g.op->name : std::string("?"));
        n.attrs = g.attrs;
        n.ports = static_cast<int>(g.inputs.size());
        n.label = QString::fromStdString(g.name);
        break;
    }
    return n;
}

/// Which traced nodes (by origin) are still present in `graph`.
std::unordered_map<int, int> byOrigin(const Graph& graph)
{
    std::unordered_map<int, int> map;
    for (std::size_t i = 0; i < graph.nodes.size(); ++i)
        map.emplace(graph.nodes[i].origin, static_cast<int>(i));
    return map;
}

QString simplificationNote(const GraphNode& n)
{
    const std::string op = n.op ? n.op->name : std::string();
    const char* rule = op == "mul" ? "x * 1 -> x" : op == "div" ? "x / 1 -> x" : op == "sub" ? "x - 0 -> x" : "x + (-0.0) -> x";
    return QStringLiteral("removed by algebraic simplification: %1").arg(QLatin1StringView(rule));
}

QString fateName(TraceFate fate)
{
    switch (fate) {
    case TraceFate::Folded: return QStringLiteral("folded");
    case TraceFate::Simplified: return QStringLiteral("simplified");
    case TraceFate::Merged: return QStringLiteral("merged");
    case TraceFate::Pruned: return QStringLiteral("pruned");
    case TraceFate::Kept:
    case TraceFate::FoldResult: break;
    }
    return {};
}

std::vector<Tensor> tensorArguments(const ConcreteFunction& f)
{
    std::vector<Tensor> out;
    for (const FunctionArg& a : f.key)
        if (const Tensor* t = std::get_if<Tensor>(&a))
            out.push_back(*t);
    return out;
}

void addConnection(ConcreteDocument& doc, NodeId from, NodeId to, PortIndex port, bool ghost)
{
    const ConnectionId id = doc.data.nextConnectionId();
    doc.data.connections.emplace(id, Connection{id, from, to, port});
    if (ghost)
        doc.ghostConnections.insert(id);
}

void labelOutput(GraphData& data, NodeId id, const QString& label)
{
    Node* n = data.node(id);
    if (n && n->label.isEmpty())
        n->label = label;
}

} // namespace

ConcreteDocument concreteDocument(const ConcreteFunction& function, const QString& resultName)
{
    const Graph& traced = function.traced;
    // The passes again, one at a time and in optimize()'s order, to learn which one removed what.
    PassReport report;
    const Graph folded = foldConstants(traced, report);
    const Graph simplified = simplifyAlgebra(folded, report);
    const Graph merged = eliminateCommonSubexpressions(simplified, report);
    const auto afterSimplify = byOrigin(simplified);
    const auto afterMerge = byOrigin(merged);
    const Graph& optimized = function.optimized;
    const auto live = byOrigin(optimized);
    const std::vector<Tensor> inputs = tensorArguments(function);

    ConcreteDocument doc;
    doc.tracedNodes = static_cast<int>(traced.nodes.size());
    doc.optimizedNodes = static_cast<int>(optimized.nodes.size());
    auto idOf = [](int tracedIndex) { return NodeId{tracedIndex + 1}; };
    std::unordered_map<int, NodeId> liveId; // final index -> document node
    int extra = static_cast<int>(traced.nodes.size());
    for (std::size_t i = 0; i < traced.nodes.size(); ++i) {
        const GraphNode& g = traced.nodes[i];
        const NodeId id = idOf(static_cast<int>(i));
        doc.data.nodes.emplace(id, documentNode(g, id, inputs, traced));
        const bool wasFolded = g.kind == GraphNode::Kind::Op && folded.nodes[i].kind == GraphNode::Kind::Constant;
        const auto survivor = live.find(g.origin);
        if (survivor != live.end() && wasFolded) {
            const GraphNode& constant = optimized.nodes[static_cast<std::size_t>(survivor->second)];
            const NodeId result{++extra};
            Node n = documentNode(constant, result, inputs, optimized);
            n.label = g.name.empty() ? QStringLiteral("from %1").arg(QString::fromStdString(g.op->name))
                                     : QString::fromStdString(g.name);
            doc.data.nodes.emplace(result, n);
            doc.fates[id] = TraceFate::Folded;
            doc.notes[id] = QStringLiteral("folded: its inputs are constants, so it became the constant %1")
                                .arg(QString::fromStdString(constant.value.str()));
            doc.fates[result] = TraceFate::FoldResult;
            doc.notes[result] = QStringLiteral("the constant %1 folded into").arg(QString::fromStdString(g.op->name));
            liveId[survivor->second] = result;
        } else if (survivor != live.end()) {
            doc.fates[id] = TraceFate::Kept;
            liveId[survivor->second] = id;
        } else if (!afterSimplify.count(g.origin)) {
            doc.fates[id] = TraceFate::Simplified;
            doc.notes[id] = simplificationNote(g);
        } else if (!afterMerge.count(g.origin)) {
            doc.fates[id] = TraceFate::Merged;
            doc.notes[id] = QStringLiteral("merged: it computes the same as an earlier %1").arg(QString::fromStdString(g.label()));
        } else {
            doc.fates[id] = TraceFate::Pruned;
            doc.notes[id] = wasFolded ? QStringLiteral("folded, then pruned: only folded ops used its value")
                                      : QStringLiteral("pruned: no output depends on it");
        }
    }
    // A ghost without a name of its own is titled by its fate ("pruned", subtitled "sin"): the
    // drawing and its layout then show it without callouts that could overlap other nodes.
    for (auto& [id, n] : doc.data.nodes)
        if (doc.ghost(id) && n.label.isEmpty())
            n.label = fateName(doc.fates[id]);
    // Live wires are the optimized graph's; ghosted nodes keep the wires they were traced with.
    for (std::size_t j = 0; j < optimized.nodes.size(); ++j)
        for (std::size_t p = 0; p < optimized.nodes[j].inputs.size(); ++p)
            addConnection(doc, liveId.at(optimized.nodes[j].inputs[p]), liveId.at(static_cast<int>(j)), static_cast<PortIndex>(p), false);
    for (std::size_t i = 0; i < traced.nodes.size(); ++i)
        if (doc.ghost(idOf(static_cast<int>(i))))
            for (std::size_t p = 0; p < traced.nodes[i].inputs.size(); ++p)
                addConnection(doc, idOf(traced.nodes[i].inputs[p]), idOf(static_cast<int>(i)), static_cast<PortIndex>(p), true);
    if (!optimized.outputs.empty()) {
        doc.data.target = liveId.at(optimized.outputs.front());
        labelOutput(doc.data, doc.data.target, resultName);
    }
    return doc;
}

ConcreteDocument graphDocument(const Graph& graph, const QString& resultName)
{
    ConcreteDocument doc;
    doc.tracedNodes = doc.optimizedNodes = static_cast<int>(graph.nodes.size());
    for (std::size_t i = 0; i < graph.nodes.size(); ++i) {
        const NodeId id{static_cast<int>(i) + 1};
        doc.data.nodes.emplace(id, documentNode(graph.nodes[i], id, {}, graph));
        doc.fates[id] = TraceFate::Kept;
        for (std::size_t p = 0; p < graph.nodes[i].inputs.size(); ++p)
            addConnection(doc, NodeId{graph.nodes[i].inputs[p] + 1}, id, static_cast<PortIndex>(p), false);
    }
    if (!graph.outputs.empty()) {
        doc.data.target = NodeId{graph.outputs.front() + 1};
        labelOutput(doc.data, doc.data.target, resultName);
    }
    return doc;
}

ConcreteDocument backwardDocument(const ConcreteFunction& function, const QString& resultName)
{
    const Graph backward = function.backwardGraph();
    ConcreteDocument doc = graphDocument(backward, resultName);
    // Outputs after the value: one gradient per tensor parameter, then per trainable variable.
    QStringList sources;
    for (int i : function.optimized.inputs)
        sources << QString::fromStdString(function.optimized.nodes[static_cast<std::size_t>(i)].name);
    for (const GraphNode& n : function.optimized.nodes)
        if (n.kind == GraphNode::Kind::Variable && n.variable.trainable())
            sources << QString::fromStdString(n.name);
    const std::vector<Tensor> inputs = tensorArguments(function);
    for (std::size_t k = 0; k < backward.inputs.size() && k < inputs.size(); ++k)
        doc.data.node(NodeId{backward.inputs[k] + 1})->value = TensorValue::fromTensor(inputs[k]);
    for (std::size_t k = 1; k < backward.outputs.size(); ++k)
        if (k - 1 < static_cast<std::size_t>(sources.size()))
            labelOutput(doc.data, NodeId{backward.outputs[k] + 1},
                        QStringLiteral("d%1/d%2").arg(resultName, sources[static_cast<qsizetype>(k - 1)]));
    return doc;
}

} // namespace gs
