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
