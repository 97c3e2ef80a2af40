#pragma once

#include "engine/graph/Graph.h"
#include "engine/graph/Passes.h"
#include "engine/graph/ScalarPlan.h"

#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <variant>
#include <vector>

namespace gs {

/// A plain Python number passed to a tf.function. TensorFlow keys it by value alone (its trace
/// type compares `2 == 2.0`, which Python says is true), so `f(2.0)` after `f(2)` reuses the graph
/// traced for 2; whether it was written as an int only changes how it is shown.
struct PythonNumber {
    double value = 0;
    bool integer = false;
    PythonNumber(double v, bool isInt = false) : value(v), integer(isInt) {} // NOLINT: implicit, as in f({10.0})
    /// Python's repr: 2 for an int, 2.0 for a float.
    std::string repr() const;
};

/// An argument of a traced function: a tensor (keyed by dtype and shape) or a plain number
/// (keyed by its value), as Python arguments to a tf.function.
using FunctionArg = std::variant<Tensor, PythonNumber>;

/// A fixed signature entry (tf.TensorSpec).
struct TensorSpec {
    DType dtype = DType::Float32;
    Shape shape;
    friend bool operator==(const TensorSpec& a, const TensorSpec& b) { return a.dtype == b.dtype && a.shape == b.shape; }
};

/// One graph of a Function, for one input signature (TensorFlow's ConcreteFunction).
struct ConcreteFunction {
    std::string signature;     ///< as first called: "x: TensorSpec(shape=(), dtype=float32)", "x=10"
    std::vector<FunctionArg> key;
    Graph traced;              ///< as traced
    Graph optimized;           ///< after the passes
    std::vector<PassReport> passes;
    /// The optimized graph compiled to a plan of scalar steps, when it is made of scalars only
    /// (ScalarPlan::of); run() then uses it. Null otherwise.
    std::shared_ptr<const ScalarPlan> scalarPlan;
    int callCount = 0;

    /// Runs the optimized graph on the tensor arguments (numbers are baked in).
    std::vector<Tensor> run(const std::vector<FunctionArg>& args) const;
    /// The gradient of the first output's sum with respect to each tensor parameter and each
    /// trainable variable, as its own graph (outputs: the forward value, then the gradients;
    /// an unconnected gradient is zeros). Built by tracing the tape over this graph, so it uses
    /// the same gradient rules as eager mode.
    Graph backwardGraph() const;
};

/// What one call did.
struct FunctionCall {
    std::string signature; ///< as this call wrote it (x=2.0 may reuse the graph traced for x=2)
    int concrete = -1;     ///< index of the concrete function it ran
    bool traced = false;
    std::string reason; ///< why it traced, or which graph it reused
};

/// tf.function: calls look up a concrete function by signature and trace a new one when needed.
class Function {
public:
    using Body = std::function<std::vector<Tensor>(const std::vector<FunctionArg>& args)>;

    Function(std::string name, std::vector<std::string> parameters, Body body,
             std::optional<std::vector<TensorSpec>> inputSignature = std::nullopt);

    std::vector<Tensor> operator()(const std::vector<FunctionArg>& args);
    /// The concrete function for these arguments, tracing it if needed (get_concrete_function).
    const ConcreteFunction& concrete(const std::vector<FunctionArg>& args);
    /// The original function, run eagerly (python_function).
    std::vector<Tensor> eager(const std::vector<FunctionArg>& args) const { return body_(args); }

    const std::string& name() const { return name_; }
    const std::vector<std::unique_ptr<ConcreteFunction>>& concreteFunctions() const { return concretes_; }
    const std::vector<FunctionCall>& calls() const { return calls_; }
    int traceCount() const { return static_cast<int>(concretes_.size()); }
    /// TensorFlow's warning once a function has been traced this many times.
    static constexpr int retraceWarningThreshold = 5;
    /// Set once the threshold is reached, in TensorFlow's words.
    const std::string& warning() const { return warning_; }

private:
    std::string signatureOf(const std::vector<FunctionArg>& args) const;
    std::string keyOf(const std::vector<FunctionArg>& args) const;
    std::string retraceReason(const std::vector<FunctionArg>& args) const;
    ConcreteFunction& lookupOrTrace(const std::vector<FunctionArg>& args, FunctionCall& call);

    std::string name_;
    std::vector<std::string> parameters_;
    Body body_;
    std::optional<std::vector<TensorSpec>> inputSignature_;
    std::vector<std::unique_ptr<ConcreteFunction>> concretes_;
    std::map<std::string, std::size_t> byKey_; ///< a call's key -> index in concretes_
    std::vector<FunctionCall> calls_;
    std::string warning_;
};

/// Python's repr of a number argument: 10 for integral values, 2.5 otherwise.
std::string formatPlainNumber(double value);

} // namespace gs
