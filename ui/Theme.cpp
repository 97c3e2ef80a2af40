#include "ui/Theme.h"

#include "ui/PaletteCanon.h"

#include <QApplication>
#include <QFont>
#include <QIcon>
#include <QPainter>
#include <QPainterPath>
#include <QPalette>
#include <QProxyStyle>
#include <QStyle>
#include <QStyleFactory>
#include <QStyleOption>

#include <algorithm>
#include <cmath>
#include <map>
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

QColor mix(const QColor& a, const QColor& b, double t)
{
    const auto ch = [t](int x, int y) { return qRound(x + (y - x) * t); };
    return QColor(ch(a.red(), b.red()), ch(a.green(), b.green()), ch(a.blue(), b.blue()));
}

/// WCAG 2.x relative luminance and contrast ratio (1 to 21).
double luminance(const QColor& c)
{
    const auto linear = [](double v) { return v <= 0.04045 ? v / 12.92 : std::pow((v + 0.055) / 1.055, 2.4); };
    const QColor rgb = c.toRgb();
    return 0.2126 * linear(rgb.redF()) + 0.7152 * linear(rgb.greenF()) + 0.0722 * linear(rgb.blueF());
}

double contrast(const QColor& a, const QColor& b)
{
    const double la = luminance(a);
    const double lb = luminance(b);
    return (std::max(la, lb) + 0.05) / (std::min(la, lb) + 0.05);
}

/// `colour`, moved towards `towards` until it stands out by `ratio` from every one of
/// `backgrounds`, or as far as `towards` allows.
QColor standingOut(const QColor& colour, const QColor& towards, std::initializer_list<QColor> backgrounds,
                   double ratio)
{
    QColor c = colour;
    for (int step = 1; step <= 20; ++step) {
        if (std::all_of(backgrounds.begin(), backgrounds.end(), [&](const QColor& b) { return contrast(c, b) >= ratio; }))
            break;
        c = mix(colour, towards, step / 20.0);
    }
    return c;
}

/// Check box and radio button indicators that show in every palette. Fusion outlines them in
/// its Window colour darkened by 40% (less for a check box): about 1.2:1 against a dark window,
/// 1.6:1 against its own light one, and 1.35:1 with the presenter palette. No palette can fix
/// that, since the outline follows the window it is drawn on; so the indicators are drawn here,
/// from palette roles: the fill in Base, the mark in Text, and the outline in (enabled)
/// WindowText mixed into Window until it stands out from both Window and Base by 3.5:1, so that
/// it keeps WCAG's 3:1 for the boundary of a control once antialiased. A disabled indicator
/// keeps its outline (it must still be seen) and shows its state by its grey mark and label.
/// Every control, in any base style, is drawn with one palette object per set of colours
/// (PaletteCanon), so that the style's pixmap cache keys survive presenter mode's palette changes.
class LegibleStyle : public QProxyStyle {
public:
    explicit LegibleStyle(QStyle* base)
        : QProxyStyle(base)
        , fusion_(base && base->name().compare(QStringLiteral("Fusion"), Qt::CaseInsensitive) == 0)
    {
    }

    void drawPrimitive(PrimitiveElement element, const QStyleOption* option, QPainter* painter,
                       const QWidget* widget) const override
    {
        const CanonicalPaletteScope canonical(canon_, option);
        if (!fusion_) {
            QProxyStyle::drawPrimitive(element, option, painter, widget);
            return;
        }
        switch (element) {
        case PE_IndicatorCheckBox: drawIndicator(option, painter, false); return;
        case PE_IndicatorRadioButton: drawIndicator(option, painter, true); return;
        default: QProxyStyle::drawPrimitive(element, option, painter, widget); return;
        }
    }

    void drawControl(ControlElement element, const QStyleOption* option, QPainter* painter,
                     const QWidget* widget) const override
    {
        const CanonicalPaletteScope canonical(canon_, option);
        QProxyStyle::drawControl(element, option, painter, widget);
    }

    void drawComplexControl(ComplexControl control, const QStyleOptionComplex* option, QPainter* painter,
                            const QWidget* widget) const override
    {
        const CanonicalPaletteScope canonical(canon_, option);
        QProxyStyle::drawComplexControl(control, option, painter, widget);
    }

    /// The dock title bars' buttons as one icon each for the whole session. Fusion makes them
    /// anew from its built-in pictures at every call, and a dock's buttons ask again each time
    /// the dock is laid out (every lesson and presenter mode give the window its layout back):
    /// each new picture was scaled and cached under a new key, which Qt 6.4 never forgets.
    /// Fusion's pictures do not depend on the palette, the option or the widget (other styles'
    /// may: they are asked every time).
    QIcon standardIcon(StandardPixmap icon, const QStyleOption* option, const QWidget* widget) const override
    {
        if (!fusion_)
            return QProxyStyle::standardIcon(icon, option, widget);
        switch (icon) {
        case SP_TitleBarNormalButton:
        case SP_TitleBarMinButton:
        case SP_TitleBarCloseButton:
        case SP_DockWidgetCloseButton: {
            QIcon& kept = titleBarIcons_[icon];
            if (kept.isNull())
                kept = QProxyStyle::standardIcon(icon, option, widget);
            return kept;
        }
        default: return QProxyStyle::standardIcon(icon, option, widget);
        }
    }

private:
    /// Indicators and kept icons are Fusion's alone; the palette canon is for every style.
    bool fusion_ = false;
    /// The cache keys stay the same across palette changes (see PaletteCanon).
    mutable PaletteCanon canon_;
    mutable std::map<StandardPixmap, QIcon> titleBarIcons_;

    static void drawIndicator(const QStyleOption* option, QPainter* painter, bool radio)
    {
        const QPalette& pal = option->palette; // its current group follows the widget's state
        const QColor window = pal.color(QPalette::Window);
        const QColor base = pal.color(QPalette::Base);
        const QColor text = pal.color(QPalette::Text);
        const QStyle::State state = option->state;
        const QColor ink = pal.color(QPalette::Active, QPalette::WindowText);
        constexpr double ratio = 3.5;
        QColor outline = standingOut(mix(window, ink, 0.45), ink, {window, base}, ratio);
        if ((state & State_HasFocus) && (state & State_KeyboardFocusChange))
            outline = standingOut(pal.color(QPalette::Highlight), ink, {window, base}, ratio);
        const QColor fill = (state & State_Sunken) ? mix(base, text, 0.15) : base;

        const QRectF r = QRectF(option->rect);
        const double side = std::floor(std::min(r.width(), r.height()));
        const double pen = std::max(1, qRound(side / 12.0));
        const QPointF corner(std::floor(r.center().x() - side / 2), std::floor(r.center().y() - side / 2));
        // The pen's middle on half pixels (odd widths) or whole ones (even): crisp edges.
        const QRectF box = QRectF(corner, QSizeF(side, side)).adjusted(pen / 2, pen / 2, -pen / 2, -pen / 2);
        // A radio button's ring is filled rather than stroked (a thin antialiased circle comes out
        // faint), its centre on a pixel's centre (an odd diameter) to keep its extremes crisp.
        const double diameter = 2 * std::floor((side - 1) / 2) + 1;
        const QPointF centre = corner + QPointF(diameter, diameter) / 2;

        painter->save();
        painter->setRenderHint(QPainter::Antialiasing, true);
        if (radio) {
            painter->setPen(Qt::NoPen);
            painter->setBrush(outline);
            painter->drawEllipse(centre, diameter / 2, diameter / 2);
            painter->setBrush(fill);
            painter->drawEllipse(centre, diameter / 2 - pen, diameter / 2 - pen);
        } else {
            painter->setPen(QPen(outline, pen));
            painter->setBrush(fill);
            painter->drawRoundedRect(box, 1.5, 1.5);
        }

        painter->setPen(Qt::NoPen);
        painter->setBrush(Qt::NoBrush);
        if (radio && (state & State_On)) {
            const double dot = diameter * 0.25;
            painter->setBrush(text);
            painter->drawEllipse(centre, dot, dot);
        } else if (!radio && (state & (State_On | State_NoChange))) {
            QPen mark(text, std::max(1.5, side * 0.15), Qt::SolidLine, Qt::RoundCap, Qt::RoundJoin);
            painter->setPen(mark);
            const auto at = [&](double x, double y) {
                return QPointF(box.left() + x * box.width(), box.top() + y * box.height());
            };
            if (state & State_NoChange) {
                painter->drawLine(at(0.25, 0.5), at(0.75, 0.5));
            } else {
                QPainterPath tick;
                tick.moveTo(at(0.22, 0.52));
                tick.lineTo(at(0.42, 0.72));
                tick.lineTo(at(0.78, 0.28));
                painter->drawPath(tick);
            }
        }
        painter->restore();
    }
};

/// `name` (a style the factory knows) under GradScope's style: legible indicators when it is
/// Fusion, the style whose indicators are drawn from the palette; stable cache keys for any.
QStyle* makeStyle(const QString& name)
{
    QStyle* style = QStyleFactory::create(name);
    return style ? legibleStyle(style) : nullptr;
}

void setDisabledText(QPalette& p, const QColor& colour)
{
    for (QPalette::ColorRole role : {QPalette::WindowText, QPalette::Text, QPalette::ButtonText})
        p.setColor(QPalette::Disabled, role, colour);
}

// Contrast (WCAG 2.x) of the palettes below, checked by tests/ui/tst_theme.cpp: every text role
// at least 4.5:1 on its background; disabled texts at least 3:1, readable from the back of a
// room yet plainly greyer than enabled text.

/// Highlight: white on it at 4.9:1 (the blue before, #3d7bd9, gave 4.2:1).
const QColor highlightBlue(0x2f, 0x6f, 0xd0);

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
    // The bevels of a dark theme (left to Fusion's light ones before: white lines on dark panels).
    p.setColor(QPalette::Light, QColor(78, 78, 82));
    p.setColor(QPalette::Midlight, QColor(62, 62, 66));
    p.setColor(QPalette::Mid, QColor(36, 36, 38));
    p.setColor(QPalette::Dark, QColor(24, 24, 26));
    p.setColor(QPalette::Shadow, QColor(10, 10, 10));
    p.setColor(QPalette::Highlight, highlightBlue);
    p.setColor(QPalette::HighlightedText, Qt::white);
    p.setColor(QPalette::Link, QColor(86, 180, 233));
    p.setColor(QPalette::LinkVisited, QColor(204, 153, 230));
    p.setColor(QPalette::PlaceholderText, QColor(150, 150, 150)); // 5.6:1 on Base
    // 4.1:1 on Window, 5.0:1 on Base.
    setDisabledText(p, QColor(140, 140, 140));
    return p;
}

/// Fusion's own palette (Fusion must be the style already), with legible disabled and
/// placeholder texts: Fusion's are 1.6:1 and 4.0:1.
QPalette lightPalette()
{
    QPalette p = QApplication::style()->standardPalette();
    p.setColor(QPalette::Highlight, highlightBlue);
    p.setColor(QPalette::HighlightedText, Qt::white);
    p.setColor(QPalette::PlaceholderText, QColor(110, 110, 110)); // 5.1:1 on Base
    // 3.4:1 on Window and on the disabled Base (Fusion's disabled Base is the Window colour).
    setDisabledText(p, QColor(128, 128, 128));
    return p;
}

} // namespace

QPalette presenterPalette()
{
    // Every role is set, so that the palette is the same over whichever theme is current. Panels
    // and buttons are a dark grey rather than black, so that a button shows where it is.
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
    p.setColor(QPalette::LinkVisited, QColor(215, 170, 255));
    p.setColor(QPalette::PlaceholderText, QColor(200, 200, 200));
    // Disabled: grey, not the enabled white it was. 5.9:1 on Window, 4.0:1 on Button.
    setDisabledText(p, QColor(160, 160, 160));
    return p;
}

QStyle* legibleStyle(QStyle* base) { return new LegibleStyle(base); }

void applyTheme(Theme theme)
{
    original();
    switch (theme) {
    case Theme::System:
        if (QStyle* style = makeStyle(original().style))
            QApplication::setStyle(style);
        else
            QApplication::setStyle(original().style);
        QApplication::setPalette(original().palette);
        break;
    case Theme::Light:
        QApplication::setStyle(makeStyle(QStringLiteral("Fusion")));
        QApplication::setPalette(lightPalette());
        break;
    case Theme::Dark:
        QApplication::setStyle(makeStyle(QStringLiteral("Fusion")));
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
