#pragma once

#include "document/ForwardMode.h"
#include "document/GraphData.h"
#include "engine/autodiff/EventLog.h"

#include <QStringList>

#include <optional>
#include <unordered_map>
#include <vector>

namespace gs {

/// Who reads the messages an evaluation writes, so that each is told where to act in its own
/// words: the command line names its options ("give a value when evaluating (--at x=1.0)"), the
/// window its panels ("set a value in the Inspector").
enum class MessageAudience { CommandLine, Window };

struct EvaluationOptions {
    /// Run everything in this dtype. Unset: values keep a dtype they declare, everything else
    /// takes the document's dtype (the first declared one, float32 when none is).
    std::optional<DType> dtype;
    /// The value to differentiate; invalid: the document's target.
    NodeId target;
    /// Sources of the gradients, in order; unset: trainable variables in order of declaration.
    std::optional<std::vector<NodeId>> wrt;
    /// Values that replace declared ones (the command line's --at and --inputs).
    std::unordered_map<NodeId, TensorValue> values;
    bool jacobian = false; ///< d target[i] / d source[j] for each source
    bool hessian = false;  ///< second derivatives between every two sources (nested tapes)
    MessageAudience audience = MessageAudience::CommandLine;
    /// Forward mode (tf.autodiff.ForwardAccumulator) along this direction: a tangent per source,
    /// zeros for a source left out. Unset: no forward mode. Results in Evaluation::forward.
    std::optional<std::unordered_map<NodeId, TensorValue>> tangents;
};

struct NodeResult {
    std::optional<Tensor> value;   ///< the forward value
    std::optional<Tensor> adjoint; ///< d target / d value; unset when no source reaches the target through it
    QString error;                 ///< why this node failed (it is the cause)
    bool skipped = false;          ///< no value because one of its inputs has none
    NodeId blockedBy;              ///< when skipped: the node whose missing value it waits for
    std::optional<Tensor> tangent; ///< forward mode: d value along the direction; None when it does not depend on the sources
};

struct ConnectionResult {
    std::optional<Tensor> gradient; ///< what the backward pass sent back along it
    /// Enters an op that lets no gradient through (stop_gradient, a comparison) from a value that
    /// depends on a source, on the way to the target.
    bool cut = false;
};

struct NonFiniteBirth {
    enum class Phase { Forward, Backward };
    Phase phase = Phase::Forward;
    NodeId node;       ///< may be invalid for a step the document has no node for
    QString op;
    QString reason;
    std::size_t event = 0; ///< index into Evaluation::events
};

struct SourceGradient {
    NodeId node;
    std::optional<Tensor> gradient; ///< None (unset) when no gradient reaches the source
    QString noneReason;             ///< why it is None
};

/// Everything one run of a document through the engine produced. Not undoable, not saved.
struct Evaluation {
    QString error;         ///< why there is no result (no target, a value missing, a failing node)
    QString gradientError; ///< why the backward pass failed, if it did
    DType dtype = DType::Float32;
    NodeId target;
    std::optional<Tensor> value; ///< the target's value
    std::vector<SourceGradient> gradients;
    std::unordered_map<NodeId, NodeResult> nodes;
    std::unordered_map<ConnectionId, ConnectionResult> connections;
    std::vector<NonFiniteBirth> nonfinite;
    std::vector<Event> events;         ///< forward steps, then the backward sweep, in order
    std::vector<NodeId> eventNodes;    ///< for each event, the node it belongs to (may be invalid)
    std::vector<std::optional<Tensor>> jacobian;                ///< per source, when asked
    std::vector<std::vector<std::optional<Tensor>>> hessian;    ///< [i][j], when asked
    QString jacobianError;
    QString hessianError;
    ForwardModeResult forward; ///< when EvaluationOptions::tangents is set
    /// What TensorFlow would log as warnings, once each: watching an integer source, asking for
    /// its gradient ("The dtype of the source tensor must be floating (e.g. tf.float32) when
    /// calling GradientTape.gradient, got tf.int32").
    QStringList warnings;

    bool ok() const { return error.isEmpty() && value.has_value(); }
    const NodeResult* node(NodeId id) const;
};

/// Runs a document through the engine: every node's forward value (the whole graph, so that
/// dangling nodes show values too), then one backward sweep from the target to the sources that
/// also yields every node's adjoint and every connection's gradient, the ordered event log with
/// where each NaN and infinity was born, and the Jacobian and Hessian when asked.
/// Never throws: engine errors are attached to the node that caused them.
Evaluation evaluate(const GraphData& data, const EvaluationOptions& options = {});

/// The dtype a document evaluates in when no dtype is forced (see EvaluationOptions::dtype).
DType documentDType(const GraphData& data);

/// Fills the parts of an evaluation that explain it (EvaluationAnalysis.cpp): connection
/// gradients and owners of events, non-finite births, cut connections and reasons for None.
void analyseEvaluation(const GraphData& data, const std::vector<NodeId>& sources,
                       const std::unordered_map<TensorId, NodeId>& owners, Evaluation& result);

} // namespace gs
