#pragma once

#include "engine/core/Tensor.h"

#include <QColor>
#include <QRectF>

class QPainter;

namespace gs {

/// A colour for `value` on a diverging blue-white-red scale symmetric around zero, saturated at
/// +-`limit`: the sign of a weight or a gradient reads at a glance, and zero is neutral.
QColor divergingColour(double value, double limit);

/// The largest |element| of `t` (0 for an empty tensor), ignoring NaN.
double maxAbs(const Tensor& t);

/// Paints `t` as a grid of cells in `rect`, one cell per element, scaled to +-maxAbs(t). A
/// column-shaped matrix (more rows than columns, like the (30, 1) kernel of Dense(1)) is drawn
/// transposed so that it lies along the layer box; vectors are one row. Non-finite cells are
/// hatched.
void paintHeatmap(QPainter& painter, const QRectF& rect, const Tensor& t);

/// The (rows, columns) the heatmap of `t` shows, after the transposition described above.
QSize heatmapCells(const Tensor& t);

} // namespace gs
