#include "ui/CanvasStyle.h"

#include <QLineF>
#include <QList>
#include <QPainter>
#include <QPalette>
#include <QPen>
#include <QRectF>

#include <cmath>

namespace gs {

namespace {

/// `from` moved by `amount` (0..1) towards `to`, in 8-bit channels like the pixels it ends up in.
QColor mix(const QColor& from, const QColor& to, double amount)
{
    const auto channel = [amount](int a, int b) { return qRound(a + (b - a) * amount); };
    return QColor(channel(from.red(), to.red()), channel(from.green(), to.green()),
                  channel(from.blue(), to.blue()));
}

void drawLines(QPainter& painter, const QRectF& exposed, double spacing, const QColor& colour)
{
    QList<QLineF> lines;
    for (double x = std::floor(exposed.left() / spacing) * spacing; x <= exposed.right();
         x += spacing)
        lines.append(QLineF(x, exposed.top(), x, exposed.bottom()));
    for (double y = std::floor(exposed.top() / spacing) * spacing; y <= exposed.bottom();
         y += spacing)
        lines.append(QLineF(exposed.left(), y, exposed.right(), y));
    QPen pen(colour, 0); // cosmetic: one device pixel whatever the zoom
    painter.setPen(pen);
    painter.drawLines(lines);
}

} // namespace

CanvasStyle CanvasStyle::fromPalette(const QPalette& palette)
{
    const QColor base = palette.color(QPalette::Base);
    const QColor text = palette.color(QPalette::Text);
    CanvasStyle style;
    style.background = mix(base, text, 0.03);
    style.minorLine = mix(base, text, 0.08);
    style.majorLine = mix(base, text, 0.16);
    return style;
}

void CanvasStyle::paint(QPainter& painter, const QRectF& exposed, double zoom) const
{
    painter.save();
    painter.setRenderHint(QPainter::Antialiasing, false);
    painter.fillRect(exposed, background);
    const double majorSpacing = minorSpacing * majorEvery;
    if (minorSpacing * zoom >= minPixelSpacing)
        drawLines(painter, exposed, minorSpacing, minorLine);
    if (majorSpacing * zoom >= minPixelSpacing)
        drawLines(painter, exposed, majorSpacing, majorLine);
    painter.restore();
}

} // namespace gs
