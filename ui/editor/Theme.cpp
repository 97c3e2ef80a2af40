#include "ui/editor/Theme.h"

#include <QApplication>
#include <QFont>
#include <QPalette>
#include <QStyle>

#include <optional>

namespace gs {

namespace {

struct Original {
    QString style;
    QPalette palette;
    QFont font;
};

/// What the application looked like before GradScope changed it.
const Original& original()
{
    static const Original o{QApplication::style()->name(), QApplication::palette(), QApplication::font()};
    return o;
}

double& currentScale()
{
    static double scale = 1.0;
    return scale;
}

QPalette darkPalette()
{
    QPalette p;
    const QColor window(45, 45, 48);
    const QColor base(30, 30, 32);
    const QColor text(232, 232, 232);
    p.setColor(QPalette::Window, window);
    p.setColor(QPalette::WindowText, text);
    p.setColor(QPalette::Base, base);
    p.setColor(QPalette::AlternateBase, window);
    p.setColor(QPalette::ToolTipBase, window);
    p.setColor(QPalette::ToolTipText, text);
    p.setColor(QPalette::Text, text);
    p.setColor(QPalette::Button, window);
    p.setColor(QPalette::ButtonText, text);
    p.setColor(QPalette::BrightText, QColor(255, 120, 80));
    p.setColor(QPalette::Highlight, QColor(61, 123, 217));
    p.setColor(QPalette::HighlightedText, Qt::white);
    p.setColor(QPalette::Link, QColor(86, 180, 233));
    p.setColor(QPalette::PlaceholderText, QColor(150, 150, 150));
    p.setColor(QPalette::Disabled, QPalette::Text, QColor(130, 130, 130));
    p.setColor(QPalette::Disabled, QPalette::WindowText, QColor(130, 130, 130));
    p.setColor(QPalette::Disabled, QPalette::ButtonText, QColor(130, 130, 130));
    return p;
}

/// Fusion's own palette (Fusion must be the style already).
QPalette lightPalette()
{
    QPalette p = QApplication::style()->standardPalette();
    p.setColor(QPalette::Highlight, QColor(61, 123, 217));
    return p;
}

} // namespace

void applyTheme(Theme theme)
{
    original();
    switch (theme) {
    case Theme::System:
        QApplication::setStyle(original().style);
        QApplication::setPalette(original().palette);
        break;
    case Theme::Light:
        QApplication::setStyle(QStringLiteral("Fusion"));
        QApplication::setPalette(lightPalette());
        break;
    case Theme::Dark:
        QApplication::setStyle(QStringLiteral("Fusion"));
        QApplication::setPalette(darkPalette());
        break;
    }
}

void setPresenterScale(double scale)
{
    QFont font = original().font;
    if (font.pointSizeF() > 0)
        font.setPointSizeF(font.pointSizeF() * scale);
    else
        font.setPixelSize(qRound(font.pixelSize() * scale));
    currentScale() = scale;
    QApplication::setFont(font);
}

double presenterScale() { return currentScale(); }

} // namespace gs
