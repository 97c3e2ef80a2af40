// Step mode: the evaluation replayed one event at a time. After `step` events, only the values
// computed so far and the gradients sent back so far are shown, and the latest event is marked:
// a forward op with its inputs and output, a backward op with upstream × local derivative =
// contribution on each wire it feeds, a sum where a value that fans out collects its parts.
#include "document/Evaluation.h"
#include "document/NodeNames.h"
#include "ui/render/GraphOverlay.h"
#include "ui/render/ValueDisplay.h"

#include <algorithm>

namespace gs {

namespace {

/// The step panel is read by students: nodes by label or by what they compute, never by id.
QString nodeName(const GraphData& data, NodeId id) { return id.valid() ? friendlyName(data, id) : QStringLiteral("(internal)"); }

QString tensorText(const Tensor& t) { return compactTensor(t, 4); }

QString opCall(const Event& e)
{
    QStringList inputs;
    for (const Tensor& t : e.inputs)
        inputs << tensorText(t);
    return QString::fromStdString(e.op) + u'(' + inputs.join(QStringLiteral(", ")) + u')';
}

QString product(const Event& e, std::size_t i)
{
    const QString local = e.local.size() > i && e.local[i] ? tensorText(*e.local[i]) : QStringLiteral("?");
    return QStringLiteral("%1 × %2 = %3").arg(tensorText(e.upstream), local, tensorText(*e.contributions[i]));
}

QString partsSum(const Event& e)
{
    QStringList parts;
    for (const auto& p : e.contributions)
        if (p)
            parts << tensorText(*p);
    return parts.join(QStringLiteral(" + ")) + QStringLiteral(" = ") + tensorText(e.upstream);
}

} // namespace

std::vector<std::pair<ConnectionId, std::size_t>> eventConnections(const GraphData& data, const Evaluation& ev,
                                                                   std::size_t k)
{
    std::vector<std::pair<ConnectionId, std::size_t>> result;
    if (k >= ev.events.size() || k >= ev.eventNodes.size())
        return result;
    const Event& e = ev.events[k];
    const NodeId b = ev.eventNodes[k];
    const Node* node = data.node(b);
    if (e.kind != Event::Kind::Backward || !node)
        return result;
    const NodeResult* r = ev.node(b);
    const bool direct = r && r->value && r->value->id() == e.outputId
                        && ((node->kind == NodeKind::Op && e.op == node->op.toStdString())
                            || (node->kind == NodeKind::CustomGradient && e.op == "custom_gradient"));
    for (std::size_t i = 0; i < e.contributions.size(); ++i) {
        if (!e.contributions[i])
            continue;
        if (direct) {
            if (const Connection* c = data.connectionInto(b, static_cast<PortIndex>(i)))
                result.emplace_back(c->id, i);
            continue;
        }
        if (i >= e.inputIds.size())
            continue;
        for (const Connection* in : data.inputsOf(b)) {
            const NodeResult* from = ev.node(in->from);
            if (from && from->value && from->value->id() == e.inputIds[i]) {
                result.emplace_back(in->id, i);
                break;
            }
        }
    }
    return result;
}

QString describeEvent(const GraphData& data, const Evaluation& ev, std::size_t k)
{
    if (k >= ev.events.size())
        return {};
    const Event& e = ev.events[k];
    const NodeId id = k < ev.eventNodes.size() ? ev.eventNodes[k] : NodeId{};
    const QString name = nodeName(data, id);
    QString text;
    switch (e.kind) {
    case Event::Kind::Forward:
        text = QStringLiteral("forward: %1 = %2 = %3").arg(name, opCall(e), tensorText(e.output));
        break;
    case Event::Kind::Backward: {
        QStringList sends;
        for (const auto& [cid, i] : eventConnections(data, ev, k))
            sends << QStringLiteral("to %1: %2").arg(nodeName(data, data.connection(cid)->from), product(e, i));
        if (sends.isEmpty())
            for (std::size_t i = 0; i < e.contributions.size(); ++i)
                if (e.contributions[i])
                    sends << QStringLiteral("input %1: %2").arg(i).arg(product(e, i));
        text = QStringLiteral("backward through %1 (%2): upstream × local derivative = contribution; %3")
                   .arg(name, QString::fromStdString(e.op), sends.join(QStringLiteral("; ")));
        break;
    }
    case Event::Kind::Sum:
        text = QStringLiteral("sum at %1: it is used %2 times, so its gradient is %3")
                   .arg(name)
                   .arg(std::count_if(e.contributions.begin(), e.contributions.end(), [](const auto& p) { return p.has_value(); }))
                   .arg(partsSum(e));
        break;
    case Event::Kind::Cut:
        text = QStringLiteral("cut at %1: the gradient %2 stops here; %3 lets no gradient through")
                   .arg(name, tensorText(e.upstream), QString::fromStdString(e.op));
        break;
    }
    if (!e.nonfinite.empty())
        text += QStringLiteral("  ⚠ ") + QString::fromStdString(e.nonfinite);
    return text;
}

void applyStep(const GraphData& data, const Evaluation& ev, GraphOverlay& overlay)
{
    const auto step = static_cast<std::size_t>(std::max(overlay.step, 0));
    const std::size_t count = ev.events.size();
    std::unordered_map<NodeId, std::size_t> computedAt;     // after its last forward event
    std::unordered_map<NodeId, std::size_t> adjointAt;      // after its gradient is complete
    std::unordered_map<ConnectionId, std::size_t> flowedAt; // after its last contribution
    std::size_t backwardStart = count;
    for (std::size_t k = 0; k < count && k < ev.eventNodes.size(); ++k) {
        const Event& e = ev.events[k];
        const NodeId id = ev.eventNodes[k];
        if (e.kind == Event::Kind::Forward) {
            if (id.valid())
                computedAt[id] = k + 1;
            continue;
        }
        backwardStart = std::min(backwardStart, k);
        if (e.kind == Event::Kind::Sum && id.valid())
            adjointAt[id] = std::max(adjointAt[id], k + 1);
        for (const auto& [cid, i] : eventConnections(data, ev, k)) {
            flowedAt[cid] = k + 1;
            const NodeId from = data.connection(cid)->from;
            adjointAt[from] = std::max(adjointAt[from], k + 1);
        }
    }
    const NodeId target = ev.target;
    adjointAt[target] = backwardStart + 1;

    for (auto& [id, n] : overlay.nodes) {
        if (auto it = computedAt.find(id); it != computedAt.end() && it->second > step) {
            n.pending = true;
            n.value.reset();
            n.valueNonfinite = false;
        }
        auto at = adjointAt.find(id);
        if (at == adjointAt.end() || at->second > step) {
            n.adjoint.reset();
            n.adjointNonfinite = false;
        }
        n.births.clear();
    }
    for (const NonFiniteBirth& b : ev.nonfinite)
        if (b.event < step && b.node.valid())
            overlay.nodes[b.node].births << b.reason;
    for (auto& [cid, e] : overlay.edges) {
        auto it = flowedAt.find(cid);
        if (it == flowedAt.end() || it->second > step) {
            e.gradient.reset();
            e.gradientNonfinite = false;
            e.magnitude = -1;
        }
        if (e.valueNonfinite && overlay.node(data.connection(cid)->from).pending)
            e.valueNonfinite = false;
    }
    if (step == 0) {
        overlay.mode = ViewMode::Forward;
        return;
    }
    const std::size_t k = step - 1;
    const Event& e = ev.events[k];
    const NodeId id = k < ev.eventNodes.size() ? ev.eventNodes[k] : NodeId{};
    overlay.mode = e.kind == Event::Kind::Forward ? ViewMode::Forward : ViewMode::Gradient;
    if (!id.valid())
        return;
    NodeState& n = overlay.nodes[id];
    n.active = true;
    switch (e.kind) {
    case Event::Kind::Forward:
        n.note = opCall(e) + QStringLiteral(" = ") + tensorText(e.output);
        for (const Connection* in : data.inputsOf(id))
            overlay.edges[in->id].active = true;
        break;
    case Event::Kind::Backward:
        n.note = QStringLiteral("upstream ") + tensorText(e.upstream);
        for (const auto& [cid, i] : eventConnections(data, ev, k)) {
            EdgeState& edge = overlay.edges[cid];
            edge.active = true;
            edge.note = product(e, i);
        }
        break;
    case Event::Kind::Sum:
        n.note = QStringLiteral("Σ ") + partsSum(e);
        for (const Connection* out : data.outputsOf(id))
            if (overlay.edge(out->id).gradient)
                overlay.edges[out->id].active = true;
        break;
    case Event::Kind::Cut:
        n.note = QStringLiteral("gradient %1 stops here").arg(tensorText(e.upstream));
        for (const Connection* in : data.inputsOf(id))
            overlay.edges[in->id].active = true;
        break;
    }
}

} // namespace gs
