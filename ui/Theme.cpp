#include "ui/Theme.h"

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

QPalette presenterPalette()
{
    // Panels and buttons are a dark grey rather than black, so that Fusion's outlines (derived
    // from them) still show where a check box or a field is.
    QPalette p;
    const QColor black(0, 0, 0);
    const QColor white(255, 255, 255);
    p.setColor(QPalette::Window, QColor(36, 36, 36));
    p.setColor(QPalette::Button, QColor(64, 64, 64));
    p.setColor(QPalette::Base, black);
    p.setColor(QPalette::AlternateBase, QColor(24, 24, 24));
    p.setColor(QPalette::ToolTipBase, black);
    for (QPalette::ColorRole role : {QPalette::WindowText, QPalette::Text, QPalette::ButtonText, QPalette::ToolTipText,
                                     QPalette::BrightText})
        p.setColor(role, white);
    p.setColor(QPalette::Light, QColor(230, 230, 230));
    p.setColor(QPalette::Midlight, QColor(200, 200, 200));
    p.setColor(QPalette::Mid, QColor(170, 170, 170));
    p.setColor(QPalette::Dark, QColor(150, 150, 150));
    p.setColor(QPalette::Shadow, QColor(120, 120, 120));
    p.setColor(QPalette::Highlight, QColor(255, 214, 0));
    p.setColor(QPalette::HighlightedText, black);
    p.setColor(QPalette::Link, QColor(120, 200, 255));
    p.setColor(QPalette::PlaceholderText, QColor(200, 200, 200));
    return p;
}

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
