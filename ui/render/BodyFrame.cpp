#include "ui/render/BodyFrame.h"

#include "document/GraphData.h"
#include "ui/render/EditorStyle.h"

#include <QFontMetricsF>
#include <QPainter>

namespace gs {

QRectF bodyFrameRect(const QRectF& nodes, const EditorStyle& style)
{
    const double title = QFontMetricsF(style.smallFont).height() + 4;
    return nodes.adjusted(-bodyFrameMargin, -bodyFrameMargin - title, bodyFrameMargin, bodyFrameMargin);
}

QString bodyFrameTitle(const GraphData& data, NodeId owner)
{
    const Node* n = data.node(owner);
    return n && !n->label.isEmpty() ? QStringLiteral("custom_gradient %1: forward and gradient").arg(n->label)
                                    : QStringLiteral("custom_gradient: forward and gradient");
}

void paintBodyFrame(QPainter& p, const QRectF& nodes, const QString& title, const EditorStyle& s)
{
    const QRectF frame = bodyFrameRect(nodes, s);
    p.save();
    p.setRenderHint(QPainter::Antialiasing);
    QColor fill = s.customHeader;
    fill.setAlpha(s.dark ? 70 : 60);
    QColor edge = s.customHeader.darker(s.dark ? 70 : 125);
    p.setPen(QPen(edge, 1.5, Qt::DashLine));
    p.setBrush(fill);
    p.drawRoundedRect(frame, 10, 10);
    p.setFont(s.smallFont);
    p.setPen(s.mutedText);
    p.drawText(frame.adjusted(10, 4, -10, 0), Qt::AlignLeft | Qt::AlignTop, title);
    p.restore();
}

} // namespace gs
