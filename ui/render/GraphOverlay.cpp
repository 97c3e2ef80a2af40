#include "ui/render/GraphOverlay.h"

#include "document/NodeNames.h"

#include <QObject>

#include "document/Evaluation.h"
#include "ui/render/ValueDisplay.h"

#include <algorithm>
#include <cmath>

namespace gs {

double GradientRange::position(double magnitude) const
{
    if (!valid || magnitude <= 0)
        return 0.0;
    if (highLog - lowLog < 1e-9)
        return 0.5;
    return std::clamp((std::log10(magnitude) - lowLog) / (highLog - lowLog), 0.0, 1.0);
}

const NodeState& GraphOverlay::node(NodeId id) const
{
    static const NodeState none;
    auto it = nodes.find(id);
    return it == nodes.end() ? none : it->second;
}

const EdgeState& GraphOverlay::edge(ConnectionId id) const
{
    static const EdgeState none;
    auto it = edges.find(id);
    return it == edges.end() ? none : it->second;
}

namespace {

void markBlocked(const GraphData& data, GraphOverlay& overlay)
{
    for (auto& [cid, edge] : overlay.edges) {
        if (!edge.cut)
            continue;
        const Connection& c = *data.connection(cid);
        overlay.nodes[c.to].valve = true;
        for (NodeId id : data.ancestors(c.from)) {
            NodeState& n = overlay.nodes[id];
            if (!n.adjoint)
                n.blocked = true;
        }
    }
    for (auto& [cid, edge] : overlay.edges) {
        if (edge.gradient)
            continue;
        const Connection& c = *data.connection(cid);
        if (edge.cut || overlay.node(c.to).blocked)
            edge.blocked = true;
    }
}

void computeRange(GraphOverlay& overlay)
{
    double lo = INFINITY;
    double hi = -INFINITY;
    for (const auto& [cid, edge] : overlay.edges)
        if (edge.magnitude > 0) {
            lo = std::min(lo, std::log10(edge.magnitude));
            hi = std::max(hi, std::log10(edge.magnitude));
        }
    overlay.range.valid = std::isfinite(lo);
    if (overlay.range.valid) {
        overlay.range.lowLog = lo;
        overlay.range.highLog = hi;
    }
}

/// Hides what a question gives away. Structure stays (which wires enter a stop_gradient, which
/// nodes are sources and the target); what flowed along it goes.
void conceal(const GraphData& data, GraphOverlay& overlay)
{
    const Concealment& c = overlay.concealed;
    for (auto& [id, s] : overlay.nodes) {
        const Node* n = data.node(id);
        if (c.gradients) {
            s.adjointConcealed = s.adjoint.has_value() || s.noneGradient;
            s.adjoint.reset();
            s.noneGradient = false;
            s.noneReason.clear();
            s.adjointNonfinite = false;
            s.blocked = false;
            s.births.erase(std::remove_if(s.births.begin(), s.births.end(),
                                          [](const QString& b) { return b.startsWith(QStringLiteral("backward: ")); }),
                           s.births.end());
        }
        if (c.values && n && n->kind == NodeKind::Op && s.value) {
            s.valueConcealed = true;
            s.value.reset();
            s.valueNonfinite = false;
            s.births.clear();
        }
    }
    for (auto& [cid, e] : overlay.edges) {
        if (c.gradients) {
            e.gradientConcealed = e.gradient.has_value();
            e.gradient.reset();
            e.gradientNonfinite = false;
            e.blocked = false;
            e.magnitude = -1.0;
        }
        if (c.values)
            e.valueNonfinite = e.valueNonfinite && !overlay.node(data.connection(cid)->from).valueConcealed;
    }
    if (c.gradients)
        overlay.range = {};
    overlay.hasNonfinite = false;
    for (const auto& [id, s] : overlay.nodes)
        overlay.hasNonfinite = overlay.hasNonfinite || !s.births.isEmpty() || s.valueNonfinite || s.adjointNonfinite;
    for (const auto& [cid, e] : overlay.edges)
        overlay.hasNonfinite = overlay.hasNonfinite || e.gradientNonfinite;
}

} // namespace

Concealment Concealment::fromParts(const QStringList& parts)
{
    return {parts.contains(QStringLiteral("gradients")), parts.contains(QStringLiteral("values"))};
}

GraphOverlay computeOverlay(const GraphData& data, const Evaluation& ev, const OverlayOptions& options)
{
    GraphOverlay overlay;
    overlay.mode = options.mode;
    const NodeId target = ev.target.valid() ? ev.target : data.target;
    for (const auto& [id, node] : data.nodes) {
        NodeState& s = overlay.nodes[id];
        s.target = id == target;
        if (const NodeResult* r = ev.node(id)) {
            s.value = r->value;
            s.adjoint = r->adjoint;
            s.error = r->error;
            if (r->skipped && r->blockedBy.valid())
                s.waiting = QObject::tr("no value: needs %1, which has none").arg(quotedName(data, r->blockedBy));
        }
        s.valueNonfinite = s.value && hasNonfinite(*s.value);
        s.adjointNonfinite = s.adjoint && hasNonfinite(*s.adjoint);
    }
    for (const SourceGradient& g : ev.gradients) {
        NodeState& s = overlay.nodes[g.node];
        s.source = true;
        s.noneGradient = ev.ok() && ev.gradientError.isEmpty() && !g.gradient;
        s.noneReason = g.noneReason;
    }
    for (const NonFiniteBirth& b : ev.nonfinite) {
        if (!b.node.valid())
            continue;
        overlay.nodes[b.node].births << (b.phase == NonFiniteBirth::Phase::Backward ? QStringLiteral("backward: ") + b.reason
                                                                                      : b.reason);
        overlay.hasNonfinite = true;
    }
    for (const auto& [cid, c] : data.connections) {
        EdgeState& e = overlay.edges[cid];
        const NodeState& from = overlay.node(c.from);
        if (from.value && from.value->rank() > 0)
            e.shape = QString::fromStdString(from.value->shape().str());
        e.valueNonfinite = from.valueNonfinite;
        if (auto it = ev.connections.find(cid); it != ev.connections.end()) {
            e.gradient = it->second.gradient;
            e.cut = it->second.cut;
        }
        if (e.gradient) {
            e.gradientNonfinite = hasNonfinite(*e.gradient);
            e.magnitude = maxFiniteMagnitude(*e.gradient);
        }
        overlay.hasCut = overlay.hasCut || e.cut;
        overlay.hasNonfinite = overlay.hasNonfinite || e.gradientNonfinite;
    }
    markBlocked(data, overlay);
    computeRange(overlay);
    overlay.stepCount = static_cast<int>(ev.events.size());
    if (options.step >= 0) {
        overlay.step = std::min(options.step, overlay.stepCount);
        applyStep(data, ev, overlay);
    }
    if (options.tangents && !options.conceal.gradients && options.step < 0)
        applyTangents(data, ev, overlay, options.tangentStep);
    overlay.concealed = options.conceal;
    if (overlay.concealed.any())
        conceal(data, overlay);
    return overlay;
}

} // namespace gs
