#include "ui/render/NodeContent.h"

#include "document/GraphData.h"
#include "engine/ops/Attrs.h"

namespace gs {

namespace {

QString kindTitle(const Node& node)
{
    switch (node.kind) {
    case NodeKind::Op: return node.op;
    case NodeKind::Variable: return QStringLiteral("Variable");
    case NodeKind::Constant: return QStringLiteral("constant");
    case NodeKind::Input: return QStringLiteral("Input");
    case NodeKind::CustomGradient: return QStringLiteral("custom_gradient");
    case NodeKind::Parameter: return QStringLiteral("parameter %1").arg(node.index);
    case NodeKind::Upstream: return QStringLiteral("dy");
    }
    return {};
}

QString attrsText(const Node& node)
{
    QStringList parts;
    for (const auto& [name, value] : node.attrs.items())
        parts << QString::fromStdString(name) + u'=' + QString::fromStdString(formatAttrValue(value));
    return parts.join(QStringLiteral(", "));
}

} // namespace

QString badgeText(NodeBadge badge)
{
    switch (badge) {
    case NodeBadge::Target: return QStringLiteral("◎ target");
    case NodeBadge::Source: return QStringLiteral("● watched");
    case NodeBadge::NoGradient: return QStringLiteral("⊘ no gradient");
    }
    return {};
}

NodeContent NodeContent::of(const GraphData& data, const Node& node, const NodeState& state, ViewMode mode,
                            bool noneCallouts)
{
    NodeContent c;
    const QString kind = kindTitle(node);
    if (!node.label.isEmpty() && node.kind != NodeKind::Upstream) {
        c.title = node.label;
        c.subtitle = kind;
    } else {
        c.title = kind;
    }
    const QString attrs = attrsText(node);
    if (!attrs.isEmpty())
        c.subtitle = c.subtitle.isEmpty() ? attrs : c.subtitle + QStringLiteral(" · ") + attrs;
    for (int p = 0; p < node.ports; ++p)
        c.ports << data.portName(node, p);
    c.pending = state.pending;
    c.error = state.error;
    if (c.error.isEmpty() && !state.waiting.isEmpty()) {
        c.error = state.waiting;
        c.errorIsWaiting = true;
    }

    const bool gradient = mode == ViewMode::Gradient;
    if (gradient) {
        c.valuePrefix = QStringLiteral("∂");
        if (state.adjoint)
            c.value = ValueDisplay::of(*state.adjoint);
        else if (state.noneGradient || state.adjointConcealed) {
            c.value.kind = ValueDisplay::Kind::Scalar;
            c.value.text = state.noneGradient ? QStringLiteral("None") : concealedText();
        }
        if (state.value)
            c.secondary = QStringLiteral("value ") + compactTensor(*state.value, 3);
        else if (state.valueConcealed)
            c.secondary = QStringLiteral("value ") + concealedText();
    } else {
        c.valuePrefix = QStringLiteral("=");
        if (state.value)
            c.value = ValueDisplay::of(*state.value);
        else if (state.valueConcealed) {
            c.value.kind = ValueDisplay::Kind::Scalar;
            c.value.text = concealedText();
        }
        // Forward mode: the tangent travels with the value.
        if (state.tangent)
            c.secondary = QStringLiteral("ṫ ") + compactTensor(*state.tangent, 3);
    }
    if (state.pending)
        c.value = {};
    if (!state.placeholder.isEmpty()) {
        c.valuePrefix.clear();
        c.value = {};
        c.value.kind = ValueDisplay::Kind::Scalar;
        c.value.text = QStringLiteral("placeholder");
        c.secondary = state.placeholder;
    }

    if (state.target)
        c.tags.push_back(NodeBadge::Target);
    if (state.source)
        c.tags.push_back(NodeBadge::Source);
    if (gradient && state.valve)
        c.tags.push_back(NodeBadge::NoGradient);

    c.warning = !state.births.isEmpty();
    // An arrow that wrapping cannot split ("-" at the end of a line, ">" on the next).
    for (const QString& birth : state.births)
        c.callout << QStringLiteral("⚠ ") + QString(birth).replace(QStringLiteral(" -> "), QStringLiteral(" \u2192 "));
    if (!state.note.isEmpty())
        c.callout << state.note;
    if (gradient && noneCallouts && state.noneGradient && !state.noneReason.isEmpty())
        c.callout << QStringLiteral("None: ") + state.noneReason;
    return c;
}

} // namespace gs
