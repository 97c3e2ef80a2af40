#include "ui/workspace/PresenterCaption.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QResizeEvent>
#include <QVBoxLayout>

#include <algorithm>

namespace gs {

namespace {

/// Below this the back row cannot read it; a text that needs less is too long for one step.
constexpr int minTextPixels = 14;

QFont sized(QFont font, int pixels)
{
    font.setPixelSize(pixels);
    return font;
}

} // namespace

PresenterCaption::PresenterCaption(QWidget* parent)
    : QWidget(parent)
    , text_(new QLabel(this))
    , progress_(new QLabel(this))
    , hint_(new QLabel(this))
{
    setObjectName(QStringLiteral("presenterCaption"));
    text_->setObjectName(QStringLiteral("presenterCaptionText"));
    progress_->setObjectName(QStringLiteral("presenterProgress"));
    hint_->setObjectName(QStringLiteral("presenterHint"));
    setAttribute(Qt::WA_StyledBackground);
    setAttribute(Qt::WA_TransparentForMouseEvents);
    setStyleSheet(QStringLiteral("#presenterCaption { background: black; border-top: 4px solid #ffd600; }"
                                 "QLabel { color: white; background: transparent; }"
                                 "#presenterProgress, #presenterHint { color: #d0d0d0; }"));
    text_->setWordWrap(true);
    text_->setTextFormat(Qt::RichText);
    text_->setAlignment(Qt::AlignLeft | Qt::AlignTop);
    progress_->setAlignment(Qt::AlignRight | Qt::AlignVCenter);
    // Where the lesson is matters more than the key hint, which gives way on a narrow window.
    hint_->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
    auto* footer = new QHBoxLayout;
    footer->addWidget(hint_, 1);
    footer->addWidget(progress_);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(22, 10, 22, 8);
    layout->setSpacing(6);
    layout->addWidget(text_, 1);
    layout->addLayout(footer);
}

void PresenterCaption::setContent(const QString& html, const QString& progress, const QString& hint)
{
    text_->setText(html);
    text_->setVisible(!html.isEmpty());
    progress_->setText(progress);
    hint_->setText(hint);
    fit();
}

void PresenterCaption::setSizing(double textPixels, double maxHeight)
{
    preferredPixels_ = textPixels;
    maxHeight_ = maxHeight;
    fit();
}

int PresenterCaption::textPixels() const { return text_->font().pixelSize(); }

bool PresenterCaption::textFits() const
{
    return !text_->isVisible() || text_->heightForWidth(text_->width()) <= text_->height();
}

void PresenterCaption::resizeEvent(QResizeEvent* event)
{
    QWidget::resizeEvent(event);
    if (event->oldSize().width() != event->size().width())
        fit();
}

void PresenterCaption::fit()
{
    if (fitting_)
        return;
    fitting_ = true;
    const QMargins m = layout()->contentsMargins();
    const int width = std::max(100, (parentWidget() ? parentWidget()->width() : this->width()) - m.left() - m.right());
    const int footerPixels = std::max(minTextPixels, qRound(preferredPixels_ * 0.7));
    progress_->setFont(sized(font(), footerPixels));
    hint_->setFont(sized(font(), footerPixels));
    const int footer = std::max(progress_->sizeHint().height(), hint_->sizeHint().height());
    const int room = qRound(maxHeight_) - m.top() - m.bottom() - layout()->spacing() - footer;
    // The largest size, from the screen's down, at which the whole text fits the room.
    int pixels = qRound(preferredPixels_);
    for (; pixels > minTextPixels; --pixels) {
        text_->setFont(sized(font(), pixels));
        if (text_->heightForWidth(width) <= room)
            break;
    }
    text_->setFont(sized(font(), pixels));
    const int textHeight = text_->isVisible() ? text_->heightForWidth(width) : 0;
    // Never cut: a text too long even at the smallest size takes the height it needs.
    setFixedHeight(m.top() + m.bottom() + layout()->spacing() + footer + textHeight);
    fitting_ = false;
}

} // namespace gs
