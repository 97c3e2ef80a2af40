#include "ui/render/EdgeGeometry.h"

#include "ui/render/EditorStyle.h"

#include <QFontMetricsF>
#include <QLineF>

#include <algorithm>
#include <cmath>

namespace gs {

EdgeGeometry EdgeGeometry::compute(QPointF from, QPointF to, const QString& label, bool active, double width,
                                   const EditorStyle& style)
{
    EdgeGeometry g;
    g.from = from;
    g.to = to;
    const double dx = std::max(50.0, std::abs(to.x() - from.x()) * 0.5);
    g.path.moveTo(from);
    g.path.cubicTo(from + QPointF(dx, 0), to - QPointF(dx, 0), to);
    g.valve = g.path.pointAtPercent(0.82);
    g.arrow = g.path.pointAtPercent(0.3);
    const QPointF ahead = g.path.pointAtPercent(0.27);
    g.arrowAngle = QLineF(g.arrow, ahead).angle();
    g.bounds = g.path.boundingRect().adjusted(-width - 10, -width - 10, width + 10, width + 10);
    if (!label.isEmpty()) {
        const QFontMetricsF fm(active ? style.textFont : style.smallFont);
        const QSizeF size(fm.horizontalAdvance(label) + 10, fm.height() + 4);
        const QPointF mid = g.path.pointAtPercent(0.5);
        g.label = QRectF(mid - QPointF(size.width() / 2, size.height() / 2), size);
        g.bounds = g.bounds.united(g.label.adjusted(-2, -2, 2, 2));
    }
    return g;
}

} // namespace gs
