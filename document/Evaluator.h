#pragma once

// Internal to the document layer: the machinery behind evaluate() (Evaluation.h), split over
// Evaluator.cpp (values, the backward pass, Jacobian and Hessian) and EvaluatorCustom.cpp
// (custom gradient bodies).
#include "document/Evaluation.h"
#include "engine/autodiff/ForwardAccumulator.h"
#include "engine/autodiff/GradientTape.h"
#include "engine/autodiff/Variable.h"

#include <functional>
#include <unordered_set>

namespace gs::detail {

/// Stops a custom gradient's body at the node that failed (already recorded on that node).
struct BodyFailure {
    QString message;
};

inline QString what(const std::exception& e) { return QString::fromStdString(e.what()); }

/// Numbers follow the tensors they meet, as in TensorFlow: a literal (isLiteral(port): a constant
/// that declares no dtype) at an index port (gather's indices, one_hot's) becomes int32, and one
/// feeding an op whose other input is an integer tensor takes its dtype; a number that is not
/// whole is TensorFlow's "Cannot convert 2.5 to EagerTensor of dtype int32". Shared by the
/// evaluator and the document's tf.function tracing.
void adaptLiteralInputs(const OpDef& def, std::vector<Tensor>& in, const std::function<bool(std::size_t)>& isLiteral);

/// One evaluation of one document: forward values node by node under an event log and the
/// tapes, then one backward sweep, then the Jacobian and Hessian when asked.
class Evaluator {
public:
    Evaluator(const GraphData& g, const EvaluationOptions& o, Evaluation& r)
        : g_(g)
        , index_(g)
        , o_(o)
        , r_(r)
    {
    }

    std::vector<NodeId> run();

    const std::unordered_map<TensorId, NodeId>& owners() const { return owners_; }

private:
    // --- forward (Evaluator.cpp) -----------------------------------------------------------------
    bool chooseSources();
    /// How messages name a node, for their audience.
    QString nameOf(NodeId id) const;
    /// Every node's value, with no target to differentiate (the graph can still be read).
    void forwardOnly(const std::vector<NodeId>& order);
    /// The value a variable, constant or input starts with: given, saved, or declared.
    const TensorValue* declaredValue(const Node& n) const;
    /// Every variable and input the target needs has a value.
    bool checkValues(const std::vector<NodeId>& order);
    Tensor tensorFor(const TensorValue& v) const;
    /// Numbers follow the tensors they meet (as `x ** 3` does in TensorFlow): a constant that
    /// declares no dtype, feeding an op whose other input is an integer tensor, takes its dtype.
    void adaptLiterals(NodeId id, const OpDef& def, std::vector<Tensor>& in) const;
    Source sourceOf(NodeId id) const;
    void watch(NodeId id, const Tensor& t);
    /// Records that the events from `firstEvent` on, and `value`, belong to node `id`.
    void own(std::size_t firstEvent, NodeId id, const Tensor& value);
    void fail(NodeId id, const QString& message) { r_.nodes[id].error = message; }
    std::optional<std::vector<Tensor>> inputs(NodeId id, int count);
    void compute(NodeId id);

    // --- custom gradients (EvaluatorCustom.cpp) --------------------------------------------------
    Tensor custom(NodeId id, const std::vector<Tensor>& in);
    /// Evaluates the body nodes `root` needs, with the parameters and dy given.
    Tensor body(NodeId custom, NodeId root, const std::vector<Tensor>& params, const std::optional<Tensor>& dy,
                bool record);

    // --- forward mode (EvaluatorForward.cpp) ------------------------------------------------------
    /// A tangent for a node that is not a source: r_.forward.error says so.
    bool checkTangents();
    /// Gives a source its tangent from EvaluationOptions::tangents (zeros when not given).
    void watchTangent(NodeId id, const Tensor& value);
    /// Every node's tangent, the target's (the JVP), the steps and the cost of each mode.
    void forwardMode();

    // --- results (Evaluator.cpp) -----------------------------------------------------------------
    QString firstFailure(const std::vector<NodeId>& order) const;
    void collectNodeResults(const std::unordered_map<TensorId, Tensor>& adjoints);
    void jacobian(GradientTape& tape, const std::vector<Source>& sources);
    /// Row i holds the derivatives of the first-order gradient g_i, taken on the outer tape that
    /// recorded the inner tape's backward pass. An entry is None where g_i does not depend on
    /// source j (and a whole row when g_i is None).
    void hessian(GradientTape& outer, const std::vector<Source>& sources, const std::vector<std::optional<Tensor>>& grads);
    /// Jacobian and Hessian were taken for each distinct source; give each requested one its own.
    void expand(const std::vector<std::size_t>& slot);

    const GraphData& g_;
    const ConnectionIndex index_;
    const EvaluationOptions& o_;
    Evaluation& r_;
    DType dtype_ = DType::Float32;
    std::vector<NodeId> sources_;
    std::unordered_set<NodeId> sourceSet_;
    std::unordered_set<NodeId> needed_; ///< the target and everything it depends on
    std::unordered_map<NodeId, Tensor> values_;
    std::unordered_map<NodeId, Variable> variables_;
    std::unordered_map<TensorId, NodeId> owners_;
    std::vector<GradientTape*> tapes_;
    ForwardAccumulator* forward_ = nullptr; ///< set while forward mode records
    EventLog* log_ = nullptr;
    bool recordGradBodies_ = false;
};

} // namespace gs::detail
