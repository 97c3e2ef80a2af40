#include "document/ForwardMode.h"

#include "document/Evaluation.h"
#include "document/JsonText.h"
#include "document/NodeNames.h"

#include <QStringList>

namespace gs {

namespace {

QString plural(long long n, const char* one, const char* many)
{
    return QStringLiteral("%1 %2").arg(n).arg(QLatin1StringView(n == 1 ? one : many));
}

QString text(const std::optional<Tensor>& t)
{
    return t ? QString::fromStdString(t->str()).replace(u'\n', QStringLiteral(" ")) : QStringLiteral("None");
}

void tensorList(JsonText& json, const std::vector<std::optional<Tensor>>& list)
{
    json.beginArray();
    for (const std::optional<Tensor>& t : list)
        json.tensor(t);
    json.endArray();
}

} // namespace

QString modeCostSentence(const ModeCost& cost)
{
    return QStringLiteral("forward mode: %1 x %2 = %3 op steps; reverse mode: %4 x %2 = %5 op steps")
        .arg(plural(cost.forwardPasses(), "pass", "passes"), plural(cost.opsPerPass, "op", "ops"))
        .arg(cost.forwardOps())
        .arg(plural(cost.reversePasses(), "pass", "passes"))
        .arg(cost.reverseOps());
}

void appendForwardModeJson(const GraphData& g, const Evaluation& e, bool events,
                           std::vector<std::pair<QString, QString>>& fields)
{
    const ForwardModeResult& f = e.forward;
    if (!f.requested)
        return;
    fields.emplace_back(QStringLiteral("jvp"), JsonText().tensor(f.jvp).text());
    JsonText mode;
    mode.beginObject();
    mode.key("direction").beginObject();
    for (std::size_t i = 0; i < f.sources.size() && i < f.tangents.size(); ++i)
        mode.key(g.displayName(f.sources[i])).tensor(f.tangents[i]);
    mode.endObject();
    mode.key("inputs").integer(f.cost.inputs).key("outputs").integer(f.cost.outputs);
    mode.key("ops_per_pass").integer(f.cost.opsPerPass);
    mode.key("forward").beginObject().key("passes").integer(f.cost.forwardPasses()).key("ops").integer(f.cost.forwardOps()).endObject();
    mode.key("reverse").beginObject().key("passes").integer(f.cost.reversePasses()).key("ops").integer(f.cost.reverseOps()).endObject();
    fields.emplace_back(QStringLiteral("forward_mode"), mode.endObject().text());
    if (!events)
        return;
    JsonText tangents;
    tangents.beginObject();
    for (NodeId id : g.topologicalOrder({}))
        if (const NodeResult* r = e.node(id); r && r->value)
            tangents.key(g.displayName(id)).tensor(r->tangent);
    fields.emplace_back(QStringLiteral("tangents"), tangents.endObject().text());
    QStringList steps;
    for (std::size_t k = 0; k < f.steps.size(); ++k) {
        const ForwardModeStep& s = f.steps[k];
        JsonText json;
        json.beginObject().key("step").integer(static_cast<long long>(k) + 1);
        json.key("op").string(QString::fromStdString(s.step.op));
        if (s.node.valid())
            json.key("node").string(g.displayName(s.node));
        json.key("rule").string(QString::fromLatin1(forwardRuleName(s.step.rule)));
        json.key("on_path").boolean(s.onPath);
        tensorList(json.key("input_tangents"), s.step.inputTangents);
        json.key("output").tensor(s.step.output);
        json.key("tangent").tensor(s.step.tangent);
        steps << QStringLiteral("    ") + json.endObject().text();
    }
    fields.emplace_back(QStringLiteral("forward_steps"),
                        steps.isEmpty() ? QStringLiteral("[]")
                                        : QStringLiteral("[\n") + steps.join(QStringLiteral(",\n")) + QStringLiteral("\n  ]"));
}

QString forwardModeTable(const GraphData& g, const Evaluation& e, bool events)
{
    const ForwardModeResult& f = e.forward;
    if (!f.requested)
        return {};
    QStringList direction;
    for (std::size_t i = 0; i < f.sources.size() && i < f.tangents.size(); ++i)
        direction << QStringLiteral("%1=%2").arg(g.displayName(f.sources[i]), text(f.tangents[i]));
    QString out = QStringLiteral("\nforward mode along (%1)\n").arg(direction.join(QStringLiteral(", ")));
    out += QStringLiteral("  jvp  %1\n").arg(text(f.jvp));
    out += QStringLiteral("  %1\n").arg(modeCostSentence(f.cost));
    if (!events)
        return out;
    out += QStringLiteral("\ntangents\n");
    for (NodeId id : g.topologicalOrder({}))
        if (const NodeResult* r = e.node(id); r && r->value)
            out += QStringLiteral("  %1  %2\n").arg(g.displayName(id).leftJustified(12, u' '), text(r->tangent));
    out += QStringLiteral("\nforward steps\n");
    for (std::size_t k = 0; k < f.steps.size(); ++k) {
        const ForwardModeStep& s = f.steps[k];
        out += QStringLiteral("  %1  %2  %3  %4  tangent %5\n")
                   .arg(k + 1, 3)
                   .arg(QString::fromStdString(s.step.op).leftJustified(12, u' '),
                        (s.node.valid() ? g.displayName(s.node) : QString()).leftJustified(12, u' '),
                        QString::fromLatin1(forwardRuleName(s.step.rule)).leftJustified(10, u' '), text(s.step.tangent));
    }
    return out;
}

} // namespace gs
