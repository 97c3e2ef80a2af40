#include "ui/editor/ProbeItem.h"

#include "document/GraphData.h"
#include "engine/core/Tensor.h"
#include "ui/editor/EdgeItem.h"
#include "ui/editor/GraphScene.h"
#include "ui/render/EditorStyle.h"
#include "ui/render/GraphOverlay.h"
#include "ui/render/HoverCard.h"

#include <QFontMetricsF>
#include <QPainter>

#include <algorithm>
#include <cmath>
#include <limits>

namespace gs {

namespace {

constexpr double cardWidth = 190.0;
constexpr double cardHeight = 78.0;
constexpr double lift = 70.0; ///< how far above the wire the card floats

/// One number per evaluation: a scalar itself, a tensor its largest magnitude.
double summary(const std::optional<Tensor>& t)
{
    if (!t || t->size() == 0)
        return std::numeric_limits<double>::quiet_NaN();
    if (t->size() == 1)
        return t->item();
    double m = 0;
    for (std::int64_t i = 0; i < t->size(); ++i)
        m = std::max(m, std::abs(t->at(i)));
    return m;
}

void push(std::deque<double>& d, double v)
{
    d.push_back(v);
    while (d.size() > ProbeItem::historyLength)
        d.pop_front();
}

} // namespace

ProbeItem::ProbeItem(GraphScene* scene, ConnectionId id)
    : scene_(scene)
    , id_(id)
{
    setZValue(3);
    setFlag(ItemIsMovable);
    setFlag(ItemSendsGeometryChanges);
    offset_ = QPointF(-cardWidth / 2, -lift - cardHeight);
    setToolTip(tr("A probe: one sample per evaluation. Right-click the wire to remove it."));
}

void ProbeItem::sample()
{
    const Connection* c = scene_->data().connection(id_);
    if (!c)
        return;
    const GraphOverlay& overlay = scene_->overlay();
    push(values_, summary(overlay.node(c->from).value));
    push(gradients_, summary(overlay.edge(id_).gradient));
    refresh();
}

std::vector<double> ProbeItem::history() const
{
    const std::deque<double>& d = scene_->overlay().mode == ViewMode::Gradient ? gradients_ : values_;
    return {d.begin(), d.end()};
}

void ProbeItem::refresh()
{
    const Connection* c = scene_->data().connection(id_);
    EdgeItem* edge = scene_->edgeItem(id_);
    if (!c || !edge)
        return;
    prepareGeometryChange();
    const QPainterPath& path = edge->geometry().path;
    anchor_ = path.isEmpty() ? QPointF() : path.pointAtPercent(0.5);
    following_ = true;
    setPos(anchor_ + offset_);
    following_ = false;
    const GraphOverlay& overlay = scene_->overlay();
    const bool gradient = overlay.mode == ViewMode::Gradient;
    title_ = tr("%1 %2 → %3").arg(gradient ? QStringLiteral("∂") : QStringLiteral("value"),
                                  hoverName(scene_->data(), c->from), hoverName(scene_->data(), c->to));
    const std::optional<Tensor>& shown = gradient ? overlay.edge(id_).gradient : overlay.node(c->from).value;
    text_ = shown ? exactTensor(*shown).section(QLatin1Char('\n'), 0, 0) : (gradient ? tr("None") : tr("—"));
    update();
}

QVariant ProbeItem::itemChange(GraphicsItemChange change, const QVariant& value)
{
    if (change == ItemPositionHasChanged && !following_) {
        prepareGeometryChange(); // the leader to the wire changes length
        offset_ = value.toPointF() - anchor_;
    }
    return QGraphicsObject::itemChange(change, value);
}

QRectF ProbeItem::boundingRect() const
{
    const QPointF anchor = anchor_ - pos();
    return QRectF(0, 0, cardWidth, cardHeight).united(QRectF(anchor, QSizeF(1, 1))).adjusted(-4, -4, 4, 4);
}

void ProbeItem::paint(QPainter* painter, const QStyleOptionGraphicsItem*, QWidget*)
{
    const EditorStyle& s = scene_->editorStyle();
    QPainter& p = *painter;
    p.save();
    p.setRenderHint(QPainter::Antialiasing);
    const QRectF card(0, 0, cardWidth, cardHeight);
    const QPointF anchor = anchor_ - pos();
    // The leader to the wire, and the pin on it.
    p.setPen(QPen(s.active, 1.5, Qt::DashLine));
    p.drawLine(QPointF(card.center().x(), card.bottom()), anchor);
    p.setBrush(s.active);
    p.setPen(Qt::NoPen);
    p.drawEllipse(anchor, 4, 4);
    p.setPen(QPen(s.active, 1.5));
    p.setBrush(s.nodeFill);
    p.drawRoundedRect(card, 6, 6);
    p.setFont(s.smallFont);
    p.setPen(s.mutedText);
    const QFontMetricsF small(s.smallFont);
    p.drawText(card.adjusted(8, 4, -8, 0), Qt::AlignLeft | Qt::AlignTop, small.elidedText(title_, Qt::ElideRight, cardWidth - 16));
    p.setFont(s.valueFont);
    p.setPen(s.text);
    const QFontMetricsF value(s.valueFont);
    const QRectF valueRect(8, 4 + small.height(), cardWidth - 16, value.height());
    p.drawText(valueRect, Qt::AlignLeft | Qt::AlignVCenter, value.elidedText(text_, Qt::ElideRight, valueRect.width()));
    // The sparkline: the last samples, scaled to their own range; a gap where a sample was NaN.
    const std::vector<double> h = history();
    const QRectF spark(8, valueRect.bottom() + 4, cardWidth - 16, cardHeight - valueRect.bottom() - 10);
    double lo = std::numeric_limits<double>::infinity(), hi = -lo;
    for (double v : h)
        if (std::isfinite(v)) {
            lo = std::min(lo, v);
            hi = std::max(hi, v);
        }
    if (h.size() >= 2 && lo <= hi) {
        const double span = hi > lo ? hi - lo : 1.0;
        QPainterPath line;
        bool open = false;
        for (std::size_t i = 0; i < h.size(); ++i) {
            if (!std::isfinite(h[i])) {
                open = false;
                continue;
            }
            const QPointF pt(spark.left() + spark.width() * double(i) / double(historyLength - 1),
                             spark.bottom() - spark.height() * (hi > lo ? (h[i] - lo) / span : 0.5));
            if (open)
                line.lineTo(pt);
            else
                line.moveTo(pt);
            open = true;
        }
        p.setPen(QPen(s.source, 1.6));
        p.setBrush(Qt::NoBrush);
        p.drawPath(line);
    }
    p.restore();
}

} // namespace gs
