#include "ui/training/Heatmap.h"

#include <QPainter>

#include <algorithm>
#include <cmath>

namespace gs {

namespace {

QColor mix(const QColor& a, const QColor& b, double t)
{
    const auto lerp = [t](int x, int y) { return static_cast<int>(std::lround(x + (y - x) * t)); };
    return QColor(lerp(a.red(), b.red()), lerp(a.green(), b.green()), lerp(a.blue(), b.blue()));
}

bool transposed(const Tensor& t) { return t.rank() == 2 && t.shape().rows > t.shape().cols; }

} // namespace

QColor divergingColour(double value, double limit)
{
    // ColorBrewer's RdBu end points around a light grey that stays visible on white.
    static const QColor negative(0x21, 0x66, 0xAC);
    static const QColor neutral(0xF2, 0xF2, 0xF2);
    static const QColor positive(0xB2, 0x18, 0x2B);
    if (!std::isfinite(value))
        return QColor(0xD5, 0x5E, 0x00);
    const double t = limit > 0 ? std::clamp(value / limit, -1.0, 1.0) : 0.0;
    return t < 0 ? mix(neutral, negative, -t) : mix(neutral, positive, t);
}

double maxAbs(const Tensor& t)
{
    double m = 0.0;
    if (!t.valid())
        return m;
    for (std::int64_t i = 0; i < t.size(); ++i) {
        const double v = std::abs(t.at(i));
        if (std::isfinite(v))
            m = std::max(m, v);
    }
    return m;
}

QSize heatmapCells(const Tensor& t)
{
    if (!t.valid())
        return {};
    const auto rows = static_cast<int>(t.shape().rows);
    const auto cols = static_cast<int>(t.shape().cols);
    return transposed(t) ? QSize(rows, cols) : QSize(cols, rows);
}

void paintHeatmap(QPainter& painter, const QRectF& rect, const Tensor& t)
{
    if (!t.valid() || t.size() == 0)
        return;
    const QSize cells = heatmapCells(t);
    const double limit = maxAbs(t);
    const double w = rect.width() / cells.width();
    const double h = rect.height() / cells.height();
    const bool flip = transposed(t);
    painter.save();
    painter.setPen(Qt::NoPen);
    for (int r = 0; r < cells.height(); ++r)
        for (int c = 0; c < cells.width(); ++c) {
            const double v =
                flip ? t.at(c, r) : t.at(static_cast<std::int64_t>(r) * cells.width() + c);
            const QRectF cell(rect.left() + c * w, rect.top() + r * h, w, h);
            painter.setBrush(divergingColour(v, limit));
            painter.drawRect(cell);
            if (!std::isfinite(v)) {
                painter.setBrush(QBrush(Qt::black, Qt::BDiagPattern));
                painter.drawRect(cell);
            }
        }
    painter.setBrush(Qt::NoBrush);
    painter.setPen(QPen(QColor(0x80, 0x80, 0x80), 1.0));
    painter.drawRect(rect);
    painter.restore();
}

} // namespace gs
