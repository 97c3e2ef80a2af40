#pragma once

#include <QColor>

class QPainter;
class QPalette;
class QRectF;

namespace gs {

/// Colours and spacing of the editor canvas: a background a shade off the palette's base colour,
/// with a fine and a coarse grid. Derived from the palette, so a dark theme gets a dark canvas.
struct CanvasStyle {
    QColor background;
    QColor minorLine;
    QColor majorLine;
    double minorSpacing = 20.0;   ///< scene units between fine grid lines
    int majorEvery = 5;           ///< every n-th fine line is a coarse one
    double minPixelSpacing = 8.0; ///< fine lines closer than this on screen are not drawn

    static CanvasStyle fromPalette(const QPalette& palette);

    /// Paints the background and grid over `exposed` (scene coordinates) at the given zoom.
    void paint(QPainter& painter, const QRectF& exposed, double zoom) const;
};

} // namespace gs
