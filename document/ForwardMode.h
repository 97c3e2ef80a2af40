#pragma once

// Forward mode beside reverse mode (tf.autodiff.ForwardAccumulator), for documents: what an
// evaluation with EvaluationOptions::tangents adds (Evaluation::forward), and the cost of the
// whole Jacobian in each mode.
#include "document/DocumentIds.h"
#include "engine/autodiff/ForwardAccumulator.h"

#include <QString>

#include <optional>
#include <vector>

namespace gs {

struct GraphData;
struct Evaluation;

/// One op forward mode pushed a tangent through, and the node it belongs to (invalid for a step
/// the document has no node for).
struct ForwardModeStep {
    NodeId node;
    ForwardStep step;
    bool onPath = false; ///< the target depends on this op's output
};

/// "n inputs need n forward passes for the whole gradient and one reverse pass does it all; for a
/// vector output the other way round", counted on one graph. One forward pass (one tangent, a
/// Jacobian-vector product) gives one column of the Jacobian d target / d sources; one reverse
/// pass (one upstream gradient, a vector-Jacobian product) gives one row. Both passes go through
/// the same ops: those on a path from the sources to the target.
struct ModeCost {
    long long inputs = 0;    ///< n: the sources' elements together (columns of the Jacobian)
    long long outputs = 0;   ///< m: the target's elements (rows of the Jacobian)
    long long opsPerPass = 0; ///< engine ops on a path from the sources to the target
    long long forwardPasses() const { return inputs; }
    long long reversePasses() const { return outputs; }
    long long forwardOps() const { return inputs * opsPerPass; }
    long long reverseOps() const { return outputs * opsPerPass; }
};

struct ForwardModeResult {
    bool requested = false;
    /// Why there is no forward mode although it was asked for: a tangent for a node that is not
    /// a source, a tangent of the wrong shape, a failing tangent computation.
    QString error;
    std::vector<NodeId> sources;                  ///< the primals, in the evaluation's order
    std::vector<std::optional<Tensor>> tangents;  ///< the direction, per source (None: no value)
    std::optional<Tensor> jvp;                    ///< d target along the direction; None when the target does not depend on the sources
    std::vector<ForwardModeStep> steps;           ///< in forward order
    ModeCost cost;
    bool ok() const { return requested && error.isEmpty(); }
};

/// For people: "forward mode: 2 passes x 5 ops = 10 op steps; reverse mode: 1 pass x 5 ops = 5".
QString modeCostSentence(const ModeCost& cost);

/// The JSON fields forward mode adds to `gradscope eval --json` after "gradients": "jvp" and
/// "forward_mode" (passes and ops of each mode); with events, "tangents" (node to tangent).
void appendForwardModeJson(const GraphData& data, const Evaluation& evaluation, bool events,
                           std::vector<std::pair<QString, QString>>& fields);
/// The same for the table.
QString forwardModeTable(const GraphData& data, const Evaluation& evaluation, bool events);

} // namespace gs
