#include "ui/panels/PictureWidget.h"

#include "ui/render/GraphPicture.h"

#include <QPainter>

#include <cmath>

namespace gs {

PictureWidget::PictureWidget(QWidget* parent)
    : QWidget(parent)
{
}

PictureWidget::~PictureWidget() = default;

void PictureWidget::setPicture(std::unique_ptr<GraphPicture> picture)
{
    picture_ = std::move(picture);
    const QSize size = sizeHint();
    setMinimumSize(size);
    resize(size);
    update();
}

QSize PictureWidget::sizeHint() const
{
    if (!picture_)
        return {200, 120};
    return {static_cast<int>(std::ceil(picture_->size().width())), static_cast<int>(std::ceil(picture_->size().height()))};
}

void PictureWidget::paintEvent(QPaintEvent*)
{
    if (!picture_)
        return;
    QPainter p(this);
    p.setRenderHint(QPainter::Antialiasing);
    p.setRenderHint(QPainter::TextAntialiasing);
    picture_->paint(p);
}

} // namespace gs
