#include "ui/render/EdgeGeometry.h"

#include "ui/render/EditorStyle.h"
#include "ui/render/TextWidth.h"

#include <QFontMetricsF>
#include <QLineF>

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
                                   const EditorStyle& style)
{
    EdgeGeometry g;
    g.from = from;
    g.to = to;
    const double dx = std::max(50.0, std::abs(to.x() - from.x()) * 0.5);
    const QPointF c1 = from + QPointF(dx, 0);
    const QPointF c2 = to - QPointF(dx, 0);
    g.path.moveTo(from);
    g.path.cubicTo(c1, c2, to);
    const auto at = [&](double t) { return bezier(from, c1, c2, to, t); };
    g.valve = at(0.5);
    g.arrow = at(0.3);
    const QPointF ahead = at(0.27);
    g.arrowAngle = QLineF(g.arrow, ahead).angle();
    g.bounds = g.path.boundingRect().adjusted(-width - 10, -width - 10, width + 10, width + 10);
    if (!label.isEmpty()) {
        const QFont& font = active ? style.textFont : style.smallFont;
        const QSizeF size(textWidth(font, label) + 10, QFontMetricsF(font).height() + 4);
        // Past the middle, towards the input it feeds: wires that cross in the middle keep their
        // labels apart, and a value that fans out labels each branch near its consumer.
        const QPointF mid = at(0.62);
        g.label = QRectF(mid - QPointF(size.width() / 2, size.height() / 2), size);
        g.bounds = g.bounds.united(g.label.adjusted(-2, -2, 2, 2));
    }
    return g;
}

} // namespace gs
