#pragma once

#include "document/DocumentIds.h"
#include "engine/core/Tensor.h"

#include <QString>
#include <QStringList>

#include <optional>
#include <unordered_map>
#include <utility>
#include <vector>

namespace gs {

struct GraphData;
struct Evaluation;

/// What the graph shows: forward values, or the gradients flowing back along the wires.
enum class ViewMode { Forward, Gradient };

/// What a lesson's question gives away, hidden until the teacher reveals it: the gradients (on
/// the wires and nodes, in the answer box and the tape's table), and the values computed from
/// the inputs (the inputs themselves stay, since the question is about them).
struct Concealment {
    bool gradients = false;
    bool values = false;

    bool any() const { return gradients || values; }
    /// From a lesson step's "conceal" list (see concealableParts()).
    static Concealment fromParts(const QStringList& parts);
    friend bool operator==(const Concealment&, const Concealment&) = default;
};

/// What a concealed number is written as.
inline QString concealedText() { return QStringLiteral("?"); }

struct OverlayOptions {
    ViewMode mode = ViewMode::Forward;
    /// Step mode: how many events of the evaluation's log have happened (0 .. events.size());
    /// -1 shows the finished evaluation.
    int step = -1;
    Concealment conceal;
    /// Forward mode: draw the tangents the evaluation carries (Evaluation::forward) on the wires
    /// in the forward view, after `tangentStep` forward steps (-1: all of them).
    bool tangents = false;
    int tangentStep = -1;
};

/// What one node shows besides its op and label. Computed, never stored in the document.
struct NodeState {
    std::optional<Tensor> value;
    std::optional<Tensor> adjoint; ///< d target / d value
    QString error;   ///< why this node failed (it is the cause)
    QString waiting; ///< why it has no value though it did not fail: what it waits for
    /// A traced graph's input: the shape and dtype it stands for ("(3,) float32");
    /// its value is only the call's it was traced with, not part of the graph.
    QString placeholder;
    bool target = false;
    bool source = false;         ///< a source the tape watches
    bool noneGradient = false;   ///< a source whose gradient is None
    QString noneReason;
    bool valueNonfinite = false;   ///< forward contamination
    bool adjointNonfinite = false; ///< backward contamination
    QStringList births;            ///< why a NaN or infinity was born here
    bool blocked = false;  ///< upstream of a stop_gradient and receiving no gradient because of it
    bool valve = false;    ///< lets no gradient through on a path from a source to the target
    bool pending = false;  ///< step mode: not computed yet
    bool active = false;   ///< step mode: the current event happens here
    QString note;          ///< step mode: what the current event does here ("6.0 + 30.0 = 36.0")
    bool ghost = false;    ///< a traced node the passes folded or removed, drawn faded (trace view)
    bool valueConcealed = false;   ///< has a value, hidden until the question is revealed
    bool adjointConcealed = false; ///< has a gradient (or None), hidden until revealed
    std::optional<Tensor> tangent; ///< forward mode: d value along the direction (when shown)
};

/// What one connection shows.
struct EdgeState {
    std::optional<Tensor> gradient; ///< what flowed back along it
    QString shape;                  ///< of the value it carries, "" for scalars
    bool cut = false;               ///< enters a stop_gradient (or another op without gradient)
    bool blocked = false;           ///< carries no gradient because of a cut downstream
    bool gradientNonfinite = false;
    bool valueNonfinite = false;
    double magnitude = -1.0;        ///< largest finite |gradient|, -1 when none
    bool active = false;
    QString note;                   ///< step mode: "upstream × local = contribution"
    bool ghost = false;             ///< a traced wire the passes removed, drawn faded (trace view)
    bool gradientConcealed = false; ///< carries a gradient, hidden until the question is revealed
    std::optional<Tensor> tangent;  ///< forward mode: the tangent carried forward along it (when shown)
};

/// The span of gradient magnitudes on the wires, on a log scale.
struct GradientRange {
    double lowLog = 0.0;  ///< log10 of the smallest finite non-zero magnitude
    double highLog = 0.0; ///< log10 of the largest
    bool valid = false;
    /// Where `magnitude` sits in the range, 0..1 (0.5 when the range is a single value).
    double position(double magnitude) const;
};

/// The visual state of the whole graph for one evaluation: the single place that decides what is
/// tinted, dashed, greyed or labelled, shared by the editor scene and every export.
struct GraphOverlay {
    ViewMode mode = ViewMode::Forward; ///< effective mode (stepping follows the pass it is in)
    int step = -1;
    int stepCount = 0;
    std::unordered_map<NodeId, NodeState> nodes;
    std::unordered_map<ConnectionId, EdgeState> edges;
    GradientRange range;
    bool hasCut = false;
    bool hasNonfinite = false;
    Concealment concealed;
    bool tangents = false;    ///< forward mode's tangents are drawn
    int tangentStep = -1;     ///< forward steps replayed (-1: all)
    int tangentStepCount = 0; ///< forward steps there are

    const NodeState& node(NodeId id) const;
    const EdgeState& edge(ConnectionId id) const;
};

GraphOverlay computeOverlay(const GraphData& data, const Evaluation& evaluation, const OverlayOptions& options = {});

/// The connections a backward event sent its contributions along, with the input index of each.
std::vector<std::pair<ConnectionId, std::size_t>> eventConnections(const GraphData& data, const Evaluation& evaluation,
                                                                   std::size_t event);
/// One line for a person: what event `event` did ("backward through mul#9: ...").
QString describeEvent(const GraphData& data, const Evaluation& evaluation, std::size_t event);

/// Step mode (StepOverlay.cpp): hides what has not happened yet after `overlay.step` events and
/// marks the latest event.
void applyStep(const GraphData& data, const Evaluation& evaluation, GraphOverlay& overlay);

/// Forward mode (TangentOverlay.cpp): every node's and wire's tangent, or after `step` forward
/// steps (step >= 0) only those computed so far, the latest step marked.
void applyTangents(const GraphData& data, const Evaluation& evaluation, GraphOverlay& overlay, int step);
/// One line for a person: what forward step `step` (from 0) did.
QString describeForwardStep(const GraphData& data, const Evaluation& evaluation, std::size_t step);
/// A tangent as a wire shows it: "ṫ 36.0".
QString tangentLabel(const Tensor& tangent);

} // namespace gs
