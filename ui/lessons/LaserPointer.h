#pragma once

#include <QWidget>

namespace gs {

/// A red dot with a glow that follows the mouse over `area` (a view's viewport), like a laser
/// pointer on a projected slide. It lies over the area without taking any mouse event.
class LaserPointer : public QWidget {
    Q_OBJECT
public:
    explicit LaserPointer(QWidget* area);

    /// Where the dot is, in the area's coordinates; a point outside hides it.
    void setPosition(const QPoint& position);
    QPoint position() const { return position_; }

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;
    void paintEvent(QPaintEvent* event) override;

private:
    QRect dotRect(const QPoint& at) const;

    QWidget* area_;
    QPoint position_{-1000, -1000};
};

} // namespace gs
