#include "ui/render/HoverCard.h"

#include "document/GraphData.h"
#include "engine/core/Tensor.h"
#include "ui/render/GraphOverlay.h"

#include <QObject>
#include <QStringList>

#include <algorithm>
#include <cmath>

namespace gs {

namespace {

constexpr std::int64_t maxShown = 8;

QString exactNumber(double v, DType dtype)
{
    if (std::isnan(v))
        return QStringLiteral("nan");
    if (std::isinf(v))
        return v > 0 ? QStringLiteral("inf") : QStringLiteral("-inf");
    if (dtype == DType::Bool)
        return v != 0 ? QStringLiteral("True") : QStringLiteral("False");
    return QString::number(v, 'g', dtype == DType::Float64 ? 17 : 9);
}

QString typeLine(const Tensor& t)
{
    return QStringLiteral("%1, shape %2").arg(QString::fromLatin1(dtypeName(t.dtype()).data(), qsizetype(dtypeName(t.dtype()).size())), QString::fromStdString(t.shape().str()));
}

QString row(const QString& name, const QString& value)
{
    return QStringLiteral("<tr><td style='padding-right:8px'><b>%1</b></td><td>%2</td></tr>").arg(name, value);
}

QString code(const QString& text) { return QStringLiteral("<code>%1</code>").arg(text.toHtmlEscaped()); }

} // namespace

QString exactTensor(const Tensor& t)
{
    if (t.rank() == 0)
        return exactNumber(t.item(), t.dtype());
    const std::int64_t rows = t.rank() == 1 ? 1 : t.shape().rows;
    const std::int64_t cols = t.rank() == 1 ? t.size() : t.shape().cols;
    QStringList lines;
    for (std::int64_t r = 0; r < std::min(rows, maxShown); ++r) {
        QStringList cells;
        for (std::int64_t c = 0; c < std::min(cols, maxShown); ++c)
            cells << exactNumber(t.at(r * cols + c), t.dtype());
        if (cols > maxShown)
            cells << QStringLiteral("…");
        lines << QLatin1Char('[') + cells.join(QStringLiteral(", ")) + QLatin1Char(']');
    }
    if (rows > maxShown)
        lines << QStringLiteral("…");
    return t.rank() == 1 ? lines.front() : QLatin1Char('[') + lines.join(QStringLiteral(",\n ")) + QLatin1Char(']');
}

QString hoverName(const GraphData& data, NodeId id)
{
    const Node* n = data.node(id);
    if (!n)
        return {};
    if (!n->label.isEmpty())
        return n->label;
    return n->kind == NodeKind::Op ? n->op : nodeKindName(n->kind);
}

QString nodeHoverCard(const GraphData& data, const Node& node, const NodeState& state)
{
    QString html = QStringLiteral("<p style='white-space:pre'><b>%1</b>").arg(hoverName(data, node.id).toHtmlEscaped());
    if (!node.op.isEmpty() && !node.label.isEmpty())
        html += QStringLiteral(" &nbsp;<i>%1</i>").arg(node.op.toHtmlEscaped());
    html += QStringLiteral("</p><table>");
    if (state.value) {
        html += row(QObject::tr("type"), typeLine(*state.value));
        html += row(QObject::tr("value"), code(exactTensor(*state.value)));
    }
    if (state.adjoint)
        html += row(QObject::tr("∂ target"), code(exactTensor(*state.adjoint)));
    else if (state.noneGradient)
        html += row(QObject::tr("gradient"), QObject::tr("None: %1").arg(state.noneReason.toHtmlEscaped()));
    if (state.target)
        html += row(QObject::tr("role"), QObject::tr("the target being differentiated"));
    else if (state.source)
        html += row(QObject::tr("role"), QObject::tr("a source the tape watches"));
    if (state.blocked)
        html += row(QObject::tr("blocked"), QObject::tr("no gradient reaches it: a stop_gradient cuts the path"));
    for (const QString& birth : state.births)
        html += row(QObject::tr("⚠"), birth.toHtmlEscaped());
    if (!state.error.isEmpty())
        html += row(QObject::tr("error"), state.error.toHtmlEscaped());
    html += QStringLiteral("</table>");
    return html;
}

QString edgeHoverCard(const GraphData&, const EdgeState& state, const QString& from, const QString& to)
{
    QString html = QStringLiteral("<p style='white-space:pre'><b>%1 → %2</b></p><table>").arg(from.toHtmlEscaped(), to.toHtmlEscaped());
    if (!state.shape.isEmpty())
        html += row(QObject::tr("shape"), state.shape.toHtmlEscaped());
    if (state.gradient)
        html += row(QObject::tr("gradient back"), code(exactTensor(*state.gradient)));
    if (state.cut)
        html += row(QObject::tr("cut"), QObject::tr("stop_gradient lets no gradient back along this wire"));
    else if (state.blocked)
        html += row(QObject::tr("blocked"), QObject::tr("no gradient: a stop_gradient downstream cuts it off"));
    html += QStringLiteral("</table>");
    return html;
}

} // namespace gs
