#include "ui/render/EditorStyle.h"

#include <QPalette>

#include <algorithm>
#include <array>
#include <cmath>
#include <initializer_list>

namespace gs {

namespace {

QColor mix(const QColor& a, const QColor& b, double t)
{
    const auto ch = [t](int x, int y) { return qRound(x + (y - x) * t); };
    return QColor(ch(a.red(), b.red()), ch(a.green(), b.green()), ch(a.blue(), b.blue()));
}

/// WCAG 2.x contrast ratio of two opaque colours, 1 to 21.
double contrast(const QColor& a, const QColor& b)
{
    const auto luminance = [](const QColor& c) {
        const auto linear = [](double v) { return v <= 0.04045 ? v / 12.92 : std::pow((v + 0.055) / 1.055, 2.4); };
        return 0.2126 * linear(c.redF()) + 0.7152 * linear(c.greenF()) + 0.0722 * linear(c.blueF());
    };
    const double la = luminance(a);
    const double lb = luminance(b);
    return (std::max(la, lb) + 0.05) / (std::min(la, lb) + 0.05);
}

/// Text needs 4.5:1 on what it is written on (WCAG 1.4.3).
constexpr double legible = 4.5;

bool readsOn(const QColor& ink, std::initializer_list<QColor> fills)
{
    return std::all_of(fills.begin(), fills.end(), [&](const QColor& f) { return contrast(ink, f) >= legible; });
}

/// `ink` mixed towards `towards`, by at most `limit`, until it reads on every one of `fills`.
QColor readableOn(const QColor& ink, const QColor& towards, std::initializer_list<QColor> fills, double limit)
{
    QColor c = ink;
    for (double t = 0.02; !readsOn(c, fills) && t <= limit + 1e-9; t += 0.02)
        c = mix(ink, towards, t);
    return c;
}

/// `fill` (a header tinted by its node's kind) mixed back towards the base until every one of
/// `inks` reads on it.
QColor quietEnoughFor(const QColor& fill, const QColor& base, std::initializer_list<QColor> inks)
{
    QColor c = fill;
    for (double t = 0.05; t <= 1.0 + 1e-9; t += 0.05) {
        if (std::all_of(inks.begin(), inks.end(), [&](const QColor& ink) { return contrast(ink, c) >= legible; }))
            break;
        c = mix(fill, base, t);
    }
    return c;
}

QFont font(int pixels, bool bold = false)
{
    QFont f(QStringLiteral("DejaVu Sans"));
    f.setStyleHint(QFont::SansSerif);
    f.setPixelSize(pixels);
    f.setBold(bold);
    return f;
}

/// Viridis at a few stops; linear interpolation between them is close enough for a legend.
QColor viridis(double t)
{
    static constexpr std::array<QRgb, 9> stops = {0x440154, 0x472D7B, 0x3B528B, 0x2C728E, 0x21908C,
                                                  0x27AD81, 0x5DC863, 0xAADC32, 0xFDE725};
    t = std::clamp(t, 0.0, 1.0) * (stops.size() - 1);
    const auto i = static_cast<std::size_t>(std::min<double>(std::floor(t), stops.size() - 2));
    return mix(QColor(stops[i]), QColor(stops[i + 1]), t - static_cast<double>(i));
}

EditorStyle make(const QColor& base, const QColor& text, const QColor& highlight)
{
    EditorStyle s;
    s.dark = base.lightnessF() < 0.5;
    s.canvas = mix(base, text, 0.03);
    s.nodeFill = s.dark ? mix(base, text, 0.10) : base;
    s.nodeBorder = mix(base, text, s.dark ? 0.45 : 0.55);
    s.text = text;
    s.mutedText = mix(base, text, 0.62);
    s.selection = highlight;
    s.wire = mix(base, text, s.dark ? 0.55 : 0.5);
    s.labelFill = mix(base, text, 0.03);
    s.labelFill.setAlphaF(0.88);

    const double h = s.dark ? 0.30 : 0.22; // how much of the kind's colour tints a header
    const QColor headerBase = s.dark ? mix(base, text, 0.16) : mix(base, text, 0.06);
    s.variableHeader = mix(headerBase, QColor(0x0072B2), h);
    s.constantHeader = mix(headerBase, QColor(0x999999), h);
    s.inputHeader = mix(headerBase, QColor(0x009E73), h);
    s.opHeader = headerBase;
    s.customHeader = mix(headerBase, QColor(0xCC79A7), h + 0.1);
    s.bodyHeader = mix(headerBase, QColor(0xCC79A7), h * 0.5);

    // The title (text) and the subtitle (mutedText) are written on the headers, values and port
    // names on the fill, comments and group titles on the canvas: all at 4.5:1 at least. The
    // muted text moves towards the text, at most 30% of the way so that it stays muted; a header
    // whose tint is still too strong for it is tinted less.
    s.mutedText = readableOn(s.mutedText, text, {s.nodeFill, s.canvas, s.opHeader, s.variableHeader, s.constantHeader,
                                                 s.inputHeader, s.customHeader, s.bodyHeader},
                             0.3);
    for (QColor* header : {&s.variableHeader, &s.constantHeader, &s.inputHeader, &s.opHeader, &s.customHeader,
                           &s.bodyHeader})
        *header = quietEnoughFor(*header, base, {s.text, s.mutedText});

    s.target = QColor(0xE69F00);
    s.source = s.dark ? QColor(0x56B4E9) : QColor(0x0072B2);
    s.nonfinite = QColor(0xD55E00);
    // Grey writes "None" on nodes and wire labels, and is the fill of the "no gradient" pill
    // (white ink on a light canvas, black on a dark one): 4.5:1 against the fill and the canvas.
    s.blocked = readableOn(mix(base, text, 0.42), text, {s.nodeFill, s.canvas}, 1.0);
    s.active = QColor(0x56B4E9);
    s.refused = QColor(0xD55E00);
    s.tangent = s.dark ? QColor(0xd4, 0xb3, 0xff) : QColor(0x6a, 0x3d, 0x9a);

    s.titleFont = font(14, true);
    s.textFont = font(12);
    s.valueFont = font(15, true);
    s.smallFont = font(11);
    return s;
}

} // namespace

EditorStyle EditorStyle::fromPalette(const QPalette& palette)
{
    return make(palette.color(QPalette::Base), palette.color(QPalette::Text), palette.color(QPalette::Highlight));
}

EditorStyle EditorStyle::light() { return make(QColor(255, 255, 255), QColor(20, 20, 20), QColor(0x3D7BD9)); }

EditorStyle EditorStyle::darkStyle() { return make(QColor(36, 36, 38), QColor(232, 232, 232), QColor(0x3D7BD9)); }

EditorStyle EditorStyle::forPresentation(double textPixels) const
{
    EditorStyle s = *this;
    const auto sized = [](QFont f, double pixels) {
        f.setPixelSize(std::max(1, qRound(pixels)));
        return f;
    };
    // Close in size: every size above the smallest widens the nodes, and so lowers the zoom that
    // fits the graph on the screen and with it the smallest text; bold tells titles and values.
    s.smallFont = sized(smallFont, textPixels);
    s.textFont = sized(textFont, textPixels);
    s.titleFont = sized(titleFont, textPixels);
    s.valueFont = sized(valueFont, textPixels);
    s.noneCallouts = false;
    s.labelAir = -1.0;
    s.headerGap = 4.0;
    s.rowGap = 3.0;
    s.minWireWidth = 3.5;
    s.maxWireWidth = 16.0;
    return s;
}

double EditorStyle::smallestNodeText() const
{
    double smallest = 1e9;
    for (const QFont* f : {&titleFont, &textFont, &valueFont, &smallFont})
        smallest = std::min(smallest, f->pixelSize() > 0 ? double(f->pixelSize()) : f->pointSizeF() * 96.0 / 72.0);
    return smallest;
}

QColor EditorStyle::gradientColour(double t) const
{
    t = std::clamp(t, 0.0, 1.0);
    return dark ? viridis(0.22 + 0.78 * t) : viridis(0.82 - 0.82 * t);
}

} // namespace gs
