#include "ui/render/NodePainter.h"

#include "document/GraphData.h"
#include "ui/render/EdgePainter.h"
#include "ui/render/EditorStyle.h"
#include "ui/render/NodeContent.h"
#include "ui/render/NodeGeometry.h"

#include <QFontMetricsF>
#include <QLineF>
#include <QPainter>
#include <QPainterPath>

namespace gs {

namespace {

QColor headerColour(const Node& node, const EditorStyle& s)
{
    if (node.scope.valid())
        return s.bodyHeader;
    switch (node.kind) {
    case NodeKind::Variable: return s.variableHeader;
    case NodeKind::Constant: return s.constantHeader;
    case NodeKind::Input: return s.inputHeader;
    case NodeKind::CustomGradient: return s.customHeader;
    case NodeKind::Parameter:
    case NodeKind::Upstream: return s.bodyHeader;
    case NodeKind::Op: break;
    }
    return s.opHeader;
}

QColor withAlpha(QColor c, double alpha)
{
    c.setAlphaF(alpha);
    return c;
}

void ring(QPainter& p, const QRectF& box, double offset, const QColor& colour, double width, double radius,
          Qt::PenStyle style = Qt::SolidLine)
{
    QPen pen(colour, width, style);
    pen.setCapStyle(Qt::FlatCap);
    p.setPen(pen);
    p.setBrush(Qt::NoBrush);
    p.drawRoundedRect(box.adjusted(-offset, -offset, offset, offset), radius + offset, radius + offset);
}

void paintTags(QPainter& p, const NodeContent& c, const NodeGeometry& g, const EditorStyle& s)
{
    p.setFont(s.smallFont);
    for (std::size_t i = 0; i < c.tags.size() && i < g.pills.size(); ++i) {
        const NodeBadge tag = c.tags[i];
        QColor fill;
        QColor ink = Qt::black;
        switch (tag) {
        case NodeBadge::Target: fill = s.target; break;
        case NodeBadge::Source: fill = s.source; ink = s.dark ? Qt::black : Qt::white; break;
        case NodeBadge::NoGradient: fill = s.blocked; ink = s.dark ? Qt::black : Qt::white; break;
        }
        const QRectF& r = g.pills[i];
        p.setPen(Qt::NoPen);
        p.setBrush(fill);
        p.drawRoundedRect(r, r.height() / 2, r.height() / 2);
        p.setPen(ink);
        p.drawText(r, Qt::AlignCenter, badgeText(tag));
    }
}

void paintValue(QPainter& p, const NodeContent& c, const NodeGeometry& g, ViewMode mode, const EditorStyle& s)
{
    const QRectF area = g.valueArea;
    QColor ink = s.text;
    if (c.value.nonfinite)
        ink = s.nonfinite;
    if (mode == ViewMode::Gradient && c.value.text == QStringLiteral("None"))
        ink = s.blocked;
    if (c.pending) {
        p.setPen(s.mutedText);
        p.setFont(s.valueFont);
        p.drawText(area, Qt::AlignLeft | Qt::AlignVCenter, QStringLiteral("…"));
        return;
    }
    if (c.value.kind == ValueDisplay::Kind::None)
        return;
    p.setFont(s.valueFont);
    const QFontMetricsF vf(s.valueFont);
    const QString prefix = c.valuePrefix + u' ';
    p.setPen(s.mutedText);
    p.drawText(QPointF(area.left(), area.top() + vf.ascent()), prefix);
    const double x = area.left() + vf.horizontalAdvance(prefix);
    const QFontMetricsF sf(s.smallFont);
    switch (c.value.kind) {
    case ValueDisplay::Kind::None: break;
    case ValueDisplay::Kind::Scalar: {
        p.setPen(ink);
        const QString text = vf.elidedText(c.value.text, Qt::ElideRight, area.right() - x + 1);
        p.drawText(QPointF(x, area.top() + vf.ascent()), text);
        break;
    }
    case ValueDisplay::Kind::Table: {
        p.setFont(s.smallFont);
        const QSizeF cell = g.tableCell;
        for (int r = 0; r < c.value.rows; ++r)
            for (int col = 0; col < c.value.columns; ++col) {
                const QRectF rect(x + col * cell.width(), area.top() + r * cell.height(), cell.width(), cell.height());
                const QString& t = c.value.cells[r * c.value.columns + col];
                const bool bad = t == u"nan" || t.endsWith(QStringLiteral("inf"));
                p.setPen(QPen(withAlpha(s.mutedText, 0.35), 1));
                p.setBrush(bad ? QBrush(withAlpha(s.nonfinite, 0.18)) : QBrush(Qt::NoBrush));
                p.drawRect(rect);
                p.setPen(bad ? s.nonfinite : s.text);
                p.drawText(rect, Qt::AlignCenter, t);
            }
        p.setPen(s.mutedText);
        p.drawText(QPointF(x, area.top() + c.value.rows * cell.height() + sf.ascent()), c.value.shape);
        break;
    }
    case ValueDisplay::Kind::Heatmap: {
        const QRectF image(QPointF(x, area.top()), g.heatmapSize);
        p.save();
        p.setRenderHint(QPainter::SmoothPixmapTransform, false);
        p.drawImage(image, c.value.heatmap);
        p.restore();
        p.setPen(QPen(s.nodeBorder, 1));
        p.setBrush(Qt::NoBrush);
        p.drawRect(image);
        p.setFont(s.smallFont);
        p.setPen(c.value.nonfinite ? s.nonfinite : s.mutedText);
        p.drawText(QPointF(x, image.bottom() + 2 + sf.ascent()), c.value.shape + QStringLiteral("  ") + c.value.text);
        break;
    }
    }
}

void paintPorts(QPainter& p, const NodeContent& c, const NodeGeometry& g, const EditorStyle& s,
                const NodeInteraction& in)
{
    const QFontMetricsF sf(s.smallFont);
    p.setFont(s.smallFont);
    for (std::size_t i = 0; i < g.inputs.size(); ++i) {
        const QPointF at = g.inputs[i];
        p.setPen(s.mutedText);
        p.drawText(QPointF(s.padding + 2, at.y() - sf.height() / 2 + sf.ascent()), c.ports[static_cast<int>(i)]);
        const bool hot = static_cast<int>(i) == in.highlightedInput;
        const bool connected = i < in.connected.size() && in.connected[i];
        p.setPen(QPen(hot ? s.selection : s.nodeBorder, hot ? 2.5 : 1.5));
        p.setBrush(connected ? s.wire : s.nodeFill);
        const double r = hot ? s.portRadius + 2 : s.portRadius;
        p.drawEllipse(at, r, r);
    }
    if (c.hasOutput) {
        p.setPen(QPen(in.highlightOutput ? s.selection : s.nodeBorder, in.highlightOutput ? 2.5 : 1.5));
        p.setBrush(s.wire);
        p.drawEllipse(g.output, s.portRadius, s.portRadius);
    }
}

void paintCallout(QPainter& p, const NodeContent& c, const NodeGeometry& g, const NodeState& state, const EditorStyle& s)
{
    if (g.callout.isEmpty())
        return;
    const QColor ink = !state.births.isEmpty() ? s.nonfinite : state.active ? s.active : s.blocked;
    QColor fill = s.canvas;
    fill.setAlpha(245);
    QPainterPath path;
    path.addRoundedRect(g.callout, 5, 5);
    // The tip points at the node; a callout placed further out (nothing was free nearer) is
    // joined to the box by a leader line.
    const QPolygonF tip = g.calloutTip();
    const QLineF leader = g.calloutLeader();
    if (!leader.isNull()) {
        p.setPen(QPen(ink, 2, Qt::SolidLine, Qt::RoundCap));
        p.drawLine(leader);
    }
    path.addPolygon(tip);
    path = path.simplified();
    p.setPen(QPen(ink, 2));
    p.setBrush(fill);
    p.drawPath(path);
    p.setFont(s.textFont);
    p.setPen(!state.births.isEmpty() ? s.nonfinite : s.text);
    p.drawText(g.callout.adjusted(s.padding, s.padding / 2, -s.padding, -s.padding / 2), Qt::TextWordWrap,
               c.callout.join(u'\n'));
}

} // namespace

void paintNodeSketch(QPainter& p, const Node& node, const NodeGeometry& g, const NodeState& state, ViewMode mode,
                     const EditorStyle& s, bool selected, const QString& title, double zoom)
{
    p.save();
    const QColor border = selected                   ? s.selection
                    : !state.births.isEmpty() ? s.nonfinite
                    : state.target            ? s.target
                    : state.source            ? s.source
                                              : s.nodeBorder;
    const double width = border == s.nodeBorder ? 1.5 : 4.0;
    const bool faded = mode == ViewMode::Gradient && state.blocked;
    p.setOpacity(p.opacity() * (faded ? 0.5 : 1.0)); // relative: a caller may fade the whole node
    p.setPen(QPen(border, width));
    p.setBrush(state.valueNonfinite ? QBrush(withAlpha(s.nonfinite, 0.35)) : QBrush(s.nodeFill));
    p.drawRect(g.box);
    p.fillRect(QRectF(0, 0, g.box.width(), g.headerHeight), headerColour(node, s));
    // The name at 12 device pixels (no more than half the box's height), shortened to the box's
    // width; below 7 pixels nobody reads it, so it is not drawn.
    constexpr double readablePixels = 12.0;
    constexpr double smallestPixels = 7.0;
    if (!title.isEmpty() && zoom > 0) {
        const double size = std::min(readablePixels / zoom, 0.5 * g.box.height());
        if (size * zoom >= smallestPixels) {
            QFont font = s.titleFont;
            font.setPixelSize(std::max(1, static_cast<int>(size)));
            const QFontMetricsF metrics(font);
            const QRectF room = g.box.adjusted(0.04 * g.box.width(), 0, -0.04 * g.box.width(), 0);
            const QString shown = metrics.elidedText(title, Qt::ElideRight, room.width());
            if (!shown.isEmpty() && shown != QStringLiteral("\u2026")) {
                p.setFont(font);
                p.setPen(s.text);
                p.drawText(room, Qt::AlignCenter, shown);
            }
        }
    }
    p.restore();
}

void paintNode(QPainter& p, const Node& node, const NodeContent& c, const NodeGeometry& g, const NodeState& state,
               ViewMode mode, const EditorStyle& s, const NodeInteraction& in)
{
    p.save();
    p.setRenderHint(QPainter::Antialiasing);
    const bool faded = mode == ViewMode::Gradient && state.blocked;
    const double radius = s.cornerRadius;
    if (state.active)
        ring(p, g.box, 5, withAlpha(s.active, 0.75), 5, radius);
    if (in.selected)
        ring(p, g.box, 3.5, s.selection, 2.5, radius);
    if (in.refused)
        ring(p, g.box, 3.5, s.refused, 3, radius, Qt::DashLine);

    // Relative to the painter's opacity, which a trace view lowers for nodes the passes removed.
    const double opacity = p.opacity();
    p.setOpacity(opacity * (faded ? 0.55 : 1.0));
    QPainterPath box;
    box.addRoundedRect(g.box, radius, radius);
    p.setPen(Qt::NoPen);
    p.setBrush(s.nodeFill);
    p.drawPath(box);
    if (state.valueNonfinite)
        p.fillPath(box, withAlpha(s.nonfinite, s.dark ? 0.30 : 0.16));
    if (mode == ViewMode::Gradient && state.adjointNonfinite)
        p.fillPath(box, QBrush(withAlpha(s.nonfinite, 0.55), Qt::BDiagPattern));

    p.save();
    p.setClipPath(box);
    p.fillRect(QRectF(0, 0, g.box.width(), g.headerHeight), headerColour(node, s));
    p.restore();

    const QFontMetricsF tf(s.titleFont);
    p.setFont(s.titleFont);
    p.setPen(s.text);
    const double baseline = (g.headerHeight - tf.height()) / 2 + tf.ascent();
    const double right = g.box.width() - s.padding - (state.births.isEmpty() ? 0 : 20); // room for the ⚠
    const QString title = tf.elidedText(c.title, Qt::ElideRight, right - s.padding);
    p.drawText(QPointF(s.padding, baseline), title);
    if (!c.subtitle.isEmpty()) {
        const double x = s.padding + tf.horizontalAdvance(title) + 6;
        const QFontMetricsF sf(s.smallFont);
        p.setFont(s.smallFont);
        p.setPen(s.mutedText);
        p.drawText(QPointF(x, baseline), sf.elidedText(c.subtitle, Qt::ElideRight, right - x));
    }

    paintValue(p, c, g, mode, s);
    if (!c.secondary.isEmpty()) {
        p.setFont(s.smallFont);
        p.setPen(state.valueNonfinite ? s.nonfinite : mode == ViewMode::Forward && state.tangent ? tangentColour(s) : s.mutedText);
        p.drawText(g.secondaryArea, Qt::AlignLeft | Qt::AlignVCenter,
                   QFontMetricsF(s.smallFont).elidedText(c.secondary, Qt::ElideRight, g.secondaryArea.width()));
    }
    if (!c.error.isEmpty()) {
        p.setFont(c.errorIsWaiting ? s.smallFont : s.textFont);
        p.setPen(c.errorIsWaiting ? s.mutedText : s.nonfinite);
        p.drawText(g.errorArea, Qt::TextWordWrap, c.error);
    }

    // The border says what the node is to the tape: target (orange), watched source (blue),
    // birthplace of a NaN (vermillion, thick), cut off (grey, dashed).
    if (faded)
        ring(p, g.box, 0, s.blocked, 2, radius, Qt::DashLine);
    else if (!state.births.isEmpty())
        ring(p, g.box, 0, s.nonfinite, 3.5, radius);
    else if (state.target)
        ring(p, g.box, 0, s.target, 3.5, radius);
    else if (state.source)
        ring(p, g.box, 0, s.source, 3, radius);
    else
        ring(p, g.box, 0, s.nodeBorder, 1.2, radius);
    if (!state.births.isEmpty()) {
        p.setFont(s.titleFont);
        p.setPen(s.nonfinite);
        p.drawText(QRectF(g.box.right() - 24, 0, 20, g.headerHeight), Qt::AlignCenter, QStringLiteral("⚠"));
    }

    paintPorts(p, c, g, s, in);
    p.setOpacity(opacity);
    paintTags(p, c, g, s);
    paintCallout(p, c, g, state, s);
    p.restore();
}

} // namespace gs
