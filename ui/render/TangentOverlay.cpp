// Forward mode on the graph: the tangent each value carries, drawn on the wires it leaves by
// (they flow forward, with the values), and forward mode replayed one op at a time in forward
// order: after `step` forward steps only the tangents computed so far are shown and the latest
// op is marked with what it did.
#include "document/Evaluation.h"
#include "document/NodeNames.h"
#include "ui/render/GraphOverlay.h"
#include "ui/render/ValueDisplay.h"

#include <QObject>

#include <unordered_map>

namespace gs {

namespace {

QString tangentText(const std::optional<Tensor>& t) { return t ? compactTensor(*t, 4) : QStringLiteral("None"); }

QString ruleText(ForwardRule rule)
{
    switch (rule) {
    case ForwardRule::Linear: return QObject::tr("linear: the op of the tangents");
    case ForwardRule::Product: return QObject::tr("product rule: op(ṫa, b) + op(a, ṫb)");
    case ForwardRule::DoubleVjp: return QObject::tr("J·v from its gradient rule");
    case ForwardRule::Cut: return QObject::tr("no derivative: no tangent");
    }
    return {};
}

} // namespace

QString tangentLabel(const Tensor& tangent) { return QStringLiteral("ṫ ") + compactTensor(tangent, 3); }

QString describeForwardStep(const GraphData& data, const Evaluation& ev, std::size_t k)
{
    if (k >= ev.forward.steps.size())
        return {};
    const ForwardModeStep& s = ev.forward.steps[k];
    const QString name = s.node.valid() ? friendlyName(data, s.node) : QStringLiteral("(internal)");
    QStringList inputs;
    for (const auto& t : s.step.inputTangents)
        inputs << QStringLiteral("ṫ ") + tangentText(t);
    return QObject::tr("%1 (%2): %3 → ṫ %4 (%5)")
        .arg(name, QString::fromStdString(s.step.op), inputs.join(QStringLiteral(", ")), tangentText(s.step.tangent),
             ruleText(s.step.rule));
}

void applyTangents(const GraphData& data, const Evaluation& ev, GraphOverlay& overlay, int step)
{
    const ForwardModeResult& f = ev.forward;
    if (!f.ok())
        return;
    overlay.tangents = true;
    overlay.tangentStepCount = static_cast<int>(f.steps.size());
    overlay.tangentStep = step < 0 ? -1 : std::min(step, overlay.tangentStepCount);
    // A node's tangent is known once its last op has run (a composite runs several).
    std::unordered_map<NodeId, int> last;
    for (std::size_t k = 0; k < f.steps.size(); ++k)
        if (f.steps[k].node.valid())
            last[f.steps[k].node] = static_cast<int>(k);
    for (auto& [id, s] : overlay.nodes) {
        const NodeResult* r = ev.node(id);
        if (!r || !r->tangent)
            continue;
        const auto it = last.find(id);
        if (overlay.tangentStep < 0 || it == last.end() || it->second < overlay.tangentStep)
            s.tangent = r->tangent;
    }
    for (const auto& [cid, c] : data.connections)
        overlay.edges[cid].tangent = overlay.node(c.from).tangent;
    if (overlay.tangentStep <= 0)
        return;
    const ForwardModeStep& current = f.steps[static_cast<std::size_t>(overlay.tangentStep - 1)];
    if (!current.node.valid())
        return;
    NodeState& n = overlay.nodes[current.node];
    n.active = true;
    n.note = QStringLiteral("ṫ = %1").arg(tangentText(current.step.tangent));
    for (const Connection* in : data.inputsOf(current.node))
        overlay.edges[in->id].active = true;
}

} // namespace gs
