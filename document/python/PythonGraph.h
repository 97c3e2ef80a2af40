#pragma once

// Internal to the Python reader: the document a piece of code unrolls into, built node by node
// while the interpreter runs it.
#include "document/FormulaError.h"
#include "document/GraphData.h"

#include <optional>
#include <unordered_map>

namespace gs::python {

/// Builds one document in the order the code computes its values. Labels come from the names the
/// code binds values to; a node can be asked for several, so they are settled at the end (see
/// note [labels] in PythonGraph.cpp).
class GraphEmitter {
public:
    /// Which name a node keeps when the code gives it several, highest first.
    enum class Naming {
        FunctionName = 0, ///< a custom gradient's node, named after its Python function
        Local = 1,        ///< a name inside a function (or a parameter of a custom gradient body)
        Earlier = 2,      ///< a top-level name the code later bound to something else
        Final = 3,        ///< a top-level name still bound to this value when the code ends
    };

    NodeId leaf(NodeKind kind, std::optional<TensorValue> value, bool trainable, NodeId scope, const SourceSpan& span);
    NodeId op(const OpDef& def, const Attrs& attrs, const std::vector<NodeId>& inputs, NodeId scope, const SourceSpan& span);
    /// A custom gradient node whose ports are set by finishCustom().
    NodeId customNode(const SourceSpan& span);
    NodeId parameter(NodeId custom, int index, const SourceSpan& span);
    NodeId upstream(NodeId custom, const SourceSpan& span);
    /// Connects the custom gradient's inputs, its forward result and its gradients (invalid: None).
    void finishCustom(NodeId custom, const std::vector<NodeId>& inputs, NodeId forward, const std::vector<NodeId>& grads);

    void name(NodeId id, const QString& name, Naming naming);
    /// Labels every node from the names asked for, lays the graph out and hands it over.
    GraphData finish(NodeId target);

    const GraphData& data() const { return g_; }

private:
    NodeId add(Node n, const SourceSpan& span);
    void connect(NodeId from, NodeId to, PortIndex port);

    struct Request {
        QString name;
        Naming naming = Naming::Local;
        int order = 0;
    };
    GraphData g_;
    std::unordered_map<NodeId, Request> requests_;
    int order_ = 0;
};

} // namespace gs::python
