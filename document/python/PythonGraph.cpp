#include "document/python/PythonGraph.h"

#include "document/GraphLayout.h"
#include "engine/ops/OpDef.h"

#include <QSet>

#include <algorithm>

// Note [labels]
// Python names are not values: `z` may be bound three times in a file, a function's local `exp`
// once per call, and one value may have two names. The graph needs one label per node, unique in
// its scope. Each node keeps the most telling name it was given (a top-level name that still holds
// it when the code ends, then an earlier top-level name, then a name inside a function, then a
// custom gradient's function name; the first given among equals), and names are settled in that
// order: the first to ask gets `z`, the others `z_1`, `z_2` (TensorFlow's own scheme). So `z`
// names what `z` holds at the end, which is also what the results call `z`.

namespace gs::python {

NodeId GraphEmitter::add(Node n, const SourceSpan& span)
{
    if (static_cast<int>(g_.nodes.size()) >= formulalimits::maxNodes)
        throw FormulaException{span, QStringLiteral("the code makes too many nodes (at most %1)").arg(formulalimits::maxNodes)};
    n.id = g_.nextNodeId();
    const NodeId id = n.id;
    g_.nodes.emplace(id, std::move(n));
    return id;
}

void GraphEmitter::connect(NodeId from, NodeId to, PortIndex port)
{
    const ConnectionId id = g_.nextConnectionId();
    g_.connections.emplace(id, Connection{id, from, to, port});
}

NodeId GraphEmitter::leaf(NodeKind kind, std::optional<TensorValue> value, bool trainable, NodeId scope, const SourceSpan& span)
{
    Node n;
    n.kind = kind;
    n.value = std::move(value);
    // Only a Variable's node says whether it is trainable; the others keep the default, as files
    // read them back (an Input parameter of a tf.function is not trainable in the script only).
    n.trainable = kind != NodeKind::Variable || trainable;
    n.scope = scope;
    return add(std::move(n), span);
}

NodeId GraphEmitter::op(const OpDef& def, const Attrs& attrs, const std::vector<NodeId>& inputs, NodeId scope, const SourceSpan& span)
{
    Node n;
    n.op = QString::fromStdString(def.name);
    n.attrs = attrs;
    n.ports = static_cast<int>(inputs.size());
    n.scope = scope;
    const NodeId id = add(std::move(n), span);
    for (std::size_t i = 0; i < inputs.size(); ++i)
        connect(inputs[i], id, static_cast<PortIndex>(i));
    return id;
}

NodeId GraphEmitter::customNode(const SourceSpan& span)
{
    Node n;
    n.kind = NodeKind::CustomGradient;
    return add(std::move(n), span);
}

NodeId GraphEmitter::parameter(NodeId custom, int index, const SourceSpan& span)
{
    Node n;
    n.kind = NodeKind::Parameter;
    n.index = index;
    n.scope = custom;
    return add(std::move(n), span);
}

NodeId GraphEmitter::upstream(NodeId custom, const SourceSpan& span)
{
    Node n;
    n.kind = NodeKind::Upstream;
    n.scope = custom;
    return add(std::move(n), span);
}

void GraphEmitter::finishCustom(NodeId custom, const std::vector<NodeId>& inputs, NodeId forward, const std::vector<NodeId>& grads)
{
    const int n = static_cast<int>(inputs.size());
    g_.node(custom)->ports = 2 * n + 1;
    for (int i = 0; i < n; ++i)
        connect(inputs[static_cast<std::size_t>(i)], custom, i);
    connect(forward, custom, n);
    for (int i = 0; i < n; ++i)
        if (grads[static_cast<std::size_t>(i)].valid())
            connect(grads[static_cast<std::size_t>(i)], custom, n + 1 + i);
}

void GraphEmitter::name(NodeId id, const QString& name, Naming naming)
{
    if (!id.valid() || name.isEmpty())
        return;
    const Request request{name, naming, order_++};
    auto [it, inserted] = requests_.emplace(id, request);
    if (!inserted && naming > it->second.naming)
        it->second = request;
}

GraphData GraphEmitter::finish(NodeId target)
{
    std::vector<std::pair<NodeId, Request>> asked(requests_.begin(), requests_.end());
    std::sort(asked.begin(), asked.end(), [](const auto& a, const auto& b) {
        if (a.second.naming != b.second.naming)
            return a.second.naming > b.second.naming;
        return a.second.order < b.second.order;
    });
    std::unordered_map<NodeId, QSet<QString>> taken; // per scope
    for (const auto& [id, n] : g_.nodes)
        if (!n.label.isEmpty())
            taken[n.scope].insert(n.label);
    for (const auto& [id, request] : asked) {
        Node* n = g_.node(id);
        QSet<QString>& used = taken[n->scope];
        QString label = request.name;
        for (int k = 1; used.contains(label); ++k)
            label = QStringLiteral("%1_%2").arg(request.name).arg(k);
        used.insert(label);
        n->label = label;
    }
    g_.target = target;
    layoutInLayers(g_);
    return std::move(g_);
}

} // namespace gs::python
