#include "ui/lessons/LaserPointer.h"

#include <QEvent>
#include <QMouseEvent>
#include <QPainter>
#include <QRadialGradient>

namespace gs {

namespace {
constexpr int glowRadius = 26;
}

LaserPointer::LaserPointer(QWidget* area)
    : QWidget(area)
    , area_(area)
{
    setObjectName(QStringLiteral("laserPointer"));
    setAttribute(Qt::WA_TransparentForMouseEvents);
    setAttribute(Qt::WA_NoSystemBackground);
    setGeometry(area->rect());
    area->setMouseTracking(true);
    area->installEventFilter(this);
}

QRect LaserPointer::dotRect(const QPoint& at) const
{
    return QRect(at - QPoint(glowRadius, glowRadius), QSize(2 * glowRadius + 1, 2 * glowRadius + 1));
}

void LaserPointer::setPosition(const QPoint& position)
{
    if (position == position_)
        return;
    const QRect old = dotRect(position_);
    position_ = position;
    update(old.united(dotRect(position_)));
}

bool LaserPointer::eventFilter(QObject* watched, QEvent* event)
{
    if (watched == area_) {
        switch (event->type()) {
        case QEvent::MouseMove:
            setPosition(static_cast<QMouseEvent*>(event)->position().toPoint());
            break;
        case QEvent::Leave: setPosition({-1000, -1000}); break;
        case QEvent::Resize: setGeometry(area_->rect()); break;
        default: break;
        }
    }
    return QWidget::eventFilter(watched, event);
}

void LaserPointer::paintEvent(QPaintEvent*)
{
    if (!rect().contains(position_))
        return;
    QPainter painter(this);
    painter.setRenderHint(QPainter::Antialiasing);
    QRadialGradient glow(position_, glowRadius);
    glow.setColorAt(0.0, QColor(255, 40, 40, 255));
    glow.setColorAt(0.25, QColor(255, 40, 40, 220));
    glow.setColorAt(0.45, QColor(255, 0, 0, 90));
    glow.setColorAt(1.0, QColor(255, 0, 0, 0));
    painter.setPen(Qt::NoPen);
    painter.setBrush(glow);
    painter.drawEllipse(position_, glowRadius, glowRadius);
}

} // namespace gs
