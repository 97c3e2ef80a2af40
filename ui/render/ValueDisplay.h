#pragma once

#include <QImage>
#include <QString>
#include <QStringList>

namespace gs {

class Tensor;

/// How a node shows a tensor: a scalar as a number (gs::formatNumber, the same text the command
/// line prints), a small tensor as a compact table, anything larger as a heatmap thumbnail.
struct ValueDisplay {
    enum class Kind { None, Scalar, Table, Heatmap };
    static constexpr int maxTableRows = 4;
    static constexpr int maxTableColumns = 4;

    Kind kind = Kind::None;
    QString text;        ///< Scalar: the number; Heatmap: "min .. max"
    int rows = 0;        ///< Table
    int columns = 0;     ///< Table
    QStringList cells;   ///< Table, row-major
    QImage heatmap;      ///< Heatmap: one pixel per element
    QString shape;       ///< "(3, 4)"; empty for scalars
    bool nonfinite = false;

    static ValueDisplay of(const Tensor& tensor);
};

/// A number short enough for a table cell or a wire label (at most 5 significant digits).
QString shortNumber(double value);
/// A tensor in one short line: `36.0`, `[1.0, 2.0, 3.0]` or `(20, 30) max 4.5` when longer.
QString compactTensor(const Tensor& tensor, int maxElements = 4);
/// The largest finite absolute element, or -1 when there is none.
double maxFiniteMagnitude(const Tensor& tensor);
bool hasNonfinite(const Tensor& tensor);

} // namespace gs
