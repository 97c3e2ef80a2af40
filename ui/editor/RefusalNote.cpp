#include "ui/editor/RefusalNote.h"

#include "ui/render/EditorStyle.h"

#include <QFontMetricsF>
#include <QGraphicsView>
#include <QPainter>
#include <QPropertyAnimation>
#include <QTimer>

namespace gs {

namespace {

/// Below and to the right of the pointer, clear of the cursor's arrow.
constexpr QPointF besidePointer(16, 12);
constexpr double padX = 7;
constexpr double padY = 4;
constexpr double margin = 4; ///< between the box and the viewport's edge

} // namespace

RefusalNote::RefusalNote(const EditorStyle& style)
    : style_(style)
{
    setFlag(ItemIgnoresTransformations);
    setAcceptedMouseButtons(Qt::NoButton);
    setAcceptHoverEvents(false);
    setZValue(zValue);
}

void RefusalNote::setText(const QString& text)
{
    if (text == text_)
        return;
    prepareGeometryChange();
    text_ = text;
    QFont font = style_.textFont;
    font.setBold(true);
    const QSizeF size = QFontMetricsF(font).size(Qt::TextSingleLine, text_);
    box_ = QRectF(besidePointer, size).adjusted(-padX, -padY, padX, padY);
    update();
}

void RefusalNote::keepInside(const QGraphicsView* view)
{
    if (!view || text_.isEmpty())
        return;
    // The box is in device pixels (the item ignores the zoom), so the viewport's pixels compare.
    // It stays below the pointer and slides left until its end is in view (its start wins when
    // the viewport is narrower than the reason).
    const QRectF port = QRectF(view->viewport()->rect()).adjusted(margin, margin, -margin, -margin);
    const QPointF pointer = view->mapFromScene(pos());
    QRectF box = box_;
    box.moveTopLeft(besidePointer - QPointF(padX, padY));
    if (pointer.x() + box.right() > port.right())
        box.moveRight(port.right() - pointer.x());
    if (pointer.x() + box.left() < port.left())
        box.moveLeft(port.left() - pointer.x());
    if (pointer.y() + box.bottom() > port.bottom())
        box.moveBottom(-besidePointer.y()); // above the pointer instead
    if (box == box_)
        return;
    prepareGeometryChange();
    box_ = box;
    update();
}

void RefusalNote::fadeAway(int holdMs, int fadeMs)
{
    QTimer::singleShot(holdMs, this, [this, fadeMs] {
        auto* fade = new QPropertyAnimation(this, "opacity", this);
        fade->setDuration(fadeMs);
        fade->setEndValue(0.0);
        connect(fade, &QPropertyAnimation::finished, this, &QObject::deleteLater);
        fade->start();
    });
}

QRectF RefusalNote::boundingRect() const { return box_.adjusted(-2, -2, 2, 2); }

void RefusalNote::paint(QPainter* painter, const QStyleOptionGraphicsItem*, QWidget*)
{
    if (text_.isEmpty())
        return;
    painter->setRenderHint(QPainter::Antialiasing);
    painter->setPen(QPen(style_.refused, 1.5));
    painter->setBrush(style_.canvas);
    painter->drawRoundedRect(box_, 4, 4);
    QFont font = style_.textFont;
    font.setBold(true);
    painter->setFont(font);
    painter->drawText(box_, Qt::AlignCenter, text_);
}

} // namespace gs
