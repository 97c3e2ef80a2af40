#pragma once

#include "document/GraphData.h"
#include "document/TraceArguments.h"
#include "engine/autodiff/Variable.h"
#include "engine/graph/Function.h"

#include <QStringList>

#include <memory>
#include <unordered_map>

namespace gs {

/// Why a call could not be made: names the argument or the node at fault.
struct TraceError {
    QString message;
};

/// What one call of a DocumentFunction did.
struct TraceCallResult {
    FunctionCall call;
    int concrete = -1; ///< index into function().concreteFunctions()
    Tensor value;      ///< the target's value, computed by the concrete function
    /// Every tensor argument was a TensorSpec: the call traced (or found) a graph, and its value
    /// (from zeros) means nothing, as get_concrete_function returns no value in TensorFlow.
    bool specOnly = false;
};

/// A document as a tf.function: its body is the graph up to the target, its parameters are named
/// values of the graph (see parametersOf). A call binds parameters to tensors or plain numbers;
/// the engine's Function then reuses or traces a concrete function by TensorFlow's rules.
/// Variables the body reads are created once and captured by every trace, as in TensorFlow.
class DocumentFunction {
public:
    /// Throws TraceError when a parameter is not a variable, constant or input of `data`.
    DocumentFunction(GraphData data, QStringList parameters);
    // The engine's Function calls back into this object: it stays where it was made.
    DocumentFunction(const DocumentFunction&) = delete;
    DocumentFunction& operator=(const DocumentFunction&) = delete;

    /// The parameters for a set of calls: every labelled input of the graph, then every variable
    /// or constant some call binds, in node order. Throws TraceError for a name that is not a
    /// variable, constant or input of the graph.
    static QStringList parametersOf(const GraphData& data, const std::vector<std::vector<TraceArgument>>& calls);

    /// Calls the function. A parameter the call leaves out takes its declared value, as a tensor.
    /// Throws TraceError (a bad argument, a value missing, an op failing while tracing).
    TraceCallResult call(const std::vector<TraceArgument>& arguments);

    const Function& function() const { return *function_; }
    const QStringList& parameters() const { return parameters_; }
    const GraphData& data() const { return data_; }
    /// The name of the value the function returns: the target's label, else "y".
    QString resultName() const;

private:
    std::vector<FunctionArg> bind(const std::vector<TraceArgument>& arguments) const;
    std::vector<Tensor> body(const std::vector<FunctionArg>& args) const;
    const TensorValue* declaredValue(const Node& node) const;

    GraphData data_;
    QStringList parameters_;
    std::vector<NodeId> parameterNodes_;
    DType dtype_ = DType::Float32;
    std::unordered_map<NodeId, Variable> variables_;
    std::unique_ptr<Function> function_;
    /// Per parameter, for the call being made: bound to a plain Python int (x=2).
    std::vector<bool> plainInts_;
};

} // namespace gs
