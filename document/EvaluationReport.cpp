#include "document/EvaluationReport.h"

#include "document/Evaluation.h"
#include "document/ForwardMode.h"
#include "document/GradientCheck.h"
#include "document/JsonText.h"
#include "document/NodeNames.h"

#include <QStringList>

namespace gs {

namespace {

QString eventKind(Event::Kind kind)
{
    switch (kind) {
    case Event::Kind::Forward: return QStringLiteral("forward");
    case Event::Kind::Backward: return QStringLiteral("backward");
    case Event::Kind::Sum: return QStringLiteral("sum");
    case Event::Kind::Cut: return QStringLiteral("cut");
    }
    return QString();
}

QString phaseName(NonFiniteBirth::Phase phase)
{
    return phase == NonFiniteBirth::Phase::Forward ? QStringLiteral("forward") : QStringLiteral("backward");
}

/// The finite differences of a check as a tensor of the source's shape, in float64 (they are
/// computed in double from the target's values).
Tensor numericTensor(const SourceCheck& c) { return Tensor::fromValues(c.shape, c.numeric, DType::Float64); }

QString gradientCheckJson(const GraphData& g, const GradientCheck& check)
{
    JsonText json;
    json.beginObject();
    for (const SourceCheck& c : check.sources) {
        json.key(g.displayName(c.node)).beginObject();
        json.key("autodiff").tensor(c.autodiff);
        json.key("numeric").tensor(numericTensor(c));
        json.key("abs_error").number(c.absError);
        json.key("rel_error").number(c.relError);
        if (!c.autodiff)
            json.key("reason").string(c.noneReason);
        json.endObject();
    }
    return json.endObject().text();
}

QString eventNodeName(const GraphData& g, const Evaluation& e, std::size_t k)
{
    return k < e.eventNodes.size() && e.eventNodes[k].valid() ? g.displayName(e.eventNodes[k]) : QString();
}

void tensors(JsonText& json, const std::vector<std::optional<Tensor>>& list)
{
    json.beginArray();
    for (const std::optional<Tensor>& t : list)
        json.tensor(t);
    json.endArray();
}

QString eventJson(const GraphData& g, const Evaluation& e, std::size_t k)
{
    const Event& ev = e.events[k];
    JsonText json;
    json.beginObject().key("step").integer(static_cast<long long>(k) + 1).key("kind").string(eventKind(ev.kind));
    json.key("op").string(QString::fromStdString(ev.op));
    const QString node = eventNodeName(g, e, k);
    if (!node.isEmpty())
        json.key("node").string(node);
    if (!ev.inputs.empty()) {
        json.key("inputs").beginArray();
        for (const Tensor& t : ev.inputs)
            json.tensor(t);
        json.endArray();
    }
    if (ev.output.valid())
        json.key("output").tensor(ev.output);
    if (ev.kind != Event::Kind::Forward)
        json.key("upstream").tensor(ev.upstream);
    if (ev.kind == Event::Kind::Backward)
        tensors(json.key("local"), ev.local);
    if (ev.kind != Event::Kind::Forward)
        tensors(json.key("contributions"), ev.contributions);
    if (!ev.nonfinite.empty())
        json.key("nonfinite").string(QString::fromStdString(ev.nonfinite));
    return json.endObject().text();
}

QString text(const std::optional<Tensor>& t)
{
    return t ? QString::fromStdString(t->str()).replace(u'\n', QStringLiteral("\n      ")) : QStringLiteral("None");
}

QString padded(const QString& s, qsizetype width) { return s.leftJustified(width, u' '); }

} // namespace

QString evaluationJson(const GraphData& g, const Evaluation& e, const ReportOptions& options)
{
    QStringList fields;
    auto field = [&](const char* name, const QString& json) {
        fields << QStringLiteral("  ") + JsonText::quoted(QString::fromLatin1(name)) + QStringLiteral(": ") + json;
    };
    field("value", JsonText().tensor(e.value).text());
    field("dtype", JsonText::quoted(QString::fromLatin1(dtypeName(e.dtype).data())));
    field("target", JsonText::quoted(g.displayName(e.target)));
    JsonText gradients;
    gradients.beginObject();
    for (const SourceGradient& s : e.gradients)
        gradients.key(g.displayName(s.node)).tensor(s.gradient);
    field("gradients", gradients.endObject().text());
    JsonText whyNone;
    whyNone.beginObject();
    bool anyNone = false;
    for (const SourceGradient& s : e.gradients)
        if (!s.gradient) {
            whyNone.key(g.displayName(s.node)).string(s.noneReason);
            anyNone = true;
        }
    if (anyNone)
        field("why_none", whyNone.endObject().text());
    if (!e.gradientError.isEmpty())
        field("gradient_error", JsonText::quoted(e.gradientError));
    if (!e.warnings.isEmpty()) {
        JsonText warnings;
        warnings.beginArray();
        for (const QString& w : e.warnings)
            warnings.string(w);
        field("warnings", warnings.endArray().text());
    }
    if (!e.jacobian.empty() || !e.jacobianError.isEmpty()) {
        JsonText jacobian;
        jacobian.beginObject();
        for (std::size_t i = 0; i < e.jacobian.size() && i < e.gradients.size(); ++i)
            jacobian.key(g.displayName(e.gradients[i].node)).tensor(e.jacobian[i]);
        field("jacobian", e.jacobianError.isEmpty() ? jacobian.endObject().text() : QStringLiteral("null"));
        if (!e.jacobianError.isEmpty())
            field("jacobian_error", JsonText::quoted(e.jacobianError));
    }
    if (!e.hessian.empty() || !e.hessianError.isEmpty()) {
        JsonText hessian;
        hessian.beginArray();
        for (const auto& row : e.hessian)
            tensors(hessian, row);
        field("hessian", e.hessianError.isEmpty() ? hessian.endArray().text() : QStringLiteral("null"));
        if (!e.hessianError.isEmpty())
            field("hessian_error", JsonText::quoted(e.hessianError));
    }
    std::vector<std::pair<QString, QString>> forwardFields;
    appendForwardModeJson(g, e, options.events, forwardFields);
    for (const auto& [key, json] : forwardFields)
        fields << QStringLiteral("  ") + JsonText::quoted(key) + QStringLiteral(": ") + json;
    if (options.gradientCheck)
        field("gradient_check", gradientCheckJson(g, *options.gradientCheck));
    QStringList births;
    for (const NonFiniteBirth& b : e.nonfinite) {
        JsonText json;
        json.beginObject().key("phase").string(phaseName(b.phase));
        json.key("node").string(b.node.valid() ? g.displayName(b.node) : QString());
        json.key("op").string(b.op).key("reason").string(b.reason).key("step").integer(static_cast<long long>(b.event) + 1);
        births << QStringLiteral("    ") + json.endObject().text();
    }
    field("nonfinite", births.isEmpty() ? QStringLiteral("[]") : QStringLiteral("[\n") + births.join(QStringLiteral(",\n")) + QStringLiteral("\n  ]"));
    if (options.events) {
        QStringList events;
        for (std::size_t k = 0; k < e.events.size(); ++k)
            events << QStringLiteral("    ") + eventJson(g, e, k);
        field("events", events.isEmpty() ? QStringLiteral("[]") : QStringLiteral("[\n") + events.join(QStringLiteral(",\n")) + QStringLiteral("\n  ]"));
    }
    for (const auto& [key, json] : options.moreJson)
        fields << QStringLiteral("  ") + JsonText::quoted(key) + QStringLiteral(": ") + json;
    return QStringLiteral("{\n") + fields.join(QStringLiteral(",\n")) + QStringLiteral("\n}\n");
}

QString evaluationTable(const GraphData& g, const Evaluation& e, const ReportOptions& options)
{
    // The table is read by people: the target and where NaNs were born are named as the GUI
    // names them (the JSON keeps the ids scripts can rely on).
    const QString target = friendlyName(g, e.target);
    QString out = QStringLiteral("%1 = %2  (%3)\n").arg(target, text(e.value), QLatin1StringView(dtypeName(e.dtype).data()));
    qsizetype width = 0;
    for (const SourceGradient& s : e.gradients)
        width = std::max(width, g.displayName(s.node).size());
    if (!e.gradients.empty()) {
        out += QStringLiteral("\ngradients of %1\n").arg(target);
        for (const SourceGradient& s : e.gradients) {
            out += QStringLiteral("  d/d%1  %2").arg(padded(g.displayName(s.node), width), text(s.gradient));
            out += s.gradient ? QStringLiteral("\n") : QStringLiteral("   (%1)\n").arg(s.noneReason);
        }
    }
    if (!e.gradientError.isEmpty())
        out += QStringLiteral("\nthe backward pass failed: %1\n").arg(e.gradientError);
    for (const QString& w : e.warnings)
        out += QStringLiteral("\nwarning: %1\n").arg(w);
    if (!e.jacobian.empty()) {
        out += QStringLiteral("\njacobian of %1\n").arg(target);
        for (std::size_t i = 0; i < e.jacobian.size(); ++i)
            out += QStringLiteral("  d/d%1  %2\n").arg(padded(g.displayName(e.gradients[i].node), width), text(e.jacobian[i]));
    }
    if (!e.jacobianError.isEmpty())
        out += QStringLiteral("\nno jacobian: %1\n").arg(e.jacobianError);
    if (!e.hessian.empty()) {
        out += QStringLiteral("\nhessian of %1 (row i: derivatives of d%1/d<source i>)\n").arg(target);
        for (std::size_t i = 0; i < e.hessian.size(); ++i) {
            QStringList cells;
            for (const auto& h : e.hessian[i])
                cells << padded(text(h), 8);
            out += QStringLiteral("  %1  %2\n").arg(padded(g.displayName(e.gradients[i].node), width), cells.join(u' ').trimmed());
        }
    }
    if (!e.hessianError.isEmpty())
        out += QStringLiteral("\nno hessian: %1\n").arg(e.hessianError);
    out += forwardModeTable(g, e, options.events);
    if (const GradientCheck* check = options.gradientCheck) {
        out += QStringLiteral("\ngradient check (%1 difference, eps = %2)\n")
                   .arg(differenceName(check->difference))
                   .arg(check->eps);
        for (const SourceCheck& c : check->sources)
            out += QStringLiteral("  d/d%1  autodiff %2  numeric %3  abs error %4  rel error %5%6\n")
                       .arg(padded(g.displayName(c.node), width), text(c.autodiff), text(numericTensor(c)))
                       .arg(c.absError, 0, 'g', 3)
                       .arg(c.relError, 0, 'g', 3)
                       .arg(c.autodiff ? QString() : QStringLiteral("  (None: %1)").arg(c.noneReason));
    }
    if (!e.nonfinite.empty()) {
        out += QStringLiteral("\nwhere NaN and infinity were born\n");
        for (const NonFiniteBirth& b : e.nonfinite)
            out += QStringLiteral("  step %1  %2  %3: %4\n")
                       .arg(b.event + 1)
                       .arg(padded(phaseName(b.phase), 8), b.node.valid() ? friendlyName(g, b.node) : b.op, b.reason);
    }
    if (options.events) {
        out += QStringLiteral("\nevents\n");
        for (std::size_t k = 0; k < e.events.size(); ++k) {
            const Event& ev = e.events[k];
            QString line = QStringLiteral("  %1  %2  %3  ").arg(k + 1, 3).arg(padded(eventKind(ev.kind), 8),
                                                                              padded(eventNodeName(g, e, k), 12));
            if (ev.kind == Event::Kind::Forward)
                line += QStringLiteral("-> %1").arg(text(ev.output));
            else
                line += QStringLiteral("upstream %1").arg(text(ev.upstream));
            out += line + u'\n';
        }
    }
    return out;
}

} // namespace gs
