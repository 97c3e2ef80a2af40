// The parts of an Evaluation that explain the numbers: which node each event belongs to, the
// gradient that flowed along each connection, where NaNs and infinities were born, which
// connections a stop_gradient cuts and why a source got None.
#include "document/Evaluation.h"

#include "document/NodeNames.h"
#include "engine/ops/OpRegistry.h"
#include "engine/ops/Ops.h"

#include <QStringList>

namespace gs {

namespace {

void accumulate(std::optional<Tensor>& total, const Tensor& part)
{
    if (!total) {
        total = part;
        return;
    }
    try {
        total = add(*total, part);
    } catch (const std::exception&) {
        // Parts of one connection always have one shape; keep the first if they ever do not.
    }
}

bool letsNoGradientThrough(const Node& n)
{
    const OpDef* def = GraphData::opOf(n);
    return def && !def->differentiable();
}

QString nameList(const QStringList& names)
{
    if (names.size() <= 1)
        return names.join(QString());
    return names.mid(0, names.size() - 1).join(QStringLiteral(", ")) + QStringLiteral(" and ") + names.back();
}

void connectionGradients(const GraphData& g, Evaluation& r)
{
    const ConnectionIndex index(g);
    for (std::size_t k = 0; k < r.events.size(); ++k) {
        const Event& e = r.events[k];
        const NodeId b = r.eventNodes[k];
        if (e.kind != Event::Kind::Backward || !b.valid())
            continue;
        const Node* node = g.node(b);
        const NodeResult* result = r.node(b);
        const bool direct = node && result && result->value && result->value->id() == e.outputId
                            && ((node->kind == NodeKind::Op && e.op == node->op.toStdString())
                                || (node->kind == NodeKind::CustomGradient && e.op == "custom_gradient"));
        for (std::size_t i = 0; i < e.contributions.size(); ++i) {
            if (!e.contributions[i])
                continue;
            const Connection* c = nullptr;
            if (direct) {
                c = index.into(b, static_cast<PortIndex>(i));
            } else if (i < e.inputIds.size()) {
                // A step inside a composite op (norm): credit what reaches one of its inputs.
                for (const Connection* in : index.inputs(b))
                    if (r.node(in->from) && r.node(in->from)->value && r.node(in->from)->value->id() == e.inputIds[i]) {
                        c = in;
                        break;
                    }
            }
            if (c)
                accumulate(r.connections[c->id].gradient, *e.contributions[i]);
        }
    }
}

void cutsAndNones(const GraphData& g, const std::vector<NodeId>& sources, Evaluation& r)
{
    const std::unordered_set<NodeId> fromSources = g.descendants(sources);
    const std::unordered_set<NodeId> toTarget = g.ancestors(r.target);
    for (const auto& [id, c] : g.connections)
        if (fromSources.count(c.from) && toTarget.count(c.to) && letsNoGradientThrough(*g.node(c.to)))
            r.connections[id].cut = true;

    // Reasons are read by students (the answer box, the tape panel, a callout under the source):
    // values by their labels, unlabelled ones by what they compute, never by internal ids.
    QString target;
    for (SourceGradient& s : r.gradients) {
        if (s.gradient)
            continue;
        if (target.isEmpty())
            target = friendlyName(g, r.target);
        const QString source = friendlyName(g, s.node);
        if (r.value && !isFloating(r.value->dtype())) {
            // TensorFlow's own words again (it logs them and answers None for every source).
            s.noneReason = QStringLiteral("%1 is a %2 value: the dtype of the target tensor must be floating (e.g. tf.float32) when "
                                          "calling GradientTape.gradient, got tf.%2")
                               .arg(target, QLatin1StringView(dtypeName(r.value->dtype()).data()));
            continue;
        }
        if (const auto v = r.nodes.find(s.node); v != r.nodes.end() && v->second.value && isInteger(v->second.value->dtype())) {
            // TensorFlow's own words (it logs them as a warning and answers None).
            s.noneReason = QStringLiteral("%1 is %2: the dtype of the source tensor must be floating (e.g. tf.float32) when "
                                          "calling GradientTape.gradient, got tf.%2")
                               .arg(source, QLatin1StringView(dtypeName(v->second.value->dtype()).data()));
            continue;
        }
        if (!toTarget.count(s.node)) {
            s.noneReason = QStringLiteral("%1 does not depend on %2").arg(target, source);
            continue;
        }
        QStringList cuts;
        const std::unordered_set<NodeId> downstream = g.descendants({s.node});
        for (NodeId id : g.topologicalOrder({}))
            if (toTarget.count(id) && letsNoGradientThrough(*g.node(id)) && id != s.node && downstream.count(id))
                cuts << friendlyName(g, id);
        if (!cuts.isEmpty())
            s.noneReason = QStringLiteral("every path from %1 to %2 goes through %3, which let%4 no gradient through")
                               .arg(source, target, nameList(cuts), cuts.size() == 1 ? "s" : "");
        else if (!r.gradientError.isEmpty())
            s.noneReason = QStringLiteral("the backward pass failed: %1").arg(r.gradientError);
        else
            s.noneReason = QStringLiteral("no gradient flows from %1 back to %2").arg(target, source);
    }
}

} // namespace

void analyseEvaluation(const GraphData& g, const std::vector<NodeId>& sources,
                       const std::unordered_map<TensorId, NodeId>& owners, Evaluation& r)
{
    r.eventNodes.assign(r.events.size(), NodeId{});
    for (std::size_t k = 0; k < r.events.size(); ++k)
        if (auto it = owners.find(r.events[k].outputId); it != owners.end())
            r.eventNodes[k] = it->second;

    connectionGradients(g, r);

    for (std::size_t k = 0; k < r.events.size(); ++k) {
        const Event& e = r.events[k];
        if (e.nonfinite.empty())
            continue;
        NonFiniteBirth birth;
        birth.phase = e.kind == Event::Kind::Forward ? NonFiniteBirth::Phase::Forward : NonFiniteBirth::Phase::Backward;
        birth.node = r.eventNodes[k];
        birth.op = QString::fromStdString(e.op);
        birth.reason = QString::fromStdString(e.nonfinite);
        birth.event = k;
        r.nonfinite.push_back(birth);
    }

    cutsAndNones(g, sources, r);
}

} // namespace gs
