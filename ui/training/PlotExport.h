#pragma once

#include <QString>

class QCustomPlot;

namespace gs {

/// Saves `plot` as PNG (at `scale` pixels per point), SVG or PDF, chosen by the file's
/// extension, at its shown size but never smaller than 640 x 400. QCustomPlot has no SVG writer
/// of its own: SVG is painted through a QSvgGenerator.
bool exportCustomPlot(QCustomPlot* plot, const QString& fileName, double scale,
                      QString* error = nullptr);

} // namespace gs
