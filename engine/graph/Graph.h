#pragma once

#include "engine/autodiff/Variable.h"
#include "engine/ops/OpDef.h"
#include "engine/ops/OpObserver.h"

#include <string>
#include <vector>

namespace gs {

/// A typed static graph: what tracing a function produces (TensorFlow's FuncGraph). Nodes are
/// stored in a topological order (every input precedes its consumer); every value has a dtype
/// and a shape.
struct GraphNode {
    enum class Kind {
        Input,    ///< a tensor parameter of the function (a placeholder)
        Constant, ///< a value baked into the graph (literals, plain-number arguments)
        Variable, ///< a variable read: its current value is read at each execution
        Op        ///< an op applied to earlier nodes
    };
    Kind kind = Kind::Op;
    const OpDef* op = nullptr; ///< for Kind::Op
    std::vector<int> inputs;   ///< indices of earlier nodes
    Attrs attrs;
    TensorType type;
    Tensor value;              ///< for Kind::Constant
    gs::Variable variable;     ///< for Kind::Variable
    /// For a custom_gradient op: the user's gradient. Its last input is the forward function's
    /// result; the others are the function's inputs.
    std::shared_ptr<const CustomGradFn> custom;
    std::string name;          ///< parameter or variable name; for ops and constants the user's label, if any
    /// The node's index in the graph as first built (set by Graph::add). Passes copy nodes
    /// whole, so it survives them: a view can tell which traced node each optimized node is, and
    /// which traced nodes a pass folded, merged or removed.
    int origin = -1;

    /// "add", "Const", "Placeholder", "ReadVariableOp": TensorFlow's names where they exist.
    std::string label() const;
};

struct Graph {
    std::vector<GraphNode> nodes;
    std::vector<int> inputs;  ///< Input nodes, in parameter order
    std::vector<int> outputs; ///< the function's results

    int add(GraphNode node);
    std::size_t opCount() const;
};

/// Graphviz DOT text of a graph (inputs as ellipses, constants as boxes with their value).
std::string toDot(const Graph& graph, const std::string& title);

} // namespace gs
