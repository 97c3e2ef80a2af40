#include "document/TraceReport.h"

#include "document/DocumentFunction.h"
#include "document/JsonText.h"

#include <QStringList>

namespace gs {

namespace {

QString q(const std::string& s) { return QString::fromStdString(s); }

} // namespace

QString passSummary(const PassReport& pass)
{
    return QStringLiteral("%1 %2, %3 → %4 nodes").arg(q(pass.verb)).arg(pass.changed).arg(pass.nodesBefore).arg(pass.nodesAfter);
}

QString traceJson(const DocumentFunction& function, const std::vector<TraceCallResult>& calls)
{
    const Function& f = function.function();
    JsonText json;
    json.beginObject();
    json.key("function").string(q(f.name()));
    json.key("parameters").beginArray();
    for (const QString& p : function.parameters())
        json.string(p);
    json.endArray();
    json.key("result").string(function.resultName());
    json.key("calls").beginArray();
    for (const TraceCallResult& c : calls) {
        json.beginObject();
        json.key("signature").string(q(c.call.signature));
        json.key("traced").boolean(c.call.traced);
        json.key("reason").string(q(c.call.reason));
        // Counted from 1, as the table (#1) and the exported files (concrete-1.svg) count.
        json.key("concrete_function").integer(c.concrete + 1);
        if (c.specOnly)
            json.key("value").null();
        else
            json.key("value").tensor(c.value);
        json.endObject();
    }
    json.endArray();
    json.key("concrete_functions").beginArray();
    for (const auto& cf : f.concreteFunctions()) {
        json.beginObject();
        json.key("signature").string(q(cf->signature));
        json.key("calls").integer(cf->callCount);
        json.key("nodes").beginObject();
        json.key("before").integer(static_cast<long long>(cf->traced.nodes.size()));
        json.key("after").integer(static_cast<long long>(cf->optimized.nodes.size()));
        json.endObject();
        json.key("ops").beginObject();
        json.key("before").integer(static_cast<long long>(cf->traced.opCount()));
        json.key("after").integer(static_cast<long long>(cf->optimized.opCount()));
        json.endObject();
        json.key("passes").beginArray();
        for (const PassReport& pass : cf->passes) {
            json.beginObject();
            json.key("name").string(q(pass.name));
            json.key(q(pass.verb)).integer(pass.changed);
            json.key("nodes_before").integer(static_cast<long long>(pass.nodesBefore));
            json.key("nodes_after").integer(static_cast<long long>(pass.nodesAfter));
            json.key("notes").beginArray();
            for (const std::string& note : pass.notes)
                json.string(q(note));
            json.endArray();
            json.endObject();
        }
        json.endArray();
        json.endObject();
    }
    json.endArray();
    json.key("trace_count").integer(f.traceCount());
    if (!f.warning().empty())
        json.key("warning").string(q(f.warning()));
    json.endObject();
    return json.text() + u'\n';
}

QString traceTable(const DocumentFunction& function, const std::vector<TraceCallResult>& calls)
{
    const Function& f = function.function();
    QStringList lines;
    lines << QStringLiteral("%1(%2) returns %3").arg(q(f.name()), function.parameters().join(QStringLiteral(", ")), function.resultName());
    lines << QString();
    for (std::size_t i = 0; i < calls.size(); ++i) {
        const TraceCallResult& c = calls[i];
        lines << QStringLiteral("call %1: %2").arg(i + 1).arg(q(c.call.signature));
        lines << QStringLiteral("  %1: %2").arg(c.call.traced ? QStringLiteral("traced") : QStringLiteral("no trace"), q(c.call.reason));
        lines << (c.specOnly ? QStringLiteral("  (TensorSpec: traced, not run)") : QStringLiteral("  = %1").arg(q(c.value.str())));
    }
    lines << QString();
    lines << QStringLiteral("%1 concrete function%2").arg(f.traceCount()).arg(f.traceCount() == 1 ? "" : "s");
    for (std::size_t i = 0; i < f.concreteFunctions().size(); ++i) {
        const ConcreteFunction& cf = *f.concreteFunctions()[i];
        lines << QStringLiteral("#%1 %2").arg(i + 1).arg(q(cf.signature));
        lines << QStringLiteral("  %1 call%2, %3 → %4 nodes").arg(cf.callCount).arg(cf.callCount == 1 ? "" : "s").arg(cf.traced.nodes.size()).arg(cf.optimized.nodes.size());
        for (const PassReport& pass : cf.passes)
            lines << QStringLiteral("  %1: %2").arg(q(pass.name), passSummary(pass));
    }
    if (!f.warning().empty())
        lines << QString() << QStringLiteral("warning: ") + q(f.warning());
    return lines.join(u'\n') + u'\n';
}

} // namespace gs
