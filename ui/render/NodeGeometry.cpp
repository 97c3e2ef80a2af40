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

} // namespace

NodeGeometry NodeGeometry::compute(const NodeContent& c, const EditorStyle& s)
{
    NodeGeometry g;
    const double pad = s.padding;
    const QFontMetricsF title(s.titleFont);
    const QFontMetricsF small(s.smallFont);
    const QFontMetricsF text(s.textFont);

    g.headerHeight = title.height() + 10;
    g.rowHeight = small.height() + 8;
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
    double width = std::clamp(std::max({headerWidth, contentWidth, minWidth}), minWidth, maxWidth);

    double y = g.headerHeight + 4;
    g.valueArea = QRectF(valueX, y, std::min(value.width(), width - valueX - pad), value.height());
    y += value.height();
    if (!c.secondary.isEmpty()) {
        g.secondaryArea = QRectF(valueX, y, width - valueX - pad, small.height());
        y += small.height();
    }
    if (!c.error.isEmpty()) {
        const QRectF r = text.boundingRect(QRectF(0, 0, width - 2 * pad, 400), Qt::TextWordWrap, c.error);
        g.errorArea = QRectF(pad, y + 2, width - 2 * pad, r.height());
        y += r.height() + 4;
    }
    const double portsHeight = g.headerHeight + g.rowHeight * c.ports.size();
    const double height = std::max({y + pad * 0.75, portsHeight + 4, g.headerHeight + g.rowHeight + 4});
    g.box = QRectF(0, 0, width, height);

    for (int i = 0; i < c.ports.size(); ++i)
        g.inputs.emplace_back(0, g.headerHeight + g.rowHeight * (i + 0.5));
    g.output = QPointF(width, g.headerHeight + g.rowHeight * 0.5);

    g.bounds = g.box.adjusted(-s.portRadius - 2, -2, s.portRadius + 2, 2);
    if (!c.tags.empty()) {
        const double h = small.height() + 4;
        g.tags = QRectF(0, -h - 3, width, h);
        g.bounds = g.bounds.united(g.tags);
    }
    if (!c.callout.isEmpty()) {
        const QString joined = c.callout.join(u'\n');
        QRectF r = text.boundingRect(QRectF(0, 0, calloutWidth, 2000), Qt::TextWordWrap, joined);
        r.setWidth(std::max(r.width(), 40.0));
        g.callout = QRectF(0, height + 8, r.width() + 2 * pad, r.height() + pad);
        g.bounds = g.bounds.united(g.callout.adjusted(-1, -8, 1, 1));
    }
    return g;
}

} // namespace gs
