#include "ui/render/NodeGeometry.h"

#include "ui/render/EditorStyle.h"
#include "ui/render/NodeContent.h"
#include "ui/render/TextWidth.h"

#include <QFontMetricsF>

#include <algorithm>

namespace gs {

namespace {

QSizeF valueSize(const NodeContent& c, const EditorStyle& s, QSizeF* cell, QSizeF* heat)
{
    const QFontMetricsF value(s.valueFont);
    const QFontMetricsF small(s.smallFont);
    const double prefix = textWidth(s.valueFont, c.valuePrefix + u' ');
    switch (c.value.kind) {
    case ValueDisplay::Kind::None:
        return c.pending ? QSizeF(textWidth(s.valueFont, QStringLiteral("…")), value.height()) : QSizeF(0, 0);
    case ValueDisplay::Kind::Scalar:
        return QSizeF(prefix + textWidth(s.valueFont, c.value.text), value.height());
    case ValueDisplay::Kind::Table: {
        double w = 0;
        for (const QString& t : c.value.cells)
            w = std::max(w, textWidth(s.smallFont, t));
        *cell = QSizeF(w + 10, small.height() + 4);
        return QSizeF(prefix + cell->width() * c.value.columns, cell->height() * c.value.rows + small.height());
    }
    case ValueDisplay::Kind::Heatmap: {
        const double aspect = double(c.value.heatmap.height()) / std::max(1, c.value.heatmap.width());
        const double w = 110.0;
        *heat = QSizeF(w, std::clamp(w * aspect, 18.0, 70.0));
        const double label = textWidth(s.smallFont, c.value.shape + QStringLiteral("  ") + c.value.text);
        return QSizeF(prefix + std::max(w, label), heat->height() + small.height() + 2);
    }
    }
    return {};
}

/// `v` kept in [lo, hi], or the middle of a range that is empty.
double within(double v, double lo, double hi) { return lo <= hi ? std::clamp(v, lo, hi) : (lo + hi) / 2; }

/// Where the tip sits and what it points at: the point of the callout's edge nearest the node
/// (`base`), the point of the node (with its ports and pills) nearest the callout (`target`), and
/// the tip's apex, 8 units from the base towards the target.
struct Pointer {
    QPointF base;
    QPointF target;
    QPointF apex;
    bool valid = false; ///< false when the callout overlaps the node
};

/// The nearest points of two intervals along one axis: where they overlap, one point of the
/// overlap (`prefer` if it is far enough inside); otherwise their facing ends.
void nearest(double a0, double a1, double b0, double b1, double prefer, double& a, double& b)
{
    const double lo = std::max(a0, b0);
    const double hi = std::min(a1, b1);
    if (lo <= hi)
        a = b = within(prefer, lo + std::min(8.0, (hi - lo) / 2), hi - std::min(8.0, (hi - lo) / 2));
    else if (a1 < b0)
        a = a1, b = b0;
    else
        a = a0, b = b1;
}

Pointer pointer(const NodeGeometry& g)
{
    const QRectF& r = g.callout;
    const QRectF node = g.core();
    Pointer p;
    double bx = 0, tx = 0, by = 0, ty = 0;
    nearest(r.left(), r.right(), node.left(), node.right(), r.left() + 18, bx, tx);
    nearest(r.top(), r.bottom(), node.top(), node.bottom(), r.top() + 18, by, ty);
    p.base = QPointF(bx, by);
    p.target = QPointF(tx, ty);
    const QLineF towards(p.base, p.target);
    if (towards.length() < 1)
        return p;
    p.apex = towards.pointAt(std::min(1.0, 8 / towards.length()));
    p.valid = true;
    return p;
}


} // namespace

NodeGeometry NodeGeometry::compute(const NodeContent& c, const EditorStyle& s, std::optional<QPointF> calloutAt)
{
    NodeGeometry g;
    const double pad = s.padding;
    const QFontMetricsF title(s.titleFont);
    const QFontMetricsF small(s.smallFont);
    const QFontMetricsF text(s.textFont);

    g.portReach = s.portRadius + 2;
    g.headerHeight = title.height() + s.headerGap;
    g.rowHeight = small.height() + s.rowGap;
    double headerWidth = pad + textWidth(s.titleFont, c.title) + pad;
    if (!c.subtitle.isEmpty())
        headerWidth += textWidth(s.smallFont, c.subtitle) + 6;
    if (c.warning)
        headerWidth += 20;

    for (const QString& p : c.ports)
        g.portLabelWidth = std::max(g.portLabelWidth, textWidth(s.smallFont, p));
    const double valueX = c.ports.isEmpty() ? pad + 4 : pad + 4 + g.portLabelWidth + 10;

    const QSizeF value = valueSize(c, s, &g.tableCell, &g.heatmapSize);
    const double secondaryWidth = c.secondary.isEmpty() ? 0 : textWidth(s.smallFont, c.secondary);
    double contentWidth = valueX + std::max(value.width(), secondaryWidth) + pad + 6;
    // Long titles and numbers are elided past the widest a node gets (in proportion to its
    // text: a projector's nodes are larger); a table of numbers is never cut, nor drawn outside.
    const double widest = maxWidth * std::max(1.0, s.smallFont.pixelSize() / 11.0);
    double width = std::clamp(std::max({headerWidth, contentWidth, minWidth}), minWidth, widest);
    if (c.value.kind == ValueDisplay::Kind::Table)
        width = std::max(width, valueX + value.width() + pad + 6);

    double y = g.headerHeight + 4;
    g.valueArea = QRectF(valueX, y, std::min(value.width(), width - valueX - pad), value.height());
    y += value.height();
    if (!c.secondary.isEmpty()) {
        g.secondaryArea = QRectF(valueX, y, width - valueX - pad, small.height());
        y += small.height();
    }
    const double portsHeight = g.headerHeight + g.rowHeight * c.ports.size();
    if (!c.error.isEmpty()) {
        // Under the port names, never over them.
        y = std::max(y, portsHeight);
        const QFontMetricsF font(c.errorIsWaiting ? s.smallFont : s.textFont);
        const QRectF r = font.boundingRect(QRectF(0, 0, width - 2 * pad, 400), Qt::TextWordWrap, c.error);
        g.errorArea = QRectF(pad, y + 2, width - 2 * pad, r.height());
        y += r.height() + 4;
    }
    const double height = std::max({y + pad * 0.75, portsHeight + 4, g.headerHeight + g.rowHeight + 4});
    g.box = QRectF(0, 0, width, height);

    for (int i = 0; i < c.ports.size(); ++i)
        g.inputs.emplace_back(0, g.headerHeight + g.rowHeight * (i + 0.5));
    g.output = QPointF(width, g.headerHeight + g.rowHeight * 0.5);

    if (!c.tags.empty()) {
        const double h = small.height() + 4;
        g.tags = QRectF(0, -h - 3, width, h);
        double x = 0;
        for (NodeBadge tag : c.tags) {
            g.pills.emplace_back(x, g.tags.top(), textWidth(s.smallFont, badgeText(tag)) + 10, h);
            x = g.pills.back().right() + 4;
        }
    }
    if (!c.callout.isEmpty()) {
        const QString joined = c.callout.join(u'\n');
        const double wrap = std::max(width - 2 * pad, calloutMinEms * text.height());
        QRectF r = text.boundingRect(QRectF(0, 0, wrap, 4000), Qt::TextWordWrap, joined);
        r.setWidth(std::max(r.width(), 40.0));
        g.callout = QRectF(0, height + calloutGap, r.width() + 2 * pad, r.height() + pad);
    }
    g.placeCallout(calloutAt.value_or(g.callout.topLeft()));
    return g;
}

QRectF NodeGeometry::core() const
{
    QRectF r = box.adjusted(-portReach, 0, portReach, 0);
    for (const QRectF& pill : pills)
        r = r.united(pill);
    return r;
}

std::vector<QPointF> NodeGeometry::calloutPlaces() const
{
    if (callout.isEmpty())
        return {};
    const double w = callout.width();
    const double h = callout.height();
    const double side = calloutGap + 8; // the tip is 8 units long; ports stick out of the sides
    const QPointF below(0, box.bottom() + calloutGap);
    const QPointF right(box.right() + side, 0);
    const QPointF above(0, core().top() - calloutGap - h);
    const QPointF left(-side - w, 0);
    std::vector<QPointF> places = {below, right, above, left};
    // Then rings further out, 12 units at a time, as far as a few nodes away.
    for (int k = 1; k <= 24; ++k) {
        const double d = 12.0 * k;
        for (const QPointF& p : {below + QPointF(0, d), right + QPointF(0, d), right - QPointF(0, d), above - QPointF(0, d),
                                 left + QPointF(0, d), left - QPointF(0, d), below + QPointF(d, 0), below - QPointF(d, 0),
                                 above + QPointF(d, 0), above - QPointF(d, 0)})
            places.push_back(p);
    }
    return places;
}

void NodeGeometry::placeCallout(QPointF topLeft)
{
    if (!callout.isEmpty())
        callout.moveTopLeft(topLeft);
    bounds = box.adjusted(-portReach, -2, portReach, 2);
    if (!tags.isEmpty())
        bounds = bounds.united(tags);
    // With its tip, and the leader line to the box (which lies within the two's union).
    if (!callout.isEmpty())
        bounds = bounds.united(callout.adjusted(-9, -9, 9, 9));
}

QPolygonF NodeGeometry::calloutTip() const
{
    if (callout.isEmpty())
        return {};
    const Pointer p = pointer(*this);
    if (!p.valid)
        return {};
    const QLineF towards(p.base, p.apex);
    const QPointF across = QPointF(-towards.dy(), towards.dx()) / towards.length() * 7;
    return QPolygonF({p.base - across, p.apex, p.base + across});
}

QLineF NodeGeometry::calloutLeader() const
{
    if (callout.isEmpty())
        return {};
    const Pointer p = pointer(*this);
    // Beside the box the tip alone points at it.
    if (!p.valid || QLineF(p.apex, p.target).length() <= 4)
        return {};
    return QLineF(p.apex, p.target);
}

} // namespace gs
