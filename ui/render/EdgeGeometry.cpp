#include "ui/render/EdgeGeometry.h"

#include "ui/render/EditorStyle.h"
#include "ui/render/TextWidth.h"

#include <QFontMetricsF>
#include <QLineF>
#include <QStringList>

#include <algorithm>
#include <cmath>

namespace gs {

namespace {

/// The cubic Bézier at parameter t (not arc length: QPainterPath::pointAtPercent measures the
/// curve's length first, which costs more than everything else about a wire).
QPointF bezier(const QPointF& p0, const QPointF& p1, const QPointF& p2, const QPointF& p3, double t)
{
    const double u = 1 - t;
    return u * u * u * p0 + 3 * u * u * t * p1 + 3 * u * t * t * p2 + t * t * t * p3;
}

} // namespace

EdgeGeometry EdgeGeometry::compute(QPointF from, QPointF to, const QString& label, bool active, double width,
                                   const EditorStyle& style, LabelSpot spot)
{
    EdgeGeometry g;
    g.from = from;
    g.to = to;
    const double dx = std::max(50.0, std::abs(to.x() - from.x()) * 0.5);
    g.c1 = from + QPointF(dx, 0);
    g.c2 = to - QPointF(dx, 0);
    g.path.moveTo(from);
    g.path.cubicTo(g.c1, g.c2, to);
    g.valve = g.pointAt(0.5);
    g.curveBounds = g.path.boundingRect().adjusted(-width - 10, -width - 10, width + 10, width + 10);
    g.bounds = g.curveBounds;
    g.spot = spot;
    if (!label.isEmpty()) {
        const QFont& font = active ? style.textFont : style.smallFont;
        const double line = QFontMetricsF(font).height();
        g.labelText = label;
        double width = textWidth(font, label);
        int lines = 1;
        if (!active && width > labelWrapWidth(font)) { // rare: a vector; words are only broken apart at spaces
            const QStringList words = label.split(u' ', Qt::SkipEmptyParts);
            QStringList rows{words.front()};
            width = textWidth(font, words.front());
            for (qsizetype i = 1; i < words.size(); ++i) {
                const QString longer = rows.back() + u' ' + words[i];
                if (textWidth(font, longer) <= labelWrapWidth(font)) {
                    rows.back() = longer;
                } else {
                    rows << words[i];
                }
                width = std::max(width, textWidth(font, rows.back()));
            }
            g.labelText = rows.join(u'\n');
            lines = static_cast<int>(rows.size());
        }
        g.labelSize = QSizeF(width + 10, line * lines + 4);
    }
    g.placeLabel(spot);
    return g;
}

double EdgeGeometry::labelWrapWidth(const QFont& font) { return 4.0 * QFontMetricsF(font).height(); }

QPointF EdgeGeometry::pointAt(double t) const { return bezier(from, c1, c2, to, t); }

QPainterPath EdgeGeometry::partWithin(const QRectF& area) const
{
    if (area.contains(path.controlPointRect()))
        return path;
    // Between two samples h apart in t, a cubic strays from their chord by at most
    // h^2/8 * max|B''|, and |B''| <= 6 * the larger second difference of the control points.
    constexpr int steps = 32;
    constexpr double h = 1.0 / steps;
    const QPointF d1 = from - 2 * c1 + c2;
    const QPointF d2 = c1 - 2 * c2 + to;
    const double bend = 6 * std::max(std::hypot(d1.x(), d1.y()), std::hypot(d2.x(), d2.y()));
    const double slack = h * h / 8 * bend + 1;
    int first = -1;
    int last = -1;
    QPointF a = from;
    for (int i = 0; i < steps; ++i) {
        const QPointF b = i + 1 == steps ? to : pointAt((i + 1) * h);
        const QRectF chord = QRectF(a, b).normalized().adjusted(-slack, -slack, slack, slack);
        if (chord.intersects(area)) {
            if (first < 0)
                first = i;
            last = i;
        }
        a = b;
    }
    if (first < 0)
        return {};
    if (first == 0 && last == steps - 1)
        return path;
    // The piece of the curve between t0 and t1, as one cubic (de Casteljau): the same points.
    const double t0 = first * h;
    const double t1 = (last + 1) * h;
    const auto split = [](const QPointF& p0, const QPointF& p1, const QPointF& p2, const QPointF& p3, double t,
                          QPointF out[4]) { // the part from t to 1
        const QPointF p01 = p0 + (p1 - p0) * t, p12 = p1 + (p2 - p1) * t, p23 = p2 + (p3 - p2) * t;
        const QPointF p012 = p01 + (p12 - p01) * t, p123 = p12 + (p23 - p12) * t;
        out[0] = p012 + (p123 - p012) * t;
        out[1] = p123;
        out[2] = p23;
        out[3] = p3;
    };
    QPointF tail[4];
    split(from, c1, c2, to, t0, tail);
    // Then keep the first (t1 - t0) / (1 - t0) of the tail: reverse, cut, reverse.
    QPointF piece[4];
    const double keep = (t1 - t0) / (1 - t0);
    split(tail[3], tail[2], tail[1], tail[0], 1 - keep, piece);
    QPainterPath part;
    part.moveTo(piece[3]);
    part.cubicTo(piece[2], piece[1], piece[0]);
    return part;
}

QPolygonF EdgeGeometry::sketch() const
{
    constexpr int steps = 16;
    QPolygonF line;
    line.reserve(steps + 1);
    for (int i = 0; i <= steps; ++i)
        line << pointAt(double(i) / steps);
    return line;
}

QRectF EdgeGeometry::labelRect(const LabelSpot& s) const
{
    if (labelSize.isEmpty())
        return {};
    const QPointF centre = pointAt(s.t) + QPointF(0, s.lift);
    return QRectF(centre - QPointF(labelSize.width() / 2, labelSize.height() / 2), labelSize);
}

void EdgeGeometry::placeLabel(const LabelSpot& s)
{
    spot = s;
    arrow = pointAt(s.arrowT);
    arrowAngle = QLineF(arrow, pointAt(s.arrowT - 0.03)).angle();
    label = labelRect(s);
    // The label and its leader line to the wire, if it was lifted away (within the union).
    bounds = label.isEmpty() ? curveBounds : curveBounds.united(label.adjusted(-2, -2, 2, 2));
}

QRectF EdgeGeometry::arrowRect(double width) const { return arrowRectAt(spot.arrowT, width); }

QRectF EdgeGeometry::arrowRectAt(double t, double width) const
{
    const double r = (5 + width) * 0.75; // the chevron is 5 + width long (EdgePainter)
    const QPointF at = pointAt(t);
    return QRectF(at - QPointF(r, r), QSizeF(2 * r, 2 * r));
}

} // namespace gs
