#include "ui/render/Legend.h"

#include "document/Evaluation.h"
#include "document/NodeNames.h"
#include "ui/render/EditorStyle.h"
#include "ui/render/GraphOverlay.h"
#include "ui/render/ValueDisplay.h"

#include <QFontMetricsF>
#include <QObject>
#include <QLinearGradient>
#include <QPainter>

#include <cmath>

namespace gs {

namespace {

enum class Mark { Target, Source, Partial, Birth, ValueNan, GradientNan, Cut, Blocked, Active, Tangent };

struct Entry {
    Mark mark;
    QString text;
};

std::vector<Entry> entries(const GraphOverlay& o)
{
    std::vector<Entry> list{{Mark::Target, QStringLiteral("target (differentiated)")},
                            {Mark::Source, QStringLiteral("source the tape watches")}};
    if (o.mode == ViewMode::Gradient)
        list.push_back({Mark::Partial, QStringLiteral("d target / d node")});
    if (o.step >= 0)
        list.push_back({Mark::Active, QStringLiteral("current step")});
    if (o.mode == ViewMode::Forward && o.tangents)
        list.push_back({Mark::Tangent, QStringLiteral("ṫ tangent, flowing forward")});
    if (o.hasNonfinite) {
        list.push_back({Mark::Birth, QStringLiteral("NaN / inf born here")});
        list.push_back({Mark::ValueNan, QStringLiteral("value is NaN / inf")});
        if (o.mode == ViewMode::Gradient)
            list.push_back({Mark::GradientNan, QStringLiteral("gradient is NaN / inf")});
    }
    if (o.mode == ViewMode::Gradient && o.hasCut) {
        list.push_back({Mark::Cut, QStringLiteral("stop_gradient: cut")});
        list.push_back({Mark::Blocked, QStringLiteral("no gradient (cut off)")});
    }
    return list;
}

constexpr double swatch = 26;
constexpr double rampHeight = 14;

double rowHeight(const EditorStyle& s) { return QFontMetricsF(s.smallFont).height() + 6; }

bool showsRamp(const GraphOverlay& o) { return o.mode == ViewMode::Gradient && o.range.valid; }

void drawMark(QPainter& p, Mark mark, const QRectF& r, const EditorStyle& s)
{
    const QPointF mid = r.center();
    p.setBrush(Qt::NoBrush);
    switch (mark) {
    case Mark::Target: p.setPen(QPen(s.target, 3.5)); p.drawRoundedRect(r.adjusted(3, 2, -3, -2), 3, 3); break;
    case Mark::Source: p.setPen(QPen(s.source, 3)); p.drawRoundedRect(r.adjusted(3, 2, -3, -2), 3, 3); break;
    case Mark::Active: p.setPen(QPen(s.active, 4)); p.drawRoundedRect(r.adjusted(3, 2, -3, -2), 3, 3); break;
    case Mark::Partial:
        p.setPen(s.text);
        p.setFont(s.textFont);
        p.drawText(r, Qt::AlignCenter, QStringLiteral("∂"));
        break;
    case Mark::Birth:
        p.setPen(QPen(s.nonfinite, 3.5));
        p.drawRoundedRect(r.adjusted(3, 2, -3, -2), 3, 3);
        p.setFont(s.smallFont);
        p.drawText(r, Qt::AlignCenter, QStringLiteral("⚠"));
        break;
    case Mark::ValueNan: {
        QColor tint = s.nonfinite;
        tint.setAlphaF(0.3);
        p.setPen(QPen(s.nodeBorder, 1));
        p.setBrush(tint);
        p.drawRoundedRect(r.adjusted(3, 2, -3, -2), 3, 3);
        break;
    }
    case Mark::GradientNan:
        p.setPen(QPen(s.nonfinite, 3, Qt::DashDotLine));
        p.drawLine(QPointF(r.left(), mid.y()), QPointF(r.right(), mid.y()));
        break;
    case Mark::Cut: {
        p.setPen(QPen(s.blocked, 2, Qt::DashLine));
        p.drawLine(QPointF(r.left(), mid.y()), QPointF(r.right(), mid.y()));
        p.setPen(QPen(s.blocked, 2));
        p.setBrush(s.canvas);
        p.drawEllipse(mid, 6, 6);
        p.drawLine(mid + QPointF(-4, 4), mid + QPointF(4, -4));
        break;
    }
    case Mark::Tangent:
        p.setPen(QPen(s.tangent, 3));
        p.drawLine(QPointF(r.left(), mid.y()), QPointF(r.right() - 2, mid.y()));
        p.setBrush(s.tangent);
        p.drawPolygon(QPolygonF{QPointF(r.right(), mid.y()), QPointF(r.right() - 7, mid.y() - 4), QPointF(r.right() - 7, mid.y() + 4)});
        break;
    case Mark::Blocked:
        p.setPen(QPen(s.blocked, 2, Qt::DashLine));
        p.setBrush(Qt::NoBrush);
        p.drawRoundedRect(r.adjusted(3, 2, -3, -2), 3, 3);
        break;
    }
}

} // namespace

QSizeF legendSize(const GraphOverlay& o, const EditorStyle& s)
{
    const QFontMetricsF fm(s.smallFont);
    double width = fm.horizontalAdvance(QStringLiteral("gradient magnitude (log scale)")) + 16;
    double height = 8;
    if (showsRamp(o))
        height += fm.height() + rampHeight + fm.height() + 10;
    for (const Entry& e : entries(o))
        width = std::max(width, swatch + 8 + fm.horizontalAdvance(e.text) + 16);
    height += rowHeight(s) * static_cast<double>(entries(o).size()) + 4;
    return QSizeF(width, height);
}

void paintLegend(QPainter& p, const QPointF& topLeft, const GraphOverlay& o, const EditorStyle& s)
{
    p.save();
    p.setRenderHint(QPainter::Antialiasing);
    const QSizeF size = legendSize(o, s);
    const QRectF box(topLeft, size);
    QColor fill = s.canvas;
    fill.setAlpha(235);
    p.setPen(QPen(s.nodeBorder, 1));
    p.setBrush(fill);
    p.drawRoundedRect(box, 6, 6);
    const QFontMetricsF fm(s.smallFont);
    p.setFont(s.smallFont);
    double y = box.top() + 8;
    const double x = box.left() + 8;
    if (showsRamp(o)) {
        p.setPen(s.text);
        p.drawText(QPointF(x, y + fm.ascent()), QStringLiteral("gradient magnitude (log scale)"));
        y += fm.height() + 2;
        const double w = size.width() - 16;
        // The ramp is drawn as a wedge so that width, like colour, grows with the magnitude.
        QLinearGradient ramp(QPointF(x, 0), QPointF(x + w, 0));
        for (int i = 0; i <= 8; ++i)
            ramp.setColorAt(i / 8.0, s.gradientColour(i / 8.0));
        QPolygonF wedge;
        const double thin = s.minWireWidth / s.maxWireWidth * rampHeight;
        wedge << QPointF(x, y + (rampHeight - thin) / 2) << QPointF(x + w, y) << QPointF(x + w, y + rampHeight)
              << QPointF(x, y + (rampHeight + thin) / 2);
        p.setPen(Qt::NoPen);
        p.setBrush(ramp);
        p.drawPolygon(wedge);
        y += rampHeight + 2;
        p.setPen(s.mutedText);
        const auto tick = [](double log) { return QString::number(std::pow(10.0, log), 'g', 3); };
        const QString low = tick(o.range.lowLog);
        const QString high = tick(o.range.highLog);
        p.drawText(QRectF(x, y, w, fm.height()), Qt::AlignLeft, low);
        p.drawText(QRectF(x, y, w, fm.height()), Qt::AlignRight, high);
        if (o.range.highLog - o.range.lowLog > 1.0)
            p.drawText(QRectF(x, y, w, fm.height()), Qt::AlignHCenter, tick((o.range.lowLog + o.range.highLog) / 2));
        y += fm.height() + 8;
    }
    for (const Entry& e : entries(o)) {
        const QRectF mark(x, y + 1, swatch, rowHeight(s) - 4);
        drawMark(p, e.mark, mark, s);
        p.setFont(s.smallFont);
        p.setPen(s.text);
        p.drawText(QPointF(x + swatch + 8, y + (rowHeight(s) - fm.height()) / 2 + fm.ascent()), e.text);
        y += rowHeight(s);
    }
    p.restore();
}

namespace {

/// ∂target/∂source as far as the backward pass has come at the overlay's step: the contributions
/// that have reached the source along its wires, summed in its dtype as the tape sums them.
QString gradientSoFar(const GraphData& data, const Evaluation& ev, const GraphOverlay& overlay, const SourceGradient& g)
{
    const NodeState& state = overlay.node(g.node);
    if (state.adjoint)
        return compactTensor(*state.adjoint, 6);
    if (!g.gradient)
        return QStringLiteral("None: ") + g.noneReason;
    int reached = 0;
    int paths = 0;
    std::optional<std::vector<double>> sum;
    DType dtype = g.gradient->dtype();
    for (const auto& [cid, c] : data.connections) {
        if (c.from != g.node)
            continue;
        // The wires a gradient flows back along by the end of the pass.
        const auto flows = ev.connections.find(cid);
        if (flows == ev.connections.end() || !flows->second.gradient)
            continue;
        ++paths;
        const std::optional<Tensor>& now = overlay.edge(cid).gradient;
        if (!now)
            continue;
        ++reached;
        const std::vector<double> part = now->toDoubles();
        if (!sum) {
            sum = part;
            continue;
        }
        for (std::size_t i = 0; i < sum->size() && i < part.size(); ++i)
            (*sum)[i] = dtype == DType::Float32 ? double(float((*sum)[i]) + float(part[i])) : (*sum)[i] + part[i];
    }
    if (!sum)
        return QObject::tr("not reached yet (%n contribution(s) to come)", nullptr, paths);
    const Tensor partial = Tensor::fromValues(g.gradient->shape(), *sum, dtype);
    return QObject::tr("%1 so far (%2 of %3 contributions)").arg(compactTensor(partial, 6)).arg(reached).arg(paths);
}

} // namespace

QStringList summaryLines(const GraphData& data, const Evaluation& ev, const Concealment& conceal, const GraphOverlay* overlay)
{
    // Stepping, and not at the end yet: the answer as the tape has it at this step.
    const bool stepping = overlay && overlay->step >= 0 && overlay->step < overlay->stepCount;
    QStringList lines;
    if (!ev.ok()) {
        if (!ev.error.isEmpty())
            lines << QStringLiteral("⚠ ") + ev.error;
        return lines;
    }
    // What students read first: values by their labels, never by internal ids.
    const Node* targetNode = data.node(ev.target);
    const bool valueHidden = conceal.values && targetNode && targetNode->kind == NodeKind::Op;
    const bool valueLater = stepping && overlay->node(ev.target).pending;
    lines << QStringLiteral("%1 = %2   (%3)").arg(friendlyName(data, ev.target),
                                                  valueHidden  ? concealedText()
                                                  : valueLater ? QObject::tr("… (the forward pass has not got there yet)")
                                                               : compactTensor(*ev.value, 6),
                                                  QLatin1StringView(dtypeName(ev.dtype).data()));
    const QString target = derivativeName(data, ev.target);
    for (const SourceGradient& g : ev.gradients) {
        const QString head = QStringLiteral("∂%1/∂%2 = ").arg(target, derivativeName(data, g.node));
        if (conceal.gradients)
            lines << head + concealedText();
        else if (stepping)
            lines << head + gradientSoFar(data, ev, *overlay, g);
        else
            lines << (g.gradient ? head + compactTensor(*g.gradient, 6) : head + QStringLiteral("None: ") + g.noneReason);
    }
    if (!ev.gradientError.isEmpty())
        lines << QStringLiteral("⚠ the backward pass failed: ") + ev.gradientError;
    // The Jacobian and the Hessian, when the tape computes them: a lesson's step is about them,
    // and presenter mode and pictures show no tape panel.
    const QString targetName = friendlyName(data, ev.target);
    for (std::size_t j = 0; j < ev.jacobian.size() && j < ev.gradients.size(); ++j)
        lines << QStringLiteral("jacobian(%1, %2) = %3")
                     .arg(targetName, friendlyName(data, ev.gradients[j].node),
                          conceal.gradients ? concealedText() : ev.jacobian[j] ? compactTensor(*ev.jacobian[j], 6) : QStringLiteral("None"));
    if (!ev.jacobianError.isEmpty())
        lines << QStringLiteral("⚠ no Jacobian: ") + ev.jacobianError;
    if (!ev.hessian.empty()) {
        QStringList rows;
        for (const auto& row : ev.hessian) {
            QStringList cells;
            for (const std::optional<Tensor>& h : row)
                cells << (conceal.gradients ? concealedText() : h ? compactTensor(*h, 4) : QStringLiteral("None"));
            rows << u'[' + cells.join(QStringLiteral(", ")) + u']';
        }
        lines << QStringLiteral("Hessian = [") + rows.join(QStringLiteral(", ")) + u']';
    }
    if (!ev.hessianError.isEmpty())
        lines << QStringLiteral("⚠ no Hessian: ") + ev.hessianError;
    // Forward mode, while its panel is shown: the target's tangent along the direction.
    if (ev.forward.ok() && !conceal.gradients) {
        QStringList direction;
        for (const std::optional<Tensor>& t : ev.forward.tangents)
            direction << (t ? compactTensor(*t, 4) : QStringLiteral("None"));
        lines << QStringLiteral("forward mode along (%1): ṫ%2 = %3")
                     .arg(direction.join(QStringLiteral(", ")), target,
                          ev.forward.jvp ? compactTensor(*ev.forward.jvp, 6) : QStringLiteral("None"));
    } else if (ev.forward.requested && !ev.forward.error.isEmpty()) {
        lines << QStringLiteral("⚠ forward mode: ") + ev.forward.error;
    }
    return lines;
}

QSizeF summarySize(const QStringList& lines, const EditorStyle& s, double maxWidth)
{
    if (lines.isEmpty())
        return {};
    const QFontMetricsF fm(s.textFont);
    const QRectF r = fm.boundingRect(QRectF(0, 0, maxWidth - 16, 4000), Qt::TextWordWrap, lines.join(u'\n'));
    return QSizeF(r.width() + 16, r.height() + 12);
}

void paintSummary(QPainter& p, const QPointF& topLeft, const QStringList& lines, const EditorStyle& s, double maxWidth)
{
    if (lines.isEmpty())
        return;
    p.save();
    p.setRenderHint(QPainter::Antialiasing);
    const QRectF box(topLeft, summarySize(lines, s, maxWidth));
    QColor fill = s.canvas;
    fill.setAlpha(235);
    p.setPen(QPen(s.nodeBorder, 1));
    p.setBrush(fill);
    p.drawRoundedRect(box, 6, 6);
    p.setFont(s.textFont);
    p.setPen(s.text);
    p.drawText(box.adjusted(8, 6, -8, -6), Qt::TextWordWrap, lines.join(u'\n'));
    p.restore();
}

} // namespace gs
